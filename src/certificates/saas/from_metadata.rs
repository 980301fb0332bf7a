//! Keeping a SaaS `idpId`'s signing certificate in step with its identity provider's
//! metadata: plan (fetch, compare, say what would change), then apply.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::metadata::{CertificateChoice, Validators};
use crate::saas::{ConnectionsHandler, IdpId};
use crate::values::{Certificate, CertificateInfo};

use super::live::live_certificate;
use super::rotation::{rotate, Rotated, RotationRules};
use crate::certificates::CertificateProblem;
use crate::certificates::{MetadataSource, Refusal, RotationError};

/// What a plan found. Serialises as `{"idp_id", "validators", "change": {"kind": …}}`.
///
/// Store `validators` once the plan is applied (or needs nothing): stored earlier, the next
/// plan would see an unchanged document and never propose the rotation again.
///
/// ```
/// # fn run(plan: sso_connections::certificates::SaasMetadataPlan) {
/// println!("{}", serde_json::to_string_pretty(&plan).unwrap());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SaasMetadataPlan {
    /// The `idpId` planned for.
    pub idp_id: String,
    /// The validators of the document the plan was made from.
    pub validators: Validators,
    /// What would change.
    pub change: PlannedChange,
}

/// What a plan would change.
///
/// ```
/// # fn run(plan: sso_connections::certificates::SaasMetadataPlan) {
/// use sso_connections::certificates::PlannedChange;
/// match &plan.change {
///     PlannedChange::DocumentUnchanged => println!("metadata not modified"),
///     PlannedChange::Unchanged { certificate } => println!("in step ({})", certificate.sha256),
///     PlannedChange::Rotate(rotation) => println!("rotate to {} ({:?})", rotation.to.sha256, rotation.reason),
///     _ => {}
/// }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlannedChange {
    /// The server answered 304 Not Modified to the caller's validators: nothing to compare,
    /// and the connections were not read.
    DocumentUnchanged,
    /// The certificate the metadata calls for is the one in use.
    Unchanged {
        /// The certificate in use.
        certificate: CertificateInfo,
    },
    /// The metadata calls for another certificate.
    Rotate(Box<PlannedRotation>),
}

/// Why a plan proposes a rotation.
///
/// ```
/// use sso_connections::certificates::RotationReason;
/// assert_eq!(serde_json::to_string(&RotationReason::LiveNotListed).unwrap(), "\"live_not_listed\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RotationReason {
    /// The `idpId` has no readable certificate (missing, undecodable, or the connections
    /// disagree).
    NoUsableLive,
    /// The metadata no longer lists the certificate in use: the identity provider has
    /// moved on, and sign-on fails until the rotation is applied.
    LiveNotListed,
    /// The metadata still lists the certificate in use, but also one valid now that expires
    /// later, which the conversion rule prefers. The identity provider may still be signing
    /// with the old one: apply when it has switched.
    LaterCertificateListed,
}

/// A rotation a plan proposes; [`apply`](Self::apply) carries it out. Serialises as
/// `{"from", "to", "reason", "notes"}` (the certificates' details, not the certificates).
///
/// ```
/// # fn run(rotation: sso_connections::certificates::PlannedRotation) {
/// for note in &rotation.notes {
///     println!("note: {note}");
/// }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PlannedRotation {
    #[serde(skip)]
    idp: IdpId,
    #[serde(skip)]
    certificate: Certificate,
    /// The certificate in use when the plan was made (`None`: none readable).
    pub from: Option<CertificateInfo>,
    /// The certificate the metadata calls for.
    pub to: CertificateInfo,
    /// Why.
    pub reason: RotationReason,
    /// What a person should know (the conversion rule's choice, a subject change).
    pub notes: Vec<String>,
}

impl PlannedRotation {
    /// The new certificate itself.
    ///
    /// ```
    /// # fn run(rotation: sso_connections::certificates::PlannedRotation) {
    /// println!("{}", rotation.certificate().to_base64());
    /// # }
    /// ```
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// Carries out the rotation with the checks of
    /// [`rotate_saas_certificate`](super::rotate_saas_certificate), and one more: it is
    /// refused ([`Refusal::StalePlan`]) when the certificate in use is no longer the one the
    /// plan replaces.
    ///
    /// ```no_run
    /// # async fn run(client: sso_connections::saas::SaasClient, rotation: sso_connections::certificates::PlannedRotation) -> sso_connections::Result<()> {
    /// use sso_connections::certificates::RotationRules;
    /// let rotated = rotation.apply(client.connections(), &RotationRules::at(chrono::Utc::now())).await?;
    /// println!("now {}", rotated.to.sha256);
    /// # Ok(()) }
    /// ```
    pub async fn apply(
        &self,
        connections: ConnectionsHandler<'_>,
        rules: &RotationRules,
    ) -> Result<Rotated, RotationError> {
        let expected = self.from.as_ref().map(|c| c.sha256.as_str());
        rotate(
            connections,
            &self.idp,
            &self.certificate,
            rules,
            Some(expected),
        )
        .await
    }
}

/// Fetches the metadata of `source` (conditionally, with its validators), picks the signing
/// certificate the conversion rule picks at `now` (valid then, expiring last; see
/// [`metadata`](crate::metadata)'s rules), reads the certificate `idp` uses, and says what
/// would change. Nothing is written.
///
/// An unchanged document (304) costs that one request and is
/// [`PlannedChange::DocumentUnchanged`]. Refused ([`Refusal::NoConnections`]) when the
/// `idpId` has no connections; metadata without a certificate valid at `now` is
/// [`Error::InvalidInput`](crate::Error::InvalidInput) on `signingCertificate`.
///
/// ```no_run
/// use sso_connections::certificates::{plan_saas_rotation, MetadataSource, PlannedChange, RotationRules};
/// use sso_connections::saas::{IdpId, SaasClient};
///
/// # async fn run() -> sso_connections::Result<()> {
/// let client = SaasClient::builder("client-id", "client-secret").build()?;
/// let idp = IdpId::new("acme")?;
/// let now = chrono::Utc::now();
/// let source = MetadataSource::new("https://idp.acme.example/metadata.xml");
/// let plan = plan_saas_rotation(client.connections(), &idp, &source, now).await?;
/// if let PlannedChange::Rotate(rotation) = &plan.change {
///     rotation.apply(client.connections(), &RotationRules::at(now)).await?;
/// }
/// // Keep plan.validators for the next plan.
/// # Ok(()) }
/// ```
pub async fn plan_saas_rotation(
    connections: ConnectionsHandler<'_>,
    idp: &IdpId,
    source: &MetadataSource,
    now: DateTime<Utc>,
) -> Result<SaasMetadataPlan, RotationError> {
    let plan = |validators, change| SaasMetadataPlan {
        idp_id: idp.as_str().to_owned(),
        validators,
        change,
    };
    let Some(fetched) = source.fetch_if_changed().await? else {
        return Ok(plan(
            source.known_validators().clone(),
            PlannedChange::DocumentUnchanged,
        ));
    };
    let entity = source.entity_of(&fetched)?;
    let (new, mut notes) = entity.signing_certificate_at(now, CertificateChoice::ValidOnly)?;
    let live = match live_certificate(connections, idp).await? {
        Err(CertificateProblem::NoConnections) => {
            return Err(RotationError::Refused(Refusal::NoConnections))
        }
        live => live.ok(),
    };
    let listed = |sha256: &str| {
        entity
            .signing_certificates
            .iter()
            .any(|c| c.0.info().sha256 == sha256)
    };
    let reason = match &live {
        Some(current) if current.info().sha256 == new.info().sha256 => {
            return Ok(plan(
                fetched.validators,
                PlannedChange::Unchanged {
                    certificate: current.info().clone(),
                },
            ))
        }
        None => RotationReason::NoUsableLive,
        Some(current) if listed(&current.info().sha256) => RotationReason::LaterCertificateListed,
        Some(_) => RotationReason::LiveNotListed,
    };
    notes.push(format!(
        "of the {} signing certificates listed, {} is valid at {} and expires last ({})",
        entity.signing_certificates.len(),
        new.info().sha256,
        now.to_rfc3339(),
        new.info().not_after.to_rfc3339()
    ));
    if let Some(current) = live.as_ref().filter(|c| c.subject() != new.subject()) {
        notes.push(format!(
            "the subject changes from {:?} to {:?}",
            current.subject(),
            new.subject()
        ));
    }
    Ok(plan(
        fetched.validators,
        PlannedChange::Rotate(Box::new(PlannedRotation {
            idp: idp.clone(),
            from: live.map(|c| c.info().clone()),
            to: new.info().clone(),
            certificate: new,
            reason,
            notes,
        })),
    ))
}
