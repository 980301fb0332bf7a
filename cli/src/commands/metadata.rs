//! `metadata inspect`: what an identity provider's SAML metadata says; and reading metadata
//! from a file or a URL for the commands that use it (`saas onboard`).
//!
//! URLs are fetched with the library's safe defaults: `https` only, at most 1 MiB, a few
//! redirects, and never to a loopback, private or link-local address unless
//! `--allow-private-network` says so.

use std::path::Path;

use chrono::Utc;
use clap::{Args, Subcommand};
use sso_connections::certificates::ExpiryCheck;
use sso_connections::metadata::{fetch, FetchOptions, Metadata};

use crate::errors::{CliError, Service};
use crate::output::or_dash;

use super::{read_file, Context, Status};

/// The `metadata` commands.
#[derive(Debug, Subcommand)]
pub enum MetadataCommand {
    /// Show the identity providers, endpoints and certificates of a metadata document.
    #[command(
        after_help = "Examples:\n  sso-connections metadata inspect idp-metadata.xml\n  \
        sso-connections --output json metadata inspect https://idp.acme.example/metadata"
    )]
    Inspect {
        /// A file, or an https URL.
        source: String,
        /// How a URL may be fetched.
        #[command(flatten)]
        fetch: FetchArgs,
    },
}

/// How metadata may be fetched from a URL.
#[derive(Clone, Copy, Debug, Args)]
pub struct FetchArgs {
    /// Also accept a plain http URL.
    #[arg(long)]
    pub allow_http: bool,
    /// Also reach loopback, private and link-local addresses (metadata served inside your
    /// own network, or a local test server).
    #[arg(long)]
    pub allow_private_network: bool,
}

/// Reads metadata from `source`: a URL when it starts with `http://` or `https://`, else a
/// file.
pub async fn load(source: &str, options: FetchArgs) -> Result<Metadata, CliError> {
    let failed = CliError::api(Service::Metadata);
    if source.starts_with("https://") || source.starts_with("http://") {
        let options = FetchOptions::default()
            .allow_http(options.allow_http)
            .allow_private_addresses(options.allow_private_network);
        tracing::debug!(url = source, "fetching metadata");
        fetch(source, &options)
            .await
            .map(|fetched| fetched.metadata)
            .map_err(failed)
    } else {
        Metadata::parse(&read_file(Path::new(source))?).map_err(failed)
    }
}

/// Runs a `metadata` command.
pub async fn run(command: MetadataCommand, context: &Context) -> Result<Status, CliError> {
    match command {
        MetadataCommand::Inspect { source, fetch } => {
            let metadata = load(&source, fetch).await?;
            let check = ExpiryCheck::at(Utc::now());
            let mut fields = Vec::new();
            for entity in &metadata.entities {
                fields.push(("entity", entity.entity_id.clone()));
                for sso in &entity.sso {
                    fields.push((
                        "  sso",
                        format!("{} ({})", sso.location, short(&sso.binding)),
                    ));
                }
                for slo in &entity.slo {
                    fields.push((
                        "  slo",
                        format!("{} ({})", slo.location, short(&slo.binding)),
                    ));
                }
                let certificates = entity
                    .signing_certificates
                    .iter()
                    .map(|c| ("signing", c))
                    .chain(
                        entity
                            .encryption_certificates
                            .iter()
                            .map(|c| ("encryption", c)),
                    );
                for (usage, certificate) in certificates {
                    let info = certificate.0.info();
                    fields.push((
                        "  certificate",
                        format!(
                            "{usage}: {} until {} ({:?}), sha256 {}",
                            info.subject,
                            info.not_after.to_rfc3339(),
                            check.status(info),
                            info.sha256
                        ),
                    ));
                }
                fields.push((
                    "  want signed requests",
                    or_dash(entity.want_authn_requests_signed),
                ));
                fields.push(("  valid until", or_dash(entity.valid_until)));
            }
            context.output.record(&metadata, &fields)?;
            Ok(Status::Done)
        }
    }
}

/// The last part of a binding URI (`HTTP-Redirect`).
fn short(binding: &str) -> &str {
    binding.rsplit(':').next().unwrap_or(binding)
}
