//! Robustness of the PingOne builders: arbitrary names, URLs and texts never panic a builder,
//! and what it builds serialises and decodes back unchanged.

mod common;

use proptest::prelude::*;
use proptest::test_runner::TestCaseResult;
use sso_connections::pingone::{
    ApplicationType, GrantType, IdpTokenEndpointAuthMethod, OidcApplication, OidcIdentityProvider,
    SamlApplication, SamlBinding, SamlIdentityProvider, TokenEndpointAuthMethod,
};
use sso_connections::values::HttpUrl;
use sso_connections::{Error, Uuid};

use common::properties::{check, field_of, tricky_string, url_like, Tally};

/// A built resource serialises and decodes back to the same JSON, and keeps its name.
fn built_is_sound<T>(result: Result<T, Error>, name: &str) -> TestCaseResult
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
{
    match result {
        Ok(built) => {
            let sent = serde_json::to_value(&built).unwrap();
            prop_assert_eq!(sent["name"].as_str(), Some(name));
            let again: T = serde_json::from_value(sent.clone()).unwrap();
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), sent);
            let _ = format!("{built:?}");
        }
        Err(err) => prop_assert!(field_of(&err).is_some()),
    }
    Ok(())
}

#[test]
fn pingone_application_builders_never_panic() {
    let (saml_tally, oidc_tally) = (Tally::default(), Tally::default());
    let inputs = (tricky_string(), url_like(), url_like(), 0u32..3);
    check(256, inputs, |(name, first, second, duration)| {
        let saml = SamlApplication::new(name.clone())
            .acs_urls([first.clone(), second.clone()])
            .assertion_duration(duration)
            .sp_entity_id(second.clone())
            .slo_endpoint(first.clone())
            .build();
        saml_tally.count(&saml);
        if saml.is_ok() {
            prop_assert!(HttpUrl::parse(first.clone()).is_ok() && duration > 0);
        }
        built_is_sound(saml, &name)?;
        let oidc = OidcApplication::new(name.clone(), ApplicationType::WebApp)
            .grant_types([GrantType::AuthorizationCode])
            .redirect_uris([first.clone()])
            .post_logout_redirect_uris([second.clone()])
            .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
            .description(second)
            .build();
        oidc_tally.count(&oidc);
        if oidc.is_ok() {
            prop_assert!(url::Url::parse(&first).is_ok());
        }
        built_is_sound(oidc, &name)
    });
    saml_tally.assert_both("SamlApplication", 5);
    oidc_tally.assert_both("OidcApplication", 5);
}

#[test]
fn pingone_identity_provider_builders_never_panic() {
    let (saml_tally, oidc_tally) = (Tally::default(), Tally::default());
    let inputs = (tricky_string(), url_like(), tricky_string());
    check(256, inputs, |(name, url, text)| {
        let saml = SamlIdentityProvider::new(name.clone())
            .idp_entity_id(text.clone())
            .sp_entity_id(name.clone())
            .sso_endpoint(url.clone(), SamlBinding::HttpPost)
            .verification_certificates([Uuid::from_u128(7)])
            .build();
        saml_tally.count(&saml);
        built_is_sound(saml, &name)?;
        let oidc = OidcIdentityProvider::new(name.clone())
            .issuer(url.clone())
            .authorization_endpoint(url.clone())
            .token_endpoint(url.clone())
            .jwks_endpoint(url.clone())
            .userinfo_endpoint(url.clone())
            .client(text.clone(), text.clone())
            .scopes([text.clone()])
            .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
            .build();
        oidc_tally.count(&oidc);
        if oidc.is_ok() {
            prop_assert!(HttpUrl::parse(url.clone()).is_ok());
        }
        built_is_sound(oidc, &name)
    });
    saml_tally.assert_both("SamlIdentityProvider", 5);
    oidc_tally.assert_both("OidcIdentityProvider", 5);
}
