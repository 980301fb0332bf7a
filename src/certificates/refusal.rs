//! Why a rotation is refused, for every API: the refusals are checked before anything is
//! written, and a refused rotation changes nothing.

use chrono::{DateTime, Utc};
use serde::Serialize;

use uuid::Uuid;

use crate::error::Error;

use super::{CertificateProblem, ExpiryStatus};

/// Why a rotation was refused; nothing was written. Serialises with a `kind` tag.
///
/// ```
/// use sso_connections::certificates::Refusal;
/// let refusal = Refusal::SameAsCurrent { sha256: "ab".into() };
/// assert!(refusal.to_string().contains("already"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Refusal {
    /// The new certificate is expired or not yet valid at the rules' moment (nothing was
    /// sent at all).
    NotValidNow {
        /// `expired` or `not_yet_valid`.
        status: ExpiryStatus,
        /// Start of its validity.
        not_before: DateTime<Utc>,
        /// End of its validity.
        not_after: DateTime<Utc>,
        /// The moment it was judged at.
        now: DateTime<Utc>,
    },
    /// The new certificate is the one in use (same SHA-256).
    SameAsCurrent {
        /// Its SHA-256 fingerprint.
        sha256: String,
    },
    /// The subjects differ and the rules require the same one.
    SubjectChanged {
        /// The subject of the certificate in use.
        current: String,
        /// The subject of the new one.
        new: String,
    },
    /// The rules require the same subject, but the certificate in use cannot be read.
    CurrentUnknown {
        /// What is wrong with the certificate in use.
        problem: CertificateProblem,
    },
    /// The `idpId` has no connections, so no certificate to replace.
    NoConnections,
    /// A plan was made against another certificate than the one in use now (it was changed
    /// since): plan again.
    StalePlan {
        /// SHA-256 of the certificate the plan replaces (`None`: none was readable).
        planned: Option<String>,
        /// SHA-256 of the certificate in use now (`None`: none is readable).
        live: Option<String>,
    },
    /// The PingOne identity provider is not a SAML provider, so it trusts no certificate.
    NotSaml {
        /// The provider's id.
        identity_provider: Uuid,
    },
    /// The second phase of a PingOne rotation was asked before the first: the provider does
    /// not trust the new certificate yet.
    NotTrustedYet {
        /// The new certificate's id.
        certificate: Uuid,
    },
    /// The certificates a PingOne identity provider trusts changed since the plan was made:
    /// plan again.
    StaleTrust {
        /// The certificates it trusted when the plan was made.
        planned: Vec<Uuid>,
        /// The certificates it trusts now.
        live: Vec<Uuid>,
    },
    /// PingOne reports no validity period for the new certificate, so it cannot be judged.
    Undated {
        /// The certificate's id.
        certificate: Uuid,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |sha: &Option<String>| sha.clone().unwrap_or_else(|| "none".to_owned());
        match self {
            Refusal::NotValidNow {
                status,
                not_before,
                not_after,
                now,
            } => write!(
                f,
                "the new certificate is {} at {} (valid {} to {})",
                if *status == ExpiryStatus::Expired { "expired" } else { "not yet valid" },
                now.to_rfc3339(),
                not_before.to_rfc3339(),
                not_after.to_rfc3339()
            ),
            Refusal::SameAsCurrent { sha256 } => {
                write!(f, "the certificate {sha256} is already the one in use")
            }
            Refusal::SubjectChanged { current, new } => write!(
                f,
                "the new certificate's subject {new:?} differs from the current {current:?}"
            ),
            Refusal::CurrentUnknown { problem } => write!(
                f,
                "the current certificate cannot be compared ({problem}) and the same subject is required"
            ),
            Refusal::NoConnections => f.write_str("the idpId has no connections"),
            Refusal::StalePlan { planned, live } => write!(
                f,
                "the plan replaces {} but {} is in use now; plan again",
                shown(planned),
                shown(live)
            ),
            Refusal::NotSaml { identity_provider } => write!(
                f,
                "the identity provider {identity_provider} is not a SAML provider"
            ),
            Refusal::NotTrustedYet { certificate } => write!(
                f,
                "the provider does not trust the certificate {certificate} yet: start the rotation first"
            ),
            Refusal::StaleTrust { planned, live } => write!(
                f,
                "the plan was made when the provider trusted {planned:?}; it trusts {live:?} now: plan again"
            ),
            Refusal::Undated { certificate } => write!(
                f,
                "PingOne reports no validity period for the certificate {certificate}"
            ),
        }
    }
}

/// A rotation that was refused (nothing written) or that failed.
///
/// Converts into the crate's [`Error`] (a refusal becomes
/// [`Error::InvalidInput`] on `signingCertificate`), so `?` works in functions returning
/// [`Result`](crate::Result).
///
/// ```
/// use sso_connections::certificates::{Refusal, RotationError};
/// let err = RotationError::Refused(Refusal::NoConnections);
/// let plain: sso_connections::Error = err.into();
/// assert!(plain.to_string().contains("no connections"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RotationError {
    /// Refused before anything was written.
    #[error("rotation refused, nothing was changed: {0}")]
    Refused(Refusal),
    /// Reading or writing failed (the write may or may not have happened when it timed out).
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<RotationError> for Error {
    fn from(error: RotationError) -> Self {
        match error {
            RotationError::Refused(refusal) => {
                Error::invalid("signingCertificate", refusal.to_string())
            }
            RotationError::Failed(error) => error,
        }
    }
}
