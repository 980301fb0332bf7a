//! From metadata to a connection: the documented choices (certificate, endpoints, bindings,
//! signed requests), refusals when the metadata cannot make a connection, and onboarding
//! end to end against the simulator.

#[path = "metadata_kit/mod.rs"]
mod kit;

use kit::{now, Idp, TestCert, POST, REDIRECT};
use sso_connections::metadata::{
    onboard_saas, CertificateChoice, Metadata, SaasOnboarding, SsoPreference,
};
use sso_connections::pingone::{IdentityProvider, SamlBinding};
use sso_connections::saas::{Applied, IdpId, SaasClient, SloBinding};
use sso_connections::{Error, Uuid};
use sso_connections_simulator::Simulator;

fn parsed(idp: &Idp) -> Metadata {
    Metadata::parse(idp.entity("md:").as_bytes()).unwrap()
}

/// A simulator and a SaaS client pointed at it (keep the simulator alive while the client
/// is used).
async fn simulated() -> (Simulator, SaasClient) {
    let simulator = Simulator::start().await.unwrap();
    let client = SaasClient::builder(simulator.client_id(), simulator.client_secret())
        .base_url(simulator.saas_base_url())
        .build()
        .unwrap();
    (simulator, client)
}

fn field_of(err: Error) -> (&'static str, String) {
    match err {
        Error::InvalidInput(input) => (input.field(), input.reason().to_owned()),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn the_valid_certificate_that_expires_last_is_chosen() {
    let expired = TestCert::new("Expired", 2020, 2029);
    let current = TestCert::new("Current", 2025, 2035);
    let next = TestCert::new("Next", 2030, 2040);
    let future = TestCert::new("Future", 2031, 2050);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = [&expired, &next, &current, &future]
        .iter()
        .map(|c| c.key_descriptor("md:", Some("signing")))
        .collect();
    let metadata = parsed(&idp);
    let entity = metadata.entity(None).unwrap();
    let (_, chosen) = entity
        .saas_settings(now(), CertificateChoice::ValidOnly)
        .unwrap();
    assert_eq!(
        chosen.certificate.sha256,
        next.sha256(),
        "valid now and latest not-after"
    );
    assert!(chosen
        .notes
        .iter()
        .any(|n| n.contains("4 signing certificates")));

    // A year later the rotation is over: still the one valid then that lasts longest.
    let later = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2036, 1, 1, 0, 0, 0).unwrap();
    let (_, chosen) = entity
        .saas_settings(later, CertificateChoice::ValidOnly)
        .unwrap();
    assert_eq!(chosen.certificate.sha256, future.sha256());
}

#[test]
fn no_valid_certificate_is_refused_unless_accepted_explicitly() {
    let expired = TestCert::new("Expired", 2020, 2029);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![expired.key_descriptor("md:", None)];
    let metadata = parsed(&idp);
    let entity = metadata.entity(None).unwrap();
    let (field, reason) = field_of(
        entity
            .saas_settings(now(), CertificateChoice::ValidOnly)
            .unwrap_err(),
    );
    assert_eq!(field, "signingCertificate");
    assert!(
        reason.contains("none of the 1 signing certificates") && reason.contains("2029-01-01"),
        "{reason}"
    );

    let (_, chosen) = entity
        .saas_settings(now(), CertificateChoice::LatestEvenIfInvalid)
        .unwrap();
    assert_eq!(chosen.certificate.sha256, expired.sha256());
    assert!(chosen.notes.iter().any(|n| n.contains("not valid at")));

    let bare = parsed(&Idp::new("https://bare.example"));
    for choice in [
        CertificateChoice::ValidOnly,
        CertificateChoice::LatestEvenIfInvalid,
    ] {
        let (field, reason) = field_of(bare.entities[0].saas_settings(now(), choice).unwrap_err());
        assert_eq!(field, "signingCertificate");
        assert!(reason.contains("lists no signing certificate"), "{reason}");
    }
}

#[test]
fn saas_settings_prefer_redirect_for_sign_on_and_post_for_logout() {
    let cert = TestCert::new("Signing", 2020, 2040);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![cert.key_descriptor("md:", Some("signing"))];
    idp.sso = vec![
        (POST, "https://idp.example/sso/post"),
        (REDIRECT, "https://idp.example/sso/redirect"),
    ];
    idp.slo = vec![
        (REDIRECT, "https://idp.example/slo/redirect", None),
        (
            POST,
            "https://idp.example/slo/post",
            Some("https://idp.example/slo/answer"),
        ),
    ];
    idp.want_signed = Some(true);
    let metadata = parsed(&idp);
    let (builder, chosen) = metadata.entities[0]
        .saas_settings(now(), CertificateChoice::ValidOnly)
        .unwrap();
    let settings = builder.email("it@customer.example").build().unwrap();
    assert_eq!(settings.entity_id(), Some("https://idp.example"));
    assert_eq!(
        settings.sso_endpoint().unwrap().as_str(),
        "https://idp.example/sso/redirect"
    );
    assert_eq!(
        settings.signing_certificate().unwrap().der(),
        cert.der.as_slice()
    );
    assert_eq!(
        chosen.slo.as_ref().unwrap().location,
        "https://idp.example/slo/post"
    );
    assert_eq!(chosen.sign_authn_request, Some(true));
    assert!(chosen.notes.is_empty(), "{:?}", chosen.notes);
    let wire = format!("{settings:?}");
    assert!(
        wire.contains("slo/answer") && wire.contains(&format!("{:?}", SloBinding::Post)),
        "{wire}"
    );
}

#[test]
fn a_post_only_idp_is_used_with_a_note_and_one_without_either_binding_is_refused() {
    let cert = TestCert::new("Signing", 2020, 2040);
    let mut idp = Idp::new("https://post-only.example");
    idp.keys = vec![cert.key_descriptor("md:", None)];
    idp.sso = vec![(POST, "https://post-only.example/sso")];
    let (_, chosen) = parsed(&idp).entities[0]
        .saas_settings(now(), CertificateChoice::ValidOnly)
        .unwrap();
    assert_eq!(chosen.sso.location, "https://post-only.example/sso");
    assert!(
        chosen
            .notes
            .iter()
            .any(|n| n.contains("no HTTP-Redirect endpoint")),
        "{:?}",
        chosen.notes
    );

    idp.sso = vec![(
        "urn:oasis:names:tc:SAML:2.0:bindings:SOAP",
        "https://post-only.example/soap",
    )];
    let (field, _) = field_of(
        parsed(&idp).entities[0]
            .saas_settings(now(), CertificateChoice::ValidOnly)
            .unwrap_err(),
    );
    assert_eq!(field, "ssoEndpoint");
}

#[test]
fn a_pingone_identity_provider_takes_every_field_but_the_certificate_resource() {
    let cert = TestCert::new("Signing", 2020, 2040);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![cert.key_descriptor("md:", Some("signing"))];
    idp.sso = vec![
        (REDIRECT, "https://idp.example/sso/redirect"),
        (POST, "https://idp.example/sso/post"),
    ];
    idp.slo = vec![(
        REDIRECT,
        "https://idp.example/slo",
        Some("https://idp.example/slo/answer"),
    )];
    idp.want_signed = Some(false);
    let metadata = parsed(&idp);
    let entity = &metadata.entities[0];
    let (builder, chosen) = entity
        .pingone_identity_provider(
            "Acme",
            "pingone-acme",
            now(),
            CertificateChoice::ValidOnly,
            SsoPreference::Post,
        )
        .unwrap();
    assert_eq!(chosen.certificate.sha256, cert.sha256());
    let (field, _) = field_of(builder.clone().build().unwrap_err());
    assert_eq!(
        field, "idpVerification.certificates",
        "the certificate resource is the one thing left"
    );
    let built = builder
        .verification_certificates([Uuid::from_u128(9)])
        .build()
        .unwrap();
    let IdentityProvider::Saml(saml) = built else {
        panic!("a SAML provider")
    };
    assert_eq!(saml.idp_entity_id, "https://idp.example");
    assert_eq!(saml.sp_entity_id, "pingone-acme");
    assert_eq!(
        (saml.sso_endpoint.as_str(), saml.sso_binding.clone()),
        ("https://idp.example/sso/post", SamlBinding::HttpPost)
    );
    assert_eq!(
        saml.slo_endpoint.as_deref(),
        Some("https://idp.example/slo")
    );
    assert_eq!(saml.slo_binding, Some(SamlBinding::HttpRedirect));
    assert_eq!(
        saml.slo_response_endpoint.as_deref(),
        Some("https://idp.example/slo/answer")
    );
    assert_eq!(saml.authn_request_signed, Some(false));

    let (redirect, _) = entity
        .pingone_identity_provider(
            "Acme",
            "pingone-acme",
            now(),
            CertificateChoice::ValidOnly,
            SsoPreference::Redirect,
        )
        .unwrap();
    let IdentityProvider::Saml(saml) = redirect
        .verification_certificates([Uuid::from_u128(9)])
        .build()
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(saml.sso_binding, SamlBinding::HttpRedirect);
}

#[tokio::test]
async fn onboarding_creates_then_updates_the_connection_against_the_simulator() {
    let (_simulator, client) = simulated().await;
    let first = TestCert::new("First", 2020, 2040);
    let mut idp = Idp::new("https://idp.customer.example");
    idp.keys = vec![first.key_descriptor("md:", Some("signing"))];
    idp.slo = vec![(POST, "https://idp.customer.example/slo", None)];
    let customer = IdpId::new("customer.example").unwrap();
    let onboarding = SaasOnboarding::new("it@customer.example", now());

    let metadata = parsed(&idp);
    let created = onboard_saas(
        client.connections(),
        &customer,
        &metadata.entities[0],
        &onboarding,
    )
    .await
    .unwrap();
    assert_eq!(created.applied, Applied::Created);
    let stored = client.connections().get(&customer).await.unwrap();
    assert_eq!(
        stored.len(),
        2,
        "both eligible applications of the default catalogue"
    );
    for connection in &stored {
        assert_eq!(
            connection.entity_id.as_deref(),
            Some("https://idp.customer.example")
        );
        assert_eq!(
            connection.sso_endpoint.as_deref(),
            Some("https://idp.example/sso/redirect")
        );
        assert_eq!(
            connection.slo_endpoint.as_deref(),
            Some("https://idp.customer.example/slo")
        );
        assert_eq!(
            connection
                .signing_certificate
                .as_ref()
                .unwrap()
                .decode()
                .unwrap()
                .der(),
            first.der.as_slice()
        );
    }

    // The customer rotated its certificate: onboarding again updates the shared settings.
    let second = TestCert::new("Second", 2029, 2045);
    idp.keys = vec![second.key_descriptor("md:", Some("signing"))];
    let metadata = parsed(&idp);
    let updated = onboard_saas(
        client.connections(),
        &customer,
        &metadata.entities[0],
        &onboarding,
    )
    .await
    .unwrap();
    assert_eq!(updated.applied, Applied::Updated);
    assert_eq!(updated.chosen.certificate.sha256, second.sha256());
    for connection in client.connections().get(&customer).await.unwrap() {
        assert_eq!(
            connection
                .signing_certificate
                .unwrap()
                .decode()
                .unwrap()
                .der(),
            second.der.as_slice()
        );
    }
}

#[tokio::test]
async fn onboarding_refuses_before_sending_when_the_metadata_cannot_make_a_connection() {
    let (_simulator, client) = simulated().await;
    let metadata = parsed(&Idp::new("https://bare.example"));
    let customer = IdpId::new("bare.example").unwrap();
    let onboarding = SaasOnboarding::new("it@bare.example", now());
    let err = onboard_saas(
        client.connections(),
        &customer,
        &metadata.entities[0],
        &onboarding,
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(err).0, "signingCertificate");
    assert!(
        matches!(
            client.connections().get(&customer).await,
            Err(Error::NotFound(_))
        ),
        "nothing was created"
    );
    let bad_email = SaasOnboarding::new("not an email", now());
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![TestCert::new("Signing", 2020, 2040).key_descriptor("md:", None)];
    let err = onboard_saas(
        client.connections(),
        &customer,
        &parsed(&idp).entities[0],
        &bad_email,
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(err).0, "email");
}
