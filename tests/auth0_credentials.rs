//! Auth0 credentials and tenant URLs through the facade: a client-credentials token is
//! requested once with Auth0's JSON grant, shared by concurrent calls and reused; its default
//! token URL and audience follow the API's base URL; a refused token request is an auth error
//! that never shows the secret; a tenant domain is a bare host.

mod common;

use httpmock::Method::{GET, POST};
use httpmock::{Mock, MockServer};
use serde_json::{json, Value};
use sso_connections::auth0::{Auth0Client, Auth0ClientBuilder};
use sso_connections::generated::auth0::ClientInfo as _;
use sso_connections::{Deletion, Error};

use common::auth0::mocks::MockServerExt as _;
use common::auth0::*;
use common::{catch_all, invalid_input, FacadeRequest as _, JsonAnswer as _};

// ---------------------------------------------------------------- client credentials

const M2M_ID: &str = "m2m-id";
const M2M_SECRET: &str = "m2m-secret";

/// The token endpoint of `auth`, expecting exactly Auth0's JSON client-credentials grant. The
/// spec leaves the token endpoint out, so this is plain httpmock.
async fn token_endpoint<'a>(
    auth: &'a MockServer,
    audience: &str,
    status: u16,
    reply: Value,
) -> Mock<'a> {
    let audience = audience.to_owned();
    auth.mock_async(|when, then| {
        when.method(POST)
            .path("/oauth/token")
            .header("content-type", "application/json")
            .header_missing("authorization")
            .json_body(json!({
                "grant_type": "client_credentials",
                "client_id": M2M_ID,
                "client_secret": M2M_SECRET,
                "audience": audience,
            }));
        then.status(status)
            .header("content-type", "application/json")
            .json_body(reply);
    })
    .await
}

/// A token answer carrying `access_token`.
fn token_answer(access_token: &str) -> Value {
    json!({"access_token": access_token, "token_type": "Bearer", "expires_in": 86400, "scope": "read:connection_profiles"})
}

/// A client-credentials client of the API on `api` whose token endpoint is on `auth`.
fn m2m(api: &MockServer, auth: &MockServer) -> Auth0ClientBuilder {
    Auth0Client::client_credentials(DOMAIN, M2M_ID, M2M_SECRET)
        .base_url(api.base_url())
        .token_url(format!("{}/oauth/token", auth.base_url()))
}

#[tokio::test]
async fn client_credentials_post_the_json_grant_once_and_reuse_the_token() {
    let api = MockServer::start_async().await;
    let auth = MockServer::start_async().await;
    let audience = format!("{}/", api.base_url());
    let token = token_endpoint(&auth, &audience, 200, token_answer("minted-1")).await;
    let bearer = "Bearer minted-1";
    let get = api.get_connection_profile(|when, then| {
        when.id(PROFILE_ID).authorized_by(bearer).queries(0);
        then.json(200, profile_json(PROFILE_ID, "Partner SSO", json!({})));
    });
    let templates = api.list_connection_profile_templates(|when, then| {
        when.authorized_by(bearer).queries(0);
        then.json(200, json!({"connection_profile_templates": []}));
    });
    let delete = api.delete_connection_profile(|when, then| {
        when.id(PROFILE_ID).authorized_by(bearer).queries(0);
        then.no_content();
    });

    let client = m2m(&api, &auth).build().unwrap();
    assert!(!format!("{client:?}").contains(M2M_SECRET));
    let profiles = client.connection_profiles();
    // Concurrent first calls share one token request.
    let (a, b) = futures::join!(profiles.get(PROFILE_ID), profiles.templates());
    a.unwrap();
    b.unwrap();
    assert_eq!(
        profiles.delete(PROFILE_ID).await.unwrap(),
        Deletion::Deleted
    );

    token.assert_calls_async(1).await;
    get.assert_async().await;
    templates.assert_async().await;
    delete.assert_async().await;
}

/// The path carries the base URL's prefix, which the generated helpers do not match: plain
/// httpmock.
#[tokio::test]
async fn client_credentials_default_to_the_token_url_and_audience_of_the_api() {
    let server = MockServer::start_async().await;
    let base = format!("{}/api/v2", server.base_url());
    let token = token_endpoint(&server, &format!("{base}/"), 200, token_answer("minted-2")).await;
    let get = expect(GET, format!("/api/v2{}", profile_path(PROFILE_ID)))
        .authorized_by("Bearer minted-2")
        .answer(
            &server,
            200,
            profile_json(PROFILE_ID, "Partner SSO", json!({})),
        )
        .await;
    let client = Auth0Client::client_credentials(DOMAIN, M2M_ID, M2M_SECRET)
        .base_url(&base)
        .build()
        .unwrap();
    client.connection_profiles().get(PROFILE_ID).await.unwrap();
    token.assert_async().await;
    get.assert_async().await;
}

#[tokio::test]
async fn token_endpoint_refusal_is_an_auth_error_that_never_shows_the_secret() {
    for status in [401, 403] {
        let api = MockServer::start_async().await;
        let auth = MockServer::start_async().await;
        let any = catch_all(&api).await;
        let audience = format!("{}/", api.base_url());
        let token = token_endpoint(
            &auth,
            &audience,
            status,
            json!({"error": "access_denied", "error_description": "Unauthorized"}),
        )
        .await;
        let client = m2m(&api, &auth).build().unwrap();
        let err = client
            .connection_profiles()
            .get(PROFILE_ID)
            .await
            .unwrap_err();
        token.assert_async().await;
        any.assert_calls_async(0).await;

        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert!(!err.is_retryable());
        let Error::Auth(auth_error) = &err else {
            panic!("expected Auth, got {err:?}")
        };
        assert_eq!(auth_error.status.map(|s| s.as_u16()), Some(status));
        for shown in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
            assert!(!shown.contains(M2M_SECRET), "{shown}");
        }
    }
}

#[test]
fn clients_default_to_the_tenant_management_api() {
    let builders = [
        Auth0Client::token(DOMAIN, TOKEN),
        Auth0Client::client_credentials(DOMAIN, M2M_ID, M2M_SECRET),
    ];
    for builder in builders {
        let client = builder.build().unwrap();
        assert_eq!(
            client.generated().baseurl(),
            "https://acme.us.auth0.com/api/v2"
        );
        let shown = format!("{client:?}");
        assert!(
            !shown.contains(M2M_SECRET) && !shown.contains(TOKEN),
            "{shown}"
        );
    }
}

#[test]
fn tenant_domains_with_a_scheme_or_a_slash_are_rejected() {
    let domains = [
        "https://acme.us.auth0.com",
        "http://acme.us.auth0.com",
        "https://acme.us.auth0.com/",
        "acme.us.auth0.com/",
        "acme.us.auth0.com/api/v2",
        "/acme.us.auth0.com",
        "",
        "  ",
    ];
    for domain in domains {
        for builder in [
            Auth0Client::token(domain, TOKEN),
            Auth0Client::client_credentials(domain, M2M_ID, M2M_SECRET),
        ] {
            let input = invalid_input(builder.build());
            assert_eq!(input.field(), "tenantDomain", "{domain:?}");
        }
    }
}
