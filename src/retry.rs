//! When a request is sent again, and how long to wait before it.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::error::{is_retryable_status, retry_after_of, RateLimit};

/// POST operations that are idempotent by definition (enabling twice is enabling once).
const IDEMPOTENT_POSTS: &[&str] = &["enable_customer_connection", "disable_customer_connection"];

/// PUT operations that are creates: repeating one after a lost answer turns a success into a
/// 409, so they are treated like a non-idempotent POST.
const CREATING_PUTS: &[&str] = &["create_customer_connection"];

/// How a client retries: one policy per client, applied to every request in the transport.
///
/// Retried: requests that are safe to repeat (GET, HEAD, OPTIONS, PUT, DELETE, and the SaaS
/// enable/disable; not the SaaS create, a PUT that answers 409 when repeated), on 408, 429,
/// 500, 502, 503, 504 and on connection failures and timeouts.
/// A 429 is retried for every method, since the server refused the request without acting on
/// it. Other POST and PATCH requests are retried only with
/// [`retry_non_idempotent`](Self::retry_non_idempotent). The wait is the server's
/// `Retry-After` (seconds or HTTP date) or `x-ratelimit-reset` (Unix time) when it sends one,
/// otherwise full-jitter exponential backoff: a random wait up to
/// `min(max_backoff, initial_backoff × 2^(attempt-1))`. No retry starts after the deadline.
///
/// ```
/// use std::time::Duration;
/// use sso_connections::RetryPolicy;
///
/// let policy = RetryPolicy::standard()
///     .max_attempts(5)
///     .max_backoff(Duration::from_secs(5))
///     .deadline(Some(Duration::from_secs(30)));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::disabled().attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    deadline: Option<Duration>,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryPolicy {
    /// Up to 3 attempts, backoff from 200 ms capped at 20 s, within 60 s in all.
    pub fn standard() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            deadline: Some(Duration::from_secs(60)),
            retry_non_idempotent: false,
        }
    }

    /// Never retry: every request is sent once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::standard()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the second attempt; it doubles with each attempt after.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts, server hints included.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The time budget from the first attempt: no retry starts (or waits) past it.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Also retry POST and PATCH requests that are not idempotent by definition (a create
    /// retried after a lost answer may then run twice).
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// Attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether this request may be sent again after `failure`.
    pub(crate) fn may_retry(&self, method: &Method, operation_id: &str, failure: Failure) -> bool {
        let by_method = match *method {
            Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE => true,
            Method::PUT => !CREATING_PUTS.contains(&operation_id),
            _ => IDEMPOTENT_POSTS.contains(&operation_id),
        };
        let safe = by_method || self.retry_non_idempotent;
        match failure {
            Failure::Status(StatusCode::TOO_MANY_REQUESTS) => true,
            Failure::Status(status) => safe && is_retryable_status(status),
            Failure::Connection => safe,
        }
    }

    /// How long to wait before attempt `next` (2 for the first retry), given the answer's
    /// headers; `jitter` is a random number in `[0, 1)`.
    pub(crate) fn delay(&self, next: u32, headers: Option<&HeaderMap>, jitter: f64) -> Duration {
        if let Some(hint) = headers.and_then(server_hint) {
            return hint.min(self.max_backoff);
        }
        let exponent = next.saturating_sub(2).min(30);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        ceiling.mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// Whether a wait of `delay` after `elapsed` still fits the deadline.
    pub(crate) fn fits_deadline(&self, elapsed: Duration, delay: Duration) -> bool {
        self.deadline
            .is_none_or(|deadline| elapsed + delay < deadline)
    }
}

/// Why an attempt failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The server answered with this status.
    Status(StatusCode),
    /// No answer: connection failure or timeout.
    Connection,
}

/// The server's own "retry after": `Retry-After` (seconds or HTTP date), else
/// `x-ratelimit-reset` (Unix time in seconds), read by the same parsers that fill `ApiError`.
pub(crate) fn server_hint(headers: &HeaderMap) -> Option<Duration> {
    retry_after_of(headers).or_else(|| {
        let reset = RateLimit::from_headers(headers)?.reset?;
        let wait = reset.saturating_sub(chrono::Utc::now().timestamp().max(0) as u64);
        Some(Duration::from_secs(wait))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn full_jitter_backoff_grows_and_is_capped() {
        let policy = RetryPolicy::standard()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(1000));
        // jitter 1.0 (just below) shows the ceiling; 0.0 the floor.
        let ceiling = |next| policy.delay(next, None, 0.999_999);
        assert!(ceiling(2) <= Duration::from_millis(100) && ceiling(2) > Duration::from_millis(99));
        assert!(
            ceiling(3) > Duration::from_millis(199) && ceiling(3) <= Duration::from_millis(200)
        );
        assert!(
            ceiling(4) > Duration::from_millis(399) && ceiling(4) <= Duration::from_millis(400)
        );
        assert!(
            ceiling(10) <= Duration::from_millis(1000) && ceiling(10) > Duration::from_millis(999)
        );
        assert_eq!(policy.delay(5, None, 0.0), Duration::ZERO);
        assert_eq!(
            policy.delay(40, None, 0.5),
            Duration::from_millis(500),
            "no overflow"
        );
    }

    #[test]
    fn server_hints_win_and_are_capped() {
        let policy = RetryPolicy::standard().max_backoff(Duration::from_secs(10));
        let after = headers(&[("retry-after", "3".into())]);
        assert_eq!(policy.delay(2, Some(&after), 0.0), Duration::from_secs(3));
        let long = headers(&[("retry-after", "3600".into())]);
        assert_eq!(policy.delay(2, Some(&long), 0.0), Duration::from_secs(10));
        let date = (chrono::Utc::now() + chrono::Duration::seconds(5)).to_rfc2822();
        let dated = policy.delay(2, Some(&headers(&[("retry-after", date)])), 0.0);
        assert!(
            dated > Duration::from_secs(3) && dated <= Duration::from_secs(5),
            "{dated:?}"
        );
        let reset = (chrono::Utc::now().timestamp() + 4).to_string();
        let by_reset = policy.delay(2, Some(&headers(&[("x-ratelimit-reset", reset)])), 0.0);
        assert!(by_reset >= Duration::from_secs(3) && by_reset <= Duration::from_secs(4));
    }

    #[test]
    fn only_safe_requests_are_retried_except_on_429() {
        let policy = RetryPolicy::standard();
        let busy = Failure::Status(StatusCode::SERVICE_UNAVAILABLE);
        assert!(policy.may_retry(&Method::GET, "get_application", busy));
        assert!(policy.may_retry(&Method::PUT, "update_application", busy));
        assert!(!policy.may_retry(&Method::PUT, "create_customer_connection", busy));
        assert!(policy.may_retry(
            &Method::POST,
            "disable_customer_connection",
            Failure::Connection
        ));
        assert!(!policy.may_retry(&Method::POST, "create_application", busy));
        assert!(!policy.may_retry(
            &Method::PATCH,
            "update_connection_profile",
            Failure::Connection
        ));
        assert!(policy.may_retry(
            &Method::POST,
            "create_application",
            Failure::Status(StatusCode::TOO_MANY_REQUESTS)
        ));
        assert!(!policy.may_retry(
            &Method::GET,
            "get_application",
            Failure::Status(StatusCode::NOT_FOUND)
        ));
        let opted_in = RetryPolicy::standard().retry_non_idempotent(true);
        assert!(opted_in.may_retry(&Method::POST, "create_application", busy));
    }

    #[test]
    fn the_deadline_bounds_waiting() {
        let policy = RetryPolicy::standard().deadline(Some(Duration::from_secs(10)));
        assert!(policy.fits_deadline(Duration::from_secs(5), Duration::from_secs(4)));
        assert!(!policy.fits_deadline(Duration::from_secs(5), Duration::from_secs(5)));
        assert!(RetryPolicy::standard()
            .deadline(None)
            .fits_deadline(Duration::MAX / 2, Duration::from_secs(1)));
    }
}
