//! The Auth0 API's rules for connection profiles: the documented limits of each field, page
//! lengths, and what a PATCH changes.

use serde_json::{Map, Value};

use super::errors::{bad_request, Reject};

const FEATURES: &[&str] = &["scim", "universal_logout"];
const SHOW_AS_BUTTON: &[&str] = &["none", "optional", "required"];
const ASSIGN_MEMBERSHIP: &[&str] = &["none", "optional", "required"];
const STRATEGIES: &[&str] = &[
    "pingfederate",
    "ad",
    "adfs",
    "waad",
    "google-apps",
    "okta",
    "oidc",
    "samlp",
];

/// The page length: `take` (1 to 100), or without it the simulator's page size up to 50.
pub(crate) fn page_length(take: Option<&str>, page_size: usize) -> Result<usize, Reject> {
    match take {
        None => Ok(page_size.min(50)),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|t| (1..=100).contains(t))
            .ok_or_else(|| bad_request("take must be an integer from 1 to 100")),
    }
}

/// A new profile's name, which a create must give.
pub(crate) fn required_name(profile: &Map<String, Value>) -> Result<String, Reject> {
    profile
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| bad_request("name is required"))
}

/// The documented limits of every field present in `body`.
pub(crate) fn check(body: &Map<String, Value>) -> Result<(), Reject> {
    if let Some(name) = body.get("name") {
        let length = name.as_str().map(|n| n.chars().count()).unwrap_or(0);
        if !(1..=50).contains(&length) {
            return Err(bad_request("name must be 1 to 50 characters"));
        }
    }
    if let Some(template) = body.get("connection_name_prefix_template") {
        let template = template
            .as_str()
            .ok_or_else(|| bad_request("connection_name_prefix_template must be a string"))?;
        if !prefix_template_valid(template) {
            return Err(bad_request(
                "connection_name_prefix_template must be at most 15 characters of letters, digits, '-', {org_id} and {org_name}, not start with '-' and not contain '--'",
            ));
        }
    }
    check_features(body.get("enabled_features"), "enabled_features")?;
    if let Some(organization) = body.get("organization") {
        for (field, allowed) in [
            ("show_as_button", SHOW_AS_BUTTON),
            ("assign_membership_on_login", ASSIGN_MEMBERSHIP),
        ] {
            if let Some(value) = organization.get(field) {
                if !value.as_str().is_some_and(|v| allowed.contains(&v)) {
                    return Err(bad_request(format!(
                        "organization.{field} must be one of {}",
                        allowed.join(", ")
                    )));
                }
            }
        }
    }
    if let Some(overrides) = body.get("strategy_overrides") {
        let overrides = overrides
            .as_object()
            .ok_or_else(|| bad_request("strategy_overrides must be an object"))?;
        for (strategy, settings) in overrides {
            if !STRATEGIES.contains(&strategy.as_str()) {
                return Err(bad_request(format!(
                    "strategy_overrides.{strategy} is not a supported strategy"
                )));
            }
            check_features(
                settings.get("enabled_features"),
                "strategy_overrides.enabled_features",
            )?;
        }
    }
    Ok(())
}

fn check_features(value: Option<&Value>, field: &str) -> Result<(), Reject> {
    let Some(value) = value else { return Ok(()) };
    let valid = value.as_array().is_some_and(|items| {
        items
            .iter()
            .all(|f| f.as_str().is_some_and(|f| FEATURES.contains(&f)))
    });
    if valid {
        Ok(())
    } else {
        Err(bad_request(format!(
            "{field} may only hold {}",
            FEATURES.join(", ")
        )))
    }
}

/// At most 15 characters; letters, digits, `-`, `{org_id}`, `{org_name}`; no leading `-`;
/// no `--`.
fn prefix_template_valid(template: &str) -> bool {
    if template.chars().count() > 15 || template.starts_with('-') || template.contains("--") {
        return false;
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
            _ => return false,
        }
    }
    true
}

/// A PATCH: the fields it carries replace the stored ones (never `id`); the others stay.
pub(crate) fn patched(stored: &Value, patch: Map<String, Value>) -> Value {
    let mut updated = stored.clone();
    for (key, value) in patch {
        if key != "id" {
            updated[key] = value;
        }
    }
    updated
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    fn message(body: Value) -> Option<String> {
        check(&object(body)).err().map(|r| r.message)
    }

    #[test]
    fn prefix_template_rules() {
        for good in [
            "",
            "acme",
            "acme-{org_id}",
            "{org_name}-x",
            "a1-b2",
            "{org_id}",
        ] {
            assert!(prefix_template_valid(good), "{good}");
        }
        for bad in [
            "-acme",
            "ac--me",
            "acme_1",
            "{org}",
            "0123456789abcdef",
            "acme {org_id}",
        ] {
            assert!(!prefix_template_valid(bad), "{bad}");
        }
    }

    #[test]
    fn fields_keep_their_documented_limits() {
        assert_eq!(
            message(json!({ "name": "Partner SSO", "enabled_features": ["scim"] })),
            None
        );
        assert_eq!(
            message(json!({ "name": "" })).as_deref(),
            Some("name must be 1 to 50 characters")
        );
        assert_eq!(
            message(json!({ "name": "x".repeat(51) })).as_deref(),
            Some("name must be 1 to 50 characters")
        );
        assert_eq!(
            message(json!({ "enabled_features": ["sso"] })).as_deref(),
            Some("enabled_features may only hold scim, universal_logout")
        );
        assert_eq!(
            message(json!({ "organization": { "show_as_button": "always" } })).as_deref(),
            Some("organization.show_as_button must be one of none, optional, required")
        );
        assert_eq!(
            message(json!({ "strategy_overrides": { "github": {} } })).as_deref(),
            Some("strategy_overrides.github is not a supported strategy")
        );
    }

    #[test]
    fn page_lengths_default_to_the_page_size_up_to_fifty() {
        assert_eq!(page_length(None, 100).unwrap(), 50);
        assert_eq!(page_length(None, 3).unwrap(), 3);
        assert_eq!(page_length(Some("100"), 3).unwrap(), 100);
        for bad in ["0", "101", "ten"] {
            assert!(page_length(Some(bad), 3).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_patch_changes_only_what_it_carries_and_never_the_id() {
        let stored = json!({ "id": "cop_1", "name": "A", "enabled_features": ["scim"] });
        let patch = object(json!({ "id": "cop_2", "name": "B" }));
        assert_eq!(
            patched(&stored, patch),
            json!({ "id": "cop_1", "name": "B", "enabled_features": ["scim"] })
        );
        assert!(required_name(&object(json!({ "name": 1 }))).is_err());
    }
}
