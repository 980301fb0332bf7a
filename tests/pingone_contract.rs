//! Wire contract of every PingOne Platform operation (`openapi/pingone-platform.yaml`, 27
//! operations) driven through the facade: exact method, path, headers and JSON body sent, and
//! the typed result or error of the answer. Also: paging over `_links.next`, worker
//! credentials (token request, cache, refresh, failure) and the region's API host.

use std::time::Duration;

use base64::Engine as _;
use chrono::{TimeZone as _, Utc};
use futures::{StreamExt as _, TryStreamExt as _};
use httpmock::Method::{self, DELETE, GET, POST, PUT};
use httpmock::{Mock, MockServer, When};
use serde_json::{json, Value};
use sso_connections::generated::pingone::{types, ClientInfo as _};
use sso_connections::pingone::{
    Application, ApplicationType, AttributeMapping, AttributeMappingType, GrantType,
    IdentityProvider, OidcApplication, PingOneClient, PingOneClientBuilder, PkceEnforcement,
    Region, ResourceGrant, ResponseType, SamlApplication, SamlBinding, SignOnPolicyAssignment,
    TokenEndpointAuthMethod,
};
use sso_connections::{Deletion, Error, RetryPolicy, SecretString, Uuid};

// ---------------------------------------------------------------- fixtures

const ENV: &str = "02d37832-476a-431b-8a60-d77cecd7005c";
const APP: &str = "7ce83e9d-fc62-4fae-a62f-86e422e411b6";
const OTHER_APP: &str = "42077bdc-ce61-4005-950b-4d5a1670db8b";
const IDP: &str = "a9e4e181-f520-4e6e-af30-d3559781ad1b";
const OTHER_IDP: &str = "51a036c6-41ed-44f7-bd1d-eacaa2a1feab";
const BEARER: &str = "Bearer test-token";
const CREATED_AT: &str = "2024-05-01T10:00:00Z";
const UPDATED_AT: &str = "2024-06-02T11:30:00.125Z";
const WORKER_ID: &str = "worker-client-id";
const WORKER_SECRET: &str = "worker-s3cr3t-value";

fn uuid(value: &str) -> Uuid {
    Uuid::parse_str(value).unwrap()
}

/// A contract test checks one exchange per call, so the client does not retry (retries are
/// tested in `tests/reliability.rs`).
fn client(server: &MockServer) -> PingOneClient {
    PingOneClient::bearer("test-token")
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// `/environments/{ENV}` followed by `rest`.
fn env_path(rest: &str) -> String {
    format!("/environments/{ENV}{rest}")
}

/// The path of one application of the environment.
fn application_path(id: &str) -> String {
    env_path(&format!("/applications/{id}"))
}

/// The path of one identity provider of the environment.
fn idp_path(id: &str) -> String {
    env_path(&format!("/identityProviders/{id}"))
}

/// `/environments/{ENV}/applications/{APP}` followed by `rest`.
fn app_path(rest: &str) -> String {
    format!("{}{rest}", application_path(APP))
}

/// `base` with the fields of the object `extra` added or replaced.
fn merged(mut base: Value, extra: Value) -> Value {
    let target = base.as_object_mut().expect("an object");
    for (key, value) in extra.as_object().expect("an object") {
        target.insert(key.clone(), value.clone());
    }
    base
}

/// `sent` as PingOne returns it: with the server-owned id, environment, timestamps and links.
fn stored(sent: Value, id: &str, path: &str) -> Value {
    merged(
        sent,
        json!({
            "id": id,
            "environment": {"id": ENV},
            "createdAt": CREATED_AT,
            "updatedAt": UPDATED_AT,
            "_links": {
                "self": {"href": format!("https://api.pingone.com/v1{path}")},
                "environment": {"href": format!("https://api.pingone.com/v1/environments/{ENV}")},
            },
        }),
    )
}

fn stored_app(sent: Value, id: &str) -> Value {
    stored(sent, id, &application_path(id))
}

fn stored_idp(sent: Value, id: &str) -> Value {
    stored(sent, id, &idp_path(id))
}

/// One HAL page of `items` under `_embedded.<embedded>`, linking to `next` when given.
fn page(embedded: &str, items: Vec<Value>, next: Option<String>) -> Value {
    let mut links = json!({"self": {"href": "https://api.pingone.com/v1/self"}});
    if let Some(next) = next {
        links["next"] = json!({ "href": next });
    }
    let size = items.len();
    json!({"_links": links, "_embedded": { embedded: items }, "size": size})
}

/// A PingOne error body.
fn pingone_error(code: &str, message: &str) -> Value {
    json!({"id": "2b4cbb5e-1f22-4d3b-b2d6-0a1b2c3d4e5f", "code": code, "message": message})
}

/// The OIDC application [`oidc_application`] builds, exactly as it must be sent.
fn oidc_application_sent() -> Value {
    json!({
        "name": "Portal",
        "description": "Customer portal",
        "enabled": true,
        "type": "WEB_APP",
        "protocol": "OPENID_CONNECT",
        "grantTypes": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
        "responseTypes": ["CODE"],
        "redirectUris": ["https://portal.example.com/callback", "com.example.portal:/callback"],
        "postLogoutRedirectUris": ["https://portal.example.com/bye"],
        "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
        "pkceEnforcement": "S256_REQUIRED",
    })
}

fn oidc_application() -> Application {
    OidcApplication::new("Portal", ApplicationType::WebApp)
        .description("Customer portal")
        .grant_types([GrantType::AuthorizationCode, GrantType::RefreshToken])
        .response_types([ResponseType::Code])
        .redirect_uris([
            "https://portal.example.com/callback",
            "com.example.portal:/callback",
        ])
        .post_logout_redirect_uris(["https://portal.example.com/bye"])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .pkce_enforcement(PkceEnforcement::S256Required)
        .build()
        .unwrap()
}

/// The SAML application [`saml_application`] builds, exactly as it must be sent.
fn saml_application_sent() -> Value {
    json!({
        "name": "Payroll",
        "description": "Payroll service",
        "enabled": false,
        "type": "WEB_APP",
        "protocol": "SAML",
        "acsUrls": ["https://payroll.example.com/saml/acs"],
        "assertionDuration": 60,
        "spEntityId": "https://payroll.example.com",
        "nameIdFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
        "sloEndpoint": "https://payroll.example.com/saml/slo",
        "sloResponseEndpoint": "https://payroll.example.com/saml/slo/response",
        "sloBinding": "HTTP_REDIRECT",
    })
}

fn saml_application() -> Application {
    SamlApplication::new("Payroll")
        .description("Payroll service")
        .enabled(false)
        .acs_urls(["https://payroll.example.com/saml/acs"])
        .assertion_duration(60)
        .sp_entity_id("https://payroll.example.com")
        .name_id_format("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified")
        .slo_endpoint("https://payroll.example.com/saml/slo")
        .slo_response_endpoint("https://payroll.example.com/saml/slo/response")
        .slo_binding(SamlBinding::HttpRedirect)
        .build()
        .unwrap()
}

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

fn saml_idp_sent() -> Value {
    json!({
        "name": "SAMLIdP",
        "description": "Partner SAML IdP",
        "type": "SAML",
        "enabled": false,
        "spEntityId": "sp-1560792011",
        "idpEntityId": "idp-1560792011",
        "ssoBinding": "HTTP_POST",
        "ssoEndpoint": "https://idp.example.com/sso",
        "authnRequestSigned": false,
        "idpVerification": {"certificates": [{"id": "123f67f8-c56c-4903-9c9b-c4b162e22789"}]},
        "spSigning": {"key": {"id": "a65318d7-eaa2-4070-bb73-ffe21a6fca06"}},
    })
}

const OIDC_IDP_SECRET: &str = "oidc-idp-client-secret-value";

fn oidc_idp_sent() -> Value {
    json!({
        "name": "Corporate OIDC",
        "type": "OPENID_CONNECT",
        "enabled": true,
        "clientId": "corp-client",
        "clientSecret": OIDC_IDP_SECRET,
        "issuer": "https://login.corp.example",
        "authorizationEndpoint": "https://login.corp.example/authorize",
        "tokenEndpoint": "https://login.corp.example/token",
        "jwksEndpoint": "https://login.corp.example/jwks",
        "scopes": ["openid", "email"],
        "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
        "pkceMethod": "S256",
    })
}

const SOCIAL_SECRET: &str = "google-client-secret-value";

fn social_idp_sent(kind: &str) -> Value {
    json!({
        "name": format!("{kind} sign-on"),
        "type": kind,
        "enabled": true,
        "clientId": "social-client",
        "clientSecret": SOCIAL_SECRET,
    })
}

fn identity_provider(json: Value) -> IdentityProvider {
    serde_json::from_value(json).unwrap()
}

/// A short name for the kind of an identity provider.
fn idp_kind(provider: &IdentityProvider) -> &'static str {
    match provider {
        IdentityProvider::Saml(_) => "saml",
        IdentityProvider::OpenIdConnect(_) => "oidc",
        IdentityProvider::Social(_) => "social",
        IdentityProvider::Other(_) => "other",
        _ => "unexpected",
    }
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

// ---------------------------------------------------------------- mock helpers

/// What every facade request carries: the method and path, the credentials, `accept: JSON`,
/// and never progenitor's own `api-version` header.
fn api_request(when: When, method: Method, path: &str, authorization: &str) -> When {
    when.method(method)
        .path(path)
        .header("authorization", authorization)
        .header("accept", "application/json")
        .header_missing("api-version")
}

/// One request the facade must send (see [`api_request`]), without a query, and with exactly
/// [`sending`](Self::sending)'s JSON body when given.
struct Expect {
    method: Method,
    path: String,
    authorization: String,
    sent: Option<Value>,
}

fn expect(method: Method, path: impl Into<String>) -> Expect {
    Expect {
        method,
        path: path.into(),
        authorization: BEARER.into(),
        sent: None,
    }
}

impl Expect {
    fn sending(mut self, body: Value) -> Self {
        self.sent = Some(body);
        self
    }

    fn authorized_by(mut self, authorization: &str) -> Self {
        self.authorization = authorization.into();
        self
    }

    /// Mounts the expectation on `server`, answered with `status` and the JSON `reply`.
    async fn answer(self, server: &MockServer, status: u16, reply: Value) -> Mock<'_> {
        self.mount(server, status, Some(reply)).await
    }

    /// Mounts the expectation on `server`, answered with `status` and no body.
    async fn answer_empty(self, server: &MockServer, status: u16) -> Mock<'_> {
        self.mount(server, status, None).await
    }

    async fn mount(self, server: &MockServer, status: u16, reply: Option<Value>) -> Mock<'_> {
        server
            .mock_async(|when, then| {
                let when = api_request(when, self.method, &self.path, &self.authorization)
                    .query_param_count(".*", ".*", 0);
                if let Some(body) = self.sent {
                    when.header("content-type", "application/json")
                        .json_body(body);
                }
                let then = then.status(status);
                if let Some(body) = reply {
                    then.header("content-type", "application/json")
                        .json_body(body);
                }
            })
            .await
    }
}

/// Serves `pages` of a list at `path`: the first without a query, page `n` at `?cursor=n`,
/// each but the last linking to the next with an absolute URL on the server's origin.
async fn mount_pages<'a>(
    server: &'a MockServer,
    authorization: &str,
    path: &str,
    embedded: &str,
    pages: Vec<Vec<Value>>,
) -> Vec<Mock<'a>> {
    let last = pages.len() - 1;
    let mut mocks = Vec::new();
    for (index, items) in pages.into_iter().enumerate() {
        let next =
            (index < last).then(|| format!("{}{path}?cursor={}", server.base_url(), index + 2));
        let body = page(embedded, items, next);
        let mock = server
            .mock_async(|when, then| {
                let when =
                    api_request(when, GET, path, authorization).query_param_missing("filter");
                match index {
                    0 => when.query_param_missing("cursor"),
                    n => when.query_param("cursor", (n + 1).to_string()),
                };
                then.status(200).json_body(body);
            })
            .await;
        mocks.push(mock);
    }
    mocks
}

async fn assert_each_called_once(mocks: &[Mock<'_>]) {
    for mock in mocks {
        mock.assert_async().await;
    }
}

// ---------------------------------------------------------------- applications

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
    let mock = server
        .mock_async(|when, then| {
            api_request(when, GET, &env_path("/applications"), BEARER)
                .query_param("filter", "enabled eq true")
                .query_param_count(".*", ".*", 1);
            then.status(200).json_body(page(
                "applications",
                vec![stored_app(oidc_application_sent(), APP)],
                None,
            ));
        })
        .await;

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
    let mock = expect(GET, application_path(APP))
        .answer(&server, 200, stored_app(oidc_application_sent(), APP))
        .await;

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
        let mock = expect(POST, env_path("/applications"))
            .sending(sent.clone())
            .answer(&server, 201, stored_app(sent, id))
            .await;
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
    let mock = expect(PUT, application_path(APP))
        .sending(sent.clone())
        .answer(&server, 200, stored_app(sent.clone(), APP))
        .await;

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
    let get = expect(GET, application_path(APP))
        .answer(&server, 200, stored_app(as_read, APP))
        .await;
    let put = expect(PUT, application_path(APP))
        .sending(written.clone())
        .answer(&server, 200, stored_app(written, APP))
        .await;

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
    let deleted = expect(DELETE, application_path(APP))
        .answer_empty(&server, 204)
        .await;
    let missing = expect(DELETE, application_path(OTHER_APP))
        .answer(&server, 404, pingone_error("NOT_FOUND", "No such app"))
        .await;

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
    let get = expect(GET, application_path(APP))
        .answer(&server, 200, stored_app(ws_fed_application_sent(), APP))
        .await;
    let put = expect(PUT, application_path(APP))
        .sending(written.clone())
        .answer(&server, 200, stored_app(written, APP))
        .await;

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
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500);
        })
        .await;
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

// ---------------------------------------------------------------- secret

const CURRENT_SECRET: &str = "l2tO2tfqRWZ~DLZ1Dfi8rptBNgKzcJHtOPiqjJ0iJwaRXufnU5tzR51acNkzl5Hy";
const PREVIOUS_SECRET: &str = "previous-Secret-Value-0123456789";

#[tokio::test]
async fn secret_get_returns_current_and_previous_without_showing_them() {
    let server = MockServer::start_async().await;
    let reply = json!({
        "_links": {"self": {"href": "https://api.pingone.com/v1/secret"}},
        "environment": {"id": ENV},
        "secret": CURRENT_SECRET,
        "previous": {
            "secret": PREVIOUS_SECRET,
            "expiresAt": "2030-01-02T03:04:05Z",
            "lastUsed": "2024-05-01T10:00:00Z",
        },
    });
    let mock = expect(GET, app_path("/secret"))
        .answer(&server, 200, reply)
        .await;

    let secret = client(&server)
        .environment(uuid(ENV))
        .application(uuid(APP))
        .secret()
        .get()
        .await
        .unwrap();

    mock.assert_async().await;
    assert_eq!(secret.secret.expose_secret(), CURRENT_SECRET);
    let previous = secret.previous.as_ref().unwrap();
    let previous_value = previous.secret.as_ref().unwrap();
    assert_eq!(previous_value.expose_secret(), PREVIOUS_SECRET);
    let expires = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
    assert_eq!(previous.expires_at, Some(expires));
    let last_used = Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap();
    assert_eq!(previous.last_used, Some(last_used));
    let debug = format!("{secret:?}");
    assert!(!debug.contains(CURRENT_SECRET), "{debug}");
    assert!(!debug.contains(PREVIOUS_SECRET), "{debug}");
}

#[tokio::test]
async fn secret_rotate_sends_an_empty_body_or_the_previous_secret_expiry() {
    let server = MockServer::start_async().await;
    let plain = expect(POST, app_path("/secret"))
        .sending(json!({}))
        .answer(&server, 200, json!({"secret": "rotated-1"}))
        .await;
    let graceful = expect(POST, app_path("/secret"))
        .sending(json!({"previous": {"expiresAt": "2030-01-02T03:04:05Z"}}))
        .answer(
            &server,
            200,
            json!({
                "secret": "rotated-2",
                "previous": {"secret": "rotated-1", "expiresAt": "2030-01-02T03:04:05Z"},
            }),
        )
        .await;

    let client = client(&server);
    let secret = client
        .environment(uuid(ENV))
        .application(uuid(APP))
        .secret();
    let first = secret.rotate(None).await.unwrap();
    assert_eq!(first.secret.expose_secret(), "rotated-1");
    assert!(first.previous.is_none());
    plain.assert_async().await;

    let until = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
    let second = secret.rotate(Some(until)).await.unwrap();
    graceful.assert_async().await;
    plain.assert_calls_async(1).await;
    assert_eq!(second.secret.expose_secret(), "rotated-2");
    let previous = second.previous.as_ref().unwrap();
    let previous_value = previous.secret.as_ref().unwrap();
    assert_eq!(previous_value.expose_secret(), "rotated-1");
    assert_eq!(previous.expires_at, Some(until));
    assert!(!format!("{second:?}").contains("rotated-"));
}

// ---------------------------------------------------------------- application sub-resources

/// The same five operations on each sub-resource of an application: list (two pages), create,
/// get, replace and delete, with the exact body each input must be sent as. `read` shows the
/// typed fields of an item; `reads` is what it shows for the item stored from each input.
macro_rules! child_resource_contract {
    (
        $module:ident {
            handler: $handler:ident,
            segment: $segment:literal,
            item: $item:ty,
            read: $read:expr,
            new: $new:expr => $new_json:expr, reads $new_read:expr,
            changed: $changed:expr => $changed_json:expr, reads $changed_read:expr,
        }
    ) => {
        mod $module {
            use super::*;

            const FIRST: &str = "9ad3f0ad-2d89-492b-8a82-ad9d51a5ed30";
            const SECOND: &str = "ede42c6c-a97a-4c2c-aaeb-9cb38f13bb13";

            fn collection() -> String {
                app_path(concat!("/", $segment))
            }

            fn one(id: &str) -> String {
                format!("{}/{id}", collection())
            }

            /// `sent` as the server returns it.
            fn stored(id: &str, sent: Value) -> Value {
                let href = format!("https://api.pingone.com/v1{}", one(id));
                merged(
                    sent,
                    json!({
                        "id": id,
                        "environment": {"id": ENV},
                        "application": {"id": APP},
                        "_links": {"self": {"href": href}},
                    }),
                )
            }

            fn read(item: &$item) -> String {
                let read: fn(&$item) -> String = $read;
                read(item)
            }

            #[tokio::test]
            async fn list_follows_the_next_link() {
                let server = MockServer::start_async().await;
                let first = stored(FIRST, $new_json);
                let second = stored(SECOND, $changed_json);
                let pages = vec![vec![first.clone()], vec![second.clone()]];
                let mocks = mount_pages(&server, BEARER, &collection(), $segment, pages).await;

                let client = client(&server);
                let items: Vec<$item> = client
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .list()
                    .try_collect()
                    .await
                    .unwrap();

                assert_each_called_once(&mocks).await;
                let reads: Vec<String> = items.iter().map(read).collect();
                assert_eq!(reads, [$new_read, $changed_read]);
                let ids: Vec<Option<Uuid>> = items.iter().map(|item| item.id).collect();
                assert_eq!(ids, [Some(uuid(FIRST)), Some(uuid(SECOND))]);
                let as_json: Vec<Value> =
                    items.iter().map(|i| serde_json::to_value(i).unwrap()).collect();
                assert_eq!(as_json, [first, second]);
            }

            #[tokio::test]
            async fn create_sends_exactly_the_input() {
                let server = MockServer::start_async().await;
                let mock = expect(POST, collection())
                    .sending($new_json)
                    .answer(&server, 201, stored(FIRST, $new_json))
                    .await;

                let created = client(&server)
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .create(&$new)
                    .await
                    .unwrap();

                mock.assert_async().await;
                assert_eq!(read(&created), $new_read);
                assert_eq!(created.id, Some(uuid(FIRST)));
            }

            #[tokio::test]
            async fn get_returns_the_typed_item() {
                let server = MockServer::start_async().await;
                let reply = stored(SECOND, $changed_json);
                let mock = expect(GET, one(SECOND))
                    .answer(&server, 200, reply.clone())
                    .await;

                let item = client(&server)
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .get(uuid(SECOND))
                    .await
                    .unwrap();

                mock.assert_async().await;
                assert_eq!(read(&item), $changed_read);
                assert_eq!(item.application.as_ref().map(|a| a.id), Some(uuid(APP)));
                assert_eq!(serde_json::to_value(&item).unwrap(), reply);
            }

            #[tokio::test]
            async fn replace_sends_exactly_the_input() {
                let server = MockServer::start_async().await;
                let mock = expect(PUT, one(FIRST))
                    .sending($changed_json)
                    .answer(&server, 200, stored(FIRST, $changed_json))
                    .await;

                let replaced = client(&server)
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .replace(uuid(FIRST), &$changed)
                    .await
                    .unwrap();

                mock.assert_async().await;
                assert_eq!(read(&replaced), $changed_read);
            }

            #[tokio::test]
            async fn delete_maps_204_to_deleted_and_404_to_not_found() {
                let server = MockServer::start_async().await;
                let deleted = expect(DELETE, one(FIRST)).answer_empty(&server, 204).await;
                let missing = expect(DELETE, one(SECOND))
                    .answer(&server, 404, pingone_error("NOT_FOUND", "No such item"))
                    .await;

                let client = client(&server);
                let handler = client.environment(uuid(ENV)).application(uuid(APP)).$handler();
                let outcomes = [
                    handler.delete(uuid(FIRST)).await.unwrap(),
                    handler.delete(uuid(SECOND)).await.unwrap(),
                ];
                assert_eq!(outcomes, [Deletion::Deleted, Deletion::NotFound]);
                deleted.assert_async().await;
                missing.assert_async().await;
            }
        }
    };
}

const RESOURCE: &str = "b8a5a4a0-6c3a-4d1e-9f0e-1d2c3b4a5f60";
const SCOPE_READ: &str = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const SCOPE_WRITE: &str = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
const POLICY: &str = "54f11a8b-0e09-4f76-8cdc-2efa2c9c499e";
const OTHER_POLICY: &str = "6c0f5c61-2f1a-4b7e-9d3c-8e2b1a0f9d8c";

child_resource_contract! {
    attribute_mappings {
        handler: attributes,
        segment: "attributes",
        item: types::ApplicationAttributeMapping,
        read: |m| format!("{}={} {:?} {:?}", m.name, m.value, m.required, m.mapping_type),
        new: AttributeMapping::new("email", "${user.email}").unwrap().required(true)
            => json!({"name": "email", "value": "${user.email}", "required": true}),
            reads "email=${user.email} Some(true) None",
        changed: AttributeMapping::new("saml_subject", "${user.username}")
                .unwrap()
                .mapping_type(AttributeMappingType::Custom)
            => json!({
                "name": "saml_subject",
                "value": "${user.username}",
                "required": false,
                "mappingType": "CUSTOM",
            }),
            reads "saml_subject=${user.username} Some(false) Some(Custom)",
    }
}

child_resource_contract! {
    resource_grants {
        handler: grants,
        segment: "grants",
        item: types::ApplicationResourceGrant,
        read: |g| {
            let scopes: Vec<String> = g.scopes.iter().map(|s| s.id.to_string()).collect();
            format!("{} [{}]", g.resource.id, scopes.join(" "))
        },
        new: ResourceGrant::new(uuid(RESOURCE), [uuid(SCOPE_READ), uuid(SCOPE_WRITE)]).unwrap()
            => json!({
                "resource": {"id": RESOURCE},
                "scopes": [{"id": SCOPE_READ}, {"id": SCOPE_WRITE}],
            }),
            reads format!("{RESOURCE} [{SCOPE_READ} {SCOPE_WRITE}]"),
        changed: ResourceGrant::new(uuid(RESOURCE), [uuid(SCOPE_READ)]).unwrap()
            => json!({"resource": {"id": RESOURCE}, "scopes": [{"id": SCOPE_READ}]}),
            reads format!("{RESOURCE} [{SCOPE_READ}]"),
    }
}

child_resource_contract! {
    sign_on_policy_assignments {
        handler: sign_on_policy_assignments,
        segment: "signOnPolicyAssignments",
        item: types::SignOnPolicyAssignment,
        read: |a| format!("{} priority {}", a.sign_on_policy.id, a.priority),
        new: SignOnPolicyAssignment::new(uuid(POLICY), 1).unwrap()
            => json!({"signOnPolicy": {"id": POLICY}, "priority": 1}),
            reads format!("{POLICY} priority 1"),
        changed: SignOnPolicyAssignment::new(uuid(OTHER_POLICY), 2).unwrap()
            => json!({"signOnPolicy": {"id": OTHER_POLICY}, "priority": 2}),
            reads format!("{OTHER_POLICY} priority 2"),
    }
}

// ---------------------------------------------------------------- identity providers

#[tokio::test]
async fn identity_providers_list_follows_the_next_link_and_decodes_every_kind() {
    let server = MockServer::start_async().await;
    let ids = [
        IDP,
        OTHER_IDP,
        "3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912",
        "4c5d6e7f-8091-4a23-b4c5-d6e7f8091a23",
    ];
    let okta =
        json!({"name": "Okta", "type": "OKTA", "enabled": true, "orgUrl": "https://acme.okta.com"});
    let pages = vec![
        vec![
            stored_idp(saml_idp_sent(), ids[0]),
            stored_idp(oidc_idp_sent(), ids[1]),
        ],
        vec![
            stored_idp(social_idp_sent("GOOGLE"), ids[2]),
            stored_idp(okta, ids[3]),
        ],
    ];
    let path = env_path("/identityProviders");
    let mocks = mount_pages(&server, BEARER, &path, "identityProviders", pages).await;

    let client = client(&server);
    let providers: Vec<IdentityProvider> = client
        .environment(uuid(ENV))
        .identity_providers()
        .list()
        .try_collect()
        .await
        .unwrap();

    assert_each_called_once(&mocks).await;
    let kinds: Vec<&str> = providers.iter().map(idp_kind).collect();
    assert_eq!(kinds, ["saml", "oidc", "social", "other"]);
    let names: Vec<&str> = providers.iter().map(IdentityProvider::name).collect();
    assert_eq!(
        names,
        ["SAMLIdP", "Corporate OIDC", "GOOGLE sign-on", "Okta"]
    );
    let listed_ids: Vec<Uuid> = providers.iter().map(|p| p.id().unwrap()).collect();
    assert_eq!(listed_ids, ids.map(uuid));
}

#[tokio::test]
async fn identity_providers_get_returns_the_typed_provider() {
    let server = MockServer::start_async().await;
    let mock = expect(GET, idp_path(IDP))
        .answer(&server, 200, stored_idp(saml_idp_sent(), IDP))
        .await;

    let provider = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .get(uuid(IDP))
        .await
        .unwrap();

    mock.assert_async().await;
    let IdentityProvider::Saml(saml) = &provider else {
        panic!("expected a SAML provider, got {provider:?}");
    };
    assert_eq!(saml.id, Some(uuid(IDP)));
    assert_eq!(saml.idp_entity_id, "idp-1560792011");
    assert_eq!(saml.sso_endpoint, "https://idp.example.com/sso");
    assert_eq!(saml.sso_binding, SamlBinding::HttpPost);
    let certificate = uuid("123f67f8-c56c-4903-9c9b-c4b162e22789");
    assert_eq!(saml.idp_verification.certificates[0].id, certificate);
    assert!(!provider.enabled());
}

#[tokio::test]
async fn identity_providers_create_sends_exactly_the_saml_and_oidc_providers() {
    let server = MockServer::start_async().await;
    let cases = [
        (saml_idp_sent(), IDP, "saml"),
        (oidc_idp_sent(), OTHER_IDP, "oidc"),
    ];
    for (sent, id, kind) in cases {
        let provider = identity_provider(sent.clone());
        let mock = expect(POST, env_path("/identityProviders"))
            .sending(sent.clone())
            .answer(&server, 201, stored_idp(sent, id))
            .await;
        let created = client(&server)
            .environment(uuid(ENV))
            .identity_providers()
            .create(&provider)
            .await
            .unwrap();
        mock.assert_async().await;
        assert_eq!(idp_kind(&created), kind);
        assert_eq!(created.id(), Some(uuid(id)));
    }
}

#[tokio::test]
async fn identity_providers_replace_sends_the_provider_without_server_fields() {
    let server = MockServer::start_async().await;
    let sent = merged(
        oidc_idp_sent(),
        json!({"scopes": ["openid", "profile"], "enabled": false}),
    );
    let mock = expect(PUT, idp_path(OTHER_IDP))
        .sending(sent.clone())
        .answer(&server, 200, stored_idp(sent.clone(), OTHER_IDP))
        .await;

    let provider = identity_provider(stored_idp(sent, OTHER_IDP));
    let replaced = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .replace(uuid(OTHER_IDP), &provider)
        .await
        .unwrap();

    mock.assert_async().await;
    let IdentityProvider::OpenIdConnect(oidc) = replaced else {
        panic!("expected an OIDC provider, got {replaced:?}");
    };
    assert_eq!(oidc.scopes, ["openid", "profile"]);
    assert!(!oidc.enabled);
}

#[tokio::test]
async fn identity_providers_modify_writes_back_every_field_it_did_not_touch() {
    let server = MockServer::start_async().await;
    let as_read = merged(
        saml_idp_sent(),
        json!({
            "sloEndpoint": "https://idp.example.com/slo",
            "registration": {"population": {"id": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"}},
            "futureSetting": {"enabled": true},
        }),
    );
    let written = merged(
        as_read.clone(),
        json!({"enabled": true, "description": "Now enabled"}),
    );
    let get = expect(GET, idp_path(IDP))
        .answer(&server, 200, stored_idp(as_read, IDP))
        .await;
    let put = expect(PUT, idp_path(IDP))
        .sending(written.clone())
        .answer(&server, 200, stored_idp(written, IDP))
        .await;

    let modified = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .modify(uuid(IDP), |provider| {
            let IdentityProvider::Saml(saml) = provider else {
                panic!("expected a SAML provider, got {provider:?}");
            };
            saml.enabled = true;
            saml.description = Some("Now enabled".into());
        })
        .await
        .unwrap();

    get.assert_async().await;
    put.assert_async().await;
    assert!(modified.enabled());
    assert_eq!(idp_kind(&modified), "saml");
}

#[tokio::test]

async fn identity_providers_modify_does_not_send_back_read_only_embedded_resources() {
    let server = MockServer::start_async().await;
    let embedded = json!({"_embedded": {"attributes": [{
        "id": "51a036c6-41ed-44f7-bd1d-eacaa2a1feab",
        "name": "username",
        "value": "${samlAssertion.subject}",
        "update": "EMPTY_ONLY",
        "mappingType": "CORE",
    }]}});
    let as_read = stored_idp(merged(saml_idp_sent(), embedded), IDP);
    let get = expect(GET, idp_path(IDP))
        .answer(&server, 200, as_read.clone())
        .await;
    let put = expect(PUT, idp_path(IDP))
        .sending(saml_idp_sent())
        .answer(&server, 200, as_read)
        .await;

    client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .modify(uuid(IDP), |_| {})
        .await
        .unwrap();

    get.assert_async().await;
    put.assert_async().await;
}

#[tokio::test]
async fn identity_providers_delete_maps_204_to_deleted_and_404_to_not_found() {
    let server = MockServer::start_async().await;
    let deleted = expect(DELETE, idp_path(IDP))
        .answer_empty(&server, 204)
        .await;
    let missing = expect(DELETE, idp_path(OTHER_IDP))
        .answer(&server, 404, pingone_error("NOT_FOUND", "No such IdP"))
        .await;

    let client = client(&server);
    let providers = client.environment(uuid(ENV)).identity_providers();
    let outcomes = [
        providers.delete(uuid(IDP)).await.unwrap(),
        providers.delete(uuid(OTHER_IDP)).await.unwrap(),
    ];
    assert_eq!(outcomes, [Deletion::Deleted, Deletion::NotFound]);
    deleted.assert_async().await;
    missing.assert_async().await;
}

#[tokio::test]
async fn social_provider_decodes_as_social_and_hides_its_secret() {
    let server = MockServer::start_async().await;
    let mock = expect(GET, idp_path(IDP))
        .answer(&server, 200, stored_idp(social_idp_sent("GOOGLE"), IDP))
        .await;

    let provider = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .get(uuid(IDP))
        .await
        .unwrap();

    mock.assert_async().await;
    let IdentityProvider::Social(social) = &provider else {
        panic!("expected a social provider, got {provider:?}");
    };
    assert_eq!(social.type_.as_str(), "GOOGLE");
    assert_eq!(social.client_id.as_deref(), Some("social-client"));
    assert_eq!(
        social
            .client_secret
            .as_ref()
            .map(SecretString::expose_secret),
        Some(SOCIAL_SECRET)
    );
    let debug = format!("{provider:?}");
    assert!(debug.contains("social-client"), "{debug}");
    assert!(!debug.contains(SOCIAL_SECRET), "{debug}");
}

#[test]

fn every_social_type_of_the_spec_decodes_as_social() {
    let spec: serde_yaml::Value =
        serde_yaml::from_str(include_str!("../openapi/pingone-platform.yaml")).unwrap();
    let kinds = spec["components"]["schemas"]["SocialIdentityProviderType"]["enum"]
        .as_sequence()
        .unwrap();
    assert!(kinds.len() >= 10);
    for kind in kinds {
        let kind = kind.as_str().unwrap();
        let provider = identity_provider(social_idp_sent(kind));
        assert_eq!(idp_kind(&provider), "social", "{kind}");
    }
}

#[test]
fn unknown_provider_type_decodes_as_other_with_its_common_fields() {
    let json = stored_idp(
        json!({"name": "Okta", "type": "OKTA", "enabled": true, "password": "okta-password"}),
        IDP,
    );
    let provider = identity_provider(json.clone());
    let IdentityProvider::Other(other) = &provider else {
        panic!("expected Other, got {provider:?}");
    };
    assert_eq!(other.common.type_.as_str(), "OKTA");
    assert_eq!(other.raw, json);
    assert_eq!(provider.name(), "Okta");
    assert_eq!(provider.id(), Some(uuid(IDP)));
    assert!(provider.enabled());
    assert!(!format!("{provider:?}").contains("okta-password"));
}

#[test]
fn oidc_provider_debug_hides_the_client_secret() {
    let provider = identity_provider(oidc_idp_sent());
    assert_eq!(idp_kind(&provider), "oidc");
    let debug = format!("{provider:?}");
    assert!(debug.contains("corp-client"), "{debug}");
    assert!(!debug.contains(OIDC_IDP_SECRET), "{debug}");
    let list_debug = format!("{:?}", vec![provider]);
    assert!(!list_debug.contains(OIDC_IDP_SECRET), "{list_debug}");
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
    let mock = expect(POST, env_path("/applications"))
        .sending(oidc_application_sent())
        .answer(&server, 400, body)
        .await;

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
                    .json_body(pingone_error(code, "it failed"));
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
    expect(GET, application_path(APP))
        .answer(&server, 200, json!({"protocol": "SAML", "name": 7}))
        .await;

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
    let first = server
        .mock_async(|when, then| {
            api_request(when, GET, &path, BEARER);
            then.status(200).json_body(page(
                "applications",
                vec![stored_app(oidc_application_sent(), APP)],
                Some(next.clone()),
            ));
        })
        .await;

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
                .json_body(pingone_error("UNEXPECTED_ERROR", "try again"));
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

// ---------------------------------------------------------------- worker credentials

fn worker_basic() -> String {
    let pair = format!("{WORKER_ID}:{WORKER_SECRET}");
    let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
    format!("Basic {encoded}")
}

fn worker(api: &MockServer, auth: &MockServer) -> PingOneClient {
    PingOneClient::worker(uuid(ENV), WORKER_ID, WORKER_SECRET)
        .base_url(api.base_url())
        .token_url(format!("{}/{ENV}/as/token", auth.base_url()))
        .build()
        .unwrap()
}

/// The token endpoint: exactly the client-credentials request, answered with `answer`.
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
    let secret = expect(GET, app_path("/secret"))
        .authorized_by(bearer)
        .answer(&api, 200, json!({"secret": "s"}))
        .await;

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
    let get = expect(GET, application_path(APP))
        .authorized_by("Bearer worker-token-1")
        .answer(&api, 200, stored_app(oidc_application_sent(), APP))
        .await;

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
    let with_first = expect(GET, application_path(APP))
        .authorized_by("Bearer worker-token-1")
        .answer(&api, 200, reply.clone())
        .await;
    let with_second = expect(GET, application_path(APP))
        .authorized_by("Bearer worker-token-2")
        .answer(&api, 200, reply)
        .await;

    let client = worker(&api, &auth);
    let applications = client.environment(uuid(ENV)).applications();
    let first_token = mount_token(&auth, 200, token_answer("worker-token-1", 1)).await;
    applications.get(uuid(APP)).await.unwrap();
    first_token.assert_async().await;
    first_token.delete_async().await;

    let second_token = mount_token(&auth, 200, token_answer("worker-token-2", 3600)).await;
    // A one-second token is refreshed once half of its life has passed.
    tokio::time::sleep(Duration::from_millis(700)).await;
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

#[tokio::test]
async fn a_base_url_with_a_path_prefixes_every_request() {
    let server = MockServer::start_async().await;
    let mock = expect(DELETE, format!("/v1{}", idp_path(IDP)))
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
