//! How the SaaS API refuses: a status and `{"message": …}`.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::{json, Value};

use crate::http::error::{self, ErrorBody, Unauthenticated};

/// The SaaS API's error bodies carry the message alone; a refusal's code is not sent.
pub(crate) enum SaasError {}

impl ErrorBody for SaasError {
    fn body(reject: &error::Reject<Self>) -> Value {
        json!({ "message": reject.message })
    }
}

pub(crate) type Reject = error::Reject<SaasError>;
pub(crate) type Answer = error::Answer<SaasError>;

pub(crate) fn bad_request(message: impl Into<String>) -> Reject {
    Reject::new(StatusCode::BAD_REQUEST, "bad_request", message)
}

pub(crate) fn not_found(message: impl Into<String>) -> Reject {
    Reject::new(StatusCode::NOT_FOUND, "not_found", message)
}

pub(crate) fn conflict(message: impl Into<String>) -> Reject {
    Reject::new(StatusCode::CONFLICT, "conflict", message)
}

/// How the API turns away a request without its Basic credentials: 401 with a challenge when
/// they are missing, 403 when they are wrong.
pub(crate) fn refuse(why: Unauthenticated) -> Response {
    match why {
        Unauthenticated::Wrong => {
            Reject::new(StatusCode::FORBIDDEN, "forbidden", "Invalid credentials").into_response()
        }
        Unauthenticated::Missing => {
            let mut response = Reject::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
            )
            .into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"PingOne\""),
            );
            response
        }
    }
}
