//! Tools for maintaining the OpenAPI specs under `openapi/`.
//!
//! `doc-check` compares a vendor documentation page with the spec written from it and says,
//! one line each, what the spec lacks or states differently, and which of the page's JSON
//! examples do not validate against the spec. Differences recorded in `openapi/decisions.yaml`
//! are accepted; any other fails the check. See "When a vendor document changes" in
//! `openapi/README.md`.

#![warn(missing_docs)]

pub mod compare;
pub mod decisions;
pub mod json_repair;
pub mod layouts;
pub mod markdown;
pub mod model;
pub mod outline;
pub mod report;
pub mod spec;
pub mod text;
pub mod validate;

use decisions::Decisions;
use report::Report;
use spec::Spec;

/// Checks the text of document `id` against `spec`, with the pairing and decisions of
/// `decisions`. Fails if the document has no pairing.
pub fn check_document(
    id: &str,
    text: &str,
    spec: &Spec,
    decisions: &Decisions,
) -> Result<Report, String> {
    let pairing = decisions
        .documents
        .get(id)
        .ok_or_else(|| format!("document {id} has no entry in the pairing table"))?;
    let doc = pairing.layout.parse(text);
    let comparison = compare::compare(&doc, spec, &pairing.models, &decisions.aliases(id));
    let (judged, stale) = decisions.judge(id, &comparison.findings);
    Ok(Report {
        document: id.to_string(),
        spec: pairing.spec.clone(),
        counts: comparison.counts,
        judged,
        stale,
    })
}
