//! What the Customer Connection API shows of one `idpId`, and which declared application
//! each connection belongs to.

use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::saas::{ConnectionStatus, CustomerConnection, IdpId, SaasClient};
use crate::values::Certificate;

use super::super::plan::digest_of_items;
use super::DeclaredApp;

/// Every connection of an `idpId`, as read unscoped.
pub(crate) struct Live {
    items: Vec<LiveItem>,
}

/// One connection, reduced to what a plan compares.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LiveItem {
    pub(crate) email: Option<String>,
    pub(crate) entity_id: Option<String>,
    pub(crate) sso_endpoint: Option<String>,
    /// SHA-256 of the certificate, or `undecodable`.
    pub(crate) certificate: Option<String>,
    /// The certificate, when it decodes.
    #[serde(skip)]
    pub(crate) decoded: Option<Certificate>,
    pub(crate) slo_endpoint: Option<String>,
    pub(crate) slo_response_endpoint: Option<String>,
    pub(crate) slo_binding: Option<String>,
    pub(crate) sign_authn_request: Option<bool>,
    pub(crate) signing_algorithm: Option<String>,
    pub(crate) multiplexed: Option<bool>,
    pub(crate) status: Option<String>,
}

impl From<CustomerConnection> for LiveItem {
    fn from(c: CustomerConnection) -> Self {
        let decoded = c
            .signing_certificate
            .as_ref()
            .and_then(|encoded| encoded.decode().ok());
        let certificate = match (&c.signing_certificate, &decoded) {
            (None, _) => None,
            (Some(_), Some(decoded)) => Some(decoded.info().sha256.clone()),
            (Some(_), None) => Some("undecodable".to_owned()),
        };
        Self {
            email: c.email,
            entity_id: c.entity_id,
            sso_endpoint: c.sso_endpoint,
            certificate,
            decoded,
            slo_endpoint: c.slo_endpoint.filter(|v| !v.is_empty()),
            slo_response_endpoint: c.slo_response_endpoint.filter(|v| !v.is_empty()),
            slo_binding: c.slo_binding.map(|v| v.as_str().to_owned()),
            sign_authn_request: c.sign_authn_request,
            signing_algorithm: c.signing_algorithm.map(|v| v.as_str().to_owned()),
            multiplexed: c.multiplexed,
            status: c.status.map(|v| v.as_str().to_owned()),
        }
    }
}

impl LiveItem {
    /// Whether single sign-on through it is on: `None` for a state enabling cannot change
    /// (`Account Suspended`) or one this library does not know.
    pub(crate) fn enabled(&self) -> Option<bool> {
        match self.status.as_deref().map(ConnectionStatus::from) {
            Some(ConnectionStatus::Active | ConnectionStatus::Complete) => Some(true),
            Some(ConnectionStatus::Disabled | ConnectionStatus::DisabledByCustomer) => Some(false),
            _ => None,
        }
    }
}

/// Which connection, if any, a declared application has.
#[derive(Clone, Debug)]
pub(crate) enum Attribution {
    /// Proven to be the application's (the `idpId` has other connections).
    Found(LiveItem),
    /// The application has no connection.
    NotConnected,
    /// The `idpId`'s only connection, assumed to be the only declared application's.
    Assumed(LiveItem),
    /// The `idpId`'s one connection may or may not be this application's.
    Unknown,
}

/// Each declared application with its attribution, in document order.
pub(crate) struct Attributed(pub(crate) Vec<(DeclaredApp, Attribution)>);

impl Attributed {
    /// Connections attributed to declared applications.
    pub(crate) fn found(&self) -> usize {
        self.0
            .iter()
            .filter(|(_, a)| matches!(a, Attribution::Found(_) | Attribution::Assumed(_)))
            .count()
    }

    /// Whether every declared application's state is known (or assumed).
    pub(crate) fn settled(&self) -> bool {
        !self
            .0
            .iter()
            .any(|(_, a)| matches!(a, Attribution::Unknown))
    }
}

impl Live {
    /// The connections of `idp`, or `None` when it has none (404).
    pub(crate) async fn read(client: &SaasClient, idp: &IdpId) -> Result<Option<Self>> {
        match client.connections().get(idp).await {
            Ok(list) if list.is_empty() => Ok(None),
            Ok(list) => Ok(Some(Self {
                items: list.into_iter().map(LiveItem::from).collect(),
            })),
            Err(Error::NotFound(_)) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// How many connections the `idpId` has.
    pub(crate) fn count(&self) -> usize {
        self.items.len()
    }

    /// The shared settings, as the first connection shows them.
    pub(crate) fn shared(&self) -> &LiveItem {
        &self.items[0]
    }

    /// The digest of what was read (see [`ResourcePlan::observed`](crate::desired::ResourcePlan)).
    pub(crate) fn digest(&self) -> String {
        digest_of_items(&self.items)
    }

    /// Which connection each declared application has: one scoped read per application when
    /// the `idpId` has two connections or more; none when it has one (see the module
    /// documentation for why).
    pub(crate) async fn attribute(
        &self,
        client: &SaasClient,
        idp: &IdpId,
        declared: &[DeclaredApp],
    ) -> Result<Attributed> {
        let mut attributed = Vec::with_capacity(declared.len());
        for app in declared {
            let attribution = match (self.count(), declared.len()) {
                (1, 1) => Attribution::Assumed(self.items[0].clone()),
                (1, _) => Attribution::Unknown,
                (total, _) => self.scoped(client, idp, app.id, total).await?,
            };
            attributed.push((*app, attribution));
        }
        Ok(Attributed(attributed))
    }

    /// Applications named in the document's catalogue, not declared for this `idpId`, that
    /// have a connection to it (looked for only when pruning).
    pub(crate) async fn find_undeclared(
        &self,
        client: &SaasClient,
        idp: &IdpId,
        catalogue: &[(String, Uuid)],
        declared: &[DeclaredApp],
        prune: bool,
    ) -> Result<Vec<(String, Uuid)>> {
        let mut found = Vec::new();
        if !prune || self.count() < 2 {
            return Ok(found);
        }
        for (name, id) in catalogue {
            if declared.iter().any(|app| app.id == *id) {
                continue;
            }
            if let Attribution::Found(_) = self.scoped(client, idp, *id, self.count()).await? {
                found.push((name.clone(), *id));
            }
        }
        Ok(found)
    }

    async fn scoped(
        &self,
        client: &SaasClient,
        idp: &IdpId,
        application: Uuid,
        total: usize,
    ) -> Result<Attribution> {
        let mut items = match client.connections().read_scoped(idp, application).await {
            Err(Error::NotFound(_)) => return Ok(Attribution::NotConnected),
            other => other?,
        };
        Ok(match items.len() {
            1 => Attribution::Found(LiveItem::from(items.remove(0))),
            n if n == total => Attribution::NotConnected,
            _ => Attribution::Unknown,
        })
    }
}
