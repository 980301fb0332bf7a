//! What the command-line tests share: a simulator running on its own runtime, the binary
//! with a clean environment pointing at it, certificates with chosen dates, metadata
//! documents, a local HTTP server, and the checks every run gets (no secret, no panic).
#![allow(dead_code)]

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use sso_connections_simulator::{
    Simulator, DEFAULT_AUTH0_CLIENT_SECRET, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
    DEFAULT_WORKER_SECRET,
};

/// The environment the tests' PingOne commands act on.
pub const ENVIRONMENT: &str = "0a7d3c52-9b1e-4f6a-8c2d-3e4f5a6b7c8d";

/// Every secret the simulator accepts, and the SaaS Basic credentials they encode.
pub fn secrets() -> Vec<String> {
    let basic = base64(format!("{DEFAULT_CLIENT_ID}:{DEFAULT_CLIENT_SECRET}").as_bytes());
    vec![
        DEFAULT_CLIENT_SECRET.to_owned(),
        DEFAULT_WORKER_SECRET.to_owned(),
        DEFAULT_AUTH0_CLIENT_SECRET.to_owned(),
        basic,
    ]
}

/// A simulator serving on a runtime of its own, for tests that run the binary.
pub struct Sim {
    pub runtime: tokio::runtime::Runtime,
    pub simulator: Simulator,
}

impl Sim {
    pub fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let simulator = runtime.block_on(Simulator::start()).unwrap();
        Self { runtime, simulator }
    }

    /// The binary, with every variable pointing at this simulator and nothing else set.
    pub fn cli(&self) -> Command {
        let s = &self.simulator;
        let mut command = bare();
        command
            .env("PINGONE_SAAS_BASE_URL", s.saas_base_url())
            .env("PINGONE_SAAS_CLIENT_ID", s.client_id())
            .env("PINGONE_SAAS_CLIENT_SECRET", s.client_secret())
            .env("PINGONE_ENVIRONMENT_ID", ENVIRONMENT)
            .env("PINGONE_API_URL", s.pingone_base_url())
            .env(
                "PINGONE_TOKEN_URL",
                s.pingone_token_url(ENVIRONMENT.parse().unwrap()),
            )
            .env("PINGONE_CLIENT_ID", s.worker_client_id())
            .env("PINGONE_CLIENT_SECRET", s.worker_client_secret())
            .env("AUTH0_API_URL", s.auth0_base_url())
            .env("AUTH0_TOKEN_URL", s.auth0_token_url())
            .env("AUTH0_CLIENT_ID", s.auth0_client_id())
            .env("AUTH0_CLIENT_SECRET", s.auth0_client_secret());
        command
    }

    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

/// The binary with an empty environment (no credentials, no configuration file).
pub fn bare() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sso-connections"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent-home-for-tests");
    command
}

/// Runs the command and checks what every run must satisfy: no secret and no panic on
/// either stream. Returns the output for the test's own checks.
pub fn run(command: &mut Command) -> Output {
    let output = command.output().unwrap();
    assert_clean(&output);
    output
}

/// Runs the command, expecting `code`.
pub fn run_expecting(command: &mut Command, code: i32) -> Output {
    let output = run(command);
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(&output),
        stderr(&output)
    );
    output
}

pub fn assert_clean(output: &Output) {
    for (name, text) in [("stdout", stdout(output)), ("stderr", stderr(output))] {
        for secret in secrets() {
            assert!(!text.contains(&secret), "{name} shows a secret:\n{text}");
        }
        assert!(!text.contains("panicked"), "{name} shows a panic:\n{text}");
        assert!(!text.contains("RUST_BACKTRACE"), "{name}:\n{text}");
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output as one JSON document.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(output)))
}

/// Standard output as JSON lines.
pub fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// A self-signed certificate for `cn`, valid from `not_before` to `not_after`.
pub struct TestCert {
    pub der: Vec<u8>,
    pub pem: String,
}

impl TestCert {
    pub fn between(cn: &str, not_before: DateTime<Utc>, not_after: DateTime<Utc>) -> Self {
        let mut params = rcgen::CertificateParams::new(vec![format!("{cn}.example")]).unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
        let moment =
            |at: DateTime<Utc>| time::OffsetDateTime::from_unix_timestamp(at.timestamp()).unwrap();
        params.not_before = moment(not_before);
        params.not_after = moment(not_after);
        let key = rcgen::KeyPair::generate().unwrap();
        let certificate = params.self_signed(&key).unwrap();
        Self {
            der: certificate.der().to_vec(),
            pem: certificate.pem(),
        }
    }

    /// Valid since a year ago, ending `days` days from now.
    pub fn ending_in(cn: &str, days: i64) -> Self {
        let now = Utc::now();
        Self::between(cn, now - Duration::days(365), now + Duration::days(days))
    }

    /// Base64 of the DER on one line.
    pub fn base64(&self) -> String {
        base64(&self.der)
    }

    /// Writes the PEM to `dir/name` and returns the path.
    pub fn write_pem(&self, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, &self.pem).unwrap();
        path
    }
}

/// Identity provider metadata for `entity_id` with one signing certificate.
pub fn metadata(entity_id: &str, certificate: &TestCert) -> String {
    format!(
        r#"<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entity_id}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{entity_id}/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{entity_id}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"#,
        certificate.base64()
    )
}

/// Serves `body` as metadata to every request on a loopback port, from a thread; the URL.
pub fn serve(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/metadata", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/samlmetadata+xml\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Runs `args` under a pseudo-terminal with `script` (util-linux), typing `input` on it;
/// everything the terminal showed, or `None` when `script` is not installed.
pub fn under_terminal(args: &str, input: &str) -> Option<String> {
    under_terminal_with(args, input, &[])
}

/// [`under_terminal`], with these environment variables set for the binary.
pub fn under_terminal_with(args: &str, input: &str, env: &[(&str, String)]) -> Option<String> {
    use std::process::{Command as StdCommand, Stdio};
    if StdCommand::new("script").arg("--version").output().is_err() {
        return None;
    }
    let binary = env!("CARGO_BIN_EXE_sso-connections");
    let mut child = StdCommand::new("script")
        .args(["-qec", &format!("'{binary}' {args}"), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}
