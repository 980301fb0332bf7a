//! The API clients a plan reads with and an apply writes with.

use std::collections::BTreeMap;

use crate::auth0::Auth0Client;
use crate::pingone::PingOneClient;
use crate::saas::SaasClient;

use super::DesiredError;

/// One client per API the document uses; Auth0 clients by tenant name, as the document's
/// `[auth0.<tenant>]` sections name them. Rate and concurrency limits are the clients' own
/// (`max_requests_per_second`, `max_concurrent_requests` on their builders).
///
/// ```
/// use sso_connections::desired::Clients;
/// use sso_connections::saas::SaasClient;
/// let saas = SaasClient::builder("id", "secret").build()?;
/// let clients = Clients::new().saas(&saas);
/// # let _ = clients;
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Clients<'a> {
    pub(crate) saas: Option<&'a SaasClient>,
    pub(crate) pingone: Option<&'a PingOneClient>,
    pub(crate) auth0: BTreeMap<String, &'a Auth0Client>,
}

impl<'a> Clients<'a> {
    /// No clients yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Customer Connection API client.
    pub fn saas(mut self, client: &'a SaasClient) -> Self {
        self.saas = Some(client);
        self
    }

    /// The PingOne Platform client (one client serves every environment it may access).
    pub fn pingone(mut self, client: &'a PingOneClient) -> Self {
        self.pingone = Some(client);
        self
    }

    /// The Auth0 client of the tenant the document calls `tenant`.
    pub fn auth0(mut self, tenant: impl Into<String>, client: &'a Auth0Client) -> Self {
        self.auth0.insert(tenant.into(), client);
        self
    }
    pub(crate) fn saas_client(&self) -> Result<&'a SaasClient, DesiredError> {
        self.saas.ok_or_else(|| DesiredError::MissingClient {
            what: "SaaS connections".into(),
        })
    }
    pub(crate) fn pingone_client(&self) -> Result<&'a PingOneClient, DesiredError> {
        self.pingone.ok_or_else(|| DesiredError::MissingClient {
            what: "PingOne identity providers".into(),
        })
    }
    pub(crate) fn auth0_client(&self, tenant: &str) -> Result<&'a Auth0Client, DesiredError> {
        self.auth0
            .get(tenant)
            .copied()
            .ok_or_else(|| DesiredError::MissingClient {
                what: format!("Auth0 tenant \"{tenant}\""),
            })
    }
}
