//! The server-owned fields of PingOne resources, as the spec states them: every property whose
//! schema is `readOnly`, directly, through a `$ref`, or through an `allOf` member.

use std::{
    collections::{BTreeSet, HashMap},
    sync::OnceLock,
};

use serde_yaml::Value;

const SPEC: &str = include_str!("../../../openapi/pingone-platform.yaml");

/// How deep `$ref`, `allOf` and `oneOf` chains are followed.
const DEPTH: usize = 16;

/// The server-owned properties of a component schema (of any variant of a `oneOf`); empty for
/// a schema the spec does not define.
pub(crate) fn server_owned(schema: &str) -> &'static BTreeSet<String> {
    static BY_SCHEMA: OnceLock<HashMap<String, BTreeSet<String>>> = OnceLock::new();
    static NONE: BTreeSet<String> = BTreeSet::new();
    BY_SCHEMA
        .get_or_init(|| read_only_properties(SPEC))
        .get(schema)
        .unwrap_or(&NONE)
}

/// Server-owned property names by component schema.
fn read_only_properties(spec: &str) -> HashMap<String, BTreeSet<String>> {
    let tree: Value = serde_yaml::from_str(spec).expect("the PingOne spec is YAML");
    let schemas = &tree["components"]["schemas"];
    let Some(named) = schemas.as_mapping() else {
        return HashMap::new();
    };
    named
        .iter()
        .filter_map(|(name, schema)| {
            let mut owned = BTreeSet::new();
            collect(schemas, schema, 0, &mut owned);
            Some((name.as_str()?.to_owned(), owned))
        })
        .collect()
}

/// Adds the read-only properties of `schema`, its `allOf` members and its `oneOf`/`anyOf`
/// variants to `owned`.
fn collect(schemas: &Value, schema: &Value, depth: usize, owned: &mut BTreeSet<String>) {
    if depth > DEPTH {
        return;
    }
    let schema = resolve(schemas, schema);
    if let Some(properties) = schema["properties"].as_mapping() {
        for (name, property) in properties {
            if let Some(name) = name.as_str().filter(|_| read_only(schemas, property, 0)) {
                owned.insert(name.to_owned());
            }
        }
    }
    for combination in ["allOf", "oneOf", "anyOf"] {
        for part in schema[combination].as_sequence().into_iter().flatten() {
            collect(schemas, part, depth + 1, owned);
        }
    }
}

/// Whether a schema is read-only: itself, the schema its `$ref` names, or an `allOf` member.
fn read_only(schemas: &Value, schema: &Value, depth: usize) -> bool {
    if depth > DEPTH {
        return false;
    }
    if schema["readOnly"].as_bool() == Some(true) {
        return true;
    }
    let target = resolve(schemas, schema);
    (!std::ptr::eq(target, schema) && read_only(schemas, target, depth + 1))
        || schema["allOf"]
            .as_sequence()
            .into_iter()
            .flatten()
            .any(|part| read_only(schemas, part, depth + 1))
}

/// The schema a local `$ref` (`#/components/schemas/<name>`) names, or `schema` itself.
fn resolve<'a>(schemas: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        Some(name) => &schemas[name],
        None => schema,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(schema: &str) -> Vec<&str> {
        server_owned(schema).iter().map(String::as_str).collect()
    }

    #[test]
    fn applications_own_exactly_the_five_server_fields() {
        assert_eq!(
            names("Application"),
            ["_links", "createdAt", "environment", "id", "updatedAt"]
        );
    }

    #[test]
    fn sub_resources_also_own_their_application_and_identity_providers_their_embedded() {
        for schema in ["ApplicationAttributeMapping", "ApplicationResourceGrant"] {
            assert_eq!(
                names(schema),
                [
                    "_links",
                    "application",
                    "createdAt",
                    "environment",
                    "id",
                    "updatedAt"
                ],
                "{schema}"
            );
        }
        assert!(names("SignOnPolicyAssignment").contains(&"application"));
        assert!(names("IdentityProvider").contains(&"_embedded"));
        assert!(names("NoSuchSchema").is_empty());
    }

    #[test]
    fn read_only_is_seen_through_refs_and_all_of() {
        let spec = r##"
components:
  schemas:
    Stamp: { type: string, readOnly: true }
    Thing:
      properties:
        direct: { type: string, readOnly: true }
        viaRef: { $ref: '#/components/schemas/Stamp' }
        viaAllOf: { allOf: [ { $ref: '#/components/schemas/Stamp' } ] }
        plain: { type: string }
    Either: { oneOf: [ { $ref: '#/components/schemas/Thing' } ] }
"##;
        let sets = read_only_properties(spec);
        let thing: Vec<_> = sets["Thing"].iter().map(String::as_str).collect();
        assert_eq!(thing, ["direct", "viaAllOf", "viaRef"]);
        assert_eq!(sets["Either"], sets["Thing"]);
    }
}
