//! PingOne Platform errors and paging through the facade: error bodies and documented
//! statuses become typed errors (with or without a JSON body), a success body of the wrong
//! shape is a decode error, a next link to another host is not followed, and an error on a
//! later page ends the list after the earlier items.

mod common;

use futures::StreamExt as _;
use httpmock::Method::{DELETE, GET, POST};
use httpmock::MockServer;
use serde_json::json;
use sso_connections::{Deletion, Error};

use common::pingone::*;
use common::{api_request, uuid, FacadeRequest as _, JsonAnswer as _};
use pingone_mocks::MockServerExt as _;

common::pingone::pingone_mocks!();

/// A short name for the variant of an error.
fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::InvalidInput(_) => "InvalidInput",
        Error::NotFound(_) => "NotFound",
        Error::AlreadyExists(_) => "AlreadyExists",
        Error::Api(_) => "Api",
        Error::Auth(_) => "Auth",
        Error::Transport(_) => "Transport",
        Error::Decode(_) => "Decode",
        _ => "unexpected",
    }
}

// ---------------------------------------------------------------- errors

#[tokio::test]
async fn pingone_error_body_on_400_becomes_api_error_with_code_and_details() {
    let server = MockServer::start_async().await;
    let message =
        "The request could not be completed. One or more validation errors were in the request.";
    let body = json!({
        "id": "7c1f7e3f-44e0-4d4b-9b3a-2f8c0e1d2a3b",
        "code": "INVALID_DATA",
        "message": message,
        "details": [{
            "code": "INVALID_VALUE",
            "target": "name",
            "message": "Name must be unique within the environment",
        }],
    });
    let mock = server.create_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .sent_by_facade()
            .sending(oidc_application_sent());
        then.json(400, body);
    });

    let err = client(&server)
        .environment(uuid(ENV))
        .applications()
        .create(&oidc_application())
        .await
        .unwrap_err();

    mock.assert_async().await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(!err.is_retryable());
    let Error::Api(api) = &err else {
        panic!("expected Api, got {err:?}");
    };
    assert_eq!(api.status.as_u16(), 400);
    assert_eq!(api.code.as_deref(), Some("INVALID_DATA"));
    assert_eq!(api.message.as_deref(), Some(message));
    assert_eq!(api.details.len(), 1);
    let detail = &api.details[0];
    assert_eq!(detail.target.as_deref(), Some("name"));
    assert_eq!(detail.code.as_deref(), Some("INVALID_VALUE"));
    let detail_message = "Name must be unique within the environment";
    assert_eq!(detail.message.as_deref(), Some(detail_message));
    assert!(api.body.contains("7c1f7e3f-44e0-4d4b-9b3a-2f8c0e1d2a3b"));
    let shown = err.to_string();
    assert!(shown.contains("INVALID_DATA"), "{shown}");
    assert!(shown.contains(detail_message), "{shown}");
}

/// Every status in one loop, each answer with a header of the test's choosing: plain
/// httpmock.
#[tokio::test]
async fn documented_error_statuses_map_to_typed_errors() {
    let cases = [
        (401, "INVALID_TOKEN", "Api", false),
        (403, "ACCESS_FAILED", "Api", false),
        (404, "NOT_FOUND", "NotFound", false),
        (409, "UNIQUENESS_VIOLATION", "AlreadyExists", false),
        (429, "REQUEST_LIMITED", "Api", true),
        (500, "UNEXPECTED_ERROR", "Api", true),
    ];
    for (status, code, kind, retryable) in cases {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(POST).path(env_path("/applications"));
                then.status(status)
                    .header("content-type", "application/json")
                    .header("correlation-id", "corr-123")
                    .json_body_obj(&pingone_error(code, "it failed"));
            })
            .await;
        let err = client(&server)
            .environment(uuid(ENV))
            .applications()
            .create(&saml_application())
            .await
            .unwrap_err();
        assert_eq!(error_kind(&err), kind, "{status}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.is_retryable(), retryable, "{status}");
        let (Error::Api(api) | Error::NotFound(api) | Error::AlreadyExists(api)) = &err else {
            unreachable!("checked by error_kind")
        };
        assert_eq!(api.code.as_deref(), Some(code));
        assert_eq!(api.message.as_deref(), Some("it failed"));
        assert_eq!(api.request_id.as_deref(), Some("corr-123"));
    }
}

/// Answers without a JSON body, which the generated helpers do not write: plain httpmock.
#[tokio::test]
async fn documented_error_statuses_without_a_json_body_keep_their_meaning() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(DELETE).path(application_path(APP));
            then.status(404);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(env_path("/applications"));
            then.status(429).body("Too Many Requests");
        })
        .await;

    let client = client(&server);
    let applications = client.environment(uuid(ENV)).applications();
    let deletion = applications.delete(uuid(APP)).await.unwrap();
    assert_eq!(deletion, Deletion::NotFound);
    let listed: Vec<_> = applications.list().collect().await;
    match &listed[..] {
        [Err(err @ Error::Api(api))] => {
            assert_eq!(api.status.as_u16(), 429);
            assert!(err.is_retryable());
        }
        other => panic!("expected one retryable Api error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_success_body_of_the_wrong_shape_is_a_decode_error() {
    let server = MockServer::start_async().await;
    server.get_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade();
        then.json(200, json!({"protocol": "SAML", "name": 7}));
    });

    let err = client(&server)
        .environment(uuid(ENV))
        .applications()
        .get(uuid(APP))
        .await
        .unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}");
    };
    assert!(decode.body.contains("\"name\":7"), "{decode:?}");
}

// ---------------------------------------------------------------- paging safety

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = MockServer::start_async().await;
    let elsewhere = MockServer::start_async().await;
    let path = env_path("/applications");
    let trap = elsewhere
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .json_body(page("applications", vec![], None));
        })
        .await;
    let next = format!("{}{path}?cursor=2", elsewhere.base_url());
    let first = server.list_applications(|when, then| {
        when.environment_id(&uuid(ENV)).authorized_by(BEARER);
        then.json(
            200,
            page(
                "applications",
                vec![stored_app(oidc_application_sent(), APP)],
                Some(next.clone()),
            ),
        );
    });

    let client = client(&server);
    let applications = client.environment(uuid(ENV)).applications();
    let results: Vec<_> = applications.list().collect().await;

    first.assert_async().await;
    trap.assert_calls_async(0).await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().id(), Some(uuid(APP)));
    match &results[1] {
        Err(Error::Decode(decode)) => assert!(decode.reason.contains(&next), "{decode:?}"),
        other => panic!("expected Decode, got {other:?}"),
    }
}

/// The pages are told apart by a cursor of the mock's choosing (see [`mount_pages`]): plain
/// httpmock.
#[tokio::test]
async fn an_error_on_a_later_page_ends_the_stream_after_the_earlier_items() {
    let server = MockServer::start_async().await;
    let path = env_path("/identityProviders");
    let first = server
        .mock_async(|when, then| {
            api_request(when, GET, &path, BEARER).query_param_missing("cursor");
            then.status(200).json_body(page(
                "identityProviders",
                vec![stored_idp(saml_idp_sent(), IDP)],
                Some(format!("{}{path}?cursor=2", server.base_url())),
            ));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            api_request(when, GET, &path, BEARER).query_param("cursor", "2");
            then.status(500)
                .json_body_obj(&pingone_error("UNEXPECTED_ERROR", "try again"));
        })
        .await;

    let client = client(&server);
    let providers = client.environment(uuid(ENV)).identity_providers();
    let results: Vec<_> = providers.list().collect().await;

    first.assert_async().await;
    second.assert_async().await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().name(), "SAMLIdP");
    match &results[1] {
        Err(err @ Error::Api(api)) => {
            assert_eq!(api.status.as_u16(), 500);
            assert_eq!(api.code.as_deref(), Some("UNEXPECTED_ERROR"));
            assert!(err.is_retryable());
        }
        other => panic!("expected Api 500, got {other:?}"),
    }
}
