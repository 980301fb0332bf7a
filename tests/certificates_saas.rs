//! The SaaS certificate jobs on the wire: the inventory's reads, each rotation refusal (with
//! nothing written), the one update a rotation sends, and planning from metadata (including
//! an unchanged document costing one conditional request).

mod common;

use chrono::{DateTime, TimeZone as _, Utc};
use common::kit::{self, Idp, TestCert};
use common::saas::{client, idp, BASIC_AUTH};
use common::Expect;
use futures::StreamExt as _;
use httpmock::Method::{GET, POST, PUT};
use httpmock::{Mock, MockServer};
use serde_json::{json, Value};
use sso_connections::certificates::{
    plan_saas_rotation, rotate_saas_certificate, CertificateProblem, CertificateUsage, ExpiryCheck,
    ExpiryStatus, MetadataSource, PlannedChange, Refusal, RotationError, RotationReason,
    RotationRules, SaasInventory,
};
use sso_connections::metadata::{FetchOptions, Validators};
use sso_connections::{Error, RetryPolicy};

/// 2030-06-01, the moment of every check here.
fn now() -> DateTime<Utc> {
    kit::now()
}

fn year(y: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap()
}

/// A connection item as the API returns it, with this certificate text.
fn item(certificate: Option<&str>) -> Value {
    let mut item = json!({
        "email": "admin@acme.example",
        "idpId": "acme",
        "entityId": "https://idp.acme.example",
        "ssoEndpoint": "https://idp.acme.example/sso",
        "multiplexed": true,
        "status": "ACTIVE",
    });
    if let Some(certificate) = certificate {
        item["signingCertificate"] = Value::String(certificate.to_owned());
    }
    item
}

/// The API's MIME base64: lines of 76 characters.
fn mime(cert: &TestCert) -> String {
    cert.base64()
        .as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n")
}

async fn reads<'a>(server: &'a MockServer, idp_id: &str, status: u16, body: Value) -> Mock<'a> {
    Expect::new(GET, format!("/spManaged/{idp_id}"), BASIC_AUTH)
        .answer(server, status, body)
        .await
}

/// The one update a rotation sends: exactly this certificate, nothing else, no query.
async fn updates<'a>(server: &'a MockServer, idp_id: &str, cert: &TestCert) -> Mock<'a> {
    let body = json!({ "signingCertificateData": cert.base64() });
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/spManaged/{idp_id}"))
                .header("authorization", BASIC_AUTH)
                .header("content-type", "application/json")
                .header_missing("api-version")
                .query_param_count(".*", ".*", 0)
                .json_body(body);
            then.status(200);
        })
        .await
}

/// Every write the API has on `idp_id` (create is PUT, update is POST), to count them.
async fn writes<'a>(server: &'a MockServer, idp_id: &str) -> [Mock<'a>; 2] {
    let path = format!("/spManaged/{idp_id}");
    let mut found = Vec::new();
    for method in [PUT, POST] {
        let path = path.clone();
        found.push(
            server
                .mock_async(move |when, then| {
                    when.method(method).path(path);
                    then.status(500);
                })
                .await,
        );
    }
    found.try_into().ok().unwrap()
}

async fn nothing_written(writes: &[Mock<'_>; 2]) {
    for write in writes {
        assert_eq!(write.calls_async().await, 0, "nothing may be written");
    }
}

// ---------------------------------------------------------------- inventory

#[tokio::test]
async fn the_inventory_reads_each_idp_once_and_reports_every_case_in_order() {
    let server = MockServer::start_async().await;
    let expiring = TestCert::between(
        "Acme",
        year(2029),
        year(2030) + chrono::TimeDelta::days(160),
    );
    let other = TestCert::new("Other", 2029, 2035);
    let mocks = [
        reads(
            &server,
            "acme",
            200,
            json!([item(Some(&mime(&expiring))), item(Some(&expiring.base64()))]),
        )
        .await,
        reads(
            &server,
            "gone",
            404,
            json!("No connection exists for idpId gone"),
        )
        .await,
        reads(&server, "blank", 200, json!([item(None)])).await,
        reads(&server, "broken", 200, json!([item(Some("AAAA"))])).await,
        reads(
            &server,
            "split",
            200,
            json!([item(Some(&expiring.base64())), item(Some(&other.base64()))]),
        )
        .await,
        reads(&server, "down", 503, json!("maintenance")).await,
        reads(&server, "empty", 200, json!([])).await,
        reads(
            &server,
            "partial",
            200,
            json!([item(Some(&other.base64())), item(None)]),
        )
        .await,
    ];
    let client = client(&server);
    let ids = [
        "acme", "gone", "blank", "broken", "split", "down", "empty", "partial",
    ];
    let check = ExpiryCheck::at(now()).threshold(std::time::Duration::from_secs(30 * 86_400));
    let items: Vec<_> = SaasInventory::new(client.connections(), check)
        .concurrency(3)
        .of(ids.map(idp))
        .collect()
        .await;
    assert_eq!(
        items.len(),
        ids.len(),
        "one item per idpId, errors included"
    );
    let usage = |id: &str| CertificateUsage::SaasIdp { idp_id: id.into() };
    let problem = |i: usize| items[i].as_ref().unwrap().finding.problem().cloned();

    let acme = items[0].as_ref().unwrap();
    assert_eq!(acme.usage, usage("acme"));
    assert_eq!(
        acme.finding.status(),
        Some(ExpiryStatus::Expiring),
        "26 days left"
    );
    let info = acme.finding.certificate().unwrap();
    assert_eq!(
        (
            info.subject.as_str(),
            info.issuer.as_str(),
            info.sha256.clone()
        ),
        ("CN=Acme", "CN=Acme", expiring.sha256())
    );
    assert_eq!(
        (info.not_before, info.not_after),
        (expiring.not_before, expiring.not_after)
    );

    assert_eq!(problem(1), Some(CertificateProblem::NoConnections));
    assert_eq!(problem(2), Some(CertificateProblem::Missing));
    assert!(
        matches!(problem(3), Some(CertificateProblem::Undecodable { reason }) if reason.contains("X.509"))
    );
    assert_eq!(
        problem(4),
        Some(CertificateProblem::Inconsistent { distinct: 2 })
    );
    let down = items[5].as_ref().unwrap_err();
    assert_eq!(down.usage, usage("down"));
    assert_eq!(down.error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(problem(6), Some(CertificateProblem::NoConnections));
    assert_eq!(
        problem(7),
        Some(CertificateProblem::Inconsistent { distinct: 2 }),
        "a connection without the shared certificate"
    );
    for (mock, id) in mocks.iter().zip(ids) {
        assert_eq!(mock.calls_async().await, 1, "{id} is read exactly once");
    }
}

// ---------------------------------------------------------------- rotation

#[tokio::test]
async fn a_rotation_sends_only_the_new_certificate_to_the_shared_settings() {
    let server = MockServer::start_async().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let next = TestCert::new("Acme", 2030, 2036);
    let read = reads(
        &server,
        "acme",
        200,
        json!([item(Some(&mime(&current))), item(Some(&mime(&current)))]),
    )
    .await;
    let update = updates(&server, "acme", &next).await;
    let client = client(&server);
    let rules = RotationRules::at(now()).require_same_subject(true);
    let rotated = rotate_saas_certificate(
        client.connections(),
        &idp("acme"),
        &next.certificate(),
        &rules,
    )
    .await
    .unwrap();
    assert_eq!(rotated.idp_id, "acme");
    assert_eq!(rotated.from.unwrap().sha256, current.sha256());
    assert_eq!(rotated.to.sha256, next.sha256());
    assert_eq!(
        (read.calls_async().await, update.calls_async().await),
        (1, 1)
    );
}

#[tokio::test]
async fn a_certificate_not_valid_now_is_refused_before_any_request() {
    let server = MockServer::start_async().await;
    let any = common::catch_all(&server).await;
    let client = client(&server);
    for (cert, status) in [
        (TestCert::new("Old", 2020, 2030), ExpiryStatus::Expired),
        (
            TestCert::new("Early", 2031, 2040),
            ExpiryStatus::NotYetValid,
        ),
    ] {
        let err = rotate_saas_certificate(
            client.connections(),
            &idp("acme"),
            &cert.certificate(),
            &RotationRules::at(now()),
        )
        .await
        .unwrap_err();
        let RotationError::Refused(Refusal::NotValidNow {
            status: refused, ..
        }) = &err
        else {
            panic!("expected a refusal, got {err:?}");
        };
        assert_eq!(*refused, status);
        let plain: Error = err.into();
        assert!(
            matches!(&plain, Error::InvalidInput(i) if i.field() == "signingCertificate"),
            "{plain}"
        );
    }
    assert_eq!(any.calls_async().await, 0, "nothing was sent");
}

#[tokio::test]
async fn each_refusal_after_reading_writes_nothing() {
    let server = MockServer::start_async().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let stranger = TestCert::new("Stranger", 2030, 2036);
    reads(&server, "same", 200, json!([item(Some(&mime(&current)))])).await;
    reads(
        &server,
        "renamed",
        200,
        json!([item(Some(&current.base64()))]),
    )
    .await;
    reads(
        &server,
        "gone",
        404,
        json!("No connection exists for idpId gone"),
    )
    .await;
    reads(&server, "broken", 200, json!([item(Some("not base64 %%"))])).await;
    let written = [
        writes(&server, "same").await,
        writes(&server, "renamed").await,
        writes(&server, "gone").await,
        writes(&server, "broken").await,
    ];
    let client = client(&server);
    let lenient = RotationRules::at(now());
    let strict = lenient.require_same_subject(true);
    let refusal = |result: Result<_, RotationError>| match result {
        Err(RotationError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let rotate = |id: &'static str, cert: &TestCert, rules: RotationRules| {
        let certificate = cert.certificate();
        let client = client.clone();
        async move {
            rotate_saas_certificate(client.connections(), &idp(id), &certificate, &rules).await
        }
    };

    assert_eq!(
        refusal(rotate("same", &current, lenient).await),
        Refusal::SameAsCurrent {
            sha256: current.sha256()
        }
    );
    assert_eq!(
        refusal(rotate("renamed", &stranger, strict).await),
        Refusal::SubjectChanged {
            current: "CN=Acme".into(),
            new: "CN=Stranger".into()
        }
    );
    assert_eq!(
        refusal(rotate("gone", &stranger, lenient).await),
        Refusal::NoConnections
    );
    assert!(matches!(
        refusal(rotate("broken", &stranger, strict).await),
        Refusal::CurrentUnknown {
            problem: CertificateProblem::Undecodable { .. }
        }
    ));
    for write in &written {
        nothing_written(write).await;
    }
}

// ---------------------------------------------------------------- from metadata

fn local() -> FetchOptions {
    FetchOptions::default()
        .allow_http(true)
        .allow_private_addresses(true)
        .retry_policy(RetryPolicy::disabled())
}

fn metadata_with(certs: &[&TestCert]) -> String {
    let mut idp = Idp::new("https://idp.acme.example");
    idp.keys = certs
        .iter()
        .map(|c| c.key_descriptor("md:", Some("signing")))
        .collect();
    idp.entity("md:")
}

/// Serves `document` with an `ETag`, and 304 to a request that sends that `ETag` back.
async fn serve_metadata<'a>(server: &'a MockServer, document: String, etag: &str) -> [Mock<'a>; 2] {
    let full = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/metadata.xml")
                .header_missing("if-none-match");
            then.status(200)
                .header("content-type", "application/samlmetadata+xml")
                .header("etag", etag)
                .body(document);
        })
        .await;
    let conditional = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/metadata.xml")
                .header("if-none-match", etag);
            then.status(304).header("etag", etag);
        })
        .await;
    [full, conditional]
}

#[tokio::test]
async fn a_plan_from_metadata_proposes_the_rotation_and_a_second_call_applies_it() {
    let idp_server = MockServer::start_async().await;
    let api = MockServer::start_async().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let next = TestCert::new("Acme", 2030, 2036);
    let [full, conditional] = serve_metadata(&idp_server, metadata_with(&[&next]), "\"v2\"").await;
    let read = reads(&api, "acme", 200, json!([item(Some(&mime(&current)))])).await;
    let update = updates(&api, "acme", &next).await;
    let client = client(&api);
    let source = MetadataSource::new(idp_server.url("/metadata.xml")).fetch_options(local());

    let plan = plan_saas_rotation(client.connections(), &idp("acme"), &source, now())
        .await
        .unwrap();
    assert_eq!(plan.validators.etag.as_deref(), Some("\"v2\""));
    let PlannedChange::Rotate(rotation) = &plan.change else {
        panic!("expected a rotation, got {:?}", plan.change);
    };
    assert_eq!(rotation.reason, RotationReason::LiveNotListed);
    assert_eq!(rotation.from.as_ref().unwrap().sha256, current.sha256());
    assert_eq!(rotation.to.sha256, next.sha256());
    assert_eq!(update.calls_async().await, 0, "a plan writes nothing");
    let shown = serde_json::to_value(&plan).unwrap();
    assert_eq!(shown["change"]["kind"], "rotate");
    assert_eq!(shown["change"]["reason"], "live_not_listed");
    assert_eq!(shown["change"]["to"]["not_after"], "2036-01-01T00:00:00Z");

    let rotated = rotation
        .apply(client.connections(), &RotationRules::at(now()))
        .await
        .unwrap();
    assert_eq!(rotated.to.sha256, next.sha256());
    assert_eq!(update.calls_async().await, 1);
    assert_eq!(
        read.calls_async().await,
        2,
        "the plan's read, and apply's check that it is not stale"
    );

    // Stored validators: the unchanged document costs one conditional request, nothing else.
    let again = source.clone().validators(plan.validators.clone());
    let unchanged = plan_saas_rotation(client.connections(), &idp("acme"), &again, now())
        .await
        .unwrap();
    assert_eq!(unchanged.change, PlannedChange::DocumentUnchanged);
    assert_eq!(unchanged.validators, plan.validators);
    assert_eq!(
        (full.calls_async().await, conditional.calls_async().await),
        (1, 1)
    );
    assert_eq!(read.calls_async().await, 2, "the connections were not read");
}

#[tokio::test]
async fn a_plan_says_unchanged_or_why_it_rotates() {
    let idp_server = MockServer::start_async().await;
    let api = MockServer::start_async().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let later = TestCert::new("Acme", 2030, 2036);
    let early = TestCert::new("Acme", 2031, 2040);
    reads(&api, "acme", 200, json!([item(Some(&mime(&current)))])).await;
    reads(&api, "blank", 200, json!([item(None)])).await;
    reads(
        &api,
        "gone",
        404,
        json!("No connection exists for idpId gone"),
    )
    .await;
    let client = client(&api);
    let mut served = serve_metadata(&idp_server, metadata_with(&[&current, &early]), "\"a\"").await;
    let source = MetadataSource::new(idp_server.url("/metadata.xml")).fetch_options(local());
    let plan = |id: &'static str| {
        let (client, source) = (&client, &source);
        async move { plan_saas_rotation(client.connections(), &idp(id), source, now()).await }
    };

    // The live certificate is the one valid now that expires last (the other is not valid yet).
    let in_step = plan("acme").await.unwrap();
    assert!(
        matches!(&in_step.change, PlannedChange::Unchanged { certificate } if certificate.sha256 == current.sha256())
    );

    for mock in &mut served {
        mock.delete_async().await;
    }
    serve_metadata(&idp_server, metadata_with(&[&current, &later]), "\"b\"").await;
    let both = plan("acme").await.unwrap();
    let PlannedChange::Rotate(rotation) = &both.change else {
        panic!("{:?}", both.change)
    };
    assert_eq!(rotation.reason, RotationReason::LaterCertificateListed);
    assert_eq!(rotation.to.sha256, later.sha256());
    assert!(
        rotation.notes.iter().any(|n| n.contains("expires last")),
        "{:?}",
        rotation.notes
    );

    let PlannedChange::Rotate(rotation) = plan("blank").await.unwrap().change else {
        panic!()
    };
    assert_eq!(
        (rotation.reason, rotation.from),
        (RotationReason::NoUsableLive, None)
    );
    assert!(matches!(
        plan("gone").await,
        Err(RotationError::Refused(Refusal::NoConnections))
    ));
}

#[tokio::test]
async fn applying_a_stale_plan_is_refused_and_writes_nothing() {
    let idp_server = MockServer::start_async().await;
    let api = MockServer::start_async().await;
    let current = TestCert::new("Acme", 2025, 2031);
    let meanwhile = TestCert::new("Acme", 2029, 2033);
    let next = TestCert::new("Acme", 2030, 2036);
    serve_metadata(&idp_server, metadata_with(&[&next]), "\"v2\"").await;
    let read = reads(&api, "acme", 200, json!([item(Some(&mime(&current)))])).await;
    let client = client(&api);
    let source = MetadataSource::new(idp_server.url("/metadata.xml")).fetch_options(local());
    let plan = plan_saas_rotation(client.connections(), &idp("acme"), &source, now())
        .await
        .unwrap();
    let PlannedChange::Rotate(rotation) = plan.change else {
        panic!()
    };

    // Someone rotated by hand since the plan was made.
    read.delete_async().await;
    reads(&api, "acme", 200, json!([item(Some(&mime(&meanwhile)))])).await;
    let written = writes(&api, "acme").await;
    let refused = rotation
        .apply(client.connections(), &RotationRules::at(now()))
        .await;
    let Err(RotationError::Refused(Refusal::StalePlan { planned, live })) = refused else {
        panic!("expected a stale plan, got {refused:?}");
    };
    assert_eq!(
        (planned, live),
        (Some(current.sha256()), Some(meanwhile.sha256()))
    );
    nothing_written(&written).await;

    // Applied at a moment when the new certificate is no longer valid: refused as well.
    let late = Utc.with_ymd_and_hms(2036, 6, 1, 0, 0, 0).unwrap();
    let refused = rotation
        .apply(client.connections(), &RotationRules::at(late))
        .await;
    assert!(matches!(
        refused,
        Err(RotationError::Refused(Refusal::NotValidNow { .. }))
    ));
    nothing_written(&written).await;
}

#[tokio::test]
async fn metadata_without_a_valid_certificate_is_refused_before_the_connections_are_read() {
    let idp_server = MockServer::start_async().await;
    let api = MockServer::start_async().await;
    let any = common::catch_all(&api).await;
    serve_metadata(
        &idp_server,
        metadata_with(&[&TestCert::new("Old", 2020, 2029)]),
        "\"x\"",
    )
    .await;
    let client = client(&api);
    let source = MetadataSource::new(idp_server.url("/metadata.xml"))
        .fetch_options(local())
        .validators(Validators::default());
    let err = plan_saas_rotation(client.connections(), &idp("acme"), &source, now())
        .await
        .unwrap_err();
    let plain: Error = err.into();
    assert!(
        matches!(&plain, Error::InvalidInput(i) if i.field() == "signingCertificate"),
        "{plain}"
    );
    assert_eq!(any.calls_async().await, 0);
}
