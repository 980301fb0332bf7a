//! The settings every client builder shares, and the one way a facade's client is assembled
//! from them: a validated base URL, an HTTP client, and a [`Transport`] with the credentials.

use std::{sync::Arc, time::Duration};

use reqwest::header::HeaderValue;

use crate::auth::{bearer_header, SecretString, TokenSource, TokenStyle};
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::values::HttpUrl;

use super::{limiter::Limiter, tls, Authorizer, Transport};

/// Whole-request timeout unless the caller sets one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Connect timeout unless the caller sets one.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connection settings every facade's builder shares: where, how long, and who is asking.
#[derive(Clone, Debug)]
pub(crate) struct HttpOptions {
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_concurrent: Option<usize>,
    pub(crate) max_per_second: Option<f64>,
}

/// How a client authenticates.
pub(crate) enum Credentials {
    /// The same (sensitive) `Authorization` value on every request: HTTP Basic, or a bearer
    /// token the caller obtains and renews.
    Header(HeaderValue),
    /// OAuth client credentials, exchanged at `endpoint` for a token that is cached and
    /// refreshed before it expires.
    ClientCredentials {
        endpoint: String,
        client_id: String,
        client_secret: SecretString,
        style: TokenStyle,
    },
}

/// What a caller logs in with to an OAuth-protected API (PingOne, Auth0).
#[derive(Debug)]
pub(crate) enum Login {
    /// A bearer token the caller obtains and renews.
    Token(SecretString),
    /// A client's id and secret, exchanged at the API's token endpoint.
    ClientCredentials {
        client_id: String,
        client_secret: SecretString,
    },
}

impl Login {
    /// The transport's credentials: the token as a sensitive `Bearer` header, or the client
    /// credentials for `endpoint` (asked for only then), sent in the given style.
    pub(crate) fn into_credentials(
        self,
        endpoint: impl FnOnce() -> String,
        style: TokenStyle,
    ) -> Credentials {
        match self {
            Login::Token(token) => Credentials::Header(bearer_header(token.expose_secret())),
            Login::ClientCredentials {
                client_id,
                client_secret,
            } => Credentials::ClientCredentials {
                endpoint: endpoint(),
                client_id,
                client_secret,
                style,
            },
        }
    }
}

/// What a facade's generated client is built from.
pub(crate) struct Connection {
    /// The validated base URL, without a trailing slash.
    pub(crate) base_url: String,
    pub(crate) http: reqwest::Client,
    pub(crate) transport: Transport,
}

/// The setters every facade's client builder shares, for a builder with an
/// `options: HttpOptions` field.
macro_rules! http_option_setters {
    () => {
        /// Base URL of the API; point it at the simulator in tests.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.options.base_url = url.into();
            self
        }

        /// Limit for a whole request, connect to last byte (default 30 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = timeout;
            self
        }

        /// Limit for establishing a connection (default 10 s).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.connect_timeout = timeout;
            self
        }

        /// `User-Agent` header (default `sso-connections/<version>`).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.options.user_agent = user_agent.into();
            self
        }

        /// When and how requests are retried (default [`RetryPolicy::standard`](crate::RetryPolicy::standard)).
        pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
            self.options.retry = policy;
            self
        }

        /// At most this many requests in flight at once (bulk work); unlimited by default.
        pub fn max_concurrent_requests(mut self, requests: usize) -> Self {
            self.options.max_concurrent = Some(requests);
            self
        }

        /// At most this many requests started per second (each retry counts); unlimited by
        /// default. Keeps bulk work under a server's rate limit instead of running into 429s.
        pub fn max_requests_per_second(mut self, requests: f64) -> Self {
            self.options.max_per_second = Some(requests);
            self
        }
    };
}
pub(crate) use http_option_setters;

impl HttpOptions {
    pub(crate) fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::standard(),
            max_concurrent: None,
            max_per_second: None,
        }
    }

    /// The base URL, checked to be an absolute http(s) URL, without a trailing slash.
    pub(crate) fn checked_base_url(&self) -> Result<String> {
        let base = url::Url::parse(&self.base_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or_else(|| Error::invalid("baseUrl", "must be an absolute http(s) URL"))?;
        Ok(base.as_str().trim_end_matches('/').to_owned())
    }

    /// The HTTP client (rustls only, see `tls.rs`) and a transport that authenticates with
    /// `credentials`, applies the retry policy and limits, and (with `json_error_bodies`)
    /// expects the API's error bodies to be JSON objects.
    pub(crate) fn connect(
        &self,
        credentials: Credentials,
        json_error_bodies: bool,
    ) -> Result<Connection> {
        let base_url = self.checked_base_url()?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(&self.user_agent)
            .tls_backend_preconfigured(tls::client_config()?)
            .build()
            .map_err(|e| Error::Transport(e.into()))?;
        let authorizer = match credentials {
            Credentials::Header(value) => Authorizer::Fixed(value),
            Credentials::ClientCredentials {
                endpoint,
                client_id,
                client_secret,
                style,
            } => {
                HttpUrl::parse_field("tokenUrl", endpoint.clone())?;
                Authorizer::Token(Arc::new(TokenSource::new(
                    endpoint,
                    client_id,
                    client_secret,
                    style,
                    http.clone(),
                )))
            }
        };
        let transport = Transport {
            authorizer,
            json_error_bodies,
            retry: self.retry.clone(),
            limiter: Limiter::new(self.max_concurrent, self.max_per_second).map(Arc::new),
        };
        Ok(Connection {
            base_url,
            http,
            transport,
        })
    }
}
