//! `sso-connections`: the operator command line of the `sso-connections` library, as a
//! library so that its parts are documented and unit-tested; `src/main.rs` only calls
//! [`main`].
//!
//! Every API call goes through the library's facades; this crate only turns arguments into
//! calls and results into tables or JSON. See `cli/README.md` for the commands, the
//! environment variables, the configuration file, the JSON shapes and the exit statuses.
//!
//! Layout: [`cli`] (arguments), [`commands`] (one module per command group, and the
//! [`Context`](commands::Context) they share), [`credentials`] and [`config`] (where
//! endpoints and secrets come from), [`output`], [`progress`], [`errors`].
#![warn(missing_docs)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod credentials;
pub mod errors;
pub mod output;
pub mod progress;

use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::Cli;
use crate::commands::Status;
use crate::errors::CliError;

/// Parses the command line, runs the command, prints an error with its hint, and returns
/// the exit status: 0, 1 (error), 2 (usage error, or something to act on with
/// `--detailed-exitcode`).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.global.debug {
        commands::debug::install();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return report(&CliError::Simulator(e)),
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::ActionNeeded) => ExitCode::from(2),
        Err(error) => report(&error),
    }
}

/// Prints the error, its causes and the hint on standard error; exit status 1.
fn report(error: &CliError) -> ExitCode {
    eprintln!("error: {error}");
    let mut shown = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !shown.contains(&text) {
            eprintln!("  caused by: {text}");
            shown.push_str(&text);
        }
        source = cause.source();
    }
    if let Some(hint) = error.hint() {
        eprintln!("hint: {hint}");
    }
    ExitCode::FAILURE
}
