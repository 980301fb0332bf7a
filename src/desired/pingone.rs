//! PingOne identity providers as a resource kind, matched by name within an environment.
//! A SAML provider's certificate is compared with the environment's stored certificates and
//! imported by the apply when it is not there; an OpenID Connect provider's client secret is
//! read from the named environment variable when applying, and never compared or shown.

use std::path::PathBuf;
use std::sync::Arc;

use futures::TryStreamExt as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::metadata::{CertificateChoice, SsoPreference};
use crate::pingone::{
    CertificateImport, CertificateUsageType, IdentityProvider, IdpTokenEndpointAuthMethod,
    OidcIdentityProvider, PingOneClient, SamlBinding, SamlIdentityProvider,
};
use crate::values::Certificate;

use super::apply::Outcome;
use super::document::{
    Document, Ensure, IdentityProviderSpec, OidcProviderSpec, SamlBindingName, SamlProviderSpec,
    TokenAuthMethodName,
};
use super::engine::{Kind, PlanOptions};
use super::plan::{certificate_value, Action, Change, FieldChange, ResourcePlan, ABSENT};
use super::{resolve, Clients, DesiredError, Operation, ResourceId};

/// Keys a plan neither compares nor shows: the secret, and the certificate references
/// (compared by certificate instead).
const NOT_COMPARED: &[&str] = &["clientSecret", "idpVerification"];

/// The provider types a document declares; pruning never touches the others (social
/// providers, kinds added later).
pub(crate) const MANAGED_TYPES: &[&str] = &["SAML", "OPENID_CONNECT"];

/// A PingOne Platform request of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum PingOneOperation {
    /// Creates the identity provider (a 409 means it exists already).
    Create {
        /// The environment.
        environment: Uuid,
        /// The body, without any secret.
        body: Value,
        /// The environment variable whose value is sent as the client secret.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_secret_env: Option<String>,
        /// A certificate (base64 of DER) to import, or find, and reference for verification.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        certificate: Option<String>,
    },
    /// Replaces it (PUT) with the live values overlaid by the declared ones.
    Replace {
        /// The environment.
        environment: Uuid,
        /// The provider.
        id: Uuid,
        /// The body, without any secret.
        body: Value,
        /// The environment variable whose value is sent as the client secret.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_secret_env: Option<String>,
        /// A certificate (base64 of DER) to import, or find, and reference for verification.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        certificate: Option<String>,
    },
    /// Deletes it.
    Delete {
        /// The environment.
        environment: Uuid,
        /// The provider.
        id: Uuid,
    },
}

/// The PingOne kind, over one client.
pub(crate) struct PingOneKind<'a> {
    client: &'a PingOneClient,
}

/// One environment and the providers the document declares in it.
pub(crate) struct PingOneScope {
    environment: Uuid,
    providers: Vec<(String, IdentityProviderSpec)>,
    base_dir: Arc<PathBuf>,
}

/// A declared provider, resolved: its body (no secret) and its certificate.
struct DeclaredProvider {
    body: Map<String, Value>,
    certificate: Option<Certificate>,
    secret_env: Option<String>,
}

impl<'a> PingOneKind<'a> {
    pub(crate) fn new(client: &'a PingOneClient) -> Self {
        Self { client }
    }

    /// The kind and its scopes, or `None` when the document declares no environment.
    pub(crate) fn for_document(
        document: &Document,
        clients: &Clients<'a>,
    ) -> std::result::Result<Option<(Self, Vec<PingOneScope>)>, DesiredError> {
        if document.pingone.is_empty() {
            return Ok(None);
        }
        let kind = Self::new(clients.pingone_client()?);
        check_secret_variables(document)?;
        let base_dir = Arc::new(document.base_dir.clone());
        let scopes = document
            .pingone
            .iter()
            .map(|(environment, section)| PingOneScope {
                environment: *environment,
                providers: section
                    .identity_providers
                    .iter()
                    .map(|(name, spec)| (name.clone(), spec.clone()))
                    .collect(),
                base_dir: Arc::clone(&base_dir),
            })
            .collect();
        Ok(Some((kind, scopes)))
    }

    async fn providers(&self, environment: Uuid) -> Result<Vec<Value>> {
        let list: Vec<IdentityProvider> = self
            .client
            .environment(environment)
            .identity_providers()
            .list()
            .try_collect()
            .await?;
        list.iter()
            .map(|p| {
                serde_json::to_value(p)
                    .map_err(|e| Error::invalid("identityProvider", e.to_string()))
            })
            .collect()
    }

    async fn certificates(&self, environment: Uuid) -> Result<Vec<crate::pingone::Certificate>> {
        self.client
            .environment(environment)
            .certificates()
            .list()
            .try_collect()
            .await
    }
}

impl Kind for PingOneKind<'_> {
    type Scope = PingOneScope;
    type Operation = PingOneOperation;

    async fn plan_scope(
        &self,
        scope: &PingOneScope,
        options: &PlanOptions,
    ) -> std::result::Result<Vec<ResourcePlan>, DesiredError> {
        let env = scope.environment;
        let id_of = |name: &str| ResourceId::PingoneIdentityProvider {
            environment: env,
            name: name.to_owned(),
        };
        let mut declared = Vec::new();
        for (name, spec) in &scope.providers {
            let resolved = resolve_provider(name, spec, &scope.base_dir, options)
                .await
                .map_err(|e| DesiredError::resource(&id_of(name), e))?;
            declared.push((name, spec.ensure(), resolved));
        }
        let scope_error = |e: Error| DesiredError::resource(&id_of(""), e);
        let live = self.providers(env).await.map_err(scope_error)?;
        let stored = if declared
            .iter()
            .any(|(_, _, d)| d.as_ref().is_some_and(|d| d.certificate.is_some()))
        {
            self.certificates(env).await.map_err(scope_error)?
        } else {
            Vec::new()
        };
        let mut plans = Vec::new();
        for (name, ensure, wanted) in &declared {
            let matching: Vec<&Value> = live.iter().filter(|p| p["name"] == json!(name)).collect();
            let mut plan = ResourcePlan {
                resource: id_of(name),
                observed: observed(&matching),
                changes: Vec::new(),
                notes: Vec::new(),
                assumed: false,
            };
            match (ensure, wanted, matching.as_slice()) {
                (_, _, [_, _, ..]) => plan.notes.push(format!(
                    "{} identity providers are named \"{name}\"; the plan cannot tell which is \
                     meant and leaves them alone (rename all but one)",
                    matching.len()
                )),
                (Ensure::Absent, _, [one]) => plan.changes.push(delete(env, one)),
                (Ensure::Present, Some(wanted), []) => {
                    if wanted.certificate.is_none() && wanted.body["type"] == json!("SAML") {
                        return Err(DesiredError::resource(
                            &id_of(name),
                            Error::invalid(
                                "certificate",
                                "is required to create a SAML identity provider",
                            ),
                        ));
                    }
                    plan.changes.push(create(env, wanted, &stored))
                }
                (Ensure::Present, Some(wanted), [one]) => {
                    plan.changes.extend(replace(env, wanted, one, &stored))
                }
                _ => {}
            }
            plans.push(plan);
        }
        if options.prune {
            for provider in &live {
                let name = provider["name"].as_str().unwrap_or_default();
                let kind = provider["type"].as_str().unwrap_or_default();
                if !MANAGED_TYPES.contains(&kind)
                    || declared.iter().any(|(n, _, _)| n.as_str() == name)
                {
                    continue;
                }
                plans.push(ResourcePlan {
                    resource: id_of(name),
                    observed: observed(&[provider]),
                    changes: vec![delete(env, provider)],
                    notes: vec!["not in the document (pruned)".to_owned()],
                    assumed: false,
                });
            }
        }
        Ok(plans)
    }

    async fn observe(&self, resource: &ResourceId) -> std::result::Result<String, DesiredError> {
        let ResourceId::PingoneIdentityProvider { environment, name } = resource else {
            return Err(DesiredError::resource(
                resource,
                Error::invalid("resource", "is not a PingOne identity provider"),
            ));
        };
        let live = self
            .providers(*environment)
            .await
            .map_err(|e| DesiredError::resource(resource, e))?;
        let matching: Vec<&Value> = live.iter().filter(|p| p["name"] == json!(name)).collect();
        Ok(observed(&matching))
    }

    async fn execute(&self, operation: &PingOneOperation) -> Result<Outcome> {
        match operation {
            PingOneOperation::Create {
                environment,
                body,
                client_secret_env,
                certificate,
            } => {
                let provider = self
                    .body(*environment, body, client_secret_env, certificate)
                    .await?;
                let handler = self.client.environment(*environment).identity_providers();
                match handler.create(&provider).await {
                    Ok(_) => Ok(Outcome::Done),
                    Err(Error::AlreadyExists(_)) => Ok(Outcome::AlreadyThere),
                    Err(error) => Err(error),
                }
            }
            PingOneOperation::Replace {
                environment,
                id,
                body,
                client_secret_env,
                certificate,
            } => {
                let provider = self
                    .body(*environment, body, client_secret_env, certificate)
                    .await?;
                let handler = self.client.environment(*environment).identity_providers();
                handler.replace(*id, &provider).await?;
                Ok(Outcome::Done)
            }
            PingOneOperation::Delete { environment, id } => {
                let handler = self.client.environment(*environment).identity_providers();
                Ok(match handler.delete(*id).await? {
                    crate::Deletion::Deleted => Outcome::Done,
                    crate::Deletion::NotFound => Outcome::AlreadyGone,
                })
            }
        }
    }
}

impl PingOneKind<'_> {
    /// The body to send: the certificate imported (or found) and referenced, the secret read
    /// from its variable.
    async fn body(
        &self,
        environment: Uuid,
        body: &Value,
        secret_env: &Option<String>,
        certificate: &Option<String>,
    ) -> Result<IdentityProvider> {
        let mut body = body.clone();
        if let Some(certificate) = certificate {
            let import = CertificateImport::new(
                Certificate::parse(certificate)?,
                CertificateUsageType::Signing,
            );
            let stored = self
                .client
                .environment(environment)
                .certificates()
                .ensure(&import)
                .await?;
            body["idpVerification"] =
                json!({ "certificates": [{ "id": stored.certificate().id }] });
        }
        if let Some(variable) = secret_env {
            body["clientSecret"] = json!(secret(variable)?);
        }
        serde_json::from_value(body).map_err(|e| Error::invalid("identityProvider", e.to_string()))
    }
}

/// Every declared OpenID Connect provider's secret variable is set. Checked when the kinds
/// are set up, before any kind reads anything, so a missing variable is reported before any
/// request (planning resolves each provider again, for its value).
fn check_secret_variables(document: &Document) -> std::result::Result<(), DesiredError> {
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
fn secret(variable: &str) -> Result<String> {
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

/// The digest of the providers found under one name (without their secrets).
fn observed(matching: &[&Value]) -> String {
    if matching.is_empty() {
        return ABSENT.to_owned();
    }
    let cleaned: Vec<Value> = matching
        .iter()
        .map(|p| {
            let mut p = (*p).clone();
            if let Some(map) = p.as_object_mut() {
                map.remove("clientSecret");
            }
            p
        })
        .collect();
    super::saas::digest_of_items(&cleaned)
}

/// Builds the declared provider with the library's builders (which check every value), then
/// keeps its JSON without the secret.
async fn resolve_provider(
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

/// The stored certificate `certificate` is a copy of, if the environment has one.
fn stored_id(certificate: &Certificate, stored: &[crate::pingone::Certificate]) -> Option<Uuid> {
    let serial = certificate.info().serial_decimal();
    stored
        .iter()
        .find(|s| crate::pingone::is_stored_copy(s, certificate.info(), &serial))
        .map(|s| s.id)
}

fn create(env: Uuid, wanted: &DeclaredProvider, stored: &[crate::pingone::Certificate]) -> Change {
    let mut fields: Vec<FieldChange> = wanted
        .body
        .iter()
        .filter(|(k, _)| !NOT_COMPARED.contains(&k.as_str()))
        .map(|(k, v)| FieldChange::new(k, Value::Null, v.clone()))
        .collect();
    let mut body = Value::Object(wanted.body.clone());
    let mut certificate = None;
    if let Some(c) = &wanted.certificate {
        fields.push(FieldChange::new(
            "certificate",
            Value::Null,
            certificate_value(c.info()),
        ));
        match stored_id(c, stored) {
            Some(id) => body["idpVerification"] = json!({ "certificates": [{ "id": id }] }),
            None => certificate = Some(c.to_base64()),
        }
    }
    if let Some(variable) = &wanted.secret_env {
        fields.push(FieldChange::new(
            "clientSecret",
            Value::Null,
            json!({ "secret_from_env": variable }),
        ));
    }
    Change {
        action: Action::Create,
        target: None,
        fields,
        operation: Operation::Pingone(PingOneOperation::Create {
            environment: env,
            body,
            client_secret_env: wanted.secret_env.clone(),
            certificate,
        }),
    }
}

fn replace(
    env: Uuid,
    wanted: &DeclaredProvider,
    live: &Value,
    stored: &[crate::pingone::Certificate],
) -> Option<Change> {
    let mut fields: Vec<FieldChange> = wanted
        .body
        .iter()
        .filter(|(k, v)| !NOT_COMPARED.contains(&k.as_str()) && live.get(k.as_str()) != Some(v))
        .map(|(k, v)| {
            FieldChange::new(
                k,
                live.get(k.as_str()).cloned().unwrap_or(Value::Null),
                v.clone(),
            )
        })
        .collect();
    let mut body = live.clone();
    if let (Some(map), Value::Object(declared)) =
        (body.as_object_mut(), Value::Object(wanted.body.clone()))
    {
        for (k, v) in declared {
            if k != "idpVerification" {
                map.insert(k, v);
            }
        }
        map.remove("clientSecret");
    }
    let mut certificate = None;
    let mut rotated = false;
    if let Some(c) = &wanted.certificate {
        let live_ids: Vec<&Value> = live["idpVerification"]["certificates"]
            .as_array()
            .map(|a| a.iter().map(|c| &c["id"]).collect())
            .unwrap_or_default();
        let id = stored_id(c, stored);
        let trusted = id.is_some_and(|id| live_ids == [&json!(id)]);
        if !trusted {
            rotated = true;
            let before: Vec<Value> = live_ids
                .iter()
                .map(|id| {
                    stored
                        .iter()
                        .find(|s| json!(s.id) == **id)
                        .map(|s| json!({ "id": s.id, "serial": s.serial_number, "not_after": s.expires_at }))
                        .unwrap_or_else(|| (*id).clone())
                })
                .collect();
            fields.push(FieldChange::new(
                "certificate",
                json!(before),
                certificate_value(c.info()),
            ));
            match id {
                Some(id) => body["idpVerification"] = json!({ "certificates": [{ "id": id }] }),
                None => certificate = Some(c.to_base64()),
            }
        }
    }
    if fields.is_empty() {
        return None;
    }
    let only_certificate = rotated && fields.len() == 1;
    Some(Change {
        action: if only_certificate {
            Action::RotateCertificate
        } else {
            Action::Update
        },
        target: None,
        fields,
        operation: Operation::Pingone(PingOneOperation::Replace {
            environment: env,
            id: live_id(live),
            body,
            client_secret_env: wanted.secret_env.clone(),
            certificate,
        }),
    })
}

fn delete(env: Uuid, live: &Value) -> Change {
    Change {
        action: Action::Delete,
        target: None,
        fields: Vec::new(),
        operation: Operation::Pingone(PingOneOperation::Delete {
            environment: env,
            id: live_id(live),
        }),
    }
}

fn live_id(live: &Value) -> Uuid {
    live["id"]
        .as_str()
        .and_then(|id| Uuid::parse_str(id).ok())
        .unwrap_or_default()
}
