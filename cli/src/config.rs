//! The configuration file: named profiles of non-secret settings, and the names of the
//! environment variables that hold the secrets. Secrets themselves are never read from the
//! file; a key such as `client_secret` is refused with a hint.
//!
//! ```toml
//! [profiles.acme-prod.saas]
//! base_url = "https://admin.pingone.com/web-portal/rest/saas/idp/2.0"
//! client_id_env = "ACME_SAAS_CLIENT_ID"
//! client_secret_env = "ACME_SAAS_CLIENT_SECRET"
//!
//! [profiles.acme-prod.pingone]
//! environment_id = "02d37832-476a-431b-8a60-d77cecd7005c"
//! region = "eu"
//! client_id = "5b8c…"
//! client_secret_env = "ACME_PINGONE_SECRET"
//!
//! [profiles.acme-prod.auth0]
//! domain = "acme.eu.auth0.com"
//! client_id = "m2m-client"
//! client_secret_env = "ACME_AUTH0_SECRET"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::errors::CliError;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// One named profile: settings per service, each optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// PingOne SSO for SaaS Apps.
    #[serde(default)]
    pub saas: SaasProfile,
    /// PingOne Platform.
    #[serde(default)]
    pub pingone: PingOneProfile,
    /// Auth0.
    #[serde(default)]
    pub auth0: Auth0Profile,
}

/// Settings of the Customer Connection API client.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaasProfile {
    /// The API's base URL.
    pub base_url: Option<String>,
    /// The REST API client id (not a secret).
    pub client_id: Option<String>,
    /// The variable holding the client id, instead of `client_id`.
    pub client_id_env: Option<String>,
    /// The variable holding the client secret.
    pub client_secret_env: Option<String>,
}

/// Settings of the PingOne Platform client.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PingOneProfile {
    /// The worker application's environment (also the environment commands act on).
    pub environment_id: Option<String>,
    /// The region: `na`, `eu`, `ca`, `asia`, `au` or `sg`.
    pub region: Option<String>,
    /// The API base URL, instead of the region's.
    pub api_url: Option<String>,
    /// The token endpoint, instead of the region's.
    pub token_url: Option<String>,
    /// The worker application's client id (not a secret).
    pub client_id: Option<String>,
    /// The variable holding the client id, instead of `client_id`.
    pub client_id_env: Option<String>,
    /// The variable holding the worker application's secret.
    pub client_secret_env: Option<String>,
}

/// Settings of the Auth0 Management API client.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth0Profile {
    /// The tenant domain (`acme.eu.auth0.com`).
    pub domain: Option<String>,
    /// The Management API base URL, instead of `https://<domain>/api/v2`.
    pub api_url: Option<String>,
    /// The token endpoint, instead of `https://<domain>/oauth/token`.
    pub token_url: Option<String>,
    /// The machine-to-machine application's client id (not a secret).
    pub client_id: Option<String>,
    /// The variable holding the client id, instead of `client_id`.
    pub client_id_env: Option<String>,
    /// The variable holding the client secret.
    pub client_secret_env: Option<String>,
}

/// Where the file is looked for without `--config` or `SSO_CONNECTIONS_CONFIG`:
/// `$XDG_CONFIG_HOME/sso-connections/config.toml`, else `~/.config/sso-connections/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".config"))
        })?;
    Some(base.join("sso-connections").join("config.toml"))
}

/// The profile `name` of the file at `path`.
pub fn load_profile(path: &Path, name: &str) -> Result<Profile, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::ReadFile {
        path: path.to_owned(),
        source,
    })?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| CliError::Config {
        path: path.to_owned(),
        reason: explain(e.message()),
    })?;
    file.profiles
        .get(name)
        .cloned()
        .ok_or_else(|| CliError::UnknownProfile {
            name: name.to_owned(),
            path: path.to_owned(),
        })
}

/// The parser's message, with the rule about secrets when a secret was written in the file.
fn explain(message: &str) -> String {
    let message = message.trim().to_owned();
    if message.contains("unknown field") && message.to_ascii_lowercase().contains("secret`") {
        format!(
            "{message}; secrets are never read from the file: put the secret in an environment \
             variable and name it with client_secret_env"
        )
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, String> {
        toml::from_str(text).map_err(|e| explain(e.message()))
    }

    #[test]
    fn profiles_hold_settings_and_variable_names() {
        let file = parse(
            "[profiles.prod.saas]\nclient_id = \"id\"\nclient_secret_env = \"PROD_SECRET\"\n\
             [profiles.prod.pingone]\nregion = \"eu\"\n",
        )
        .unwrap();
        let prod = &file.profiles["prod"];
        assert_eq!(prod.saas.client_id.as_deref(), Some("id"));
        assert_eq!(prod.saas.client_secret_env.as_deref(), Some("PROD_SECRET"));
        assert_eq!(prod.pingone.region.as_deref(), Some("eu"));
        assert!(prod.auth0.domain.is_none());
    }

    #[test]
    fn a_secret_in_the_file_is_refused_with_the_rule() {
        let error = parse("[profiles.prod.saas]\nclient_secret = \"s3cr3t\"\n").unwrap_err();
        assert!(error.contains("client_secret_env"), "{error}");
        assert!(!error.contains("s3cr3t"), "{error}");
    }

    #[test]
    fn a_key_of_another_service_is_refused() {
        let error = parse("[profiles.prod.saas]\ndomain = \"x\"\n").unwrap_err();
        assert!(error.contains("unknown field"), "{error}");
    }
}
