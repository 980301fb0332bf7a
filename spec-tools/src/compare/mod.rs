//! Comparing what a document states with the spec: operations, their status codes,
//! request lines, parameters, fields and examples, data-model tables, and the document's
//! own table of status codes. The result is one line per difference, worded so that the
//! decisions file can quote it.

mod examples;
mod fields;
mod operation;

use std::collections::BTreeMap;

use crate::model::{Document, Field, Location};
use crate::spec::{Spec, SpecOperation};
use crate::validate::Validator;

/// What kind of difference a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The document states something the spec lacks.
    Missing,
    /// Both have it, and they say different things.
    Differs,
    /// An example or request line does not fit the spec (or is not JSON).
    Invalid,
}

/// One difference between the document and the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Its kind.
    pub kind: Kind,
    /// The line that describes it; decisions quote it exactly.
    pub text: String,
}

impl Finding {
    /// A finding of `kind` described by `text`.
    pub fn new(kind: Kind, text: String) -> Self {
        Finding { kind, text }
    }
}

/// How many items of each kind the document states (and the check looked at).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Operations (method and path).
    pub operations: usize,
    /// Path, query and request parameters.
    pub parameters: usize,
    /// Request, response and data-model fields, including those only an example shows.
    pub fields: usize,
    /// Enumerated values.
    pub enum_values: usize,
    /// Status codes.
    pub statuses: usize,
    /// JSON examples.
    pub examples: usize,
    /// Sample request lines.
    pub request_lines: usize,
    /// Length, range and pattern limits.
    pub limits: usize,
}

impl Counts {
    /// All items together.
    pub fn total(&self) -> usize {
        self.operations
            + self.parameters
            + self.fields
            + self.enum_values
            + self.statuses
            + self.examples
            + self.request_lines
            + self.limits
    }
}

/// The outcome of a comparison.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Every difference, in document order.
    pub findings: Vec<Finding>,
    /// What was checked.
    pub counts: Counts,
}

/// Compares `doc` with `spec`. `models` maps data-model titles to component schema names;
/// `aliases` maps a document operation (`METHOD /path`) the spec lacks to the spec
/// operation its contents are checked against.
pub fn compare(
    doc: &Document,
    spec: &Spec,
    models: &BTreeMap<String, String>,
    aliases: &BTreeMap<String, String>,
) -> Comparison {
    let mut cx = Checker {
        spec,
        validator: Validator::new(spec),
        out: Comparison::default(),
        matched: Vec::new(),
    };
    for op in &doc.operations {
        cx.operation(op, aliases);
    }
    for model in &doc.models {
        let subject = format!("model \"{}\"", model.title);
        let schema = models.get(&model.title).and_then(|name| spec.schema(name));
        if schema.is_none() {
            cx.missing(format!(
                "{subject}: no spec schema is paired with this table"
            ));
        }
        for field in &model.fields {
            cx.count(field);
            if let Some(schema) = schema {
                cx.body_field(&format!("{subject} field {}", field.name), field, schema);
            }
        }
    }
    for code in &doc.statuses {
        cx.out.counts.statuses += 1;
        if !cx.matched.iter().any(|op| op.responses.contains_key(code)) {
            cx.missing(format!(
                "response codes table: status {code} is on no operation of this document in the spec"
            ));
        }
    }
    cx.out
}

struct Checker<'a> {
    spec: &'a Spec,
    validator: Validator,
    out: Comparison,
    matched: Vec<SpecOperation>,
}

impl Checker<'_> {
    fn missing(&mut self, text: String) {
        self.out.findings.push(Finding::new(Kind::Missing, text));
    }

    fn invalid(&mut self, text: String) {
        self.out.findings.push(Finding::new(Kind::Invalid, text));
    }

    fn count(&mut self, field: &Field) {
        let counts = &mut self.out.counts;
        match field.location {
            Location::Body => counts.fields += 1,
            _ => counts.parameters += 1,
        }
        counts.enum_values += field.enum_values.len();
        counts.limits += field.limits.len();
    }
}

/// Adds `field` to `list`, or fills in what an entry of the same name does not yet say.
fn merge(list: &mut Vec<Field>, field: Field) {
    match list.iter_mut().find(|f| f.name == field.name) {
        Some(known) => {
            known.required = known.required.or(field.required);
            known.doc_type = known.doc_type.take().or(field.doc_type);
            if known.enum_values.is_empty() {
                known.enum_values = field.enum_values;
            }
            if known.limits.is_empty() {
                known.limits = field.limits;
            }
        }
        None => list.push(field),
    }
}
