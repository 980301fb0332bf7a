//! Desired state: declare every customer's connections in a document, then plan, apply,
//! detect drift and export.
//!
//! - [`Document`]: TOML or JSON, checked on load; its JSON Schema is
//!   `schema/desired-state.schema.json`.
//! - [`plan`] reads the live state of every declared resource (concurrently, within the
//!   clients' own rate and concurrency limits) and returns a [`Plan`]: data that prints like a
//!   diff ([`Plan`]'s `Display`), serialises to JSON for pipelines, and holds the requests
//!   that would make each change. Nothing outside the document is touched unless
//!   [`PlanOptions::prune`] is set, and then every deletion is listed.
//! - [`apply`] re-reads every resource the plan changes and refuses the whole plan when any
//!   of them changed since ([`DesiredError::StalePlan`]); then it applies, resource by
//!   resource, creates before updates before enables, deletions last, and reports every
//!   change's result. A failure stops that resource's remaining changes only; planning again
//!   lists exactly what is left.
//! - [`export`] writes live resources as a document, so existing customers can be brought
//!   under management: planning the export changes nothing.
//!
//! How a plan knows each SaaS application's state, when the API's answers do not name
//! applications, is explained in [`saas`](self#how-saas-applications-are-told-apart).
//!
//! # How SaaS applications are told apart
//! The Customer Connection API's items do not say which application they belong to, and a
//! read scoped to an application that has no connection answers with every connection of
//! the `idpId`. A plan therefore reads the `idpId` once unscoped (N connections), and then:
//! - N = 0 (404): nothing exists; every declared application is created.
//! - N ≥ 2: one scoped read per declared application. One item is that application's
//!   connection; N items (the fallback) mean it has none. Certain either way.
//! - N = 1 and one declared application: scoped reads cannot tell (both answers have one
//!   item), so the connection is *assumed* to be the declared application's; the plan says
//!   so in a note. Enabling, disabling and `multiplexed` changes are scoped to the
//!   application, so if the assumption is wrong the server answers 404 and nothing changes.
//! - N = 1 and several declared applications: each is planned as a create, which the server
//!   refuses with 409 for an application that is already connected (apply reports that as
//!   [`Outcome::AlreadyThere`], not as a failure), followed by setting its `multiplexed` and
//!   its state, which change nothing when they are already so; one apply converges.
//!
//! With `prune`, connections not attributed to a declared application are looked for among
//! the applications named in `saas.applications` and deleted one by one; any left that no
//! name matches are reported in a note and never deleted wholesale. The SaaS API cannot
//! list `idpId`s, so pruning cannot find customers missing from the document: mark one
//! `ensure = "absent"` to delete its connections.
//!
//! ```no_run
//! use sso_connections::desired::{self, Clients, Document, PlanOptions};
//! use sso_connections::saas::SaasClient;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let saas = SaasClient::builder("client-id", "client-secret")
//!     .max_requests_per_second(20.0)
//!     .build()?;
//! let document = Document::load("customers.toml")?;
//! let clients = Clients::new().saas(&saas);
//! let plan = desired::plan(&document, &clients, &PlanOptions::new()).await?;
//! print!("{plan}");
//! let report = desired::apply(&plan, &clients, &Default::default()).await?;
//! assert!(report.all_succeeded());
//! # Ok(()) }
//! ```

mod apply;
mod check;
mod clients;
mod document;
mod engine;
mod error;
mod export;
mod plan;
mod render;
mod resolve;

mod auth0;
mod pingone;
mod saas;

pub use apply::{apply, AppliedChange, ApplyOptions, ApplyReport, ChangeResult, Outcome};
pub use clients::Clients;
pub use document::{
    Auth0Tenant, Document, Ensure, IdentityProviderSpec, OidcProviderSpec, PingOneEnvironment,
    ProfileOrganization, ProfileSpec, SaasApplication, SaasConnection, SaasSection,
    SamlBindingName, SamlProviderSpec, SigningAlgorithmName, SloBindingName, TokenAuthMethodName,
    MAX_DOCUMENT_BYTES,
};
pub use engine::{plan, Operation, PlanOptions};
pub use error::DesiredError;
pub use export::{export, ExportRequest, Exported};
pub use plan::{Action, Change, FieldChange, Plan, ResourceId, ResourcePlan, Summary, PLAN_FORMAT};

pub use auth0::Auth0Operation;
pub use pingone::PingOneOperation;
pub use saas::{SaasOperation, SaasSettings};
