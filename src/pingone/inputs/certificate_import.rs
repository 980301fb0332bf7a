//! What importing a certificate sends: a checked certificate and its usage, as the
//! `multipart/form-data` body the API takes (`file`, `usageType`).

use futures::TryStreamExt as _;
use reqwest::multipart::{Form, Part};

use crate::error::{Error, Result};
use crate::values::Certificate;

use super::super::CertificateUsageType;

/// A certificate to import into an environment, and what it is for.
///
/// The certificate is already a checked X.509 certificate ([`Certificate`] accepts PEM or
/// DER); it is uploaded as PEM. A usage type this version does not know is sent as given,
/// unless it is empty or has characters no usage type has.
///
/// ```
/// use sso_connections::pingone::{CertificateImport, CertificateUsageType};
/// # fn run(certificate: sso_connections::values::Certificate) {
/// let import = CertificateImport::new(certificate, CertificateUsageType::Signing);
/// assert_eq!(import.usage_type(), &CertificateUsageType::Signing);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateImport {
    certificate: Certificate,
    usage_type: CertificateUsageType,
}

/// The file name the upload carries (PingOne reads the content, not the name).
const FILE_NAME: &str = "certificate.pem";

impl CertificateImport {
    /// Imports `certificate` for `usage_type`.
    pub fn new(certificate: Certificate, usage_type: CertificateUsageType) -> Self {
        Self {
            certificate,
            usage_type,
        }
    }

    /// The certificate to upload.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// What it is for.
    pub fn usage_type(&self) -> &CertificateUsageType {
        &self.usage_type
    }

    /// Checks what is sent (the usage type) without building the body.
    pub(crate) fn check(&self) -> Result<()> {
        self.checked_usage_type().map(drop)
    }

    /// The usage type as sent, or the rule it breaks.
    fn checked_usage_type(&self) -> Result<String> {
        let value = self.usage_type.to_string();
        let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || "_/".contains(c);
        if value.is_empty() || !value.chars().all(allowed) {
            return Err(Error::invalid(
                "usageType",
                format!("{value:?} is not a usage type (upper-case letters, digits, `_` and `/`)"),
            ));
        }
        Ok(value)
    }

    /// The certificate as PEM text, 64 base64 characters a line.
    pub(crate) fn pem(&self) -> String {
        let base64 = self.certificate.to_base64();
        let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
        for line in base64.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).unwrap_or_default());
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
        pem
    }

    /// The `Content-Type` (with its boundary) and the whole body, as bytes so that a retry can
    /// send it again. reqwest's own encoder writes it; its stream is read to the end here.
    pub(crate) async fn to_form(&self) -> Result<(String, Vec<u8>)> {
        let usage_type = self.checked_usage_type()?;
        let file = Part::bytes(self.pem().into_bytes())
            .file_name(FILE_NAME)
            .mime_str("application/x-pem-file")
            .map_err(|e| Error::invalid("file", e.to_string()))?;
        let form = Form::new().part("file", file).text("usageType", usage_type);
        let content_type = format!("multipart/form-data; boundary={}", form.boundary());
        let chunks: Vec<bytes::Bytes> = form
            .into_stream()
            .try_collect()
            .await
            .map_err(|e| Error::invalid("file", e.to_string()))?;
        Ok((content_type, chunks.concat()))
    }
}
