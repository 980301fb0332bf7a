//! No public type that holds a secret shows it: every client, builder, secret, identity
//! provider and error is formatted with `{:?}`, `{:#?}` (and `{}` / `{:#}` where it has
//! `Display`), and none of the renderings contains a sentinel secret, nor for HTTP Basic the
//! base64 of `id:secret`. A positive control in each test proves the formatting ran and shows
//! what it is supposed to show. Certificates are not secrets, but no full certificate is shown
//! either.

mod common;

use std::fmt::{Debug, Display};
use std::time::Duration;

use base64::Engine as _;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::{json, Value};
use sso_connections::auth0::{Auth0Client, Auth0ClientBuilder};
use sso_connections::pingone::{
    IdentityProvider, IdpTokenEndpointAuthMethod, OidcIdentityProvider, PingOneClient,
    PingOneClientBuilder,
};
use sso_connections::saas::{
    ConnectionUpdate, EncodedCertificate, IdpId, NewConnection, SaasClient, SaasClientBuilder,
    SharedSettings,
};
use sso_connections::{Error, SecretString, Uuid};

// ---------------------------------------------------------------- sentinels and checks

const CLIENT_ID: &str = "visible-client-id-17";
const SAAS_SECRET: &str = "S3CRET-sentinel-saas-41";
const WORKER_SECRET: &str = "S3CRET-sentinel-worker-42";
const BEARER_TOKEN: &str = "S3CRET-sentinel-bearer-43";
const M2M_SECRET: &str = "S3CRET-sentinel-m2m-44";
const MGMT_TOKEN: &str = "S3CRET-sentinel-mgmt-45";
const APP_SECRET: &str = "S3CRET-sentinel-app-46";
const PREVIOUS_SECRET: &str = "S3CRET-sentinel-previous-47";
const OIDC_IDP_SECRET: &str = "S3CRET-sentinel-oidc-idp-48";
const SOCIAL_SECRET: &str = "S3CRET-sentinel-social-49";
const FACEBOOK_SECRET: &str = "S3CRET-sentinel-facebook-50";
const BUILDER_SECRET: &str = "S3CRET-sentinel-builder-51";
const APPLE_KEY: &str = "S3CRET-sentinel-apple-private-key-52";
const DOMAIN: &str = "acme.us.auth0.com";
const UNREACHABLE: &str = "http://127.0.0.1:9";

fn env_id() -> Uuid {
    Uuid::from_u128(0x02d3_7832_476a_431b_8a60_d77c_ecd7_005c)
}

fn app_id() -> Uuid {
    Uuid::from_u128(0x7ce8_3e9d_fc62_4fae_a62f_86e4_22e4_11b6)
}

/// `{:?}` and `{:#?}`.
fn debug_forms<T: Debug + ?Sized>(value: &T) -> Vec<String> {
    vec![format!("{value:?}"), format!("{value:#?}")]
}

/// `{:?}`, `{:#?}`, `{}` and `{:#}`.
fn all_forms<T: Debug + Display + ?Sized>(value: &T) -> Vec<String> {
    let mut forms = debug_forms(value);
    forms.extend([format!("{value}"), format!("{value:#}")]);
    forms
}

/// Every form of an error and of every error in its `source()` chain.
fn error_forms(err: &Error) -> Vec<String> {
    let mut forms = all_forms(err);
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        forms.extend(all_forms(inner));
        source = inner.source();
    }
    forms
}

/// What must never be shown for `secret`: itself, and when it is a Basic credential of
/// `client_id`, the base64 of `id:secret` (padded and not).
fn forbidden(client_id: Option<&str>, secret: &str) -> Vec<String> {
    let mut forbidden = vec![secret.to_owned()];
    if let Some(id) = client_id {
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        forbidden.push(encoded.trim_end_matches('=').to_owned());
        forbidden.push(encoded);
    }
    forbidden
}

/// Asserts that no rendering in `forms` contains anything of `forbidden`.
fn assert_hidden(what: &str, forms: &[String], forbidden: &[String]) {
    assert!(!forms.is_empty(), "{what}: nothing was formatted");
    for form in forms {
        assert!(!form.is_empty(), "{what}: empty rendering");
        for secret in forbidden {
            assert!(!form.contains(secret), "{what} shows {secret:?}: {form}");
        }
    }
}

/// Asserts that every rendering in `forms` contains `visible` (the positive control).
fn assert_shown(what: &str, forms: &[String], visible: &str) {
    for form in forms {
        assert!(
            form.contains(visible),
            "{what} should show {visible:?}: {form}"
        );
    }
}

// ---------------------------------------------------------------- SecretString

#[test]
fn secret_string_shows_only_redacted() {
    let secret = SecretString::new(SAAS_SECRET);
    assert_eq!(secret.expose_secret(), SAAS_SECRET);
    let forms = debug_forms(&secret);
    assert_hidden("SecretString", &forms, &forbidden(None, SAAS_SECRET));
    assert_shown("SecretString", &forms, "[redacted]");
    for (what, value) in [
        ("from String", SecretString::from(SAAS_SECRET.to_owned())),
        ("from &str", SecretString::from(SAAS_SECRET)),
    ] {
        assert_eq!(value.expose_secret(), SAAS_SECRET, "{what}");
        assert_hidden(what, &debug_forms(&value), &forbidden(None, SAAS_SECRET));
        let wrapped = (Some(value.clone()), vec![value]);
        assert_hidden(what, &debug_forms(&wrapped), &forbidden(None, SAAS_SECRET));
    }
}

// ---------------------------------------------------------------- clients and builders

fn saas_builder(base_url: &str) -> SaasClientBuilder {
    SaasClient::builder(CLIENT_ID, SAAS_SECRET)
        .base_url(base_url)
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(10))
}

fn worker_builder(api: &str, token_url: &str) -> PingOneClientBuilder {
    PingOneClient::worker(env_id(), CLIENT_ID, WORKER_SECRET)
        .base_url(api)
        .token_url(token_url)
        .connect_timeout(Duration::from_secs(2))
}

fn bearer_builder(api: &str) -> PingOneClientBuilder {
    PingOneClient::bearer(BEARER_TOKEN)
        .base_url(api)
        .connect_timeout(Duration::from_secs(2))
}

fn m2m_builder(api: &str, token_url: &str) -> Auth0ClientBuilder {
    Auth0Client::client_credentials(DOMAIN, CLIENT_ID, M2M_SECRET)
        .base_url(api)
        .token_url(token_url)
        .connect_timeout(Duration::from_secs(2))
}

fn mgmt_token_builder(api: &str) -> Auth0ClientBuilder {
    Auth0Client::token(DOMAIN, MGMT_TOKEN)
        .base_url(api)
        .connect_timeout(Duration::from_secs(2))
}

#[test]
fn saas_client_and_builder_hide_the_basic_credentials() {
    let forbidden = forbidden(Some(CLIENT_ID), SAAS_SECRET);
    let default_builder = SaasClient::builder(CLIENT_ID, SAAS_SECRET);
    assert_hidden(
        "SaasClientBuilder",
        &debug_forms(&default_builder),
        &forbidden,
    );
    let builder = saas_builder("http://visible-host.example");
    let forms = debug_forms(&builder);
    assert_hidden("SaasClientBuilder", &forms, &forbidden);
    assert_shown("SaasClientBuilder", &forms, "visible-host.example");
    assert_shown("SaasClientBuilder", &forms, "[redacted]");

    let client = builder.build().unwrap();
    let forms = debug_forms(&client);
    assert_hidden("SaasClient", &forms, &forbidden);
    assert_shown("SaasClient", &forms, "visible-host.example");
    for (what, forms) in [
        ("SaasClient clone", debug_forms(&client.clone())),
        ("connections()", debug_forms(&client.connections())),
        ("generated()", debug_forms(client.generated())),
    ] {
        assert_hidden(what, &forms, &forbidden);
    }
}

#[test]
fn pingone_worker_and_bearer_clients_and_builders_hide_their_credentials() {
    let worker_secrets = forbidden(Some(CLIENT_ID), WORKER_SECRET);
    let default_worker = PingOneClient::worker(env_id(), CLIENT_ID, WORKER_SECRET);
    let forms = debug_forms(&default_worker);
    assert_hidden("worker builder", &forms, &worker_secrets);
    assert_shown("worker builder", &forms, CLIENT_ID);
    let worker = worker_builder(
        "http://visible-host.example",
        "http://auth.example/as/token",
    );
    let forms = debug_forms(&worker);
    assert_hidden("worker builder", &forms, &worker_secrets);
    assert_shown("worker builder", &forms, CLIENT_ID);
    let client = worker.build().unwrap();
    assert_hidden("worker client", &debug_forms(&client), &worker_secrets);
    assert_shown(
        "worker client",
        &debug_forms(&client),
        "visible-host.example",
    );

    let bearer_secrets = forbidden(None, BEARER_TOKEN);
    let bearer = bearer_builder("http://visible-host.example");
    let forms = debug_forms(&bearer);
    assert_hidden("bearer builder", &forms, &bearer_secrets);
    assert_shown("bearer builder", &forms, "visible-host.example");
    let client = bearer.build().unwrap();
    let environment = client.environment(env_id());
    for (what, forms) in [
        ("bearer client", debug_forms(&client)),
        ("bearer client clone", debug_forms(&client.clone())),
        ("generated()", debug_forms(client.generated())),
        ("environment()", debug_forms(&environment)),
        ("applications()", debug_forms(&environment.applications())),
        (
            "identity_providers()",
            debug_forms(&environment.identity_providers()),
        ),
        (
            "application()",
            debug_forms(&environment.application(app_id())),
        ),
        (
            "secret()",
            debug_forms(&environment.application(app_id()).secret()),
        ),
    ] {
        assert_hidden(what, &forms, &bearer_secrets);
    }
}

#[test]
fn auth0_client_credentials_and_token_clients_and_builders_hide_their_credentials() {
    let m2m_secrets = forbidden(Some(CLIENT_ID), M2M_SECRET);
    let default_m2m = Auth0Client::client_credentials(DOMAIN, CLIENT_ID, M2M_SECRET);
    let forms = debug_forms(&default_m2m);
    assert_hidden("client credentials builder", &forms, &m2m_secrets);
    assert_shown("client credentials builder", &forms, CLIENT_ID);
    assert_shown("client credentials builder", &forms, DOMAIN);
    let client = default_m2m.build().unwrap();
    assert_hidden(
        "client credentials client",
        &debug_forms(&client),
        &m2m_secrets,
    );
    let m2m = m2m_builder(
        "http://visible-host.example",
        "http://auth.example/oauth/token",
    );
    assert_hidden(
        "client credentials builder",
        &debug_forms(&m2m),
        &m2m_secrets,
    );
    let client = m2m.build().unwrap();
    let forms = debug_forms(&client);
    assert_hidden("client credentials client", &forms, &m2m_secrets);
    assert_shown("client credentials client", &forms, "visible-host.example");

    let token_secrets = forbidden(None, MGMT_TOKEN);
    let token = mgmt_token_builder("http://visible-host.example");
    let forms = debug_forms(&token);
    assert_hidden("token builder", &forms, &token_secrets);
    assert_shown("token builder", &forms, DOMAIN);
    let default_token = Auth0Client::token(DOMAIN, MGMT_TOKEN).build().unwrap();
    let client = token.build().unwrap();
    for (what, forms) in [
        ("token client (default URL)", debug_forms(&default_token)),
        ("token client", debug_forms(&client)),
        ("generated()", debug_forms(client.generated())),
        (
            "connection_profiles()",
            debug_forms(&client.connection_profiles()),
        ),
    ] {
        assert_hidden(what, &forms, &token_secrets);
    }
}

// ---------------------------------------------------------------- PingOne secrets

#[tokio::test]
async fn application_secret_and_its_previous_hide_both_values() {
    let server = MockServer::start_async().await;
    let path = format!(
        "/environments/{}/applications/{}/secret",
        env_id(),
        app_id()
    );
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path(path.as_str());
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({
                    "environment": {"id": env_id()},
                    "secret": APP_SECRET,
                    "previous": {
                        "secret": PREVIOUS_SECRET,
                        "expiresAt": "2030-01-02T03:04:05Z",
                        "lastUsed": "2024-05-01T10:00:00Z",
                    },
                }));
        })
        .await;
    let client = bearer_builder(&server.base_url()).build().unwrap();

    let secret = client
        .environment(env_id())
        .application(app_id())
        .secret()
        .get()
        .await
        .unwrap();

    mock.assert_async().await;
    assert_eq!(secret.secret.expose_secret(), APP_SECRET);
    let previous = secret.previous.as_ref().unwrap();
    assert_eq!(
        previous.secret.as_ref().map(SecretString::expose_secret),
        Some(PREVIOUS_SECRET)
    );
    let mut forbidden = forbidden(None, APP_SECRET);
    forbidden.push(PREVIOUS_SECRET.to_owned());
    let forms = debug_forms(&secret);
    assert_hidden("ApplicationSecret", &forms, &forbidden);
    assert_shown("ApplicationSecret", &forms, "2030");
    for (what, forms) in [
        ("ApplicationSecret.secret", debug_forms(&secret.secret)),
        ("ApplicationSecret.previous", debug_forms(&secret.previous)),
        ("PreviousSecret", debug_forms(previous)),
        ("PreviousSecret.secret", debug_forms(&previous.secret)),
        ("Vec<ApplicationSecret>", debug_forms(&vec![secret.clone()])),
    ] {
        assert_hidden(what, &forms, &forbidden);
    }
    assert_shown("PreviousSecret", &debug_forms(previous), "2024");
}

// ---------------------------------------------------------------- identity providers

fn oidc_provider_json() -> Value {
    json!({
        "id": "a9e4e181-f520-4e6e-af30-d3559781ad1b",
        "name": "Corporate OIDC",
        "type": "OPENID_CONNECT",
        "enabled": true,
        "clientId": CLIENT_ID,
        "clientSecret": OIDC_IDP_SECRET,
        "issuer": "https://login.corp.example",
        "authorizationEndpoint": "https://login.corp.example/authorize",
        "tokenEndpoint": "https://login.corp.example/token",
        "jwksEndpoint": "https://login.corp.example/jwks",
        "scopes": ["openid", "email"],
        "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
    })
}

fn social_provider_json(kind: &str, secret_field: &str, secret: &str) -> Value {
    let mut provider = json!({
        "name": format!("{kind} sign-on"),
        "type": kind,
        "enabled": true,
        "clientId": CLIENT_ID,
    });
    provider[secret_field] = json!(secret);
    provider
}

#[test]
fn identity_providers_decoded_with_a_client_secret_hide_it() {
    for (what, json, secret) in [
        ("OIDC provider", oidc_provider_json(), OIDC_IDP_SECRET),
        (
            "Google provider",
            social_provider_json("GOOGLE", "clientSecret", SOCIAL_SECRET),
            SOCIAL_SECRET,
        ),
        (
            "Facebook provider",
            social_provider_json("FACEBOOK", "appSecret", FACEBOOK_SECRET),
            FACEBOOK_SECRET,
        ),
        (
            "unknown provider",
            social_provider_json("OKTA_WORKFORCE", "clientSecret", SOCIAL_SECRET),
            SOCIAL_SECRET,
        ),
    ] {
        let provider: IdentityProvider = serde_json::from_value(json).unwrap();
        let forbidden = forbidden(None, secret);
        let forms = debug_forms(&provider);
        assert_hidden(what, &forms, &forbidden);
        assert_shown(what, &forms, CLIENT_ID);
        let list = vec![provider.clone(), provider];
        assert_hidden(what, &debug_forms(&list), &forbidden);
    }
}

#[tokio::test]
async fn identity_providers_read_through_the_facade_hide_their_secret() {
    let server = MockServer::start_async().await;
    let providers = [
        (Uuid::from_u128(1), oidc_provider_json(), OIDC_IDP_SECRET),
        (
            Uuid::from_u128(2),
            social_provider_json("GOOGLE", "clientSecret", SOCIAL_SECRET),
            SOCIAL_SECRET,
        ),
    ];
    for (id, json, _) in &providers {
        let path = format!("/environments/{}/identityProviders/{id}", env_id());
        server
            .mock_async(|when, then| {
                when.method(GET).path(path.as_str());
                then.status(200)
                    .header("content-type", "application/json")
                    .json_body(json.clone());
            })
            .await;
    }
    let client = bearer_builder(&server.base_url()).build().unwrap();
    let identity_providers = client.environment(env_id()).identity_providers();
    for (id, _, secret) in providers {
        let provider = identity_providers.get(id).await.unwrap();
        let forms = debug_forms(&provider);
        assert_hidden("provider from get", &forms, &forbidden(None, secret));
        assert_shown("provider from get", &forms, CLIENT_ID);
    }
}

#[test]
fn oidc_identity_provider_builder_and_what_it_builds_hide_the_client_secret() {
    let builder = OidcIdentityProvider::new("Acme Okta")
        .issuer("https://acme.okta.example")
        .authorization_endpoint("https://acme.okta.example/oauth2/v1/authorize")
        .token_endpoint("https://acme.okta.example/oauth2/v1/token")
        .jwks_endpoint("https://acme.okta.example/oauth2/v1/keys")
        .client(CLIENT_ID, BUILDER_SECRET)
        .scopes(["openid", "email"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic);
    let forbidden = forbidden(None, BUILDER_SECRET);
    let forms = debug_forms(&builder);
    assert_hidden("OidcIdentityProvider", &forms, &forbidden);
    assert_shown("OidcIdentityProvider", &forms, CLIENT_ID);
    assert_hidden(
        "OidcIdentityProvider clone",
        &debug_forms(&builder.clone()),
        &forbidden,
    );

    let provider = builder.build().unwrap();
    let sent = serde_json::to_value(&provider).unwrap();
    assert_eq!(
        sent["clientSecret"],
        json!(BUILDER_SECRET),
        "the secret is sent"
    );
    let forms = debug_forms(&provider);
    assert_hidden("built IdentityProvider", &forms, &forbidden);
    assert_shown("built IdentityProvider", &forms, CLIENT_ID);
}

#[test]
fn apple_provider_hides_its_client_secret_signing_key() {
    let json = social_provider_json("APPLE", "clientSecretSigningKey", APPLE_KEY);
    let provider: IdentityProvider = serde_json::from_value(json).unwrap();
    let forms = debug_forms(&provider);
    assert_shown("Apple provider", &forms, CLIENT_ID);
    assert_hidden("Apple provider", &forms, &forbidden(None, APPLE_KEY));
}

#[test]
fn identity_provider_variant_payloads_hide_the_client_secret() {
    let oidc: IdentityProvider = serde_json::from_value(oidc_provider_json()).unwrap();
    let social: IdentityProvider = serde_json::from_value(social_provider_json(
        "GOOGLE",
        "clientSecret",
        SOCIAL_SECRET,
    ))
    .unwrap();
    let IdentityProvider::OpenIdConnect(inner) = &oidc else {
        panic!("expected an OIDC provider, got {oidc:?}");
    };
    assert_shown("OIDC payload", &debug_forms(inner), CLIENT_ID);
    assert_hidden(
        "OIDC payload",
        &debug_forms(inner),
        &forbidden(None, OIDC_IDP_SECRET),
    );
    let IdentityProvider::Social(inner) = &social else {
        panic!("expected a social provider, got {social:?}");
    };
    assert_hidden(
        "social payload",
        &debug_forms(inner),
        &forbidden(None, SOCIAL_SECRET),
    );
}

#[test]
fn generated_types_hide_every_credential_field_of_the_spec() {
    use sso_connections::generated::pingone::types;
    // `Redacted` aside: the generated types themselves hold credentials as `SecretString`, so
    // a payload taken out of the facade's wrapper (`inner.0`) still does not show them.
    let oidc: types::IdentityProviderOidc = serde_json::from_value(oidc_provider_json()).unwrap();
    let social = |field: &str, secret: &str| -> types::IdentityProviderSocial {
        serde_json::from_value(social_provider_json("GOOGLE", field, secret)).unwrap()
    };
    let secret: types::ApplicationSecret = serde_json::from_value(json!({
        "secret": APP_SECRET,
        "previous": { "secret": PREVIOUS_SECRET, "expiresAt": "2026-12-01T00:00:00Z" },
    }))
    .unwrap();
    for (what, forms, hidden) in [
        (
            "IdentityProviderOidc.clientSecret",
            debug_forms(&oidc),
            OIDC_IDP_SECRET,
        ),
        (
            "IdentityProviderSocial.clientSecret",
            debug_forms(&social("clientSecret", SOCIAL_SECRET)),
            SOCIAL_SECRET,
        ),
        (
            "IdentityProviderSocial.appSecret",
            debug_forms(&social("appSecret", FACEBOOK_SECRET)),
            FACEBOOK_SECRET,
        ),
        (
            "IdentityProviderSocial.clientSecretSigningKey",
            debug_forms(&social("clientSecretSigningKey", APPLE_KEY)),
            APPLE_KEY,
        ),
        ("ApplicationSecret.secret", debug_forms(&secret), APP_SECRET),
        (
            "ApplicationSecret.previous.secret",
            debug_forms(&secret),
            PREVIOUS_SECRET,
        ),
    ] {
        assert_hidden(what, &forms, &forbidden(None, hidden));
        assert_shown(what, &forms, "SecretString([redacted])");
    }
    // The wire form still carries the values: requests need them.
    let sent = serde_json::to_value(&oidc).unwrap();
    assert_eq!(sent["clientSecret"], OIDC_IDP_SECRET);
    let sent = serde_json::to_value(&secret).unwrap();
    assert_eq!(sent["previous"]["secret"], PREVIOUS_SECRET);
}

// ---------------------------------------------------------------- errors

/// A token endpoint that refuses every request with 401.
async fn refusing_token_endpoint<'a>(server: &'a MockServer, path: &str) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            when.method(POST).path(path);
            then.status(401)
                .header("content-type", "application/json")
                .json_body(json!({
                    "error": "invalid_client",
                    "error_description": "Request denied: Invalid client credentials",
                }));
        })
        .await
}

#[tokio::test]
async fn auth_errors_of_refused_token_requests_hide_the_credentials() {
    let (api, auth) = (
        MockServer::start_async().await,
        MockServer::start_async().await,
    );
    let pingone_token = refusing_token_endpoint(&auth, "/as/token").await;
    let auth0_token = refusing_token_endpoint(&auth, "/oauth/token").await;
    let pingone = worker_builder(&api.base_url(), &auth.url("/as/token"))
        .build()
        .unwrap();
    let auth0 = m2m_builder(&api.base_url(), &auth.url("/oauth/token"))
        .build()
        .unwrap();

    let pingone_err = pingone
        .environment(env_id())
        .applications()
        .get(app_id())
        .await
        .unwrap_err();
    let auth0_err = auth0.connection_profiles().get("cp_1").await.unwrap_err();

    pingone_token.assert_async().await;
    auth0_token.assert_async().await;
    for (what, err, secret) in [
        ("PingOne worker", &pingone_err, WORKER_SECRET),
        ("Auth0 client credentials", &auth0_err, M2M_SECRET),
    ] {
        assert!(matches!(err, Error::Auth(_)), "{what}: {err:?}");
        let forms = error_forms(err);
        assert_hidden(what, &forms, &forbidden(Some(CLIENT_ID), secret));
        assert_shown(what, &forms, "invalid_client");
    }
}

/// The errors of one read through each client with a fixed credential (SaaS Basic, PingOne
/// bearer, Auth0 token) against `base`, each with what its forms must not show.
async fn fixed_credential_failures(base: &str) -> Vec<(&'static str, Error, Vec<String>)> {
    let saas = saas_builder(base).build().unwrap();
    let pingone = bearer_builder(base).build().unwrap();
    let auth0 = mgmt_token_builder(base).build().unwrap();
    let idp = IdpId::new("exampleIdp.com").unwrap();
    vec![
        (
            "SaaS",
            saas.connections().get(&idp).await.unwrap_err(),
            forbidden(Some(CLIENT_ID), SAAS_SECRET),
        ),
        (
            "PingOne bearer",
            pingone
                .environment(env_id())
                .applications()
                .get(app_id())
                .await
                .unwrap_err(),
            forbidden(None, BEARER_TOKEN),
        ),
        (
            "Auth0 token",
            auth0.connection_profiles().get("cp_1").await.unwrap_err(),
            forbidden(None, MGMT_TOKEN),
        ),
    ]
}

#[tokio::test]
async fn api_errors_of_a_401_answer_hide_the_credentials() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(401)
                .header("www-authenticate", "Basic realm=\"api\"")
                .header("x-request-id", "req-401")
                .body("Unauthorized: bad credentials");
        })
        .await;
    for (what, err, forbidden) in fixed_credential_failures(&server.base_url()).await {
        let Error::Api(api) = &err else {
            panic!("{what}: expected Api, got {err:?}");
        };
        assert_eq!(api.status.as_u16(), 401, "{what}");
        let mut forms = error_forms(&err);
        forms.extend(all_forms(api.as_ref()));
        assert_hidden(what, &forms, &forbidden);
        assert_shown(what, &forms, "401");
        assert_shown(what, &debug_forms(&err), "req-401");
    }
}

#[tokio::test]
async fn transport_and_auth_errors_of_an_unreachable_host_hide_the_credentials() {
    let worker = worker_builder(UNREACHABLE, &format!("{UNREACHABLE}/as/token"))
        .build()
        .unwrap();
    let m2m = m2m_builder(UNREACHABLE, &format!("{UNREACHABLE}/oauth/token"))
        .build()
        .unwrap();
    let mut answers = fixed_credential_failures(UNREACHABLE).await;
    answers.extend([
        (
            "PingOne worker",
            worker
                .environment(env_id())
                .applications()
                .get(app_id())
                .await
                .unwrap_err(),
            forbidden(Some(CLIENT_ID), WORKER_SECRET),
        ),
        (
            "Auth0 client credentials",
            m2m.connection_profiles().get("cp_1").await.unwrap_err(),
            forbidden(Some(CLIENT_ID), M2M_SECRET),
        ),
    ]);
    for (what, err, forbidden) in answers {
        // Clients with OAuth credentials fail at the token endpoint first.
        let needs_token = what.ends_with("worker") || what.ends_with("client credentials");
        match &err {
            Error::Transport(_) if !needs_token => {}
            Error::Auth(auth) if needs_token => {
                assert_eq!(auth.status, None, "{what}: unreachable, so no status");
            }
            other => panic!("{what}: unexpected {other:?}"),
        }
        assert!(err.is_retryable(), "{what}");
        let forms = error_forms(&err);
        assert_hidden(what, &forms, &forbidden);
        assert_shown(what, &forms, "127.0.0.1:9");
    }
}

#[tokio::test]
async fn decode_error_of_a_secret_answer_hides_the_secret() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"secret": APP_SECRET, "previous": "not an object"}));
        })
        .await;
    let client = bearer_builder(&server.base_url()).build().unwrap();
    let err = client
        .environment(env_id())
        .application(app_id())
        .secret()
        .get()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    let forms = error_forms(&err);
    assert_shown("Decode", &forms, "not an object");
    assert_hidden("Decode", &forms, &forbidden(None, APP_SECRET));
}

// ---------------------------------------------------------------- certificates

/// The certificate's base64 in full, and a long stretch of it (no 64-character line of it
/// may be shown either).
fn certificate_forbidden() -> Vec<String> {
    let wire = common::example_cert_wire();
    let pem_line: String = common::EXAMPLE_CERT_PEM
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(pem_line.len(), 64);
    vec![wire.clone(), wire[..64].to_owned(), pem_line]
}

#[tokio::test]
async fn customer_connections_show_no_certificate() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/spManaged/exampleIdp.com");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([
                    common::saas::example_item("status", "ACTIVE"),
                    common::saas::example_item("connectionsStatus", "INACTIVE"),
                ]));
        })
        .await;
    let client = saas_builder(&server.base_url()).build().unwrap();
    let idp = IdpId::new("exampleIdp.com").unwrap();

    let connections = client.connections().get(&idp).await.unwrap();

    assert_eq!(connections.len(), 2);
    let forbidden = certificate_forbidden();
    let forms = debug_forms(&connections);
    assert_hidden("Vec<CustomerConnection>", &forms, &forbidden);
    assert_shown(
        "Vec<CustomerConnection>",
        &forms,
        "example Identity Provider",
    );
    assert_shown("Vec<CustomerConnection>", &forms, "EncodedCertificate(");
    let encoded = connections[0].signing_certificate.as_ref().unwrap();
    assert_eq!(encoded.as_str(), common::example_cert_wire());
    assert_hidden("EncodedCertificate", &debug_forms(encoded), &forbidden);
    let certificate = encoded.decode().unwrap();
    let forms = debug_forms(&certificate);
    assert_hidden("Certificate", &forms, &forbidden);
    assert_shown("Certificate", &forms, certificate.subject());
}

#[test]
fn values_holding_a_certificate_show_no_certificate() {
    let forbidden = certificate_forbidden();
    let pem = EncodedCertificate::from(common::EXAMPLE_CERT_PEM.to_owned());
    assert_hidden("EncodedCertificate (PEM)", &debug_forms(&pem), &forbidden);
    let settings = common::saas::example_settings();
    let forms = debug_forms(&settings);
    assert_hidden("SharedSettings", &forms, &forbidden);
    assert_shown("SharedSettings", &forms, "admin@exampleIdp.com");
    let create = NewConnection::for_every_eligible_application(settings.clone()).unwrap();
    assert_hidden("NewConnection", &debug_forms(&create), &forbidden);
    let update = ConnectionUpdate::settings(
        SharedSettings::builder()
            .signing_certificate(common::example_cert())
            .build()
            .unwrap(),
    );
    assert_hidden("ConnectionUpdate", &debug_forms(&update), &forbidden);
}
