//! What an inventory reports, whichever API it read: where each certificate is used, what it
//! says about itself, and its status; or why there is nothing to judge.

use std::fmt;

use serde::Serialize;

use crate::error::Error;
use crate::values::{Certificate, CertificateInfo};
use uuid::Uuid;

use super::reported::ReportedCertificate;

use super::{ExpiryCheck, ExpiryStatus};

/// Where a certificate is used.
///
/// Serialises with a `kind` tag: `{"kind": "saas_idp", "idp_id": "acme"}`,
/// `{"kind": "pingone_certificate", …}`, `{"kind": "pingone_key", …}`. More places may be
/// added; match with a `_` arm.
///
/// ```
/// use sso_connections::certificates::CertificateUsage;
/// let usage = CertificateUsage::SaasIdp { idp_id: "acme".into() };
/// assert_eq!(usage.to_string(), "SaaS idpId acme");
/// assert_eq!(
///     serde_json::to_value(&usage).unwrap(),
///     serde_json::json!({"kind": "saas_idp", "idp_id": "acme"})
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CertificateUsage {
    /// The signing certificate every connection of a PingOne SSO for SaaS Apps `idpId`
    /// shares (one per `idpId`).
    SaasIdp {
        /// The customer identity provider identifier.
        idp_id: String,
    },
    /// A certificate stored in a PingOne environment, with the identity providers that verify
    /// signatures with it (`idpVerification.certificates`).
    #[serde(rename = "pingone_certificate")]
    PingOneCertificate {
        /// The environment.
        environment: Uuid,
        /// The certificate's id.
        id: Uuid,
        /// Its name in PingOne, when it has one.
        name: Option<String>,
        /// The identity providers that refer to it (none: unused).
        trusted_by: Vec<Reference>,
    },
    /// A key pair of a PingOne environment, with the SAML applications that sign with it
    /// (`idpSigning.key`).
    #[serde(rename = "pingone_key")]
    PingOneKey {
        /// The environment.
        environment: Uuid,
        /// The key's id.
        id: Uuid,
        /// Its name in PingOne, when it has one.
        name: Option<String>,
        /// The applications that sign with it (none: unused).
        signs_for: Vec<Reference>,
    },
}

/// A resource that refers to a certificate or key: its id and name.
///
/// ```
/// use sso_connections::certificates::Reference;
/// let r = Reference { id: sso_connections::Uuid::nil(), name: "Acme ADFS".into() };
/// assert_eq!(r.to_string(), "Acme ADFS");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Reference {
    /// The resource's id.
    pub id: Uuid,
    /// The resource's name.
    pub name: String,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl fmt::Display for CertificateUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertificateUsage::SaasIdp { idp_id } => write!(f, "SaaS idpId {idp_id}"),
            CertificateUsage::PingOneCertificate { id, name, .. } => {
                write!(
                    f,
                    "PingOne certificate {}",
                    name.as_deref().unwrap_or(&id.to_string())
                )
            }
            CertificateUsage::PingOneKey { id, name, .. } => {
                write!(
                    f,
                    "PingOne key {}",
                    name.as_deref().unwrap_or(&id.to_string())
                )
            }
        }
    }
}

/// Why an inventory entry has no certificate to judge. Serialises with a `kind` tag, e.g.
/// `{"kind": "undecodable", "reason": "…"}`.
///
/// ```
/// use sso_connections::certificates::CertificateProblem;
/// let problem = CertificateProblem::NoConnections;
/// assert_eq!(serde_json::to_value(&problem).unwrap(), serde_json::json!({"kind": "no_connections"}));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CertificateProblem {
    /// The SaaS `idpId` has no connections (the API answered 404), so no certificate.
    NoConnections,
    /// The place exists but carries no certificate.
    Missing,
    /// The certificate as stored does not decode as X.509.
    Undecodable {
        /// What is wrong with it.
        reason: String,
    },
    /// The API reports the certificate without its validity period.
    Undated,
    /// Places that must share one certificate hold different ones (the SaaS connections of
    /// one `idpId`, which the API keeps as one shared setting).
    Inconsistent {
        /// How many different certificates were found (connections without one count as
        /// one more).
        distinct: usize,
    },
}

impl fmt::Display for CertificateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertificateProblem::NoConnections => f.write_str("no connections"),
            CertificateProblem::Undated => f.write_str("no validity period reported"),
            CertificateProblem::Missing => f.write_str("no certificate"),
            CertificateProblem::Undecodable { reason } => {
                write!(f, "the certificate does not decode: {reason}")
            }
            CertificateProblem::Inconsistent { distinct } => {
                write!(f, "{distinct} different certificates where one is shared")
            }
        }
    }
}

/// What was found at one place: a certificate and its status, or a problem.
///
/// Inside an [`InventoryEntry`] it is flattened: an entry serialises either as
/// `{"usage": …, "certificate": {…}, "status": "valid"}` or as
/// `{"usage": …, "problem": {"kind": …}}`.
///
/// ```
/// use sso_connections::certificates::{Finding, CertificateProblem};
/// let finding = Finding::Problem { problem: CertificateProblem::Missing };
/// assert!(finding.status().is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Finding {
    /// A certificate, decoded, and its status at the moment of the check.
    Certificate {
        /// What the certificate says about itself: subject, issuer, serial, validity
        /// (RFC 3339 UTC), SHA-1 and SHA-256 fingerprints (lower-case hex).
        certificate: CertificateInfo,
        /// Its status against the check's moment and threshold.
        status: ExpiryStatus,
    },
    /// A certificate as an API describes it without handing it over (PingOne reports the
    /// names, serial and dates of its certificates and keys, not their bytes, so there is no
    /// fingerprint), and its status. Serialised under the same `certificate` key.
    Reported {
        /// What the API reports.
        #[serde(rename = "certificate")]
        reported: ReportedCertificate,
        /// Its status against the check's moment and threshold.
        status: ExpiryStatus,
    },
    /// Nothing to judge, and why.
    Problem {
        /// What is wrong.
        problem: CertificateProblem,
    },
}

impl Finding {
    /// The status, when there is a certificate.
    ///
    /// ```
    /// # fn run(entry: sso_connections::certificates::InventoryEntry) {
    /// if let Some(status) = entry.finding.status() {
    ///     println!("{}: {status:?}", entry.usage);
    /// }
    /// # }
    /// ```
    pub fn status(&self) -> Option<ExpiryStatus> {
        match self {
            Finding::Certificate { status, .. } | Finding::Reported { status, .. } => Some(*status),
            Finding::Problem { .. } => None,
        }
    }

    /// The certificate's details, when there is a certificate.
    ///
    /// ```
    /// # fn run(entry: sso_connections::certificates::InventoryEntry) {
    /// if let Some(info) = entry.finding.certificate() {
    ///     println!("{} until {}", info.subject, info.not_after);
    /// }
    /// # }
    /// ```
    pub fn certificate(&self) -> Option<&CertificateInfo> {
        match self {
            Finding::Certificate { certificate, .. } => Some(certificate),
            Finding::Reported { .. } | Finding::Problem { .. } => None,
        }
    }

    /// The problem, when there is no certificate to judge.
    ///
    /// ```
    /// # fn run(entry: sso_connections::certificates::InventoryEntry) {
    /// if let Some(problem) = entry.finding.problem() {
    ///     eprintln!("{}: {problem}", entry.usage);
    /// }
    /// # }
    /// ```
    pub fn problem(&self) -> Option<&CertificateProblem> {
        match self {
            Finding::Certificate { .. } | Finding::Reported { .. } => None,
            Finding::Problem { problem } => Some(problem),
        }
    }
}

/// One line of an inventory: where a certificate is used, and what was found there.
///
/// ```
/// # async fn run(entry: sso_connections::certificates::InventoryEntry) {
/// println!("{}", serde_json::to_string(&entry).unwrap());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct InventoryEntry {
    /// Where the certificate is used.
    pub usage: CertificateUsage,
    /// The certificate and its status, or the problem.
    #[serde(flatten)]
    pub finding: Finding,
}

impl InventoryEntry {
    /// An entry for a certificate found at `usage`, judged by `check`.
    ///
    /// ```
    /// # fn run(cert: sso_connections::values::Certificate) {
    /// use sso_connections::certificates::{CertificateUsage, ExpiryCheck, InventoryEntry};
    /// let usage = CertificateUsage::SaasIdp { idp_id: "acme".into() };
    /// let entry = InventoryEntry::checked(usage, &cert, &ExpiryCheck::at(chrono::Utc::now()));
    /// assert!(entry.finding.status().is_some());
    /// # }
    /// ```
    pub fn checked(
        usage: CertificateUsage,
        certificate: &Certificate,
        check: &ExpiryCheck,
    ) -> Self {
        let info = certificate.info();
        Self {
            usage,
            finding: Finding::Certificate {
                status: check.status(info),
                certificate: info.clone(),
            },
        }
    }

    /// An entry for a place where there is no certificate to judge.
    ///
    /// ```
    /// use sso_connections::certificates::{CertificateProblem, CertificateUsage, InventoryEntry};
    /// let usage = CertificateUsage::SaasIdp { idp_id: "gone".into() };
    /// let entry = InventoryEntry::problem(usage, CertificateProblem::NoConnections);
    /// assert!(entry.finding.problem().is_some());
    /// ```
    pub fn problem(usage: CertificateUsage, problem: CertificateProblem) -> Self {
        Self {
            usage,
            finding: Finding::Problem { problem },
        }
    }
}

/// A place that could not be read (the API failed, after the client's retries): the stream
/// goes on with the next place.
///
/// ```
/// # fn run(failure: sso_connections::certificates::InventoryError) {
/// eprintln!("{}: {}", failure.usage, failure.error);
/// if failure.error.is_retryable() { /* ask again later */ }
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct InventoryError {
    /// The place that could not be read.
    pub usage: CertificateUsage,
    /// Why.
    pub error: Error,
}

impl InventoryError {
    pub(crate) fn new(usage: CertificateUsage, error: Error) -> Self {
        Self { usage, error }
    }
}

impl fmt::Display for InventoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.usage, self.error)
    }
}

impl std::error::Error for InventoryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
