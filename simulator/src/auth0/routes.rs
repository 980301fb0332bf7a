//! The Auth0 routes: connection profiles and their templates.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{
    errors::{bad_request, body_object, conflict, not_found, template_not_found, Answer},
    rules,
    state::{templates, Auth0},
};
use crate::http::paging::checkpoint_page;

/// Path under which the Management API is served, as in `https://{tenant}/api/v2`.
pub const BASE_PATH: &str = "/api/v2";

/// The Management API routes, relative to [`BASE_PATH`].
pub(crate) fn routes() -> Router<Arc<Auth0>> {
    Router::new()
        .route("/connection-profiles", get(list).post(create))
        .route("/connection-profiles/templates", get(list_templates))
        .route("/connection-profiles/templates/{id}", get(get_template))
        .route(
            "/connection-profiles/{id}",
            get(read).patch(update).delete(delete),
        )
}

#[derive(Deserialize)]
struct ListQuery {
    from: Option<String>,
    take: Option<String>,
}

async fn list(State(api): State<Arc<Auth0>>, Query(query): Query<ListQuery>) -> Answer {
    let take = rules::page_length(query.take.as_deref(), api.page_size)?;
    let profiles = api.profiles.lock();
    let (page, next) = match &query.from {
        None => checkpoint_page(profiles.values(), take),
        Some(from) => {
            let rest = profiles
                .values_from(from)
                .ok_or_else(|| bad_request("from is not a valid checkpoint"))?;
            checkpoint_page(rest, take)
        }
    };
    let mut body = json!({ "connection_profiles": page });
    if let Some(next) = next {
        body["next"] = next;
    }
    Ok(Json(body).into_response())
}

async fn create(State(api): State<Arc<Auth0>>, body: Bytes) -> Answer {
    let mut profile = body_object(&body)?;
    let name = rules::required_name(&profile)?;
    rules::check(&profile)?;
    let mut profiles = api.profiles.lock();
    if profiles.name_taken(&name, None) {
        return Err(conflict(format!(
            "A connection profile named {name} already exists"
        )));
    }
    let id = format!("cop_{}", Uuid::new_v4().simple());
    profile.insert("id".into(), json!(id));
    let value = Value::Object(profile);
    profiles.insert(id, value.clone());
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

async fn read(State(api): State<Arc<Auth0>>, Path(id): Path<String>) -> Answer {
    let profiles = api.profiles.lock();
    let profile = profiles.get(&id).ok_or_else(not_found)?;
    Ok(Json(profile.clone()).into_response())
}

async fn update(State(api): State<Arc<Auth0>>, Path(id): Path<String>, body: Bytes) -> Answer {
    let patch = body_object(&body)?;
    rules::check(&patch)?;
    let mut profiles = api.profiles.lock();
    let stored = profiles.get(&id).ok_or_else(not_found)?;
    if let Some(name) = patch.get("name").and_then(Value::as_str) {
        if profiles.name_taken(name, Some(&id)) {
            return Err(conflict("Another connection profile has that name"));
        }
    }
    let updated = rules::patched(stored, patch);
    profiles.replace(&id, updated.clone());
    Ok(Json(updated).into_response())
}

async fn delete(State(api): State<Arc<Auth0>>, Path(id): Path<String>) -> Answer {
    api.profiles.lock().remove(&id).ok_or_else(not_found)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn list_templates() -> Response {
    Json(json!({ "connection_profile_templates": templates() })).into_response()
}

async fn get_template(Path(id): Path<String>) -> Answer {
    templates()
        .into_iter()
        .find(|t| t["id"] == json!(id))
        .map(|t| Json(t).into_response())
        .ok_or_else(template_not_found)
}
