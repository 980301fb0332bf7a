//! Fetching metadata from a URL a customer gave: `https` only, bounded in size and time, a
//! few `https` redirects at most, and never to a loopback, private, link-local or unspecified
//! address (a URL must not make our service reach inside its own network) unless the caller
//! allows it. Retries follow the [`RetryPolicy`]; the answer keeps `ETag` and `Last-Modified`
//! so a later refresh can ask "changed since?" and cost one conditional request.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::StatusCode;

use crate::error::{Error, Result};
use crate::transport::{self, Transport};
use crate::RetryPolicy;

use super::guard::{self, is_public, PRIVATE_ONLY};
use super::{Metadata, ParseOptions};

/// How a fetch may go. The defaults suit a URL from outside: `https`, 1 MiB, 10 s to connect,
/// 30 s in all, 3 redirects, public addresses only, the standard retry policy.
///
/// ```
/// use sso_connections::metadata::FetchOptions;
/// use std::time::Duration;
/// // For a test against a local server:
/// let local = FetchOptions::default().allow_http(true).allow_private_addresses(true);
/// let patient = FetchOptions::default().timeout(Duration::from_secs(60));
/// # let _ = (local, patient);
/// ```
#[derive(Clone, Debug)]
pub struct FetchOptions {
    max_bytes: usize,
    connect_timeout: Duration,
    timeout: Duration,
    pub(super) max_redirects: usize,
    allow_http: bool,
    allow_private: bool,
    private_hosts: Vec<String>,
    retry: RetryPolicy,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            max_bytes: ParseOptions::default().limit(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 3,
            allow_http: false,
            allow_private: false,
            private_hosts: Vec::new(),
            retry: RetryPolicy::standard(),
        }
    }
}

impl FetchOptions {
    /// The largest document accepted, in bytes (default 1 MiB); checked while it streams.
    pub fn max_bytes(mut self, bytes: usize) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// Limit for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for each attempt, connect to last byte (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many redirects may be followed (default 3); each must be allowed like the URL.
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// Also accept plain `http` URLs (default no).
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Also reach loopback, private, link-local and unspecified addresses (default no; for
    /// tests against a local server, or metadata served inside your own network).
    pub fn allow_private_addresses(mut self, allow: bool) -> Self {
        self.allow_private = allow;
        self
    }

    /// Reach private addresses for this host name only (for example your own IdP proxy).
    pub fn allow_private_host(mut self, host: impl Into<String>) -> Self {
        self.private_hosts.push(host.into().to_ascii_lowercase());
        self
    }

    /// When and how a failed fetch is tried again (default [`RetryPolicy::standard`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether `url` may be asked for: its scheme, and its host when the host is an address.
    pub(super) fn check_url(&self, url: &url::Url) -> std::result::Result<(), String> {
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            other => return Err(format!("uses {other}:, and only https is allowed")),
        }
        let host = url.host().ok_or("has no host")?;
        let address = match host {
            url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
            url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
            url::Host::Domain(_) => None,
        };
        match address {
            Some(ip) if !self.may_reach(&host.to_string(), ip) => Err(format!(
                "points at {ip}, a loopback, private, link-local or unspecified address"
            )),
            _ => Ok(()),
        }
    }

    pub(super) fn may_reach(&self, host: &str, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip) || self.private_hosts.iter().any(|h| h == host)
    }
}

/// `ETag` and `Last-Modified` of a fetched document, for a conditional fetch later.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    /// The `ETag` header, as sent.
    pub etag: Option<String>,
    /// The `Last-Modified` header, as sent.
    pub last_modified: Option<String>,
}

/// A fetched document.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Fetched {
    /// The parsed metadata.
    pub metadata: Metadata,
    /// The URL the document came from, after redirects (without credentials or query).
    pub url: String,
    /// What to send to ask "changed since?" next time.
    pub validators: Validators,
    /// The metadata's `cacheDuration` (of its first identity provider), if any.
    pub cache_duration: Option<String>,
}

/// The answer to "changed since?".
#[derive(Clone, Debug)]
pub enum Freshness {
    /// The document changed (or the server does not support the question): here it is.
    Changed(Box<Fetched>),
    /// The server answered 304 Not Modified.
    Unchanged,
}

/// Fetches and parses the metadata at `url`.
///
/// ```no_run
/// # async fn run() -> sso_connections::Result<()> {
/// use sso_connections::metadata::{fetch, FetchOptions};
/// let fetched = fetch("https://idp.customer.example/metadata.xml", &FetchOptions::default()).await?;
/// println!("{} identity providers", fetched.metadata.entities.len());
/// # Ok(()) }
/// ```
pub async fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched> {
    match get(url, options, &Validators::default()).await? {
        Freshness::Changed(fetched) => Ok(*fetched),
        Freshness::Unchanged => Err(Error::invalid(
            "metadataUrl",
            "answered 304 Not Modified to a request that asked for no condition",
        )),
    }
}

/// Fetches the metadata at `url` unless it is unchanged since `validators` (one conditional
/// request when the server supports `ETag` or `Last-Modified`).
pub async fn fetch_if_changed(
    url: &str,
    validators: &Validators,
    options: &FetchOptions,
) -> Result<Freshness> {
    get(url, options, validators).await
}

async fn get(url: &str, options: &FetchOptions, validators: &Validators) -> Result<Freshness> {
    let parsed = url::Url::parse(url)
        .map_err(|e| Error::invalid("metadataUrl", format!("is not a URL ({e})")))?;
    // Errors show the URL without credentials or query, which may carry secrets.
    let shown = guard::shown(&parsed);
    let refused = |reason: String| Error::invalid("metadataUrl", format!("{shown} {reason}"));
    options.check_url(&parsed).map_err(refused)?;
    let client = http_client(options)?;
    let mut request = client.get(parsed).header(
        reqwest::header::ACCEPT,
        "application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.5",
    );
    if let Some(etag) = &validators.etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    if let Some(modified) = &validators.last_modified {
        request = request.header(IF_MODIFIED_SINCE, modified);
    }
    let request = request
        .build()
        .map_err(|e| Error::Transport(e.without_url().into()))?;
    let info = progenitor_client::OperationInfo {
        operation_id: "fetch_metadata",
    };
    let transport = Transport::anonymous(options.retry.clone());
    let response = match transport.execute(&client, request, &info).await {
        Ok(response) => response,
        Err(e) if e.is_redirect() => {
            return Err(refused(format!(
                "was redirected where it may not go: {}",
                innermost(&e)
            )))
        }
        Err(e) if e.is_connect() && innermost(&e).contains(PRIVATE_ONLY) => {
            return Err(refused(innermost(&e)))
        }
        Err(e) => return Err(Error::Transport(e.without_url().into())),
    };
    match response.status() {
        StatusCode::NOT_MODIFIED => return Ok(Freshness::Unchanged),
        status if status.is_redirection() => {
            let location = response.headers().get(reqwest::header::LOCATION);
            let location = location.and_then(|l| l.to_str().ok()).unwrap_or("nowhere");
            return Err(refused(format!(
                "was redirected where it may not go: {location:?} is not an http(s) URL"
            )));
        }
        status if !status.is_success() => return Err(transport::from_response(response).await),
        _ => {}
    }
    let final_url = guard::shown(response.url());
    let kept = validators_of(response.headers());
    let body = read_bounded(response, options.max_bytes)
        .await
        .map_err(|e| match e {
            Error::InvalidInput(input) => refused(input.reason().to_owned()),
            other => other,
        })?;
    let metadata =
        Metadata::parse_with(&body, &ParseOptions::default().max_bytes(options.max_bytes))?;
    let cache_duration = metadata
        .entities
        .first()
        .and_then(|e| e.cache_duration.clone());
    Ok(Freshness::Changed(Box::new(Fetched {
        metadata,
        url: final_url,
        validators: kept,
        cache_duration,
    })))
}

fn http_client(options: &FetchOptions) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(guard::redirects(options.clone()))
        .dns_resolver(Arc::new(guard::GuardedResolver(options.clone())))
        .user_agent(concat!(
            env!("CARGO_PKG_NAME"),
            "/",
            env!("CARGO_PKG_VERSION")
        ))
        .tls_backend_preconfigured(transport::tls_config()?)
        .build()
        .map_err(|e| Error::Transport(e.into()))
}

fn validators_of(headers: &HeaderMap) -> Validators {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    Validators {
        etag: text(ETAG),
        last_modified: text(LAST_MODIFIED),
    }
}

/// The body, refused as soon as it grows past `limit` (or announces more).
async fn read_bounded(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>> {
    let too_large = |size: String| {
        Error::invalid(
            "metadataUrl",
            format!("answered with {size} bytes, more than the {limit} allowed"),
        )
    };
    if let Some(length) = response.content_length().filter(|l| *l > limit as u64) {
        return Err(too_large(length.to_string()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| Error::Transport(e.into()))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large(format!(
                "more than {}",
                body.len() + chunk.len() - 1
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The innermost cause of an error, which says what really happened.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_before_anything_is_sent() {
        let strict = FetchOptions::default();
        let check = |o: &FetchOptions, u: &str| o.check_url(&url::Url::parse(u).unwrap());
        assert!(check(&strict, "https://idp.example/m.xml").is_ok());
        assert!(check(&strict, "http://idp.example/m.xml")
            .unwrap_err()
            .contains("only https"));
        assert!(check(&strict, "file:///etc/passwd")
            .unwrap_err()
            .contains("only https"));
        assert!(check(&strict, "https://127.0.0.1/m")
            .unwrap_err()
            .contains("loopback"));
        assert!(check(&strict, "https://[::1]/m")
            .unwrap_err()
            .contains("loopback"));
        assert!(check(&strict, "https://169.254.169.254/latest").is_err());
        let local = strict
            .clone()
            .allow_http(true)
            .allow_private_addresses(true);
        assert!(check(&local, "http://127.0.0.1:8080/m").is_ok());
        let one_host = FetchOptions::default().allow_private_host("127.0.0.1");
        assert!(check(&one_host, "https://127.0.0.1/m").is_ok());
        assert!(check(&one_host, "https://10.0.0.1/m").is_err());
    }
}
