//! Typed outcomes of the calls that can succeed in more than one way.

use super::CustomerConnection;

/// Result of an enable or disable.
///
/// ```
/// use sso_connections::saas::StateChange;
/// assert!(StateChange::Changed.changed());
/// assert!(!StateChange::Unchanged.changed());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateChange {
    /// At least one connection changed state (HTTP 200).
    Changed,
    /// Every connection in scope was already in that state (HTTP 304).
    Unchanged,
}

impl StateChange {
    /// Whether anything changed.
    pub fn changed(self) -> bool {
        self == StateChange::Changed
    }
}

/// Result of [`apply`](super::ConnectionsHandler::apply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The connections did not exist and were created.
    Created,
    /// They existed (the create answered 409) and were updated instead.
    Updated,
}

/// The answer to "what is this application's connection for this `idpId`?".
///
/// The server answers a read scoped to an application with every connection of the `idpId`
/// when that application has none, and its items do not say which application they belong
/// to. So a single item is only proven to be the requested one when the `idpId` has other
/// connections; when it has exactly one connection in all, the answer is [`Unconfirmed`].
///
/// [`Unconfirmed`]: ApplicationConnection::Unconfirmed
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplicationConnection {
    /// The application's connection.
    Found(CustomerConnection),
    /// The application has no connection for this `idpId`.
    NotConnected,
    /// The `idpId` has exactly one connection, and the server's answer cannot tell whether it
    /// belongs to the requested application.
    Unconfirmed(CustomerConnection),
}

impl ApplicationConnection {
    /// The connection when it is proven to be the requested application's.
    pub fn found(self) -> Option<CustomerConnection> {
        match self {
            ApplicationConnection::Found(connection) => Some(connection),
            _ => None,
        }
    }
}
