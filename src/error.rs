//! The one error type shared by every facade: plain data (variants, accessors, `Display`) and
//! the header parsers that fill it. Turning a generated client's failure into an [`Error`] is
//! the transport's job (`transport/errors.rs`).
//!
//! Every failure is one of: input rejected before anything was sent ([`Error::InvalidInput`]),
//! an error status from the server ([`Error::NotFound`], [`Error::AlreadyExists`],
//! [`Error::Api`]), a failure to reach the server or read its answer ([`Error::Transport`]), or
//! an answer that is not the documented shape ([`Error::Decode`]). No variant ever holds a
//! credential: the `Authorization` header is never copied into an error.

use std::fmt;

use reqwest::{header::HeaderMap, StatusCode};

/// Result type of every facade call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many bytes of a response body an error keeps (the rest is dropped).
pub const BODY_SNIPPET_LIMIT: usize = 4096;

/// Error returned by every call in this crate.
///
/// ```
/// use sso_connections::saas::IdpId;
/// use sso_connections::Error;
///
/// let err = IdpId::new("a/b").unwrap_err();
/// assert!(matches!(&err, Error::InvalidInput(input) if input.field() == "idpId"));
/// assert!(!err.is_retryable());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was rejected before any request was sent.
    #[error("invalid input: {0}")]
    InvalidInput(InvalidInput),
    /// The server answered 404: the resource (or the URL) does not exist.
    #[error("not found: {0}")]
    NotFound(Box<ApiError>),
    /// The server answered 409: the resource to create exists already.
    #[error("already exists: {0}")]
    AlreadyExists(Box<ApiError>),
    /// The server answered with any other error status.
    #[error("API error: {0}")]
    Api(Box<ApiError>),
    /// The credentials could not be exchanged for an access token (OAuth token endpoint).
    #[error("authentication failed: {0}")]
    Auth(AuthError),
    /// The request could not be sent, or its answer could not be read (connection, TLS, timeout).
    #[error("transport error: {0}")]
    Transport(TransportError),
    /// The server answered, but not with the documented shape.
    #[error("cannot decode the response: {0}")]
    Decode(DecodeError),
}

impl Error {
    /// Shorthand for [`Error::InvalidInput`].
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput(InvalidInput {
            field,
            reason: reason.into(),
        })
    }

    /// The same error, with `hint` added to the reason when the input was refused.
    pub(crate) fn with_input_hint(mut self, hint: &str) -> Self {
        if let Error::InvalidInput(input) = &mut self {
            input.reason = format!("{}; {hint}", input.reason);
        }
        self
    }

    /// A request body that the spec's own checks (generated types) refuse.
    pub(crate) fn body_mismatch(reason: impl std::fmt::Display) -> Self {
        Self::invalid("body", format!("does not fit the spec: {reason}"))
    }

    /// The HTTP status the server answered with, when there was an answer.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::NotFound(api) | Error::AlreadyExists(api) | Error::Api(api) => Some(api.status),
            Error::Decode(decode) => decode.status,
            Error::Transport(transport) => transport.source.as_ref().and_then(|e| e.status()),
            Error::Auth(auth) => auth.status,
            Error::InvalidInput(_) => None,
        }
    }

    /// How many attempts the call made, when it reached the server (retries included).
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::NotFound(api) | Error::AlreadyExists(api) | Error::Api(api) => {
                Some(api.attempts)
            }
            Error::Transport(transport) => Some(transport.attempts),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed: connection failures, timeouts, and
    /// the statuses 408, 429, 500, 502, 503 and 504.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(_) => true,
            Error::Api(api) => is_retryable_status(api.status),
            // The token endpoint was unreachable or overloaded; bad credentials are final.
            Error::Auth(auth) => auth.status.is_none_or(is_retryable_status),
            _ => false,
        }
    }

    /// A body that does not decode as the documented shape.
    pub(crate) fn decode(
        status: Option<StatusCode>,
        source: &serde_json::Error,
        body: &[u8],
    ) -> Self {
        Error::Decode(DecodeError {
            status,
            reason: source.to_string(),
            body: snippet(body),
        })
    }

    /// Drops the body a decode error kept: for answers that carry a secret.
    pub(crate) fn withhold_body(mut self) -> Self {
        if let Error::Decode(decode) = &mut self {
            decode.body = "[withheld: this answer carries a secret]".to_owned();
        }
        self
    }
}

/// Input rejected before sending: which field, and which rule it broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    field: &'static str,
    reason: String,
}

impl InvalidInput {
    /// The field's name as the API spells it (e.g. `idpId`, `ssoEndpoint`).
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The rule the value broke, in words.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.reason)
    }
}

/// An error status from the server with what it said about it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The server's explanation: the `message`-like field of a JSON body, or the text body.
    pub message: Option<String>,
    /// The server's error code (`code` or `errorCode` of a JSON body).
    pub code: Option<String>,
    /// Per-field details (`details` of a JSON body: PingOne's `target`, `code`, `message`).
    pub details: Vec<ErrorDetail>,
    /// The body as received, cut to [`BODY_SNIPPET_LIMIT`] bytes.
    pub body: String,
    /// The server's request id, when a response header carried one.
    pub request_id: Option<String>,
    /// How many attempts were made (more than 1 when the request was retried).
    pub attempts: u32,
    /// How long the server asked the client to wait (`Retry-After`, seconds or HTTP date).
    pub retry_after: Option<std::time::Duration>,
    /// The rate-limit headers of the answer (`x-ratelimit-limit`, `-remaining`, `-reset`).
    pub rate_limit: Option<RateLimit>,
}

/// A rate-limit window as the server reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the window.
    pub limit: Option<u64>,
    /// Requests left in the window.
    pub remaining: Option<u64>,
    /// When the window resets, as Unix time in seconds.
    pub reset: Option<u64>,
}

impl RateLimit {
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        let limit = RateLimit {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: number("x-ratelimit-reset"),
        };
        (limit.limit.is_some() || limit.remaining.is_some() || limit.reset.is_some())
            .then_some(limit)
    }
}

/// `Retry-After` as a delay: delta-seconds, or an HTTP date (counted from now).
pub(crate) fn retry_after_of(headers: &HeaderMap) -> Option<std::time::Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(std::time::Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or_default())
}

/// One entry of an error body's `details`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// Machine-readable code of this detail.
    #[serde(default)]
    pub code: Option<String>,
    /// The field or item it is about.
    #[serde(default)]
    pub target: Option<String>,
    /// Explanation.
    #[serde(default)]
    pub message: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        for detail in &self.details {
            let target = detail.target.as_deref().unwrap_or("-");
            write!(f, "; {target}: {}", detail.message.as_deref().unwrap_or(""))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// The token endpoint refused the credentials, failed, or could not be reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    /// The token endpoint's status, when it answered.
    pub status: Option<StatusCode>,
    /// What went wrong (never the secret).
    pub reason: String,
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Failure to send a request or to read its answer.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) reason: String,
    pub(crate) source: Option<reqwest::Error>,
    pub(crate) attempts: u32,
}

impl TransportError {
    /// Whether the failure was a timeout (connect or whole request).
    pub fn is_timeout(&self) -> bool {
        self.source.as_ref().is_some_and(reqwest::Error::is_timeout)
    }

    /// Whether the connection could not be established.
    pub fn is_connect(&self) -> bool {
        self.source.as_ref().is_some_and(reqwest::Error::is_connect)
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl From<reqwest::Error> for TransportError {
    /// The reason names the first and the innermost cause ("error sending request for url
    /// (…): invalid peer certificate: UnknownIssuer"): reqwest's own message alone does not
    /// say what went wrong.
    fn from(source: reqwest::Error) -> Self {
        let mut reason = source.to_string();
        let mut cause = std::error::Error::source(&source);
        let mut innermost = None;
        while let Some(error) = cause {
            innermost = Some(error);
            cause = error.source();
        }
        if let Some(innermost) = innermost {
            reason = format!("{reason}: {innermost}");
        }
        Self {
            reason,
            source: Some(source),
            attempts: 1,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A response body that is not the documented shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The status of the response, when known.
    pub status: Option<StatusCode>,
    /// What the decoder said.
    pub reason: String,
    /// The body as received, cut to [`BODY_SNIPPET_LIMIT`] bytes.
    pub body: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(status) = self.status {
            write!(f, "HTTP {status}: ")?;
        }
        f.write_str(&self.reason)
    }
}

/// Statuses that mean "try again later": 408, 429, 500, 502, 503, 504.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

/// The body as text, cut to [`BODY_SNIPPET_LIMIT`] bytes on a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    // Replacement characters can make the text longer than the bytes: cut the text.
    let mut text =
        String::from_utf8_lossy(&body[..body.len().min(BODY_SNIPPET_LIMIT)]).into_owned();
    if text.len() > BODY_SNIPPET_LIMIT {
        let cut = (0..=BODY_SNIPPET_LIMIT)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        text.truncate(cut);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_and_rate_limit_headers_are_read() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", "7".parse().unwrap());
        headers.insert("x-ratelimit-limit", "50".parse().unwrap());
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        headers.insert("x-ratelimit-reset", "1795449600".parse().unwrap());
        assert_eq!(
            retry_after_of(&headers),
            Some(std::time::Duration::from_secs(7))
        );
        let limit = RateLimit::from_headers(&headers).unwrap();
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(50), Some(0), Some(1_795_449_600))
        );

        let later = chrono::Utc::now() + chrono::Duration::seconds(120);
        headers.insert("retry-after", later.to_rfc2822().parse().unwrap());
        let wait = retry_after_of(&headers).unwrap();
        assert!(
            wait > std::time::Duration::from_secs(100)
                && wait <= std::time::Duration::from_secs(120)
        );
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
    }

    #[test]
    fn snippet_is_bounded() {
        let long = vec![b'a'; BODY_SNIPPET_LIMIT * 3];
        assert_eq!(snippet(&long).len(), BODY_SNIPPET_LIMIT);
    }

    #[test]
    fn retryable_statuses() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(StatusCode::from_u16(status).unwrap()));
        }
        for status in [400, 401, 403, 404, 409, 501] {
            assert!(!is_retryable_status(StatusCode::from_u16(status).unwrap()));
        }
    }
}
