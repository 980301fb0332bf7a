//! Desired state for PingOne identity providers against the simulator: SAML with an inline
//! certificate and with a metadata file, OpenID Connect with its secret in an environment
//! variable. Plan, apply, convergence, drift, injected faults, stale plans, pruning, `absent`,
//! certificate rotation (imported or reused), secrets kept out of every output, and the plan's
//! JSON form.

mod common;

use common::desired::{created, fields, Harness};

use std::path::PathBuf;
use std::time::Duration;

use common::kit::{Idp, TestCert};
use futures::TryStreamExt as _;
use serde_json::{json, Value};
use sso_connections::desired::{
    self, Action, ApplyOptions, Change, ChangeResult, Clients, DesiredError, Document, Operation,
    Outcome, PingOneOperation, Plan, ResourceId,
};
use sso_connections::pingone::{
    CertificateImport, CertificateUsageType, IdentityProvider, PingOneClient, SamlBinding,
    SamlIdentityProvider,
};
use sso_connections::{RetryPolicy, Uuid};
use sso_connections_simulator::{Fault, Simulator};

const ENV: Uuid = Uuid::from_u128(0x02d37832_476a_431b_8a60_d77cecd7005c);
const ACME: &str = "Acme SAML";
const BETA: &str = "Beta SAML";
const GAMMA: &str = "Gamma OIDC";

/// A worker client of the simulator that never retries, so one injected fault is one failure.
fn client(simulator: &Simulator) -> PingOneClient {
    PingOneClient::worker(
        ENV,
        simulator.worker_client_id(),
        simulator.worker_client_secret().to_owned(),
    )
    .base_url(simulator.pingone_base_url())
    .token_url(simulator.pingone_token_url(ENV))
    .timeout(Duration::from_secs(5))
    .retry_policy(RetryPolicy::disabled())
    .build()
    .unwrap()
}

/// One test's simulator, client, folder (holding Beta's metadata) and secret variable.
struct Fixture {
    simulator: Simulator,
    pingone: PingOneClient,
    folder: PathBuf,
    acme: TestCert,
    beta: TestCert,
    variable: String,
    secret: String,
}

impl Fixture {
    /// `test` names the folder and the environment variable, so tests running in parallel
    /// threads never share either.
    async fn new(test: &str) -> Self {
        let simulator = Simulator::start().await.unwrap();
        let pingone = client(&simulator);
        let folder =
            std::env::temp_dir().join(format!("desired-pingone-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let beta = TestCert::new("beta-idp", 2026, 2036);
        let mut idp = Idp::new("https://idp.beta.example/metadata");
        idp.keys.push(beta.key_descriptor("", Some("signing")));
        std::fs::write(folder.join("beta.xml"), idp.entity("")).unwrap();
        let variable = format!("DESIRED_PINGONE_SECRET_{}", test.to_uppercase());
        let secret = format!("s3cr3t-of-{test}-5f2c9a");
        // This crate is edition 2021; the name is unique to this test.
        std::env::set_var(&variable, &secret);
        Self {
            simulator,
            pingone,
            folder,
            acme: TestCert::new("acme-idp", 2025, 2035),
            beta,
            variable,
            secret,
        }
    }

    /// A document of `text`, its files read from the fixture's folder.
    fn document(&self, text: &str) -> Document {
        let mut document = Document::from_toml_str(text).unwrap();
        document.base_dir = self.folder.clone();
        document
    }

    /// Acme (inline certificate), Beta (metadata file) and Gamma (OIDC).
    fn three(&self) -> Document {
        self.document(
            &(acme(&self.acme, "https://idp.acme.example/sso")
                + &beta()
                + &gamma(&self.variable, r#"["openid", "email"]"#)),
        )
    }

    /// Every live identity provider, as JSON (as PingOne holds it).
    async fn live(&self) -> Vec<Value> {
        let list: Vec<IdentityProvider> = self
            .pingone
            .environment(ENV)
            .identity_providers()
            .list()
            .try_collect()
            .await
            .unwrap();
        list.iter()
            .map(|p| serde_json::to_value(p).unwrap())
            .collect()
    }

    /// The live provider named `name` (exactly one).
    async fn provider(&self, name: &str) -> Value {
        let matching: Vec<Value> = self
            .live()
            .await
            .into_iter()
            .filter(|p| p["name"] == json!(name))
            .collect();
        assert_eq!(matching.len(), 1, "one provider named {name}");
        matching.into_iter().next().unwrap()
    }

    async fn id_of(&self, name: &str) -> Uuid {
        Uuid::parse_str(self.provider(name).await["id"].as_str().unwrap()).unwrap()
    }

    /// The certificates stored in the environment.
    async fn certificates(&self) -> Vec<sso_connections::generated::pingone::types::Certificate> {
        self.pingone
            .environment(ENV)
            .certificates()
            .list()
            .try_collect()
            .await
            .unwrap()
    }

    /// The stored certificate `certificate` was imported as (by serial number).
    async fn stored_id(&self, certificate: &TestCert) -> Uuid {
        let serial = certificate.certificate().info().serial_decimal();
        let stored = self.certificates().await;
        let found: Vec<_> = stored
            .iter()
            .filter(|c| c.serial_number.as_ref().map(|s| s.as_str()) == Some(serial.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "one stored copy of {}", certificate.cn);
        found[0].id
    }

    /// The certificate ids the live provider `name` trusts.
    async fn trusted(&self, name: &str) -> Vec<Value> {
        self.provider(name).await["idpVerification"]["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].clone())
            .collect()
    }

    /// Edits the live provider `name` behind the document's back.
    async fn modify(&self, name: &str, change: impl FnOnce(&mut IdentityProvider)) {
        let id = self.id_of(name).await;
        self.pingone
            .environment(ENV)
            .identity_providers()
            .modify(id, change)
            .await
            .unwrap();
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.folder).ok();
        std::env::remove_var(&self.variable);
    }
}

fn acme(certificate: &TestCert, sso: &str) -> String {
    format!(
        r#"
[pingone."{ENV}".identity_providers."{ACME}"]
type = "SAML"
idp_entity_id = "https://idp.acme.example"
sp_entity_id = "https://sp.example/acme"
sso_endpoint = "{sso}"
certificate = "{cert}"
"#,
        cert = certificate.base64()
    )
}

fn beta() -> String {
    format!(
        r#"
[pingone."{ENV}".identity_providers."{BETA}"]
type = "SAML"
sp_entity_id = "https://sp.example/beta"
metadata_file = "beta.xml"
"#
    )
}

fn gamma(variable: &str, scopes: &str) -> String {
    format!(
        r#"
[pingone."{ENV}".identity_providers."{GAMMA}"]
type = "OPENID_CONNECT"
issuer = "https://gamma.example"
authorization_endpoint = "https://gamma.example/authorize"
token_endpoint = "https://gamma.example/token"
jwks_endpoint = "https://gamma.example/jwks"
client_id = "pingone-at-gamma"
client_secret_env = "{variable}"
scopes = {scopes}
token_endpoint_auth_method = "CLIENT_SECRET_BASIC"
"#
    )
}

fn absent(name: &str, kind: &str) -> String {
    format!(
        "\n[pingone.\"{ENV}\".identity_providers.\"{name}\"]\ntype = \"{kind}\"\nensure = \"absent\"\n"
    )
}

fn resource(name: &str) -> ResourceId {
    ResourceId::PingoneIdentityProvider {
        environment: ENV,
        name: name.into(),
    }
}

/// `(provider name, action)` of every change, in plan order.
fn actions(plan: &Plan) -> Vec<(String, Action)> {
    plan.changes()
        .map(|(resource, change)| {
            let ResourceId::PingoneIdentityProvider { environment, name } = resource else {
                panic!("not a PingOne resource: {resource}")
            };
            assert_eq!(*environment, ENV);
            (name.clone(), change.action)
        })
        .collect()
}

/// The one change of the resource named `name`.
#[track_caller]
fn change_of<'p>(plan: &'p Plan, name: &str) -> &'p Change {
    common::desired::only_change(plan, &resource(name))
}

fn certificate_shown(certificate: &TestCert) -> Value {
    json!({
        "sha256": certificate.sha256(),
        "subject": format!("CN={}", certificate.cn),
        "not_after": certificate.not_after.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

#[tokio::test]
async fn plan_then_apply_converges_and_a_second_plan_is_empty() {
    let f = Fixture::new("converges").await;
    let document = f.three();

    let first = f.plan(&document).await;
    assert_eq!(
        actions(&first),
        [
            (ACME.into(), Action::Create),
            (BETA.into(), Action::Create),
            (GAMMA.into(), Action::Create),
        ]
    );
    assert_eq!(
        fields(change_of(&first, ACME)),
        [
            created("enabled", json!(true)),
            created("idpEntityId", json!("https://idp.acme.example")),
            created("name", json!(ACME)),
            created("spEntityId", json!("https://sp.example/acme")),
            created("ssoBinding", json!("HTTP_POST")),
            created("ssoEndpoint", json!("https://idp.acme.example/sso")),
            created("type", json!("SAML")),
            created("certificate", certificate_shown(&f.acme)),
        ]
    );
    assert_eq!(
        fields(change_of(&first, BETA)),
        [
            created("enabled", json!(true)),
            created("idpEntityId", json!("https://idp.beta.example/metadata")),
            created("name", json!(BETA)),
            created("spEntityId", json!("https://sp.example/beta")),
            created("ssoBinding", json!("HTTP_REDIRECT")),
            created("ssoEndpoint", json!("https://idp.example/sso/redirect")),
            created("type", json!("SAML")),
            created("certificate", certificate_shown(&f.beta)),
        ],
        "Beta's settings and certificate come from its metadata file"
    );
    assert_eq!(
        fields(change_of(&first, GAMMA)),
        [
            created(
                "authorizationEndpoint",
                json!("https://gamma.example/authorize")
            ),
            created("clientId", json!("pingone-at-gamma")),
            created("enabled", json!(true)),
            created("issuer", json!("https://gamma.example")),
            created("jwksEndpoint", json!("https://gamma.example/jwks")),
            created("name", json!(GAMMA)),
            created("scopes", json!(["openid", "email"])),
            created("tokenEndpoint", json!("https://gamma.example/token")),
            created("tokenEndpointAuthMethod", json!("CLIENT_SECRET_BASIC")),
            created("type", json!("OPENID_CONNECT")),
            created("clientSecret", json!({ "secret_from_env": f.variable })),
        ]
    );
    let summary = first.summary();
    assert_eq!((summary.create, summary.update, summary.delete), (3, 0, 0));
    assert_eq!(first.unchanged, 0);
    let text = first.to_string();
    assert!(
        text.contains(&format!(
            "pingone {ENV} identity provider \"{ACME}\"\n  + create\n      enabled: true\n"
        )),
        "{text}"
    );
    assert!(text.contains(&format!(
        "      certificate: certificate sha256:{}… CN=acme-idp expires 2035-01-01T00:00:00Z\n",
        &f.acme.sha256()[..16]
    )));
    assert!(text.contains(&format!(
        "      clientSecret: (secret from ${})\n",
        f.variable
    )));

    let report = f.apply(&first).await;
    assert_eq!(report.changes.len(), 3);
    for change in &report.changes {
        assert!(
            matches!(change.result, ChangeResult::Applied(Outcome::Done)),
            "{report}"
        );
    }
    assert_eq!(f.live().await.len(), 3);
    assert_eq!(
        f.certificates().await.len(),
        2,
        "both certificates imported"
    );
    assert_eq!(f.trusted(ACME).await, [json!(f.stored_id(&f.acme).await)]);
    assert_eq!(f.trusted(BETA).await, [json!(f.stored_id(&f.beta).await)]);
    let gamma = f.provider(GAMMA).await;
    assert_eq!(
        gamma["clientSecret"],
        json!(f.secret),
        "the secret was read from the variable and sent"
    );
    assert_eq!(gamma["scopes"], json!(["openid", "email"]));

    let second = f.plan(&document).await;
    assert!(second.is_empty(), "{second}");
    assert!(second.resources.is_empty());
    assert_eq!(second.unchanged, 3);
    assert_eq!(
        second.to_string(),
        "No changes. 3 resources match the document.\n"
    );
}

#[tokio::test]
async fn drift_behind_the_documents_back_is_exactly_what_the_plan_shows() {
    let f = Fixture::new("drift").await;
    let document = f.three();
    f.converge(&document).await;
    f.modify(ACME, |p| {
        let IdentityProvider::Saml(saml) = p else {
            panic!("Acme is SAML")
        };
        saml.sso_endpoint = "https://moved.example/sso".into();
        saml.description = Some("set in the console".into());
    })
    .await;
    f.modify(GAMMA, |p| {
        let IdentityProvider::OpenIdConnect(oidc) = p else {
            panic!("Gamma is OIDC")
        };
        oidc.enabled = false;
    })
    .await;

    let drift = f.plan(&document).await;
    assert_eq!(
        actions(&drift),
        [
            (ACME.into(), Action::Update),
            (GAMMA.into(), Action::Update)
        ]
    );
    assert_eq!(
        fields(change_of(&drift, ACME)),
        [(
            "ssoEndpoint",
            json!("https://moved.example/sso"),
            json!("https://idp.acme.example/sso")
        )]
    );
    assert_eq!(
        fields(change_of(&drift, GAMMA)),
        [("enabled", json!(false), json!(true))]
    );
    assert_eq!(drift.unchanged, 1);
    let text = drift.to_string();
    assert!(
        text.contains(&format!(
            "pingone {ENV} identity provider \"{ACME}\"\n  ~ update\n      ssoEndpoint: \"https://moved.example/sso\" -> \"https://idp.acme.example/sso\"\n"
        )),
        "{text}"
    );
    assert!(text.contains("  ~ update\n      enabled: false -> true\n"));
    assert!(text.ends_with(
        "Plan: 0 to create, 2 to update, 0 to enable or disable, 0 to delete; 1 resources unchanged.\n"
    ));
    let Operation::Pingone(PingOneOperation::Replace {
        id,
        certificate,
        client_secret_env,
        ..
    }) = &change_of(&drift, ACME).operation
    else {
        panic!("Acme's update is a replacement")
    };
    assert_eq!(*id, f.id_of(ACME).await);
    assert_eq!(
        *certificate, None,
        "the trusted certificate is kept, not imported again"
    );
    assert_eq!(*client_secret_env, None);

    let report = f.apply(&drift).await;
    assert!(report.all_succeeded(), "{report}");
    assert!(f.plan(&document).await.is_empty());
    assert_eq!(
        f.provider(ACME).await["ssoEndpoint"],
        json!("https://idp.acme.example/sso")
    );
    assert_eq!(
        f.provider(ACME).await["description"],
        json!("set in the console"),
        "the full replacement keeps what the document does not declare"
    );
    assert_eq!(
        f.trusted(ACME).await,
        [json!(f.stored_id(&f.acme).await)],
        "the replacement keeps the certificate"
    );
    assert_eq!(f.certificates().await.len(), 2);
    assert_eq!(f.provider(GAMMA).await["clientSecret"], json!(f.secret));
}

#[tokio::test]
async fn a_fault_part_way_leaves_exactly_the_remaining_changes_for_the_next_plan() {
    let f = Fixture::new("fault").await;
    f.converge(&f.three()).await;
    let delta = TestCert::new("delta-idp", 2027, 2037);
    let changed = f.document(
        &(acme(&f.acme, "https://idp.acme.example/sso/v2")
            + &beta()
            + &gamma(&f.variable, r#"["openid", "email", "profile"]"#)
            + &acme(&delta, "https://idp.delta.example/sso").replace(ACME, "Delta SAML")),
    );
    let planned = f.plan(&changed).await;
    assert_eq!(
        actions(&planned),
        [
            (ACME.into(), Action::Update),
            ("Delta SAML".into(), Action::Create),
            (GAMMA.into(), Action::Update),
        ]
    );
    let acme_id = f.id_of(ACME).await;
    f.simulator.inject(Fault::status(400).matching(format!(
        "PUT /v1/environments/{ENV}/identityProviders/{acme_id}"
    )));

    let report = f.apply(&planned).await;
    let results: Vec<(ResourceId, Action, bool)> = report
        .changes
        .iter()
        .map(|c| (c.resource.clone(), c.action, c.result.succeeded()))
        .collect();
    assert_eq!(
        results,
        [
            (resource(ACME), Action::Update, false),
            (resource("Delta SAML"), Action::Create, true),
            (resource(GAMMA), Action::Update, true),
        ]
    );
    let ChangeResult::Failed(error) = &report.changes[0].result else {
        panic!("Acme's update failed")
    };
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(report
        .to_string()
        .contains("Apply: 3 change(s), 1 failed, 0 skipped."));
    assert_eq!(
        f.provider(ACME).await["ssoEndpoint"],
        json!("https://idp.acme.example/sso"),
        "the failed replacement changed nothing"
    );

    let remaining = f.plan(&changed).await;
    assert_eq!(actions(&remaining), [(ACME.into(), Action::Update)]);
    assert_eq!(
        fields(change_of(&remaining, ACME)),
        [(
            "ssoEndpoint",
            json!("https://idp.acme.example/sso"),
            json!("https://idp.acme.example/sso/v2")
        )]
    );
    assert_eq!(remaining.unchanged, 3);
    assert!(f.apply(&remaining).await.all_succeeded());
    assert!(f.plan(&changed).await.is_empty());
    assert_eq!(f.live().await.len(), 4);
    assert_eq!(f.certificates().await.len(), 3);
}

#[tokio::test]
async fn a_create_that_fails_after_its_certificate_was_imported_reuses_the_stored_copy() {
    let f = Fixture::new("reimport").await;
    let document = f.document(&acme(&f.acme, "https://idp.acme.example/sso"));
    let planned = f.plan(&document).await;
    f.simulator.inject(
        Fault::status(400).matching(format!("POST /v1/environments/{ENV}/identityProviders")),
    );
    let report = f.apply(&planned).await;
    assert!(matches!(report.changes[0].result, ChangeResult::Failed(_)));
    assert!(f.live().await.is_empty());
    assert_eq!(
        f.certificates().await.len(),
        1,
        "the certificate was imported before the create failed"
    );

    let again = f.plan(&document).await;
    assert_eq!(actions(&again), [(ACME.into(), Action::Create)]);
    let stored = f.stored_id(&f.acme).await;
    let Operation::Pingone(PingOneOperation::Create {
        body, certificate, ..
    }) = &change_of(&again, ACME).operation
    else {
        panic!("a create")
    };
    assert_eq!(*certificate, None, "the stored copy is referenced");
    assert_eq!(
        body["idpVerification"],
        json!({ "certificates": [{ "id": stored }] })
    );
    assert!(f.apply(&again).await.all_succeeded());
    assert_eq!(f.certificates().await.len(), 1, "nothing imported twice");
    assert_eq!(f.trusted(ACME).await, [json!(stored)]);
    assert!(f.plan(&document).await.is_empty());
}

#[tokio::test]
async fn a_stale_plan_is_refused_and_nothing_is_applied() {
    let f = Fixture::new("stale").await;
    let document = f.three();
    f.converge(&document).await;
    let disable = |p: &mut IdentityProvider| match p {
        IdentityProvider::Saml(saml) => saml.enabled = false,
        IdentityProvider::OpenIdConnect(oidc) => oidc.enabled = false,
        _ => panic!("SAML or OIDC"),
    };
    f.modify(BETA, disable).await;
    f.modify(GAMMA, disable).await;
    let planned = f.plan(&document).await;
    assert_eq!(
        actions(&planned),
        [
            (BETA.into(), Action::Update),
            (GAMMA.into(), Action::Update)
        ]
    );

    f.modify(GAMMA, |p| {
        let IdentityProvider::OpenIdConnect(oidc) = p else {
            panic!("Gamma is OIDC")
        };
        oidc.scopes = vec!["openid".into()];
    })
    .await;
    let before = f.live().await;
    let refused = desired::apply(&planned, &f.clients(), &ApplyOptions::new()).await;
    let Err(DesiredError::StalePlan { resources }) = refused else {
        panic!("expected a stale plan, got {refused:?}");
    };
    assert_eq!(resources, [resource(GAMMA)]);
    assert_eq!(f.live().await, before, "nothing was written");
    assert_eq!(f.provider(BETA).await["enabled"], json!(false));

    let again = f.plan(&document).await;
    assert_eq!(
        fields(change_of(&again, GAMMA)),
        [
            ("enabled", json!(false), json!(true)),
            ("scopes", json!(["openid"]), json!(["openid", "email"])),
        ]
    );
    assert!(f.apply(&again).await.all_succeeded());
    assert!(f.plan(&document).await.is_empty());
}

#[tokio::test]
async fn pruning_deletes_undeclared_providers_only_with_the_flag() {
    let f = Fixture::new("prune").await;
    let document = f.three();
    f.converge(&document).await;
    let stray_cert = TestCert::new("stray-idp", 2025, 2035);
    let import = CertificateImport::new(stray_cert.certificate(), CertificateUsageType::Signing);
    let stray_cert_id = f
        .pingone
        .environment(ENV)
        .certificates()
        .import(&import)
        .await
        .unwrap()
        .id;
    let stray = SamlIdentityProvider::new("Stray")
        .idp_entity_id("https://stray.example")
        .sp_entity_id("https://sp.example/stray")
        .sso_endpoint("https://stray.example/sso", SamlBinding::HttpPost)
        .verification_certificates([stray_cert_id])
        .build()
        .unwrap();
    let stray_id = f
        .pingone
        .environment(ENV)
        .identity_providers()
        .create(&stray)
        .await
        .unwrap()
        .id()
        .unwrap();

    let kept = f.plan(&document).await;
    assert!(kept.is_empty() && kept.resources.is_empty(), "{kept}");

    let pruning = desired::plan(
        &document,
        &f.clients(),
        &common::desired::options().prune(true),
    )
    .await
    .unwrap();
    assert!(pruning.prune);
    assert_eq!(actions(&pruning), [("Stray".into(), Action::Delete)]);
    let stray_plan = &pruning.resources[0];
    assert_eq!(stray_plan.notes, ["not in the document (pruned)"]);
    assert_eq!(
        stray_plan.changes[0].operation,
        Operation::Pingone(PingOneOperation::Delete {
            environment: ENV,
            id: stray_id
        })
    );
    assert_eq!(pruning.unchanged, 3);
    assert!(pruning.to_string().contains(&format!(
        "pingone {ENV} identity provider \"Stray\"\n  - delete\n  ! not in the document (pruned)\n"
    )));
    let report = f.apply(&pruning).await;
    assert!(matches!(
        report.changes[..],
        [desired::AppliedChange {
            action: Action::Delete,
            result: ChangeResult::Applied(Outcome::Done),
            ..
        }]
    ));
    let names: Vec<Value> = f.live().await.iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names.len(), 3);
    assert!(!names.contains(&json!("Stray")));
    let after = desired::plan(
        &document,
        &f.clients(),
        &common::desired::options().prune(true),
    )
    .await
    .unwrap();
    assert!(after.is_empty() && after.resources.is_empty(), "{after}");
}

#[tokio::test]
async fn an_absent_provider_is_deleted_and_then_stays_quiet() {
    let f = Fixture::new("absent").await;
    f.converge(&f.three()).await;
    let gamma_id = f.id_of(GAMMA).await;
    let gone = f.document(
        &(acme(&f.acme, "https://idp.acme.example/sso")
            + &beta()
            + &absent(GAMMA, "OPENID_CONNECT")),
    );
    let planned = f.plan(&gone).await;
    assert_eq!(actions(&planned), [(GAMMA.into(), Action::Delete)]);
    assert_eq!(
        change_of(&planned, GAMMA).operation,
        Operation::Pingone(PingOneOperation::Delete {
            environment: ENV,
            id: gamma_id
        })
    );
    assert_eq!(planned.unchanged, 2);
    assert!(f.apply(&planned).await.all_succeeded());
    let names: Vec<Value> = f.live().await.iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names.len(), 2);
    assert!(!names.contains(&json!(GAMMA)));
    let after = f.plan(&gone).await;
    assert!(after.is_empty() && after.resources.is_empty(), "{after}");
    assert_eq!(after.unchanged, 3);
}

#[tokio::test]
async fn a_new_certificate_is_a_rotation_imported_or_reused() {
    let f = Fixture::new("rotation").await;
    let document = |c: &TestCert| f.document(&acme(c, "https://idp.acme.example/sso"));
    f.converge(&document(&f.acme)).await;
    let old_id = f.stored_id(&f.acme).await;
    let old = f
        .certificates()
        .await
        .into_iter()
        .find(|c| c.id == old_id)
        .unwrap();

    // A certificate the environment does not hold: imported by the apply.
    let new = TestCert::new("acme-idp", 2029, 2039);
    let planned = f.plan(&document(&new)).await;
    assert_eq!(
        actions(&planned),
        [(ACME.into(), Action::RotateCertificate)]
    );
    let change = change_of(&planned, ACME);
    assert_eq!(
        fields(change),
        [(
            "certificate",
            json!([{ "id": old_id, "serial": old.serial_number, "not_after": "2035-01-01T00:00:00Z" }]),
            certificate_shown(&new)
        )]
    );
    let Operation::Pingone(PingOneOperation::Replace { certificate, .. }) = &change.operation
    else {
        panic!("a replacement")
    };
    assert_eq!(certificate.as_deref(), Some(new.base64().as_str()));
    let text = planned.to_string();
    assert!(
        text.contains("  ~ rotate certificate\n      certificate: "),
        "{text}"
    );
    assert!(
        text.contains("\"not_after\":\"2035-01-01T00:00:00Z\""),
        "{text}"
    );
    assert!(text.contains(&format!(
        " -> certificate sha256:{}… CN=acme-idp expires 2039-01-01T00:00:00Z\n",
        &new.sha256()[..16]
    )));
    assert_eq!(planned.summary().update, 1);
    assert!(f.apply(&planned).await.all_succeeded());
    assert_eq!(
        f.certificates().await.len(),
        2,
        "the new certificate was imported"
    );
    assert_eq!(f.trusted(ACME).await, [json!(f.stored_id(&new).await)]);
    assert!(f.plan(&document(&new)).await.is_empty());

    // A certificate already stored: referenced, not imported again.
    let newer = TestCert::new("acme-idp", 2030, 2040);
    let import = CertificateImport::new(newer.certificate(), CertificateUsageType::Signing);
    let newer_id = f
        .pingone
        .environment(ENV)
        .certificates()
        .import(&import)
        .await
        .unwrap()
        .id;
    let planned = f.plan(&document(&newer)).await;
    assert_eq!(
        actions(&planned),
        [(ACME.into(), Action::RotateCertificate)]
    );
    let Operation::Pingone(PingOneOperation::Replace {
        certificate, body, ..
    }) = &change_of(&planned, ACME).operation
    else {
        panic!("a replacement")
    };
    assert_eq!(*certificate, None);
    assert_eq!(
        body["idpVerification"],
        json!({ "certificates": [{ "id": newer_id }] })
    );
    assert!(f.apply(&planned).await.all_succeeded());
    assert_eq!(f.certificates().await.len(), 3, "nothing more imported");
    assert_eq!(f.trusted(ACME).await, [json!(newer_id)]);
    assert!(f.plan(&document(&newer)).await.is_empty());
}

#[tokio::test]
async fn the_client_secret_never_appears_in_a_plan_or_a_report() {
    let f = Fixture::new("secret").await;
    let document = f.three();
    let planned = f.plan(&document).await;
    let shown = |plan: &Plan| format!("{plan}\n{}\n{plan:?}", serde_json::to_string(plan).unwrap());
    assert!(!shown(&planned).contains(&f.secret));
    assert!(shown(&planned).contains(&f.variable));
    let report = f.apply(&planned).await;
    assert!(report.all_succeeded(), "{report}");
    let report_text = format!("{report}\n{}", serde_json::to_string(&report).unwrap());
    assert!(!report_text.contains(&f.secret));

    // The live provider holds the secret (the simulator returns it); a replacement built
    // from the live state leaves it out and reads the variable again when applied.
    assert_eq!(f.provider(GAMMA).await["clientSecret"], json!(f.secret));
    f.modify(GAMMA, |p| {
        let IdentityProvider::OpenIdConnect(oidc) = p else {
            panic!("Gamma is OIDC")
        };
        oidc.client_id = "someone-else".into();
    })
    .await;
    std::env::set_var(&f.variable, "rotated-secret-of-secret-9d1e");
    let drift = f.plan(&document).await;
    assert_eq!(
        fields(change_of(&drift, GAMMA)),
        [("clientId", json!("someone-else"), json!("pingone-at-gamma"))]
    );
    let Operation::Pingone(PingOneOperation::Replace {
        body,
        client_secret_env,
        ..
    }) = &change_of(&drift, GAMMA).operation
    else {
        panic!("a replacement")
    };
    assert_eq!(body.get("clientSecret"), None);
    assert_eq!(client_secret_env.as_deref(), Some(f.variable.as_str()));
    assert!(!shown(&drift).contains(&f.secret));
    assert!(!shown(&drift).contains("rotated-secret-of-secret-9d1e"));
    let report = f.apply(&drift).await;
    assert!(report.all_succeeded(), "{report}");
    let report_text = format!("{report}\n{}", serde_json::to_string(&report).unwrap());
    assert!(!report_text.contains("rotated-secret-of-secret-9d1e"));
    assert_eq!(
        f.provider(GAMMA).await["clientSecret"],
        json!("rotated-secret-of-secret-9d1e"),
        "the secret is read from the variable when applying"
    );
    assert!(f.plan(&document).await.is_empty());
}

#[tokio::test]
async fn a_missing_secret_variable_is_refused_when_planning_before_any_request() {
    let f = Fixture::new("unset").await;
    let variable = "DESIRED_PINGONE_SECRET_NEVER_SET_7c41";
    let document = f.document(&(beta() + &gamma(variable, r#"["openid"]"#)));
    // A client pointed at a closed port: any request would fail with a transport error.
    let nowhere = PingOneClient::bearer("token")
        .base_url("http://127.0.0.1:9")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = desired::plan(
        &document,
        &Clients::new().pingone(&nowhere),
        &common::desired::options(),
    )
    .await
    .unwrap_err();
    let DesiredError::Resource {
        resource: r,
        source,
    } = &err
    else {
        panic!("expected a resource error, got {err:?}")
    };
    assert_eq!(*r, resource(GAMMA));
    let sso_connections::Error::InvalidInput(input) = source else {
        panic!("expected invalid input, got {source:?}")
    };
    assert_eq!(input.field(), "client_secret_env");
    assert!(err.to_string().contains(variable), "{err}");

    // Another environment's providers are planned concurrently: the variable is still looked
    // up before any of them is read (no worker token is ever asked for).
    let other = Uuid::from_u128(0xf0000000_0000_4000_8000_000000000001);
    let text = acme(&f.acme, "https://idp.acme.example/sso")
        + &gamma(variable, r#"["openid"]"#).replace(&ENV.to_string(), &other.to_string());
    let err = desired::plan(
        &f.document(&text),
        &f.clients(),
        &common::desired::options(),
    )
    .await
    .unwrap_err();
    let DesiredError::Resource { resource: r, .. } = &err else {
        panic!("expected a resource error, got {err:?}")
    };
    assert_eq!(
        *r,
        ResourceId::PingoneIdentityProvider {
            environment: other,
            name: GAMMA.into()
        }
    );
    assert!(err.to_string().contains(variable), "{err}");
    assert_eq!(f.simulator.tokens_issued(), 0, "no request was made");

    // Other kinds are planned first; the variable is still looked up before any of their
    // requests (the SaaS client points at the closed port too).
    let saas_nowhere = sso_connections::saas::SaasClient::builder("id", "secret")
        .base_url("http://127.0.0.1:9")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let text = format!(
        r#"
[saas.connections."acme.example"]
email = "it@acme.example"
entity_id = "https://acme.example/idp"
sso_endpoint = "https://acme.example/sso"
signing_certificate = "{cert}"
applications = [{{ application = "6964005a-6270-4a88-9ddc-0e6a4e05e51d" }}]
"#,
        cert = f.acme.base64()
    ) + &gamma(variable, r#"["openid"]"#);
    let clients = Clients::new().saas(&saas_nowhere).pingone(&nowhere);
    let err = desired::plan(&f.document(&text), &clients, &common::desired::options())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, DesiredError::Resource { resource: r, .. } if *r == resource(GAMMA)),
        "expected Gamma's variable to be refused first, got {err}"
    );
    assert!(err.to_string().contains(variable), "{err}");

    // Set when planning, gone when applying: that change fails, naming the variable, and
    // nothing is created.
    let planned = f.plan(&f.three()).await;
    std::env::remove_var(&f.variable);
    let report = f.apply(&planned).await;
    let failed: Vec<&ResourceId> = report.failures().map(|c| &c.resource).collect();
    assert_eq!(failed, [&resource(GAMMA)]);
    assert!(report.to_string().contains(&f.variable), "{report}");
    let names: Vec<Value> = f.live().await.iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names.len(), 2);
    assert!(!names.contains(&json!(GAMMA)));
}

#[tokio::test]
async fn a_plan_survives_json_and_the_deserialised_plan_applies() {
    let f = Fixture::new("json").await;
    let document = f.three();
    let planned = f.plan(&document).await;
    let text = serde_json::to_string_pretty(&planned).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], json!(1));
    assert_eq!(
        value["resources"][2]["resource"],
        json!({"kind": "pingone_identity_provider", "environment": ENV, "name": GAMMA})
    );
    assert_eq!(value["resources"][2]["observed"], json!("absent"));
    let operation = &value["resources"][2]["changes"][0]["operation"];
    assert_eq!(operation["api"], json!("pingone"));
    assert_eq!(operation["request"], json!("create"));
    assert_eq!(operation["client_secret_env"], json!(f.variable));
    assert_eq!(operation["body"].get("clientSecret"), None);
    let acme_operation = &value["resources"][0]["changes"][0]["operation"];
    assert_eq!(acme_operation["certificate"], json!(f.acme.base64()));

    let read: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(read, planned);
    let report = f.apply(&read).await;
    assert!(report.all_succeeded(), "{report}");
    assert_eq!(report.changes.len(), 3);
    assert!(f.plan(&document).await.is_empty());
}

impl Harness for Fixture {
    fn clients(&self) -> Clients<'_> {
        Clients::new().pingone(&self.pingone)
    }
}
