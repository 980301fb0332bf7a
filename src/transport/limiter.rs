//! Waits that keep a client under its configured request limits.

use std::time::Duration;

use tokio::time::Instant;

/// A concurrency limit and a rate limit; either may be absent.
pub(crate) struct Limiter {
    concurrency: Option<tokio::sync::Semaphore>,
    rate: Option<tokio::sync::Mutex<Bucket>>,
}

/// A token bucket refilled at `per_second`, holding at most one second's worth.
struct Bucket {
    per_second: f64,
    tokens: f64,
    refilled: Instant,
}

impl Limiter {
    /// A limiter for the given limits, or `None` when there are none.
    pub(crate) fn new(max_concurrent: Option<usize>, max_per_second: Option<f64>) -> Option<Self> {
        let rate = max_per_second.filter(|r| *r > 0.0).map(|per_second| {
            tokio::sync::Mutex::new(Bucket {
                per_second,
                tokens: per_second.min(1.0),
                refilled: Instant::now(),
            })
        });
        let concurrency = max_concurrent.map(|n| tokio::sync::Semaphore::new(n.max(1)));
        (rate.is_some() || concurrency.is_some()).then_some(Self { concurrency, rate })
    }

    /// Waits for a rate token, then for a concurrency slot (held until the permit drops).
    pub(crate) async fn acquire(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        if let Some(rate) = &self.rate {
            let mut bucket = rate.lock().await;
            loop {
                let now = Instant::now();
                let refill = now.duration_since(bucket.refilled).as_secs_f64() * bucket.per_second;
                bucket.tokens = (bucket.tokens + refill).min(bucket.per_second.max(1.0));
                bucket.refilled = now;
                if bucket.tokens >= 1.0 {
                    bucket.tokens -= 1.0;
                    break;
                }
                let wait = (1.0 - bucket.tokens) / bucket.per_second;
                tokio::time::sleep(Duration::from_secs_f64(wait)).await;
            }
        }
        match &self.concurrency {
            Some(slots) => slots.acquire().await.ok(),
            None => None,
        }
    }
}
