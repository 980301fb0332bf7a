//! Auth0 Management API connection profiles (`/api/v2/connection-profiles`): create, read,
//! partial update (PATCH), delete, checkpoint pagination (`from`, `take` → `next`), templates,
//! the documented limits (name 1–50 characters, prefix template at most 15 characters with its
//! pattern, enum values), 409 on a duplicate name, Auth0 error bodies, and the client
//! credentials token endpoint `POST /oauth/token`.

use std::collections::BTreeMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::Shared;

/// Path under which the Management API is served, as in `https://{tenant}/api/v2`.
pub const BASE_PATH: &str = "/api/v2";

/// The audience a Management API token must be requested for, relative to the tenant URL.
pub const AUDIENCE_PATH: &str = "/api/v2/";

/// Connection profiles by id, in creation order, and issued tokens.
#[derive(Default)]
pub(crate) struct Auth0 {
    profiles: BTreeMap<u64, Value>,
    order_of: std::collections::HashMap<String, u64>,
    next: u64,
    pub(crate) tokens: std::collections::HashSet<String>,
    pub(crate) tokens_issued: u64,
}

/// A refused request, answered with an Auth0 error body.
#[derive(Debug)]
pub(crate) struct Reject {
    status: StatusCode,
    message: String,
    error_code: &'static str,
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let error = self.status.canonical_reason().unwrap_or("Error");
        let body = json!({
            "statusCode": self.status.as_u16(),
            "error": error,
            "message": self.message,
            "errorCode": self.error_code,
        });
        (self.status, Json(body)).into_response()
    }
}

fn bad_request(message: impl Into<String>) -> Reject {
    Reject {
        status: StatusCode::BAD_REQUEST,
        message: message.into(),
        error_code: "invalid_body",
    }
}

fn not_found() -> Reject {
    Reject {
        status: StatusCode::NOT_FOUND,
        message: "The connection profile does not exist".into(),
        error_code: "inexistent_connection_profile",
    }
}

type Answer = Result<Response, Reject>;

/// The Management API routes, relative to [`BASE_PATH`].
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/connection-profiles", get(list).post(create))
        .route("/connection-profiles/templates", get(list_templates))
        .route("/connection-profiles/templates/{id}", get(get_template))
        .route(
            "/connection-profiles/{id}",
            get(read).patch(update).delete(delete),
        )
}

/// The token route (`POST /oauth/token`).
pub(crate) fn token_routes() -> Router<Shared> {
    Router::new().route("/oauth/token", post(issue_token))
}

/// The answer to a request without a valid bearer token.
pub(crate) fn unauthorized() -> Response {
    Reject {
        status: StatusCode::UNAUTHORIZED,
        message: "Missing authentication".into(),
        error_code: "unauthorized",
    }
    .into_response()
}

#[derive(Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    audience: Option<String>,
}

async fn issue_token(
    State(shared): State<Shared>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let oauth_error = |status: StatusCode, error: &str, description: &str| {
        (
            status,
            Json(json!({"error": error, "error_description": description})),
        )
            .into_response()
    };
    let Ok(request) = serde_json::from_slice::<TokenRequest>(&body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be JSON",
        );
    };
    if request.grant_type.as_deref() != Some("client_credentials") {
        return oauth_error(
            StatusCode::FORBIDDEN,
            "unsupported_grant_type",
            "Grant type not allowed",
        );
    }
    let (id, secret) = &*shared.auth0_client;
    if request.client_id.as_deref() != Some(id) || request.client_secret.as_deref() != Some(secret)
    {
        return oauth_error(StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized");
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let audience = format!("http://{host}{AUDIENCE_PATH}");
    // The audience is the Management API's own URL: the simulator's, here.
    if request.audience.as_deref() != Some(audience.as_str()) {
        return oauth_error(
            StatusCode::FORBIDDEN,
            "access_denied",
            "Service not enabled within domain",
        );
    }
    let token = format!("auth0-sim-{}", Uuid::new_v4().simple());
    let mut world = shared.lock();
    world.auth0.tokens.insert(token.clone());
    world.auth0.tokens_issued += 1;
    Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": shared.token_lifetime_secs,
        "scope": "read:connection_profiles create:connection_profiles update:connection_profiles delete:connection_profiles",
    }))
    .into_response()
}

#[derive(Deserialize)]
struct ListQuery {
    from: Option<String>,
    take: Option<String>,
}

async fn list(State(shared): State<Shared>, Query(query): Query<ListQuery>) -> Answer {
    // Without `take`, pages are as long as the simulator's page size (at most 50).
    let take = match &query.take {
        None => shared.page_size.min(50),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|t| (1..=100).contains(t))
            .ok_or_else(|| bad_request("take must be an integer from 1 to 100"))?,
    };
    let world = shared.lock();
    let start = match &query.from {
        None => 0,
        Some(from) => *world
            .auth0
            .order_of
            .get(from)
            .ok_or_else(|| bad_request("from is not a valid checkpoint"))?,
    };
    let page: Vec<Value> = world
        .auth0
        .profiles
        .range(start..)
        .take(take + 1)
        .map(|(_, v)| v.clone())
        .collect();
    let mut body = json!({ "connection_profiles": &page[..page.len().min(take)] });
    if page.len() > take {
        body["next"] = page[take]["id"].clone();
    }
    Ok(Json(body).into_response())
}

async fn create(State(shared): State<Shared>, body: Bytes) -> Answer {
    let mut profile = parse(&body)?;
    let name = profile
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| bad_request("name is required"))?
        .to_owned();
    check(&profile)?;
    let mut world = shared.lock();
    if world
        .auth0
        .profiles
        .values()
        .any(|p| p["name"] == json!(name))
    {
        return Err(Reject {
            status: StatusCode::CONFLICT,
            message: format!("A connection profile named {name} already exists"),
            error_code: "connection_profile_conflict",
        });
    }
    let id = format!("cop_{}", Uuid::new_v4().simple());
    profile.insert("id".into(), json!(id));
    let value = Value::Object(profile);
    world.auth0.next += 1;
    let order = world.auth0.next;
    world.auth0.profiles.insert(order, value.clone());
    world.auth0.order_of.insert(id, order);
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

async fn read(State(shared): State<Shared>, Path(id): Path<String>) -> Answer {
    let world = shared.lock();
    let order = world.auth0.order_of.get(&id).ok_or_else(not_found)?;
    Ok(Json(world.auth0.profiles[order].clone()).into_response())
}

/// PATCH: fields in the body replace the stored ones; fields left out stay as they are.
async fn update(State(shared): State<Shared>, Path(id): Path<String>, body: Bytes) -> Answer {
    let patch = parse(&body)?;
    check(&patch)?;
    let mut world = shared.lock();
    let order = *world.auth0.order_of.get(&id).ok_or_else(not_found)?;
    if let Some(name) = patch.get("name") {
        let taken = world
            .auth0
            .profiles
            .iter()
            .any(|(o, p)| *o != order && p["name"] == *name);
        if taken {
            return Err(Reject {
                status: StatusCode::CONFLICT,
                message: "Another connection profile has that name".into(),
                error_code: "connection_profile_conflict",
            });
        }
    }
    let stored = world.auth0.profiles.get_mut(&order).expect("indexed");
    for (key, value) in patch {
        if key != "id" {
            stored[key] = value;
        }
    }
    Ok(Json(stored.clone()).into_response())
}

async fn delete(State(shared): State<Shared>, Path(id): Path<String>) -> Answer {
    let mut world = shared.lock();
    let order = world.auth0.order_of.remove(&id).ok_or_else(not_found)?;
    world.auth0.profiles.remove(&order);
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn templates() -> Vec<Value> {
    vec![
        json!({
            "id": "cop-template-okta",
            "display_name": "Okta Workforce",
            "template": {
                "name": "Okta Workforce",
                "enabled_features": ["scim"],
                "organization": { "show_as_button": "optional", "assign_membership_on_login": "required" },
                "connection_name_prefix_template": "okta-{org_id}"
            }
        }),
        json!({
            "id": "cop-template-entra",
            "display_name": "Microsoft Entra ID",
            "template": {
                "name": "Microsoft Entra ID",
                "enabled_features": ["scim", "universal_logout"],
                "connection_name_prefix_template": "entra-{org_id}"
            }
        }),
    ]
}

async fn list_templates() -> Response {
    Json(json!({ "connection_profile_templates": templates() })).into_response()
}

async fn get_template(Path(id): Path<String>) -> Answer {
    templates()
        .into_iter()
        .find(|t| t["id"] == json!(id))
        .map(|t| Json(t).into_response())
        .ok_or(Reject {
            status: StatusCode::NOT_FOUND,
            message: "The template does not exist".into(),
            error_code: "inexistent_connection_profile_template",
        })
}

fn parse(body: &[u8]) -> Result<Map<String, Value>, Reject> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(bad_request("The body must be a JSON object")),
    }
}

const FEATURES: &[&str] = &["scim", "universal_logout"];
const SHOW_AS_BUTTON: &[&str] = &["none", "optional", "required"];
const ASSIGN_MEMBERSHIP: &[&str] = &["none", "optional", "required"];
const STRATEGIES: &[&str] = &[
    "pingfederate",
    "ad",
    "adfs",
    "waad",
    "google-apps",
    "okta",
    "oidc",
    "samlp",
];

/// The documented limits of every field present in `body`.
fn check(body: &Map<String, Value>) -> Result<(), Reject> {
    if let Some(name) = body.get("name") {
        let length = name.as_str().map(|n| n.chars().count()).unwrap_or(0);
        if !(1..=50).contains(&length) {
            return Err(bad_request("name must be 1 to 50 characters"));
        }
    }
    if let Some(template) = body.get("connection_name_prefix_template") {
        let template = template
            .as_str()
            .ok_or_else(|| bad_request("connection_name_prefix_template must be a string"))?;
        if !prefix_template_valid(template) {
            return Err(bad_request(
                "connection_name_prefix_template must be at most 15 characters of letters, digits, '-', {org_id} and {org_name}, not start with '-' and not contain '--'",
            ));
        }
    }
    check_features(body.get("enabled_features"), "enabled_features")?;
    if let Some(organization) = body.get("organization") {
        for (field, allowed) in [
            ("show_as_button", SHOW_AS_BUTTON),
            ("assign_membership_on_login", ASSIGN_MEMBERSHIP),
        ] {
            if let Some(value) = organization.get(field) {
                if !value.as_str().is_some_and(|v| allowed.contains(&v)) {
                    return Err(bad_request(format!(
                        "organization.{field} must be one of {}",
                        allowed.join(", ")
                    )));
                }
            }
        }
    }
    if let Some(overrides) = body.get("strategy_overrides") {
        let overrides = overrides
            .as_object()
            .ok_or_else(|| bad_request("strategy_overrides must be an object"))?;
        for (strategy, settings) in overrides {
            if !STRATEGIES.contains(&strategy.as_str()) {
                return Err(bad_request(format!(
                    "strategy_overrides.{strategy} is not a supported strategy"
                )));
            }
            check_features(
                settings.get("enabled_features"),
                "strategy_overrides.enabled_features",
            )?;
        }
    }
    Ok(())
}

fn check_features(value: Option<&Value>, field: &str) -> Result<(), Reject> {
    let Some(value) = value else { return Ok(()) };
    let valid = value.as_array().is_some_and(|items| {
        items
            .iter()
            .all(|f| f.as_str().is_some_and(|f| FEATURES.contains(&f)))
    });
    if valid {
        Ok(())
    } else {
        Err(bad_request(format!(
            "{field} may only hold {}",
            FEATURES.join(", ")
        )))
    }
}

/// At most 15 characters; letters, digits, `-`, `{org_id}`, `{org_name}`; no leading `-`;
/// no `--`.
fn prefix_template_valid(template: &str) -> bool {
    if template.chars().count() > 15 || template.starts_with('-') || template.contains("--") {
        return false;
    }
    let mut rest = template;
    while !rest.is_empty() {
        if let Some(after) = rest
            .strip_prefix("{org_id}")
            .or_else(|| rest.strip_prefix("{org_name}"))
        {
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if c.is_ascii_alphanumeric() || c == '-' => rest = chars.as_str(),
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::prefix_template_valid;

    #[test]
    fn prefix_template_rules() {
        for good in [
            "",
            "acme",
            "acme-{org_id}",
            "{org_name}-x",
            "a1-b2",
            "{org_id}",
        ] {
            assert!(prefix_template_valid(good), "{good}");
        }
        for bad in [
            "-acme",
            "ac--me",
            "acme_1",
            "{org}",
            "0123456789abcdef",
            "acme {org_id}",
        ] {
            assert!(!prefix_template_valid(bad), "{bad}");
        }
    }
}
