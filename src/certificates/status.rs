//! The expiry rule: where a validity period stands at a given moment.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::values::CertificateInfo;

/// How long before its end a certificate counts as [`ExpiryStatus::Expiring`] unless the
/// caller chooses otherwise: 30 days.
///
/// ```
/// use sso_connections::certificates::DEFAULT_EXPIRY_THRESHOLD;
/// assert_eq!(DEFAULT_EXPIRY_THRESHOLD.as_secs(), 30 * 24 * 60 * 60);
/// ```
pub const DEFAULT_EXPIRY_THRESHOLD: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Where a certificate's validity period stands at the moment of a check.
///
/// Serialises as `"valid"`, `"expiring"`, `"expired"` or `"not_yet_valid"`.
///
/// ```
/// use sso_connections::certificates::ExpiryStatus;
/// assert!(ExpiryStatus::Expiring.is_usable());
/// assert!(!ExpiryStatus::NotYetValid.is_usable());
/// assert_eq!(serde_json::to_string(&ExpiryStatus::NotYetValid).unwrap(), "\"not_yet_valid\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryStatus {
    /// Valid now, and for longer than the threshold.
    Valid,
    /// Valid now, but it ends within the threshold: replace it soon.
    Expiring,
    /// Its period ended before now.
    Expired,
    /// Its period starts after now.
    NotYetValid,
}

impl ExpiryStatus {
    /// Whether a signature checked with the certificate now is accepted: [`Valid`] or
    /// [`Expiring`].
    ///
    /// [`Valid`]: ExpiryStatus::Valid
    /// [`Expiring`]: ExpiryStatus::Expiring
    ///
    /// ```
    /// use sso_connections::certificates::ExpiryStatus;
    /// assert!(ExpiryStatus::Valid.is_usable() && !ExpiryStatus::Expired.is_usable());
    /// ```
    pub fn is_usable(self) -> bool {
        matches!(self, ExpiryStatus::Valid | ExpiryStatus::Expiring)
    }
}

/// A moment and a warning threshold: what every status is computed against.
///
/// "Now" is always given by the caller (never read from the clock here), so that a check can
/// be repeated, tested, or run for a date in the future ("what will have expired by the next
/// maintenance window?"). Both ends of a validity period are inclusive, as in X.509: a
/// certificate is valid from its `notBefore` second to its `notAfter` second. It is
/// [`Expiring`](ExpiryStatus::Expiring) when valid and `notAfter - now` is at most the
/// threshold.
///
/// ```
/// use chrono::{TimeZone as _, Utc};
/// use sso_connections::certificates::{ExpiryCheck, ExpiryStatus};
/// use std::time::Duration;
///
/// let now = Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap();
/// let check = ExpiryCheck::at(now).threshold(Duration::from_secs(90 * 86_400));
/// let start = Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap();
/// let end = Utc.with_ymd_and_hms(2030, 8, 1, 0, 0, 0).unwrap();
/// assert_eq!(check.status_of_period(start, end), ExpiryStatus::Expiring);
/// assert_eq!(ExpiryCheck::at(now).status_of_period(start, end), ExpiryStatus::Valid);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryCheck {
    now: DateTime<Utc>,
    threshold: Duration,
}

impl ExpiryCheck {
    /// A check at `now` with the default threshold ([`DEFAULT_EXPIRY_THRESHOLD`]).
    ///
    /// ```
    /// # use sso_connections::certificates::{ExpiryCheck, DEFAULT_EXPIRY_THRESHOLD};
    /// let check = ExpiryCheck::at(chrono::Utc::now());
    /// assert_eq!(check.threshold_duration(), DEFAULT_EXPIRY_THRESHOLD);
    /// ```
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            threshold: DEFAULT_EXPIRY_THRESHOLD,
        }
    }

    /// Warns this long before the end instead (zero: never [`Expiring`](ExpiryStatus::Expiring)
    /// before the last second).
    ///
    /// ```
    /// # use sso_connections::certificates::ExpiryCheck;
    /// let week = std::time::Duration::from_secs(7 * 86_400);
    /// let check = ExpiryCheck::at(chrono::Utc::now()).threshold(week);
    /// assert_eq!(check.threshold_duration(), week);
    /// ```
    pub fn threshold(mut self, threshold: Duration) -> Self {
        self.threshold = threshold;
        self
    }

    /// The moment of the check.
    ///
    /// ```
    /// # use sso_connections::certificates::ExpiryCheck;
    /// let now = chrono::Utc::now();
    /// assert_eq!(ExpiryCheck::at(now).now(), now);
    /// ```
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The warning threshold.
    ///
    /// ```
    /// # use sso_connections::certificates::{ExpiryCheck, DEFAULT_EXPIRY_THRESHOLD};
    /// assert_eq!(ExpiryCheck::at(chrono::Utc::now()).threshold_duration(), DEFAULT_EXPIRY_THRESHOLD);
    /// ```
    pub fn threshold_duration(&self) -> Duration {
        self.threshold
    }

    /// The status of a decoded certificate.
    ///
    /// ```
    /// # fn run(cert: sso_connections::values::Certificate) {
    /// use sso_connections::certificates::ExpiryCheck;
    /// let status = ExpiryCheck::at(chrono::Utc::now()).status(cert.info());
    /// println!("{} is {status:?}", cert.subject());
    /// # }
    /// ```
    pub fn status(&self, certificate: &CertificateInfo) -> ExpiryStatus {
        self.status_of_period(certificate.not_before, certificate.not_after)
    }

    /// The status of a validity period, for certificates known only by their dates (an API
    /// that reports `notBefore`/`notAfter` without the certificate itself).
    ///
    /// ```
    /// use chrono::{TimeDelta, Utc};
    /// use sso_connections::certificates::{ExpiryCheck, ExpiryStatus};
    /// let now = Utc::now();
    /// let check = ExpiryCheck::at(now);
    /// assert_eq!(check.status_of_period(now, now), ExpiryStatus::Expiring);
    /// assert_eq!(check.status_of_period(now - TimeDelta::days(2), now - TimeDelta::days(1)), ExpiryStatus::Expired);
    /// ```
    pub fn status_of_period(
        &self,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> ExpiryStatus {
        if self.now < not_before {
            ExpiryStatus::NotYetValid
        } else if self.now > not_after {
            ExpiryStatus::Expired
        } else if left(self.now, not_after) <= self.threshold {
            ExpiryStatus::Expiring
        } else {
            ExpiryStatus::Valid
        }
    }
}

/// The time from `now` to `not_after`, which is not before it.
fn left(now: DateTime<Utc>, not_after: DateTime<Utc>) -> Duration {
    not_after
        .signed_duration_since(now)
        .to_std()
        .unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone as _};

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_huge_threshold_means_always_expiring() {
        let check = ExpiryCheck::at(at(2030, 1, 1)).threshold(Duration::MAX);
        assert_eq!(
            check.status_of_period(at(2020, 1, 1), at(9000, 1, 1)),
            ExpiryStatus::Expiring
        );
        assert_eq!(check.threshold_duration(), Duration::MAX);
    }

    #[test]
    fn a_zero_threshold_warns_only_at_the_last_second() {
        let check = ExpiryCheck::at(at(2030, 1, 1)).threshold(Duration::ZERO);
        let second = TimeDelta::seconds(1);
        assert_eq!(
            check.status_of_period(at(2020, 1, 1), at(2030, 1, 1) + second),
            ExpiryStatus::Valid
        );
        assert_eq!(
            check.status_of_period(at(2020, 1, 1), at(2030, 1, 1)),
            ExpiryStatus::Expiring
        );
    }
}
