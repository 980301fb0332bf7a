//! `plan`, `apply` and `export`: desired-state documents (`sso_connections::desired`).
//!
//! A document names SaaS `idpId`s, PingOne environments and Auth0 tenants; each gets the
//! client the environment (or `--simulator`) configures. Auth0 credentials serve one tenant
//! per run, unless `--simulator` (one simulated tenant serves every name).

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::PathBuf;

use clap::Args;
use sso_connections::auth0::Auth0Client;
use sso_connections::desired::{
    self, ApplyOptions, Clients, DesiredError, Document, ExportRequest, Plan, PlanOptions,
};
use sso_connections::metadata::FetchOptions;
use sso_connections::pingone::PingOneClient;
use sso_connections::saas::SaasClient;
use sso_connections::Uuid;

use crate::cli::ExitArgs;
use crate::errors::CliError;
use crate::output::{write_bytes, Format};

use super::metadata::FetchArgs;
use super::{Context, Status};

/// `plan <document>`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The desired-state document: TOML, or JSON when its name ends in `.json`.
    pub document: PathBuf,
    /// How the plan is made.
    #[command(flatten)]
    pub planning: PlanningArgs,
    /// Also write the plan as JSON to this file (apply it later with `apply --plan-file`).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Exit with status 2 when the plan has changes (drift, or work to do).
    #[command(flatten)]
    pub exit: ExitArgs,
}

/// How a plan is made (`plan` and `apply`).
#[derive(Debug, Args)]
pub struct PlanningArgs {
    /// Also delete live resources the document does not declare (each one is listed).
    #[arg(long)]
    pub prune: bool,
    /// Resources read (and changed) at a time.
    #[arg(long, value_name = "N", default_value_t = 16)]
    pub concurrency: usize,
    /// How metadata URLs of the document may be fetched.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// `apply [<document>] [--plan-file FILE]`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The desired-state document to plan and apply.
    #[arg(required_unless_present = "plan_file", conflicts_with = "plan_file")]
    pub document: Option<PathBuf>,
    /// Apply a plan saved by `plan --out` instead (refused if the live state changed since).
    #[arg(long, value_name = "FILE")]
    pub plan_file: Option<PathBuf>,
    /// How the plan is made (with a document).
    #[command(flatten)]
    pub planning: PlanningArgs,
    /// Apply without asking (required when standard input is not a terminal).
    #[arg(long)]
    pub auto_approve: bool,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A SaaS idpId to export (the API cannot list them).
    #[arg(long = "idp", value_name = "IDP_ID")]
    pub idps: Vec<String>,
    /// An application a SaaS connection may belong to, as NAME=SAASID (the name the
    /// document gives it).
    #[arg(long = "application", value_name = "NAME=SAASID", value_parser = named_application)]
    pub applications: Vec<(String, Uuid)>,
    /// A PingOne environment whose SAML and OpenID Connect identity providers to export.
    #[arg(long = "pingone-env", value_name = "ENVIRONMENT_ID")]
    pub environments: Vec<Uuid>,
    /// Export the Auth0 tenant of the configured credentials under this name.
    #[arg(long = "auth0-tenant", value_name = "NAME")]
    pub auth0_tenant: Option<String>,
    /// Write the document to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn named_application(value: &str) -> Result<(String, Uuid), String> {
    let (name, id) = value
        .split_once('=')
        .ok_or_else(|| format!("{value:?} is not NAME=SAASID"))?;
    let id = Uuid::parse_str(id).map_err(|_| format!("{id:?} is not a saasid (UUID)"))?;
    Ok((name.to_owned(), id))
}

/// The clients a document needs, owned for the length of the command.
struct Owned {
    saas: Option<SaasClient>,
    pingone: Option<PingOneClient>,
    auth0: Option<Auth0Client>,
}

impl Owned {
    /// Clients for what `document` declares (and only that: no credentials are asked for an
    /// API the document does not use).
    fn for_document(document: &Document, context: &Context) -> Result<Self, CliError> {
        Self::build(
            !document.saas.connections.is_empty(),
            !document.pingone.is_empty(),
            document.auth0.keys().cloned().collect(),
            context,
        )
    }

    /// Clients for what `plan` changes.
    fn for_plan(plan: &Plan, context: &Context) -> Result<Self, CliError> {
        use sso_connections::desired::ResourceId;
        let (mut saas, mut pingone, mut tenants) = (false, false, Vec::new());
        for resource in &plan.resources {
            match &resource.resource {
                ResourceId::SaasIdp { .. } => saas = true,
                ResourceId::PingoneIdentityProvider { .. } => pingone = true,
                ResourceId::Auth0Profile { tenant, .. } => tenants.push(tenant.clone()),
            }
        }
        tenants.dedup();
        Self::build(saas, pingone, tenants, context)
    }

    fn build(
        saas: bool,
        pingone: bool,
        tenants: Vec<String>,
        context: &Context,
    ) -> Result<Self, CliError> {
        let endpoints = &context.endpoints;
        if tenants.len() > 1 && !endpoints.is_simulated() {
            return Err(CliError::InvalidArgument {
                flag: "auth0",
                reason: format!(
                    "the document names {} Auth0 tenants ({}); the command line has the \
                     credentials of one per run: split the document by tenant",
                    tenants.len(),
                    tenants.join(", ")
                ),
            });
        }
        Ok(Self {
            saas: saas.then(|| endpoints.saas()).transpose()?,
            pingone: pingone
                .then(|| endpoints.pingone(None).map(|p| p.client))
                .transpose()?,
            auth0: (!tenants.is_empty())
                .then(|| endpoints.auth0())
                .transpose()?,
        })
    }

    /// The library's view: every Auth0 tenant named in `tenants` uses the one Auth0 client.
    fn clients<'a>(&'a self, tenants: impl IntoIterator<Item = String>) -> Clients<'a> {
        let mut clients = Clients::new();
        if let Some(saas) = &self.saas {
            clients = clients.saas(saas);
        }
        if let Some(pingone) = &self.pingone {
            clients = clients.pingone(pingone);
        }
        if let Some(auth0) = &self.auth0 {
            for tenant in tenants {
                clients = clients.auth0(tenant, auth0);
            }
        }
        clients
    }
}

/// Reads a document; its mistakes are reported with their location.
fn load(path: &std::path::Path) -> Result<Document, CliError> {
    Document::load(path).map_err(CliError::Desired)
}

fn plan_options(args: &PlanningArgs) -> PlanOptions {
    PlanOptions::new()
        .prune(args.prune)
        .concurrency(args.concurrency)
        .fetch_options(
            FetchOptions::default()
                .allow_http(args.fetch.allow_http)
                .allow_private_addresses(args.fetch.allow_private_network),
        )
}

/// Plans `document` with a progress bar over its planning units.
async fn make_plan(
    document: &Document,
    clients: &Clients<'_>,
    args: &PlanningArgs,
    context: &Context,
) -> Result<Plan, CliError> {
    let bar = context
        .progress
        .bar(document.planning_units() as u64, "planning");
    let reported = bar.clone();
    let options = plan_options(args).progress(move |done| reported.set_position(done as u64));
    let plan = desired::plan(document, clients, &options).await;
    bar.finish_and_clear();
    plan.map_err(CliError::Desired)
}

/// Prints a plan: the diff for people, its JSON (which `apply --plan-file` reads), or one
/// change per line.
fn print_plan(plan: &Plan, context: &Context) -> Result<(), CliError> {
    match context.output.format() {
        Format::Table => write_bytes(plan.to_string().as_bytes()),
        Format::Json => write_bytes((json(plan)? + "\n").as_bytes()),
        Format::Ndjson => {
            for resource in &plan.resources {
                for change in &resource.changes {
                    let line = serde_json::json!({
                        "resource": resource.resource,
                        "action": change.action,
                        "target": change.target,
                        "fields": change.fields,
                    });
                    write_bytes(format!("{line}\n").as_bytes())?;
                }
            }
            Ok(())
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value).map_err(|e| CliError::InvalidArgument {
        flag: "output",
        reason: e.to_string(),
    })
}

fn write_file(path: &std::path::Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::WriteFile {
        path: path.to_owned(),
        source,
    })
}

/// `plan`: prints the plan; with `--detailed-exitcode`, status 2 when it has changes.
pub async fn plan(args: PlanArgs, context: &Context) -> Result<Status, CliError> {
    let document = load(&args.document)?;
    let owned = Owned::for_document(&document, context)?;
    let clients = owned.clients(document.auth0.keys().cloned());
    let plan = make_plan(&document, &clients, &args.planning, context).await?;
    if let Some(out) = &args.out {
        write_file(out, &json(&plan)?)?;
    }
    print_plan(&plan, context)?;
    Ok(args.exit.status(!plan.is_empty()))
}

/// `apply`: plans the document (or reads a saved plan), shows it, asks on a terminal unless
/// `--auto-approve`, applies, and prints every change's result. Any failed change is exit
/// status 1.
pub async fn apply(args: ApplyArgs, context: &Context) -> Result<Status, CliError> {
    let (plan, owned) = match (&args.document, &args.plan_file) {
        (_, Some(file)) => {
            let text = std::fs::read_to_string(file).map_err(|source| CliError::ReadFile {
                path: file.clone(),
                source,
            })?;
            let plan: Plan =
                serde_json::from_str(&text).map_err(|e| CliError::InvalidArgument {
                    flag: "--plan-file",
                    reason: format!("{} is not a plan: {e}", file.display()),
                })?;
            let owned = Owned::for_plan(&plan, context)?;
            (plan, owned)
        }
        (Some(path), None) => {
            let document = load(path)?;
            let owned = Owned::for_document(&document, context)?;
            let clients = owned.clients(document.auth0.keys().cloned());
            let plan = make_plan(&document, &clients, &args.planning, context).await?;
            (plan, owned)
        }
        (None, None) => unreachable!("clap requires a document or --plan-file"),
    };
    let tenants: Vec<String> = plan
        .resources
        .iter()
        .filter_map(|r| match &r.resource {
            desired::ResourceId::Auth0Profile { tenant, .. } => Some(tenant.clone()),
            _ => None,
        })
        .collect();
    let clients = owned.clients(tenants);
    if plan.is_empty() {
        print_plan(&plan, context)?;
        return Ok(Status::Done);
    }
    if !args.auto_approve {
        approve(&plan)?;
    }
    let bar = context.progress.bar(plan.change_count() as u64, "applying");
    let reported = bar.clone();
    let options = ApplyOptions::new()
        .concurrency(args.planning.concurrency)
        .progress(move |done| reported.set_position(done as u64));
    let report = desired::apply(&plan, &clients, &options).await;
    bar.finish_and_clear();
    let report = report.map_err(CliError::Desired)?;
    match context.output.format() {
        Format::Table => write_bytes(report.to_string().as_bytes())?,
        Format::Json => write_bytes((json(&report)? + "\n").as_bytes())?,
        Format::Ndjson => {
            for change in &report.changes {
                let line = serde_json::to_string(change).unwrap_or_default();
                write_bytes(format!("{line}\n").as_bytes())?;
            }
        }
    }
    let failed = report.failures().count();
    if failed > 0 {
        return Err(CliError::ChangesFailed {
            failed,
            total: report.changes.len(),
        });
    }
    Ok(Status::Done)
}

/// Shows the plan on standard error and asks; only `yes` applies. Refused without a
/// terminal: a script must say `--auto-approve`.
fn approve(plan: &Plan) -> Result<(), CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NotApproved {
            reason: "standard input is not a terminal, so nobody can be asked".into(),
        });
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{plan}\nApply these {} change(s)? Only 'yes' applies: ",
        plan.change_count()
    );
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(CliError::Output)?;
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(CliError::NotApproved {
            reason: format!("the answer was {:?}, not \"yes\"", answer.trim()),
        })
    }
}

/// `export`: the live configuration as a document (TOML; JSON with `--output json`); what
/// could not be exported is said on standard error.
pub async fn export(args: ExportArgs, context: &Context) -> Result<Status, CliError> {
    let mut request = ExportRequest::new();
    for (name, id) in &args.applications {
        request = request.saas_application(name.clone(), *id);
    }
    for idp in &args.idps {
        request = request.saas_idp(idp.clone());
    }
    for environment in &args.environments {
        request = request.pingone_environment(*environment);
    }
    if let Some(tenant) = &args.auth0_tenant {
        request = request.auth0_tenant(tenant.clone());
    }
    let owned = Owned::build(
        !args.idps.is_empty(),
        !args.environments.is_empty(),
        args.auth0_tenant.iter().cloned().collect(),
        context,
    )?;
    let clients = owned.clients(args.auth0_tenant.iter().cloned());
    let exported = desired::export(&request, &clients)
        .await
        .map_err(CliError::Desired)?;
    for note in &exported.notes {
        eprintln!("note: {note}");
    }
    let text = match context.output.format() {
        Format::Table => exported.document.to_toml(),
        Format::Json | Format::Ndjson => json(&exported.document)? + "\n",
    };
    match &args.out {
        Some(path) => write_file(path, &text)?,
        None => write_bytes(text.as_bytes())?,
    }
    Ok(Status::Done)
}

/// The hint for a desired-state error.
pub fn hint(error: &DesiredError) -> String {
    match error {
        DesiredError::Document { .. } => "fix the document where shown; editors can check it \
            with schema/desired-state.schema.json"
            .into(),
        DesiredError::File { .. } => "check the path (relative paths start at the document's \
            folder)"
            .into(),
        DesiredError::MissingClient { .. } => "set the credentials of that API (see \
            `sso-connections --help`), or use --simulator"
            .into(),
        DesiredError::Resource { source, .. } => match source {
            sso_connections::Error::InvalidInput(input) => format!(
                "nothing was changed: fix `{}` of that resource in the document",
                input.field()
            ),
            _ => "nothing was changed; --debug shows each request".into(),
        },
        DesiredError::StalePlan { .. } => {
            "someone changed these resources since the plan was made: plan again and review it"
                .into()
        }
        DesiredError::PlanFormat { .. } => "plan again with this version".into(),
        _ => "--debug shows each request".into(),
    }
}
