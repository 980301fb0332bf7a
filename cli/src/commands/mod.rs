//! One module per command group, and what they share: the [`Context`] (output, progress,
//! clients), the [`Status`] a command ends with, and reading files given on the command line.

pub mod auth0;
pub mod certs;
pub mod debug;
pub mod desired;
pub mod generate;
pub mod metadata;
pub mod pingone;
pub mod saas;
pub mod simulator;

use std::path::{Path, PathBuf};

use sso_connections::values::Certificate;
use sso_connections::Deletion;

use crate::cli::{Cli, Command, ExitArgs, GlobalArgs};
use crate::config;
use crate::credentials::Endpoints;
use crate::errors::{CliError, Service};
use crate::output::Output;
use crate::progress::Progress;

/// How a command that did not fail ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Done (exit status 0).
    Done,
    /// Done, and there is something to act on (exit status 2); only returned when the
    /// command was given `--detailed-exitcode`.
    ActionNeeded,
}

impl ExitArgs {
    /// [`Status::ActionNeeded`] when there is something to act on and the flag is given.
    pub fn status(&self, something_to_act_on: bool) -> Status {
        if self.detailed_exitcode && something_to_act_on {
            Status::ActionNeeded
        } else {
            Status::Done
        }
    }
}

/// What every command gets: where to print, how to show progress, and the clients.
#[derive(Debug)]
pub struct Context {
    /// Standard output in the chosen format.
    pub output: Output,
    /// Progress bars on standard error.
    pub progress: Progress,
    /// The clients of the three APIs.
    pub endpoints: Endpoints,
}

impl Context {
    /// The context the global options describe: with `--simulator` an embedded simulator is
    /// started; with `--profile` the profile is read from the configuration file.
    pub async fn new(global: &GlobalArgs) -> Result<Self, CliError> {
        let endpoints = if global.simulator {
            let simulator = sso_connections_simulator::Simulator::start()
                .await
                .map_err(CliError::Simulator)?;
            tracing::debug!(url = %simulator.url(), "embedded simulator");
            Endpoints::simulated(simulator, global.timeout)
        } else {
            let profile = match &global.profile {
                Some(name) => {
                    let path = global
                        .config
                        .clone()
                        .or_else(config::default_path)
                        .ok_or_else(|| CliError::Config {
                            path: PathBuf::from("~/.config/sso-connections/config.toml"),
                            reason: "no home directory; give --config".into(),
                        })?;
                    config::load_profile(&path, name)?
                }
                None => config::Profile::default(),
            };
            Endpoints::configured(profile, global.timeout)
        };
        Ok(Self {
            output: Output::new(global.output),
            progress: Progress::new(global.quiet),
            endpoints,
        })
    }
}

/// Runs the command the command line names.
pub async fn run(cli: Cli) -> Result<Status, CliError> {
    let global = &cli.global;
    match cli.command {
        Command::Completions { shell } => generate::completions(shell),
        Command::Man => generate::man(),
        Command::Simulator(args) => simulator::run(args).await,
        Command::Saas(command) => saas::run(command, &Context::new(global).await?).await,
        Command::PingOne(args) => pingone::run(args, &Context::new(global).await?).await,
        Command::Auth0(command) => auth0::run(command, &Context::new(global).await?).await,
        Command::Metadata(command) => metadata::run(command, &Context::new(global).await?).await,
        Command::Certs(args) => certs::run(args, &Context::new(global).await?).await,
        Command::Plan(args) => desired::plan(args, &Context::new(global).await?).await,
        Command::Apply(args) => desired::apply(args, &Context::new(global).await?).await,
        Command::Export(args) => desired::export(args, &Context::new(global).await?).await,
    }
}

/// The bytes of a file given on the command line.
pub fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::ReadFile {
        path: path.to_owned(),
        source,
    })
}

/// A certificate file: PEM, base64 of the DER, or DER.
pub fn read_certificate(path: &Path, service: Service) -> Result<Certificate, CliError> {
    let bytes = read_file(path)?;
    match std::str::from_utf8(&bytes) {
        Ok(text) => Certificate::parse(text),
        Err(_) => Certificate::from_der(bytes),
    }
    .map_err(CliError::api(service))
}

/// `deleted` or `not_found`, the result of a deletion in [`Change`](crate::output::Change).
pub fn deletion_result(deletion: Deletion) -> &'static str {
    match deletion {
        Deletion::Deleted => "deleted",
        Deletion::NotFound => "not_found",
    }
}
