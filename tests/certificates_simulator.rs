//! The SaaS certificate jobs against the simulator: an inventory over stored connections
//! with certificates of every status, a rotation that every connection of the `idpId` sees at
//! once, and a rotation planned from metadata and applied.

#[path = "metadata_kit/mod.rs"]
mod kit;

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use futures::StreamExt as _;
use httpmock::Method::GET;
use httpmock::MockServer;
use kit::{now, Idp, TestCert};
use sso_connections::certificates::{
    plan_saas_rotation, rotate_saas_certificate, CertificateProblem, ExpiryCheck, ExpiryStatus,
    MetadataSource, PlannedChange, Refusal, RotationError, RotationReason, RotationRules,
    SaasInventory,
};
use sso_connections::metadata::FetchOptions;
use sso_connections::saas::{
    ApplicationConnection, IdpId, NewConnection, SaasClient, SharedSettings,
};
use sso_connections::RetryPolicy;
use sso_connections_simulator::catalogue::{ANALYTICS, CRM};
use sso_connections_simulator::Simulator;

async fn simulated() -> (Simulator, SaasClient) {
    let simulator = Simulator::start().await.unwrap();
    let client = SaasClient::builder(simulator.client_id(), simulator.client_secret())
        .base_url(simulator.saas_base_url())
        .timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    (simulator, client)
}

fn idp(id: &str) -> IdpId {
    IdpId::new(id).unwrap()
}

/// Connects `id` to both eligible applications of the default catalogue with `cert`.
async fn connect(client: &SaasClient, id: &str, cert: &TestCert) {
    let settings = SharedSettings::builder()
        .email(format!("it@{id}.example"))
        .entity_id(format!("https://idp.{id}.example"))
        .sso_endpoint(format!("https://idp.{id}.example/sso"))
        .signing_certificate(cert.certificate())
        .build()
        .unwrap();
    let request = NewConnection::for_every_eligible_application(settings).unwrap();
    client
        .connections()
        .create(&idp(id), &request)
        .await
        .unwrap();
}

/// The certificate every connection of `id` holds, as SHA-256 fingerprints, per application.
async fn fingerprints(client: &SaasClient, id: &str) -> Vec<String> {
    let mut found = Vec::new();
    for application in [CRM, ANALYTICS] {
        let connection = match client
            .connections()
            .get_for_application(&idp(id), application)
            .await
            .unwrap()
        {
            ApplicationConnection::Found(c) | ApplicationConnection::Unconfirmed(c) => c,
            ApplicationConnection::NotConnected => panic!("{application} is not connected"),
        };
        let cert = connection.signing_certificate.unwrap().decode().unwrap();
        found.push(cert.info().sha256.clone());
    }
    found
}

fn around_now(days_before: i64, days_after: i64) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        now() + TimeDelta::days(days_before),
        now() + TimeDelta::days(days_after),
    )
}

#[tokio::test]
async fn the_inventory_reports_every_status_from_stored_connections() {
    let (_simulator, client) = simulated().await;
    let cases = [
        ("valid", around_now(-100, 100), ExpiryStatus::Valid),
        ("expiring", around_now(-100, 10), ExpiryStatus::Expiring),
        ("expired", around_now(-100, -1), ExpiryStatus::Expired),
        ("early", around_now(1, 100), ExpiryStatus::NotYetValid),
    ];
    let mut certs = Vec::new();
    for (id, (from, until), _) in &cases {
        let cert = TestCert::between(id, *from, *until);
        connect(&client, id, &cert).await;
        certs.push(cert);
    }
    // The idpIds as a stream, as they would come from a database query.
    let ids = futures::stream::iter(cases.iter().map(|(id, ..)| *id).chain(["unknown"])).map(idp);
    let items: Vec<_> = SaasInventory::new(client.connections(), ExpiryCheck::at(now()))
        .concurrency(2)
        .of_stream(ids)
        .collect()
        .await;
    assert_eq!(items.len(), 5);
    for ((item, (id, _, status)), cert) in items.iter().zip(&cases).zip(&certs) {
        let entry = item.as_ref().unwrap();
        assert_eq!(entry.finding.status(), Some(*status), "{id}");
        let info = entry.finding.certificate().unwrap();
        assert_eq!(info.sha256, cert.sha256(), "{id}");
        assert_eq!(info.subject, format!("CN={id}"));
        assert_eq!(
            (info.not_before, info.not_after),
            (cert.not_before, cert.not_after)
        );
    }
    assert_eq!(
        items[4].as_ref().unwrap().finding.problem(),
        Some(&CertificateProblem::NoConnections)
    );
}

#[tokio::test]
async fn a_rotation_is_seen_by_every_connection_of_the_idp_at_once() {
    let (_simulator, client) = simulated().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let next = TestCert::new("Acme", 2030, 2036);
    connect(&client, "acme", &current).await;
    connect(&client, "bystander", &current).await;
    assert_eq!(
        fingerprints(&client, "acme").await,
        [current.sha256(), current.sha256()]
    );

    let rules = RotationRules::at(now()).require_same_subject(true);
    let rotated = rotate_saas_certificate(
        client.connections(),
        &idp("acme"),
        &next.certificate(),
        &rules,
    )
    .await
    .unwrap();
    assert_eq!(rotated.from.unwrap().sha256, current.sha256());
    assert_eq!(
        fingerprints(&client, "acme").await,
        [next.sha256(), next.sha256()]
    );
    assert_eq!(
        fingerprints(&client, "bystander").await,
        [current.sha256(), current.sha256()],
        "another idpId keeps its certificate"
    );
    let again = rotate_saas_certificate(
        client.connections(),
        &idp("acme"),
        &next.certificate(),
        &rules,
    )
    .await;
    assert!(matches!(
        again,
        Err(RotationError::Refused(Refusal::SameAsCurrent { .. }))
    ));
}

#[tokio::test]
async fn a_rotation_planned_from_metadata_is_applied_and_then_in_step() {
    let (_simulator, client) = simulated().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let next = TestCert::new("Acme", 2030, 2036);
    connect(&client, "acme", &current).await;
    let mut idp_metadata = Idp::new("https://idp.acme.example");
    idp_metadata.keys = vec![next.key_descriptor("md:", Some("signing"))];
    let metadata = MockServer::start_async().await;
    let document = idp_metadata.entity("md:");
    let served = metadata
        .mock_async(|when, then| {
            when.method(GET).path("/metadata.xml");
            then.status(200)
                .header("last-modified", "Sat, 01 Jun 2030 00:00:00 GMT")
                .body(document);
        })
        .await;
    let source = MetadataSource::new(metadata.url("/metadata.xml")).fetch_options(
        FetchOptions::default()
            .allow_http(true)
            .allow_private_addresses(true)
            .retry_policy(RetryPolicy::disabled()),
    );

    let plan = plan_saas_rotation(client.connections(), &idp("acme"), &source, now())
        .await
        .unwrap();
    let PlannedChange::Rotate(rotation) = &plan.change else {
        panic!("expected a rotation, got {:?}", plan.change)
    };
    assert_eq!(rotation.reason, RotationReason::LiveNotListed);
    assert_eq!(
        fingerprints(&client, "acme").await,
        [current.sha256(), current.sha256()],
        "planning changes nothing"
    );
    rotation
        .apply(client.connections(), &RotationRules::at(now()))
        .await
        .unwrap();
    assert_eq!(
        fingerprints(&client, "acme").await,
        [next.sha256(), next.sha256()]
    );
    assert_eq!(
        plan.validators.last_modified.as_deref(),
        Some("Sat, 01 Jun 2030 00:00:00 GMT")
    );

    // The server ignores the validators here (no 304): the document is compared again and
    // found in step.
    let again = plan_saas_rotation(
        client.connections(),
        &idp("acme"),
        &source.clone().validators(plan.validators.clone()),
        now(),
    )
    .await
    .unwrap();
    assert!(
        matches!(again.change, PlannedChange::Unchanged { ref certificate } if certificate.sha256 == next.sha256())
    );
    assert_eq!(served.calls_async().await, 2);
    // The plan, applied a second time, is stale: the certificate it replaces is gone.
    let stale = rotation
        .apply(client.connections(), &RotationRules::at(now()))
        .await;
    assert!(matches!(
        stale,
        Err(RotationError::Refused(Refusal::StalePlan { .. }))
    ));
}
