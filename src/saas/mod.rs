//! PingOne SSO for SaaS Apps: customer connections (`spManaged/{idpId}`).
//!
//! The API's rules, and how this module makes them hard to get wrong:
//! - Connections that share an `idpId` share their settings. [`SharedSettings`] holds exactly
//!   those; `multiplexed` and the choice of applications are separate arguments.
//! - A create without applications connects every eligible application:
//!   [`NewConnection::for_every_eligible_application`] says so by name.
//! - An update changes only what it sets; single logout endpoints can be kept, cleared or set.
//!   The `idpId` cannot be changed and is never sent in a body.
//! - A read scoped to an application falls back to all connections when the application has
//!   none: [`ConnectionsHandler::get_for_application`] never returns that fallback as a match.
//! - Enable/disable answer 304 when nothing changes: [`StateChange::Unchanged`], not an error.
//! - Deleting one application's connection and deleting all of them are two named methods.
//!
//! Files: `client.rs` (the client and its builder), `connections.rs` (the handler, one method
//! per operation), `inputs/` (validated input types), `models.rs` (what is read back),
//! `outcomes.rs` (typed results); the enums are generated from the spec.

mod client;
mod connections;
mod inputs;
mod models;
mod outcomes;

/// Every enumeration of the spec, open to values added later (`Unknown(String)`).
pub use crate::generated::saas_enums::*;
pub use crate::outcome::Deletion;
pub use client::{SaasClient, SaasClientBuilder, DEFAULT_BASE_URL};
pub use connections::ConnectionsHandler;
pub use inputs::{
    ApplicationIds, ApplicationSelection, Clearable, ConnectionScope, ConnectionUpdate, IdpId,
    NewConnection, SharedSettings, SharedSettingsBuilder,
};
pub use models::{CustomerConnection, EncodedCertificate};
pub use outcomes::{ApplicationConnection, Applied, StateChange};
