//! `pingone`: applications, identity providers and certificates of a PingOne environment.
//!
//! Resources are printed as PingOne returns them (JSON output), with every secret-bearing
//! field redacted; tables show a few columns.

use std::future::Future;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use futures::TryStreamExt as _;
use serde::Serialize;
use sso_connections::pingone::{CertificateImport, CertificateUsageType};
use sso_connections::{Deletion, ItemStream, Uuid};

use crate::errors::{CliError, Service};
use crate::output::{cell, json_of, Change};

use super::{deletion_result, read_certificate, Context, Status};

/// The `pingone` command group.
#[derive(Debug, Args)]
pub struct PingOneArgs {
    /// The environment to act on [default: PINGONE_ENVIRONMENT_ID].
    #[arg(long, global = true, value_name = "ENVIRONMENT_ID")]
    pub environment: Option<Uuid>,
    /// The resource kind.
    #[command(subcommand)]
    pub command: PingOneCommand,
}

/// The PingOne resource kinds.
#[derive(Debug, Subcommand)]
pub enum PingOneCommand {
    /// Applications of the environment.
    #[command(
        subcommand,
        after_help = "Example:\n  sso-connections pingone applications list"
    )]
    Applications(ResourceCommand),
    /// External identity providers of the environment.
    #[command(
        subcommand,
        name = "identity-providers",
        after_help = "Example:\n  sso-connections pingone identity-providers list"
    )]
    IdentityProviders(ResourceCommand),
    /// Certificates the environment stores.
    #[command(
        subcommand,
        after_help = "Example:\n  sso-connections pingone certificates import idp.pem --if-missing"
    )]
    Certificates(CertificatesCommand),
}

/// Reading and deleting applications or identity providers.
#[derive(Debug, Subcommand)]
pub enum ResourceCommand {
    /// List them.
    #[command(
        after_help = "Examples:\n  sso-connections pingone applications list\n  \
        sso-connections pingone applications list --filter 'enabled eq true'\n  \
        sso-connections --output ndjson pingone identity-providers list"
    )]
    List {
        /// A PingOne filter expression (applications only), e.g. `enabled eq true`.
        #[arg(long)]
        filter: Option<String>,
    },
    /// Show one.
    #[command(
        after_help = "Example:\n  sso-connections --output json pingone applications get \
        0f4a8c52-5b1e-4d6a-9c3f-7e2b1a0d9c84"
    )]
    Get {
        /// Its id.
        id: Uuid,
    },
    /// Delete one.
    #[command(
        after_help = "Example:\n  sso-connections pingone identity-providers delete \
        0f4a8c52-5b1e-4d6a-9c3f-7e2b1a0d9c84"
    )]
    Delete {
        /// Its id.
        id: Uuid,
    },
}

/// Listing and importing certificates.
#[derive(Debug, Subcommand)]
pub enum CertificatesCommand {
    /// List the certificates.
    #[command(after_help = "Example:\n  sso-connections pingone certificates list")]
    List,
    /// Import a certificate (PEM, base64 or DER file).
    #[command(
        after_help = "Examples:\n  sso-connections pingone certificates import idp.pem\n  \
        sso-connections pingone certificates import idp.pem --if-missing"
    )]
    Import {
        /// The certificate file.
        file: PathBuf,
        /// What the certificate is for.
        #[arg(long, value_enum, default_value_t = UsageArg::Signing)]
        usage: UsageArg,
        /// Import only when the environment does not store it already.
        #[arg(long)]
        if_missing: bool,
    },
}

/// `--usage` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum UsageArg {
    /// Verifies signatures (an identity provider's signing certificate).
    Signing,
    /// Encrypts.
    Encryption,
}

/// What `certificates import` printed: whether it imported, and the stored certificate.
#[derive(Debug, Serialize)]
struct Imported<T> {
    imported: bool,
    certificate: T,
}

const RESOURCE_COLUMNS: &[&str] = &["ID", "NAME", "KIND", "ENABLED"];
const CERTIFICATE_COLUMNS: &[&str] = &["ID", "NAME", "USAGE", "SERIAL", "EXPIRES"];
const CERTIFICATE_CELLS: &[&str] = &["id", "name", "usageType", "serialNumber", "expiresAt"];

/// Runs a `pingone` command.
pub async fn run(args: PingOneArgs, context: &Context) -> Result<Status, CliError> {
    let pingone = context.endpoints.pingone(args.environment)?;
    let environment = pingone.client.environment(pingone.environment);
    match args.command {
        PingOneCommand::Applications(command) => {
            let handler = environment.applications();
            let kinds = Kinds {
                resource: "pingone_application",
                kind_field: "protocol",
            };
            match command {
                ResourceCommand::List {
                    filter: Some(filter),
                } => list(context, handler.list_where(filter), kinds).await,
                ResourceCommand::List { filter: None } => {
                    list(context, handler.list(), kinds).await
                }
                ResourceCommand::Get { id } => get(context, handler.get(id), kinds).await,
                ResourceCommand::Delete { id } => {
                    delete(context, handler.delete(id), id, kinds).await
                }
            }
        }
        PingOneCommand::IdentityProviders(command) => {
            let handler = environment.identity_providers();
            let kinds = Kinds {
                resource: "pingone_identity_provider",
                kind_field: "type",
            };
            match command {
                ResourceCommand::List { filter: Some(_) } => Err(CliError::InvalidArgument {
                    flag: "--filter",
                    reason: "only applications can be filtered".into(),
                }),
                ResourceCommand::List { filter: None } => {
                    list(context, handler.list(), kinds).await
                }
                ResourceCommand::Get { id } => get(context, handler.get(id), kinds).await,
                ResourceCommand::Delete { id } => {
                    delete(context, handler.delete(id), id, kinds).await
                }
            }
        }
        PingOneCommand::Certificates(CertificatesCommand::List) => {
            let mut list = context.output.list(CERTIFICATE_COLUMNS);
            let mut stream = environment.certificates().list();
            let spinner = context.progress.spinner("reading certificates");
            while let Some(certificate) = stream.try_next().await.map_err(failed())? {
                let json = json_of(&certificate)?;
                list.push(&json, cells(&json, CERTIFICATE_CELLS))?;
                spinner.inc(1);
            }
            spinner.finish_and_clear();
            list.finish()?;
            Ok(Status::Done)
        }
        PingOneCommand::Certificates(CertificatesCommand::Import {
            file,
            usage,
            if_missing,
        }) => {
            let certificate = read_certificate(&file, Service::PingOne)?;
            let usage = match usage {
                UsageArg::Signing => CertificateUsageType::Signing,
                UsageArg::Encryption => CertificateUsageType::Encryption,
            };
            let import = CertificateImport::new(certificate, usage);
            let handler = environment.certificates();
            let (imported, stored) = if if_missing {
                let stored = handler.ensure(&import).await.map_err(failed())?;
                (stored.was_imported(), stored.certificate().clone())
            } else {
                (true, handler.import(&import).await.map_err(failed())?)
            };
            let json = json_of(&stored)?;
            let mut fields = vec![("imported", imported.to_string())];
            fields.extend(
                CERTIFICATE_CELLS
                    .iter()
                    .map(|name| (*name, cell(&json, name))),
            );
            context.output.record(
                &Imported {
                    imported,
                    certificate: json,
                },
                &fields,
            )?;
            Ok(Status::Done)
        }
    }
}

/// What tells applications and identity providers apart in the output.
#[derive(Clone, Copy)]
struct Kinds {
    /// The resource name in [`Change`].
    resource: &'static str,
    /// The field that holds the kind (`protocol`, `type`).
    kind_field: &'static str,
}

fn failed() -> impl Fn(sso_connections::Error) -> CliError + Copy {
    CliError::api(Service::PingOne)
}

fn cells(json: &serde_json::Value, paths: &[&str]) -> Vec<String> {
    paths.iter().map(|path| cell(json, path)).collect()
}

fn resource_row(json: &serde_json::Value, kinds: Kinds) -> Vec<String> {
    cells(json, &["id", "name", kinds.kind_field, "enabled"])
}

async fn list<T: Serialize>(
    context: &Context,
    mut stream: ItemStream<'_, T>,
    kinds: Kinds,
) -> Result<Status, CliError> {
    let mut list = context.output.list(RESOURCE_COLUMNS);
    let spinner = context.progress.spinner("reading");
    while let Some(item) = stream.try_next().await.map_err(failed())? {
        let json = json_of(&item)?;
        list.push(&json, resource_row(&json, kinds))?;
        spinner.inc(1);
    }
    spinner.finish_and_clear();
    list.finish()?;
    Ok(Status::Done)
}

async fn get<T: Serialize>(
    context: &Context,
    item: impl Future<Output = sso_connections::Result<T>>,
    kinds: Kinds,
) -> Result<Status, CliError> {
    let json = json_of(&item.await.map_err(failed())?)?;
    let row = resource_row(&json, kinds);
    let fields: Vec<(&str, String)> = ["id", "name", kinds.kind_field, "enabled"]
        .into_iter()
        .zip(row)
        .collect();
    context.output.record(&json, &fields)?;
    Ok(Status::Done)
}

async fn delete(
    context: &Context,
    deletion: impl Future<Output = sso_connections::Result<Deletion>>,
    id: Uuid,
    kinds: Kinds,
) -> Result<Status, CliError> {
    let deletion = deletion.await.map_err(failed())?;
    context.output.change(&Change {
        resource: kinds.resource,
        id: id.to_string(),
        application: None,
        action: "delete",
        result: deletion_result(deletion),
    })?;
    Ok(Status::Done)
}
