//! Reading requests: JSON object bodies and the origin the client addressed.

use axum::http::{header, HeaderMap};
use serde_json::{Map, Value};

/// The body as a JSON object, or `None` when it is anything else.
pub(crate) fn json_object(bytes: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// `http://<Host>`: the origin that links and token audiences are built from.
pub(crate) fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_objects_are_json_objects() {
        assert!(json_object(br#"{"a": 1}"#).is_some());
        for other in [&b"[1]"[..], b"\"a\"", b"", b"{"] {
            assert!(json_object(other).is_none());
        }
    }

    #[test]
    fn the_origin_follows_the_host_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(origin(&headers), "http://localhost");
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert_eq!(origin(&headers), "http://127.0.0.1:8080");
    }
}
