//! SAML identity-provider metadata: read it, fetch it safely, and turn it into connection
//! settings.
//!
//! A customer's IT team sends its identity provider's metadata as a file or a URL. This module
//! reads it (every identity-provider entity, every endpoint and certificate, nothing dropped
//! during a certificate rotation), fetches it from a URL without letting the URL reach private
//! addresses, and converts an entity into the settings of a SaaS customer connection or of a
//! PingOne SAML identity provider, saying what it chose.
//!
//! Untrusted input is bounded: a document is at most 1 MiB unless the caller allows more, a
//! `DOCTYPE` is refused (so no entity is ever expanded or read from disk), and elements are
//! matched by namespace, never by prefix.
//!
//! ```
//! use sso_connections::metadata::Metadata;
//!
//! let xml = r#"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example">
//!   <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
//!     <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
//!                          Location="https://idp.example/sso"/>
//!   </IDPSSODescriptor>
//! </EntityDescriptor>"#;
//! let metadata = Metadata::parse(xml.as_bytes())?;
//! let idp = metadata.entity(None)?;
//! assert_eq!(idp.entity_id, "https://idp.example");
//! assert_eq!(idp.sso[0].location, "https://idp.example/sso");
//! assert!(idp.signing_certificates.is_empty()); // parses; converting it needs a certificate
//! # Ok::<(), sso_connections::Error>(())
//! ```

mod convert;
mod fetch;
mod guard;
#[cfg(feature = "saas")]
mod onboard;
#[cfg(feature = "pingone")]
mod onboard_pingone;
mod parse;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::values::Certificate;

pub use convert::{CertificateChoice, Chosen, SsoPreference};
pub use fetch::{fetch, fetch_if_changed, FetchOptions, Fetched, Freshness, Validators};
#[cfg(feature = "saas")]
pub use onboard::{onboard_saas, Onboarded, SaasOnboarding};
#[cfg(feature = "pingone")]
pub use onboard_pingone::{onboard_pingone, PingOneOnboarded, PingOneOnboarding};
pub use parse::ParseOptions;

/// The SAML binding URIs this module recognises by name.
pub mod bindings {
    /// `HTTP-Redirect`: the message travels in the URL's query.
    pub const HTTP_REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    /// `HTTP-POST`: the message travels in an auto-submitted HTML form.
    pub const HTTP_POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
}

/// A metadata document: every identity-provider entity it describes, in document order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The identity providers (entities without an IdP role are left out).
    pub entities: Vec<IdpEntity>,
}

/// One identity provider as its metadata describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IdpEntity {
    /// `entityID`.
    pub entity_id: String,
    /// Every `SingleSignOnService`, in document order.
    pub sso: Vec<Endpoint>,
    /// Every `SingleLogoutService`, in document order.
    pub slo: Vec<LogoutEndpoint>,
    /// Certificates that verify the provider's signatures (a `KeyDescriptor` without `use`
    /// counts for signing and encryption), in document order.
    pub signing_certificates: Vec<MetadataCertificate>,
    /// Certificates to encrypt for the provider.
    pub encryption_certificates: Vec<MetadataCertificate>,
    /// `WantAuthnRequestsSigned`, when the metadata says.
    pub want_authn_requests_signed: Option<bool>,
    /// Every `NameIDFormat`, trimmed.
    pub name_id_formats: Vec<String>,
    /// `validUntil` of the entity, or of the aggregate that holds it.
    pub valid_until: Option<DateTime<Utc>>,
    /// `cacheDuration` (an ISO 8601 duration such as `PT15M`), of the entity or its aggregate.
    pub cache_duration: Option<String>,
}

/// A `SingleSignOnService`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The binding URI (see [`bindings`]).
    pub binding: String,
    /// Where messages go.
    pub location: String,
}

/// A `SingleLogoutService`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogoutEndpoint {
    /// The binding URI (see [`bindings`]).
    pub binding: String,
    /// Where logout requests go.
    pub location: String,
    /// Where logout responses go, when not to `location`.
    pub response_location: Option<String>,
}

/// A certificate from the metadata: decoded, serialised as its details (dates in RFC 3339
/// UTC, fingerprints as lower-case hex without separators).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataCertificate(pub Certificate);

impl Serialize for MetadataCertificate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.info().serialize(serializer)
    }
}

impl Metadata {
    /// Parses a document (at most 1 MiB; see [`Metadata::parse_with`] for other limits).
    pub fn parse(document: &[u8]) -> Result<Self> {
        Self::parse_with(document, &ParseOptions::default())
    }

    /// Parses a document with the given limits.
    pub fn parse_with(document: &[u8], options: &ParseOptions) -> Result<Self> {
        parse::parse(document, options)
    }

    /// The identity provider `entity_id`, or the only one when `None`. When several are
    /// present and none is named, the error lists their entity IDs.
    pub fn entity(&self, entity_id: Option<&str>) -> Result<&IdpEntity> {
        match entity_id {
            Some(wanted) => self
                .entities
                .iter()
                .find(|e| e.entity_id == wanted)
                .ok_or_else(|| {
                    Error::invalid(
                        "entityId",
                        format!(
                            "{wanted:?} is not an identity provider of this metadata; it has {}",
                            self.listed()
                        ),
                    )
                }),
            None => match self.entities.as_slice() {
                [only] => Ok(only),
                _ => Err(Error::invalid(
                    "entityId",
                    format!("is needed: the metadata has {}", self.listed()),
                )),
            },
        }
    }

    fn listed(&self) -> String {
        let ids: Vec<String> = self
            .entities
            .iter()
            .map(|e| format!("{:?}", e.entity_id))
            .collect();
        format!("{} identity providers: {}", ids.len(), ids.join(", "))
    }
}
