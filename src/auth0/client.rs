//! The client for the Auth0 Management API and its builder.

use crate::auth::{SecretString, TokenStyle};
use crate::error::{Error, Result};
use crate::generated::auth0 as generated;
use crate::transport::{http_option_setters, HttpOptions, Login};

use super::ConnectionProfilesHandler;

/// Client for the Auth0 Management API (connection profiles).
///
/// Authenticates with a Management API token, or with a machine-to-machine application's
/// client credentials exchanged at `https://<domain>/oauth/token` for the audience
/// `https://<domain>/api/v2/` (cached, refreshed before expiry, one refresh shared by
/// concurrent callers). Cheap to clone. `Debug` never shows a secret.
///
/// ```
/// use sso_connections::auth0::Auth0Client;
///
/// let client = Auth0Client::client_credentials("acme.eu.auth0.com", "m2m-client", "m2m-secret").build()?;
/// assert!(!format!("{client:?}").contains("m2m-secret"));
/// assert!(Auth0Client::token("https://not-a-domain/", "t").build().is_err());
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Auth0Client {
    api: generated::Client,
}

impl Auth0Client {
    /// Exchanges a machine-to-machine application's credentials for Management API tokens.
    pub fn client_credentials(
        domain: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Auth0ClientBuilder {
        Auth0ClientBuilder::new(
            domain.into(),
            Login::ClientCredentials {
                client_id: client_id.into(),
                client_secret: client_secret.into(),
            },
        )
    }

    /// Sends this Management API token as is (you obtain and renew it).
    pub fn token(domain: impl Into<String>, token: impl Into<SecretString>) -> Auth0ClientBuilder {
        Auth0ClientBuilder::new(domain.into(), Login::Token(token.into()))
    }

    /// The tenant's connection profiles.
    pub fn connection_profiles(&self) -> ConnectionProfilesHandler<'_> {
        ConnectionProfilesHandler::new(&self.api)
    }

    /// The generated client underneath, for anything the facade does not cover: one method
    /// per operation, taking the path parameters in path order, then the query parameters
    /// (`Option`s), then the body. The facade's input checks and typed outcomes are not
    /// part of it.
    ///
    /// ```no_run
    /// # async fn run(client: &sso_connections::auth0::Auth0Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let templates = client.generated().list_connection_profile_templates().await?;
    /// println!("{} templates", templates.into_inner().connection_profile_templates.len());
    /// # Ok(()) }
    /// ```
    pub fn generated(&self) -> &generated::Client {
        &self.api
    }
}

/// Configures an [`Auth0Client`]; nothing is validated until [`build`](Self::build).
#[derive(Debug)]
pub struct Auth0ClientBuilder {
    domain: String,
    login: Login,
    token_url: Option<String>,
    audience: Option<String>,
    /// `options.base_url` stays empty unless the caller sets it: then `https://<domain>/api/v2`.
    options: HttpOptions,
}

impl Auth0ClientBuilder {
    fn new(domain: String, login: Login) -> Self {
        Self {
            domain,
            login,
            token_url: None,
            audience: None,
            options: HttpOptions::new(""),
        }
    }

    /// The token endpoint (default: `/oauth/token` on the API's host).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// The audience tokens are requested for (default: the API base URL with a trailing `/`).
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    http_option_setters!();

    /// Validates the domain and URLs and builds the client.
    pub fn build(mut self) -> Result<Auth0Client> {
        if self.options.base_url.is_empty() {
            let domain = self.domain.trim();
            let plain_host = !domain.is_empty()
                && !domain.contains(['/', ':', ' ', '@'])
                && url::Url::parse(&format!("https://{domain}")).is_ok_and(|u| u.has_host());
            if !plain_host {
                return Err(Error::invalid(
                    "tenantDomain",
                    "must be a host name such as acme.us.auth0.com",
                ));
            }
            self.options.base_url = format!("https://{domain}/api/v2");
        }
        let base_url = self.options.checked_base_url()?;
        let (token_url, audience) = (self.token_url, self.audience);
        let endpoint = || {
            let origin = url::Url::parse(&base_url).map(|u| u.origin().ascii_serialization());
            token_url.unwrap_or_else(|| format!("{}/oauth/token", origin.unwrap_or_default()))
        };
        let audience = audience.unwrap_or_else(|| format!("{base_url}/"));
        let credentials = self
            .login
            .into_credentials(endpoint, TokenStyle::JsonWithAudience(audience));
        let c = self.options.connect(credentials, true)?;
        Ok(Auth0Client {
            api: generated::Client::new_with_client(&c.base_url, c.http, c.transport),
        })
    }
}
