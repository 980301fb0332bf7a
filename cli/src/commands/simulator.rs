//! `simulator`: runs the bundled simulator of the three APIs until Ctrl-C (or SIGTERM).
//!
//! It prints where it listens and the `export` lines that point this program at it. Client
//! secrets are not printed (like every other command); `--env-file` writes all the
//! variables, secrets included, to a file only its owner can read.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use clap::Args;
use sso_connections_simulator::Simulator;

use crate::credentials::{vars, SIMULATED_ENVIRONMENT};
use crate::errors::CliError;
use crate::output::write_bytes;

use super::Status;

/// Options of `simulator`.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  sso-connections simulator --port 8080 --env-file sim.env\n  \
    # in another shell:\n  . ./sim.env && sso-connections saas get acme"
)]
pub struct SimulatorArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Also write every variable, client secrets included, to this file (mode 0600) as
    /// `export` lines for a shell to source.
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
    /// Print one line per request on standard error.
    #[arg(long)]
    pub log_requests: bool,
}

/// One variable that points a client at the simulator.
struct Variable {
    name: &'static str,
    value: String,
    secret: bool,
}

/// Starts the simulator, prints how to use it, and serves until interrupted.
pub async fn run(args: SimulatorArgs) -> Result<Status, CliError> {
    let simulator = Simulator::builder()
        .address(SocketAddr::new(args.host, args.port))
        .log_requests(args.log_requests)
        .start()
        .await
        .map_err(CliError::Simulator)?;
    let variables = variables(&simulator);
    if let Some(path) = &args.env_file {
        write_env_file(path, &variables)?;
    }
    write_bytes(banner(&simulator, &variables, args.env_file.as_deref()).as_bytes())?;
    interrupted().await;
    simulator.shutdown().await;
    Ok(Status::Done)
}

/// Every variable that points this program at `simulator`.
fn variables(simulator: &Simulator) -> Vec<Variable> {
    let plain = |name, value: String| Variable {
        name,
        value,
        secret: false,
    };
    let secret = |name, value: &str| Variable {
        name,
        value: value.to_owned(),
        secret: true,
    };
    vec![
        plain(vars::SAAS_BASE_URL, simulator.saas_base_url()),
        plain(vars::SAAS_CLIENT_ID, simulator.client_id().to_owned()),
        secret(vars::SAAS_CLIENT_SECRET, simulator.client_secret()),
        plain(
            vars::PINGONE_ENVIRONMENT_ID,
            SIMULATED_ENVIRONMENT.to_string(),
        ),
        plain(vars::PINGONE_API_URL, simulator.pingone_base_url()),
        plain(
            vars::PINGONE_TOKEN_URL,
            simulator.pingone_token_url(SIMULATED_ENVIRONMENT),
        ),
        plain(
            vars::PINGONE_CLIENT_ID,
            simulator.worker_client_id().to_owned(),
        ),
        secret(
            vars::PINGONE_CLIENT_SECRET,
            simulator.worker_client_secret(),
        ),
        plain(vars::AUTH0_API_URL, simulator.auth0_base_url()),
        plain(vars::AUTH0_TOKEN_URL, simulator.auth0_token_url()),
        plain(
            vars::AUTH0_CLIENT_ID,
            simulator.auth0_client_id().to_owned(),
        ),
        secret(vars::AUTH0_CLIENT_SECRET, simulator.auth0_client_secret()),
    ]
}

fn export(variable: &Variable) -> String {
    format!(
        "export {}='{}'\n",
        variable.name,
        variable.value.replace('\'', r"'\''")
    )
}

/// What is printed on start: the address, the non-secret variables, where the secrets are.
fn banner(simulator: &Simulator, variables: &[Variable], env_file: Option<&Path>) -> String {
    let mut text = format!(
        "sso-connections simulator listening on {}\n",
        simulator.url()
    );
    text.push_str("# Point sso-connections at it:\n");
    variables
        .iter()
        .filter(|v| !v.secret)
        .for_each(|v| text.push_str(&export(v)));
    let secrets: Vec<&str> = variables
        .iter()
        .filter(|v| v.secret)
        .map(|v| v.name)
        .collect();
    match env_file {
        Some(path) => text.push_str(&format!(
            "# {} are in {} (mode 0600): `. {}` sets every variable.\n",
            secrets.join(", "),
            path.display(),
            path.display()
        )),
        None => text.push_str(&format!(
            "# {} are not printed: give --env-file FILE to have every variable written there \
             (mode 0600), or see cli/README.md.\n",
            secrets.join(", ")
        )),
    }
    text.push_str("Press Ctrl-C to stop.\n");
    text
}

/// Writes every variable as `export` lines, readable by the owner only.
fn write_env_file(path: &Path, variables: &[Variable]) -> Result<(), CliError> {
    use std::io::Write as _;
    let failed = |source| CliError::WriteFile {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
        options.mode(0o600);
        // A file that existed keeps its mode on open: narrow it before writing secrets.
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(failed)?;
        }
    }
    let mut file = options.open(path).map_err(failed)?;
    let text: String = variables.iter().map(export).collect();
    file.write_all(text.as_bytes()).map_err(failed)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
