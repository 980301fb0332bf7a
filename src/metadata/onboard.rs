//! Connecting a customer to SaaS applications in one step from its identity provider's
//! metadata: convert, then create the connections, or update them when the `idpId` has some.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::saas::{ApplicationIds, Applied, ConnectionsHandler, IdpId, NewConnection};

use super::{CertificateChoice, Chosen, IdpEntity};

/// What to onboard from an identity provider's metadata.
///
/// ```
/// use sso_connections::metadata::SaasOnboarding;
/// let onboarding = SaasOnboarding::new("it@customer.example", chrono::Utc::now());
/// # let _ = onboarding;
/// ```
#[derive(Clone, Debug)]
pub struct SaasOnboarding {
    email: String,
    now: DateTime<Utc>,
    applications: Option<ApplicationIds>,
    multiplexed: Option<bool>,
    certificates: CertificateChoice,
}

impl SaasOnboarding {
    /// Onboards with this administrator email (metadata does not carry one), judging
    /// certificates at `now`, for every eligible application unless
    /// [`applications`](Self::applications) names them.
    pub fn new(email: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            email: email.into(),
            now,
            applications: None,
            multiplexed: None,
            certificates: CertificateChoice::ValidOnly,
        }
    }

    /// Connects these applications only.
    pub fn applications(mut self, applications: ApplicationIds) -> Self {
        self.applications = Some(applications);
        self
    }

    /// Makes new connections multiplexed or not (the API's default is multiplexed).
    pub fn multiplexed(mut self, multiplexed: bool) -> Self {
        self.multiplexed = Some(multiplexed);
        self
    }

    /// Which signing certificate may be used (default: one valid at `now`).
    pub fn certificates(mut self, choice: CertificateChoice) -> Self {
        self.certificates = choice;
        self
    }
}

/// What onboarding did, and what it chose from the metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Onboarded {
    /// `Created`, or `Updated` when the `idpId` already had connections.
    #[serde(serialize_with = "applied_name")]
    pub applied: Applied,
    /// The endpoints, certificate and signing setting taken from the metadata.
    pub chosen: Chosen,
}

fn applied_name<S: serde::Serializer>(applied: &Applied, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(match applied {
        Applied::Created => "created",
        Applied::Updated => "updated",
    })
}

/// Connects the customer `idp` from its identity provider's metadata: the settings are
/// converted (see the rules in [`IdpEntity::saas_settings`]) and checked before anything is
/// sent, then the connections are created, or updated when the `idpId` has some already (an
/// update does not add applications that were not connected).
///
/// ```no_run
/// use sso_connections::metadata::{onboard_saas, Metadata, SaasOnboarding};
/// use sso_connections::saas::{IdpId, SaasClient};
///
/// # async fn run(xml: &[u8]) -> sso_connections::Result<()> {
/// let client = SaasClient::builder("client-id", "client-secret").build()?;
/// let metadata = Metadata::parse(xml)?;
/// let onboarded = onboard_saas(
///     client.connections(),
///     &IdpId::new("acme")?,
///     metadata.entity(None)?,
///     &SaasOnboarding::new("it@acme.example", chrono::Utc::now()),
/// )
/// .await?;
/// println!("{:?} with {}", onboarded.applied, onboarded.chosen.certificate.sha256);
/// # Ok(()) }
/// ```
pub async fn onboard_saas(
    connections: ConnectionsHandler<'_>,
    idp: &IdpId,
    entity: &IdpEntity,
    onboarding: &SaasOnboarding,
) -> Result<Onboarded> {
    let (settings, chosen) = entity.saas_settings(onboarding.now, onboarding.certificates)?;
    let settings = settings.email(onboarding.email.clone()).build()?;
    let mut request = match &onboarding.applications {
        Some(ids) => NewConnection::for_applications(settings, ids.clone())?,
        None => NewConnection::for_every_eligible_application(settings)?,
    };
    if let Some(multiplexed) = onboarding.multiplexed {
        request = request.multiplexed(multiplexed);
    }
    let applied = connections.apply(idp, &request).await?;
    Ok(Onboarded { applied, chosen })
}
