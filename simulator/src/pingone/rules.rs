//! The PingOne API's rules, as functions of the request and the stored data: ids, required
//! fields per kind, the filter subset, what a replacement may change, secret rotation.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::{
    errors::{bad_request, invalid, not_found, Reject},
    state::{Kind, TopLevel},
};
use crate::http::request::json_object;

/// An environment id must be a UUID.
pub(crate) fn environment_id(env: &str) -> Result<Uuid, Reject> {
    Uuid::parse_str(env)
        .map_err(|_| bad_request("INVALID_REQUEST", "The environment id must be a UUID"))
}

/// A resource id that is not a UUID names nothing.
pub(crate) fn resource_id(value: &str, what: &str) -> Result<Uuid, Reject> {
    Uuid::parse_str(value).map_err(|_| not_found(what))
}

/// A sub-resource kind by its path segment.
pub(crate) fn kind(segment: &str) -> Result<Kind, Reject> {
    Kind::from_segment(segment).ok_or_else(|| not_found("resource"))
}

pub(crate) fn body_object(bytes: &[u8]) -> Result<Map<String, Value>, Reject> {
    json_object(bytes)
        .ok_or_else(|| bad_request("INVALID_DATA", "The request body must be a JSON object"))
}

/// A secret rotation's options; an empty body asks for none.
pub(crate) fn rotation(bytes: &[u8]) -> Result<Map<String, Value>, Reject> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        Ok(Map::new())
    } else {
        body_object(bytes)
    }
}

/// The `name` of a body (empty without one).
pub(crate) fn name(body: &Map<String, Value>) -> &str {
    body.get("name").and_then(Value::as_str).unwrap_or_default()
}

/// The required fields of an application or identity provider (create or replacement).
pub(crate) fn check(top: TopLevel, body: &Map<String, Value>) -> Result<(), Reject> {
    require_str(body, "name")?;
    require_bool(body, "enabled")?;
    match top {
        TopLevel::Applications => check_application(body),
        TopLevel::IdentityProviders => {
            if require_str(body, "type")? == "SAML" {
                require_str(body, "idpEntityId")?;
                require_str(body, "ssoEndpoint")?;
                require_str(body, "ssoBinding")?;
            }
            Ok(())
        }
    }
}

/// Applications: the fields every protocol requires, then the protocol's own.
fn check_application(body: &Map<String, Value>) -> Result<(), Reject> {
    require_str(body, "type")?;
    match require_str(body, "protocol")? {
        "OPENID_CONNECT" => {
            require_array(body, "grantTypes")?;
            require_str(body, "tokenEndpointAuthMethod")?;
        }
        "SAML" => {
            require_array(body, "acsUrls")?;
            require(body, "assertionDuration")?
                .as_u64()
                .filter(|d| *d > 0)
                .ok_or_else(|| {
                    invalid(
                        "assertionDuration",
                        "assertionDuration must be a positive integer",
                    )
                })?;
            require_str(body, "spEntityId")?;
        }
        other => {
            return Err(invalid(
                "protocol",
                format!("protocol {other} cannot be created here"),
            ))
        }
    }
    Ok(())
}

/// The required fields of an application's sub-resource.
pub(crate) fn check_child(kind: Kind, body: &Map<String, Value>) -> Result<(), Reject> {
    match kind {
        Kind::Attributes => {
            require_str(body, "name")?;
            require_str(body, "value")?;
        }
        Kind::Grants => {
            require_ref(body, "resource")?;
            for scope in require_array(body, "scopes")? {
                scope
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|s| Uuid::parse_str(s).ok())
                    .ok_or_else(|| invalid("scopes", "every scope needs a UUID id"))?;
            }
        }
        Kind::Assignments => {
            require_ref(body, "signOnPolicy")?;
            require(body, "priority")?
                .as_u64()
                .ok_or_else(|| invalid("priority", "priority must be a non-negative integer"))?;
        }
    }
    Ok(())
}

fn require<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a Value, Reject> {
    match body.get(field) {
        None | Some(Value::Null) => Err(invalid(field, format!("{field} is required"))),
        Some(value) => Ok(value),
    }
}

fn require_str<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, Reject> {
    require(body, field)?
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| invalid(field, format!("{field} must be a non-empty string")))
}

fn require_bool(body: &Map<String, Value>, field: &str) -> Result<bool, Reject> {
    require(body, field)?
        .as_bool()
        .ok_or_else(|| invalid(field, format!("{field} must be true or false")))
}

fn require_array<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a Vec<Value>, Reject> {
    require(body, field)?
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| invalid(field, format!("{field} must be a non-empty array")))
}

fn require_ref(body: &Map<String, Value>, field: &str) -> Result<(), Reject> {
    require(body, field)?
        .get("id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .map(drop)
        .ok_or_else(|| invalid(&format!("{field}.id"), format!("{field}.id must be a UUID")))
}

/// The items a `filter` keeps: all of them without one. The simulator understands
/// `<field> eq <value>`, where the value is `true`, `false`, a number or a quoted string.
pub(crate) fn matching<'a>(
    items: Vec<&'a Value>,
    filter: Option<&str>,
) -> Result<Vec<&'a Value>, Reject> {
    let Some(filter) = filter else {
        return Ok(items);
    };
    let (field, wanted) = parse_filter(filter)?;
    Ok(items
        .into_iter()
        .filter(|v| v.get(&field) == Some(&wanted))
        .collect())
}

fn parse_filter(filter: &str) -> Result<(String, Value), Reject> {
    let parts: Vec<&str> = filter.splitn(3, ' ').collect();
    match parts.as_slice() {
        [field, "eq", value] => {
            let value = serde_json::from_str(value)
                .map_err(|_| invalid("filter", "unsupported filter value"))?;
            Ok(((*field).to_owned(), value))
        }
        _ => Err(invalid(
            "filter",
            "only `<field> eq <value>` filters are supported",
        )),
    }
}

/// A replacement keeps the kind of resource (`protocol`, `type`).
pub(crate) fn same_kind(
    top: TopLevel,
    current: &Value,
    body: &Map<String, Value>,
) -> Result<(), Reject> {
    let field = top.kind_field();
    if body.get(field) == Some(&current[field]) {
        Ok(())
    } else {
        Err(invalid(
            field,
            format!("the {field} of an {} cannot change", top.noun()),
        ))
    }
}

/// A new attribute mapping is `CUSTOM` and not required unless the body says otherwise.
pub(crate) fn attribute_defaults(body: &mut Map<String, Value>) {
    body.entry("mappingType").or_insert(json!("CUSTOM"));
    body.entry("required").or_insert(json!(false));
}

/// The secret after a rotation to `fresh`. With `previous.expiresAt` in the rotation, the
/// current secret stays usable until then.
pub(crate) fn rotated(current: &Value, rotation: &Map<String, Value>, fresh: String) -> Value {
    let mut next = json!({ "secret": fresh });
    if let Some(expires_at) = rotation.get("previous").and_then(|p| p.get("expiresAt")) {
        next["previous"] = json!({ "secret": current["secret"], "expiresAt": expires_at });
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    fn target(result: Result<(), Reject>) -> Option<String> {
        result.unwrap_err().target
    }

    #[test]
    fn each_protocol_has_its_required_fields() {
        let saml = json!({ "name": "A", "enabled": true, "type": "WEB_APP", "protocol": "SAML",
            "acsUrls": ["https://a/acs"], "assertionDuration": 60, "spEntityId": "a" });
        assert!(check(TopLevel::Applications, &object(saml.clone())).is_ok());
        let mut no_duration = object(saml);
        no_duration.insert("assertionDuration".into(), json!(0));
        assert_eq!(
            target(check(TopLevel::Applications, &no_duration)).as_deref(),
            Some("assertionDuration")
        );
        let oidc = json!({ "name": "B", "enabled": true, "type": "WORKER", "protocol": "OPENID_CONNECT", "grantTypes": [] });
        assert_eq!(
            target(check(TopLevel::Applications, &object(oidc))).as_deref(),
            Some("grantTypes")
        );
        let ws_fed =
            json!({ "name": "C", "enabled": true, "type": "WEB_APP", "protocol": "WS_FED" });
        assert_eq!(
            target(check(TopLevel::Applications, &object(ws_fed))).as_deref(),
            Some("protocol")
        );
        let social = json!({ "name": "D", "enabled": false, "type": "GOOGLE" });
        assert!(check(TopLevel::IdentityProviders, &object(social)).is_ok());
        let saml_idp = json!({ "name": "E", "enabled": true, "type": "SAML", "idpEntityId": "e" });
        assert_eq!(
            target(check(TopLevel::IdentityProviders, &object(saml_idp))).as_deref(),
            Some("ssoEndpoint")
        );
    }

    #[test]
    fn sub_resources_have_their_required_fields() {
        let id = Uuid::new_v4().to_string();
        let grant = json!({ "resource": { "id": id }, "scopes": [{ "id": id }] });
        assert!(check_child(Kind::Grants, &object(grant)).is_ok());
        let bad_scope = json!({ "resource": { "id": id }, "scopes": [{ "id": "x" }] });
        assert_eq!(
            target(check_child(Kind::Grants, &object(bad_scope))).as_deref(),
            Some("scopes")
        );
        let assignment = json!({ "signOnPolicy": { "id": "x" }, "priority": 1 });
        assert_eq!(
            target(check_child(Kind::Assignments, &object(assignment))).as_deref(),
            Some("signOnPolicy.id")
        );
        assert_eq!(
            target(check_child(
                Kind::Attributes,
                &object(json!({ "name": "email" }))
            ))
            .as_deref(),
            Some("value")
        );
    }

    #[test]
    fn filters_parse_the_eq_subset() {
        assert_eq!(
            parse_filter("enabled eq true").unwrap(),
            ("enabled".into(), json!(true))
        );
        assert_eq!(
            parse_filter("name eq \"My App\"").unwrap(),
            ("name".into(), json!("My App"))
        );
        assert!(parse_filter("name sw \"x\"").is_err());
        assert!(parse_filter("name eq My App").is_err());
        let items = [json!({ "enabled": true }), json!({ "enabled": false })];
        let kept = matching(items.iter().collect(), Some("enabled eq false")).unwrap();
        assert_eq!(kept, [&items[1]]);
        assert_eq!(matching(items.iter().collect(), None).unwrap().len(), 2);
    }

    #[test]
    fn a_replacement_keeps_the_kind() {
        let current = json!({ "protocol": "SAML" });
        let same = object(json!({ "protocol": "SAML" }));
        let other = object(json!({ "protocol": "OPENID_CONNECT" }));
        assert!(same_kind(TopLevel::Applications, &current, &same).is_ok());
        assert_eq!(
            target(same_kind(TopLevel::Applications, &current, &other)).as_deref(),
            Some("protocol")
        );
    }

    #[test]
    fn a_rotation_keeps_the_previous_secret_only_when_asked() {
        let current = json!({ "secret": "old" });
        assert_eq!(
            rotated(&current, &Map::new(), "new".into()),
            json!({ "secret": "new" })
        );
        let keep = object(json!({ "previous": { "expiresAt": "2030-01-01T00:00:00Z" } }));
        assert_eq!(
            rotated(&current, &keep, "new".into()),
            json!({ "secret": "new", "previous": { "secret": "old", "expiresAt": "2030-01-01T00:00:00Z" } })
        );
        assert!(rotation(b" \n").unwrap().is_empty());
        assert!(rotation(b"[]").is_err());
    }

    #[test]
    fn ids_are_uuids() {
        assert_eq!(environment_id("x").unwrap_err().status.as_u16(), 400);
        assert_eq!(
            resource_id("x", "application").unwrap_err().status.as_u16(),
            404
        );
        assert_eq!(kind("secrets").unwrap_err().status.as_u16(), 404);
    }
}
