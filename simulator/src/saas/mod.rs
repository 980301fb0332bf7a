//! The Customer Connection API (`spManaged/{idpId}`), with every documented rule: settings
//! shared per idpId, `multiplexed` per connection, eligibility of applications, 409 on an
//! existing connection, `""` clears SLO endpoints, the body idpId of an update is ignored, 304
//! when enable/disable change nothing, the scoped read's fallback to all connections, and
//! delete-all without `application`.

mod errors;
mod routes;
mod rules;
mod settings;
mod state;

pub(crate) use errors::refuse;
pub(crate) use routes::routes;
pub use routes::BASE_PATH;
pub(crate) use state::Saas;
