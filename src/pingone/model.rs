//! Applications and identity providers as unions over their kind, and validating builders
//! for the two application kinds this library writes (OIDC and SAML).

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::generated::pingone::types;
use crate::generated::pingone_limits as limits;
use crate::request_limits;
use crate::values::Text;

use super::union::tagged_union;
use super::SocialIdentityProviderType;

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

/// Fields the server owns: never sent in a create or a replacement.
const SERVER_FIELDS: &[&str] = &[
    "id",
    "environment",
    "createdAt",
    "updatedAt",
    "_links",
    "_embedded",
];

/// Serialises, drops the server-owned fields, and decodes again.
fn without_server_fields<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(
    value: &T,
) -> T {
    match serde_json::to_value(value) {
        Ok(Value::Object(mut map)) => {
            SERVER_FIELDS.iter().for_each(|key| {
                map.remove(*key);
            });
            serde_json::from_value(Value::Object(map)).unwrap_or_else(|_| value.clone())
        }
        _ => value.clone(),
    }
}

macro_rules! server_fields {
    ($ty:ty) => {
        impl $ty {
            /// A copy without the fields the server owns (id, environment, timestamps, links).
            pub(crate) fn without_server_fields(&self) -> Self {
                without_server_fields(self)
            }
        }
    };
}

server_fields!(Application);
server_fields!(IdentityProvider);

impl Application {
    /// Checks what every write needs: name, enabled, type and protocol, and the spec's request
    /// limits (which a value read from the server may break: it is then refused here, naming
    /// the field to fix, rather than sent).
    pub(crate) fn check_writable(&self) -> Result<()> {
        let json = serde_json::to_value(self).unwrap_or_default();
        check_required(&json, &["name", "enabled", "type", "protocol"])?;
        request_limits::check(limits::Application, &json)
    }
}

impl IdentityProvider {
    /// Checks what every write needs: name, enabled and type, and the spec's request limits.
    pub(crate) fn check_writable(&self) -> Result<()> {
        let json = serde_json::to_value(self).unwrap_or_default();
        check_required(&json, &["name", "enabled", "type"])?;
        request_limits::check(limits::IdentityProvider, &json)
    }
}

/// What `modify` adds to a refusal: the value may be the one the server returned.
pub(super) const WRITE_BACK_HINT: &str =
    "the value may be the one the server holds: set it in the `modify` closure to write back";

fn check_required(json: &Value, fields: &[&'static str]) -> Result<()> {
    for field in fields {
        match json.get(*field) {
            None | Some(Value::Null) => return Err(Error::invalid(field, "is required")),
            Some(Value::String(s)) if s.trim().is_empty() => {
                return Err(Error::invalid(field, "must not be empty"))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks the `name` every resource needs.
pub(super) fn check_name(fields: &Map<String, Value>) -> Result<()> {
    let name = fields
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    Text::parse_field("name", name).map(drop)
}

/// An absolute URI: a scheme and something after it (native apps use custom schemes).
pub(super) fn absolute_uri(field: &'static str, uri: &str) -> Result<()> {
    match url::Url::parse(uri) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::invalid(
            field,
            format!("must hold absolute URIs; {uri:?} is not one"),
        )),
    }
}

/// Decodes builder fields into the union (and so into the generated struct of the kind).
pub(super) fn from_fields<T: serde::de::DeserializeOwned>(fields: Map<String, Value>) -> Result<T> {
    serde_json::from_value(Value::Object(fields)).map_err(Error::body_mismatch)
}
