//! Wire contract of the PingOne Platform application operations (`openapi/pingone-platform.yaml`)
//! driven through the facade: exact method, path, headers and JSON body sent, and the typed
//! application of each answer, including applications of a protocol the library does not model.

mod common;

use chrono::{TimeZone as _, Utc};
use futures::TryStreamExt as _;
use httpmock::MockServer;
use serde_json::{json, Value};
use sso_connections::pingone::{
    Application, ApplicationType, GrantType, PkceEnforcement, TokenEndpointAuthMethod,
};
use sso_connections::{Deletion, Error, Uuid};

use common::pingone::*;
use common::{catch_all, merged, uuid, FacadeRequest as _, JsonAnswer as _};
use pingone_mocks::MockServerExt as _;

common::pingone::pingone_mocks!();

/// A WS-Federation application: a protocol the library does not model.
fn ws_fed_application_sent() -> Value {
    json!({
        "name": "Legacy intranet",
        "enabled": true,
        "type": "WEB_APP",
        "protocol": "WS_FED",
        "replyUrl": "https://intranet.example.com/wsfed",
        "domainName": "intranet.example.com",
    })
}

/// A short name for the kind of an application.
fn app_kind(application: &Application) -> &'static str {
    match application {
        Application::OpenIdConnect(_) => "oidc",
        Application::Saml(_) => "saml",
        Application::Other(_) => "other",
        _ => "unexpected",
    }
}

#[tokio::test]
async fn applications_list_follows_next_links_across_three_pages() {
    let server = MockServer::start_async().await;
    let ids = [
        APP,
        OTHER_APP,
        "df5ee1b0-593c-46a5-a88b-30e2de4b3887",
        "c6edbb84-74f0-45be-ad91-36141f4d0235",
    ];
    let kiosk = merged(oidc_application_sent(), json!({"name": "Kiosk"}));
    let pages = vec![
        vec![stored_app(oidc_application_sent(), ids[0])],
        vec![
            stored_app(saml_application_sent(), ids[1]),
            stored_app(kiosk, ids[2]),
        ],
        vec![stored_app(ws_fed_application_sent(), ids[3])],
    ];
    let path = env_path("/applications");
    let mocks = mount_pages(&server, BEARER, &path, "applications", pages).await;

    let client = client(&server);
    let listed: Vec<Application> = client
        .environment(uuid(ENV))
        .applications()
        .list()
        .try_collect()
        .await
        .unwrap();

    assert_each_called_once(&mocks).await;
    let names: Vec<&str> = listed.iter().map(Application::name).collect();
    assert_eq!(names, ["Portal", "Payroll", "Kiosk", "Legacy intranet"]);
    let kinds: Vec<&str> = listed.iter().map(app_kind).collect();
    assert_eq!(kinds, ["oidc", "saml", "oidc", "other"]);
    let listed_ids: Vec<Uuid> = listed.iter().map(|a| a.id().unwrap()).collect();
    assert_eq!(listed_ids, ids.map(uuid));
}

#[tokio::test]
async fn applications_list_where_sends_the_filter() {
    let server = MockServer::start_async().await;
    let mock = server.list_applications(|when, then| {
        when.environment_id(&uuid(ENV))
            .filter("enabled eq true")
            .sent_by_facade_with_queries(1);
        then.json(
            200,
            page(
                "applications",
                vec![stored_app(oidc_application_sent(), APP)],
                None,
            ),
        );
    });

    let client = client(&server);
    let listed: Vec<Application> = client
        .environment(uuid(ENV))
        .applications()
        .list_where("enabled eq true")
        .try_collect()
        .await
        .unwrap();

    mock.assert_async().await;
    assert_eq!(listed.len(), 1);
    assert!(listed[0].enabled());
    assert_eq!(listed[0].id(), Some(uuid(APP)));
}

#[tokio::test]
async fn applications_get_returns_the_typed_application() {
    let server = MockServer::start_async().await;
    let mock = server.get_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade();
        then.json(200, stored_app(oidc_application_sent(), APP));
    });

    let application = client(&server)
        .environment(uuid(ENV))
        .applications()
        .get(uuid(APP))
        .await
        .unwrap();

    mock.assert_async().await;
    let Application::OpenIdConnect(oidc) = &application else {
        panic!("expected an OIDC application, got {application:?}");
    };
    assert_eq!(oidc.id, Some(uuid(APP)));
    assert_eq!(oidc.environment.as_ref().map(|e| e.id), Some(uuid(ENV)));
    assert_eq!(oidc.name, "Portal");
    assert_eq!(oidc.type_, ApplicationType::WebApp);
    assert_eq!(
        oidc.grant_types,
        [GrantType::AuthorizationCode, GrantType::RefreshToken]
    );
    assert_eq!(
        oidc.token_endpoint_auth_method,
        TokenEndpointAuthMethod::ClientSecretBasic
    );
    assert_eq!(oidc.pkce_enforcement, Some(PkceEnforcement::S256Required));
    let created = Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap();
    assert_eq!(oidc.created_at, Some(created));
    assert!(oidc.links.as_ref().unwrap().self_.is_some());
}

#[tokio::test]
async fn applications_create_sends_exactly_the_built_oidc_and_saml_applications() {
    let server = MockServer::start_async().await;
    // A copy of an application read elsewhere: its id, environment, timestamps and links stay.
    let copied = merged(oidc_application_sent(), json!({"name": "Portal copy"}));
    let read_elsewhere: Application =
        serde_json::from_value(stored_app(copied.clone(), APP)).unwrap();
    let cases = [
        (oidc_application(), oidc_application_sent(), APP, "oidc"),
        (
            saml_application(),
            saml_application_sent(),
            OTHER_APP,
            "saml",
        ),
        (read_elsewhere, copied, OTHER_APP, "oidc"),
    ];
    for (application, sent, id, kind) in cases {
        let mock = server.create_application(|when, then| {
            when.environment_id(&uuid(ENV))
                .sent_by_facade()
                .sending(sent.clone());
            then.json(201, stored_app(sent, id));
        });
        let created = client(&server)
            .environment(uuid(ENV))
            .applications()
            .create(&application)
            .await
            .unwrap();
        mock.assert_async().await;
        assert_eq!(app_kind(&created), kind);
        assert_eq!(created.id(), Some(uuid(id)));
        assert_eq!(created.name(), application.name());
    }
}

#[tokio::test]
async fn applications_replace_sends_the_application_without_server_fields() {
    let server = MockServer::start_async().await;
    let sent = merged(
        saml_application_sent(),
        json!({"assertionDuration": 120, "enabled": true}),
    );
    let mock = server.update_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade()
            .sending(sent.clone());
        then.json(200, stored_app(sent.clone(), APP));
    });

    // Start from what a read returned: id, environment, timestamps and links included.
    let application: Application = serde_json::from_value(stored_app(sent, APP)).unwrap();
    let replaced = client(&server)
        .environment(uuid(ENV))
        .applications()
        .replace(uuid(APP), &application)
        .await
        .unwrap();

    mock.assert_async().await;
    let Application::Saml(saml) = replaced else {
        panic!("expected a SAML application, got {replaced:?}");
    };
    assert_eq!(saml.assertion_duration, 120);
    assert!(saml.enabled);
    let updated = saml.updated_at.unwrap();
    assert_eq!(updated.to_rfc3339(), "2024-06-02T11:30:00.125+00:00");
}

#[tokio::test]
async fn applications_modify_writes_back_every_field_it_did_not_touch() {
    let server = MockServer::start_async().await;
    let as_read = merged(
        oidc_application_sent(),
        json!({
            "mobile": {"x": 1},
            "homePageUrl": "https://portal.example.com",
            "refreshTokenDuration": 2592000,
            "corsSettings": {
                "behavior": "ALLOW_SPECIFIC_ORIGINS",
                "origins": ["https://portal.example.com"],
            },
        }),
    );
    let written = merged(
        as_read.clone(),
        json!({"description": "Renamed portal", "enabled": false}),
    );
    let get = server.get_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade();
        then.json(200, stored_app(as_read, APP));
    });
    let put = server.update_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade()
            .sending(written.clone());
        then.json(200, stored_app(written, APP));
    });

    let modified = client(&server)
        .environment(uuid(ENV))
        .applications()
        .modify(uuid(APP), |application| {
            let Application::OpenIdConnect(oidc) = application else {
                panic!("expected an OIDC application, got {application:?}");
            };
            oidc.description = Some("Renamed portal".into());
            oidc.enabled = false;
        })
        .await
        .unwrap();

    get.assert_async().await;
    put.assert_async().await;
    let Application::OpenIdConnect(oidc) = modified else {
        panic!("expected an OIDC application, got {modified:?}");
    };
    assert_eq!(oidc.description.as_deref(), Some("Renamed portal"));
    assert_eq!(oidc.extra.get("mobile"), Some(&json!({"x": 1})));
}

#[tokio::test]
async fn applications_delete_maps_204_to_deleted_and_404_to_not_found() {
    let server = MockServer::start_async().await;
    let deleted = server.delete_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade();
        then.no_content();
    });
    let missing = server.delete_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(OTHER_APP))
            .sent_by_facade();
        then.not_found(&pingone_error("NOT_FOUND", "No such app"));
    });

    let client = client(&server);
    let applications = client.environment(uuid(ENV)).applications();
    let outcomes = [
        applications.delete(uuid(APP)).await.unwrap(),
        applications.delete(uuid(OTHER_APP)).await.unwrap(),
    ];
    assert_eq!(outcomes, [Deletion::Deleted, Deletion::NotFound]);
    deleted.assert_async().await;
    missing.assert_async().await;
}

#[tokio::test]
async fn application_of_unknown_protocol_decodes_as_other_and_survives_modify() {
    let server = MockServer::start_async().await;
    let written = merged(ws_fed_application_sent(), json!({"name": "Intranet"}));
    let get = server.get_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade();
        then.json(200, stored_app(ws_fed_application_sent(), APP));
    });
    let put = server.update_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade()
            .sending(written.clone());
        then.json(200, stored_app(written, APP));
    });

    let client = client(&server);
    let applications = client.environment(uuid(ENV)).applications();
    let read = applications.get(uuid(APP)).await.unwrap();
    let Application::Other(other) = &read else {
        panic!("expected Other, got {read:?}");
    };
    assert_eq!(read.name(), "Legacy intranet");
    assert_eq!(read.id(), Some(uuid(APP)));
    assert!(read.enabled());
    assert_eq!(other.common.name, "Legacy intranet");
    assert_eq!(other.common.protocol.as_str(), "WS_FED");
    assert_eq!(other.raw["replyUrl"], "https://intranet.example.com/wsfed");

    let modified = applications
        .modify(uuid(APP), |application| match application {
            Application::Other(other) => other.raw["name"] = json!("Intranet"),
            _ => panic!("expected Other"),
        })
        .await
        .unwrap();
    assert_eq!(modified.name(), "Intranet");
    get.assert_calls_async(2).await;
    put.assert_async().await;
}

#[tokio::test]
async fn applications_writes_without_a_name_are_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let nameless = merged(oidc_application_sent(), json!({"name": "  "}));
    let nameless: Application = serde_json::from_value(nameless).unwrap();

    let client = client(&server);
    let applications = client.environment(uuid(ENV)).applications();
    for result in [
        applications.create(&nameless).await,
        applications.replace(uuid(APP), &nameless).await,
    ] {
        match result {
            Err(Error::InvalidInput(input)) => assert_eq!(input.field(), "name"),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    any.assert_calls_async(0).await;
}
