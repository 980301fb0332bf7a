//! The client for the Customer Connection API and its builder.

use crate::auth::{basic_header, SecretString};
use crate::error::Result;
use crate::generated::saas as generated;
use crate::transport::{http_option_setters, Credentials, HttpOptions};

use super::ConnectionsHandler;

/// Production endpoint of the Customer Connection API.
pub const DEFAULT_BASE_URL: &str = "https://admin.pingone.com/web-portal/rest/saas/idp/2.0";

/// Client for the PingOne SSO for SaaS Apps Customer Connection API.
///
/// Authenticates with the account's REST API client id and secret (HTTP Basic). Cheap to
/// clone; clones share one connection pool. `Debug` never shows the secret.
///
/// ```
/// use sso_connections::saas::SaasClient;
/// use std::time::Duration;
///
/// let client = SaasClient::builder("client-id", "client-secret")
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(10))
///     .build()?;
/// assert!(!format!("{client:?}").contains("client-secret"));
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SaasClient {
    api: generated::Client,
}

impl SaasClient {
    /// Starts a builder with the REST API client id and secret.
    pub fn builder(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> SaasClientBuilder {
        SaasClientBuilder {
            authorization: basic_header(&client_id.into(), &client_secret.into()),
            options: HttpOptions::new(DEFAULT_BASE_URL),
        }
    }

    /// The customer connections of this account.
    pub fn connections(&self) -> ConnectionsHandler<'_> {
        ConnectionsHandler::new(&self.api)
    }

    /// The generated client underneath, for anything the facade does not cover: one method
    /// per operation, taking the path parameters in path order, then the query parameters
    /// (`Option`s), then the body. The facade's input checks and typed outcomes are not
    /// part of it.
    ///
    /// ```no_run
    /// # async fn run(client: &sso_connections::saas::SaasClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let idp = "acme.example".parse()?;
    /// let connections = client.generated().get_customer_connections(&idp, None).await?;
    /// println!("{} connections", connections.into_inner().0.len());
    /// # Ok(()) }
    /// ```
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }
}

/// Configures a [`SaasClient`]; nothing is validated until [`build`](Self::build).
pub struct SaasClientBuilder {
    /// The Basic credentials, already encoded and marked sensitive.
    authorization: reqwest::header::HeaderValue,
    options: HttpOptions,
}

impl std::fmt::Debug for SaasClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaasClientBuilder")
            .field("authorization", &"Basic [redacted]")
            .field("options", &self.options)
            .finish()
    }
}

impl SaasClientBuilder {
    http_option_setters!();

    /// Validates the base URL and builds the client.
    pub fn build(self) -> Result<SaasClient> {
        // Error bodies are free text (decision 9 of openapi/README.md).
        let c = self
            .options
            .connect(Credentials::Header(self.authorization), false)?;
        Ok(SaasClient {
            api: generated::Client::new_with_client(&c.base_url, c.http, c.transport),
        })
    }
}
