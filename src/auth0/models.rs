//! What Auth0 returns. The generated types are used as they are: they keep unknown fields in
//! `extra`, unknown enum values as `Unknown(String)`, and read every value without the limits
//! that apply to requests (`openapi/README.md`, "Reading is lenient, sending is strict").

use crate::generated::auth0::types;

/// A connection profile as Auth0 returns it.
///
/// ```
/// let profile: sso_connections::auth0::ConnectionProfile =
///     serde_json::from_value(serde_json::json!({ "id": "cp_1", "name": "Partner SSO", "new_field": 1 }))?;
/// assert_eq!(profile.name, "Partner SSO");
/// assert!(profile.extra.contains_key("new_field"));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub type ConnectionProfile = types::ConnectionProfile;

/// A template Auth0 offers for new profiles.
pub type ConnectionProfileTemplate = types::ConnectionProfileTemplate;

/// The profile settings a template proposes.
pub type ConnectionProfileTemplateSettings = types::ConnectionProfileTemplateSettings;
