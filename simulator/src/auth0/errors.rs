//! How the Auth0 API refuses: `{"statusCode", "error", "message", "errorCode"}`.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::{json, Map, Value};

use crate::http::{
    error::{self, ErrorBody, Unauthenticated},
    request::json_object,
};

/// Auth0 error bodies.
pub(crate) enum Auth0Error {}

impl ErrorBody for Auth0Error {
    fn body(reject: &error::Reject<Self>) -> Value {
        json!({
            "statusCode": reject.status.as_u16(),
            "error": reject.status.canonical_reason().unwrap_or("Error"),
            "message": reject.message,
            "errorCode": reject.code,
        })
    }
}

pub(crate) type Reject = error::Reject<Auth0Error>;
pub(crate) type Answer = error::Answer<Auth0Error>;

pub(crate) fn bad_request(message: impl Into<String>) -> Reject {
    Reject::new(StatusCode::BAD_REQUEST, "invalid_body", message)
}

pub(crate) fn not_found() -> Reject {
    Reject::new(
        StatusCode::NOT_FOUND,
        "inexistent_connection_profile",
        "The connection profile does not exist",
    )
}

pub(crate) fn template_not_found() -> Reject {
    Reject::new(
        StatusCode::NOT_FOUND,
        "inexistent_connection_profile_template",
        "The template does not exist",
    )
}

pub(crate) fn conflict(message: impl Into<String>) -> Reject {
    Reject::new(StatusCode::CONFLICT, "connection_profile_conflict", message)
}

pub(crate) fn body_object(bytes: &[u8]) -> Result<Map<String, Value>, Reject> {
    json_object(bytes).ok_or_else(|| bad_request("The body must be a JSON object"))
}

/// The answer to a request without a bearer token the API accepts.
pub(crate) fn unauthorized(_: Unauthenticated) -> Response {
    Reject::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "Missing authentication",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_repeat_the_status() {
        let body = Auth0Error::body(&not_found());
        assert_eq!(body["statusCode"], 404);
        assert_eq!(body["error"], "Not Found");
        assert_eq!(body["errorCode"], "inexistent_connection_profile");
    }
}
