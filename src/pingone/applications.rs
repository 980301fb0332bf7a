//! Applications of an environment: list (all, or by filter), get, create, full-replacement
//! update, get-modify-put, delete.

use crate::error::Result;
use crate::generated::pingone::types;
use crate::pagination::{follow_pages, ItemStream};
use crate::transport::body_of;

use super::crud::{resource_handler, Input};
use super::models::Writable;
use super::Application;

resource_handler! {
    /// The applications of one environment.
    ///
    /// ```no_run
    /// use sso_connections::pingone::{Application, PingOneClient};
    /// # async fn run(env: sso_connections::Uuid, id: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// client.environment(env).applications().modify(id, |app| {
    ///     if let Application::Saml(saml) = app {
    ///         saml.description = Some("payroll SSO".into());
    ///     }
    /// }).await?;
    /// # Ok(()) }
    /// ```
    pub struct ApplicationsHandler in environment {
        item: Application, input: Application, page: types::ApplicationPage,
        embedded: applications, list: list_applications(None), create: create_application,
        get: get_application, replace: update_application, delete: delete_application,
        modify: modify,
    }
}

impl<'a> ApplicationsHandler<'a> {
    /// The applications matching a PingOne filter expression (e.g. `enabled eq true`).
    pub fn list_where(&self, filter: impl Into<String>) -> ItemStream<'a, Application> {
        let (api, environment, filter) = (self.api, self.environment, filter.into());
        let first =
            async move { body_of(api.list_applications(&environment, Some(&filter))).await };
        follow_pages(api, first, Self::page)
    }
}

impl Input for Application {
    type Body = Application;
    fn to_body(&self) -> Result<Application> {
        self.checked_body()
    }
}
