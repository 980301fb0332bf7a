//! The Customer Connection API's routes: each reads its request, applies a rule to the
//! connections of the idpId, and answers.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::IntoResponse,
    routing::{post, put},
    Json, Router,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    errors::{not_found, Answer, Reject},
    rules,
    settings::Body,
    state::{Saas, Settings},
};

/// Path under which the API is served, as in the vendor's base URL.
pub const BASE_PATH: &str = "/web-portal/rest/saas/idp/2.0";

/// The routes, relative to [`BASE_PATH`].
pub(crate) fn routes() -> Router<Arc<Saas>> {
    Router::new()
        .route(
            "/spManaged/{idp_id}",
            put(create).get(read).post(update).delete(delete),
        )
        .route("/spManaged/disable/{idp_id}", post(disable))
        .route("/spManaged/enable/{idp_id}", post(enable))
}

/// The optional `application` query parameter.
#[derive(Deserialize)]
struct Scope {
    application: Option<String>,
}

fn no_connection(idp_id: &str) -> Reject {
    not_found(format!("No connection exists for idpId {idp_id}"))
}

async fn create(State(saas): State<Arc<Saas>>, Path(idp_id): Path<String>, body: Bytes) -> Answer {
    let body = Body::parse(&body)?;
    let settings = Settings::from_create(&body)?;
    let multiplexed = body.bool("multiplexed")?.unwrap_or(true);
    let targets = rules::targets(&saas.catalogue, body.applications()?)?;
    rules::connect(
        &mut saas.idps.lock(),
        idp_id,
        settings,
        &targets,
        multiplexed,
    )?;
    Ok(StatusCode::CREATED.into_response())
}

async fn read(
    State(saas): State<Arc<Saas>>,
    Path(idp_id): Path<String>,
    Query(scope): Query<Scope>,
) -> Answer {
    let application = rules::application(scope.application.as_deref())?;
    let idps = saas.idps.lock();
    let idp = idps
        .get(&idp_id)
        .ok_or_else(|| not_found("No available application found with given parameters"))?;
    Ok(Json(rules::items(&idp_id, idp, application)).into_response())
}

async fn update(State(saas): State<Arc<Saas>>, Path(idp_id): Path<String>, body: Bytes) -> Answer {
    let body = Body::parse(&body)?;
    let requested = body.applications()?;
    let multiplexed = body.bool("multiplexed")?;
    let mut idps = saas.idps.lock();
    let idp = idps
        .get_mut(&idp_id)
        .ok_or_else(|| no_connection(&idp_id))?;
    rules::update(&idp_id, idp, &body, requested.as_deref(), multiplexed)?;
    Ok(StatusCode::OK.into_response())
}

async fn disable(saas: State<Arc<Saas>>, idp_id: Path<String>, scope: Query<Scope>) -> Answer {
    switch(saas, idp_id, scope, false)
}

async fn enable(saas: State<Arc<Saas>>, idp_id: Path<String>, scope: Query<Scope>) -> Answer {
    switch(saas, idp_id, scope, true)
}

fn switch(
    State(saas): State<Arc<Saas>>,
    Path(idp_id): Path<String>,
    Query(scope): Query<Scope>,
    enabled: bool,
) -> Answer {
    let application = rules::application(scope.application.as_deref())?;
    let enabled_apps: Vec<Uuid> = saas
        .catalogue
        .iter()
        .filter(|a| a.enabled)
        .map(|a| a.saasid)
        .collect();
    let mut idps = saas.idps.lock();
    let idp = idps
        .get_mut(&idp_id)
        .ok_or_else(|| no_connection(&idp_id))?;
    let changed = rules::switch(&idp_id, idp, application, enabled, &enabled_apps)?;
    Ok(if changed {
        StatusCode::OK
    } else {
        StatusCode::NOT_MODIFIED
    }
    .into_response())
}

async fn delete(
    State(saas): State<Arc<Saas>>,
    Path(idp_id): Path<String>,
    Query(scope): Query<Scope>,
) -> Answer {
    let application = rules::application(scope.application.as_deref())?;
    rules::delete(&mut saas.idps.lock(), &idp_id, application)?;
    Ok(StatusCode::OK.into_response())
}
