//! `cargo run -p sso-connections-simulator -- --port 8080`
//!
//! Serves the simulated APIs until Ctrl-C, printing where each one is and the credentials it
//! accepts, and one line per request.

use std::{net::SocketAddr, process::exit};

use sso_connections_simulator::{Simulator, SimulatorBuilder};
use uuid::Uuid;

const USAGE: &str = "usage: sso-connections-simulator [--host 127.0.0.1] [--port 8080] \
[--client-id ID] [--client-secret SECRET] [--catalogue apps.json] [--page-size N] \
[--static-bearer TOKEN] [--quiet]";

/// The environment the printed PingOne token URL names; any environment id works.
const EXAMPLE_ENVIRONMENT: Uuid = Uuid::from_u128(0x4f0c6a2e_1b7d_4c3a_9e58_2d6b0f1a7c93);

struct Options {
    host: String,
    port: u16,
    builder: SimulatorBuilder,
    credentials: (String, String),
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        host: "127.0.0.1".into(),
        port: 8080,
        builder: Simulator::builder().log_requests(true),
        credentials: (
            sso_connections_simulator::DEFAULT_CLIENT_ID.into(),
            sso_connections_simulator::DEFAULT_CLIENT_SECRET.into(),
        ),
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => options.host = value()?,
            "--port" => {
                options.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number".to_owned())?
            }
            "--client-id" => options.credentials.0 = value()?,
            "--client-secret" => options.credentials.1 = value()?,
            "--catalogue" => {
                let path = value()?;
                options.builder = options
                    .builder
                    .catalogue_file(&path)
                    .map_err(|e| format!("cannot read catalogue {path}: {e}"))?;
            }
            "--quiet" => options.builder = options.builder.log_requests(false),
            "--page-size" => {
                let size = value()?
                    .parse()
                    .map_err(|_| "--page-size needs a number".to_owned())?;
                options.builder = options.builder.page_size(size);
            }
            "--static-bearer" => options.builder = options.builder.static_bearer(value()?),
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Where each API is served, with the credentials it accepts.
fn banner(simulator: &Simulator) -> String {
    let url = simulator.url();
    format!(
        "sso-connections simulator listening on {url}\n\
         \x20 SaaS Customer Connection API: {saas}\n\
         \x20   Basic credentials: client id {saas_id:?}, client secret {saas_secret:?}\n\
         \x20 PingOne Platform API: {pingone}\n\
         \x20   worker: client id {worker_id:?}, client secret {worker_secret:?}\n\
         \x20   token URL: {pingone_token} (any environment id works)\n\
         \x20 Auth0 Management API: {auth0}\n\
         \x20   client: client id {auth0_id:?}, client secret {auth0_secret:?}\n\
         \x20   token URL: {auth0_token} (audience {auth0}/)\n\
         \x20 Control: POST {url}/__simulator/faults, POST {url}/__simulator/reset\n\
         Press Ctrl-C to stop.",
        saas = simulator.saas_base_url(),
        saas_id = simulator.client_id(),
        saas_secret = simulator.client_secret(),
        pingone = simulator.pingone_base_url(),
        worker_id = simulator.worker_client_id(),
        worker_secret = simulator.worker_client_secret(),
        pingone_token = simulator.pingone_token_url(EXAMPLE_ENVIRONMENT),
        auth0 = simulator.auth0_base_url(),
        auth0_id = simulator.auth0_client_id(),
        auth0_secret = simulator.auth0_client_secret(),
        auth0_token = simulator.auth0_token_url(),
    )
}

#[tokio::main]
async fn main() {
    let options = parse(std::env::args().skip(1)).unwrap_or_else(|message| {
        eprintln!("{message}");
        exit(2);
    });
    let address: SocketAddr = format!("{}:{}", options.host, options.port)
        .parse()
        .unwrap_or_else(|_| {
            eprintln!("invalid --host {}", options.host);
            exit(2);
        });
    let (id, secret) = options.credentials;
    let simulator = options
        .builder
        .credentials(id, secret)
        .address(address)
        .start()
        .await
        .unwrap_or_else(|e| {
            eprintln!("cannot listen on {address}: {e}");
            exit(1);
        });
    println!("{}", banner(&simulator));
    let _ = tokio::signal::ctrl_c().await;
    println!("shutting down");
    simulator.shutdown().await;
}
