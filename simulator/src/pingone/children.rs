//! What hangs off an application: its client secret, and its attribute mappings, resource
//! grants and sign-on policy assignments.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
    Json,
};
use serde_json::Value;
use uuid::Uuid;

use super::{
    errors::{invalid, name_taken, not_found, Answer, Reject},
    links::environment_url,
    rules::{self, body_object, environment_id, kind, resource_id},
    spec::server_owned,
    stamp::Stamp,
    state::{new_secret, Environment, Environments, Kind, PingOne},
};
use crate::{
    http::{
        clock,
        paging::{hal_page, HalQuery},
    },
    storage::Collection,
};

/// The environment of an existing application; 404 when either does not exist.
fn environment_of(
    environments: &mut Environments,
    env: Uuid,
    app: Uuid,
) -> Result<&mut Environment, Reject> {
    environments
        .get_mut(&env)
        .filter(|e| e.has_application(app))
        .ok_or_else(|| not_found("application"))
}

/// The stored secret of an existing application (only OpenID Connect applications have one).
fn secret_of<'e>(
    environments: &'e mut Environments,
    env: &str,
    app: &str,
) -> Result<&'e mut Value, Reject> {
    let (env, app) = (environment_id(env)?, resource_id(app, "application")?);
    environment_of(environments, env, app)?
        .secret_mut(app)
        .ok_or_else(|| invalid("protocol", "only OpenID Connect applications have a secret"))
}

pub(crate) async fn get_secret(
    State(api): State<Arc<PingOne>>,
    Path((env, app)): Path<(String, String)>,
) -> Answer {
    let mut environments = api.environments.lock();
    let secret = secret_of(&mut environments, &env, &app)?;
    Ok(Json(secret.clone()).into_response())
}

/// A new secret; with `previous.expiresAt` the old one is kept until then.
pub(crate) async fn rotate_secret(
    State(api): State<Arc<PingOne>>,
    Path((env, app)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    let rotation = rules::rotation(&body)?;
    let mut environments = api.environments.lock();
    let secret = secret_of(&mut environments, &env, &app)?;
    *secret = rules::rotated(secret, &rotation, new_secret());
    Ok(Json(secret.clone()).into_response())
}

/// The sub-resources of one kind of an existing application.
fn children(
    environments: &mut Environments,
    env: Uuid,
    app: Uuid,
    kind: Kind,
) -> Result<&mut Collection<Uuid>, Reject> {
    Ok(environment_of(environments, env, app)?.children(app, kind))
}

/// The environment, application, kind and id a sub-resource path names.
fn address(
    env: &str,
    app: &str,
    segment: &str,
    id: &str,
) -> Result<(Uuid, Uuid, Kind, Uuid), Reject> {
    let kind = kind(segment)?;
    Ok((
        environment_id(env)?,
        resource_id(app, "application")?,
        kind,
        resource_id(id, kind.segment())?,
    ))
}

/// An attribute mapping's name is unique in its application.
fn check_name(
    kind: Kind,
    collection: &Collection<Uuid>,
    name: &str,
    except: Option<&Uuid>,
) -> Result<(), Reject> {
    if kind == Kind::Attributes && collection.name_taken(name, except) {
        return Err(name_taken("attribute mapping", name));
    }
    Ok(())
}

pub(crate) async fn list(
    State(api): State<Arc<PingOne>>,
    Path((env, app, segment)): Path<(String, String, String)>,
    Query(query): Query<HalQuery>,
    headers: HeaderMap,
) -> Answer {
    let (env, app, kind) = (
        environment_id(&env)?,
        resource_id(&app, "application")?,
        kind(&segment)?,
    );
    let mut environments = api.environments.lock();
    let collection = children(&mut environments, env, app, kind)?;
    let items = rules::matching(collection.values().collect(), query.filter.as_deref())?;
    let url = environment_url(
        &headers,
        env,
        &format!("applications/{app}/{}", kind.segment()),
    );
    Ok(Json(hal_page(
        &items,
        kind.segment(),
        &url,
        &query,
        api.page_size,
    ))
    .into_response())
}

pub(crate) async fn create(
    State(api): State<Arc<PingOne>>,
    Path((env, app, segment)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let (env, app, kind) = (
        environment_id(&env)?,
        resource_id(&app, "application")?,
        kind(&segment)?,
    );
    let mut body = body_object(&body)?;
    rules::check_child(kind, &body)?;
    let mut environments = api.environments.lock();
    let collection = children(&mut environments, env, app, kind)?;
    check_name(kind, collection, rules::name(&body), None)?;
    if kind == Kind::Attributes {
        rules::attribute_defaults(&mut body);
    }
    let id = Uuid::new_v4();
    let url = environment_url(
        &headers,
        env,
        &format!("applications/{app}/{}/{id}", kind.segment()),
    );
    let stored = Stamp::new(id, env, url, clock::now())
        .of_application(app)
        .apply(body, server_owned(kind.schema()));
    collection.insert(id, stored.clone());
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

pub(crate) async fn get(
    State(api): State<Arc<PingOne>>,
    Path((env, app, segment, id)): Path<(String, String, String, String)>,
) -> Answer {
    let (env, app, kind, id) = address(&env, &app, &segment, &id)?;
    let mut environments = api.environments.lock();
    let value = children(&mut environments, env, app, kind)?
        .get(&id)
        .ok_or_else(|| not_found(kind.segment()))?;
    Ok(Json(value.clone()).into_response())
}

pub(crate) async fn replace(
    State(api): State<Arc<PingOne>>,
    Path((env, app, segment, id)): Path<(String, String, String, String)>,
    body: Bytes,
) -> Answer {
    let (env, app, kind, id) = address(&env, &app, &segment, &id)?;
    let body = body_object(&body)?;
    rules::check_child(kind, &body)?;
    let mut environments = api.environments.lock();
    let collection = children(&mut environments, env, app, kind)?;
    let current = collection
        .get(&id)
        .ok_or_else(|| not_found(kind.segment()))?;
    check_name(kind, collection, rules::name(&body), Some(&id))?;
    let stored = Stamp::replacing(current, id, env, clock::now())
        .of_application(app)
        .apply(body, server_owned(kind.schema()));
    collection.replace(&id, stored.clone());
    Ok(Json(stored).into_response())
}

pub(crate) async fn delete(
    State(api): State<Arc<PingOne>>,
    Path((env, app, segment, id)): Path<(String, String, String, String)>,
) -> Answer {
    let (env, app, kind, id) = address(&env, &app, &segment, &id)?;
    let mut environments = api.environments.lock();
    children(&mut environments, env, app, kind)?
        .remove(&id)
        .ok_or_else(|| not_found(kind.segment()))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
