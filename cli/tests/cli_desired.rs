//! `plan`, `apply` and `export` against the simulator: the example document, exit statuses
//! (`--detailed-exitcode` on drift), the question on a terminal and the refusal without one,
//! saved and stale plans, JSON output, export round trip, secrets, and document mistakes.

mod common;

use std::path::{Path, PathBuf};

use common::{json, run, run_expecting, stderr, stdout, Sim, TestCert};
use serde_json::Value;
use sso_connections::saas::{ConnectionUpdate, IdpId, SaasClient, SharedSettings};

const CRM: &str = "6964005a-6270-4a88-9ddc-0e6a4e05e51d";

fn example() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/customers.toml")
}

/// A folder with a document of two SaaS customers (certificate files beside it).
fn customers(dir: &Path) -> PathBuf {
    let certificate = TestCert::ending_in("idp", 400);
    certificate.write_pem(dir, "idp.pem");
    let text = format!(
        r#"[saas.applications]
crm = "{CRM}"

[saas.connections."acme.example"]
email = "it@acme.example"
entity_id = "https://idp.acme.example"
sso_endpoint = "https://idp.acme.example/sso"
signing_certificate_file = "idp.pem"
applications = [{{ application = "crm" }}]

[saas.connections."globex.example"]
email = "it@globex.example"
entity_id = "https://idp.globex.example"
sso_endpoint = "https://idp.globex.example/sso"
signing_certificate_file = "idp.pem"
applications = [{{ application = "crm", enabled = false }}]
"#
    );
    let path = dir.join("customers.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_example_document_plans_against_the_bundled_simulator() {
    let output = run_expecting(common::bare().args(["plan", example(), "--simulator"]), 0);
    let text = stdout(&output);
    assert!(
        text.contains("saas idpId acme.example\n  + create application(s) crm ("),
        "{text}"
    );
    assert!(text.contains("pingone 4f0c6a2e-1b7d-4c3a-9e58-2d6b0f1a7c93 identity provider \"Globex SAML\"\n  + create\n"));
    assert!(text.ends_with(
        "Plan: 4 to create, 0 to update, 1 to enable or disable, 0 to delete; 1 resources unchanged.\n"
    ), "{text}");
    run_expecting(
        common::bare().args(["plan", example(), "--simulator", "--detailed-exitcode"]),
        2,
    );

    let output = run_expecting(
        common::bare().args(["--output", "json", "plan", example(), "--simulator"]),
        0,
    );
    let plan = json(&output);
    assert_eq!(plan["format"], 1);
    let kinds: Vec<&str> = plan["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["resource"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "saas_idp",
            "saas_idp",
            "pingone_identity_provider",
            "auth0_profile"
        ]
    );
    assert_eq!(plan["unchanged"], 1);

    let output = run_expecting(
        common::bare().args(["--output", "ndjson", "plan", example(), "--simulator"]),
        0,
    );
    let lines = common::json_lines(&output);
    assert_eq!(lines.len(), 5, "one line per change");
    assert_eq!(lines[1]["action"], "disable");
}

#[test]
fn plan_apply_and_drift_with_exit_statuses() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let document = customers(dir.path());
    let doc = path(&document);

    run_expecting(sim.cli().args(["plan", doc, "--detailed-exitcode"]), 2);
    let output = run_expecting(sim.cli().args(["apply", doc, "--auto-approve"]), 0);
    let text = stdout(&output);
    assert!(
        text.contains("ok       saas idpId globex.example disable application crm ("),
        "{text}"
    );
    assert!(
        text.ends_with("Apply: 3 change(s), 0 failed, 0 skipped.\n"),
        "{text}"
    );
    let output = run_expecting(sim.cli().args(["plan", doc, "--detailed-exitcode"]), 0);
    assert!(stdout(&output).starts_with("No changes. 2 resources match the document"));

    // Someone moves acme's SSO endpoint in the admin console.
    let s = &sim.simulator;
    let client = SaasClient::builder(s.client_id(), s.client_secret())
        .base_url(s.saas_base_url())
        .build()
        .unwrap();
    let moved = SharedSettings::builder()
        .sso_endpoint("https://moved.example/sso")
        .build()
        .unwrap();
    sim.block_on(client.connections().update(
        &IdpId::new("acme.example").unwrap(),
        &ConnectionUpdate::settings(moved),
    ))
    .unwrap();
    let output = run_expecting(sim.cli().args(["plan", doc, "--detailed-exitcode"]), 2);
    assert!(stdout(&output).contains(
        "saas idpId acme.example\n  ~ update\n      sso_endpoint: \"https://moved.example/sso\" -> \"https://idp.acme.example/sso\"\n"
    ), "{}", stdout(&output));

    let output = run_expecting(
        sim.cli()
            .args(["--output", "json", "apply", doc, "--auto-approve"]),
        0,
    );
    let report = json(&output);
    assert_eq!(report["changes"][0]["action"], "update");
    assert_eq!(report["changes"][0]["result"]["status"], "applied");
    assert_eq!(report["changes"][0]["result"]["outcome"], "done");
    run_expecting(sim.cli().args(["plan", doc, "--detailed-exitcode"]), 0);
}

#[test]
fn apply_asks_on_a_terminal_and_refuses_without_one() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let document = customers(dir.path());
    let doc = path(&document);

    let output = run_expecting(sim.cli().args(["apply", doc]), 1);
    assert!(stderr(&output).starts_with(
        "error: nothing was applied: standard input is not a terminal, so nobody can be asked\n"
    ), "{}", stderr(&output));
    assert!(stderr(&output).contains("--auto-approve"));
    assert_eq!(
        sim.simulator.saas_connection_count(),
        0,
        "nothing was applied"
    );

    let env = [
        ("PINGONE_SAAS_BASE_URL", sim.simulator.saas_base_url()),
        (
            "PINGONE_SAAS_CLIENT_ID",
            sim.simulator.client_id().to_owned(),
        ),
        (
            "PINGONE_SAAS_CLIENT_SECRET",
            sim.simulator.client_secret().to_owned(),
        ),
        ("HOME", "/nonexistent-home-for-tests".to_owned()),
    ];
    let args = format!("apply {doc}");
    let Some(screen) = common::under_terminal_with(&args, "no\n", &env) else {
        eprintln!("SKIPPED: `script` (util-linux) is not installed; no terminal check");
        return;
    };
    assert!(
        screen.contains("Apply these 3 change(s)? Only 'yes' applies:"),
        "{screen}"
    );
    assert!(
        screen.contains("nothing was applied: the answer was \"no\""),
        "{screen}"
    );
    assert_eq!(sim.simulator.saas_connection_count(), 0);

    let screen = common::under_terminal_with(&args, "yes\n", &env).unwrap();
    assert!(
        screen.contains("Apply: 3 change(s), 0 failed, 0 skipped."),
        "{screen}"
    );
    assert_eq!(sim.simulator.saas_connection_count(), 2);
}

#[test]
fn a_saved_plan_applies_and_a_stale_one_is_refused() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let document = customers(dir.path());
    let saved = dir.path().join("plan.json");
    run_expecting(
        sim.cli()
            .args(["plan", path(&document), "--out", path(&saved)]),
        0,
    );
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(plan["resources"].as_array().unwrap().len(), 2);
    run_expecting(
        sim.cli()
            .args(["apply", "--plan-file", path(&saved), "--auto-approve"]),
        0,
    );
    assert_eq!(sim.simulator.saas_connection_count(), 2);

    // A plan made, then overtaken by a change behind its back.
    let stale = dir.path().join("stale.json");
    std::fs::write(
        &document,
        std::fs::read_to_string(&document)
            .unwrap()
            .replace("enabled = false", "enabled = true"),
    )
    .unwrap();
    run_expecting(
        sim.cli()
            .args(["plan", path(&document), "--out", path(&stale)]),
        0,
    );
    let s = &sim.simulator;
    let client = SaasClient::builder(s.client_id(), s.client_secret())
        .base_url(s.saas_base_url())
        .build()
        .unwrap();
    sim.block_on(
        client
            .connections()
            .delete_all(&IdpId::new("globex.example").unwrap()),
    )
    .unwrap();
    let output = run_expecting(
        sim.cli()
            .args(["apply", "--plan-file", path(&stale), "--auto-approve"]),
        1,
    );
    let err = stderr(&output);
    assert!(err.starts_with("error: the plan is stale: saas idpId globex.example changed since it was made; nothing was applied, plan again\n"), "{err}");
    assert!(err.contains("hint: someone changed these resources since the plan was made"));
}

#[test]
fn export_writes_a_document_that_plans_to_nothing() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let document = customers(dir.path());
    run_expecting(
        sim.cli().args(["apply", path(&document), "--auto-approve"]),
        0,
    );

    let exported = dir.path().join("exported.toml");
    let output = run_expecting(
        sim.cli().args([
            "export",
            "--idp",
            "acme.example",
            "--idp",
            "globex.example",
            "--idp",
            "nobody.example",
            "--application",
            &format!("crm={CRM}"),
            "--out",
            path(&exported),
        ]),
        0,
    );
    assert_eq!(
        stderr(&output),
        "note: saas idpId nobody.example has no connections; not exported\n"
    );
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(
        text.contains("[saas.connections.\"globex.example\"]"),
        "{text}"
    );
    assert!(text.contains("enabled = false"), "{text}");
    let output = run_expecting(
        sim.cli()
            .args(["plan", path(&exported), "--detailed-exitcode"]),
        0,
    );
    assert!(stdout(&output).starts_with("No changes. 2 resources match the document"));

    let output = run_expecting(
        sim.cli()
            .args(["--output", "json", "export", "--idp", "acme.example"])
            .args(["--application", &format!("crm={CRM}")]),
        0,
    );
    assert_eq!(
        json(&output)["saas"]["connections"]["acme.example"]["applications"][0]["application"],
        "crm"
    );
}

#[test]
fn secrets_named_by_the_document_never_show_even_with_debug() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let secret = "okta-client-secret-in-the-environment";
    let text = format!(
        r#"[pingone."{}".identity_providers."Okta"]
type = "OPENID_CONNECT"
issuer = "https://okta.example"
authorization_endpoint = "https://okta.example/authorize"
token_endpoint = "https://okta.example/token"
jwks_endpoint = "https://okta.example/keys"
client_id = "pingone"
client_secret_env = "OKTA_SECRET_FOR_TEST"
scopes = ["openid"]
token_endpoint_auth_method = "CLIENT_SECRET_BASIC"
"#,
        common::ENVIRONMENT
    );
    let document = dir.path().join("okta.toml");
    std::fs::write(&document, text).unwrap();
    let doc = path(&document);

    let output = run_expecting(sim.cli().args(["plan", doc]), 1);
    let err = stderr(&output);
    assert!(
        err.contains("the environment variable OKTA_SECRET_FOR_TEST is not set"),
        "{err}"
    );
    assert!(
        err.contains("hint: nothing was changed: fix `client_secret_env`"),
        "{err}"
    );

    for args in [
        vec!["--debug", "plan", doc],
        vec!["--debug", "--output", "json", "plan", doc],
        vec!["--debug", "apply", doc, "--auto-approve"],
        vec!["--debug", "plan", doc, "--detailed-exitcode"],
    ] {
        let output = run(sim.cli().env("OKTA_SECRET_FOR_TEST", secret).args(&args));
        for text in [stdout(&output), stderr(&output)] {
            assert!(!text.contains(secret), "{args:?} shows the secret:\n{text}");
        }
    }
    let output = run(sim
        .cli()
        .env("OKTA_SECRET_FOR_TEST", secret)
        .args(["plan", doc]));
    assert!(
        stdout(&output).starts_with("No changes."),
        "{}",
        stdout(&output)
    );
}

#[test]
fn document_mistakes_and_missing_credentials_are_errors_with_hints() {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("bad.toml");
    std::fs::write(&document, "[saas.connections.\"acme\"]\nemial = \"x\"\n").unwrap();
    let output = run_expecting(
        common::bare().args(["plan", path(&document), "--simulator"]),
        1,
    );
    let err = stderr(&output);
    assert!(err.contains("unknown field `emial`"), "{err}");
    assert!(err.contains("hint: fix the document where shown"), "{err}");

    let good = customers(dir.path());
    let output = run_expecting(common::bare().args(["plan", path(&good)]), 1);
    assert!(
        stderr(&output).contains("set the environment variable PINGONE_SAAS_CLIENT_ID"),
        "{}",
        stderr(&output)
    );
    let output = run_expecting(common::bare().args(["apply", "--auto-approve"]), 2);
    assert!(
        stderr(&output).contains("required arguments were not provided"),
        "a usage error: {}",
        stderr(&output)
    );
}

#[test]
fn the_plan_shows_progress_on_a_terminal_only() {
    let args = format!("--simulator plan {}", example());
    match common::under_terminal(&args, "") {
        Some(screen) => {
            assert!(screen.contains("planning ["), "{screen}");
            assert!(screen.contains("5/5"), "{screen}");
        }
        None => eprintln!("SKIPPED: `script` (util-linux) is not installed; no terminal check"),
    }
    let output = run_expecting(common::bare().args(args.split(' ')).env("TERM", "xterm"), 0);
    assert!(!stderr(&output).contains("planning"), "{}", stderr(&output));
}
