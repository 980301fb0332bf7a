//! Refused requests. Each API writes a refusal in its own body shape (its dialect); status,
//! code, message and the field at fault are the same everywhere.

use std::{fmt, marker::PhantomData};

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::Value;

/// How one API writes a refusal as a JSON body.
pub(crate) trait ErrorBody: Sized {
    /// The body that answers `reject`.
    fn body(reject: &Reject<Self>) -> Value;
}

/// A refused request, answered in the dialect `B` of its API.
pub(crate) struct Reject<B> {
    pub(crate) status: StatusCode,
    /// Machine-readable code, for the dialects that send one.
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// The request field at fault, if there is one.
    pub(crate) target: Option<String>,
    dialect: PhantomData<fn() -> B>,
}

impl<B> Reject<B> {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            target: None,
            dialect: PhantomData,
        }
    }

    /// The same refusal, naming the field at fault.
    pub(crate) fn at(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }
}

impl<B> fmt::Debug for Reject<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reject")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("target", &self.target)
            .finish()
    }
}

impl<B: ErrorBody> IntoResponse for Reject<B> {
    fn into_response(self) -> Response {
        (self.status, Json(B::body(&self))).into_response()
    }
}

/// What a handler returns: a response, or a refusal in its API's dialect.
pub(crate) type Answer<B> = Result<Response, Reject<B>>;

/// Why a guard turned a request away; each API answers the two cases its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unauthenticated {
    /// No credentials of the scheme the API expects.
    Missing,
    /// Credentials of that scheme, but not ones the API accepts.
    Wrong,
}
