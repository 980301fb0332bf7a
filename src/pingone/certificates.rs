//! An environment's certificates (list, get, import, delete) and keys (list, get).
//!
//! Importing is a `multipart/form-data` upload, which the generated client cannot send
//! (`build.rs` leaves that operation out of it): the request is built here and sent through
//! the client's transport, like every generated call.

use futures::TryStreamExt as _;

use crate::error::Result;
use crate::generated::pingone::types;
use crate::transport::send_for_json;
use crate::values::{Certificate, CertificateInfo};

use super::crud::resource_handler;
use super::CertificateImport;

resource_handler! {
    /// The certificates of one environment (public certificates it trusts, such as those that
    /// verify external identity providers).
    ///
    /// ```no_run
    /// use futures::TryStreamExt as _;
    /// use sso_connections::pingone::{CertificateImport, CertificateUsageType, PingOneClient};
    /// use sso_connections::values::Certificate;
    /// # async fn run(env: sso_connections::Uuid, pem: &str) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let certificates = client.environment(env).certificates();
    /// let import = CertificateImport::new(Certificate::parse(pem)?, CertificateUsageType::Signing);
    /// let stored = certificates.import(&import).await?;
    /// let all: Vec<_> = certificates.list().try_collect().await?;
    /// assert!(all.iter().any(|c| c.id == stored.id));
    /// # Ok(()) }
    /// ```
    pub struct CertificatesHandler in environment, read and delete {
        item: types::Certificate, page: types::CertificatePage, embedded: certificates,
        list: list_certificates, get: get_certificate, delete: delete_certificate,
    }
}

impl CertificatesHandler<'_> {
    /// Uploads the certificate (as PEM, with its usage type) and returns it as PingOne decoded
    /// it (the API answers 202). A usage type that cannot be one is refused before anything is
    /// sent. The body is built once, as bytes, so a retry sends the same upload again.
    pub async fn import(&self, import: &CertificateImport) -> Result<types::Certificate> {
        use progenitor_client::ClientInfo as _;
        let (content_type, body) = import.to_form().await?;
        let url = format!(
            "{}/environments/{}/certificates",
            self.api.baseurl(),
            self.environment
        );
        let request = self
            .api
            .client()
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .build()
            .map_err(|e| crate::Error::Transport(e.into()))?;
        send_for_json(self.api, request, "import_certificate").await
    }
}

impl CertificatesHandler<'_> {
    /// The stored certificate that is `certificate`, if any. PingOne reports no fingerprint,
    /// so a stored certificate is recognised by what identifies an X.509 certificate: its
    /// serial number with its validity period (and its issuer when both sides report one).
    /// Reads the environment's list, page by page.
    ///
    /// ```no_run
    /// # async fn run(env: sso_connections::Uuid, cert: sso_connections::values::Certificate) -> sso_connections::Result<()> {
    /// let client = sso_connections::pingone::PingOneClient::bearer("token").build()?;
    /// if let Some(stored) = client.environment(env).certificates().find(&cert).await? {
    ///     println!("already imported as {}", stored.id);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn find(&self, certificate: &Certificate) -> Result<Option<types::Certificate>> {
        let is_copy = stored_copy_of(certificate);
        let mut list = std::pin::pin!(self.list());
        while let Some(stored) = list.try_next().await? {
            if is_copy(&stored) {
                return Ok(Some(stored));
            }
        }
        Ok(None)
    }

    /// Imports the certificate unless the environment has it already ([`find`](Self::find)),
    /// so that running the same onboarding or rotation twice stores it once.
    ///
    /// ```no_run
    /// use sso_connections::pingone::{CertificateImport, CertificateUsageType};
    /// # async fn run(env: sso_connections::Uuid, cert: sso_connections::values::Certificate) -> sso_connections::Result<()> {
    /// let client = sso_connections::pingone::PingOneClient::bearer("token").build()?;
    /// let import = CertificateImport::new(cert, CertificateUsageType::Signing);
    /// let stored = client.environment(env).certificates().ensure(&import).await?;
    /// println!("{} (imported now: {})", stored.certificate().id, stored.was_imported());
    /// # Ok(()) }
    /// ```
    pub async fn ensure(&self, import: &CertificateImport) -> Result<Stored> {
        import.check()?;
        match self.find(import.certificate()).await? {
            Some(existing) => Ok(Stored::Existing(existing)),
            None => Ok(Stored::Imported(self.import(import).await?)),
        }
    }
}

/// A test for "this stored record is `certificate`" ([`is_stored_copy`]), with the decimal
/// serial computed once for every record it is asked about.
pub(crate) fn stored_copy_of(
    certificate: &Certificate,
) -> impl Fn(&types::Certificate) -> bool + '_ {
    let serial = certificate.info().serial_decimal();
    move |stored| is_stored_copy(stored, certificate.info(), &serial)
}

/// Whether PingOne's record describes the certificate `wanted` (serial `serial`, in decimal).
pub(crate) fn is_stored_copy(
    stored: &types::Certificate,
    wanted: &CertificateInfo,
    serial: &str,
) -> bool {
    let same_issuer = match &stored.issuer_dn {
        Some(issuer) => same_name(issuer, &wanted.issuer),
        None => true,
    };
    stored.serial_number.as_ref().map(|s| s.as_str()) == Some(serial)
        && stored.starts_at == Some(wanted.not_before)
        && stored.expires_at == Some(wanted.not_after)
        && same_issuer
}

/// Distinguished names compared without the spaces APIs put after separators.
fn same_name(a: &str, b: &str) -> bool {
    let compact = |s: &str| s.replace(", ", ",").replace(" = ", "=");
    compact(a) == compact(b)
}

/// Where [`CertificatesHandler::ensure`] found the certificate.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Stored {
    /// It was not in the environment, and has been imported.
    Imported(types::Certificate),
    /// The environment had it already; nothing was sent.
    Existing(types::Certificate),
}

impl Stored {
    /// The certificate as PingOne stores it.
    ///
    /// ```
    /// # fn run(stored: sso_connections::pingone::Stored) { println!("{}", stored.certificate().id); }
    /// ```
    pub fn certificate(&self) -> &types::Certificate {
        match self {
            Stored::Imported(c) | Stored::Existing(c) => c,
        }
    }

    /// Whether this call imported it.
    ///
    /// ```
    /// # fn run(stored: sso_connections::pingone::Stored) { if stored.was_imported() { println!("new"); } }
    /// ```
    pub fn was_imported(&self) -> bool {
        matches!(self, Stored::Imported(_))
    }
}

resource_handler! {
    /// The key pairs of one environment (described by their certificates; private keys never
    /// leave PingOne). Applications sign with them (`idpSigning.key`).
    ///
    /// ```no_run
    /// use futures::TryStreamExt as _;
    /// use sso_connections::pingone::PingOneClient;
    /// # async fn run(env: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let keys: Vec<_> = client.environment(env).keys().list().try_collect().await?;
    /// for key in &keys {
    ///     println!("{} expires {:?}", key.id, key.expires_at);
    /// }
    /// # Ok(()) }
    /// ```
    pub struct KeysHandler in environment, read only {
        item: types::Key, page: types::KeyPage, embedded: keys,
        list: list_keys, get: get_key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone as _, Utc};
    use serde_json::json;

    fn wanted() -> CertificateInfo {
        CertificateInfo {
            subject: "CN=Acme".into(),
            issuer: "CN=Acme,O=Acme Corp".into(),
            serial: "3039".into(),
            not_before: Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
            not_after: Utc.with_ymd_and_hms(2035, 1, 1, 0, 0, 0).unwrap(),
            sha1: String::new(),
            sha256: String::new(),
            key_algorithm: String::new(),
        }
    }

    fn stored(changes: serde_json::Value) -> types::Certificate {
        let mut record = json!({
            "id": "7d3f5a0e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
            "serialNumber": 12345,
            "issuerDN": "CN=Acme, O=Acme Corp",
            "startsAt": "2025-01-01T00:00:00Z",
            "expiresAt": "2035-01-01T00:00:00Z",
        });
        for (key, value) in changes.as_object().unwrap() {
            record[key] = value.clone();
        }
        serde_json::from_value(record).unwrap()
    }

    #[test]
    fn a_stored_certificate_is_recognised_by_serial_period_and_issuer() {
        let wanted = wanted();
        let serial = wanted.serial_decimal();
        let is = |changes| is_stored_copy(&stored(changes), &wanted, &serial);
        assert!(is(json!({})), "the same certificate");
        assert!(is(json!({ "issuerDN": null })), "no issuer reported");
        assert!(!is(json!({ "serialNumber": 12346 })));
        assert!(!is(json!({ "serialNumber": null })));
        assert!(!is(json!({ "startsAt": "2025-01-01T00:00:01Z" })));
        assert!(!is(json!({ "expiresAt": "2034-12-31T23:59:59Z" })));
        assert!(!is(json!({ "issuerDN": "CN=Other, O=Acme Corp" })));
    }
}
