//! The Auth0 facade against the simulator: client-credentials tokens, checkpoint paging
//! across pages, create/get/partial update/delete, name conflicts, and templates.

mod common;

use futures::TryStreamExt as _;
use sso_connections::auth0::{
    AssignMembershipOnLogin, Auth0Client, ConnectionProfile, ConnectionProfileSettings,
    EnabledFeature, ShowAsButton, Strategy,
};
use sso_connections::{Deletion, Error};
use sso_connections_simulator::Simulator;

use common::auth0::named;

/// A simulator serving pages of two, and a client-credentials client with its credentials.
async fn setup() -> (Simulator, Auth0Client) {
    let sim = Simulator::builder().page_size(2).start().await.unwrap();
    let client = Auth0Client::client_credentials(
        "unused.auth0.example",
        sim.auth0_client_id(),
        sim.auth0_client_secret().to_owned(),
    )
    .base_url(sim.auth0_base_url())
    .token_url(format!("{}/oauth/token", sim.url()))
    .build()
    .unwrap();
    (sim, client)
}

/// Every profile, across all pages.
async fn all(client: &Auth0Client) -> Vec<ConnectionProfile> {
    client
        .connection_profiles()
        .list()
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn one_token_for_every_call_and_checkpoint_paging_across_pages() {
    let (sim, client) = setup().await;
    let profiles = client.connection_profiles();
    for i in 0..7 {
        profiles
            .create(&named(&format!("profile-{i}")))
            .await
            .unwrap();
    }
    // Simulator pages of 2: 4 pages, in creation order.
    let names: Vec<String> = all(&client)
        .await
        .into_iter()
        .map(|p| p.name.to_string())
        .collect();
    assert_eq!(
        names,
        (0..7).map(|i| format!("profile-{i}")).collect::<Vec<_>>()
    );
    let by_three: Vec<_> = profiles.list_pages_of(Some(3)).try_collect().await.unwrap();
    assert_eq!(by_three.len(), 7);
    assert_eq!(
        sim.auth0_tokens_issued(),
        1,
        "the token is cached across 10+ calls"
    );
}

#[tokio::test]
async fn wrong_client_secret_is_an_auth_error() {
    let (sim, _) = setup().await;
    let client = Auth0Client::client_credentials(
        "unused.auth0.example",
        sim.auth0_client_id(),
        "nope-secret",
    )
    .base_url(sim.auth0_base_url())
    .token_url(format!("{}/oauth/token", sim.url()))
    .build()
    .unwrap();
    let err = client.connection_profiles().get("cop_x").await.unwrap_err();
    assert!(
        matches!(&err, Error::Auth(auth) if auth.status.map(|s| s.as_u16()) == Some(401)),
        "{err:?}"
    );
    assert!(!format!("{err}{err:?}").contains("nope-secret"));
}

#[tokio::test]
async fn create_get_partial_update_and_delete() {
    let (_sim, client) = setup().await;
    let profiles = client.connection_profiles();
    let settings = ConnectionProfileSettings::builder()
        .name("Partner SSO")
        .connection_name_prefix_template("{org_name}-sso")
        .enabled_features([EnabledFeature::Scim, EnabledFeature::UniversalLogout])
        .organization(ShowAsButton::Optional, AssignMembershipOnLogin::Required)
        .strategy_override(Strategy::Okta, Some(vec![EnabledFeature::Scim]), None)
        .build()
        .unwrap();
    let created = profiles.create(&settings).await.unwrap();
    assert!(created.id.starts_with("cop_"));
    assert!(matches!(
        profiles.create(&named("Partner SSO")).await,
        Err(Error::AlreadyExists(_))
    ));

    // A PATCH with one field leaves the others as they were.
    let renamed = profiles
        .update(&created.id, &named("Partner SSO v2"))
        .await
        .unwrap();
    assert_eq!(renamed.name.to_string(), "Partner SSO v2");
    assert_eq!(
        renamed
            .connection_name_prefix_template
            .as_ref()
            .map(|t| t.to_string())
            .as_deref(),
        Some("{org_name}-sso")
    );
    let organization = renamed.organization.as_ref().unwrap();
    assert_eq!(organization.show_as_button, Some(ShowAsButton::Optional));
    assert!(renamed.strategy_overrides.as_ref().unwrap().okta.is_some());

    // Clearing sends the empty value and the server keeps it empty.
    let cleared = profiles
        .update(
            &created.id,
            &ConnectionProfileSettings::builder()
                .clear_enabled_features()
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(cleared.enabled_features.map(|f| f.0.len()), Some(0));
    assert_eq!(
        profiles.get(&created.id).await.unwrap().name.to_string(),
        "Partner SSO v2"
    );

    // Renaming onto a taken name conflicts.
    profiles.create(&named("Other")).await.unwrap();
    assert!(matches!(
        profiles.update(&created.id, &named("Other")).await,
        Err(Error::AlreadyExists(_))
    ));

    assert_eq!(
        profiles.delete(&created.id).await.unwrap(),
        Deletion::Deleted
    );
    assert_eq!(
        profiles.delete(&created.id).await.unwrap(),
        Deletion::NotFound
    );
    assert!(matches!(
        profiles.get(&created.id).await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        profiles.update(&created.id, &named("x")).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn templates_are_listed_and_read() {
    let (_sim, client) = setup().await;
    let profiles = client.connection_profiles();
    let templates = profiles.templates().await.unwrap();
    assert_eq!(templates.len(), 2);
    let id = templates[0].id.clone().unwrap();
    let one = profiles.template(&id).await.unwrap();
    assert_eq!(one.display_name, templates[0].display_name);
    // A template's settings are shaped like an update.
    assert!(one
        .template
        .as_ref()
        .unwrap()
        .connection_name_prefix_template
        .is_some());
    assert!(matches!(
        profiles.template("cop-template-none").await,
        Err(Error::NotFound(_))
    ));
}
