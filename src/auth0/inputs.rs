//! What a create or a PATCH of a connection profile sets, checked before sending and held
//! in the generated update body (every field optional: a field not set is not sent).

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::generated::auth0::types;

use super::{AssignMembershipOnLogin, EnabledFeature, ShowAsButton, Strategy};

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
#[derive(Clone, Debug, Default)]
pub struct ConnectionProfileSettings {
    body: types::ConnectionProfileUpdate,
}

impl ConnectionProfileSettings {
    /// Starts an empty set of settings.
    pub fn builder() -> ConnectionProfileSettingsBuilder {
        ConnectionProfileSettingsBuilder::default()
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        let b = &self.body;
        b.name.is_none()
            && b.organization.is_none()
            && b.connection_name_prefix_template.is_none()
            && b.enabled_features.is_none()
            && b.connection_config.is_none()
            && b.strategy_overrides.is_none()
    }

    /// Whether a name is set (a create needs one).
    pub fn has_name(&self) -> bool {
        self.body.name.is_some()
    }

    /// The body of a create: the settings, which must include a name.
    pub(crate) fn to_create_body(&self) -> Result<types::ConnectionProfileCreate> {
        let b = self.body.clone();
        let name = b
            .name
            .ok_or_else(|| Error::invalid("name", "is required to create a connection profile"))?;
        Ok(types::ConnectionProfileCreate {
            name,
            organization: b.organization,
            connection_name_prefix_template: b.connection_name_prefix_template,
            enabled_features: b.enabled_features,
            connection_config: b.connection_config,
            strategy_overrides: b.strategy_overrides,
        })
    }

    /// Settings that send exactly `body` (for callers that built it from checked settings).
    pub(crate) fn from_body(body: types::ConnectionProfileUpdate) -> Self {
        Self { body }
    }

    /// The body of an update (PATCH): the settings, which must set something.
    pub(crate) fn to_update_body(&self) -> Result<types::ConnectionProfileUpdate> {
        if self.is_empty() {
            return Err(Error::invalid(
                "update",
                "sets nothing; set at least one field",
            ));
        }
        Ok(self.body.clone())
    }
}

impl PartialEq for ConnectionProfileSettings {
    /// Equal when they would send the same body.
    fn eq(&self, other: &Self) -> bool {
        serde_json::to_value(&self.body).ok() == serde_json::to_value(&other.body).ok()
    }
}

impl Eq for ConnectionProfileSettings {}

/// Collects connection profile settings; [`build`](Self::build) checks every documented limit.
#[derive(Clone, Debug, Default)]
pub struct ConnectionProfileSettingsBuilder {
    name: Option<String>,
    prefix_template: Option<String>,
    body: types::ConnectionProfileUpdate,
}

impl ConnectionProfileSettingsBuilder {
    /// The profile's name: 1 to 50 characters.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// How connections created from the profile are named: at most 15 characters of letters,
    /// digits and `-`, plus the placeholders `{org_id}` and `{org_name}`; it may not start with
    /// `-` or contain `--`.
    pub fn connection_name_prefix_template(mut self, template: impl Into<String>) -> Self {
        self.prefix_template = Some(template.into());
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
        self.body.organization = Some(types::ConnectionProfileOrganization {
            show_as_button: Some(show_as_button),
            assign_membership_on_login: Some(assign_membership_on_login),
        });
        self
    }

    /// Features switched on for the connections.
    pub fn enabled_features(mut self, features: impl IntoIterator<Item = EnabledFeature>) -> Self {
        self.body.enabled_features = Some(features_of(features));
        self
    }

    /// Switches every feature off (sent as `[]`).
    pub fn clear_enabled_features(self) -> Self {
        self.enabled_features([])
    }

    /// Connection settings applied to every strategy (free-form JSON object).
    pub fn connection_config(mut self, config: Map<String, Value>) -> Self {
        self.body.connection_config = Some(types::ConnectionConfig(config));
        self
    }

    /// Removes every connection setting (sent as `{}`).
    pub fn clear_connection_config(self) -> Self {
        self.connection_config(Map::new())
    }

    /// Overrides features and/or connection settings for one strategy; a strategy this
    /// version does not know (`Strategy::Unknown`) is sent under its own name.
    pub fn strategy_override(
        mut self,
        strategy: Strategy,
        enabled_features: Option<Vec<EnabledFeature>>,
        connection_config: Option<Map<String, Value>>,
    ) -> Self {
        let entry = types::StrategyOverride {
            enabled_features: enabled_features.map(features_of),
            connection_config: connection_config.map(types::ConnectionConfig),
        };
        let overrides = self
            .body
            .strategy_overrides
            .get_or_insert_with(no_overrides);
        match override_slot(overrides, &strategy) {
            Some(slot) => *slot = Some(entry),
            None => {
                let value = serde_json::to_value(&entry).unwrap_or_default();
                overrides.extra.insert(strategy.as_str().to_owned(), value);
            }
        }
        self
    }

    /// Checks every limit; the error names the field and the rule.
    pub fn build(mut self) -> Result<ConnectionProfileSettings> {
        if let Some(name) = self.name {
            let length = name.chars().count();
            if !(1..=50).contains(&length) {
                return Err(Error::invalid(
                    "name",
                    format!("must be 1 to 50 characters, not {length}"),
                ));
            }
            self.body.name = Some(name.try_into().map_err(Error::body_mismatch)?);
        }
        if let Some(template) = self.prefix_template {
            check_prefix_template(&template)?;
            self.body.connection_name_prefix_template =
                Some(template.try_into().map_err(Error::body_mismatch)?);
        }
        Ok(ConnectionProfileSettings { body: self.body })
    }
}

fn no_overrides() -> types::StrategyOverrides {
    types::StrategyOverrides {
        pingfederate: None,
        ad: None,
        adfs: None,
        waad: None,
        google_apps: None,
        okta: None,
        oidc: None,
        samlp: None,
        extra: Map::new(),
    }
}

fn features_of(features: impl IntoIterator<Item = EnabledFeature>) -> types::EnabledFeatures {
    types::EnabledFeatures(features.into_iter().collect())
}

/// The field of `overrides` that holds `strategy`'s override, for the strategies the spec
/// names; `None` for any other (kept among the unknown keys).
fn override_slot<'a>(
    overrides: &'a mut types::StrategyOverrides,
    strategy: &Strategy,
) -> Option<&'a mut Option<types::StrategyOverride>> {
    Some(match strategy {
        Strategy::PingFederate => &mut overrides.pingfederate,
        Strategy::ActiveDirectory => &mut overrides.ad,
        Strategy::Adfs => &mut overrides.adfs,
        Strategy::Waad => &mut overrides.waad,
        Strategy::GoogleApps => &mut overrides.google_apps,
        Strategy::Okta => &mut overrides.okta,
        Strategy::Oidc => &mut overrides.oidc,
        Strategy::Samlp => &mut overrides.samlp,
        _ => return None,
    })
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
