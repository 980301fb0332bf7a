//! Applications: list, get, create, full-replacement update, get-modify-put, delete.

use uuid::Uuid;

use crate::error::Result;
use crate::generated::pingone::{self as generated, types};
use crate::pagination::{follow_pages, ItemStream, Page};
use crate::transport::{expect_no_content, expect_value};

use super::Application;
use crate::outcome::Deletion;

/// The applications of one environment.
#[derive(Clone, Copy, Debug)]
pub struct Applications<'a> {
    api: &'a generated::Client,
    environment: Uuid,
}

impl<'a> Applications<'a> {
    pub(super) fn new(api: &'a generated::Client, environment: Uuid) -> Self {
        Self { api, environment }
    }

    /// Every application, page by page as the stream is consumed (constant memory).
    pub fn list(&self) -> ItemStream<'a, Application> {
        self.list_filtered(None)
    }

    /// The applications matching a PingOne filter expression (e.g. `enabled eq true`).
    pub fn list_where(&self, filter: impl Into<String>) -> ItemStream<'a, Application> {
        self.list_filtered(Some(filter.into()))
    }

    fn list_filtered(&self, filter: Option<String>) -> ItemStream<'a, Application> {
        let (api, environment) = (self.api, self.environment);
        let first = async move {
            let mut call = api.list_applications().environment_id(environment);
            if let Some(filter) = filter {
                call = call.filter(filter);
            }
            expect_value(call.send()).await
        };
        follow_pages(api, first, application_page)
    }

    /// One application; [`Error::NotFound`](crate::Error::NotFound) when it does not exist.
    pub async fn get(&self, application_id: Uuid) -> Result<Application> {
        let call = self
            .api
            .get_application()
            .environment_id(self.environment)
            .application_id(application_id);
        expect_value(call.send()).await
    }

    /// Creates an application (build one with [`OidcApplication`](super::OidcApplication) or
    /// [`SamlApplication`](super::SamlApplication)); 409 is [`Error::AlreadyExists`](crate::Error::AlreadyExists).
    pub async fn create(&self, application: &Application) -> Result<Application> {
        application.check_writable()?;
        let call = self
            .api
            .create_application()
            .environment_id(self.environment)
            .body(application.without_server_fields());
        expect_value(call.send()).await
    }

    /// Replaces an application with `application` (PUT): every field left out is removed on
    /// the server. Prefer [`modify`](Self::modify), which starts from the current state.
    pub async fn replace(
        &self,
        application_id: Uuid,
        application: &Application,
    ) -> Result<Application> {
        application.check_writable()?;
        let call = self
            .api
            .update_application()
            .environment_id(self.environment)
            .application_id(application_id)
            .body(application.without_server_fields());
        expect_value(call.send()).await
    }

    /// Reads the application, lets `change` edit it, and writes the result back, so the
    /// full-replacement PUT keeps every field `change` did not touch.
    pub async fn modify(
        &self,
        application_id: Uuid,
        change: impl FnOnce(&mut Application),
    ) -> Result<Application> {
        let mut application = self.get(application_id).await?;
        change(&mut application);
        self.replace(application_id, &application)
            .await
            .map_err(|e| e.with_input_hint(super::model::WRITE_BACK_HINT))
    }

    /// Deletes an application (204); a missing one is [`Deletion::NotFound`].
    pub async fn delete(&self, application_id: Uuid) -> Result<Deletion> {
        let call = self
            .api
            .delete_application()
            .environment_id(self.environment)
            .application_id(application_id);
        Deletion::from_result(expect_no_content(call.send()).await)
    }
}

fn application_page(page: types::ApplicationPage) -> Result<Page<Application>> {
    Ok(Page {
        items: page.embedded.applications,
        next: page
            .links
            .and_then(|links| links.next)
            .map(|link| link.href),
    })
}
