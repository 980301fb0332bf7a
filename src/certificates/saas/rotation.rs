//! Replacing the signing certificate of a SaaS `idpId`, with the checks that keep sign-on
//! working: nothing is sent unless the new certificate is valid now and really is new.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::saas::{ConnectionUpdate, ConnectionsHandler, IdpId, SharedSettings};
use crate::values::{Certificate, CertificateInfo};

use super::live::live_certificate;
use crate::certificates::{CertificateProblem, ExpiryCheck, Refusal, RotationError};

/// What a rotation must respect: the moment it is judged at, and whether the subject may
/// change.
///
/// ```
/// use sso_connections::certificates::RotationRules;
/// let strict = RotationRules::at(chrono::Utc::now()).require_same_subject(true);
/// # let _ = strict;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RotationRules {
    now: DateTime<Utc>,
    same_subject: bool,
}

impl RotationRules {
    /// Rules judged at `now`; the subject may change (see
    /// [`require_same_subject`](Self::require_same_subject)).
    ///
    /// ```
    /// # use sso_connections::certificates::RotationRules;
    /// let rules = RotationRules::at(chrono::Utc::now());
    /// # let _ = rules;
    /// ```
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            same_subject: false,
        }
    }

    /// Also refuse a certificate whose subject differs from the current one's (default: no).
    /// Identity providers usually keep their subject across rotations; a different one may
    /// mean the certificate of another provider was picked up.
    ///
    /// ```
    /// # use sso_connections::certificates::RotationRules;
    /// let rules = RotationRules::at(chrono::Utc::now()).require_same_subject(true);
    /// # let _ = rules;
    /// ```
    pub fn require_same_subject(mut self, required: bool) -> Self {
        self.same_subject = required;
        self
    }

    /// The refusal for `new` on its own, before anything is read.
    fn check_validity(&self, new: &CertificateInfo) -> Option<Refusal> {
        let status = ExpiryCheck::at(self.now).status(new);
        (!status.is_usable()).then_some(Refusal::NotValidNow {
            status,
            not_before: new.not_before,
            not_after: new.not_after,
            now: self.now,
        })
    }

    /// The refusal for `new` against the live certificate, if any.
    fn check_against(
        &self,
        live: &Result<Certificate, CertificateProblem>,
        new: &CertificateInfo,
    ) -> Option<Refusal> {
        match live {
            Err(CertificateProblem::NoConnections) => Some(Refusal::NoConnections),
            Ok(current) if current.info().sha256 == new.sha256 => Some(Refusal::SameAsCurrent {
                sha256: new.sha256.clone(),
            }),
            Ok(current) if self.same_subject && current.subject() != new.subject => {
                Some(Refusal::SubjectChanged {
                    current: current.subject().to_owned(),
                    new: new.subject.clone(),
                })
            }
            Err(problem) if self.same_subject => Some(Refusal::CurrentUnknown {
                problem: problem.clone(),
            }),
            _ => None,
        }
    }
}

/// A rotation that was written. Serialises as `{"idp_id", "from", "to"}` with the
/// certificates' details.
///
/// ```
/// # fn run(rotated: sso_connections::certificates::Rotated) {
/// println!("{} now trusts {} until {}", rotated.idp_id, rotated.to.sha256, rotated.to.not_after);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rotated {
    /// The `idpId` whose connections changed (all of them).
    pub idp_id: String,
    /// The certificate replaced (`None` when there was none, or it did not decode).
    pub from: Option<CertificateInfo>,
    /// The certificate in use now.
    pub to: CertificateInfo,
}

/// Replaces the signing certificate of `idp` with `new`.
///
/// The certificate is a shared setting: every connection of the `idpId`, for every
/// application, trusts the new certificate from the moment the update is accepted, and the
/// old one no longer. Rotate when the customer's identity provider signs with `new` (the
/// API holds one certificate, so there is no overlap to rely on).
///
/// Refused before any request when `new` is expired or not yet valid at the rules' moment;
/// refused after reading the connections (`GET spManaged/{idpId}`), before writing, when the
/// `idpId` has none, when `new` is the certificate in use, or (when required) when its
/// subject differs. Otherwise one update (`POST spManaged/{idpId}` with only
/// `signingCertificateData`) is sent. The API cannot make the write conditional, so a change
/// made by someone else between the read and the write is overwritten.
///
/// ```no_run
/// use sso_connections::certificates::{rotate_saas_certificate, RotationRules};
/// use sso_connections::saas::{IdpId, SaasClient};
/// use sso_connections::values::Certificate;
///
/// # async fn run(pem: &str) -> sso_connections::Result<()> {
/// let client = SaasClient::builder("client-id", "client-secret").build()?;
/// let rotated = rotate_saas_certificate(
///     client.connections(),
///     &IdpId::new("acme")?,
///     &Certificate::parse(pem)?,
///     &RotationRules::at(chrono::Utc::now()),
/// )
/// .await?;
/// println!("{:?} -> {}", rotated.from.map(|c| c.sha256), rotated.to.sha256);
/// # Ok(()) }
/// ```
pub async fn rotate_saas_certificate(
    connections: ConnectionsHandler<'_>,
    idp: &IdpId,
    new: &Certificate,
    rules: &RotationRules,
) -> Result<Rotated, RotationError> {
    rotate(connections, idp, new, rules, None).await
}

/// The rotation, optionally only while the certificate in use is still `expected` (the
/// SHA-256 a plan was made against, `Some(None)` for "none readable").
pub(super) async fn rotate(
    connections: ConnectionsHandler<'_>,
    idp: &IdpId,
    new: &Certificate,
    rules: &RotationRules,
    expected: Option<Option<&str>>,
) -> Result<Rotated, RotationError> {
    let refused = |refusal| Err(RotationError::Refused(refusal));
    if let Some(refusal) = rules.check_validity(new.info()) {
        return refused(refusal);
    }
    let live = live_certificate(connections, idp).await?;
    let live_sha = live.as_ref().ok().map(|c| c.info().sha256.as_str());
    if let Some(expected) = expected {
        if expected != live_sha && !matches!(live, Err(CertificateProblem::NoConnections)) {
            return refused(Refusal::StalePlan {
                planned: expected.map(str::to_owned),
                live: live_sha.map(str::to_owned),
            });
        }
    }
    if let Some(refusal) = rules.check_against(&live, new.info()) {
        return refused(refusal);
    }
    let settings = SharedSettings::builder()
        .signing_certificate(new.clone())
        .build()?;
    connections
        .update(idp, &ConnectionUpdate::settings(settings))
        .await?;
    Ok(Rotated {
        idp_id: idp.as_str().to_owned(),
        from: live.ok().map(|c| c.info().clone()),
        to: new.info().clone(),
    })
}
