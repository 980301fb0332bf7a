//! PingOne Platform: applications (with their secret, SAML attribute mappings, resource
//! grants and sign-on policy assignments) and identity providers.
//!
//! - Authentication: a worker application's client credentials, exchanged for a token that
//!   is cached and refreshed before it expires (one refresh shared by concurrent callers),
//!   or a static bearer token. See [`PingOneClient`].
//! - Lists are lazy [`Stream`](futures::Stream)s that follow `_links.next`, one page in
//!   memory at a time.
//! - Applications and identity providers are unions over their kind; kinds this version does
//!   not model still decode (`Other`). Their `Debug` output never shows secrets.
//! - Updates are full replacements (PUT). `modify` reads, edits and writes back, so no field
//!   is dropped by accident.
//! - PingOne error bodies become [`Error::Api`](crate::Error::Api) (or `NotFound` /
//!   `AlreadyExists`) with their `code`, `message` and `details`.

mod application_builders;
mod applications;
mod children;
mod client;
mod environment;
mod identity_providers;
mod model;
mod provider_builders;
mod region;
mod secret;
pub(crate) mod union;

/// Every enumeration of the spec, open to values added later (`Unknown(String)`).
pub use crate::generated::pingone_enums::*;
pub use crate::outcome::Deletion;
pub use application_builders::{OidcApplication, SamlApplication};
pub use applications::Applications;
pub use children::{
    ApplicationResources, AttributeMapping, AttributeMappings, ResourceGrant, ResourceGrants,
    SignOnPolicyAssignment, SignOnPolicyAssignments,
};
pub use client::{PingOneClient, PingOneClientBuilder};
pub use environment::Environment;
pub use identity_providers::IdentityProviders;
pub use model::{Application, IdentityProvider};
pub use provider_builders::{OidcIdentityProvider, SamlIdentityProvider};
pub use region::Region;
pub use secret::{ApplicationSecret, PreviousSecret, Secret};
pub use union::{Other, Redacted};

crate::error::json_error_body!(crate::generated::pingone::types::PingOneError);
