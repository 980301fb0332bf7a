//! Bad input is a typed `InvalidInput` naming the field, and no request is sent. Secrets never
//! appear in `Debug`, `Display` or error output.

mod common;

use base64::Engine as _;
use common::saas::*;
use common::{example_cert, invalid_input, uuid, EXAMPLE_CERT_PEM};
use httpmock::MockServer;
use sso_connections::saas::{
    ApplicationIds, ConnectionUpdate, IdpId, NewConnection, SaasClient, SharedSettings,
};
use sso_connections::values::{Certificate, Email, Fingerprint, HttpUrl};
use sso_connections::{Error, SecretString};

#[test]
fn idp_id_rejects_empty_slash_control_characters_and_dot_segments() {
    for bad in [
        "",
        "/",
        "acme/prod",
        "line\nbreak",
        "tab\there",
        "nul\0",
        "del\u{7f}",
        ".",
        "..",
    ] {
        assert_eq!(
            invalid_input(IdpId::new(bad)).field(),
            "idpId",
            "{bad:?} should be rejected"
        );
    }
    for good in [
        "exampleIdp.com",
        "acme corp",
        "a#b",
        "what?",
        "100%",
        "café",
        "日本",
        "-_.~!$&'()*+,;=:@",
        "...",
        ".a",
    ] {
        assert_eq!(IdpId::new(good).unwrap().as_str(), good);
    }
}

#[test]
fn certificate_accepts_pem_base64_with_line_breaks_and_der() {
    let from_pem = Certificate::parse(EXAMPLE_CERT_PEM).unwrap();
    let der = from_pem.der().to_vec();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let mime: String = b64
        .as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n");
    let spaced = format!("  {}\n\t{}  ", &b64[..100], &b64[100..]);
    for text in [b64.as_str(), mime.as_str(), spaced.as_str()] {
        assert_eq!(Certificate::parse(text).unwrap(), from_pem);
    }
    assert_eq!(Certificate::from_der(der).unwrap(), from_pem);
    assert_eq!(from_pem.to_base64(), b64);
    assert!(
        from_pem.subject().contains("CN=John Doe"),
        "{}",
        from_pem.subject()
    );
    // Debug shows the subject and size, not the certificate.
    let debug = format!("{from_pem:?}");
    assert!(
        debug.contains("der_len: 916") && !debug.contains(&b64[..40]),
        "{debug}"
    );
}

#[test]
fn certificate_rejects_what_is_not_an_x509_certificate() {
    let not_cert = base64::engine::general_purpose::STANDARD.encode(b"hello world, not DER");
    let truncated_pem = EXAMPLE_CERT_PEM.replace("-----END CERTIFICATE-----", "");
    for bad in [
        "",
        "   ",
        "%%%not base64%%%",
        not_cert.as_str(),
        truncated_pem.as_str(),
    ] {
        assert_eq!(
            invalid_input(Certificate::parse(bad)).field(),
            "signingCertificate",
            "{bad:?}"
        );
    }
    assert_eq!(
        invalid_input(Certificate::from_der(vec![0x30, 0x03, 0x02, 0x01, 0x00])).field(),
        "signingCertificate"
    );
}

#[test]
fn email_url_and_fingerprint_rules() {
    for bad in [
        "",
        "admin",
        "@example.com",
        "admin@",
        "admin@example",
        "a@b@c.com",
        "a b@c.com",
        "admin@.com",
    ] {
        assert!(Email::parse(bad).is_err(), "email {bad:?}");
    }
    assert!(Email::parse("admin@exampleIdp.com").is_ok());

    for bad in [
        "",
        "idp.example.com",
        "/sso",
        "ftp://idp.example.com",
        "mailto:a@b.com",
        "https://",
    ] {
        assert!(HttpUrl::parse(bad).is_err(), "url {bad:?}");
    }
    for good in [
        "http://www.exampleIdp.com",
        "https://idp.example.com:8443/sso?x=1",
    ] {
        assert_eq!(HttpUrl::parse(good).unwrap().as_str(), good);
    }

    for bad in ["", "xyz", "ABC", "AB:C", "AB::CD", "AB:CD:", "G0"] {
        assert!(Fingerprint::parse(bad).is_err(), "fingerprint {bad:?}");
    }
    for good in ["AB:CD:EF:01", "abcdef0123", "0a:1B"] {
        assert!(Fingerprint::parse(good).is_ok(), "fingerprint {good:?}");
    }
}

#[test]
fn settings_builder_names_the_first_bad_field() {
    let bad = [
        (SharedSettings::builder().email("nope").build(), "email"),
        (
            SharedSettings::builder().entity_id("  ").build(),
            "entityId",
        ),
        (
            SharedSettings::builder()
                .sso_endpoint("idp.example")
                .build(),
            "ssoEndpoint",
        ),
        (
            SharedSettings::builder()
                .slo_endpoint("ftp://x.example")
                .build(),
            "sloEndpoint",
        ),
        (
            SharedSettings::builder().slo_response_endpoint("x").build(),
            "sloResponseEndpoint",
        ),
        (
            SharedSettings::builder()
                .signing_cert_fingerprint("zz")
                .build(),
            "signingCertFingerprint",
        ),
    ];
    for (result, field) in bad {
        assert_eq!(invalid_input(result).field(), field);
    }
}

#[test]
fn a_create_needs_the_four_shared_settings_and_cannot_clear() {
    let without = |f: fn(
        sso_connections::saas::SharedSettingsBuilder,
    ) -> sso_connections::saas::SharedSettingsBuilder| {
        f(SharedSettings::builder()).build().unwrap()
    };
    let no_cert = without(|b| {
        b.email("a@b.example")
            .entity_id("e")
            .sso_endpoint("https://s.example")
    });
    assert_eq!(
        invalid_input(NewConnection::for_every_eligible_application(no_cert)).field(),
        "signingCertificateData"
    );
    let no_email = without(|b| b.entity_id("e").sso_endpoint("https://s.example"));
    assert_eq!(
        invalid_input(NewConnection::for_every_eligible_application(no_email)).field(),
        "email"
    );
    let clearing = SharedSettings::builder()
        .email("admin@exampleIdp.com")
        .entity_id("example Identity Provider")
        .sso_endpoint("http://www.exampleIdp.com")
        .signing_certificate(example_cert())
        .clear_slo_endpoint()
        .build()
        .unwrap();
    assert_eq!(
        invalid_input(NewConnection::for_every_eligible_application(clearing)).field(),
        "sloEndpoint"
    );
}

#[test]
fn application_lists_must_be_non_empty_and_distinct() {
    assert_eq!(
        invalid_input(ApplicationIds::new([])).field(),
        "applications"
    );
    assert_eq!(
        invalid_input(ApplicationIds::new([uuid(APP_A), uuid(APP_B), uuid(APP_A)])).field(),
        "applications"
    );
    assert_eq!(
        ApplicationIds::new([uuid(APP_B), uuid(APP_A)])
            .unwrap()
            .as_slice(),
        &[uuid(APP_B), uuid(APP_A)]
    );
}

#[tokio::test]
async fn an_empty_update_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let anything = server
        .mock_async(|_when, then| {
            then.status(200);
        })
        .await;
    let update = ConnectionUpdate::settings(SharedSettings::default());
    assert!(update.is_empty());
    let result = client(&server)
        .connections()
        .update(&idp("acme"), &update)
        .await;
    assert_eq!(invalid_input(result).field(), "update");
    anything.assert_calls_async(0).await;
}

#[test]
fn builder_rejects_a_base_url_that_is_not_absolute_http() {
    for bad in [
        "",
        "admin.pingone.com",
        "ftp://admin.pingone.com",
        "/relative",
    ] {
        let result = SaasClient::builder(CLIENT_ID, CLIENT_SECRET)
            .base_url(bad)
            .build();
        assert_eq!(invalid_input(result).field(), "baseUrl", "{bad:?}");
    }
}

#[tokio::test]
async fn secrets_never_appear_in_debug_display_or_errors() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|_when, then| {
            then.status(401).body("unauthorized");
        })
        .await;
    let builder = SaasClient::builder(CLIENT_ID, CLIENT_SECRET).base_url(server.base_url());
    let builder_debug = format!("{builder:?}");
    let client = builder.build().unwrap();
    let secret = SecretString::new(CLIENT_SECRET);
    let basic = BASIC_AUTH.trim_start_matches("Basic ");

    let api_error = client.connections().get(&idp("acme")).await.unwrap_err();
    assert!(matches!(&api_error, Error::Api(api) if api.status.as_u16() == 401));

    // A transport error: nothing listens on this port.
    let unreachable = SaasClient::builder(CLIENT_ID, CLIENT_SECRET)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let transport_error = unreachable
        .connections()
        .get(&idp("acme"))
        .await
        .unwrap_err();
    assert!(matches!(transport_error, Error::Transport(_)));
    assert!(transport_error.is_retryable());

    let outputs = [
        builder_debug,
        format!("{client:?}"),
        format!("{:?}", client.connections()),
        format!("{secret:?}"),
        format!("{api_error:?}"),
        format!("{api_error}"),
        format!("{transport_error:?}"),
        format!("{transport_error}"),
    ];
    for output in outputs {
        assert!(!output.contains(CLIENT_SECRET), "secret leaked in {output}");
        assert!(
            !output.contains(basic),
            "Basic credentials leaked in {output}"
        );
    }
}
