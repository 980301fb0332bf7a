//! A generated client's failure, or any error answer, turned into this crate's [`Error`].
//!
//! Every error body, typed by the spec or not, is read by one parser: the generated JSON error
//! types are serialised back to bytes ([`ErrorBody`]) and read like any other body.

use futures::TryStreamExt as _;
use progenitor_client::ByteStream;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde_json::{Map, Value};

use crate::error::{
    retry_after_of, snippet, ApiError, Error, ErrorDetail, RateLimit, TransportError,
    BODY_SNIPPET_LIMIT,
};

use super::hooks::decode_token_failure;

/// Response headers that carry a server-side request id, in the order they are looked up.
const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "x-correlation-id", "correlation-id"];

/// Maps a generated client's error, whatever type its documented error bodies have.
pub(crate) async fn from_generated<E: ErrorBody>(error: progenitor_client::Error<E>) -> Error {
    use progenitor_client::Error as Gen;
    match error {
        Gen::ErrorResponse(value) => {
            let status = value.status();
            let headers = value.headers().clone();
            match value.into_inner().into_bytes().await {
                Ok(body) => from_status(status, &headers, &body),
                Err(source) => Error::Transport(TransportError::from(source)),
            }
        }
        Gen::UnexpectedResponse(response) => from_response(response).await,
        Gen::InvalidResponsePayload(body, source) => Error::decode(None, &source, &body),
        Gen::CommunicationError(source)
        | Gen::InvalidUpgrade(source)
        | Gen::ResponseBodyError(source) => Error::Transport(TransportError::from(source)),
        Gen::InvalidRequest(reason) => Error::invalid("request", reason),
        Gen::Custom(reason) => match decode_token_failure(&reason) {
            Some(failure) => failure.into(),
            None => Error::Transport(TransportError {
                reason,
                source: None,
                attempts: 1,
            }),
        },
    }
}

/// Reads an answer's body (at most [`BODY_SNIPPET_LIMIT`] bytes) and classifies it by status.
pub(crate) async fn from_response(response: reqwest::Response) -> Error {
    let status = response.status();
    let headers = response.headers().clone();
    match read_limited(response.bytes_stream()).await {
        Ok(body) => from_status(status, &headers, &body),
        Err(source) => Error::Transport(TransportError::from(source)),
    }
}

/// Turns an error status, its headers and its body into the matching variant.
pub(crate) fn from_status(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let said = BodyFields::parse(body);
    let api = Box::new(ApiError {
        status,
        message: said.message,
        code: said.code,
        details: said.details,
        body: snippet(body),
        request_id: request_id_of(headers),
        attempts: 1,
        retry_after: retry_after_of(headers),
        rate_limit: RateLimit::from_headers(headers),
    });
    match status {
        StatusCode::NOT_FOUND => Error::NotFound(api),
        StatusCode::CONFLICT => Error::AlreadyExists(api),
        _ => Error::Api(api),
    }
}

/// The documented error body of a generated operation, turned back into bytes.
pub(crate) trait ErrorBody: Sized {
    /// The body, at most [`BODY_SNIPPET_LIMIT`] bytes of it for a stream.
    fn into_bytes(self) -> impl std::future::Future<Output = reqwest::Result<Vec<u8>>> + Send;
}

impl ErrorBody for ByteStream {
    async fn into_bytes(self) -> reqwest::Result<Vec<u8>> {
        read_limited(self.into_inner()).await
    }
}

/// Implements [`ErrorBody`] for generated JSON error types by serialising them back.
macro_rules! json_error_body {
    ($($ty:ty),+ $(,)?) => {$(
        impl $crate::transport::ErrorBody for $ty {
            async fn into_bytes(self) -> reqwest::Result<Vec<u8>> {
                Ok(serde_json::to_vec(&self).unwrap_or_default())
            }
        }
    )+};
}
pub(crate) use json_error_body;

/// Reads a body stream, keeping at most [`BODY_SNIPPET_LIMIT`] bytes (and draining no further).
async fn read_limited<S>(mut stream: S) -> reqwest::Result<Vec<u8>>
where
    S: futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin,
{
    let mut body = Vec::new();
    while let Some(chunk) = stream.try_next().await? {
        let room = BODY_SNIPPET_LIMIT + 1 - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() > BODY_SNIPPET_LIMIT {
            break;
        }
    }
    Ok(body)
}

/// An error answer whose body is a JSON object, as the generated code of an API with JSON
/// error bodies expects: a body that is not one (a gateway's text or HTML, an empty body) is
/// rebuilt as `{"message": <text>}` (or `{}`), keeping the status and headers.
pub(super) async fn as_json_error(
    response: reqwest::Response,
) -> reqwest::Result<reqwest::Response> {
    let (status, version, mut headers) = (
        response.status(),
        response.version(),
        response.headers().clone(),
    );
    let body = response.bytes().await?;
    let body = if serde_json::from_slice::<Value>(&body).is_ok_and(|v| v.is_object()) {
        body
    } else {
        let text = String::from_utf8_lossy(&body).trim().to_owned();
        let wrapped = if text.is_empty() {
            serde_json::json!({})
        } else {
            serde_json::json!({ "message": text })
        };
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.remove(reqwest::header::CONTENT_LENGTH);
        bytes::Bytes::from(wrapped.to_string())
    };
    let mut rebuilt = http::Response::new(body);
    (
        *rebuilt.status_mut(),
        *rebuilt.version_mut(),
        *rebuilt.headers_mut(),
    ) = (status, version, headers);
    Ok(reqwest::Response::from(rebuilt))
}

/// What an error body says: from a JSON object its message-like field, code and details;
/// from anything else the trimmed text as the message.
#[derive(Default)]
struct BodyFields {
    message: Option<String>,
    code: Option<String>,
    details: Vec<ErrorDetail>,
}

impl BodyFields {
    fn parse(body: &[u8]) -> Self {
        const MESSAGE: &[&str] = &[
            "message",
            "errorMessage",
            "error_description",
            "error",
            "detail",
        ];
        const CODE: &[&str] = &["code", "errorCode"];
        let text_field = |object: &Map<String, Value>, keys: &[&str]| {
            keys.iter()
                .find_map(|key| object.get(*key).and_then(|v| v.as_str()))
                .map(str::to_owned)
        };
        if let Ok(Value::Object(object)) = serde_json::from_slice(body) {
            return BodyFields {
                message: text_field(&object, MESSAGE),
                code: text_field(&object, CODE),
                details: object
                    .get("details")
                    .and_then(|d| serde_json::from_value(d.clone()).ok())
                    .unwrap_or_default(),
            };
        }
        let text = snippet(body);
        let text = text.trim();
        BodyFields {
            message: (!text.is_empty()).then(|| text.to_owned()),
            ..BodyFields::default()
        }
    }
}

fn request_id_of(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_prefers_json_fields_then_text() {
        let message = |body: &[u8]| BodyFields::parse(body).message;
        assert_eq!(
            message(br#"{"errorMessage":"bad idp"}"#).as_deref(),
            Some("bad idp")
        );
        assert_eq!(message(b"  plain words \n").as_deref(), Some("plain words"));
        assert_eq!(message(b"   "), None);
        assert_eq!(message(br#"{"other":1}"#), None);
    }

    #[test]
    fn code_and_details_are_read_from_json_bodies() {
        let said = BodyFields::parse(
            br#"{"id":"x","code":"INVALID_DATA","message":"bad","details":[{"code":"INVALID_VALUE","target":"name","message":"too long"}]}"#,
        );
        assert_eq!(said.code.as_deref(), Some("INVALID_DATA"));
        assert_eq!(said.details.len(), 1);
        assert_eq!(said.details[0].target.as_deref(), Some("name"));
        let auth0 = BodyFields::parse(
            br#"{"statusCode":409,"error":"Conflict","message":"exists","errorCode":"conflict"}"#,
        );
        assert_eq!(auth0.message.as_deref(), Some("exists"));
        assert_eq!(auth0.code.as_deref(), Some("conflict"));
    }

    #[test]
    fn headers_fill_the_api_error() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", "7".parse().unwrap());
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        headers.insert("x-request-id", "req-1".parse().unwrap());
        let Error::Api(api) = from_status(StatusCode::TOO_MANY_REQUESTS, &headers, b"") else {
            panic!("429 is Api")
        };
        assert_eq!(api.retry_after, Some(std::time::Duration::from_secs(7)));
        assert_eq!(api.rate_limit.unwrap().remaining, Some(0));
        assert_eq!(api.request_id.as_deref(), Some("req-1"));
    }

    #[test]
    fn classification_by_status() {
        let h = HeaderMap::new();
        assert!(matches!(
            from_status(StatusCode::NOT_FOUND, &h, b""),
            Error::NotFound(_)
        ));
        assert!(matches!(
            from_status(StatusCode::CONFLICT, &h, b""),
            Error::AlreadyExists(_)
        ));
        let e = from_status(StatusCode::SERVICE_UNAVAILABLE, &h, b"later");
        assert!(e.is_retryable());
        assert!(!from_status(StatusCode::BAD_REQUEST, &h, b"").is_retryable());
    }
}
