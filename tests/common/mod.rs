//! Fixtures shared by the integration tests: the API-neutral ones here, and one module per API,
//! each compiled only with that API's feature (a test target built for one API compiles this
//! module too).
#![allow(dead_code)]

#[cfg(feature = "auth0")]
pub mod auth0;
#[cfg(all(feature = "saas", feature = "pingone", feature = "auth0"))]
pub mod desired;
/// Certificates with chosen dates and metadata documents (`tests/metadata_kit`).
#[path = "../metadata_kit/mod.rs"]
pub mod kit;
#[cfg(feature = "pingone")]
pub mod pingone;
pub mod properties;
#[cfg(feature = "saas")]
pub mod saas;

use std::time::Duration;

use httpmock::{Method, Mock, MockServer, Then, When};
use serde_json::Value;
use sso_connections::error::InvalidInput;
use sso_connections::values::Certificate;
use sso_connections::Error;

// ---------------------------------------------------------------- values

/// The certificate of the SaaS vendor document's example, as PEM.
pub const EXAMPLE_CERT_PEM: &str = include_str!("../fixtures/example-idp-cert.pem");

/// [`EXAMPLE_CERT_PEM`], parsed.
pub fn example_cert() -> Certificate {
    Certificate::parse(EXAMPLE_CERT_PEM).unwrap()
}

/// The certificate exactly as the facade sends it: one-line base64 of the DER.
pub fn example_cert_wire() -> String {
    example_cert().to_base64()
}

/// A UUID written out in a test, parsed.
pub fn uuid(value: &str) -> sso_connections::Uuid {
    sso_connections::Uuid::parse_str(value).unwrap()
}

/// `base` with the fields of the object `extra` added or replaced.
pub fn merged(mut base: Value, extra: Value) -> Value {
    let target = base.as_object_mut().expect("an object");
    for (key, value) in extra.as_object().expect("an object") {
        target.insert(key.clone(), value.clone());
    }
    base
}

/// The refusal of a result that must be `InvalidInput`; anything else fails the test.
#[track_caller]
pub fn invalid_input<T: std::fmt::Debug>(result: sso_connections::Result<T>) -> InvalidInput {
    match result {
        Err(Error::InvalidInput(input)) => input,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

/// Moves tokio's clock forward by `by` in one step, then lets it run on in real time: whatever
/// the library times with that clock (token lifetimes, retry waits) sees `by` pass at once.
/// Between calls, unlike a paused clock, it never jumps by itself. Needs the current-thread
/// runtime of a plain `#[tokio::test]`.
pub async fn advance_clock(by: Duration) {
    tokio::time::pause();
    tokio::time::advance(by).await;
    tokio::time::resume();
}

/// A plain `reqwest` client for talking to a local server directly (not through the library).
/// The workspace builds reqwest without a built-in crypto provider (the library configures
/// its own), so this installs ring as the process default first.
pub fn raw_http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

// ---------------------------------------------------------------- mocked exchanges

/// What every facade request carries besides its method and path: the credentials,
/// `accept: JSON`, and never progenitor's own `api-version` header.
pub fn facade_headers(when: When, authorization: &str) -> When {
    when.header("authorization", authorization)
        .header("accept", "application/json")
        .header_missing("api-version")
}

/// A facade request to `method` and `path` (see [`facade_headers`]).
pub fn api_request(when: When, method: Method, path: &str, authorization: &str) -> When {
    facade_headers(when.method(method).path(path), authorization)
}

/// The body of a mocked answer.
#[derive(Clone)]
pub enum Body {
    Json(Value),
    /// Not JSON: what a gateway or proxy may answer with.
    Text(&'static str),
    Empty,
}

/// One request the facade must send to a path given in full (see [`api_request`]): exactly
/// [`query`](Self::query)'s parameters (none by default) and exactly
/// [`sending`](Self::sending)'s JSON body when given. For what the generated mock helpers of
/// one operation cannot say: a path under a base-URL prefix, a status the spec does not
/// document, answer headers, or the same expectation on every operation.
pub struct Expect {
    method: Method,
    path: String,
    authorization: String,
    query: Vec<(String, String)>,
    sent: Option<Value>,
}

impl Expect {
    /// A request to `method` and `path` carrying `authorization`.
    pub fn new(method: Method, path: impl Into<String>, authorization: &str) -> Self {
        Self {
            method,
            path: path.into(),
            authorization: authorization.into(),
            query: Vec::new(),
            sent: None,
        }
    }

    /// One more query parameter the request must have.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// The JSON body the request must have.
    pub fn sending(mut self, body: Value) -> Self {
        self.sent = Some(body);
        self
    }

    /// Another `authorization` header than the one given to [`new`](Self::new).
    pub fn authorized_by(mut self, authorization: &str) -> Self {
        self.authorization = authorization.into();
        self
    }

    /// Mounts the expectation on `server`, answered with `status` and the JSON `reply`.
    pub async fn answer(self, server: &MockServer, status: u16, reply: Value) -> Mock<'_> {
        self.mount(server, status, &[], Body::Json(reply)).await
    }

    /// Mounts the expectation on `server`, answered with `status` and no body.
    pub async fn answer_empty(self, server: &MockServer, status: u16) -> Mock<'_> {
        self.mount(server, status, &[], Body::Empty).await
    }

    /// Mounts the expectation on `server`, answered with `status`, `headers` and `reply`.
    pub async fn mount<'a>(
        self,
        server: &'a MockServer,
        status: u16,
        headers: &[(&str, &str)],
        reply: Body,
    ) -> Mock<'a> {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        server
            .mock_async(|when, then| {
                let mut when = api_request(when, self.method, &self.path, &self.authorization)
                    .query_param_count(".*", ".*", self.query.len());
                for (key, value) in &self.query {
                    when = when.query_param(key, value);
                }
                if let Some(body) = self.sent {
                    json_request(when, body);
                }
                let mut then = then.status(status);
                for (name, value) in headers {
                    then = then.header(name, value);
                }
                match reply {
                    Body::Json(body) => {
                        json_answer(then, body);
                    }
                    Body::Text(text) => {
                        then.header("content-type", "text/plain").body(text);
                    }
                    Body::Empty => {}
                }
            })
            .await
    }
}

/// A request whose body is exactly the JSON `body`.
fn json_request(when: When, body: Value) -> When {
    when.header("content-type", "application/json")
        .json_body(body)
}

/// An answer whose body is the JSON `body`.
fn json_answer(then: Then, body: Value) -> Then {
    then.header("content-type", "application/json")
        .json_body(body)
}

/// Answers any request with 500; asserting it got 0 calls proves nothing was sent.
pub async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500);
        })
        .await
}

// ---------------------------------------------------------------- generated mock helpers

/// What the facade must send, added to the matcher progenitor generates for one operation:
/// the generated `…When` types match the method and the path (and their typed parameters),
/// these the rest of the request.
pub trait FacadeRequest: Sized {
    /// The `authorization` header of the API's test client.
    const AUTHORIZATION: &'static str;

    /// The plain httpmock matcher.
    fn into_when(self) -> When;

    /// The generated matcher around `when`.
    fn from_when(when: When) -> Self;

    /// Carries `authorization` and the other headers of [`facade_headers`].
    fn authorized_by(self, authorization: &str) -> Self {
        Self::from_when(facade_headers(self.into_when(), authorization))
    }

    /// Has exactly `count` query parameters.
    fn queries(self, count: usize) -> Self {
        Self::from_when(self.into_when().query_param_count(".*", ".*", count))
    }

    /// Has exactly the JSON body `body`.
    fn sending(self, body: Value) -> Self {
        Self::from_when(json_request(self.into_when(), body))
    }

    /// The test client's credentials and exactly `count` query parameters.
    fn sent_by_facade_with_queries(self, count: usize) -> Self {
        self.authorized_by(Self::AUTHORIZATION).queries(count)
    }

    /// The common case: the test client's credentials and no query parameter.
    fn sent_by_facade(self) -> Self {
        self.sent_by_facade_with_queries(0)
    }
}

/// Answers with the JSON of a test, on the `…Then` types progenitor generates for one
/// operation (their own answers serialise the facade's typed values; a contract test answers
/// with the vendor's JSON as written).
pub trait JsonAnswer: Sized {
    /// The plain httpmock answer.
    fn into_then(self) -> Then;

    /// The generated answer around `then`.
    fn from_then(then: Then) -> Self;

    /// Answers with `status` and the JSON `body`.
    fn json(self, status: u16, body: Value) -> Self {
        Self::from_then(json_answer(self.into_then().status(status), body))
    }
}

/// Implements [`FacadeRequest`] and [`JsonAnswer`] for the generated types of every operation
/// listed: `authorization; When, Then; …`.
#[allow(unused_macros)]
macro_rules! generated_operations {
    ($authorization:expr; $($when:ty, $then:ty);+ $(;)?) => {
        $(
            impl $crate::common::FacadeRequest for $when {
                const AUTHORIZATION: &'static str = $authorization;

                fn into_when(self) -> ::httpmock::When {
                    self.into_inner()
                }

                fn from_when(when: ::httpmock::When) -> Self {
                    Self::new(when)
                }
            }

            impl $crate::common::JsonAnswer for $then {
                fn into_then(self) -> ::httpmock::Then {
                    self.into_inner()
                }

                fn from_then(then: ::httpmock::Then) -> Self {
                    Self::new(then)
                }
            }
        )+
    };
}
#[allow(unused_imports)]
pub(crate) use generated_operations;

// ---------------------------------------------------------------- specs

/// Every spec file under `openapi/` (the YAML files that are OpenAPI documents; the decisions
/// file beside them is not one), parsed, in name order: (file name, document).
pub fn specs() -> Vec<(String, serde_json::Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let spec: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                spec,
            )
        })
        .filter(|(_, spec): &(String, serde_json::Value)| spec.get("openapi").is_some())
        .collect();
    specs.sort_by(|a, b| a.0.cmp(&b.0));
    specs
}

/// The spec `file` (a name under `openapi/`), parsed.
pub fn spec(file: &str) -> Value {
    specs()
        .into_iter()
        .find(|(name, _)| name == file)
        .unwrap_or_else(|| panic!("no spec {file}"))
        .1
}

/// The members of a JSON object; none for anything else (a missing key indexes as `null`).
pub fn entries(value: &serde_json::Value) -> impl Iterator<Item = (&String, &serde_json::Value)> {
    value.as_object().into_iter().flatten()
}

/// Every media-type object of a spec, with where it stands: operations' request bodies and
/// responses, and the shared `components/responses` they reference.
pub fn media_objects(spec: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    let content = |value: &Value| -> Vec<(String, Value)> {
        entries(&value["content"])
            .map(|(media_type, media)| (media_type.clone(), media.clone()))
            .collect()
    };
    let mut found = Vec::new();
    for (path, item) in entries(&spec["paths"]) {
        for (method, op) in entries(item) {
            let place = format!("{} {path}", method.to_uppercase());
            if let Some(body) = op.get("requestBody") {
                for (media_type, media) in content(body) {
                    found.push((format!("{place} request {media_type}"), media));
                }
            }
            for (status, response) in entries(&op["responses"]) {
                for (media_type, media) in content(response) {
                    found.push((format!("{place} {status} {media_type}"), media));
                }
            }
        }
    }
    for (name, response) in entries(&spec["components"]["responses"]) {
        for (media_type, media) in content(response) {
            found.push((format!("response {name} {media_type}"), media));
        }
    }
    found
}

/// Every example of a spec as (place, schema, value): media-type `example` / `examples`,
/// parameter examples and component-schema `example`s.
pub fn examples(spec: &serde_json::Value) -> Vec<(String, serde_json::Value, serde_json::Value)> {
    let mut found = Vec::new();
    for (place, media) in media_objects(spec) {
        let Some(schema) = media.get("schema") else {
            continue;
        };
        if let Some(example) = media.get("example") {
            found.push((place.clone(), schema.clone(), example.clone()));
        }
        for (name, example) in entries(&media["examples"]) {
            found.push((
                format!("{place} examples.{name}"),
                schema.clone(),
                example["value"].clone(),
            ));
        }
    }
    let components = &spec["components"];
    for (name, param) in entries(&components["parameters"]) {
        if let Some(example) = param.get("example") {
            found.push((
                format!("parameter {name}"),
                param["schema"].clone(),
                example.clone(),
            ));
        }
    }
    for (name, schema) in entries(&components["schemas"]) {
        if let Some(example) = schema.get("example") {
            found.push((format!("schema {name}"), schema.clone(), example.clone()));
        }
    }
    found
}
