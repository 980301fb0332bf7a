//! A plain listing of what the parser read from a document (`doc-check --parsed`), so a
//! maintainer can see that a new table or example was read as intended.

use std::fmt::Write as _;

use crate::model::{Document, Field};

/// One line per operation, field, example and model row.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    for op in &doc.operations {
        let _ = writeln!(
            out,
            "operation {} {}  statuses {:?}",
            op.method, op.path, op.statuses
        );
        for line in &op.request_lines {
            let _ = writeln!(
                out,
                "  request line {} {} query {:?}",
                line.method, line.path, line.query
            );
        }
        for field in &op.request {
            let _ = writeln!(out, "  request {}", field_line(field));
        }
        for field in &op.response {
            let _ = writeln!(out, "  response {}", field_line(field));
        }
        for example in &op.examples {
            let _ = writeln!(
                out,
                "  {} example (status {:?}, {} lines)",
                example.direction.as_str(),
                example.status,
                example.text.lines().count()
            );
        }
    }
    for model in &doc.models {
        let _ = writeln!(out, "model \"{}\"", model.title);
        for field in &model.fields {
            let _ = writeln!(out, "  {}", field_line(field));
        }
    }
    if !doc.statuses.is_empty() {
        let _ = writeln!(out, "response codes {:?}", doc.statuses);
    }
    out
}

fn field_line(field: &Field) -> String {
    let required = match field.required {
        Some(true) => "required",
        Some(false) => "optional",
        None => "-",
    };
    let kind = field.doc_type.as_ref().map_or("-", |t| t.written.as_str());
    let mut line = format!("{} ({:?}, {required}, {kind})", field.name, field.location);
    if !field.enum_values.is_empty() {
        let _ = write!(line, " values {:?}", field.enum_values);
    }
    for limit in &field.limits {
        let _ = write!(line, " {} {}", limit.keyword, limit.value);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Operation};

    #[test]
    fn lists_operations_and_fields() {
        let mut field = Field::new("size", Location::Query);
        field.required = Some(true);
        let doc = Document {
            operations: vec![Operation {
                method: "GET".into(),
                path: "/x".into(),
                request: vec![field],
                ..Operation::default()
            }],
            ..Document::default()
        };
        assert_eq!(
            outline(&doc),
            "operation GET /x  statuses []\n  request size (Query, required, -)\n"
        );
    }
}
