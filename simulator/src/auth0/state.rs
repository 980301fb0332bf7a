//! What the Auth0 API holds: connection profiles in creation order, and the fixed templates.

use serde_json::{json, Value};

use crate::storage::{Collection, Store};

/// The Auth0 API's state.
pub(crate) struct Auth0 {
    /// Connection profiles by id (`cop_…`).
    pub(crate) profiles: Store<Collection<String>>,
    /// Page length without `take` (at most 50, Auth0's default).
    pub(crate) page_size: usize,
}

impl Auth0 {
    pub(crate) fn new(page_size: usize) -> Self {
        Self {
            profiles: Store::default(),
            page_size,
        }
    }
}

/// The templates every tenant offers.
pub(crate) fn templates() -> Vec<Value> {
    vec![
        json!({
            "id": "cop-template-okta",
            "display_name": "Okta Workforce",
            "template": {
                "name": "Okta Workforce",
                "enabled_features": ["scim"],
                "organization": { "show_as_button": "optional", "assign_membership_on_login": "required" },
                "connection_name_prefix_template": "okta-{org_id}"
            }
        }),
        json!({
            "id": "cop-template-entra",
            "display_name": "Microsoft Entra ID",
            "template": {
                "name": "Microsoft Entra ID",
                "enabled_features": ["scim", "universal_logout"],
                "connection_name_prefix_template": "entra-{org_id}"
            }
        }),
    ]
}
