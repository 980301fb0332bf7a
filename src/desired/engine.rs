//! The engine every resource kind plugs into: plan scopes concurrently, keep only what
//! changes, sort; execute and re-observe through the kind that owns an operation.

use std::future::Future;

use chrono::{DateTime, Utc};
use futures::{StreamExt as _, TryStreamExt as _};
use serde::{Deserialize, Serialize};

use crate::metadata::FetchOptions;

use super::apply::Outcome;
use super::auth0::{Auth0Kind, Auth0Operation};
use super::pingone::{PingOneKind, PingOneOperation};
use super::saas::{SaasKind, SaasOperation};
use super::{Clients, DesiredError, Document, Plan, ResourceId, ResourcePlan, PLAN_FORMAT};

/// The request behind a change, by API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "api", rename_all = "snake_case")]
pub enum Operation {
    /// A Customer Connection API request.
    Saas(SaasOperation),
    /// A PingOne Platform request.
    Pingone(PingOneOperation),
    /// An Auth0 Management API request.
    Auth0(Auth0Operation),
}

/// How a plan is made.
///
/// ```
/// use sso_connections::desired::PlanOptions;
/// let options = PlanOptions::new().prune(true).concurrency(8);
/// assert!(options.prunes());
/// ```
#[derive(Clone, Debug)]
pub struct PlanOptions {
    pub(crate) prune: bool,
    pub(crate) concurrency: usize,
    pub(crate) now: DateTime<Utc>,
    pub(crate) fetch: FetchOptions,
    pub(crate) progress: Progress,
}

/// A callback told how many units of work are done so far (for progress bars).
#[derive(Clone, Default)]
pub(crate) struct Progress(Option<std::sync::Arc<dyn Fn(usize) + Send + Sync>>);

impl Progress {
    pub(crate) fn new(report: impl Fn(usize) + Send + Sync + 'static) -> Self {
        Self(Some(std::sync::Arc::new(report)))
    }

    pub(crate) fn report(&self, done: usize) {
        if let Some(report) = &self.0 {
            report(done);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(set)"
        } else {
            "Progress(none)"
        })
    }
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl PlanOptions {
    /// No pruning, 16 resources read at a time, certificates judged now, metadata URLs
    /// fetched with the fetcher's defaults.
    pub fn new() -> Self {
        Self {
            prune: false,
            concurrency: 16,
            now: Utc::now(),
            fetch: FetchOptions::default(),
            progress: Progress::default(),
        }
    }

    /// Calls `report` with the number of planning units done so far (a SaaS `idpId`, a
    /// PingOne environment, an Auth0 tenant) each time one is done; there are
    /// [`Document::planning_units`] in all.
    ///
    /// ```
    /// let options = sso_connections::desired::PlanOptions::new().progress(|done| eprint!("\r{done}"));
    /// # let _ = options;
    /// ```
    pub fn progress(mut self, report: impl Fn(usize) + Send + Sync + 'static) -> Self {
        self.progress = Progress::new(report);
        self
    }

    /// Also delete live resources the document does not declare (each listed in the plan).
    pub fn prune(mut self, prune: bool) -> Self {
        self.prune = prune;
        self
    }

    /// Whether the plan prunes.
    pub fn prunes(&self) -> bool {
        self.prune
    }

    /// How many resources are read at a time (at least 1). Requests are further paced by
    /// each client's own rate and concurrency limits.
    pub fn concurrency(mut self, resources: usize) -> Self {
        self.concurrency = resources.max(1);
        self
    }

    /// The moment certificates are judged at (metadata picks a certificate valid then).
    pub fn now(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// How metadata URLs are fetched (size, time and private-address limits).
    pub fn fetch_options(mut self, fetch: FetchOptions) -> Self {
        self.fetch = fetch;
        self
    }
}

/// One kind of resource: how to plan a scope of it (a SaaS `idpId`, a PingOne environment,
/// an Auth0 tenant), re-read one resource, and execute one of its operations.
pub(crate) trait Kind: Sync {
    /// What one planning unit holds.
    type Scope: Send + Sync;
    /// The kind's requests.
    type Operation: Send + Sync;

    /// Reads a scope's live state and compares it with the declared one: one
    /// [`ResourcePlan`] per resource (with no changes when it matches).
    fn plan_scope(
        &self,
        scope: &Self::Scope,
        options: &PlanOptions,
    ) -> impl Future<Output = Result<Vec<ResourcePlan>, DesiredError>> + Send;

    /// The digest of a resource's live state now (see [`ResourcePlan::observed`]).
    fn observe(
        &self,
        resource: &ResourceId,
    ) -> impl Future<Output = Result<String, DesiredError>> + Send;

    /// Makes one change.
    fn execute(
        &self,
        operation: &Self::Operation,
    ) -> impl Future<Output = crate::Result<Outcome>> + Send;
}

/// Reads the live state of every resource `document` declares and returns what differs.
///
/// The document is checked first and every client it needs must be given, so a mistake in it
/// is reported before any request. Files and metadata URLs are read per resource as the plan
/// goes. Resources are read `options.concurrency` at a time; only resources with changes or
/// notes are kept, so memory does not grow with the number of unchanged resources.
///
/// ```no_run
/// # async fn run(document: sso_connections::desired::Document,
/// #     clients: sso_connections::desired::Clients<'_>) -> Result<(), sso_connections::desired::DesiredError> {
/// let plan = sso_connections::desired::plan(&document, &clients, &Default::default()).await?;
/// println!("{plan}");
/// # Ok(()) }
/// ```
pub async fn plan(
    document: &Document,
    clients: &Clients<'_>,
    options: &PlanOptions,
) -> Result<Plan, DesiredError> {
    document.check()?;
    let saas = SaasKind::for_document(document, clients)?;
    let pingone = PingOneKind::for_document(document, clients)?;
    let auth0 = Auth0Kind::for_document(document, clients)?;
    let mut plan = Plan {
        format: PLAN_FORMAT,
        prune: options.prune,
        ..Plan::default()
    };
    let mut planned = Planned {
        plan: &mut plan,
        units: 0,
    };
    if let Some((kind, scopes)) = saas {
        plan_kind(&kind, scopes, options, &mut planned).await?;
    }
    if let Some((kind, scopes)) = pingone {
        plan_kind(&kind, scopes.into_iter(), options, &mut planned).await?;
    }
    for (kind, scopes) in auth0 {
        plan_kind(&kind, scopes.into_iter(), options, &mut planned).await?;
    }
    plan.resources.sort_by(|a, b| a.resource.cmp(&b.resource));
    Ok(plan)
}

/// The plan being made, and how many planning units are done.
struct Planned<'p> {
    plan: &'p mut Plan,
    units: usize,
}

/// Plans `scopes` as they come, `options.concurrency` at a time, keeping only resources
/// with changes or notes.
async fn plan_kind<K: Kind>(
    kind: &K,
    scopes: impl Iterator<Item = K::Scope>,
    options: &PlanOptions,
    planned: &mut Planned<'_>,
) -> Result<(), DesiredError> {
    let plan = &mut *planned.plan;
    let mut results = futures::stream::iter(scopes)
        .map(|scope| async move { kind.plan_scope(&scope, options).await })
        .buffer_unordered(options.concurrency);
    while let Some(resources) = results.try_next().await? {
        planned.units += 1;
        options.progress.report(planned.units);
        for resource in resources {
            if resource.changes.is_empty() && resource.notes.is_empty() {
                plan.unchanged += 1;
                plan.assumed += usize::from(resource.assumed);
            } else {
                plan.resources.push(resource);
            }
        }
    }
    Ok(())
}

/// Executes and observes through the kind that owns each operation and resource.
pub(super) struct Executors<'a> {
    clients: Clients<'a>,
}

impl<'a> Executors<'a> {
    pub(super) fn new(clients: &Clients<'a>) -> Self {
        Self {
            clients: clients.clone(),
        }
    }

    /// Checks that every resource of `plan` has its client.
    pub(super) fn check(&self, plan: &Plan) -> Result<(), DesiredError> {
        for resource in &plan.resources {
            match &resource.resource {
                ResourceId::SaasIdp { .. } => {
                    self.clients.saas_client()?;
                }
                ResourceId::PingoneIdentityProvider { .. } => {
                    self.clients.pingone_client()?;
                }
                ResourceId::Auth0Profile { tenant, .. } => {
                    self.clients.auth0_client(tenant)?;
                }
            }
        }
        Ok(())
    }

    pub(super) async fn observe(&self, resource: &ResourceId) -> Result<String, DesiredError> {
        match resource {
            ResourceId::SaasIdp { .. } => {
                SaasKind::new(self.clients.saas_client()?)
                    .observe(resource)
                    .await
            }
            ResourceId::PingoneIdentityProvider { .. } => {
                PingOneKind::new(self.clients.pingone_client()?)
                    .observe(resource)
                    .await
            }
            ResourceId::Auth0Profile { tenant, .. } => {
                Auth0Kind::new(tenant, self.clients.auth0_client(tenant)?)
                    .observe(resource)
                    .await
            }
        }
    }

    pub(super) async fn execute(&self, operation: &Operation) -> crate::Result<Outcome> {
        let missing = |e: DesiredError| crate::Error::invalid("operation", e.to_string());
        match operation {
            Operation::Saas(op) => {
                let client = self.clients.saas_client().map_err(missing)?;
                SaasKind::new(client).execute(op).await
            }
            Operation::Pingone(op) => {
                let client = self.clients.pingone_client().map_err(missing)?;
                PingOneKind::new(client).execute(op).await
            }
            Operation::Auth0(op) => {
                let client = self.clients.auth0_client(op.tenant()).map_err(missing)?;
                Auth0Kind::new(op.tenant(), client).execute(op).await
            }
        }
    }
}
