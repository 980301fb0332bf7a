//! One method per Customer Connection API operation, plus `apply`.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::saas as generated;
use crate::transport::{body_of, changed_by};

use super::{
    ApplicationConnection, Applied, ConnectionScope, ConnectionUpdate, CustomerConnection,
    Deletion, IdpId, NewConnection, StateChange,
};

/// The customer connections of one account, addressed by `idpId`.
///
/// Obtained from [`SaasClient::connections`](super::SaasClient::connections).
///
/// ```no_run
/// use sso_connections::saas::{ConnectionScope, IdpId, SaasClient, StateChange};
///
/// # async fn run() -> sso_connections::Result<()> {
/// let client = SaasClient::builder("client-id", "client-secret").build()?;
/// let idp = IdpId::new("acme.example")?;
/// for connection in client.connections().get(&idp).await? {
///     println!("{:?} {:?}", connection.entity_id, connection.status);
/// }
/// if client.connections().disable(&idp, ConnectionScope::AllApplications).await?
///     == StateChange::Unchanged
/// {
///     println!("already disabled");
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ConnectionsHandler<'a> {
    api: &'a generated::Client,
}

impl<'a> ConnectionsHandler<'a> {
    pub(super) fn new(api: &'a generated::Client) -> Self {
        Self { api }
    }

    /// Creates the connections (`PUT spManaged/{idpId}`).
    ///
    /// Fails with [`Error::AlreadyExists`] (409) when a connection exists already; see
    /// [`apply`](Self::apply) to create or update.
    pub async fn create(&self, idp: &IdpId, request: &NewConnection) -> Result<()> {
        let body = request.to_body()?;
        let id = wire(idp)?;
        let call = self.api.create_customer_connection(&id, &body);
        changed_by(call).await.map(drop)
    }

    /// Creates the connections, or, when they exist already (409), updates them with the same
    /// settings. Applications that were not yet connected are not added by the update.
    pub async fn apply(&self, idp: &IdpId, request: &NewConnection) -> Result<Applied> {
        match self.create(idp, request).await {
            Ok(()) => Ok(Applied::Created),
            Err(Error::AlreadyExists(_)) => {
                self.update(idp, &request.as_update()).await?;
                Ok(Applied::Updated)
            }
            Err(error) => Err(error),
        }
    }

    /// Reads every connection of the `idpId` (`GET spManaged/{idpId}`).
    ///
    /// An `idpId` without connections is [`Error::NotFound`].
    pub async fn get(&self, idp: &IdpId) -> Result<Vec<CustomerConnection>> {
        self.read(idp, None).await
    }

    /// Reads one application's connection for the `idpId`, without ever mistaking the server's
    /// fallback answer (all connections of the `idpId`) for it. See [`ApplicationConnection`].
    pub async fn get_for_application(
        &self,
        idp: &IdpId,
        application: Uuid,
    ) -> Result<ApplicationConnection> {
        let mut scoped = match self.read(idp, Some(application)).await {
            Err(Error::NotFound(_)) => return Ok(ApplicationConnection::NotConnected),
            other => other?,
        };
        if scoped.len() != 1 {
            // A matching saasid yields exactly one item; anything else is the fallback.
            return Ok(ApplicationConnection::NotConnected);
        }
        let connection = scoped.remove(0);
        let total = match self.read(idp, None).await {
            Err(Error::NotFound(_)) => return Ok(ApplicationConnection::NotConnected),
            other => other?.len(),
        };
        Ok(if total > 1 {
            ApplicationConnection::Found(connection)
        } else {
            ApplicationConnection::Unconfirmed(connection)
        })
    }

    /// Changes existing connections (`POST spManaged/{idpId}`): only what `update` sets is
    /// sent, and the `idpId` is never part of the body. An update that sets nothing is refused.
    pub async fn update(&self, idp: &IdpId, update: &ConnectionUpdate) -> Result<()> {
        let body = update.to_body()?;
        let id = wire(idp)?;
        let call = self.api.update_customer_connection(&id, &body);
        changed_by(call).await.map(drop)
    }

    /// Enables single sign-on through the connections in scope
    /// (`POST spManaged/enable/{idpId}`); 304 is [`StateChange::Unchanged`].
    pub async fn enable(&self, idp: &IdpId, scope: ConnectionScope) -> Result<StateChange> {
        let application = scope.application();
        let id = wire(idp)?;
        let call = self
            .api
            .enable_customer_connection(&id, application.as_ref());
        state_change(changed_by(call).await)
    }

    /// Disables single sign-on through the connections in scope
    /// (`POST spManaged/disable/{idpId}`); 304 is [`StateChange::Unchanged`].
    pub async fn disable(&self, idp: &IdpId, scope: ConnectionScope) -> Result<StateChange> {
        let application = scope.application();
        let id = wire(idp)?;
        let call = self
            .api
            .disable_customer_connection(&id, application.as_ref());
        state_change(changed_by(call).await)
    }

    /// Removes one application's connection (`DELETE spManaged/{idpId}?application=…`).
    pub async fn delete_for_application(&self, idp: &IdpId, application: Uuid) -> Result<Deletion> {
        self.delete(idp, Some(application)).await
    }

    /// Removes every connection of the `idpId` (`DELETE spManaged/{idpId}`).
    pub async fn delete_all(&self, idp: &IdpId) -> Result<Deletion> {
        self.delete(idp, None).await
    }

    /// The raw answer to a read scoped to `application`: that application's connection, or
    /// (when it has none) every connection of the `idpId`. For callers that tell the two
    /// apart themselves, knowing how many connections the `idpId` has.
    pub(crate) async fn read_scoped(
        &self,
        idp: &IdpId,
        application: Uuid,
    ) -> Result<Vec<CustomerConnection>> {
        self.read(idp, Some(application)).await
    }

    async fn read(
        &self,
        idp: &IdpId,
        application: Option<Uuid>,
    ) -> Result<Vec<CustomerConnection>> {
        let id = wire(idp)?;
        let call = self.api.get_customer_connections(&id, application.as_ref());
        let list = body_of(call).await?;
        Ok(list.0.into_iter().map(CustomerConnection::from).collect())
    }

    async fn delete(&self, idp: &IdpId, application: Option<Uuid>) -> Result<Deletion> {
        let id = wire(idp)?;
        let call = self
            .api
            .delete_customer_connections(&id, application.as_ref());
        Deletion::from_result(changed_by(call).await)
    }
}

/// The `idpId` as the generated client's parameter type for one operation (each operation has
/// its own). `IdpId` already holds every rule of that type, so this fails only if the spec
/// gained a rule the facade does not check yet.
fn wire<'a, T>(idp: &'a IdpId) -> Result<T>
where
    T: TryFrom<&'a str>,
    T::Error: std::fmt::Display,
{
    T::try_from(idp.as_str()).map_err(|e| Error::invalid("idpId", e.to_string()))
}

fn state_change(changed: Result<bool>) -> Result<StateChange> {
    changed.map(|changed| {
        if changed {
            StateChange::Changed
        } else {
            StateChange::Unchanged
        }
    })
}
