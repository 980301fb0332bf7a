//! `saas` commands against the simulator: the whole lifecycle, onboarding from a metadata
//! file and URL, input refused before any request, and usage errors.

mod common;

use predicates::prelude::*;

use common::{json, json_lines, run, run_expecting, stderr, stdout, Sim, TestCert};
use serde_json::json;
use sso_connections_simulator::catalogue::CRM;

const ENTITY: &str = "https://idp.acme.example";

fn create_acme(sim: &Sim, certificate: &std::path::Path) -> serde_json::Value {
    let output = run_expecting(
        sim.cli()
            .args(["-o", "json", "saas", "create", "acme"])
            .args([
                "--email",
                "it@acme.example",
                "--entity-id",
                ENTITY,
                "--sso-endpoint",
                "https://idp.acme.example/sso",
                "--slo-endpoint",
                "https://idp.acme.example/slo",
                "--certificate",
                certificate.to_str().unwrap(),
            ]),
        0,
    );
    json(&output)
}

#[test]
fn the_lifecycle_of_a_customer_connection() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let cert = TestCert::ending_in("acme", 200);
    let pem = cert.write_pem(dir.path(), "acme.pem");

    assert_eq!(
        create_acme(&sim, &pem),
        json!({"resource": "saas_connection", "id": "acme", "application": null,
               "action": "create", "result": "created"})
    );
    let connected = sim.simulator.saas_connection_count();
    assert!(connected >= 2, "every eligible application: {connected}");

    // get: one JSON array, one object per connection, field by field.
    let list = json(&run_expecting(
        sim.cli().args(["-o", "json", "saas", "get", "acme"]),
        0,
    ));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), connected);
    for connection in list {
        assert_eq!(connection["idp_id"], "acme");
        assert_eq!(connection["email"], "it@acme.example");
        assert_eq!(connection["entity_id"], ENTITY);
        assert_eq!(connection["sso_endpoint"], "https://idp.acme.example/sso");
        assert_eq!(connection["slo_endpoint"], "https://idp.acme.example/slo");
        assert!(connection["multiplexed"].is_boolean());
        assert!(connection["status"].is_string());
        let certificate = &connection["certificate"];
        assert_eq!(certificate["subject"], "CN=acme");
        assert_eq!(certificate["sha256"].as_str().unwrap().len(), 64);
        assert!(certificate["not_after"].as_str().unwrap().ends_with('Z'));
    }

    // The same as ndjson, and as a table.
    let lines = json_lines(&run_expecting(
        sim.cli().args(["-o", "ndjson", "saas", "get", "acme"]),
        0,
    ));
    assert_eq!(lines.len(), connected);
    assert_eq!(lines[0]["entity_id"], ENTITY);
    let table = stdout(&run_expecting(sim.cli().args(["saas", "get", "acme"]), 0));
    let mut rows = table.lines();
    assert!(rows.next().unwrap().starts_with("ENTITY_ID"), "{table}");
    assert_eq!(rows.filter(|r| r.starts_with(ENTITY)).count(), connected);

    // One application's connection.
    let crm = CRM.to_string();
    let one = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "saas", "get", "acme", "--application", &crm]),
        0,
    ));
    assert_eq!(one["idp_id"], "acme");
    assert_eq!(one["application"], crm);
    assert_eq!(one["match"], "found");
    assert_eq!(one["connection"]["entity_id"], ENTITY);

    // update: shared settings, then multiplexed for one application.
    let updated = json(&run_expecting(
        sim.cli().args([
            "-o",
            "json",
            "saas",
            "update",
            "acme",
            "--sso-endpoint",
            "https://idp.acme.example/sso/v2",
            "--clear-slo-endpoint",
        ]),
        0,
    ));
    assert_eq!(updated["action"], "update");
    assert_eq!(updated["result"], "updated");
    let list = json(&run_expecting(
        sim.cli().args(["-o", "json", "saas", "get", "acme"]),
        0,
    ));
    for connection in list.as_array().unwrap() {
        assert_eq!(
            connection["sso_endpoint"],
            "https://idp.acme.example/sso/v2"
        );
        assert!(
            connection["slo_endpoint"].is_null() || connection["slo_endpoint"] == "",
            "{connection}"
        );
    }
    run_expecting(
        sim.cli().args([
            "saas",
            "update",
            "acme",
            "--multiplexed",
            "false",
            "--application",
            &crm,
        ]),
        0,
    );
    let one = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "saas", "get", "acme", "--application", &crm]),
        0,
    ));
    assert_eq!(one["connection"]["multiplexed"], false);

    // disable twice (the second changes nothing), enable.
    let state = |action: &str| {
        let output = run_expecting(
            sim.cli()
                .args(["-o", "json", "saas", action, "acme", "--application", &crm]),
            0,
        );
        let change = json(&output);
        assert_eq!(change["action"], action);
        assert_eq!(change["application"], crm.as_str());
        change["result"].as_str().unwrap().to_owned()
    };
    assert_eq!(state("disable"), "changed");
    assert_eq!(state("disable"), "unchanged");
    assert_eq!(state("enable"), "changed");
    let table = stdout(&run_expecting(
        sim.cli().args(["saas", "enable", "acme"]),
        0,
    ));
    assert!(
        table.contains("saas_connection acme: enable -> "),
        "{table}"
    );

    // delete one application's connection, then all, then nothing is left.
    let deleted = json(&run_expecting(
        sim.cli().args([
            "-o",
            "json",
            "saas",
            "delete",
            "acme",
            "--application",
            &crm,
        ]),
        0,
    ));
    assert_eq!(deleted["result"], "deleted");
    assert_eq!(sim.simulator.saas_connection_count(), connected - 1);
    let deleted = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "saas", "delete", "acme", "--all"]),
        0,
    ));
    assert_eq!(deleted["result"], "deleted");
    assert_eq!(sim.simulator.saas_connection_count(), 0);
    let again = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "saas", "delete", "acme", "--all"]),
        0,
    ));
    assert_eq!(again["result"], "not_found");

    let missing = run_expecting(sim.cli().args(["saas", "get", "acme"]), 1);
    let err = stderr(&missing);
    assert!(err.starts_with("error: not found"), "{err}");
    assert!(err.contains("hint: it does not exist"), "{err}");
    assert!(stdout(&missing).is_empty());
}

#[test]
fn input_the_library_refuses_is_a_typed_error_before_any_request() {
    let sim = Sim::start();
    // No certificate: a create needs one.
    let output = run_expecting(
        sim.cli().args([
            "saas",
            "create",
            "acme",
            "--email",
            "it@acme.example",
            "--entity-id",
            ENTITY,
            "--sso-endpoint",
            "https://idp.acme.example/sso",
        ]),
        1,
    );
    let err = stderr(&output);
    assert!(err.starts_with("error: invalid input"), "{err}");
    assert!(
        err.contains("hint: nothing was sent: fix the value of `"),
        "{err}"
    );
    assert_eq!(sim.simulator.saas_connection_count(), 0);

    // An idpId that cannot be one.
    let output = run_expecting(sim.cli().args(["saas", "get", "a/b"]), 1);
    assert!(
        stderr(&output).contains("fix the value of `idpId`"),
        "{}",
        stderr(&output)
    );

    // An update that sets nothing.
    let output = run_expecting(sim.cli().args(["saas", "update", "acme"]), 1);
    assert!(
        stderr(&output).contains("fix the value of `update`"),
        "{}",
        stderr(&output)
    );

    // A certificate file that is not a certificate.
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let output = run_expecting(
        sim.cli()
            .args(["saas", "update", "acme", "--certificate"])
            .arg(&junk),
        1,
    );
    assert!(
        stderr(&output).contains("nothing was sent"),
        "{}",
        stderr(&output)
    );

    // A file that does not exist.
    let output = run_expecting(
        sim.cli()
            .args(["saas", "update", "acme", "--certificate"])
            .arg(dir.path().join("missing.pem")),
        1,
    );
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );
    assert_eq!(sim.simulator.saas_connection_count(), 0);
}

#[test]
fn usage_errors_exit_with_status_2() {
    let sim = Sim::start();
    for args in [
        vec!["saas", "delete", "acme"],
        vec![
            "saas",
            "delete",
            "acme",
            "--all",
            "--application",
            &CRM.to_string(),
        ],
        vec!["saas", "update", "acme", "--application", &CRM.to_string()],
        vec!["saas", "get", "acme", "--application", "not-a-uuid"],
        vec!["saas", "create", "acme", "--multiplexed", "maybe"],
        vec!["saas", "frobnicate"],
        vec!["--output", "xml", "saas", "get", "acme"],
        vec![],
    ] {
        sim.cli()
            .args(&args)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("--help"));
    }
}

#[test]
fn onboarding_from_a_metadata_file_and_from_a_url() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let cert = TestCert::ending_in("acme-idp", 300);
    let file = dir.path().join("acme.xml");
    std::fs::write(&file, common::metadata(ENTITY, &cert)).unwrap();

    let onboard = |idp: &str, source: &str, extra: &[&str]| {
        let mut command = sim.cli();
        command
            .args(["-o", "json", "saas", "onboard", idp, "--metadata", source])
            .args(["--email", "it@acme.example"])
            .args(extra);
        run(&mut command)
    };

    let output = onboard("acme", file.to_str().unwrap(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let done = json(&output);
    assert_eq!(done["idp_id"], "acme");
    assert_eq!(done["applied"], "created");
    assert_eq!(done["chosen"]["entity_id"], ENTITY);
    assert_eq!(done["chosen"]["sso"]["location"], format!("{ENTITY}/sso"));
    assert_eq!(done["chosen"]["certificate"]["subject"], "CN=acme-idp");
    assert!(done["chosen"]["notes"].is_array());
    let list = json(&run_expecting(
        sim.cli().args(["-o", "json", "saas", "get", "acme"]),
        0,
    ));
    assert_eq!(list[0]["sso_endpoint"], format!("{ENTITY}/sso"));
    assert_eq!(
        list[0]["certificate"]["sha256"],
        done["chosen"]["certificate"]["sha256"]
    );

    // The second time, the connections exist: they are updated.
    let again = json(&onboard("acme", file.to_str().unwrap(), &[]));
    assert_eq!(again["applied"], "updated");

    // From a URL on this machine: refused (http, then a loopback address) unless allowed.
    let url = common::serve(common::metadata("https://idp.globex.example", &cert));
    let refused = onboard("globex", &url, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("https"), "{}", stderr(&refused));
    let refused = onboard("globex", &url, &["--allow-http"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("private"), "{}", stderr(&refused));
    let allowed = onboard("globex", &url, &["--allow-http", "--allow-private-network"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    let allowed = json(&allowed);
    assert_eq!(allowed["idp_id"], "globex");
    assert_eq!(allowed["applied"], "created");
    assert_eq!(allowed["chosen"]["entity_id"], "https://idp.globex.example");

    // Only one application, in a table.
    let output = run_expecting(
        sim.cli()
            .args(["saas", "onboard", "initech", "--metadata"])
            .arg(&file)
            .args([
                "--email",
                "it@initech.example",
                "--application",
                &CRM.to_string(),
            ]),
        0,
    );
    let table = stdout(&output);
    assert!(
        table.contains("applied:") && table.contains("created"),
        "{table}"
    );
    let one = json(&run_expecting(
        sim.cli().args(["-o", "json", "saas", "get", "initech"]),
        0,
    ));
    assert_eq!(one.as_array().unwrap().len(), 1);
}

#[test]
fn timeout_limits_each_request() {
    let sim = Sim::start();
    // Every attempt (the library tries 3 times) is answered after 5 s; --timeout 1 gives up.
    sim.simulator.inject(
        sso_connections_simulator::Fault::delay(std::time::Duration::from_secs(5)).times(3),
    );
    let started = std::time::Instant::now();
    let output = run_expecting(sim.cli().args(["--timeout", "1", "saas", "get", "acme"]), 1);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let err = stderr(&output);
    assert!(err.starts_with("error: transport error"), "{err}");
    assert!(
        err.contains("hint: the service could not be reached"),
        "{err}"
    );
    assert!(err.contains("PINGONE_SAAS_BASE_URL"), "{err}");
    sim.cli()
        .args(["--timeout", "soon", "saas", "get", "acme"])
        .assert()
        .code(2);
}
