//! A certificate as an API describes it when it does not hand the certificate over: names,
//! serial and validity, without the bytes (so without fingerprints).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{CertificateProblem, ExpiryCheck, Finding};

/// What an API reports about a certificate it keeps (PingOne's certificates and keys).
/// Serialises with the dates in RFC 3339 UTC and the serial in decimal, as PingOne gives it.
///
/// ```
/// use chrono::{TimeZone as _, Utc};
/// use sso_connections::certificates::{ExpiryCheck, ExpiryStatus, ReportedCertificate};
/// let reported = ReportedCertificate {
///     subject: Some("CN=Acme".into()),
///     issuer: Some("CN=Acme".into()),
///     serial: Some("12345".into()),
///     not_before: Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
///     not_after: Utc.with_ymd_and_hms(2035, 1, 1, 0, 0, 0).unwrap(),
/// };
/// let now = Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap();
/// assert_eq!(ExpiryCheck::at(now).status_of_period(reported.not_before, reported.not_after), ExpiryStatus::Valid);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportedCertificate {
    /// The subject's distinguished name, as the API writes it.
    pub subject: Option<String>,
    /// The issuer's distinguished name, as the API writes it.
    pub issuer: Option<String>,
    /// The serial number in decimal.
    pub serial: Option<String>,
    /// Start of the validity period.
    pub not_before: DateTime<Utc>,
    /// End of the validity period.
    pub not_after: DateTime<Utc>,
}

impl ReportedCertificate {
    /// The finding for a certificate an API reports: its status at the check's moment, or
    /// [`CertificateProblem::Undated`] when either end of its validity is missing.
    ///
    /// ```
    /// use sso_connections::certificates::{CertificateProblem, ExpiryCheck, ReportedCertificate};
    /// let finding = ReportedCertificate::finding(None, None, None, None, None, &ExpiryCheck::at(chrono::Utc::now()));
    /// assert_eq!(finding.problem(), Some(&CertificateProblem::Undated));
    /// ```
    pub fn finding(
        subject: Option<String>,
        issuer: Option<String>,
        serial: Option<String>,
        not_before: Option<DateTime<Utc>>,
        not_after: Option<DateTime<Utc>>,
        check: &ExpiryCheck,
    ) -> Finding {
        match (not_before, not_after) {
            (Some(not_before), Some(not_after)) => Finding::Reported {
                status: check.status_of_period(not_before, not_after),
                reported: ReportedCertificate {
                    subject,
                    issuer,
                    serial,
                    not_before,
                    not_after,
                },
            },
            _ => Finding::Problem {
                problem: CertificateProblem::Undated,
            },
        }
    }
}
