//! The fields the server sets on what it stores (id, environment, time stamps, self link, the
//! owning application), in place of whatever the body says about the fields it owns.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};
use uuid::Uuid;

/// The fields the server sets on what it stores.
pub(crate) struct Stamp {
    id: Uuid,
    environment: Uuid,
    /// The application a sub-resource belongs to.
    application: Option<Uuid>,
    self_url: String,
    created_at: Value,
    updated_at: String,
}

impl Stamp {
    /// A new resource's stamp: created now.
    pub(crate) fn new(id: Uuid, environment: Uuid, self_url: String, now: String) -> Self {
        Self {
            id,
            environment,
            application: None,
            self_url,
            created_at: json!(now),
            updated_at: now,
        }
    }

    /// A replacement's stamp: the self link and creation time of `current`, updated now.
    pub(crate) fn replacing(current: &Value, id: Uuid, environment: Uuid, now: String) -> Self {
        Self {
            id,
            environment,
            application: None,
            self_url: current["_links"]["self"]["href"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            created_at: current
                .get("createdAt")
                .cloned()
                .unwrap_or_else(|| json!(now)),
            updated_at: now,
        }
    }

    /// The same stamp on a sub-resource of `application`.
    pub(crate) fn of_application(mut self, application: Uuid) -> Self {
        self.application = Some(application);
        self
    }

    /// `body` as stored: the fields the server owns (`owned`, from the spec) are dropped, and
    /// the stamp's are set.
    pub(crate) fn apply(self, mut body: Map<String, Value>, owned: &BTreeSet<String>) -> Value {
        body.retain(|field, _| !owned.contains(field));
        if let Some(application) = self.application {
            body.insert(
                "application".into(),
                json!({ "id": application.to_string() }),
            );
        }
        body.insert("id".into(), json!(self.id.to_string()));
        body.insert(
            "environment".into(),
            json!({ "id": self.environment.to_string() }),
        );
        body.insert("createdAt".into(), self.created_at);
        body.insert("updatedAt".into(), json!(self.updated_at));
        body.insert(
            "_links".into(),
            json!({ "self": { "href": self.self_url } }),
        );
        Value::Object(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    fn owned(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_stored_resource_carries_the_server_fields_whatever_the_body_says() {
        let owned = owned(&["id", "environment", "createdAt", "updatedAt", "_links"]);
        let env = Uuid::new_v4();
        let id = Uuid::new_v4();
        let current = Stamp::new(
            id,
            env,
            "http://h/self".into(),
            "2024-01-01T00:00:00.000Z".into(),
        )
        .apply(object(json!({ "protocol": "SAML" })), &owned);
        let body = object(
            json!({ "protocol": "SAML", "id": "forged", "createdAt": "forged",
            "_links": { "self": { "href": "forged" } }, "environment": { "id": "forged" } }),
        );
        let stored = Stamp::replacing(&current, id, env, "2025-01-01T00:00:00.000Z".into())
            .apply(body, &owned);
        assert_eq!(stored["id"], id.to_string());
        assert_eq!(stored["environment"]["id"], env.to_string());
        assert_eq!(stored["createdAt"], "2024-01-01T00:00:00.000Z");
        assert_eq!(stored["updatedAt"], "2025-01-01T00:00:00.000Z");
        assert_eq!(stored["_links"]["self"]["href"], "http://h/self");
        assert_eq!(stored["protocol"], "SAML");
    }

    #[test]
    fn owned_fields_the_server_does_not_set_are_dropped_and_the_rest_kept() {
        let body = json!({ "name": "x", "_embedded": { "attributes": [] }, "application": { "id": "forged" } });
        let app = Uuid::new_v4();
        let child = Stamp::new(Uuid::new_v4(), Uuid::new_v4(), "u".into(), "t".into())
            .of_application(app)
            .apply(object(body.clone()), &owned(&["_embedded", "application"]));
        assert_eq!(child["application"]["id"], app.to_string());
        assert!(child.get("_embedded").is_none());
        let kept = Stamp::new(Uuid::new_v4(), Uuid::new_v4(), "u".into(), "t".into())
            .apply(object(body), &owned(&[]));
        assert_eq!(kept["_embedded"], json!({ "attributes": [] }));
        assert_eq!(kept["name"], "x");
    }
}
