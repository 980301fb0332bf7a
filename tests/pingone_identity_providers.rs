//! Wire contract of the PingOne Platform identity-provider operations
//! (`openapi/pingone-platform.yaml`) driven through the facade: exact method, path, headers and
//! JSON body sent, the typed provider of each answer (SAML, OIDC, social and kinds the library
//! does not model), and client secrets that never show.

mod common;

use futures::TryStreamExt as _;
use httpmock::MockServer;
use serde_json::{json, Value};
use sso_connections::pingone::{IdentityProvider, SamlBinding};
use sso_connections::{Deletion, SecretString, Uuid};

use common::pingone::*;
use common::{merged, uuid, FacadeRequest as _, JsonAnswer as _};
use pingone_mocks::MockServerExt as _;

common::pingone::pingone_mocks!();

const OIDC_IDP_SECRET: &str = "oidc-idp-client-secret-value";

/// An OIDC identity provider as the facade sends it.
fn oidc_idp_sent() -> Value {
    json!({
        "name": "Corporate OIDC",
        "type": "OPENID_CONNECT",
        "enabled": true,
        "clientId": "corp-client",
        "clientSecret": OIDC_IDP_SECRET,
        "issuer": "https://login.corp.example",
        "authorizationEndpoint": "https://login.corp.example/authorize",
        "tokenEndpoint": "https://login.corp.example/token",
        "jwksEndpoint": "https://login.corp.example/jwks",
        "scopes": ["openid", "email"],
        "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
        "pkceMethod": "S256",
    })
}

const SOCIAL_SECRET: &str = "google-client-secret-value";

/// A social identity provider of the type `kind` as the facade sends it.
fn social_idp_sent(kind: &str) -> Value {
    json!({
        "name": format!("{kind} sign-on"),
        "type": kind,
        "enabled": true,
        "clientId": "social-client",
        "clientSecret": SOCIAL_SECRET,
    })
}

/// `json` decoded as a provider.
fn identity_provider(json: Value) -> IdentityProvider {
    serde_json::from_value(json).unwrap()
}

/// A short name for the kind of an identity provider.
fn idp_kind(provider: &IdentityProvider) -> &'static str {
    match provider {
        IdentityProvider::Saml(_) => "saml",
        IdentityProvider::OpenIdConnect(_) => "oidc",
        IdentityProvider::Social(_) => "social",
        IdentityProvider::Other(_) => "other",
        _ => "unexpected",
    }
}

#[tokio::test]
async fn identity_providers_list_follows_the_next_link_and_decodes_every_kind() {
    let server = MockServer::start_async().await;
    let ids = [
        IDP,
        OTHER_IDP,
        "3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912",
        "4c5d6e7f-8091-4a23-b4c5-d6e7f8091a23",
    ];
    let okta =
        json!({"name": "Okta", "type": "OKTA", "enabled": true, "orgUrl": "https://acme.okta.com"});
    let pages = vec![
        vec![
            stored_idp(saml_idp_sent(), ids[0]),
            stored_idp(oidc_idp_sent(), ids[1]),
        ],
        vec![
            stored_idp(social_idp_sent("GOOGLE"), ids[2]),
            stored_idp(okta, ids[3]),
        ],
    ];
    let path = env_path("/identityProviders");
    let mocks = mount_pages(&server, BEARER, &path, "identityProviders", pages).await;

    let client = client(&server);
    let providers: Vec<IdentityProvider> = client
        .environment(uuid(ENV))
        .identity_providers()
        .list()
        .try_collect()
        .await
        .unwrap();

    assert_each_called_once(&mocks).await;
    let kinds: Vec<&str> = providers.iter().map(idp_kind).collect();
    assert_eq!(kinds, ["saml", "oidc", "social", "other"]);
    let names: Vec<&str> = providers.iter().map(IdentityProvider::name).collect();
    assert_eq!(
        names,
        ["SAMLIdP", "Corporate OIDC", "GOOGLE sign-on", "Okta"]
    );
    let listed_ids: Vec<Uuid> = providers.iter().map(|p| p.id().unwrap()).collect();
    assert_eq!(listed_ids, ids.map(uuid));
}

#[tokio::test]
async fn identity_providers_get_returns_the_typed_provider() {
    let server = MockServer::start_async().await;
    let mock = server.get_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade();
        then.json(200, stored_idp(saml_idp_sent(), IDP));
    });

    let provider = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .get(uuid(IDP))
        .await
        .unwrap();

    mock.assert_async().await;
    let IdentityProvider::Saml(saml) = &provider else {
        panic!("expected a SAML provider, got {provider:?}");
    };
    assert_eq!(saml.id, Some(uuid(IDP)));
    assert_eq!(saml.idp_entity_id, "idp-1560792011");
    assert_eq!(saml.sso_endpoint, "https://idp.example.com/sso");
    assert_eq!(saml.sso_binding, SamlBinding::HttpPost);
    let certificate = uuid("123f67f8-c56c-4903-9c9b-c4b162e22789");
    assert_eq!(saml.idp_verification.certificates[0].id, certificate);
    assert!(!provider.enabled());
}

#[tokio::test]
async fn identity_providers_create_sends_exactly_the_saml_and_oidc_providers() {
    let server = MockServer::start_async().await;
    let cases = [
        (saml_idp_sent(), IDP, "saml"),
        (oidc_idp_sent(), OTHER_IDP, "oidc"),
    ];
    for (sent, id, kind) in cases {
        let provider = identity_provider(sent.clone());
        let mock = server.create_identity_provider(|when, then| {
            when.environment_id(&uuid(ENV))
                .sent_by_facade()
                .sending(sent.clone());
            then.json(201, stored_idp(sent, id));
        });
        let created = client(&server)
            .environment(uuid(ENV))
            .identity_providers()
            .create(&provider)
            .await
            .unwrap();
        mock.assert_async().await;
        assert_eq!(idp_kind(&created), kind);
        assert_eq!(created.id(), Some(uuid(id)));
    }
}

#[tokio::test]
async fn identity_providers_replace_sends_the_provider_without_server_fields() {
    let server = MockServer::start_async().await;
    let sent = merged(
        oidc_idp_sent(),
        json!({"scopes": ["openid", "profile"], "enabled": false}),
    );
    let mock = server.update_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(OTHER_IDP))
            .sent_by_facade()
            .sending(sent.clone());
        then.json(200, stored_idp(sent.clone(), OTHER_IDP));
    });

    let provider = identity_provider(stored_idp(sent, OTHER_IDP));
    let replaced = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .replace(uuid(OTHER_IDP), &provider)
        .await
        .unwrap();

    mock.assert_async().await;
    let IdentityProvider::OpenIdConnect(oidc) = replaced else {
        panic!("expected an OIDC provider, got {replaced:?}");
    };
    assert_eq!(oidc.scopes, ["openid", "profile"]);
    assert!(!oidc.enabled);
}

#[tokio::test]
async fn identity_providers_modify_writes_back_every_field_it_did_not_touch() {
    let server = MockServer::start_async().await;
    let as_read = merged(
        saml_idp_sent(),
        json!({
            "sloEndpoint": "https://idp.example.com/slo",
            "registration": {"population": {"id": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"}},
            "futureSetting": {"enabled": true},
        }),
    );
    let written = merged(
        as_read.clone(),
        json!({"enabled": true, "description": "Now enabled"}),
    );
    let get = server.get_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade();
        then.json(200, stored_idp(as_read, IDP));
    });
    let put = server.update_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade()
            .sending(written.clone());
        then.json(200, stored_idp(written, IDP));
    });

    let modified = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .modify(uuid(IDP), |provider| {
            let IdentityProvider::Saml(saml) = provider else {
                panic!("expected a SAML provider, got {provider:?}");
            };
            saml.enabled = true;
            saml.description = Some("Now enabled".into());
        })
        .await
        .unwrap();

    get.assert_async().await;
    put.assert_async().await;
    assert!(modified.enabled());
    assert_eq!(idp_kind(&modified), "saml");
}

#[tokio::test]
async fn identity_providers_modify_does_not_send_back_read_only_embedded_resources() {
    let server = MockServer::start_async().await;
    let embedded = json!({"_embedded": {"attributes": [{
        "id": "51a036c6-41ed-44f7-bd1d-eacaa2a1feab",
        "name": "username",
        "value": "${samlAssertion.subject}",
        "update": "EMPTY_ONLY",
        "mappingType": "CORE",
    }]}});
    let as_read = stored_idp(merged(saml_idp_sent(), embedded), IDP);
    let get = server.get_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade();
        then.json(200, as_read.clone());
    });
    let put = server.update_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade()
            .sending(saml_idp_sent());
        then.json(200, as_read);
    });

    client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .modify(uuid(IDP), |_| {})
        .await
        .unwrap();

    get.assert_async().await;
    put.assert_async().await;
}

#[tokio::test]
async fn identity_providers_delete_maps_204_to_deleted_and_404_to_not_found() {
    let server = MockServer::start_async().await;
    let deleted = server.delete_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade();
        then.no_content();
    });
    let missing = server.delete_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(OTHER_IDP))
            .sent_by_facade();
        then.not_found(&pingone_error("NOT_FOUND", "No such IdP"));
    });

    let client = client(&server);
    let providers = client.environment(uuid(ENV)).identity_providers();
    let outcomes = [
        providers.delete(uuid(IDP)).await.unwrap(),
        providers.delete(uuid(OTHER_IDP)).await.unwrap(),
    ];
    assert_eq!(outcomes, [Deletion::Deleted, Deletion::NotFound]);
    deleted.assert_async().await;
    missing.assert_async().await;
}

#[tokio::test]
async fn social_provider_decodes_as_social_and_hides_its_secret() {
    let server = MockServer::start_async().await;
    let mock = server.get_identity_provider(|when, then| {
        when.environment_id(&uuid(ENV))
            .identity_provider_id(&uuid(IDP))
            .sent_by_facade();
        then.json(200, stored_idp(social_idp_sent("GOOGLE"), IDP));
    });

    let provider = client(&server)
        .environment(uuid(ENV))
        .identity_providers()
        .get(uuid(IDP))
        .await
        .unwrap();

    mock.assert_async().await;
    let IdentityProvider::Social(social) = &provider else {
        panic!("expected a social provider, got {provider:?}");
    };
    assert_eq!(social.type_.as_str(), "GOOGLE");
    assert_eq!(social.client_id.as_deref(), Some("social-client"));
    assert_eq!(
        social
            .client_secret
            .as_ref()
            .map(SecretString::expose_secret),
        Some(SOCIAL_SECRET)
    );
    let debug = format!("{provider:?}");
    assert!(debug.contains("social-client"), "{debug}");
    assert!(!debug.contains(SOCIAL_SECRET), "{debug}");
}

#[test]
fn every_social_type_of_the_spec_decodes_as_social() {
    let spec = common::spec("pingone-platform.yaml");
    let kinds = spec["components"]["schemas"]["SocialIdentityProviderType"]["enum"]
        .as_array()
        .unwrap();
    assert!(kinds.len() >= 10);
    for kind in kinds {
        let kind = kind.as_str().unwrap();
        let provider = identity_provider(social_idp_sent(kind));
        assert_eq!(idp_kind(&provider), "social", "{kind}");
    }
}

#[test]
fn unknown_provider_type_decodes_as_other_with_its_common_fields() {
    let json = stored_idp(
        json!({"name": "Okta", "type": "OKTA", "enabled": true, "password": "okta-password"}),
        IDP,
    );
    let provider = identity_provider(json.clone());
    let IdentityProvider::Other(other) = &provider else {
        panic!("expected Other, got {provider:?}");
    };
    assert_eq!(other.common.type_.as_str(), "OKTA");
    assert_eq!(other.raw, json);
    assert_eq!(provider.name(), "Okta");
    assert_eq!(provider.id(), Some(uuid(IDP)));
    assert!(provider.enabled());
    assert!(!format!("{provider:?}").contains("okta-password"));
}

#[test]
fn oidc_provider_debug_hides_the_client_secret() {
    let provider = identity_provider(oidc_idp_sent());
    assert_eq!(idp_kind(&provider), "oidc");
    let debug = format!("{provider:?}");
    assert!(debug.contains("corp-client"), "{debug}");
    assert!(!debug.contains(OIDC_IDP_SECRET), "{debug}");
    let list_debug = format!("{:?}", vec![provider]);
    assert!(!list_debug.contains(OIDC_IDP_SECRET), "{list_debug}");
}
