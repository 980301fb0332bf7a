//! Fixtures of the desired-state tests: plan, apply and converge with the test's clients,
//! certificates judged at the kit's "now".

use serde_json::Value;
use sso_connections::desired::{
    self, ApplyOptions, ApplyReport, Change, Clients, Document, Plan, PlanOptions, ResourceId,
};

/// Plan options judged at [`super::kit::now`].
pub fn options() -> PlanOptions {
    PlanOptions::new().now(super::kit::now())
}

/// Plans `document`, which must succeed.
pub async fn plan(document: &Document, clients: &Clients<'_>) -> Plan {
    desired::plan(document, clients, &options()).await.unwrap()
}

/// Applies `plan`, which must not be refused (its changes may fail).
pub async fn apply(plan: &Plan, clients: &Clients<'_>) -> ApplyReport {
    desired::apply(plan, clients, &ApplyOptions::new())
        .await
        .unwrap()
}

/// Plans and applies `document`, which must succeed entirely, and checks that a second plan
/// is empty.
pub async fn converge(document: &Document, clients: &Clients<'_>) {
    let report = apply(&plan(document, clients).await, clients).await;
    assert!(report.all_succeeded(), "{report}");
    let after = plan(document, clients).await;
    assert!(after.is_empty(), "{after}");
}

/// A test's APIs: give the clients, get `plan`, `apply` and `converge` with them.
#[allow(async_fn_in_trait)]
pub trait Harness {
    /// The clients of the test's simulator.
    fn clients(&self) -> Clients<'_>;

    /// [`plan`] with [`Harness::clients`].
    async fn plan(&self, document: &Document) -> Plan {
        plan(document, &self.clients()).await
    }

    /// [`apply`] with [`Harness::clients`].
    async fn apply(&self, plan: &Plan) -> ApplyReport {
        apply(plan, &self.clients()).await
    }

    /// [`converge`] with [`Harness::clients`].
    async fn converge(&self, document: &Document) {
        converge(document, &self.clients()).await
    }
}

/// The one change `plan` has for `resource`.
#[track_caller]
pub fn only_change<'p>(plan: &'p Plan, resource: &ResourceId) -> &'p Change {
    let changes: Vec<&Change> = plan
        .changes()
        .filter(|(r, _)| *r == resource)
        .map(|(_, c)| c)
        .collect();
    assert_eq!(changes.len(), 1, "one change of {resource}: {plan}");
    changes[0]
}

/// `(field, before, after)` of a change.
pub fn fields(change: &Change) -> Vec<(&str, Value, Value)> {
    change
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.before.clone(), f.after.clone()))
        .collect()
}

/// A field a create sets.
pub fn created(field: &str, after: Value) -> (&str, Value, Value) {
    (field, Value::Null, after)
}
