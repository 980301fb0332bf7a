//! The declared identity providers: built with the library's builders (which check every
//! value), kept as JSON without their secret; secret variables checked before any request.

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::metadata::{CertificateChoice, SsoPreference};
use crate::pingone::{
    IdpTokenEndpointAuthMethod, OidcIdentityProvider, SamlBinding, SamlIdentityProvider,
};
use crate::values::Certificate;

use super::super::document::{
    Document, Ensure, IdentityProviderSpec, OidcProviderSpec, SamlBindingName, SamlProviderSpec,
    TokenAuthMethodName,
};
use super::super::engine::PlanOptions;
use super::super::{resolve, DesiredError, ResourceId};

/// A declared provider, resolved: its body (no secret) and its certificate.
pub(super) struct DeclaredProvider {
    pub(super) body: Map<String, Value>,
    pub(super) certificate: Option<Certificate>,
    pub(super) secret_env: Option<String>,
}

/// Every declared OpenID Connect provider's secret variable is set. Checked when the kinds
/// are set up, before any kind reads anything, so a missing variable is reported before any
/// request (planning resolves each provider again, for its value).
pub(super) fn check_secret_variables(document: &Document) -> std::result::Result<(), DesiredError> {
    for (environment, section) in &document.pingone {
        for (name, spec) in &section.identity_providers {
            let IdentityProviderSpec::Oidc(oidc) = spec else {
                continue;
            };
            if oidc.ensure == Ensure::Absent {
                continue;
            }
            secret(oidc.client_secret_env.as_deref().unwrap_or_default()).map_err(|e| {
                let resource = ResourceId::PingoneIdentityProvider {
                    environment: *environment,
                    name: name.clone(),
                };
                DesiredError::resource(&resource, e)
            })?;
        }
    }
    Ok(())
}

/// The value of the environment variable holding a secret.
pub(super) fn secret(variable: &str) -> Result<String> {
    std::env::var(variable)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Error::invalid(
                "client_secret_env",
                format!("the environment variable {variable} is not set"),
            )
        })
}

/// Builds the declared provider with the library's builders (which check every value), then
/// keeps its JSON without the secret.
pub(super) async fn resolve_provider(
    name: &str,
    spec: &IdentityProviderSpec,
    base_dir: &std::path::Path,
    options: &PlanOptions,
) -> Result<Option<DeclaredProvider>> {
    if spec.ensure() == Ensure::Absent {
        return Ok(None);
    }
    let (provider, certificate, secret_env) = match spec {
        IdentityProviderSpec::Saml(saml) => {
            let (builder, certificate) = saml_builder(name, saml, base_dir, options).await?;
            (builder.build()?, certificate, None)
        }
        IdentityProviderSpec::Oidc(oidc) => {
            let variable = oidc.client_secret_env.clone().unwrap_or_default();
            (
                oidc_builder(name, oidc, &secret(&variable)?).build()?,
                None,
                Some(variable),
            )
        }
    };
    let mut body = match serde_json::to_value(&provider) {
        Ok(Value::Object(map)) => map,
        _ => return Err(Error::invalid("identityProvider", "is not a JSON object")),
    };
    body.remove("clientSecret");
    body.retain(|_, v| !v.is_null());
    Ok(Some(DeclaredProvider {
        body,
        certificate,
        secret_env,
    }))
}

/// The SAML provider's builder and its certificate (`None` when the document declares none:
/// the trusted certificates are then not compared, and a create is refused).
async fn saml_builder(
    name: &str,
    s: &SamlProviderSpec,
    base_dir: &std::path::Path,
    options: &PlanOptions,
) -> Result<(SamlIdentityProvider, Option<Certificate>)> {
    let sp_entity_id = s.sp_entity_id.clone().unwrap_or_default();
    let entity = resolve::metadata_entity(
        base_dir,
        s.metadata_file.as_deref(),
        s.metadata_url.as_deref(),
        None,
        &options.fetch,
    )
    .await?;
    let (mut builder, mut certificate) = match &entity {
        Some(entity) => {
            let (builder, chosen) = entity.pingone_identity_provider(
                name,
                sp_entity_id,
                options.now,
                CertificateChoice::ValidOnly,
                SsoPreference::Post,
            )?;
            (builder, Some(entity.certificate(&chosen)?))
        }
        None => (
            SamlIdentityProvider::new(name).sp_entity_id(sp_entity_id),
            None,
        ),
    };
    builder = builder.enabled(s.enabled);
    if let Some(v) = &s.idp_entity_id {
        builder = builder.idp_entity_id(v);
    }
    if let Some(v) = &s.sso_endpoint {
        let binding = match s.sso_binding {
            Some(SamlBindingName::HTTP_REDIRECT) => SamlBinding::HttpRedirect,
            _ => SamlBinding::HttpPost,
        };
        builder = builder.sso_endpoint(v, binding);
    }
    if let Some(v) = s.authn_request_signed {
        builder = builder.authn_request_signed(v);
    }
    let given = resolve::certificate(
        base_dir,
        "certificate",
        s.certificate.as_deref(),
        s.certificate_file.as_deref(),
    )?;
    certificate = given.or(certificate);
    // The real id is known once the certificate is stored; the plan compares certificates.
    builder = builder.verification_certificates([Uuid::nil()]);
    Ok((builder, certificate))
}

fn oidc_builder(name: &str, o: &OidcProviderSpec, secret: &str) -> OidcIdentityProvider {
    let mut builder = OidcIdentityProvider::new(name).enabled(o.enabled);
    let urls = [
        (
            &o.issuer,
            OidcIdentityProvider::issuer as fn(_, String) -> _,
        ),
        (
            &o.authorization_endpoint,
            OidcIdentityProvider::authorization_endpoint,
        ),
        (&o.token_endpoint, OidcIdentityProvider::token_endpoint),
        (&o.jwks_endpoint, OidcIdentityProvider::jwks_endpoint),
        (
            &o.userinfo_endpoint,
            OidcIdentityProvider::userinfo_endpoint,
        ),
    ];
    for (value, set) in urls {
        if let Some(value) = value {
            builder = set(builder, value.clone());
        }
    }
    builder = builder
        .client(o.client_id.clone().unwrap_or_default(), secret.to_owned())
        .scopes(o.scopes.iter().cloned());
    if let Some(method) = o.token_endpoint_auth_method {
        builder = builder.token_endpoint_auth_method(match method {
            TokenAuthMethodName::CLIENT_SECRET_BASIC => {
                IdpTokenEndpointAuthMethod::ClientSecretBasic
            }
            TokenAuthMethodName::CLIENT_SECRET_POST => IdpTokenEndpointAuthMethod::ClientSecretPost,
        });
    }
    builder
}
