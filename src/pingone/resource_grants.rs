//! The resource grants of one application.

use crate::generated::pingone::types;

use super::crud::resource_handler;
use super::ResourceGrant;

resource_handler! {
    /// The resource grants of one application: the scopes of protected resources it may ask for.
    ///
    /// ```no_run
    /// use sso_connections::pingone::{PingOneClient, ResourceGrant};
    /// # async fn run(env: sso_connections::Uuid, app: sso_connections::Uuid, api: sso_connections::Uuid, scope: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let grants = client.environment(env).application(app).grants();
    /// grants.create(&ResourceGrant::new(api, [scope])?).await?;
    /// # Ok(()) }
    /// ```
    pub struct ResourceGrantsHandler in application {
        item: types::ApplicationResourceGrant, input: ResourceGrant,
        page: types::ApplicationResourceGrantPage, embedded: grants,
        list: list_application_grants, create: create_application_grant,
        get: get_application_grant, replace: update_application_grant,
        delete: delete_application_grant,
    }
}
