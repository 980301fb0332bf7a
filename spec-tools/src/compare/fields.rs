//! Comparing one field or parameter the document states with the spec's schema for it:
//! required flag, type, format, enumerated values and limits.

use serde_json::Value;

use super::{Finding, Kind};
use crate::model::Field;
use crate::spec::Spec;

/// Appends to `out` every way `field` differs from `schema` (with `required` as the spec's
/// required flag for it). `subject` names the field in each line.
pub fn compare(
    spec: &Spec,
    subject: &str,
    field: &Field,
    schema: &Value,
    required: bool,
    out: &mut Vec<Finding>,
) {
    let flat = spec.flatten(schema);
    let element = flat.items.as_ref().map(|items| spec.flatten(items));
    let mut differs =
        |text: String| out.push(Finding::new(Kind::Differs, format!("{subject}: {text}")));
    if let Some(doc_required) = field.required {
        if doc_required != required {
            differs(match doc_required {
                true => "required in the document, optional in the spec".to_string(),
                false => "optional in the document, required in the spec".to_string(),
            });
        }
    }
    if let (Some(doc_type), Some(kind)) = (&field.doc_type, &flat.kind) {
        if doc_type.json.as_str() != kind {
            differs(format!(
                "type {} in the document, {kind} in the spec",
                doc_type.written
            ));
        }
        if let Some(format) = &doc_type.format {
            let spec_format = flat.format.as_deref().unwrap_or("none");
            if format != spec_format {
                differs(format!(
                    "format {format} in the document, {spec_format} in the spec"
                ));
            }
        }
    }
    for limit in &field.limits {
        match flat.limits.get(&limit.keyword) {
            Some(value) if value == &limit.value => {}
            found => differs(format!(
                "{} {} in the document, {} in the spec",
                limit.keyword,
                limit.value,
                found.map_or("none", String::as_str)
            )),
        }
    }
    let spec_values = flat
        .enum_values
        .clone()
        .or_else(|| element.and_then(|e| e.enum_values))
        .unwrap_or_default();
    let mut missing = Vec::new();
    for value in &field.enum_values {
        if spec_values.contains(value) {
            continue;
        }
        match spec_values.iter().find(|v| v.eq_ignore_ascii_case(value)) {
            Some(spelled) => differs(format!(
                "enum value {value} in the document, {spelled} in the spec"
            )),
            None => missing.push(Finding::new(
                Kind::Missing,
                format!("{subject}: enum value {value} not in the spec"),
            )),
        }
    }
    out.append(&mut missing);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limit, Location};
    use crate::text::doc_type;
    use serde_json::json;

    fn lines(field: &Field, schema: Value, required: bool) -> Vec<String> {
        let spec = Spec { root: json!({}) };
        let mut out = Vec::new();
        compare(&spec, "f", field, &schema, required, &mut out);
        out.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn every_attribute_is_compared() {
        let mut field = Field::new("f", Location::Body);
        field.required = Some(true);
        field.doc_type = doc_type("UUID");
        field.enum_values = vec!["on".into(), "dim".into()];
        field.limits = vec![Limit {
            keyword: "maxLength".into(),
            value: "9".into(),
        }];
        let schema = json!({"type": "string", "enum": ["ON", "OFF"], "maxLength": 8});
        assert_eq!(
            lines(&field, schema, false),
            [
                "f: required in the document, optional in the spec",
                "f: format uuid in the document, none in the spec",
                "f: maxLength 9 in the document, 8 in the spec",
                "f: enum value on in the document, ON in the spec",
                "f: enum value dim not in the spec",
            ]
        );
    }

    #[test]
    fn arrays_compare_their_element_values_and_agreeing_fields_say_nothing() {
        let mut field = Field::new("f", Location::Body);
        field.doc_type = doc_type("string");
        field.enum_values = vec!["A".into()];
        let schema = json!({"type": "array", "items": {"enum": ["A"]}});
        assert_eq!(
            lines(&field, schema, true),
            ["f: type string in the document, array in the spec"]
        );
        field.doc_type = doc_type("Array");
        assert!(lines(
            &field,
            json!({"type": "array", "items": {"enum": ["A"]}}),
            true
        )
        .is_empty());
    }
}
