//! What a create or an update asks for, and how it travels on the wire.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::saas::types;
use crate::wire_body::WireBody;

use super::selection::{ApplicationIds, ApplicationSelection};
use super::settings::{Clearable, SharedSettings};
use crate::saas::{SigningAlgorithm, SloBinding};

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
    settings: SharedSettings,
    applications: ApplicationSelection,
    multiplexed: Option<bool>,
}

impl NewConnection {
    /// Connects to every enabled application that is OIDC or multiplexed SAML.
    pub fn for_every_eligible_application(settings: SharedSettings) -> Result<Self> {
        Self::new(settings, ApplicationSelection::All)
    }

    /// Connects to exactly these applications (each must be enabled, and OIDC or multiplexed
    /// SAML, or the server refuses).
    pub fn for_applications(
        settings: SharedSettings,
        applications: ApplicationIds,
    ) -> Result<Self> {
        Self::new(settings, ApplicationSelection::Only(applications))
    }

    fn new(settings: SharedSettings, applications: ApplicationSelection) -> Result<Self> {
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
    pub(crate) fn as_update(&self) -> ConnectionUpdate {
        let update = ConnectionUpdate::settings(self.settings.clone());
        match self.multiplexed {
            Some(multiplexed) => update.and_multiplexed(self.applications.clone(), multiplexed),
            None => update,
        }
    }

    /// The generated body: settings that are not given take the spec's defaults there.
    pub(crate) fn to_body(&self) -> Result<types::CreateConnectionRequest> {
        let w = WireSettings::new(&self.settings);
        // Required (`new` checked them) or defaulted by the spec: sent only when given.
        WireBody::new()
            .given("applications", self.applications.ids().map(wire_ids))
            .given("email", w.email)
            .given("entityId", w.entity_id)
            .given("ssoEndpoint", w.sso_endpoint)
            .given("signingCertificateData", w.signing_certificate_data)
            .given("signingCertFingerprint", w.signing_cert_fingerprint)
            .given("sloEndpoint", w.slo_endpoint)
            .given("sloResponseEndpoint", w.slo_response_endpoint)
            .given("multiplexed", self.multiplexed)
            .given("signAuthnRequest", w.sign_authn_request)
            .given("signingAlgorithm", w.signing_algorithm)
            .given("sloBinding", w.slo_binding)
            .build()
    }
}

/// A change to existing connections: shared settings (for every connection of the `idpId`)
/// and/or `multiplexed` for selected applications. Only what is set is sent.
///
/// ```
/// use sso_connections::saas::{ApplicationSelection, ConnectionUpdate, SharedSettings};
///
/// let update = ConnectionUpdate::settings(
///     SharedSettings::builder().clear_slo_endpoint().build()?,
/// )
/// .and_multiplexed(ApplicationSelection::All, false);
/// assert!(!update.is_empty());
/// # Ok::<(), sso_connections::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionUpdate {
    settings: SharedSettings,
    multiplexed: Option<(ApplicationSelection, bool)>,
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
    pub fn multiplexed(applications: ApplicationSelection, multiplexed: bool) -> Self {
        Self::settings(SharedSettings::default()).and_multiplexed(applications, multiplexed)
    }

    /// Also changes `multiplexed` for the selected applications' connections.
    pub fn and_multiplexed(
        mut self,
        applications: ApplicationSelection,
        multiplexed: bool,
    ) -> Self {
        self.multiplexed = Some((applications, multiplexed));
        self
    }

    /// Whether this update would change nothing (such an update is refused before sending).
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty() && self.multiplexed.is_none()
    }

    pub(crate) fn to_body(&self) -> Result<types::UpdateConnectionRequest> {
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
        let w = WireSettings::new(&self.settings);
        Ok(types::UpdateConnectionRequest {
            applications: applications.map(wire_ids),
            multiplexed,
            email: w.email,
            entity_id: constrained(w.entity_id)?,
            sso_endpoint: w.sso_endpoint,
            slo_endpoint: w.slo_endpoint,
            slo_response_endpoint: w.slo_response_endpoint,
            slo_binding: w.slo_binding,
            sign_authn_request: w.sign_authn_request,
            signing_certificate_data: constrained(w.signing_certificate_data)?,
            signing_cert_fingerprint: w.signing_cert_fingerprint,
            signing_algorithm: w.signing_algorithm,
        })
    }
}

/// The shared settings in the form the generated request types take: a setting that is not
/// set is `None`, a cleared URL is `""`.
struct WireSettings {
    email: Option<String>,
    entity_id: Option<String>,
    sso_endpoint: Option<String>,
    slo_endpoint: Option<String>,
    slo_response_endpoint: Option<String>,
    slo_binding: Option<SloBinding>,
    sign_authn_request: Option<bool>,
    signing_certificate_data: Option<String>,
    signing_cert_fingerprint: Option<String>,
    signing_algorithm: Option<SigningAlgorithm>,
}

impl WireSettings {
    fn new(s: &SharedSettings) -> Self {
        Self {
            email: s.email.as_ref().map(|v| v.as_str().to_owned()),
            entity_id: s.entity_id.clone(),
            sso_endpoint: s.sso_endpoint.as_ref().map(|v| v.as_str().to_owned()),
            slo_endpoint: clearable_wire(&s.slo_endpoint),
            slo_response_endpoint: clearable_wire(&s.slo_response_endpoint),
            slo_binding: s.slo_binding.clone(),
            sign_authn_request: s.sign_authn_request,
            signing_certificate_data: s.signing_certificate.as_ref().map(|c| c.to_base64()),
            signing_cert_fingerprint: s
                .signing_cert_fingerprint
                .as_ref()
                .map(|v| v.as_str().to_owned()),
            signing_algorithm: s.signing_algorithm.clone(),
        }
    }
}

/// Keep → absent; Clear → `""`; Set → the URL.
fn clearable_wire(value: &Clearable<crate::values::HttpUrl>) -> Option<String> {
    match value {
        Clearable::Keep => None,
        Clearable::Clear => Some(String::new()),
        Clearable::Set(url) => Some(url.as_str().to_owned()),
    }
}

fn wire_ids(ids: &[Uuid]) -> types::ApplicationIds {
    types::ApplicationIds(ids.to_vec())
}

/// A value of one of the spec's constrained strings (its `TryFrom` applies the constraint).
fn constrained<T>(value: Option<String>) -> Result<Option<T>>
where
    T: TryFrom<String, Error = types::error::ConversionError>,
{
    value
        .map(T::try_from)
        .transpose()
        .map_err(Error::body_mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_the_spec_refuses_is_an_invalid_body() {
        let refused = constrained::<types::UpdateConnectionRequestEntityId>(Some(String::new()));
        let Err(Error::InvalidInput(invalid)) = refused else {
            panic!("expected an invalid body, got {refused:?}");
        };
        assert_eq!(invalid.field(), "body");
        assert!(invalid.to_string().contains("does not fit the spec"));
        let absent = constrained::<types::UpdateConnectionRequestEntityId>(None);
        assert!(matches!(absent, Ok(None)));
    }

    #[test]
    fn an_absent_value_leaves_the_spec_default() {
        let complete = || {
            WireBody::new()
                .set("email", "admin@acme.example")
                .set("entityId", "https://idp.acme.example")
                .set("ssoEndpoint", "https://idp.acme.example/sso")
                .set("signingCertificateData", "MIIB")
        };
        let defaults: types::CreateConnectionRequest = complete()
            .given("multiplexed", None::<bool>)
            .build()
            .unwrap();
        let set: types::CreateConnectionRequest = complete()
            .given("multiplexed", Some(false))
            .build()
            .unwrap();
        assert!(defaults.multiplexed, "the spec's default is true");
        assert!(!set.multiplexed);
        assert!(!defaults.sign_authn_request, "the spec's default is false");
    }
}
