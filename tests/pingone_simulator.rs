//! The PingOne facade against the simulator: worker tokens (cached, one refresh shared by
//! concurrent callers), paged lists, the application lifecycle with its secret and
//! sub-resources, identity providers, and PingOne error bodies.

mod common;

use std::time::Duration;

use futures::{StreamExt as _, TryStreamExt as _};
use sso_connections::pingone::{
    Application, ApplicationType, AttributeMapping, GrantType, IdentityProvider,
    IdpTokenEndpointAuthMethod, OidcApplication, OidcIdentityProvider, PingOneClient,
    ResourceGrant, SamlApplication, SamlBinding, SamlIdentityProvider, SignOnPolicyAssignment,
    TokenEndpointAuthMethod,
};
use sso_connections::{Deletion, Error, Uuid};
use sso_connections_simulator::Simulator;

use common::advance_clock;

const ENV: Uuid = Uuid::from_u128(0x02d37832_476a_431b_8a60_d77cecd7005c);

/// A worker client of the simulator, authenticating with `secret`.
fn worker(sim: &Simulator, secret: &str) -> PingOneClient {
    PingOneClient::worker(ENV, sim.worker_client_id(), secret.to_owned())
        .base_url(sim.pingone_base_url())
        .token_url(sim.pingone_token_url(ENV))
        .build()
        .unwrap()
}

/// A simulator serving pages of two, and a worker client with its credentials.
async fn setup() -> (Simulator, PingOneClient) {
    let sim = Simulator::builder().page_size(2).start().await.unwrap();
    let client = worker(&sim, sim.worker_client_secret());
    (sim, client)
}

/// A valid OIDC application named `name`.
fn oidc(name: &str) -> Application {
    OidcApplication::new(name, ApplicationType::WebApp)
        .grant_types([GrantType::AuthorizationCode, GrantType::RefreshToken])
        .redirect_uris(["https://app.example.com/callback"])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap()
}

/// A valid SAML application named `name`.
fn saml(name: &str) -> Application {
    SamlApplication::new(name)
        .acs_urls(["https://sp.example.com/acs"])
        .assertion_duration(60)
        .sp_entity_id(format!("https://sp.example.com/{name}"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn one_token_serves_many_calls_and_concurrent_callers_share_one_fetch() {
    let (sim, client) = setup().await;
    let apps = client.environment(ENV).applications();
    let calls = (0..20).map(|_| async { apps.list().try_collect::<Vec<_>>().await });
    for result in futures::future::join_all(calls).await {
        assert!(result.unwrap().is_empty());
    }
    apps.create(&oidc("one")).await.unwrap();
    assert_eq!(sim.tokens_issued(), 1);
}

/// The token cache reads tokio's clock, which the test moves forward instead of waiting: the
/// token stays fresh however slowly the calls run, and is due exactly when the clock says so.
#[tokio::test]
async fn a_token_is_refreshed_before_it_expires() {
    let sim = Simulator::builder()
        .token_lifetime(Duration::from_secs(100))
        .start()
        .await
        .unwrap();
    let client = worker(&sim, sim.worker_client_secret());
    let apps = client.environment(ENV).applications();
    apps.list().try_collect::<Vec<_>>().await.unwrap();
    apps.list().try_collect::<Vec<_>>().await.unwrap();
    assert_eq!(sim.tokens_issued(), 1, "still fresh");
    // A token shorter than two minutes is refreshed once half of its life is gone: not at 40
    // of its 100 seconds, but at 50.
    advance_clock(Duration::from_secs(40)).await;
    apps.list().try_collect::<Vec<_>>().await.unwrap();
    assert_eq!(sim.tokens_issued(), 1, "still fresh at 40 s");
    advance_clock(Duration::from_secs(10)).await;
    apps.list().try_collect::<Vec<_>>().await.unwrap();
    assert_eq!(sim.tokens_issued(), 2);
}

#[tokio::test]
async fn wrong_worker_secret_is_an_auth_error_without_the_secret() {
    let (sim, _) = setup().await;
    let client = worker(&sim, "definitely-wrong");
    let err = client
        .environment(ENV)
        .applications()
        .get(Uuid::nil())
        .await
        .unwrap_err();
    match &err {
        Error::Auth(auth) => assert_eq!(auth.status.map(|s| s.as_u16()), Some(401)),
        other => panic!("expected Error::Auth, got {other:?}"),
    }
    assert!(!err.is_retryable());
    assert!(!format!("{err}{err:?}").contains("definitely-wrong"));
}

#[tokio::test]
async fn static_bearer_tokens_work_and_unknown_ones_are_401() {
    let sim = Simulator::builder()
        .static_bearer("fixed-token")
        .start()
        .await
        .unwrap();
    let good = PingOneClient::bearer("fixed-token")
        .base_url(sim.pingone_base_url())
        .build()
        .unwrap();
    let bad = PingOneClient::bearer("other-token")
        .base_url(sim.pingone_base_url())
        .build()
        .unwrap();
    assert!(good
        .environment(ENV)
        .applications()
        .list()
        .next()
        .await
        .is_none());
    let err = bad
        .environment(ENV)
        .applications()
        .list()
        .next()
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status.as_u16() == 401 && api.code.as_deref() == Some("ACCESS_FAILED"))
    );
}

#[tokio::test]
async fn lists_stream_across_pages_in_order() {
    let (_sim, client) = setup().await;
    let apps = client.environment(ENV).applications();
    for i in 0..7 {
        apps.create(&oidc(&format!("app-{i}"))).await.unwrap();
    }
    // page_size(2): 4 pages.
    let names: Vec<String> = apps
        .list()
        .map_ok(|a| a.name().to_owned())
        .try_collect()
        .await
        .unwrap();
    let expected: Vec<String> = (0..7).map(|i| format!("app-{i}")).collect();
    assert_eq!(names, expected);
    apps.create(&saml("saml-app")).await.unwrap();
    let saml_only: Vec<Application> = apps
        .list_where("protocol eq \"SAML\"")
        .try_collect()
        .await
        .unwrap();
    assert_eq!(saml_only.len(), 1);
    assert!(matches!(saml_only[0], Application::Saml(_)));
}

#[tokio::test]
async fn application_lifecycle_with_modify_replace_and_delete() {
    let (_sim, client) = setup().await;
    let apps = client.environment(ENV).applications();
    let created = apps.create(&oidc("Portal")).await.unwrap();
    let id = created.id().expect("the server assigns an id");
    assert!(matches!(
        apps.create(&oidc("Portal")).await,
        Err(Error::AlreadyExists(_))
    ));

    let modified = apps
        .modify(id, |app| {
            if let Application::OpenIdConnect(oidc) = app {
                oidc.description = Some("customer portal".into());
            }
        })
        .await
        .unwrap();
    let Application::OpenIdConnect(after) = &modified else {
        panic!("still OIDC")
    };
    assert_eq!(after.description.as_deref(), Some("customer portal"));
    assert_eq!(after.redirect_uris, ["https://app.example.com/callback"]);
    assert_eq!(
        after.grant_types.len(),
        2,
        "modify keeps what the closure did not touch"
    );

    // A full replacement drops what it leaves out.
    let replaced = apps.replace(id, &oidc("Portal 2")).await.unwrap();
    let Application::OpenIdConnect(replaced) = replaced else {
        panic!("still OIDC")
    };
    assert_eq!(replaced.description, None);
    assert_eq!(replaced.name, "Portal 2");

    // Changing the protocol is refused by the server with a PingOne error body.
    match apps.replace(id, &saml("Portal 2")).await.unwrap_err() {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 400);
            assert_eq!(api.code.as_deref(), Some("INVALID_DATA"));
            assert_eq!(api.details[0].target.as_deref(), Some("protocol"));
        }
        other => panic!("expected a 400, got {other:?}"),
    }

    assert_eq!(apps.delete(id).await.unwrap(), Deletion::Deleted);
    assert_eq!(apps.delete(id).await.unwrap(), Deletion::NotFound);
    assert!(matches!(apps.get(id).await, Err(Error::NotFound(_))));
}

#[tokio::test]
async fn secret_rotation_keeps_the_previous_secret_when_asked() {
    let (_sim, client) = setup().await;
    let env = client.environment(ENV);
    let id = env
        .applications()
        .create(&oidc("Api"))
        .await
        .unwrap()
        .id()
        .unwrap();
    let secret = env.application(id).secret();
    let first = secret.get().await.unwrap();
    let until = chrono::Utc::now() + chrono::Duration::hours(1);
    let rotated = secret.rotate(Some(until)).await.unwrap();
    assert_ne!(rotated.secret, first.secret);
    let previous = rotated.previous.as_ref().expect("kept for a grace period");
    assert_eq!(previous.secret.as_ref(), Some(&first.secret));
    assert!(!format!("{rotated:?}").contains(first.secret.expose_secret()));
    let without_grace = secret.rotate(None).await.unwrap();
    assert!(without_grace.previous.is_none());
    assert_eq!(secret.get().await.unwrap().secret, without_grace.secret);
}

#[tokio::test]
async fn attributes_grants_and_policy_assignments_round_trip() {
    let (_sim, client) = setup().await;
    let env = client.environment(ENV);
    let id = env
        .applications()
        .create(&saml("Payroll"))
        .await
        .unwrap()
        .id()
        .unwrap();
    let app = env.application(id);

    let attributes = app.attributes();
    for name in ["email", "given_name", "family_name"] {
        attributes
            .create(&AttributeMapping::new(name, format!("${{user.{name}}}")).unwrap())
            .await
            .unwrap();
    }
    let duplicate = AttributeMapping::new("email", "${user.email}").unwrap();
    assert!(matches!(
        attributes.create(&duplicate).await,
        Err(Error::AlreadyExists(_))
    ));
    let all: Vec<_> = attributes.list().try_collect().await.unwrap();
    assert_eq!(all.len(), 3, "two pages of attributes");
    let email = all[0].id.unwrap();
    let required = AttributeMapping::new("email", "${user.email}")
        .unwrap()
        .required(true);
    assert_eq!(
        attributes.replace(email, &required).await.unwrap().required,
        Some(true)
    );
    assert_eq!(attributes.delete(email).await.unwrap(), Deletion::Deleted);
    assert!(matches!(
        attributes.get(email).await,
        Err(Error::NotFound(_))
    ));

    let grants = app.grants();
    let grant = ResourceGrant::new(Uuid::from_u128(10), [Uuid::from_u128(11)]).unwrap();
    let created = grants.create(&grant).await.unwrap();
    let grant_id = created.id.unwrap();
    let wider = ResourceGrant::new(
        Uuid::from_u128(10),
        [Uuid::from_u128(11), Uuid::from_u128(12)],
    )
    .unwrap();
    assert_eq!(
        grants.replace(grant_id, &wider).await.unwrap().scopes.len(),
        2
    );
    assert_eq!(grants.get(grant_id).await.unwrap().scopes.len(), 2);
    assert_eq!(grants.delete(grant_id).await.unwrap(), Deletion::Deleted);

    let assignments = app.sign_on_policy_assignments();
    let first = assignments
        .create(&SignOnPolicyAssignment::new(Uuid::from_u128(20), 1).unwrap())
        .await
        .unwrap();
    let moved = assignments
        .replace(
            first.id.unwrap(),
            &SignOnPolicyAssignment::new(Uuid::from_u128(20), 2).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(moved.priority, 2);
    let listed: Vec<_> = assignments.list().try_collect().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        assignments.delete(first.id.unwrap()).await.unwrap(),
        Deletion::Deleted
    );

    // Deleting the application takes its sub-resources with it.
    env.applications().delete(id).await.unwrap();
    assert!(matches!(
        app.attributes().list().next().await,
        Some(Err(Error::NotFound(_)))
    ));
}

/// A valid SAML identity provider named `name`, verified with the certificate `certificate`
/// (which must exist in the environment).
fn saml_idp(name: &str, certificate: Uuid) -> IdentityProvider {
    SamlIdentityProvider::new(name)
        .idp_entity_id("http://adfs.acme.example/adfs/services/trust")
        .sp_entity_id("pingone-acme")
        .sso_endpoint("https://adfs.acme.example/adfs/ls", SamlBinding::HttpPost)
        .verification_certificates([certificate])
        .build()
        .unwrap()
}

/// A valid OIDC identity provider named `name`.
fn oidc_idp(name: &str) -> IdentityProvider {
    OidcIdentityProvider::new(name)
        .issuer("https://login.acme.example")
        .authorization_endpoint("https://login.acme.example/authorize")
        .token_endpoint("https://login.acme.example/token")
        .jwks_endpoint("https://login.acme.example/keys")
        .client("pingone", "idp-client-secret")
        .scopes(["openid", "email", "profile"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretPost)
        .build()
        .unwrap()
}

#[tokio::test]
async fn identity_providers_saml_and_oidc_lifecycle() {
    let (_sim, client) = setup().await;
    let idps = client.environment(ENV).identity_providers();
    let certificate = common::pingone::import_test_certificate(&client, ENV).await;
    let saml = idps
        .create(&saml_idp("Acme ADFS", certificate))
        .await
        .unwrap();
    let oidc = idps.create(&oidc_idp("Acme Login")).await.unwrap();
    assert!(matches!(saml, IdentityProvider::Saml(_)));
    assert!(matches!(oidc, IdentityProvider::OpenIdConnect(_)));
    assert!(
        !format!("{oidc:?}").contains("idp-client-secret"),
        "Debug redacts the client secret"
    );
    assert!(matches!(
        idps.create(&saml_idp("Acme ADFS", certificate)).await,
        Err(Error::AlreadyExists(_))
    ));

    let saml_id = saml.id().unwrap();
    let disabled = idps
        .modify(saml_id, |idp| {
            if let IdentityProvider::Saml(saml) = idp {
                saml.enabled = false;
            }
        })
        .await
        .unwrap();
    assert!(!disabled.enabled());
    let IdentityProvider::Saml(kept) = &disabled else {
        panic!("still SAML")
    };
    assert_eq!(kept.sso_endpoint, "https://adfs.acme.example/adfs/ls");

    let names: Vec<String> = idps
        .list()
        .map_ok(|p| p.name().to_owned())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["Acme ADFS", "Acme Login"]);
    assert_eq!(idps.delete(saml_id).await.unwrap(), Deletion::Deleted);
    assert_eq!(idps.delete(saml_id).await.unwrap(), Deletion::NotFound);
    assert_eq!(idps.list().count().await, 1);
}
