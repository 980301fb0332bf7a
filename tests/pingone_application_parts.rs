//! Wire contract of the parts of a PingOne application (`openapi/pingone-platform.yaml`) driven
//! through the facade: its secret (read and rotated, never shown), and the same five
//! operations on each sub-resource (attribute mappings, resource grants, sign-on policy
//! assignments), with the exact body each input is sent as.

mod common;

use chrono::{TimeZone as _, Utc};
use futures::TryStreamExt as _;
use httpmock::MockServer;
use serde_json::{json, Value};
use sso_connections::generated::pingone::types;
use sso_connections::pingone::{
    AttributeMapping, AttributeMappingType, ResourceGrant, SignOnPolicyAssignment,
};
use sso_connections::{Deletion, Uuid};

use common::pingone::*;
use common::{merged, uuid, FacadeRequest as _, JsonAnswer as _};
use pingone_mocks::MockServerExt as _;

common::pingone::pingone_mocks!();

// ---------------------------------------------------------------- secret

const CURRENT_SECRET: &str = "l2tO2tfqRWZ~DLZ1Dfi8rptBNgKzcJHtOPiqjJ0iJwaRXufnU5tzR51acNkzl5Hy";
const PREVIOUS_SECRET: &str = "previous-Secret-Value-0123456789";

#[tokio::test]
async fn secret_get_returns_current_and_previous_without_showing_them() {
    let server = MockServer::start_async().await;
    let reply = json!({
        "_links": {"self": {"href": "https://api.pingone.com/v1/secret"}},
        "environment": {"id": ENV},
        "secret": CURRENT_SECRET,
        "previous": {
            "secret": PREVIOUS_SECRET,
            "expiresAt": "2030-01-02T03:04:05Z",
            "lastUsed": "2024-05-01T10:00:00Z",
        },
    });
    let mock = server.get_application_secret(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade();
        then.json(200, reply);
    });

    let secret = client(&server)
        .environment(uuid(ENV))
        .application(uuid(APP))
        .secret()
        .get()
        .await
        .unwrap();

    mock.assert_async().await;
    assert_eq!(secret.secret.expose_secret(), CURRENT_SECRET);
    let previous = secret.previous.as_ref().unwrap();
    let previous_value = previous.secret.as_ref().unwrap();
    assert_eq!(previous_value.expose_secret(), PREVIOUS_SECRET);
    let expires = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
    assert_eq!(previous.expires_at, Some(expires));
    let last_used = Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap();
    assert_eq!(previous.last_used, Some(last_used));
    let debug = format!("{secret:?}");
    assert!(!debug.contains(CURRENT_SECRET), "{debug}");
    assert!(!debug.contains(PREVIOUS_SECRET), "{debug}");
}

#[tokio::test]
async fn secret_rotate_sends_an_empty_body_or_the_previous_secret_expiry() {
    let server = MockServer::start_async().await;
    let plain = server.rotate_application_secret(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade()
            .sending(json!({}));
        then.json(200, json!({"secret": "rotated-1"}));
    });
    let graceful = server.rotate_application_secret(|when, then| {
        when.environment_id(&uuid(ENV))
            .application_id(&uuid(APP))
            .sent_by_facade()
            .sending(json!({"previous": {"expiresAt": "2030-01-02T03:04:05Z"}}));
        then.json(
            200,
            json!({
                "secret": "rotated-2",
                "previous": {"secret": "rotated-1", "expiresAt": "2030-01-02T03:04:05Z"},
            }),
        );
    });

    let client = client(&server);
    let secret = client
        .environment(uuid(ENV))
        .application(uuid(APP))
        .secret();
    let first = secret.rotate(None).await.unwrap();
    assert_eq!(first.secret.expose_secret(), "rotated-1");
    assert!(first.previous.is_none());
    plain.assert_async().await;

    let until = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
    let second = secret.rotate(Some(until)).await.unwrap();
    graceful.assert_async().await;
    plain.assert_calls_async(1).await;
    assert_eq!(second.secret.expose_secret(), "rotated-2");
    let previous = second.previous.as_ref().unwrap();
    let previous_value = previous.secret.as_ref().unwrap();
    assert_eq!(previous_value.expose_secret(), "rotated-1");
    assert_eq!(previous.expires_at, Some(until));
    assert!(!format!("{second:?}").contains("rotated-"));
}

// ---------------------------------------------------------------- sub-resources

/// The same five operations on each sub-resource of an application: list (two pages), create,
/// get, replace and delete, with the exact body each input must be sent as. `mocks` names the
/// generated mock helpers of its operations and the matcher of its own id; `read` shows the
/// typed fields of an item; `reads` is what it shows for the item stored from each input.
macro_rules! child_resource_contract {
    (
        $module:ident {
            handler: $handler:ident,
            segment: $segment:literal,
            mocks: $create:ident, $get:ident, $update:ident, $delete:ident, id $id:ident,
            item: $item:ty,
            read: $read:expr,
            new: $new:expr => $new_json:expr, reads $new_read:expr,
            changed: $changed:expr => $changed_json:expr, reads $changed_read:expr,
        }
    ) => {
        mod $module {
            use super::*;

            const FIRST: &str = "9ad3f0ad-2d89-492b-8a82-ad9d51a5ed30";
            const SECOND: &str = "ede42c6c-a97a-4c2c-aaeb-9cb38f13bb13";

            /// The path of the sub-resource's list.
            fn collection() -> String {
                app_path(concat!("/", $segment))
            }

            /// The path of one item.
            fn one(id: &str) -> String {
                format!("{}/{id}", collection())
            }

            /// `sent` as the server returns it.
            fn stored(id: &str, sent: Value) -> Value {
                let href = format!("https://api.pingone.com/v1{}", one(id));
                merged(
                    sent,
                    json!({
                        "id": id,
                        "environment": {"id": ENV},
                        "application": {"id": APP},
                        "_links": {"self": {"href": href}},
                    }),
                )
            }

            /// What `read` shows of `item`.
            fn read(item: &$item) -> String {
                let read: fn(&$item) -> String = $read;
                read(item)
            }

            #[tokio::test]
            async fn list_follows_the_next_link() {
                let server = MockServer::start_async().await;
                let first = stored(FIRST, $new_json);
                let second = stored(SECOND, $changed_json);
                let pages = vec![vec![first.clone()], vec![second.clone()]];
                let mocks = mount_pages(&server, BEARER, &collection(), $segment, pages).await;

                let client = client(&server);
                let items: Vec<$item> = client
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .list()
                    .try_collect()
                    .await
                    .unwrap();

                assert_each_called_once(&mocks).await;
                let reads: Vec<String> = items.iter().map(read).collect();
                assert_eq!(reads, [$new_read, $changed_read]);
                let ids: Vec<Option<Uuid>> = items.iter().map(|item| item.id).collect();
                assert_eq!(ids, [Some(uuid(FIRST)), Some(uuid(SECOND))]);
                let as_json: Vec<Value> =
                    items.iter().map(|i| serde_json::to_value(i).unwrap()).collect();
                assert_eq!(as_json, [first, second]);
            }

            #[tokio::test]
            async fn create_sends_exactly_the_input() {
                let server = MockServer::start_async().await;
                let mock = server.$create(|when, then| {
                    when.environment_id(&uuid(ENV))
                        .application_id(&uuid(APP))
                        .sent_by_facade()
                        .sending($new_json);
                    then.json(201, stored(FIRST, $new_json));
                });

                let created = client(&server)
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .create(&$new)
                    .await
                    .unwrap();

                mock.assert_async().await;
                assert_eq!(read(&created), $new_read);
                assert_eq!(created.id, Some(uuid(FIRST)));
            }

            #[tokio::test]
            async fn get_returns_the_typed_item() {
                let server = MockServer::start_async().await;
                let reply = stored(SECOND, $changed_json);
                let mock = server.$get(|when, then| {
                    when.environment_id(&uuid(ENV))
                        .application_id(&uuid(APP))
                        .$id(&uuid(SECOND))
                        .sent_by_facade();
                    then.json(200, reply.clone());
                });

                let item = client(&server)
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .get(uuid(SECOND))
                    .await
                    .unwrap();

                mock.assert_async().await;
                assert_eq!(read(&item), $changed_read);
                assert_eq!(item.application.as_ref().map(|a| a.id), Some(uuid(APP)));
                assert_eq!(serde_json::to_value(&item).unwrap(), reply);
            }

            #[tokio::test]
            async fn replace_sends_exactly_the_input() {
                let server = MockServer::start_async().await;
                let mock = server.$update(|when, then| {
                    when.environment_id(&uuid(ENV))
                        .application_id(&uuid(APP))
                        .$id(&uuid(FIRST))
                        .sent_by_facade()
                        .sending($changed_json);
                    then.json(200, stored(FIRST, $changed_json));
                });

                let replaced = client(&server)
                    .environment(uuid(ENV))
                    .application(uuid(APP))
                    .$handler()
                    .replace(uuid(FIRST), &$changed)
                    .await
                    .unwrap();

                mock.assert_async().await;
                assert_eq!(read(&replaced), $changed_read);
            }

            #[tokio::test]
            async fn delete_maps_204_to_deleted_and_404_to_not_found() {
                let server = MockServer::start_async().await;
                let deleted = server.$delete(|when, then| {
                    when.environment_id(&uuid(ENV))
                        .application_id(&uuid(APP))
                        .$id(&uuid(FIRST))
                        .sent_by_facade();
                    then.no_content();
                });
                let missing = server.$delete(|when, then| {
                    when.environment_id(&uuid(ENV))
                        .application_id(&uuid(APP))
                        .$id(&uuid(SECOND))
                        .sent_by_facade();
                    then.not_found(&pingone_error("NOT_FOUND", "No such item"));
                });

                let client = client(&server);
                let handler = client.environment(uuid(ENV)).application(uuid(APP)).$handler();
                let outcomes = [
                    handler.delete(uuid(FIRST)).await.unwrap(),
                    handler.delete(uuid(SECOND)).await.unwrap(),
                ];
                assert_eq!(outcomes, [Deletion::Deleted, Deletion::NotFound]);
                deleted.assert_async().await;
                missing.assert_async().await;
            }
        }
    };
}

const RESOURCE: &str = "b8a5a4a0-6c3a-4d1e-9f0e-1d2c3b4a5f60";
const SCOPE_READ: &str = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const SCOPE_WRITE: &str = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
const POLICY: &str = "54f11a8b-0e09-4f76-8cdc-2efa2c9c499e";
const OTHER_POLICY: &str = "6c0f5c61-2f1a-4b7e-9d3c-8e2b1a0f9d8c";

child_resource_contract! {
    attribute_mappings {
        handler: attributes,
        segment: "attributes",
        mocks: create_application_attribute_mapping, get_application_attribute_mapping,
            update_application_attribute_mapping, delete_application_attribute_mapping,
            id attribute_mapping_id,
        item: types::ApplicationAttributeMapping,
        read: |m| format!("{}={} {:?} {:?}", m.name, m.value, m.required, m.mapping_type),
        new: AttributeMapping::new("email", "${user.email}").unwrap().required(true)
            => json!({"name": "email", "value": "${user.email}", "required": true}),
            reads "email=${user.email} Some(true) None",
        changed: AttributeMapping::new("saml_subject", "${user.username}")
                .unwrap()
                .mapping_type(AttributeMappingType::Custom)
            => json!({
                "name": "saml_subject",
                "value": "${user.username}",
                "required": false,
                "mappingType": "CUSTOM",
            }),
            reads "saml_subject=${user.username} Some(false) Some(Custom)",
    }
}

child_resource_contract! {
    resource_grants {
        handler: grants,
        segment: "grants",
        mocks: create_application_grant, get_application_grant, update_application_grant,
            delete_application_grant, id grant_id,
        item: types::ApplicationResourceGrant,
        read: |g| {
            let scopes: Vec<String> = g.scopes.iter().map(|s| s.id.to_string()).collect();
            format!("{} [{}]", g.resource.id, scopes.join(" "))
        },
        new: ResourceGrant::new(uuid(RESOURCE), [uuid(SCOPE_READ), uuid(SCOPE_WRITE)]).unwrap()
            => json!({
                "resource": {"id": RESOURCE},
                "scopes": [{"id": SCOPE_READ}, {"id": SCOPE_WRITE}],
            }),
            reads format!("{RESOURCE} [{SCOPE_READ} {SCOPE_WRITE}]"),
        changed: ResourceGrant::new(uuid(RESOURCE), [uuid(SCOPE_READ)]).unwrap()
            => json!({"resource": {"id": RESOURCE}, "scopes": [{"id": SCOPE_READ}]}),
            reads format!("{RESOURCE} [{SCOPE_READ}]"),
    }
}

child_resource_contract! {
    sign_on_policy_assignments {
        handler: sign_on_policy_assignments,
        segment: "signOnPolicyAssignments",
        mocks: create_application_sign_on_policy_assignment,
            get_application_sign_on_policy_assignment,
            update_application_sign_on_policy_assignment,
            delete_application_sign_on_policy_assignment,
            id assignment_id,
        item: types::SignOnPolicyAssignment,
        read: |a| format!("{} priority {}", a.sign_on_policy.id, a.priority),
        new: SignOnPolicyAssignment::new(uuid(POLICY), 1).unwrap()
            => json!({"signOnPolicy": {"id": POLICY}, "priority": 1}),
            reads format!("{POLICY} priority 1"),
        changed: SignOnPolicyAssignment::new(uuid(OTHER_POLICY), 2).unwrap()
            => json!({"signOnPolicy": {"id": OTHER_POLICY}, "priority": 2}),
            reads format!("{OTHER_POLICY} priority 2"),
    }
}
