//! 1. Per-call overhead: the facade's get/update against the simulator on loopback, next to
//!    the same request sent with raw `reqwest` + `serde_json` into the same generated types.
//!    The server runs on its own runtime thread, so both sides pay the same server cost.

use std::time::Duration;

use base64::Engine as _;
use criterion::{criterion_group, criterion_main, Criterion};
use sso_connections::generated::saas::types;
use sso_connections::saas::{
    ApplicationIds, ConnectionUpdate, IdpId, NewConnection, SaasClient, SharedSettings,
};
use sso_connections::values::Certificate;
use sso_connections_simulator::{catalogue::CRM, Simulator};

const CERT: &str = include_str!("../tests/fixtures/example-idp-cert.pem");

struct Server {
    base_url: String,
    id: String,
    secret: String,
    _runtime: tokio::runtime::Runtime,
    _simulator: Simulator,
}

fn server() -> Server {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let simulator = runtime.block_on(Simulator::start()).unwrap();
    Server {
        base_url: simulator.saas_base_url(),
        id: simulator.client_id().to_owned(),
        secret: simulator.client_secret().to_owned(),
        _runtime: runtime,
        _simulator: simulator,
    }
}

fn settings() -> SharedSettings {
    SharedSettings::builder()
        .email("admin@acme.example")
        .entity_id("https://idp.acme.example")
        .sso_endpoint("https://idp.acme.example/sso")
        .signing_certificate(Certificate::parse(CERT).unwrap())
        .build()
        .unwrap()
}

fn overhead(c: &mut Criterion) {
    let server = server();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let facade = SaasClient::builder(&server.id, server.secret.clone())
        .base_url(&server.base_url)
        .build()
        .unwrap();
    let idp = IdpId::new("acme").unwrap();
    let request =
        NewConnection::for_applications(settings(), ApplicationIds::new([CRM]).unwrap()).unwrap();
    rt.block_on(facade.connections().create(&idp, &request))
        .unwrap();

    let raw = reqwest::Client::new();
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", server.id, server.secret))
    );
    let url = format!("{}/spManaged/acme", server.base_url);
    let update = ConnectionUpdate::settings(
        SharedSettings::builder()
            .sso_endpoint("https://idp.acme.example/sso2")
            .build()
            .unwrap(),
    );
    let update_body = serde_json::json!({ "ssoEndpoint": "https://idp.acme.example/sso2" });

    let mut group = c.benchmark_group("per_call");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("get/raw_reqwest", |b| {
        b.to_async(&rt).iter(|| async {
            let body = raw
                .get(&url)
                .header("authorization", &basic)
                .header("accept", "application/json")
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            serde_json::from_slice::<types::CustomerConnectionList>(&body).unwrap()
        })
    });
    let configured = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .user_agent("sso-connections/0.1.0")
        .build()
        .unwrap();
    group.bench_function("get/raw_reqwest_same_client_settings", |b| {
        b.to_async(&rt).iter(|| async {
            let body = configured
                .get(&url)
                .header("authorization", &basic)
                .header("accept", "application/json")
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            serde_json::from_slice::<types::CustomerConnectionList>(&body).unwrap()
        })
    });
    group.bench_function("get/generated_client_with_hooks", |b| {
        b.to_async(&rt).iter(|| async {
            facade
                .generated()
                .get_customer_connections()
                .idp_id("acme")
                .send()
                .await
                .unwrap()
                .into_inner()
        })
    });
    group.bench_function("get/facade", |b| {
        b.to_async(&rt)
            .iter(|| async { facade.connections().get(&idp).await.unwrap() })
    });
    group.bench_function("update/raw_reqwest", |b| {
        b.to_async(&rt).iter(|| async {
            let status = raw
                .post(&url)
                .header("authorization", &basic)
                .json(&update_body)
                .send()
                .await
                .unwrap()
                .status();
            assert!(status.is_success());
        })
    });
    group.bench_function("update/facade", |b| {
        b.to_async(&rt)
            .iter(|| async { facade.connections().update(&idp, &update).await.unwrap() })
    });
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
