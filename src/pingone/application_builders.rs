//! Validating builders for the two application kinds this library writes (OIDC and SAML).

use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::values::{HttpUrl, Text};

use super::model::{absolute_uri, check_name, from_fields};
use super::{
    Application, ApplicationType, GrantType, PkceEnforcement, ResponseType, SamlBinding,
    TokenEndpointAuthMethod,
};

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
    fields: Map<String, Value>,
    grant_types: Vec<GrantType>,
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
    auth_method: Option<TokenEndpointAuthMethod>,
}

impl OidcApplication {
    /// An enabled OIDC application of this kind.
    pub fn new(name: impl Into<String>, kind: ApplicationType) -> Self {
        let mut fields = Map::new();
        fields.insert("name".into(), json!(name.into()));
        fields.insert("type".into(), json!(kind));
        fields.insert("protocol".into(), json!("OPENID_CONNECT"));
        fields.insert("enabled".into(), json!(true));
        Self {
            fields,
            grant_types: Vec::new(),
            redirect_uris: Vec::new(),
            post_logout_redirect_uris: Vec::new(),
            auth_method: None,
        }
    }

    /// Description shown to administrators.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.fields
            .insert("description".into(), json!(description.into()));
        self
    }

    /// Whether the application is enabled (default true).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.fields.insert("enabled".into(), json!(enabled));
        self
    }

    /// Grants it may use (at least one).
    pub fn grant_types(mut self, grants: impl IntoIterator<Item = GrantType>) -> Self {
        self.grant_types = grants.into_iter().collect();
        self
    }

    /// What its authorization requests return.
    pub fn response_types(mut self, types: impl IntoIterator<Item = ResponseType>) -> Self {
        let types: Vec<ResponseType> = types.into_iter().collect();
        self.fields.insert("responseTypes".into(), json!(types));
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
        self.fields.insert("pkceEnforcement".into(), json!(pkce));
        self
    }

    /// Validates and returns the application to create.
    pub fn build(mut self) -> Result<Application> {
        check_name(&self.fields)?;
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
            for uri in uris {
                absolute_uri(field, uri)?;
            }
            if !uris.is_empty() {
                self.fields.insert(field.into(), json!(uris));
            }
        }
        self.fields
            .insert("grantTypes".into(), json!(self.grant_types));
        self.fields
            .insert("tokenEndpointAuthMethod".into(), json!(auth_method));
        from_fields(self.fields)
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
    fields: Map<String, Value>,
    acs_urls: Vec<String>,
    assertion_duration: Option<u32>,
    sp_entity_id: Option<String>,
}

impl SamlApplication {
    /// An enabled SAML web application.
    pub fn new(name: impl Into<String>) -> Self {
        let mut fields = Map::new();
        fields.insert("name".into(), json!(name.into()));
        fields.insert("type".into(), json!(ApplicationType::WebApp));
        fields.insert("protocol".into(), json!("SAML"));
        fields.insert("enabled".into(), json!(true));
        Self {
            fields,
            acs_urls: Vec::new(),
            assertion_duration: None,
            sp_entity_id: None,
        }
    }

    /// Description shown to administrators.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.fields
            .insert("description".into(), json!(description.into()));
        self
    }

    /// Whether the application is enabled (default true).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.fields.insert("enabled".into(), json!(enabled));
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
        self.fields
            .insert("nameIdFormat".into(), json!(format.into()));
        self
    }

    /// Single logout endpoint (absolute http(s)); checked by [`build`](Self::build).
    pub fn slo_endpoint(mut self, url: impl Into<String>) -> Self {
        self.fields.insert("sloEndpoint".into(), json!(url.into()));
        self
    }

    /// Single logout response endpoint (absolute http(s)); checked by [`build`](Self::build).
    pub fn slo_response_endpoint(mut self, url: impl Into<String>) -> Self {
        self.fields
            .insert("sloResponseEndpoint".into(), json!(url.into()));
        self
    }

    /// Binding for single logout.
    pub fn slo_binding(mut self, binding: SamlBinding) -> Self {
        self.fields.insert("sloBinding".into(), json!(binding));
        self
    }

    /// Validates and returns the application to create.
    pub fn build(mut self) -> Result<Application> {
        check_name(&self.fields)?;
        if self.acs_urls.is_empty() {
            return Err(Error::invalid("acsUrls", "must name at least one URL"));
        }
        for url in &self.acs_urls {
            HttpUrl::parse_field("acsUrls", url.clone())?;
        }
        for field in ["sloEndpoint", "sloResponseEndpoint"] {
            if let Some(url) = self.fields.get(field).and_then(Value::as_str) {
                HttpUrl::parse_field(field, url.to_owned())?;
            }
        }
        let duration = self.assertion_duration.filter(|d| *d > 0).ok_or_else(|| {
            Error::invalid(
                "assertionDuration",
                "is required and must be more than 0 seconds",
            )
        })?;
        let entity_id = Text::parse_field("spEntityId", self.sp_entity_id.unwrap_or_default())?;
        self.fields.insert("acsUrls".into(), json!(self.acs_urls));
        self.fields
            .insert("assertionDuration".into(), json!(duration));
        self.fields
            .insert("spEntityId".into(), json!(entity_id.into_string()));
        from_fields(self.fields)
    }
}
