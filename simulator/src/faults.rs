//! Fault injection: make the next N API requests fail, slow down, or answer garbage.

use std::{collections::VecDeque, time::Duration};

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};

/// What happens to each of the next `count` API requests.
///
/// ```
/// use sso_connections_simulator::Fault;
/// let throttle = Fault::status(429).retry_after(2).times(3);
/// assert_eq!(throttle.count, 3);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// How many requests this applies to (at least 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Answer with this status instead of handling the request.
    #[serde(default)]
    pub status: Option<u16>,
    /// With `status`: the `Retry-After` header, in seconds.
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Wait this long before answering.
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Answer 200 with a body that is not JSON.
    #[serde(default)]
    pub malformed_body: bool,
    /// Only requests whose `METHOD /path?query` line contains this text are affected (all
    /// requests when absent); other requests pass the fault by.
    #[serde(default)]
    pub matching: Option<String>,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// Fail with `status`.
    pub fn status(status: u16) -> Self {
        Self {
            count: 1,
            status: Some(status),
            ..Self::default()
        }
    }

    /// Delay the answer (the request is then handled normally unless another effect is set).
    pub fn delay(delay: Duration) -> Self {
        Self {
            count: 1,
            delay_ms: Some(delay.as_millis() as u64),
            ..Self::default()
        }
    }

    /// Answer 200 with a body that is not JSON.
    pub fn malformed_body() -> Self {
        Self {
            count: 1,
            malformed_body: true,
            ..Self::default()
        }
    }

    /// Add a `Retry-After` header (seconds) to the failure.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// Affect only requests whose `METHOD /path?query` contains `text`, e.g.
    /// `"POST /web-portal/rest/saas/idp/2.0/spManaged/enable/acme"`.
    ///
    /// ```
    /// use sso_connections_simulator::Fault;
    /// let fault = Fault::status(500).matching("DELETE /");
    /// assert_eq!(fault.matching.as_deref(), Some("DELETE /"));
    /// ```
    pub fn matching(mut self, text: impl Into<String>) -> Self {
        self.matching = Some(text.into());
        self
    }

    /// Apply to the next `count` requests.
    pub fn times(mut self, count: u32) -> Self {
        self.count = count.max(1);
        self
    }

    /// The answer that replaces the real one, if any.
    pub(crate) fn response(&self) -> Option<Response> {
        if let Some(status) = self.status {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = (status, "injected fault").into_response();
            if let Some(seconds) = self.retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            return Some(response);
        }
        self.malformed_body.then(|| {
            let mut response = (StatusCode::OK, "{\"not\": json").into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        })
    }
}

/// Queue of planned faults; each API request takes one use of the first plan.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue(VecDeque<Fault>);

impl FaultQueue {
    pub(crate) fn push(&mut self, fault: Fault) {
        self.0.push_back(Fault {
            count: fault.count.max(1),
            ..fault
        });
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    /// Takes one use of the first planned fault that applies to `request` (its
    /// `METHOD /path?query` line), if any.
    pub(crate) fn take(&mut self, request: &str) -> Option<Fault> {
        let index = self.0.iter().position(|fault| {
            fault
                .matching
                .as_deref()
                .is_none_or(|text| request.contains(text))
        })?;
        let planned = &mut self.0[index];
        planned.count -= 1;
        let fault = planned.clone();
        if planned.count == 0 {
            self.0.remove(index);
        }
        Some(fault)
    }
}
