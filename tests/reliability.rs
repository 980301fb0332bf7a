//! The shared retry policy, request limits and tracing, against the simulator's faults and
//! httpmock. Waiting is measured on tokio's paused clock, never on the wall clock.

mod common;

use std::time::Duration;

use common::saas::{example_settings, idp, CLIENT_ID, CLIENT_SECRET};
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use sso_connections::pingone::{
    ApplicationType, GrantType, OidcApplication, PingOneClient, TokenEndpointAuthMethod,
};
use sso_connections::saas::{ApplicationIds, NewConnection, SaasClient};
use sso_connections::RetryPolicy;
use sso_connections_simulator::catalogue::CRM;
use sso_connections_simulator::{Fault, Simulator};
use tokio::time::Instant;

/// Retries without real waiting: tiny backoff, no server hint in these faults.
fn quick_retries() -> RetryPolicy {
    RetryPolicy::standard()
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

fn saas_client(sim: &Simulator, policy: RetryPolicy) -> SaasClient {
    SaasClient::builder(sim.client_id(), sim.client_secret().to_owned())
        .base_url(sim.saas_base_url())
        .retry_policy(policy)
        .build()
        .unwrap()
}

fn one_app() -> NewConnection {
    NewConnection::for_applications(example_settings(), ApplicationIds::new([CRM]).unwrap())
        .unwrap()
}

#[tokio::test]
async fn every_retryable_status_recovers_within_the_policy() {
    let sim = Simulator::start().await.unwrap();
    let client = saas_client(&sim, quick_retries());
    client
        .connections()
        .create(&idp("acme"), &one_app())
        .await
        .unwrap();
    for status in [408, 429, 500, 502, 503, 504] {
        sim.inject(Fault::status(status).times(2)); // attempts 1 and 2 fail, 3 succeeds
        let connections = client.connections().get(&idp("acme")).await;
        assert_eq!(
            connections.unwrap().len(),
            1,
            "{status} was not retried to success"
        );
    }
    // Three failures exhaust three attempts: the error says so.
    sim.inject(Fault::status(503).times(3));
    let err = client.connections().get(&idp("acme")).await.unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 503);
    assert_eq!(err.attempts(), Some(3));
}

#[tokio::test]
async fn non_retryable_statuses_are_sent_once() {
    let server = MockServer::start_async().await;
    let client = SaasClient::builder(CLIENT_ID, CLIENT_SECRET)
        .base_url(server.base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    for status in [400, 401, 403, 404, 409] {
        let mock = server
            .mock_async(|when, then| {
                when.method(GET).path(format!("/spManaged/s{status}"));
                then.status(status).body("no");
            })
            .await;
        let err = client
            .connections()
            .get(&idp(&format!("s{status}")))
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), Some(1), "{status}");
        mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn creates_are_retried_on_500_only_when_the_caller_opts_in() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/environments/00000000-0000-0000-0000-000000000001/applications");
            then.status(500)
                .json_body(serde_json::json!({"code": "UNEXPECTED_ERROR", "message": "boom"}));
        })
        .await;
    let app = OidcApplication::new("Portal", ApplicationType::WebApp)
        .grant_types([GrantType::ClientCredentials])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap();
    let env = sso_connections::Uuid::from_u128(1);
    for (policy, expected_calls) in [
        (quick_retries(), 1),
        (quick_retries().retry_non_idempotent(true), 3),
    ] {
        let client = PingOneClient::bearer("t")
            .base_url(server.base_url())
            .retry_policy(policy)
            .build()
            .unwrap();
        let before = create.calls_async().await;
        let err = client
            .environment(env)
            .applications()
            .create(&app)
            .await
            .unwrap_err();
        assert_eq!(err.status().unwrap().as_u16(), 500);
        assert_eq!(create.calls_async().await - before, expected_calls);
        assert_eq!(err.attempts(), Some(expected_calls as u32));
    }
    // The SaaS create is a PUT, but repeating it would turn a success into a 409: not retried.
    let sim = Simulator::start().await.unwrap();
    sim.inject(Fault::status(500));
    let saas = saas_client(&sim, quick_retries());
    let err = saas
        .connections()
        .create(&idp("acme"), &one_app())
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), Some(1));
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_on_the_paused_clock() {
    let sim = Simulator::start().await.unwrap();
    let client = saas_client(&sim, RetryPolicy::standard());
    client
        .connections()
        .create(&idp("acme"), &one_app())
        .await
        .unwrap();
    sim.inject(Fault::status(429).retry_after(7));
    let started = Instant::now();
    client.connections().get(&idp("acme")).await.unwrap();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(7), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(8), "waited {waited:?}");
}

#[tokio::test(start_paused = true)]
async fn the_deadline_stops_retries_and_the_error_counts_the_attempts() {
    let sim = Simulator::start().await.unwrap();
    let policy = RetryPolicy::standard()
        .max_attempts(10)
        .deadline(Some(Duration::from_secs(12)));
    let client = saas_client(&sim, policy);
    client
        .connections()
        .create(&idp("acme"), &one_app())
        .await
        .unwrap();
    // Every answer asks for 5 s: attempts at 0, 5 and 10 s; a fourth would start past 12 s.
    sim.inject(Fault::status(503).retry_after(5).times(10));
    let started = Instant::now();
    let err = client.connections().get(&idp("acme")).await.unwrap_err();
    assert_eq!(err.attempts(), Some(3));
    assert_eq!(err.status().unwrap().as_u16(), 503);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(11),
        "{waited:?}"
    );
}

#[tokio::test]
async fn retries_can_be_switched_off() {
    let sim = Simulator::start().await.unwrap();
    let client = saas_client(&sim, RetryPolicy::disabled());
    sim.inject(Fault::status(503));
    let err = client.connections().get(&idp("acme")).await.unwrap_err();
    assert_eq!(
        (err.status().unwrap().as_u16(), err.attempts()),
        (503, Some(1))
    );
}

/// 1,000 customer connections through the client's rate limiter against a simulator that
/// refuses requests above its rate: none lost, none duplicated.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_provisioning_through_the_limiter_loses_and_duplicates_nothing() {
    const COUNT: usize = 1000;
    let sim = Simulator::builder().rate_limit(400).start().await.unwrap();
    let client = SaasClient::builder(sim.client_id(), sim.client_secret().to_owned())
        .base_url(sim.saas_base_url())
        .max_requests_per_second(350.0)
        .max_concurrent_requests(16)
        .build()
        .unwrap();
    let request = one_app();
    let results = futures::future::join_all((0..COUNT).map(|i| {
        let (client, request) = (client.clone(), request.clone());
        async move {
            client
                .connections()
                .create(&idp(&format!("customer-{i:04}")), &request)
                .await
        }
    }))
    .await;
    let failures: Vec<_> = results.iter().filter(|r| r.is_err()).collect();
    assert!(
        failures.is_empty(),
        "{} creates failed, first: {:?}",
        failures.len(),
        failures.first()
    );
    assert_eq!(
        sim.saas_connection_count(),
        COUNT,
        "every connection exactly once"
    );
    for i in [0, 499, 999] {
        let connections = client
            .connections()
            .get(&idp(&format!("customer-{i:04}")))
            .await
            .unwrap();
        assert_eq!(connections.len(), 1);
    }
}
