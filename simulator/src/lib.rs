//! A stateful local server that behaves like the documented vendor APIs, for tests, demos and
//! other-language users: the PingOne SSO for SaaS Apps Customer Connection API today.
//!
//! ```no_run
//! # async fn demo() {
//! use sso_connections_simulator::{Fault, Simulator};
//!
//! let simulator = Simulator::start().await.unwrap();
//! println!("{} {} {}", simulator.saas_base_url(), simulator.client_id(), simulator.client_secret());
//! simulator.inject(Fault::status(503).times(2)); // the next two API requests fail
//! # }
//! ```
//!
//! Control endpoints (no authentication): `POST /__simulator/faults` with a [`Fault`] as JSON,
//! `DELETE /__simulator/faults`, `POST /__simulator/reset`, `GET /__simulator/health`.

mod auth0;
pub mod catalogue;
mod faults;
mod pingone;
mod saas;

use std::{
    net::SocketAddr,
    path::Path,
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant},
};

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use base64::Engine as _;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

pub use auth0::BASE_PATH as AUTH0_BASE_PATH;
pub use catalogue::{Application, Protocol};
pub use faults::Fault;
pub use pingone::BASE_PATH as PINGONE_BASE_PATH;
pub use saas::BASE_PATH as SAAS_BASE_PATH;

/// Client id the simulator accepts unless configured otherwise.
pub const DEFAULT_CLIENT_ID: &str = "simulator-client";
/// Client secret the simulator accepts unless configured otherwise.
pub const DEFAULT_CLIENT_SECRET: &str = "simulator-secret";
/// PingOne worker application client id the token endpoint accepts unless configured otherwise.
pub const DEFAULT_WORKER_ID: &str = "simulator-worker";
/// PingOne worker application secret the token endpoint accepts unless configured otherwise.
pub const DEFAULT_WORKER_SECRET: &str = "simulator-worker-secret";
/// Auth0 client id `/oauth/token` accepts unless configured otherwise.
pub const DEFAULT_AUTH0_CLIENT_ID: &str = "simulator-auth0-client";
/// Auth0 client secret `/oauth/token` accepts unless configured otherwise.
pub const DEFAULT_AUTH0_CLIENT_SECRET: &str = "simulator-auth0-secret";
/// Header the simulator sets on a 404 for a path that matches no route at all.
pub const UNROUTED_HEADER: &str = "x-simulator-unrouted";

/// Everything the simulated account holds.
pub(crate) struct World {
    catalogue: Vec<Application>,
    saas: saas::Connections,
    pingone: pingone::PingOne,
    auth0: auth0::Auth0,
    faults: faults::FaultQueue,
}

impl World {
    /// Forgets every resource, issued token and planned fault (the catalogue stays).
    fn reset(&mut self) {
        self.saas.clear();
        self.pingone = Default::default();
        self.auth0 = Default::default();
        self.faults.clear();
    }

    fn application(&self, saasid: uuid::Uuid) -> Option<&Application> {
        self.catalogue.iter().find(|a| a.saasid == saasid)
    }
}

/// State shared by every handler.
#[derive(Clone)]
pub(crate) struct Shared {
    world: Arc<Mutex<World>>,
    /// Client id and secret accepted, and the `Authorization` value they make.
    credentials: Arc<(String, String)>,
    basic: Arc<HeaderValue>,
    /// PingOne worker client id and secret the token endpoint accepts.
    worker: Arc<(String, String)>,
    /// Auth0 client id and secret `/oauth/token` accepts.
    auth0_client: Arc<(String, String)>,
    /// A bearer token the PingOne API accepts without the token endpoint.
    static_bearer: Option<Arc<str>>,
    token_lifetime_secs: u64,
    /// Items per page of a PingOne list when the request gives no `limit`.
    page_size: usize,
    /// Requests per second the API accepts, if limited, and the bucket that enforces it.
    rate_limit: Option<Arc<Mutex<RateBucket>>>,
    log_requests: bool,
}

/// A token bucket of one second's worth of requests.
struct RateBucket {
    per_second: f64,
    tokens: f64,
    refilled: Instant,
    refused: u64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Configures a [`Simulator`].
#[derive(Clone, Debug)]
pub struct SimulatorBuilder {
    address: SocketAddr,
    client_id: String,
    client_secret: String,
    catalogue: Vec<Application>,
    faults: Vec<Fault>,
    worker: (String, String),
    auth0_client: (String, String),
    static_bearer: Option<String>,
    token_lifetime: Duration,
    page_size: usize,
    rate_limit: Option<u32>,
    log_requests: bool,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            catalogue: catalogue::default_catalogue(),
            faults: Vec::new(),
            worker: (
                DEFAULT_WORKER_ID.to_owned(),
                DEFAULT_WORKER_SECRET.to_owned(),
            ),
            auth0_client: (
                DEFAULT_AUTH0_CLIENT_ID.to_owned(),
                DEFAULT_AUTH0_CLIENT_SECRET.to_owned(),
            ),
            static_bearer: None,
            token_lifetime: Duration::from_secs(3600),
            page_size: 100,
            rate_limit: None,
            log_requests: false,
        }
    }
}

impl SimulatorBuilder {
    /// Listen on this address (default: a random port on 127.0.0.1).
    pub fn address(mut self, address: SocketAddr) -> Self {
        self.address = address;
        self
    }

    /// The Basic credentials the simulator accepts.
    pub fn credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_id = client_id.into();
        self.client_secret = client_secret.into();
        self
    }

    /// The PingOne worker application credentials the token endpoint accepts.
    pub fn worker_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.worker = (client_id.into(), client_secret.into());
        self
    }

    /// The Auth0 client credentials `/oauth/token` accepts.
    pub fn auth0_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.auth0_client = (client_id.into(), client_secret.into());
        self
    }

    /// A bearer token the PingOne and Auth0 APIs accept as is (for clients given a static token).
    pub fn static_bearer(mut self, token: impl Into<String>) -> Self {
        self.static_bearer = Some(token.into());
        self
    }

    /// `expires_in` of the tokens the token endpoint issues (default one hour).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Items per page of PingOne lists when a request gives no `limit` (default 100).
    pub fn page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }

    /// Answer API requests beyond `per_second` (a one-second token bucket) with 429 and
    /// `Retry-After: 1`, like a rate-limited production API.
    pub fn rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit = Some(per_second.max(1));
        self
    }

    /// Replace the default application catalogue.
    pub fn catalogue(mut self, catalogue: Vec<Application>) -> Self {
        self.catalogue = catalogue;
        self
    }

    /// Replace the default catalogue with a JSON file holding an array of [`Application`]s.
    pub fn catalogue_file(self, path: impl AsRef<Path>) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        let catalogue = serde_json::from_str(&text)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        Ok(self.catalogue(catalogue))
    }

    /// Faults planned from the start (see [`Simulator::inject`]).
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Print one line per request to standard error.
    pub fn log_requests(mut self, log: bool) -> Self {
        self.log_requests = log;
        self
    }

    /// Binds the listener and serves in the background until the [`Simulator`] is dropped.
    pub async fn start(self) -> std::io::Result<Simulator> {
        let listener = TcpListener::bind(self.address).await?;
        let address = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let (shared, router) = self.into_router();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Simulator {
            address,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// Serves on this thread's runtime until `shutdown` completes (used by the binary).
    pub async fn serve_until(
        self,
        listener: TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (_, router) = self.into_router();
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
    }

    fn into_router(self) -> (Shared, Router) {
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.client_id, self.client_secret));
        let mut queue = faults::FaultQueue::default();
        self.faults.into_iter().for_each(|f| queue.push(f));
        let shared = Shared {
            world: Arc::new(Mutex::new(World {
                catalogue: self.catalogue,
                saas: Default::default(),
                pingone: Default::default(),
                auth0: Default::default(),
                faults: queue,
            })),
            credentials: Arc::new((self.client_id, self.client_secret)),
            basic: Arc::new(
                HeaderValue::from_str(&format!("Basic {token}")).expect("base64 header"),
            ),
            worker: Arc::new(self.worker),
            auth0_client: Arc::new(self.auth0_client),
            static_bearer: self.static_bearer.map(Arc::from),
            token_lifetime_secs: self.token_lifetime.as_secs(),
            page_size: self.page_size,
            rate_limit: self.rate_limit.map(|per_second| {
                Arc::new(Mutex::new(RateBucket {
                    per_second: f64::from(per_second),
                    tokens: f64::from(per_second),
                    refilled: Instant::now(),
                    refused: 0,
                }))
            }),
            log_requests: self.log_requests,
        };
        let saas = saas::routes().layer(middleware::from_fn_with_state(
            shared.clone(),
            require_basic,
        ));
        let pingone = pingone::routes().layer(middleware::from_fn_with_state(
            (shared.clone(), BearerApi::PingOne),
            require_bearer,
        ));
        let auth0 = auth0::routes().layer(middleware::from_fn_with_state(
            (shared.clone(), BearerApi::Auth0),
            require_bearer,
        ));
        let api = Router::new()
            .nest(saas::BASE_PATH, saas)
            .nest(pingone::BASE_PATH, pingone)
            .nest(auth0::BASE_PATH, auth0)
            .layer(middleware::from_fn_with_state(
                shared.clone(),
                inject_faults,
            ))
            .merge(pingone::token_routes())
            .merge(auth0::token_routes());
        let control = Router::new()
            .route("/__simulator/health", get(|| async { "ok" }))
            .route("/__simulator/faults", post(plan_fault).delete(clear_faults))
            .route("/__simulator/reset", post(reset));
        let router = api
            .merge(control)
            .fallback(unrouted)
            .layer(middleware::from_fn_with_state(shared.clone(), log_request))
            .with_state(shared.clone());
        (shared, router)
    }
}

/// A running simulator; dropping it shuts the server down.
pub struct Simulator {
    address: SocketAddr,
    shared: Shared,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("address", &self.address)
            .finish()
    }
}

impl Simulator {
    /// Starts with the defaults: random loopback port, default credentials and catalogue.
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    /// Starts configuring one.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Base URL of the Customer Connection API (use it as the client's base URL).
    pub fn saas_base_url(&self) -> String {
        format!("{}{}", self.url(), saas::BASE_PATH)
    }

    /// Base URL of the PingOne management API (`…/v1`).
    pub fn pingone_base_url(&self) -> String {
        format!("{}{}", self.url(), pingone::BASE_PATH)
    }

    /// The PingOne token endpoint of an environment (`…/{environmentId}/as/token`).
    pub fn pingone_token_url(&self, environment_id: uuid::Uuid) -> String {
        format!("{}/{environment_id}/as/token", self.url())
    }

    /// The PingOne worker client id the token endpoint accepts.
    pub fn worker_client_id(&self) -> &str {
        &self.shared.worker.0
    }

    /// The PingOne worker client secret the token endpoint accepts.
    pub fn worker_client_secret(&self) -> &str {
        &self.shared.worker.1
    }

    /// How many access tokens the token endpoint has issued so far.
    pub fn tokens_issued(&self) -> u64 {
        self.shared.lock().pingone.tokens_issued
    }

    /// Base URL of the Auth0 Management API (`…/api/v2`), standing in for
    /// `https://{tenantDomain}/api/v2`.
    pub fn auth0_base_url(&self) -> String {
        format!("{}{}", self.url(), auth0::BASE_PATH)
    }

    /// The Auth0 client id `/oauth/token` accepts.
    pub fn auth0_client_id(&self) -> &str {
        &self.shared.auth0_client.0
    }

    /// The Auth0 client secret `/oauth/token` accepts.
    pub fn auth0_client_secret(&self) -> &str {
        &self.shared.auth0_client.1
    }

    /// How many Auth0 access tokens `/oauth/token` has issued so far.
    pub fn auth0_tokens_issued(&self) -> u64 {
        self.shared.lock().auth0.tokens_issued
    }

    /// How many SaaS customer connections exist, over every idpId.
    pub fn saas_connection_count(&self) -> usize {
        saas::connection_count(&self.shared.lock().saas)
    }

    /// How many requests the rate limit has refused with 429 so far.
    pub fn rate_limited(&self) -> u64 {
        self.shared
            .rate_limit
            .as_ref()
            .map_or(0, |b| b.lock().unwrap_or_else(|p| p.into_inner()).refused)
    }

    /// The client id it accepts.
    pub fn client_id(&self) -> &str {
        self.credentials().0
    }

    /// The client secret it accepts.
    pub fn client_secret(&self) -> &str {
        self.credentials().1
    }

    fn credentials(&self) -> (&str, &str) {
        (&self.shared.credentials.0, &self.shared.credentials.1)
    }

    /// Plans a fault for the next API requests.
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    /// Forgets every connection and planned fault.
    pub fn reset(&self) {
        self.shared.lock().reset();
    }

    /// Stops serving and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

async fn require_basic(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    match request.headers().get(header::AUTHORIZATION) {
        Some(value) if value == shared.basic.as_ref() => next.run(request).await,
        Some(value) if value.as_bytes().starts_with(b"Basic ") => (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({"message": "Invalid credentials"})),
        )
            .into_response(),
        _ => {
            let mut response = (
                StatusCode::UNAUTHORIZED,
                Json(serde_json::json!({"message": "Authentication required"})),
            )
                .into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"PingOne\""),
            );
            response
        }
    }
}

/// Which API's issued tokens a bearer guard accepts.
#[derive(Clone, Copy)]
enum BearerApi {
    PingOne,
    Auth0,
}

/// Requires a bearer token the API's token endpoint issued (or the configured static one);
/// anything else gets the API's own 401 body.
async fn require_bearer(
    State((shared, api)): State<(Shared, BearerApi)>,
    request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let known = token.is_some_and(|token| {
        let world = shared.lock();
        let issued = match api {
            BearerApi::PingOne => &world.pingone.tokens,
            BearerApi::Auth0 => &world.auth0.tokens,
        };
        issued.contains(token) || shared.static_bearer.as_deref() == Some(token)
    });
    match (known, api) {
        (true, _) => next.run(request).await,
        (false, BearerApi::PingOne) => pingone::unauthorized(),
        (false, BearerApi::Auth0) => auth0::unauthorized(),
    }
}

/// Refuses requests over the configured rate with 429 and `Retry-After: 1`.
fn over_rate_limit(shared: &Shared) -> Option<Response> {
    let bucket = shared.rate_limit.as_ref()?;
    let mut bucket = bucket.lock().unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    let refill = now.duration_since(bucket.refilled).as_secs_f64() * bucket.per_second;
    bucket.tokens = (bucket.tokens + refill).min(bucket.per_second);
    bucket.refilled = now;
    if bucket.tokens >= 1.0 {
        bucket.tokens -= 1.0;
        return None;
    }
    bucket.refused += 1;
    let mut response = (StatusCode::TOO_MANY_REQUESTS, "rate limit exceeded").into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    Some(response)
}

async fn inject_faults(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    if let Some(refused) = over_rate_limit(&shared) {
        return refused;
    }
    let fault = shared.lock().faults.take();
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    match fault.response() {
        Some(response) => response,
        None => next.run(request).await,
    }
}

async fn log_request(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    if !shared.log_requests {
        return next.run(request).await;
    }
    let started = Instant::now();
    let line = format!("{} {}", request.method(), request.uri());
    let response = next.run(request).await;
    eprintln!(
        "{line} -> {} ({} µs)",
        response.status().as_u16(),
        started.elapsed().as_micros()
    );
    response
}

async fn plan_fault(State(shared): State<Shared>, Json(fault): Json<Fault>) -> StatusCode {
    shared.lock().faults.push(fault);
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(shared): State<Shared>) -> StatusCode {
    shared.lock().faults.clear();
    StatusCode::NO_CONTENT
}

async fn reset(State(shared): State<Shared>) -> StatusCode {
    shared.lock().reset();
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
