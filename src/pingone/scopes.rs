//! Where a handler acts: one environment, or one application in it.

use uuid::Uuid;

use crate::generated::pingone as generated;

use super::{
    ApplicationSecretHandler, ApplicationsHandler, AttributeMappingsHandler, CertificatesHandler,
    IdentityProvidersHandler, KeysHandler, ResourceGrantsHandler, SignOnPolicyAssignmentsHandler,
};

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
pub struct EnvironmentScope<'a> {
    api: &'a generated::Client,
    id: Uuid,
}

impl<'a> EnvironmentScope<'a> {
    pub(super) fn new(api: &'a generated::Client, id: Uuid) -> Self {
        Self { api, id }
    }

    /// The environment id.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// Its applications.
    pub fn applications(&self) -> ApplicationsHandler<'a> {
        ApplicationsHandler::new(self.api, self.id)
    }

    /// The secret, SAML attribute mappings, resource grants and sign-on policy assignments of
    /// one application.
    pub fn application(&self, application_id: Uuid) -> ApplicationScope<'a> {
        ApplicationScope {
            api: self.api,
            environment: self.id,
            application: application_id,
        }
    }

    /// Its external identity providers.
    pub fn identity_providers(&self) -> IdentityProvidersHandler<'a> {
        IdentityProvidersHandler::new(self.api, self.id)
    }

    /// Its certificates (list, get, import, delete).
    pub fn certificates(&self) -> CertificatesHandler<'a> {
        CertificatesHandler::new(self.api, self.id)
    }

    /// Its keys (list, get).
    pub fn keys(&self) -> KeysHandler<'a> {
        KeysHandler::new(self.api, self.id)
    }
}

/// The parts of one application that are resources of their own.
///
/// ```no_run
/// use futures::TryStreamExt as _;
/// use sso_connections::pingone::PingOneClient;
/// # async fn run(env: sso_connections::Uuid, app: sso_connections::Uuid) -> sso_connections::Result<()> {
/// let client = PingOneClient::bearer("token").build()?;
/// let grants: Vec<_> = client.environment(env).application(app).grants().list().try_collect().await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ApplicationScope<'a> {
    api: &'a generated::Client,
    environment: Uuid,
    application: Uuid,
}

impl<'a> ApplicationScope<'a> {
    /// Its client secret (OIDC applications).
    pub fn secret(&self) -> ApplicationSecretHandler<'a> {
        ApplicationSecretHandler::new(self.api, self.environment, self.application)
    }

    /// Its SAML attribute mappings.
    pub fn attributes(&self) -> AttributeMappingsHandler<'a> {
        AttributeMappingsHandler::new(self.api, self.environment, self.application)
    }

    /// Its resource grants.
    pub fn grants(&self) -> ResourceGrantsHandler<'a> {
        ResourceGrantsHandler::new(self.api, self.environment, self.application)
    }

    /// Its sign-on policy assignments.
    pub fn sign_on_policy_assignments(&self) -> SignOnPolicyAssignmentsHandler<'a> {
        SignOnPolicyAssignmentsHandler::new(self.api, self.environment, self.application)
    }
}
