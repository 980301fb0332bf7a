//! The HTTP surface: each API under its base path behind its guard, the token endpoints, the
//! control endpoints, and the middleware around them.

use std::sync::Arc;

use axum::{
    extract::State,
    http::{HeaderName, HeaderValue, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};

use crate::{
    auth::{self, Api, Auth, Guard},
    auth0::{self, Auth0},
    faults::Fault,
    pingone::{self, PingOne},
    saas::{self, Saas},
    traffic::{self, Traffic},
};

/// Header the simulator sets on a 404 for a path that matches no route at all.
pub const UNROUTED_HEADER: &str = "x-simulator-unrouted";

/// The state of every part, shared by the router and the [`Simulator`](crate::Simulator).
#[derive(Clone)]
pub(crate) struct Shared {
    pub(crate) saas: Arc<Saas>,
    pub(crate) pingone: Arc<PingOne>,
    pub(crate) auth0: Arc<Auth0>,
    pub(crate) auth: Arc<Auth>,
    pub(crate) traffic: Arc<Traffic>,
}

impl Shared {
    /// Forgets every resource, issued token and planned fault (the catalogue stays).
    pub(crate) fn reset(&self) {
        self.saas.idps.clear();
        self.pingone.environments.clear();
        self.auth0.profiles.clear();
        self.auth.reset();
        self.traffic.clear_faults();
    }
}

/// The whole server. Rate limit and faults apply to the APIs, not to the token and control
/// endpoints; a path no route matches gets a 404 marked with [`UNROUTED_HEADER`].
pub(crate) fn router(shared: &Shared) -> Router {
    let guard = |guard: Guard| middleware::from_fn_with_state(guard, auth::admit);
    let saas = saas::routes()
        .with_state(shared.saas.clone())
        .layer(guard(Guard::basic(shared.auth.clone(), saas::refuse)));
    let pingone = pingone::routes()
        .with_state(shared.pingone.clone())
        .layer(guard(Guard::bearer(
            shared.auth.clone(),
            Api::PingOne,
            pingone::unauthorized,
        )));
    let auth0 = auth0::routes()
        .with_state(shared.auth0.clone())
        .layer(guard(Guard::bearer(
            shared.auth.clone(),
            Api::Auth0,
            auth0::unauthorized,
        )));
    let apis = Router::new()
        .nest(saas::BASE_PATH, saas)
        .nest(pingone::BASE_PATH, pingone)
        .nest(auth0::BASE_PATH, auth0)
        .layer(middleware::from_fn_with_state(
            shared.traffic.clone(),
            traffic::shape,
        ))
        .merge(auth::token_routes().with_state(shared.auth.clone()));
    let control = Router::new()
        .route("/__simulator/health", get(|| async { "ok" }))
        .route("/__simulator/faults", post(plan_fault).delete(clear_faults))
        .route("/__simulator/reset", post(reset))
        .route("/__simulator/stats", get(stats))
        .with_state(shared.clone());
    let router = apis.merge(control).fallback(unrouted);
    if shared.traffic.log_requests {
        router.layer(middleware::from_fn(traffic::log))
    } else {
        router
    }
}

async fn plan_fault(State(shared): State<Shared>, Json(fault): Json<Fault>) -> StatusCode {
    shared.traffic.plan(fault);
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(shared): State<Shared>) -> StatusCode {
    shared.traffic.clear_faults();
    StatusCode::NO_CONTENT
}

/// `{"api_requests": …, "rate_limited": …}`: counts for clients in another process.
async fn stats(State(shared): State<Shared>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "api_requests": shared.traffic.received(),
        "rate_limited": shared.traffic.rate_limited(),
    }))
}

async fn reset(State(shared): State<Shared>) -> StatusCode {
    shared.reset();
    StatusCode::NO_CONTENT
}

async fn unrouted() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "no such route").into_response();
    response.headers_mut().insert(
        HeaderName::from_static(UNROUTED_HEADER),
        HeaderValue::from_static("true"),
    );
    response
}
