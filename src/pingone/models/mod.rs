//! What PingOne returns: applications and identity providers as unions over their kind, and
//! an application's secret. The unions are also the bodies of creates and replacements, so the
//! checks every write needs live here too.

mod serial;
pub(crate) mod union;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::auth::SecretString;
use crate::error::{Error, Result};
use crate::generated::pingone::types;
use crate::generated::pingone_rules::{request_limits, server_owned};
use crate::request_limits::{check as check_limits, Limit};

use super::SocialIdentityProviderType;
pub use serial::SerialNumber;
use union::tagged_union;
pub use union::{Other, Redacted};

tagged_union! {
    /// A PingOne application, told apart by `protocol`. Kinds other than OIDC and SAML decode
    /// as [`Application::Other`] and survive a get-modify-put unchanged.
    pub enum Application (tag "protocol", common types::ApplicationCommon) {
        /// An OpenID Connect application.
        OpenIdConnect(types::ApplicationOidc) if |tag| tag == "OPENID_CONNECT",
        /// A SAML application.
        Saml(types::ApplicationSaml) if |tag| tag == "SAML",
    }
}

tagged_union! {
    /// An external identity provider, told apart by `type`. Social providers decode with
    /// their common fields; kinds unknown to this version decode as [`IdentityProvider::Other`].
    pub enum IdentityProvider (tag "type", common types::IdentityProviderCommon) {
        /// A SAML 2.0 identity provider.
        Saml(types::IdentityProviderSaml) if |tag| tag == "SAML",
        /// An OpenID Connect provider.
        OpenIdConnect(types::IdentityProviderOidc) if |tag| tag == "OPENID_CONNECT",
        /// A social login provider (Facebook, Google, Apple, …): every value of the spec's
        /// `SocialIdentityProviderType`.
        Social(types::IdentityProviderSocial) if |tag| {
            !matches!(SocialIdentityProviderType::from(tag), SocialIdentityProviderType::Unknown(_))
        },
    }
}

/// What `modify` adds to a refusal: the value may be the one the server returned.
pub(super) const WRITE_BACK_HINT: &str =
    "the value may be the one the server holds: set it in the `modify` closure to write back";

/// A union the facade writes whole (create, full-replacement PUT): the fields every write
/// needs, the spec's request limits, and the fields the server owns (`readOnly` in the spec),
/// which are left out of the body.
pub(crate) trait Writable: serde::Serialize + serde::de::DeserializeOwned + Clone {
    /// Fields every write needs.
    const REQUIRED: &'static [&'static str];
    /// The spec's `x-request-limits` of the union.
    const LIMITS: &'static [Limit];
    /// The properties the server owns.
    const SERVER_OWNED: &'static [&'static str];

    /// The body of a create or a replacement: checked, without the server-owned fields.
    fn checked_body(&self) -> Result<Self> {
        let mut json = serde_json::to_value(self).map_err(Error::body_mismatch)?;
        for field in Self::REQUIRED {
            match json.get(*field) {
                None | Some(Value::Null) => return Err(Error::invalid(field, "is required")),
                Some(Value::String(s)) if s.trim().is_empty() => {
                    return Err(Error::invalid(field, "must not be empty"))
                }
                _ => {}
            }
        }
        check_limits(Self::LIMITS, &json)?;
        if let Value::Object(map) = &mut json {
            Self::SERVER_OWNED.iter().for_each(|key| {
                map.remove(*key);
            });
        }
        serde_json::from_value(json).map_err(Error::body_mismatch)
    }
}

impl Writable for Application {
    const REQUIRED: &'static [&'static str] = &["name", "enabled", "type", "protocol"];
    const LIMITS: &'static [Limit] = request_limits::Application;
    const SERVER_OWNED: &'static [&'static str] = server_owned::Application;
}

impl Writable for IdentityProvider {
    const REQUIRED: &'static [&'static str] = &["name", "enabled", "type"];
    const LIMITS: &'static [Limit] = request_limits::IdentityProvider;
    const SERVER_OWNED: &'static [&'static str] = server_owned::IdentityProvider;
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
