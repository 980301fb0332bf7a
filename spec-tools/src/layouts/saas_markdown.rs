//! The Markdown layout of the PingOne SSO for SaaS Apps page (doc 000): per operation an
//! endpoint line in a code block, "Request Parameters" and "Response Parameters" tables of
//! `name` (with "(optional)") and description, a "Status Codes Returned" table, and an
//! "Example" code block whose first line is a request line, followed by a JSON body.
//!
//! Request parameters are required unless marked optional (the page says so once for all of
//! them); response parameters carry no required flag. The page does not say where request
//! parameters travel, so they are [`Location::Unstated`] unless their name is a placeholder
//! of the path. Enumerations are read from "values are" in a description.

use std::sync::LazyLock;

use regex::Regex;

use crate::markdown::{blocks, Block};
use crate::model::{Direction, Document, Example, Field, Location, Operation};
use crate::text::{is_method, path_of_url, placeholders, request_line, split_enumeration};

#[derive(Clone, Copy, PartialEq)]
enum Heading {
    Other,
    Request,
    Response,
    Statuses,
    Example,
}

fn heading(line: &str) -> Option<Heading> {
    let lower = line.to_ascii_lowercase();
    Some(match lower.as_str() {
        "request parameters" => Heading::Request,
        "response parameters" => Heading::Response,
        "status codes returned" => Heading::Statuses,
        "example" => Heading::Example,
        _ => return None,
    })
}

/// Reads a page in this layout.
pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut current = Heading::Other;
    for block in blocks(text) {
        match block {
            Block::Text(line) => current = heading(&line).unwrap_or(Heading::Other),
            Block::Code(lines) => {
                let Some((method, url)) = lines.first().and_then(|l| split_request_line(l)) else {
                    continue;
                };
                if current == Heading::Example {
                    if let Some(op) = doc.operations.last_mut() {
                        add_example(op, &method, &url, &lines[1..]);
                    }
                } else if lines.iter().skip(1).all(|l| l.trim().is_empty()) {
                    doc.operations.push(Operation {
                        method,
                        path: path_of_url(&url),
                        ..Operation::default()
                    });
                    current = Heading::Other;
                }
            }
            Block::Table(rows) => {
                let Some(op) = doc.operations.last_mut() else {
                    continue;
                };
                let header = rows.first().and_then(|r| r.first()).map(String::as_str);
                match (current, header) {
                    (_, Some("Status Code")) => op
                        .statuses
                        .extend(rows.iter().skip(1).filter_map(|r| status_of(r.first()?))),
                    (Heading::Request, Some("Parameter")) => {
                        let names = placeholders(&op.path);
                        for row in rows.iter().skip(1) {
                            op.request.extend(parameter(row, Some(&names)));
                        }
                    }
                    (Heading::Response, Some("Parameter")) => {
                        for row in rows.iter().skip(1) {
                            op.response.extend(parameter(row, None));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    doc
}

/// `PUT https://host/path` as method and URL.
fn split_request_line(line: &str) -> Option<(String, String)> {
    let (method, url) = line.trim().split_once(' ')?;
    is_method(method).then(|| (method.to_string(), url.trim().to_string()))
}

fn add_example(op: &mut Operation, method: &str, url: &str, body: &[String]) {
    op.request_lines.push(request_line(method, url));
    let text = body.join("\n");
    if text.trim().is_empty() {
        return;
    }
    let direction = if matches!(method, "GET" | "DELETE") {
        Direction::Response
    } else {
        Direction::Request
    };
    op.examples.push(Example {
        direction,
        status: None,
        text,
    });
}

fn status_of(cell: &str) -> Option<u16> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([1-5]\d\d)\b").unwrap());
    CODE.captures(cell)?[1].parse().ok()
}

/// A parameter row: "`name` (optional)" and its description. `path_names` is given for
/// request tables: a row named like a placeholder of the path is that path parameter.
fn parameter(row: &[String], path_names: Option<&[String]>) -> Option<Field> {
    static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]+)`").unwrap());
    let first = row.first()?;
    let name = NAME.captures(first)?[1].to_string();
    let optional = first.to_ascii_lowercase().contains("(optional)");
    let location = match path_names {
        Some(names) if names.iter().any(|n| n == &name) => Location::Path,
        Some(_) => Location::Unstated,
        None => Location::Body,
    };
    let mut field = Field::new(name, location);
    if path_names.is_some() {
        field.required = Some(!optional);
    }
    field.enum_values = row.get(1).map(|d| enum_values(d)).unwrap_or_default();
    Some(field)
}

/// Values listed after "values are" in a description: either inline (`A` or `B`) or as a
/// list of "- item" entries; in a list, an item's value is its first backticked word, or
/// the whole item when nothing is backticked.
fn enum_values(description: &str) -> Vec<String> {
    static INTRO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bvalues are\s*:?\s*").unwrap());
    static TICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]+)`").unwrap());
    let Some(m) = INTRO.find(description) else {
        return Vec::new();
    };
    let rest = &description[m.end()..];
    if let Some(list) = rest.strip_prefix('-') {
        return list
            .split("\n- ")
            .map(|item| match TICKED.captures(item) {
                Some(c) => c[1].to_string(),
                None => item.trim().to_string(),
            })
            .filter(|v| !v.is_empty())
            .collect();
    }
    let sentence = rest.split(['.', '\n']).next().unwrap_or_default();
    split_enumeration(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
Make a widget

```
PUT https://api.example/base/widgets/<widgetId>
```

## Request parameters

| Parameter | Description |
| --- | --- |
| `colour` (optional) | Paint. Valid values are `RED` or `BLUE`.If absent, red. |
| `widgetId` | Which widget. |
| `size` | How big. Valid values are:- `S`

- `M` (default)

- `L`If absent, M. |

## Response Parameters

None.

## Status Codes Returned

| Status Code | Description |
| --- | --- |
| `201 Created` | Made. |
| `409 Conflict` | Exists. |

## Example

```
   PUT https://api.example/base/widgets/w1
{
\t\"colour\": \"RED\"
}
```

Read widgets

```
GET https://api.example/base/widgets/<widgetId>
```

## Response Parameters

| Parameter | Description |
| --- | --- |
| `state` | Possible values are:- Ready

- Out of stock |
";

    #[test]
    fn operations_parameters_statuses_and_examples() {
        let doc = parse(PAGE);
        assert_eq!(doc.operations.len(), 2);
        let put = &doc.operations[0];
        assert_eq!(
            (put.method.as_str(), put.path.as_str()),
            ("PUT", "/base/widgets/{widgetId}")
        );
        assert_eq!(put.statuses, [201, 409]);
        let names: Vec<_> = put
            .request
            .iter()
            .map(|f| (f.name.as_str(), f.location, f.required))
            .collect();
        assert_eq!(
            names,
            [
                ("colour", Location::Unstated, Some(false)),
                ("widgetId", Location::Path, Some(true)),
                ("size", Location::Unstated, Some(true)),
            ]
        );
        assert_eq!(put.request[0].enum_values, ["RED", "BLUE"]);
        assert_eq!(put.request[2].enum_values, ["S", "M", "L"]);
        assert_eq!(put.request_lines[0].path, "/base/widgets/w1");
        assert_eq!(put.examples[0].direction, Direction::Request);
        assert!(put.examples[0].text.contains("\"colour\""));
        let get = &doc.operations[1];
        assert_eq!(get.response[0].enum_values, ["Ready", "Out of stock"]);
        assert_eq!(get.response[0].required, None);
    }
}
