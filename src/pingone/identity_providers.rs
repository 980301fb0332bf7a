//! External identity providers: list, get, create, full-replacement update, get-modify-put,
//! delete.

use uuid::Uuid;

use crate::error::Result;
use crate::generated::pingone::{self as generated, types};
use crate::outcome::Deletion;
use crate::pagination::{follow_pages, ItemStream, Page};
use crate::transport::{expect_no_content, expect_value};

use super::IdentityProvider;

/// The identity providers of one environment.
#[derive(Clone, Copy, Debug)]
pub struct IdentityProviders<'a> {
    api: &'a generated::Client,
    environment: Uuid,
}

impl<'a> IdentityProviders<'a> {
    pub(super) fn new(api: &'a generated::Client, environment: Uuid) -> Self {
        Self { api, environment }
    }

    /// Every identity provider, page by page as the stream is consumed.
    pub fn list(&self) -> ItemStream<'a, IdentityProvider> {
        let (api, environment) = (self.api, self.environment);
        let first = async move {
            let call = api.list_identity_providers().environment_id(environment);
            expect_value(call.send()).await
        };
        follow_pages(api, first, |page: types::IdentityProviderPage| {
            Ok(Page {
                items: page.embedded.identity_providers,
                next: page
                    .links
                    .and_then(|links| links.next)
                    .map(|link| link.href),
            })
        })
    }

    /// One identity provider; [`crate::Error::NotFound`] when it does not exist.
    pub async fn get(&self, id: Uuid) -> Result<IdentityProvider> {
        let call = self
            .api
            .get_identity_provider()
            .environment_id(self.environment)
            .identity_provider_id(id);
        expect_value(call.send()).await
    }

    /// Creates an identity provider; 409 is [`crate::Error::AlreadyExists`].
    pub async fn create(&self, provider: &IdentityProvider) -> Result<IdentityProvider> {
        provider.check_writable()?;
        let call = self
            .api
            .create_identity_provider()
            .environment_id(self.environment)
            .body(provider.without_server_fields());
        expect_value(call.send()).await
    }

    /// Replaces an identity provider (PUT): fields left out are removed on the server.
    pub async fn replace(&self, id: Uuid, provider: &IdentityProvider) -> Result<IdentityProvider> {
        provider.check_writable()?;
        let call = self
            .api
            .update_identity_provider()
            .environment_id(self.environment)
            .identity_provider_id(id)
            .body(provider.without_server_fields());
        expect_value(call.send()).await
    }

    /// Reads the provider, lets `change` edit it, and writes it back whole.
    pub async fn modify(
        &self,
        id: Uuid,
        change: impl FnOnce(&mut IdentityProvider),
    ) -> Result<IdentityProvider> {
        let mut provider = self.get(id).await?;
        change(&mut provider);
        self.replace(id, &provider)
            .await
            .map_err(|e| e.with_input_hint(super::model::WRITE_BACK_HINT))
    }

    /// Deletes an identity provider (204); a missing one is [`Deletion::NotFound`].
    pub async fn delete(&self, id: Uuid) -> Result<Deletion> {
        let call = self
            .api
            .delete_identity_provider()
            .environment_id(self.environment)
            .identity_provider_id(id);
        Deletion::from_result(expect_no_content(call.send()).await)
    }
}
