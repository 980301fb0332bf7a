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
/// `decisions`. Fails if the document has no pairing, or if its parser finds neither an
/// operation nor a data-model table in it (the page's layout changed).
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
    if doc.operations.is_empty() && doc.models.is_empty() {
        return Err(format!(
            "nothing in document {id} reads as the {:?} layout: no operation and no data-model table",
            pairing.layout
        ));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAIRING: &str = "documents:\n  \"010\": {title: Widgets, spec: w.yaml, layout: auth0-page}\ndecisions: []\n";

    #[test]
    fn a_page_that_reads_as_nothing_is_an_error_and_an_unpaired_one_too() {
        let decisions = Decisions::from_yaml(PAIRING).unwrap();
        let spec = Spec::from_yaml("paths: {}").unwrap();
        let error = check_document("010", "Just prose.\n", &spec, &decisions).unwrap_err();
        assert!(error.contains("no operation"), "{error}");
        assert!(check_document("011", "", &spec, &decisions).is_err());
    }

    #[test]
    fn an_operation_the_spec_lacks_fails_the_check() {
        let decisions = Decisions::from_yaml(PAIRING).unwrap();
        let spec = Spec::from_yaml("paths: {}").unwrap();
        let report = check_document("010", "PATCH\n/\nwidgets\n", &spec, &decisions).unwrap();
        assert_eq!(
            report.unaccepted(),
            ["operation PATCH /widgets: not in the spec"]
        );
        assert!(!report.passed());
    }
}
