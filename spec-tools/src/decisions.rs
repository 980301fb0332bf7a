//! The decisions file (`openapi/decisions.yaml`): which spec each vendor document is checked
//! against and how it is read, and every recorded difference between a document and its
//! spec with the decision taken and why.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::compare::Finding;
use crate::layouts::Layout;

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// The pairing table, keyed by document id (`000`, `001`, ...).
    pub documents: BTreeMap<String, Pairing>,
    /// Recorded differences.
    pub decisions: Vec<Decision>,
}

/// How one document is checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pairing {
    /// The document's title, for people reading the file.
    pub title: String,
    /// The spec's file name, in the same folder as the decisions file.
    pub spec: String,
    /// The page layout, which selects the parser.
    pub layout: Layout,
    /// Data-model table titles, mapped to the component schema each describes.
    #[serde(default)]
    pub models: BTreeMap<String, String>,
}

/// One decision about differences in one or more documents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// A stable name (`saas-3`): the spec's README numbers its decisions per spec.
    pub id: String,
    /// The differences, by document id, each exactly as the check prints it.
    pub differences: BTreeMap<String, Vec<String>>,
    /// For an operation the spec does not have as written: the spec operation
    /// (`METHOD /path`) whose schemas check the document's contents for it.
    #[serde(default)]
    pub treat_as: BTreeMap<String, String>,
    /// What the spec does.
    pub decision: String,
    /// Why.
    pub reason: String,
}

/// A finding and the decision that accepts it, if one does.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The difference.
    pub finding: Finding,
    /// The id of the decision that records it.
    pub accepted_by: Option<String>,
}

impl Decisions {
    /// Reads and checks the file's text.
    pub fn from_yaml(text: &str) -> Result<Decisions, String> {
        let file: Decisions = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let mut ids = BTreeSet::new();
        let mut lines = BTreeSet::new();
        for d in &file.decisions {
            for (document, line) in d
                .differences
                .iter()
                .flat_map(|(k, v)| v.iter().map(move |l| (k, l)))
            {
                if !lines.insert((document, line)) {
                    return Err(format!("document {document}: \"{line}\" is recorded twice"));
                }
            }
            if !ids.insert(&d.id) {
                return Err(format!("decision {} is recorded twice", d.id));
            }
            if let Some(unknown) = d
                .differences
                .keys()
                .find(|k| !file.documents.contains_key(*k))
            {
                return Err(format!(
                    "decision {} names unknown document {unknown}",
                    d.id
                ));
            }
            if d.differences.values().all(Vec::is_empty)
                || d.decision.trim().is_empty()
                || d.reason.trim().is_empty()
            {
                return Err(format!(
                    "decision {} needs differences, a decision and a reason",
                    d.id
                ));
            }
        }
        Ok(file)
    }

    /// The decisions about one document, with the lines they record for it.
    fn about<'a>(
        &'a self,
        document: &'a str,
    ) -> impl Iterator<Item = (&'a Decision, &'a [String])> + 'a {
        self.decisions
            .iter()
            .filter_map(move |d| Some((d, d.differences.get(document)?.as_slice())))
    }

    /// Operation aliases recorded for one document.
    pub fn aliases(&self, document: &str) -> BTreeMap<String, String> {
        self.about(document)
            .flat_map(|(d, _)| d.treat_as.clone())
            .collect()
    }

    /// Marks each finding accepted or not, and returns the recorded differences of this
    /// document that no finding matched (as decision id and line).
    pub fn judge(
        &self,
        document: &str,
        findings: &[Finding],
    ) -> (Vec<Judged>, Vec<(String, String)>) {
        let mut used = BTreeSet::new();
        let judged = findings
            .iter()
            .map(|finding| {
                let accepted_by = self
                    .about(document)
                    .find(|(_, lines)| lines.contains(&finding.text))
                    .map(|(d, _)| d.id.clone());
                if accepted_by.is_some() {
                    used.insert(finding.text.clone());
                }
                Judged {
                    finding: finding.clone(),
                    accepted_by,
                }
            })
            .collect();
        let stale = self
            .about(document)
            .flat_map(|(d, lines)| lines.iter().map(move |line| (d.id.clone(), line.clone())))
            .filter(|(_, line)| !used.contains(line))
            .collect();
        (judged, stale)
    }
}

/// The document id of a file name: what comes before the first `_` (`000` for
/// `000_e8e8fcdfdb50b5a6.txt`), or the name without its extension.
pub fn document_id(file_name: &str) -> String {
    let stem = file_name.rsplit('/').next().unwrap_or(file_name);
    let stem = stem.split('.').next().unwrap_or(stem);
    stem.split('_').next().unwrap_or(stem).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Kind;

    const FILE: &str = r#"
documents:
  "010":
    title: Widgets page
    spec: widgets.yaml
    layout: saas-markdown
decisions:
  - id: w-1
    differences:
      "010": ["GET /w: status 418 not in the spec", "GET /w: status 420 not in the spec"]
    treat_as: {"GET /ww": "GET /w"}
    decision: Left out.
    reason: Jokes.
"#;

    #[test]
    fn findings_are_accepted_by_exact_lines_and_unused_lines_are_stale() {
        let file = Decisions::from_yaml(FILE).unwrap();
        assert_eq!(file.aliases("010")["GET /ww"], "GET /w");
        let findings = [
            Finding::new(Kind::Missing, "GET /w: status 418 not in the spec".into()),
            Finding::new(Kind::Missing, "GET /w: status 419 not in the spec".into()),
        ];
        let (judged, stale) = file.judge("010", &findings);
        assert_eq!(judged[0].accepted_by.as_deref(), Some("w-1"));
        assert_eq!(judged[1].accepted_by, None);
        assert_eq!(
            stale,
            [(
                "w-1".to_string(),
                "GET /w: status 420 not in the spec".to_string()
            )]
        );
    }

    #[test]
    fn the_file_is_checked() {
        let unknown = FILE.replace("\"010\": [", "\"011\": [");
        assert!(Decisions::from_yaml(&unknown)
            .unwrap_err()
            .contains("unknown document"));
        let no_reason = FILE.replace("reason: Jokes.", "reason: ''");
        assert!(Decisions::from_yaml(&no_reason).is_err());
        assert_eq!(document_id("docs/000_abc.txt"), "000");
    }
}
