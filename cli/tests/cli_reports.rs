//! `certs`, `metadata inspect`, `completions`, `man`, the `simulator` command and the global
//! `--simulator` flag, and `--help` of every command.

mod common;

use std::io::BufRead as _;
use std::process::Stdio;

use common::{json, json_lines, run, run_expecting, stderr, stdout, Sim, TestCert, ENVIRONMENT};
use sso_connections_simulator::Fault;

/// Connects `idp` with a certificate ending `days` from now, through the binary.
fn connect(sim: &Sim, dir: &std::path::Path, idp: &str, days: i64) {
    let pem = TestCert::ending_in(idp, days).write_pem(dir, &format!("{idp}.pem"));
    run_expecting(
        sim.cli()
            .args(["saas", "create", idp, "--email", "it@example.com"])
            .args(["--entity-id", &format!("https://idp.{idp}.example")])
            .args(["--sso-endpoint", &format!("https://idp.{idp}.example/sso")])
            .arg("--certificate")
            .arg(pem),
        0,
    );
}

#[test]
fn certs_reports_saas_expiry_with_detailed_exit_codes() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    connect(&sim, dir.path(), "soon", 10);
    connect(&sim, dir.path(), "later", 200);

    let certs = |args: &[&str]| run(sim.cli().arg("certs").args(args));

    let output = certs(&["-o", "json", "--idp", "soon", "--idp", "later"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["within_seconds"], 30 * 86_400);
    assert!(report["checked_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        report["summary"],
        serde_json::json!({"valid": 1, "expiring": 1, "expired": 0, "not_yet_valid": 0,
                           "problems": 0, "failures": 0})
    );
    let entries = report["entries"].as_array().unwrap();
    let entry = |idp: &str| {
        entries
            .iter()
            .find(|e| e["usage"]["idp_id"] == idp)
            .unwrap()
            .clone()
    };
    assert_eq!(entry("soon")["usage"]["kind"], "saas_idp");
    assert_eq!(entry("soon")["status"], "expiring");
    assert_eq!(entry("soon")["certificate"]["subject"], "CN=soon");
    assert_eq!(entry("later")["status"], "valid");
    assert_eq!(report["failures"], serde_json::json!([]));

    // Exit codes: 2 only with --detailed-exitcode and something to act on.
    assert_eq!(
        certs(&["--idp", "soon", "--detailed-exitcode"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        certs(&["--idp", "later", "--detailed-exitcode"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        certs(&["--idp", "soon", "--within", "5d", "--detailed-exitcode"])
            .status
            .code(),
        Some(0),
        "10 days left is outside a 5-day window"
    );
    let none = certs(&["-o", "json", "--idp", "nobody", "--detailed-exitcode"]);
    assert_eq!(none.status.code(), Some(2));
    assert_eq!(
        json(&none)["entries"][0]["problem"]["kind"],
        "no_connections"
    );

    // ndjson: one entry per line; a file of idpIds.
    let list = dir.path().join("idps.txt");
    std::fs::write(&list, "# customers\nsoon\n\nlater\n").unwrap();
    let lines = json_lines(&run_expecting(
        sim.cli()
            .args(["-o", "ndjson", "certs", "--idps-from"])
            .arg(&list),
        0,
    ));
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["usage"]["kind"] == "saas_idp"));

    // The table: a row per place and a summary line.
    let table = stdout(&certs(&["--idp", "soon", "--idp", "later"]));
    assert!(table.starts_with("PLACE"), "{table}");
    assert!(
        table.contains("SaaS idpId soon") && table.contains("expiring"),
        "{table}"
    );
    assert!(table.contains("1 valid, 1 expiring"), "{table}");

    // An idpId that cannot be one is refused before any request.
    let refused = certs(&["--idp", "soon", "--idp", "a/b"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stdout(&refused).is_empty());

    // A place that cannot be read: the others are reported, and the exit status is 1.
    sim.simulator.inject(Fault::status(400).times(1));
    let partial = certs(&[
        "-o",
        "json",
        "--concurrency",
        "1",
        "--idp",
        "soon",
        "--idp",
        "later",
    ]);
    assert_eq!(partial.status.code(), Some(1), "{}", stderr(&partial));
    let report = json(&partial);
    assert_eq!(report["summary"]["failures"], 1);
    assert_eq!(report["failures"][0]["usage"]["idp_id"], "soon");
    assert!(report["failures"][0]["error"].is_string());
    assert_eq!(report["entries"][0]["usage"]["idp_id"], "later");
    assert!(stderr(&partial).contains("1 of 2 places could not be read"));

    // Nothing to check is a usage error.
    assert_eq!(certs(&[]).status.code(), Some(2));
    assert_eq!(
        certs(&["--idp", "x", "--within", "soon"]).status.code(),
        Some(2)
    );
}

#[test]
fn certs_reports_a_pingone_environment() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let pem = TestCert::ending_in("partner-idp", 7).write_pem(dir.path(), "partner.pem");
    run_expecting(
        sim.cli()
            .args(["pingone", "certificates", "import"])
            .arg(pem),
        0,
    );

    let output = run(sim
        .cli()
        .args(["-o", "json", "certs", "--pingone-env", ENVIRONMENT]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    let entries = report["entries"].as_array().unwrap();
    let certificate = entries
        .iter()
        .find(|e| e["usage"]["kind"] == "pingone_certificate")
        .unwrap();
    assert_eq!(certificate["usage"]["environment"], ENVIRONMENT);
    assert_eq!(certificate["status"], "expiring");
    assert_eq!(certificate["usage"]["trusted_by"], serde_json::json!([]));
    let key = entries
        .iter()
        .find(|e| e["usage"]["kind"] == "pingone_key")
        .unwrap();
    assert_eq!(key["status"], "valid");
    assert_eq!(report["summary"]["expiring"], 1);

    let detailed =
        run(sim
            .cli()
            .args(["certs", "--pingone-env", ENVIRONMENT, "--detailed-exitcode"]));
    assert_eq!(detailed.status.code(), Some(2));
}

#[test]
fn metadata_inspect_from_a_file_and_a_url() {
    let dir = tempfile::tempdir().unwrap();
    let cert = TestCert::ending_in("idp", 100);
    let xml = common::metadata("https://idp.acme.example", &cert);
    let file = dir.path().join("idp.xml");
    std::fs::write(&file, &xml).unwrap();

    let output = run_expecting(
        common::bare()
            .args(["-o", "json", "metadata", "inspect"])
            .arg(&file),
        0,
    );
    let metadata = json(&output);
    let entity = &metadata["entities"][0];
    assert_eq!(entity["entity_id"], "https://idp.acme.example");
    assert_eq!(entity["sso"][0]["location"], "https://idp.acme.example/sso");
    assert_eq!(
        entity["sso"][0]["binding"],
        "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
    );
    assert_eq!(entity["slo"][0]["location"], "https://idp.acme.example/slo");
    assert_eq!(entity["signing_certificates"][0]["subject"], "CN=idp");
    assert_eq!(
        entity["signing_certificates"][0]["sha256"]
            .as_str()
            .unwrap()
            .len(),
        64
    );

    let table = stdout(&run_expecting(
        common::bare().args(["metadata", "inspect"]).arg(&file),
        0,
    ));
    assert!(
        table.contains("entity:") && table.contains("https://idp.acme.example"),
        "{table}"
    );
    assert!(
        table.contains("HTTP-Redirect") && table.contains("Valid"),
        "{table}"
    );

    let url = common::serve(xml);
    let refused = run_expecting(
        common::bare().args(["metadata", "inspect", &url, "--allow-http"]),
        1,
    );
    assert!(stderr(&refused).contains("private"), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("hint: nothing was fetched")
            && stderr(&refused).contains("--allow-private-network"),
        "{}",
        stderr(&refused)
    );
    let fetched = json(&run_expecting(
        common::bare().args([
            "-o",
            "json",
            "metadata",
            "inspect",
            &url,
            "--allow-http",
            "--allow-private-network",
        ]),
        0,
    ));
    assert_eq!(fetched, metadata);

    let junk = dir.path().join("junk.xml");
    std::fs::write(&junk, "<html>not metadata</html>").unwrap();
    run_expecting(common::bare().args(["metadata", "inspect"]).arg(&junk), 1);
    let missing = run_expecting(
        common::bare()
            .args(["metadata", "inspect"])
            .arg(dir.path().join("missing.xml")),
        1,
    );
    assert!(
        stderr(&missing).contains("cannot read"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn completions_and_manual_page_are_generated_on_demand() {
    let bash = stdout(&run_expecting(
        common::bare().args(["completions", "bash"]),
        0,
    ));
    assert!(bash.contains("complete -F _sso__connections"), "{bash}");
    assert!(bash.contains("onboard") && bash.contains("identity-providers"));
    let zsh = stdout(&run_expecting(
        common::bare().args(["completions", "zsh"]),
        0,
    ));
    assert!(zsh.starts_with("#compdef sso-connections"), "{zsh}");
    let fish = stdout(&run_expecting(
        common::bare().args(["completions", "fish"]),
        0,
    ));
    assert!(fish.contains("complete -c sso-connections"), "{fish}");
    assert_eq!(
        run(common::bare().args(["completions", "tcsh"]))
            .status
            .code(),
        Some(2)
    );

    let man = stdout(&run_expecting(common::bare().arg("man"), 0));
    assert!(man.contains(".TH sso-connections"), "{man}");
    assert!(man.contains("certs") && man.contains("simulator"), "{man}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for path in [
        "saas",
        "pingone",
        "pingone applications",
        "pingone identity-providers",
        "pingone certificates",
        "auth0",
        "auth0 profiles",
        "metadata",
        "saas get",
        "saas create",
        "saas update",
        "saas enable",
        "saas disable",
        "saas delete",
        "saas onboard",
        "pingone applications list",
        "pingone applications get",
        "pingone applications delete",
        "pingone identity-providers list",
        "pingone identity-providers get",
        "pingone identity-providers delete",
        "pingone certificates list",
        "pingone certificates import",
        "auth0 profiles list",
        "auth0 profiles get",
        "auth0 profiles create",
        "auth0 profiles update",
        "auth0 profiles delete",
        "metadata inspect",
        "certs",
        "simulator",
        "completions",
        "man",
        "",
    ] {
        let output = run_expecting(
            common::bare().args(path.split_whitespace()).arg("--help"),
            0,
        );
        let help = stdout(&output);
        assert!(help.contains("Example"), "{path}:\n{help}");
        assert!(help.contains("Usage: sso-connections"), "{path}:\n{help}");
    }
}

#[test]
fn the_global_simulator_flag_needs_no_account() {
    let sim = || {
        let mut command = common::bare();
        command.arg("--simulator");
        command
    };
    // Each run has a fresh simulator: nothing is connected.
    let missing = run_expecting(sim().args(["saas", "get", "acme"]), 1);
    assert!(stderr(&missing).contains("not found"));
    assert_eq!(
        json(&run_expecting(
            sim().args(["-o", "json", "auth0", "profiles", "list"]),
            0
        )),
        serde_json::json!([])
    );
    assert_eq!(
        json(&run_expecting(
            sim().args(["-o", "json", "pingone", "applications", "list"]),
            0
        )),
        serde_json::json!([])
    );
    // The simulated environment has a signing key, valid for longer than the window.
    let report = json(&run_expecting(
        sim().args([
            "-o",
            "json",
            "certs",
            "--pingone-env",
            "4f0c6a2e-1b7d-4c3a-9e58-2d6b0f1a7c93",
        ]),
        0,
    ));
    assert_eq!(report["entries"][0]["usage"]["kind"], "pingone_key");
    assert_eq!(report["summary"]["valid"], 1);

    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("idp.xml");
    let cert = TestCert::ending_in("idp", 100);
    std::fs::write(&xml, common::metadata("https://idp.acme.example", &cert)).unwrap();
    let onboarded = json(&run_expecting(
        sim()
            .args(["-o", "json", "saas", "onboard", "acme", "--metadata"])
            .arg(&xml)
            .args(["--email", "it@acme.example"]),
        0,
    ));
    assert_eq!(onboarded["applied"], "created");
}

#[test]
fn the_simulator_command_serves_until_terminated_and_keeps_state() {
    let dir = tempfile::tempdir().unwrap();
    let env_file = dir.path().join("sim.env");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sso-connections"))
        .args(["simulator", "--port", "0", "--env-file"])
        .arg(&env_file)
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        banner.push_str(&line);
        banner.push('\n');
        if line.starts_with("Press Ctrl-C") {
            break;
        }
    }
    assert!(banner.starts_with("sso-connections simulator listening on http://127.0.0.1:"));
    for secret in common::secrets() {
        assert!(!banner.contains(&secret), "{banner}");
    }
    assert!(
        banner.contains("export PINGONE_SAAS_CLIENT_ID='simulator-client'"),
        "{banner}"
    );
    assert!(banner
        .contains("PINGONE_SAAS_CLIENT_SECRET, PINGONE_CLIENT_SECRET, AUTH0_CLIENT_SECRET are in"));

    // The file holds every variable, secrets included, and only its owner may read it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&env_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&env_file).unwrap();
    assert!(text.contains("export PINGONE_SAAS_CLIENT_SECRET='simulator-secret'"));
    let variables: Vec<(String, String)> = text
        .lines()
        .map(|line| {
            let (name, value) = line
                .strip_prefix("export ")
                .unwrap()
                .split_once('=')
                .unwrap();
            (name.to_owned(), value.trim_matches('\'').to_owned())
        })
        .collect();
    assert_eq!(variables.len(), 12);
    let cli = || {
        let mut command = common::bare();
        command.envs(variables.iter().map(|(name, value)| (name, value)));
        command
    };

    // State survives between invocations against the running simulator.
    let cert = TestCert::ending_in("acme", 100).write_pem(dir.path(), "acme.pem");
    run_expecting(
        cli()
            .args(["saas", "create", "acme", "--email", "it@acme.example"])
            .args(["--entity-id", "https://idp.acme.example"])
            .args([
                "--sso-endpoint",
                "https://idp.acme.example/sso",
                "--certificate",
            ])
            .arg(&cert),
        0,
    );
    let list = json(&run_expecting(
        cli().args(["-o", "json", "saas", "get", "acme"]),
        0,
    ));
    assert_eq!(list[0]["entity_id"], "https://idp.acme.example");
    run_expecting(cli().args(["pingone", "applications", "list"]), 0);
    run_expecting(cli().args(["auth0", "profiles", "list"]), 0);

    // SIGTERM stops it cleanly.
    let stopped = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));

    // A port in use is an error with a hint.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = run_expecting(common::bare().args(["simulator", "--port", &port]), 1);
    assert!(stderr(&output).contains("--port"), "{}", stderr(&output));
}
