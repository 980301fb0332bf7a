//! Credentials and the secret wrapper that keeps them out of logs.

use std::fmt;

use base64::Engine as _;
use reqwest::header::HeaderValue;

/// A secret string (client secret, token). `Debug` prints `[redacted]` and there is no
/// `Display`, so it cannot end up in a log line or an error message by accident.
///
/// ```
/// use sso_connections::SecretString;
/// let secret = SecretString::new("s3cr3t");
/// assert_eq!(format!("{secret:?}"), "SecretString([redacted])");
/// assert_eq!(secret.expose_secret(), "s3cr3t");
/// ```
#[derive(Clone, PartialEq, Eq)]
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

/// How a client authenticates its requests.
#[derive(Clone, Debug)]
pub(crate) enum Credentials {
    /// HTTP Basic with a client id and secret (PingOne SSO for SaaS Apps REST API client).
    Basic {
        client_id: String,
        client_secret: SecretString,
    },
}

impl Credentials {
    /// The `Authorization` header value, marked sensitive so `reqwest`/`http` never print it.
    pub(crate) fn authorization_header(&self) -> HeaderValue {
        match self {
            Credentials::Basic {
                client_id,
                client_secret,
            } => {
                let token = base64::engine::general_purpose::STANDARD
                    .encode(format!("{client_id}:{}", client_secret.expose_secret()));
                let mut value = HeaderValue::from_str(&format!("Basic {token}"))
                    .expect("base64 is a valid header value");
                value.set_sensitive(true);
                value
            }
        }
    }
}
