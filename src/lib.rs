#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
// The shared plumbing (transport, token auth, paging, request limits) serves all three APIs;
// with only some of them enabled, parts of it have no caller. Dead code is still caught where it
// matters: CI lints the all-API build with `-D warnings`.
#![cfg_attr(
    not(all(feature = "saas", feature = "pingone", feature = "auth0")),
    allow(dead_code, unused_imports, unused_macros)
)]

mod auth;
pub mod certificates;
#[cfg(all(feature = "saas", feature = "pingone", feature = "auth0"))]
pub mod desired;
pub mod error;
pub mod generated;
pub mod metadata;
mod open_enum;
mod outcome;
mod pagination;
mod request_limits;
mod retry;
mod transport;
pub mod values;
mod wire_body;

#[cfg(feature = "auth0")]
pub mod auth0;
#[cfg(feature = "pingone")]
pub mod pingone;
#[cfg(feature = "saas")]
pub mod saas;

pub use auth::SecretString;
pub use error::{Error, ErrorDetail, RateLimit, Result};
pub use outcome::Deletion;
pub use pagination::ItemStream;
pub use retry::RetryPolicy;
pub use transport::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use uuid::Uuid;
