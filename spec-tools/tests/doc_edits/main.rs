//! The check against the real vendor documents in `../shared/docs` (outside the repository):
//! each unmodified document passes, and each edit made to a copy in memory (a field added, an
//! optional field made required, a status code or enum value added, an example broken) is
//! reported as exactly one new difference, with everything recorded before still accepted.
//!
//! The documents are read at test time and never stored here; each edit names only the few
//! words it changes. Run with `cargo test -p spec-tools -- --ignored` where the folder exists.

mod auth0;
mod pingone;
mod saas;
mod support;

use support::{check, document};

#[test]
#[ignore = "needs ../shared/docs"]
fn every_document_passes_as_it_is() {
    for id in ["000", "001", "002", "003", "004"] {
        let report = check(id, &document(id));
        assert!(report.passed(), "{}", report.render(false));
        assert!(
            report.counts.total() > 50,
            "document {id}: {:?}",
            report.counts
        );
    }
}
