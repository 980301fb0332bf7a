//! `cargo run -p sso-connections-simulator -- --port 8080`
//!
//! Serves the simulated APIs until Ctrl-C, printing its URL and credentials, and one line per
//! request.

use std::{net::SocketAddr, process::exit};

use sso_connections_simulator::{Simulator, SimulatorBuilder, SAAS_BASE_PATH};
use tokio::net::TcpListener;

const USAGE: &str = "usage: sso-connections-simulator [--host 127.0.0.1] [--port 8080] \
[--client-id ID] [--client-secret SECRET] [--catalogue apps.json] [--page-size N] \
[--static-bearer TOKEN] [--quiet]";

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
    let listener = TcpListener::bind(address).await.unwrap_or_else(|e| {
        eprintln!("cannot listen on {address}: {e}");
        exit(1);
    });
    let bound = listener.local_addr().expect("bound address");
    let (id, secret) = options.credentials;
    println!("sso-connections simulator listening on http://{bound}");
    println!("  SaaS Customer Connection API: http://{bound}{SAAS_BASE_PATH}");
    println!("  Basic credentials: client id {id:?}, client secret {secret:?}");
    println!("  Control: POST http://{bound}/__simulator/faults, POST /__simulator/reset");
    println!("Press Ctrl-C to stop.");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        println!("shutting down");
    };
    if let Err(e) = options
        .builder
        .credentials(id, secret)
        .serve_until(listener, shutdown)
        .await
    {
        eprintln!("server error: {e}");
        exit(1);
    }
}
