//! The binary prints where it serves each API and with which credentials, logs each request,
//! and stops cleanly on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use base64::Engine as _;
use sso_connections_simulator::{
    DEFAULT_AUTH0_CLIENT_ID, DEFAULT_AUTH0_CLIENT_SECRET, DEFAULT_WORKER_ID, DEFAULT_WORKER_SECRET,
};

/// The status code of a `GET` with Basic credentials, sent as plain HTTP/1.1 so that the test
/// needs no HTTP client (and none of its TLS set-up).
fn get_status(url: &str, path: &str, id: &str, secret: &str) -> u16 {
    let host = url.strip_prefix("http://").unwrap();
    let credentials = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Basic {credentials}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split_whitespace().nth(1).unwrap_or_default();
    status
        .parse()
        .unwrap_or_else(|_| panic!("not an HTTP answer: {answer}"))
}

#[test]
fn prints_url_and_credentials_logs_requests_and_stops_on_ctrl_c() {
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
    for expected in [
        format!("{url}/web-portal/rest/saas/idp/2.0"),
        format!("{url}/v1"),
        "/as/token".to_owned(),
        format!("\"{DEFAULT_WORKER_ID}\""),
        format!("\"{DEFAULT_WORKER_SECRET}\""),
        format!("{url}/api/v2"),
        format!("{url}/oauth/token"),
        format!("\"{DEFAULT_AUTH0_CLIENT_ID}\""),
        format!("\"{DEFAULT_AUTH0_CLIENT_SECRET}\""),
    ] {
        assert!(banner.contains(&expected), "{expected} in {banner}");
    }

    let status = get_status(
        &url,
        "/web-portal/rest/saas/idp/2.0/spManaged/nobody",
        "cli-id",
        "cli-secret",
    );
    assert_eq!(status, 404);

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
