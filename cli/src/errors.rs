//! The one error type of the command line, and the hint printed under each error.
//!
//! Every failure a command can meet is a variant here: a setting missing from the
//! environment or the profile, a file that cannot be read, or an error of the library. None
//! of them holds a secret: settings are named by the variable that holds them, never shown,
//! and the library's errors never carry credentials.

use std::path::PathBuf;

use sso_connections::Error as ApiFailure;

/// Which service a library call talked to, so a hint can name the right settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    /// PingOne SSO for SaaS Apps, Customer Connection API.
    Saas,
    /// PingOne Platform management API.
    PingOne,
    /// Auth0 Management API.
    Auth0,
    /// A metadata document (file or URL).
    Metadata,
}

impl Service {
    /// The variables that hold this service's credentials and endpoint, for hints.
    fn settings(self) -> &'static str {
        match self {
            Service::Saas => {
                "PINGONE_SAAS_CLIENT_ID, PINGONE_SAAS_CLIENT_SECRET and PINGONE_SAAS_BASE_URL"
            }
            Service::PingOne => {
                "PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET, \
                 PINGONE_REGION (or PINGONE_API_URL and PINGONE_TOKEN_URL)"
            }
            Service::Auth0 => {
                "AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET \
                 (or AUTH0_API_URL and AUTH0_TOKEN_URL)"
            }
            Service::Metadata => "the metadata file or URL",
        }
    }
}

/// Everything that can make a command fail (exit status 1).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A required setting is in neither the environment nor the profile.
    #[error("{what} is not set: set the environment variable {variable}")]
    MissingSetting {
        /// What the setting is, in words.
        what: &'static str,
        /// The environment variable that would supply it.
        variable: String,
    },
    /// A setting is present but unusable (the value itself is never repeated for secrets).
    #[error("{origin} is not valid: {reason}")]
    InvalidSetting {
        /// Where the value came from: a variable name or a profile key.
        origin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The configuration file cannot be read or does not have the documented shape.
    #[error("configuration file {}: {reason}", path.display())]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// `--profile` names a profile the configuration file does not have.
    #[error("profile {name:?} is not defined in {}", path.display())]
    UnknownProfile {
        /// The profile asked for.
        name: String,
        /// The configuration file that was read.
        path: PathBuf,
    },
    /// A file given on the command line cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A command-line value the parser accepted, but that the command cannot use.
    #[error("{flag}: {reason}")]
    InvalidArgument {
        /// The flag or argument.
        flag: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The library refused the input or the service answered with an error.
    #[error("{error}")]
    Api {
        /// The service the call was for.
        service: Service,
        /// The library's error.
        #[source]
        error: ApiFailure,
    },
    /// Some places of a certificate inventory could not be read (they are listed above).
    #[error("{failed} of {total} places could not be read")]
    Incomplete {
        /// How many places failed.
        failed: usize,
        /// How many places were asked for.
        total: usize,
    },
    /// A desired-state document could not be read, planned or applied.
    #[error("{0}")]
    Desired(#[source] sso_connections::desired::DesiredError),
    /// Some changes of an apply failed (each is listed above with its error).
    #[error("{failed} of {total} changes failed")]
    ChangesFailed {
        /// How many failed.
        failed: usize,
        /// How many the plan had.
        total: usize,
    },
    /// An apply was not approved; nothing was changed.
    #[error("nothing was applied: {reason}")]
    NotApproved {
        /// Why.
        reason: String,
    },
    /// The bundled simulator could not start.
    #[error("the simulator cannot start: {0}")]
    Simulator(std::io::Error),
    /// Standard output could not be written (other than a closed pipe, which is not an error).
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
}

impl CliError {
    /// A library error from a call to `service`.
    pub fn api(service: Service) -> impl Fn(ApiFailure) -> CliError + Copy {
        move |error| CliError::Api { service, error }
    }

    /// What to do about it, in one sentence, when there is something useful to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            CliError::MissingSetting { .. } => Some(
                "credentials are read from environment variables (or from the variables a \
                 --profile names); see `sso-connections --help` and cli/README.md"
                    .into(),
            ),
            CliError::InvalidSetting { .. } | CliError::Config { .. } => {
                Some("see cli/README.md, \"Configuration\", for the accepted values".into())
            }
            CliError::UnknownProfile { .. } => {
                Some("the file defines profiles as [profiles.NAME.saas], … tables".into())
            }
            CliError::Api { service, error } => Some(api_hint(*service, error)),
            CliError::Incomplete { .. } => {
                Some("run again with --debug to see each request".into())
            }
            CliError::Simulator(_) => Some("choose another --port, or --port 0".into()),
            CliError::Desired(error) => Some(crate::commands::desired::hint(error)),
            CliError::ChangesFailed { .. } => Some(
                "the changes that failed, and the rest of their resources, were not made: fix \
                 the cause and plan again, which lists exactly what is left"
                    .into(),
            ),
            CliError::NotApproved { .. } => Some(
                "review the plan (`sso-connections plan`), then run apply on a terminal and \
                 answer yes, or pass --auto-approve"
                    .into(),
            ),
            CliError::ReadFile { .. }
            | CliError::WriteFile { .. }
            | CliError::InvalidArgument { .. }
            | CliError::Output(_) => None,
        }
    }
}

/// The hint for a library error: which field to fix, or which settings to check.
fn api_hint(service: Service, error: &ApiFailure) -> String {
    let settings = service.settings();
    match error {
        ApiFailure::InvalidInput(input)
            if service == Service::Metadata && input.field().ends_with("Url") =>
        {
            format!(
                "nothing was fetched: fix the value of `{}`, or allow it with --allow-http \
             and/or --allow-private-network when it is meant to be reached",
                input.field()
            )
        }
        ApiFailure::InvalidInput(input) => {
            format!("nothing was sent: fix the value of `{}`", input.field())
        }
        ApiFailure::NotFound(_) => {
            "it does not exist: check the id (the `list` or `get` commands show what exists)".into()
        }
        ApiFailure::AlreadyExists(_) => {
            "it exists already: use `update` instead of `create`".into()
        }
        ApiFailure::Auth(_) => format!("the credentials were refused: check {settings}"),
        ApiFailure::Api(api) if matches!(api.status.as_u16(), 401 | 403) => {
            format!("the service refused the credentials or their permissions: check {settings}")
        }
        ApiFailure::Transport(_) => format!(
            "the service could not be reached: check the endpoint in {settings}, and the \
             network; --debug shows each request"
        ),
        ApiFailure::Decode(_) => {
            "the answer does not have the documented shape: check that the endpoint is the \
             right service; --debug shows each request"
                .into()
        }
        _ if error.is_retryable() => "the service is busy or failing: try again later".into(),
        _ => format!("--debug shows each request; check {settings}"),
    }
}
