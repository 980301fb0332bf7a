//! TLS for every HTTP client of the crate: rustls, certificate verification always on, with
//! the platform's verifier (the operating system's trust store, as reqwest's own `rustls`
//! feature uses) and an explicitly chosen crypto provider, so an application never has to
//! install a process-wide default: `ring` unless the `tls-aws-lc` feature asks for AWS-LC.

use std::sync::Arc;

use rustls::crypto::CryptoProvider;

use crate::error::{Error, Result};

/// The crypto provider this build uses.
fn provider() -> Arc<CryptoProvider> {
    #[cfg(feature = "tls-aws-lc")]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "tls-aws-lc"))]
    let provider = rustls::crypto::ring::default_provider();
    Arc::new(provider)
}

/// A client configuration: TLS 1.2 and 1.3, the platform verifier, HTTP/1.1 over ALPN (the
/// crate's reqwest speaks HTTP/1.1 only).
pub(crate) fn client_config() -> Result<rustls::ClientConfig> {
    let provider = provider();
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|e| Error::invalid("tls", format!("cannot load the platform verifier: {e}")))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::invalid("tls", format!("no usable TLS version: {e}")))?
        .dangerous() // only to plug in the platform verifier; verification stays on
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_provider_is_used_without_a_process_default() {
        assert!(CryptoProvider::get_default().is_none());
        let config = client_config().unwrap();
        assert_eq!(config.alpn_protocols, [b"http/1.1".to_vec()]);
        assert!(config.enable_sni);
        assert!(
            CryptoProvider::get_default().is_none(),
            "nothing was installed"
        );
        #[cfg(feature = "tls-aws-lc")]
        let expected = rustls::crypto::aws_lc_rs::default_provider();
        #[cfg(not(feature = "tls-aws-lc"))]
        let expected = rustls::crypto::ring::default_provider();
        let suites =
            |p: &CryptoProvider| -> Vec<_> { p.cipher_suites.iter().map(|s| s.suite()).collect() };
        assert_eq!(suites(config.crypto_provider()), suites(&expected));
        let groups =
            |p: &CryptoProvider| -> Vec<_> { p.kx_groups.iter().map(|g| g.name()).collect() };
        assert_eq!(groups(config.crypto_provider()), groups(&expected));
    }
}
