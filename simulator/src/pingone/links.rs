//! Where PingOne resources live: the API's base path, and the self links built from it.

use axum::http::HeaderMap;
use uuid::Uuid;

use crate::http::request::origin;

/// Path under which the management API is served, as in the vendor's base URL.
pub const BASE_PATH: &str = "/v1";

/// The URL of `path` in an environment, as the client addressed the simulator.
pub(crate) fn environment_url(headers: &HeaderMap, env: Uuid, path: &str) -> String {
    format!("{}{BASE_PATH}/environments/{env}/{path}", origin(headers))
}
