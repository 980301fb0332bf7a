//! Comparing one operation of the document with the spec: whether the spec has it, its
//! status codes, request lines, examples, parameters and fields.

use std::collections::BTreeMap;

use serde_json::Value;

use super::examples::{self, Target};
use super::{fields, merge, Checker, Finding, Kind};
use crate::model::{Direction, Example, Field, Location, Operation};
use crate::spec::{template_matches, SpecOperation};
use crate::text::placeholders;

impl Checker<'_> {
    /// Everything about `op`. `aliases` maps operations the spec lacks as written to the
    /// spec operation that stands for them.
    pub(super) fn operation(&mut self, op: &Operation, aliases: &BTreeMap<String, String>) {
        self.out.counts.operations += 1;
        let written = format!("{} {}", op.method, op.path);
        let mut found = self.spec.find_operation(&op.method, &op.path);
        if found.is_none() {
            self.missing(format!("operation {written}: not in the spec"));
            found = aliases.get(&written).and_then(|target| {
                let (method, path) = target.split_once(' ')?;
                self.spec.find_operation(method, path)
            });
        }
        let label = found.as_ref().map_or(written, SpecOperation::label);
        let mut request: Vec<Field> = Vec::new();
        for name in placeholders(&op.path) {
            merge(&mut request, Field::new(name, Location::Path));
        }
        op.request
            .iter()
            .for_each(|f| merge(&mut request, f.clone()));
        let mut response = op.response.clone();

        self.statuses(&label, op, found.as_ref());
        for (n, line) in op.request_lines.iter().enumerate() {
            self.out.counts.request_lines += 1;
            line.query
                .iter()
                .for_each(|q| merge(&mut request, Field::new(q, Location::Query)));
            let fits = found.as_ref().is_none_or(|s| {
                line.method == s.method
                    && template_matches(&s.path, &self.spec.relative(&line.path), true)
            });
            if !fits {
                self.invalid(format!(
                    "{label} request line {}: {} {} does not match the operation",
                    n + 1,
                    line.method,
                    line.path
                ));
            }
        }
        let mut numbers = (0, 0);
        for example in &op.examples {
            self.out.counts.examples += 1;
            let (n, list, table) = match example.direction {
                Direction::Request => (&mut numbers.0, &mut request, &op.request),
                Direction::Response => (&mut numbers.1, &mut response, &op.response),
            };
            *n += 1;
            let name = examples::name(&label, example.direction, *n);
            let target = target(found.as_ref(), example);
            let keys = examples::check(
                &self.validator,
                &name,
                example,
                target,
                &mut self.out.findings,
            );
            for key in &keys {
                let listed = table.iter().any(|f| &f.name == key);
                let body_table = table
                    .iter()
                    .any(|f| matches!(f.location, Location::Body | Location::Unstated));
                if body_table && !key.contains('.') && !listed {
                    self.out.findings.push(Finding::new(
                        Kind::Differs,
                        format!(
                            "{name}: field {key} is not in the document's {} table",
                            example.direction.as_str()
                        ),
                    ));
                }
            }
            keys.into_iter()
                .for_each(|k| merge(list, Field::new(k, Location::Body)));
        }
        request.iter().chain(&response).for_each(|f| self.count(f));
        let Some(spec_op) = found else { return };
        for field in &request {
            self.request_field(&label, &op.path, field, &spec_op);
        }
        for field in &response {
            let subject = format!("{label} response field {}", field.name);
            match spec_op.success_schema() {
                Some(schema) => self.body_field(&subject, field, schema),
                None => self.missing(format!("{subject}: not in the spec")),
            }
        }
        self.matched.push(spec_op);
    }

    fn statuses(&mut self, label: &str, op: &Operation, found: Option<&SpecOperation>) {
        let mut seen = Vec::new();
        for &code in &op.statuses {
            if seen.contains(&code) {
                continue;
            }
            seen.push(code);
            self.out.counts.statuses += 1;
            if found.is_some_and(|s| !s.responses.contains_key(&code)) {
                self.missing(format!("{label}: status {code} not in the spec"));
            }
        }
    }

    fn request_field(&mut self, label: &str, doc_path: &str, field: &Field, op: &SpecOperation) {
        let kind = match field.location {
            Location::Path => "path parameter",
            Location::Query => "query parameter",
            Location::Unstated => "request parameter",
            Location::Body => "request field",
        };
        let subject = format!("{label} {kind} {}", field.name);
        let param = match field.location {
            Location::Path => {
                let index = placeholders(doc_path).iter().position(|n| n == &field.name);
                let spec_name = index.and_then(|i| placeholders(&op.path).get(i).cloned());
                op.parameters
                    .iter()
                    .find(|p| p.location == "path" && Some(&p.name) == spec_name.as_ref())
            }
            Location::Query | Location::Unstated => op
                .parameters
                .iter()
                .find(|p| p.name == field.name && p.location != "path"),
            Location::Body => None,
        };
        match (param, &op.request, field.location) {
            (Some(p), _, _) => {
                let mut out = Vec::new();
                fields::compare(self.spec, &subject, field, &p.schema, p.required, &mut out);
                self.out.findings.extend(out);
            }
            (None, Some(body), Location::Body | Location::Unstated) => {
                self.body_field(&subject, field, &body.clone());
            }
            _ => self.missing(format!("{subject}: not in the spec")),
        }
    }

    /// Compares `field` with the field of the same name inside `schema`.
    pub(super) fn body_field(&mut self, subject: &str, field: &Field, schema: &Value) {
        match self.spec.field(schema, &field.name) {
            Some((child, required)) => {
                let mut out = Vec::new();
                fields::compare(self.spec, subject, field, &child, required, &mut out);
                self.out.findings.extend(out);
            }
            None => self.missing(format!("{subject}: not in the spec")),
        }
    }
}

/// The schema an example is validated against.
fn target<'a>(found: Option<&'a SpecOperation>, example: &Example) -> Target<'a> {
    let Some(s) = found else {
        return Target::Skip;
    };
    match (example.direction, example.status) {
        (Direction::Request, _) => match &s.request {
            Some(schema) => Target::Schema(schema),
            None => Target::NoBody("the spec describes no request body"),
        },
        (Direction::Response, Some(code)) => match s.responses.get(&code) {
            None => Target::Skip,
            Some(Some(schema)) => Target::Schema(schema),
            Some(None) => Target::NoBody("the spec describes no body for this status"),
        },
        (Direction::Response, None) => match s.success_schema() {
            Some(schema) => Target::Schema(schema),
            None => Target::NoBody("the spec describes no response body"),
        },
    }
}
