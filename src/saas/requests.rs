//! What a create or an update asks for, and how it travels on the wire.

use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::saas::types;

use super::selection::{ApplicationIds, Applications};
use super::settings::{Clearable, SharedSettings};
use super::{SigningAlgorithm, SloBinding};

/// A request to connect a customer identity provider to applications.
///
/// The constructor says which applications: [`for_every_eligible_application`] leaves the
/// choice to PingOne (every enabled OIDC or multiplexed SAML application), while
/// [`for_applications`] names them.
///
/// [`for_every_eligible_application`]: Self::for_every_eligible_application
/// [`for_applications`]: Self::for_applications
///
/// ```
/// use sso_connections::saas::{NewConnection, SharedSettings};
///
/// // A create needs email, entityId, ssoEndpoint and the signing certificate.
/// let partial = SharedSettings::builder().email("admin@acme.example").build()?;
/// let err = NewConnection::for_every_eligible_application(partial).unwrap_err();
/// assert!(err.to_string().contains("entityId"));
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConnection {
    pub(super) settings: SharedSettings,
    pub(super) applications: Applications,
    pub(super) multiplexed: Option<bool>,
}

impl NewConnection {
    /// Connects to every enabled application that is OIDC or multiplexed SAML.
    pub fn for_every_eligible_application(settings: SharedSettings) -> Result<Self> {
        Self::new(settings, Applications::All)
    }

    /// Connects to exactly these applications (each must be enabled, and OIDC or multiplexed
    /// SAML, or the server refuses).
    pub fn for_applications(
        settings: SharedSettings,
        applications: ApplicationIds,
    ) -> Result<Self> {
        Self::new(settings, Applications::Only(applications))
    }

    fn new(settings: SharedSettings, applications: Applications) -> Result<Self> {
        settings.check_complete()?;
        Ok(Self {
            settings,
            applications,
            multiplexed: None,
        })
    }

    /// Makes the new connections multiplexed (`true`, the server's default) or one per
    /// application (`false`). This is a per-application setting, not a shared one.
    pub fn multiplexed(mut self, multiplexed: bool) -> Self {
        self.multiplexed = Some(multiplexed);
        self
    }

    /// The shared settings.
    pub fn settings(&self) -> &SharedSettings {
        &self.settings
    }

    /// The same settings as an update of the existing connections (used by `apply`).
    pub(super) fn as_update(&self) -> ConnectionUpdate {
        let update = ConnectionUpdate::settings(self.settings.clone());
        match self.multiplexed {
            Some(multiplexed) => update.and_multiplexed(self.applications.clone(), multiplexed),
            None => update,
        }
    }

    pub(super) fn to_wire(&self) -> Result<types::CreateConnectionRequest> {
        to_generated(WireBody::new(
            &self.settings,
            self.applications.ids(),
            self.multiplexed,
        ))
    }
}

/// A change to existing connections: shared settings (for every connection of the `idpId`)
/// and/or `multiplexed` for selected applications. Only what is set is sent.
///
/// ```
/// use sso_connections::saas::{Applications, ConnectionUpdate, SharedSettings};
///
/// let update = ConnectionUpdate::settings(
///     SharedSettings::builder().clear_slo_endpoint().build()?,
/// )
/// .and_multiplexed(Applications::All, false);
/// assert!(!update.is_empty());
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionUpdate {
    settings: SharedSettings,
    multiplexed: Option<(Applications, bool)>,
}

impl ConnectionUpdate {
    /// Changes shared settings, for every connection of the `idpId`.
    pub fn settings(settings: SharedSettings) -> Self {
        Self {
            settings,
            multiplexed: None,
        }
    }

    /// Changes only `multiplexed`, for the selected applications' connections.
    pub fn multiplexed(applications: Applications, multiplexed: bool) -> Self {
        Self::settings(SharedSettings::default()).and_multiplexed(applications, multiplexed)
    }

    /// Also changes `multiplexed` for the selected applications' connections.
    pub fn and_multiplexed(mut self, applications: Applications, multiplexed: bool) -> Self {
        self.multiplexed = Some((applications, multiplexed));
        self
    }

    /// Whether this update would change nothing (such an update is refused before sending).
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty() && self.multiplexed.is_none()
    }

    pub(super) fn to_wire(&self) -> Result<types::UpdateConnectionRequest> {
        if self.is_empty() {
            return Err(Error::invalid(
                "update",
                "sets nothing; set at least one field",
            ));
        }
        let (applications, multiplexed) = match &self.multiplexed {
            Some((applications, multiplexed)) => (applications.ids(), Some(*multiplexed)),
            None => (None, None),
        };
        to_generated(WireBody::new(&self.settings, applications, multiplexed))
    }
}

/// The JSON body shared by create and update: absent fields are not serialised. It is turned
/// into the generated type so the spec's defaults (create) and constraints apply.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    applications: Option<&'a [Uuid]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiplexed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sso_endpoint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slo_endpoint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slo_response_endpoint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slo_binding: Option<&'a SloBinding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_authn_request: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signing_certificate_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signing_cert_fingerprint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signing_algorithm: Option<&'a SigningAlgorithm>,
}

impl<'a> WireBody<'a> {
    fn new(
        s: &'a SharedSettings,
        applications: Option<&'a [Uuid]>,
        multiplexed: Option<bool>,
    ) -> Self {
        Self {
            applications,
            multiplexed,
            email: s.email.as_ref().map(|v| v.as_str()),
            entity_id: s.entity_id.as_deref(),
            sso_endpoint: s.sso_endpoint.as_ref().map(|v| v.as_str()),
            slo_endpoint: clearable_wire(&s.slo_endpoint),
            slo_response_endpoint: clearable_wire(&s.slo_response_endpoint),
            slo_binding: s.slo_binding.as_ref(),
            sign_authn_request: s.sign_authn_request,
            signing_certificate_data: s.signing_certificate.as_ref().map(|c| c.to_base64()),
            signing_cert_fingerprint: s.signing_cert_fingerprint.as_ref().map(|v| v.as_str()),
            signing_algorithm: s.signing_algorithm.as_ref(),
        }
    }
}

/// Keep → absent; Clear → `""`; Set → the URL.
fn clearable_wire(value: &Clearable<crate::values::HttpUrl>) -> Option<&str> {
    match value {
        Clearable::Keep => None,
        Clearable::Clear => Some(""),
        Clearable::Set(url) => Some(url.as_str()),
    }
}

fn to_generated<T: serde::de::DeserializeOwned>(body: WireBody<'_>) -> Result<T> {
    serde_json::to_value(&body)
        .and_then(serde_json::from_value)
        .map_err(|e| Error::invalid("body", format!("does not fit the spec: {e}")))
}
