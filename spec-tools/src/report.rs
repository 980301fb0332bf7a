//! The check's verdict for one document, and how it is printed.

use std::fmt::Write as _;

use crate::compare::{Counts, Kind};
use crate::decisions::Judged;

/// Everything the check found for one document.
#[derive(Debug, Clone)]
pub struct Report {
    /// The document id.
    pub document: String,
    /// The spec's file name.
    pub spec: String,
    /// What the document states.
    pub counts: Counts,
    /// Every difference, with the decision that accepts it if any.
    pub judged: Vec<Judged>,
    /// Recorded differences the check no longer finds: decision id and line.
    pub stale: Vec<(String, String)>,
}

impl Report {
    /// Whether every difference is accepted and every recorded difference still occurs.
    pub fn passed(&self) -> bool {
        self.stale.is_empty() && self.judged.iter().all(|j| j.accepted_by.is_some())
    }

    /// The lines of the differences no decision accepts.
    pub fn unaccepted(&self) -> Vec<&str> {
        self.judged
            .iter()
            .filter(|j| j.accepted_by.is_none())
            .map(|j| j.finding.text.as_str())
            .collect()
    }

    /// The lines of the accepted differences.
    pub fn accepted(&self) -> Vec<&str> {
        self.judged
            .iter()
            .filter(|j| j.accepted_by.is_some())
            .map(|j| j.finding.text.as_str())
            .collect()
    }

    fn unaccepted_of(&self, kind: Kind) -> usize {
        self.judged
            .iter()
            .filter(|j| j.accepted_by.is_none() && j.finding.kind == kind)
            .count()
    }

    /// The report as printed: one line per difference, then a summary. Accepted differences
    /// are listed (with the decision that accepts them) only when `accepted` is set.
    pub fn render(&self, accepted: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "doc-check: document {} against {}",
            self.document, self.spec
        );
        for j in &self.judged {
            match (&j.accepted_by, j.finding.kind) {
                (Some(id), _) if accepted => {
                    let _ = writeln!(out, "  accepted ({id})  {}", j.finding.text);
                }
                (Some(_), _) => {}
                (None, kind) => {
                    let tag = match kind {
                        Kind::Missing => "MISSING",
                        Kind::Differs => "DIFFERS",
                        Kind::Invalid => "INVALID",
                    };
                    let _ = writeln!(out, "  {tag}  {}", j.finding.text);
                }
            }
        }
        for (id, line) in &self.stale {
            let _ = writeln!(out, "  STALE ({id})  recorded but not found: {line}");
        }
        let c = &self.counts;
        let _ = writeln!(
            out,
            "summary: {} items checked ({} operations, {} parameters, {} fields, {} enum values, \
             {} status codes, {} examples, {} request lines, {} limits); {} accepted, {} missing, \
             {} differing, {} invalid examples, {} stale decisions: {}",
            c.total(),
            c.operations,
            c.parameters,
            c.fields,
            c.enum_values,
            c.statuses,
            c.examples,
            c.request_lines,
            c.limits,
            self.accepted().len(),
            self.unaccepted_of(Kind::Missing),
            self.unaccepted_of(Kind::Differs),
            self.unaccepted_of(Kind::Invalid),
            self.stale.len(),
            if self.passed() { "passed" } else { "FAILED" },
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Finding;

    #[test]
    fn unaccepted_and_stale_lines_fail_and_are_counted() {
        let report = Report {
            document: "010".into(),
            spec: "w.yaml".into(),
            counts: Counts {
                operations: 1,
                statuses: 2,
                ..Counts::default()
            },
            judged: vec![
                Judged {
                    finding: Finding::new(Kind::Missing, "a".into()),
                    accepted_by: Some("w-1".into()),
                },
                Judged {
                    finding: Finding::new(Kind::Differs, "b".into()),
                    accepted_by: None,
                },
            ],
            stale: vec![("w-2".into(), "c".into())],
        };
        assert!(!report.passed());
        let text = report.render(false);
        assert!(text.contains("  DIFFERS  b\n"));
        assert!(!text.contains("accepted (w-1)"));
        assert!(text.contains("STALE (w-2)  recorded but not found: c"));
        assert!(text.contains("3 items checked"));
        assert!(text.contains(
            "1 accepted, 0 missing, 1 differing, 0 invalid examples, 1 stale decisions: FAILED"
        ));
        assert!(report.render(true).contains("  accepted (w-1)  a\n"));
    }
}
