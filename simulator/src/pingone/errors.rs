//! How the PingOne API refuses: `{"id", "code", "message"}`, with `details` naming the field
//! at fault.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::http::error::{self, ErrorBody, Unauthenticated};

/// PingOne error bodies.
pub(crate) enum PingOneError {}

impl ErrorBody for PingOneError {
    fn body(reject: &error::Reject<Self>) -> Value {
        let mut body = json!({
            "id": Uuid::new_v4().to_string(),
            "code": reject.code,
            "message": reject.message,
        });
        if let Some(target) = &reject.target {
            let code = if reject.status == StatusCode::CONFLICT {
                "UNIQUENESS_VIOLATION"
            } else {
                "INVALID_VALUE"
            };
            body["details"] =
                json!([{ "code": code, "target": target, "message": reject.message }]);
        }
        body
    }
}

pub(crate) type Reject = error::Reject<PingOneError>;
pub(crate) type Answer = error::Answer<PingOneError>;

/// A field with a value the API does not accept.
pub(crate) fn invalid(target: &str, message: impl Into<String>) -> Reject {
    Reject::new(StatusCode::BAD_REQUEST, "INVALID_DATA", message).at(target)
}

/// A request the API cannot read at all.
pub(crate) fn bad_request(code: &'static str, message: &str) -> Reject {
    Reject::new(StatusCode::BAD_REQUEST, code, message)
}

pub(crate) fn not_found(what: &str) -> Reject {
    Reject::new(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        format!("Unable to find {what}"),
    )
}

/// Another `noun` of the same scope has this name.
pub(crate) fn name_taken(noun: &str, name: &str) -> Reject {
    Reject::new(
        StatusCode::CONFLICT,
        "UNIQUENESS_VIOLATION",
        format!("An {noun} named {name} already exists"),
    )
    .at("name")
}

/// The answer to a request without a bearer token the API accepts.
pub(crate) fn unauthorized(_: Unauthenticated) -> Response {
    Reject::new(
        StatusCode::UNAUTHORIZED,
        "ACCESS_FAILED",
        "The request could not be completed. You were not authenticated.",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_name_the_field_and_the_kind_of_problem() {
        let body = PingOneError::body(&name_taken("application", "CRM"));
        assert_eq!(body["code"], "UNIQUENESS_VIOLATION");
        assert_eq!(body["details"][0]["target"], "name");
        assert_eq!(body["details"][0]["code"], "UNIQUENESS_VIOLATION");
        let body = PingOneError::body(&invalid("acsUrls", "acsUrls is required"));
        assert_eq!(body["details"][0]["code"], "INVALID_VALUE");
        assert!(PingOneError::body(&not_found("application"))
            .get("details")
            .is_none());
    }
}
