//! External identity providers of an environment: list, get, create, full-replacement
//! update, get-modify-put, delete.

use crate::error::Result;
use crate::generated::pingone::types;

use super::crud::{resource_handler, Input};
use super::models::Writable;
use super::IdentityProvider;

resource_handler! {
    /// The external identity providers of one environment.
    ///
    /// ```no_run
    /// use futures::TryStreamExt as _;
    /// use sso_connections::pingone::PingOneClient;
    /// # async fn run(env: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let providers: Vec<_> = client.environment(env).identity_providers().list().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub struct IdentityProvidersHandler in environment {
        item: IdentityProvider, input: IdentityProvider, page: types::IdentityProviderPage,
        embedded: identity_providers, list: list_identity_providers,
        create: create_identity_provider, get: get_identity_provider,
        replace: update_identity_provider, delete: delete_identity_provider,
        modify: modify,
    }
}

impl Input for IdentityProvider {
    type Body = IdentityProvider;
    fn to_body(&self) -> Result<IdentityProvider> {
        self.checked_body()
    }
}
