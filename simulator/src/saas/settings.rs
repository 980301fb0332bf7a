//! Reading request bodies: typed fields, and the shared settings a create or an update sets.

use base64::Engine as _;
use serde_json::{Map, Value};
use uuid::Uuid;
use x509_cert::der::Decode as _;

use super::{
    errors::{bad_request, Reject},
    state::Settings,
};
use crate::http::request::json_object;

const SLO_BINDINGS: &[&str] = &["Redirect", "POST"];
const ALGORITHMS: &[&str] = &["RSA_SHA1", "RSA_SHA256", "RSA_SHA384", "RSA_SHA512"];

/// A JSON object body with typed field access; a field of the wrong type is a 400.
pub(crate) struct Body(Map<String, Value>);

impl Body {
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, Reject> {
        json_object(bytes)
            .map(Self)
            .ok_or_else(|| bad_request("The body must be a JSON object"))
    }

    pub(crate) fn str(&self, name: &str) -> Result<Option<String>, Reject> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad_request(format!("{name} must be a string"))),
        }
    }

    pub(crate) fn bool(&self, name: &str) -> Result<Option<bool>, Reject> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(bad_request(format!("{name} must be true or false"))),
        }
    }

    fn one_of(&self, name: &str, allowed: &[&str]) -> Result<Option<String>, Reject> {
        match self.str(name)? {
            Some(value) if !allowed.contains(&value.as_str()) => Err(bad_request(format!(
                "{name} must be one of {}",
                allowed.join(", ")
            ))),
            other => Ok(other),
        }
    }

    /// `applications`: absent, or a non-empty array of distinct saasids.
    pub(crate) fn applications(&self) -> Result<Option<Vec<Uuid>>, Reject> {
        let Some(value) = self.0.get("applications") else {
            return Ok(None);
        };
        let invalid = || bad_request("applications must be a non-empty array of distinct saasids");
        let items = value
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(invalid)?;
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            let id = item
                .as_str()
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(invalid)?;
            if ids.contains(&id) {
                return Err(invalid());
            }
            ids.push(id);
        }
        Ok(Some(ids))
    }
}

impl Settings {
    /// The settings of a create: email, entityId, ssoEndpoint and the certificate are
    /// required, the rest has defaults.
    pub(crate) fn from_create(body: &Body) -> Result<Self, Reject> {
        let required = |name: &str| {
            body.str(name)?
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| bad_request(format!("{name} is required")))
        };
        let mut settings = Settings {
            email: required("email")?,
            entity_id: required("entityId")?,
            sso_endpoint: url(required("ssoEndpoint")?, "ssoEndpoint")?,
            signing_certificate: certificate(&required("signingCertificateData")?)?,
            slo_endpoint: None,
            slo_response_endpoint: None,
            slo_binding: "POST".into(),
            sign_authn_request: false,
            signing_cert_fingerprint: None,
            signing_algorithm: "RSA_SHA256".into(),
        };
        settings.apply_update(body)?;
        Ok(settings)
    }

    /// Changes what the body carries; `""` clears an SLO endpoint.
    pub(crate) fn apply_update(&mut self, body: &Body) -> Result<(), Reject> {
        if let Some(email) = body.str("email")? {
            self.email = email;
        }
        if let Some(entity_id) = body.str("entityId")? {
            self.entity_id = entity_id;
        }
        if let Some(sso) = body.str("ssoEndpoint")? {
            self.sso_endpoint = url(sso, "ssoEndpoint")?;
        }
        if let Some(cert) = body.str("signingCertificateData")? {
            self.signing_certificate = certificate(&cert)?;
        }
        for (name, slot) in [
            ("sloEndpoint", &mut self.slo_endpoint),
            ("sloResponseEndpoint", &mut self.slo_response_endpoint),
        ] {
            match body.str(name)? {
                Some(value) if value.is_empty() => *slot = None,
                Some(value) => *slot = Some(url(value, name)?),
                None => {}
            }
        }
        if let Some(binding) = body.one_of("sloBinding", SLO_BINDINGS)? {
            self.slo_binding = binding;
        }
        if let Some(algorithm) = body.one_of("signingAlgorithm", ALGORITHMS)? {
            self.signing_algorithm = algorithm;
        }
        if let Some(sign) = body.bool("signAuthnRequest")? {
            self.sign_authn_request = sign;
        }
        if let Some(fingerprint) = body.str("signingCertFingerprint")? {
            self.signing_cert_fingerprint = Some(fingerprint);
        }
        Ok(())
    }
}

fn url(value: String, name: &str) -> Result<String, Reject> {
    if value.starts_with("http://") || value.starts_with("https://") {
        Ok(value)
    } else {
        Err(bad_request(format!("{name} must be an http(s) URL")))
    }
}

/// The DER of a base64 X.509 certificate (whitespace allowed).
fn certificate(text: &str) -> Result<Vec<u8>, Reject> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|_| bad_request("signingCertificateData is not base64"))?;
    x509_cert::Certificate::from_der(&der)
        .map_err(|_| bad_request("signingCertificateData is not an X.509 certificate"))?;
    Ok(der)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn settings() -> Settings {
        Settings {
            email: "admin@acme.example".into(),
            entity_id: "https://idp.acme.example".into(),
            sso_endpoint: "https://idp.acme.example/sso".into(),
            signing_certificate: vec![1, 2, 3],
            slo_endpoint: Some("https://idp.acme.example/slo".into()),
            slo_response_endpoint: None,
            slo_binding: "POST".into(),
            sign_authn_request: false,
            signing_cert_fingerprint: None,
            signing_algorithm: "RSA_SHA256".into(),
        }
    }

    fn body(json: &str) -> Body {
        Body::parse(json.as_bytes()).unwrap()
    }

    fn message(result: Result<impl std::fmt::Debug, Reject>) -> String {
        result.unwrap_err().message
    }

    #[test]
    fn an_update_changes_what_it_carries_and_an_empty_slo_endpoint_clears_it() {
        let mut s = settings();
        s.apply_update(&body(
            r#"{"sloEndpoint": "", "sloResponseEndpoint": "https://r", "signAuthnRequest": true, "idpId": "ignored"}"#,
        ))
        .unwrap();
        assert_eq!(s.slo_endpoint, None);
        assert_eq!(s.slo_response_endpoint.as_deref(), Some("https://r"));
        assert!(s.sign_authn_request);
        assert_eq!(s.email, settings().email);
    }

    #[test]
    fn fields_are_checked() {
        let mut s = settings();
        assert_eq!(
            message(s.apply_update(&body(r#"{"ssoEndpoint": "ftp://x"}"#))),
            "ssoEndpoint must be an http(s) URL"
        );
        assert_eq!(
            message(s.apply_update(&body(r#"{"sloBinding": "SOAP"}"#))),
            "sloBinding must be one of Redirect, POST"
        );
        assert_eq!(
            message(s.apply_update(&body(r#"{"email": 1}"#))),
            "email must be a string"
        );
        assert_eq!(
            message(s.apply_update(&body(r#"{"signingCertificateData": "%%"}"#))),
            "signingCertificateData is not base64"
        );
        assert_eq!(
            message(s.apply_update(&body(r#"{"signingCertificateData": "AAAA"}"#))),
            "signingCertificateData is not an X.509 certificate"
        );
    }

    #[test]
    fn a_create_needs_the_required_settings() {
        assert_eq!(
            message(Settings::from_create(&body(r#"{"email": " "}"#))),
            "email is required"
        );
        assert_eq!(
            message(Settings::from_create(&body(r#"{"email": "a@b.c"}"#))),
            "entityId is required"
        );
    }

    #[test]
    fn applications_are_distinct_saasids() {
        let id = "6964005a-6270-4a88-9ddc-0e6a4e05e51d";
        assert_eq!(body("{}").applications().unwrap(), None);
        assert_eq!(
            body(&format!(r#"{{"applications": ["{id}"]}}"#))
                .applications()
                .unwrap()
                .map(|ids| ids.len()),
            Some(1)
        );
        for bad in [
            r#"{"applications": []}"#.to_owned(),
            r#"{"applications": ["x"]}"#.to_owned(),
            format!(r#"{{"applications": ["{id}", "{id}"]}}"#),
        ] {
            assert!(body(&bad).applications().is_err(), "{bad}");
        }
        assert!(Body::parse(b"[]").is_err());
    }
}
