//! Applications and identity providers: the two resources directly in an environment share
//! these handlers; what differs between them comes from [`TopLevel`].

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
    Json,
};
use uuid::Uuid;

use super::{
    certificates::check_references,
    errors::{name_taken, not_found, Answer},
    links::environment_url,
    rules::{self, body_object, environment_id, resource_id},
    spec::server_owned,
    stamp::Stamp,
    state::{environment_of, PingOne, TopLevel},
};
use crate::http::{
    clock,
    paging::{hal_page, HalQuery},
};

pub(crate) async fn list(
    top: TopLevel,
    State(api): State<Arc<PingOne>>,
    Path(env): Path<String>,
    Query(query): Query<HalQuery>,
    headers: HeaderMap,
) -> Answer {
    let env = environment_id(&env)?;
    let environments = api.environments.lock();
    let items = environments
        .get(&env)
        .map(|e| e.collection(top).values().collect())
        .unwrap_or_default();
    let items = rules::matching(items, query.filter.as_deref())?;
    let url = environment_url(&headers, env, top.key());
    Ok(Json(hal_page(&items, top.key(), &url, &query, api.page_size)).into_response())
}

pub(crate) async fn create(
    top: TopLevel,
    State(api): State<Arc<PingOne>>,
    Path(env): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let env = environment_id(&env)?;
    let body = body_object(&body)?;
    rules::check(top, &body)?;
    let mut environments = api.environments.lock();
    let environment = environment_of(&mut environments, env);
    check_references(environment, top, &body)?;
    let name = rules::name(&body);
    if environment.collection(top).name_taken(name, None) {
        return Err(name_taken(top.noun(), name));
    }
    let id = Uuid::new_v4();
    let url = environment_url(&headers, env, &format!("{}/{id}", top.key()));
    let stored = Stamp::new(id, env, url, clock::now()).apply(body, server_owned(top.schema()));
    environment.collection_mut(top).insert(id, stored.clone());
    environment.created(top, id, &stored);
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

pub(crate) async fn get(
    top: TopLevel,
    State(api): State<Arc<PingOne>>,
    Path((env, id)): Path<(String, String)>,
) -> Answer {
    let (env, id) = (environment_id(&env)?, resource_id(&id, top.noun())?);
    let environments = api.environments.lock();
    let value = environments
        .get(&env)
        .and_then(|e| e.collection(top).get(&id))
        .ok_or_else(|| not_found(top.noun()))?;
    Ok(Json(value.clone()).into_response())
}

/// Full replacement: whatever the body leaves out is gone; the server's fields stay.
pub(crate) async fn replace(
    top: TopLevel,
    State(api): State<Arc<PingOne>>,
    Path((env, id)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    let (env, id) = (environment_id(&env)?, resource_id(&id, top.noun())?);
    let body = body_object(&body)?;
    rules::check(top, &body)?;
    let mut environments = api.environments.lock();
    let environment = environments
        .get_mut(&env)
        .ok_or_else(|| not_found(top.noun()))?;
    check_references(environment, top, &body)?;
    let collection = environment.collection_mut(top);
    let current = collection.get(&id).ok_or_else(|| not_found(top.noun()))?;
    rules::same_kind(top, current, &body)?;
    let name = rules::name(&body);
    if collection.name_taken(name, Some(&id)) {
        return Err(name_taken(top.noun(), name));
    }
    let stored =
        Stamp::replacing(current, id, env, clock::now()).apply(body, server_owned(top.schema()));
    collection.replace(&id, stored.clone());
    Ok(Json(stored).into_response())
}

pub(crate) async fn delete(
    top: TopLevel,
    State(api): State<Arc<PingOne>>,
    Path((env, id)): Path<(String, String)>,
) -> Answer {
    let (env, id) = (environment_id(&env)?, resource_id(&id, top.noun())?);
    let mut environments = api.environments.lock();
    let environment = environments
        .get_mut(&env)
        .ok_or_else(|| not_found(top.noun()))?;
    environment
        .collection_mut(top)
        .remove(&id)
        .ok_or_else(|| not_found(top.noun()))?;
    environment.deleted(top, id);
    Ok(StatusCode::NO_CONTENT.into_response())
}
