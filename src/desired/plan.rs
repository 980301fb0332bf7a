//! A plan: what differs between the document and the live state, as data that can be
//! printed, serialised, compared, and applied.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// Version of the plan format; [`apply`](super::apply) refuses plans of another version.
pub const PLAN_FORMAT: u32 = 1;

/// Every change a document needs, in the order they would be applied, resource by resource.
///
/// ```
/// use sso_connections::desired::Plan;
/// let plan = Plan::default();
/// assert!(plan.is_empty());
/// assert_eq!(plan.to_string(), "No changes. 0 resources match the document.\n");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// [`PLAN_FORMAT`] when the plan was made.
    pub format: u32,
    /// Whether live resources the document does not declare are deleted.
    pub prune: bool,
    /// Resources with changes or notes, sorted by [`ResourceId`].
    pub resources: Vec<ResourcePlan>,
    /// How many declared resources already match.
    pub unchanged: usize,
    /// How many of those are SaaS `idpId`s with one connection, assumed to be the declared
    /// application's because the API cannot say whose it is.
    #[serde(default)]
    pub assumed: usize,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            format: PLAN_FORMAT,
            prune: false,
            resources: Vec::new(),
            unchanged: 0,
            assumed: 0,
        }
    }
}

impl Plan {
    /// Whether applying it would change nothing.
    pub fn is_empty(&self) -> bool {
        self.change_count() == 0
    }

    /// The number of changes.
    pub fn change_count(&self) -> usize {
        self.resources.iter().map(|r| r.changes.len()).sum()
    }

    /// Every change with its resource, in plan order.
    pub fn changes(&self) -> impl Iterator<Item = (&ResourceId, &Change)> {
        self.resources
            .iter()
            .flat_map(|r| r.changes.iter().map(move |c| (&r.resource, c)))
    }

    /// How many changes of each action the plan holds.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for (_, change) in self.changes() {
            match change.action {
                Action::Create => summary.create += 1,
                Action::Update | Action::RotateCertificate => summary.update += 1,
                Action::Enable | Action::Disable => summary.switch += 1,
                Action::Delete => summary.delete += 1,
            }
        }
        summary
    }
}

/// Counts of a plan's changes.
///
/// ```
/// let summary = sso_connections::desired::Plan::default().summary();
/// assert_eq!(summary.create + summary.update + summary.switch + summary.delete, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Creates.
    pub create: usize,
    /// Updates and certificate rotations.
    pub update: usize,
    /// Enables and disables.
    pub switch: usize,
    /// Deletions.
    pub delete: usize,
}

/// One resource's changes, and what its live state was when planned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourcePlan {
    /// The resource.
    pub resource: ResourceId,
    /// A digest of the live state the plan was made from; apply re-reads the resource and
    /// refuses the plan when it differs.
    pub observed: String,
    /// The changes, in the order they are applied.
    pub changes: Vec<Change>,
    /// What the plan could not establish for certain, or left alone, and why.
    pub notes: Vec<String>,
    /// Whether the plan assumed whose a SaaS `idpId`'s only connection is (see the module
    /// documentation); counted in [`Plan::assumed`] when the resource has no change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
}

/// A declared resource, by the key the document names it with.
///
/// ```
/// use sso_connections::desired::ResourceId;
/// let id = ResourceId::SaasIdp { idp_id: "acme.example".into() };
/// assert_eq!(id.to_string(), "saas idpId acme.example");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResourceId {
    /// The connections of one SaaS `idpId`.
    SaasIdp {
        /// The `idpId`.
        idp_id: String,
    },
    /// A PingOne identity provider, by name.
    PingoneIdentityProvider {
        /// The environment.
        environment: Uuid,
        /// The provider's name.
        name: String,
    },
    /// An Auth0 connection profile, by name.
    Auth0Profile {
        /// The tenant, as the document names it.
        tenant: String,
        /// The profile's name.
        name: String,
    },
}

impl fmt::Display for ResourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceId::SaasIdp { idp_id } => write!(f, "saas idpId {idp_id}"),
            ResourceId::PingoneIdentityProvider { environment, name } => {
                write!(f, "pingone {environment} identity provider \"{name}\"")
            }
            ResourceId::Auth0Profile { tenant, name } => {
                write!(f, "auth0 {tenant} profile \"{name}\"")
            }
        }
    }
}

/// What a change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Creates something that does not exist.
    Create,
    /// Changes settings.
    Update,
    /// Replaces a certificate (shown by fingerprint and expiry).
    RotateCertificate,
    /// Enables single sign-on.
    Enable,
    /// Disables single sign-on.
    Disable,
    /// Deletes; applied after every other change.
    Delete,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::RotateCertificate => "rotate certificate",
            Action::Enable => "enable",
            Action::Disable => "disable",
            Action::Delete => "delete",
        })
    }
}

/// One change: what it does, to what part of the resource, which fields change, and the
/// request that makes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What it does.
    pub action: Action,
    /// The part of the resource it acts on, when not all of it (e.g. one application).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Each field that changes, with its value before and after. Certificates appear as
    /// fingerprint and expiry; secrets as the name of the variable that holds them.
    pub fields: Vec<FieldChange>,
    /// The request that makes the change (secrets never included).
    pub operation: super::Operation,
}

/// One field's value before and after a change (`null`: not set).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field, as the document names it.
    pub field: String,
    /// The live value.
    pub before: Value,
    /// The declared value.
    pub after: Value,
}

impl FieldChange {
    /// A field going from `before` to `after`.
    pub(crate) fn new(field: &str, before: Value, after: Value) -> Self {
        Self {
            field: field.to_owned(),
            before,
            after,
        }
    }
}

/// How a certificate appears in a plan: fingerprint, subject, expiry.
pub(crate) fn certificate_value(info: &crate::values::CertificateInfo) -> Value {
    serde_json::json!({
        "sha256": info.sha256,
        "subject": info.subject,
        "not_after": info.not_after.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

/// A digest of what was read, for stale-plan checks: SHA-256 of its JSON, in hex.
pub(crate) fn digest<T: Serialize>(value: &T) -> String {
    use sha2::Digest as _;
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    sha2::Sha256::digest(bytes)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The digest of items read, in an order that does not depend on the server's.
pub(crate) fn digest_of_items<T: Serialize>(items: &[T]) -> String {
    let mut lines: Vec<String> = items
        .iter()
        .map(|item| serde_json::to_string(item).unwrap_or_default())
        .collect();
    lines.sort();
    digest(&lines)
}

/// The digest of a resource that does not exist.
pub(crate) const ABSENT: &str = "absent";
