//! Connection profiles: list (checkpoint paging), create, get, partial update, delete, and
//! the templates Auth0 offers.

use crate::error::{Error, Result};
use crate::generated::auth0::{self as generated, types};
use crate::outcome::Deletion;
use crate::pagination::{paged, ItemStream, Page};
use crate::transport::{body_of, changed_by};

use super::{ConnectionProfile, ConnectionProfileSettings, ConnectionProfileTemplate};

/// The connection profiles of one tenant.
///
/// ```no_run
/// use futures::TryStreamExt as _;
/// use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
///
/// # async fn run() -> sso_connections::Result<()> {
/// let client = Auth0Client::token("acme.us.auth0.com", "management-api-token").build()?;
/// let profiles = client.connection_profiles();
/// let created = profiles
///     .create(&ConnectionProfileSettings::builder().name("Partner SSO").build()?)
///     .await?;
/// let all: Vec<_> = profiles.list().try_collect().await?;
/// profiles.delete(&created.id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ConnectionProfilesHandler<'a> {
    api: &'a generated::Client,
}

impl<'a> ConnectionProfilesHandler<'a> {
    pub(super) fn new(api: &'a generated::Client) -> Self {
        Self { api }
    }

    /// Every profile, page by page (checkpoint `from`/`next`) as the stream is consumed.
    pub fn list(&self) -> ItemStream<'a, ConnectionProfile> {
        self.list_pages_of(None)
    }

    /// Every profile, asking for `take` profiles per page (at least 1).
    pub fn list_pages_of(&self, take: Option<u32>) -> ItemStream<'a, ConnectionProfile> {
        self.list_pages(None, take)
    }

    /// The profiles from a checkpoint on (the `next` value of an earlier page), to resume a
    /// listing that stopped part-way, asking for `take` profiles per page.
    pub fn list_from(
        &self,
        checkpoint: &str,
        take: Option<u32>,
    ) -> ItemStream<'a, ConnectionProfile> {
        self.list_pages(Some(checkpoint.to_owned()), take)
    }

    fn list_pages(
        &self,
        start: Option<String>,
        take: Option<u32>,
    ) -> ItemStream<'a, ConnectionProfile> {
        let api = self.api;
        let page = move |from: Option<String>| async move {
            if take == Some(0) {
                return Err(Error::invalid("take", "must be at least 1"));
            }
            let take = take.and_then(|take| std::num::NonZeroU64::new(u64::from(take)));
            body_of(api.list_connection_profiles(from.as_deref(), take)).await
        };
        paged(
            page(start),
            move |checkpoint| page(Some(checkpoint)),
            |list: types::ConnectionProfileList| {
                Ok(Page {
                    items: list.connection_profiles,
                    next: list.next.filter(|next| !next.is_empty()),
                })
            },
        )
    }

    /// Creates a profile; it needs a name. A taken name is [`Error::AlreadyExists`].
    pub async fn create(&self, settings: &ConnectionProfileSettings) -> Result<ConnectionProfile> {
        let body = settings.to_create_body()?;
        body_of(self.api.create_connection_profile(&body)).await
    }

    /// One profile; [`Error::NotFound`] when it does not exist.
    pub async fn get(&self, id: &str) -> Result<ConnectionProfile> {
        body_of(self.api.get_connection_profile(check_id(id)?)).await
    }

    /// Changes only what `settings` sets (PATCH); an empty change is refused before sending.
    pub async fn update(
        &self,
        id: &str,
        settings: &ConnectionProfileSettings,
    ) -> Result<ConnectionProfile> {
        let body = settings.to_update_body()?;
        body_of(self.api.update_connection_profile(check_id(id)?, &body)).await
    }

    /// Deletes a profile; any 2xx is success, 404 is [`Deletion::NotFound`].
    pub async fn delete(&self, id: &str) -> Result<Deletion> {
        let call = self.api.delete_connection_profile(check_id(id)?);
        Deletion::from_result(changed_by(call).await)
    }

    /// The templates Auth0 offers.
    pub async fn templates(&self) -> Result<Vec<ConnectionProfileTemplate>> {
        let list = body_of(self.api.list_connection_profile_templates()).await?;
        Ok(list.connection_profile_templates)
    }

    /// One template; [`Error::NotFound`] when it does not exist.
    pub async fn template(&self, id: &str) -> Result<ConnectionProfileTemplate> {
        body_of(self.api.get_connection_profile_template(check_id(id)?)).await
    }
}

/// Ids are path segments: see [`check_path_segment`](crate::values::check_path_segment).
fn check_id(id: &str) -> Result<&str> {
    crate::values::check_path_segment("id", id).map(|()| id)
}
