//! The resources of one PingOne environment.

use uuid::Uuid;

use crate::generated::pingone as generated;

use super::{ApplicationResources, Applications, IdentityProviders};

/// One environment: its applications and identity providers.
///
/// ```no_run
/// use futures::TryStreamExt as _;
/// use sso_connections::pingone::PingOneClient;
/// use sso_connections::Uuid;
///
/// # async fn run(env: Uuid) -> sso_connections::Result<()> {
/// let client = PingOneClient::bearer("token").build()?;
/// let names: Vec<String> = client
///     .environment(env)
///     .applications()
///     .list()
///     .map_ok(|app| app.name().to_owned())
///     .try_collect()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Environment<'a> {
    api: &'a generated::Client,
    id: Uuid,
}

impl<'a> Environment<'a> {
    pub(super) fn new(api: &'a generated::Client, id: Uuid) -> Self {
        Self { api, id }
    }

    /// The environment id.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// Its applications.
    pub fn applications(&self) -> Applications<'a> {
        Applications::new(self.api, self.id)
    }

    /// The secret, SAML attribute mappings, resource grants and sign-on policy assignments of
    /// one application.
    pub fn application(&self, application_id: Uuid) -> ApplicationResources<'a> {
        ApplicationResources::new(self.api, self.id, application_id)
    }

    /// Its external identity providers.
    pub fn identity_providers(&self) -> IdentityProviders<'a> {
        IdentityProviders::new(self.api, self.id)
    }
}
