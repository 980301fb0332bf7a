//! Creating a PingOne SAML identity provider in one step from its metadata: the signing
//! certificate is imported (or found, when the environment has it already), then the provider
//! is created referring to it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::Result;
use crate::pingone::{CertificateImport, CertificateUsageType, EnvironmentScope, IdentityProvider};

use super::{CertificateChoice, Chosen, IdpEntity, SsoPreference};

/// What to create in PingOne from an identity provider's metadata.
///
/// ```
/// use sso_connections::metadata::PingOneOnboarding;
/// let onboarding = PingOneOnboarding::new("Acme ADFS", "https://auth.pingone.example/acme", chrono::Utc::now());
/// # let _ = onboarding;
/// ```
#[derive(Clone, Debug)]
pub struct PingOneOnboarding {
    name: String,
    sp_entity_id: String,
    now: DateTime<Utc>,
    certificates: CertificateChoice,
    preference: SsoPreference,
}

impl PingOneOnboarding {
    /// A provider called `name` in PingOne, which PingOne addresses as `sp_entity_id`, with
    /// certificates judged at `now`, preferring an HTTP-POST sign-on endpoint.
    pub fn new(
        name: impl Into<String>,
        sp_entity_id: impl Into<String>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            name: name.into(),
            sp_entity_id: sp_entity_id.into(),
            now,
            certificates: CertificateChoice::ValidOnly,
            preference: SsoPreference::Post,
        }
    }

    /// Which signing certificate may be used (default: one valid at `now`).
    ///
    /// ```
    /// # use sso_connections::metadata::{CertificateChoice, PingOneOnboarding};
    /// let onboarding = PingOneOnboarding::new("Acme", "https://sp.example", chrono::Utc::now())
    ///     .certificates(CertificateChoice::LatestEvenIfInvalid);
    /// # let _ = onboarding;
    /// ```
    pub fn certificates(mut self, choice: CertificateChoice) -> Self {
        self.certificates = choice;
        self
    }

    /// Which single sign-on binding to prefer when the metadata offers both.
    ///
    /// ```
    /// # use sso_connections::metadata::{PingOneOnboarding, SsoPreference};
    /// let onboarding = PingOneOnboarding::new("Acme", "https://sp.example", chrono::Utc::now())
    ///     .sso_preference(SsoPreference::Redirect);
    /// # let _ = onboarding;
    /// ```
    pub fn sso_preference(mut self, preference: SsoPreference) -> Self {
        self.preference = preference;
        self
    }
}

/// The identity provider created from metadata, and the certificate it trusts.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PingOneOnboarded {
    /// The provider as PingOne created it.
    pub identity_provider: IdentityProvider,
    /// The id of the verification certificate the provider refers to.
    pub certificate_id: Uuid,
    /// Whether the certificate was imported now (`false`: the environment had it already).
    pub certificate_imported: bool,
    /// The endpoints, certificate and signing setting taken from the metadata.
    pub chosen: Chosen,
}

/// Creates a SAML identity provider in `environment` from its metadata (rules in
/// [`IdpEntity::pingone_identity_provider`]). Every field is checked before anything is sent;
/// the chosen signing certificate is imported unless the environment has it already
/// ([`CertificatesHandler::ensure`](crate::pingone::CertificatesHandler::ensure)), then the
/// provider is created referring to it. When the creation fails, a certificate imported by
/// this call is deleted again (a certificate that could not be deleted is found and reused by
/// the next attempt), and the creation's error is returned.
///
/// ```no_run
/// use sso_connections::metadata::{onboard_pingone, Metadata, PingOneOnboarding};
/// use sso_connections::pingone::PingOneClient;
///
/// # async fn run(env: sso_connections::Uuid, xml: &[u8]) -> sso_connections::Result<()> {
/// let client = PingOneClient::bearer("token").build()?;
/// let metadata = Metadata::parse(xml)?;
/// let onboarding = PingOneOnboarding::new("Acme ADFS", "https://auth.example/acme", chrono::Utc::now());
/// let done = onboard_pingone(client.environment(env), metadata.entity(None)?, &onboarding).await?;
/// println!("{:?} trusts certificate {}", done.identity_provider.id(), done.certificate_id);
/// # Ok(()) }
/// ```
pub async fn onboard_pingone(
    environment: EnvironmentScope<'_>,
    entity: &IdpEntity,
    onboarding: &PingOneOnboarding,
) -> Result<PingOneOnboarded> {
    let (provider, chosen) = entity.pingone_identity_provider(
        onboarding.name.clone(),
        onboarding.sp_entity_id.clone(),
        onboarding.now,
        onboarding.certificates,
        onboarding.preference,
    )?;
    // Every rule of the provider is checked before the certificate is sent.
    provider
        .clone()
        .verification_certificates([Uuid::nil()])
        .build()?;
    let import =
        CertificateImport::new(entity.certificate(&chosen)?, CertificateUsageType::Signing);
    let certificates = environment.certificates();
    let stored = certificates.ensure(&import).await?;
    let certificate_id = stored.certificate().id;
    let provider = provider
        .verification_certificates([certificate_id])
        .build()?;
    match environment.identity_providers().create(&provider).await {
        Ok(identity_provider) => Ok(PingOneOnboarded {
            identity_provider,
            certificate_id,
            certificate_imported: stored.was_imported(),
            chosen,
        }),
        Err(error) => {
            if stored.was_imported() {
                // Best effort: a certificate left behind is reused by the next attempt.
                let _ = certificates.delete(certificate_id).await;
            }
            Err(error)
        }
    }
}
