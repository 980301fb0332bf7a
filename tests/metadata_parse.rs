//! Reading SAML identity-provider metadata: namespaces by URI, every endpoint and
//! certificate, aggregates, dates, the JSON form, and hostile or wrong documents refused with
//! a clear error.

#[path = "metadata_kit/mod.rs"]
mod kit;

use kit::{Idp, TestCert, MD, POST, REDIRECT, SAML2};
use serde_json::json;
use sso_connections::metadata::{Metadata, ParseOptions};
use sso_connections::Error;

fn refusal(document: &str) -> String {
    match Metadata::parse(document.as_bytes()) {
        Err(Error::InvalidInput(input)) => {
            assert_eq!(input.field(), "metadata");
            input.reason().to_owned()
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn elements_are_matched_by_namespace_whatever_the_prefix() {
    let cert = TestCert::new("Signing", 2020, 2040);
    let mut idp = Idp::new("https://idp.example");
    let parsed: Vec<_> = ["", "md:", "ns0:", "saml2md:"]
        .into_iter()
        .map(|prefix| {
            idp.keys = vec![cert.key_descriptor(prefix, Some("signing"))];
            Metadata::parse(idp.entity(prefix).as_bytes()).unwrap()
        })
        .collect();
    assert!(parsed.windows(2).all(|pair| pair[0] == pair[1]));
    let entity = &parsed[0].entities[0];
    assert_eq!(entity.entity_id, "https://idp.example");
    assert_eq!(entity.signing_certificates.len(), 1);

    // The right local name in another namespace is not metadata.
    idp.keys = vec![cert.key_descriptor("", Some("signing"))];
    let foreign = idp.entity("").replace(MD, "urn:example:not-metadata");
    let reason = refusal(&foreign);
    assert!(reason.contains("is not SAML metadata"), "{reason}");
}

#[test]
fn everything_the_idp_role_holds_is_read_in_document_order() {
    let old = TestCert::new("Old signing", 2020, 2031);
    let new = TestCert::new("New signing", 2030, 2040);
    let both = TestCert::new("Both", 2020, 2040);
    let encryption = TestCert::new("Encryption", 2020, 2040);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![
        old.key_descriptor("md:", Some("signing")),
        new.key_descriptor("md:", Some("signing")),
        both.key_descriptor("md:", None),
        encryption.key_descriptor("md:", Some("encryption")),
    ];
    idp.sso = vec![
        (POST, "https://idp.example/sso/post"),
        (REDIRECT, "https://idp.example/sso/redirect"),
    ];
    idp.slo = vec![
        (REDIRECT, "https://idp.example/slo", None),
        (
            POST,
            "https://idp.example/slo/post",
            Some("https://idp.example/slo/response"),
        ),
    ];
    idp.name_id_formats = vec!["  urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\n  "];
    idp.want_signed = Some(true);
    let metadata = Metadata::parse(idp.entity("md:").as_bytes()).unwrap();
    let entity = metadata.entity(None).unwrap();
    let subjects = |list: &[sso_connections::metadata::MetadataCertificate]| -> Vec<String> {
        list.iter().map(|c| c.0.subject().to_owned()).collect()
    };
    assert_eq!(
        subjects(&entity.signing_certificates),
        ["CN=Old signing", "CN=New signing", "CN=Both"]
    );
    assert_eq!(
        subjects(&entity.encryption_certificates),
        ["CN=Both", "CN=Encryption"]
    );
    let bindings: Vec<&str> = entity.sso.iter().map(|e| e.binding.as_str()).collect();
    assert_eq!(bindings, [POST, REDIRECT]);
    assert_eq!(
        entity.slo[1].response_location.as_deref(),
        Some("https://idp.example/slo/response")
    );
    assert_eq!(entity.slo[0].response_location, None);
    assert_eq!(
        entity.name_id_formats,
        ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"]
    );
    assert_eq!(entity.want_authn_requests_signed, Some(true));
}

#[test]
fn certificates_are_decoded_after_removing_whitespace() {
    let cert = TestCert::new("Acme IdP", 2021, 2041);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![cert.key_descriptor("", Some("signing"))];
    let metadata = Metadata::parse(idp.entity("").as_bytes()).unwrap();
    let info = metadata.entities[0].signing_certificates[0]
        .0
        .info()
        .clone();
    assert_eq!(info.subject, "CN=Acme IdP");
    assert_eq!(info.issuer, "CN=Acme IdP");
    assert_eq!(info.not_before, cert.not_before);
    assert_eq!(info.not_after, cert.not_after);
    assert_eq!(info.sha256, cert.sha256());
    assert_eq!(info.sha1.len(), 40);
    assert_eq!(info.key_algorithm, "EC-P-256");
    assert!(!info.serial.is_empty() && info.serial.chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn roles_other_than_the_idp_are_skipped() {
    let cert = TestCert::new("Signing", 2020, 2040);
    let document = format!(
        r#"<EntityDescriptor xmlns="{MD}" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" entityID="https://adfs.example/adfs/services/trust">
  <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>
  <Extensions><Whatever/></Extensions>
  <RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706">{}</RoleDescriptor>
  <SPSSODescriptor protocolSupportEnumeration="{SAML2}"><AssertionConsumerService Binding="{POST}" Location="https://sp.example/acs" index="0"/></SPSSODescriptor>
  <IDPSSODescriptor protocolSupportEnumeration="{SAML2}">{}<SingleSignOnService Binding="{REDIRECT}" Location="https://adfs.example/adfs/ls/"/></IDPSSODescriptor>
  <AttributeAuthorityDescriptor protocolSupportEnumeration="{SAML2}"><AttributeService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://adfs.example/aa"/></AttributeAuthorityDescriptor>
</EntityDescriptor>"#,
        TestCert::new("Token signing", 2020, 2040).key_descriptor("", Some("signing")),
        cert.key_descriptor("", Some("signing")),
    );
    let metadata = Metadata::parse(document.as_bytes()).unwrap();
    let entity = metadata.entity(None).unwrap();
    assert_eq!(entity.sso.len(), 1);
    assert_eq!(entity.signing_certificates.len(), 1);
    assert_eq!(entity.signing_certificates[0].0.subject(), "CN=Signing");
}

#[test]
fn an_aggregate_is_searched_by_entity_id_and_its_dates_are_inherited() {
    let first = Idp::new("https://first.example").entity("md:");
    let mut second = Idp::new("https://second.example");
    second.entity_attributes = r#" cacheDuration="PT1H""#;
    let document = format!(
        r#"<md:EntitiesDescriptor xmlns:md="{MD}" validUntil="2031-01-01T00:00:00Z" cacheDuration="PT6H">{first}<md:EntityDescriptor entityID="https://sp-only.example"><md:SPSSODescriptor protocolSupportEnumeration="{SAML2}"/></md:EntityDescriptor>{}</md:EntitiesDescriptor>"#,
        second.entity("md:").replace(&format!(" xmlns:md=\"{MD}\""), "")
    )
    .replace(&format!("<md:EntityDescriptor xmlns:md=\"{MD}\" entityID=\"https://first"), "<md:EntityDescriptor entityID=\"https://first");
    let metadata = Metadata::parse(document.as_bytes()).unwrap();
    assert_eq!(metadata.entities.len(), 2, "the SP-only entity is left out");
    let second = metadata.entity(Some("https://second.example")).unwrap();
    assert_eq!(second.cache_duration.as_deref(), Some("PT1H"));
    let first = metadata.entity(Some("https://first.example")).unwrap();
    assert_eq!(first.cache_duration.as_deref(), Some("PT6H"));
    assert_eq!(
        first.valid_until.unwrap().to_rfc3339(),
        "2031-01-01T00:00:00+00:00"
    );

    let unnamed = metadata.entity(None).unwrap_err().to_string();
    assert!(
        unnamed.contains("\"https://first.example\"")
            && unnamed.contains("\"https://second.example\""),
        "{unnamed}"
    );
    let missing = metadata
        .entity(Some("https://third.example"))
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("\"https://third.example\"")
            && missing.contains("\"https://first.example\""),
        "{missing}"
    );
}

#[test]
fn expired_certificates_and_a_past_valid_until_still_parse() {
    let expired = TestCert::new("Expired", 2001, 2002);
    let mut idp = Idp::new("https://old.example");
    idp.keys = vec![expired.key_descriptor("md:", None)];
    idp.entity_attributes = r#" validUntil="2003-01-01T00:00:00Z""#;
    let metadata = Metadata::parse(idp.entity("md:").as_bytes()).unwrap();
    let entity = &metadata.entities[0];
    assert_eq!(
        entity.signing_certificates[0].0.info().not_after,
        expired.not_after
    );
    assert_eq!(
        entity.valid_until.unwrap().to_rfc3339(),
        "2003-01-01T00:00:00+00:00"
    );
}

#[test]
fn the_json_form_has_the_documented_shape() {
    let cert = TestCert::new("Signing", 2020, 2040);
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![cert.key_descriptor("md:", Some("signing"))];
    idp.slo = vec![(POST, "https://idp.example/slo", None)];
    let metadata = Metadata::parse(idp.entity("md:").as_bytes()).unwrap();
    let value = serde_json::to_value(&metadata).unwrap();
    let entity = &value["entities"][0];
    let keys: Vec<&str> = entity
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "cache_duration",
            "encryption_certificates",
            "entity_id",
            "name_id_formats",
            "signing_certificates",
            "slo",
            "sso",
            "valid_until",
            "want_authn_requests_signed"
        ]
    );
    assert_eq!(
        entity["sso"],
        json!([{ "binding": REDIRECT, "location": "https://idp.example/sso/redirect" }])
    );
    assert_eq!(
        entity["slo"],
        json!([{ "binding": POST, "location": "https://idp.example/slo", "response_location": null }])
    );
    let certificate = &entity["signing_certificates"][0];
    assert_eq!(certificate["subject"], "CN=Signing");
    assert_eq!(certificate["not_after"], "2040-01-01T00:00:00Z");
    assert_eq!(certificate["sha256"], cert.sha256());
    assert!(entity["valid_until"].is_null() && entity["want_authn_requests_signed"].is_null());
}

// ---------------------------------------------------------------- hostile and wrong documents

#[test]
fn a_doctype_is_refused_so_no_entity_is_ever_expanded() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol3;"/>"#;
    assert!(refusal(laughs).contains("DTD"), "{}", refusal(laughs));
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&secret;"/>"#;
    let reason = refusal(external);
    assert!(
        reason.contains("DTD") && !reason.contains("root:"),
        "{reason}"
    );
}

#[test]
fn size_is_capped_before_parsing() {
    let document = Idp::new("https://idp.example").entity("md:");
    let small = ParseOptions::default().max_bytes(100);
    match Metadata::parse_with(document.as_bytes(), &small) {
        Err(Error::InvalidInput(input)) => {
            assert!(input.reason().contains("more than the 100 allowed"))
        }
        other => panic!("{other:?}"),
    }
    let padded = format!("{document}<!--{}-->", "x".repeat(1024 * 1024));
    assert!(refusal(&padded).contains(&format!("more than the {} allowed", 1024 * 1024)));
    assert!(Metadata::parse_with(
        padded.as_bytes(),
        &ParseOptions::default().max_bytes(2 << 20)
    )
    .is_ok());
}

#[test]
fn what_is_not_xml_or_not_metadata_is_an_error_with_its_position() {
    assert!(refusal("{\"entityID\": 1}").contains("not well-formed XML"));
    let broken = refusal("<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\">\n  <IDPSSODescriptor>\n</EntityDescriptor>");
    assert!(broken.contains(" at 3:1"), "{broken}");
    assert!(refusal("<html><body>Sign in</body></html>")
        .contains("root element is {}html at line 1, column 1"));
    assert!(
        refusal(&String::from_utf8_lossy(&[0xff, 0xfe, 0x3c])).contains("not well-formed")
            || Metadata::parse(&[0xff, 0xfe, 0x3c]).is_err()
    );
    assert!(matches!(
        Metadata::parse(&[0xff, 0xfe, 0x3c, 0x00]),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn metadata_without_an_identity_provider_says_so() {
    let sp_only = format!(
        r#"<EntityDescriptor xmlns="{MD}" entityID="https://sp.example"><SPSSODescriptor protocolSupportEnumeration="{SAML2}"/></EntityDescriptor>"#
    );
    let reason = refusal(&sp_only);
    assert!(
        reason.contains("no identity provider")
            && reason.contains("SPSSODescriptor of \"https://sp.example\""),
        "{reason}"
    );
}

#[test]
fn an_idp_without_a_signing_certificate_parses() {
    let metadata = Metadata::parse(Idp::new("https://idp.example").entity("").as_bytes()).unwrap();
    assert!(metadata.entities[0].signing_certificates.is_empty());
}

#[test]
fn a_broken_certificate_is_an_error_with_its_position() {
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![format!(
        "<KeyDescriptor><ds:KeyInfo xmlns:ds=\"{}\"><ds:X509Data><ds:X509Certificate>bm90IGEgY2VydGlmaWNhdGU=</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>",
        kit::DS
    )];
    let reason = refusal(&idp.entity(""));
    assert!(
        reason.contains("certificate") && reason.contains("line 1"),
        "{reason}"
    );
}
