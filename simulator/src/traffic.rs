//! What stands in the way of API requests besides credentials: the rate limit and planned
//! faults; and the request log.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{
    faults::{Fault, FaultQueue},
    storage::Store,
};

/// Planned faults, the rate limit, and whether requests are logged.
pub(crate) struct Traffic {
    faults: Store<FaultQueue>,
    rate: Option<Store<RateBucket>>,
    pub(crate) log_requests: bool,
    /// API requests received, whatever their answer (429s included).
    received: std::sync::atomic::AtomicU64,
}

impl Traffic {
    pub(crate) fn new(faults: Vec<Fault>, rate_limit: Option<u32>, log_requests: bool) -> Self {
        let mut queue = FaultQueue::default();
        faults.into_iter().for_each(|f| queue.push(f));
        Self {
            faults: Store::new(queue),
            rate: rate_limit
                .map(|per_second| Store::new(RateBucket::new(per_second, Instant::now()))),
            log_requests,
            received: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many API requests have arrived (answered, refused or faulted).
    pub(crate) fn received(&self) -> u64 {
        self.received.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Plans a fault for the next API requests.
    pub(crate) fn plan(&self, fault: Fault) {
        self.faults.lock().push(fault);
    }

    pub(crate) fn clear_faults(&self) {
        self.faults.lock().clear();
    }

    /// How many requests the rate limit has refused.
    pub(crate) fn rate_limited(&self) -> u64 {
        self.rate.as_ref().map_or(0, |bucket| bucket.lock().refused)
    }

    /// Whether the rate limit lets one more request through now.
    fn within_rate(&self) -> bool {
        self.rate
            .as_ref()
            .is_none_or(|bucket| bucket.lock().take(Instant::now()))
    }
}

/// A token bucket that holds one second's worth of requests.
struct RateBucket {
    per_second: f64,
    tokens: f64,
    refilled: Instant,
    refused: u64,
}

impl RateBucket {
    fn new(per_second: u32, now: Instant) -> Self {
        Self {
            per_second: f64::from(per_second),
            tokens: f64::from(per_second),
            refilled: now,
            refused: 0,
        }
    }

    /// Takes a token if one is left at `now`; counts a refusal otherwise.
    fn take(&mut self, now: Instant) -> bool {
        let refill = now.duration_since(self.refilled).as_secs_f64() * self.per_second;
        self.tokens = (self.tokens + refill).min(self.per_second);
        self.refilled = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return true;
        }
        self.refused += 1;
        false
    }
}

/// Middleware: refuses requests over the rate with 429 and `Retry-After: 1`, then applies the
/// next planned fault, if any.
pub(crate) async fn shape(
    State(traffic): State<Arc<Traffic>>,
    request: Request,
    next: Next,
) -> Response {
    traffic
        .received
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if !traffic.within_rate() {
        let mut response = (StatusCode::TOO_MANY_REQUESTS, "rate limit exceeded").into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    }
    let line = format!("{} {}", request.method(), request.uri());
    let fault = traffic.faults.lock().take(&line);
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    match fault.response() {
        Some(response) => response,
        None => next.run(request).await,
    }
}

/// Middleware: one line per request on standard error.
pub(crate) async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let line = format!("{} {}", request.method(), request.uri());
    let response = next.run(request).await;
    eprintln!(
        "{line} -> {} ({} µs)",
        response.status().as_u16(),
        started.elapsed().as_micros()
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_refills_over_a_second() {
        let start = Instant::now();
        let mut bucket = RateBucket::new(2, start);
        assert!(bucket.take(start));
        assert!(bucket.take(start));
        assert!(!bucket.take(start));
        assert!(bucket.take(start + Duration::from_millis(500)));
        assert!(!bucket.take(start + Duration::from_millis(500)));
        assert_eq!(bucket.refused, 2);
    }

    #[test]
    fn faults_are_planned_and_cleared() {
        let traffic = Traffic::new(vec![Fault::status(503)], None, false);
        traffic.plan(Fault::status(429));
        assert_eq!(
            traffic.faults.lock().take("GET /a").and_then(|f| f.status),
            Some(503)
        );
        traffic.clear_faults();
        assert!(traffic.faults.lock().take("GET /a").is_none());
        assert!(traffic.within_rate(), "no limit, no refusal");
        assert_eq!(traffic.rate_limited(), 0);
    }

    #[test]
    fn a_matching_fault_waits_for_its_request() {
        let traffic = Traffic::new(vec![Fault::status(500).matching("DELETE /x")], None, false);
        traffic.plan(Fault::status(429));
        let mut queue = traffic.faults.lock();
        assert_eq!(queue.take("GET /x").and_then(|f| f.status), Some(429));
        assert!(
            queue.take("GET /x").is_none(),
            "only the DELETE is affected"
        );
        assert_eq!(
            queue.take("DELETE /x?y=1").and_then(|f| f.status),
            Some(500)
        );
        assert!(queue.take("DELETE /x").is_none(), "used up");
    }
}
