//! Validated values shared by every facade: each constructor checks its rule and returns
//! [`Error::InvalidInput`] naming the field, so a bad value never reaches the wire.

use crate::error::{Error, Result};

mod certificate;
mod redact;

pub use certificate::{Certificate, CertificateInfo};
pub use redact::redact_secrets;

/// An email address that looks like one: `local@domain.tld`, no spaces, one `@`.
///
/// ```
/// use sso_connections::values::Email;
/// assert!(Email::parse("admin@example.com").is_ok());
/// assert!(Email::parse("not an email").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Checks the address; the error names the field `email`.
    pub fn parse(value: impl Into<String>) -> Result<Self> {
        Self::parse_field("email", value.into())
    }

    pub(crate) fn parse_field(field: &'static str, value: String) -> Result<Self> {
        let looks_valid = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if looks_valid {
            Ok(Self(value))
        } else {
            Err(Error::invalid(
                field,
                "must be an email address like name@example.com",
            ))
        }
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An absolute `http` or `https` URL with a host.
///
/// ```
/// use sso_connections::values::HttpUrl;
/// assert!(HttpUrl::parse("https://idp.example.com/sso").is_ok());
/// assert!(HttpUrl::parse("https://bücher.example/sso").is_ok()); // internationalised host
/// assert!(HttpUrl::parse("/relative").is_err());
/// assert!(HttpUrl::parse("ftp://idp.example.com").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HttpUrl(String);

impl HttpUrl {
    /// Checks the URL; the error names the field `url`.
    pub fn parse(value: impl Into<String>) -> Result<Self> {
        Self::parse_field("url", value.into())
    }

    pub(crate) fn parse_field(field: &'static str, value: String) -> Result<Self> {
        match url::Url::parse(&value) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {
                Ok(Self(value))
            }
            Ok(_) => Err(Error::invalid(
                field,
                "must be an http or https URL with a host",
            )),
            Err(e) => Err(Error::invalid(
                field,
                format!("must be an absolute http(s) URL ({e})"),
            )),
        }
    }

    /// The URL exactly as given (not normalised).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A certificate fingerprint: hexadecimal digits, optionally in colon-separated pairs.
///
/// ```
/// use sso_connections::values::Fingerprint;
/// assert!(Fingerprint::parse("AB:CD:EF:01").is_ok());
/// assert!(Fingerprint::parse("abcdef01").is_ok());
/// assert!(Fingerprint::parse("xyz").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// Checks the fingerprint; the error names the field `signingCertFingerprint`.
    pub fn parse(value: impl Into<String>) -> Result<Self> {
        Self::parse_field("signingCertFingerprint", value.into())
    }

    pub(crate) fn parse_field(field: &'static str, value: String) -> Result<Self> {
        let hex_pairs = |s: &str| s.len() == 2 && s.chars().all(|c| c.is_ascii_hexdigit());
        let valid = if value.contains(':') {
            value.split(':').all(hex_pairs)
        } else {
            !value.is_empty()
                && value.len().is_multiple_of(2)
                && value.chars().all(|c| c.is_ascii_hexdigit())
        };
        if valid {
            Ok(Self(value))
        } else {
            Err(Error::invalid(
                field,
                "must be hexadecimal digits, optionally as colon-separated pairs (AB:CD:…)",
            ))
        }
    }

    /// The fingerprint as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// JSON Schema of a validated value that travels as a string.
macro_rules! string_schema {
    ($($ty:ty => $format:literal),+ $(,)?) => {$(
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "format": $format })
            }
        }
    )+};
}
pub(crate) use string_schema;

string_schema! {
    Email => "email",
    HttpUrl => "uri",
    Fingerprint => "hex",
    Certificate => "base64 DER X.509",
}

/// Checks a value that travels as one URL path segment (an `idpId`, an Auth0 id): not empty,
/// no `/` or `\` (URLs read both as a path separator), no control characters, and not `.` or
/// `..` (a URL treats those as path steps, so they cannot be addressed).
pub(crate) fn check_path_segment(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        Err(Error::invalid(field, "must not be empty"))
    } else if value.contains(['/', '\\']) {
        Err(Error::invalid(
            field,
            "must not contain '/' or '\\' (URLs read both as a path separator)",
        ))
    } else if value.chars().any(char::is_control) {
        Err(Error::invalid(field, "must not contain control characters"))
    } else if value == "." || value == ".." {
        Err(Error::invalid(
            field,
            "must not be '.' or '..', which a URL treats as a path step",
        ))
    } else {
        Ok(())
    }
}

/// A non-empty text with no control characters (names, entity IDs).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Text(String);

impl Text {
    pub(crate) fn parse_field(field: &'static str, value: String) -> Result<Self> {
        if value.trim().is_empty() {
            Err(Error::invalid(field, "must not be empty"))
        } else if value.chars().any(char::is_control) {
            Err(Error::invalid(field, "must not contain control characters"))
        } else {
            Ok(Self(value))
        }
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

/// Checks a list of ids that must hold at least one id and no id twice; `what` names one
/// item in the error ("application", "scope").
pub(crate) fn check_distinct_ids(
    field: &'static str,
    what: &str,
    ids: &[uuid::Uuid],
) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::invalid(
            field,
            format!("must name at least one {what}"),
        ));
    }
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    match sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        Some(pair) => Err(Error::invalid(
            field,
            format!("names {what} {} more than once", pair[0]),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    /// `Cargo.lock` holds `idna_adapter` at 1.1 (the unicode-rs back end, a fraction of the
    /// ICU4X one's build time; see BENCHMARKS.md, "Build cost"). Internationalised hosts must
    /// still be mapped in full (case folding, normalisation, Punycode), not refused as they
    /// would be by the ASCII-only 1.0.
    #[test]
    fn internationalised_hosts_are_mapped_in_full() {
        let url = url::Url::parse("https://BÜCHER.Example/sso").unwrap();
        assert_eq!(url.host_str(), Some("xn--bcher-kva.example"));
        let composed = url::Url::parse("https://bu\u{308}cher.example/").unwrap();
        assert_eq!(composed.host_str(), Some("xn--bcher-kva.example"));
    }
}
