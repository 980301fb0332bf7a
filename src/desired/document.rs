//! The declared state: a TOML or JSON document naming every customer's connections.
//!
//! The document says what should exist; nothing it leaves out is touched (unless a plan
//! prunes). Its JSON Schema, generated from these types, is committed as
//! `schema/desired-state.schema.json` for editors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::DesiredError;

/// Largest document [`Document::load`] reads (16 MiB: about 10,000 customers with inline
/// certificates).
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// Every declared resource: SaaS `idpId`s, PingOne identity providers per environment, Auth0
/// connection profiles per tenant.
///
/// ```
/// use sso_connections::desired::Document;
///
/// let document = Document::from_toml_str(r#"
/// [saas.applications]
/// crm = "6964005a-6270-4a88-9ddc-0e6a4e05e51d"
///
/// [saas.connections."acme.example"]
/// email = "it@acme.example"
/// metadata_file = "acme-metadata.xml"
/// applications = [{ application = "crm" }]
/// "#)?;
/// assert_eq!(document.saas.connections.len(), 1);
/// # Ok::<(), sso_connections::desired::DesiredError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The JSON Schema this document follows (for editors; ignored otherwise).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// PingOne SSO for SaaS Apps: connections by `idpId`.
    #[serde(default, skip_serializing_if = "SaasSection::is_empty")]
    pub saas: SaasSection,
    /// PingOne Platform: identity providers, by environment id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("propertyNames" = {
        "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    }))]
    pub pingone: BTreeMap<Uuid, PingOneEnvironment>,
    /// Auth0: connection profiles, by tenant (the name the caller gives each tenant's client).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub auth0: BTreeMap<String, Auth0Tenant>,
    /// Where relative file paths in the document start (the document's folder when loaded
    /// from a file; the working directory otherwise).
    #[serde(skip)]
    #[schemars(skip)]
    pub base_dir: PathBuf,
}

/// Whether a declared resource should exist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Ensure {
    /// It should exist with the declared settings (the default).
    #[default]
    Present,
    /// It should not exist: a plan deletes it (no `prune` needed, the document names it).
    Absent,
}

impl Ensure {
    fn is_present(&self) -> bool {
        *self == Ensure::Present
    }
}

/// The Customer Connection API part of a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SaasSection {
    /// Names for application saasids, usable wherever a document names an application. With
    /// `prune`, these are also the applications a plan looks for among connections the
    /// document does not declare.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub applications: BTreeMap<String, Uuid>,
    /// The connections of each customer, by `idpId`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub connections: BTreeMap<String, SaasConnection>,
}

impl SaasSection {
    fn is_empty(&self) -> bool {
        self.applications.is_empty() && self.connections.is_empty()
    }
}

/// One customer's `idpId`: its shared settings (given, or read from its identity provider's
/// metadata) and the applications it is connected to.
///
/// A setting left out is not compared and not changed. An empty `slo_endpoint` or
/// `slo_response_endpoint` means "none". Explicit settings win over the metadata's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SaasConnection {
    /// `present` (default) or `absent` (every connection of the `idpId` is deleted).
    #[serde(default, skip_serializing_if = "Ensure::is_present")]
    pub ensure: Ensure,
    /// Administrator email (required unless `absent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// SAML entity ID of the customer's identity provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// URL that receives AuthnRequests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_endpoint: Option<String>,
    /// The signing certificate: PEM, or base64 of DER.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_certificate: Option<String>,
    /// A file holding the signing certificate (PEM or DER).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_certificate_file: Option<PathBuf>,
    /// A file holding the identity provider's SAML metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_file: Option<PathBuf>,
    /// Where the identity provider publishes its SAML metadata (fetched when planning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_url: Option<String>,
    /// The entity to use when the metadata describes several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_entity_id: Option<String>,
    /// URL that receives single logout requests ("" for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_endpoint: Option<String>,
    /// URL that receives single logout responses ("" for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_response_endpoint: Option<String>,
    /// Binding of single logout requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_binding: Option<SloBindingName>,
    /// Whether PingOne signs its AuthnRequests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_authn_request: Option<bool>,
    /// Signing algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_algorithm: Option<SigningAlgorithmName>,
    /// Fingerprint of the PingOne signing certificate to use. The API does not report it back,
    /// so it is sent when connections are created and never compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_cert_fingerprint: Option<String>,
    /// The applications this `idpId` is connected to (at least one unless `absent`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applications: Vec<SaasApplication>,
}

/// One application's connection for an `idpId`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SaasApplication {
    /// The application: a saasid, or a name from `saas.applications`.
    pub application: String,
    /// Whether the connection is multiplexed (default true, as the API's).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub multiplexed: bool,
    /// Whether single sign-on through it is enabled (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

/// Binding of single logout requests, as the Customer Connection API spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SloBindingName {
    /// HTTP-Redirect.
    Redirect,
    /// HTTP-POST.
    #[serde(rename = "POST")]
    Post,
}

/// Signing algorithms the Customer Connection API accepts.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SigningAlgorithmName {
    /// RSA with SHA-1.
    RSA_SHA1,
    /// RSA with SHA-256.
    RSA_SHA256,
    /// RSA with SHA-384.
    RSA_SHA384,
    /// RSA with SHA-512.
    RSA_SHA512,
}

/// The identity providers of one PingOne environment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PingOneEnvironment {
    /// Identity providers by name (names are what a plan matches on).
    #[serde(default)]
    pub identity_providers: BTreeMap<String, IdentityProviderSpec>,
}

/// A PingOne identity provider: SAML or OpenID Connect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum IdentityProviderSpec {
    /// A SAML identity provider.
    #[serde(rename = "SAML")]
    Saml(SamlProviderSpec),
    /// An OpenID Connect identity provider.
    #[serde(rename = "OPENID_CONNECT")]
    Oidc(OidcProviderSpec),
}

impl IdentityProviderSpec {
    /// `present` or `absent`.
    pub fn ensure(&self) -> Ensure {
        match self {
            IdentityProviderSpec::Saml(spec) => spec.ensure,
            IdentityProviderSpec::Oidc(spec) => spec.ensure,
        }
    }
}

/// A SAML identity provider of a PingOne environment. Its certificate is imported into the
/// environment when it is not there yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SamlProviderSpec {
    /// `present` (default) or `absent`.
    #[serde(default, skip_serializing_if = "Ensure::is_present")]
    pub ensure: Ensure,
    /// Whether users can sign on through it (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// The provider's entity ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp_entity_id: Option<String>,
    /// The entity ID PingOne presents to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sp_entity_id: Option<String>,
    /// URL that receives AuthnRequests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_endpoint: Option<String>,
    /// Binding PingOne uses to send AuthnRequests (default HTTP_POST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_binding: Option<SamlBindingName>,
    /// Whether PingOne signs its AuthnRequests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authn_request_signed: Option<bool>,
    /// The verification certificate: PEM, or base64 of DER. Without a certificate (or
    /// metadata), the provider's trusted certificates are not compared; a create needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// A file holding the verification certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_file: Option<PathBuf>,
    /// A file holding the provider's SAML metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_file: Option<PathBuf>,
    /// Where the provider publishes its SAML metadata (fetched when planning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_url: Option<String>,
}

/// SAML bindings as PingOne spells them.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SamlBindingName {
    /// HTTP-POST.
    HTTP_POST,
    /// HTTP-Redirect.
    HTTP_REDIRECT,
}

/// An OpenID Connect identity provider of a PingOne environment. The client secret is never
/// written in the document: `client_secret_env` names the environment variable that holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OidcProviderSpec {
    /// `present` (default) or `absent`.
    #[serde(default, skip_serializing_if = "Ensure::is_present")]
    pub ensure: Ensure,
    /// Whether users can sign on through it (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// The provider's issuer URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Authorization endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_endpoint: Option<String>,
    /// Token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint: Option<String>,
    /// JWKS endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_endpoint: Option<String>,
    /// UserInfo endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userinfo_endpoint: Option<String>,
    /// The client id the provider issued to PingOne.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The environment variable holding the client secret (read when applying).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_env: Option<String>,
    /// Scopes PingOne requests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// How PingOne authenticates at the token endpoint: `CLIENT_SECRET_BASIC` or
    /// `CLIENT_SECRET_POST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint_auth_method: Option<TokenAuthMethodName>,
}

/// How PingOne authenticates at an OpenID Connect provider's token endpoint.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum TokenAuthMethodName {
    /// HTTP Basic.
    CLIENT_SECRET_BASIC,
    /// In the form body.
    CLIENT_SECRET_POST,
}

/// The connection profiles of one Auth0 tenant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Auth0Tenant {
    /// Profiles by name (names are what a plan matches on).
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileSpec>,
}

/// An Auth0 connection profile. A setting left out is not compared and not changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileSpec {
    /// `present` (default) or `absent`.
    #[serde(default, skip_serializing_if = "Ensure::is_present")]
    pub ensure: Ensure,
    /// Template for the names of connections created with the profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_name_prefix_template: Option<String>,
    /// Features enabled for connections created with the profile (e.g. `scim`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_features: Option<Vec<String>>,
    /// Organization settings: `show_as_button` (`none`, `optional`, `required`) and
    /// `assign_membership_on_login` (`none`, `optional`, `required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<ProfileOrganization>,
    /// Connection configuration, as Auth0 takes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_config: Option<serde_json::Map<String, serde_json::Value>>,
}

/// How connections created with a profile behave in organizations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileOrganization {
    /// `none`, `optional` or `required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_as_button: Option<String>,
    /// `none`, `optional` or `required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_membership_on_login: Option<String>,
}

impl Document {
    /// Reads a document from a file: TOML, or JSON when the name ends in `.json`. Relative
    /// paths inside it are taken from the file's folder. Files over
    /// [`MAX_DOCUMENT_BYTES`] are refused.
    ///
    /// ```no_run
    /// let document = sso_connections::desired::Document::load("customers.toml")?;
    /// # Ok::<(), sso_connections::desired::DesiredError>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Self, DesiredError> {
        let path = path.as_ref();
        let text = read_bounded(path)?;
        let mut document = if path.extension().is_some_and(|e| e == "json") {
            Self::from_json_str(&text)
        } else {
            Self::from_toml_str(&text)
        }
        .map_err(|e| e.in_file(path))?;
        document.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(document)
    }

    /// Parses a TOML document and checks it (see [`check`](Self::check)).
    ///
    /// ```
    /// let bad = sso_connections::desired::Document::from_toml_str("[saas]\nconections = {}");
    /// assert!(bad.unwrap_err().to_string().contains("conections"));
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Self, DesiredError> {
        let document: Self = toml::from_str(text).map_err(|e| DesiredError::Document {
            location: String::from("document"),
            message: e.to_string(),
        })?;
        document.check()?;
        Ok(document)
    }

    /// Parses a JSON document and checks it (see [`check`](Self::check)).
    ///
    /// ```
    /// let document = sso_connections::desired::Document::from_json_str("{}")?;
    /// assert!(document.saas.connections.is_empty());
    /// # Ok::<(), sso_connections::desired::DesiredError>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Self, DesiredError> {
        let document: Self = serde_json::from_str(text).map_err(|e| DesiredError::Document {
            location: String::from("document"),
            message: e.to_string(),
        })?;
        document.check()?;
        Ok(document)
    }

    /// The document as TOML.
    ///
    /// ```
    /// let text = sso_connections::desired::Document::default().to_toml();
    /// assert_eq!(text, "");
    /// ```
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// How many units a plan reads (the unit of [`PlanOptions::progress`]): one per SaaS
    /// `idpId`, PingOne environment and Auth0 tenant.
    ///
    /// [`PlanOptions::progress`]: super::PlanOptions::progress
    ///
    /// ```
    /// assert_eq!(sso_connections::desired::Document::default().planning_units(), 0);
    /// ```
    pub fn planning_units(&self) -> usize {
        self.saas.connections.len() + self.pingone.len() + self.auth0.len()
    }

    /// The JSON Schema of documents (what `schema/desired-state.schema.json` holds).
    ///
    /// ```
    /// let schema = sso_connections::desired::Document::json_schema();
    /// assert!(schema.contains("\"saas\""));
    /// ```
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(Document);
        serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
    }

    /// Checks what a schema cannot say: each application once per `idpId`, a known
    /// application name, one source per setting, required settings present. Files and URLs
    /// are read later, when planning.
    pub fn check(&self) -> Result<(), DesiredError> {
        super::check::check_document(self)
    }
}

fn read_bounded(path: &Path) -> Result<String, DesiredError> {
    use std::io::Read as _;
    let file_error = |e: std::io::Error| DesiredError::File {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(file_error)?;
    let mut text = String::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(file_error)?;
    if text.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DesiredError::File {
            path: path.to_path_buf(),
            message: format!("is larger than {MAX_DOCUMENT_BYTES} bytes"),
        });
    }
    Ok(text)
}
