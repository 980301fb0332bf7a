//! Desired state for SaaS `idpId`s against the simulator: plan, apply, convergence, drift,
//! injected faults, stale plans, pruning, `absent`, metadata files and the plan's two forms.

mod common;

use std::time::Duration;

use common::kit::{Idp, TestCert};
use serde_json::json;
use sso_connections::desired::{
    self, Action, ApplyOptions, ChangeResult, Clients, DesiredError, Document, Outcome, Plan,
    ResourceId,
};
use sso_connections::saas::{
    ApplicationConnection, ConnectionScope, ConnectionStatus, ConnectionUpdate, IdpId, SaasClient,
    SharedSettings,
};
use sso_connections::Uuid;
use sso_connections_simulator::catalogue::{ANALYTICS, CRM};
use sso_connections_simulator::{Fault, Simulator};

fn client(simulator: &Simulator) -> SaasClient {
    SaasClient::builder(simulator.client_id(), simulator.client_secret())
        .base_url(simulator.saas_base_url())
        .timeout(Duration::from_secs(5))
        .retry_policy(sso_connections::RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn cert() -> TestCert {
    TestCert::new("acme-idp", 2025, 2035)
}

/// One `[saas.connections."<idp>"]` table with the given application lines.
fn customer(idp: &str, certificate: &TestCert, applications: &str) -> String {
    format!(
        r#"
[saas.connections."{idp}"]
email = "it@{idp}"
entity_id = "https://{idp}/idp"
sso_endpoint = "https://{idp}/sso"
signing_certificate = "{cert}"
applications = [{applications}]
"#,
        cert = certificate.base64()
    )
}

fn header() -> String {
    format!("[saas.applications]\ncrm = \"{CRM}\"\nanalytics = \"{ANALYTICS}\"\n")
}

/// Three customers: acme (CRM, and ANALYTICS disabled), beta (CRM), gamma (CRM, one per
/// application).
fn three_customers(certificate: &TestCert) -> Document {
    let text = header()
        + &customer(
            "acme.example",
            certificate,
            r#"{ application = "crm" }, { application = "analytics", enabled = false }"#,
        )
        + &customer("beta.example", certificate, r#"{ application = "crm" }"#)
        + &customer(
            "gamma.example",
            certificate,
            r#"{ application = "crm", multiplexed = false }"#,
        );
    Document::from_toml_str(&text).unwrap()
}

use common::desired::options;

async fn plan(document: &Document, saas: &SaasClient) -> Plan {
    common::desired::plan(document, &Clients::new().saas(saas)).await
}

async fn apply(plan: &Plan, saas: &SaasClient) -> desired::ApplyReport {
    common::desired::apply(plan, &Clients::new().saas(saas)).await
}

/// `(idpId, action, target)` of every change, in plan order.
fn actions(plan: &Plan) -> Vec<(String, Action, Option<String>)> {
    plan.changes()
        .map(|(resource, change)| {
            let ResourceId::SaasIdp { idp_id } = resource else {
                panic!("not a SaaS resource: {resource}")
            };
            (idp_id.clone(), change.action, change.target.clone())
        })
        .collect()
}

/// How a plan names an application of the test documents.
fn label(id: Uuid) -> String {
    let name = if id == CRM { "crm" } else { "analytics" };
    format!("{name} ({id})")
}

fn app(id: Uuid) -> Option<String> {
    Some(format!("application {}", label(id)))
}

fn apps(ids: &[Uuid]) -> Option<String> {
    let ids: Vec<String> = ids.iter().map(|id| label(*id)).collect();
    Some(format!("application(s) {}", ids.join(", ")))
}

async fn connection(saas: &SaasClient, idp: &str, application: Uuid) -> ApplicationConnection {
    saas.connections()
        .get_for_application(&IdpId::new(idp).unwrap(), application)
        .await
        .unwrap()
}

#[tokio::test]
async fn plan_then_apply_converges_and_a_second_plan_is_empty() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let document = three_customers(&cert());

    let requests = simulator.api_requests();
    let first = plan(&document, &saas).await;
    assert_eq!(
        simulator.api_requests() - requests,
        3,
        "one read per idpId that does not exist yet"
    );
    assert_eq!(
        actions(&first),
        [
            (
                "acme.example".into(),
                Action::Create,
                apps(&[CRM, ANALYTICS])
            ),
            ("acme.example".into(), Action::Disable, app(ANALYTICS)),
            ("beta.example".into(), Action::Create, apps(&[CRM])),
            ("gamma.example".into(), Action::Create, apps(&[CRM])),
        ]
    );
    let summary = first.summary();
    assert_eq!((summary.create, summary.switch, summary.delete), (3, 1, 0));
    assert_eq!(first.unchanged, 0);

    let requests = simulator.api_requests();
    let report = apply(&first, &saas).await;
    assert!(report.all_succeeded(), "{report}");
    assert_eq!(report.changes.len(), 4);
    assert_eq!(
        simulator.api_requests() - requests,
        3 + 4,
        "a stale-plan read per idpId, then one request per change"
    );
    assert_eq!(simulator.saas_connection_count(), 4);
    let ApplicationConnection::Found(analytics) =
        connection(&saas, "acme.example", ANALYTICS).await
    else {
        panic!("ANALYTICS is connected to acme")
    };
    assert_eq!(analytics.status, Some(ConnectionStatus::Disabled));
    let ApplicationConnection::Unconfirmed(gamma) = connection(&saas, "gamma.example", CRM).await
    else {
        panic!("gamma has one connection")
    };
    assert_eq!(gamma.multiplexed, Some(false));

    let requests = simulator.api_requests();
    let second = plan(&document, &saas).await;
    assert_eq!(
        simulator.api_requests() - requests,
        (1 + 2) + 1 + 1,
        "acme: a read and one scoped read per application; beta and gamma: one read each"
    );
    assert!(second.is_empty(), "{second}");
    assert_eq!(second.unchanged, 3);
    assert_eq!(second.assumed, 2, "beta and gamma have one connection each");
    assert_eq!(
        second.to_string(),
        "No changes. 3 resources match the document (2 SaaS idpId(s) with one connection, \
         assumed to be the declared application's).\n"
    );
}

#[tokio::test]
async fn drift_behind_the_documents_back_is_exactly_what_the_plan_shows() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let document = three_customers(&cert());
    apply(&plan(&document, &saas).await, &saas).await;

    let acme = IdpId::new("acme.example").unwrap();
    let moved = SharedSettings::builder()
        .sso_endpoint("https://moved.example/sso")
        .build()
        .unwrap();
    saas.connections()
        .update(&acme, &ConnectionUpdate::settings(moved))
        .await
        .unwrap();
    let beta = IdpId::new("beta.example").unwrap();
    saas.connections()
        .disable(&beta, ConnectionScope::Application(CRM))
        .await
        .unwrap();

    let drift = plan(&document, &saas).await;
    assert_eq!(
        actions(&drift),
        [
            ("acme.example".into(), Action::Update, None),
            ("beta.example".into(), Action::Enable, app(CRM)),
        ]
    );
    let (_, update) = drift.changes().next().unwrap();
    assert_eq!(update.fields.len(), 1);
    assert_eq!(update.fields[0].field, "sso_endpoint");
    assert_eq!(update.fields[0].before, json!("https://moved.example/sso"));
    assert_eq!(update.fields[0].after, json!("https://acme.example/sso"));
    let beta_plan = &drift.resources[1];
    assert!(
        beta_plan.notes[0].contains("assumed to be application"),
        "a change to an assumed connection says so: {:?}",
        beta_plan.notes
    );
    let text = drift.to_string();
    assert!(text.contains(
        "  ~ update\n      sso_endpoint: \"https://moved.example/sso\" -> \"https://acme.example/sso\"\n"
    ), "{text}");
    assert!(text.contains(&format!(
        "  ~ enable application crm ({CRM})\n      status: \"Disabled\" -> \"Active\"\n"
    )));
    assert!(text.ends_with(
        "Plan: 0 to create, 1 to update, 1 to enable or disable, 0 to delete; 1 resources unchanged (1 SaaS idpId(s) with one connection, assumed to be the declared application's).\n"
    ), "{text}");

    assert!(apply(&drift, &saas).await.all_succeeded());
    assert!(plan(&document, &saas).await.is_empty());
}

#[tokio::test]
async fn a_fault_part_way_leaves_exactly_the_remaining_changes_for_the_next_plan() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let document = three_customers(&cert());
    let first = plan(&document, &saas).await;
    simulator.inject(Fault::status(400).matching("spManaged/disable/acme.example"));
    simulator
        .inject(Fault::status(500).matching("PUT /web-portal/rest/saas/idp/2.0/spManaged/beta"));

    let report = apply(&first, &saas).await;
    let results: Vec<(&ResourceId, Action, bool)> = report
        .changes
        .iter()
        .map(|c| (&c.resource, c.action, c.result.succeeded()))
        .collect();
    assert_eq!(results.len(), 4);
    assert!(matches!(
        report.changes[0].result,
        ChangeResult::Applied(Outcome::Done)
    ));
    assert!(matches!(report.changes[1].result, ChangeResult::Failed(_)));
    assert!(matches!(report.changes[2].result, ChangeResult::Failed(_)));
    assert!(matches!(
        report.changes[3].result,
        ChangeResult::Applied(Outcome::Done)
    ));
    assert!(!report.all_succeeded());
    assert!(report
        .to_string()
        .contains("Apply: 4 change(s), 2 failed, 0 skipped."));

    let remaining = plan(&document, &saas).await;
    assert_eq!(
        actions(&remaining),
        [
            ("acme.example".into(), Action::Disable, app(ANALYTICS)),
            ("beta.example".into(), Action::Create, apps(&[CRM])),
        ]
    );
    assert!(apply(&remaining, &saas).await.all_succeeded());
    assert!(plan(&document, &saas).await.is_empty());
    assert_eq!(simulator.saas_connection_count(), 4);
}

#[tokio::test]
async fn a_failure_skips_the_rest_of_that_resource_only() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let document = three_customers(&cert());
    simulator
        .inject(Fault::status(400).matching("PUT /web-portal/rest/saas/idp/2.0/spManaged/acme"));
    let report = apply(&plan(&document, &saas).await, &saas).await;
    assert!(matches!(report.changes[0].result, ChangeResult::Failed(_)));
    assert!(
        matches!(report.changes[1].result, ChangeResult::Skipped),
        "the disable of a connection whose create failed is skipped"
    );
    assert!(report.changes[2..].iter().all(|c| c.result.succeeded()));
}

#[tokio::test]
async fn a_stale_plan_is_refused_and_nothing_is_applied() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let certificate = cert();
    let document = three_customers(&certificate);
    apply(&plan(&document, &saas).await, &saas).await;
    let beta = IdpId::new("beta.example").unwrap();
    saas.connections()
        .disable(&beta, ConnectionScope::AllApplications)
        .await
        .unwrap();
    let gamma = IdpId::new("gamma.example").unwrap();
    saas.connections()
        .disable(&gamma, ConnectionScope::AllApplications)
        .await
        .unwrap();
    let planned = plan(&document, &saas).await;
    assert_eq!(planned.change_count(), 2);

    saas.connections()
        .enable(&beta, ConnectionScope::AllApplications)
        .await
        .unwrap();
    let refused = desired::apply(&planned, &Clients::new().saas(&saas), &ApplyOptions::new()).await;
    let Err(DesiredError::StalePlan { resources }) = refused else {
        panic!("expected a stale plan, got {refused:?}");
    };
    assert_eq!(
        resources,
        [ResourceId::SaasIdp {
            idp_id: "beta.example".into()
        }]
    );
    let ApplicationConnection::Unconfirmed(gamma_now) =
        connection(&saas, "gamma.example", CRM).await
    else {
        panic!("gamma has one connection")
    };
    assert_eq!(
        gamma_now.status,
        Some(ConnectionStatus::Disabled),
        "gamma's enable was not applied either"
    );
}

#[tokio::test]
async fn pruning_deletes_named_undeclared_applications_only_with_the_flag() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let certificate = cert();
    let both = header()
        + &customer(
            "acme.example",
            &certificate,
            r#"{ application = "crm" }, { application = "analytics" }"#,
        );
    let both = Document::from_toml_str(&both).unwrap();
    apply(&plan(&both, &saas).await, &saas).await;
    let crm_only = header() + &customer("acme.example", &certificate, r#"{ application = "crm" }"#);
    let crm_only = Document::from_toml_str(&crm_only).unwrap();

    let kept = plan(&crm_only, &saas).await;
    assert!(kept.is_empty());
    assert_eq!(
        kept.resources.len(),
        1,
        "the resource is listed for its note"
    );
    assert!(kept.resources[0].notes[0].starts_with("1 connection(s) belong to applications"));

    let clients = Clients::new().saas(&saas);
    let pruning = desired::plan(&crm_only, &clients, &options().prune(true))
        .await
        .unwrap();
    assert!(pruning.prune);
    assert_eq!(
        actions(&pruning),
        [(
            "acme.example".into(),
            Action::Delete,
            Some(format!("application analytics ({ANALYTICS})"))
        )]
    );
    assert!(pruning
        .to_string()
        .contains(&format!("  - delete application analytics ({ANALYTICS})\n")));
    assert!(apply(&pruning, &saas).await.all_succeeded());
    assert!(matches!(
        connection(&saas, "acme.example", ANALYTICS).await,
        ApplicationConnection::NotConnected | ApplicationConnection::Unconfirmed(_)
    ));
    assert_eq!(simulator.saas_connection_count(), 1);
    let after = desired::plan(&crm_only, &clients, &options().prune(true))
        .await
        .unwrap();
    assert!(after.is_empty() && after.resources.is_empty(), "{after}");
}

#[tokio::test]
async fn an_absent_idp_id_is_deleted_and_then_stays_quiet() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let document = three_customers(&cert());
    apply(&plan(&document, &saas).await, &saas).await;
    let gone =
        Document::from_toml_str("[saas.connections.\"acme.example\"]\nensure = \"absent\"\n")
            .unwrap();
    let planned = plan(&gone, &saas).await;
    assert_eq!(
        actions(&planned),
        [(
            "acme.example".into(),
            Action::Delete,
            Some("all 2 connection(s)".into())
        )]
    );
    assert!(apply(&planned, &saas).await.all_succeeded());
    assert_eq!(simulator.saas_connection_count(), 2);
    assert!(plan(&gone, &saas).await.resources.is_empty());
}

#[tokio::test]
async fn one_connection_and_two_declared_applications_converge_in_one_apply() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let certificate = cert();
    let crm = header() + &customer("acme.example", &certificate, r#"{ application = "crm" }"#);
    apply(
        &plan(&Document::from_toml_str(&crm).unwrap(), &saas).await,
        &saas,
    )
    .await;
    let acme = IdpId::new("acme.example").unwrap();
    saas.connections()
        .disable(&acme, ConnectionScope::AllApplications)
        .await
        .unwrap();
    let both = header()
        + &customer(
            "acme.example",
            &certificate,
            r#"{ application = "crm" }, { application = "analytics", enabled = false }"#,
        );
    let both = Document::from_toml_str(&both).unwrap();

    let planned = plan(&both, &saas).await;
    assert_eq!(
        actions(&planned),
        [
            ("acme.example".into(), Action::Create, apps(&[CRM])),
            ("acme.example".into(), Action::Update, app(CRM)),
            ("acme.example".into(), Action::Enable, app(CRM)),
            ("acme.example".into(), Action::Create, apps(&[ANALYTICS])),
            ("acme.example".into(), Action::Update, app(ANALYTICS)),
            ("acme.example".into(), Action::Disable, app(ANALYTICS)),
        ]
    );
    assert!(planned.resources[0].notes[0].starts_with("cannot tell whether application crm"));
    let report = apply(&planned, &saas).await;
    let outcomes: Vec<Option<Outcome>> = report
        .changes
        .iter()
        .map(|c| match c.result {
            ChangeResult::Applied(outcome) => Some(outcome),
            _ => None,
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            Some(Outcome::AlreadyThere),
            Some(Outcome::Done),
            Some(Outcome::Done),
            Some(Outcome::Done),
            Some(Outcome::Done),
            Some(Outcome::Done),
        ],
        "crm was there (409) and disabled; analytics is created, then disabled"
    );
    let after = plan(&both, &saas).await;
    assert!(
        after.resources.is_empty(),
        "converged in one apply: {after}"
    );
}

#[tokio::test]
async fn a_new_certificate_is_a_rotation_shown_by_fingerprint_and_expiry() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let old = cert();
    let new = TestCert::new("acme-idp", 2029, 2039);
    let document = |c: &TestCert| {
        Document::from_toml_str(
            &(header() + &customer("acme.example", c, r#"{ application = "crm" }"#)),
        )
        .unwrap()
    };
    apply(&plan(&document(&old), &saas).await, &saas).await;
    let planned = plan(&document(&new), &saas).await;
    let (_, change) = planned.changes().next().unwrap();
    assert_eq!(change.action, Action::RotateCertificate);
    assert_eq!(change.fields[0].field, "signing_certificate");
    assert_eq!(change.fields[0].before["sha256"], json!(old.sha256()));
    assert_eq!(change.fields[0].after["sha256"], json!(new.sha256()));
    assert_eq!(
        change.fields[0].after["not_after"],
        json!("2039-01-01T00:00:00Z")
    );
    assert!(planned.to_string().contains(&format!(
        "      signing_certificate: certificate sha256:{}… CN=acme-idp expires 2035-01-01T00:00:00Z -> certificate sha256:{}… CN=acme-idp expires 2039-01-01T00:00:00Z\n",
        &old.sha256()[..16],
        &new.sha256()[..16]
    )), "{planned}");
    assert!(apply(&planned, &saas).await.all_succeeded());
    assert!(plan(&document(&new), &saas).await.is_empty());
}

#[tokio::test]
async fn metadata_files_are_resolved_when_planning() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let certificate = cert();
    let folder = std::env::temp_dir().join(format!("desired-saas-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let mut idp = Idp::new("https://idp.acme.example/metadata");
    idp.keys
        .push(certificate.key_descriptor("", Some("signing")));
    std::fs::write(folder.join("acme.xml"), idp.entity("")).unwrap();
    let text = header()
        + "[saas.connections.\"acme.example\"]\nemail = \"it@acme.example\"\n\
           metadata_file = \"acme.xml\"\napplications = [{ application = \"crm\" }]\n";
    std::fs::write(folder.join("customers.toml"), text).unwrap();
    let document = Document::load(folder.join("customers.toml")).unwrap();

    let planned = plan(&document, &saas).await;
    let (_, create) = planned.changes().next().unwrap();
    let field = |name: &str| {
        create
            .fields
            .iter()
            .find(|f| f.field == name)
            .map(|f| f.after.clone())
    };
    assert_eq!(
        field("entity_id"),
        Some(json!("https://idp.acme.example/metadata"))
    );
    assert_eq!(
        field("sso_endpoint"),
        Some(json!("https://idp.example/sso/redirect"))
    );
    assert_eq!(
        field("signing_certificate").unwrap()["sha256"],
        json!(certificate.sha256())
    );
    assert!(apply(&planned, &saas).await.all_succeeded());
    assert!(plan(&document, &saas).await.is_empty());
    std::fs::remove_dir_all(folder).ok();
}

#[tokio::test]
async fn a_plan_survives_json_and_shows_no_secret() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let planned = plan(&three_customers(&cert()), &saas).await;
    let text = serde_json::to_string_pretty(&planned).unwrap();
    assert!(!text.contains(simulator.client_secret()));
    assert!(!planned.to_string().contains(simulator.client_secret()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], json!(1));
    assert_eq!(
        value["resources"][0]["resource"],
        json!({"kind": "saas_idp", "idp_id": "acme.example"})
    );
    assert_eq!(value["resources"][0]["observed"], json!("absent"));
    let create = &value["resources"][0]["changes"][0];
    assert_eq!(create["action"], json!("create"));
    assert_eq!(create["operation"]["api"], json!("saas"));
    assert_eq!(create["operation"]["request"], json!("create"));
    assert_eq!(create["operation"]["applications"], json!([CRM, ANALYTICS]));
    let read: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(read, planned);
    assert!(apply(&read, &saas).await.all_succeeded());
}

#[tokio::test]
async fn document_mistakes_are_refused_before_any_request() {
    let certificate = cert();
    let unknown = header() + &customer("acme.example", &certificate, r#"{ application = "crn" }"#);
    let err = Document::from_toml_str(&unknown).unwrap_err();
    assert_eq!(
        err.to_string(),
        "saas.connections.\"acme.example\".applications[0]: \"crn\" is neither a saasid nor a name in `saas.applications`"
    );
    let twice = header()
        + &customer(
            "acme.example",
            &certificate,
            r#"{ application = "crm" }, { application = "6964005a-6270-4a88-9ddc-0e6a4e05e51d" }"#,
        );
    assert!(Document::from_toml_str(&twice)
        .unwrap_err()
        .to_string()
        .ends_with("names an application a second time for this idpId"));
    let typo = "[saas.connections.\"acme.example\"]\nemial = \"x\"\n";
    assert!(Document::from_toml_str(typo)
        .unwrap_err()
        .to_string()
        .contains("emial"));

    // A bad value is found when the plan resolves the document, before the idpId is read: the
    // client points at a closed port, so any request would fail with a transport error.
    let bad_url = header()
        + &customer("acme.example", &certificate, r#"{ application = "crm" }"#)
            .replace("https://acme.example/sso", "ftp://acme.example/sso");
    let document = Document::from_toml_str(&bad_url).unwrap();
    let nowhere = SaasClient::builder("id", "secret")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = desired::plan(&document, &Clients::new().saas(&nowhere), &options())
        .await
        .unwrap_err();
    let DesiredError::Resource { resource, source } = &err else {
        panic!("expected a resource error, got {err:?}")
    };
    assert_eq!(
        resource,
        &ResourceId::SaasIdp {
            idp_id: "acme.example".into()
        }
    );
    assert!(
        matches!(source, sso_connections::Error::InvalidInput(i) if i.field() == "ssoEndpoint")
    );

    let expired = TestCert::new("old", 2010, 2020);
    let document = Document::from_toml_str(
        &(header() + &customer("acme.example", &expired, r#"{ application = "crm" }"#)),
    )
    .unwrap();
    let err = desired::plan(&document, &Clients::new().saas(&nowhere), &options())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("signing_certificate"), "{err}");

    let missing = desired::plan(&document, &Clients::new(), &options())
        .await
        .unwrap_err();
    assert!(matches!(missing, DesiredError::MissingClient { .. }));
}

#[tokio::test]
async fn metadata_urls_are_fetched_only_from_where_the_caller_allows() {
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let certificate = cert();
    let mut idp = Idp::new("https://idp.acme.example/metadata");
    idp.keys
        .push(certificate.key_descriptor("", Some("signing")));
    let server = httpmock::MockServer::start_async().await;
    let served = server
        .mock_async(|when, then| {
            when.method("GET").path("/metadata");
            then.status(200).body(idp.entity(""));
        })
        .await;
    let text = header()
        + &format!(
            "[saas.connections.\"acme.example\"]\nemail = \"it@acme.example\"\n\
             metadata_url = \"{}\"\napplications = [{{ application = \"crm\" }}]\n",
            server.url("/metadata")
        );
    let document = Document::from_toml_str(&text).unwrap();
    let clients = Clients::new().saas(&saas);

    let requests = simulator.api_requests();
    let refused = desired::plan(&document, &clients, &options())
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, DesiredError::Resource { source, .. } if matches!(source, sso_connections::Error::InvalidInput(_))),
        "a loopback metadata URL is refused by default: {refused:?}"
    );
    assert_eq!(served.calls_async().await, 0, "nothing was fetched");
    assert_eq!(simulator.api_requests(), requests, "nor the idpId read");

    let local = sso_connections::metadata::FetchOptions::default()
        .allow_http(true)
        .allow_private_addresses(true);
    let planned = desired::plan(&document, &clients, &options().fetch_options(local))
        .await
        .unwrap();
    served.assert_async().await;
    let (_, create) = planned.changes().next().unwrap();
    assert_eq!(create.action, Action::Create);
    assert!(create
        .fields
        .iter()
        .any(|f| f.field == "entity_id" && f.after == json!("https://idp.acme.example/metadata")));
}

#[tokio::test]
async fn progress_is_reported_per_idp_id_planned_and_per_change_applied() {
    use std::sync::{Arc, Mutex};
    let simulator = Simulator::start().await.unwrap();
    let saas = client(&simulator);
    let document = three_customers(&cert());
    let clients = Clients::new().saas(&saas);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let planned = {
        let seen = Arc::clone(&seen);
        let options = options().progress(move |done| seen.lock().unwrap().push(done));
        desired::plan(&document, &clients, &options).await.unwrap()
    };
    assert_eq!(document.planning_units(), 3);
    assert_eq!(*seen.lock().unwrap(), [1, 2, 3]);
    seen.lock().unwrap().clear();
    let applying = {
        let seen = Arc::clone(&seen);
        ApplyOptions::new()
            .concurrency(1)
            .progress(move |done| seen.lock().unwrap().push(done))
    };
    let report = desired::apply(&planned, &clients, &applying).await.unwrap();
    assert!(report.all_succeeded());
    assert_eq!(*seen.lock().unwrap(), [1, 2, 3, 4]);
    assert_eq!(planned.change_count(), 4);
}
