//! 2. Decoding: a GET answer of 10,000 customer connections and a PingOne applications page
//!    of 1,000 mixed OIDC/SAML applications. The facade's decoding next to `serde_json` into
//!    the same generated types and into `serde_json::Value`. For PingOne the typed baseline is
//!    progenitor's own untagged union of the generated structs, which the facade replaces
//!    with a union that picks the variant from `protocol` and keeps unknown kinds.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use sso_connections::generated::pingone::types as pingone;
use sso_connections::generated::saas::types as saas;
use sso_connections::saas::CustomerConnection;

const CERT_B64: &str =
    "MIIDkDCCAvmgAwIBAgIJAONZ/Sh8jJVaMA0GCSqGSIb3DQEBBQUAMIGNMQswCQYDVQQGEwJVUzER";

fn connections(n: usize) -> Vec<u8> {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "email": format!("admin{i}@acme.example"), "idpId": format!("customer-{i}"),
                "entityId": "https://idp.acme.example", "ssoEndpoint": "https://idp.acme.example/sso",
                "signingCertificate": CERT_B64, "multiplexed": i % 2 == 0, "sloBinding": "POST",
                "signAuthnRequest": false, "signingAlgorithm": "RSA_SHA256",
                "connectionsStatus": if i % 3 == 0 { "Disabled" } else { "Active" },
            })
        })
        .collect();
    serde_json::to_vec(&items).unwrap()
}

fn applications(n: usize) -> Vec<u8> {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let common = json!({
                "id": format!("00000000-0000-4000-8000-{i:012}"), "name": format!("app-{i}"),
                "enabled": true, "environment": { "id": "02d37832-476a-431b-8a60-d77cecd7005c" },
                "createdAt": "2026-11-23T10:00:00.000Z", "updatedAt": "2026-11-23T10:00:00.000Z",
            });
            let mut app = common.as_object().unwrap().clone();
            if i % 2 == 0 {
                app.extend(json!({
                    "protocol": "OPENID_CONNECT", "type": "WEB_APP",
                    "grantTypes": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"], "responseTypes": ["CODE"],
                    "redirectUris": ["https://app.example.com/callback"],
                    "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "pkceEnforcement": "OPTIONAL",
                }).as_object().unwrap().clone());
            } else {
                app.extend(json!({
                    "protocol": "SAML", "type": "WEB_APP", "acsUrls": ["https://sp.example.com/acs"],
                    "assertionDuration": 60, "spEntityId": format!("https://sp.example.com/{i}"),
                    "sloBinding": "HTTP_POST",
                }).as_object().unwrap().clone());
            }
            Value::Object(app)
        })
        .collect();
    serde_json::to_vec(&json!({
        "_links": { "self": { "href": "https://api.pingone.com/v1/environments/x/applications" } },
        "_embedded": { "applications": items }, "size": n, "count": n,
    }))
    .unwrap()
}

/// How progenitor itself represents this `oneOf` (an untagged enum of the same generated
/// structs), which the facade replaces with its own union: the typed baseline.
#[derive(serde::Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum DirectApplication {
    Oidc(pingone::ApplicationOidc),
    Saml(pingone::ApplicationSaml),
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct DirectPage {
    #[serde(rename = "_embedded")]
    embedded: DirectEmbedded,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct DirectEmbedded {
    applications: Vec<DirectApplication>,
}

fn decoding(c: &mut Criterion) {
    let body = connections(10_000);
    let mut group = c.benchmark_group("decode_10k_connections");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(BenchmarkId::new("into", "serde_json::Value"), |b| {
        b.iter(|| serde_json::from_slice::<Value>(&body).unwrap())
    });
    group.bench_function(BenchmarkId::new("into", "generated types"), |b| {
        b.iter(|| serde_json::from_slice::<saas::CustomerConnectionList>(&body).unwrap())
    });
    group.bench_function(
        BenchmarkId::new("into", "facade (generated + conversion)"),
        |b| {
            b.iter(|| {
                let list: saas::CustomerConnectionList = serde_json::from_slice(&body).unwrap();
                list.0
                    .into_iter()
                    .map(CustomerConnection::from)
                    .collect::<Vec<_>>()
            })
        },
    );
    group.finish();

    let page = applications(1_000);
    let mut group = c.benchmark_group("decode_1k_applications_page");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function(BenchmarkId::new("into", "serde_json::Value"), |b| {
        b.iter(|| serde_json::from_slice::<Value>(&page).unwrap())
    });
    group.bench_function(
        BenchmarkId::new("into", "generated types (progenitor untagged union)"),
        |b| b.iter(|| serde_json::from_slice::<DirectPage>(&page).unwrap()),
    );
    group.bench_function(
        BenchmarkId::new("into", "facade (generated page + unions)"),
        |b| b.iter(|| serde_json::from_slice::<pingone::ApplicationPage>(&page).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, decoding);
criterion_main!(benches);
