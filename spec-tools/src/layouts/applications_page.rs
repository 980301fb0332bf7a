//! The layout of the PingOne applications reference (doc 004): data-model tables ("Property
//! Description", one row a line: the name, then a sentence that says the type, whether it
//! is required and the options), a "Code Message" table of response codes, lists of settings
//! a protocol requires, and per operation a sentence naming it ("The GET /path endpoint ...",
//! "... the PUT /path operation ..."), curl requests with `-d` bodies, response samples, and
//! "a 204 NO CONTENT message is returned".

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Direction, Document, Example, Field, Location, Model, Operation};
use crate::text::{doc_type, json_block, path_of_url, request_line, split_enumeration};

static OPERATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(GET|POST|PUT|PATCH|DELETE) (/\S+) (?:endpoint|operation)\b").unwrap()
});
static CURL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^curl\s+-X\s+"?([A-Z]+)"?\s+"([^"]+)""#).unwrap());
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[aA] (\d{3})(?: [A-Z]+)+ message is returned").unwrap());
static REQUIRED_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"protocol attribute to (\w+), you must provide values for the following").unwrap()
});

/// Reads a page in this layout.
pub fn parse(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut doc = Document::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line == "Property Description" {
            let (fields, next) = model_rows(&lines, i + 1);
            doc.models.push(Model {
                title: title_above(&lines, i),
                fields,
            });
            i = next;
            continue;
        }
        if line == "Code Message" {
            i += 1;
            while let Some(code) = lines.get(i).and_then(|l| l.split(' ').next()?.parse().ok()) {
                doc.statuses.push(code);
                i += 1;
            }
            continue;
        }
        if let Some(c) = REQUIRED_LIST.captures(line) {
            let (fields, next) = bullets(&lines, i + 1);
            doc.models.push(Model {
                title: format!("settings required with protocol {}", &c[1]),
                fields,
            });
            i = next;
            continue;
        }
        if let Some(c) = CURL.captures(line) {
            let line = request_line(&c[1], &c[2]);
            let (body, next) = curl_body(&lines, i + 1);
            if let Some(op) = doc.operations.last_mut() {
                op.request_lines.push(line);
                op.examples.extend(body.map(|text| Example {
                    direction: Direction::Request,
                    status: None,
                    text,
                }));
            }
            i = next;
            continue;
        }
        if let Some((text, end)) = json_block(&lines, i) {
            if let Some(op) = doc.operations.last_mut() {
                op.examples.push(Example {
                    direction: Direction::Response,
                    status: None,
                    text,
                });
            }
            i = end + 1;
            continue;
        }
        if let Some(c) = OPERATION.captures(line) {
            let same = doc
                .operations
                .last()
                .is_some_and(|op| op.method == c[1] && op.path == path_of_url(&c[2]));
            if !same {
                doc.operations.push(Operation {
                    method: c[1].to_string(),
                    path: path_of_url(&c[2]),
                    ..Operation::default()
                });
            }
        }
        if let (Some(c), Some(op)) = (STATUS.captures(line), doc.operations.last_mut()) {
            op.statuses.extend(c[1].parse::<u16>().ok());
        }
        i += 1;
    }
    doc
}

fn title_above(lines: &[&str], i: usize) -> String {
    lines[..i]
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// Table rows from `start` to the next blank line.
fn model_rows(lines: &[&str], start: usize) -> (Vec<Field>, usize) {
    static TYPE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^an? (string|integer|boolean|array|object)\b").unwrap());
    static OPTIONS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"Options are (.+?)\.(?:\s|$)").unwrap());
    let mut fields = Vec::new();
    let mut i = start;
    while let Some(line) = lines.get(i).map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let (name, description) = line.split_once(' ').unwrap_or((line, ""));
        let mut field = Field::new(name, Location::Body);
        // The regex only matches words `doc_type` knows.
        field.doc_type = TYPE
            .captures(description)
            .and_then(|c| doc_type(&c[1].to_ascii_lowercase()));
        if description.contains("This is a required property")
            || description.contains("This property is required")
        {
            field.required = Some(true);
        } else if description.contains("This property is optional") {
            field.required = Some(false);
        }
        if let Some(c) = OPTIONS.captures(description) {
            field.enum_values = split_enumeration(&c[1]);
        }
        fields.push(field);
        i += 1;
    }
    (fields, i)
}

/// "• name" lines (blank lines between them allowed); "(optional)" marks an optional one.
fn bullets(lines: &[&str], start: usize) -> (Vec<Field>, usize) {
    let mut fields = Vec::new();
    let mut i = start;
    while let Some(line) = lines.get(i).map(|l| l.trim()) {
        if let Some(item) = line.strip_prefix('•') {
            let item = item.trim();
            let (name, optional) = match item.strip_suffix("(optional)") {
                Some(name) => (name.trim(), true),
                None => (item, false),
            };
            let mut field = Field::new(name, Location::Body);
            field.required = Some(!optional);
            fields.push(field);
        } else if !line.is_empty() {
            break;
        }
        i += 1;
    }
    (fields, i)
}

/// The `-d` body of a curl command whose first line was just read: the text between the
/// quotes, which may span lines. Returns it (if any) and the index after the command.
fn curl_body(lines: &[&str], start: usize) -> (Option<String>, usize) {
    let mut i = start;
    while let Some(line) = lines.get(i).map(|l| l.trim()) {
        if !line.starts_with('-') {
            break;
        }
        if let Some(rest) = line
            .strip_prefix("-d $'")
            .or_else(|| line.strip_prefix("-d '"))
        {
            let mut body = vec![rest.to_string()];
            let mut j = i;
            while !body.last().is_some_and(|l| l.trim_end().ends_with('\'')) && j + 1 < lines.len()
            {
                j += 1;
                body.push(lines[j].to_string());
            }
            let mut text = body.join("\n");
            text.truncate(text.trim_end().len() - 1);
            return (Some(text), j + 1);
        }
        i += 1;
    }
    (None, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::JsonType;

    const PAGE: &str = "\
Gadgets data model

Property Description
colour A string that gives the paint. Options are RED, GREEN, and BLUE.
size An integer that gives the size. This is a required property.
maker.id The maker.

Response codes

Code Message
200 Fine.
404 Gone.

If you set the protocol attribute to ROUND, you must provide values for the following round settings:

  • radius
  • rim (optional)

Get gadgets

The GET /shops/{shopId}/gadgets endpoint lists gadgets.

curl -X \"GET\" \"https://api.example/v2/shops/{shopId}/gadgets?filter=x\" \\
-H 'Authorization: Bearer t'

{
    \"size\": 1
}

Add a gadget

The POST /shops/{shopId}/gadgets operation adds one.

curl -X \"POST\" \"https://api.example/v2/shops/{shopId}/gadgets\" \\
-H 'Content-type: application/json' \\
-d $'{
  \"size\": 2
}'

Remove a gadget

The DELETE /shops/{shopId}/gadgets/{gadgetId} operation removes it. A 204 NO CONTENT message is returned.
";

    #[test]
    fn models_codes_operations_requests_and_responses() {
        let doc = parse(PAGE);
        assert_eq!(doc.statuses, [200, 404]);
        let model = &doc.models[0];
        assert_eq!(model.title, "Gadgets data model");
        assert_eq!(model.fields[0].enum_values, ["RED", "GREEN", "BLUE"]);
        assert_eq!(model.fields[1].required, Some(true));
        assert_eq!(
            model.fields[1].doc_type.as_ref().unwrap().json,
            JsonType::Integer
        );
        assert_eq!(model.fields[2].doc_type, None);
        let required = &doc.models[1];
        assert_eq!(required.title, "settings required with protocol ROUND");
        assert_eq!(required.fields[1].required, Some(false));
        let ops = &doc.operations;
        assert_eq!(ops.len(), 3);
        assert_eq!(ops[0].request_lines[0].query, ["filter"]);
        assert_eq!(ops[0].examples[0].direction, Direction::Response);
        assert_eq!(ops[1].examples[0].direction, Direction::Request);
        assert!(ops[1].examples[0].text.trim().ends_with('}'));
        assert_eq!(ops[2].statuses, [204]);
    }
}
