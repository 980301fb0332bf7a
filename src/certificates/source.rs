//! Where an identity provider publishes its metadata, for rotations planned from it (every
//! API): the URL, the entity, what the caller remembers of the last fetch, how to fetch.

use crate::error::Result;
use crate::metadata::{fetch_if_changed, FetchOptions, Fetched, Freshness, IdpEntity, Validators};

/// Where an identity provider publishes its metadata, and what the caller remembers of it.
///
/// ```
/// use sso_connections::certificates::MetadataSource;
/// use sso_connections::metadata::Validators;
/// let source = MetadataSource::new("https://idp.acme.example/metadata.xml")
///     .entity_id("https://idp.acme.example")
///     .validators(Validators { etag: Some("\"v7\"".into()), last_modified: None });
/// # let _ = source;
/// ```
#[derive(Clone, Debug)]
pub struct MetadataSource {
    url: String,
    entity_id: Option<String>,
    validators: Validators,
    options: FetchOptions,
}

impl MetadataSource {
    /// The metadata at `url`, fetched with [`FetchOptions::default`] (https, public
    /// addresses only), without validators (so always fetched in full).
    ///
    /// ```
    /// # use sso_connections::certificates::MetadataSource;
    /// let source = MetadataSource::new("https://idp.acme.example/metadata.xml");
    /// # let _ = source;
    /// ```
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            entity_id: None,
            validators: Validators::default(),
            options: FetchOptions::default(),
        }
    }

    /// Which identity provider of the document (needed when it describes several).
    ///
    /// ```
    /// # use sso_connections::certificates::MetadataSource;
    /// let source = MetadataSource::new("https://fed.example/all.xml").entity_id("https://idp.acme.example");
    /// # let _ = source;
    /// ```
    pub fn entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.entity_id = Some(entity_id.into());
        self
    }

    /// The validators of the last fetch (from a previous plan): an unchanged document then
    /// costs one conditional request and nothing else.
    ///
    /// ```
    /// # use sso_connections::certificates::MetadataSource;
    /// # use sso_connections::metadata::Validators;
    /// let source = MetadataSource::new("https://idp.acme.example/metadata.xml")
    ///     .validators(Validators { etag: None, last_modified: Some("Mon, 01 Jan 2030 00:00:00 GMT".into()) });
    /// # let _ = source;
    /// ```
    pub fn validators(mut self, validators: Validators) -> Self {
        self.validators = validators;
        self
    }

    /// How to fetch (limits, redirects, private addresses, retries).
    ///
    /// ```
    /// # use sso_connections::certificates::MetadataSource;
    /// use sso_connections::metadata::FetchOptions;
    /// let source = MetadataSource::new("https://idp.acme.example/metadata.xml")
    ///     .fetch_options(FetchOptions::default().max_redirects(1));
    /// # let _ = source;
    /// ```
    pub fn fetch_options(mut self, options: FetchOptions) -> Self {
        self.options = options;
        self
    }
}

impl MetadataSource {
    /// The document, unless the validators say it has not changed (`None`).
    pub(crate) async fn fetch_if_changed(&self) -> Result<Option<Fetched>> {
        match fetch_if_changed(&self.url, &self.validators, &self.options).await? {
            Freshness::Unchanged => Ok(None),
            Freshness::Changed(fetched) => Ok(Some(*fetched)),
        }
    }

    /// The validators the caller gave (from the last fetch).
    pub(crate) fn known_validators(&self) -> &Validators {
        &self.validators
    }

    /// The identity provider this source names in a fetched document.
    pub(crate) fn entity_of<'d>(&self, fetched: &'d Fetched) -> Result<&'d IdpEntity> {
        fetched.metadata.entity(self.entity_id.as_deref())
    }
}
