//! Auth0 Management API connection profiles (`/api/v2/connection-profiles`): create, read,
//! partial update (PATCH), delete, checkpoint paging (`from`, `take` → `next`), templates, the
//! documented limits, 409 on a duplicate name, and Auth0 error bodies.

mod errors;
mod routes;
mod rules;
mod state;

pub(crate) use errors::unauthorized;
pub(crate) use routes::routes;
pub use routes::BASE_PATH;
pub(crate) use state::Auth0;
