//! The layout of a PingOne Platform operation page (docs 001 and 003): one endpoint line
//! (`PUT {{apiPath}}/environments/{{envID}}/...`), optional "Property Required? Type" lists
//! (each row three lines: name, `Required` or `Optional`, type) under a title, the request
//! body after "raw ( application/json )", code samples in eleven languages (skipped: they
//! repeat the body), and "Example Response" with a status line and a JSON body.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Direction, Document, Example, Field, Location, Model, Operation};
use crate::text::{doc_type, is_method, json_block, path_of_url};

/// Reads a page in this layout.
pub fn parse(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::default();
    // The endpoint line comes first; nothing before it belongs to the operation.
    let Some((start, mut op)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| Some((i, endpoint(l)?)))
    else {
        return doc;
    };
    let mut pending: Option<(Direction, Option<u16>)> = None;
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i].trim();
        if line == "Property Required? Type" {
            let (model, next) = property_list(&lines, i);
            doc.models.push(model);
            i = next;
            continue;
        } else if line.starts_with("raw (") {
            pending = Some((Direction::Request, None));
        } else if line == "Example Request" {
            // Code samples repeat the body in other languages; skip to the response.
            while i < lines.len() && lines[i].trim() != "Example Response" {
                i += 1;
            }
            continue;
        } else if line == "Example Response" {
            pending = Some((Direction::Response, None));
        } else if let (Some((Direction::Response, None)), Some(code)) = (pending, status(line)) {
            pending = Some((Direction::Response, Some(code)));
        } else if let (Some((direction, status)), Some((text, end))) =
            (pending, json_block(&lines, i))
        {
            op.statuses.extend(status);
            op.examples.push(Example {
                direction,
                status,
                text,
            });
            pending = None;
            i = end;
        }
        i += 1;
    }
    doc.operations.push(op);
    doc
}

/// `PUT {{apiPath}}/things/{{id}}` as an operation.
fn endpoint(line: &str) -> Option<Operation> {
    let (method, url) = line.trim().split_once(' ')?;
    (is_method(method) && !url.trim().contains(' ')).then(|| Operation {
        method: method.to_string(),
        path: path_of_url(url.trim()),
        ..Operation::default()
    })
}

fn status(line: &str) -> Option<u16> {
    static STATUS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([1-5]\d\d)\b").unwrap());
    STATUS.captures(line)?[1].parse().ok()
}

/// The list whose header is at `lines[header]`: its title is the closest line above that is
/// not a sentence. Returns the model and the index of the first line after the list.
fn property_list(lines: &[&str], header: usize) -> (Model, usize) {
    let title = lines[..header]
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !l.ends_with('.'))
        .unwrap_or_default()
        .to_string();
    let mut fields = Vec::new();
    let mut i = header + 1;
    loop {
        let rows: Vec<usize> = (i..lines.len())
            .filter(|&j| !lines[j].trim().is_empty())
            .take(3)
            .collect();
        let [name, flag, kind] = rows[..] else { break };
        let required = match lines[flag].trim() {
            "Required" => true,
            "Optional" => false,
            _ => break,
        };
        let mut field = Field::new(lines[name].trim(), Location::Body);
        field.required = Some(required);
        field.doc_type = doc_type(lines[kind]);
        fields.push(field);
        i = kind + 1;
    }
    (Model { title, fields }, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
Tools API

Replace a gadget

PUT {{root}}/shops/{{shopID}}/gadgets/{{gadgetID}}

Replaces every setting of a gadget.

Gadget settings

See the model page for details.

Property Required? Type

name

Required

String

parts.id

Optional

UUID

Headers

Body

raw ( application/json )

{
    \"name\": \"lamp\"
}

Example Request

curl --request PUT '{{root}}/shops'
{
    \"name\": \"ignored\"
}

Example Response

200 OK

{
    \"id\": \"g1\",
    \"name\": \"lamp\"
}
";

    #[test]
    fn endpoint_property_list_body_and_response() {
        let doc = parse(PAGE);
        let op = &doc.operations[0];
        assert_eq!(op.method, "PUT");
        assert_eq!(op.path, "/shops/{shopID}/gadgets/{gadgetID}");
        assert_eq!(op.statuses, [200]);
        assert_eq!(op.examples.len(), 2);
        assert_eq!(op.examples[0].direction, Direction::Request);
        assert!(op.examples[0].text.contains("lamp"));
        assert_eq!(op.examples[1].status, Some(200));
        let model = &doc.models[0];
        assert_eq!(model.title, "Gadget settings");
        assert_eq!(model.fields.len(), 2);
        assert_eq!(model.fields[1].name, "parts.id");
        assert_eq!(model.fields[1].required, Some(false));
        assert_eq!(
            model.fields[1].doc_type.as_ref().unwrap().format.as_deref(),
            Some("uuid")
        );
    }
}
