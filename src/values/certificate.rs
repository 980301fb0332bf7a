//! A validated X.509 certificate and what it says about itself: names, serial, validity,
//! fingerprints and key.

use std::fmt;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use sha1::Digest as _;
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::der::Decode as _;

use crate::error::{Error, Result};

/// A validated X.509 certificate, kept as DER, with its decoded details.
///
/// Accepts PEM (`-----BEGIN CERTIFICATE-----`), bare base64 with any whitespace or line
/// breaks, or DER bytes; the certificate must parse as X.509. Old certificates are read as
/// they are: SHA-1 signatures, zero or negative serial numbers, RSA-1024. `Debug` shows the
/// subject and size, never the whole certificate.
///
/// ```
/// use sso_connections::values::Certificate;
/// assert!(Certificate::parse("not a certificate").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Certificate {
    der: Vec<u8>,
    info: CertificateInfo,
}

/// What a certificate says about itself, decoded once. Serialises as a JSON object with the
/// dates in RFC 3339 UTC and the fingerprints as lower-case hex without separators.
///
/// ```
/// # fn run(cert: sso_connections::values::Certificate) {
/// let info = cert.info();
/// println!("{} expires {} ({})", info.subject, info.not_after, info.sha256);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CertificateInfo {
    /// The subject, RFC 4514 style (`CN=John Doe,O=Example`).
    pub subject: String,
    /// The issuer, in the same style.
    pub issuer: String,
    /// The serial number: the bytes of its DER integer in hex (two's complement, so a
    /// negative serial starts with a byte of 80 or more).
    pub serial: String,
    /// Start of the validity period.
    pub not_before: DateTime<Utc>,
    /// End of the validity period.
    pub not_after: DateTime<Utc>,
    /// SHA-1 of the DER encoding, lower-case hex.
    pub sha1: String,
    /// SHA-256 of the DER encoding, lower-case hex.
    pub sha256: String,
    /// The public key's algorithm and size: `RSA-2048`, `EC-P-256`, `Ed25519`, or the
    /// algorithm's object identifier when this library does not name it.
    pub key_algorithm: String,
}

impl Certificate {
    /// Parses PEM or base64 text (whitespace and line breaks allowed).
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_field("signingCertificate", text)
    }

    /// Parses DER bytes.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self> {
        Self::from_der_field("signingCertificate", der.into())
    }

    pub(crate) fn parse_field(field: &'static str, text: &str) -> Result<Self> {
        let body = match text.find("-----BEGIN CERTIFICATE-----") {
            Some(start) => {
                let rest = &text[start + "-----BEGIN CERTIFICATE-----".len()..];
                let end = rest.find("-----END CERTIFICATE-----").ok_or_else(|| {
                    Error::invalid(field, "is PEM without an END CERTIFICATE line")
                })?;
                &rest[..end]
            }
            None => text,
        };
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(Error::invalid(field, "is empty"));
        }
        let der = base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map_err(|e| Error::invalid(field, format!("is not valid base64 ({e})")))?;
        Self::from_der_field(field, der)
    }

    pub(crate) fn from_der_field(field: &'static str, der: Vec<u8>) -> Result<Self> {
        let cert = CertificateInner::<Raw>::from_der(&der)
            .map_err(|e| Error::invalid(field, format!("is not an X.509 certificate ({e})")))?;
        let info = CertificateInfo::of(&cert, &der);
        Ok(Self { der, info })
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Standard base64 of the DER encoding, on one line: the form sent on the wire.
    pub fn to_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.der)
    }

    /// The certificate's subject, RFC 4514 style (e.g. `CN=John Doe,O=Example`).
    pub fn subject(&self) -> &str {
        &self.info.subject
    }

    /// Everything the certificate says about itself.
    pub fn info(&self) -> &CertificateInfo {
        &self.info
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.info.subject)
            .field("der_len", &self.der.len())
            .finish()
    }
}

impl CertificateInfo {
    fn of(cert: &CertificateInner<Raw>, der: &[u8]) -> Self {
        let tbs = &cert.tbs_certificate;
        let time = |t: x509_cert::time::Time| {
            let since_epoch = t.to_unix_duration();
            DateTime::from_timestamp(since_epoch.as_secs() as i64, 0).unwrap_or_default()
        };
        Self {
            subject: tbs.subject.to_string(),
            issuer: tbs.issuer.to_string(),
            serial: hex(tbs.serial_number.as_bytes()),
            not_before: time(tbs.validity.not_before),
            not_after: time(tbs.validity.not_after),
            sha1: hex(&sha1::Sha1::digest(der)),
            sha256: hex(&sha2::Sha256::digest(der)),
            key_algorithm: key_algorithm(&tbs.subject_public_key_info),
        }
    }
}

impl CertificateInfo {
    /// The serial number in decimal, as some APIs report it (PingOne), with a `-` for a
    /// negative one.
    ///
    /// ```
    /// # fn run(cert: sso_connections::values::Certificate) {
    /// println!("serial {} ({})", cert.info().serial_decimal(), cert.info().serial);
    /// # }
    /// ```
    pub fn serial_decimal(&self) -> String {
        let mut bytes: Vec<u8> = (0..self.serial.len() / 2)
            .filter_map(|i| u8::from_str_radix(&self.serial[2 * i..2 * i + 2], 16).ok())
            .collect();
        let negative = bytes.first().is_some_and(|b| *b >= 0x80);
        if negative {
            negate(&mut bytes);
        }
        let digits = decimal_digits(bytes);
        if negative {
            format!("-{digits}")
        } else {
            digits
        }
    }
}

/// Two's complement negation of a big-endian number, in place.
fn negate(bytes: &mut [u8]) {
    let mut carry = true;
    for byte in bytes.iter_mut().rev() {
        let (sum, overflow) = (!*byte).overflowing_add(u8::from(carry));
        *byte = sum;
        carry = carry && overflow;
    }
}

/// The decimal digits of a big-endian unsigned number, by repeated division by ten.
fn decimal_digits(mut bytes: Vec<u8>) -> String {
    let mut digits = Vec::new();
    while bytes.iter().any(|b| *b != 0) {
        let mut remainder = 0u16;
        for byte in bytes.iter_mut() {
            let value = (remainder << 8) | u16::from(*byte);
            *byte = (value / 10) as u8;
            remainder = value % 10;
        }
        digits.push(b'0' + remainder as u8);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Lower-case hex without separators.
fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

const RSA: &str = "1.2.840.113549.1.1.1";
const EC: &str = "1.2.840.10045.2.1";
const CURVES: &[(&str, &str)] = &[
    ("1.2.840.10045.3.1.7", "P-256"),
    ("1.3.132.0.34", "P-384"),
    ("1.3.132.0.35", "P-521"),
];
const NAMED: &[(&str, &str)] = &[("1.3.101.112", "Ed25519"), ("1.3.101.113", "Ed448")];

/// `RSA-<bits>`, `EC-<curve>`, a named algorithm, or the algorithm's object identifier.
fn key_algorithm(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> String {
    let oid = spki.algorithm.oid.to_string();
    match oid.as_str() {
        RSA => match rsa_bits(spki.subject_public_key.raw_bytes()) {
            Some(bits) => format!("RSA-{bits}"),
            None => "RSA".to_owned(),
        },
        EC => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<x509_cert::der::asn1::ObjectIdentifier>().ok())
                .map(|c| c.to_string());
            let name = curve.as_deref().and_then(|c| {
                CURVES
                    .iter()
                    .find(|(id, _)| *id == c)
                    .map(|(_, name)| *name)
            });
            match (name, curve) {
                (Some(name), _) => format!("EC-{name}"),
                (None, Some(curve)) => format!("EC-{curve}"),
                (None, None) => "EC".to_owned(),
            }
        }
        other => NAMED
            .iter()
            .find(|(id, _)| *id == other)
            .map_or(other.to_owned(), |(_, name)| (*name).to_owned()),
    }
}

/// The modulus size of a PKCS #1 RSA public key (`SEQUENCE { modulus, exponent }`).
fn rsa_bits(key: &[u8]) -> Option<usize> {
    use x509_cert::der::{asn1::UintRef, Reader as _, SliceReader};
    let mut reader = SliceReader::new(key).ok()?;
    let modulus = reader
        .sequence(|seq| {
            let modulus = UintRef::decode(seq)?;
            let _exponent = UintRef::decode(seq)?;
            Ok(modulus)
        })
        .ok()?;
    let bytes = modulus.as_bytes();
    let first = *bytes.first()?;
    Some((bytes.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serial(hex: &str) -> String {
        CertificateInfo {
            subject: String::new(),
            issuer: String::new(),
            serial: hex.to_owned(),
            not_before: DateTime::default(),
            not_after: DateTime::default(),
            sha1: String::new(),
            sha256: String::new(),
            key_algorithm: String::new(),
        }
        .serial_decimal()
    }

    #[test]
    fn serial_numbers_read_in_decimal_whatever_their_size_and_sign() {
        assert_eq!(serial("00"), "0");
        assert_eq!(serial("3039"), "12345");
        assert_eq!(serial("00ff"), "255");
        assert_eq!(
            serial(&"7f".repeat(16)),
            "169473963133173273960190490760135540607"
        );
        assert_eq!(
            serial(&format!("01{}", "00".repeat(19))),
            "5708990770823839524233143877797980545530986496"
        );
        assert_eq!(serial("ff"), "-1");
        assert_eq!(serial("80"), "-128");
        assert_eq!(serial("ff7f"), "-129");
    }
}
