//! The SAML attribute mappings of one application.

use crate::generated::pingone::types;

use super::crud::resource_handler;
use super::AttributeMapping;

resource_handler! {
    /// The SAML attribute mappings of one application: which attributes its assertions carry.
    ///
    /// ```no_run
    /// use sso_connections::pingone::{AttributeMapping, PingOneClient};
    /// # async fn run(env: sso_connections::Uuid, app: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let mappings = client.environment(env).application(app).attributes();
    /// mappings.create(&AttributeMapping::new("email", "${user.email}")?).await?;
    /// # Ok(()) }
    /// ```
    pub struct AttributeMappingsHandler in application {
        item: types::ApplicationAttributeMapping, input: AttributeMapping,
        page: types::ApplicationAttributeMappingPage, embedded: attributes,
        list: list_application_attribute_mappings, create: create_application_attribute_mapping,
        get: get_application_attribute_mapping, replace: update_application_attribute_mapping,
        delete: delete_application_attribute_mapping,
    }
}
