//! Auth0 Management API: connection profiles.
//!
//! - Authentication: a Management API token, or client credentials exchanged at
//!   `https://<domain>/oauth/token` (cached, refreshed before expiry, one refresh shared by
//!   concurrent callers). See [`Auth0Client`].
//! - [`ConnectionProfilesHandler::list`] is a lazy stream over Auth0's checkpoint pages.
//! - [`ConnectionProfileSettings`] checks every documented limit before sending (name 1–50
//!   characters, prefix template at most 15 characters and its pattern) with an error that
//!   names the field and the rule. An update sends only what is set.
//! - Enum values and strategies added later decode (`Unknown(String)`, `extra`).
//! - Rate-limit headers (`x-ratelimit-limit`, `-remaining`, `-reset`) are on every
//!   [`ApiError`](crate::error::ApiError) as `rate_limit`.
//!
//! Files: `client.rs` (the client and its builder), `profiles.rs` (the handler, one method per
//! operation), `inputs.rs` (validated input types), `models.rs` (what is read back); the enums
//! are generated from the spec.

mod client;
mod inputs;
mod models;
mod profiles;

/// Every enumeration of the spec, open to values added later (`Unknown(String)`).
pub use crate::generated::auth0_enums::*;
pub use crate::outcome::Deletion;
pub use client::{Auth0Client, Auth0ClientBuilder};
pub use inputs::{ConnectionProfileSettings, ConnectionProfileSettingsBuilder};
pub use models::{ConnectionProfile, ConnectionProfileTemplate, ConnectionProfileTemplateSettings};
pub use profiles::ConnectionProfilesHandler;

crate::transport::json_error_body!(crate::generated::auth0::types::Auth0Error);
