//! Wire contract of the Auth0 connection-profiles facade (`openapi/auth0-connection-profiles.yaml`,
//! 7 operations): exact method, path, headers, query and JSON body sent, and the typed result or
//! error of each answer. Also: checkpoint paging, client-credentials tokens (request, cache,
//! failure), the tenant's default URLs, and every documented input limit at and past its edge,
//! cross-checked against the spec's own schema so that facade and spec cannot drift.

use std::time::Duration;

use futures::{StreamExt as _, TryStreamExt as _};
use httpmock::Method::{self, DELETE, GET, PATCH, POST};
use httpmock::{Mock, MockServer, When};
use serde_json::{json, Map, Value};
use sso_connections::auth0::{
    AssignMembershipOnLogin, Auth0Client, Auth0ClientBuilder, ConnectionProfile,
    ConnectionProfileSettings, ConnectionProfileSettingsBuilder, ConnectionProfilesHandler,
    EnabledFeature, ShowAsButton, Strategy,
};
use sso_connections::error::InvalidInput;
use sso_connections::generated::auth0::{types, ClientInfo as _};
use sso_connections::{Deletion, Error, RetryPolicy};

// ---------------------------------------------------------------- fixtures

const DOMAIN: &str = "acme.us.auth0.com";
const TOKEN: &str = "mgmt-token";
const BEARER: &str = "Bearer mgmt-token";
const M2M_ID: &str = "m2m-id";
const M2M_SECRET: &str = "m2m-secret";
const PROFILES: &str = "/connection-profiles";
const TEMPLATES: &str = "/connection-profiles/templates";
const PROFILE_ID: &str = "cp_4Jd9mQ2xT7vLk8Rz";
const TEMPLATE_ID: &str = "tpl_okta_workforce";

/// A client with a static Management API token, pointed at the mock.
/// A contract test checks one exchange per call, so the client does not retry (retries are
/// tested in `tests/reliability.rs`).
fn client(server: &MockServer) -> Auth0Client {
    Auth0Client::token(DOMAIN, TOKEN)
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn profile_path(id: &str) -> String {
    format!("{PROFILES}/{id}")
}

fn template_path(id: &str) -> String {
    format!("{TEMPLATES}/{id}")
}

/// `base` with the fields of the object `extra` added or replaced.
fn merged(mut base: Value, extra: Value) -> Value {
    let target = base.as_object_mut().expect("an object");
    for (key, value) in extra.as_object().expect("an object") {
        target.insert(key.clone(), value.clone());
    }
    base
}

/// A stored profile as Auth0 returns it: `id` and `name`, plus every field of `fields`.
fn profile_json(id: &str, name: &str, fields: Value) -> Value {
    merged(json!({"id": id, "name": name}), fields)
}

/// A profile with every documented field set.
fn full_profile_json(id: &str, name: &str) -> Value {
    profile_json(
        id,
        name,
        json!({
            "organization": {"show_as_button": "optional", "assign_membership_on_login": "required"},
            "connection_name_prefix_template": "{org_name}-sso",
            "enabled_features": ["scim", "universal_logout"],
            "connection_config": {"disable_self_service_change_password": true},
            "strategy_overrides": {
                "okta": {"enabled_features": ["scim"]},
                "samlp": {"connection_config": {"signSAMLRequest": true}},
            },
        }),
    )
}

/// One page of the list, with `next` left out when `None`.
fn page_json(ids: &[&str], next: Option<&str>) -> Value {
    let profiles: Vec<Value> = ids
        .iter()
        .map(|id| profile_json(id, &format!("Profile {id}"), json!({})))
        .collect();
    let mut page = json!({ "connection_profiles": profiles });
    if let Some(next) = next {
        page["next"] = json!(next);
    }
    page
}

fn template_json(id: &str, display_name: &str) -> Value {
    json!({
        "id": id,
        "display_name": display_name,
        "template": {
            "organization": {"show_as_button": "required", "assign_membership_on_login": "none"},
            "connection_name_prefix_template": "{org_id}",
            "enabled_features": ["scim"],
            "strategy_overrides": {"okta": {"enabled_features": ["universal_logout"]}},
        },
        "category": "workforce",
    })
}

/// A Management API error body.
fn auth0_error(status: u16, error: &str, message: &str, code: &str) -> Value {
    json!({"statusCode": status, "error": error, "message": message, "errorCode": code})
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn named(name: &str) -> ConnectionProfileSettings {
    ConnectionProfileSettings::builder()
        .name(name)
        .build()
        .unwrap()
}

/// The typed value written back as JSON: equal to what the server sent when nothing was lost.
fn as_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

/// The spec, as JSON.
fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/openapi/auth0-connection-profiles.yaml"
    ))
    .unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[track_caller]
fn invalid_input<T: std::fmt::Debug>(result: sso_connections::Result<T>) -> InvalidInput {
    match result {
        Err(Error::InvalidInput(input)) => input,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

// ---------------------------------------------------------------- mock helpers

/// What every facade request carries: method and path, the bearer token, `accept: JSON`, and
/// never progenitor's own `api-version` header.
fn api_request(when: When, method: Method, path: &str, authorization: &str) -> When {
    when.method(method)
        .path(path)
        .header("authorization", authorization)
        .header("accept", "application/json")
        .header_missing("api-version")
}

/// The body of a mocked answer.
#[derive(Clone)]
enum Body {
    Json(Value),
    /// Not JSON: what a gateway or proxy may answer with.
    Text(&'static str),
    Empty,
}

/// One request the facade must send: exactly [`query`](Self::query)'s parameters (none by
/// default) and exactly [`sending`](Self::sending)'s JSON body when given.
struct Expect {
    method: Method,
    path: String,
    authorization: String,
    query: Vec<(String, String)>,
    sent: Option<Value>,
}

fn expect(method: Method, path: impl Into<String>) -> Expect {
    Expect {
        method,
        path: path.into(),
        authorization: BEARER.into(),
        query: Vec::new(),
        sent: None,
    }
}

impl Expect {
    fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    fn sending(mut self, body: Value) -> Self {
        self.sent = Some(body);
        self
    }

    fn authorized_by(mut self, authorization: &str) -> Self {
        self.authorization = authorization.into();
        self
    }

    /// Mounts the expectation, answered with `status` and the JSON `reply`.
    async fn answer(self, server: &MockServer, status: u16, reply: Value) -> Mock<'_> {
        self.mount(server, status, &[], Body::Json(reply)).await
    }

    /// Mounts the expectation, answered with `status` and no body.
    async fn answer_empty(self, server: &MockServer, status: u16) -> Mock<'_> {
        self.mount(server, status, &[], Body::Empty).await
    }

    async fn mount<'a>(
        self,
        server: &'a MockServer,
        status: u16,
        headers: &[(&str, &str)],
        reply: Body,
    ) -> Mock<'a> {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        server
            .mock_async(|when, then| {
                let mut when = api_request(when, self.method, &self.path, &self.authorization)
                    .query_param_count(".*", ".*", self.query.len());
                for (key, value) in &self.query {
                    when = when.query_param(key, value);
                }
                if let Some(body) = self.sent {
                    when.header("content-type", "application/json")
                        .json_body(body);
                }
                let mut then = then.status(status);
                for (name, value) in headers {
                    then = then.header(name, value);
                }
                match reply {
                    Body::Json(body) => {
                        then.header("content-type", "application/json")
                            .json_body(body);
                    }
                    Body::Text(text) => {
                        then.header("content-type", "text/plain").body(text);
                    }
                    Body::Empty => {}
                }
            })
            .await
    }
}

/// Answers any request with 500; asserting it got 0 calls proves nothing was sent.
async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500);
        })
        .await
}

/// Sends `settings` as a PATCH of [`PROFILE_ID`] and asserts the body on the wire is exactly
/// `expected`; the server answers with the profile holding `expected`, which must decode.
async fn assert_patch_body(settings: ConnectionProfileSettings, expected: Value) {
    let server = MockServer::start_async().await;
    let reply = profile_json(PROFILE_ID, "Partner SSO", expected.clone());
    let mock = expect(PATCH, profile_path(PROFILE_ID))
        .sending(expected.clone())
        .answer(&server, 200, reply.clone())
        .await;
    let updated = client(&server)
        .connection_profiles()
        .update(PROFILE_ID, &settings)
        .await
        .unwrap_or_else(|e| panic!("update with {expected} failed: {e:?}"));
    mock.assert_async().await;
    assert_eq!(as_json(&updated), reply);
}

/// Every operation, to check what they all share.
#[derive(Clone, Copy, Debug)]
enum Op {
    List,
    Create,
    Get,
    Update,
    Delete,
    Templates,
    Template,
}

impl Op {
    const ALL: [Op; 7] = [
        Op::List,
        Op::Create,
        Op::Get,
        Op::Update,
        Op::Delete,
        Op::Templates,
        Op::Template,
    ];
    /// The operations that take an id.
    const BY_ID: [Op; 4] = [Op::Get, Op::Update, Op::Delete, Op::Template];

    fn method(self) -> Method {
        match self {
            Op::List | Op::Get | Op::Templates | Op::Template => GET,
            Op::Create => POST,
            Op::Update => PATCH,
            Op::Delete => DELETE,
        }
    }

    fn path(self) -> String {
        match self {
            Op::List | Op::Create => PROFILES.into(),
            Op::Get | Op::Update | Op::Delete => profile_path(PROFILE_ID),
            Op::Templates => TEMPLATES.into(),
            Op::Template => template_path(TEMPLATE_ID),
        }
    }

    /// Runs the operation (on `id` where it takes one). Only the error and a delete's outcome
    /// matter: the other results are dropped.
    async fn run(
        self,
        profiles: ConnectionProfilesHandler<'_>,
        id: &str,
    ) -> sso_connections::Result<Option<Deletion>> {
        let dropped = |_| None;
        match self {
            Op::List => profiles.list().try_collect::<Vec<_>>().await.map(|_| None),
            Op::Create => profiles.create(&named("Partner SSO")).await.map(dropped),
            Op::Get => profiles.get(id).await.map(dropped),
            Op::Update => profiles.update(id, &named("New")).await.map(dropped),
            Op::Delete => profiles.delete(id).await.map(Some),
            Op::Templates => profiles.templates().await.map(|_| None),
            Op::Template => profiles.template(id).await.map(|_| None),
        }
    }

    fn id(self) -> &'static str {
        match self {
            Op::Template => TEMPLATE_ID,
            _ => PROFILE_ID,
        }
    }
}

// ---------------------------------------------------------------- list

#[tokio::test]
async fn list_follows_checkpoints_across_three_pages_until_next_is_absent_or_empty() {
    for last_next in [None, Some("")] {
        let server = MockServer::start_async().await;
        let first = expect(GET, PROFILES)
            .answer(&server, 200, page_json(&["cp_1a", "cp_1b"], Some("cp_2")))
            .await;
        let second = expect(GET, PROFILES)
            .query("from", "cp_2")
            .answer(&server, 200, page_json(&["cp_2a"], Some("cp_3")))
            .await;
        let third = expect(GET, PROFILES)
            .query("from", "cp_3")
            .answer(&server, 200, page_json(&["cp_3a", "cp_3b"], last_next))
            .await;

        let client = client(&server);
        let mut stream = client.connection_profiles().list();
        let head = stream.next().await.unwrap().unwrap();
        assert_eq!(head.id, "cp_1a");
        assert_eq!(head.name, "Profile cp_1a");
        // Lazy: the second page is fetched only once the first is consumed.
        assert_eq!(second.calls_async().await, 0);
        let rest: Vec<ConnectionProfile> = stream.try_collect().await.unwrap();

        let ids: Vec<&str> = rest.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["cp_1b", "cp_2a", "cp_3a", "cp_3b"], "{last_next:?}");
        for mock in [first, second, third] {
            mock.assert_async().await;
        }
    }
}

#[tokio::test]
async fn list_pages_of_sends_take_on_every_page() {
    let server = MockServer::start_async().await;
    let first = expect(GET, PROFILES)
        .query("take", "2")
        .answer(&server, 200, page_json(&["cp_1", "cp_2"], Some("cp_3")))
        .await;
    let second = expect(GET, PROFILES)
        .query("from", "cp_3")
        .query("take", "2")
        .answer(&server, 200, page_json(&["cp_3"], None))
        .await;

    let client = client(&server);
    let listed: Vec<ConnectionProfile> = client
        .connection_profiles()
        .list_pages_of(Some(2))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = listed.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["cp_1", "cp_2", "cp_3"]);
    first.assert_async().await;
    second.assert_async().await;
}

#[tokio::test]
async fn list_pages_of_zero_is_invalid_and_sends_nothing() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let client = client(&server);
    let mut stream = client.connection_profiles().list_pages_of(Some(0));
    let input = invalid_input(stream.next().await.expect("one error item"));
    assert_eq!(input.field(), "take");
    assert!(
        stream.next().await.is_none(),
        "the stream ends after the error"
    );
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn list_decodes_every_field_of_the_profiles() {
    let server = MockServer::start_async().await;
    let full = full_profile_json("cp_full", "Full");
    expect(GET, PROFILES)
        .answer(&server, 200, json!({"connection_profiles": [full.clone()]}))
        .await;
    let listed: Vec<ConnectionProfile> = client(&server)
        .connection_profiles()
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(as_json(&listed[0]), full);
}

// ---------------------------------------------------------------- create

#[tokio::test]
async fn create_sends_exactly_the_fields_set_and_returns_the_typed_profile() {
    let server = MockServer::start_async().await;
    let sent = json!({
        "name": "Partner SSO",
        "connection_name_prefix_template": "{org_name}-sso",
        "enabled_features": ["scim", "universal_logout"],
        "organization": {"show_as_button": "optional", "assign_membership_on_login": "required"},
        "strategy_overrides": {
            "okta": {"enabled_features": ["universal_logout"]},
            "google-apps": {"connection_config": {"domain_aliases": ["acme.example"]}},
        },
    });
    let reply = merged(sent.clone(), json!({"id": PROFILE_ID}));
    let mock = expect(POST, PROFILES)
        .sending(sent)
        .answer(&server, 201, reply.clone())
        .await;

    let settings = ConnectionProfileSettings::builder()
        .name("Partner SSO")
        .connection_name_prefix_template("{org_name}-sso")
        .enabled_features([EnabledFeature::Scim, EnabledFeature::UniversalLogout])
        .organization(ShowAsButton::Optional, AssignMembershipOnLogin::Required)
        .strategy_override(
            Strategy::Okta,
            Some(vec![EnabledFeature::UniversalLogout]),
            None,
        )
        .strategy_override(
            Strategy::GoogleApps,
            None,
            Some(object(json!({"domain_aliases": ["acme.example"]}))),
        )
        .build()
        .unwrap();
    let created = client(&server)
        .connection_profiles()
        .create(&settings)
        .await
        .unwrap();
    mock.assert_async().await;

    assert_eq!(created.id, PROFILE_ID);
    assert_eq!(created.name, "Partner SSO");
    assert_eq!(
        created.connection_name_prefix_template.as_deref(),
        Some("{org_name}-sso")
    );
    assert_eq!(
        created.enabled_features.as_ref().map(|f| f.0.clone()),
        Some(vec![EnabledFeature::Scim, EnabledFeature::UniversalLogout])
    );
    let organization = created.organization.as_ref().unwrap();
    assert_eq!(organization.show_as_button, Some(ShowAsButton::Optional));
    assert_eq!(
        organization.assign_membership_on_login,
        Some(AssignMembershipOnLogin::Required)
    );
    let overrides = created.strategy_overrides.as_ref().unwrap();
    assert_eq!(
        overrides
            .okta
            .as_ref()
            .unwrap()
            .enabled_features
            .as_ref()
            .unwrap()
            .0,
        [EnabledFeature::UniversalLogout]
    );
    let google = overrides.google_apps.as_ref().unwrap();
    assert_eq!(
        google.connection_config.as_ref().unwrap()["domain_aliases"],
        json!(["acme.example"])
    );
    assert!(overrides.samlp.is_none() && overrides.extra.is_empty());
    assert_eq!(as_json(&created), reply);
}

#[tokio::test]
async fn create_with_only_a_name_sends_only_the_name() {
    let server = MockServer::start_async().await;
    let mock = expect(POST, PROFILES)
        .sending(json!({"name": "Only a name"}))
        .answer(
            &server,
            201,
            profile_json("cp_new", "Only a name", json!({})),
        )
        .await;
    let created = client(&server)
        .connection_profiles()
        .create(&named("Only a name"))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(created.id, "cp_new");
    assert!(created.organization.is_none() && created.strategy_overrides.is_none());
}

#[tokio::test]
async fn create_conflict_is_already_exists_with_the_message_and_error_code() {
    let server = MockServer::start_async().await;
    let body = auth0_error(
        409,
        "Conflict",
        "A connection profile with this name already exists",
        "connection_profile_conflict",
    );
    expect(POST, PROFILES)
        .sending(json!({"name": "Partner SSO"}))
        .answer(&server, 409, body)
        .await;
    let err = client(&server)
        .connection_profiles()
        .create(&named("Partner SSO"))
        .await
        .unwrap_err();
    assert!(!err.is_retryable());
    let Error::AlreadyExists(api) = err else {
        panic!("expected AlreadyExists, got {err:?}")
    };
    assert_eq!(api.status.as_u16(), 409);
    assert_eq!(
        api.message.as_deref(),
        Some("A connection profile with this name already exists")
    );
    assert_eq!(api.code.as_deref(), Some("connection_profile_conflict"));
}

#[tokio::test]
async fn create_without_a_name_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let settings = ConnectionProfileSettings::builder()
        .connection_name_prefix_template("{org_id}")
        .enabled_features([EnabledFeature::Scim])
        .build()
        .unwrap();
    for settings in [settings, ConnectionProfileSettings::default()] {
        let result = client(&server)
            .connection_profiles()
            .create(&settings)
            .await;
        assert_eq!(invalid_input(result).field(), "name");
    }
    any.assert_calls_async(0).await;
}

// ---------------------------------------------------------------- get

#[tokio::test]
async fn get_returns_the_typed_profile() {
    let server = MockServer::start_async().await;
    let stored = full_profile_json(PROFILE_ID, "Partner SSO");
    let mock = expect(GET, profile_path(PROFILE_ID))
        .answer(&server, 200, stored.clone())
        .await;
    let profile = client(&server)
        .connection_profiles()
        .get(PROFILE_ID)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(profile.id, PROFILE_ID);
    assert_eq!(profile.name, "Partner SSO");
    assert_eq!(
        profile.connection_config.as_ref().unwrap()["disable_self_service_change_password"],
        json!(true)
    );
    assert!(profile.extra.is_empty());
    assert_eq!(as_json(&profile), stored);
}

#[tokio::test]
async fn get_keeps_unknown_fields_strategies_and_enum_values() {
    let server = MockServer::start_async().await;
    let stored = profile_json(
        PROFILE_ID,
        "Partner SSO",
        json!({
            "organization": {"show_as_button": "sometimes", "assign_membership_on_login": "always"},
            "enabled_features": ["scim", "passkeys"],
            "strategy_overrides": {
                "okta": {"enabled_features": ["scim"]},
                "future-idp": {"enabled_features": ["scim"], "connection_config": {"tenant": "x"}},
            },
            "provisioning": {"mode": "scim"},
        }),
    );
    expect(GET, profile_path(PROFILE_ID))
        .answer(&server, 200, stored.clone())
        .await;
    let profile = client(&server)
        .connection_profiles()
        .get(PROFILE_ID)
        .await
        .unwrap();

    let organization = profile.organization.as_ref().unwrap();
    assert_eq!(
        organization.show_as_button,
        Some(ShowAsButton::Unknown("sometimes".into()))
    );
    assert_eq!(
        organization.assign_membership_on_login,
        Some(AssignMembershipOnLogin::Unknown("always".into()))
    );
    assert_eq!(
        profile.enabled_features.as_ref().unwrap().0,
        [
            EnabledFeature::Scim,
            EnabledFeature::Unknown("passkeys".into())
        ]
    );
    let overrides = profile.strategy_overrides.as_ref().unwrap();
    assert!(overrides.okta.is_some());
    assert_eq!(
        overrides.extra["future-idp"],
        json!({"enabled_features": ["scim"], "connection_config": {"tenant": "x"}})
    );
    assert_eq!(profile.extra["provisioning"], json!({"mode": "scim"}));
    // Nothing was lost: the typed profile writes back exactly what was received.
    assert_eq!(as_json(&profile), stored);
}

#[tokio::test]
async fn get_of_an_unknown_id_is_not_found() {
    let server = MockServer::start_async().await;
    let body = auth0_error(
        404,
        "Not Found",
        "The connection profile does not exist",
        "inexistent_connection_profile",
    );
    expect(GET, profile_path("cp_missing"))
        .answer(&server, 404, body)
        .await;
    let err = client(&server)
        .connection_profiles()
        .get("cp_missing")
        .await
        .unwrap_err();
    let Error::NotFound(api) = err else {
        panic!("expected NotFound, got {err:?}")
    };
    assert_eq!(
        api.message.as_deref(),
        Some("The connection profile does not exist")
    );
    assert_eq!(api.code.as_deref(), Some("inexistent_connection_profile"));
}

// ---------------------------------------------------------------- update

#[tokio::test]
async fn update_sends_only_the_fields_set() {
    let builder = ConnectionProfileSettings::builder;
    let cases: Vec<(ConnectionProfileSettingsBuilder, Value)> = vec![
        (builder().name("New"), json!({"name": "New"})),
        (
            builder().connection_name_prefix_template("acme-{org_id}"),
            json!({"connection_name_prefix_template": "acme-{org_id}"}),
        ),
        (
            builder().organization(ShowAsButton::None, AssignMembershipOnLogin::Optional),
            json!({"organization": {"show_as_button": "none", "assign_membership_on_login": "optional"}}),
        ),
        (
            builder().enabled_features([EnabledFeature::UniversalLogout]),
            json!({"enabled_features": ["universal_logout"]}),
        ),
        (
            builder().connection_config(object(json!({"a": 1, "nested": {"b": [true]}}))),
            json!({"connection_config": {"a": 1, "nested": {"b": [true]}}}),
        ),
        (
            builder().strategy_override(Strategy::Waad, Some(vec![EnabledFeature::Scim]), None),
            json!({"strategy_overrides": {"waad": {"enabled_features": ["scim"]}}}),
        ),
        (
            builder()
                .name("Renamed")
                .strategy_override(Strategy::Oidc, None, Some(Map::new())),
            json!({"name": "Renamed", "strategy_overrides": {"oidc": {"connection_config": {}}}}),
        ),
    ];
    for (settings, expected) in cases {
        assert_patch_body(settings.build().unwrap(), expected).await;
    }
}

#[tokio::test]
async fn update_clear_methods_send_the_empty_values() {
    let builder = ConnectionProfileSettings::builder;
    let cases: Vec<(ConnectionProfileSettingsBuilder, Value)> = vec![
        (
            builder().clear_connection_name_prefix_template(),
            json!({"connection_name_prefix_template": ""}),
        ),
        (
            builder().clear_enabled_features(),
            json!({"enabled_features": []}),
        ),
        (
            builder().clear_connection_config(),
            json!({"connection_config": {}}),
        ),
        (
            builder()
                .clear_connection_name_prefix_template()
                .clear_enabled_features()
                .clear_connection_config(),
            json!({"connection_name_prefix_template": "", "enabled_features": [], "connection_config": {}}),
        ),
        // A clear after a set wins, and a set after a clear wins.
        (
            builder()
                .enabled_features([EnabledFeature::Scim])
                .clear_enabled_features()
                .connection_config(Map::new())
                .connection_config(object(json!({"k": "v"}))),
            json!({"enabled_features": [], "connection_config": {"k": "v"}}),
        ),
    ];
    for (settings, expected) in cases {
        assert_patch_body(settings.build().unwrap(), expected).await;
    }
}

#[tokio::test]
async fn update_with_every_field_sends_the_vendor_example_exactly() {
    let spec = spec();
    let patch = &spec["paths"]["/connection-profiles/{id}"]["patch"];
    let request = patch["requestBody"]["content"]["application/json"]["examples"]["vendorExample"]
        ["value"]
        .clone();
    let response = patch["responses"]["200"]["content"]["application/json"]["examples"]
        ["vendorExample"]["value"]
        .clone();
    assert!(request.is_object() && response.is_object());

    let every_strategy = [
        Strategy::PingFederate,
        Strategy::ActiveDirectory,
        Strategy::Adfs,
        Strategy::Waad,
        Strategy::GoogleApps,
        Strategy::Okta,
        Strategy::Oidc,
        Strategy::Samlp,
    ];
    let mut settings = ConnectionProfileSettings::builder()
        .name("Partner SSO")
        .organization(ShowAsButton::None, AssignMembershipOnLogin::None)
        .connection_name_prefix_template("{org_name}-sso")
        .enabled_features([EnabledFeature::Scim])
        .connection_config(Map::new());
    for strategy in &every_strategy {
        settings = settings.strategy_override(
            strategy.clone(),
            Some(vec![EnabledFeature::Scim]),
            Some(Map::new()),
        );
    }
    // The strategy keys are the spec's, one for one.
    let spec_keys: Vec<&str> = spec["components"]["schemas"]["StrategyOverrides"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut facade_keys: Vec<&str> = every_strategy.iter().map(|s| s.as_str()).collect();
    let mut sorted_spec_keys = spec_keys.clone();
    facade_keys.sort_unstable();
    sorted_spec_keys.sort_unstable();
    assert_eq!(facade_keys, sorted_spec_keys);

    let server = MockServer::start_async().await;
    let id = response["id"].as_str().unwrap().to_owned();
    let mock = expect(PATCH, profile_path(&id))
        .sending(request)
        .answer(&server, 200, response.clone())
        .await;
    let updated = client(&server)
        .connection_profiles()
        .update(&id, &settings.build().unwrap())
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(as_json(&updated), response);
}

#[tokio::test]
async fn update_that_sets_nothing_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let empty = ConnectionProfileSettings::builder().build().unwrap();
    assert!(empty.is_empty());
    let result = client(&server)
        .connection_profiles()
        .update(PROFILE_ID, &empty)
        .await;
    assert_eq!(invalid_input(result).field(), "update");
    any.assert_calls_async(0).await;
}

// ---------------------------------------------------------------- delete

#[tokio::test]
async fn delete_is_deleted_on_204_and_on_an_empty_200() {
    for status in [204, 200] {
        let server = MockServer::start_async().await;
        let mock = expect(DELETE, profile_path(PROFILE_ID))
            .answer_empty(&server, status)
            .await;
        let outcome = client(&server)
            .connection_profiles()
            .delete(PROFILE_ID)
            .await
            .unwrap();
        mock.assert_async().await;
        assert_eq!(outcome, Deletion::Deleted, "status {status}");
    }
}

#[tokio::test]
async fn delete_of_an_unknown_id_is_not_found() {
    let server = MockServer::start_async().await;
    let body = auth0_error(
        404,
        "Not Found",
        "The connection profile does not exist",
        "inexistent_connection_profile",
    );
    let mock = expect(DELETE, profile_path("cp_gone"))
        .answer(&server, 404, body)
        .await;
    let outcome = client(&server)
        .connection_profiles()
        .delete("cp_gone")
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(outcome, Deletion::NotFound);
}

// ---------------------------------------------------------------- templates

#[tokio::test]
async fn templates_returns_every_template_typed() {
    let server = MockServer::start_async().await;
    let okta = template_json(TEMPLATE_ID, "Okta workforce");
    let entra = template_json("tpl_entra", "Microsoft Entra ID");
    let mock = expect(GET, TEMPLATES)
        .answer(
            &server,
            200,
            json!({"connection_profile_templates": [okta.clone(), entra.clone()]}),
        )
        .await;
    let templates = client(&server)
        .connection_profiles()
        .templates()
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(templates.len(), 2);
    assert_eq!(templates[0].id.as_deref(), Some(TEMPLATE_ID));
    assert_eq!(
        templates[1].display_name.as_deref(),
        Some("Microsoft Entra ID")
    );
    let settings = templates[0].template.as_ref().unwrap();
    assert_eq!(
        settings.organization.as_ref().unwrap().show_as_button,
        Some(ShowAsButton::Required)
    );
    assert_eq!(templates[0].extra["category"], json!("workforce"));
    assert_eq!(as_json(&templates[0]), okta);
    assert_eq!(as_json(&templates[1]), entra);
}

#[tokio::test]
async fn templates_without_the_list_field_is_an_empty_list() {
    let server = MockServer::start_async().await;
    expect(GET, TEMPLATES).answer(&server, 200, json!({})).await;
    let templates = client(&server)
        .connection_profiles()
        .templates()
        .await
        .unwrap();
    assert!(templates.is_empty());
}

#[tokio::test]
async fn template_returns_one_template_typed_and_404_is_not_found() {
    let server = MockServer::start_async().await;
    let okta = template_json(TEMPLATE_ID, "Okta workforce");
    let mock = expect(GET, template_path(TEMPLATE_ID))
        .answer(&server, 200, okta.clone())
        .await;
    expect(GET, template_path("tpl_missing"))
        .answer(
            &server,
            404,
            auth0_error(404, "Not Found", "No such template", "inexistent_template"),
        )
        .await;

    let profiles_client = client(&server);
    let profiles = profiles_client.connection_profiles();
    let template = profiles.template(TEMPLATE_ID).await.unwrap();
    mock.assert_async().await;
    assert_eq!(template.display_name.as_deref(), Some("Okta workforce"));
    let settings = template.template.as_ref().unwrap();
    assert_eq!(
        settings.connection_name_prefix_template.as_deref(),
        Some("{org_id}")
    );
    assert_eq!(as_json(&template), okta);

    let err = profiles.template("tpl_missing").await.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound(api) if api.message.as_deref() == Some("No such template")),
        "{err:?}"
    );
}

// ---------------------------------------------------------------- shared errors

#[tokio::test]
async fn rate_limited_answers_are_retryable_api_errors_with_the_rate_limit() {
    // Auth0's JSON body, and a gateway's text or empty body: the headers count either way.
    let bodies = [
        (
            Body::Json(auth0_error(
                429,
                "Too Many Requests",
                "Global limit has been reached",
                "too_many_requests",
            )),
            Some("Global limit has been reached"),
            Some("too_many_requests"),
        ),
        (
            Body::Text("Too Many Requests\n"),
            Some("Too Many Requests"),
            None,
        ),
        (Body::Empty, None, None),
    ];
    for (op, (body, message, code)) in Op::ALL
        .into_iter()
        .flat_map(|op| bodies.clone().map(|body| (op, body)))
    {
        let server = MockServer::start_async().await;
        let mock = expect(op.method(), op.path())
            .mount(
                &server,
                429,
                &[
                    ("x-ratelimit-limit", "50"),
                    ("x-ratelimit-remaining", "0"),
                    ("x-ratelimit-reset", "1795449600"),
                    ("retry-after", "7"),
                ],
                body,
            )
            .await;
        let err = op
            .run(client(&server).connection_profiles(), op.id())
            .await
            .unwrap_err();
        mock.assert_async().await;
        assert!(err.is_retryable(), "{op:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(429), "{op:?}");
        let Error::Api(api) = err else {
            panic!("{op:?}: expected Api, got {err:?}")
        };
        let limit = api.rate_limit.expect("rate-limit headers are read");
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(50), Some(0), Some(1_795_449_600)),
            "{op:?}"
        );
        assert_eq!(api.retry_after, Some(Duration::from_secs(7)), "{op:?}");
        assert_eq!(api.message.as_deref(), message, "{op:?}");
        assert_eq!(api.code.as_deref(), code, "{op:?}");
    }
}

#[tokio::test]
async fn not_found_without_a_json_body_is_still_not_found() {
    for (op, body) in Op::BY_ID.into_iter().flat_map(|op| {
        [
            (op, Body::Empty),
            (op, Body::Text("<html>Not Found</html>")),
        ]
    }) {
        let server = MockServer::start_async().await;
        let mock = expect(op.method(), op.path())
            .mount(&server, 404, &[], body)
            .await;
        let result = op.run(client(&server).connection_profiles(), op.id()).await;
        mock.assert_async().await;
        match (op, result) {
            (Op::Delete, Ok(Some(Deletion::NotFound))) => {}
            (Op::Get | Op::Update | Op::Template, Err(Error::NotFound(api))) => {
                assert_eq!(api.status.as_u16(), 404);
            }
            (op, other) => panic!("{op:?}: expected NotFound, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn ids_that_are_empty_or_hold_a_slash_or_control_character_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let client = client(&server);
    for op in Op::BY_ID {
        for id in ["", "/", "cp/1", "/cp_1", "cp_1/", "cp\n1", "cp\u{0}1"] {
            let result = op.run(client.connection_profiles(), id).await;
            assert_eq!(invalid_input(result).field(), "id", "{op:?} {id:?}");
        }
    }
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn ids_that_are_dot_segments_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let client = client(&server);
    for op in Op::BY_ID {
        for id in [".", ".."] {
            let result = op.run(client.connection_profiles(), id).await;
            assert_eq!(invalid_input(result).field(), "id", "{op:?} {id:?}");
        }
    }
    any.assert_calls_async(0).await;
}

// ---------------------------------------------------------------- credentials

/// The token endpoint of `auth`, expecting exactly Auth0's JSON client-credentials grant.
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

fn token_answer(access_token: &str) -> Value {
    json!({"access_token": access_token, "token_type": "Bearer", "expires_in": 86400, "scope": "read:connection_profiles"})
}

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
    let get = expect(GET, profile_path(PROFILE_ID))
        .authorized_by(bearer)
        .answer(
            &api,
            200,
            profile_json(PROFILE_ID, "Partner SSO", json!({})),
        )
        .await;
    let templates = expect(GET, TEMPLATES)
        .authorized_by(bearer)
        .answer(&api, 200, json!({"connection_profile_templates": []}))
        .await;
    let delete = expect(DELETE, profile_path(PROFILE_ID))
        .authorized_by(bearer)
        .answer_empty(&api, 204)
        .await;

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

// ---------------------------------------------------------------- input limits

/// How the facade must judge a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Valid,
    /// Refused for its length; the reason names the limit.
    Length,
    /// Refused for a character or sequence the pattern forbids.
    Pattern,
}

use Verdict::{Length, Pattern, Valid};

/// `name`: 1 to 50 characters, counted as characters (not bytes).
fn name_cases() -> Vec<(String, Verdict)> {
    vec![
        (String::new(), Length),
        ("a".into(), Valid),
        ("a".repeat(50), Valid),
        ("a".repeat(51), Length),
        ("é".repeat(50), Valid),
        ("é".repeat(51), Length),
        ("🔐".repeat(50), Valid),
        ("🔐".repeat(51), Length),
        (
            "Partner SSO (EU) — ünïcode, spaces & punctuation!".into(),
            Valid,
        ),
    ]
}

/// `connection_name_prefix_template`: at most 15 characters of ASCII letters, digits, `-` and
/// the placeholders `{org_id}`/`{org_name}` (counted as written); no leading `-`, no `--`.
fn prefix_cases() -> Vec<(String, Verdict)> {
    let owned = |cases: &[(&str, Verdict)]| -> Vec<(String, Verdict)> {
        cases.iter().map(|(v, d)| (v.to_string(), *d)).collect()
    };
    let mut cases = vec![("a".repeat(15), Valid), ("a".repeat(16), Length)];
    cases.extend(owned(&[
        ("", Valid), // the clear
        ("acme", Valid),
        ("Acme-SSO-2024", Valid),
        ("acme-", Valid),
        ("a-b-c-d", Valid),
        ("0", Valid),
        ("-", Pattern),
        ("-acme", Pattern),
        ("--", Pattern),
        ("ac--me", Pattern),
        ("acme--", Pattern),
        ("{org_id}", Valid),
        ("{org_name}", Valid),
        ("{org_id}-sso", Valid),
        ("sso{org_name}", Valid),
        ("x{org_name}-1", Valid),
        ("{org_name}-sso", Valid),
        ("{org_name}-ssoX", Valid),   // 15 with a placeholder
        ("{org_name}-ssoXY", Length), // 16 with a placeholder
        ("{org_id}{org_id}", Length), // repeated: 16 as written
        ("{org_id}{org_na", Pattern), // 15, a broken placeholder
        ("{org_id}-{org_i", Pattern), // 15, a broken placeholder
        ("-{org_id}", Pattern),
        ("{org_id}--x", Pattern),
        ("{org}", Pattern),
        ("{org_id", Pattern),
        ("org_id}", Pattern),
        ("{ORG_ID}", Pattern),
        ("{org_id}}", Pattern),
        ("{{org_id}", Pattern),
        ("{ org_id }", Pattern),
        ("_", Pattern),
        ("acme_sso", Pattern),
        ("acme sso", Pattern),
        (" acme", Pattern),
        ("acme.sso", Pattern),
        ("acme\n", Pattern),
        ("café", Pattern),
        ("ａｃｍｅ", Pattern), // full-width letters
        ("٣", Pattern),        // an Arabic-Indic digit
    ]));
    cases.push(("é".repeat(15), Pattern));
    cases.push(("é".repeat(16), Length));
    cases
}

/// The field a limit table is about.
#[derive(Clone, Copy, Debug)]
enum Field {
    Name,
    Prefix,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Prefix => "connection_name_prefix_template",
        }
    }

    fn limit(self) -> usize {
        match self {
            Field::Name => 50,
            Field::Prefix => 15,
        }
    }

    /// Settings setting only this field (an update).
    fn update(self, value: &str) -> sso_connections::Result<ConnectionProfileSettings> {
        let builder = ConnectionProfileSettings::builder();
        match self {
            Field::Name => builder.name(value),
            Field::Prefix => builder.connection_name_prefix_template(value),
        }
        .build()
    }

    /// Settings for a create: the prefix cases carry a valid name as well.
    fn create(self, value: &str) -> sso_connections::Result<ConnectionProfileSettings> {
        match self {
            Field::Name => ConnectionProfileSettings::builder().name(value),
            Field::Prefix => ConnectionProfileSettings::builder()
                .name("Partner SSO")
                .connection_name_prefix_template(value),
        }
        .build()
    }

    fn update_body(self, value: &str) -> Value {
        json!({ self.key(): value })
    }

    fn create_body(self, value: &str) -> Value {
        merged(json!({"name": "Partner SSO"}), self.update_body(value))
    }
}

/// Runs every case of `field` through `create` and `update` as a caller would (build, then
/// send): valid values reach the wire exactly as given; invalid ones are `InvalidInput` naming
/// the field (and the limit for a length) with nothing sent.
async fn check_limits(field: Field, cases: Vec<(String, Verdict)>) {
    for (value, verdict) in cases {
        let server = MockServer::start_async().await;
        let client = client(&server);
        let profiles = client.connection_profiles();
        let create = async { profiles.create(&field.create(&value)?).await };
        let update = async { profiles.update(PROFILE_ID, &field.update(&value)?).await };
        let case = format!(
            "{} = {value:?} ({} chars)",
            field.key(),
            value.chars().count()
        );

        if verdict == Valid {
            let reply = profile_json(PROFILE_ID, "Partner SSO", field.update_body(&value));
            let posted = expect(POST, PROFILES)
                .sending(field.create_body(&value))
                .answer(&server, 201, reply.clone())
                .await;
            let patched = expect(PATCH, profile_path(PROFILE_ID))
                .sending(field.update_body(&value))
                .answer(&server, 200, reply)
                .await;
            create
                .await
                .unwrap_or_else(|e| panic!("{case}: create: {e:?}"));
            update
                .await
                .unwrap_or_else(|e| panic!("{case}: update: {e:?}"));
            posted.assert_async().await;
            patched.assert_async().await;
        } else {
            let any = catch_all(&server).await;
            for (operation, result) in [("create", create.await), ("update", update.await)] {
                let input = invalid_input(result);
                assert_eq!(input.field(), field.key(), "{case}: {operation}");
                if verdict == Length {
                    assert!(
                        input.reason().contains(&field.limit().to_string()),
                        "{case}: {operation}: the reason names the limit: {}",
                        input.reason()
                    );
                }
            }
            any.assert_calls_async(0).await;
        }
    }
}

#[tokio::test]
async fn name_is_1_to_50_characters_counted_as_characters() {
    check_limits(Field::Name, name_cases()).await;
}

#[tokio::test]
async fn prefix_template_is_at_most_15_characters_of_the_documented_pattern() {
    check_limits(Field::Prefix, prefix_cases()).await;
}

/// The spec's `pattern`, compiled with the `regex` crate when it supports the syntax, and
/// otherwise with an ECMA-262 engine (`regress`, what the generated code uses): OpenAPI
/// patterns are ECMA-262, and this one needs look-ahead, which `regex` lacks.
enum SpecPattern {
    Rust(regex::Regex),
    Ecma(regress::Regex),
}

impl SpecPattern {
    fn compile(pattern: &str) -> Self {
        match regex::Regex::new(pattern) {
            Ok(regex) => SpecPattern::Rust(regex),
            Err(_) => SpecPattern::Ecma(
                regress::Regex::new(pattern).expect("the spec's pattern is valid ECMA-262"),
            ),
        }
    }

    fn is_match(&self, value: &str) -> bool {
        match self {
            SpecPattern::Rust(regex) => regex.is_match(value),
            SpecPattern::Ecma(regex) => regex.find(value).is_some(),
        }
    }
}

/// Every string of up to three pieces drawn from letters, digits, `-`, both placeholders,
/// broken placeholders and forbidden characters: lengths from 0 to 30, both sides of 15.
fn prefix_combinations() -> Vec<String> {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "7",
        "-",
        "_",
        " ",
        ".",
        "é",
        "{",
        "}",
        "{org}",
        "{org_id",
        "{org_id}",
        "{org_name}",
        "abcde",
        "abcdefg",
    ];
    let mut values = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..3 {
        last = last
            .iter()
            .flat_map(|prefix| PIECES.iter().map(move |piece| format!("{prefix}{piece}")))
            .collect();
        values.extend(last.iter().cloned());
    }
    values
}

#[test]
fn facade_limits_equal_the_spec_schema() {
    let spec = spec();
    let schemas = &spec["components"]["schemas"];
    let prefix_schema = &schemas["ConnectionNamePrefixTemplate"];
    let max_prefix = prefix_schema["maxLength"].as_u64().unwrap() as usize;
    let pattern = SpecPattern::compile(prefix_schema["pattern"].as_str().unwrap());
    let name_schema = &schemas["ConnectionProfileName"];
    let min_name = name_schema["minLength"].as_u64().unwrap() as usize;
    let max_name = name_schema["maxLength"].as_u64().unwrap() as usize;
    assert_eq!((min_name, max_name, max_prefix), (1, 50, 15));
    assert_eq!(Field::Name.limit(), max_name);
    assert_eq!(Field::Prefix.limit(), max_prefix);

    let spec_prefix = |value: &str| value.chars().count() <= max_prefix && pattern.is_match(value);
    let spec_name = |value: &str| (min_name..=max_name).contains(&value.chars().count());

    // The tables' verdicts are the spec's.
    for (value, verdict) in prefix_cases() {
        assert_eq!(spec_prefix(&value), verdict == Valid, "prefix {value:?}");
        let length_only = value.chars().count() > max_prefix;
        assert_eq!(length_only, verdict == Length, "prefix {value:?}");
    }
    for (value, verdict) in name_cases() {
        assert_eq!(spec_name(&value), verdict == Valid, "name {value:?}");
    }

    // The facade, the spec and the generated types agree on every value.
    let mut prefixes: Vec<String> = prefix_cases().into_iter().map(|(v, _)| v).collect();
    prefixes.extend(prefix_combinations());
    let (mut accepted, mut too_long_but_matching) = (0, 0);
    for value in &prefixes {
        let spec_ok = spec_prefix(value);
        let facade = Field::Prefix.update(value);
        assert_eq!(
            facade.is_ok(),
            spec_ok,
            "prefix {value:?}: facade says {facade:?}"
        );
        if let Err(err) = facade {
            assert_eq!(invalid_input::<()>(Err(err)).field(), Field::Prefix.key());
        }
        // build.rs leaves patterns out of the generated code (the facade checks them), so
        // the generated type holds only the length.
        let generated = types::ConnectionNamePrefixTemplate::try_from(value.as_str());
        assert_eq!(
            generated.is_ok(),
            value.chars().count() <= max_prefix,
            "prefix {value:?}: generated type"
        );
        accepted += usize::from(spec_ok);
        too_long_but_matching += usize::from(pattern.is_match(value) && !spec_ok);
    }
    // The combinations exercise both rules on both sides.
    assert!(accepted > 100 && too_long_but_matching > 100);
    assert!(prefixes.len() - accepted > 1000);

    for (value, _) in name_cases() {
        let spec_ok = spec_name(&value);
        assert_eq!(
            Field::Name.update(&value).is_ok(),
            spec_ok,
            "name {value:?}"
        );
        let generated = types::ConnectionProfileName::try_from(value.as_str());
        assert_eq!(generated.is_ok(), spec_ok, "name {value:?}: generated type");
    }
}
