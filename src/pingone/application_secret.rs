//! An OIDC application's client secret: read and rotate.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::pingone::{self as generated, types};
use crate::transport::body_of;

use super::ApplicationSecret;

/// The client secret of one application. Errors that would show a body carrying the secret
/// keep no body.
///
/// ```no_run
/// use sso_connections::pingone::PingOneClient;
/// # async fn run(env: sso_connections::Uuid, app: sso_connections::Uuid) -> sso_connections::Result<()> {
/// let client = PingOneClient::bearer("token").build()?;
/// let until = chrono::Utc::now() + chrono::Duration::hours(1);
/// let rotated = client.environment(env).application(app).secret().rotate(Some(until)).await?;
/// assert!(!format!("{rotated:?}").contains(rotated.secret.expose_secret()));
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ApplicationSecretHandler<'a> {
    api: &'a generated::Client,
    environment: Uuid,
    application: Uuid,
}

impl<'a> ApplicationSecretHandler<'a> {
    pub(super) fn new(api: &'a generated::Client, environment: Uuid, application: Uuid) -> Self {
        Self {
            api,
            environment,
            application,
        }
    }

    /// The current secret.
    pub async fn get(&self) -> Result<ApplicationSecret> {
        let call = self
            .api
            .get_application_secret(&self.environment, &self.application);
        body_of(call)
            .await
            .map(Into::into)
            .map_err(Error::withhold_body)
    }

    /// Replaces the secret with a new one. With `keep_previous_until`, the old secret stays
    /// valid until then so running clients can switch over.
    pub async fn rotate(
        &self,
        keep_previous_until: Option<DateTime<Utc>>,
    ) -> Result<ApplicationSecret> {
        let body = types::SecretRotation {
            previous: keep_previous_until
                .map(|until| types::SecretRotationPrevious { expires_at: until }),
        };
        let call = self
            .api
            .rotate_application_secret(&self.environment, &self.application, &body);
        body_of(call)
            .await
            .map(Into::into)
            .map_err(Error::withhold_body)
    }
}
