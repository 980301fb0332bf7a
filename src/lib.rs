#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod auth;
pub mod error;
pub mod generated;
mod open_enum;
#[allow(dead_code)] // used by the PingOne and Auth0 facades as they land
mod pagination;
mod transport;
pub mod values;

#[cfg(feature = "saas")]
pub mod saas;

pub use auth::SecretString;
pub use error::{Error, ErrorDetail, Result};
pub use transport::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use uuid::Uuid;
