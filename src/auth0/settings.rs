//! What a create or a PATCH of a connection profile sets, validated before sending.

use serde_json::{json, Map, Value};

use crate::error::{Error, Result};

use super::{AssignMembershipOnLogin, EnabledFeature, ShowAsButton};

/// The identity-provider strategies a profile can override settings for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Strategy {
    /// PingFederate.
    PingFederate,
    /// Active Directory / LDAP.
    ActiveDirectory,
    /// AD FS.
    Adfs,
    /// Microsoft Entra ID (Azure AD).
    Waad,
    /// Google Workspace.
    GoogleApps,
    /// Okta.
    Okta,
    /// OpenID Connect.
    Oidc,
    /// SAML.
    Samlp,
}

impl Strategy {
    /// The key used in `strategy_overrides`.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::PingFederate => "pingfederate",
            Strategy::ActiveDirectory => "ad",
            Strategy::Adfs => "adfs",
            Strategy::Waad => "waad",
            Strategy::GoogleApps => "google-apps",
            Strategy::Okta => "okta",
            Strategy::Oidc => "oidc",
            Strategy::Samlp => "samlp",
        }
    }
}

/// Settings of a connection profile to create or change. Only what is set is sent; the
/// `clear_*` methods send the empty value where the API allows it.
///
/// ```
/// use sso_connections::auth0::{ConnectionProfileSettings, EnabledFeature};
///
/// let settings = ConnectionProfileSettings::builder()
///     .name("Partner SSO")
///     .connection_name_prefix_template("{org_name}-sso")
///     .enabled_features([EnabledFeature::Scim])
///     .build()?;
/// assert!(!settings.is_empty());
///
/// let err = ConnectionProfileSettings::builder().connection_name_prefix_template("-bad").build();
/// assert!(err.unwrap_err().to_string().contains("connection_name_prefix_template"));
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnectionProfileSettings {
    fields: Map<String, Value>,
}

impl ConnectionProfileSettings {
    /// Starts an empty set of settings.
    pub fn builder() -> ConnectionProfileSettingsBuilder {
        ConnectionProfileSettingsBuilder::default()
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether a name is set (a create needs one).
    pub fn has_name(&self) -> bool {
        self.fields.contains_key("name")
    }

    /// The JSON body, decoded into a generated request type (the spec's checks apply too).
    pub(super) fn to_wire<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_value(Value::Object(self.fields.clone())).map_err(Error::body_mismatch)
    }
}

/// Collects connection profile settings; [`build`](Self::build) checks every documented limit.
#[derive(Clone, Debug, Default)]
pub struct ConnectionProfileSettingsBuilder {
    fields: Map<String, Value>,
    overrides: Map<String, Value>,
}

impl ConnectionProfileSettingsBuilder {
    /// The profile's name: 1 to 50 characters.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.fields.insert("name".into(), json!(name.into()));
        self
    }

    /// How connections created from the profile are named: at most 15 characters of letters,
    /// digits and `-`, plus the placeholders `{org_id}` and `{org_name}`; it may not start with
    /// `-` or contain `--`.
    pub fn connection_name_prefix_template(mut self, template: impl Into<String>) -> Self {
        self.fields.insert(
            "connection_name_prefix_template".into(),
            json!(template.into()),
        );
        self
    }

    /// Removes the prefix template (sent as `""`).
    pub fn clear_connection_name_prefix_template(self) -> Self {
        self.connection_name_prefix_template("")
    }

    /// How organizations use the connections: login button, and membership on login.
    pub fn organization(
        mut self,
        show_as_button: ShowAsButton,
        assign_membership_on_login: AssignMembershipOnLogin,
    ) -> Self {
        self.fields.insert(
            "organization".into(),
            json!({ "show_as_button": show_as_button, "assign_membership_on_login": assign_membership_on_login }),
        );
        self
    }

    /// Features switched on for the connections.
    pub fn enabled_features(mut self, features: impl IntoIterator<Item = EnabledFeature>) -> Self {
        let features: Vec<EnabledFeature> = features.into_iter().collect();
        self.fields
            .insert("enabled_features".into(), json!(features));
        self
    }

    /// Switches every feature off (sent as `[]`).
    pub fn clear_enabled_features(self) -> Self {
        self.enabled_features([])
    }

    /// Connection settings applied to every strategy (free-form JSON object).
    pub fn connection_config(mut self, config: Map<String, Value>) -> Self {
        self.fields
            .insert("connection_config".into(), Value::Object(config));
        self
    }

    /// Removes every connection setting (sent as `{}`).
    pub fn clear_connection_config(self) -> Self {
        self.connection_config(Map::new())
    }

    /// Overrides features and/or connection settings for one strategy.
    pub fn strategy_override(
        mut self,
        strategy: Strategy,
        enabled_features: Option<Vec<EnabledFeature>>,
        connection_config: Option<Map<String, Value>>,
    ) -> Self {
        let mut entry = Map::new();
        if let Some(features) = enabled_features {
            entry.insert("enabled_features".into(), json!(features));
        }
        if let Some(config) = connection_config {
            entry.insert("connection_config".into(), Value::Object(config));
        }
        self.overrides
            .insert(strategy.as_str().into(), Value::Object(entry));
        self
    }

    /// Checks every limit; the error names the field and the rule.
    pub fn build(mut self) -> Result<ConnectionProfileSettings> {
        if let Some(name) = self.fields.get("name").and_then(Value::as_str) {
            let length = name.chars().count();
            if !(1..=50).contains(&length) {
                return Err(Error::invalid(
                    "name",
                    format!("must be 1 to 50 characters, not {length}"),
                ));
            }
        }
        if let Some(template) = self
            .fields
            .get("connection_name_prefix_template")
            .and_then(Value::as_str)
        {
            check_prefix_template(template)?;
        }
        if !self.overrides.is_empty() {
            self.fields
                .insert("strategy_overrides".into(), Value::Object(self.overrides));
        }
        Ok(ConnectionProfileSettings {
            fields: self.fields,
        })
    }
}

/// The documented rules of `connection_name_prefix_template`.
fn check_prefix_template(template: &str) -> Result<()> {
    let field = "connection_name_prefix_template";
    let length = template.chars().count();
    if length > 15 {
        return Err(Error::invalid(
            field,
            format!("must be at most 15 characters, not {length}"),
        ));
    }
    if template.starts_with('-') {
        return Err(Error::invalid(field, "must not start with '-'"));
    }
    if template.contains("--") {
        return Err(Error::invalid(field, "must not contain '--'"));
    }
    let mut rest = template;
    while !rest.is_empty() {
        if let Some(after) = rest
            .strip_prefix("{org_id}")
            .or_else(|| rest.strip_prefix("{org_name}"))
        {
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if c.is_ascii_alphanumeric() || c == '-' => rest = chars.as_str(),
            Some(c) => {
                return Err(Error::invalid(
                    field,
                    format!("may hold only letters, digits, '-', {{org_id}} and {{org_name}}; {c:?} is not allowed"),
                ))
            }
            None => break,
        }
    }
    Ok(())
}
