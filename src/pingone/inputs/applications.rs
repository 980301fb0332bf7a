//! Validating builders for the two application kinds this library writes (OIDC and SAML),
//! which fill the generated application types.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::pingone::types;
use crate::pingone::{
    Application, ApplicationProtocol, ApplicationType, GrantType, PkceEnforcement, Redacted,
    ResponseType, SamlBinding, TokenEndpointAuthMethod,
};
use crate::values::{HttpUrl, Text};
use crate::wire_body::WireBody;

use super::absolute_uri;

/// Builds an OpenID Connect application; [`build`](Self::build) checks the documented
/// required fields (name, type, grant types, token endpoint auth method) and the URIs.
///
/// ```
/// use sso_connections::pingone::{ApplicationType, GrantType, OidcApplication, TokenEndpointAuthMethod};
///
/// let app = OidcApplication::new("Portal", ApplicationType::WebApp)
///     .grant_types([GrantType::AuthorizationCode])
///     .redirect_uris(["https://portal.example.com/callback"])
///     .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
///     .build()?;
/// assert_eq!(app.name(), "Portal");
/// assert!(OidcApplication::new("No grants", ApplicationType::WebApp).build().is_err());
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct OidcApplication {
    name: String,
    kind: ApplicationType,
    description: Option<String>,
    enabled: bool,
    grant_types: Vec<GrantType>,
    response_types: Vec<ResponseType>,
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
    auth_method: Option<TokenEndpointAuthMethod>,
    pkce: Option<PkceEnforcement>,
}

impl OidcApplication {
    /// An enabled OIDC application of this kind.
    pub fn new(name: impl Into<String>, kind: ApplicationType) -> Self {
        Self {
            name: name.into(),
            kind,
            description: None,
            enabled: true,
            grant_types: Vec::new(),
            response_types: Vec::new(),
            redirect_uris: Vec::new(),
            post_logout_redirect_uris: Vec::new(),
            auth_method: None,
            pkce: None,
        }
    }

    /// Description shown to administrators.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Whether the application is enabled (default true).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// Grants it may use (at least one).
    pub fn grant_types(mut self, grants: impl IntoIterator<Item = GrantType>) -> Self {
        self.grant_types = grants.into_iter().collect();
        self
    }

    /// What its authorization requests return.
    pub fn response_types(mut self, types: impl IntoIterator<Item = ResponseType>) -> Self {
        self.response_types = types.into_iter().collect();
        self
    }

    /// Where authorization responses may be sent (absolute URIs; custom schemes allowed).
    pub fn redirect_uris<S: Into<String>>(mut self, uris: impl IntoIterator<Item = S>) -> Self {
        self.redirect_uris = uris.into_iter().map(Into::into).collect();
        self
    }

    /// Where the browser may go after logout (absolute URIs).
    pub fn post_logout_redirect_uris<S: Into<String>>(
        mut self,
        uris: impl IntoIterator<Item = S>,
    ) -> Self {
        self.post_logout_redirect_uris = uris.into_iter().map(Into::into).collect();
        self
    }

    /// How it authenticates at the token endpoint (required).
    pub fn token_endpoint_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.auth_method = Some(method);
        self
    }

    /// Whether it must use PKCE.
    pub fn pkce_enforcement(mut self, pkce: PkceEnforcement) -> Self {
        self.pkce = Some(pkce);
        self
    }

    /// Validates and returns the application to create.
    pub fn build(self) -> Result<Application> {
        let name = Text::parse_field("name", self.name)?.into_string();
        if self.grant_types.is_empty() {
            return Err(Error::invalid(
                "grantTypes",
                "must name at least one grant type",
            ));
        }
        let auth_method = self
            .auth_method
            .ok_or_else(|| Error::invalid("tokenEndpointAuthMethod", "is required"))?;
        for (field, uris) in [
            ("redirectUris", &self.redirect_uris),
            ("postLogoutRedirectUris", &self.post_logout_redirect_uris),
        ] {
            uris.iter().try_for_each(|uri| absolute_uri(field, uri))?;
        }
        let app = WireBody::new()
            .set("name", name)
            .set("type", self.kind)
            .set("protocol", ApplicationProtocol::OpenidConnect)
            .set("enabled", self.enabled)
            .given("description", self.description)
            .set("grantTypes", self.grant_types)
            .set("responseTypes", self.response_types)
            .set("redirectUris", self.redirect_uris)
            .set("postLogoutRedirectUris", self.post_logout_redirect_uris)
            .set("tokenEndpointAuthMethod", auth_method)
            .given("pkceEnforcement", self.pkce)
            .build()?;
        Ok(Application::OpenIdConnect(Redacted(app)))
    }
}

/// Builds a SAML application; [`build`](Self::build) checks the documented required fields
/// (name, ACS URLs, assertion duration, SP entity ID).
///
/// ```
/// use sso_connections::pingone::SamlApplication;
///
/// let app = SamlApplication::new("Payroll")
///     .acs_urls(["https://payroll.example.com/saml/acs"])
///     .assertion_duration(60)
///     .sp_entity_id("https://payroll.example.com")
///     .build()?;
/// assert!(matches!(app, sso_connections::pingone::Application::Saml(_)));
/// let err = SamlApplication::new("Payroll").assertion_duration(60).sp_entity_id("x").build();
/// assert!(err.unwrap_err().to_string().contains("acsUrls"));
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SamlApplication {
    name: String,
    description: Option<String>,
    enabled: bool,
    acs_urls: Vec<String>,
    assertion_duration: Option<u32>,
    sp_entity_id: Option<String>,
    name_id_format: Option<String>,
    slo_endpoint: Option<String>,
    slo_response_endpoint: Option<String>,
    slo_binding: Option<SamlBinding>,
    signing_key: Option<Uuid>,
}

impl SamlApplication {
    /// An enabled SAML web application.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            enabled: true,
            acs_urls: Vec::new(),
            assertion_duration: None,
            sp_entity_id: None,
            name_id_format: None,
            slo_endpoint: None,
            slo_response_endpoint: None,
            slo_binding: None,
            signing_key: None,
        }
    }

    /// The key of the environment that signs this application's assertions
    /// (`idpSigning.key`; PingOne refuses a key the environment does not have). Without it,
    /// PingOne uses the environment's default signing key.
    ///
    /// ```
    /// use sso_connections::pingone::SamlApplication;
    /// let app = SamlApplication::new("Payroll")
    ///     .acs_urls(["https://payroll.example/acs"])
    ///     .assertion_duration(60)
    ///     .sp_entity_id("https://payroll.example")
    ///     .signing_key(sso_connections::Uuid::from_u128(7))
    ///     .build()?;
    /// # let _ = app;
    /// # Ok::<(), sso_connections::Error>(())
    /// ```
    pub fn signing_key(mut self, key: Uuid) -> Self {
        self.signing_key = Some(key);
        self
    }

    /// Description shown to administrators.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Whether the application is enabled (default true).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// Assertion consumer service URLs (at least one, absolute http(s)).
    pub fn acs_urls<S: Into<String>>(mut self, urls: impl IntoIterator<Item = S>) -> Self {
        self.acs_urls = urls.into_iter().map(Into::into).collect();
        self
    }

    /// How long an assertion is valid, in seconds (more than zero).
    pub fn assertion_duration(mut self, seconds: u32) -> Self {
        self.assertion_duration = Some(seconds);
        self
    }

    /// The service provider's entity ID.
    pub fn sp_entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.sp_entity_id = Some(entity_id.into());
        self
    }

    /// SAML NameID format URI.
    pub fn name_id_format(mut self, format: impl Into<String>) -> Self {
        self.name_id_format = Some(format.into());
        self
    }

    /// Single logout endpoint (absolute http(s)); checked by [`build`](Self::build).
    pub fn slo_endpoint(mut self, url: impl Into<String>) -> Self {
        self.slo_endpoint = Some(url.into());
        self
    }

    /// Single logout response endpoint (absolute http(s)); checked by [`build`](Self::build).
    pub fn slo_response_endpoint(mut self, url: impl Into<String>) -> Self {
        self.slo_response_endpoint = Some(url.into());
        self
    }

    /// Binding for single logout.
    pub fn slo_binding(mut self, binding: SamlBinding) -> Self {
        self.slo_binding = Some(binding);
        self
    }

    /// Validates and returns the application to create.
    pub fn build(self) -> Result<Application> {
        let name = Text::parse_field("name", self.name)?.into_string();
        if self.acs_urls.is_empty() {
            return Err(Error::invalid("acsUrls", "must name at least one URL"));
        }
        for url in &self.acs_urls {
            HttpUrl::parse_field("acsUrls", url.clone())?;
        }
        for (field, url) in [
            ("sloEndpoint", &self.slo_endpoint),
            ("sloResponseEndpoint", &self.slo_response_endpoint),
        ] {
            if let Some(url) = url {
                HttpUrl::parse_field(field, url.clone())?;
            }
        }
        let duration = self.assertion_duration.filter(|d| *d > 0).ok_or_else(|| {
            Error::invalid(
                "assertionDuration",
                "is required and must be more than 0 seconds",
            )
        })?;
        let duration = i32::try_from(duration).map_err(|_| {
            Error::invalid("assertionDuration", "must be at most 2147483647 seconds")
        })?;
        let entity_id = Text::parse_field("spEntityId", self.sp_entity_id.unwrap_or_default())?;
        let app = WireBody::new()
            .set("name", name)
            .set("type", ApplicationType::WebApp)
            .set("protocol", ApplicationProtocol::Saml)
            .set("enabled", self.enabled)
            .given("description", self.description)
            .set("acsUrls", self.acs_urls)
            .set("assertionDuration", duration)
            .set("spEntityId", entity_id.into_string())
            .given("nameIdFormat", self.name_id_format)
            .given("sloEndpoint", self.slo_endpoint)
            .given("sloResponseEndpoint", self.slo_response_endpoint)
            .given("sloBinding", self.slo_binding)
            .given(
                "idpSigning",
                self.signing_key.map(|id| types::IdpSigning {
                    algorithm: None,
                    key: types::ResourceRef { id },
                }),
            )
            .build()?;
        Ok(Application::Saml(Redacted(app)))
    }
}
