//! Tracing: one span per attempt with operation, method, path template, attempt, status and
//! latency, and never a secret or certificate. In a test binary of its own, so no other test's
//! thread registers the callsites before this test's subscriber is installed.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::saas::{example_settings, BASIC_AUTH, CLIENT_SECRET};
use sso_connections::saas::{ApplicationIds, IdpId, NewConnection, SaasClient};
use sso_connections::RetryPolicy;
use sso_connections_simulator::catalogue::CRM;
use sso_connections_simulator::{Fault, Simulator};

/// A `tracing` writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_attempt_is_a_span_with_operation_path_status_and_attempt_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = Simulator::start().await.unwrap();
    let client = SaasClient::builder(sim.client_id(), sim.client_secret().to_owned())
        .base_url(sim.saas_base_url())
        .retry_policy(RetryPolicy::standard().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();
    let acme = IdpId::new("acme").unwrap();
    let request =
        NewConnection::for_applications(example_settings(), ApplicationIds::new([CRM]).unwrap())
            .unwrap();
    client.connections().create(&acme, &request).await.unwrap();
    sim.inject(Fault::status(503));
    client.connections().get(&acme).await.unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let has = |needle: &str| log.contains(needle);
    assert!(has("sso_connections.request"), "{log}");
    assert!(has("operation=\"get_customer_connections\""), "{log}");
    assert!(has("operation=\"create_customer_connection\""), "{log}");
    assert!(has("method=GET") && has("method=PUT"), "{log}");
    assert!(has("path=\"/spManaged/{idpId}\""), "{log}");
    assert!(
        has("status=503") && has("status=200") && has("status=201"),
        "{log}"
    );
    assert!(has("attempt=2") && has("latency_ms="), "{log}");
    assert!(has("retrying"), "{log}");
    assert!(
        !has(CLIENT_SECRET) && !has(sim.client_secret()),
        "a secret was logged: {log}"
    );
    assert!(
        !has(BASIC_AUTH.trim_start_matches("Basic ")),
        "credentials were logged: {log}"
    );
    assert!(!has("MIID"), "a certificate was logged: {log}");
    assert!(
        !has("acme"),
        "idpIds stay out of the log (the path template is logged): {log}"
    );
}
