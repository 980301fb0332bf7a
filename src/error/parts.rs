//! The parts of an [`Error`](super::Error): what was refused, what the server said, and
//! what failed on the way.

use std::fmt;

use reqwest::{header::HeaderMap, StatusCode};

/// Input rejected before sending: which field, and which rule it broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    pub(super) field: &'static str,
    pub(super) reason: String,
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
    /// The body as received, cut to [`BODY_SNIPPET_LIMIT`](super::BODY_SNIPPET_LIMIT) bytes.
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
    /// The body as received, cut to [`BODY_SNIPPET_LIMIT`](super::BODY_SNIPPET_LIMIT) bytes.
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
}
