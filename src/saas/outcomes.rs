//! Typed outcomes of the calls that can succeed in more than one way.

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

/// Result of [`apply`](super::CustomerConnections::apply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The connections did not exist and were created.
    Created,
    /// They existed (the create answered 409) and were updated instead.
    Updated,
}
