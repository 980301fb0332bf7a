//! Everything a command prints on standard output: a human table (the default), one JSON
//! document (`--output json`) or one JSON object per line (`--output ndjson`).
//!
//! Every value goes through [`redacted`] before it is printed in any format, so a field whose
//! name says it holds a secret never reaches the terminal, whatever a service returns. A
//! closed pipe (`… | head`) ends the program quietly with status 0.

use std::io::Write as _;

use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use crate::errors::CliError;

/// The output format chosen with `--output`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Table,
    /// One JSON document (a list is one array).
    Json,
    /// One compact JSON object per line (a list streams one item per line).
    Ndjson,
}

/// Writes a command's results to standard output in the chosen format.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    format: Format,
}

/// What a command that changes something did: the same shape for every service.
///
/// `{"resource": "saas_connection", "id": "acme", "application": null, "action": "enable",
/// "result": "unchanged"}`
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// The kind of resource (`saas_connection`, `pingone_application`, …).
    pub resource: &'static str,
    /// Its id.
    pub id: String,
    /// The application the change was limited to, if any.
    pub application: Option<String>,
    /// What was asked (`create`, `update`, `enable`, `disable`, `delete`, `import`, …).
    pub action: &'static str,
    /// What happened (`created`, `updated`, `changed`, `unchanged`, `deleted`, `not_found`,
    /// `imported`, `exists`).
    pub result: &'static str,
}

impl Output {
    /// Prints in `format`.
    pub fn new(format: Format) -> Self {
        Self { format }
    }

    /// The chosen format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// One object: as `fields` (name, value) lines in a table, else as JSON.
    pub fn record<T: Serialize>(
        &self,
        value: &T,
        fields: &[(&str, String)],
    ) -> Result<(), CliError> {
        match self.format {
            Format::Table => {
                let rows: Vec<Vec<String>> = fields
                    .iter()
                    .map(|(name, value)| vec![format!("{name}:"), value.clone()])
                    .collect();
                write_out(&aligned(&rows))
            }
            Format::Json => write_out(&pretty(value)?),
            Format::Ndjson => write_out(&compact(value)?),
        }
    }

    /// What a change did: one sentence in a table, else the [`Change`] as JSON.
    pub fn change(&self, change: &Change) -> Result<(), CliError> {
        match self.format {
            Format::Table => {
                let scope = change
                    .application
                    .as_deref()
                    .map(|a| format!(" (application {a})"))
                    .unwrap_or_default();
                write_out(&format!(
                    "{} {}{scope}: {} -> {}\n",
                    change.resource, change.id, change.action, change.result
                ))
            }
            _ => self.record(change, &[]),
        }
    }

    /// Starts a list with these table columns.
    pub fn list(&self, columns: &'static [&'static str]) -> List {
        List {
            format: self.format,
            columns,
            rows: Vec::new(),
            items: Vec::new(),
        }
    }

    /// A line for people, printed in table format only (JSON output stays parseable).
    pub fn note(&self, line: &str) -> Result<(), CliError> {
        if self.format == Format::Table {
            write_out(&format!("{line}\n"))?;
        }
        Ok(())
    }
}

/// A list being printed: ndjson lines go out as items arrive; a table or a JSON array is
/// printed by [`finish`](List::finish).
#[derive(Debug)]
pub struct List {
    format: Format,
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
    items: Vec<Value>,
}

impl List {
    /// Adds an item: its JSON form, and its table row (one cell per column).
    pub fn push<T: Serialize>(&mut self, item: &T, row: Vec<String>) -> Result<(), CliError> {
        match self.format {
            Format::Table => self.rows.push(row),
            Format::Json => self.items.push(json_of(item)?),
            Format::Ndjson => write_out(&compact(item)?)?,
        }
        Ok(())
    }

    /// Prints what is still to print.
    pub fn finish(self) -> Result<(), CliError> {
        match self.format {
            Format::Table => {
                let mut rows = Vec::with_capacity(self.rows.len() + 1);
                rows.push(self.columns.iter().map(|c| (*c).to_owned()).collect());
                rows.extend(self.rows);
                write_out(&aligned(&rows))
            }
            Format::Json => write_out(&pretty(&self.items)?),
            Format::Ndjson => Ok(()),
        }
    }
}

/// The value of `path` (keys separated by `.`) in a JSON object, as a table cell: strings
/// as they are, `-` when absent, other values as compact JSON.
pub fn cell(value: &Value, path: &str) -> String {
    let found = path.split('.').try_fold(value, |value, key| value.get(key));
    match found {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    }
}

/// An optional value as a table cell (`-` when absent).
pub fn or_dash<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".into(), |v| v.to_string())
}

/// `value` as JSON with every secret-bearing field replaced by `"[redacted]"`.
pub fn json_of<T: Serialize>(value: &T) -> Result<Value, CliError> {
    serde_json::to_value(value)
        .map(redacted)
        .map_err(|e| CliError::Output(std::io::Error::other(e)))
}

/// The value with every field whose name says it holds a secret replaced by `"[redacted]"`,
/// at any depth (the library's rule, [`sso_connections::values::redact_secrets`]).
pub fn redacted(value: Value) -> Value {
    sso_connections::values::redact_secrets(value)
}

fn pretty<T: Serialize>(value: &T) -> Result<String, CliError> {
    let json = json_of(value)?;
    serde_json::to_string_pretty(&json)
        .map(|s| s + "\n")
        .map_err(|e| CliError::Output(std::io::Error::other(e)))
}

fn compact<T: Serialize>(value: &T) -> Result<String, CliError> {
    let json = json_of(value)?;
    serde_json::to_string(&json)
        .map(|s| s + "\n")
        .map_err(|e| CliError::Output(std::io::Error::other(e)))
}

/// Rows as left-aligned columns separated by two spaces (the last column is not padded).
fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (c, value) in row.iter().enumerate() {
            text.push_str(value);
            if c < last {
                let pad = widths[c] - value.chars().count() + 2;
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text.push('\n');
    }
    text
}

/// Writes to standard output; a closed pipe ends the program with status 0.
fn write_out(text: &str) -> Result<(), CliError> {
    write_bytes(text.as_bytes())
}

/// Writes bytes to standard output as they are; a closed pipe ends the program with
/// status 0 (`… | head` is not an error).
pub fn write_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(CliError::Output(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_fields_are_redacted_at_any_depth() {
        let value = json!({
            "name": "app",
            "clientSecret": "s1",
            "nested": [{"client_secret": "s2", "password": "p", "keep": "k"}],
            "privateKey": {"pem": "x"},
            "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
            "unsetSecret": null,
        });
        let out = redacted(value);
        assert_eq!(out["clientSecret"], "[redacted]");
        assert_eq!(out["nested"][0]["client_secret"], "[redacted]");
        assert_eq!(out["nested"][0]["password"], "[redacted]");
        assert_eq!(out["nested"][0]["keep"], "k");
        assert_eq!(out["privateKey"], "[redacted]");
        assert_eq!(out["tokenEndpointAuthMethod"], "CLIENT_SECRET_BASIC");
        assert_eq!(out["unsetSecret"], Value::Null);
    }

    #[test]
    fn cells_follow_paths_and_mark_absent_values() {
        let value = json!({"a": {"b": "x"}, "n": 3, "list": ["p", "q"]});
        assert_eq!(cell(&value, "a.b"), "x");
        assert_eq!(cell(&value, "n"), "3");
        assert_eq!(cell(&value, "list"), "p,q");
        assert_eq!(cell(&value, "missing.key"), "-");
    }

    #[test]
    fn columns_are_aligned() {
        let rows = vec![
            vec!["ID".to_owned(), "NAME".to_owned()],
            vec!["1234".to_owned(), "x".to_owned()],
        ];
        assert_eq!(aligned(&rows), "ID    NAME\n1234  x\n");
    }
}
