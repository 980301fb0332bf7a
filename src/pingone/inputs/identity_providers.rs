//! Validating builders for SAML and OpenID Connect identity providers, which fill the
//! generated identity-provider types.

use uuid::Uuid;

use crate::auth::SecretString;
use crate::error::{Error, Result};
use crate::generated::pingone::types;
use crate::pingone::{
    IdentityProvider, IdentityProviderType, IdpTokenEndpointAuthMethod, Redacted, SamlBinding,
};
use crate::values::{HttpUrl, Text};
use crate::wire_body::WireBody;

use super::resource;

/// Requires a field a builder must have been given.
fn required<T>(field: &'static str, value: Option<T>) -> Result<T> {
    value.ok_or_else(|| Error::invalid(field, "is required"))
}

fn url(field: &'static str, value: Option<String>) -> Result<String> {
    HttpUrl::parse_field(field, required(field, value)?).map(|u| u.as_str().to_owned())
}

/// Builds a SAML identity provider; [`build`](Self::build) checks the required fields
/// (entity IDs, SSO endpoint and binding, at least one verification certificate).
///
/// ```
/// use sso_connections::pingone::{SamlBinding, SamlIdentityProvider};
/// use sso_connections::Uuid;
///
/// let idp = SamlIdentityProvider::new("Acme ADFS")
///     .idp_entity_id("http://adfs.acme.example/adfs/services/trust")
///     .sp_entity_id("pingone-acme")
///     .sso_endpoint("https://adfs.acme.example/adfs/ls", SamlBinding::HttpPost)
///     .verification_certificates([Uuid::from_u128(1)])
///     .build()?;
/// assert_eq!(idp.name(), "Acme ADFS");
/// assert!(SamlIdentityProvider::new("x").build().is_err());
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SamlIdentityProvider {
    name: String,
    enabled: bool,
    authn_request_signed: Option<bool>,
    idp_entity_id: Option<String>,
    sp_entity_id: Option<String>,
    sso: Option<(String, SamlBinding)>,
    slo: Option<(String, SamlBinding)>,
    slo_response: Option<String>,
    certificates: Vec<Uuid>,
}

impl SamlIdentityProvider {
    /// An enabled SAML identity provider.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            enabled: true,
            authn_request_signed: None,
            idp_entity_id: None,
            sp_entity_id: None,
            sso: None,
            slo: None,
            slo_response: None,
            certificates: Vec::new(),
        }
    }

    /// Whether it is enabled (default true).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// The identity provider's entity ID.
    pub fn idp_entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.idp_entity_id = Some(entity_id.into());
        self
    }

    /// The entity ID PingOne uses towards this provider.
    pub fn sp_entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.sp_entity_id = Some(entity_id.into());
        self
    }

    /// Where PingOne sends AuthnRequests, and with which binding.
    pub fn sso_endpoint(mut self, url: impl Into<String>, binding: SamlBinding) -> Self {
        self.sso = Some((url.into(), binding));
        self
    }

    /// Where PingOne sends single logout requests, and with which binding (optional).
    pub fn slo_endpoint(mut self, url: impl Into<String>, binding: SamlBinding) -> Self {
        self.slo = Some((url.into(), binding));
        self
    }

    /// Where PingOne sends single logout responses, when not to the logout endpoint.
    pub fn slo_response_endpoint(mut self, url: impl Into<String>) -> Self {
        self.slo_response = Some(url.into());
        self
    }

    /// Ids of the PingOne certificates that verify the provider's signatures (at least one).
    pub fn verification_certificates(mut self, ids: impl IntoIterator<Item = Uuid>) -> Self {
        self.certificates = ids.into_iter().collect();
        self
    }

    /// Whether PingOne signs its AuthnRequests.
    pub fn authn_request_signed(mut self, signed: bool) -> Self {
        self.authn_request_signed = Some(signed);
        self
    }

    /// Validates and returns the provider to create.
    pub fn build(self) -> Result<IdentityProvider> {
        let name = Text::parse_field("name", self.name)?.into_string();
        let idp_entity_id =
            Text::parse_field("idpEntityId", self.idp_entity_id.unwrap_or_default())?;
        let sp_entity_id = Text::parse_field("spEntityId", self.sp_entity_id.unwrap_or_default())?;
        let (endpoint, binding) = required("ssoEndpoint", self.sso)?;
        let endpoint = url("ssoEndpoint", Some(endpoint))?;
        if self.certificates.is_empty() {
            return Err(Error::invalid(
                "idpVerification.certificates",
                "must name at least one certificate",
            ));
        }
        let (slo_endpoint, slo_binding) = match self.slo {
            Some((url, binding)) => (
                Some(HttpUrl::parse_field("sloEndpoint", url)?),
                Some(binding),
            ),
            None => (None, None),
        };
        let slo_response_endpoint = self
            .slo_response
            .map(|url| HttpUrl::parse_field("sloResponseEndpoint", url))
            .transpose()?;
        let verification = types::IdpVerification {
            certificates: self.certificates.into_iter().map(resource).collect(),
        };
        let provider = WireBody::new()
            .set("name", name)
            .set("type", IdentityProviderType::Saml)
            .set("enabled", self.enabled)
            .given("authnRequestSigned", self.authn_request_signed)
            .set("idpEntityId", idp_entity_id.into_string())
            .set("spEntityId", sp_entity_id.into_string())
            .set("ssoEndpoint", endpoint)
            .set("ssoBinding", binding)
            .given("sloEndpoint", slo_endpoint.map(|u| u.as_str().to_owned()))
            .given("sloBinding", slo_binding)
            .given(
                "sloResponseEndpoint",
                slo_response_endpoint.map(|u| u.as_str().to_owned()),
            )
            .set("idpVerification", verification)
            .build()?;
        Ok(IdentityProvider::Saml(Redacted(provider)))
    }
}

/// Builds an OpenID Connect identity provider; [`build`](Self::build) checks the required
/// endpoints (absolute http(s) URLs), client id and secret, and scopes.
///
/// ```
/// use sso_connections::pingone::{IdpTokenEndpointAuthMethod, OidcIdentityProvider};
///
/// let idp = OidcIdentityProvider::new("Acme Okta")
///     .issuer("https://acme.okta.example")
///     .authorization_endpoint("https://acme.okta.example/oauth2/v1/authorize")
///     .token_endpoint("https://acme.okta.example/oauth2/v1/token")
///     .jwks_endpoint("https://acme.okta.example/oauth2/v1/keys")
///     .client("pingone-client", "client-secret")
///     .scopes(["openid", "email"])
///     .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
///     .build()?;
/// assert!(!format!("{idp:?}").contains("client-secret"));
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct OidcIdentityProvider {
    name: String,
    enabled: bool,
    issuer: Option<String>,
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
    jwks_endpoint: Option<String>,
    userinfo_endpoint: Option<String>,
    client: Option<(String, SecretString)>,
    scopes: Vec<String>,
    auth_method: Option<IdpTokenEndpointAuthMethod>,
}

impl OidcIdentityProvider {
    /// An enabled OpenID Connect provider.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            enabled: true,
            issuer: None,
            authorization_endpoint: None,
            token_endpoint: None,
            jwks_endpoint: None,
            userinfo_endpoint: None,
            client: None,
            scopes: Vec::new(),
            auth_method: None,
        }
    }

    /// Whether it is enabled (default true).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// The provider's issuer URL.
    pub fn issuer(mut self, url: impl Into<String>) -> Self {
        self.issuer = Some(url.into());
        self
    }

    /// The provider's authorization endpoint.
    pub fn authorization_endpoint(mut self, url: impl Into<String>) -> Self {
        self.authorization_endpoint = Some(url.into());
        self
    }

    /// The provider's token endpoint.
    pub fn token_endpoint(mut self, url: impl Into<String>) -> Self {
        self.token_endpoint = Some(url.into());
        self
    }

    /// The provider's JWKS endpoint.
    pub fn jwks_endpoint(mut self, url: impl Into<String>) -> Self {
        self.jwks_endpoint = Some(url.into());
        self
    }

    /// The provider's userinfo endpoint (optional).
    pub fn userinfo_endpoint(mut self, url: impl Into<String>) -> Self {
        self.userinfo_endpoint = Some(url.into());
        self
    }

    /// The client id and secret the provider issued to PingOne.
    pub fn client(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Self {
        self.client = Some((client_id.into(), client_secret.into()));
        self
    }

    /// Scopes PingOne requests (at least one).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// How PingOne authenticates at the provider's token endpoint.
    pub fn token_endpoint_auth_method(mut self, method: IdpTokenEndpointAuthMethod) -> Self {
        self.auth_method = Some(method);
        self
    }

    /// Validates and returns the provider to create.
    pub fn build(self) -> Result<IdentityProvider> {
        let name = Text::parse_field("name", self.name)?.into_string();
        let issuer = url("issuer", self.issuer)?;
        let authorization_endpoint = url("authorizationEndpoint", self.authorization_endpoint)?;
        let token_endpoint = url("tokenEndpoint", self.token_endpoint)?;
        let jwks_endpoint = url("jwksEndpoint", self.jwks_endpoint)?;
        let userinfo_endpoint = match self.userinfo_endpoint {
            Some(userinfo) => Some(url("userInfoEndpoint", Some(userinfo))?),
            None => None,
        };
        let (client_id, client_secret) = required("clientId", self.client)?;
        let client_id = Text::parse_field("clientId", client_id)?.into_string();
        if client_secret.expose_secret().is_empty() {
            return Err(Error::invalid("clientSecret", "must not be empty"));
        }
        if self.scopes.is_empty() || self.scopes.iter().any(|s| s.trim().is_empty()) {
            return Err(Error::invalid(
                "scopes",
                "must name at least one non-empty scope",
            ));
        }
        let method = required("tokenEndpointAuthMethod", self.auth_method)?;
        // The secret is set on the typed value, so it never passes through JSON.
        let mut provider: types::IdentityProviderOidc = WireBody::new()
            .set("name", name)
            .set("type", IdentityProviderType::OpenidConnect)
            .set("enabled", self.enabled)
            .set("issuer", issuer)
            .set("authorizationEndpoint", authorization_endpoint)
            .set("tokenEndpoint", token_endpoint)
            .set("jwksEndpoint", jwks_endpoint)
            .given("userInfoEndpoint", userinfo_endpoint)
            .set("clientId", client_id)
            .set("scopes", self.scopes)
            .set("tokenEndpointAuthMethod", method)
            .build()?;
        provider.client_secret = Some(client_secret);
        Ok(IdentityProvider::OpenIdConnect(Redacted(provider)))
    }
}
