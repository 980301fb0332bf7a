//! PingOne Platform management API (`/v1/environments/{environmentId}/…`): applications with
//! their secret, SAML attribute mappings, resource grants and sign-on policy assignments, and
//! identity providers. Resources are kept as JSON; the documented rules are checked: required
//! fields per protocol, unique names (409), full-replacement PUT, 204 on delete, HAL pages
//! with `_links.next`, PingOne error bodies. The worker token endpoint is
//! `POST /{environmentId}/as/token`.

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::Shared;

/// Path under which the management API is served, as in the vendor's base URL.
pub const BASE_PATH: &str = "/v1";

/// One environment's resources.
#[derive(Default)]
pub(crate) struct Environment {
    applications: Collection,
    identity_providers: Collection,
    /// Sub-resources per application: attribute mappings, grants, sign-on policy assignments.
    children: HashMap<(Uuid, Kind), Collection>,
    secrets: HashMap<Uuid, Value>,
}

/// The state of the PingOne API: environments by id, and issued access tokens.
#[derive(Default)]
pub(crate) struct PingOne {
    environments: HashMap<Uuid, Environment>,
    pub(crate) tokens: HashSet<String>,
    /// How many tokens the token endpoint has issued (tests check caching with it).
    pub(crate) tokens_issued: u64,
}

/// A sub-resource kind of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Attributes,
    Grants,
    Assignments,
}

impl Kind {
    fn from_segment(segment: &str) -> Option<Self> {
        match segment {
            "attributes" => Some(Kind::Attributes),
            "grants" => Some(Kind::Grants),
            "signOnPolicyAssignments" => Some(Kind::Assignments),
            _ => None,
        }
    }

    fn segment(self) -> &'static str {
        match self {
            Kind::Attributes => "attributes",
            Kind::Grants => "grants",
            Kind::Assignments => "signOnPolicyAssignments",
        }
    }
}

/// Resources of one kind in creation order, addressable by id and by name.
#[derive(Default)]
struct Collection {
    next: u64,
    by_order: BTreeMap<u64, Value>,
    order_of: HashMap<Uuid, u64>,
    /// Name → id, so uniqueness checks do not scan the collection.
    names: HashMap<String, Uuid>,
}

impl Collection {
    fn name(value: &Value) -> Option<String> {
        value["name"].as_str().map(str::to_owned)
    }

    fn insert(&mut self, id: Uuid, value: Value) {
        self.next += 1;
        if let Some(name) = Self::name(&value) {
            self.names.insert(name, id);
        }
        self.by_order.insert(self.next, value);
        self.order_of.insert(id, self.next);
    }

    fn get(&self, id: Uuid) -> Option<&Value> {
        self.order_of.get(&id).and_then(|n| self.by_order.get(n))
    }

    /// Stores `value` in place of the resource `id` (which must exist).
    fn replace(&mut self, id: Uuid, value: Value) {
        let n = self.order_of[&id];
        if let Some(old) = self.by_order.get(&n).and_then(Self::name) {
            self.names.remove(&old);
        }
        if let Some(name) = Self::name(&value) {
            self.names.insert(name, id);
        }
        self.by_order.insert(n, value);
    }

    fn remove(&mut self, id: Uuid) -> Option<Value> {
        let n = self.order_of.remove(&id)?;
        let value = self.by_order.remove(&n)?;
        if let Some(name) = Self::name(&value) {
            self.names.remove(&name);
        }
        Some(value)
    }

    fn name_taken(&self, name: &str, except: Option<Uuid>) -> bool {
        self.names
            .get(name)
            .is_some_and(|owner| Some(*owner) != except)
    }
}

/// A refused request, answered with a PingOne error body.
#[derive(Debug)]
pub(crate) struct Reject {
    status: StatusCode,
    code: &'static str,
    message: String,
    target: Option<String>,
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let mut body = json!({
            "id": Uuid::new_v4().to_string(),
            "code": self.code,
            "message": self.message,
        });
        if let Some(target) = self.target {
            body["details"] = json!([{
                "code": if self.status == StatusCode::CONFLICT { "UNIQUENESS_VIOLATION" } else { "INVALID_VALUE" },
                "target": target,
                "message": self.message,
            }]);
        }
        (self.status, Json(body)).into_response()
    }
}

fn invalid(target: &str, message: impl Into<String>) -> Reject {
    Reject {
        status: StatusCode::BAD_REQUEST,
        code: "INVALID_DATA",
        message: message.into(),
        target: Some(target.to_owned()),
    }
}

fn not_found(what: &str) -> Reject {
    Reject {
        status: StatusCode::NOT_FOUND,
        code: "NOT_FOUND",
        message: format!("Unable to find {what}"),
        target: None,
    }
}

fn conflict(target: &str, message: impl Into<String>) -> Reject {
    Reject {
        status: StatusCode::CONFLICT,
        code: "UNIQUENESS_VIOLATION",
        message: message.into(),
        target: Some(target.to_owned()),
    }
}

type Answer = Result<Response, Reject>;

/// The API routes, relative to [`BASE_PATH`].
pub(crate) fn routes() -> Router<Shared> {
    let mut router = Router::new();
    for top in [TopLevel::Applications, TopLevel::IdentityProviders] {
        let collection = format!("/environments/{{env}}/{}", top.key());
        let item = format!("{collection}/{{id}}");
        router = router
            .route(
                &collection,
                get(move |s, p, q, h| list_top(top, s, p, q, h))
                    .post(move |s, p, h, b| create_top(top, s, p, h, b)),
            )
            .route(
                &item,
                get(move |s, p| get_top(top, s, p))
                    .put(move |s, p, b| update_top(top, s, p, b))
                    .delete(move |s, p| delete_top(top, s, p)),
            );
    }
    router
        .route(
            "/environments/{env}/applications/{app}/secret",
            get(get_secret).post(rotate_secret),
        )
        .route(
            "/environments/{env}/applications/{app}/{kind}",
            get(list_children).post(create_child),
        )
        .route(
            "/environments/{env}/applications/{app}/{kind}/{id}",
            get(get_child).put(update_child).delete(delete_child),
        )
}

/// The token route (outside [`BASE_PATH`], like `auth.pingone.<region>/<envId>/as/token`).
pub(crate) fn token_routes() -> Router<Shared> {
    Router::new().route("/{env}/as/token", post(issue_token))
}

/// The answer to a request without a valid bearer token.
pub(crate) fn unauthorized() -> Response {
    Reject {
        status: StatusCode::UNAUTHORIZED,
        code: "ACCESS_FAILED",
        message: "The request could not be completed. You were not authenticated.".into(),
        target: None,
    }
    .into_response()
}

async fn issue_token(
    State(shared): State<Shared>,
    Path(env): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let oauth_error = |status: StatusCode, error: &str, description: &str| {
        (
            status,
            Json(json!({"error": error, "error_description": description})),
        )
            .into_response()
    };
    if Uuid::parse_str(&env).is_err() {
        return oauth_error(
            StatusCode::NOT_FOUND,
            "invalid_request",
            "unknown environment",
        );
    }
    let expected = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", shared.worker.0, shared.worker.1));
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "));
    if basic != Some(expected.as_str()) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unsupported authentication method or invalid client credentials",
        );
    }
    if !String::from_utf8_lossy(&body)
        .split('&')
        .any(|p| p == "grant_type=client_credentials")
    {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let token = format!("sim-{}", Uuid::new_v4().simple());
    let mut world = shared.lock();
    world.pingone.tokens.insert(token.clone());
    world.pingone.tokens_issued += 1;
    Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": shared.token_lifetime_secs,
        "scope": "",
    }))
    .into_response()
}

#[derive(Deserialize)]
struct ListQuery {
    filter: Option<String>,
    limit: Option<usize>,
    cursor: Option<usize>,
}

fn env_id(env: &str) -> Result<Uuid, Reject> {
    Uuid::parse_str(env).map_err(|_| Reject {
        status: StatusCode::BAD_REQUEST,
        code: "INVALID_REQUEST",
        message: "The environment id must be a UUID".into(),
        target: None,
    })
}

fn resource_id(value: &str, what: &str) -> Result<Uuid, Reject> {
    Uuid::parse_str(value).map_err(|_| not_found(what))
}

fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}{BASE_PATH}")
}

fn body_object(bytes: &[u8]) -> Result<Map<String, Value>, Reject> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Reject {
            status: StatusCode::BAD_REQUEST,
            code: "INVALID_DATA",
            message: "The request body must be a JSON object".into(),
            target: None,
        }),
    }
}

/// Keeps a page of `items` matching `filter`, with HAL links built from `self_url`.
fn page(
    items: Vec<&Value>,
    key: &str,
    self_url: &str,
    query: &ListQuery,
    page_size: usize,
) -> Result<Response, Reject> {
    let matching: Vec<&Value> = match &query.filter {
        Some(filter) => {
            let (field, wanted) = parse_filter(filter)?;
            items
                .into_iter()
                .filter(|v| v.get(&field) == Some(&wanted))
                .collect()
        }
        None => items,
    };
    let limit = query.limit.unwrap_or(page_size).max(1);
    let start = query.cursor.unwrap_or(0).min(matching.len());
    let end = (start + limit).min(matching.len());
    let filter = query
        .filter
        .as_deref()
        .map(|f| format!("&filter={}", url_encode(f)))
        .unwrap_or_default();
    let mut links = json!({ "self": { "href": self_url } });
    if end < matching.len() {
        links["next"] = json!({ "href": format!("{self_url}?limit={limit}&cursor={end}{filter}") });
    }
    let slice: Vec<Value> = matching[start..end].iter().map(|v| (*v).clone()).collect();
    Ok(Json(json!({
        "_links": links,
        "_embedded": { key: slice },
        "count": matching.len(),
        "size": end - start,
    }))
    .into_response())
}

/// The SCIM-like filter subset the simulator understands: `<field> eq <value>`, where value
/// is `true`, `false`, a number or a double-quoted string.
fn parse_filter(filter: &str) -> Result<(String, Value), Reject> {
    let parts: Vec<&str> = filter.splitn(3, ' ').collect();
    match parts.as_slice() {
        [field, "eq", value] => {
            let value = serde_json::from_str(value)
                .map_err(|_| invalid("filter", "unsupported filter value"))?;
            Ok(((*field).to_owned(), value))
        }
        _ => Err(invalid(
            "filter",
            "only `<field> eq <value>` filters are supported",
        )),
    }
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // RFC 3339 from the Unix time, without a date library.
    let days = secs / 86_400;
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    let (y, mo, d) = civil_from_days(days as i64);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}.000Z")
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

// ------------------------------------------------------------------ validation

fn require<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a Value, Reject> {
    match body.get(field) {
        None | Some(Value::Null) => Err(invalid(field, format!("{field} is required"))),
        Some(value) => Ok(value),
    }
}

fn require_str<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, Reject> {
    require(body, field)?
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| invalid(field, format!("{field} must be a non-empty string")))
}

fn require_bool(body: &Map<String, Value>, field: &str) -> Result<bool, Reject> {
    require(body, field)?
        .as_bool()
        .ok_or_else(|| invalid(field, format!("{field} must be true or false")))
}

fn require_array<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a Vec<Value>, Reject> {
    require(body, field)?
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| invalid(field, format!("{field} must be a non-empty array")))
}

fn require_ref(body: &Map<String, Value>, field: &str) -> Result<(), Reject> {
    require(body, field)?
        .get("id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .map(drop)
        .ok_or_else(|| invalid(&format!("{field}.id"), format!("{field}.id must be a UUID")))
}

/// The rules of an application body (create or full-replacement update).
fn check_application(body: &Map<String, Value>) -> Result<(), Reject> {
    require_str(body, "name")?;
    require_bool(body, "enabled")?;
    require_str(body, "type")?;
    match require_str(body, "protocol")? {
        "OPENID_CONNECT" => {
            require_array(body, "grantTypes")?;
            require_str(body, "tokenEndpointAuthMethod")?;
        }
        "SAML" => {
            require_array(body, "acsUrls")?;
            require(body, "assertionDuration")?
                .as_u64()
                .filter(|d| *d > 0)
                .ok_or_else(|| {
                    invalid(
                        "assertionDuration",
                        "assertionDuration must be a positive integer",
                    )
                })?;
            require_str(body, "spEntityId")?;
        }
        other => {
            return Err(invalid(
                "protocol",
                format!("protocol {other} cannot be created here"),
            ))
        }
    }
    Ok(())
}

fn check_child(kind: Kind, body: &Map<String, Value>) -> Result<(), Reject> {
    match kind {
        Kind::Attributes => {
            require_str(body, "name")?;
            require_str(body, "value")?;
        }
        Kind::Grants => {
            require_ref(body, "resource")?;
            for scope in require_array(body, "scopes")? {
                scope
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|s| Uuid::parse_str(s).ok())
                    .ok_or_else(|| invalid("scopes", "every scope needs a UUID id"))?;
            }
        }
        Kind::Assignments => {
            require_ref(body, "signOnPolicy")?;
            require(body, "priority")?
                .as_u64()
                .ok_or_else(|| invalid("priority", "priority must be a non-negative integer"))?;
        }
    }
    Ok(())
}

fn check_idp(body: &Map<String, Value>) -> Result<(), Reject> {
    require_str(body, "name")?;
    require_bool(body, "enabled")?;
    if require_str(body, "type")? == "SAML" {
        require_str(body, "idpEntityId")?;
        require_str(body, "ssoEndpoint")?;
        require_str(body, "ssoBinding")?;
    }
    Ok(())
}

/// A full replacement: the body's own server-owned fields are ignored, the resource keeps its
/// id, self link and `createdAt`, and whatever the body leaves out is gone.
fn replace_stored(
    collection: &mut Collection,
    id: Uuid,
    env: Uuid,
    current: &Value,
    mut body: Map<String, Value>,
) -> Value {
    for server_owned in ["id", "environment", "createdAt", "updatedAt", "_links"] {
        body.remove(server_owned);
    }
    let url = current["_links"]["self"]["href"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let stored = stamp(body, id, env, current.get("createdAt"), url);
    collection.replace(id, stored.clone());
    stored
}

/// Adds the server-owned fields to a stored resource.
fn stamp(
    mut body: Map<String, Value>,
    id: Uuid,
    env: Uuid,
    created: Option<&Value>,
    self_url: String,
) -> Value {
    body.insert("id".into(), json!(id.to_string()));
    body.insert("environment".into(), json!({ "id": env.to_string() }));
    let now = now();
    body.insert(
        "createdAt".into(),
        created.cloned().unwrap_or_else(|| json!(now.clone())),
    );
    body.insert("updatedAt".into(), json!(now));
    body.insert("_links".into(), json!({ "self": { "href": self_url } }));
    Value::Object(body)
}

// ------------------------------------------------------------------ applications, identity providers

/// The two resources that live directly in an environment. They share their handlers; what
/// differs (collection, rules, the field that may not change, side effects) is here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TopLevel {
    Applications,
    IdentityProviders,
}

impl TopLevel {
    /// Path segment and `_embedded` key.
    fn key(self) -> &'static str {
        match self {
            TopLevel::Applications => "applications",
            TopLevel::IdentityProviders => "identityProviders",
        }
    }

    /// What a message calls one of them.
    fn noun(self) -> &'static str {
        match self {
            TopLevel::Applications => "application",
            TopLevel::IdentityProviders => "identity provider",
        }
    }

    /// The field that tells kinds apart and may not change in a replacement.
    fn kind_field(self) -> &'static str {
        match self {
            TopLevel::Applications => "protocol",
            TopLevel::IdentityProviders => "type",
        }
    }

    fn check(self, body: &Map<String, Value>) -> Result<(), Reject> {
        match self {
            TopLevel::Applications => check_application(body),
            TopLevel::IdentityProviders => check_idp(body),
        }
    }

    fn collection(self, environment: &Environment) -> &Collection {
        match self {
            TopLevel::Applications => &environment.applications,
            TopLevel::IdentityProviders => &environment.identity_providers,
        }
    }

    fn collection_mut(self, environment: &mut Environment) -> &mut Collection {
        match self {
            TopLevel::Applications => &mut environment.applications,
            TopLevel::IdentityProviders => &mut environment.identity_providers,
        }
    }

    /// After a create: an OIDC application gets a client secret.
    fn created(self, environment: &mut Environment, id: Uuid, stored: &Value) {
        if self == TopLevel::Applications && stored["protocol"] == "OPENID_CONNECT" {
            environment
                .secrets
                .insert(id, json!({ "secret": new_secret() }));
        }
    }

    /// After a delete: an application's secret and sub-resources go with it.
    fn deleted(self, environment: &mut Environment, id: Uuid) {
        if self == TopLevel::Applications {
            environment.secrets.remove(&id);
            environment.children.retain(|(owner, _), _| *owner != id);
        }
    }
}

fn new_secret() -> String {
    format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

async fn list_top(
    top: TopLevel,
    State(shared): State<Shared>,
    Path(env): Path<String>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Answer {
    let env = env_id(&env)?;
    let world = shared.lock();
    let items = world
        .pingone
        .environments
        .get(&env)
        .map(|e| top.collection(e).by_order.values().collect())
        .unwrap_or_default();
    let url = format!("{}/environments/{env}/{}", origin(&headers), top.key());
    page(items, top.key(), &url, &query, shared.page_size)
}

async fn create_top(
    top: TopLevel,
    State(shared): State<Shared>,
    Path(env): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let env = env_id(&env)?;
    let body = body_object(&body)?;
    top.check(&body)?;
    let mut world = shared.lock();
    let environment = world.pingone.environments.entry(env).or_default();
    let name = body["name"].as_str().unwrap_or_default();
    if top.collection(environment).name_taken(name, None) {
        return Err(conflict(
            "name",
            format!("An {} named {name} already exists", top.noun()),
        ));
    }
    let id = Uuid::new_v4();
    let url = format!("{}/environments/{env}/{}/{id}", origin(&headers), top.key());
    let stored = stamp(body, id, env, None, url);
    top.collection_mut(environment).insert(id, stored.clone());
    top.created(environment, id, &stored);
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

async fn get_top(
    top: TopLevel,
    State(shared): State<Shared>,
    Path((env, id)): Path<(String, String)>,
) -> Answer {
    let (env, id) = (env_id(&env)?, resource_id(&id, top.noun())?);
    let world = shared.lock();
    let value = world
        .pingone
        .environments
        .get(&env)
        .and_then(|e| top.collection(e).get(id))
        .ok_or_else(|| not_found(top.noun()))?;
    Ok(Json(value.clone()).into_response())
}

/// Full replacement: whatever the body leaves out is gone; server-owned fields stay.
async fn update_top(
    top: TopLevel,
    State(shared): State<Shared>,
    Path((env, id)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    let (env, id) = (env_id(&env)?, resource_id(&id, top.noun())?);
    let body = body_object(&body)?;
    top.check(&body)?;
    let mut world = shared.lock();
    let environment = world
        .pingone
        .environments
        .get_mut(&env)
        .ok_or_else(|| not_found(top.noun()))?;
    let collection = top.collection_mut(environment);
    let current = collection
        .get(id)
        .ok_or_else(|| not_found(top.noun()))?
        .clone();
    let kind = top.kind_field();
    if current[kind] != body[kind] {
        return Err(invalid(
            kind,
            format!("the {kind} of an {} cannot change", top.noun()),
        ));
    }
    let name = body["name"].as_str().unwrap_or_default().to_owned();
    if collection.name_taken(&name, Some(id)) {
        return Err(conflict(
            "name",
            format!("An {} named {name} already exists", top.noun()),
        ));
    }
    let stored = replace_stored(collection, id, env, &current, body);
    Ok(Json(stored).into_response())
}

async fn delete_top(
    top: TopLevel,
    State(shared): State<Shared>,
    Path((env, id)): Path<(String, String)>,
) -> Answer {
    let (env, id) = (env_id(&env)?, resource_id(&id, top.noun())?);
    let mut world = shared.lock();
    let environment = world
        .pingone
        .environments
        .get_mut(&env)
        .ok_or_else(|| not_found(top.noun()))?;
    top.collection_mut(environment)
        .remove(id)
        .ok_or_else(|| not_found(top.noun()))?;
    top.deleted(environment, id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

// ------------------------------------------------------------------ secret

/// The environment of an existing application (404 when either does not exist).
fn environment_of_application(
    world: &mut crate::World,
    env: Uuid,
    app: Uuid,
) -> Result<&mut Environment, Reject> {
    let environment = world
        .pingone
        .environments
        .get_mut(&env)
        .ok_or_else(|| not_found("application"))?;
    environment
        .applications
        .get(app)
        .ok_or_else(|| not_found("application"))?;
    Ok(environment)
}

/// The stored secret of an existing application (only OIDC applications have one).
fn secret_of<'w>(
    world: &'w mut crate::World,
    env: &str,
    app: &str,
) -> Result<&'w mut Value, Reject> {
    let (env, app) = (env_id(env)?, resource_id(app, "application")?);
    let environment = environment_of_application(world, env, app)?;
    let secret = environment
        .secrets
        .get_mut(&app)
        .ok_or_else(|| invalid("protocol", "only OpenID Connect applications have a secret"))?;
    Ok(secret)
}

async fn get_secret(
    State(shared): State<Shared>,
    Path((env, app)): Path<(String, String)>,
) -> Answer {
    let mut world = shared.lock();
    let secret = secret_of(&mut world, &env, &app)?;
    Ok(Json(secret.clone()).into_response())
}

/// A new secret; with `previous.expiresAt` the old one is kept until then.
async fn rotate_secret(
    State(shared): State<Shared>,
    Path((env, app)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    let rotation = if body.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else {
        body_object(&body)?
    };
    let expires_at = rotation
        .get("previous")
        .and_then(|p| p.get("expiresAt"))
        .cloned();
    let mut world = shared.lock();
    let secret = secret_of(&mut world, &env, &app)?;
    let mut next = json!({ "secret": new_secret() });
    if let Some(expires_at) = expires_at {
        next["previous"] = json!({ "secret": secret["secret"], "expiresAt": expires_at });
    }
    *secret = next.clone();
    Ok(Json(next).into_response())
}

// ------------------------------------------------------------------ application sub-resources

fn kind(segment: &str) -> Result<Kind, Reject> {
    Kind::from_segment(segment).ok_or_else(|| not_found("resource"))
}

fn children(
    world: &mut crate::World,
    env: Uuid,
    app: Uuid,
    kind: Kind,
) -> Result<&mut Collection, Reject> {
    let environment = environment_of_application(world, env, app)?;
    Ok(environment.children.entry((app, kind)).or_default())
}

async fn list_children(
    State(shared): State<Shared>,
    Path((env, app, segment)): Path<(String, String, String)>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Answer {
    let (env, app, kind) = (
        env_id(&env)?,
        resource_id(&app, "application")?,
        kind(&segment)?,
    );
    let mut world = shared.lock();
    let collection = children(&mut world, env, app, kind)?;
    let url = format!(
        "{}/environments/{env}/applications/{app}/{}",
        origin(&headers),
        kind.segment()
    );
    page(
        collection.by_order.values().collect(),
        kind.segment(),
        &url,
        &query,
        shared.page_size,
    )
}

async fn create_child(
    State(shared): State<Shared>,
    Path((env, app, segment)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let (env, app, kind) = (
        env_id(&env)?,
        resource_id(&app, "application")?,
        kind(&segment)?,
    );
    let mut body = body_object(&body)?;
    check_child(kind, &body)?;
    let mut world = shared.lock();
    let collection = children(&mut world, env, app, kind)?;
    if kind == Kind::Attributes {
        let name = body["name"].as_str().unwrap_or_default();
        if collection.name_taken(name, None) {
            return Err(conflict(
                "name",
                format!("An attribute mapping named {name} already exists"),
            ));
        }
        body.entry("mappingType").or_insert(json!("CUSTOM"));
        body.entry("required").or_insert(json!(false));
    }
    body.insert("application".into(), json!({ "id": app.to_string() }));
    let id = Uuid::new_v4();
    let url = format!(
        "{}/environments/{env}/applications/{app}/{}/{id}",
        origin(&headers),
        kind.segment()
    );
    let stored = stamp(body, id, env, None, url);
    collection.insert(id, stored.clone());
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

/// The environment, application, kind and id a child-resource path names.
fn child_address(
    env: &str,
    app: &str,
    segment: &str,
    id: &str,
) -> Result<(Uuid, Uuid, Kind, Uuid), Reject> {
    let kind = kind(segment)?;
    Ok((
        env_id(env)?,
        resource_id(app, "application")?,
        kind,
        resource_id(id, kind.segment())?,
    ))
}

async fn get_child(
    State(shared): State<Shared>,
    Path((env, app, segment, id)): Path<(String, String, String, String)>,
) -> Answer {
    let (env, app, kind, id) = child_address(&env, &app, &segment, &id)?;
    let mut world = shared.lock();
    let value = children(&mut world, env, app, kind)?
        .get(id)
        .ok_or_else(|| not_found(kind.segment()))?;
    Ok(Json(value.clone()).into_response())
}

async fn update_child(
    State(shared): State<Shared>,
    Path((env, app, segment, id)): Path<(String, String, String, String)>,
    body: Bytes,
) -> Answer {
    let (env, app, kind, id) = child_address(&env, &app, &segment, &id)?;
    let mut body = body_object(&body)?;
    check_child(kind, &body)?;
    let mut world = shared.lock();
    let collection = children(&mut world, env, app, kind)?;
    let current = collection
        .get(id)
        .ok_or_else(|| not_found(kind.segment()))?
        .clone();
    if kind == Kind::Attributes {
        let name = body["name"].as_str().unwrap_or_default().to_owned();
        if collection.name_taken(&name, Some(id)) {
            return Err(conflict(
                "name",
                format!("An attribute mapping named {name} already exists"),
            ));
        }
    }
    body.remove("application");
    body.insert("application".into(), json!({ "id": app.to_string() }));
    let stored = replace_stored(collection, id, env, &current, body);
    Ok(Json(stored).into_response())
}

async fn delete_child(
    State(shared): State<Shared>,
    Path((env, app, segment, id)): Path<(String, String, String, String)>,
) -> Answer {
    let (env, app, kind, id) = child_address(&env, &app, &segment, &id)?;
    let mut world = shared.lock();
    children(&mut world, env, app, kind)?
        .remove(id)
        .ok_or_else(|| not_found(kind.segment()))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn filters_parse_the_eq_subset() {
        assert_eq!(
            parse_filter("enabled eq true").unwrap(),
            ("enabled".into(), json!(true))
        );
        assert_eq!(
            parse_filter("name eq \"My App\"").unwrap(),
            ("name".into(), json!("My App"))
        );
        assert!(parse_filter("name sw \"x\"").is_err());
    }
}
