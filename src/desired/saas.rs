//! SaaS `idpId`s as a resource kind: resolve the declared settings, read the connections,
//! tell the applications apart (see the module documentation), and plan the changes.

mod diff;
pub(super) mod live;
mod settings;

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;
use crate::saas::{
    ApplicationIds, ApplicationSelection, ConnectionScope, ConnectionUpdate, IdpId, NewConnection,
    SaasClient, StateChange,
};
use crate::Deletion;

use super::apply::Outcome;
use super::check::application_id;
use super::document::{Document, Ensure, SaasConnection};
use super::engine::{Kind, PlanOptions};
use super::plan::{ResourcePlan, ABSENT};
use super::{Clients, DesiredError, ResourceId};

pub use settings::SaasSettings;

use live::Live;

/// A Customer Connection API request of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum SaasOperation {
    /// `PUT spManaged/{idpId}` for these applications; a 409 means they are connected already.
    Create {
        /// The `idpId`.
        idp_id: String,
        /// The applications to connect.
        applications: Vec<Uuid>,
        /// Whether their connections are multiplexed.
        multiplexed: bool,
        /// The shared settings.
        settings: SaasSettings,
    },
    /// `POST spManaged/{idpId}`: the shared settings that differ, and/or `multiplexed` for
    /// some applications.
    Update {
        /// The `idpId`.
        idp_id: String,
        /// The settings to send (only those that differ are set).
        settings: SaasSettings,
        /// `multiplexed` for these applications, when it changes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        multiplexed: Option<MultiplexedFor>,
    },
    /// `POST spManaged/enable/{idpId}?application=…`.
    Enable {
        /// The `idpId`.
        idp_id: String,
        /// The application.
        application: Uuid,
    },
    /// `POST spManaged/disable/{idpId}?application=…`.
    Disable {
        /// The `idpId`.
        idp_id: String,
        /// The application.
        application: Uuid,
    },
    /// `DELETE spManaged/{idpId}`, for one application or, without one, all of them.
    Delete {
        /// The `idpId`.
        idp_id: String,
        /// The application; `None` deletes every connection of the `idpId`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        application: Option<Uuid>,
    },
}

/// `multiplexed` for some applications' connections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiplexedFor {
    /// The applications.
    pub applications: Vec<Uuid>,
    /// The value.
    pub multiplexed: bool,
}

/// The SaaS kind, over one client.
pub(crate) struct SaasKind<'a> {
    client: &'a SaasClient,
}

/// One declared `idpId`, with its applications' saasids resolved.
pub(crate) struct SaasScope {
    idp_id: String,
    spec: SaasConnection,
    applications: Vec<DeclaredApp>,
    /// The applications `saas.applications` names (where pruning looks).
    catalogue: Arc<Vec<(String, Uuid)>>,
    base_dir: Arc<PathBuf>,
}

/// One declared application's connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DeclaredApp {
    pub(crate) id: Uuid,
    pub(crate) multiplexed: bool,
    pub(crate) enabled: bool,
}

impl<'a> SaasKind<'a> {
    pub(crate) fn new(client: &'a SaasClient) -> Self {
        Self { client }
    }

    /// The kind and its scopes, or `None` when the document declares no `idpId`. Scopes are
    /// made as the plan reaches them, so only those being planned are held at a time.
    pub(crate) fn for_document<'d>(
        document: &'d Document,
        clients: &Clients<'a>,
    ) -> Result<Option<(Self, impl Iterator<Item = SaasScope> + 'd)>, DesiredError> {
        let section = &document.saas;
        if section.connections.is_empty() {
            return Ok(None);
        }
        let kind = Self::new(clients.saas_client()?);
        let catalogue = Arc::new(
            section
                .applications
                .iter()
                .map(|(name, id)| (name.clone(), *id))
                .collect::<Vec<_>>(),
        );
        let base_dir = Arc::new(document.base_dir.clone());
        let scopes = section
            .connections
            .iter()
            .map(move |(idp_id, spec)| SaasScope {
                idp_id: idp_id.clone(),
                applications: spec
                    .applications
                    .iter()
                    .filter_map(|app| {
                        Some(DeclaredApp {
                            id: application_id(section, &app.application)?,
                            multiplexed: app.multiplexed,
                            enabled: app.enabled,
                        })
                    })
                    .collect(),
                spec: spec.clone(),
                catalogue: Arc::clone(&catalogue),
                base_dir: Arc::clone(&base_dir),
            });
        Ok(Some((kind, scopes)))
    }

    fn idp(idp_id: &str) -> crate::Result<IdpId> {
        IdpId::new(idp_id.to_owned())
    }
}

impl Kind for SaasKind<'_> {
    type Scope = SaasScope;
    type Operation = SaasOperation;

    async fn plan_scope(
        &self,
        scope: &SaasScope,
        options: &PlanOptions,
    ) -> Result<Vec<ResourcePlan>, DesiredError> {
        let resource = ResourceId::SaasIdp {
            idp_id: scope.idp_id.clone(),
        };
        let failed = |e: Error| DesiredError::resource(&resource, e);
        let declared = if scope.spec.ensure == Ensure::Present {
            Some(
                settings::resolve(&scope.spec, &scope.base_dir, options)
                    .await
                    .map_err(failed)?,
            )
        } else {
            None
        };
        let idp = Self::idp(&scope.idp_id).map_err(failed)?;
        let live = Live::read(self.client, &idp).await.map_err(failed)?;
        let observed = live
            .as_ref()
            .map_or_else(|| ABSENT.to_owned(), Live::digest);
        let mut planned = diff::Planned::naming(&scope.catalogue);
        match (declared, live) {
            (None, None) => {}
            (None, Some(live)) => planned.delete_all(&scope.idp_id, &live),
            (Some(declared), None) => {
                planned.create_all(&scope.idp_id, &declared, &scope.applications)
            }
            (Some(declared), Some(live)) => {
                let attributed = live
                    .attribute(self.client, &idp, &scope.applications)
                    .await
                    .map_err(failed)?;
                planned.reconcile(&scope.idp_id, &declared, &live, &attributed);
                if attributed.settled() && live.count() > attributed.found() {
                    let extra = live
                        .find_undeclared(
                            self.client,
                            &idp,
                            &scope.catalogue,
                            &scope.applications,
                            options.prune,
                        )
                        .await
                        .map_err(failed)?;
                    planned.undeclared(
                        &scope.idp_id,
                        live.count() - attributed.found(),
                        &extra,
                        options.prune,
                    );
                }
            }
        }
        Ok(vec![ResourcePlan {
            resource,
            observed,
            changes: planned.changes,
            notes: planned.notes,
            assumed: planned.assumed,
        }])
    }

    async fn observe(&self, resource: &ResourceId) -> Result<String, DesiredError> {
        let ResourceId::SaasIdp { idp_id } = resource else {
            return Err(DesiredError::resource(
                resource,
                Error::invalid("resource", "is not a SaaS idpId"),
            ));
        };
        let failed = |e: Error| DesiredError::resource(resource, e);
        let idp = Self::idp(idp_id).map_err(failed)?;
        let live = Live::read(self.client, &idp).await.map_err(failed)?;
        Ok(live
            .as_ref()
            .map_or_else(|| ABSENT.to_owned(), Live::digest))
    }

    async fn execute(&self, operation: &SaasOperation) -> crate::Result<Outcome> {
        let connections = self.client.connections();
        match operation {
            SaasOperation::Create {
                idp_id,
                applications,
                multiplexed,
                settings,
            } => {
                let request = NewConnection::for_applications(
                    settings.shared(true)?,
                    ApplicationIds::new(applications.iter().copied())?,
                )?
                .multiplexed(*multiplexed);
                match connections.create(&Self::idp(idp_id)?, &request).await {
                    Ok(()) => Ok(Outcome::Done),
                    Err(Error::AlreadyExists(_)) => Ok(Outcome::AlreadyThere),
                    Err(error) => Err(error),
                }
            }
            SaasOperation::Update {
                idp_id,
                settings,
                multiplexed,
            } => {
                let mut update = ConnectionUpdate::settings(settings.shared(false)?);
                if let Some(m) = multiplexed {
                    let applications = ApplicationIds::new(m.applications.iter().copied())?;
                    update = update
                        .and_multiplexed(ApplicationSelection::Only(applications), m.multiplexed);
                }
                connections.update(&Self::idp(idp_id)?, &update).await?;
                Ok(Outcome::Done)
            }
            SaasOperation::Enable {
                idp_id,
                application,
            } => {
                let scope = ConnectionScope::Application(*application);
                switched(connections.enable(&Self::idp(idp_id)?, scope).await?)
            }
            SaasOperation::Disable {
                idp_id,
                application,
            } => {
                let scope = ConnectionScope::Application(*application);
                switched(connections.disable(&Self::idp(idp_id)?, scope).await?)
            }
            SaasOperation::Delete {
                idp_id,
                application,
            } => {
                let idp = Self::idp(idp_id)?;
                let deletion = match application {
                    Some(application) => {
                        connections
                            .delete_for_application(&idp, *application)
                            .await?
                    }
                    None => connections.delete_all(&idp).await?,
                };
                Ok(match deletion {
                    Deletion::Deleted => Outcome::Done,
                    Deletion::NotFound => Outcome::AlreadyGone,
                })
            }
        }
    }
}

fn switched(change: StateChange) -> crate::Result<Outcome> {
    Ok(match change {
        StateChange::Changed => Outcome::Done,
        StateChange::Unchanged => Outcome::Unchanged,
    })
}
