//! The layout of an Auth0 Management API page (doc 002): the method and the path one piece
//! per line at the top, a curl request with its `--data` body, the response body, then
//! sections ("Path Parameters", "Body", "Response", ...) listing fields as a name line, a
//! type line (`string`, `enum<string>[]`, `string<id-kind>`), optional `required` and
//! location lines, a description, and notes: "Required string length: 1 - 50",
//! "Maximum string length: 15", "Pattern: ...", "Available options:" with one value a line.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Direction, Document, Example, Field, Limit, Location, Operation};
use crate::text::{doc_type, is_method, json_block, request_line};

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Skip,
    Path,
    Query,
    Body,
    Response,
}

fn section(line: &str) -> Option<Section> {
    Some(match line {
        "Authorizations" | "Headers" => Section::Skip,
        "Path Parameters" => Section::Path,
        "Query Parameters" => Section::Query,
        "Body" => Section::Body,
        "Response" => Section::Response,
        _ => return None,
    })
}

static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z_][\w.\-]*$").unwrap());

/// Reads a page in this layout.
pub fn parse(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut op = Operation::default();
    let mut i = 0;
    // The method, then the path one piece a line ("/", "things", "/", "{id}").
    while i < lines.len() && !is_method(lines[i].trim()) {
        i += 1;
    }
    if i == lines.len() {
        return Document::default();
    }
    op.method = lines[i].trim().to_string();
    i += 1;
    while i < lines.len() && (lines[i].trim() == "/" || lines[i - 1].trim() == "/") {
        op.path.push_str(lines[i].trim());
        i += 1;
    }
    let mut current = Section::None;
    let mut curl_method = None;
    let mut response_seen = false;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(s) = section(line) {
            current = s;
        } else if let Some(rest) = line.strip_prefix("curl ") {
            curl_method = rest
                .split_whitespace()
                .skip_while(|w| *w != "--request" && *w != "-X")
                .nth(1)
                .map(str::to_string);
        } else if let Some(url) = line.strip_prefix("--url ") {
            let method = curl_method.clone().unwrap_or_else(|| op.method.clone());
            op.request_lines
                .push(request_line(&method, url.trim_end_matches('\\').trim()));
        } else if line.starts_with("--data '") {
            let end = (i + 1..lines.len()).find(|&j| lines[j].trim_end().ends_with('\''));
            if let Some(end) = end {
                let mut body = lines[i + 1..=end].join("\n");
                body.truncate(body.trim_end().len() - 1);
                op.examples.push(example(Direction::Request, body));
                i = end;
            }
        } else if current == Section::None && !response_seen {
            if let Some((text, end)) = json_block(&lines, i) {
                op.examples.push(example(Direction::Response, text));
                response_seen = true;
                i = end;
            }
        } else if !matches!(current, Section::None | Section::Skip)
            && NAME.is_match(line)
            && next_line(&lines, i)
                .and_then(|j| doc_type(lines[j]))
                .is_some()
        {
            let (field, next) = field(&lines, i, current);
            match current {
                Section::Response => op.response.push(field),
                _ => op.request.push(field),
            }
            i = next;
            continue;
        }
        i += 1;
    }
    Document {
        operations: vec![op],
        ..Document::default()
    }
}

fn example(direction: Direction, text: String) -> Example {
    Example {
        direction,
        status: None,
        text,
    }
}

fn next_line(lines: &[&str], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty())
}

/// The field whose name is at `lines[start]`; returns it and the index after its notes.
fn field(lines: &[&str], start: usize, section: Section) -> (Field, usize) {
    static LENGTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^Required string length: (\d+) - (\d+)$").unwrap());
    static ONE_LIMIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(Maximum|Minimum) (string length|value): (\S+)$").unwrap());
    let location = match section {
        Section::Path => Location::Path,
        Section::Query => Location::Query,
        _ => Location::Body,
    };
    let mut field = Field::new(lines[start].trim(), location);
    let type_line = next_line(lines, start).expect("checked by the caller");
    field.doc_type = doc_type(lines[type_line]);
    field.required = Some(false);
    let mut i = type_line + 1;
    while i < lines.len() {
        let line = lines[i].trim();
        let next_is_type = next_line(lines, i).is_some_and(|j| doc_type(lines[j]).is_some());
        if section_of(line) || (NAME.is_match(line) && next_is_type && line != "required") {
            break;
        }
        if line == "required" {
            field.required = Some(true);
        } else if let Some(c) = LENGTH.captures(line) {
            field.limits.push(limit("minLength", &c[1]));
            field.limits.push(limit("maxLength", &c[2]));
        } else if let Some(c) = ONE_LIMIT.captures(line) {
            let keyword = match (&c[1], &c[2]) {
                ("Maximum", "string length") => "maxLength",
                ("Minimum", "string length") => "minLength",
                ("Maximum", _) => "maximum",
                _ => "minimum",
            };
            field.limits.push(limit(keyword, &c[3]));
        } else if let Some(pattern) = line.strip_prefix("Pattern: ") {
            field.limits.push(limit("pattern", pattern));
        } else if line == "Available options:" {
            while let Some(j) = next_line(lines, i) {
                let value = lines[j].trim();
                field
                    .enum_values
                    .push(value.trim_end_matches(',').to_string());
                i = j;
                if !value.ends_with(',') {
                    break;
                }
            }
        }
        i += 1;
    }
    (field, i)
}

fn section_of(line: &str) -> bool {
    section(line).is_some()
}

fn limit(keyword: &str, value: &str) -> Limit {
    Limit {
        keyword: keyword.to_string(),
        value: value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
Skip to main content
PATCH
/
gadgets
/
{id}
Change a gadget
curl --request PATCH \\
  --url https://{tenant}/api/v9/gadgets/{id} \\
  --data '
{
  \"label\": \"<string>\"
}
'
{
  \"id\": \"<string>\",
  \"label\": \"<string>\"
}

Authorizations

Authorization
string
header
required

Token.

Path Parameters

id
string
required

Which gadget.

Body

label
string

What it is called.

Required string length: 1 - 20
kinds
enum<string>[]

Kinds.

Available options:
round,
square
size
integer

How big.

Response

Changed.

id
string<gadget-id>

The gadget.
";

    #[test]
    fn operation_examples_and_field_lists() {
        let doc = parse(PAGE);
        let op = &doc.operations[0];
        assert_eq!(
            (op.method.as_str(), op.path.as_str()),
            ("PATCH", "/gadgets/{id}")
        );
        assert_eq!(op.request_lines[0].path, "/api/v9/gadgets/{id}");
        assert_eq!(op.examples.len(), 2);
        assert_eq!(op.examples[0].direction, Direction::Request);
        assert_eq!(op.examples[1].direction, Direction::Response);
        let names: Vec<_> = op
            .request
            .iter()
            .map(|f| (f.name.as_str(), f.location, f.required))
            .collect();
        assert_eq!(
            names,
            [
                ("id", Location::Path, Some(true)),
                ("label", Location::Body, Some(false)),
                ("kinds", Location::Body, Some(false)),
                ("size", Location::Body, Some(false)),
            ]
        );
        assert_eq!(op.request[1].limits.len(), 2);
        assert_eq!(op.request[2].enum_values, ["round", "square"]);
        let id = &op.response[0];
        assert_eq!(
            id.doc_type.as_ref().unwrap().format.as_deref(),
            Some("gadget-id")
        );
    }
}
