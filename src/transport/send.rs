//! One attempt, and the retry loop around it.

use std::time::Duration;

use progenitor_client::OperationInfo;
use reqwest::StatusCode;
use tokio::time::Instant;
use tracing::Instrument as _;

use crate::error::is_retryable_status;
use crate::retry::Failure;

use super::{errors, results, Transport};

impl Transport {
    /// Executes a prepared request: waits for the client's request limits, sends it, and
    /// retries it as the [`RetryPolicy`](crate::RetryPolicy) allows. Each attempt runs in a
    /// tracing span with the operation, method, path template, attempt, status and latency
    /// (never headers or bodies).
    ///
    /// For an API whose error bodies are JSON, an error answer whose body is not a JSON object
    /// (a gateway's text or HTML, an empty body) is passed on as `{"message": <text>}`. The
    /// generated code would otherwise fail to decode it and lose the status, turning a 404 or
    /// a 429 into a decode error.
    pub(crate) async fn execute(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let started = Instant::now();
        let mut request = request;
        let mut attempt = 1;
        loop {
            let spare = (attempt < self.retry.attempts())
                .then(|| request.try_clone())
                .flatten();
            let method = request.method().clone();
            let (result, span) = self.send_once(client, request, info, attempt).await;
            let retry = spare.and_then(|spare| {
                let delay = self.retry_delay(&method, info, &result, attempt, started)?;
                Some((delay, spare))
            });
            let Some((delay, spare)) = retry else {
                return match result {
                    Ok(response) if self.json_error_bodies && is_error(response.status()) => {
                        // Rare paths are boxed, so the future of every request stays small.
                        Box::pin(errors::as_json_error(response)).await
                    }
                    other => other,
                };
            };
            span.in_scope(|| tracing::info!(delay_ms = delay.as_millis() as u64, "retrying"));
            drop(result);
            Box::pin(tokio::time::sleep(delay)).await;
            request = spare;
            attempt += 1;
        }
    }

    /// One attempt: waits for the request limits, sends, and records the outcome on the
    /// attempt's tracing span and in the call's record.
    async fn send_once(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        info: &OperationInfo,
        attempt: u32,
    ) -> (reqwest::Result<reqwest::Response>, tracing::Span) {
        let _permit = match &self.limiter {
            Some(limiter) => Box::pin(limiter.acquire()).await,
            None => None,
        };
        let span = tracing::info_span!(
            "sso_connections.request",
            operation = info.operation_id,
            method = %request.method(),
            path = path_template(info.operation_id).unwrap_or(""),
            attempt,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let sent = Instant::now();
        let result = client.execute(request).instrument(span.clone()).await;
        let status = result.as_ref().ok().map(|response| response.status());
        if !span.is_disabled() {
            span.record("latency_ms", sent.elapsed().as_millis() as u64);
            if let Some(status) = status {
                span.record("status", status.as_u16());
            }
        }
        results::record_attempt(status);
        (result, span)
    }

    /// How long to wait before retrying this attempt's outcome, or `None` when the policy
    /// does not retry it (success, a final failure, no attempts or time left).
    fn retry_delay(
        &self,
        method: &reqwest::Method,
        info: &OperationInfo,
        result: &reqwest::Result<reqwest::Response>,
        attempt: u32,
        started: Instant,
    ) -> Option<Duration> {
        let failure = match result {
            Ok(response) => is_retryable_status(response.status())
                .then_some(Failure::Status(response.status()))?,
            Err(error) => {
                (error.is_connect() || error.is_timeout()).then_some(Failure::Connection)?
            }
        };
        if !self.retry.may_retry(method, info.operation_id, failure) {
            return None;
        }
        let headers = result.as_ref().ok().map(|response| response.headers());
        let delay = self.retry.delay(attempt + 1, headers, fastrand::f64());
        self.retry
            .fits_deadline(started.elapsed(), delay)
            .then_some(delay)
    }
}

fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// The path template of an operation, by the id progenitor gives it in `OperationInfo`.
fn path_template(operation_id: &str) -> Option<&'static str> {
    let tables: &[&[(&str, &str, &str)]] = &[
        #[cfg(feature = "saas")]
        crate::generated::saas::OPERATIONS,
        #[cfg(feature = "pingone")]
        crate::generated::pingone::OPERATIONS,
        #[cfg(feature = "auth0")]
        crate::generated::auth0::OPERATIONS,
    ];
    tables
        .iter()
        .flat_map(|table| table.iter())
        .find(|(id, _, _)| *id == operation_id)
        .map(|(_, _, path)| *path)
}
