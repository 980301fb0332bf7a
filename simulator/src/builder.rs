//! Configuring and starting a simulator.

use std::{net::SocketAddr, path::Path, sync::Arc, time::Duration};

use tokio::{net::TcpListener, sync::oneshot};

use crate::{
    auth::{Auth, Client},
    auth0::Auth0,
    catalogue::{self, Application},
    faults::Fault,
    handle::Simulator,
    pingone::PingOne,
    router::{self, Shared},
    saas::Saas,
    traffic::Traffic,
};

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

impl Simulator {
    /// Starts with the defaults: random loopback port, default credentials and catalogue.
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    /// Starts configuring one.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }
}

impl SimulatorBuilder {
    /// Listen on this address (default: a random port on 127.0.0.1).
    pub fn address(mut self, address: SocketAddr) -> Self {
        self.address = address;
        self
    }

    /// The Basic credentials the Customer Connection API accepts.
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

    /// `expires_in` of the tokens the token endpoints issue (default one hour).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Items per page of PingOne lists when a request gives no `limit` (default 100); Auth0
    /// pages without `take` hold this many, at most 50.
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
        let shared = self.into_shared();
        let router = router::router(&shared);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Simulator::running(address, shared, shutdown, task))
    }

    /// Serves on `listener` until `shutdown` completes (the configured address is not used).
    pub async fn serve_until(
        self,
        listener: TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let router = router::router(&self.into_shared());
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
    }

    /// The state of every part, as configured.
    fn into_shared(self) -> Shared {
        let (worker_id, worker_secret) = self.worker;
        let (auth0_id, auth0_secret) = self.auth0_client;
        Shared {
            saas: Arc::new(Saas::new(self.catalogue)),
            pingone: Arc::new(PingOne::new(self.page_size)),
            auth0: Arc::new(Auth0::new(self.page_size)),
            auth: Arc::new(Auth::new(
                Client::new(self.client_id, self.client_secret),
                Client::new(worker_id, worker_secret),
                Client::new(auth0_id, auth0_secret),
                self.static_bearer,
                self.token_lifetime,
            )),
            traffic: Arc::new(Traffic::new(
                self.faults,
                self.rate_limit,
                self.log_requests,
            )),
        }
    }
}
