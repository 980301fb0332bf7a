//! A running simulator: where it listens, what it accepts, what it counted, and its controls.

use std::net::SocketAddr;

use tokio::{sync::oneshot, task::JoinHandle};

use crate::{
    auth::{self, Api},
    auth0,
    faults::Fault,
    pingone,
    router::Shared,
    saas,
};

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
    /// A handle on the server `task` serving `shared` at `address` until `shutdown` fires.
    pub(crate) fn running(
        address: SocketAddr,
        shared: Shared,
        shutdown: oneshot::Sender<()>,
        task: JoinHandle<()>,
    ) -> Self {
        Self {
            address,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Base URL of the Customer Connection API (use it as the client's base URL).
    pub fn saas_base_url(&self) -> String {
        format!("{}{}", self.url(), saas::BASE_PATH)
    }

    /// The client id the Customer Connection API accepts.
    pub fn client_id(&self) -> &str {
        &self.shared.auth.saas_client().id
    }

    /// The client secret the Customer Connection API accepts.
    pub fn client_secret(&self) -> &str {
        &self.shared.auth.saas_client().secret
    }

    /// How many SaaS customer connections exist, over every idpId.
    pub fn saas_connection_count(&self) -> usize {
        self.shared.saas.connection_count()
    }

    /// Base URL of the PingOne management API (`…/v1`).
    pub fn pingone_base_url(&self) -> String {
        format!("{}{}", self.url(), pingone::BASE_PATH)
    }

    /// The PingOne token endpoint of an environment (`…/{environmentId}/as/token`).
    pub fn pingone_token_url(&self, environment_id: uuid::Uuid) -> String {
        format!("{}{}", self.url(), auth::pingone_token_path(environment_id))
    }

    /// The PingOne worker client id the token endpoint accepts.
    pub fn worker_client_id(&self) -> &str {
        &self.shared.auth.client(Api::PingOne).id
    }

    /// The PingOne worker client secret the token endpoint accepts.
    pub fn worker_client_secret(&self) -> &str {
        &self.shared.auth.client(Api::PingOne).secret
    }

    /// How many access tokens the PingOne token endpoint has issued so far.
    pub fn tokens_issued(&self) -> u64 {
        self.shared.auth.issued(Api::PingOne)
    }

    /// Base URL of the Auth0 Management API (`…/api/v2`), standing in for
    /// `https://{tenantDomain}/api/v2`.
    pub fn auth0_base_url(&self) -> String {
        format!("{}{}", self.url(), auth0::BASE_PATH)
    }

    /// Auth0's token endpoint (`…/oauth/token`); tokens are requested for the audience
    /// `{auth0_base_url}/`.
    pub fn auth0_token_url(&self) -> String {
        format!("{}{}", self.url(), auth::AUTH0_TOKEN_PATH)
    }

    /// The Auth0 client id `/oauth/token` accepts.
    pub fn auth0_client_id(&self) -> &str {
        &self.shared.auth.client(Api::Auth0).id
    }

    /// The Auth0 client secret `/oauth/token` accepts.
    pub fn auth0_client_secret(&self) -> &str {
        &self.shared.auth.client(Api::Auth0).secret
    }

    /// How many Auth0 access tokens `/oauth/token` has issued so far.
    pub fn auth0_tokens_issued(&self) -> u64 {
        self.shared.auth.issued(Api::Auth0)
    }

    /// How many API requests have arrived so far (token requests and the control routes
    /// excluded; 429s and faulted requests included).
    pub fn api_requests(&self) -> u64 {
        self.shared.traffic.received()
    }

    /// How many requests the rate limit has refused with 429 so far.
    pub fn rate_limited(&self) -> u64 {
        self.shared.traffic.rate_limited()
    }

    /// Plans a fault for the next API requests.
    pub fn inject(&self, fault: Fault) {
        self.shared.traffic.plan(fault);
    }

    /// Forgets every resource, issued token and planned fault (the catalogue stays).
    pub fn reset(&self) {
        self.shared.reset();
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
