//! Resources that come in kinds told apart by one field (`protocol` for applications, `type`
//! for identity providers). Known kinds decode into their generated struct; any other kind
//! still decodes, keeping its common fields and the whole object as received.

use std::fmt;

use serde_json::Value;

/// A kind this version of the library does not model.
#[derive(Clone)]
pub struct Other<C> {
    /// The fields every kind has.
    pub common: C,
    /// The whole object as received; sent back unchanged by an update.
    pub raw: Value,
}

/// A JSON value with every secret-bearing field replaced by `"[redacted]"`.
pub(crate) fn redacted(value: Value) -> Value {
    crate::values::redact_secrets(value)
}

/// A generated resource whose `Debug` shows its JSON with secret-like keys redacted. The
/// spec's own credential fields are already `SecretString`s; this also covers settings the
/// spec does not list, kept in the generated type's `extra` map (a future `...Secret` field
/// would otherwise print). Reads and writes go straight through to the inner value:
/// `provider.client_secret`, `saml.enabled = false`.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Redacted<T>(pub T);

impl<T> std::ops::Deref for Redacted<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Redacted<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: serde::Serialize> fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let json = serde_json::to_value(&self.0).unwrap_or_default();
        write!(f, "{}", redacted(json))
    }
}

impl<C> fmt::Debug for Other<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Other({})", redacted(self.raw.clone()))
    }
}

/// Declares a union over the value of `$tag`, with serde support and a redacting `Debug`.
/// Each variant names the predicate that recognises its tag values; the first match wins.
macro_rules! tagged_union {
    (
        $(#[$meta:meta])*
        pub enum $name:ident (tag $tag:literal, common $common:ty) {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) if $matches:expr, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant($crate::pingone::models::union::Redacted<$ty>), )+
            /// A kind this version does not model: common fields plus the raw object.
            Other($crate::pingone::models::union::Other<$common>),
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Self::$variant(inner) => inner.serialize(serializer), )+
                    Self::Other(other) => other.raw.serialize(serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let raw = serde_json::Value::deserialize(deserializer)?;
                let tag = raw.get($tag).and_then(serde_json::Value::as_str).unwrap_or_default();
                $(
                    let matches: fn(&str) -> bool = $matches;
                    if matches(tag) {
                        return serde_json::from_value(raw)
                            .map(|inner| Self::$variant($crate::pingone::models::union::Redacted(inner)))
                            .map_err(D::Error::custom);
                    }
                )+
                let common = serde_json::from_value(raw.clone()).map_err(D::Error::custom)?;
                Ok(Self::Other($crate::pingone::models::union::Other { common, raw }))
            }
        }

        impl $name {
            /// The resource id (absent before creation).
            pub fn id(&self) -> Option<uuid::Uuid> {
                match self {
                    $( Self::$variant(inner) => inner.id, )+
                    Self::Other(other) => other.common.id,
                }
            }

            /// The name.
            pub fn name(&self) -> &str {
                match self {
                    $( Self::$variant(inner) => &inner.name, )+
                    Self::Other(other) => &other.common.name,
                }
            }

            /// Whether it is enabled.
            pub fn enabled(&self) -> bool {
                match self {
                    $( Self::$variant(inner) => inner.enabled, )+
                    Self::Other(other) => other.common.enabled,
                }
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let json = serde_json::to_value(self).unwrap_or_default();
                write!(f, "{}({})", stringify!($name), $crate::pingone::models::union::redacted(json))
            }
        }
    };
}

pub(crate) use tagged_union;
