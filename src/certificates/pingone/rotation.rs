//! Rotating the verification certificate of a PingOne SAML identity provider without a
//! moment when sign-on fails: first trust the new certificate beside the old ones, then,
//! once the new one is valid (and the identity provider signs with it), trust it alone.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::generated::pingone::types::{IdentityProviderSaml, ResourceRef};
use crate::pingone::{
    CertificateImport, CertificateUsageType, EnvironmentScope, IdentityProvider, Redacted,
};
use crate::values::Certificate;

use crate::certificates::{ExpiryCheck, ExpiryStatus, Refusal, RotationError};

/// What the first phase did. Serialises with the ids as strings.
///
/// ```
/// # fn run(started: sso_connections::certificates::RotationStarted) {
/// println!("{} now trusts {:?}", started.identity_provider, started.trusted);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RotationStarted {
    /// The identity provider.
    pub identity_provider: Uuid,
    /// The new certificate's id in the environment.
    pub certificate_id: Uuid,
    /// Whether the certificate was imported by this call (`false`: it was there already).
    pub imported: bool,
    /// Every certificate the provider trusts now, the old ones first.
    pub trusted: Vec<Uuid>,
    /// Whether the provider was written (`false`: it trusted the new certificate already).
    pub changed: bool,
}

/// What the second phase did.
///
/// ```
/// # fn run(finished: sso_connections::certificates::RotationFinished) {
/// println!("no longer trusted: {:?}", finished.removed);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RotationFinished {
    /// The identity provider.
    pub identity_provider: Uuid,
    /// The certificate it trusts now, alone.
    pub certificate_id: Uuid,
    /// The certificates it no longer trusts (still stored: delete them when nothing else
    /// uses them; PingOne refuses while something does).
    pub removed: Vec<Uuid>,
    /// Whether the provider was written (`false`: it trusted the new certificate alone
    /// already).
    pub changed: bool,
}

/// Phase one: the provider trusts `new` beside the certificates it trusts now.
///
/// `new` is imported unless the environment has it already. It may start in the future
/// (that is the point of preparing a rotation), but one expired at `now` is refused. Nothing
/// is written when the provider is not SAML. Running it again changes nothing.
///
/// ```no_run
/// use sso_connections::certificates::{finish_pingone_rotation, start_pingone_rotation};
/// use sso_connections::pingone::PingOneClient;
/// # async fn run(env: sso_connections::Uuid, idp: sso_connections::Uuid, new: sso_connections::values::Certificate) -> Result<(), sso_connections::certificates::RotationError> {
/// let client = PingOneClient::bearer("token").build()?;
/// let started = start_pingone_rotation(client.environment(env), idp, &new, chrono::Utc::now()).await?;
/// // … once the identity provider signs with the new certificate:
/// finish_pingone_rotation(client.environment(env), idp, started.certificate_id, chrono::Utc::now()).await?;
/// # Ok(()) }
/// ```
pub async fn start_pingone_rotation(
    environment: EnvironmentScope<'_>,
    identity_provider: Uuid,
    new: &Certificate,
    now: DateTime<Utc>,
) -> Result<RotationStarted, RotationError> {
    let info = new.info();
    let status = ExpiryCheck::at(now).status(info);
    if status == ExpiryStatus::Expired {
        return Err(RotationError::Refused(Refusal::NotValidNow {
            status,
            not_before: info.not_before,
            not_after: info.not_after,
            now,
        }));
    }
    let mut saml = saml_provider(environment, identity_provider).await?;
    let import = CertificateImport::new(new.clone(), CertificateUsageType::Signing);
    let stored = environment.certificates().ensure(&import).await?;
    let certificate_id = stored.certificate().id;
    let trusted = &mut saml.idp_verification.certificates;
    let changed = !trusted.iter().any(|c| c.id == certificate_id);
    if changed {
        trusted.push(ResourceRef { id: certificate_id });
    }
    let trusted = trusted.iter().map(|c| c.id).collect();
    if changed {
        write_back(environment, identity_provider, saml).await?;
    }
    Ok(RotationStarted {
        identity_provider,
        certificate_id,
        imported: stored.was_imported(),
        trusted,
        changed,
    })
}

/// Phase two: the provider trusts `new_certificate` alone.
///
/// Refused, with nothing written, while the new certificate is not valid at `now` (as
/// PingOne reports its dates), when PingOne reports no dates for it, and when the provider
/// does not trust it yet (phase one was not run). Running it again changes nothing.
///
/// ```no_run
/// # use sso_connections::certificates::finish_pingone_rotation;
/// # async fn run(env: sso_connections::pingone::EnvironmentScope<'_>, idp: sso_connections::Uuid, cert: sso_connections::Uuid) -> Result<(), sso_connections::certificates::RotationError> {
/// let finished = finish_pingone_rotation(env, idp, cert, chrono::Utc::now()).await?;
/// println!("removed {:?}", finished.removed);
/// # Ok(()) }
/// ```
pub async fn finish_pingone_rotation(
    environment: EnvironmentScope<'_>,
    identity_provider: Uuid,
    new_certificate: Uuid,
    now: DateTime<Utc>,
) -> Result<RotationFinished, RotationError> {
    let stored = environment.certificates().get(new_certificate).await?;
    let (Some(not_before), Some(not_after)) = (stored.starts_at, stored.expires_at) else {
        return Err(RotationError::Refused(Refusal::Undated {
            certificate: new_certificate,
        }));
    };
    let status = ExpiryCheck::at(now).status_of_period(not_before, not_after);
    if !status.is_usable() {
        return Err(RotationError::Refused(Refusal::NotValidNow {
            status,
            not_before,
            not_after,
            now,
        }));
    }
    let mut saml = saml_provider(environment, identity_provider).await?;
    let trusted = &mut saml.idp_verification.certificates;
    if !trusted.iter().any(|c| c.id == new_certificate) {
        return Err(RotationError::Refused(Refusal::NotTrustedYet {
            certificate: new_certificate,
        }));
    }
    let removed: Vec<Uuid> = trusted
        .iter()
        .map(|c| c.id)
        .filter(|id| *id != new_certificate)
        .collect();
    let changed = trusted.len() > 1;
    if changed {
        *trusted = vec![ResourceRef {
            id: new_certificate,
        }];
        write_back(environment, identity_provider, saml).await?;
    }
    Ok(RotationFinished {
        identity_provider,
        certificate_id: new_certificate,
        removed,
        changed,
    })
}

/// The provider, when it is a SAML one.
pub(super) async fn saml_provider(
    environment: EnvironmentScope<'_>,
    id: Uuid,
) -> Result<IdentityProviderSaml, RotationError> {
    match environment.identity_providers().get(id).await? {
        IdentityProvider::Saml(saml) => Ok(saml.0),
        _ => Err(RotationError::Refused(Refusal::NotSaml {
            identity_provider: id,
        })),
    }
}

/// Replaces the provider with its edited copy (every other field as read).
pub(super) async fn write_back(
    environment: EnvironmentScope<'_>,
    id: Uuid,
    saml: IdentityProviderSaml,
) -> Result<(), RotationError> {
    environment
        .identity_providers()
        .replace(id, &IdentityProvider::Saml(Redacted(saml)))
        .await?;
    Ok(())
}
