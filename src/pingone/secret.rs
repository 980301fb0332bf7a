//! An OIDC application's client secret: read and rotate.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::SecretString;
use crate::error::Result;
use crate::generated::pingone::{self as generated, types};
use crate::transport::expect_value;

/// The client secret of one application.
#[derive(Clone, Copy, Debug)]
pub struct Secret<'a> {
    api: &'a generated::Client,
    environment: Uuid,
    application: Uuid,
}

/// A client secret, and the previous one while it is still accepted after a rotation.
/// `Debug` never shows either value.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ApplicationSecret {
    /// The current secret.
    pub secret: SecretString,
    /// The secret before the last rotation, when it was kept for a grace period.
    pub previous: Option<PreviousSecret>,
}

/// The secret before a rotation.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PreviousSecret {
    /// Its value.
    pub secret: Option<SecretString>,
    /// Until when it is still accepted.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used.
    pub last_used: Option<DateTime<Utc>>,
}

impl From<types::ApplicationSecret> for ApplicationSecret {
    fn from(wire: types::ApplicationSecret) -> Self {
        Self {
            secret: wire.secret,
            previous: wire.previous.map(|p| PreviousSecret {
                secret: p.secret,
                expires_at: p.expires_at,
                last_used: p.last_used,
            }),
        }
    }
}

impl<'a> Secret<'a> {
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
            .get_application_secret()
            .environment_id(self.environment)
            .application_id(self.application);
        expect_value(call.send())
            .await
            .map(Into::into)
            .map_err(crate::Error::withhold_body)
    }

    /// Replaces the secret with a new one. With `keep_previous_until`, the old secret stays
    /// valid until then so running clients can switch over.
    pub async fn rotate(
        &self,
        keep_previous_until: Option<DateTime<Utc>>,
    ) -> Result<ApplicationSecret> {
        let body = match keep_previous_until {
            Some(until) => serde_json::json!({ "previous": { "expiresAt": until } }),
            None => serde_json::json!({}),
        };
        let body: types::SecretRotation = serde_json::from_value(body)
            .map_err(|e| crate::Error::invalid("previous", e.to_string()))?;
        let call = self
            .api
            .rotate_application_secret()
            .environment_id(self.environment)
            .application_id(self.application)
            .body(body);
        expect_value(call.send())
            .await
            .map(Into::into)
            .map_err(crate::Error::withhold_body)
    }
}
