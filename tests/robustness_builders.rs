//! Robustness of the PingOne builders: arbitrary names, URLs and texts never panic a builder;
//! what it builds serialises and decodes back unchanged; and what it refuses is `InvalidInput`
//! naming the first field the input breaks, in the order the builder checks its fields.

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

/// A built resource serialises and decodes back to the same JSON, and keeps its name; a
/// refusal names `broken`, the field the input breaks first (`None` for an input that breaks
/// no rule, which must build).
fn built_is_sound<T>(result: Result<T, Error>, name: &str, broken: Option<&str>) -> TestCaseResult
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
{
    match result {
        Ok(built) => {
            prop_assert_eq!(broken, None, "built although it breaks a rule: {:?}", built);
            let sent = serde_json::to_value(&built).unwrap();
            prop_assert_eq!(sent["name"].as_str(), Some(name));
            let again: T = serde_json::from_value(sent.clone()).unwrap();
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), sent);
            let _ = format!("{built:?}");
        }
        Err(err) => prop_assert_eq!(field_of(&err), broken, "{:?}", err),
    }
    Ok(())
}

// The rules of the builders' fields, restated from their documentation: each returns whether
// `value` breaks the rule.

/// Names and entity ids: not blank, no control characters.
fn bad_text(value: &str) -> bool {
    value.trim().is_empty() || value.chars().any(char::is_control)
}

/// URLs PingOne calls: absolute `http(s)` with a host.
fn bad_http_url(value: &str) -> bool {
    HttpUrl::parse(value).is_err()
}

/// OIDC redirect URIs: absolute, any scheme (native apps use custom ones).
fn bad_absolute_uri(value: &str) -> bool {
    url::Url::parse(value).is_err()
}

/// The first field of `checks` whose value breaks its rule.
fn first_broken(checks: &[(&'static str, bool)]) -> Option<&'static str> {
    checks
        .iter()
        .find(|(_, broken)| *broken)
        .map(|(field, _)| *field)
}

/// A client secret or scope: mostly fine, sometimes empty or blank.
fn secret_like() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9~._-]{1,24}",
        1 => Just(String::new()),
        1 => Just("  ".to_owned()),
    ]
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
        let broken = first_broken(&[
            ("name", bad_text(&name)),
            ("acsUrls", bad_http_url(&first) || bad_http_url(&second)),
            ("sloEndpoint", bad_http_url(&first)),
            ("assertionDuration", duration == 0),
            ("spEntityId", bad_text(&second)),
        ]);
        built_is_sound(saml, &name, broken)?;
        let oidc = OidcApplication::new(name.clone(), ApplicationType::WebApp)
            .grant_types([GrantType::AuthorizationCode])
            .redirect_uris([first.clone()])
            .post_logout_redirect_uris([second.clone()])
            .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
            .description(second.clone())
            .build();
        oidc_tally.count(&oidc);
        if oidc.is_ok() {
            prop_assert!(url::Url::parse(&first).is_ok());
        }
        let broken = first_broken(&[
            ("name", bad_text(&name)),
            ("redirectUris", bad_absolute_uri(&first)),
            ("postLogoutRedirectUris", bad_absolute_uri(&second)),
        ]);
        built_is_sound(oidc, &name, broken)
    });
    saml_tally.assert_both("SamlApplication", 5);
    oidc_tally.assert_both("OidcApplication", 5);
}

#[test]
fn pingone_identity_provider_builders_never_panic() {
    let (saml_tally, oidc_tally) = (Tally::default(), Tally::default());
    let inputs = (
        tricky_string(),
        url_like(),
        tricky_string(),
        secret_like(),
        secret_like(),
    );
    check(256, inputs, |(name, url, text, secret, scope)| {
        let saml = SamlIdentityProvider::new(name.clone())
            .idp_entity_id(text.clone())
            .sp_entity_id(name.clone())
            .sso_endpoint(url.clone(), SamlBinding::HttpPost)
            .verification_certificates([Uuid::from_u128(7)])
            .build();
        saml_tally.count(&saml);
        let broken = first_broken(&[
            ("name", bad_text(&name)),
            ("idpEntityId", bad_text(&text)),
            ("spEntityId", bad_text(&name)),
            ("ssoEndpoint", bad_http_url(&url)),
        ]);
        built_is_sound(saml, &name, broken)?;
        let oidc = OidcIdentityProvider::new(name.clone())
            .issuer(url.clone())
            .authorization_endpoint(url.clone())
            .token_endpoint(url.clone())
            .jwks_endpoint(url.clone())
            .userinfo_endpoint(url.clone())
            .client(text.clone(), secret.clone())
            .scopes([scope.clone()])
            .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
            .build();
        oidc_tally.count(&oidc);
        if oidc.is_ok() {
            prop_assert!(HttpUrl::parse(url.clone()).is_ok());
        }
        let broken = first_broken(&[
            ("name", bad_text(&name)),
            ("issuer", bad_http_url(&url)),
            ("clientId", bad_text(&text)),
            ("clientSecret", secret.is_empty()),
            ("scopes", scope.trim().is_empty()),
        ]);
        built_is_sound(oidc, &name, broken)
    });
    saml_tally.assert_both("SamlIdentityProvider", 5);
    oidc_tally.assert_both("OidcIdentityProvider", 5);
}
