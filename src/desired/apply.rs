//! Applying a plan: refuse it when stale, then make each resource's changes in order,
//! deletions last, and report every change's result.

use std::sync::atomic::{AtomicUsize, Ordering};

use futures::StreamExt as _;
use serde::ser::SerializeStruct as _;
use serde::Serialize;

use super::engine::Executors;
use super::{Action, Change, Clients, DesiredError, Plan, ResourceId, ResourcePlan, PLAN_FORMAT};

/// How a plan is applied.
///
/// ```
/// let options = sso_connections::desired::ApplyOptions::new().concurrency(4);
/// # let _ = options;
/// ```
#[derive(Clone, Debug)]
pub struct ApplyOptions {
    concurrency: usize,
    progress: super::engine::Progress,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl ApplyOptions {
    /// 16 resources at a time.
    pub fn new() -> Self {
        Self {
            concurrency: 16,
            progress: Default::default(),
        }
    }

    /// Calls `report` with the number of changes made (or skipped) so far, out of
    /// [`Plan::change_count`].
    ///
    /// ```
    /// let options = sso_connections::desired::ApplyOptions::new().progress(|done| eprint!("\r{done}"));
    /// # let _ = options;
    /// ```
    pub fn progress(mut self, report: impl Fn(usize) + Send + Sync + 'static) -> Self {
        self.progress = super::engine::Progress::new(report);
        self
    }

    /// How many resources are re-read and changed at a time (at least 1); each resource's
    /// own changes are always made one after the other. Requests are further paced by each
    /// client's own limits.
    pub fn concurrency(mut self, resources: usize) -> Self {
        self.concurrency = resources.max(1);
        self
    }
}

/// What a successful change did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The change was made.
    Done,
    /// A create found it already there (409): nothing to do.
    AlreadyThere,
    /// An enable or disable found it already in that state (304).
    Unchanged,
    /// A delete found nothing to delete (404).
    AlreadyGone,
}

/// The result of one change.
#[derive(Debug)]
pub enum ChangeResult {
    /// It succeeded.
    Applied(Outcome),
    /// It failed; the resource's later changes were skipped.
    Failed(crate::Error),
    /// Not attempted, because an earlier change of the same resource failed.
    Skipped,
}

impl ChangeResult {
    /// Whether it succeeded.
    pub fn succeeded(&self) -> bool {
        matches!(self, ChangeResult::Applied(_))
    }
}

impl Serialize for ChangeResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ChangeResult", 2)?;
        match self {
            ChangeResult::Applied(outcome) => {
                s.serialize_field("status", "applied")?;
                s.serialize_field("outcome", outcome)?;
            }
            ChangeResult::Failed(error) => {
                s.serialize_field("status", "failed")?;
                s.serialize_field("error", &error.to_string())?;
            }
            ChangeResult::Skipped => {
                s.serialize_field("status", "skipped")?;
                s.serialize_field("outcome", &None::<Outcome>)?;
            }
        }
        s.end()
    }
}

/// One change of the plan and its result.
#[derive(Debug, Serialize)]
pub struct AppliedChange {
    /// The resource.
    pub resource: ResourceId,
    /// What the change did.
    pub action: Action,
    /// The part of the resource it acted on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// How it went.
    pub result: ChangeResult,
}

/// Every change of an applied plan, in plan order, with its result.
#[derive(Debug, Default, Serialize)]
pub struct ApplyReport {
    /// The changes.
    pub changes: Vec<AppliedChange>,
}

impl ApplyReport {
    /// Whether every change succeeded.
    ///
    /// ```
    /// assert!(sso_connections::desired::ApplyReport::default().all_succeeded());
    /// ```
    pub fn all_succeeded(&self) -> bool {
        self.changes.iter().all(|c| c.result.succeeded())
    }

    /// The changes that failed.
    pub fn failures(&self) -> impl Iterator<Item = &AppliedChange> {
        self.changes
            .iter()
            .filter(|c| matches!(c.result, ChangeResult::Failed(_)))
    }
}

/// Applies `plan`.
///
/// 1. Every resource the plan changes is read again; if any differs from what the plan saw,
///    nothing is applied and the result is [`DesiredError::StalePlan`].
/// 2. Each resource's changes other than deletions are made in plan order (creates, updates,
///    certificate rotations, enables and disables), resources `concurrency` at a time.
/// 3. Deletions are made last.
///
/// A failed change skips the rest of its resource's changes (deletions included) and no
/// other resource's. The report holds every change's result; planning again afterwards lists
/// exactly the changes that did not happen.
///
/// ```no_run
/// # async fn run(plan: sso_connections::desired::Plan,
/// #     clients: sso_connections::desired::Clients<'_>) -> Result<(), sso_connections::desired::DesiredError> {
/// let report = sso_connections::desired::apply(&plan, &clients, &Default::default()).await?;
/// for failed in report.failures() {
///     eprintln!("{} {}: {:?}", failed.resource, failed.action, failed.result);
/// }
/// # Ok(()) }
/// ```
pub async fn apply(
    plan: &Plan,
    clients: &Clients<'_>,
    options: &ApplyOptions,
) -> Result<ApplyReport, DesiredError> {
    if plan.format != PLAN_FORMAT {
        return Err(DesiredError::PlanFormat {
            found: plan.format,
            expected: PLAN_FORMAT,
        });
    }
    let executors = Executors::new(clients);
    executors.check(plan)?;
    let changing: Vec<&ResourcePlan> = plan
        .resources
        .iter()
        .filter(|r| !r.changes.is_empty())
        .collect();
    let stale = stale_resources(&executors, &changing, options.concurrency).await?;
    if !stale.is_empty() {
        return Err(DesiredError::StalePlan { resources: stale });
    }
    let counter = Counter {
        done: AtomicUsize::new(0),
        progress: &options.progress,
    };
    let mut results: Vec<Vec<ChangeResult>> = futures::stream::iter(&changing)
        .map(|resource| {
            let others = |c: &Change| c.action != Action::Delete;
            run(&executors, &resource.changes, others, false, &counter)
        })
        .buffered(options.concurrency)
        .collect()
        .await;
    let deletions: Vec<Vec<ChangeResult>> = futures::stream::iter(changing.iter().zip(&results))
        .map(|(resource, earlier)| {
            let failed = earlier.iter().any(|r| !r.succeeded());
            let deletions = |c: &Change| c.action == Action::Delete;
            run(&executors, &resource.changes, deletions, failed, &counter)
        })
        .buffered(options.concurrency)
        .collect()
        .await;
    for (all, deleted) in results.iter_mut().zip(deletions) {
        all.extend(deleted);
    }
    Ok(report(&changing, results))
}

/// Re-reads each resource; those whose digest differs from the plan's.
async fn stale_resources(
    executors: &Executors<'_>,
    changing: &[&ResourcePlan],
    concurrency: usize,
) -> Result<Vec<ResourceId>, DesiredError> {
    let observed: Vec<Result<Option<ResourceId>, DesiredError>> = futures::stream::iter(changing)
        .map(|resource| async move {
            let now = executors.observe(&resource.resource).await?;
            Ok((now != resource.observed).then(|| resource.resource.clone()))
        })
        .buffered(concurrency)
        .collect()
        .await;
    let mut stale = Vec::new();
    for result in observed {
        stale.extend(result?);
    }
    Ok(stale)
}

/// Changes made or skipped so far, reported to the apply's progress callback.
struct Counter<'p> {
    done: AtomicUsize,
    progress: &'p super::engine::Progress,
}

impl Counter<'_> {
    fn one_more(&self) {
        self.progress
            .report(self.done.fetch_add(1, Ordering::Relaxed) + 1);
    }
}

/// Makes the changes `selected` picks, in order; after a failure (or from the start when
/// `failed_before`, a failure of an earlier phase) the rest are skipped.
async fn run(
    executors: &Executors<'_>,
    changes: &[Change],
    selected: impl Fn(&Change) -> bool,
    failed_before: bool,
    counter: &Counter<'_>,
) -> Vec<ChangeResult> {
    let mut failed = failed_before;
    let mut results = Vec::new();
    for change in changes.iter().filter(|c| selected(c)) {
        if failed {
            results.push(ChangeResult::Skipped);
            counter.one_more();
            continue;
        }
        match executors.execute(&change.operation).await {
            Ok(outcome) => results.push(ChangeResult::Applied(outcome)),
            Err(error) => {
                failed = true;
                results.push(ChangeResult::Failed(error));
            }
        }
        counter.one_more();
    }
    results
}

/// Puts the results back in plan order (deletions were run apart).
fn report(changing: &[&ResourcePlan], results: Vec<Vec<ChangeResult>>) -> ApplyReport {
    let mut report = ApplyReport::default();
    for (resource, results) in changing.iter().zip(results) {
        let (deletions, others): (Vec<&Change>, Vec<&Change>) = resource
            .changes
            .iter()
            .partition(|c| c.action == Action::Delete);
        for (change, result) in others.into_iter().chain(deletions).zip(results) {
            report.changes.push(AppliedChange {
                resource: resource.resource.clone(),
                action: change.action,
                target: change.target.clone(),
                result,
            });
        }
    }
    report
}
