//! The client for the PingOne Platform management API and its builder.

use uuid::Uuid;

use crate::auth::{bearer_header, SecretString, TokenSource};
use crate::error::Result;
use crate::generated::pingone as generated;
use crate::transport::{http_option_setters, HttpOptions, Transport};

use super::{Environment, Region};

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
        PingOneClientBuilder::new(Credentials::Worker {
            environment_id,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        })
    }

    /// Sends this bearer token as is (you obtain and renew it).
    pub fn bearer(token: impl Into<SecretString>) -> PingOneClientBuilder {
        PingOneClientBuilder::new(Credentials::Bearer(token.into()))
    }

    /// The resources of one environment.
    pub fn environment(&self, environment_id: Uuid) -> Environment<'_> {
        Environment::new(&self.api, environment_id)
    }

    /// The generated client underneath, for anything the facade does not cover.
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }
}

#[derive(Debug)]
enum Credentials {
    Worker {
        environment_id: Uuid,
        client_id: String,
        client_secret: SecretString,
    },
    Bearer(SecretString),
}

/// Configures a [`PingOneClient`]; nothing is validated until [`build`](Self::build).
#[derive(Debug)]
pub struct PingOneClientBuilder {
    credentials: Credentials,
    region: Region,
    token_url: Option<String>,
    /// `options.base_url` stays empty unless the caller sets it: then the region's is used.
    options: HttpOptions,
}

impl PingOneClientBuilder {
    fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
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
        let (base_url, http) = self.options.build()?;
        let transport = match self.credentials {
            Credentials::Bearer(token) => Transport::fixed(bearer_header(token.expose_secret())),
            Credentials::Worker {
                environment_id,
                client_id,
                client_secret,
            } => {
                let endpoint = self
                    .token_url
                    .unwrap_or_else(|| self.region.token_url(environment_id));
                crate::values::HttpUrl::parse_field("tokenUrl", endpoint.clone())?;
                Transport::token(TokenSource::client_secret_basic(
                    endpoint,
                    client_id,
                    client_secret,
                    http.clone(),
                ))
            }
        };
        Ok(PingOneClient {
            api: generated::Client::new_with_client(
                &base_url,
                http,
                transport
                    .with_options(&self.options)
                    .with_json_error_bodies(),
            ),
        })
    }
}
