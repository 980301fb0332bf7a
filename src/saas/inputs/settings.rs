//! The settings every connection of one `idpId` shares.

use crate::error::{Error, Result};
use crate::values::{Certificate, Email, Fingerprint, HttpUrl, Text};

use crate::saas::{SigningAlgorithm, SloBinding};

/// A setting that an update can leave alone, clear, or set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Clearable<T> {
    /// Leave the stored value as it is (the field is not sent).
    #[default]
    Keep,
    /// Remove the stored value (sent as an empty string).
    Clear,
    /// Store this value.
    Set(T),
}

/// On the wire a clearable setting is absent (keep), `""` (clear) or its value (set).
impl<T: schemars::JsonSchema> schemars::JsonSchema for Clearable<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Clearable{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let value = generator.subschema_for::<T>();
        schemars::json_schema!({ "anyOf": [value, { "type": "string", "maxLength": 0 }] })
    }
}

/// Settings shared by every connection of one customer identity provider.
///
/// PingOne keeps one copy of these per `idpId`: changing them through an update changes them
/// for every application connected to that `idpId`. What differs per application
/// (`multiplexed`, which applications) is not here; see [`NewConnection`](crate::saas::NewConnection)
/// and [`ConnectionUpdate`](crate::saas::ConnectionUpdate).
///
/// Every field is optional in this type. A create needs `email`, `entityId`, `ssoEndpoint` and
/// the signing certificate; an update sends only what was set.
///
/// ```
/// use sso_connections::saas::SharedSettings;
///
/// let settings = SharedSettings::builder()
///     .email("admin@acme.example")
///     .sso_endpoint("https://idp.acme.example/sso")
///     .build()?;
/// assert_eq!(settings.email().map(|e| e.as_str()), Some("admin@acme.example"));
///
/// let err = SharedSettings::builder().sso_endpoint("not a url").build().unwrap_err();
/// assert_eq!(err.to_string().contains("ssoEndpoint"), true);
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SharedSettings {
    pub(super) email: Option<Email>,
    pub(super) entity_id: Option<String>,
    pub(super) sso_endpoint: Option<HttpUrl>,
    #[serde(rename = "signingCertificateData")]
    pub(super) signing_certificate: Option<Certificate>,
    #[serde(default)]
    pub(super) slo_endpoint: Clearable<HttpUrl>,
    #[serde(default)]
    pub(super) slo_response_endpoint: Clearable<HttpUrl>,
    pub(super) slo_binding: Option<SloBinding>,
    pub(super) sign_authn_request: Option<bool>,
    pub(super) signing_cert_fingerprint: Option<Fingerprint>,
    pub(super) signing_algorithm: Option<SigningAlgorithm>,
}

impl SharedSettings {
    /// Starts an empty set of settings.
    pub fn builder() -> SharedSettingsBuilder {
        SharedSettingsBuilder::default()
    }

    /// Administrator email, when set.
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    /// Identity provider entity ID, when set.
    pub fn entity_id(&self) -> Option<&str> {
        self.entity_id.as_deref()
    }

    /// SSO endpoint, when set.
    pub fn sso_endpoint(&self) -> Option<&HttpUrl> {
        self.sso_endpoint.as_ref()
    }

    /// The customer's signing certificate, when set.
    pub fn signing_certificate(&self) -> Option<&Certificate> {
        self.signing_certificate.as_ref()
    }

    /// Whether no setting at all is set (an update with these settings would change nothing).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Checks that a create has what it needs: the four required settings, and no "clear".
    pub(super) fn check_complete(&self) -> Result<()> {
        let missing = [
            ("email", self.email.is_none()),
            ("entityId", self.entity_id.is_none()),
            ("ssoEndpoint", self.sso_endpoint.is_none()),
            ("signingCertificateData", self.signing_certificate.is_none()),
        ];
        if let Some((field, _)) = missing.into_iter().find(|(_, absent)| *absent) {
            return Err(Error::invalid(field, "is required to create a connection"));
        }
        for (field, value) in [
            ("sloEndpoint", &self.slo_endpoint),
            ("sloResponseEndpoint", &self.slo_response_endpoint),
        ] {
            if *value == Clearable::Clear {
                return Err(Error::invalid(
                    field,
                    "cannot be cleared in a create; leave it unset",
                ));
            }
        }
        Ok(())
    }
}

/// Collects raw values for [`SharedSettings`]; [`build`](Self::build) validates them all.
#[derive(Clone, Debug, Default)]
pub struct SharedSettingsBuilder {
    email: Option<String>,
    entity_id: Option<String>,
    sso_endpoint: Option<String>,
    signing_certificate: Option<Certificate>,
    slo_endpoint: Clearable<String>,
    slo_response_endpoint: Clearable<String>,
    slo_binding: Option<SloBinding>,
    sign_authn_request: Option<bool>,
    signing_cert_fingerprint: Option<String>,
    signing_algorithm: Option<SigningAlgorithm>,
}

impl SharedSettingsBuilder {
    /// Email address of the customer's administrator.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// SAML entity ID of the customer's identity provider (non-empty).
    pub fn entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.entity_id = Some(entity_id.into());
        self
    }

    /// Absolute http(s) URL that receives AuthnRequests.
    pub fn sso_endpoint(mut self, url: impl Into<String>) -> Self {
        self.sso_endpoint = Some(url.into());
        self
    }

    /// The customer's signing certificate (see [`Certificate`] for accepted forms).
    pub fn signing_certificate(mut self, certificate: Certificate) -> Self {
        self.signing_certificate = Some(certificate);
        self
    }

    /// Absolute http(s) URL that receives single logout requests.
    pub fn slo_endpoint(mut self, url: impl Into<String>) -> Self {
        self.slo_endpoint = Clearable::Set(url.into());
        self
    }

    /// Removes the single logout request URL (update only; sent as `""`).
    pub fn clear_slo_endpoint(mut self) -> Self {
        self.slo_endpoint = Clearable::Clear;
        self
    }

    /// Absolute http(s) URL that receives single logout responses.
    pub fn slo_response_endpoint(mut self, url: impl Into<String>) -> Self {
        self.slo_response_endpoint = Clearable::Set(url.into());
        self
    }

    /// Removes the single logout response URL (update only; sent as `""`).
    pub fn clear_slo_response_endpoint(mut self) -> Self {
        self.slo_response_endpoint = Clearable::Clear;
        self
    }

    /// Binding for single logout requests (server default: POST).
    pub fn slo_binding(mut self, binding: SloBinding) -> Self {
        self.slo_binding = Some(binding);
        self
    }

    /// Whether PingOne signs its AuthnRequests (server default: false).
    pub fn sign_authn_request(mut self, sign: bool) -> Self {
        self.sign_authn_request = Some(sign);
        self
    }

    /// Fingerprint of the PingOne signing certificate to use (server default: the account's
    /// default signing certificate).
    pub fn signing_cert_fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.signing_cert_fingerprint = Some(fingerprint.into());
        self
    }

    /// Signing algorithm (server default: RSA_SHA256).
    pub fn signing_algorithm(mut self, algorithm: SigningAlgorithm) -> Self {
        self.signing_algorithm = Some(algorithm);
        self
    }

    /// Validates every value that was set; the error names the first field that is wrong.
    pub fn build(self) -> Result<SharedSettings> {
        Ok(SharedSettings {
            email: self
                .email
                .map(|v| Email::parse_field("email", v))
                .transpose()?,
            entity_id: self
                .entity_id
                .map(|v| Text::parse_field("entityId", v).map(Text::into_string))
                .transpose()?,
            sso_endpoint: url_field("ssoEndpoint", self.sso_endpoint)?,
            signing_certificate: self.signing_certificate,
            slo_endpoint: clearable_url("sloEndpoint", self.slo_endpoint)?,
            slo_response_endpoint: clearable_url(
                "sloResponseEndpoint",
                self.slo_response_endpoint,
            )?,
            slo_binding: self.slo_binding,
            sign_authn_request: self.sign_authn_request,
            signing_cert_fingerprint: self
                .signing_cert_fingerprint
                .map(|v| Fingerprint::parse_field("signingCertFingerprint", v))
                .transpose()?,
            signing_algorithm: self.signing_algorithm,
        })
    }
}

fn url_field(field: &'static str, value: Option<String>) -> Result<Option<HttpUrl>> {
    value.map(|v| HttpUrl::parse_field(field, v)).transpose()
}

fn clearable_url(field: &'static str, value: Clearable<String>) -> Result<Clearable<HttpUrl>> {
    Ok(match value {
        Clearable::Keep => Clearable::Keep,
        Clearable::Clear => Clearable::Clear,
        Clearable::Set(v) => Clearable::Set(HttpUrl::parse_field(field, v)?),
    })
}
