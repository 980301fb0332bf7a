//! PingOne certificates against the simulator: the inventory of an environment (every status,
//! who trusts which certificate and signs with which key), and the two-phase rotation of an
//! identity provider's verification certificate, with a trusted, valid certificate at every
//! step.

#[path = "metadata_kit/mod.rs"]
mod kit;

use chrono::{DateTime, TimeDelta, TimeZone as _, Utc};
use futures::TryStreamExt as _;
use kit::TestCert;
use sso_connections::certificates::{
    finish_pingone_rotation, plan_pingone_trust, start_pingone_rotation, CertificateUsage,
    ExpiryCheck, ExpiryStatus, Finding, InventoryEntry, MetadataSource, PingOneInventory,
    Reference, Refusal, RotationError, TrustChange,
};
use sso_connections::metadata::FetchOptions;
use sso_connections::pingone::{
    CertificateImport, CertificateUsageType, EnvironmentScope, IdentityProvider,
    IdpTokenEndpointAuthMethod, OidcIdentityProvider, PingOneClient, SamlApplication, SamlBinding,
    SamlIdentityProvider,
};
use sso_connections::values::Certificate;
use sso_connections::RetryPolicy;
use sso_connections::Uuid;
use sso_connections_simulator::Simulator;

const ENV: Uuid = Uuid::from_u128(0x02d37832_476a_431b_8a60_d77cecd7005c);

/// The moment every status here is judged at.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap()
}

fn year(y: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap()
}

async fn simulated() -> (Simulator, PingOneClient) {
    let sim = Simulator::start().await.unwrap();
    let client = PingOneClient::worker(
        ENV,
        sim.worker_client_id(),
        sim.worker_client_secret().to_owned(),
    )
    .base_url(sim.pingone_base_url())
    .token_url(sim.pingone_token_url(ENV))
    .build()
    .unwrap();
    (sim, client)
}

async fn import(env: EnvironmentScope<'_>, cert: &TestCert) -> Uuid {
    let import = CertificateImport::new(cert.certificate(), CertificateUsageType::Signing);
    env.certificates().import(&import).await.unwrap().id
}

async fn saml_provider(env: EnvironmentScope<'_>, name: &str, certificate: Uuid) -> Uuid {
    let provider = SamlIdentityProvider::new(name)
        .idp_entity_id(format!("https://{name}.example"))
        .sp_entity_id("https://sp.example")
        .sso_endpoint(format!("https://{name}.example/sso"), SamlBinding::HttpPost)
        .verification_certificates([certificate])
        .build()
        .unwrap();
    env.identity_providers()
        .create(&provider)
        .await
        .unwrap()
        .id()
        .unwrap()
}

async fn trusted(env: EnvironmentScope<'_>, provider: Uuid) -> Vec<Uuid> {
    match env.identity_providers().get(provider).await.unwrap() {
        IdentityProvider::Saml(saml) => saml
            .idp_verification
            .certificates
            .iter()
            .map(|c| c.id)
            .collect(),
        other => panic!("a SAML provider, got {other:?}"),
    }
}

fn certificate_entry(entries: &[InventoryEntry], wanted: Uuid) -> (&[Reference], &Finding) {
    entries
        .iter()
        .find_map(|e| match &e.usage {
            CertificateUsage::PingOneCertificate { id, trusted_by, .. } if *id == wanted => {
                Some((trusted_by.as_slice(), &e.finding))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no entry for {wanted}: {entries:?}"))
}

#[tokio::test]
async fn the_inventory_lists_every_certificate_and_key_with_its_users_and_status() {
    let (_sim, client) = simulated().await;
    let env = client.environment(ENV);
    let valid = import(env, &TestCert::new("Valid", 2025, 2035)).await;
    let soon = TestCert::between("Soon", year(2025), now() + TimeDelta::days(20));
    let expiring = import(env, &soon).await;
    let expired = import(env, &TestCert::new("Expired", 2020, 2029)).await;
    let future = import(env, &TestCert::new("Future", 2031, 2040)).await;
    let provider = saml_provider(env, "acme", expiring).await;
    let key = env.keys().list().try_collect::<Vec<_>>().await.unwrap()[0].id;
    let app = SamlApplication::new("Payroll")
        .acs_urls(["https://payroll.example/acs"])
        .assertion_duration(60)
        .sp_entity_id("https://payroll.example")
        .signing_key(key)
        .build()
        .unwrap();
    let app = env.applications().create(&app).await.unwrap().id().unwrap();

    let entries: Vec<InventoryEntry> = PingOneInventory::new(env, ExpiryCheck::at(now()))
        .list()
        .try_collect()
        .await
        .unwrap();

    let acme = [Reference {
        id: provider,
        name: "acme".into(),
    }];
    for (id, status, users) in [
        (valid, ExpiryStatus::Valid, &[][..]),
        (expiring, ExpiryStatus::Expiring, &acme[..]),
        (expired, ExpiryStatus::Expired, &[][..]),
        (future, ExpiryStatus::NotYetValid, &[][..]),
    ] {
        let (trusted_by, finding) = certificate_entry(&entries, id);
        assert_eq!(finding.status(), Some(status), "{id}");
        assert_eq!(trusted_by, users, "{id}");
    }
    let (_, finding) = certificate_entry(&entries, expiring);
    let Finding::Reported { reported, .. } = finding else {
        panic!("PingOne reports, it does not hand over: {finding:?}")
    };
    assert_eq!(reported.not_after, soon.not_after);
    assert_eq!(
        reported.serial.as_deref(),
        Some(soon.certificate().info().serial_decimal().as_str())
    );
    let key_entry = entries
        .iter()
        .find(|e| matches!(&e.usage, CertificateUsage::PingOneKey { id, .. } if *id == key))
        .expect("the environment's key");
    let CertificateUsage::PingOneKey { signs_for, .. } = &key_entry.usage else {
        unreachable!()
    };
    assert_eq!(signs_for.iter().map(|r| r.id).collect::<Vec<_>>(), [app]);
    assert_eq!(entries.len(), 5, "four certificates and one key");

    let json = serde_json::to_value(certificate_entry_owned(&entries, expiring)).unwrap();
    assert_eq!(json["usage"]["kind"], "pingone_certificate");
    assert_eq!(json["usage"]["trusted_by"][0]["name"], "acme");
    assert_eq!(json["status"], "expiring");
    assert_eq!(
        json["certificate"]["not_after"],
        soon.not_after
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
}

fn certificate_entry_owned(entries: &[InventoryEntry], wanted: Uuid) -> &InventoryEntry {
    entries
        .iter()
        .find(|e| matches!(&e.usage, CertificateUsage::PingOneCertificate { id, .. } if *id == wanted))
        .unwrap()
}

#[tokio::test]
async fn a_rotation_keeps_a_trusted_valid_certificate_at_every_step() {
    let (_sim, client) = simulated().await;
    let env = client.environment(ENV);
    let old = import(env, &TestCert::new("Old", 2025, 2031)).await;
    let provider = saml_provider(env, "acme", old).await;
    let next = TestCert::new("Next", 2031, 2040);

    // Phase one, a year before the new certificate starts: both are trusted.
    let started = start_pingone_rotation(env, provider, &next.certificate(), now())
        .await
        .unwrap();
    assert!(started.imported && started.changed);
    assert_eq!(started.trusted, [old, started.certificate_id]);
    assert_eq!(trusted(env, provider).await, [old, started.certificate_id]);
    let again = start_pingone_rotation(env, provider, &next.certificate(), now())
        .await
        .unwrap();
    assert!(!again.imported && !again.changed, "{again:?}");

    // Phase two is refused while the new certificate is not valid; nothing changes.
    let early = finish_pingone_rotation(env, provider, started.certificate_id, now())
        .await
        .unwrap_err();
    assert!(
        matches!(
            early,
            RotationError::Refused(Refusal::NotValidNow {
                status: ExpiryStatus::NotYetValid,
                ..
            })
        ),
        "{early:?}"
    );
    assert_eq!(trusted(env, provider).await, [old, started.certificate_id]);

    // Once it is valid, the provider trusts it alone, and the old one can go.
    let later = year(2031) + TimeDelta::days(1);
    let finished = finish_pingone_rotation(env, provider, started.certificate_id, later)
        .await
        .unwrap();
    assert_eq!(
        (finished.removed.as_slice(), finished.changed),
        (&[old][..], true)
    );
    assert_eq!(trusted(env, provider).await, [started.certificate_id]);
    let done_again = finish_pingone_rotation(env, provider, started.certificate_id, later)
        .await
        .unwrap();
    assert!(!done_again.changed && done_again.removed.is_empty());
    assert_eq!(
        env.certificates().delete(old).await.unwrap(),
        sso_connections::Deletion::Deleted
    );
}

#[tokio::test]
async fn refused_rotations_write_and_import_nothing() {
    let (_sim, client) = simulated().await;
    let env = client.environment(ENV);
    let old = import(env, &TestCert::new("Old", 2025, 2035)).await;
    let provider = saml_provider(env, "acme", old).await;
    let stored = || async {
        env.certificates()
            .list()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len()
    };

    let expired: Certificate = TestCert::new("Expired", 2020, 2029).certificate();
    let err = start_pingone_rotation(env, provider, &expired, now())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            RotationError::Refused(Refusal::NotValidNow {
                status: ExpiryStatus::Expired,
                ..
            })
        ),
        "{err:?}"
    );

    let oidc = OidcIdentityProvider::new("oidc")
        .issuer("https://oidc.example")
        .authorization_endpoint("https://oidc.example/authorize")
        .token_endpoint("https://oidc.example/token")
        .jwks_endpoint("https://oidc.example/jwks")
        .client("client", "client-secret")
        .scopes(["openid"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap();
    let oidc = env
        .identity_providers()
        .create(&oidc)
        .await
        .unwrap()
        .id()
        .unwrap();
    let new = TestCert::new("New", 2025, 2040).certificate();
    let err = start_pingone_rotation(env, oidc, &new, now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, RotationError::Refused(Refusal::NotSaml { identity_provider }) if identity_provider == oidc),
        "{err:?}"
    );
    assert_eq!(stored().await, 1, "nothing imported by a refused rotation");

    let other = import(env, &TestCert::new("Other", 2025, 2040)).await;
    let err = finish_pingone_rotation(env, provider, other, now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, RotationError::Refused(Refusal::NotTrustedYet { certificate }) if certificate == other),
        "{err:?}"
    );
    assert_eq!(trusted(env, provider).await, [old]);
}

/// Serves `document` at `/metadata.xml` and returns the server with a source for it.
async fn served(document: String) -> (httpmock::MockServer, MetadataSource) {
    let server = httpmock::MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(httpmock::Method::GET).path("/metadata.xml");
            then.status(200).body(document);
        })
        .await;
    let source = MetadataSource::new(server.url("/metadata.xml")).fetch_options(
        FetchOptions::default()
            .allow_http(true)
            .allow_private_addresses(true)
            .retry_policy(RetryPolicy::disabled()),
    );
    (server, source)
}

fn metadata_listing(certs: &[&TestCert]) -> String {
    let mut idp = kit::Idp::new("https://idp.acme.example");
    idp.keys = certs
        .iter()
        .map(|c| c.key_descriptor("md:", Some("signing")))
        .collect();
    idp.entity("md:")
}

#[tokio::test]
async fn the_trust_set_follows_the_metadata_through_the_identity_provider_s_own_rotation() {
    let (_sim, client) = simulated().await;
    let env = client.environment(ENV);
    let old = TestCert::new("Old", 2025, 2031);
    let next = TestCert::new("Next", 2030, 2040);
    let old_id = import(env, &old).await;
    let provider = saml_provider(env, "acme", old_id).await;

    // The identity provider starts its rotation: its metadata lists both.
    let (_server, source) = served(metadata_listing(&[&old, &next])).await;
    let plan = plan_pingone_trust(env, provider, &source, now())
        .await
        .unwrap();
    let TrustChange::Change(change) = &plan.change else {
        panic!("expected a change, got {:?}", plan.change)
    };
    assert_eq!(change.trust.len(), 1);
    assert_eq!(change.trust[0].sha256, next.sha256());
    assert!(change.stop_trusting.is_empty());
    assert_eq!(
        trusted(env, provider).await,
        [old_id],
        "planning writes nothing"
    );
    let applied = change.apply(env).await.unwrap();
    assert_eq!(applied.imported.len(), 1);
    let next_id = applied.imported[0];
    assert_eq!(trusted(env, provider).await, [old_id, next_id]);
    let stale = change.apply(env).await.unwrap_err();
    assert!(
        matches!(stale, RotationError::Refused(Refusal::StaleTrust { .. })),
        "{stale:?}"
    );
    let again = plan_pingone_trust(env, provider, &source, now())
        .await
        .unwrap();
    assert!(
        matches!(&again.change, TrustChange::Unchanged { trusted } if *trusted == [old_id, next_id]),
        "{:?}",
        again.change
    );

    // It finishes: the metadata lists the new one only, and the old one stops being trusted.
    let later = year(2031) + TimeDelta::days(1);
    let (_server, source) = served(metadata_listing(&[&next])).await;
    let plan = plan_pingone_trust(env, provider, &source, later)
        .await
        .unwrap();
    let TrustChange::Change(change) = &plan.change else {
        panic!("expected a change, got {:?}", plan.change)
    };
    assert!(change.trust.is_empty());
    assert_eq!(change.stop_trusting, [old_id]);
    let applied = change.apply(env).await.unwrap();
    assert!(applied.imported.is_empty());
    assert_eq!(trusted(env, provider).await, [next_id]);
}

#[tokio::test]
async fn metadata_without_a_certificate_valid_now_plans_nothing() {
    let (_sim, client) = simulated().await;
    let env = client.environment(ENV);
    let old_id = import(env, &TestCert::new("Old", 2025, 2035)).await;
    let provider = saml_provider(env, "acme", old_id).await;
    let (_server, source) = served(metadata_listing(&[&TestCert::new("Future", 2031, 2040)])).await;
    let err = plan_pingone_trust(env, provider, &source, now())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, RotationError::Failed(sso_connections::Error::InvalidInput(i)) if i.field() == "signingCertificate"),
        "{err:?}"
    );
    assert_eq!(trusted(env, provider).await, [old_id]);
}
