//! The facade against the simulator: every documented rule of the Customer Connection API,
//! each injected fault, and a route for every operation of every spec.

mod common;

use std::time::Duration;

use common::example_cert;
use common::saas::{example_settings, idp};
use serde_json::{json, Value};
use sso_connections::saas::{
    ApplicationConnection, ApplicationIds, ApplicationSelection, Applied, ConnectionScope,
    ConnectionStatus, ConnectionUpdate, CustomerConnection, Deletion, IdpId, NewConnection,
    SaasClient, SharedSettings, StateChange,
};
use sso_connections::{Error, Uuid};
use sso_connections_simulator::catalogue::{ANALYTICS, BETA, CRM, LEGACY_PORTAL};
use sso_connections_simulator::{Application, Fault, Protocol, Simulator, UNROUTED_HEADER};

async fn setup() -> (Simulator, SaasClient) {
    let simulator = Simulator::start().await.unwrap();
    let client = client_for(&simulator, simulator.client_secret());
    (simulator, client)
}

/// These tests check the API's rules one exchange at a time, so the client does not retry
/// (retries against injected faults are tested in `tests/reliability.rs`).
fn client_for(simulator: &Simulator, secret: &str) -> SaasClient {
    SaasClient::builder(simulator.client_id(), secret.to_owned())
        .base_url(simulator.saas_base_url())
        .timeout(Duration::from_secs(5))
        .retry_policy(sso_connections::RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn all_eligible() -> NewConnection {
    NewConnection::for_every_eligible_application(example_settings()).unwrap()
}

fn only(apps: &[Uuid]) -> NewConnection {
    NewConnection::for_applications(
        example_settings(),
        ApplicationIds::new(apps.iter().copied()).unwrap(),
    )
    .unwrap()
}

async fn connection_of(client: &SaasClient, idp: &IdpId, app: Uuid) -> CustomerConnection {
    match client
        .connections()
        .get_for_application(idp, app)
        .await
        .unwrap()
    {
        ApplicationConnection::Found(c) | ApplicationConnection::Unconfirmed(c) => c,
        ApplicationConnection::NotConnected => panic!("{app} is not connected"),
    }
}

#[tokio::test]
async fn create_without_applications_connects_exactly_the_eligible_ones() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &all_eligible())
        .await
        .unwrap();
    assert_eq!(client.connections().get(&acme).await.unwrap().len(), 2);
    for (app, connected) in [
        (CRM, true),
        (ANALYTICS, true),
        (LEGACY_PORTAL, false),
        (BETA, false),
    ] {
        let found = client
            .connections()
            .get_for_application(&acme, app)
            .await
            .unwrap();
        assert_eq!(
            matches!(found, ApplicationConnection::Found(_)),
            connected,
            "{app}: {found:?}"
        );
    }
}

#[tokio::test]
async fn create_refuses_non_multiplexed_saml_disabled_and_unknown_applications() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    for app in [LEGACY_PORTAL, BETA] {
        let err = client
            .connections()
            .create(&acme, &only(&[CRM, app]))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Api(api) if api.status.as_u16() == 400),
            "{app}: {err:?}"
        );
    }
    let unknown = client
        .connections()
        .create(&acme, &only(&[Uuid::nil()]))
        .await
        .unwrap_err();
    assert!(matches!(unknown, Error::NotFound(_)));
    // Nothing was half-created.
    assert!(matches!(
        client.connections().get(&acme).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn creating_an_existing_connection_conflicts_and_apply_updates_instead() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &only(&[CRM]))
        .await
        .unwrap();
    let err = client
        .connections()
        .create(&acme, &only(&[CRM]))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::AlreadyExists(_)));
    // A different application of the same idpId is a new connection.
    assert_eq!(
        client
            .connections()
            .apply(&acme, &only(&[ANALYTICS]))
            .await
            .unwrap(),
        Applied::Created
    );
    let changed = NewConnection::for_applications(
        SharedSettings::builder()
            .email("new-admin@exampleIdp.com")
            .entity_id("example Identity Provider")
            .sso_endpoint("http://www.exampleIdp.com")
            .signing_certificate(example_cert())
            .build()
            .unwrap(),
        ApplicationIds::new([CRM]).unwrap(),
    )
    .unwrap();
    assert_eq!(
        client.connections().apply(&acme, &changed).await.unwrap(),
        Applied::Updated
    );
    let email = connection_of(&client, &acme, ANALYTICS).await.email;
    assert_eq!(
        email.as_deref(),
        Some("new-admin@exampleIdp.com"),
        "shared settings follow the update"
    );
}

#[tokio::test]
async fn shared_settings_are_shared_and_multiplexed_is_per_connection() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &all_eligible())
        .await
        .unwrap();
    let update = ConnectionUpdate::settings(
        SharedSettings::builder()
            .email("it@acme.example")
            .slo_endpoint("https://idp.acme.example/slo")
            .build()
            .unwrap(),
    )
    .and_multiplexed(
        ApplicationSelection::Only(ApplicationIds::new([CRM]).unwrap()),
        false,
    );
    client.connections().update(&acme, &update).await.unwrap();
    for connection in client.connections().get(&acme).await.unwrap() {
        assert_eq!(connection.email.as_deref(), Some("it@acme.example"));
        assert_eq!(
            connection.slo_endpoint.as_deref(),
            Some("https://idp.acme.example/slo")
        );
    }
    assert_eq!(
        connection_of(&client, &acme, CRM).await.multiplexed,
        Some(false)
    );
    assert_eq!(
        connection_of(&client, &acme, ANALYTICS).await.multiplexed,
        Some(true)
    );
}

#[tokio::test]
async fn create_with_multiplexed_false_makes_per_application_connections() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &all_eligible().multiplexed(false))
        .await
        .unwrap();
    let list = client.connections().get(&acme).await.unwrap();
    assert!(list.iter().all(|c| c.multiplexed == Some(false)));
}

#[tokio::test]
async fn empty_strings_clear_single_logout_endpoints() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    let settings = SharedSettings::builder()
        .email("admin@exampleIdp.com")
        .entity_id("example Identity Provider")
        .sso_endpoint("http://www.exampleIdp.com")
        .signing_certificate(example_cert())
        .slo_endpoint("https://idp.example/slo")
        .slo_response_endpoint("https://idp.example/slo-response")
        .build()
        .unwrap();
    client
        .connections()
        .create(
            &acme,
            &NewConnection::for_every_eligible_application(settings).unwrap(),
        )
        .await
        .unwrap();
    let clear = ConnectionUpdate::settings(
        SharedSettings::builder()
            .clear_slo_endpoint()
            .build()
            .unwrap(),
    );
    client.connections().update(&acme, &clear).await.unwrap();
    let connection = connection_of(&client, &acme, CRM).await;
    assert_eq!(connection.slo_endpoint, None);
    assert_eq!(
        connection.slo_response_endpoint.as_deref(),
        Some("https://idp.example/slo-response")
    );
}

#[tokio::test]
async fn the_body_idp_id_of_an_update_is_ignored() {
    let (sim, client) = setup().await;
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &only(&[CRM]))
        .await
        .unwrap();
    // The facade cannot send it, so send it raw.
    let response = common::raw_http()
        .post(format!("{}/spManaged/acme", sim.saas_base_url()))
        .basic_auth(sim.client_id(), Some(sim.client_secret()))
        .json(&json!({"idpId": "renamed", "email": "x@acme.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let connection = connection_of(&client, &acme, CRM).await;
    assert_eq!(connection.idp_id.as_deref(), Some("acme"));
    assert_eq!(connection.email.as_deref(), Some("x@acme.example"));
    assert!(matches!(
        client.connections().get(&idp("renamed")).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn enable_and_disable_report_unchanged_when_nothing_changes() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    let c = client.connections();
    c.create(&acme, &all_eligible()).await.unwrap();
    let all = ConnectionScope::AllApplications;
    let crm = ConnectionScope::Application(CRM);
    assert_eq!(c.enable(&acme, all).await.unwrap(), StateChange::Unchanged);
    assert_eq!(c.disable(&acme, crm).await.unwrap(), StateChange::Changed);
    assert_eq!(c.disable(&acme, crm).await.unwrap(), StateChange::Unchanged);
    assert_eq!(
        connection_of(&client, &acme, CRM).await.status,
        Some(ConnectionStatus::Disabled)
    );
    assert_eq!(
        connection_of(&client, &acme, ANALYTICS).await.status,
        Some(ConnectionStatus::Active)
    );
    assert_eq!(c.disable(&acme, all).await.unwrap(), StateChange::Changed);
    assert_eq!(c.disable(&acme, all).await.unwrap(), StateChange::Unchanged);
    assert_eq!(c.enable(&acme, all).await.unwrap(), StateChange::Changed);
    let not_connected = c
        .enable(&acme, ConnectionScope::Application(BETA))
        .await
        .unwrap_err();
    assert!(matches!(not_connected, Error::NotFound(_)));
}

#[tokio::test]
async fn a_scoped_read_of_an_unconnected_application_returns_everything_and_the_facade_says_not_connected(
) {
    let (sim, client) = setup().await;
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &all_eligible())
        .await
        .unwrap();
    // The server's fallback, seen raw: both connections.
    let raw: Value = common::raw_http()
        .get(format!(
            "{}/spManaged/acme?application={LEGACY_PORTAL}",
            sim.saas_base_url()
        ))
        .basic_auth(sim.client_id(), Some(sim.client_secret()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(raw.as_array().unwrap().len(), 2);
    let seen = client
        .connections()
        .get_for_application(&acme, LEGACY_PORTAL)
        .await
        .unwrap();
    assert_eq!(seen, ApplicationConnection::NotConnected);
}

#[tokio::test]
async fn a_single_connection_cannot_be_confirmed_by_a_scoped_read() {
    let (_sim, client) = setup().await;
    let solo = idp("solo");
    client
        .connections()
        .create(&solo, &only(&[CRM]))
        .await
        .unwrap();
    let asked_for_other = client
        .connections()
        .get_for_application(&solo, ANALYTICS)
        .await
        .unwrap();
    assert!(matches!(
        asked_for_other,
        ApplicationConnection::Unconfirmed(_)
    ));
    assert_eq!(asked_for_other.found(), None);
}

#[tokio::test]
async fn delete_one_then_all_and_unknown_idp() {
    let (_sim, client) = setup().await;
    let acme = idp("acme");
    let c = client.connections();
    c.create(&acme, &all_eligible()).await.unwrap();
    assert_eq!(
        c.delete_for_application(&acme, CRM).await.unwrap(),
        Deletion::Deleted
    );
    assert_eq!(
        c.delete_for_application(&acme, CRM).await.unwrap(),
        Deletion::NotFound
    );
    assert_eq!(c.get(&acme).await.unwrap().len(), 1);
    assert_eq!(c.delete_all(&acme).await.unwrap(), Deletion::Deleted);
    assert_eq!(c.delete_all(&acme).await.unwrap(), Deletion::NotFound);
    assert!(matches!(c.get(&acme).await, Err(Error::NotFound(_))));
    let update = ConnectionUpdate::multiplexed(ApplicationSelection::All, true);
    assert!(matches!(
        c.update(&acme, &update).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn idp_ids_with_reserved_and_non_ascii_characters_round_trip() {
    let (_sim, client) = setup().await;
    for raw in ["acme corp", "a#b?c", "100% sure", "café", "日本"] {
        let id = idp(raw);
        client
            .connections()
            .create(&id, &only(&[CRM]))
            .await
            .unwrap();
        let list = client.connections().get(&id).await.unwrap();
        assert_eq!(list[0].idp_id.as_deref(), Some(raw));
        assert_eq!(
            client.connections().delete_all(&id).await.unwrap(),
            Deletion::Deleted
        );
    }
}

#[tokio::test]
async fn wrong_credentials_are_403_and_missing_ones_401() {
    let (sim, _client) = setup().await;
    let wrong = client_for(&sim, "not-the-secret");
    let err = wrong.connections().get(&idp("acme")).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status.as_u16() == 403),
        "{err:?}"
    );
    assert!(!format!("{err:?}{err}").contains("not-the-secret"));
    let anonymous = common::raw_http()
        .get(format!("{}/spManaged/acme", sim.saas_base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert!(anonymous.headers().contains_key("www-authenticate"));
}

#[tokio::test]
async fn injected_statuses_surface_as_typed_retryable_errors_then_service_resumes() {
    let (sim, client) = setup().await;
    let acme = idp("acme");
    sim.inject(Fault::status(429).retry_after(7));
    sim.inject(Fault::status(500));
    sim.inject(Fault::status(503).times(2));
    for expected in [429, 500, 503, 503] {
        let err = client
            .connections()
            .create(&acme, &all_eligible())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Api(api) if api.status.as_u16() == expected),
            "{err:?}"
        );
        assert!(err.is_retryable());
    }
    client
        .connections()
        .create(&acme, &all_eligible())
        .await
        .unwrap();
}

#[tokio::test]
async fn injected_retry_after_header_is_sent() {
    let (sim, _client) = setup().await;
    sim.inject(Fault::status(429).retry_after(3));
    let response = common::raw_http()
        .get(format!("{}/spManaged/acme", sim.saas_base_url()))
        .basic_auth(sim.client_id(), Some(sim.client_secret()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "3");
}

#[tokio::test]
async fn an_injected_malformed_body_is_a_decode_error_with_its_status() {
    let (sim, client) = setup().await;
    sim.inject(Fault::malformed_body());
    let err = client.connections().get(&idp("acme")).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.body.contains("not")),
        "{err:?}"
    );
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(200),
        "the status survives decoding"
    );
}

#[tokio::test]
async fn an_injected_delay_beyond_the_client_timeout_is_a_transport_timeout() {
    let (sim, _client) = setup().await;
    let impatient = SaasClient::builder(sim.client_id(), sim.client_secret().to_owned())
        .base_url(sim.saas_base_url())
        .timeout(Duration::from_millis(200))
        .retry_policy(sso_connections::RetryPolicy::disabled())
        .build()
        .unwrap();
    sim.inject(Fault::delay(Duration::from_millis(1500)));
    match impatient.connections().get(&idp("acme")).await.unwrap_err() {
        Error::Transport(transport) => assert!(transport.is_timeout(), "{transport}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn faults_can_be_planned_and_cleared_over_http() {
    let (sim, client) = setup().await;
    let http = common::raw_http();
    let planned = http
        .post(format!("{}/__simulator/faults", sim.url()))
        .json(&json!({"status": 502, "count": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(planned.status(), 204);
    let err = client.connections().get(&idp("acme")).await.unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 502);
    http.post(format!("{}/__simulator/faults", sim.url()))
        .json(&json!({"status": 500, "count": 5}))
        .send()
        .await
        .unwrap();
    http.delete(format!("{}/__simulator/faults", sim.url()))
        .send()
        .await
        .unwrap();
    assert!(matches!(
        client.connections().get(&idp("acme")).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn a_catalogue_file_replaces_the_default_applications() {
    let only_app = Uuid::from_u128(42);
    let catalogue = vec![Application {
        saasid: only_app,
        name: "Only".into(),
        protocol: Protocol::Saml,
        multiplexed: true,
        enabled: true,
    }];
    let path = std::env::temp_dir().join(format!("catalogue-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&catalogue).unwrap()).unwrap();
    let sim = Simulator::builder()
        .catalogue_file(&path)
        .unwrap()
        .start()
        .await
        .unwrap();
    let client = client_for(&sim, sim.client_secret());
    let acme = idp("acme");
    client
        .connections()
        .create(&acme, &all_eligible())
        .await
        .unwrap();
    let list = client.connections().get(&acme).await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(matches!(
        client
            .connections()
            .get_for_application(&acme, only_app)
            .await
            .unwrap(),
        ApplicationConnection::Unconfirmed(_)
    ));
    let err = client
        .connections()
        .create(&idp("other"), &only(&[CRM]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound(_)),
        "CRM is not in this catalogue"
    );
}

/// Every operation of every spec under `openapi/` reaches a simulator route: a new operation
/// without simulator support fails here.
#[tokio::test]
async fn every_spec_operation_has_a_simulator_route() {
    let sim = Simulator::start().await.unwrap();
    let http = common::raw_http();
    let placeholder = regex::Regex::new(r"\{[^}]+\}").unwrap();
    let mut checked = 0;
    for (file, spec) in common::specs() {
        // Server variables (`{region}`, `{tenantDomain}`) take their defaults.
        let mut server = spec["servers"][0]["url"].as_str().unwrap().to_owned();
        for (name, variable) in common::entries(&spec["servers"][0]["variables"]) {
            let default = variable["default"].as_str().unwrap();
            server = server.replace(&format!("{{{name}}}"), default);
        }
        let base_path = url::Url::parse(&server)
            .unwrap()
            .path()
            .trim_end_matches('/')
            .to_owned();
        for (template, item) in spec["paths"].as_object().unwrap() {
            let concrete = placeholder.replace_all(template, "probe");
            for method in item
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| *k != "parameters")
            {
                let url = format!("{}{base_path}{concrete}", sim.url());
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let response = http
                    .request(method.clone(), &url)
                    .basic_auth(sim.client_id(), Some(sim.client_secret()))
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                assert!(
                    !response.headers().contains_key(UNROUTED_HEADER),
                    "{file}: {method} {template} has no simulator route"
                );
                assert_ne!(
                    response.status(),
                    405,
                    "{method} {template} is not routed for that method"
                );
                checked += 1;
            }
        }
    }
    // 6 SaaS + 27 PingOne + 7 Auth0 operations.
    assert!(checked >= 40, "only {checked} operations checked");
    // And the check itself can fail: an unknown path is reported as unrouted.
    let unknown = http
        .get(format!("{}/nowhere", sim.url()))
        .send()
        .await
        .unwrap();
    assert!(unknown.headers().contains_key(UNROUTED_HEADER));
}
