//! Small text helpers the document parsers share: URLs to paths, type words to JSON types,
//! JSON blocks in running text, and enumerations written as prose.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{DocType, JsonType, RequestLine};

/// HTTP methods the parsers recognise.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Whether `word` is one of [`METHODS`].
pub fn is_method(word: &str) -> bool {
    METHODS.contains(&word)
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{\s*([^}]*?)\s*\}\}|<([^>/]+)>|\{([^}/]+)\}").unwrap());

/// The path of a URL or a path as written, with every placeholder notation (`<id>`,
/// `{{id}}`, `{id}`) turned into `{id}` and the query string cut off. A leading
/// placeholder that stands for the base address (`{{apiPath}}`) and the scheme and host are
/// dropped.
pub fn path_of_url(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            after.find('/').map_or("", |j| &after[j..])
        }
        None => url,
    };
    let rest = match rest.strip_prefix("{{") {
        Some(after) => after.find("}}").map_or(rest, |j| &after[j + 2..]),
        None => rest,
    };
    PLACEHOLDER
        .replace_all(rest, |c: &regex::Captures| {
            let name = c.get(1).or(c.get(2)).or(c.get(3)).unwrap().as_str();
            format!("{{{name}}}")
        })
        .into_owned()
}

/// The names of the query parameters of a URL.
pub fn query_names(url: &str) -> Vec<String> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// A request line from a method and a URL as written.
pub fn request_line(method: &str, url: &str) -> RequestLine {
    RequestLine {
        method: method.to_ascii_uppercase(),
        path: path_of_url(url),
        query: query_names(url),
    }
}

/// The placeholder names of a path (`/a/{x}/b/{y}` gives `x`, `y`).
pub fn placeholders(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(str::to_string)
        .collect()
}

static ANGLE_TYPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\w+)<([\w-]+)>(\[\])?$").unwrap());

/// The meaning of a type word: `String`, `URL`, `UUID`, `Boolean`, `Integer`, `Array`,
/// `object`, `string<format>`, `enum<string>[]`, `integer[]`. `None` for a word that is not a
/// type.
pub fn doc_type(word: &str) -> Option<DocType> {
    let word = word.trim();
    let lower = word.to_ascii_lowercase();
    let (json, format) = if let Some(c) = ANGLE_TYPE.captures(&lower) {
        let (outer, inner) = (&c[1], &c[2]);
        if c.get(3).is_some() {
            (JsonType::Array, None)
        } else if outer == "enum" {
            (simple_type(inner)?, None)
        } else {
            (simple_type(outer)?, Some(inner.to_string()))
        }
    } else if let Some(inner) = lower.strip_suffix("[]") {
        simple_type(inner)?;
        (JsonType::Array, None)
    } else if lower == "uuid" {
        (JsonType::String, Some("uuid".to_string()))
    } else {
        (simple_type(&lower)?, None)
    };
    Some(DocType {
        written: word.to_string(),
        json,
        format,
    })
}

fn simple_type(word: &str) -> Option<JsonType> {
    Some(match word {
        "string" | "url" | "uri" => JsonType::String,
        "integer" | "int" => JsonType::Integer,
        "number" => JsonType::Number,
        "boolean" | "bool" => JsonType::Boolean,
        "object" => JsonType::Object,
        "array" => JsonType::Array,
        _ => return None,
    })
}

/// The values of an enumeration written as prose: `A, B, and C`, `A or B`, with or without
/// backticks or quotes around each value.
pub fn split_enumeration(list: &str) -> Vec<String> {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+").unwrap());
    SEPARATOR
        .split(list.trim().trim_end_matches('.'))
        .map(|v| v.trim().trim_matches(['`', '"', '\'']).trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The lines of a JSON block that starts at `lines[start]` (a line that is exactly `{` or
/// `[`) and ends at the next line that is exactly `}` or `]`, both at the start of the line:
/// the layout of the PingOne pages, whose examples are not always balanced. Returns the text
/// and the index of the closing line.
pub fn json_block(lines: &[&str], start: usize) -> Option<(String, usize)> {
    let opener = lines.get(start)?.trim_end();
    let closer = match opener {
        "{" => "}",
        "[" => "]",
        _ => return None,
    };
    let end = (start + 1..lines.len()).find(|&i| lines[i].trim_end() == closer)?;
    Some((lines[start..=end].join("\n"), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_host_base_placeholder_and_query() {
        assert_eq!(
            path_of_url("https://host.example/base/things/<thingId>?x=1"),
            "/base/things/{thingId}"
        );
        assert_eq!(
            path_of_url("{{root}}/groups/{{groupID}}/members"),
            "/groups/{groupID}/members"
        );
        assert_eq!(path_of_url("/a/{b}"), "/a/{b}");
        assert_eq!(query_names("/a?filter=x%20y&limit=2"), ["filter", "limit"]);
        assert_eq!(placeholders("/a/{b}/c/{d}"), ["b", "d"]);
    }

    #[test]
    fn type_words() {
        let t = |w: &str| doc_type(w).map(|t| (t.json, t.format));
        assert_eq!(t("URL"), Some((JsonType::String, None)));
        assert_eq!(t("UUID"), Some((JsonType::String, Some("uuid".into()))));
        assert_eq!(t("enum<string>[]"), Some((JsonType::Array, None)));
        assert_eq!(t("enum<string>"), Some((JsonType::String, None)));
        assert_eq!(
            t("string<widget-id>"),
            Some((JsonType::String, Some("widget-id".into())))
        );
        assert_eq!(t("Boolean"), Some((JsonType::Boolean, None)));
        assert_eq!(t("header"), None);
    }

    #[test]
    fn enumerations() {
        assert_eq!(
            split_enumeration("red, green, and blue."),
            ["red", "green", "blue"]
        );
        assert_eq!(split_enumeration("`ON` or `OFF`"), ["ON", "OFF"]);
    }

    #[test]
    fn json_blocks_end_at_the_closing_line_at_column_zero() {
        let lines = ["{", "  \"a\": {", "  },", "},", "\"b\": 1", "}", "after"];
        let (text, end) = json_block(&lines, 0).unwrap();
        assert_eq!(end, 5);
        assert!(text.ends_with("\"b\": 1\n}"));
    }
}
