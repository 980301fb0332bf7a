//! The client for the PingOne Platform management API and its builder.

use uuid::Uuid;

use crate::auth::{SecretString, TokenStyle};
use crate::error::Result;
use crate::generated::pingone as generated;
use crate::transport::{http_option_setters, HttpOptions, Login};

use super::{EnvironmentScope, Region};

/// Client for the PingOne Platform management API (applications, identity providers).
///
/// Authenticates as a worker application (client credentials, token cached and refreshed
/// before it expires, one refresh shared by concurrent callers) or with a static bearer
/// token. Cheap to clone; clones share the connection pool and the token cache.
///
/// ```
/// use sso_connections::pingone::{PingOneClient, Region};
/// use sso_connections::Uuid;
///
/// let env = Uuid::parse_str("02d37832-476a-431b-8a60-d77cecd7005c").unwrap();
/// let client = PingOneClient::worker(env, "worker-client-id", "worker-secret")
///     .region(Region::Europe)
///     .build()?;
/// assert!(!format!("{client:?}").contains("worker-secret"));
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct PingOneClient {
    api: generated::Client,
}

impl PingOneClient {
    /// Authenticates as the worker application `client_id` of `environment_id` (the
    /// environment the worker lives in, which may differ from the ones it manages).
    pub fn worker(
        environment_id: Uuid,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> PingOneClientBuilder {
        let login = Login::ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        };
        PingOneClientBuilder::new(login, Some(environment_id))
    }

    /// Sends this bearer token as is (you obtain and renew it).
    pub fn bearer(token: impl Into<SecretString>) -> PingOneClientBuilder {
        PingOneClientBuilder::new(Login::Token(token.into()), None)
    }

    /// The resources of one environment.
    pub fn environment(&self, environment_id: Uuid) -> EnvironmentScope<'_> {
        EnvironmentScope::new(&self.api, environment_id)
    }

    /// The generated client underneath, for anything the facade does not cover: one method
    /// per operation, taking the path parameters in path order, then the query parameters
    /// (`Option`s), then the body. The facade's input checks and typed outcomes are not
    /// part of it.
    ///
    /// ```no_run
    /// # async fn run(client: &sso_connections::pingone::PingOneClient, env: sso_connections::Uuid) -> Result<(), Box<dyn std::error::Error>> {
    /// let page = client.generated().list_applications(&env, Some("enabled eq true")).await?;
    /// println!("{} applications on the first page", page.into_inner().embedded.applications.len());
    /// # Ok(()) }
    /// ```
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }
}

/// Configures a [`PingOneClient`]; nothing is validated until [`build`](Self::build).
#[derive(Debug)]
pub struct PingOneClientBuilder {
    login: Login,
    /// The environment of the worker application (client credentials only).
    worker_environment: Option<Uuid>,
    region: Region,
    token_url: Option<String>,
    /// `options.base_url` stays empty unless the caller sets it: then the region's is used.
    options: HttpOptions,
}

impl PingOneClientBuilder {
    fn new(login: Login, worker_environment: Option<Uuid>) -> Self {
        Self {
            login,
            worker_environment,
            region: Region::default(),
            token_url: None,
            options: HttpOptions::new(""),
        }
    }

    /// The region of the environments (default North America); sets the API and token hosts.
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// The worker token endpoint, instead of the region's (for the simulator or a proxy).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    http_option_setters!();

    /// Validates the URLs and builds the client.
    pub fn build(mut self) -> Result<PingOneClient> {
        if self.options.base_url.is_empty() {
            self.options.base_url = self.region.api_base_url();
        }
        let (region, environment) = (self.region, self.worker_environment.unwrap_or_default());
        let token_url = self.token_url;
        let credentials = self.login.into_credentials(
            || token_url.unwrap_or_else(|| region.token_url(environment)),
            TokenStyle::BasicForm,
        );
        let c = self.options.connect(credentials, true)?;
        Ok(PingOneClient {
            api: generated::Client::new_with_client(&c.base_url, c.http, c.transport),
        })
    }
}
