//! Conformance against data recorded by other projects, kept in `../shared/fixtures/` (not in
//! this repository). These tests are ignored by default because a clone of the repository does
//! not have that folder; `.ci/run` runs them with `--ignored` when it exists.

use std::path::PathBuf;

use futures::StreamExt as _;
use httpmock::{Method, MockServer};
use serde_json::Value;
use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
use sso_connections::{Deletion, RetryPolicy};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures")
}

/// Serves one WireMock mapping with httpmock: the same method, path, query and
/// `Authorization` rule, and the recorded answer.
fn serve<'a>(server: &'a MockServer, mapping: &Value) -> httpmock::Mock<'a> {
    let request = &mapping["request"];
    let mut path = request["urlPathTemplate"].as_str().unwrap().to_owned();
    for (name, rule) in request["pathParameters"].as_object().into_iter().flatten() {
        path = path.replace(&format!("{{{name}}}"), rule["equalTo"].as_str().unwrap());
    }
    let response = &mapping["response"];
    server.mock(|mut when, mut then| {
        when = when
            .method(Method::from(request["method"].as_str().unwrap()))
            .path(path);
        for (name, rule) in request["queryParameters"].as_object().into_iter().flatten() {
            when = when.query_param(name, rule["equalTo"].as_str().unwrap());
        }
        for (name, rule) in request["headers"].as_object().into_iter().flatten() {
            let value = format!("^{}$", rule["matches"].as_str().unwrap());
            when = when.header_matches(format!("(?i)^{name}$"), value);
        }
        then = then.status(response["status"].as_u64().unwrap() as u16);
        for (name, value) in response["headers"].as_object().into_iter().flatten() {
            then = then.header(name, value.as_str().unwrap());
        }
        then.body(response["body"].as_str().unwrap_or_default());
    })
}

#[tokio::test]
#[ignore = "needs ../shared/fixtures/; .ci/run runs it when the folder exists"]
async fn every_connection_profile_call_reads_go_auth0_recorded_answers() {
    let text = std::fs::read_to_string(fixtures().join("go-auth0-connection-profiles.json"))
        .expect("../shared/fixtures/go-auth0-connection-profiles.json");
    let recorded: Value = serde_json::from_str(&text).unwrap();
    let mappings = recorded["mappings"].as_array().unwrap();
    assert_eq!(mappings.len(), 7);

    let server = MockServer::start();
    let mocks: Vec<_> = mappings.iter().map(|m| serve(&server, m)).collect();
    let client = Auth0Client::token("tenant.example", "recorded-token")
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let profiles = client.connection_profiles();
    let named = ConnectionProfileSettings::builder()
        .name("name")
        .build()
        .unwrap();
    // The recorded profile's prefix is 31 characters: over the 15 a client may send.
    let long_prefix = Some("connection_name_prefix_template");

    let first = profiles
        .list_from("from", Some(1))
        .next()
        .await
        .unwrap()
        .unwrap();
    assert_eq!((first.id.as_str(), first.name.as_str()), ("id", "name"));
    assert_eq!(
        first.connection_name_prefix_template.as_deref(),
        long_prefix
    );

    let created = profiles.create(&named).await.unwrap();
    assert_eq!(
        created.connection_name_prefix_template.as_deref(),
        long_prefix
    );
    assert_eq!(
        created
            .strategy_overrides
            .unwrap()
            .google_apps
            .unwrap()
            .enabled_features
            .unwrap()
            .len(),
        1
    );

    let templates = profiles.templates().await.unwrap();
    assert_eq!(templates[0].display_name.as_deref(), Some("display_name"));

    let template = profiles.template("id").await.unwrap();
    let settings = template.template.unwrap();
    assert_eq!(
        settings.connection_name_prefix_template.as_deref(),
        long_prefix
    );

    let profile = profiles.get("id").await.unwrap();
    assert_eq!(
        profile.connection_name_prefix_template.as_deref(),
        long_prefix
    );

    let updated = profiles.update("id", &named).await.unwrap();
    assert_eq!(updated.id, "id");

    assert_eq!(profiles.delete("id").await.unwrap(), Deletion::Deleted);

    for (mock, mapping) in mocks.iter().zip(mappings) {
        assert_eq!(mock.calls(), 1, "{}", mapping["name"]);
    }
}

/// Real identity-provider metadata from other projects (`../shared/fixtures/saml-metadata/`,
/// 14 documents: Entra ID, ADFS, Okta, Google, OneLogin, Keycloak, Shibboleth, PingOne, …):
/// every one parses, and its JSON form has the documented keys. Prints what each holds.
#[test]
#[ignore = "needs ../shared/fixtures/; .ci/run runs it when the folder exists"]
fn every_real_metadata_document_parses() {
    let dir = fixtures().join("saml-metadata");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("../shared/fixtures/saml-metadata")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(files.len() >= 14, "{} documents", files.len());
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let metadata = sso_connections::metadata::Metadata::parse(&std::fs::read(&file).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_value(&metadata).unwrap();
        for entity in json["entities"].as_array().unwrap() {
            for key in [
                "entity_id",
                "sso",
                "slo",
                "signing_certificates",
                "encryption_certificates",
                "want_authn_requests_signed",
                "name_id_formats",
                "valid_until",
                "cache_duration",
            ] {
                assert!(entity.get(key).is_some(), "{name}: no {key}");
            }
        }
        for entity in &metadata.entities {
            let bindings: Vec<&str> = entity
                .sso
                .iter()
                .map(|e| e.binding.rsplit(':').next().unwrap_or_default())
                .collect();
            println!(
                "{name}: {} sso {:?}, {} slo, {} signing and {} encryption certificates",
                entity.entity_id,
                bindings,
                entity.slo.len(),
                entity.signing_certificates.len(),
                entity.encryption_certificates.len()
            );
        }
    }
}
