//! Credentials and what the binary prints about them: read from the environment or from the
//! variables a profile names, a typed error naming the missing variable, refused credentials
//! with a hint, never a secret on either stream (with `--debug` too); and the progress bar,
//! drawn on a terminal only.

mod common;

use std::process::Command as StdCommand;

use common::{json, run, run_expecting, stderr, stdout, Sim, TestCert, ENVIRONMENT};

#[test]
fn debug_shows_requests_and_never_a_secret() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let pem = TestCert::ending_in("acme", 100).write_pem(dir.path(), "acme.pem");
    let cert = pem.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["saas", "create", "acme", "--email", "it@acme.example"],
        vec!["saas", "get", "acme"],
        vec!["saas", "disable", "acme"],
        vec!["pingone", "applications", "list"],
        vec!["pingone", "identity-providers", "list"],
        vec!["pingone", "certificates", "import", cert],
        vec!["auth0", "profiles", "create", "--name", "Partner"],
        vec!["auth0", "profiles", "list"],
        vec!["certs", "--idp", "acme", "--pingone-env", ENVIRONMENT],
    ];
    for (i, args) in runs.iter().enumerate() {
        let mut command = sim.cli();
        command.args(["--debug", "-o", "json"]).args(args);
        if i == 0 {
            command
                .args(["--entity-id", "https://idp.acme.example"])
                .args([
                    "--sso-endpoint",
                    "https://idp.acme.example/sso",
                    "--certificate",
                    cert,
                ]);
        }
        // `run` fails the test when a secret or a panic shows on either stream.
        let output = run(&mut command);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let log = stderr(&output);
        assert!(
            log.contains("sso_connections.request{operation="),
            "{args:?}: {log}"
        );
        assert!(log.contains(" status="), "{args:?}: {log}");
        assert!(
            !log.contains("Authorization") && !log.contains("Bearer "),
            "{log}"
        );
    }
    // Without --debug, nothing on standard error.
    let quiet = run_expecting(sim.cli().args(["saas", "get", "acme"]), 0);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn a_missing_credential_names_its_variable() {
    let sim = Sim::start();
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["saas", "get", "acme"], "PINGONE_SAAS_CLIENT_ID", ""),
        (
            vec!["saas", "get", "acme"],
            "PINGONE_SAAS_CLIENT_SECRET",
            "PINGONE_SAAS_CLIENT_ID",
        ),
        (
            vec!["pingone", "applications", "list"],
            "PINGONE_ENVIRONMENT_ID",
            "",
        ),
        (
            vec!["pingone", "applications", "list"],
            "PINGONE_CLIENT_SECRET",
            "PINGONE_CLIENT_ID",
        ),
        (vec!["auth0", "profiles", "list"], "AUTH0_DOMAIN", ""),
        (
            vec!["auth0", "profiles", "list"],
            "AUTH0_CLIENT_ID",
            "AUTH0_DOMAIN",
        ),
        (vec!["certs", "--idp", "acme"], "PINGONE_SAAS_CLIENT_ID", ""),
    ];
    for (args, missing, present) in cases {
        let mut command = common::bare();
        command.args(&args);
        if !present.is_empty() {
            command.env(present, "x");
        }
        if missing == "PINGONE_CLIENT_SECRET" {
            command.env("PINGONE_ENVIRONMENT_ID", ENVIRONMENT);
        }
        let output = run_expecting(&mut command, 1);
        let err = stderr(&output);
        assert!(
            err.starts_with("error: ")
                && err.contains(&format!("set the environment variable {missing}")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("hint: credentials are read from environment variables"),
            "{err}"
        );
        assert!(stdout(&output).is_empty());
    }
    // A region that is not one.
    let output = run_expecting(
        common::bare()
            .args(["pingone", "applications", "list"])
            .env("PINGONE_ENVIRONMENT_ID", ENVIRONMENT)
            .env("PINGONE_CLIENT_ID", "x")
            .env("PINGONE_CLIENT_SECRET", "y")
            .env("PINGONE_REGION", "mars"),
        1,
    );
    assert!(
        stderr(&output).contains("PINGONE_REGION is not valid"),
        "{}",
        stderr(&output)
    );
    drop(sim);
}

#[test]
fn refused_credentials_are_an_error_with_a_hint_and_no_secret() {
    let sim = Sim::start();
    let wrong = "wrong-secret-value-1234";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["saas", "get", "acme"], "PINGONE_SAAS_CLIENT_SECRET"),
        (
            vec!["pingone", "applications", "list"],
            "PINGONE_CLIENT_SECRET",
        ),
        (vec!["auth0", "profiles", "list"], "AUTH0_CLIENT_SECRET"),
    ];
    for (args, variable) in cases {
        for debug in [false, true] {
            let mut command = sim.cli();
            command.env(variable, wrong).args(&args);
            if debug {
                command.arg("--debug");
            }
            let output = run_expecting(&mut command, 1);
            let err = stderr(&output);
            assert!(!err.contains(wrong), "{err}");
            assert!(!stdout(&output).contains(wrong));
            assert!(
                err.contains("hint: ") && err.contains(variable),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn profiles_name_the_variables_that_hold_the_secrets() {
    let sim = Sim::start();
    let s = &sim.simulator;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.local.saas]\nbase_url = \"{}\"\nclient_id = \"{}\"\n\
             client_secret_env = \"LOCAL_SAAS_SECRET\"\n\
             [profiles.local.auth0]\napi_url = \"{}\"\ntoken_url = \"{}\"\n\
             client_id_env = \"LOCAL_AUTH0_ID\"\nclient_secret_env = \"LOCAL_AUTH0_SECRET\"\n\
             [profiles.local.pingone]\nenvironment_id = \"{ENVIRONMENT}\"\napi_url = \"{}\"\n\
             token_url = \"{}\"\nclient_id = \"{}\"\nclient_secret_env = \"LOCAL_WORKER_SECRET\"\n",
            s.saas_base_url(),
            s.client_id(),
            s.auth0_base_url(),
            s.auth0_token_url(),
            s.pingone_base_url(),
            s.pingone_token_url(ENVIRONMENT.parse().unwrap()),
            s.worker_client_id(),
        ),
    )
    .unwrap();
    let with_secrets = |command: &mut assert_cmd::Command| {
        command
            .env("LOCAL_SAAS_SECRET", s.client_secret())
            .env("LOCAL_AUTH0_ID", s.auth0_client_id())
            .env("LOCAL_AUTH0_SECRET", s.auth0_client_secret())
            .env("LOCAL_WORKER_SECRET", s.worker_client_secret());
    };

    // --config and --profile.
    let mut command = common::bare();
    command
        .args(["--config", config.to_str().unwrap(), "--profile", "local"])
        .args(["-o", "json", "saas", "delete", "acme", "--all"]);
    with_secrets(&mut command);
    assert_eq!(json(&run_expecting(&mut command, 0))["result"], "not_found");

    // The same through SSO_CONNECTIONS_CONFIG and SSO_CONNECTIONS_PROFILE, for every service.
    for args in [
        vec!["auth0", "profiles", "list"],
        vec!["pingone", "applications", "list"],
    ] {
        let mut command = common::bare();
        command
            .env("SSO_CONNECTIONS_CONFIG", &config)
            .env("SSO_CONNECTIONS_PROFILE", "local")
            .args(["-o", "json"])
            .args(&args);
        with_secrets(&mut command);
        assert_eq!(json(&run_expecting(&mut command, 0)), serde_json::json!([]));
    }

    // Without the variable the profile names, the error names it (not the standard one).
    let output = run_expecting(
        common::bare()
            .args(["--config", config.to_str().unwrap(), "--profile", "local"])
            .args(["saas", "get", "acme"])
            .env("PINGONE_SAAS_CLIENT_SECRET", "ignored"),
        1,
    );
    assert!(stderr(&output).contains("set the environment variable LOCAL_SAAS_SECRET"));

    // A profile the file does not define.
    let output = run_expecting(
        common::bare()
            .args(["--config", config.to_str().unwrap(), "--profile", "prod"])
            .args(["saas", "get", "acme"]),
        1,
    );
    assert!(
        stderr(&output).contains("profile \"prod\" is not defined"),
        "{}",
        stderr(&output)
    );

    // A secret written in the file is refused, and not repeated.
    let leaky = dir.path().join("leaky.toml");
    std::fs::write(
        &leaky,
        "[profiles.x.saas]\nclient_secret = \"in-the-file-1234\"\n",
    )
    .unwrap();
    let output = run_expecting(
        common::bare()
            .args(["--config", leaky.to_str().unwrap(), "--profile", "x"])
            .args(["saas", "get", "acme"]),
        1,
    );
    let err = stderr(&output);
    assert!(err.contains("client_secret_env"), "{err}");
    assert!(!err.contains("in-the-file-1234"), "{err}");
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    // Debian ships `script` in util-linux (bsdutils); without it the terminal half is skipped.
    let args = "--simulator certs --idp acme --idp globex --idp initech";
    match common::under_terminal(args, "") {
        Some(screen) => {
            assert!(screen.contains("checking certificates ["), "{screen}");
            assert!(screen.contains("3/3"), "{screen}");
            let quiet = common::under_terminal(&format!("--quiet {args}"), "").unwrap();
            assert!(!quiet.contains("checking certificates"), "{quiet}");
            assert!(quiet.contains("SaaS idpId acme"), "{quiet}");
        }
        None => eprintln!("SKIPPED: `script` (util-linux) is not installed; no terminal check"),
    }
    // Piped: no bar on standard error.
    let output = run_expecting(common::bare().args(args.split(' ')).env("TERM", "xterm"), 0);
    assert!(
        !stderr(&output).contains("checking certificates"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("SaaS idpId acme"));
}

#[test]
fn script_is_available_on_this_machine() {
    // The development machine and CI are Debian: the terminal test above must not skip there.
    if std::path::Path::new("/etc/debian_version").exists() {
        assert!(
            StdCommand::new("script").arg("--version").output().is_ok(),
            "install util-linux (bsdutils) for the terminal test"
        );
    }
}
