//! Reading the documents and the repository's specs and decisions, editing a copy, and
//! asserting what the check reports.

use std::path::{Path, PathBuf};

use spec_tools::check_document;
use spec_tools::decisions::Decisions;
use spec_tools::report::Report;
use spec_tools::spec::Spec;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The text of document `id` from `../shared/docs`.
pub fn document(id: &str) -> String {
    let dir = repo().join("../shared/docs");
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{id}_"))
        })
        .unwrap_or_else(|| panic!("no document {id} in {}", dir.display()));
    std::fs::read_to_string(entry).unwrap()
}

/// The check of `text` as document `id`, against the repository's spec and decisions.
pub fn check(id: &str, text: &str) -> Report {
    let openapi = repo().join("openapi");
    let decisions =
        Decisions::from_yaml(&std::fs::read_to_string(openapi.join("decisions.yaml")).unwrap())
            .unwrap();
    let spec_file = &decisions.documents[id].spec;
    let spec = Spec::from_yaml(&std::fs::read_to_string(openapi.join(spec_file)).unwrap()).unwrap();
    check_document(id, text, &spec, &decisions).unwrap()
}

/// The document with the `nth` (1-based) occurrence of `from` replaced by `to`.
pub fn edit(text: &str, nth: usize, from: &str, to: &str) -> String {
    let (at, _) = text
        .match_indices(from)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("occurrence {nth} of {from:?} not found"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// Checks the edited copy: `expected` is the only new line, nothing recorded goes stale,
/// and every difference accepted before is still found.
pub fn assert_reports(id: &str, edited: &str, expected: &str) {
    let before = check(id, &document(id));
    let after = check(id, edited);
    assert_eq!(after.unaccepted(), [expected], "{}", after.render(false));
    assert!(after.stale.is_empty(), "{}", after.render(false));
    assert_eq!(after.accepted(), before.accepted());
    assert!(!after.passed());
}
