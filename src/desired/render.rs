//! Plans and apply reports for people: a diff-like listing (`+` create, `~` change, `-`
//! delete, `!` note). Pipelines use their JSON form (`serde_json::to_string(&plan)`).

use std::fmt;

use serde_json::Value;

use super::apply::{ApplyReport, ChangeResult};
use super::{Action, Change, Plan};

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for resource in &self.resources {
            writeln!(f, "{}", resource.resource)?;
            for change in &resource.changes {
                write_change(f, change)?;
            }
            for note in &resource.notes {
                writeln!(f, "  ! {note}")?;
            }
            writeln!(f)?;
        }
        let assumed = match self.assumed {
            0 => String::new(),
            n => format!(
                " ({n} SaaS idpId(s) with one connection, assumed to be the declared \
                 application's)"
            ),
        };
        if self.is_empty() {
            return writeln!(
                f,
                "No changes. {} resources match the document{assumed}.",
                self.unchanged
            );
        }
        let s = self.summary();
        writeln!(
            f,
            "Plan: {} to create, {} to update, {} to enable or disable, {} to delete; {} \
             resources unchanged{assumed}.",
            s.create, s.update, s.switch, s.delete, self.unchanged
        )
    }
}

fn write_change(f: &mut fmt::Formatter<'_>, change: &Change) -> fmt::Result {
    let sign = match change.action {
        Action::Create => '+',
        Action::Delete => '-',
        _ => '~',
    };
    write!(f, "  {sign} {}", change.action)?;
    if let Some(target) = &change.target {
        write!(f, " {target}")?;
    }
    writeln!(f)?;
    for field in &change.fields {
        match (&field.before, change.action) {
            (Value::Null, Action::Create) => {
                writeln!(f, "      {}: {}", field.field, shown(&field.after))?
            }
            _ => writeln!(
                f,
                "      {}: {} -> {}",
                field.field,
                shown(&field.before),
                shown(&field.after)
            )?,
        }
    }
    Ok(())
}

/// A value as people read it: certificates by fingerprint and expiry, strings quoted.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_owned(),
        Value::Object(map) if map.contains_key("sha256") => format!(
            "certificate sha256:{}… {} expires {}",
            map["sha256"]
                .as_str()
                .unwrap_or_default()
                .get(..16)
                .unwrap_or_default(),
            map.get("subject")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            map.get("not_after")
                .and_then(Value::as_str)
                .unwrap_or_default()
        ),
        Value::Object(map) if map.contains_key("secret_from_env") => format!(
            "(secret from ${})",
            map["secret_from_env"].as_str().unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

impl fmt::Display for ApplyReport {
    /// One line per change: `ok`, `failed` (with the error) or `skipped`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            let target = change.target.as_deref().unwrap_or("");
            let what = format!("{} {} {target}", change.resource, change.action);
            match &change.result {
                ChangeResult::Applied(outcome) => {
                    let outcome = serde_json::to_value(outcome).unwrap_or_default();
                    writeln!(
                        f,
                        "ok       {} ({})",
                        what.trim_end(),
                        outcome.as_str().unwrap_or("")
                    )?
                }
                ChangeResult::Failed(error) => {
                    writeln!(f, "failed   {}: {error}", what.trim_end())?
                }
                ChangeResult::Skipped => writeln!(f, "skipped  {}", what.trim_end())?,
            }
        }
        let failed = self.failures().count();
        writeln!(
            f,
            "Apply: {} change(s), {} failed, {} skipped.",
            self.changes.len(),
            failed,
            self.changes
                .iter()
                .filter(|c| matches!(c.result, ChangeResult::Skipped))
                .count()
        )
    }
}
