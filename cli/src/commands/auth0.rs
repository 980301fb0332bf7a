//! `auth0 profiles`: the tenant's connection profiles.
//!
//! Profiles are printed as Auth0 returns them (JSON output), with every secret-bearing field
//! redacted; tables show a few columns.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use futures::TryStreamExt as _;
use serde_json::{Map, Value};
use sso_connections::auth0::{
    AssignMembershipOnLogin, ConnectionProfileSettings, EnabledFeature, ShowAsButton,
};

use crate::errors::{CliError, Service};
use crate::output::{cell, json_of, Change};

use super::{deletion_result, read_file, Context, Status};

/// The `auth0` commands.
#[derive(Debug, Subcommand)]
pub enum Auth0Command {
    /// Connection profiles.
    #[command(
        subcommand,
        after_help = "Example:\n  sso-connections auth0 profiles create --name 'Partner SSO'"
    )]
    Profiles(ProfilesCommand),
}

/// What can be done with connection profiles.
#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// List the profiles.
    #[command(after_help = "Example:\n  sso-connections --output ndjson auth0 profiles list")]
    List,
    /// Show one profile.
    #[command(after_help = "Example:\n  sso-connections auth0 profiles get cp_1a2b3c")]
    Get {
        /// The profile id.
        id: String,
    },
    /// Create a profile (it needs a --name).
    #[command(
        after_help = "Example:\n  sso-connections auth0 profiles create --name 'Partner SSO' \
        --prefix-template '{org_name}-sso' --feature scim"
    )]
    Create(ProfileArgs),
    /// Change a profile: only what is given is sent.
    #[command(
        after_help = "Example:\n  sso-connections auth0 profiles update cp_1a2b3c \
        --clear-prefix-template --no-features"
    )]
    Update {
        /// The profile id.
        id: String,
        /// What to change.
        #[command(flatten)]
        settings: ProfileArgs,
    },
    /// Delete a profile.
    #[command(after_help = "Example:\n  sso-connections auth0 profiles delete cp_1a2b3c")]
    Delete {
        /// The profile id.
        id: String,
    },
}

/// The settings of a profile.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// The profile's name (1 to 50 characters).
    #[arg(long)]
    pub name: Option<String>,
    /// How connections created from the profile are named (at most 15 characters; the
    /// placeholders {org_id} and {org_name} are allowed).
    #[arg(long, value_name = "TEMPLATE", allow_hyphen_values = true)]
    pub prefix_template: Option<String>,
    /// Remove the prefix template.
    #[arg(long, conflicts_with = "prefix_template")]
    pub clear_prefix_template: bool,
    /// A feature to switch on (repeat the flag).
    #[arg(long = "feature", value_enum, value_name = "FEATURE")]
    pub features: Vec<FeatureArg>,
    /// Switch every feature off.
    #[arg(long, conflicts_with = "features")]
    pub no_features: bool,
    /// Whether organizations show a login button for the connections.
    #[arg(long, value_enum, requires = "assign_membership")]
    pub show_as_button: Option<LevelArg>,
    /// Whether users become organization members on login.
    #[arg(long, value_enum, requires = "show_as_button")]
    pub assign_membership: Option<LevelArg>,
    /// Connection settings for every strategy: a file holding one JSON object.
    #[arg(long, value_name = "FILE")]
    pub connection_config: Option<PathBuf>,
    /// Remove every connection setting.
    #[arg(long, conflicts_with = "connection_config")]
    pub clear_connection_config: bool,
}

/// `--feature` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FeatureArg {
    /// SCIM provisioning.
    Scim,
    /// Universal logout.
    UniversalLogout,
}

/// `--show-as-button` and `--assign-membership` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LevelArg {
    /// Never.
    None,
    /// The organization chooses.
    Optional,
    /// Always.
    Required,
}

impl ProfileArgs {
    /// The settings, checked by the library (names, template rules) before anything is sent.
    fn build(&self) -> Result<ConnectionProfileSettings, CliError> {
        let mut b = ConnectionProfileSettings::builder();
        if let Some(name) = &self.name {
            b = b.name(name);
        }
        if let Some(template) = &self.prefix_template {
            b = b.connection_name_prefix_template(template);
        }
        if self.clear_prefix_template {
            b = b.clear_connection_name_prefix_template();
        }
        if !self.features.is_empty() {
            b = b.enabled_features(self.features.iter().map(|f| match f {
                FeatureArg::Scim => EnabledFeature::Scim,
                FeatureArg::UniversalLogout => EnabledFeature::UniversalLogout,
            }));
        }
        if self.no_features {
            b = b.clear_enabled_features();
        }
        if let (Some(button), Some(membership)) = (self.show_as_button, self.assign_membership) {
            let button = match button {
                LevelArg::None => ShowAsButton::None,
                LevelArg::Optional => ShowAsButton::Optional,
                LevelArg::Required => ShowAsButton::Required,
            };
            let membership = match membership {
                LevelArg::None => AssignMembershipOnLogin::None,
                LevelArg::Optional => AssignMembershipOnLogin::Optional,
                LevelArg::Required => AssignMembershipOnLogin::Required,
            };
            b = b.organization(button, membership);
        }
        if let Some(path) = &self.connection_config {
            b = b.connection_config(json_object(path)?);
        }
        if self.clear_connection_config {
            b = b.clear_connection_config();
        }
        b.build().map_err(CliError::api(Service::Auth0))
    }
}

/// A file holding one JSON object.
fn json_object(path: &Path) -> Result<Map<String, Value>, CliError> {
    match serde_json::from_slice(&read_file(path)?) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(CliError::InvalidArgument {
            flag: "--connection-config",
            reason: format!("{} does not hold a JSON object", path.display()),
        }),
        Err(e) => Err(CliError::InvalidArgument {
            flag: "--connection-config",
            reason: format!("{} is not JSON: {e}", path.display()),
        }),
    }
}

const COLUMNS: &[&str] = &["ID", "NAME", "PREFIX_TEMPLATE", "FEATURES"];
const CELLS: &[&str] = &[
    "id",
    "name",
    "connection_name_prefix_template",
    "enabled_features",
];

fn row(json: &Value) -> Vec<String> {
    CELLS.iter().map(|path| cell(json, path)).collect()
}

/// Runs an `auth0` command.
pub async fn run(command: Auth0Command, context: &Context) -> Result<Status, CliError> {
    let Auth0Command::Profiles(command) = command;
    let failed = CliError::api(Service::Auth0);
    let client = context.endpoints.auth0()?;
    let profiles = client.connection_profiles();
    let output = &context.output;
    let show = |profile: &sso_connections::auth0::ConnectionProfile| -> Result<(), CliError> {
        let json = json_of(profile)?;
        let fields: Vec<(&str, String)> = CELLS.iter().copied().zip(row(&json)).collect();
        output.record(&json, &fields)
    };
    match command {
        ProfilesCommand::List => {
            let mut list = output.list(COLUMNS);
            let mut stream = profiles.list();
            let spinner = context.progress.spinner("reading connection profiles");
            while let Some(profile) = stream.try_next().await.map_err(failed)? {
                let json = json_of(&profile)?;
                list.push(&json, row(&json))?;
                spinner.inc(1);
            }
            spinner.finish_and_clear();
            list.finish()?;
        }
        ProfilesCommand::Get { id } => show(&profiles.get(&id).await.map_err(failed)?)?,
        ProfilesCommand::Create(settings) => {
            let settings = settings.build()?;
            show(&profiles.create(&settings).await.map_err(failed)?)?;
        }
        ProfilesCommand::Update { id, settings } => {
            let settings = settings.build()?;
            show(&profiles.update(&id, &settings).await.map_err(failed)?)?;
        }
        ProfilesCommand::Delete { id } => {
            let deletion = profiles.delete(&id).await.map_err(failed)?;
            output.change(&Change {
                resource: "auth0_connection_profile",
                id,
                application: None,
                action: "delete",
                result: deletion_result(deletion),
            })?;
        }
    }
    Ok(Status::Done)
}
