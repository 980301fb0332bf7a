//! What callers give the PingOne facade, checked before anything is sent: builders for the
//! applications and identity providers this library writes, the inputs of an application's
//! parts, and a certificate to import. Each fills the generated request type.

mod application_parts;
mod applications;
mod certificate_import;
mod identity_providers;

pub use application_parts::{AttributeMapping, ResourceGrant, SignOnPolicyAssignment};
pub use applications::{OidcApplication, SamlApplication};
pub use certificate_import::CertificateImport;
pub use identity_providers::{OidcIdentityProvider, SamlIdentityProvider};

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::pingone::types;

/// A reference to a PingOne resource by id.
fn resource(id: Uuid) -> types::ResourceRef {
    types::ResourceRef { id }
}

/// An absolute URI: a scheme and something after it (native apps use custom schemes).
fn absolute_uri(field: &'static str, uri: &str) -> Result<()> {
    match url::Url::parse(uri) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::invalid(
            field,
            format!("must hold absolute URIs; {uri:?} is not one"),
        )),
    }
}
