//! Wire contract of every Customer Connection API operation: exact method, path, query,
//! headers and JSON body sent, and the typed result of every documented status.

mod common;

use common::saas::*;
use common::{example_cert, example_cert_wire, uuid};
use httpmock::Method::{DELETE, GET, POST, PUT};
use httpmock::MockServer;
use serde_json::json;
use sso_connections::saas::{
    ApplicationConnection, ApplicationIds, ApplicationSelection, Applied, ConnectionScope,
    ConnectionStatus, ConnectionUpdate, Deletion, NewConnection, SharedSettings,
    SharedSettingsBuilder, SigningAlgorithm, SloBinding, StateChange,
};
use sso_connections::Error;

// ---------------------------------------------------------------- create

#[tokio::test]
async fn create_for_every_eligible_application_sends_shared_settings_and_spec_defaults() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/spManaged/exampleIdp.com")
                .header("authorization", BASIC_AUTH)
                .header("content-type", "application/json")
                .header_missing("api-version")
                .query_param_missing("application")
                .json_body(json!({
                    "email": "admin@exampleIdp.com",
                    "entityId": "example Identity Provider",
                    "ssoEndpoint": "http://www.exampleIdp.com",
                    "signingCertificateData": example_cert_wire(),
                    "multiplexed": true,
                    "signAuthnRequest": false,
                    "signingAlgorithm": "RSA_SHA256",
                    "sloBinding": "POST",
                }));
            then.status(201);
        })
        .await;

    let request = NewConnection::for_every_eligible_application(example_settings()).unwrap();
    client(&server)
        .connections()
        .create(&idp("exampleIdp.com"), &request)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn create_for_named_applications_sends_every_option() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT).path("/spManaged/acme").json_body(json!({
                "applications": [APP_A, APP_B],
                "multiplexed": false,
                "email": "admin@acme.example",
                "entityId": "https://idp.acme.example",
                "ssoEndpoint": "https://idp.acme.example/sso",
                "sloEndpoint": "https://idp.acme.example/slo",
                "sloResponseEndpoint": "https://idp.acme.example/slo/response",
                "sloBinding": "Redirect",
                "signAuthnRequest": true,
                "signingCertificateData": example_cert_wire(),
                "signingCertFingerprint": "AB:CD:EF:01",
                "signingAlgorithm": "RSA_SHA512",
            }));
            then.status(201);
        })
        .await;

    let settings = SharedSettings::builder()
        .email("admin@acme.example")
        .entity_id("https://idp.acme.example")
        .sso_endpoint("https://idp.acme.example/sso")
        .slo_endpoint("https://idp.acme.example/slo")
        .slo_response_endpoint("https://idp.acme.example/slo/response")
        .slo_binding(SloBinding::Redirect)
        .sign_authn_request(true)
        .signing_certificate(example_cert())
        .signing_cert_fingerprint("AB:CD:EF:01")
        .signing_algorithm(SigningAlgorithm::RsaSha512)
        .build()
        .unwrap();
    let apps = ApplicationIds::new([uuid(APP_A), uuid(APP_B)]).unwrap();
    let request = NewConnection::for_applications(settings, apps)
        .unwrap()
        .multiplexed(false);
    client(&server)
        .connections()
        .create(&idp("acme"), &request)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn create_conflict_is_already_exists_with_the_server_message() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(PUT).path("/spManaged/acme");
            then.status(409)
                .header("x-request-id", "req-42")
                .body("Connection already exists");
        })
        .await;
    let request = NewConnection::for_every_eligible_application(example_settings()).unwrap();
    let err = client(&server)
        .connections()
        .create(&idp("acme"), &request)
        .await
        .unwrap_err();
    match err {
        Error::AlreadyExists(api) => {
            assert_eq!(api.status.as_u16(), 409);
            assert_eq!(api.message.as_deref(), Some("Connection already exists"));
            assert_eq!(api.request_id.as_deref(), Some("req-42"));
        }
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
}

#[tokio::test]
async fn create_documented_error_statuses_map_to_typed_errors() {
    for (status, body) in [
        (400, r#"{"message":"ssoEndpoint is invalid"}"#),
        (403, "Forbidden for this account"),
        (404, "No available application found"),
    ] {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(PUT).path("/spManaged/acme");
                then.status(status).body(body);
            })
            .await;
        let request = NewConnection::for_every_eligible_application(example_settings()).unwrap();
        let err = client(&server)
            .connections()
            .create(&idp("acme"), &request)
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        let api = match (&err, status) {
            (Error::NotFound(api), 404) | (Error::Api(api), 400 | 403) => api,
            _ => panic!("status {status} mapped to {err:?}"),
        };
        let expected = if status == 400 {
            "ssoEndpoint is invalid"
        } else {
            body
        };
        assert_eq!(api.message.as_deref(), Some(expected));
        assert!(!err.is_retryable());
    }
}

// ---------------------------------------------------------------- apply

#[tokio::test]
async fn apply_creates_when_absent() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(PUT).path("/spManaged/acme");
            then.status(201);
        })
        .await;
    let request = NewConnection::for_every_eligible_application(example_settings()).unwrap();
    let outcome = client(&server)
        .connections()
        .apply(&idp("acme"), &request)
        .await
        .unwrap();
    assert_eq!(outcome, Applied::Created);
    create.assert_async().await;
}

#[tokio::test]
async fn apply_updates_on_conflict_with_the_same_settings() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(PUT).path("/spManaged/acme");
            then.status(409).body("exists");
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/spManaged/acme")
                .header("authorization", BASIC_AUTH)
                .json_body(json!({
                    "applications": [APP_A],
                    "multiplexed": false,
                    "email": "admin@exampleIdp.com",
                    "entityId": "example Identity Provider",
                    "ssoEndpoint": "http://www.exampleIdp.com",
                    "signingCertificateData": example_cert_wire(),
                }));
            then.status(200);
        })
        .await;
    let apps = ApplicationIds::new([uuid(APP_A)]).unwrap();
    let request = NewConnection::for_applications(example_settings(), apps)
        .unwrap()
        .multiplexed(false);
    let outcome = client(&server)
        .connections()
        .apply(&idp("acme"), &request)
        .await
        .unwrap();
    assert_eq!(outcome, Applied::Updated);
    create.assert_async().await;
    update.assert_async().await;
}

// ---------------------------------------------------------------- get

#[tokio::test]
async fn get_returns_every_connection_and_reads_both_status_spellings() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/spManaged/exampleIdp.com")
                .header("authorization", BASIC_AUTH)
                .header("accept", "application/json")
                .query_param_missing("application");
            then.status(200).json_body(json!([
                example_item("status", "Active"),
                example_item("connectionsStatus", "Disabled by Customer"),
                example_item("status", "Paused"),
            ]));
        })
        .await;
    let connections = client(&server)
        .connections()
        .get(&idp("exampleIdp.com"))
        .await
        .unwrap();
    mock.assert_async().await;
    let statuses: Vec<_> = connections.iter().map(|c| c.status.clone()).collect();
    assert_eq!(
        statuses,
        vec![
            Some(ConnectionStatus::Active),
            Some(ConnectionStatus::DisabledByCustomer),
            Some(ConnectionStatus::Unknown("Paused".into())),
        ]
    );
    let first = &connections[0];
    assert_eq!(first.idp_id.as_deref(), Some("exampleIdp.com"));
    assert_eq!(
        first.entity_id.as_deref(),
        Some("example Identity Provider")
    );
    assert_eq!(first.multiplexed, Some(true));
    let cert = first
        .signing_certificate
        .as_ref()
        .unwrap()
        .decode()
        .unwrap();
    assert_eq!(cert, example_cert());
}

#[tokio::test]
async fn get_with_the_generated_mock_helpers() {
    use common::saas::mocks::MockServerExt as _;
    use sso_connections::generated::saas::types;

    let server = MockServer::start_async().await;
    let listed: types::CustomerConnectionList =
        serde_json::from_value(json!([example_item("connectionsStatus", "Complete")])).unwrap();
    let mock = server.get_customer_connections(|when, then| {
        when.idp_id(&"acme".parse().unwrap()).application(None);
        then.ok(&listed);
    });
    let connections = client(&server)
        .connections()
        .get(&idp("acme"))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0].status, Some(ConnectionStatus::Complete));
}

#[tokio::test]
async fn get_unknown_idp_is_not_found_and_bad_json_is_decode() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/spManaged/missing");
            then.status(404).body("No available application found");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/spManaged/broken");
            then.status(200).body(r#"[{"email": "a@b.c""#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/spManaged/wrong-shape");
            then.status(200).json_body(json!({"not": "a list"}));
        })
        .await;
    let connections = client(&server);
    let connections = connections.connections();
    assert!(matches!(
        connections.get(&idp("missing")).await,
        Err(Error::NotFound(_))
    ));
    for broken in ["broken", "wrong-shape"] {
        match connections.get(&idp(broken)).await {
            Err(Error::Decode(decode)) => assert!(!decode.body.is_empty()),
            other => panic!("expected Decode for {broken}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn get_for_application_is_found_when_the_idp_has_other_connections() {
    let server = MockServer::start_async().await;
    let scoped = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/spManaged/acme")
                .query_param("application", APP_A);
            then.status(200)
                .json_body(json!([example_item("status", "Active")]));
        })
        .await;
    let all = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/spManaged/acme")
                .query_param_missing("application");
            then.status(200).json_body(json!([
                example_item("status", "Active"),
                example_item("status", "Disabled"),
            ]));
        })
        .await;
    let found = client(&server)
        .connections()
        .get_for_application(&idp("acme"), uuid(APP_A))
        .await
        .unwrap();
    assert!(
        matches!(found, ApplicationConnection::Found(ref c) if c.status == Some(ConnectionStatus::Active))
    );
    scoped.assert_async().await;
    all.assert_async().await;
}

#[tokio::test]
async fn get_for_application_never_returns_the_fallback_list_as_a_match() {
    let server = MockServer::start_async().await;
    // The saasid matches nothing: the server answers with all connections of the idpId.
    let scoped = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/spManaged/acme")
                .query_param("application", APP_B);
            then.status(200).json_body(json!([
                example_item("status", "Active"),
                example_item("status", "Disabled"),
            ]));
        })
        .await;
    let result = client(&server)
        .connections()
        .get_for_application(&idp("acme"), uuid(APP_B))
        .await
        .unwrap();
    assert_eq!(result, ApplicationConnection::NotConnected);
    assert_eq!(result.found(), None);
    scoped.assert_calls_async(1).await;
}

#[tokio::test]
async fn get_for_application_with_a_single_connection_is_unconfirmed() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.method(GET).path("/spManaged/solo");
            then.status(200)
                .json_body(json!([example_item("status", "Active")]));
        })
        .await;
    let result = client(&server)
        .connections()
        .get_for_application(&idp("solo"), uuid(APP_A))
        .await
        .unwrap();
    assert!(matches!(result, ApplicationConnection::Unconfirmed(_)));
    assert_eq!(result.found(), None);
    any.assert_calls_async(2).await;
}

#[tokio::test]
async fn get_for_application_of_unknown_idp_is_not_connected() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/spManaged/nobody");
            then.status(404);
        })
        .await;
    let result = client(&server)
        .connections()
        .get_for_application(&idp("nobody"), uuid(APP_A))
        .await
        .unwrap();
    assert_eq!(result, ApplicationConnection::NotConnected);
}

// ---------------------------------------------------------------- update

/// Sends `update` for `idp` and checks the exact request: `POST`, Basic auth, JSON content
/// type and exactly `expected` as the body (so no unset field and no `idpId`).
async fn assert_update_sends(idp_id: &str, update: ConnectionUpdate, expected: serde_json::Value) {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/spManaged/{idp_id}"))
                .header("authorization", BASIC_AUTH)
                .header("content-type", "application/json")
                .header_missing("api-version")
                .json_body(expected);
            then.status(200);
        })
        .await;
    client(&server)
        .connections()
        .update(&idp(idp_id), &update)
        .await
        .unwrap();
    mock.assert_async().await;
}

fn settings(build: impl FnOnce(SharedSettingsBuilder) -> SharedSettingsBuilder) -> SharedSettings {
    build(SharedSettings::builder()).build().unwrap()
}

#[tokio::test]
async fn update_sends_only_what_was_set_and_never_the_idp_id() {
    let update =
        ConnectionUpdate::settings(settings(|s| s.sso_endpoint("https://idp.example/new-sso")));
    let expected = json!({"ssoEndpoint": "https://idp.example/new-sso"});
    assert_update_sends("exampleIdp.com", update, expected).await;
}

#[tokio::test]
async fn update_clears_single_logout_endpoints_with_empty_strings() {
    let update = ConnectionUpdate::settings(settings(|s| {
        s.clear_slo_endpoint().clear_slo_response_endpoint()
    }));
    let expected = json!({"sloEndpoint": "", "sloResponseEndpoint": ""});
    assert_update_sends("acme", update, expected).await;
}

#[tokio::test]
async fn update_multiplexed_for_selected_applications_only() {
    let apps = ApplicationSelection::Only(ApplicationIds::new([uuid(APP_B)]).unwrap());
    let expected = json!({"applications": [APP_B], "multiplexed": true});
    assert_update_sends("acme", ConnectionUpdate::multiplexed(apps, true), expected).await;
}

#[tokio::test]
async fn update_of_shared_settings_and_multiplexed_for_all() {
    let update = ConnectionUpdate::settings(settings(|s| {
        s.email("new-admin@acme.example")
            .slo_binding(SloBinding::Redirect)
            .sign_authn_request(false)
            .signing_algorithm(SigningAlgorithm::RsaSha1)
    }))
    .and_multiplexed(ApplicationSelection::All, false);
    let expected = json!({
        "multiplexed": false,
        "email": "new-admin@acme.example",
        "sloBinding": "Redirect",
        "signAuthnRequest": false,
        "signingAlgorithm": "RSA_SHA1",
    });
    assert_update_sends("acme", update, expected).await;
}

#[tokio::test]
async fn update_documented_errors() {
    for (status, expect_not_found) in [(400, false), (403, false), (404, true)] {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(POST).path("/spManaged/acme");
                then.status(status).body("nope");
            })
            .await;
        let update = ConnectionUpdate::multiplexed(ApplicationSelection::All, true);
        let err = client(&server)
            .connections()
            .update(&idp("acme"), &update)
            .await
            .unwrap_err();
        assert_eq!(
            matches!(err, Error::NotFound(_)),
            expect_not_found,
            "{status}: {err:?}"
        );
        assert_eq!(err.status().unwrap().as_u16(), status);
    }
}

// ---------------------------------------------------------------- enable / disable

#[tokio::test]
async fn enable_and_disable_map_200_to_changed_and_304_to_unchanged() {
    let server = MockServer::start_async().await;
    let enable_all = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/spManaged/enable/acme")
                .header("authorization", BASIC_AUTH)
                .query_param_missing("application");
            then.status(200);
        })
        .await;
    let disable_one = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/spManaged/disable/acme")
                .header("authorization", BASIC_AUTH)
                .query_param("application", APP_A);
            then.status(304);
        })
        .await;
    let client = client(&server);
    let connections = client.connections();
    let enabled = connections
        .enable(&idp("acme"), ConnectionScope::AllApplications)
        .await
        .unwrap();
    assert_eq!(enabled, StateChange::Changed);
    let disabled = connections
        .disable(&idp("acme"), ConnectionScope::Application(uuid(APP_A)))
        .await
        .unwrap();
    assert_eq!(disabled, StateChange::Unchanged);
    enable_all.assert_async().await;
    disable_one.assert_async().await;
}

#[tokio::test]
async fn enable_and_disable_errors_are_typed() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/spManaged/enable/acme");
            then.status(403).body("refused");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/spManaged/disable/acme");
            then.status(404).body("no such idp");
        })
        .await;
    let client = client(&server);
    let scope = ConnectionScope::AllApplications;
    let forbidden = client
        .connections()
        .enable(&idp("acme"), scope)
        .await
        .unwrap_err();
    assert!(
        matches!(&forbidden, Error::Api(api) if api.status.as_u16() == 403 && api.message.as_deref() == Some("refused"))
    );
    let missing = client
        .connections()
        .disable(&idp("acme"), scope)
        .await
        .unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)));
}

#[tokio::test]
async fn undocumented_server_errors_are_retryable_api_errors() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/spManaged/enable/acme");
            then.status(503).body("maintenance");
        })
        .await;
    let err = client(&server)
        .connections()
        .enable(&idp("acme"), ConnectionScope::AllApplications)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Api(api) if api.status.as_u16() == 503));
    assert!(err.is_retryable());
}

// ---------------------------------------------------------------- delete

#[tokio::test]
async fn delete_for_application_and_delete_all_are_distinct_requests() {
    let server = MockServer::start_async().await;
    let one = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/spManaged/acme")
                .header("authorization", BASIC_AUTH)
                .query_param("application", APP_A);
            then.status(200);
        })
        .await;
    let all = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/spManaged/acme")
                .header("authorization", BASIC_AUTH)
                .query_param_missing("application");
            then.status(200);
        })
        .await;
    let client = client(&server);
    let deleted = client
        .connections()
        .delete_for_application(&idp("acme"), uuid(APP_A))
        .await
        .unwrap();
    assert_eq!(deleted, Deletion::Deleted);
    one.assert_async().await;
    all.assert_calls_async(0).await;
    assert_eq!(
        client.connections().delete_all(&idp("acme")).await.unwrap(),
        Deletion::Deleted
    );
    all.assert_async().await;
}

#[tokio::test]
async fn delete_of_nothing_is_not_found_outcome() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(DELETE).path("/spManaged/gone");
            then.status(404).body("Connections not found");
        })
        .await;
    let outcome = client(&server)
        .connections()
        .delete_all(&idp("gone"))
        .await
        .unwrap();
    assert_eq!(outcome, Deletion::NotFound);
}

// ---------------------------------------------------------------- encoding

#[tokio::test]
async fn idp_ids_are_percent_encoded_as_utf8_in_every_path() {
    let cases = [
        ("acme corp", "acme%20corp"),
        ("a#b", "a%23b"),
        ("what?", "what%3F"),
        ("100%", "100%25"),
        ("café", "caf%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("...", "..."),
    ];
    for (raw, encoded) in cases {
        let server = MockServer::start_async().await;
        let get = server
            .mock_async(|when, then| {
                when.method(GET).path(format!("/spManaged/{encoded}"));
                then.status(200).json_body(json!([]));
            })
            .await;
        let enable = server
            .mock_async(|when, then| {
                when.method(POST)
                    .path(format!("/spManaged/enable/{encoded}"));
                then.status(304);
            })
            .await;
        let client = client(&server);
        let id = idp(raw);
        assert!(client.connections().get(&id).await.unwrap().is_empty());
        let change = client
            .connections()
            .enable(&id, ConnectionScope::AllApplications)
            .await
            .unwrap();
        assert_eq!(change, StateChange::Unchanged);
        get.assert_async().await;
        enable.assert_async().await;
    }
}
