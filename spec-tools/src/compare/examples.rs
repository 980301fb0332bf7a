//! Checking a JSON example: is it JSON, does it validate against the spec's schema for its
//! operation and direction, and which fields does it show.

use serde_json::Value;

use super::{Finding, Kind};
use crate::json_repair;
use crate::model::{Direction, Example};
use crate::validate::Validator;

/// Where an example's schema comes from.
pub enum Target<'a> {
    /// The spec's schema for the example's body.
    Schema(&'a Value),
    /// The spec describes no body for it; the text says why.
    NoBody(&'static str),
    /// The example's status is not in the spec (reported already): not validated.
    Skip,
}

/// Checks one example; `name` is how lines refer to it ("PUT /x request example 1").
/// Returns the dot-separated paths of the fields it shows (empty if it is not readable).
pub fn check(
    validator: &Validator,
    name: &str,
    example: &Example,
    target: Target,
    out: &mut Vec<Finding>,
) -> Vec<String> {
    let read = json_repair::parse(&example.text);
    for problem in &read.problems {
        out.push(Finding::new(
            Kind::Invalid,
            format!("{name}: not valid JSON: {problem}"),
        ));
    }
    let Some(value) = read.value else {
        return Vec::new();
    };
    match target {
        Target::Schema(schema) => match validator.problems(schema, &value) {
            Ok(problems) => out.extend(
                problems
                    .into_iter()
                    .map(|p| Finding::new(Kind::Invalid, format!("{name}: {p}"))),
            ),
            Err(error) => out.push(Finding::new(
                Kind::Invalid,
                format!("{name}: the spec's schema cannot be used: {error}"),
            )),
        },
        Target::NoBody(why) => out.push(Finding::new(Kind::Invalid, format!("{name}: {why}"))),
        Target::Skip => {}
    }
    let mut paths = Vec::new();
    key_paths(&value, "", &mut paths);
    paths
}

/// How lines name an example: `<operation> <direction> example <n>`.
pub fn name(operation: &str, direction: Direction, n: usize) -> String {
    format!("{operation} {} example {n}", direction.as_str())
}

/// Every key of `value` as a dot-separated path, arrays stepped through, in order of first
/// appearance.
fn key_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                if !out.contains(&path) {
                    out.push(path.clone());
                }
                key_paths(child, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| key_paths(item, prefix, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_step_through_arrays() {
        let mut out = Vec::new();
        key_paths(
            &json!([{"a": {"b": [{"c": 1}, {"c": 2, "d": 3}]}}]),
            "",
            &mut out,
        );
        assert_eq!(out, ["a", "a.b", "a.b.c", "a.b.d"]);
    }
}
