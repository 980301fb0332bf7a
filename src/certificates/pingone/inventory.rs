//! The inventory of a PingOne environment: every certificate and key it stores, each with the
//! identity providers that trust it or the applications that sign with it.

use std::collections::HashMap;
use std::sync::Arc;

use futures::{stream, Stream, StreamExt as _, TryStreamExt as _};
use uuid::Uuid;

use crate::error::Result;
use crate::pingone::{Application, Certificate, EnvironmentScope, IdentityProvider, Key};

use crate::certificates::{
    CertificateUsage, ExpiryCheck, InventoryEntry, Reference, ReportedCertificate,
};

/// The certificates and keys of one PingOne environment, judged against an [`ExpiryCheck`].
///
/// PingOne reports each certificate's names, serial and validity but not its bytes, so the
/// entries are [`Finding::Reported`](crate::certificates::Finding::Reported) (no
/// fingerprint). Who uses what is read first (the identity providers and the applications,
/// page by page, keeping only their references), then the certificates and the keys stream
/// one page at a time.
///
/// ```no_run
/// use futures::TryStreamExt as _;
/// use sso_connections::certificates::{ExpiryCheck, PingOneInventory};
/// use sso_connections::pingone::PingOneClient;
///
/// # async fn run(env: sso_connections::Uuid) -> sso_connections::Result<()> {
/// let client = PingOneClient::bearer("token").build()?;
/// let check = ExpiryCheck::at(chrono::Utc::now());
/// let entries: Vec<_> = PingOneInventory::new(client.environment(env), check).list().try_collect().await?;
/// for entry in entries {
///     println!("{}: {:?}", entry.usage, entry.finding.status());
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct PingOneInventory<'a> {
    environment: EnvironmentScope<'a>,
    check: ExpiryCheck,
}

impl<'a> PingOneInventory<'a> {
    /// The inventory of `environment`, with statuses judged by `check`.
    pub fn new(environment: EnvironmentScope<'a>, check: ExpiryCheck) -> Self {
        Self { environment, check }
    }

    /// Every certificate, then every key, as entries. A failure to read ends the stream with
    /// that error (after the client's retries).
    pub fn list(self) -> impl Stream<Item = Result<InventoryEntry>> + Send + 'a {
        let Self { environment, check } = self;
        stream::once(References::read(environment))
            .map(move |references| match references {
                Ok(references) => {
                    let references = Arc::new(references);
                    let env = environment.id();
                    let for_keys = Arc::clone(&references);
                    let certificates = environment
                        .certificates()
                        .list()
                        .map_ok(move |c| certificate_entry(env, c, &references, &check));
                    let keys = environment
                        .keys()
                        .list()
                        .map_ok(move |k| key_entry(env, k, &for_keys, &check));
                    certificates.chain(keys).left_stream()
                }
                Err(error) => stream::iter([Err(error)]).right_stream(),
            })
            .flatten()
    }
}

/// Who refers to which certificate (identity providers) and key (applications).
#[derive(Default)]
struct References {
    trusted_by: HashMap<Uuid, Vec<Reference>>,
    signs_for: HashMap<Uuid, Vec<Reference>>,
}

impl References {
    async fn read(environment: EnvironmentScope<'_>) -> Result<Self> {
        let mut references = Self::default();
        let mut providers = std::pin::pin!(environment.identity_providers().list());
        while let Some(provider) = providers.try_next().await? {
            if let (IdentityProvider::Saml(saml), Some(id)) = (&provider, provider.id()) {
                for certificate in &saml.idp_verification.certificates {
                    let by = Reference {
                        id,
                        name: saml.name.clone(),
                    };
                    references
                        .trusted_by
                        .entry(certificate.id)
                        .or_default()
                        .push(by);
                }
            }
        }
        let mut applications = std::pin::pin!(environment.applications().list());
        while let Some(application) = applications.try_next().await? {
            if let (Application::Saml(saml), Some(id)) = (&application, application.id()) {
                if let Some(signing) = &saml.idp_signing {
                    let by = Reference {
                        id,
                        name: saml.name.clone(),
                    };
                    references
                        .signs_for
                        .entry(signing.key.id)
                        .or_default()
                        .push(by);
                }
            }
        }
        references.trusted_by.values_mut().for_each(|v| v.sort());
        references.signs_for.values_mut().for_each(|v| v.sort());
        Ok(references)
    }
}

/// The finding for a certificate or key record (PingOne reports the same fields for both).
macro_rules! reported {
    ($record:expr, $check:expr) => {
        ReportedCertificate::finding(
            $record.subject_dn,
            $record.issuer_dn,
            $record.serial_number.map(|s| s.to_string()),
            $record.starts_at,
            $record.expires_at,
            $check,
        )
    };
}

fn certificate_entry(
    environment: Uuid,
    certificate: Certificate,
    references: &References,
    check: &ExpiryCheck,
) -> InventoryEntry {
    let usage = CertificateUsage::PingOneCertificate {
        environment,
        id: certificate.id,
        name: certificate.name,
        trusted_by: references
            .trusted_by
            .get(&certificate.id)
            .cloned()
            .unwrap_or_default(),
    };
    let finding = reported!(certificate, check);
    InventoryEntry { usage, finding }
}

fn key_entry(
    environment: Uuid,
    key: Key,
    references: &References,
    check: &ExpiryCheck,
) -> InventoryEntry {
    let usage = CertificateUsage::PingOneKey {
        environment,
        id: key.id,
        name: key.name,
        signs_for: references
            .signs_for
            .get(&key.id)
            .cloned()
            .unwrap_or_default(),
    };
    let finding = reported!(key, check);
    InventoryEntry { usage, finding }
}
