//! The command line: global options and one subcommand per command group. Each group's
//! arguments live in its own module under `commands/`; adding a command is one variant here
//! and one arm in [`commands::run`](crate::commands::run).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::commands::{auth0, certs, desired, metadata, pingone, saas, simulator};
use crate::output::Format;

const ABOUT: &str = "Manage customers' SSO connections: PingOne SSO for SaaS Apps, PingOne \
Platform and Auth0, SAML metadata and certificate expiry.";

const AFTER_HELP: &str = "\
Credentials come from environment variables only (never from flags):
  PINGONE_SAAS_CLIENT_ID, PINGONE_SAAS_CLIENT_SECRET, PINGONE_SAAS_BASE_URL
  PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET, PINGONE_REGION,
    PINGONE_API_URL, PINGONE_TOKEN_URL
  AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, AUTH0_API_URL, AUTH0_TOKEN_URL
or from the variables a --profile of the configuration file names.

Exit status: 0 success, 1 error, 2 usage error, or (with --detailed-exitcode) something
to act on.

Examples:
  sso-connections --simulator saas onboard acme --metadata idp.xml --email it@acme.example
  sso-connections certs --idp acme --idp globex --within 45d
  sso-connections --output json pingone applications list";

/// `sso-connections`: the operator command line of the `sso-connections` library.
#[derive(Debug, Parser)]
#[command(name = "sso-connections", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes (they may be given before or after the subcommand).
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format: table for people, json (one document) or ndjson (one object per line).
    #[arg(long, short, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// No progress bars.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print each request (operation, method, path, status, latency) on standard error;
    /// credentials are never printed.
    #[arg(long, global = true)]
    pub debug: bool,
    /// Use this profile of the configuration file.
    #[arg(
        long,
        global = true,
        env = "SSO_CONNECTIONS_PROFILE",
        value_name = "NAME"
    )]
    pub profile: Option<String>,
    /// The configuration file [default: ~/.config/sso-connections/config.toml].
    #[arg(
        long,
        global = true,
        env = "SSO_CONNECTIONS_CONFIG",
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
    /// Start a simulator in this process and point every client at it, with its default
    /// credentials: every command works without an account (state is lost at exit).
    #[arg(long, global = true)]
    pub simulator: bool,
    /// Limit for each request, in seconds.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Option<Duration>,
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// PingOne SSO for SaaS Apps: customer connections of an idpId.
    #[command(
        subcommand,
        after_help = "Examples:\n  sso-connections saas get acme\n  \
            sso-connections saas onboard acme --metadata idp.xml --email it@acme.example"
    )]
    Saas(saas::SaasCommand),
    /// PingOne Platform: applications, identity providers, certificates.
    #[command(
        name = "pingone",
        after_help = "Examples:\n  sso-connections pingone applications list\n  \
            sso-connections pingone --environment 02d37832-476a-431b-8a60-d77cecd7005c \
            certificates list"
    )]
    PingOne(pingone::PingOneArgs),
    /// Auth0 Management API: connection profiles.
    #[command(
        subcommand,
        after_help = "Example:\n  sso-connections auth0 profiles list"
    )]
    Auth0(auth0::Auth0Command),
    /// SAML identity provider metadata.
    #[command(
        subcommand,
        after_help = "Example:\n  sso-connections metadata inspect idp-metadata.xml"
    )]
    Metadata(metadata::MetadataCommand),
    /// Certificate expiry report for SaaS idpIds and PingOne environments.
    Certs(certs::CertsArgs),
    /// Compare a desired-state document with the live configuration and show what differs.
    #[command(
        after_help = "Examples:\n  sso-connections plan examples/customers.toml --simulator\n  \
        sso-connections plan customers.toml --detailed-exitcode   # 2 when something drifted\n  \
        sso-connections --output json plan customers.toml --out plan.json"
    )]
    Plan(desired::PlanArgs),
    /// Make the live configuration match a document (or apply a saved plan).
    #[command(
        after_help = "Examples:\n  sso-connections apply customers.toml          # shows the plan, asks\n  \
        sso-connections apply customers.toml --auto-approve\n  \
        sso-connections apply --plan-file plan.json --auto-approve"
    )]
    Apply(desired::ApplyArgs),
    /// Write live connections, identity providers and profiles as a desired-state document.
    #[command(after_help = "Example:\n  sso-connections export --idp acme.example \
        --application crm=6964005a-6270-4a88-9ddc-0e6a4e05e51d > customers.toml")]
    Export(desired::ExportArgs),
    /// Run the bundled simulator of the three APIs until Ctrl-C.
    Simulator(simulator::SimulatorArgs),
    /// Print a shell completion script on standard output.
    #[command(after_help = "Example:\n  sso-connections completions bash > \
        ~/.local/share/bash-completion/completions/sso-connections")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    #[command(after_help = "Example:\n  sso-connections man | man -l -")]
    Man,
}

/// A whole number of seconds.
fn seconds(value: &str) -> Result<Duration, String> {
    value
        .parse::<u64>()
        .map(Duration::from_secs)
        .map_err(|_| format!("{value:?} is not a whole number of seconds"))
}

/// The `--detailed-exitcode` flag of commands that can find something to act on.
#[derive(Clone, Copy, Debug, Args)]
pub struct ExitArgs {
    /// Exit with status 2 (instead of 0) when there is something to act on.
    #[arg(long)]
    pub detailed_exitcode: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command a user can run has an example under its help, and every argument
    /// says what it is.
    #[test]
    fn every_command_has_an_example_and_every_argument_a_description() {
        fn walk(command: &clap::Command, path: String) {
            let path = format!("{path} {}", command.get_name());
            let after = command
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(after.contains("Example"), "{path} has no example");
            for argument in command.get_arguments() {
                let id = argument.get_id().as_str();
                if id != "help" && id != "version" {
                    assert!(argument.get_help().is_some(), "{path} {id} has no help");
                }
            }
            for sub in command.get_subcommands() {
                if sub.get_name() != "help" {
                    walk(sub, path.clone());
                }
            }
        }
        walk(&Cli::command(), String::new());
    }

    #[test]
    fn seconds_are_whole_numbers() {
        assert_eq!(seconds("30").unwrap(), Duration::from_secs(30));
        assert!(seconds("1.5").is_err());
    }
}
