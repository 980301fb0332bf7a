//! PingOne certificates and keys: the exact requests on the wire (the multipart upload
//! included), the refusals before sending, and against the simulator the decoded fields, the
//! seeded signing key and the reference rules (an identity provider cannot name a missing
//! certificate, an application a missing key; a certificate in use cannot be deleted until
//! nothing refers to it).

mod common;

use futures::TryStreamExt as _;
use httpmock::Method::{DELETE, GET, POST};
use httpmock::MockServer;
use serde_json::json;
use sso_connections::pingone::{
    Application, CertificateImport, CertificateStatus, CertificateUsageType, IdentityProvider,
    KeyAlgorithm, PingOneClient, SamlApplication, SamlBinding, SamlIdentityProvider,
};
use sso_connections::values::Certificate;
use sso_connections::{Deletion, Error, Uuid};
use sso_connections_simulator::Simulator;

use common::api_request;
use common::pingone::{client, env_path, generated_certificate, ENV};

const SIM_ENV: Uuid = Uuid::from_u128(0x5e1f_0000_0000_4000_8000_0000_0000_0001);
const DAY: i64 = 86_400;

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn stored_certificate(id: &str) -> serde_json::Value {
    json!({
        "id": id,
        "environment": {"id": ENV},
        "name": "CN=Acme IdP",
        "subjectDN": "CN=Acme IdP",
        "issuerDN": "CN=Acme IdP",
        "serialNumber": 1575482494783_i64,
        "startsAt": "2026-01-01T00:00:00.000Z",
        "expiresAt": "2027-01-01T00:00:00.000Z",
        "algorithm": "EC",
        "keyLength": 256,
        "signatureAlgorithm": "SHA256withECDSA",
        "usageType": "SIGNING",
        "status": "VALID",
        "createdAt": "2026-02-01T00:00:00.000Z",
    })
}

fn env_id() -> Uuid {
    Uuid::parse_str(ENV).unwrap()
}

#[tokio::test]
async fn import_sends_one_multipart_form_with_the_pem_and_the_usage_type() {
    let server = MockServer::start_async().await;
    let der = generated_certificate("Acme IdP", now() - DAY, now() + 300 * DAY);
    let certificate = Certificate::from_der(der).unwrap();
    let import = CertificateImport::new(certificate.clone(), CertificateUsageType::Signing);
    let pem = import_pem(&certificate);
    // The whole body: the file part (name, file name, media type, PEM), then the usage type.
    let body = format!(
        "^--(?P<b>[0-9a-f-]+)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"certificate.pem\"\r\nContent-Type: application/x-pem-file\r\n\r\n{}\r\n--[0-9a-f-]+\r\nContent-Disposition: form-data; name=\"usageType\"\r\n\r\nSIGNING\r\n--[0-9a-f-]+--\r\n$",
        regex::escape(&pem)
    );
    let id = "4a1ab0f3-50d1-4bd1-a8de-0b6c7d1b8a33";
    let mock = server
        .mock_async(|when, then| {
            api_request(when, POST, &env_path("/certificates"), "Bearer test-token")
                .header_matches("content-type", "^multipart/form-data; boundary=[0-9a-f-]+$")
                .body_matches(body.as_str());
            then.status(202).json_body(stored_certificate(id));
        })
        .await;
    let stored = client(&server)
        .environment(env_id())
        .certificates()
        .import(&import)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(stored.id.to_string(), id);
    assert_eq!(stored.usage_type, Some(CertificateUsageType::Signing));
    assert_eq!(stored.serial_number.unwrap().as_u64(), Some(1575482494783));
}

/// The PEM the facade uploads: 64 base64 characters a line.
fn import_pem(certificate: &Certificate) -> String {
    let b64 = certificate.to_base64();
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

#[tokio::test]
async fn a_usage_type_that_cannot_be_one_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500);
        })
        .await;
    let der = generated_certificate("Acme IdP", now() - DAY, now() + DAY);
    let certificate = Certificate::from_der(der).unwrap();
    for usage in ["", "signing", "SIGN ING"] {
        let import = CertificateImport::new(certificate.clone(), CertificateUsageType::from(usage));
        let err = client(&server)
            .environment(env_id())
            .certificates()
            .import(&import)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput(input) if input.field() == "usageType"),
            "{usage:?}: {err}"
        );
    }
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn list_get_delete_and_keys_on_the_wire() {
    let server = MockServer::start_async().await;
    let id = "4a1ab0f3-50d1-4bd1-a8de-0b6c7d1b8a33";
    let mut odd = stored_certificate(id);
    // Values no request could carry are read all the same: a serial beyond 64 bits, an
    // unknown status and usage, an unknown field.
    odd["serialNumber"] = json!(1267650600228229401496703205376_f64);
    odd["status"] = json!("QUARANTINED");
    odd["usageType"] = json!("FUTURE_USE");
    odd["keyLength"] = json!(-1);
    odd["extraField"] = json!({"kept": true});
    let list = server
        .mock_async(|when, then| {
            api_request(when, GET, &env_path("/certificates"), "Bearer test-token");
            then.status(200)
                .json_body(json!({"_embedded": {"certificates": [odd.clone()]}, "size": 1}));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            api_request(
                when,
                GET,
                &env_path(&format!("/certificates/{id}")),
                "Bearer test-token",
            );
            then.status(200).json_body(stored_certificate(id));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            api_request(
                when,
                DELETE,
                &env_path(&format!("/certificates/{id}")),
                "Bearer test-token",
            );
            then.status(204);
        })
        .await;
    let key_id = "0f1e2d3c-4b5a-4968-8776-655443322110";
    let mut key = stored_certificate(key_id);
    key["default"] = json!(true);
    key["algorithm"] = json!("RSA");
    let keys = server
        .mock_async(|when, then| {
            api_request(when, GET, &env_path("/keys"), "Bearer test-token");
            then.status(200)
                .json_body(json!({"_embedded": {"keys": [key.clone()]}}));
        })
        .await;
    let one_key = server
        .mock_async(|when, then| {
            api_request(
                when,
                GET,
                &env_path(&format!("/keys/{key_id}")),
                "Bearer test-token",
            );
            then.status(200).json_body(key.clone());
        })
        .await;

    let client = client(&server);
    let env = client.environment(env_id());
    let listed: Vec<_> = env.certificates().list().try_collect().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].status,
        Some(CertificateStatus::Unknown("QUARANTINED".into()))
    );
    assert!(listed[0].serial_number.as_ref().unwrap().as_u64().is_none());
    assert_eq!(listed[0].extra["extraField"], json!({"kept": true}));
    let one = env
        .certificates()
        .get(Uuid::parse_str(id).unwrap())
        .await
        .unwrap();
    assert_eq!(one.subject_dn.as_deref(), Some("CN=Acme IdP"));
    assert_eq!(
        env.certificates()
            .delete(Uuid::parse_str(id).unwrap())
            .await
            .unwrap(),
        Deletion::Deleted
    );
    let all_keys: Vec<_> = env.keys().list().try_collect().await.unwrap();
    assert_eq!(all_keys[0].default, Some(true));
    let key = env
        .keys()
        .get(Uuid::parse_str(key_id).unwrap())
        .await
        .unwrap();
    assert_eq!(key.algorithm, Some(KeyAlgorithm::Rsa));
    for mock in [list, get, delete, keys, one_key] {
        mock.assert_async().await;
    }
}

fn worker(sim: &Simulator) -> PingOneClient {
    PingOneClient::worker(
        SIM_ENV,
        sim.worker_client_id(),
        sim.worker_client_secret().to_owned(),
    )
    .base_url(sim.pingone_base_url())
    .token_url(sim.pingone_token_url(SIM_ENV))
    .build()
    .unwrap()
}

fn saml_idp(name: &str, certificates: &[Uuid]) -> IdentityProvider {
    SamlIdentityProvider::new(name)
        .idp_entity_id("https://idp.acme.example")
        .sp_entity_id("pingone-acme")
        .sso_endpoint("https://idp.acme.example/sso", SamlBinding::HttpRedirect)
        .verification_certificates(certificates.iter().copied())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_simulator_decodes_pem_and_der_uploads_with_their_dates() {
    let sim = Simulator::start().await.unwrap();
    let client = worker(&sim);
    let certificates = client.environment(SIM_ENV).certificates();
    let (from, until) = (now() - 10 * DAY, now() + 20 * DAY);
    let der = generated_certificate("Acme IdP", from, until);
    let pem_import = CertificateImport::new(
        Certificate::from_der(der.clone()).unwrap(),
        CertificateUsageType::Signing,
    );
    let stored = certificates.import(&pem_import).await.unwrap();
    assert_eq!(stored.subject_dn.as_deref(), Some("CN=Acme IdP"));
    assert_eq!(stored.issuer_dn.as_deref(), Some("CN=Acme IdP"));
    assert_eq!(stored.starts_at.unwrap().timestamp(), from);
    assert_eq!(stored.expires_at.unwrap().timestamp(), until);
    assert_eq!(stored.algorithm, Some(KeyAlgorithm::Ec));
    assert_eq!(stored.key_length, Some(256));
    assert_eq!(stored.status, Some(CertificateStatus::Expiring));
    let listed: Vec<_> = certificates.list().try_collect().await.unwrap();
    assert_eq!(listed.iter().map(|c| c.id).collect::<Vec<_>>(), [stored.id]);
    assert_eq!(
        certificates.get(stored.id).await.unwrap().subject_dn,
        stored.subject_dn
    );

    // A not-yet-valid one, uploaded by hand as DER.
    let later = generated_certificate("Next IdP", now() + 5 * DAY, now() + 400 * DAY);
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(later).file_name("next.der"),
        )
        .text("usageType", "SIGNING");
    let token = common::pingone::simulator_token(&sim, SIM_ENV).await;
    let answer = upload_to_simulator(&sim, token, form).await;
    assert_eq!(answer.status(), 202);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["subjectDN"], "CN=Next IdP");
    assert_eq!(body["status"], "NOT_YET_VALID");
}

#[tokio::test]
async fn the_simulator_refuses_what_is_not_a_certificate() {
    let sim = Simulator::start().await.unwrap();
    let token = common::pingone::simulator_token(&sim, SIM_ENV).await;
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"not a certificate".to_vec()),
        )
        .text("usageType", "SIGNING");
    let answer = upload_to_simulator(&sim, token, form).await;
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "INVALID_DATA");
    assert_eq!(body["details"][0]["target"], "file");
}

#[tokio::test]
async fn references_to_certificates_are_enforced() {
    let sim = Simulator::start().await.unwrap();
    let client = worker(&sim);
    let env = client.environment(SIM_ENV);
    let idps = env.identity_providers();

    // A missing certificate cannot be named.
    let missing = Uuid::from_u128(77);
    let err = idps
        .create(&saml_idp("Acme", &[missing]))
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err}")
    };
    assert_eq!(api.status, 400);
    assert_eq!(
        api.details[0].target.as_deref(),
        Some("idpVerification.certificates[0].id")
    );

    // In use: not deleted.
    let old = common::pingone::import_test_certificate(&client, SIM_ENV).await;
    let new = common::pingone::import_test_certificate(&client, SIM_ENV).await;
    let idp = idps.create(&saml_idp("Acme", &[old])).await.unwrap();
    let err = env.certificates().delete(old).await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err}")
    };
    assert_eq!(
        (api.status.as_u16(), api.code.as_deref()),
        (400, Some("INVALID_REQUEST"))
    );
    assert!(env.certificates().get(old).await.is_ok());

    // Once the identity provider refers to the new one only, the old one goes.
    let idp_id = idp.id().unwrap();
    idps.replace(idp_id, &saml_idp("Acme", &[new]))
        .await
        .unwrap();
    assert_eq!(
        env.certificates().delete(old).await.unwrap(),
        Deletion::Deleted
    );
    assert_eq!(
        env.certificates().delete(old).await.unwrap(),
        Deletion::NotFound
    );
    assert!(matches!(
        env.certificates().delete(new).await,
        Err(Error::Api(_))
    ));
}

#[tokio::test]
async fn every_environment_has_a_signing_key() {
    let sim = Simulator::start().await.unwrap();
    let client = worker(&sim);
    let keys: Vec<_> = client
        .environment(SIM_ENV)
        .keys()
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].usage_type, Some(CertificateUsageType::Signing));
    assert_eq!(keys[0].default, Some(true));
    let again = client
        .environment(SIM_ENV)
        .keys()
        .get(keys[0].id)
        .await
        .unwrap();
    assert_eq!(again.subject_dn, keys[0].subject_dn);
    assert!(matches!(
        client
            .environment(SIM_ENV)
            .keys()
            .get(Uuid::from_u128(5))
            .await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn an_application_signs_only_with_a_key_of_its_environment() {
    let sim = Simulator::start().await.unwrap();
    let client = worker(&sim);
    let env = client.environment(SIM_ENV);
    let app = |key: Uuid| {
        SamlApplication::new("Payroll")
            .acs_urls(["https://payroll.example/acs"])
            .assertion_duration(60)
            .sp_entity_id("https://payroll.example")
            .signing_key(key)
            .build()
            .unwrap()
    };
    let err = env
        .applications()
        .create(&app(Uuid::from_u128(5)))
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err}")
    };
    assert_eq!(api.status, 400);
    assert_eq!(api.details[0].target.as_deref(), Some("idpSigning.key.id"));

    let key = env.keys().list().try_collect::<Vec<_>>().await.unwrap()[0].id;
    let created = env.applications().create(&app(key)).await.unwrap();
    let Application::Saml(saml) = created else {
        panic!("a SAML application")
    };
    assert_eq!(saml.idp_signing.as_ref().map(|s| s.key.id), Some(key));
}

/// Sends `form` to the simulator's certificate import without the facade (for uploads the
/// facade would refuse or never build).
async fn upload_to_simulator(
    sim: &Simulator,
    token: String,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    common::raw_http()
        .post(format!(
            "{}/environments/{SIM_ENV}/certificates",
            sim.pingone_base_url()
        ))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}
