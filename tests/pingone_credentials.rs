//! PingOne Platform credentials and hosts through the facade: a worker's token is requested
//! once, shared by concurrent calls, refreshed before it expires and never shown when refused;
//! the region picks the API host unless a base URL is given, whose path prefixes every request.

mod common;

use std::time::Duration;

use base64::Engine as _;
use futures::TryStreamExt as _;
use httpmock::Method::{DELETE, POST};
use httpmock::{Mock, MockServer};
use serde_json::{json, Value};
use sso_connections::generated::pingone::ClientInfo as _;
use sso_connections::pingone::{Application, PingOneClient, PingOneClientBuilder, Region};
use sso_connections::{Deletion, Error};

use common::pingone::*;
use common::{advance_clock, uuid, Expect, FacadeRequest as _, JsonAnswer as _};
use pingone_mocks::MockServerExt as _;

common::pingone::pingone_mocks!();

// ---------------------------------------------------------------- worker credentials

const WORKER_ID: &str = "worker-client-id";
const WORKER_SECRET: &str = "worker-s3cr3t-value";

/// The Basic credentials of the worker.
fn worker_basic() -> String {
    let pair = format!("{WORKER_ID}:{WORKER_SECRET}");
    let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
    format!("Basic {encoded}")
}

/// A worker client of the API on `api` whose token endpoint is on `auth`.
fn worker(api: &MockServer, auth: &MockServer) -> PingOneClient {
    PingOneClient::worker(uuid(ENV), WORKER_ID, WORKER_SECRET)
        .base_url(api.base_url())
        .token_url(format!("{}/{ENV}/as/token", auth.base_url()))
        .build()
        .unwrap()
}

/// The token endpoint: exactly the client-credentials request, answered with `answer`. The
/// platform spec leaves the token endpoint out, so this is plain httpmock.
async fn mount_token(auth: &MockServer, status: u16, answer: Value) -> Mock<'_> {
    auth.mock_async(|when, then| {
        when.method(POST)
            .path(format!("/{ENV}/as/token"))
            .header("authorization", worker_basic())
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials");
        then.status(status)
            .header("content-type", "application/json")
            .json_body(answer);
    })
    .await
}

/// A token answer: `token`, valid for `expires_in` seconds.
fn token_answer(token: &str, expires_in: u64) -> Value {
    json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in})
}

#[tokio::test]
async fn worker_token_is_requested_once_and_sent_with_every_call_and_page() {
    let (api, auth) = (
        MockServer::start_async().await,
        MockServer::start_async().await,
    );
    let token = mount_token(&auth, 200, token_answer("worker-token-1", 3600)).await;
    let bearer = "Bearer worker-token-1";
    let pages = vec![
        vec![stored_app(oidc_application_sent(), APP)],
        vec![stored_app(saml_application_sent(), OTHER_APP)],
    ];
    let path = env_path("/applications");
    let list = mount_pages(&api, bearer, &path, "applications", pages).await;
    let secret = api.get_application_secret(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .authorized_by(bearer)
            .queries(0);
        then.json(200, json!({"secret": "s"}));
    });

    let client = worker(&api, &auth);
    let environment = client.environment(uuid(ENV));
    let listed: Vec<Application> = environment
        .applications()
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    environment
        .application(uuid(APP))
        .secret()
        .get()
        .await
        .unwrap();

    assert_each_called_once(&list).await;
    secret.assert_async().await;
    token.assert_calls_async(1).await;
    assert!(!format!("{client:?}").contains(WORKER_SECRET));
}

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let (api, auth) = (
        MockServer::start_async().await,
        MockServer::start_async().await,
    );
    let token = mount_token(&auth, 200, token_answer("worker-token-1", 3600)).await;
    let get = api.get_application(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .authorized_by("Bearer worker-token-1")
            .queries(0);
        then.json(200, stored_app(oidc_application_sent(), APP));
    });

    let client = worker(&api, &auth);
    let applications = client.environment(uuid(ENV)).applications();
    let calls = (0..5).map(|_| applications.get(uuid(APP)));
    let results = futures::future::join_all(calls).await;

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    get.assert_calls_async(5).await;
    token.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_refused_token_request_is_an_auth_error_without_the_secret() {
    let (api, auth) = (
        MockServer::start_async().await,
        MockServer::start_async().await,
    );
    let refusal = json!({
        "error": "invalid_client",
        "error_description": "Request denied: Invalid client credentials",
    });
    let token = mount_token(&auth, 401, refusal).await;
    let any_api_call = api
        .mock_async(|when, then| {
            when.any_request();
            then.status(200);
        })
        .await;

    let client = worker(&api, &auth);
    let providers = client.environment(uuid(ENV)).identity_providers();
    let err = providers.get(uuid(IDP)).await.unwrap_err();

    token.assert_async().await;
    any_api_call.assert_calls_async(0).await;
    let Error::Auth(auth_error) = &err else {
        panic!("expected Auth, got {err:?}");
    };
    assert_eq!(auth_error.status.map(|s| s.as_u16()), Some(401));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(!err.is_retryable());
    let basic = worker_basic();
    let encoded = basic.trim_start_matches("Basic ");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(shown.contains("invalid_client"), "{shown}");
        assert!(!shown.contains(WORKER_SECRET), "{shown}");
        assert!(!shown.contains(encoded), "{shown}");
    }
}

#[tokio::test]
async fn a_token_about_to_expire_is_refreshed() {
    let (api, auth) = (
        MockServer::start_async().await,
        MockServer::start_async().await,
    );
    let reply = stored_app(oidc_application_sent(), APP);
    let with_token = |token: &'static str| {
        let reply = reply.clone();
        api.get_application(move |when, then| {
            when.environment_id(&uuid(ENV))
                .application_id(&uuid(APP))
                .authorized_by(&format!("Bearer {token}"))
                .queries(0);
            then.json(200, reply);
        })
    };
    let with_first = with_token("worker-token-1");
    let with_second = with_token("worker-token-2");

    let client = worker(&api, &auth);
    let applications = client.environment(uuid(ENV)).applications();
    let first_token = mount_token(&auth, 200, token_answer("worker-token-1", 1)).await;
    applications.get(uuid(APP)).await.unwrap();
    first_token.assert_async().await;
    first_token.delete_async().await;

    let second_token = mount_token(&auth, 200, token_answer("worker-token-2", 3600)).await;
    // A one-second token is refreshed once half of its life has passed: the clock the token
    // cache reads moves past that point at once.
    advance_clock(Duration::from_millis(700)).await;
    applications.get(uuid(APP)).await.unwrap();
    applications.get(uuid(APP)).await.unwrap();

    second_token.assert_async().await;
    with_first.assert_calls_async(1).await;
    with_second.assert_calls_async(2).await;
}

// ---------------------------------------------------------------- region and base URL

#[test]
fn the_region_picks_the_api_host_unless_a_base_url_is_given() {
    let base_url = |builder: PingOneClientBuilder| {
        let client = builder.build().unwrap();
        client.generated().baseurl().to_string()
    };
    let bearer = || PingOneClient::bearer("t");
    assert_eq!(base_url(bearer()), "https://api.pingone.com/v1");
    assert_eq!(
        base_url(bearer().region(Region::Europe)),
        "https://api.pingone.eu/v1"
    );
    let worker = PingOneClient::worker(uuid(ENV), "id", "secret").region(Region::Australia);
    assert_eq!(base_url(worker), "https://api.pingone.com.au/v1");
    let overridden = bearer()
        .region(Region::Europe)
        .base_url("http://127.0.0.1:9/v1/");
    assert_eq!(base_url(overridden), "http://127.0.0.1:9/v1");
    for builder in [
        bearer().base_url("not a url"),
        PingOneClient::worker(uuid(ENV), "id", "secret").token_url("ftp://auth.example/token"),
    ] {
        assert!(matches!(builder.build(), Err(Error::InvalidInput(_))));
    }
}

/// The path carries the base URL's prefix, which the generated helpers do not match: plain
/// httpmock.
#[tokio::test]
async fn a_base_url_with_a_path_prefixes_every_request() {
    let server = MockServer::start_async().await;
    let mock = Expect::new(DELETE, format!("/v1{}", idp_path(IDP)), BEARER)
        .answer_empty(&server, 204)
        .await;
    let client = PingOneClient::bearer("test-token")
        .base_url(format!("{}/v1/", server.base_url()))
        .build()
        .unwrap();

    let providers = client.environment(uuid(ENV)).identity_providers();
    let outcome = providers.delete(uuid(IDP)).await.unwrap();

    assert_eq!(outcome, Deletion::Deleted);
    mock.assert_async().await;
}
