//! An environment's certificates (list, get, import, delete) and keys (list, get).
//!
//! Importing is a `multipart/form-data` upload, which the generated client cannot send
//! (`build.rs` leaves that operation out of it): the request is built here and sent through
//! the client's transport, like every generated call.

use crate::error::Result;
use crate::generated::pingone::types;
use crate::transport::send_for_json;

use super::crud::resource_handler;
use super::CertificateImport;

resource_handler! {
    /// The certificates of one environment (public certificates it trusts, such as those that
    /// verify external identity providers).
    ///
    /// ```no_run
    /// use futures::TryStreamExt as _;
    /// use sso_connections::pingone::{CertificateImport, CertificateUsageType, PingOneClient};
    /// use sso_connections::values::Certificate;
    /// # async fn run(env: sso_connections::Uuid, pem: &str) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let certificates = client.environment(env).certificates();
    /// let import = CertificateImport::new(Certificate::parse(pem)?, CertificateUsageType::Signing);
    /// let stored = certificates.import(&import).await?;
    /// let all: Vec<_> = certificates.list().try_collect().await?;
    /// assert!(all.iter().any(|c| c.id == stored.id));
    /// # Ok(()) }
    /// ```
    pub struct CertificatesHandler in environment, read and delete {
        item: types::Certificate, page: types::CertificatePage, embedded: certificates,
        list: list_certificates, get: get_certificate, delete: delete_certificate,
        id: certificate_id,
    }
}

impl CertificatesHandler<'_> {
    /// Uploads the certificate (as PEM, with its usage type) and returns it as PingOne decoded
    /// it (the API answers 202). A usage type that cannot be one is refused before anything is
    /// sent. The body is built once, as bytes, so a retry sends the same upload again.
    pub async fn import(&self, import: &CertificateImport) -> Result<types::Certificate> {
        use progenitor_client::ClientInfo as _;
        let (content_type, body) = import.to_form().await?;
        let url = format!(
            "{}/environments/{}/certificates",
            self.api.baseurl(),
            self.environment
        );
        let request = self
            .api
            .client()
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .build()
            .map_err(|e| crate::Error::Transport(e.into()))?;
        send_for_json(self.api, request, "import_certificate").await
    }
}

resource_handler! {
    /// The key pairs of one environment (described by their certificates; private keys never
    /// leave PingOne). Applications sign with them (`idpSigning.key`).
    ///
    /// ```no_run
    /// use futures::TryStreamExt as _;
    /// use sso_connections::pingone::PingOneClient;
    /// # async fn run(env: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let keys: Vec<_> = client.environment(env).keys().list().try_collect().await?;
    /// for key in &keys {
    ///     println!("{} expires {:?}", key.id, key.expires_at);
    /// }
    /// # Ok(()) }
    /// ```
    pub struct KeysHandler in environment, read only {
        item: types::Key, page: types::KeyPage, embedded: keys,
        list: list_keys, get: get_key, id: key_id,
    }
}
