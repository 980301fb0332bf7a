//! Who may call the APIs: the SaaS API's Basic credentials, the bearer tokens of PingOne and
//! Auth0, and the one token issuer behind both token endpoints.

mod guard;
mod issuer;
mod tokens;

pub(crate) use guard::{admit, Guard};
pub(crate) use issuer::{pingone_token_path, token_routes, AUTH0_TOKEN_PATH};
pub(crate) use tokens::{Api, Auth, Client};
