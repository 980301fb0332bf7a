//! The binary prints where it listens and with which credentials, logs each request, and
//! stops cleanly on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

#[tokio::test]
async fn prints_url_and_credentials_logs_requests_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sso-connections-simulator"))
        .args([
            "--port",
            "0",
            "--client-id",
            "cli-id",
            "--client-secret",
            "cli-secret",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    while !banner.contains("Ctrl-C") {
        assert!(
            stdout.read_line(&mut banner).unwrap() > 0,
            "binary exited early: {banner}"
        );
    }
    let url = banner
        .split_whitespace()
        .find(|word| word.starts_with("http://") && !word.contains("/web-portal"))
        .unwrap()
        .to_owned();
    assert!(
        banner.contains("\"cli-id\"") && banner.contains("\"cli-secret\""),
        "{banner}"
    );

    // In this workspace reqwest has no built-in crypto provider (the library sets its own).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let answer = http
        .get(format!(
            "{url}/web-portal/rest/saas/idp/2.0/spManaged/nobody"
        ))
        .basic_auth("cli-id", Some("cli-secret"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("shutting down"), "{rest}");
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.contains("GET /web-portal/rest/saas/idp/2.0/spManaged/nobody -> 404"),
        "{log}"
    );
}
