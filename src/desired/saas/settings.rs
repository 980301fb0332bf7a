//! The declared shared settings of an `idpId`, resolved from the document (explicit values
//! over the metadata's), and how they become the client's input types.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::certificates::ExpiryCheck;
use crate::error::{Error, Result};
use crate::metadata::bindings::HTTP_POST;
use crate::metadata::CertificateChoice;
use crate::saas::{SharedSettings, SigningAlgorithm, SloBinding};
use crate::values::Certificate;

use super::super::document::{SaasConnection, SigningAlgorithmName, SloBindingName};
use super::super::engine::PlanOptions;
use super::super::resolve;

/// Shared settings as a plan carries them: every field optional (an update sets only those
/// that differ), the certificate as base64 of its DER, `""` for "no single logout URL".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SaasSettings {
    /// Administrator email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Identity provider entity ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// URL that receives AuthnRequests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_endpoint: Option<String>,
    /// The signing certificate, base64 of DER (a public value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_certificate: Option<String>,
    /// Single logout request URL (`""`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_endpoint: Option<String>,
    /// Single logout response URL (`""`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_response_endpoint: Option<String>,
    /// Binding of single logout requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_binding: Option<SloBindingName>,
    /// Whether PingOne signs its AuthnRequests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_authn_request: Option<bool>,
    /// Signing algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_algorithm: Option<SigningAlgorithmName>,
    /// PingOne signing certificate to use (sent on create only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_cert_fingerprint: Option<String>,
}

/// The declared settings of an `idpId`, with its certificate decoded.
pub(crate) struct Declared {
    pub(crate) settings: SaasSettings,
    pub(crate) certificate: Option<Certificate>,
}

/// Reads the metadata and certificate the document points at, lets explicit values win, and
/// checks every value the way a create would (before anything is sent).
pub(crate) async fn resolve(
    spec: &SaasConnection,
    base_dir: &Path,
    options: &PlanOptions,
) -> Result<Declared> {
    let mut settings = SaasSettings::default();
    let mut certificate = None;
    let entity = resolve::metadata_entity(
        base_dir,
        spec.metadata_file.as_deref(),
        spec.metadata_url.as_deref(),
        spec.metadata_entity_id.as_deref(),
        &options.fetch,
    )
    .await?;
    if let Some(entity) = entity {
        let (_, chosen) = entity.saas_settings(options.now, CertificateChoice::ValidOnly)?;
        certificate = Some(entity.certificate(&chosen)?);
        settings.entity_id = Some(entity.entity_id.clone());
        settings.sso_endpoint = Some(chosen.sso.location.clone());
        if let Some(slo) = &chosen.slo {
            settings.slo_endpoint = Some(slo.location.clone());
            settings.slo_response_endpoint = slo.response_location.clone();
            settings.slo_binding = Some(if slo.binding == HTTP_POST {
                SloBindingName::Post
            } else {
                SloBindingName::Redirect
            });
        }
        settings.sign_authn_request = chosen.sign_authn_request;
    }
    let given = resolve::certificate(
        base_dir,
        "signing_certificate",
        spec.signing_certificate.as_deref(),
        spec.signing_certificate_file.as_deref(),
    )?;
    if let Some(given) = given {
        if !ExpiryCheck::at(options.now)
            .status(given.info())
            .is_usable()
        {
            return Err(Error::invalid(
                "signing_certificate",
                format!(
                    "is not valid now (valid {} to {}); sign-on would fail with it",
                    given.info().not_before,
                    given.info().not_after
                ),
            ));
        }
        certificate = Some(given);
    }
    settings.signing_certificate = certificate.as_ref().map(Certificate::to_base64);
    let explicit = [
        (&mut settings.email, &spec.email),
        (&mut settings.entity_id, &spec.entity_id),
        (&mut settings.sso_endpoint, &spec.sso_endpoint),
        (&mut settings.slo_endpoint, &spec.slo_endpoint),
        (
            &mut settings.slo_response_endpoint,
            &spec.slo_response_endpoint,
        ),
        (
            &mut settings.signing_cert_fingerprint,
            &spec.signing_cert_fingerprint,
        ),
    ];
    for (field, value) in explicit {
        if value.is_some() {
            field.clone_from(value);
        }
    }
    settings.slo_binding = spec.slo_binding.or(settings.slo_binding);
    settings.sign_authn_request = spec.sign_authn_request.or(settings.sign_authn_request);
    settings.signing_algorithm = spec.signing_algorithm;
    settings.shared(true)?;
    Ok(Declared {
        settings,
        certificate,
    })
}

impl SaasSettings {
    /// The client's settings type, which checks every value. In a create (`for_create`), an
    /// empty single logout URL is left out, since a create cannot clear.
    pub(crate) fn shared(&self, for_create: bool) -> Result<SharedSettings> {
        let mut b = SharedSettings::builder();
        if let Some(v) = &self.email {
            b = b.email(v);
        }
        if let Some(v) = &self.entity_id {
            b = b.entity_id(v);
        }
        if let Some(v) = &self.sso_endpoint {
            b = b.sso_endpoint(v);
        }
        if let Some(v) = &self.signing_certificate {
            let certificate = Certificate::parse(v)
                .map_err(|e| Error::invalid("signing_certificate", e.to_string()))?;
            b = b.signing_certificate(certificate);
        }
        match self.slo_endpoint.as_deref() {
            Some("") if !for_create => b = b.clear_slo_endpoint(),
            Some(v) if !v.is_empty() => b = b.slo_endpoint(v),
            _ => {}
        }
        match self.slo_response_endpoint.as_deref() {
            Some("") if !for_create => b = b.clear_slo_response_endpoint(),
            Some(v) if !v.is_empty() => b = b.slo_response_endpoint(v),
            _ => {}
        }
        if let Some(v) = self.slo_binding {
            b = b.slo_binding(slo_binding(v));
        }
        if let Some(v) = self.sign_authn_request {
            b = b.sign_authn_request(v);
        }
        if let Some(v) = &self.signing_cert_fingerprint {
            b = b.signing_cert_fingerprint(v);
        }
        if let Some(v) = self.signing_algorithm {
            b = b.signing_algorithm(signing_algorithm(v));
        }
        b.build()
    }
}

pub(crate) fn slo_binding(name: SloBindingName) -> SloBinding {
    match name {
        SloBindingName::Post => SloBinding::Post,
        SloBindingName::Redirect => SloBinding::Redirect,
    }
}

pub(crate) fn signing_algorithm(name: SigningAlgorithmName) -> SigningAlgorithm {
    match name {
        SigningAlgorithmName::RSA_SHA1 => SigningAlgorithm::RsaSha1,
        SigningAlgorithmName::RSA_SHA256 => SigningAlgorithm::RsaSha256,
        SigningAlgorithmName::RSA_SHA384 => SigningAlgorithm::RsaSha384,
        SigningAlgorithmName::RSA_SHA512 => SigningAlgorithm::RsaSha512,
    }
}
