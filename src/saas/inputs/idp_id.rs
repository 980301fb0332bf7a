//! The customer identity provider identifier.

use std::fmt;

use crate::error::{Error, Result};

/// The identifier of a customer's identity provider (`idpId`), chosen by the SaaS provider.
///
/// It must not be empty, must contain neither `/`, `\` nor control characters, and must not be
/// `.` or `..` (a URL treats those as path steps, so they cannot be addressed). Anything else
/// (spaces, `#`, `?`, `%`, non-ASCII letters) is allowed and sent percent-encoded as UTF-8.
/// The `idpId` of existing connections cannot be changed.
///
/// ```
/// use sso_connections::saas::IdpId;
/// assert!(IdpId::new("acme corp #1").is_ok());
/// assert!(IdpId::new("日本").is_ok());
/// assert!(IdpId::new("a/b").is_err());
/// assert!(IdpId::new("").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdpId(String);

impl IdpId {
    /// Checks the identifier; the error names the field `idpId`.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        crate::values::check_path_segment("idpId", &value)?;
        Ok(Self(value))
    }

    /// The identifier as given (not encoded).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IdpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdpId({:?})", self.0)
    }
}

impl fmt::Display for IdpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<&str> for IdpId {
    type Error = Error;
    fn try_from(value: &str) -> Result<Self> {
        Self::new(value)
    }
}

impl TryFrom<String> for IdpId {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(value)
    }
}
