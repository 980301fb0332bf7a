//! PingOne identity providers as a resource kind, matched by name within an environment.
//! A SAML provider's certificate is compared with the environment's stored certificates and
//! imported by the apply when it is not there; an OpenID Connect provider's client secret is
//! read from the named environment variable when applying, and never compared or shown.

use std::path::PathBuf;
use std::sync::Arc;

use futures::TryStreamExt as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::pingone::{CertificateImport, CertificateUsageType, IdentityProvider, PingOneClient};
use crate::values::Certificate;

use super::apply::Outcome;
use super::document::{Document, Ensure, IdentityProviderSpec};
use super::engine::{Kind, PlanOptions};
use super::plan::{ResourcePlan, ABSENT};
use super::{Clients, DesiredError, ResourceId};

mod declared;
mod diff;

use declared::{check_secret_variables, resolve_provider, secret};
use diff::{create, delete, replace};

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
    super::plan::digest_of_items(&cleaned)
}
