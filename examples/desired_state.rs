//! `cargo run --example desired_state [-- customers.toml]`
//!
//! Plans `examples/customers.toml` (or the document given) against the bundled simulator,
//! applies the plan, and plans again to show that nothing is left. The simulator starts with
//! one customer the document marks absent (`initech.example`), so the plan also deletes.

use std::error::Error;

use sso_connections::auth0::Auth0Client;
use sso_connections::desired::{self, ApplyOptions, Clients, Document, PlanOptions};
use sso_connections::pingone::PingOneClient;
use sso_connections::saas::{ApplicationIds, IdpId, NewConnection, SaasClient, SharedSettings};
use sso_connections::values::Certificate;
use sso_connections::Uuid;
use sso_connections_simulator::catalogue::CRM;
use sso_connections_simulator::Simulator;

/// The environment of the example document.
const ENVIRONMENT: Uuid = Uuid::from_u128(0x4f0c6a2e_1b7d_4c3a_9e58_2d6b0f1a7c93);

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/customers.toml").into());
    let document = Document::load(&path)?;

    let simulator = Simulator::start().await?;
    let saas = SaasClient::builder(simulator.client_id(), simulator.client_secret())
        .base_url(simulator.saas_base_url())
        .max_requests_per_second(50.0)
        .build()?;
    let pingone = PingOneClient::worker(
        ENVIRONMENT,
        simulator.worker_client_id(),
        simulator.worker_client_secret().to_owned(),
    )
    .base_url(simulator.pingone_base_url())
    .token_url(simulator.pingone_token_url(ENVIRONMENT))
    .build()?;
    let auth0 = Auth0Client::client_credentials(
        "main.auth0.example",
        simulator.auth0_client_id(),
        simulator.auth0_client_secret().to_owned(),
    )
    .base_url(simulator.auth0_base_url())
    .token_url(simulator.auth0_token_url())
    .build()?;
    let clients = Clients::new()
        .saas(&saas)
        .pingone(&pingone)
        .auth0("main", &auth0);
    a_customer_who_left(&saas).await?;

    let plan = desired::plan(&document, &clients, &PlanOptions::new()).await?;
    println!("$ plan\n{plan}");
    let report = desired::apply(&plan, &clients, &ApplyOptions::new()).await?;
    println!("$ apply\n{report}");
    let again = desired::plan(&document, &clients, &PlanOptions::new()).await?;
    println!("$ plan\n{again}");
    if !report.all_succeeded() || !again.is_empty() {
        return Err("the plan did not converge".into());
    }
    Ok(())
}

/// `initech.example`, connected before the document marked it absent.
async fn a_customer_who_left(saas: &SaasClient) -> Result<(), Box<dyn Error>> {
    let pem = include_str!("customers/acme-signing.pem");
    let settings = SharedSettings::builder()
        .email("it@initech.example")
        .entity_id("https://idp.initech.example")
        .sso_endpoint("https://idp.initech.example/sso")
        .signing_certificate(Certificate::parse(pem)?)
        .build()?;
    let request = NewConnection::for_applications(settings, ApplicationIds::new([CRM])?)?;
    saas.connections()
        .create(&IdpId::new("initech.example")?, &request)
        .await?;
    Ok(())
}
