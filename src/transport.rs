//! The one place every generated client sends its requests through, and the shared mapping
//! of generated results to this crate's outcomes and errors.
//!
//! Each generated `Client` carries a [`Transport`] as its inner value and implements
//! progenitor's `ClientHooks` by delegating to [`Transport::execute`]. Authentication is applied
//! here; retries and tracing belong here too, so no call site repeats them.

use std::{fmt, time::Duration};

use progenitor_client::{ByteStream, OperationInfo, ResponseValue};
use reqwest::{
    header::{HeaderName, HeaderValue, AUTHORIZATION},
    StatusCode,
};

use crate::auth::Credentials;
use crate::error::{Error, Result};

/// progenitor adds this header (the spec's `info.version`); the vendors do not define it.
const GENERATOR_VERSION_HEADER: HeaderName = HeaderName::from_static("api-version");

/// Per-client state the generated code hands back to the hooks: how to authenticate.
#[derive(Clone)]
pub struct Transport {
    authorization: HeaderValue,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("authorization", &"[redacted]")
            .finish()
    }
}

impl Transport {
    /// Builds a transport that authenticates every request with `credentials`.
    pub(crate) fn new(credentials: &Credentials) -> Self {
        Self {
            authorization: credentials.authorization_header(),
        }
    }

    /// Sends one request: sets the `Authorization` header, then executes it.
    pub(crate) async fn execute(
        &self,
        client: &reqwest::Client,
        mut request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let headers = request.headers_mut();
        headers.remove(GENERATOR_VERSION_HEADER);
        headers.insert(AUTHORIZATION, self.authorization.clone());
        client.execute(request).await
    }
}

/// Routes a generated client's requests through its [`Transport`].
macro_rules! route_through_transport {
    ($client:ty) => {
        impl progenitor_client::ClientHooks<Transport> for $client {
            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                use progenitor_client::ClientInfo;
                self.inner().execute(self.client(), request, info).await
            }
        }
    };
}

#[cfg(feature = "saas")]
route_through_transport!(crate::generated::saas::Client);

/// Connection settings every facade's builder shares: where, how long, and who is asking.
#[derive(Clone, Debug)]
pub(crate) struct HttpOptions {
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
}

/// Whole-request timeout unless the caller sets one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Connect timeout unless the caller sets one.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl HttpOptions {
    pub(crate) fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// The validated base URL without a trailing slash, and the HTTP client (rustls only).
    pub(crate) fn build(&self) -> Result<(String, reqwest::Client)> {
        let base = url::Url::parse(&self.base_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or_else(|| Error::invalid("baseUrl", "must be an absolute http(s) URL"))?;
        let client = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(&self.user_agent)
            .build()
            .map_err(|e| Error::Transport(e.into()))?;
        Ok((base.as_str().trim_end_matches('/').to_owned(), client))
    }
}

/// A generated result whose success carries a typed body.
pub(crate) async fn expect_value<T>(
    result: std::result::Result<ResponseValue<T>, progenitor_client::Error<ByteStream>>,
) -> Result<T> {
    match result {
        Ok(value) => Ok(value.into_inner()),
        Err(error) => Err(Error::from_generated(error).await),
    }
}

/// A generated result whose success has no body: `Ok(true)` when the server changed something
/// (any 2xx), `Ok(false)` for 304 Not Modified.
pub(crate) async fn expect_no_content(
    result: std::result::Result<ResponseValue<()>, progenitor_client::Error<ByteStream>>,
) -> Result<bool> {
    match result {
        Ok(_) => Ok(true),
        Err(progenitor_client::Error::UnexpectedResponse(response)) => match response.status() {
            StatusCode::NOT_MODIFIED => Ok(false),
            status if status.is_success() => Ok(true),
            _ => Err(Error::from_response(response).await),
        },
        Err(error) => Err(Error::from_generated(error).await),
    }
}
