//! A PingOne SAML identity provider from metadata in one call: the certificate imported (or
//! reused when the environment has it), the provider referring to it, nothing sent when the
//! metadata cannot make a provider, and no certificate left behind when the creation fails.

mod common;

use futures::TryStreamExt as _;
use httpmock::prelude::*;
use serde_json::json;
use sso_connections::metadata::{onboard_pingone, Metadata, PingOneOnboarding};
use sso_connections::pingone::{IdentityProvider, PingOneClient};
use sso_connections::{Error, Uuid};
use sso_connections_simulator::Simulator;

use common::kit::{now, Idp, TestCert, POST as POST_BINDING};
use common::pingone::{client, env_path, page, ENV};

fn metadata_with(cert: &TestCert) -> Metadata {
    let mut idp = Idp::new("https://idp.acme.example");
    idp.keys = vec![cert.key_descriptor("md:", Some("signing"))];
    idp.sso = vec![(POST_BINDING, "https://idp.acme.example/sso")];
    Metadata::parse(idp.entity("md:").as_bytes()).unwrap()
}

fn env() -> Uuid {
    ENV.parse().unwrap()
}

fn worker(sim: &Simulator) -> PingOneClient {
    PingOneClient::worker(
        env(),
        sim.worker_client_id(),
        sim.worker_client_secret().to_owned(),
    )
    .base_url(sim.pingone_base_url())
    .token_url(sim.pingone_token_url(env()))
    .build()
    .unwrap()
}

#[tokio::test]
async fn the_provider_is_created_with_its_certificate_and_a_second_one_reuses_it() {
    let sim = Simulator::start().await.unwrap();
    let client = worker(&sim);
    let cert = TestCert::new("Acme signing", 2020, 2040);
    let metadata = metadata_with(&cert);
    let entity = metadata.entity(None).unwrap();

    let first = onboard_pingone(
        client.environment(env()),
        entity,
        &PingOneOnboarding::new("Acme", "https://sp.example/acme", now()),
    )
    .await
    .unwrap();
    assert!(first.certificate_imported);
    assert_eq!(first.chosen.certificate.sha256, cert.sha256());
    let IdentityProvider::Saml(saml) = &first.identity_provider else {
        panic!("a SAML provider, got {:?}", first.identity_provider)
    };
    let referred: Vec<Uuid> = saml
        .idp_verification
        .certificates
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(referred, [first.certificate_id]);
    assert_eq!(saml.idp_entity_id, "https://idp.acme.example");
    assert_eq!(saml.sso_endpoint, "https://idp.acme.example/sso");

    let second = onboard_pingone(
        client.environment(env()),
        entity,
        &PingOneOnboarding::new("Acme (second)", "https://sp.example/acme-2", now()),
    )
    .await
    .unwrap();
    assert!(!second.certificate_imported, "found, not imported again");
    assert_eq!(second.certificate_id, first.certificate_id);
    let stored: Vec<_> = client
        .environment(env())
        .certificates()
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "{stored:?}");
}

#[tokio::test]
async fn metadata_that_cannot_make_a_provider_sends_nothing() {
    let server = MockServer::start_async().await;
    let any = server.mock_async(|_, then| {
        then.status(500);
    });
    let any = any.await;
    let cert = TestCert::new("Expired", 2010, 2020);
    let metadata = metadata_with(&cert);
    let err = onboard_pingone(
        client(&server).environment(env()),
        metadata.entity(None).unwrap(),
        &PingOneOnboarding::new("Acme", "https://sp.example/acme", now()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(input) if input.field() == "signingCertificate"),
        "{err:?}"
    );
    let empty_name = onboard_pingone(
        client(&server).environment(env()),
        metadata_with(&TestCert::new("Valid", 2020, 2040))
            .entity(None)
            .unwrap(),
        &PingOneOnboarding::new("", "https://sp.example/acme", now()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&empty_name, Error::InvalidInput(input) if input.field() == "name"),
        "{empty_name:?}"
    );
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_failed_creation_deletes_the_certificate_it_imported() {
    let server = MockServer::start_async().await;
    let certificate_id = "7d3f5a0e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(env_path("/certificates"));
            then.status(200)
                .json_body(page("certificates", vec![], None));
        })
        .await;
    let import = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(env_path("/certificates"))
                .body_includes("name=\"usageType\"\r\n\r\nSIGNING");
            then.status(202).json_body(json!({ "id": certificate_id }));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(env_path("/identityProviders"))
                .json_body_includes(
                    json!({ "idpVerification": { "certificates": [{ "id": certificate_id }] } })
                        .to_string(),
                );
            then.status(400).json_body(json!({
                "id": "e1", "code": "INVALID_DATA", "message": "The request could not be completed."
            }));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(env_path(&format!("/certificates/{certificate_id}")));
            then.status(204);
        })
        .await;

    let metadata = metadata_with(&TestCert::new("Acme signing", 2020, 2040));
    let err = onboard_pingone(
        client(&server).environment(env()),
        metadata.entity(None).unwrap(),
        &PingOneOnboarding::new("Acme", "https://sp.example/acme", now()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, Error::Api(_)),
        "the creation's error: {err:?}"
    );
    for mock in [&list, &import, &create, &delete] {
        mock.assert_calls_async(1).await;
    }
}
