//! The credentials each API accepts and the access tokens issued so far.

use std::{collections::HashMap, time::Duration};

use axum::http::HeaderValue;
use base64::Engine as _;

use crate::storage::Store;

/// An API that takes bearer tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Api {
    PingOne,
    Auth0,
}

/// A client id and its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Client {
    pub(crate) id: String,
    pub(crate) secret: String,
}

impl Client {
    pub(crate) fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            secret: secret.into(),
        }
    }
}

/// Accepted credentials and issued tokens.
pub(crate) struct Auth {
    saas: Client,
    /// The `Authorization` value the SaaS credentials make.
    basic: HeaderValue,
    worker: Client,
    auth0: Client,
    /// A token every bearer API accepts without a token endpoint.
    static_bearer: Option<String>,
    token_lifetime: Duration,
    issued: Store<Issued>,
}

/// Tokens by value with the API they were issued for, and how many each API got.
#[derive(Default)]
struct Issued {
    tokens: HashMap<String, Api>,
    counts: HashMap<Api, u64>,
}

impl Auth {
    pub(crate) fn new(
        saas: Client,
        worker: Client,
        auth0: Client,
        static_bearer: Option<String>,
        token_lifetime: Duration,
    ) -> Self {
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", saas.id, saas.secret));
        let basic = HeaderValue::from_str(&format!("Basic {encoded}")).expect("base64 header");
        Self {
            saas,
            basic,
            worker,
            auth0,
            static_bearer,
            token_lifetime,
            issued: Store::default(),
        }
    }

    /// The SaaS API's Basic credentials.
    pub(crate) fn saas_client(&self) -> &Client {
        &self.saas
    }

    pub(crate) fn basic_header(&self) -> &HeaderValue {
        &self.basic
    }

    /// The client whose credentials the token endpoint of `api` accepts.
    pub(crate) fn client(&self, api: Api) -> &Client {
        match api {
            Api::PingOne => &self.worker,
            Api::Auth0 => &self.auth0,
        }
    }

    /// Whether `token` opens `api`: issued for it, or the static bearer token.
    pub(crate) fn accepts(&self, api: Api, token: &str) -> bool {
        self.issued.lock().tokens.get(token) == Some(&api)
            || self.static_bearer.as_deref() == Some(token)
    }

    /// Remembers a token issued for `api`.
    pub(crate) fn record(&self, api: Api, token: String) {
        let mut issued = self.issued.lock();
        issued.tokens.insert(token, api);
        *issued.counts.entry(api).or_default() += 1;
    }

    /// How many tokens `api`'s token endpoint has issued.
    pub(crate) fn issued(&self, api: Api) -> u64 {
        self.issued.lock().counts.get(&api).copied().unwrap_or(0)
    }

    /// `expires_in` of issued tokens, in seconds.
    pub(crate) fn token_lifetime_secs(&self) -> u64 {
        self.token_lifetime.as_secs()
    }

    /// Forgets every issued token.
    pub(crate) fn reset(&self) {
        self.issued.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth() -> Auth {
        Auth::new(
            Client::new("id", "secret"),
            Client::new("worker", "w"),
            Client::new("m2m", "m"),
            Some("fixed".into()),
            Duration::from_secs(60),
        )
    }

    #[test]
    fn a_token_opens_only_the_api_it_was_issued_for() {
        let auth = auth();
        auth.record(Api::PingOne, "t".into());
        assert!(auth.accepts(Api::PingOne, "t"));
        assert!(!auth.accepts(Api::Auth0, "t"));
        assert!(
            auth.accepts(Api::Auth0, "fixed"),
            "the static token opens every API"
        );
        assert_eq!((auth.issued(Api::PingOne), auth.issued(Api::Auth0)), (1, 0));
        auth.reset();
        assert!(!auth.accepts(Api::PingOne, "t"));
        assert_eq!(auth.issued(Api::PingOne), 0);
    }

    #[test]
    fn the_basic_header_encodes_the_saas_credentials() {
        assert_eq!(auth().basic_header(), "Basic aWQ6c2VjcmV0");
    }
}
