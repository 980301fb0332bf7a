//! From an identity provider's metadata to the settings of a connection, with the choices
//! stated: which endpoint, which binding, which certificate.
//!
//! The rules:
//! - **Certificate.** Of the signing certificates valid at `now`, the one that stays valid
//!   longest (latest `notAfter`); during a rotation overlap that is the new one. When none is
//!   valid at `now`, conversion is refused, unless the caller accepts an invalid certificate
//!   ([`CertificateChoice::LatestEvenIfInvalid`]), in which case the latest `notAfter` wins.
//! - **SaaS single sign-on endpoint.** PingOne SSO for SaaS Apps sends AuthnRequests with the
//!   HTTP-Redirect binding, so an HTTP-Redirect endpoint is preferred; without one, the
//!   HTTP-POST endpoint is used and the choice says so (the identity provider must then accept
//!   redirected requests at that URL).
//! - **PingOne single sign-on endpoint.** PingOne can send either binding; HTTP-POST is
//!   preferred ([`SsoPreference`] changes it).
//! - **Single logout.** The first HTTP-POST endpoint, else the first HTTP-Redirect one, with its
//!   response location when the metadata gives one.
//! - **Signed requests.** `WantAuthnRequestsSigned` sets whether PingOne signs its requests;
//!   when the metadata does not say, the setting is left to the API's default.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
#[cfg(feature = "pingone")]
use crate::pingone::{SamlBinding, SamlIdentityProvider};
#[cfg(feature = "saas")]
use crate::saas::{SharedSettings, SharedSettingsBuilder, SloBinding};
use crate::values::{Certificate, CertificateInfo};

use super::bindings::{HTTP_POST, HTTP_REDIRECT};
use super::{Endpoint, IdpEntity, LogoutEndpoint};

/// Which signing certificate conversion may pick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CertificateChoice {
    /// A certificate valid at `now` (the default); none is an error.
    #[default]
    ValidOnly,
    /// The latest `notAfter`, even when it is expired or not yet valid.
    LatestEvenIfInvalid,
}

/// Which binding to prefer for the single sign-on endpoint when both are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsoPreference {
    /// HTTP-Redirect first.
    Redirect,
    /// HTTP-POST first.
    Post,
}

/// What a conversion chose from the metadata, to report to people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Chosen {
    /// The identity provider.
    pub entity_id: String,
    /// The single sign-on endpoint used.
    pub sso: Endpoint,
    /// The single logout endpoint used, if any.
    pub slo: Option<LogoutEndpoint>,
    /// The signing certificate used.
    pub certificate: CertificateInfo,
    /// Whether PingOne will sign its requests (`None`: the metadata does not say).
    pub sign_authn_request: Option<bool>,
    /// Things a person should know about the choice (a fallback binding, an invalid
    /// certificate accepted, other certificates not used).
    pub notes: Vec<String>,
}

impl IdpEntity {
    #[cfg(feature = "saas")]
    /// The shared settings of a SaaS customer connection (without the administrator email,
    /// which metadata does not carry: add it with `email` on the returned builder), and what
    /// was chosen.
    ///
    /// ```no_run
    /// # fn run(idp: &sso_connections::metadata::IdpEntity) -> sso_connections::Result<()> {
    /// use sso_connections::metadata::CertificateChoice;
    /// let (builder, chosen) = idp.saas_settings(chrono::Utc::now(), CertificateChoice::ValidOnly)?;
    /// let settings = builder.email("it@customer.example").build()?;
    /// println!("SSO at {} with certificate {}", chosen.sso.location, chosen.certificate.sha256);
    /// # Ok(()) }
    /// ```
    pub fn saas_settings(
        &self,
        now: DateTime<Utc>,
        certificates: CertificateChoice,
    ) -> Result<(SharedSettingsBuilder, Chosen)> {
        let mut chosen = self.choose(now, certificates, SsoPreference::Redirect)?;
        if chosen.sso.binding != HTTP_REDIRECT {
            chosen.notes.push(format!(
                "the identity provider offers no HTTP-Redirect endpoint; using its {} endpoint, \
                 which must accept the redirected AuthnRequests PingOne sends",
                short(&chosen.sso.binding)
            ));
        }
        let mut builder = SharedSettings::builder()
            .entity_id(self.entity_id.clone())
            .sso_endpoint(chosen.sso.location.clone())
            .signing_certificate(self.certificate(&chosen)?);
        if let Some(slo) = &chosen.slo {
            builder = builder.slo_endpoint(slo.location.clone()).slo_binding(
                if slo.binding == HTTP_POST {
                    SloBinding::Post
                } else {
                    SloBinding::Redirect
                },
            );
            if let Some(response) = &slo.response_location {
                builder = builder.slo_response_endpoint(response.clone());
            }
        }
        if let Some(sign) = chosen.sign_authn_request {
            builder = builder.sign_authn_request(sign);
        }
        Ok((builder, chosen))
    }

    #[cfg(feature = "pingone")]
    /// A PingOne SAML identity provider with everything the metadata gives except the
    /// verification certificate, which PingOne needs as a certificate resource: import it,
    /// then add its id with `verification_certificates` on the returned builder. `name` is the
    /// provider's name in PingOne, `sp_entity_id` the entity ID PingOne uses towards it.
    pub fn pingone_identity_provider(
        &self,
        name: impl Into<String>,
        sp_entity_id: impl Into<String>,
        now: DateTime<Utc>,
        certificates: CertificateChoice,
        preference: SsoPreference,
    ) -> Result<(SamlIdentityProvider, Chosen)> {
        let chosen = self.choose(now, certificates, preference)?;
        let binding = |uri: &str| {
            if uri == HTTP_REDIRECT {
                SamlBinding::HttpRedirect
            } else {
                SamlBinding::HttpPost
            }
        };
        let mut builder = SamlIdentityProvider::new(name)
            .idp_entity_id(self.entity_id.clone())
            .sp_entity_id(sp_entity_id)
            .sso_endpoint(chosen.sso.location.clone(), binding(&chosen.sso.binding));
        if let Some(slo) = &chosen.slo {
            builder = builder.slo_endpoint(slo.location.clone(), binding(&slo.binding));
            if let Some(response) = &slo.response_location {
                builder = builder.slo_response_endpoint(response.clone());
            }
        }
        if let Some(sign) = chosen.sign_authn_request {
            builder = builder.authn_request_signed(sign);
        }
        Ok((builder, chosen))
    }

    /// The signing certificate `chosen` names.
    pub fn certificate(&self, chosen: &Chosen) -> Result<Certificate> {
        self.signing_certificates
            .iter()
            .find(|c| c.0.info().sha256 == chosen.certificate.sha256)
            .map(|c| c.0.clone())
            .ok_or_else(|| Error::invalid("signingCertificate", "is not one of this entity's"))
    }

    /// The signing certificate the conversion rule picks at `now` (valid then, latest
    /// `notAfter`), with notes for people; for callers that need the certificate only.
    pub(crate) fn signing_certificate_at(
        &self,
        now: DateTime<Utc>,
        choice: CertificateChoice,
    ) -> Result<(Certificate, Vec<String>)> {
        let (info, notes) = self.pick_certificate(now, choice)?;
        let certificate = self
            .signing_certificates
            .iter()
            .find(|c| c.0.info().sha256 == info.sha256)
            .map(|c| c.0.clone())
            .ok_or_else(|| self.no_certificate())?;
        Ok((certificate, notes))
    }

    fn choose(
        &self,
        now: DateTime<Utc>,
        certificates: CertificateChoice,
        preference: SsoPreference,
    ) -> Result<Chosen> {
        let order = match preference {
            SsoPreference::Redirect => [HTTP_REDIRECT, HTTP_POST],
            SsoPreference::Post => [HTTP_POST, HTTP_REDIRECT],
        };
        let sso = first_with(&self.sso, |e| &e.binding, &order).ok_or_else(|| {
            Error::invalid(
                "ssoEndpoint",
                format!(
                    "{:?} offers no HTTP-Redirect or HTTP-POST single sign-on endpoint",
                    self.entity_id
                ),
            )
        })?;
        let slo = first_with(&self.slo, |e| &e.binding, &[HTTP_POST, HTTP_REDIRECT]);
        let (certificate, mut notes) = self.pick_certificate(now, certificates)?;
        if self.signing_certificates.len() > 1 {
            notes.push(format!(
                "{} signing certificates are listed; the one valid at {} that expires last is used",
                self.signing_certificates.len(),
                now.to_rfc3339()
            ));
        }
        Ok(Chosen {
            entity_id: self.entity_id.clone(),
            sso: sso.clone(),
            slo: slo.cloned(),
            certificate,
            sign_authn_request: self.want_authn_requests_signed,
            notes,
        })
    }

    fn pick_certificate(
        &self,
        now: DateTime<Utc>,
        choice: CertificateChoice,
    ) -> Result<(CertificateInfo, Vec<String>)> {
        let infos = self.signing_certificates.iter().map(|c| c.0.info());
        let latest = |it: &mut dyn Iterator<Item = &CertificateInfo>| {
            it.max_by_key(|i| i.not_after).cloned()
        };
        let valid = latest(
            &mut infos
                .clone()
                .filter(|i| i.not_before <= now && now <= i.not_after),
        );
        match (valid, choice) {
            (Some(info), _) => Ok((info, Vec::new())),
            (None, CertificateChoice::LatestEvenIfInvalid) => {
                let info = latest(&mut infos.clone()).ok_or_else(|| self.no_certificate())?;
                let note = format!(
                    "the certificate {} is not valid at {} (valid {} to {}); used as asked",
                    info.sha256,
                    now.to_rfc3339(),
                    info.not_before.to_rfc3339(),
                    info.not_after.to_rfc3339()
                );
                Ok((info, vec![note]))
            }
            (None, CertificateChoice::ValidOnly) if self.signing_certificates.is_empty() => {
                Err(self.no_certificate())
            }
            (None, CertificateChoice::ValidOnly) => {
                let periods: Vec<String> = infos
                    .map(|i| {
                        format!(
                            "{} to {}",
                            i.not_before.to_rfc3339(),
                            i.not_after.to_rfc3339()
                        )
                    })
                    .collect();
                Err(Error::invalid(
                    "signingCertificate",
                    format!(
                        "none of the {} signing certificates of {:?} is valid at {} (valid: {}); \
                         ask the customer for current metadata, or accept it explicitly",
                        periods.len(),
                        self.entity_id,
                        now.to_rfc3339(),
                        periods.join("; ")
                    ),
                ))
            }
        }
    }

    fn no_certificate(&self) -> Error {
        Error::invalid(
            "signingCertificate",
            format!("{:?} lists no signing certificate", self.entity_id),
        )
    }
}

/// The first item whose binding is the first of `order` that any item has.
fn first_with<'a, T>(
    items: &'a [T],
    binding: impl Fn(&T) -> &String,
    order: &[&str],
) -> Option<&'a T> {
    order
        .iter()
        .find_map(|wanted| items.iter().find(|item| binding(item) == wanted))
}

/// `HTTP-POST` for the binding URI.
fn short(binding: &str) -> &str {
    binding.rsplit(':').next().unwrap_or(binding)
}
