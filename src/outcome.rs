//! Outcomes shared by every facade.

use crate::error::{Error, Result};

/// Result of a delete.
///
/// ```
/// use sso_connections::Deletion;
/// assert_ne!(Deletion::Deleted, Deletion::NotFound);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deletion {
    /// The resource was removed.
    Deleted,
    /// There was nothing to remove (HTTP 404).
    NotFound,
}

impl Deletion {
    /// Maps a delete call's result: any success is `Deleted`, 404 is `NotFound`.
    pub(crate) fn from_result<T>(result: Result<T>) -> Result<Self> {
        match result {
            Ok(_) => Ok(Deletion::Deleted),
            Err(Error::NotFound(_)) => Ok(Deletion::NotFound),
            Err(error) => Err(error),
        }
    }
}
