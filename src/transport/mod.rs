//! The one path every request takes, and the mapping of its outcome to this crate's results.
//!
//! Each generated `Client` carries a [`Transport`] as its inner value and implements
//! progenitor's `ClientHooks` by delegating to it, so authentication, retries, request limits
//! and tracing happen here and no call site repeats them. From the bottom up:
//! - `tls`: the rustls configuration of every HTTP client;
//! - `options`: the settings every client builder shares, and how a client is assembled;
//! - `limiter`: client-side limits on concurrent requests and requests per second;
//! - `send`: one attempt, and the retry loop around it;
//! - `hooks`: the `Authorization` header, and how the generated clients reach the transport;
//! - `errors`: any failed call or error answer, turned into an [`Error`](crate::Error);
//! - `results`: what a facade reads from a call (a typed body, or whether it changed
//!   anything), with what the transport saw while it ran;
//! - `upload`: requests the generated code cannot build (next-page links, multipart
//!   uploads), sent through the same hooks.

mod errors;
mod hooks;
mod limiter;
mod options;
mod results;
mod send;
mod tls;
mod upload;

use std::{fmt, sync::Arc};

use reqwest::header::HeaderValue;

use crate::auth::TokenSource;
use crate::retry::RetryPolicy;

pub(crate) use errors::{from_response, json_error_body, ErrorBody};
pub(crate) use options::{http_option_setters, Credentials, HttpOptions, Login};
pub use options::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub(crate) use results::{body_of, changed_by, recorded, with_call};
pub(crate) use tls::client_config as tls_config;
pub(crate) use upload::send_for_json;

/// Per-client state the generated code hands back to the hooks.
#[derive(Clone)]
pub struct Transport {
    authorizer: Authorizer,
    /// The API's error bodies are JSON (PingOne, Auth0): a non-JSON one is wrapped, see
    /// `send.rs`.
    json_error_bodies: bool,
    retry: RetryPolicy,
    limiter: Option<Arc<limiter::Limiter>>,
}

impl Transport {
    /// A transport that sends no credentials, for requests to URLs a caller gave (metadata):
    /// the retry policy and tracing of every other request, no request limits.
    pub(crate) fn anonymous(retry: RetryPolicy) -> Self {
        Self {
            authorizer: Authorizer::None,
            json_error_bodies: false,
            retry,
            limiter: None,
        }
    }
}

/// Where the `Authorization` header comes from.
#[derive(Clone)]
enum Authorizer {
    /// No `Authorization` header.
    None,
    /// The same value on every request (HTTP Basic, a static bearer token).
    Fixed(HeaderValue),
    /// A cached OAuth token, refreshed before it expires.
    Token(Arc<TokenSource>),
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.authorizer {
            Authorizer::None => "none",
            Authorizer::Fixed(_) => "fixed [redacted]",
            Authorizer::Token(_) => "oauth token [redacted]",
        };
        f.debug_struct("Transport")
            .field("authorization", &kind)
            .finish()
    }
}
