//! Sending is strict (`openapi/README.md`, "Reading is lenient, sending is strict"): a write
//! that breaks a request limit of the spec is refused before it is sent, a `modify` names the
//! field a server value breaks, and a profile read with such a value is repaired by setting
//! that field alone. `tests/lenient_responses.rs` checks the reading side.

mod common;

use httpmock::MockServer;
use serde_json::json;
use sso_connections::auth0::ConnectionProfileSettings;
use sso_connections::generated::pingone::types;
use sso_connections::pingone::{Application, CorsBehavior};

use common::auth0::mocks::MockServerExt as _;
use common::pingone::{minimal_oidc_answer, minimal_oidc_application, APP, ENV};
use common::{invalid_input, uuid, FacadeRequest as _, JsonAnswer as _};
use pingone_mocks::MockServerExt as _;

common::pingone::pingone_mocks!();

/// An OIDC application whose generated struct `edit` changes.
fn oidc_with(edit: impl FnOnce(&mut types::ApplicationOidc)) -> Application {
    let mut app = minimal_oidc_application();
    match &mut app {
        Application::OpenIdConnect(oidc) => edit(oidc),
        other => panic!("{other:?}"),
    }
    app
}

/// Answers every write, to count what was sent: plain httpmock.
#[tokio::test]
async fn pingone_writes_breaking_a_request_limit_are_refused_before_sending() {
    let server = MockServer::start();
    let any = server.mock(|when, then| {
        when.any_request();
        then.status(201).json_body(minimal_oidc_answer());
    });
    let client = common::pingone::client(&server);
    let apps = client.environment(uuid(ENV)).applications();
    let cases: [(&str, Application); 4] = [
        ("parTimeout", oidc_with(|o| o.par_timeout = Some(0))),
        (
            "devicePollingInterval",
            oidc_with(|o| o.device_polling_interval = Some(61)),
        ),
        (
            "refreshTokenDuration",
            oidc_with(|o| o.refresh_token_duration = Some(59)),
        ),
        (
            "corsSettings.origins",
            oidc_with(|o| {
                o.cors_settings = Some(types::CorsSettings {
                    behavior: CorsBehavior::AllowSpecificOrigins,
                    origins: (0..21).map(|i| format!("https://{i}.example")).collect(),
                })
            }),
        ),
    ];
    for (field, app) in cases {
        let refused = invalid_input(apps.create(&app).await).field();
        assert_eq!(refused, field);
        let refused = invalid_input(apps.replace(uuid(APP), &app).await).field();
        assert_eq!(refused, field);
    }
    // The bounds themselves are allowed.
    apps.create(&oidc_with(|o| {
        o.par_timeout = Some(600);
        o.device_polling_interval = Some(1);
        o.refresh_token_rolling_grace_period_duration = Some(0);
    }))
    .await
    .unwrap();
    assert_eq!(any.calls(), 1, "only the last create was sent");
}

#[tokio::test]
async fn pingone_modify_names_the_field_a_server_value_breaks_and_sends_once_it_is_fixed() {
    let server = MockServer::start();
    let stored = json!({
        "id": APP, "name": "Portal", "enabled": true, "type": "WEB_APP",
        "protocol": "OPENID_CONNECT", "grantTypes": ["AUTHORIZATION_CODE"],
        "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "parTimeout": 0,
    });
    server.get_application(|when, then| {
        when.environment_id(&uuid(ENV)).application_id(&uuid(APP));
        then.json(200, stored.clone());
    });
    let mut fixed = stored.clone();
    fixed["parTimeout"] = json!(60);
    fixed["description"] = json!("portal");
    fixed.as_object_mut().unwrap().remove("id");
    let put = server.update_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sending(fixed.clone());
        then.json(200, stored.clone());
    });
    let client = common::pingone::client(&server);
    let apps = client.environment(uuid(ENV)).applications();

    let refused = invalid_input(
        apps.modify(uuid(APP), |app| {
            if let Application::OpenIdConnect(oidc) = app {
                oidc.description = Some("portal".into());
            }
        })
        .await,
    );
    let (field, reason) = (refused.field(), refused.reason());
    assert_eq!(field, "parTimeout");
    assert!(
        reason.starts_with("must be at least 1; it is 0; "),
        "{reason}"
    );
    assert!(reason.contains("`modify` closure"), "{reason}");
    assert_eq!(put.calls(), 0);

    apps.modify(uuid(APP), |app| {
        if let Application::OpenIdConnect(oidc) = app {
            oidc.description = Some("portal".into());
            oidc.par_timeout = Some(60);
        }
    })
    .await
    .unwrap();
    assert_eq!(put.calls(), 1);
}

#[tokio::test]
async fn auth0_a_profile_breaking_a_limit_is_read_and_repaired_by_setting_that_field_alone() {
    let server = MockServer::start();
    let stored = json!({
        "id": "cp_1", "name": "",
        "connection_name_prefix_template": "connection_name_prefix_template",
    });
    server.get_connection_profile(|when, then| {
        when.id("cp_1");
        then.json(200, stored.clone());
    });
    let patch = server.update_connection_profile(|when, then| {
        when.id("cp_1")
            .sending(json!({ "connection_name_prefix_template": "{org_id}" }));
        then.json(200, stored.clone());
    });
    let client = common::auth0::client(&server);
    let profiles = client.connection_profiles();
    let read = profiles.get("cp_1").await.unwrap();
    assert_eq!(read.name, "");
    assert_eq!(
        read.connection_name_prefix_template.as_deref(),
        Some("connection_name_prefix_template")
    );

    // Sending the stored value back is refused before anything leaves.
    let refused = invalid_input(
        ConnectionProfileSettings::builder()
            .connection_name_prefix_template(read.connection_name_prefix_template.clone().unwrap())
            .build(),
    );
    assert_eq!(refused.field(), "connection_name_prefix_template");

    let repair = ConnectionProfileSettings::builder()
        .connection_name_prefix_template("{org_id}")
        .build()
        .unwrap();
    profiles.update("cp_1", &repair).await.unwrap();
    assert_eq!(patch.calls(), 1);
}
