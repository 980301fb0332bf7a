//! TLS: certificate verification is always on. A server whose certificate no trusted
//! authority issued is refused during the handshake, before any request (or credential) is
//! sent, whichever crypto provider the build uses.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::Arc;

use sso_connections::saas::{IdpId, SaasClient};
use sso_connections::{Error, RetryPolicy};

/// A TLS server on loopback with a self-signed certificate for `localhost`. It records
/// whether any application data (an HTTP request) arrived after a handshake.
fn self_signed_server() -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let key =
        rustls::pki_types::PrivateKeyDer::try_from(certified.signing_key.serialize_der()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![certified.cert.der().clone()], key)
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut connection = rustls::ServerConnection::new(Arc::new(config)).unwrap();
        let mut stream = rustls::Stream::new(&mut connection, &mut socket);
        let mut received = Vec::new();
        let _ = stream.read_to_end(&mut received);
        let _ = stream.flush();
        received
    });
    (port, server)
}

#[tokio::test]
async fn a_server_certificate_no_trusted_authority_issued_is_refused() {
    let (port, server) = self_signed_server();
    let client = SaasClient::builder("client-id", "client-secret")
        .base_url(format!("https://localhost:{port}"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = client
        .connections()
        .get(&IdpId::new("acme").unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    // The reason names the innermost cause, not only "error sending request".
    let message = err.to_string().to_lowercase();
    assert!(message.contains("certificate"), "{message}");
    assert!(
        server.join().unwrap().is_empty(),
        "no request reached the server"
    );
}
