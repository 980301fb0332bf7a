//! Keeping the certificates a PingOne SAML identity provider trusts in step with the
//! provider's metadata: plan (fetch, compare, say what would change), then apply in one write.
//!
//! The metadata's signing certificates that have not expired are the ones to trust: during an
//! identity provider's own rotation it lists the old and the new one, and the plan trusts
//! both; once it lists only the new one, the plan stops trusting the old. The trust set
//! after a change always holds a certificate valid now (the plan is refused otherwise).

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::generated::pingone::types::ResourceRef;
use crate::metadata::{CertificateChoice, Validators};
use crate::pingone::{is_stored_copy, CertificateImport, CertificateUsageType, EnvironmentScope};
use crate::values::{Certificate, CertificateInfo};

use super::rotation::{saml_provider, write_back};
use crate::certificates::{ExpiryCheck, ExpiryStatus, MetadataSource, Refusal, RotationError};

/// What a plan found. Store `validators` once the plan is applied (or needs nothing).
///
/// ```
/// # fn run(plan: sso_connections::certificates::PingOneMetadataPlan) {
/// println!("{}", serde_json::to_string_pretty(&plan).unwrap());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PingOneMetadataPlan {
    /// The identity provider.
    pub identity_provider: Uuid,
    /// The validators of the document the plan read.
    pub validators: Validators,
    /// What would change.
    pub change: TrustChange,
}

/// What would change in the certificates a PingOne identity provider trusts. Serialises with
/// a `kind` tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TrustChange {
    /// The document has not changed since the validators were taken: nothing was compared.
    DocumentUnchanged,
    /// The provider trusts exactly the metadata's current certificates.
    Unchanged {
        /// The certificates it trusts.
        trusted: Vec<Uuid>,
    },
    /// Certificates to trust and certificates to stop trusting, in one write.
    Change(Box<PlannedTrust>),
}

/// A change of trust, planned from metadata; [`apply`](Self::apply) carries it out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PlannedTrust {
    #[serde(skip)]
    identity_provider: Uuid,
    #[serde(skip)]
    to_trust: Vec<Certificate>,
    /// The certificates the provider trusts when the plan was made.
    pub trusted_now: Vec<Uuid>,
    /// The metadata's certificates it does not trust yet (imported unless stored already).
    pub trust: Vec<CertificateInfo>,
    /// The certificates it trusts that the metadata no longer lists (or that expired).
    pub stop_trusting: Vec<Uuid>,
}

/// What applying a plan did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrustApplied {
    /// The certificates the provider trusts now.
    pub trusted: Vec<Uuid>,
    /// The certificates imported by this call.
    pub imported: Vec<Uuid>,
    /// The certificates it no longer trusts (still stored).
    pub removed: Vec<Uuid>,
}

/// Fetches the metadata (conditionally, with the source's validators), and compares its
/// signing certificates that have not expired at `now` with those the identity provider
/// trusts. Nothing is written.
///
/// Refused when the metadata lists no certificate valid at `now`, or the provider is not
/// SAML.
///
/// ```no_run
/// use sso_connections::certificates::{plan_pingone_trust, MetadataSource, TrustChange};
/// # async fn run(env: sso_connections::pingone::EnvironmentScope<'_>, idp: sso_connections::Uuid) -> Result<(), sso_connections::certificates::RotationError> {
/// let source = MetadataSource::new("https://idp.acme.example/metadata.xml");
/// let plan = plan_pingone_trust(env, idp, &source, chrono::Utc::now()).await?;
/// if let TrustChange::Change(change) = &plan.change {
///     let applied = change.apply(env).await?;
///     println!("trusts {:?}", applied.trusted);
/// }
/// # Ok(()) }
/// ```
pub async fn plan_pingone_trust(
    environment: EnvironmentScope<'_>,
    identity_provider: Uuid,
    source: &MetadataSource,
    now: DateTime<Utc>,
) -> Result<PingOneMetadataPlan, RotationError> {
    let plan = |validators, change| PingOneMetadataPlan {
        identity_provider,
        validators,
        change,
    };
    let Some(fetched) = source.fetch_if_changed().await? else {
        return Ok(plan(
            source.known_validators().clone(),
            TrustChange::DocumentUnchanged,
        ));
    };
    let entity = source.entity_of(&fetched)?;
    // At least one certificate valid now, by the conversion rule (an error otherwise).
    entity.signing_certificate_at(now, CertificateChoice::ValidOnly)?;
    let check = ExpiryCheck::at(now);
    // Each certificate to trust, its serial as PingOne writes it, and whether it is trusted.
    let mut wanted: Vec<(&Certificate, String, bool)> = entity
        .signing_certificates
        .iter()
        .map(|c| &c.0)
        .filter(|c| check.status(c.info()) != ExpiryStatus::Expired)
        .map(|c| (c, c.info().serial_decimal(), false))
        .collect();
    let saml = saml_provider(environment, identity_provider).await?;
    let trusted_now: Vec<Uuid> = saml
        .idp_verification
        .certificates
        .iter()
        .map(|c| c.id)
        .collect();
    let mut stop_trusting = Vec::new();
    for id in &trusted_now {
        let stored = environment.certificates().get(*id).await?;
        let listed = wanted
            .iter_mut()
            .find(|(c, serial, _)| is_stored_copy(&stored, c.info(), serial));
        match listed {
            Some((_, _, trusted)) => *trusted = true,
            None => stop_trusting.push(*id),
        }
    }
    let to_trust: Vec<Certificate> = wanted
        .into_iter()
        .filter(|(_, _, trusted)| !trusted)
        .map(|(c, _, _)| c.clone())
        .collect();
    let change = if to_trust.is_empty() && stop_trusting.is_empty() {
        TrustChange::Unchanged {
            trusted: trusted_now,
        }
    } else {
        TrustChange::Change(Box::new(PlannedTrust {
            identity_provider,
            trust: to_trust.iter().map(|c| c.info().clone()).collect(),
            to_trust,
            trusted_now,
            stop_trusting,
        }))
    };
    Ok(plan(fetched.validators, change))
}

impl PlannedTrust {
    /// Imports the certificates to trust (unless stored already) and writes the provider's
    /// new trust set in one replacement. Refused, with nothing written, when the provider's
    /// trusted certificates changed since the plan was made.
    ///
    /// ```no_run
    /// # async fn run(env: sso_connections::pingone::EnvironmentScope<'_>, change: sso_connections::certificates::PlannedTrust) -> Result<(), sso_connections::certificates::RotationError> {
    /// let applied = change.apply(env).await?;
    /// println!("imported {:?}, removed {:?}", applied.imported, applied.removed);
    /// # Ok(()) }
    /// ```
    pub async fn apply(
        &self,
        environment: EnvironmentScope<'_>,
    ) -> Result<TrustApplied, RotationError> {
        let mut saml = saml_provider(environment, self.identity_provider).await?;
        let live: Vec<Uuid> = saml
            .idp_verification
            .certificates
            .iter()
            .map(|c| c.id)
            .collect();
        if live != self.trusted_now {
            return Err(RotationError::Refused(Refusal::StaleTrust {
                planned: self.trusted_now.clone(),
                live,
            }));
        }
        let mut trusted: Vec<Uuid> = live
            .into_iter()
            .filter(|id| !self.stop_trusting.contains(id))
            .collect();
        let mut imported = Vec::new();
        for certificate in &self.to_trust {
            let import = CertificateImport::new(certificate.clone(), CertificateUsageType::Signing);
            let stored = environment.certificates().ensure(&import).await?;
            let id = stored.certificate().id;
            if stored.was_imported() {
                imported.push(id);
            }
            if !trusted.contains(&id) {
                trusted.push(id);
            }
        }
        saml.idp_verification.certificates =
            trusted.iter().map(|id| ResourceRef { id: *id }).collect();
        write_back(environment, self.identity_provider, saml).await?;
        Ok(TrustApplied {
            trusted,
            imported,
            removed: self.stop_trusting.clone(),
        })
    }
}
