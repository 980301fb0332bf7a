//! Desired state for Auth0 connection profiles against the simulator: plan, apply,
//! convergence across two tenants, drift, injected faults, stale plans, pruning, `absent`, and
//! the plan's JSON form.

mod common;

use common::desired::{created, fields, Harness};

use std::time::Duration;

use futures::TryStreamExt as _;
use serde_json::{json, Value};
use sso_connections::auth0::{
    AssignMembershipOnLogin, Auth0Client, ConnectionProfileSettings, EnabledFeature, ShowAsButton,
};
use sso_connections::desired::{
    self, Action, ApplyOptions, Auth0Operation, Change, ChangeResult, Clients, DesiredError,
    Document, Operation, Outcome, Plan, ResourceId,
};
use sso_connections::RetryPolicy;
use sso_connections_simulator::{Fault, Simulator};

/// A client-credentials client of the simulator that never retries, so one injected fault is
/// one failure.
fn client(simulator: &Simulator) -> Auth0Client {
    Auth0Client::client_credentials(
        "unused.auth0.example",
        simulator.auth0_client_id(),
        simulator.auth0_client_secret().to_owned(),
    )
    .base_url(simulator.auth0_base_url())
    .token_url(format!("{}/oauth/token", simulator.url()))
    .timeout(Duration::from_secs(5))
    .retry_policy(RetryPolicy::disabled())
    .build()
    .unwrap()
}

/// One tenant, "eu", served by its own simulator.
struct Tenant {
    simulator: Simulator,
    auth0: Auth0Client,
}

impl Tenant {
    async fn new() -> Self {
        let simulator = Simulator::start().await.unwrap();
        let auth0 = client(&simulator);
        Self { simulator, auth0 }
    }

    /// Every live profile, as JSON.
    async fn live(&self) -> Vec<Value> {
        live(&self.auth0).await
    }

    /// The names of the live profiles, sorted.
    async fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .live()
            .await
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    }

    /// The live profile named `name` (exactly one).
    async fn profile(&self, name: &str) -> Value {
        let matching: Vec<Value> = self
            .live()
            .await
            .into_iter()
            .filter(|p| p["name"] == json!(name))
            .collect();
        assert_eq!(matching.len(), 1, "one profile named {name}");
        matching.into_iter().next().unwrap()
    }

    async fn id_of(&self, name: &str) -> String {
        self.profile(name).await["id"].as_str().unwrap().to_owned()
    }

    /// Changes the live profile `name` behind the document's back.
    async fn update(&self, name: &str, settings: ConnectionProfileSettings) {
        let id = self.id_of(name).await;
        self.auth0
            .connection_profiles()
            .update(&id, &settings)
            .await
            .unwrap();
    }
}

async fn live(auth0: &Auth0Client) -> Vec<Value> {
    let list: Vec<sso_connections::auth0::ConnectionProfile> = auth0
        .connection_profiles()
        .list()
        .try_collect()
        .await
        .unwrap();
    list.iter()
        .map(|p| serde_json::to_value(p).unwrap())
        .collect()
}

const WORKFORCE: &str = r#"
[auth0.eu.profiles."Workforce"]
connection_name_prefix_template = "wf-{org_id}"
enabled_features = ["scim"]
organization = { show_as_button = "required", assign_membership_on_login = "optional" }
connection_config = { mapping_mode = "basic_profile" }
"#;

const PARTNERS: &str = r#"
[auth0.eu.profiles."Partners"]
enabled_features = ["scim", "universal_logout"]
"#;

/// Workforce (every setting) and Partners (features only), in tenant "eu".
fn two_profiles() -> Document {
    Document::from_toml_str(&(WORKFORCE.to_owned() + PARTNERS)).unwrap()
}

fn resource(tenant: &str, name: &str) -> ResourceId {
    ResourceId::Auth0Profile {
        tenant: tenant.into(),
        name: name.into(),
    }
}

/// `(tenant, profile, action)` of every change, in plan order.
fn actions(plan: &Plan) -> Vec<(String, String, Action)> {
    plan.changes()
        .map(|(resource, change)| {
            let ResourceId::Auth0Profile { tenant, name } = resource else {
                panic!("not an Auth0 resource: {resource}")
            };
            (tenant.clone(), name.clone(), change.action)
        })
        .collect()
}

fn action(tenant: &str, name: &str, action: Action) -> (String, String, Action) {
    (tenant.into(), name.into(), action)
}

/// The one change of `tenant`'s profile `name`.
#[track_caller]
fn change_of<'p>(plan: &'p Plan, tenant: &str, name: &str) -> &'p Change {
    common::desired::only_change(plan, &resource(tenant, name))
}

fn features(names: &[&str]) -> ConnectionProfileSettings {
    ConnectionProfileSettings::builder()
        .enabled_features(names.iter().map(|f| EnabledFeature::from(*f)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn plan_then_apply_converges_in_each_tenant_and_a_second_plan_is_empty() {
    let eu = Tenant::new().await;
    let us = Tenant::new().await;
    let text = WORKFORCE.to_owned()
        + PARTNERS
        + "\n[auth0.us.profiles.\"Workforce\"]\nconnection_name_prefix_template = \"us-{org_name}\"\n";
    let document = Document::from_toml_str(&text).unwrap();
    let clients = Clients::new().auth0("eu", &eu.auth0).auth0("us", &us.auth0);

    let first = desired::plan(&document, &clients, &common::desired::options())
        .await
        .unwrap();
    assert_eq!(
        actions(&first),
        [
            action("eu", "Partners", Action::Create),
            action("eu", "Workforce", Action::Create),
            action("us", "Workforce", Action::Create),
        ]
    );
    assert_eq!(
        fields(change_of(&first, "eu", "Partners")),
        [
            created("enabled_features", json!(["scim", "universal_logout"])),
            created("name", json!("Partners")),
        ]
    );
    assert_eq!(
        fields(change_of(&first, "eu", "Workforce")),
        [
            created(
                "connection_config",
                json!({ "mapping_mode": "basic_profile" })
            ),
            created("connection_name_prefix_template", json!("wf-{org_id}")),
            created("enabled_features", json!(["scim"])),
            created("name", json!("Workforce")),
            created(
                "organization",
                json!({ "show_as_button": "required", "assign_membership_on_login": "optional" })
            ),
        ]
    );
    assert_eq!(
        fields(change_of(&first, "us", "Workforce")),
        [
            created("connection_name_prefix_template", json!("us-{org_name}")),
            created("name", json!("Workforce")),
        ]
    );
    assert_eq!(first.summary().create, 3);
    let text = first.to_string();
    assert!(
        text.contains(
            "auth0 eu profile \"Partners\"\n  + create\n      enabled_features: [\"scim\",\"universal_logout\"]\n      name: \"Partners\"\n\n"
        ),
        "{text}"
    );
    assert!(text.ends_with(
        "Plan: 3 to create, 0 to update, 0 to enable or disable, 0 to delete; 0 resources unchanged.\n"
    ));

    let report = desired::apply(&first, &clients, &ApplyOptions::new())
        .await
        .unwrap();
    assert_eq!(report.changes.len(), 3);
    for change in &report.changes {
        assert!(
            matches!(change.result, ChangeResult::Applied(Outcome::Done)),
            "{report}"
        );
    }
    assert_eq!(eu.names().await, ["Partners", "Workforce"]);
    let us_live = us.live().await;
    assert_eq!(
        us_live.len(),
        1,
        "each tenant's profiles go to its own client"
    );
    assert_eq!(
        us_live[0]["connection_name_prefix_template"],
        json!("us-{org_name}")
    );
    let workforce = eu.profile("Workforce").await;
    assert_eq!(
        workforce["organization"],
        json!({ "show_as_button": "required", "assign_membership_on_login": "optional" })
    );
    assert_eq!(
        workforce["connection_config"],
        json!({ "mapping_mode": "basic_profile" })
    );

    let second = desired::plan(&document, &clients, &common::desired::options())
        .await
        .unwrap();
    assert!(second.is_empty() && second.resources.is_empty(), "{second}");
    assert_eq!(second.unchanged, 3);
    assert_eq!(
        second.to_string(),
        "No changes. 3 resources match the document.\n"
    );
}

#[tokio::test]
async fn drift_behind_the_documents_back_is_exactly_what_the_plan_shows() {
    let eu = Tenant::new().await;
    let document = two_profiles();
    eu.converge(&document).await;
    eu.update("Partners", features(&["scim"])).await;
    eu.update(
        "Workforce",
        ConnectionProfileSettings::builder()
            .organization(
                ShowAsButton::from("optional"),
                AssignMembershipOnLogin::from("optional"),
            )
            .build()
            .unwrap(),
    )
    .await;
    // Partners does not declare a prefix template: not compared, and never touched.
    eu.update(
        "Partners",
        ConnectionProfileSettings::builder()
            .connection_name_prefix_template("p-{org_id}")
            .build()
            .unwrap(),
    )
    .await;

    let drift = eu.plan(&document).await;
    assert_eq!(
        actions(&drift),
        [
            action("eu", "Partners", Action::Update),
            action("eu", "Workforce", Action::Update),
        ]
    );
    assert_eq!(
        fields(change_of(&drift, "eu", "Partners")),
        [(
            "enabled_features",
            json!(["scim"]),
            json!(["scim", "universal_logout"])
        )]
    );
    assert_eq!(
        fields(change_of(&drift, "eu", "Workforce")),
        [(
            "organization",
            json!({ "show_as_button": "optional", "assign_membership_on_login": "optional" }),
            json!({ "show_as_button": "required", "assign_membership_on_login": "optional" })
        )]
    );
    assert_eq!(
        change_of(&drift, "eu", "Partners").operation,
        Operation::Auth0(Auth0Operation::Update {
            tenant: "eu".into(),
            id: eu.id_of("Partners").await,
            body: json!({ "enabled_features": ["scim", "universal_logout"] }),
        }),
        "the PATCH sends only the field that differs"
    );
    let text = drift.to_string();
    assert!(
        text.contains(
            "auth0 eu profile \"Partners\"\n  ~ update\n      enabled_features: [\"scim\"] -> [\"scim\",\"universal_logout\"]\n"
        ),
        "{text}"
    );
    assert!(text.ends_with(
        "Plan: 0 to create, 2 to update, 0 to enable or disable, 0 to delete; 0 resources unchanged.\n"
    ));

    let report = eu.apply(&drift).await;
    assert!(report.all_succeeded(), "{report}");
    assert!(eu.plan(&document).await.is_empty());
    let partners = eu.profile("Partners").await;
    assert_eq!(
        partners["enabled_features"],
        json!(["scim", "universal_logout"])
    );
    assert_eq!(
        partners["connection_name_prefix_template"],
        json!("p-{org_id}"),
        "a setting the document leaves out is kept"
    );
}

#[tokio::test]
async fn a_fault_part_way_leaves_exactly_the_remaining_changes_for_the_next_plan() {
    let eu = Tenant::new().await;
    eu.converge(&two_profiles()).await;
    let changed = Document::from_toml_str(
        &(WORKFORCE.replace("wf-{org_id}", "staff-{org_id}")
            + &PARTNERS.replace(r#"["scim", "universal_logout"]"#, r#"["universal_logout"]"#)
            + "\n[auth0.eu.profiles.\"Contractors\"]\nenabled_features = []\n"),
    )
    .unwrap();
    let planned = eu.plan(&changed).await;
    assert_eq!(
        actions(&planned),
        [
            action("eu", "Contractors", Action::Create),
            action("eu", "Partners", Action::Update),
            action("eu", "Workforce", Action::Update),
        ]
    );
    let workforce = eu.id_of("Workforce").await;
    eu.simulator.inject(
        Fault::status(400).matching(format!("PATCH /api/v2/connection-profiles/{workforce}")),
    );

    let report = eu.apply(&planned).await;
    let results: Vec<(ResourceId, Action, bool)> = report
        .changes
        .iter()
        .map(|c| (c.resource.clone(), c.action, c.result.succeeded()))
        .collect();
    assert_eq!(
        results,
        [
            (resource("eu", "Contractors"), Action::Create, true),
            (resource("eu", "Partners"), Action::Update, true),
            (resource("eu", "Workforce"), Action::Update, false),
        ]
    );
    let ChangeResult::Failed(error) = &report.changes[2].result else {
        panic!("Workforce's update failed")
    };
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(report
        .to_string()
        .contains("Apply: 3 change(s), 1 failed, 0 skipped."));
    assert_eq!(
        eu.profile("Workforce").await["connection_name_prefix_template"],
        json!("wf-{org_id}")
    );

    let remaining = eu.plan(&changed).await;
    assert_eq!(
        actions(&remaining),
        [action("eu", "Workforce", Action::Update)]
    );
    assert_eq!(
        fields(change_of(&remaining, "eu", "Workforce")),
        [(
            "connection_name_prefix_template",
            json!("wf-{org_id}"),
            json!("staff-{org_id}")
        )]
    );
    assert_eq!(remaining.unchanged, 2);
    assert!(eu.apply(&remaining).await.all_succeeded());
    assert!(eu.plan(&changed).await.is_empty());
    assert_eq!(eu.live().await.len(), 3);
}

#[tokio::test]
async fn a_stale_plan_is_refused_and_nothing_is_applied() {
    let eu = Tenant::new().await;
    let document = two_profiles();
    eu.converge(&document).await;
    eu.update("Partners", features(&["scim"])).await;
    eu.update("Workforce", features(&[])).await;
    let planned = eu.plan(&document).await;
    assert_eq!(planned.change_count(), 2);

    eu.update("Partners", features(&["universal_logout"])).await;
    let before = eu.live().await;
    let refused = desired::apply(&planned, &eu.clients(), &ApplyOptions::new()).await;
    let Err(DesiredError::StalePlan { resources }) = refused else {
        panic!("expected a stale plan, got {refused:?}");
    };
    assert_eq!(resources, [resource("eu", "Partners")]);
    assert_eq!(eu.live().await, before, "nothing was written");
    assert_eq!(
        eu.profile("Workforce").await["enabled_features"],
        json!([]),
        "Workforce's update was not applied either"
    );

    let again = eu.plan(&document).await;
    assert_eq!(
        fields(change_of(&again, "eu", "Partners")),
        [(
            "enabled_features",
            json!(["universal_logout"]),
            json!(["scim", "universal_logout"])
        )]
    );
    assert!(eu.apply(&again).await.all_succeeded());
    assert!(eu.plan(&document).await.is_empty());
}

#[tokio::test]
async fn pruning_deletes_undeclared_profiles_only_with_the_flag() {
    let eu = Tenant::new().await;
    let document = two_profiles();
    eu.converge(&document).await;
    let stray = eu
        .auth0
        .connection_profiles()
        .create(
            &ConnectionProfileSettings::builder()
                .name("Stray")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();

    let kept = eu.plan(&document).await;
    assert!(kept.is_empty() && kept.resources.is_empty(), "{kept}");

    let pruning = desired::plan(
        &document,
        &eu.clients(),
        &common::desired::options().prune(true),
    )
    .await
    .unwrap();
    assert!(pruning.prune);
    assert_eq!(actions(&pruning), [action("eu", "Stray", Action::Delete)]);
    assert_eq!(pruning.resources[0].notes, ["not in the document (pruned)"]);
    assert_eq!(
        pruning.resources[0].changes[0].operation,
        Operation::Auth0(Auth0Operation::Delete {
            tenant: "eu".into(),
            id: stray.id.to_string(),
        })
    );
    assert_eq!(pruning.unchanged, 2);
    assert!(pruning
        .to_string()
        .contains("auth0 eu profile \"Stray\"\n  - delete\n  ! not in the document (pruned)\n"));
    let report = eu.apply(&pruning).await;
    assert!(matches!(
        report.changes[..],
        [desired::AppliedChange {
            action: Action::Delete,
            result: ChangeResult::Applied(Outcome::Done),
            ..
        }]
    ));
    assert_eq!(eu.names().await, ["Partners", "Workforce"]);
    let after = desired::plan(
        &document,
        &eu.clients(),
        &common::desired::options().prune(true),
    )
    .await
    .unwrap();
    assert!(after.is_empty() && after.resources.is_empty(), "{after}");
}

#[tokio::test]
async fn an_absent_profile_is_deleted_and_then_stays_quiet() {
    let eu = Tenant::new().await;
    eu.converge(&two_profiles()).await;
    let partners = eu.id_of("Partners").await;
    let gone = Document::from_toml_str(
        &(WORKFORCE.to_owned() + "\n[auth0.eu.profiles.\"Partners\"]\nensure = \"absent\"\n"),
    )
    .unwrap();
    let planned = eu.plan(&gone).await;
    assert_eq!(
        actions(&planned),
        [action("eu", "Partners", Action::Delete)]
    );
    assert_eq!(
        change_of(&planned, "eu", "Partners").operation,
        Operation::Auth0(Auth0Operation::Delete {
            tenant: "eu".into(),
            id: partners,
        })
    );
    assert_eq!(planned.unchanged, 1);
    assert!(eu.apply(&planned).await.all_succeeded());
    assert_eq!(eu.names().await, ["Workforce"]);
    let after = eu.plan(&gone).await;
    assert!(after.is_empty() && after.resources.is_empty(), "{after}");
}

#[tokio::test]
async fn a_plan_survives_json_and_the_deserialised_plan_applies() {
    let eu = Tenant::new().await;
    let document = two_profiles();
    let planned = eu.plan(&document).await;
    let text = serde_json::to_string_pretty(&planned).unwrap();
    assert!(!text.contains(eu.simulator.auth0_client_secret()));
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], json!(1));
    assert_eq!(
        value["resources"][0]["resource"],
        json!({"kind": "auth0_profile", "tenant": "eu", "name": "Partners"})
    );
    assert_eq!(value["resources"][0]["observed"], json!("absent"));
    let operation = &value["resources"][0]["changes"][0]["operation"];
    assert_eq!(
        *operation,
        json!({
            "api": "auth0",
            "request": "create",
            "tenant": "eu",
            "body": { "name": "Partners", "enabled_features": ["scim", "universal_logout"] },
        })
    );

    let read: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(read, planned);
    let report = eu.apply(&read).await;
    assert!(report.all_succeeded(), "{report}");
    assert_eq!(report.changes.len(), 2);
    assert!(eu.plan(&document).await.is_empty());
}

#[tokio::test]
async fn a_tenant_without_a_client_is_refused_before_any_request() {
    let eu = Tenant::new().await;
    let document = Document::from_toml_str(
        &(WORKFORCE.to_owned() + "\n[auth0.us.profiles.\"Workforce\"]\nenabled_features = []\n"),
    )
    .unwrap();
    let err = desired::plan(&document, &eu.clients(), &common::desired::options())
        .await
        .unwrap_err();
    let DesiredError::MissingClient { what } = &err else {
        panic!("expected a missing client, got {err:?}")
    };
    assert_eq!(what, "Auth0 tenant \"us\"");
    assert_eq!(eu.simulator.auth0_tokens_issued(), 0, "no request was made");
}

#[tokio::test]
async fn an_organization_setting_left_out_is_neither_compared_nor_changed() {
    let eu = Tenant::new().await;
    let document = Document::from_toml_str(
        "[auth0.eu.profiles.\"Buttons\"]\norganization = { show_as_button = \"required\" }\n",
    )
    .unwrap();
    let planned = eu.plan(&document).await;
    assert_eq!(
        fields(change_of(&planned, "eu", "Buttons")),
        [
            created("name", json!("Buttons")),
            created("organization", json!({ "show_as_button": "required" })),
        ]
    );
    eu.converge(&document).await;
    assert_eq!(
        eu.profile("Buttons").await["organization"],
        json!({ "show_as_button": "required" })
    );

    let organization = |show: &str, assign: &str| {
        ConnectionProfileSettings::builder()
            .organization(
                ShowAsButton::from(show),
                AssignMembershipOnLogin::from(assign),
            )
            .build()
            .unwrap()
    };
    eu.update("Buttons", organization("required", "optional"))
        .await;
    let quiet = eu.plan(&document).await;
    assert!(
        quiet.is_empty(),
        "assign_membership_on_login is not declared: {quiet}"
    );

    eu.update("Buttons", organization("none", "optional")).await;
    let drift = eu.plan(&document).await;
    assert_eq!(
        fields(change_of(&drift, "eu", "Buttons")),
        [(
            "organization",
            json!({ "show_as_button": "none", "assign_membership_on_login": "optional" }),
            json!({ "show_as_button": "required", "assign_membership_on_login": "optional" })
        )]
    );
    assert!(eu.apply(&drift).await.all_succeeded());
    assert_eq!(
        eu.profile("Buttons").await["organization"],
        json!({ "show_as_button": "required", "assign_membership_on_login": "optional" }),
        "the undeclared setting keeps its live value"
    );
    assert!(eu.plan(&document).await.is_empty());
}

impl Harness for Tenant {
    fn clients(&self) -> Clients<'_> {
        Clients::new().auth0("eu", &self.auth0)
    }
}
