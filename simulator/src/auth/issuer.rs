//! The client-credentials token issuer behind both token endpoints. PingOne's
//! `POST /{environmentId}/as/token` takes the client in a Basic header and the grant in a form
//! body; Auth0's `POST /oauth/token` takes everything in a JSON body and checks the audience.
//! Once a request is read, one issuer checks it and answers.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::tokens::{Api, Auth, Client};
use crate::{
    auth0::BASE_PATH as AUTH0_BASE_PATH,
    http::{
        error::{ErrorBody, Reject},
        request::origin,
    },
};

/// Path of Auth0's token endpoint.
pub(crate) const AUTH0_TOKEN_PATH: &str = "/oauth/token";

/// Path of the PingOne token endpoint of an environment (outside the API's base path, like
/// `auth.pingone.<region>/<environmentId>/as/token`).
pub(crate) fn pingone_token_path(environment: Uuid) -> String {
    format!("/{environment}/as/token")
}

/// Both token endpoints.
pub(crate) fn token_routes() -> Router<Arc<Auth>> {
    Router::new()
        .route("/{env}/as/token", post(pingone))
        .route(AUTH0_TOKEN_PATH, post(auth0))
}

/// OAuth 2.0 error bodies: `{"error", "error_description"}`.
enum OAuthError {}

impl ErrorBody for OAuthError {
    fn body(reject: &Reject<Self>) -> Value {
        json!({ "error": reject.code, "error_description": reject.message })
    }
}

type Refusal = Reject<OAuthError>;

/// A client-credentials request, whichever way it arrived.
#[derive(Debug, Default)]
struct TokenRequest {
    grant_type: Option<String>,
    client: Option<Client>,
    audience: Option<String>,
}

/// One check of a token request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    /// `grant_type` is `client_credentials`.
    Grant,
    /// The client is the one the endpoint accepts.
    Client,
    /// The audience is the API's own URL.
    Audience,
}

/// A check and how the endpoint answers a request that fails it.
struct Rule {
    check: Check,
    status: StatusCode,
    error: &'static str,
    description: &'static str,
}

/// A token endpoint: the API its tokens open, the answer's details, and its checks in the
/// order it makes them.
struct Endpoint {
    api: Api,
    token_prefix: &'static str,
    scope: &'static str,
    rules: &'static [Rule],
}

const PINGONE: Endpoint = Endpoint {
    api: Api::PingOne,
    token_prefix: "sim-",
    scope: "",
    rules: &[
        Rule {
            check: Check::Client,
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            description: "Unsupported authentication method or invalid client credentials",
        },
        Rule {
            check: Check::Grant,
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_grant_type",
            description: "grant_type must be client_credentials",
        },
    ],
};

const AUTH0: Endpoint = Endpoint {
    api: Api::Auth0,
    token_prefix: "auth0-sim-",
    scope: "read:connection_profiles create:connection_profiles update:connection_profiles delete:connection_profiles",
    rules: &[
        Rule {
            check: Check::Grant,
            status: StatusCode::FORBIDDEN,
            error: "unsupported_grant_type",
            description: "Grant type not allowed",
        },
        Rule {
            check: Check::Client,
            status: StatusCode::UNAUTHORIZED,
            error: "access_denied",
            description: "Unauthorized",
        },
        Rule {
            check: Check::Audience,
            status: StatusCode::FORBIDDEN,
            error: "access_denied",
            description: "Service not enabled within domain",
        },
    ],
};

impl Endpoint {
    /// The refusal of the first check `request` fails, if any. `client` is the one accepted;
    /// `audience` the one tokens are for, where the endpoint checks it.
    fn refusal(
        &self,
        request: &TokenRequest,
        client: &Client,
        audience: Option<&str>,
    ) -> Option<Refusal> {
        self.rules
            .iter()
            .find(|rule| match rule.check {
                Check::Grant => request.grant_type.as_deref() != Some("client_credentials"),
                Check::Client => request.client.as_ref() != Some(client),
                Check::Audience => request.audience.as_deref() != audience,
            })
            .map(|rule| Reject::new(rule.status, rule.error, rule.description))
    }

    /// Checks `request`, then issues a token or refuses.
    fn issue(&self, auth: &Auth, request: &TokenRequest, audience: Option<&str>) -> Response {
        if let Some(refusal) = self.refusal(request, auth.client(self.api), audience) {
            return refusal.into_response();
        }
        let token = format!("{}{}", self.token_prefix, Uuid::new_v4().simple());
        auth.record(self.api, token.clone());
        Json(json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": auth.token_lifetime_secs(),
            "scope": self.scope,
        }))
        .into_response()
    }
}

async fn pingone(
    State(auth): State<Arc<Auth>>,
    Path(env): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if Uuid::parse_str(&env).is_err() {
        return Refusal::new(
            StatusCode::NOT_FOUND,
            "invalid_request",
            "unknown environment",
        )
        .into_response();
    }
    let request = TokenRequest {
        grant_type: form_field(&body, "grant_type"),
        client: basic_client(&headers),
        audience: None,
    };
    PINGONE.issue(&auth, &request, None)
}

async fn auth0(State(auth): State<Arc<Auth>>, headers: HeaderMap, body: Bytes) -> Response {
    #[derive(Deserialize)]
    struct Body {
        grant_type: Option<String>,
        client_id: Option<String>,
        client_secret: Option<String>,
        audience: Option<String>,
    }
    let Ok(body) = serde_json::from_slice::<Body>(&body) else {
        return Refusal::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be JSON",
        )
        .into_response();
    };
    let request = TokenRequest {
        grant_type: body.grant_type,
        client: body
            .client_id
            .zip(body.client_secret)
            .map(|(id, secret)| Client { id, secret }),
        audience: body.audience,
    };
    // The audience is the Management API's own URL: the simulator's.
    let audience = format!("{}{AUTH0_BASE_PATH}/", origin(&headers));
    AUTH0.issue(&auth, &request, Some(&audience))
}

/// The first value of `name` in a form body, as sent (not decoded).
fn form_field(body: &[u8], name: &str) -> Option<String> {
    String::from_utf8_lossy(body).split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// The client of a `Basic` `Authorization` header.
fn basic_client(headers: &HeaderMap) -> Option<Client> {
    let encoded = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let (id, secret) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    Some(Client::new(id, secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn request(grant: &str, client: (&str, &str), audience: Option<&str>) -> TokenRequest {
        TokenRequest {
            grant_type: Some(grant.into()),
            client: Some(Client::new(client.0, client.1)),
            audience: audience.map(str::to_owned),
        }
    }

    fn refused(endpoint: &Endpoint, request: &TokenRequest) -> Option<(u16, &'static str)> {
        let client = Client::new("id", "secret");
        endpoint
            .refusal(request, &client, Some("http://h/api/v2/"))
            .map(|r| (r.status.as_u16(), r.code))
    }

    #[test]
    fn pingone_checks_the_client_before_the_grant() {
        let good = request("client_credentials", ("id", "secret"), None);
        assert_eq!(refused(&PINGONE, &good), None);
        let both_wrong = request("password", ("id", "nope"), None);
        assert_eq!(
            refused(&PINGONE, &both_wrong),
            Some((401, "invalid_client"))
        );
        let grant_wrong = request("password", ("id", "secret"), None);
        assert_eq!(
            refused(&PINGONE, &grant_wrong),
            Some((400, "unsupported_grant_type"))
        );
    }

    #[test]
    fn auth0_checks_grant_then_client_then_audience() {
        let good = request(
            "client_credentials",
            ("id", "secret"),
            Some("http://h/api/v2/"),
        );
        assert_eq!(refused(&AUTH0, &good), None);
        let all_wrong = request("password", ("id", "nope"), Some("x"));
        assert_eq!(
            refused(&AUTH0, &all_wrong),
            Some((403, "unsupported_grant_type"))
        );
        let client_wrong = request("client_credentials", ("x", "secret"), Some("x"));
        assert_eq!(refused(&AUTH0, &client_wrong), Some((401, "access_denied")));
        let audience_wrong = request("client_credentials", ("id", "secret"), None);
        assert_eq!(
            refused(&AUTH0, &audience_wrong),
            Some((403, "access_denied"))
        );
        assert_eq!(
            refused(&AUTH0, &TokenRequest::default()),
            Some((403, "unsupported_grant_type"))
        );
    }

    #[test]
    fn credentials_arrive_in_a_form_and_a_basic_header() {
        assert_eq!(
            form_field(b"scope=x&grant_type=client_credentials", "grant_type").as_deref(),
            Some("client_credentials")
        );
        assert_eq!(form_field(b"grant_type", "grant_type"), None);
        let mut headers = HeaderMap::new();
        assert_eq!(basic_client(&headers), None);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic aWQ6c2VjcmV0"),
        );
        assert_eq!(basic_client(&headers), Some(Client::new("id", "secret")));
    }
}
