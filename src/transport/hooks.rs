//! The hooks progenitor's generated clients call: the `Authorization` header before each
//! request (`pre`), and the transport's retry loop to send it (`exec`).

use progenitor_client::OperationInfo;
use reqwest::header::{HeaderName, AUTHORIZATION};

use crate::auth::TokenFailure;

use super::{Authorizer, Transport};

/// progenitor adds this header (the spec's `info.version`); the vendors do not define it.
const GENERATOR_VERSION_HEADER: HeaderName = HeaderName::from_static("api-version");

impl Transport {
    /// Makes a request ready to send: credentials in, generator-only headers out.
    pub(crate) async fn prepare(&self, request: &mut reqwest::Request) -> Result<(), TokenFailure> {
        request.headers_mut().remove(GENERATOR_VERSION_HEADER);
        let authorization = match &self.authorizer {
            Authorizer::None => return Ok(()),
            Authorizer::Fixed(value) => value.clone(),
            Authorizer::Token(source) => match source.fresh_authorization() {
                Some(fresh) => fresh,
                // Rare (a refresh): boxed, so every request's future stays small.
                None => Box::pin(source.authorization()).await?,
            },
        };
        request.headers_mut().insert(AUTHORIZATION, authorization);
        Ok(())
    }
}

/// progenitor's `pre` hook can fail only with a string (`Error::Custom`): a token failure
/// travels in it with this prefix and is turned back into [`Error::Auth`](crate::Error::Auth)
/// by `errors::from_generated`.
const TOKEN_FAILURE_PREFIX: &str = "sso-connections token failure:";

pub(super) fn encode_token_failure(failure: &TokenFailure) -> String {
    format!(
        "{TOKEN_FAILURE_PREFIX}{}:{}",
        failure.status.unwrap_or(0),
        failure.reason
    )
}

pub(super) fn decode_token_failure(custom: &str) -> Option<TokenFailure> {
    let rest = custom.strip_prefix(TOKEN_FAILURE_PREFIX)?;
    let (status, reason) = rest.split_once(':')?;
    Some(TokenFailure {
        status: status.parse().ok().filter(|s| *s != 0),
        reason: reason.to_owned(),
    })
}

/// Routes a generated client's requests through its [`Transport`].
macro_rules! route_through_transport {
    ($client:ty) => {
        impl progenitor_client::ClientHooks<Transport> for $client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                _info: &OperationInfo,
            ) -> std::result::Result<(), progenitor_client::Error<E>> {
                use progenitor_client::ClientInfo;
                self.inner().prepare(request).await.map_err(|failure| {
                    progenitor_client::Error::Custom(encode_token_failure(&failure))
                })
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                use progenitor_client::ClientInfo;
                self.inner().execute(self.client(), request, info).await
            }
        }
    };
}

#[cfg(feature = "saas")]
route_through_transport!(crate::generated::saas::Client);
#[cfg(feature = "pingone")]
route_through_transport!(crate::generated::pingone::Client);
#[cfg(feature = "auth0")]
route_through_transport!(crate::generated::auth0::Client);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_failure_survives_the_trip_through_progenitor() {
        for status in [Some(401), None] {
            let failure = TokenFailure {
                status,
                reason: "token endpoint answered HTTP 401: bad: client".into(),
            };
            assert_eq!(
                decode_token_failure(&encode_token_failure(&failure)),
                Some(failure)
            );
        }
        assert_eq!(decode_token_failure("some other custom error"), None);
    }
}
