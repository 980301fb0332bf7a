//! A whole customer-connection lifecycle through the facade.
//!
//! Without credentials it starts the simulator in-process on loopback (no network, no account):
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With `PINGONE_SAAS_CLIENT_ID` and `PINGONE_SAAS_CLIENT_SECRET` set (and optionally
//! `PINGONE_SAAS_BASE_URL`) it runs the same lifecycle against that endpoint, with the idpId,
//! one application saasid and the customer's PEM certificate given on the command line:
//!
//! ```text
//! cargo run --example quickstart -- <idpId> <saasid> <certificate.pem>
//! ```

use sso_connections::saas::{
    ConnectionScope, ConnectionUpdate, IdpId, NewConnection, SaasClient, SharedSettings,
};
use sso_connections::values::Certificate;
use sso_connections::Uuid;
use sso_connections_simulator::{catalogue, Simulator};

type BoxError = Box<dyn std::error::Error>;

/// The certificate of the vendor document's example, used against the simulator.
const EXAMPLE_CERTIFICATE: &str = include_str!("../tests/fixtures/example-idp-cert.pem");

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("quickstart failed: {error}");
        let mut source = error.source();
        while let Some(cause) = source {
            eprintln!("  caused by: {cause}");
            source = cause.source();
        }
        std::process::exit(1);
    }
}

async fn run() -> Result<(), BoxError> {
    let target = match (
        std::env::var("PINGONE_SAAS_CLIENT_ID"),
        std::env::var("PINGONE_SAAS_CLIENT_SECRET"),
    ) {
        (Ok(id), Ok(secret)) => Target::remote(id, secret)?,
        _ => Target::simulated().await?,
    };
    println!("Endpoint: {}\n", target.description);
    lifecycle(&target).await
}

async fn lifecycle(target: &Target) -> Result<(), BoxError> {
    let connections = target.client.connections();
    let idp = &target.idp;
    let app = target.application;

    let settings = SharedSettings::builder()
        .email("admin@acme.example")
        .entity_id("https://idp.acme.example")
        .sso_endpoint("https://idp.acme.example/sso")
        .signing_certificate(target.certificate.clone())
        .build()?;
    connections
        .create(
            idp,
            &NewConnection::for_every_eligible_application(settings)?,
        )
        .await?;
    println!("1. create    {idp}: connected to every eligible application");

    print_connections("2. get       ", idp, &connections.get(idp).await?);

    let update = ConnectionUpdate::settings(
        SharedSettings::builder()
            .sso_endpoint("https://idp.acme.example/sso/v2")
            .slo_endpoint("https://idp.acme.example/slo")
            .build()?,
    );
    connections.update(idp, &update).await?;
    let after = connections.get(idp).await?;
    let sso = after
        .first()
        .and_then(|c| c.sso_endpoint.as_deref())
        .unwrap_or("?");
    println!(
        "3. update    shared SSO endpoint is now {sso} on all {} connection(s)",
        after.len()
    );

    let one = ConnectionScope::Application(app);
    println!(
        "4. disable   {app}: {:?}",
        connections.disable(idp, one).await?
    );
    println!(
        "5. disable   {app} again: {:?}",
        connections.disable(idp, one).await?
    );
    println!(
        "6. enable    {app}: {:?}",
        connections.enable(idp, one).await?
    );
    println!(
        "7. delete    connection to {app}: {:?}",
        connections.delete_for_application(idp, app).await?
    );
    println!(
        "8. delete    every connection of {idp}: {:?}",
        connections.delete_all(idp).await?
    );
    println!("\nDone.");
    Ok(())
}

fn print_connections(step: &str, idp: &IdpId, list: &[sso_connections::saas::CustomerConnection]) {
    println!("{step}{idp} has {} connection(s):", list.len());
    for connection in list {
        println!(
            "              entity {}, multiplexed {:?}, status {}",
            connection.entity_id.as_deref().unwrap_or("?"),
            connection.multiplexed.unwrap_or_default(),
            connection
                .status
                .as_ref()
                .map(|s| s.as_str())
                .unwrap_or("?"),
        );
    }
}

/// Where the lifecycle runs, and with which identifiers.
struct Target {
    client: SaasClient,
    idp: IdpId,
    application: Uuid,
    certificate: Certificate,
    description: String,
    /// Keeps the in-process simulator alive for the run.
    _simulator: Option<Simulator>,
}

impl Target {
    fn remote(id: String, secret: String) -> Result<Self, BoxError> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let [idp, application, pem_file] = args.as_slice() else {
            return Err("with credentials set, pass <idpId> <saasid> <certificate.pem>".into());
        };
        let base_url = std::env::var("PINGONE_SAAS_BASE_URL")
            .unwrap_or_else(|_| sso_connections::saas::DEFAULT_BASE_URL.to_owned());
        Ok(Self {
            client: SaasClient::builder(id, secret)
                .base_url(&base_url)
                .build()?,
            idp: IdpId::new(idp.as_str())?,
            application: Uuid::parse_str(application)?,
            certificate: Certificate::parse(&std::fs::read_to_string(pem_file)?)?,
            description: base_url,
            _simulator: None,
        })
    }

    async fn simulated() -> Result<Self, BoxError> {
        let simulator = Simulator::start().await?;
        let client = SaasClient::builder(simulator.client_id(), simulator.client_secret())
            .base_url(simulator.saas_base_url())
            .build()?;
        Ok(Self {
            client,
            idp: IdpId::new("acme.example")?,
            application: catalogue::CRM,
            certificate: Certificate::parse(EXAMPLE_CERTIFICATE)?,
            description: format!("in-process simulator at {}", simulator.saas_base_url()),
            _simulator: Some(simulator),
        })
    }
}
