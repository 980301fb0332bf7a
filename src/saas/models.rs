//! What the server reports about connections, as read back.

use std::fmt;

use crate::error::Result;
use crate::generated::saas::types;
use crate::values::Certificate;

use super::{ConnectionStatus, SigningAlgorithm, SloBinding};

/// One connection between the customer identity provider and one application, as read back.
///
/// Every field is optional because the server may leave any of them out.
#[derive(Clone, Debug, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomerConnection {
    /// The customer's identity provider identifier.
    pub idp_id: Option<String>,
    /// Administrator email.
    pub email: Option<String>,
    /// Identity provider entity ID.
    pub entity_id: Option<String>,
    /// URL that receives AuthnRequests.
    pub sso_endpoint: Option<String>,
    /// The customer's signing certificate as returned (MIME base64 of DER).
    pub signing_certificate: Option<EncodedCertificate>,
    /// Whether this application's connection is multiplexed.
    pub multiplexed: Option<bool>,
    /// URL that receives single logout requests.
    pub slo_endpoint: Option<String>,
    /// URL that receives single logout responses.
    pub slo_response_endpoint: Option<String>,
    /// Binding for single logout requests.
    pub slo_binding: Option<SloBinding>,
    /// Whether PingOne signs its AuthnRequests.
    pub sign_authn_request: Option<bool>,
    /// Signing algorithm.
    pub signing_algorithm: Option<SigningAlgorithm>,
    /// State of the connection, whichever of `connectionsStatus` or `status` carried it.
    pub status: Option<ConnectionStatus>,
}

impl From<types::CustomerConnection> for CustomerConnection {
    fn from(wire: types::CustomerConnection) -> Self {
        Self {
            idp_id: wire.idp_id,
            email: wire.email,
            entity_id: wire.entity_id,
            sso_endpoint: wire.sso_endpoint,
            signing_certificate: wire.signing_certificate.map(EncodedCertificate),
            multiplexed: wire.multiplexed,
            slo_endpoint: wire.slo_endpoint,
            slo_response_endpoint: wire.slo_response_endpoint,
            slo_binding: wire.slo_binding,
            sign_authn_request: wire.sign_authn_request,
            signing_algorithm: wire.signing_algorithm,
            status: wire.connections_status.or(wire.status),
        }
    }
}

/// A certificate as the server returned it (MIME base64, possibly with line breaks).
/// `Debug` shows only its length.
///
/// ```
/// use sso_connections::saas::EncodedCertificate;
/// let cert = EncodedCertificate::from("MIIB...".to_string());
/// assert_eq!(format!("{cert:?}"), "EncodedCertificate(7 chars)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct EncodedCertificate(String);

impl EncodedCertificate {
    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Decodes and validates it as an X.509 certificate.
    pub fn decode(&self) -> Result<Certificate> {
        Certificate::parse(&self.0)
    }
}

impl From<String> for EncodedCertificate {
    fn from(value: String) -> Self {
        Self(value)
    }
}

crate::values::string_schema!(EncodedCertificate => "MIME base64 DER X.509");

impl fmt::Debug for EncodedCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncodedCertificate({} chars)", self.0.len())
    }
}
