//! PingOne Platform management API (`/v1/environments/{environmentId}/…`): applications with
//! their secret, SAML attribute mappings, resource grants and sign-on policy assignments, and
//! identity providers, and an environment's certificates and keys (uploads decoded, references
//! enforced). Resources are kept as JSON under the documented rules: required fields
//! per protocol, unique names (409), full-replacement PUT, 204 on delete, HAL pages with
//! `_links.next`, PingOne error bodies.

mod certificates;
mod children;
mod errors;
mod links;
mod resources;
mod routes;
mod rules;
mod spec;
mod stamp;
mod state;
mod x509;

pub(crate) use errors::unauthorized;
pub use links::BASE_PATH;
pub(crate) use routes::routes;
pub(crate) use state::PingOne;
