//! The one place every generated client sends its requests through, and the shared mapping
//! of generated results to this crate's outcomes and errors.
//!
//! Each generated `Client` carries a [`Transport`] as its inner value and implements
//! progenitor's `ClientHooks` by delegating to [`Transport::execute`]. Authentication is applied
//! here; retries and tracing belong here too, so no call site repeats them.

use std::{fmt, future::Future, pin::Pin, time::Duration};

use tokio::time::Instant;
use tracing::Instrument as _;

use progenitor_client::{OperationInfo, ResponseValue};
use reqwest::{
    header::{HeaderName, HeaderValue, AUTHORIZATION},
    StatusCode,
};

use std::sync::Arc;

use crate::auth::{TokenFailure, TokenSource};
use crate::error::{Error, ErrorBody, Result};
use crate::retry::{self, Failure, RetryPolicy};

/// progenitor adds this header (the spec's `info.version`); the vendors do not define it.
const GENERATOR_VERSION_HEADER: HeaderName = HeaderName::from_static("api-version");

/// Per-client state the generated code hands back to the hooks: how to authenticate.
#[derive(Clone)]
pub struct Transport {
    authorizer: Authorizer,
    /// The API's error bodies are JSON (PingOne, Auth0): a non-JSON one is wrapped, see
    /// [`Transport::execute`].
    json_error_bodies: bool,
    retry: RetryPolicy,
    limiter: Option<Arc<Limiter>>,
}

/// Where the `Authorization` header comes from.
#[derive(Clone)]
enum Authorizer {
    /// The same value on every request (HTTP Basic, a static bearer token).
    Fixed(HeaderValue),
    /// A cached OAuth token, refreshed before it expires.
    Token(Arc<TokenSource>),
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.authorizer {
            Authorizer::Fixed(_) => "fixed [redacted]",
            Authorizer::Token(_) => "oauth token [redacted]",
        };
        f.debug_struct("Transport")
            .field("authorization", &kind)
            .finish()
    }
}

impl Transport {
    /// Sends the same (sensitive) `Authorization` value with every request.
    pub(crate) fn fixed(authorization: HeaderValue) -> Self {
        Self {
            authorizer: Authorizer::Fixed(authorization),
            json_error_bodies: false,
            retry: RetryPolicy::standard(),
            limiter: None,
        }
    }

    /// Sends a bearer token from `source`, fetched and refreshed as needed.
    pub(crate) fn token(source: TokenSource) -> Self {
        Self {
            authorizer: Authorizer::Token(Arc::new(source)),
            json_error_bodies: false,
            retry: RetryPolicy::standard(),
            limiter: None,
        }
    }

    /// Takes the retry policy and request limits the client was configured with.
    pub(crate) fn with_options(mut self, options: &HttpOptions) -> Self {
        self.retry = options.retry.clone();
        self.limiter = Limiter::new(options.max_concurrent, options.max_per_second).map(Arc::new);
        self
    }

    /// Declares that the API's documented error bodies are JSON objects.
    pub(crate) fn with_json_error_bodies(mut self) -> Self {
        self.json_error_bodies = true;
        self
    }

    /// Makes a request ready to send: credentials in, generator-only headers out.
    pub(crate) async fn prepare(&self, request: &mut reqwest::Request) -> Result<(), TokenFailure> {
        let authorization = match &self.authorizer {
            Authorizer::Fixed(value) => value.clone(),
            Authorizer::Token(source) => match source.fresh_authorization() {
                Some(fresh) => fresh,
                // Rare (a refresh): boxed, so every request's future stays small.
                None => Box::pin(source.authorization()).await?,
            },
        };
        let headers = request.headers_mut();
        headers.remove(GENERATOR_VERSION_HEADER);
        headers.insert(AUTHORIZATION, authorization);
        Ok(())
    }

    /// Executes a prepared request: waits for the client's request limits, sends it, and
    /// retries it as the [`RetryPolicy`] allows. Each attempt runs in a tracing span with the
    /// operation, method, path template, attempt, status and latency (never headers or
    /// bodies).
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
                        Box::pin(json_error_body(response)).await
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
    /// attempt's tracing span and in the call's [`CallRecord`].
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
        record_attempt(status);
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
            Ok(response) => retry::is_retryable_status(response.status())
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

/// What happened to one facade call: how many attempts, and the last status seen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CallRecord {
    pub(crate) attempts: u32,
    pub(crate) last_status: Option<StatusCode>,
}

tokio::task_local! {
    static CALL: std::cell::Cell<CallRecord>;
}

fn record_attempt(status: Option<StatusCode>) {
    let _ = CALL.try_with(|call| {
        let mut record = call.get();
        record.attempts += 1;
        record.last_status = status.or(record.last_status);
        call.set(record);
    });
}

/// Runs one facade call and reports what the transport saw while it ran.
///
/// The call is boxed here, once: a generated call's future is a few kilobytes, and every
/// layer of `async fn` around it would otherwise keep its own copy (and the caller's future,
/// the one users hold and spawn, would grow by each of them).
pub(crate) fn recorded<F: Future>(call: F) -> impl Future<Output = (F::Output, CallRecord)> {
    let call = Box::pin(call);
    CALL.scope(std::cell::Cell::new(CallRecord::default()), async {
        let output = call.await;
        (output, CALL.with(|c| c.get()))
    })
}

/// Waits that keep a client under its configured request limits.
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
    fn new(max_concurrent: Option<usize>, max_per_second: Option<f64>) -> Option<Self> {
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
    async fn acquire(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
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

/// Re-creates an error response with a JSON object body (see [`Transport::execute`]).
async fn json_error_body(response: reqwest::Response) -> reqwest::Result<reqwest::Response> {
    let (status, version, mut headers) = (
        response.status(),
        response.version(),
        response.headers().clone(),
    );
    let body = response.bytes().await?;
    if serde_json::from_slice::<serde_json::Value>(&body).is_ok_and(|v| v.is_object()) {
        let mut rebuilt = http::Response::new(body);
        (
            *rebuilt.status_mut(),
            *rebuilt.version_mut(),
            *rebuilt.headers_mut(),
        ) = (status, version, headers);
        return Ok(reqwest::Response::from(rebuilt));
    }
    let text = String::from_utf8_lossy(&body).trim().to_owned();
    let wrapped = if text.is_empty() {
        serde_json::json!({})
    } else {
        serde_json::json!({ "message": text })
    };
    headers.insert(
        reqwest::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.remove(reqwest::header::CONTENT_LENGTH);
    let mut rebuilt = http::Response::new(bytes::Bytes::from(wrapped.to_string()));
    (
        *rebuilt.status_mut(),
        *rebuilt.version_mut(),
        *rebuilt.headers_mut(),
    ) = (status, version, headers);
    Ok(reqwest::Response::from(rebuilt))
}

/// progenitor's hooks carry only a string for custom errors; a token failure travels in it
/// with this prefix and is turned back into [`Error::Auth`] by [`Error::from_generated`].
const TOKEN_FAILURE_PREFIX: &str = "sso-connections token failure:";

pub(crate) fn encode_token_failure(failure: &TokenFailure) -> String {
    format!(
        "{TOKEN_FAILURE_PREFIX}{}:{}",
        failure.status.unwrap_or(0),
        failure.reason
    )
}

pub(crate) fn decode_token_failure(custom: &str) -> Option<TokenFailure> {
    let rest = custom.strip_prefix(TOKEN_FAILURE_PREFIX)?;
    let (status, reason) = rest.split_once(':')?;
    Some(TokenFailure {
        status: status.parse().ok().filter(|s| *s != 0),
        reason: reason.to_owned(),
    })
}

/// Routes a generated client's requests through its [`Transport`].
macro_rules! route_through_transport {
    ($client:ty) => {
        impl progenitor_client::ClientHooks<Transport> for $client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                _info: &OperationInfo,
            ) -> std::result::Result<(), progenitor_client::Error<E>> {
                use progenitor_client::ClientInfo;
                self.inner().prepare(request).await.map_err(|failure| {
                    progenitor_client::Error::Custom(encode_token_failure(&failure))
                })
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                use progenitor_client::ClientInfo;
                self.inner().execute(self.client(), request, info).await
            }
        }
    };
}

#[cfg(feature = "saas")]
route_through_transport!(crate::generated::saas::Client);
#[cfg(feature = "pingone")]
route_through_transport!(crate::generated::pingone::Client);
#[cfg(feature = "auth0")]
route_through_transport!(crate::generated::auth0::Client);

/// Connection settings every facade's builder shares: where, how long, and who is asking.
#[derive(Clone, Debug)]
pub(crate) struct HttpOptions {
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_concurrent: Option<usize>,
    pub(crate) max_per_second: Option<f64>,
}

/// The setters every facade's client builder shares, for a builder with an
/// `options: HttpOptions` field.
macro_rules! http_option_setters {
    () => {
        /// Base URL of the API; point it at the simulator in tests.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.options.base_url = url.into();
            self
        }

        /// Limit for a whole request, connect to last byte (default 30 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = timeout;
            self
        }

        /// Limit for establishing a connection (default 10 s).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.connect_timeout = timeout;
            self
        }

        /// `User-Agent` header (default `sso-connections/<version>`).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.options.user_agent = user_agent.into();
            self
        }

        /// When and how requests are retried (default [`RetryPolicy::standard`](crate::RetryPolicy::standard)).
        pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
            self.options.retry = policy;
            self
        }

        /// At most this many requests in flight at once (bulk work); unlimited by default.
        pub fn max_concurrent_requests(mut self, requests: usize) -> Self {
            self.options.max_concurrent = Some(requests);
            self
        }

        /// At most this many requests started per second (each retry counts); unlimited by
        /// default. Keeps bulk work under a server's rate limit instead of running into 429s.
        pub fn max_requests_per_second(mut self, requests: f64) -> Self {
            self.options.max_per_second = Some(requests);
            self
        }
    };
}
pub(crate) use http_option_setters;

/// Whole-request timeout unless the caller sets one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Connect timeout unless the caller sets one.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl HttpOptions {
    pub(crate) fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::standard(),
            max_concurrent: None,
            max_per_second: None,
        }
    }

    /// The validated base URL without a trailing slash, and the HTTP client (rustls only, see
    /// `tls.rs`).
    pub(crate) fn build(&self) -> Result<(String, reqwest::Client)> {
        let base = url::Url::parse(&self.base_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or_else(|| Error::invalid("baseUrl", "must be an absolute http(s) URL"))?;
        let client = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(&self.user_agent)
            .tls_backend_preconfigured(crate::tls::client_config()?)
            .build()
            .map_err(|e| Error::Transport(e.into()))?;
        Ok((base.as_str().trim_end_matches('/').to_owned(), client))
    }
}

/// A generated result whose success carries a typed body.
pub(crate) fn expect_value<T, E: ErrorBody>(
    call: impl Future<Output = std::result::Result<ResponseValue<T>, progenitor_client::Error<E>>>,
) -> impl Future<Output = Result<T>> {
    let call = recorded(call);
    async move {
        let (error, record) = match call.await {
            (Ok(value), _) => return Ok(value.into_inner()),
            (Err(error), record) => (error, record),
        };
        Err(failure(error, record).await)
    }
}

/// A generated result whose success has no body: `Ok(true)` when the server changed something
/// (any 2xx), `Ok(false)` for 304 Not Modified.
pub(crate) fn expect_no_content<E: ErrorBody>(
    call: impl Future<Output = std::result::Result<ResponseValue<()>, progenitor_client::Error<E>>>,
) -> impl Future<Output = Result<bool>> {
    let call = recorded(call);
    async move {
        let (error, record) = match call.await {
            (Ok(_), _) => return Ok(true),
            (Err(progenitor_client::Error::UnexpectedResponse(response)), record) => {
                match response.status() {
                    StatusCode::NOT_MODIFIED => return Ok(false),
                    status if status.is_success() => return Ok(true),
                    _ => (
                        progenitor_client::Error::UnexpectedResponse(response),
                        record,
                    ),
                }
            }
            (Err(error), record) => (error, record),
        };
        Err(failure(error, record).await)
    }
}

/// The crate's error for a failed call (reading the error body if there is one). Boxed: it
/// is the rare path, and it would otherwise add its size to every call's future.
fn failure<E: ErrorBody>(
    error: progenitor_client::Error<E>,
    record: CallRecord,
) -> Pin<Box<impl Future<Output = Error>>> {
    Box::pin(async move { Error::from_generated(error).await.with_call(record) })
}
