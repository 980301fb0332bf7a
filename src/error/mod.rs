//! The one error type shared by every facade: plain data (variants, accessors, `Display`) and
//! the header parsers that fill it. Turning a generated client's failure into an [`Error`] is
//! the transport's job (`transport/errors.rs`).
//!
//! Every failure is one of: input rejected before anything was sent ([`Error::InvalidInput`]),
//! an error status from the server ([`Error::NotFound`], [`Error::AlreadyExists`],
//! [`Error::Api`]), a failure to reach the server or read its answer ([`Error::Transport`]), or
//! an answer that is not the documented shape ([`Error::Decode`]). No variant ever holds a
//! credential: the `Authorization` header is never copied into an error.

use reqwest::StatusCode;

mod parts;

pub(crate) use parts::retry_after_of;
pub use parts::{
    ApiError, AuthError, DecodeError, ErrorDetail, InvalidInput, RateLimit, TransportError,
};

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
