//! Which applications' connections a call acts on.

use uuid::Uuid;

use crate::error::Result;
use crate::values::check_distinct_ids;

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
        check_distinct_ids("applications", "application", &ids)?;
        Ok(Self(ids))
    }

    /// The saasids, in the order given.
    pub fn as_slice(&self) -> &[Uuid] {
        &self.0
    }
}

/// Which applications' connections a per-application change applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplicationSelection {
    /// Every application connected to the `idpId`.
    All,
    /// Only these applications.
    Only(ApplicationIds),
}

impl ApplicationSelection {
    pub(crate) fn ids(&self) -> Option<&[Uuid]> {
        match self {
            ApplicationSelection::All => None,
            ApplicationSelection::Only(ids) => Some(ids.as_slice()),
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
    pub(crate) fn application(self) -> Option<Uuid> {
        match self {
            ConnectionScope::AllApplications => None,
            ConnectionScope::Application(id) => Some(id),
        }
    }
}
