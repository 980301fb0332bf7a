//! `saas`: the customer connections of an `idpId` (PingOne SSO for SaaS Apps).

use std::path::PathBuf;

use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use sso_connections::metadata::{onboard_saas, CertificateChoice, Onboarded, SaasOnboarding};
use sso_connections::saas::{
    ApplicationConnection, ApplicationIds, ApplicationSelection, Applied, ConnectionScope,
    ConnectionUpdate, ConnectionsHandler, CustomerConnection, IdpId, NewConnection, SharedSettings,
    SigningAlgorithm, SloBinding, StateChange,
};
use sso_connections::values::CertificateInfo;
use sso_connections::Uuid;

use crate::errors::{CliError, Service};
use crate::output::{or_dash, Change};

use super::metadata::{load, FetchArgs};
use super::{deletion_result, read_certificate, Context, Status};

/// The `saas` commands.
#[derive(Debug, Subcommand)]
pub enum SaasCommand {
    /// Show the connections of an idpId (or one application's connection).
    #[command(after_help = "Examples:\n  sso-connections saas get acme\n  \
        sso-connections --output json saas get acme --application 6964005a-6270-4a88-9ddc-0e6a4e05e51d")]
    Get {
        /// The customer's idpId.
        idp: String,
        /// Only this application's connection (its saasid).
        #[arg(long, value_name = "SAASID")]
        application: Option<Uuid>,
    },
    /// Create the connections of an idpId (every eligible application unless --application).
    #[command(
        after_help = "Example:\n  sso-connections saas create acme --email it@acme.example \
        --entity-id https://idp.acme.example --sso-endpoint https://idp.acme.example/sso \
        --certificate idp.pem"
    )]
    Create {
        /// The customer's idpId.
        idp: String,
        /// The settings every connection of the idpId shares.
        #[command(flatten)]
        settings: SettingsArgs,
        /// Connect only these applications (saasids; repeat the flag).
        #[arg(long = "application", value_name = "SAASID")]
        applications: Vec<Uuid>,
        /// Whether the new connections are multiplexed (the API's default: true).
        #[arg(long, value_name = "BOOL")]
        multiplexed: Option<bool>,
    },
    /// Change the shared settings of an idpId's connections, and/or `multiplexed`.
    #[command(
        after_help = "Examples:\n  sso-connections saas update acme --sso-endpoint \
        https://idp.acme.example/sso/v2 --clear-slo-endpoint\n  \
        sso-connections saas update acme --multiplexed false --application 6964005a-6270-4a88-9ddc-0e6a4e05e51d"
    )]
    Update {
        /// The customer's idpId.
        idp: String,
        /// The shared settings to change (only what is given is sent).
        #[command(flatten)]
        settings: SettingsArgs,
        /// Change `multiplexed` only for these applications (default: all of them).
        #[arg(long = "application", value_name = "SAASID", requires = "multiplexed")]
        applications: Vec<Uuid>,
        /// The new value of `multiplexed`.
        #[arg(long, value_name = "BOOL")]
        multiplexed: Option<bool>,
    },
    /// Enable single sign-on through the connections (or one application's).
    #[command(after_help = "Example:\n  sso-connections saas enable acme")]
    Enable(ScopeArgs),
    /// Disable single sign-on through the connections (or one application's).
    #[command(after_help = "Example:\n  sso-connections saas disable acme \
        --application 6964005a-6270-4a88-9ddc-0e6a4e05e51d")]
    Disable(ScopeArgs),
    /// Delete one application's connection, or (with --all) every connection of the idpId.
    #[command(
        after_help = "Examples:\n  sso-connections saas delete acme --application \
        6964005a-6270-4a88-9ddc-0e6a4e05e51d\n  sso-connections saas delete acme --all"
    )]
    Delete {
        /// The customer's idpId.
        idp: String,
        /// Delete only this application's connection.
        #[arg(long, value_name = "SAASID", required_unless_present = "all")]
        application: Option<Uuid>,
        /// Delete every connection of the idpId.
        #[arg(long, conflicts_with = "application")]
        all: bool,
    },
    /// Connect an idpId from its identity provider's metadata (create, or update when it
    /// has connections already).
    #[command(
        after_help = "Examples:\n  sso-connections saas onboard acme --metadata idp.xml \
        --email it@acme.example\n  sso-connections saas onboard acme --metadata \
        https://idp.acme.example/metadata --email it@acme.example --application \
        6964005a-6270-4a88-9ddc-0e6a4e05e51d"
    )]
    Onboard {
        /// The customer's idpId.
        idp: String,
        /// The metadata: a file, or an https URL.
        #[arg(long, value_name = "FILE|URL")]
        metadata: String,
        /// The administrator email (metadata does not carry one).
        #[arg(long)]
        email: String,
        /// Connect only these applications (saasids; repeat the flag).
        #[arg(long = "application", value_name = "SAASID")]
        applications: Vec<Uuid>,
        /// Whether new connections are multiplexed.
        #[arg(long, value_name = "BOOL")]
        multiplexed: Option<bool>,
        /// The identity provider to use when the metadata describes several.
        #[arg(long, value_name = "ENTITY_ID")]
        entity: Option<String>,
        /// Use the certificate with the latest expiry even when none is valid now.
        #[arg(long)]
        accept_invalid_certificate: bool,
        /// How a metadata URL may be fetched.
        #[command(flatten)]
        fetch: FetchArgs,
    },
}

/// An idpId and an optional application, for enable and disable.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// The customer's idpId.
    pub idp: String,
    /// Only this application's connection (its saasid).
    #[arg(long, value_name = "SAASID")]
    pub application: Option<Uuid>,
}

/// The settings every connection of an idpId shares.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Administrator email.
    #[arg(long)]
    pub email: Option<String>,
    /// The identity provider's entity ID.
    #[arg(long)]
    pub entity_id: Option<String>,
    /// The URL that receives AuthnRequests.
    #[arg(long, value_name = "URL")]
    pub sso_endpoint: Option<String>,
    /// The identity provider's signing certificate (PEM, base64 or DER file).
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,
    /// The URL that receives single logout requests.
    #[arg(long, value_name = "URL")]
    pub slo_endpoint: Option<String>,
    /// Remove the single logout endpoint.
    #[arg(long, conflicts_with = "slo_endpoint")]
    pub clear_slo_endpoint: bool,
    /// The URL that receives single logout responses.
    #[arg(long, value_name = "URL")]
    pub slo_response_endpoint: Option<String>,
    /// Remove the single logout response endpoint.
    #[arg(long, conflicts_with = "slo_response_endpoint")]
    pub clear_slo_response_endpoint: bool,
    /// The binding of single logout requests.
    #[arg(long, value_enum)]
    pub slo_binding: Option<BindingArg>,
    /// Whether PingOne signs its AuthnRequests.
    #[arg(long, value_name = "BOOL")]
    pub sign_authn_request: Option<bool>,
    /// The signing algorithm.
    #[arg(long, value_enum)]
    pub signing_algorithm: Option<AlgorithmArg>,
}

/// `--slo-binding` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BindingArg {
    /// HTTP-Redirect.
    Redirect,
    /// HTTP-POST.
    Post,
}

/// `--signing-algorithm` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum AlgorithmArg {
    /// RSA with SHA-1.
    RsaSha1,
    /// RSA with SHA-256.
    RsaSha256,
    /// RSA with SHA-384.
    RsaSha384,
    /// RSA with SHA-512.
    RsaSha512,
}

impl SettingsArgs {
    /// The shared settings, checked by the library before anything is sent.
    fn build(&self) -> Result<SharedSettings, CliError> {
        let mut b = SharedSettings::builder();
        if let Some(v) = &self.email {
            b = b.email(v);
        }
        if let Some(v) = &self.entity_id {
            b = b.entity_id(v);
        }
        if let Some(v) = &self.sso_endpoint {
            b = b.sso_endpoint(v);
        }
        if let Some(path) = &self.certificate {
            b = b.signing_certificate(read_certificate(path, Service::Saas)?);
        }
        if let Some(v) = &self.slo_endpoint {
            b = b.slo_endpoint(v);
        }
        if self.clear_slo_endpoint {
            b = b.clear_slo_endpoint();
        }
        if let Some(v) = &self.slo_response_endpoint {
            b = b.slo_response_endpoint(v);
        }
        if self.clear_slo_response_endpoint {
            b = b.clear_slo_response_endpoint();
        }
        if let Some(v) = self.slo_binding {
            b = b.slo_binding(match v {
                BindingArg::Redirect => SloBinding::Redirect,
                BindingArg::Post => SloBinding::Post,
            });
        }
        if let Some(v) = self.sign_authn_request {
            b = b.sign_authn_request(v);
        }
        if let Some(v) = self.signing_algorithm {
            b = b.signing_algorithm(match v {
                AlgorithmArg::RsaSha1 => SigningAlgorithm::RsaSha1,
                AlgorithmArg::RsaSha256 => SigningAlgorithm::RsaSha256,
                AlgorithmArg::RsaSha384 => SigningAlgorithm::RsaSha384,
                AlgorithmArg::RsaSha512 => SigningAlgorithm::RsaSha512,
            });
        }
        b.build().map_err(CliError::api(Service::Saas))
    }
}

/// A connection as printed: its settings and its certificate's details.
#[derive(Debug, Serialize)]
struct ConnectionView {
    idp_id: Option<String>,
    email: Option<String>,
    entity_id: Option<String>,
    sso_endpoint: Option<String>,
    slo_endpoint: Option<String>,
    slo_response_endpoint: Option<String>,
    slo_binding: Option<String>,
    sign_authn_request: Option<bool>,
    signing_algorithm: Option<String>,
    multiplexed: Option<bool>,
    status: Option<String>,
    certificate: Option<CertificateInfo>,
}

impl From<CustomerConnection> for ConnectionView {
    fn from(c: CustomerConnection) -> Self {
        let certificate = c
            .signing_certificate
            .as_ref()
            .and_then(|encoded| encoded.decode().ok())
            .map(|certificate| certificate.info().clone());
        Self {
            idp_id: c.idp_id,
            email: c.email,
            entity_id: c.entity_id,
            sso_endpoint: c.sso_endpoint,
            slo_endpoint: c.slo_endpoint,
            slo_response_endpoint: c.slo_response_endpoint,
            slo_binding: c.slo_binding.map(|v| v.as_str().to_owned()),
            sign_authn_request: c.sign_authn_request,
            signing_algorithm: c.signing_algorithm.map(|v| v.as_str().to_owned()),
            multiplexed: c.multiplexed,
            status: c.status.map(|v| v.as_str().to_owned()),
            certificate,
        }
    }
}

impl ConnectionView {
    fn row(&self) -> Vec<String> {
        vec![
            or_dash(self.entity_id.as_deref()),
            or_dash(self.status.as_deref()),
            or_dash(self.multiplexed),
            or_dash(self.sso_endpoint.as_deref()),
            or_dash(self.certificate.as_ref().map(|c| c.not_after.date_naive())),
        ]
    }
}

const CONNECTION_COLUMNS: &[&str] = &[
    "ENTITY_ID",
    "STATUS",
    "MULTIPLEXED",
    "SSO_ENDPOINT",
    "CERT_EXPIRES",
];

/// The table columns as field names, for a single connection.
const CONNECTION_FIELDS: &[&str] = &[
    "entity_id",
    "status",
    "multiplexed",
    "sso_endpoint",
    "cert_expires",
];

/// One application's connection as printed: whether it was found, and the connection.
#[derive(Debug, Serialize)]
struct ApplicationView {
    idp_id: String,
    application: Uuid,
    /// `found`, `unconfirmed` or `not_connected`.
    r#match: &'static str,
    connection: Option<ConnectionView>,
}

/// What onboarding did, as printed.
#[derive(Debug, Serialize)]
struct OnboardView<'a> {
    idp_id: &'a str,
    #[serde(flatten)]
    onboarded: &'a Onboarded,
}

/// Runs a `saas` command.
pub async fn run(command: SaasCommand, context: &Context) -> Result<Status, CliError> {
    let failed = CliError::api(Service::Saas);
    let client = context.endpoints.saas()?;
    let connections = client.connections();
    let output = &context.output;
    match command {
        SaasCommand::Get { idp, application } => {
            let idp = idp_id(&idp)?;
            match application {
                None => {
                    let mut list = output.list(CONNECTION_COLUMNS);
                    for connection in connections.get(&idp).await.map_err(failed)? {
                        let view = ConnectionView::from(connection);
                        list.push(&view, view.row())?;
                    }
                    list.finish()?;
                }
                Some(application) => {
                    let found = connections
                        .get_for_application(&idp, application)
                        .await
                        .map_err(failed)?;
                    let (r#match, connection) = match found {
                        ApplicationConnection::Found(c) => ("found", Some(c)),
                        ApplicationConnection::Unconfirmed(c) => ("unconfirmed", Some(c)),
                        ApplicationConnection::NotConnected => ("not_connected", None),
                    };
                    let view = ApplicationView {
                        idp_id: idp.to_string(),
                        application,
                        r#match,
                        connection: connection.map(ConnectionView::from),
                    };
                    let mut fields = vec![
                        ("application", application.to_string()),
                        ("match", r#match.to_owned()),
                    ];
                    if let Some(c) = &view.connection {
                        fields.extend(CONNECTION_FIELDS.iter().copied().zip(c.row()));
                    }
                    output.record(&view, &fields)?;
                }
            }
        }
        SaasCommand::Create {
            idp,
            settings,
            applications,
            multiplexed,
        } => {
            let idp = idp_id(&idp)?;
            let settings = settings.build()?;
            let mut request = if applications.is_empty() {
                NewConnection::for_every_eligible_application(settings)
            } else {
                NewConnection::for_applications(settings, application_ids(applications)?)
            }
            .map_err(failed)?;
            if let Some(multiplexed) = multiplexed {
                request = request.multiplexed(multiplexed);
            }
            connections.create(&idp, &request).await.map_err(failed)?;
            output.change(&change(&idp, None, "create", "created"))?;
        }
        SaasCommand::Update {
            idp,
            settings,
            applications,
            multiplexed,
        } => {
            let idp = idp_id(&idp)?;
            let mut update = ConnectionUpdate::settings(settings.build()?);
            if let Some(multiplexed) = multiplexed {
                let selection = if applications.is_empty() {
                    ApplicationSelection::All
                } else {
                    ApplicationSelection::Only(application_ids(applications)?)
                };
                update = update.and_multiplexed(selection, multiplexed);
            }
            connections.update(&idp, &update).await.map_err(failed)?;
            output.change(&change(&idp, None, "update", "updated"))?;
        }
        SaasCommand::Enable(ScopeArgs { idp, application }) => {
            let idp = idp_id(&idp)?;
            let done = connections
                .enable(&idp, scope_of(application))
                .await
                .map_err(failed)?;
            output.change(&change(&idp, application, "enable", state(done)))?;
        }
        SaasCommand::Disable(ScopeArgs { idp, application }) => {
            let idp = idp_id(&idp)?;
            let done = connections
                .disable(&idp, scope_of(application))
                .await
                .map_err(failed)?;
            output.change(&change(&idp, application, "disable", state(done)))?;
        }
        SaasCommand::Delete {
            idp, application, ..
        } => {
            let idp = idp_id(&idp)?;
            let deletion = match application {
                Some(application) => connections.delete_for_application(&idp, application).await,
                None => connections.delete_all(&idp).await,
            }
            .map_err(failed)?;
            output.change(&change(
                &idp,
                application,
                "delete",
                deletion_result(deletion),
            ))?;
        }
        SaasCommand::Onboard {
            idp,
            metadata,
            email,
            applications,
            multiplexed,
            entity,
            accept_invalid_certificate,
            fetch,
        } => {
            let mut onboarding = SaasOnboarding::new(email, Utc::now());
            if !applications.is_empty() {
                onboarding = onboarding.applications(application_ids(applications)?);
            }
            if let Some(multiplexed) = multiplexed {
                onboarding = onboarding.multiplexed(multiplexed);
            }
            if accept_invalid_certificate {
                onboarding = onboarding.certificates(CertificateChoice::LatestEvenIfInvalid);
            }
            let source = MetadataSource {
                location: &metadata,
                entity: entity.as_deref(),
                fetch,
            };
            onboard(context, connections, &idp_id(&idp)?, source, &onboarding).await?;
        }
    }
    Ok(Status::Done)
}

/// The idpId, checked before anything is sent.
fn idp_id(value: &str) -> Result<IdpId, CliError> {
    IdpId::new(value).map_err(CliError::api(Service::Saas))
}

/// Distinct saasids, checked before anything is sent.
fn application_ids(ids: Vec<Uuid>) -> Result<ApplicationIds, CliError> {
    ApplicationIds::new(ids).map_err(CliError::api(Service::Saas))
}

fn scope_of(application: Option<Uuid>) -> ConnectionScope {
    application.map_or(
        ConnectionScope::AllApplications,
        ConnectionScope::Application,
    )
}

fn state(change: StateChange) -> &'static str {
    match change {
        StateChange::Changed => "changed",
        StateChange::Unchanged => "unchanged",
    }
}

fn change(
    idp: &IdpId,
    application: Option<Uuid>,
    action: &'static str,
    result: &'static str,
) -> Change {
    Change {
        resource: "saas_connection",
        id: idp.to_string(),
        application: application.map(|a| a.to_string()),
        action,
        result,
    }
}

/// Where `saas onboard` reads the metadata, and which identity provider of it to use.
struct MetadataSource<'a> {
    location: &'a str,
    entity: Option<&'a str>,
    fetch: FetchArgs,
}

/// Reads the metadata, onboards the idpId from it, and prints what was chosen.
async fn onboard(
    context: &Context,
    connections: ConnectionsHandler<'_>,
    idp: &IdpId,
    source: MetadataSource<'_>,
    onboarding: &SaasOnboarding,
) -> Result<(), CliError> {
    let metadata = load(source.location, source.fetch).await?;
    let entity = metadata
        .entity(source.entity)
        .map_err(CliError::api(Service::Metadata))?;
    let onboarded = onboard_saas(connections, idp, entity, onboarding)
        .await
        .map_err(CliError::api(Service::Saas))?;
    let chosen = &onboarded.chosen;
    let applied = match onboarded.applied {
        Applied::Created => "created",
        Applied::Updated => "updated",
    };
    let mut fields = vec![
        ("idp_id", idp.to_string()),
        ("applied", applied.to_owned()),
        ("entity_id", chosen.entity_id.clone()),
        ("sso_endpoint", chosen.sso.location.clone()),
        (
            "slo_endpoint",
            or_dash(chosen.slo.as_ref().map(|s| s.location.as_str())),
        ),
        ("certificate", chosen.certificate.subject.clone()),
        ("expires", chosen.certificate.not_after.to_rfc3339()),
        ("sha256", chosen.certificate.sha256.clone()),
    ];
    fields.extend(chosen.notes.iter().map(|n| ("note", n.clone())));
    let view = OnboardView {
        idp_id: idp.as_str(),
        onboarded: &onboarded,
    };
    context.output.record(&view, &fields)
}
