//! Which applications' connections a call acts on.

use uuid::Uuid;

use crate::error::{Error, Result};

/// One or more distinct application saasids.
///
/// ```
/// use sso_connections::saas::ApplicationIds;
/// use uuid::Uuid;
///
/// let app = Uuid::parse_str("6964005a-6270-4a88-9ddc-0e6a4e05e51d").unwrap();
/// assert!(ApplicationIds::new([app]).is_ok());
/// assert!(ApplicationIds::new([app, app]).is_err()); // duplicates are rejected
/// assert!(ApplicationIds::new([]).is_err());         // so is an empty list
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationIds(Vec<Uuid>);

impl ApplicationIds {
    /// Checks that there is at least one saasid and no saasid twice.
    pub fn new(ids: impl IntoIterator<Item = Uuid>) -> Result<Self> {
        let ids: Vec<Uuid> = ids.into_iter().collect();
        if ids.is_empty() {
            return Err(Error::invalid(
                "applications",
                "must name at least one application",
            ));
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(Error::invalid(
                "applications",
                format!("names application {} more than once", pair[0]),
            ));
        }
        Ok(Self(ids))
    }

    /// The saasids, in the order given.
    pub fn as_slice(&self) -> &[Uuid] {
        &self.0
    }
}

/// Which applications' connections a per-application change applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applications {
    /// Every application connected to the `idpId`.
    All,
    /// Only these applications.
    Only(ApplicationIds),
}

impl Applications {
    pub(super) fn ids(&self) -> Option<&[Uuid]> {
        match self {
            Applications::All => None,
            Applications::Only(ids) => Some(ids.as_slice()),
        }
    }
}

/// The scope of an enable or disable: all connections of the `idpId`, or one application's.
///
/// ```
/// use sso_connections::saas::ConnectionScope;
/// use uuid::Uuid;
/// let one = ConnectionScope::Application(Uuid::nil());
/// assert_ne!(one, ConnectionScope::AllApplications);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectionScope {
    /// Every connection of the `idpId`.
    AllApplications,
    /// Only this application's connection.
    Application(Uuid),
}

impl ConnectionScope {
    pub(super) fn application(self) -> Option<Uuid> {
        match self {
            ConnectionScope::AllApplications => None,
            ConnectionScope::Application(id) => Some(id),
        }
    }
}
