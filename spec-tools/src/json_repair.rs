//! Reading an example that may not be valid JSON. serde_json parses it; when it refuses, the
//! few mistakes documentation pages make are repaired one at a time and named (a trailing
//! comma, a missing comma, an unmatched closing bracket, a string not closed before the end
//! of its line, a line break escaped inside a string), so the check can both report them and still validate what the example shows.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// An example read leniently.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    /// The value, once every problem is repaired; `None` if a problem could not be repaired.
    pub value: Option<Value>,
    /// What was wrong, one entry per kind and place, in the order found.
    pub problems: Vec<String>,
}

/// How many repairs one example may need before the check gives up on it.
const MAX_REPAIRS: usize = 200;

/// Parses `text`, repairing what can be repaired.
pub fn parse(text: &str) -> Lenient {
    let mut text = text.to_string();
    let mut found: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_REPAIRS {
        let error = match serde_json::from_str::<Value>(&text) {
            Ok(value) => return finish(Some(value), found),
            Err(error) => error,
        };
        let message = error.to_string();
        let kind = message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string();
        let at = offset(&text, error.line(), error.column());
        match repair(&mut text, &kind, at) {
            Some(problem) => found.push(problem),
            None => {
                found.push((kind, context(&text, at)));
                return finish(None, found);
            }
        }
    }
    finish(None, found)
}

fn finish(value: Option<Value>, found: Vec<(String, String)>) -> Lenient {
    let mut counts: BTreeMap<&(String, String), usize> = BTreeMap::new();
    let mut order = Vec::new();
    for problem in &found {
        let count = counts.entry(problem).or_insert(0);
        if *count == 0 {
            order.push(problem);
        }
        *count += 1;
    }
    let problems = order
        .into_iter()
        .map(|p| match counts[p] {
            1 => format!("{} {}", p.0, p.1),
            n => format!("{} {} ({n} times)", p.0, p.1),
        })
        .collect();
    Lenient { value, problems }
}

/// The byte offset of the character serde_json stopped at (its column is 1-based; column 0
/// is the line break that ends the previous line).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + column)
        .saturating_sub(1)
        .min(text.len().saturating_sub(1));
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Repairs the problem serde_json reported at `at`; returns its description and place.
fn repair(text: &mut String, kind: &str, at: usize) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    if kind == "trailing comma" {
        let comma = text[..at].rfind(',')?;
        let place = context(text, comma);
        text.remove(comma);
        return Some(("trailing comma".into(), place));
    }
    if kind.starts_with("expected `,` or ") {
        let token = bytes[at];
        if token == b'}' || token == b']' {
            let place = context(text, at);
            text.remove(at);
            return Some((format!("unmatched \"{}\"", token as char), place));
        }
        let end = text[..at].trim_end().len();
        let place = context(text, end);
        text.insert(end, ',');
        return Some(("missing comma".into(), place));
    }
    if kind.starts_with("control character") && bytes[at] == b'\n' {
        let place = context(text, at);
        text.insert(at, '"');
        return Some(("unterminated string".into(), place));
    }
    if kind == "invalid escape" && matches!(bytes[at], b'\n' | b'\r') {
        let rest = &text[at..];
        let skip = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
        let place = context(text, at);
        text.replace_range(at..at + skip, "");
        return Some(("line break escaped inside a string".into(), place));
    }
    None
}

/// Where in the example a problem is: after the last key written before `at`.
fn context(text: &str, at: usize) -> String {
    static KEY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""([^"\\]+)"\s*:"#).unwrap());
    match KEY.captures_iter(&text[..at.min(text.len())]).last() {
        Some(c) => format!("after \"{}\"", &c[1]),
        None => "at the start".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn valid_json_has_no_problems() {
        let got = parse("{\"a\": [1, 2]}");
        assert_eq!(got.value, Some(json!({"a": [1, 2]})));
        assert!(got.problems.is_empty());
    }

    #[test]
    fn trailing_and_missing_commas_and_unmatched_brackets_are_repaired() {
        let got = parse("{\n \"a\": [1]\n \"b\": {\"c\": 1,},\n \"d\": [{\"e\": 1}\n}\n]\n}");
        assert_eq!(
            got.value,
            Some(json!({"a": [1], "b": {"c": 1}, "d": [{"e": 1}]}))
        );
        assert_eq!(
            got.problems,
            [
                "missing comma after \"a\"",
                "trailing comma after \"c\"",
                "unmatched \"}\" after \"e\"",
            ]
        );
    }

    #[test]
    fn escaped_line_breaks_join_the_string_and_are_counted() {
        let got = parse("{\"k\": \"ab\\\n\t\tncd\\\n\t\tnef\"}");
        assert_eq!(got.value, Some(json!({"k": "ab\ncd\nef"})));
        assert_eq!(
            got.problems,
            ["line break escaped inside a string after \"k\" (2 times)"]
        );
    }

    #[test]
    fn a_string_left_open_is_closed_at_the_end_of_its_line() {
        let got = parse("{\"a\": {\"link\": \"x/y\n}, \"b\": 1}");
        assert_eq!(got.value, Some(json!({"a": {"link": "x/y"}, "b": 1})));
        assert_eq!(got.problems, ["unterminated string after \"link\""]);
    }

    #[test]
    fn what_cannot_be_repaired_is_named() {
        let got = parse("{\"a\": tru}");
        assert_eq!(got.value, None);
        assert_eq!(got.problems, ["expected ident after \"a\""]);
    }
}
