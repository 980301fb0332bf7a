//! Credentials, the secret wrapper that keeps them out of logs, and the OAuth token cache.

use std::{fmt, time::Duration};

use base64::Engine as _;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::Deserialize;
use tokio::{sync::Mutex, time::Instant};

use crate::error::{AuthError, Error};

/// A secret string (client secret, private key, token). `Debug` prints `[redacted]` and there
/// is no `Display`, so it cannot end up in a log line or an error message by accident.
///
/// It serialises to the plain string, because request bodies must carry it (the generated
/// PingOne types hold every credential field of the spec as a `SecretString`); serialise it
/// only into a request, never into a log.
///
/// ```
/// use sso_connections::SecretString;
/// let secret = SecretString::new("s3cr3t");
/// assert_eq!(format!("{secret:?}"), "SecretString([redacted])");
/// assert_eq!(secret.expose_secret(), "s3cr3t");
/// assert_eq!(serde_json::to_string(&secret).unwrap(), r#""s3cr3t""#);
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret itself; call this only where the value must be used.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString([redacted])")
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// An `Authorization` header value, marked sensitive so `reqwest`/`http` never print it.
pub(crate) fn sensitive_header(value: &str) -> HeaderValue {
    let mut header = HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""));
    header.set_sensitive(true);
    header
}

/// `Basic base64(id:secret)`.
pub(crate) fn basic_header(client_id: &str, client_secret: &SecretString) -> HeaderValue {
    let token = base64::engine::general_purpose::STANDARD
        .encode(format!("{client_id}:{}", client_secret.expose_secret()));
    sensitive_header(&format!("Basic {token}"))
}

/// `Bearer <token>`.
pub(crate) fn bearer_header(token: &str) -> HeaderValue {
    sensitive_header(&format!("Bearer {token}"))
}

/// Why a token could not be obtained. Never holds the secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TokenFailure {
    /// Status of the token endpoint's answer, when it answered.
    pub(crate) status: Option<u16>,
    /// What went wrong, including the endpoint's own explanation when it gave one.
    pub(crate) reason: String,
}

impl From<TokenFailure> for Error {
    fn from(failure: TokenFailure) -> Self {
        Error::Auth(AuthError {
            status: failure.status.and_then(|s| StatusCode::from_u16(s).ok()),
            reason: failure.reason,
        })
    }
}

/// A token is refreshed when less than this much of its lifetime is left (or half of it, for
/// tokens that live less than two minutes).
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// OAuth 2.0 client-credentials grant against one token endpoint, with a cached token.
///
/// The token is reused until [`REFRESH_MARGIN`] before it expires. Callers that find it stale
/// at the same moment wait on one lock while the first of them fetches, so concurrent callers
/// share a single refresh.
pub(crate) struct TokenSource {
    endpoint: String,
    client_id: String,
    client_secret: SecretString,
    style: TokenStyle,
    http: reqwest::Client,
    cached: Mutex<Option<CachedToken>>,
}

/// How the token request carries the client credentials.
#[derive(Debug)]
pub(crate) enum TokenStyle {
    /// HTTP Basic and a form body (`client_secret_basic`; PingOne).
    BasicForm,
    /// Everything in a JSON body, with the API audience (Auth0).
    JsonWithAudience(String),
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("endpoint", &self.endpoint)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("style", &self.style)
            .finish_non_exhaustive()
    }
}

struct CachedToken {
    header: HeaderValue,
    refresh_at: Instant,
}

impl CachedToken {
    /// The header to send, while the token is not yet due for a refresh.
    fn fresh_header(&self) -> Option<HeaderValue> {
        (Instant::now() < self.refresh_at).then(|| self.header.clone())
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl TokenSource {
    /// A source that exchanges `client_id` and `client_secret` at `endpoint`.
    pub(crate) fn new(
        endpoint: String,
        client_id: String,
        client_secret: SecretString,
        style: TokenStyle,
        http: reqwest::Client,
    ) -> Self {
        Self {
            endpoint,
            client_id,
            client_secret,
            style,
            http,
            cached: Mutex::new(None),
        }
    }

    /// The cached token's `Authorization` header, if it is still fresh and no refresh is
    /// under way. Lets the common case skip the (larger) refreshing future.
    pub(crate) fn fresh_authorization(&self) -> Option<HeaderValue> {
        self.cached.try_lock().ok()?.as_ref()?.fresh_header()
    }

    /// The `Authorization` header for the next request: the cached token, or a fresh one.
    pub(crate) async fn authorization(&self) -> Result<HeaderValue, TokenFailure> {
        let mut cached = self.cached.lock().await;
        if let Some(header) = cached.as_ref().and_then(CachedToken::fresh_header) {
            return Ok(header);
        }
        let token = self.fetch().await?;
        let header = token.header.clone();
        *cached = Some(token);
        Ok(header)
    }

    async fn fetch(&self) -> Result<CachedToken, TokenFailure> {
        let failure = |status: Option<u16>, reason: String| TokenFailure { status, reason };
        let request = self.http.post(&self.endpoint);
        let request = match &self.style {
            TokenStyle::BasicForm => request
                .header(
                    AUTHORIZATION,
                    basic_header(&self.client_id, &self.client_secret),
                )
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials"),
            TokenStyle::JsonWithAudience(audience) => request.json(&serde_json::json!({
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret.expose_secret(),
                "audience": audience,
            })),
        };
        let response = request
            .send()
            .await
            .map_err(|e| failure(None, format!("token endpoint unreachable: {e}")))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| {
            failure(
                Some(status.as_u16()),
                format!("token answer unreadable: {e}"),
            )
        })?;
        if !status.is_success() {
            let said = String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned();
            return Err(failure(
                Some(status.as_u16()),
                format!("token endpoint answered HTTP {status}: {said}"),
            ));
        }
        let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|e| {
            failure(
                Some(status.as_u16()),
                format!("token answer is not a token: {e}"),
            )
        })?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        Ok(CachedToken {
            header: bearer_header(&answer.access_token),
            refresh_at: Instant::now() + lifetime - margin,
        })
    }
}
