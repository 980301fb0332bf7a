//! Export: live resources written as a document, so that existing customers can be brought
//! under management. Planning an export changes nothing (what cannot be exported faithfully
//! is left out and said in a note).

use std::collections::BTreeMap;

use futures::{StreamExt as _, TryStreamExt as _};
use serde_json::Value;
use uuid::Uuid;

use crate::auth0::ConnectionProfile;
use crate::pingone::IdentityProvider;
use crate::saas::IdpId;

use super::document::{
    IdentityProviderSpec, OidcProviderSpec, PingOneEnvironment, ProfileOrganization, ProfileSpec,
    SaasApplication, SaasConnection, SamlBindingName, SamlProviderSpec, SigningAlgorithmName,
    SloBindingName, TokenAuthMethodName,
};
use super::pingone::MANAGED_TYPES;
use super::saas::live::{Attribution, Live, LiveItem};
use super::saas::DeclaredApp;
use super::{Auth0Tenant, Clients, DesiredError, Document, ResourceId};

/// What to export. The SaaS API cannot list `idpId`s nor say which application a connection
/// belongs to, so the request names the `idpId`s and the applications to look for.
///
/// ```
/// use sso_connections::desired::ExportRequest;
/// use sso_connections::Uuid;
/// let request = ExportRequest::new()
///     .saas_application("crm", Uuid::from_u128(1))
///     .saas_idp("acme.example")
///     .pingone_environment(Uuid::from_u128(2))
///     .auth0_tenant("main");
/// # let _ = request;
/// ```
#[derive(Clone, Debug, Default)]
pub struct ExportRequest {
    saas_idps: Vec<String>,
    saas_applications: BTreeMap<String, Uuid>,
    pingone_environments: Vec<Uuid>,
    auth0_tenants: Vec<String>,
}

impl ExportRequest {
    /// Nothing to export yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Export this `idpId`'s connections.
    pub fn saas_idp(mut self, idp_id: impl Into<String>) -> Self {
        self.saas_idps.push(idp_id.into());
        self
    }

    /// An application connections may belong to, and the name the document gives it.
    pub fn saas_application(mut self, name: impl Into<String>, saasid: Uuid) -> Self {
        self.saas_applications.insert(name.into(), saasid);
        self
    }

    /// Export this environment's SAML and OpenID Connect identity providers.
    pub fn pingone_environment(mut self, environment: Uuid) -> Self {
        self.pingone_environments.push(environment);
        self
    }

    /// Export this tenant's connection profiles (named as in [`Clients::auth0`]).
    pub fn auth0_tenant(mut self, tenant: impl Into<String>) -> Self {
        self.auth0_tenants.push(tenant.into());
        self
    }
}

/// An exported document, and what could not be exported or needs doing before planning.
#[derive(Clone, Debug, Default)]
pub struct Exported {
    /// The document.
    pub document: Document,
    /// Things a person should know (an `idpId` without connections, a variable to set, a
    /// connection no named application accounts for…).
    pub notes: Vec<String>,
}

/// Reads the requested live resources and writes them as a document.
///
/// - SaaS: each `idpId`'s shared settings (the certificate inline) and, for the named
///   applications, which are connected, `multiplexed`, and enabled. An `idpId` with one
///   connection is exported as the one named application's only when one is named.
/// - PingOne: SAML and OpenID Connect providers by name. Certificates are not exported (the
///   API does not return them), so the document keeps whichever are trusted; an OpenID
///   Connect provider's secret variable is named `<NAME>_CLIENT_SECRET` (a note says so).
/// - Auth0: profiles by name, with the settings documents manage.
///
/// ```no_run
/// # async fn run(clients: sso_connections::desired::Clients<'_>) -> Result<(), sso_connections::desired::DesiredError> {
/// use sso_connections::desired::{export, ExportRequest};
/// let exported = export(&ExportRequest::new().saas_idp("acme.example"), &clients).await?;
/// std::fs::write("customers.toml", exported.document.to_toml()).unwrap();
/// # Ok(()) }
/// ```
pub async fn export(
    request: &ExportRequest,
    clients: &Clients<'_>,
) -> Result<Exported, DesiredError> {
    let mut exported = Exported::default();
    if !request.saas_idps.is_empty() {
        export_saas(request, clients, &mut exported).await?;
    }
    for environment in &request.pingone_environments {
        export_pingone(*environment, clients, &mut exported).await?;
    }
    for tenant in &request.auth0_tenants {
        export_auth0(tenant, clients, &mut exported).await?;
    }
    Ok(exported)
}

async fn export_saas(
    request: &ExportRequest,
    clients: &Clients<'_>,
    exported: &mut Exported,
) -> Result<(), DesiredError> {
    let client = clients.saas_client()?;
    let section = &mut exported.document.saas;
    section.applications = request.saas_applications.clone();
    let candidates: Vec<DeclaredApp> = request
        .saas_applications
        .values()
        .map(|id| DeclaredApp {
            id: *id,
            multiplexed: true,
            enabled: true,
        })
        .collect();
    let names: BTreeMap<Uuid, &String> = request
        .saas_applications
        .iter()
        .map(|(name, id)| (*id, name))
        .collect();
    let candidates = &candidates;
    let reads = futures::stream::iter(&request.saas_idps)
        .map(|idp_id| async move {
            let resource = ResourceId::SaasIdp {
                idp_id: idp_id.clone(),
            };
            let failed = |e| DesiredError::resource(&resource, e);
            let idp = IdpId::new(idp_id.clone()).map_err(failed)?;
            let Some(live) = Live::read(client, &idp).await.map_err(failed)? else {
                return Ok((idp_id, None));
            };
            let attributed = live
                .attribute(client, &idp, candidates)
                .await
                .map_err(failed)?;
            Ok::<_, DesiredError>((idp_id, Some((live, attributed))))
        })
        .buffered(16);
    let reads: Vec<_> = reads.try_collect().await?;
    for (idp_id, read) in reads {
        let Some((live, attributed)) = read else {
            exported.notes.push(format!(
                "saas idpId {idp_id} has no connections; not exported"
            ));
            continue;
        };
        let applications: Vec<SaasApplication> = attributed
            .0
            .iter()
            .filter_map(|(app, attribution)| match attribution {
                Attribution::Found(item) | Attribution::Assumed(item) => Some(SaasApplication {
                    application: names[&app.id].clone(),
                    multiplexed: item.multiplexed.unwrap_or(true),
                    enabled: item.enabled().unwrap_or(true),
                }),
                _ => None,
            })
            .collect();
        if applications.is_empty() {
            exported.notes.push(format!(
                "saas idpId {idp_id}: none of its {} connection(s) could be attributed to a \
                 named application (name the application, or the only one, it belongs to); \
                 not exported",
                live.count()
            ));
            continue;
        }
        if applications.len() < live.count() {
            exported.notes.push(format!(
                "saas idpId {idp_id}: {} connection(s) belong to applications not named; they \
                 are not in the document",
                live.count() - applications.len()
            ));
        }
        section
            .connections
            .insert(idp_id.clone(), saas_connection(live.shared(), applications));
    }
    Ok(())
}

fn saas_connection(item: &LiveItem, applications: Vec<SaasApplication>) -> SaasConnection {
    SaasConnection {
        email: item.email.clone(),
        entity_id: item.entity_id.clone(),
        sso_endpoint: item.sso_endpoint.clone(),
        signing_certificate: item.decoded.as_ref().map(|c| c.to_base64()),
        slo_endpoint: item.slo_endpoint.clone(),
        slo_response_endpoint: item.slo_response_endpoint.clone(),
        slo_binding: item.slo_binding.as_deref().and_then(|b| match b {
            "POST" => Some(SloBindingName::Post),
            "Redirect" => Some(SloBindingName::Redirect),
            _ => None,
        }),
        sign_authn_request: item.sign_authn_request,
        signing_algorithm: item.signing_algorithm.as_deref().and_then(|a| {
            serde_json::from_value::<SigningAlgorithmName>(Value::String(a.to_owned())).ok()
        }),
        applications,
        ..SaasConnection::default()
    }
}

async fn export_pingone(
    environment: Uuid,
    clients: &Clients<'_>,
    exported: &mut Exported,
) -> Result<(), DesiredError> {
    let client = clients.pingone_client()?;
    let providers: Vec<IdentityProvider> = client
        .environment(environment)
        .identity_providers()
        .list()
        .try_collect()
        .await
        .map_err(|e| {
            DesiredError::resource(
                &ResourceId::PingoneIdentityProvider {
                    environment,
                    name: String::new(),
                },
                e,
            )
        })?;
    let mut section = PingOneEnvironment::default();
    for provider in providers {
        let live = serde_json::to_value(&provider).unwrap_or_default();
        let name = provider.name().to_owned();
        let text = |key: &str| live[key].as_str().map(str::to_owned);
        let spec = match live["type"].as_str().unwrap_or_default() {
            "SAML" => IdentityProviderSpec::Saml(SamlProviderSpec {
                enabled: provider.enabled(),
                idp_entity_id: text("idpEntityId"),
                sp_entity_id: text("spEntityId"),
                sso_endpoint: text("ssoEndpoint"),
                sso_binding: live["ssoBinding"].as_str().and_then(|b| {
                    serde_json::from_value::<SamlBindingName>(Value::String(b.to_owned())).ok()
                }),
                authn_request_signed: live["authnRequestSigned"].as_bool(),
                ..SamlProviderSpec::default()
            }),
            "OPENID_CONNECT" => {
                let variable = secret_variable(&name);
                exported.notes.push(format!(
                    "pingone {environment} identity provider \"{name}\": set ${variable} to its \
                     client secret before planning"
                ));
                IdentityProviderSpec::Oidc(OidcProviderSpec {
                    enabled: provider.enabled(),
                    issuer: text("issuer"),
                    authorization_endpoint: text("authorizationEndpoint"),
                    token_endpoint: text("tokenEndpoint"),
                    jwks_endpoint: text("jwksEndpoint"),
                    userinfo_endpoint: text("userInfoEndpoint"),
                    client_id: text("clientId"),
                    client_secret_env: Some(variable),
                    scopes: live["scopes"]
                        .as_array()
                        .map(|s| {
                            s.iter()
                                .filter_map(|v| v.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default(),
                    token_endpoint_auth_method: live["tokenEndpointAuthMethod"].as_str().and_then(
                        |m| {
                            serde_json::from_value::<TokenAuthMethodName>(Value::String(
                                m.to_owned(),
                            ))
                            .ok()
                        },
                    ),
                    ..OidcProviderSpec::default()
                })
            }
            other => {
                debug_assert!(!MANAGED_TYPES.contains(&other));
                exported.notes.push(format!(
                    "pingone {environment} identity provider \"{name}\" is of type {other}, \
                     which documents do not manage; not exported"
                ));
                continue;
            }
        };
        section.identity_providers.insert(name, spec);
    }
    exported.document.pingone.insert(environment, section);
    Ok(())
}

/// `Acme Okta` → `ACME_OKTA_CLIENT_SECRET`.
fn secret_variable(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{}_CLIENT_SECRET", slug.trim_matches('_'))
}

async fn export_auth0(
    tenant: &str,
    clients: &Clients<'_>,
    exported: &mut Exported,
) -> Result<(), DesiredError> {
    let client = clients.auth0_client(tenant)?;
    let profiles: Vec<ConnectionProfile> = client
        .connection_profiles()
        .list()
        .try_collect()
        .await
        .map_err(|e| {
            DesiredError::resource(
                &ResourceId::Auth0Profile {
                    tenant: tenant.to_owned(),
                    name: String::new(),
                },
                e,
            )
        })?;
    let mut section = Auth0Tenant::default();
    for profile in profiles {
        let live = serde_json::to_value(&profile).unwrap_or_default();
        if live.get("strategy_overrides").is_some_and(|v| !v.is_null()) {
            exported.notes.push(format!(
                "auth0 {tenant} profile \"{}\": strategy_overrides are not managed by documents \
                 and are left as they are",
                profile.name
            ));
        }
        let organization = live["organization"]
            .as_object()
            .map(|o| ProfileOrganization {
                show_as_button: o
                    .get("show_as_button")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                assign_membership_on_login: o
                    .get("assign_membership_on_login")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        let spec = ProfileSpec {
            connection_name_prefix_template: live["connection_name_prefix_template"]
                .as_str()
                .map(str::to_owned),
            enabled_features: live["enabled_features"].as_array().map(|f| {
                f.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            }),
            organization,
            connection_config: live["connection_config"].as_object().cloned(),
            ..ProfileSpec::default()
        };
        section.profiles.insert(profile.name.clone(), spec);
    }
    exported.document.auth0.insert(tenant.to_owned(), section);
    Ok(())
}
