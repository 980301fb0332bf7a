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
//!   none: [`CustomerConnections::get_for_application`] never returns that fallback as a match.
//! - Enable/disable answer 304 when nothing changes: [`StateChange::Unchanged`], not an error.
//! - Deleting one application's connection and deleting all of them are two named methods.

mod client;
mod connection;
mod connections;
mod enums;
mod idp_id;
mod outcomes;
mod requests;
mod selection;
mod settings;

pub use crate::outcome::Deletion;
pub use client::{SaasClient, SaasClientBuilder, DEFAULT_BASE_URL};
pub use connection::{ApplicationConnection, CustomerConnection, EncodedCertificate};
pub use connections::CustomerConnections;
pub use enums::{ConnectionStatus, SigningAlgorithm, SloBinding};
pub use idp_id::IdpId;
pub use outcomes::{Applied, StateChange};
pub use requests::{ConnectionUpdate, NewConnection};
pub use selection::{ApplicationIds, Applications, ConnectionScope};
pub use settings::{Clearable, SharedSettings, SharedSettingsBuilder};
