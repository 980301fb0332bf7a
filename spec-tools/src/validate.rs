//! Validating an example against a schema of the spec with the `jsonschema` crate.
//!
//! OpenAPI 3.0 schemas are JSON Schema with a few additions. Two matter here: formats such as
//! `uuid` are checked (JSON Schema 2020-12 knows them), and a `oneOf` with a `discriminator`
//! mapping is rewritten into `if`/`then` per mapped value, so that an example is checked
//! against the alternative its discriminator names and the errors say what is wrong in it
//! rather than "matches none of the alternatives".

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError};
use serde_json::{json, Map, Value};

use crate::spec::Spec;

/// Validates examples against the schemas of one spec.
pub struct Validator {
    components: Value,
}

impl Validator {
    /// Prepares the spec's components (discriminators rewritten).
    pub fn new(spec: &Spec) -> Self {
        Validator {
            components: rewrite(&spec.root["components"]),
        }
    }

    /// The problems of `instance` against `schema`, one line each
    /// (`/path/in/example: what is wrong`). An error building the validator is returned as
    /// `Err` with its message.
    pub fn problems(&self, schema: &Value, instance: &Value) -> Result<Vec<String>, String> {
        let root = json!({ "components": self.components, "allOf": [rewrite(schema)] });
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| e.to_string())?;
        let mut lines: Vec<String> = validator
            .iter_errors(instance)
            .map(|e| describe(&e))
            .collect();
        lines.sort();
        lines.dedup();
        Ok(lines)
    }
}

/// Rewrites every `oneOf` that has a `discriminator` with a `mapping`.
fn rewrite(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out: Map<String, Value> =
                map.iter().map(|(k, v)| (k.clone(), rewrite(v))).collect();
            let mapping = map
                .get("discriminator")
                .and_then(|d| Some((d["propertyName"].as_str()?, d["mapping"].as_object()?)));
            if let (Some((property, mapping)), true) = (mapping, map.contains_key("oneOf")) {
                out.remove("oneOf");
                out.remove("discriminator");
                let names: Vec<&String> = mapping.keys().collect();
                let cases: Vec<Value> = mapping
                    .iter()
                    .map(|(name, target)| {
                        json!({
                            "if": { "properties": { property: { "const": name } }, "required": [property] },
                            "then": { "$ref": target },
                        })
                    })
                    .collect();
                out.insert("required".into(), json!([property]));
                out.insert("properties".into(), json!({ property: { "enum": names } }));
                out.insert("allOf".into(), Value::Array(cases));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(rewrite).collect()),
        other => other.clone(),
    }
}

/// One short line for an error: where in the example, and what is wrong, without repeating
/// large parts of the example.
fn describe(error: &ValidationError) -> String {
    let place = error.instance_path.to_string();
    let place = if place.is_empty() {
        "/".to_string()
    } else {
        place
    };
    let value = short(&error.instance);
    let what = match &error.kind {
        ValidationErrorKind::Required { property } => {
            format!("required property {property} is missing")
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .into_iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!("{value} is not of type {expected}")
        }
        ValidationErrorKind::Format { format } => format!("{value} is not a valid {format}"),
        ValidationErrorKind::Enum { options } => format!("{value} is not one of {options}"),
        ValidationErrorKind::Pattern { pattern } => format!("{value} does not match {pattern}"),
        ValidationErrorKind::MaxLength { limit } => format!("{value} is longer than {limit}"),
        ValidationErrorKind::MinLength { limit } => format!("{value} is shorter than {limit}"),
        ValidationErrorKind::OneOfNotValid => format!("{value} matches none of the alternatives"),
        ValidationErrorKind::OneOfMultipleValid => format!("{value} matches several alternatives"),
        _ => error.to_string(),
    };
    format!("{place}: {what}")
}

/// A value in at most 60 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        text
    } else {
        format!("{}...", text.chars().take(57).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
components:
  schemas:
    Round: {type: object, required: [kind, radius], properties: {kind: {type: string}, radius: {type: integer}}}
    Square: {type: object, required: [kind, side], properties: {kind: {type: string}, side: {type: integer}, id: {type: string, format: uuid}}}
    Shape:
      oneOf: [{$ref: '#/components/schemas/Round'}, {$ref: '#/components/schemas/Square'}]
      discriminator:
        propertyName: kind
        mapping: {ROUND: '#/components/schemas/Round', SQUARE: '#/components/schemas/Square'}
"##;

    fn problems(instance: Value) -> Vec<String> {
        let spec = Spec::from_yaml(SPEC).unwrap();
        let schema = json!({"$ref": "#/components/schemas/Shape"});
        Validator::new(&spec).problems(&schema, &instance).unwrap()
    }

    #[test]
    fn the_discriminator_picks_the_alternative() {
        assert!(problems(json!({"kind": "ROUND", "radius": 2})).is_empty());
        assert_eq!(
            problems(json!({"kind": "SQUARE", "side": "2"})),
            ["/side: \"2\" is not of type integer"]
        );
        assert_eq!(
            problems(json!({"side": 2})),
            ["/: required property \"kind\" is missing"]
        );
    }

    #[test]
    fn formats_are_checked() {
        assert_eq!(
            problems(json!({"kind": "SQUARE", "side": 2, "id": "{{id}}"})),
            ["/id: \"{{id}}\" is not a valid uuid"]
        );
    }
}
