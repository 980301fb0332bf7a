//! PingOne Platform: applications (with their secret, SAML attribute mappings, resource
//! grants and sign-on policy assignments), identity providers, and an environment's
//! certificates and keys.
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
//!
//! Files: `client.rs` and `region.rs` (the client, its builder and regions), `scopes.rs`
//! (an environment, an application in it), one file per resource handler (`applications.rs`,
//! `identity_providers.rs`, `application_secret.rs`, `attribute_mappings.rs`,
//! `resource_grants.rs`, `sign_on_policy_assignments.rs`, `certificates.rs`) over one CRUD mechanism
//! (`crud.rs`), `inputs/` (validated input types), `models/` (what is read back); the enums
//! are generated from the spec.

mod application_secret;
mod applications;
mod attribute_mappings;
mod certificates;
mod client;
pub(crate) mod crud;
mod identity_providers;
mod inputs;
pub(crate) mod models;
mod region;
mod resource_grants;
mod scopes;
mod sign_on_policy_assignments;

/// A certificate of an environment, as PingOne decoded it (every field but `id` optional,
/// unknown fields kept in `extra`).
pub use crate::generated::pingone::types::Certificate;
/// A key pair of an environment, described by its certificate.
pub use crate::generated::pingone::types::Key;
/// Every enumeration of the spec, open to values added later (`Unknown(String)`).
pub use crate::generated::pingone_enums::*;
pub use crate::outcome::Deletion;
pub use application_secret::ApplicationSecretHandler;
pub use applications::ApplicationsHandler;
pub use attribute_mappings::AttributeMappingsHandler;
pub(crate) use certificates::{is_stored_copy, stored_copy_of};
pub use certificates::{CertificatesHandler, KeysHandler, Stored};
pub use client::{PingOneClient, PingOneClientBuilder};
pub use identity_providers::IdentityProvidersHandler;
pub use inputs::{
    AttributeMapping, CertificateImport, OidcApplication, OidcIdentityProvider, ResourceGrant,
    SamlApplication, SamlIdentityProvider, SignOnPolicyAssignment,
};
pub use models::{
    Application, ApplicationSecret, IdentityProvider, Other, PreviousSecret, Redacted, SerialNumber,
};
pub use region::Region;
pub use resource_grants::ResourceGrantsHandler;
pub use scopes::{ApplicationScope, EnvironmentScope};
pub use sign_on_policy_assignments::SignOnPolicyAssignmentsHandler;

crate::transport::json_error_body!(crate::generated::pingone::types::PingOneError);
