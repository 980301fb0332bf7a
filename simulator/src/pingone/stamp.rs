//! The fields the server owns on what it stores (id, environment, time stamps, self link, the
//! owning application), and how it sets them.

use serde_json::{json, Map, Value};
use uuid::Uuid;

/// Fields the server owns; whatever a body says about them is ignored.
const SERVER_OWNED: [&str; 5] = ["id", "environment", "createdAt", "updatedAt", "_links"];

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

    /// `body` as stored: what it says about server-owned fields gives way to the stamp.
    pub(crate) fn apply(self, mut body: Map<String, Value>) -> Value {
        for field in SERVER_OWNED {
            body.remove(field);
        }
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

    #[test]
    fn a_stored_resource_carries_the_server_fields_whatever_the_body_says() {
        let env = Uuid::new_v4();
        let id = Uuid::new_v4();
        let current = Stamp::new(
            id,
            env,
            "http://h/self".into(),
            "2024-01-01T00:00:00.000Z".into(),
        )
        .apply(object(json!({ "protocol": "SAML" })));
        let body = object(
            json!({ "protocol": "SAML", "id": "forged", "createdAt": "forged",
            "_links": { "self": { "href": "forged" } }, "environment": { "id": "forged" } }),
        );
        let stored =
            Stamp::replacing(&current, id, env, "2025-01-01T00:00:00.000Z".into()).apply(body);
        assert_eq!(stored["id"], id.to_string());
        assert_eq!(stored["environment"]["id"], env.to_string());
        assert_eq!(stored["createdAt"], "2024-01-01T00:00:00.000Z");
        assert_eq!(stored["updatedAt"], "2025-01-01T00:00:00.000Z");
        assert_eq!(stored["_links"]["self"]["href"], "http://h/self");

        let app = Uuid::new_v4();
        let child = Stamp::new(id, env, "u".into(), "t".into())
            .of_application(app)
            .apply(object(json!({ "application": { "id": "forged" } })));
        assert_eq!(child["application"]["id"], app.to_string());
    }
}
