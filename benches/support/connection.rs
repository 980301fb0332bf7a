//! The connection the benchmarks create: one application, the example certificate.

use sso_connections::saas::{ApplicationIds, NewConnection, SharedSettings};
use sso_connections::values::Certificate;
use sso_connections_simulator::catalogue::CRM;

/// A connection of the CRM application with the vendor document's example certificate.
pub fn new_connection() -> NewConnection {
    let settings = SharedSettings::builder()
        .email("admin@acme.example")
        .entity_id("https://idp.acme.example")
        .sso_endpoint("https://idp.acme.example/sso")
        .signing_certificate(
            Certificate::parse(include_str!("../../tests/fixtures/example-idp-cert.pem")).unwrap(),
        )
        .build()
        .unwrap();
    NewConnection::for_applications(settings, ApplicationIds::new([CRM]).unwrap()).unwrap()
}
