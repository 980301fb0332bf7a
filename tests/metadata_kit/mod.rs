//! Metadata documents written for the tests: certificates generated with chosen dates, and
//! XML assembled from small parts, so every test states exactly what its document holds.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone as _, Utc};
use sha2::Digest as _;

pub const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
pub const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
pub const POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
pub const SAML2: &str = "urn:oasis:names:tc:SAML:2.0:protocol";

/// A certificate for `cn` with chosen validity dates and an ECDSA P-256 key.
pub struct TestCert {
    pub der: Vec<u8>,
    pub cn: String,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
}

impl TestCert {
    /// Valid from January 1st of `from` to January 1st of `until`.
    pub fn new(cn: &str, from: i32, until: i32) -> Self {
        Self::between(
            cn,
            Utc.with_ymd_and_hms(from, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(until, 1, 1, 0, 0, 0).unwrap(),
        )
    }

    /// A certificate for `cn`, valid from `not_before` to `not_after` to the second.
    pub fn between(cn: &str, not_before: DateTime<Utc>, not_after: DateTime<Utc>) -> Self {
        let mut params = rcgen::CertificateParams::new(vec![format!("{cn}.example")]).unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
        let moment =
            |at: DateTime<Utc>| time::OffsetDateTime::from_unix_timestamp(at.timestamp()).unwrap();
        params.not_before = moment(not_before);
        params.not_after = moment(not_after);
        let key = rcgen::KeyPair::generate().unwrap();
        let der = params.self_signed(&key).unwrap().der().to_vec();
        Self {
            der,
            cn: cn.to_owned(),
            not_before,
            not_after,
        }
    }

    /// The certificate as the library's value.
    pub fn certificate(&self) -> sso_connections::values::Certificate {
        sso_connections::values::Certificate::from_der(self.der.clone()).unwrap()
    }

    /// One-line base64 of the DER: what the facade sends.
    pub fn base64(&self) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(&self.der)
    }

    /// Base64 of the DER, broken into indented 64-character lines as metadata often has it.
    pub fn wrapped_base64(&self) -> String {
        use base64::Engine as _;
        let flat = base64::engine::general_purpose::STANDARD.encode(&self.der);
        let lines: Vec<&str> = flat
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        format!("\n            {}\n        ", lines.join("\n            "))
    }

    pub fn sha256(&self) -> String {
        sha2::Sha256::digest(&self.der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// A `KeyDescriptor` (with `use` when given) holding this certificate, `ds:` prefixed.
    pub fn key_descriptor(&self, prefix: &str, usage: Option<&str>) -> String {
        let usage = usage.map(|u| format!(" use=\"{u}\"")).unwrap_or_default();
        format!(
            "<{prefix}KeyDescriptor{usage}><ds:KeyInfo xmlns:ds=\"{DS}\"><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></{prefix}KeyDescriptor>",
            self.wrapped_base64()
        )
    }
}

/// The parts of one identity provider's `IDPSSODescriptor`.
pub struct Idp<'a> {
    pub entity_id: &'a str,
    pub keys: Vec<String>,
    pub sso: Vec<(&'a str, &'a str)>,
    pub slo: Vec<(&'a str, &'a str, Option<&'a str>)>,
    pub name_id_formats: Vec<&'a str>,
    pub want_signed: Option<bool>,
    pub entity_attributes: &'a str,
}

impl<'a> Idp<'a> {
    pub fn new(entity_id: &'a str) -> Self {
        Self {
            entity_id,
            keys: Vec::new(),
            sso: vec![(REDIRECT, "https://idp.example/sso/redirect")],
            slo: Vec::new(),
            name_id_formats: Vec::new(),
            want_signed: None,
            entity_attributes: "",
        }
    }

    /// The `EntityDescriptor`, with `prefix` (such as `md:`, or empty for the default
    /// namespace) on every metadata element.
    pub fn entity(&self, prefix: &str) -> String {
        let p = prefix;
        let xmlns = match p.strip_suffix(':') {
            Some(name) => format!("xmlns:{name}=\"{MD}\""),
            None => format!("xmlns=\"{MD}\""),
        };
        let want = self
            .want_signed
            .map(|w| format!(" WantAuthnRequestsSigned=\"{w}\""))
            .unwrap_or_default();
        let sso: String = self
            .sso
            .iter()
            .map(|(b, l)| format!("<{p}SingleSignOnService Binding=\"{b}\" Location=\"{l}\"/>"))
            .collect();
        let slo: String = self
            .slo
            .iter()
            .map(|(b, l, r)| {
                let r = r
                    .map(|r| format!(" ResponseLocation=\"{r}\""))
                    .unwrap_or_default();
                format!("<{p}SingleLogoutService Binding=\"{b}\" Location=\"{l}\"{r}/>")
            })
            .collect();
        let formats: String = self
            .name_id_formats
            .iter()
            .map(|f| format!("<{p}NameIDFormat>{f}</{p}NameIDFormat>"))
            .collect();
        format!(
            "<{p}EntityDescriptor {xmlns} entityID=\"{id}\"{attrs}><{p}IDPSSODescriptor protocolSupportEnumeration=\"{SAML2}\"{want}>{keys}{slo}{formats}{sso}</{p}IDPSSODescriptor></{p}EntityDescriptor>",
            id = self.entity_id,
            attrs = self.entity_attributes,
            keys = self.keys.concat(),
        )
    }
}

/// 2030-06-01, the "now" of most tests.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap()
}
