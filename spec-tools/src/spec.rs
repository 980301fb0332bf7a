//! Reading an OpenAPI 3.0 spec: its operations, their parameters, request body and responses,
//! and what a schema says about a (nested) field.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::text::{path_of_url, METHODS};

/// A spec, held as JSON.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The whole document.
    pub root: Value,
}

/// One operation of the spec.
#[derive(Debug, Clone)]
pub struct SpecOperation {
    /// Upper-case method.
    pub method: String,
    /// The path template as the spec writes it.
    pub path: String,
    /// Path and query parameters (path-level and operation-level), references resolved.
    pub parameters: Vec<SpecParameter>,
    /// The JSON request body schema, if any.
    pub request: Option<Value>,
    /// Status codes with the JSON schema of each response, if it has one.
    pub responses: BTreeMap<u16, Option<Value>>,
}

/// A path or query parameter.
#[derive(Debug, Clone)]
pub struct SpecParameter {
    /// Its name.
    pub name: String,
    /// `path` or `query`.
    pub location: String,
    /// Whether it must be sent.
    pub required: bool,
    /// Its schema.
    pub schema: Value,
}

impl SpecOperation {
    /// `METHOD /path`.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The schema of the first 2xx response that has one.
    pub fn success_schema(&self) -> Option<&Value> {
        self.responses
            .iter()
            .filter(|(code, _)| (200..300).contains(*code))
            .find_map(|(_, schema)| schema.as_ref())
    }
}

impl Spec {
    /// Parses a spec from its YAML text.
    pub fn from_yaml(text: &str) -> Result<Spec, serde_yaml::Error> {
        Ok(Spec {
            root: serde_yaml::from_str(text)?,
        })
    }

    /// Follows `$ref` until a schema (or parameter, response, body) that is not a reference.
    pub fn resolve<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        for _ in 0..32 {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let pointer = target.trim_start_matches('#');
            match self.root.pointer(pointer) {
                Some(found) => value = found,
                None => break,
            }
        }
        value
    }

    /// A component schema by name.
    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.root.pointer(&format!("/components/schemas/{name}"))
    }

    /// The path part of each server URL (`/v1`), which documents write in front of the
    /// spec's paths.
    pub fn base_paths(&self) -> Vec<String> {
        let servers = self.root["servers"].as_array().cloned().unwrap_or_default();
        servers
            .iter()
            .filter_map(|s| s["url"].as_str())
            .map(|url| path_of_url(url).trim_end_matches('/').to_string())
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// A document path without the server's base path in front.
    pub fn relative(&self, path: &str) -> String {
        for base in self.base_paths() {
            if let Some(rest) = path.strip_prefix(&base) {
                if rest.starts_with('/') {
                    return rest.to_string();
                }
            }
        }
        path.to_string()
    }

    /// Every operation, in the order of the file.
    pub fn operations(&self) -> Vec<SpecOperation> {
        let mut out = Vec::new();
        let Some(paths) = self.root["paths"].as_object() else {
            return out;
        };
        for (path, item) in paths {
            let shared = item["parameters"].as_array().cloned().unwrap_or_default();
            for method in METHODS {
                let Some(op) = item.get(method.to_ascii_lowercase()) else {
                    continue;
                };
                let own = op["parameters"].as_array().cloned().unwrap_or_default();
                let parameters = shared
                    .iter()
                    .chain(&own)
                    .map(|p| self.parameter(p))
                    .collect();
                let request = op.get("requestBody").and_then(|b| self.json_schema(b));
                let responses = op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter_map(|(code, r)| Some((code.parse().ok()?, self.json_schema(r))))
                    .collect();
                out.push(SpecOperation {
                    method: method.to_string(),
                    path: path.clone(),
                    parameters,
                    request,
                    responses,
                });
            }
        }
        out
    }

    fn parameter(&self, value: &Value) -> SpecParameter {
        let p = self.resolve(value);
        SpecParameter {
            name: p["name"].as_str().unwrap_or_default().to_string(),
            location: p["in"].as_str().unwrap_or_default().to_string(),
            required: p["required"].as_bool().unwrap_or(false),
            schema: p["schema"].clone(),
        }
    }

    fn json_schema(&self, body: &Value) -> Option<Value> {
        let body = self.resolve(body);
        body.pointer("/content/application~1json/schema").cloned()
    }

    /// The operation with this method whose path matches `doc_path` (placeholders match
    /// placeholders whatever their names; the server's base path may be in front).
    pub fn find_operation(&self, method: &str, doc_path: &str) -> Option<SpecOperation> {
        let relative = self.relative(doc_path);
        self.operations()
            .into_iter()
            .find(|op| op.method == method && template_matches(&op.path, &relative, false))
    }
}

/// Whether a document path fits a spec path template, segment by segment. With
/// `values_allowed`, a literal segment (`exampleIdp.com`) may stand for a placeholder.
pub fn template_matches(spec_path: &str, doc_path: &str, values_allowed: bool) -> bool {
    let spec: Vec<&str> = spec_path.split('/').collect();
    let doc: Vec<&str> = doc_path.split('/').collect();
    let is_placeholder = |s: &str| s.starts_with('{') && s.ends_with('}');
    spec.len() == doc.len()
        && spec
            .iter()
            .zip(&doc)
            .all(|(s, d)| match (is_placeholder(s), is_placeholder(d)) {
                (true, true) => true,
                (true, false) => values_allowed && !d.is_empty(),
                (false, false) => s == d,
                (false, true) => false,
            })
}

/// A schema seen through its references and `allOf` parts.
#[derive(Debug, Default, Clone)]
pub struct Flat {
    /// Named properties.
    pub properties: Map<String, Value>,
    /// Names of the required properties.
    pub required: BTreeSet<String>,
    /// `additionalProperties` when it is a schema that says something (a map's values).
    pub additional: Option<Value>,
    /// The `type` keyword.
    pub kind: Option<String>,
    /// The `items` schema of an array.
    pub items: Option<Value>,
    /// `enum` values, as strings.
    pub enum_values: Option<Vec<String>>,
    /// The `format` keyword.
    pub format: Option<String>,
    /// Length, range and pattern keywords, standard or in `x-request-limits`.
    pub limits: BTreeMap<String, String>,
    /// `oneOf` / `anyOf` alternatives.
    pub branches: Vec<Value>,
}

const LIMIT_KEYWORDS: [&str; 5] = ["minLength", "maxLength", "minimum", "maximum", "pattern"];

impl Spec {
    /// What `schema` says, with references followed and `allOf` parts merged.
    pub fn flatten(&self, schema: &Value) -> Flat {
        let mut flat = Flat::default();
        self.merge_into(&mut flat, schema, 0);
        flat
    }

    fn merge_into(&self, flat: &mut Flat, schema: &Value, depth: usize) {
        let schema = self.resolve(schema);
        if depth > 16 {
            return;
        }
        for part in schema["allOf"].as_array().into_iter().flatten() {
            self.merge_into(flat, part, depth + 1);
        }
        for (name, value) in schema["properties"].as_object().into_iter().flatten() {
            flat.properties.insert(name.clone(), value.clone());
        }
        let required = schema["required"].as_array().into_iter().flatten();
        flat.required
            .extend(required.filter_map(Value::as_str).map(str::to_string));
        match schema.get("additionalProperties") {
            Some(Value::Object(map)) if !map.is_empty() => {
                flat.additional = Some(Value::Object(map.clone()))
            }
            _ => {}
        }
        if let Some(kind) = schema["type"].as_str() {
            flat.kind = Some(kind.to_string());
        }
        if let Some(items) = schema.get("items") {
            flat.items = Some(items.clone());
        }
        if let Some(values) = schema["enum"].as_array() {
            flat.enum_values = Some(values.iter().map(plain).collect());
        }
        if let Some(format) = schema["format"].as_str() {
            flat.format = Some(format.to_string());
        }
        for source in [schema, &schema["x-request-limits"]] {
            for keyword in LIMIT_KEYWORDS {
                if let Some(v) = source.get(keyword) {
                    flat.limits.insert(keyword.to_string(), plain(v));
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            flat.branches
                .extend(schema[key].as_array().into_iter().flatten().cloned());
        }
        if flat.kind.is_none() && flat.enum_values.is_some() {
            flat.kind = Some("string".to_string());
        }
    }

    /// The schema of the dot-separated field `path` inside `schema`, and whether every step
    /// to it is required. Arrays are stepped through without a name; in a `oneOf` the first
    /// alternative that has the field is used; a map's keys (`additionalProperties` with a
    /// schema) are fields of that schema.
    pub fn field(&self, schema: &Value, path: &str) -> Option<(Value, bool)> {
        let mut current = schema.clone();
        let mut required = true;
        for segment in path.split('.') {
            let (child, here) = self.child(&current, segment, 0)?;
            current = child;
            required &= here;
        }
        Some((current, required))
    }

    fn child(&self, schema: &Value, name: &str, depth: usize) -> Option<(Value, bool)> {
        if depth > 8 {
            return None;
        }
        let flat = self.flatten(schema);
        if let Some(items) = &flat.items {
            return self.child(items, name, depth + 1);
        }
        if let Some(p) = flat.properties.get(name) {
            return Some((p.clone(), flat.required.contains(name)));
        }
        if let Some(found) = flat
            .branches
            .iter()
            .find_map(|b| self.child(b, name, depth + 1))
        {
            return Some(found);
        }
        flat.additional.map(|a| (a, false))
    }
}

/// A JSON value as plain text (strings without quotes).
pub fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
servers:
  - url: https://api.example/v2
paths:
  /shops/{shopId}/gadgets:
    parameters:
      - $ref: '#/components/parameters/ShopId'
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Gadget'}
      responses:
        '201': {description: made}
        '400': {description: bad}
components:
  parameters:
    ShopId: {name: shopId, in: path, required: true, schema: {type: string}}
  schemas:
    Colour: {type: string, enum: [RED, BLUE]}
    Gadget:
      type: object
      required: [size, parts]
      properties:
        size: {type: integer, x-request-limits: {minimum: 1}}
        colour: {allOf: [{$ref: '#/components/schemas/Colour'}], readOnly: true}
        parts:
          type: array
          items:
            type: object
            required: [id]
            properties: {id: {type: string, format: uuid}}
        labels:
          type: object
          additionalProperties: {type: string}
        extra:
          type: object
          additionalProperties: {}
"##;

    #[test]
    fn operations_parameters_and_fields() {
        let spec = Spec::from_yaml(SPEC).unwrap();
        assert_eq!(spec.base_paths(), ["/v2"]);
        let op = spec
            .find_operation("POST", "/v2/shops/{shop}/gadgets")
            .unwrap();
        assert_eq!(op.parameters[0].name, "shopId");
        assert_eq!(op.responses.keys().copied().collect::<Vec<_>>(), [201, 400]);
        let body = op.request.unwrap();
        let (parts_id, required) = spec.field(&body, "parts.id").unwrap();
        assert!(required);
        assert_eq!(spec.flatten(&parts_id).format.as_deref(), Some("uuid"));
        let (colour, required) = spec.field(&body, "colour").unwrap();
        assert!(!required);
        assert_eq!(spec.flatten(&colour).enum_values.unwrap(), ["RED", "BLUE"]);
        let (size, _) = spec.field(&body, "size").unwrap();
        assert_eq!(spec.flatten(&size).limits["minimum"], "1");
        assert!(spec.field(&body, "labels.anything").is_some());
        assert!(spec.field(&body, "extra.anything").is_none());
        assert!(spec.field(&body, "weight").is_none());
    }

    #[test]
    fn templates() {
        assert!(template_matches("/a/{x}/b", "/a/{y}/b", false));
        assert!(!template_matches("/a/{x}/b", "/a/v/b", false));
        assert!(template_matches("/a/{x}/b", "/a/v/b", true));
        assert!(!template_matches("/a/{x}/b", "//a/{x}/b", true));
    }
}
