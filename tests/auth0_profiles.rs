//! Wire contract of the Auth0 connection-profile and template operations
//! (`openapi/auth0-connection-profiles.yaml`) driven through the facade: exact method, path,
//! headers, query and JSON body sent, checkpoint paging, and the typed result or error of each
//! answer, with nothing of a stored profile lost on the way back.

mod common;

use std::num::NonZeroU64;

use futures::{StreamExt as _, TryStreamExt as _};
use httpmock::Method::DELETE;
use httpmock::MockServer;
use serde_json::{json, Map, Value};
use sso_connections::auth0::{
    AssignMembershipOnLogin, ConnectionProfile, ConnectionProfileSettings,
    ConnectionProfileSettingsBuilder, EnabledFeature, ShowAsButton, Strategy,
};
use sso_connections::{Deletion, Error};

use common::auth0::mocks::MockServerExt as _;
use common::auth0::*;
use common::{catch_all, invalid_input, merged, FacadeRequest as _, JsonAnswer as _};

// ---------------------------------------------------------------- fixtures

/// A profile with every documented field set.
fn full_profile_json(id: &str, name: &str) -> Value {
    profile_json(
        id,
        name,
        json!({
            "organization": {"show_as_button": "optional", "assign_membership_on_login": "required"},
            "connection_name_prefix_template": "{org_name}-sso",
            "enabled_features": ["scim", "universal_logout"],
            "connection_config": {"disable_self_service_change_password": true},
            "strategy_overrides": {
                "okta": {"enabled_features": ["scim"]},
                "samlp": {"connection_config": {"signSAMLRequest": true}},
            },
        }),
    )
}

/// One page of the list, with `next` left out when `None`.
fn page_json(ids: &[&str], next: Option<&str>) -> Value {
    let profiles: Vec<Value> = ids
        .iter()
        .map(|id| profile_json(id, &format!("Profile {id}"), json!({})))
        .collect();
    let mut page = json!({ "connection_profiles": profiles });
    if let Some(next) = next {
        page["next"] = json!(next);
    }
    page
}

/// A template as Auth0 returns it.
fn template_json(id: &str, display_name: &str) -> Value {
    json!({
        "id": id,
        "display_name": display_name,
        "template": {
            "organization": {"show_as_button": "required", "assign_membership_on_login": "none"},
            "connection_name_prefix_template": "{org_id}",
            "enabled_features": ["scim"],
            "strategy_overrides": {"okta": {"enabled_features": ["universal_logout"]}},
        },
        "category": "workforce",
    })
}

/// The members of a JSON object.
fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// The typed value written back as JSON: equal to what the server sent when nothing was lost.
fn as_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Sends `settings` as a PATCH of [`PROFILE_ID`] and asserts the body on the wire is exactly
/// `expected`; the server answers with the profile holding `expected`, which must decode.
async fn assert_patch_body(settings: ConnectionProfileSettings, expected: Value) {
    let server = MockServer::start_async().await;
    let reply = profile_json(PROFILE_ID, "Partner SSO", expected.clone());
    let mock = server.update_connection_profile(|when, then| {
        when.id(PROFILE_ID)
            .sent_by_facade()
            .sending(expected.clone());
        then.json(200, reply.clone());
    });
    let updated = client(&server)
        .connection_profiles()
        .update(PROFILE_ID, &settings)
        .await
        .unwrap_or_else(|e| panic!("update with {expected} failed: {e:?}"));
    mock.assert_async().await;
    assert_eq!(as_json(&updated), reply);
}

// ---------------------------------------------------------------- list

#[tokio::test]
async fn list_follows_checkpoints_across_three_pages_until_next_is_absent_or_empty() {
    for last_next in [None, Some("")] {
        let server = MockServer::start_async().await;
        let first = server.list_connection_profiles(|when, then| {
            when.sent_by_facade();
            then.json(200, page_json(&["cp_1a", "cp_1b"], Some("cp_2")));
        });
        let second = server.list_connection_profiles(|when, then| {
            when.from("cp_2").sent_by_facade_with_queries(1);
            then.json(200, page_json(&["cp_2a"], Some("cp_3")));
        });
        let third = server.list_connection_profiles(|when, then| {
            when.from("cp_3").sent_by_facade_with_queries(1);
            then.json(200, page_json(&["cp_3a", "cp_3b"], last_next));
        });

        let client = client(&server);
        let mut stream = client.connection_profiles().list();
        let head = stream.next().await.unwrap().unwrap();
        assert_eq!(head.id, "cp_1a");
        assert_eq!(head.name, "Profile cp_1a");
        // Lazy: the second page is fetched only once the first is consumed.
        assert_eq!(second.calls_async().await, 0);
        let rest: Vec<ConnectionProfile> = stream.try_collect().await.unwrap();

        let ids: Vec<&str> = rest.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["cp_1b", "cp_2a", "cp_3a", "cp_3b"], "{last_next:?}");
        for mock in [first, second, third] {
            mock.assert_async().await;
        }
    }
}

#[tokio::test]
async fn list_pages_of_sends_take_on_every_page() {
    let server = MockServer::start_async().await;
    let take = NonZeroU64::new(2);
    let first = server.list_connection_profiles(|when, then| {
        when.take(take).sent_by_facade_with_queries(1);
        then.json(200, page_json(&["cp_1", "cp_2"], Some("cp_3")));
    });
    let second = server.list_connection_profiles(|when, then| {
        when.from("cp_3").take(take).sent_by_facade_with_queries(2);
        then.json(200, page_json(&["cp_3"], None));
    });

    let client = client(&server);
    let listed: Vec<ConnectionProfile> = client
        .connection_profiles()
        .list_pages_of(Some(2))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = listed.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["cp_1", "cp_2", "cp_3"]);
    first.assert_async().await;
    second.assert_async().await;
}

#[tokio::test]
async fn list_pages_of_zero_is_invalid_and_sends_nothing() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let client = client(&server);
    let mut stream = client.connection_profiles().list_pages_of(Some(0));
    let input = invalid_input(stream.next().await.expect("one error item"));
    assert_eq!(input.field(), "take");
    assert!(
        stream.next().await.is_none(),
        "the stream ends after the error"
    );
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn list_decodes_every_field_of_the_profiles() {
    let server = MockServer::start_async().await;
    let full = full_profile_json("cp_full", "Full");
    server.list_connection_profiles(|when, then| {
        when.sent_by_facade();
        then.json(200, json!({"connection_profiles": [full.clone()]}));
    });
    let listed: Vec<ConnectionProfile> = client(&server)
        .connection_profiles()
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(as_json(&listed[0]), full);
}

// ---------------------------------------------------------------- create

#[tokio::test]
async fn create_sends_exactly_the_fields_set_and_returns_the_typed_profile() {
    let server = MockServer::start_async().await;
    let sent = json!({
        "name": "Partner SSO",
        "connection_name_prefix_template": "{org_name}-sso",
        "enabled_features": ["scim", "universal_logout"],
        "organization": {"show_as_button": "optional", "assign_membership_on_login": "required"},
        "strategy_overrides": {
            "okta": {"enabled_features": ["universal_logout"]},
            "google-apps": {"connection_config": {"domain_aliases": ["acme.example"]}},
        },
    });
    let reply = merged(sent.clone(), json!({"id": PROFILE_ID}));
    let mock = server.create_connection_profile(|when, then| {
        when.sent_by_facade().sending(sent);
        then.json(201, reply.clone());
    });

    let settings = ConnectionProfileSettings::builder()
        .name("Partner SSO")
        .connection_name_prefix_template("{org_name}-sso")
        .enabled_features([EnabledFeature::Scim, EnabledFeature::UniversalLogout])
        .organization(ShowAsButton::Optional, AssignMembershipOnLogin::Required)
        .strategy_override(
            Strategy::Okta,
            Some(vec![EnabledFeature::UniversalLogout]),
            None,
        )
        .strategy_override(
            Strategy::GoogleApps,
            None,
            Some(object(json!({"domain_aliases": ["acme.example"]}))),
        )
        .build()
        .unwrap();
    let created = client(&server)
        .connection_profiles()
        .create(&settings)
        .await
        .unwrap();
    mock.assert_async().await;

    assert_eq!(created.id, PROFILE_ID);
    assert_eq!(created.name, "Partner SSO");
    assert_eq!(
        created.connection_name_prefix_template.as_deref(),
        Some("{org_name}-sso")
    );
    assert_eq!(
        created.enabled_features.as_ref().map(|f| f.0.clone()),
        Some(vec![EnabledFeature::Scim, EnabledFeature::UniversalLogout])
    );
    let organization = created.organization.as_ref().unwrap();
    assert_eq!(organization.show_as_button, Some(ShowAsButton::Optional));
    assert_eq!(
        organization.assign_membership_on_login,
        Some(AssignMembershipOnLogin::Required)
    );
    let overrides = created.strategy_overrides.as_ref().unwrap();
    assert_eq!(
        overrides
            .okta
            .as_ref()
            .unwrap()
            .enabled_features
            .as_ref()
            .unwrap()
            .0,
        [EnabledFeature::UniversalLogout]
    );
    let google = overrides.google_apps.as_ref().unwrap();
    assert_eq!(
        google.connection_config.as_ref().unwrap()["domain_aliases"],
        json!(["acme.example"])
    );
    assert!(overrides.samlp.is_none() && overrides.extra.is_empty());
    assert_eq!(as_json(&created), reply);
}

#[tokio::test]
async fn create_with_only_a_name_sends_only_the_name() {
    let server = MockServer::start_async().await;
    let mock = server.create_connection_profile(|when, then| {
        when.sent_by_facade()
            .sending(json!({"name": "Only a name"}));
        then.json(201, profile_json("cp_new", "Only a name", json!({})));
    });
    let created = client(&server)
        .connection_profiles()
        .create(&named("Only a name"))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(created.id, "cp_new");
    assert!(created.organization.is_none() && created.strategy_overrides.is_none());
}

#[tokio::test]
async fn create_conflict_is_already_exists_with_the_message_and_error_code() {
    let server = MockServer::start_async().await;
    let body = auth0_error(
        409,
        "Conflict",
        "A connection profile with this name already exists",
        "connection_profile_conflict",
    );
    server.create_connection_profile(|when, then| {
        when.sent_by_facade()
            .sending(json!({"name": "Partner SSO"}));
        then.conflict(&body);
    });
    let err = client(&server)
        .connection_profiles()
        .create(&named("Partner SSO"))
        .await
        .unwrap_err();
    assert!(!err.is_retryable());
    let Error::AlreadyExists(api) = err else {
        panic!("expected AlreadyExists, got {err:?}")
    };
    assert_eq!(api.status.as_u16(), 409);
    assert_eq!(
        api.message.as_deref(),
        Some("A connection profile with this name already exists")
    );
    assert_eq!(api.code.as_deref(), Some("connection_profile_conflict"));
}

#[tokio::test]
async fn create_without_a_name_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let settings = ConnectionProfileSettings::builder()
        .connection_name_prefix_template("{org_id}")
        .enabled_features([EnabledFeature::Scim])
        .build()
        .unwrap();
    for settings in [settings, ConnectionProfileSettings::default()] {
        let result = client(&server)
            .connection_profiles()
            .create(&settings)
            .await;
        assert_eq!(invalid_input(result).field(), "name");
    }
    any.assert_calls_async(0).await;
}

// ---------------------------------------------------------------- get

#[tokio::test]
async fn get_returns_the_typed_profile() {
    let server = MockServer::start_async().await;
    let stored = full_profile_json(PROFILE_ID, "Partner SSO");
    let mock = server.get_connection_profile(|when, then| {
        when.id(PROFILE_ID).sent_by_facade();
        then.json(200, stored.clone());
    });
    let profile = client(&server)
        .connection_profiles()
        .get(PROFILE_ID)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(profile.id, PROFILE_ID);
    assert_eq!(profile.name, "Partner SSO");
    assert_eq!(
        profile.connection_config.as_ref().unwrap()["disable_self_service_change_password"],
        json!(true)
    );
    assert!(profile.extra.is_empty());
    assert_eq!(as_json(&profile), stored);
}

#[tokio::test]
async fn get_keeps_unknown_fields_strategies_and_enum_values() {
    let server = MockServer::start_async().await;
    let stored = profile_json(
        PROFILE_ID,
        "Partner SSO",
        json!({
            "organization": {"show_as_button": "sometimes", "assign_membership_on_login": "always"},
            "enabled_features": ["scim", "passkeys"],
            "strategy_overrides": {
                "okta": {"enabled_features": ["scim"]},
                "future-idp": {"enabled_features": ["scim"], "connection_config": {"tenant": "x"}},
            },
            "provisioning": {"mode": "scim"},
        }),
    );
    server.get_connection_profile(|when, then| {
        when.id(PROFILE_ID).sent_by_facade();
        then.json(200, stored.clone());
    });
    let profile = client(&server)
        .connection_profiles()
        .get(PROFILE_ID)
        .await
        .unwrap();

    let organization = profile.organization.as_ref().unwrap();
    assert_eq!(
        organization.show_as_button,
        Some(ShowAsButton::Unknown("sometimes".into()))
    );
    assert_eq!(
        organization.assign_membership_on_login,
        Some(AssignMembershipOnLogin::Unknown("always".into()))
    );
    assert_eq!(
        profile.enabled_features.as_ref().unwrap().0,
        [
            EnabledFeature::Scim,
            EnabledFeature::Unknown("passkeys".into())
        ]
    );
    let overrides = profile.strategy_overrides.as_ref().unwrap();
    assert!(overrides.okta.is_some());
    assert_eq!(
        overrides.extra["future-idp"],
        json!({"enabled_features": ["scim"], "connection_config": {"tenant": "x"}})
    );
    assert_eq!(profile.extra["provisioning"], json!({"mode": "scim"}));
    // Nothing was lost: the typed profile writes back exactly what was received.
    assert_eq!(as_json(&profile), stored);
}

#[tokio::test]
async fn get_of_an_unknown_id_is_not_found() {
    let server = MockServer::start_async().await;
    let body = auth0_error(
        404,
        "Not Found",
        "The connection profile does not exist",
        "inexistent_connection_profile",
    );
    server.get_connection_profile(|when, then| {
        when.id("cp_missing").sent_by_facade();
        then.not_found(&body);
    });
    let err = client(&server)
        .connection_profiles()
        .get("cp_missing")
        .await
        .unwrap_err();
    let Error::NotFound(api) = err else {
        panic!("expected NotFound, got {err:?}")
    };
    assert_eq!(
        api.message.as_deref(),
        Some("The connection profile does not exist")
    );
    assert_eq!(api.code.as_deref(), Some("inexistent_connection_profile"));
}

// ---------------------------------------------------------------- update

#[tokio::test]
async fn update_sends_only_the_fields_set() {
    let builder = ConnectionProfileSettings::builder;
    let cases: Vec<(ConnectionProfileSettingsBuilder, Value)> = vec![
        (builder().name("New"), json!({"name": "New"})),
        (
            builder().connection_name_prefix_template("acme-{org_id}"),
            json!({"connection_name_prefix_template": "acme-{org_id}"}),
        ),
        (
            builder().organization(ShowAsButton::None, AssignMembershipOnLogin::Optional),
            json!({"organization": {"show_as_button": "none", "assign_membership_on_login": "optional"}}),
        ),
        (
            builder().enabled_features([EnabledFeature::UniversalLogout]),
            json!({"enabled_features": ["universal_logout"]}),
        ),
        (
            builder().connection_config(object(json!({"a": 1, "nested": {"b": [true]}}))),
            json!({"connection_config": {"a": 1, "nested": {"b": [true]}}}),
        ),
        (
            builder().strategy_override(Strategy::Waad, Some(vec![EnabledFeature::Scim]), None),
            json!({"strategy_overrides": {"waad": {"enabled_features": ["scim"]}}}),
        ),
        (
            builder()
                .name("Renamed")
                .strategy_override(Strategy::Oidc, None, Some(Map::new())),
            json!({"name": "Renamed", "strategy_overrides": {"oidc": {"connection_config": {}}}}),
        ),
    ];
    for (settings, expected) in cases {
        assert_patch_body(settings.build().unwrap(), expected).await;
    }
}

#[tokio::test]
async fn update_clear_methods_send_the_empty_values() {
    let builder = ConnectionProfileSettings::builder;
    let cases: Vec<(ConnectionProfileSettingsBuilder, Value)> = vec![
        (
            builder().clear_connection_name_prefix_template(),
            json!({"connection_name_prefix_template": ""}),
        ),
        (
            builder().clear_enabled_features(),
            json!({"enabled_features": []}),
        ),
        (
            builder().clear_connection_config(),
            json!({"connection_config": {}}),
        ),
        (
            builder()
                .clear_connection_name_prefix_template()
                .clear_enabled_features()
                .clear_connection_config(),
            json!({"connection_name_prefix_template": "", "enabled_features": [], "connection_config": {}}),
        ),
        // A clear after a set wins, and a set after a clear wins.
        (
            builder()
                .enabled_features([EnabledFeature::Scim])
                .clear_enabled_features()
                .connection_config(Map::new())
                .connection_config(object(json!({"k": "v"}))),
            json!({"enabled_features": [], "connection_config": {"k": "v"}}),
        ),
    ];
    for (settings, expected) in cases {
        assert_patch_body(settings.build().unwrap(), expected).await;
    }
}

#[tokio::test]
async fn update_with_every_field_sends_the_vendor_example_exactly() {
    let spec = common::spec(SPEC);
    let patch = &spec["paths"]["/connection-profiles/{id}"]["patch"];
    let request = patch["requestBody"]["content"]["application/json"]["examples"]["vendorExample"]
        ["value"]
        .clone();
    let response = patch["responses"]["200"]["content"]["application/json"]["examples"]
        ["vendorExample"]["value"]
        .clone();
    assert!(request.is_object() && response.is_object());

    let every_strategy = [
        Strategy::PingFederate,
        Strategy::ActiveDirectory,
        Strategy::Adfs,
        Strategy::Waad,
        Strategy::GoogleApps,
        Strategy::Okta,
        Strategy::Oidc,
        Strategy::Samlp,
    ];
    let mut settings = ConnectionProfileSettings::builder()
        .name("Partner SSO")
        .organization(ShowAsButton::None, AssignMembershipOnLogin::None)
        .connection_name_prefix_template("{org_name}-sso")
        .enabled_features([EnabledFeature::Scim])
        .connection_config(Map::new());
    for strategy in &every_strategy {
        settings = settings.strategy_override(
            strategy.clone(),
            Some(vec![EnabledFeature::Scim]),
            Some(Map::new()),
        );
    }
    // The strategy keys are the spec's, one for one.
    let spec_keys: Vec<&str> = spec["components"]["schemas"]["StrategyOverrides"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut facade_keys: Vec<&str> = every_strategy.iter().map(|s| s.as_str()).collect();
    let mut sorted_spec_keys = spec_keys.clone();
    facade_keys.sort_unstable();
    sorted_spec_keys.sort_unstable();
    assert_eq!(facade_keys, sorted_spec_keys);

    let server = MockServer::start_async().await;
    let id = response["id"].as_str().unwrap().to_owned();
    let mock = server.update_connection_profile(|when, then| {
        when.id(&id).sent_by_facade().sending(request);
        then.json(200, response.clone());
    });
    let updated = client(&server)
        .connection_profiles()
        .update(&id, &settings.build().unwrap())
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(as_json(&updated), response);
}

#[tokio::test]
async fn update_that_sets_nothing_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let empty = ConnectionProfileSettings::builder().build().unwrap();
    assert!(empty.is_empty());
    let result = client(&server)
        .connection_profiles()
        .update(PROFILE_ID, &empty)
        .await;
    assert_eq!(invalid_input(result).field(), "update");
    any.assert_calls_async(0).await;
}

// ---------------------------------------------------------------- delete

/// An empty 200 is not a documented answer, so the generated helpers cannot write it: plain
/// httpmock.
#[tokio::test]
async fn delete_is_deleted_on_204_and_on_an_empty_200() {
    for status in [204, 200] {
        let server = MockServer::start_async().await;
        let mock = expect(DELETE, profile_path(PROFILE_ID))
            .answer_empty(&server, status)
            .await;
        let outcome = client(&server)
            .connection_profiles()
            .delete(PROFILE_ID)
            .await
            .unwrap();
        mock.assert_async().await;
        assert_eq!(outcome, Deletion::Deleted, "status {status}");
    }
}

#[tokio::test]
async fn delete_of_an_unknown_id_is_not_found() {
    let server = MockServer::start_async().await;
    let body = auth0_error(
        404,
        "Not Found",
        "The connection profile does not exist",
        "inexistent_connection_profile",
    );
    let mock = server.delete_connection_profile(|when, then| {
        when.id("cp_gone").sent_by_facade();
        then.not_found(&body);
    });
    let outcome = client(&server)
        .connection_profiles()
        .delete("cp_gone")
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(outcome, Deletion::NotFound);
}

// ---------------------------------------------------------------- templates

#[tokio::test]
async fn templates_returns_every_template_typed() {
    let server = MockServer::start_async().await;
    let okta = template_json(TEMPLATE_ID, "Okta workforce");
    let entra = template_json("tpl_entra", "Microsoft Entra ID");
    let mock = server.list_connection_profile_templates(|when, then| {
        when.sent_by_facade();
        then.json(
            200,
            json!({"connection_profile_templates": [okta.clone(), entra.clone()]}),
        );
    });
    let templates = client(&server)
        .connection_profiles()
        .templates()
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(templates.len(), 2);
    assert_eq!(templates[0].id.as_deref(), Some(TEMPLATE_ID));
    assert_eq!(
        templates[1].display_name.as_deref(),
        Some("Microsoft Entra ID")
    );
    let settings = templates[0].template.as_ref().unwrap();
    assert_eq!(
        settings.organization.as_ref().unwrap().show_as_button,
        Some(ShowAsButton::Required)
    );
    assert_eq!(templates[0].extra["category"], json!("workforce"));
    assert_eq!(as_json(&templates[0]), okta);
    assert_eq!(as_json(&templates[1]), entra);
}

#[tokio::test]
async fn templates_without_the_list_field_is_an_empty_list() {
    let server = MockServer::start_async().await;
    server.list_connection_profile_templates(|when, then| {
        when.sent_by_facade();
        then.json(200, json!({}));
    });
    let templates = client(&server)
        .connection_profiles()
        .templates()
        .await
        .unwrap();
    assert!(templates.is_empty());
}

#[tokio::test]
async fn template_returns_one_template_typed_and_404_is_not_found() {
    let server = MockServer::start_async().await;
    let okta = template_json(TEMPLATE_ID, "Okta workforce");
    let mock = server.get_connection_profile_template(|when, then| {
        when.id(TEMPLATE_ID).sent_by_facade();
        then.json(200, okta.clone());
    });
    server.get_connection_profile_template(|when, then| {
        when.id("tpl_missing").sent_by_facade();
        then.not_found(&auth0_error(
            404,
            "Not Found",
            "No such template",
            "inexistent_template",
        ));
    });

    let profiles_client = client(&server);
    let profiles = profiles_client.connection_profiles();
    let template = profiles.template(TEMPLATE_ID).await.unwrap();
    mock.assert_async().await;
    assert_eq!(template.display_name.as_deref(), Some("Okta workforce"));
    let settings = template.template.as_ref().unwrap();
    assert_eq!(
        settings.connection_name_prefix_template.as_deref(),
        Some("{org_id}")
    );
    assert_eq!(as_json(&template), okta);

    let err = profiles.template("tpl_missing").await.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound(api) if api.message.as_deref() == Some("No such template")),
        "{err:?}"
    );
}
