//! The guards in front of the APIs: each lets a request through, or has its API refuse it.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use super::tokens::{Api, Auth};
use crate::http::error::Unauthenticated;

/// What a guard accepts, and how its API answers everything else.
#[derive(Clone)]
pub(crate) struct Guard {
    auth: Arc<Auth>,
    scheme: Scheme,
    refuse: fn(Unauthenticated) -> Response,
}

#[derive(Clone, Copy)]
enum Scheme {
    /// The SaaS API's Basic credentials.
    Basic,
    /// A token issued for this API, or the static bearer token.
    Bearer(Api),
}

impl Guard {
    /// Requires the SaaS API's Basic credentials.
    pub(crate) fn basic(auth: Arc<Auth>, refuse: fn(Unauthenticated) -> Response) -> Self {
        Self {
            auth,
            scheme: Scheme::Basic,
            refuse,
        }
    }

    /// Requires a bearer token that opens `api`.
    pub(crate) fn bearer(
        auth: Arc<Auth>,
        api: Api,
        refuse: fn(Unauthenticated) -> Response,
    ) -> Self {
        Self {
            auth,
            scheme: Scheme::Bearer(api),
            refuse,
        }
    }

    /// Whether an `Authorization` header lets a request through.
    fn check(&self, authorization: Option<&HeaderValue>) -> Result<(), Unauthenticated> {
        match self.scheme {
            Scheme::Basic => match authorization {
                Some(value) if value == self.auth.basic_header() => Ok(()),
                Some(value) if value.as_bytes().starts_with(b"Basic ") => {
                    Err(Unauthenticated::Wrong)
                }
                _ => Err(Unauthenticated::Missing),
            },
            Scheme::Bearer(api) => {
                let token = authorization
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .ok_or(Unauthenticated::Missing)?;
                if self.auth.accepts(api, token) {
                    Ok(())
                } else {
                    Err(Unauthenticated::Wrong)
                }
            }
        }
    }
}

/// Middleware: runs the request when its guard lets it through.
pub(crate) async fn admit(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    match guard.check(request.headers().get(header::AUTHORIZATION)) {
        Ok(()) => next.run(request).await,
        Err(why) => (guard.refuse)(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Client;
    use std::time::Duration;

    fn auth() -> Arc<Auth> {
        Arc::new(Auth::new(
            Client::new("id", "secret"),
            Client::new("worker", "w"),
            Client::new("m2m", "m"),
            None,
            Duration::from_secs(60),
        ))
    }

    fn refuse(_: Unauthenticated) -> Response {
        Response::default()
    }

    #[test]
    fn basic_tells_missing_from_wrong_credentials() {
        let guard = Guard::basic(auth(), refuse);
        let check = |value: &'static str| guard.check(Some(&HeaderValue::from_static(value)));
        assert_eq!(check("Basic aWQ6c2VjcmV0"), Ok(()));
        assert_eq!(check("Basic d3Jvbmc6d3Jvbmc="), Err(Unauthenticated::Wrong));
        assert_eq!(check("Bearer aWQ6c2VjcmV0"), Err(Unauthenticated::Missing));
        assert_eq!(guard.check(None), Err(Unauthenticated::Missing));
    }

    #[test]
    fn bearer_takes_tokens_issued_for_its_api() {
        let auth = auth();
        auth.record(Api::Auth0, "t".into());
        let pingone = Guard::bearer(auth.clone(), Api::PingOne, refuse);
        let auth0 = Guard::bearer(auth, Api::Auth0, refuse);
        let bearer_t = HeaderValue::from_static("Bearer t");
        assert_eq!(auth0.check(Some(&bearer_t)), Ok(()));
        assert_eq!(pingone.check(Some(&bearer_t)), Err(Unauthenticated::Wrong));
        assert_eq!(pingone.check(None), Err(Unauthenticated::Missing));
    }
}
