//! What PingOne reports about an uploaded certificate, decoded from the file: PEM (the first
//! `CERTIFICATE` block) or DER.

use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};
use x509_cert::der::{Decode as _, Encode as _};

/// The certificate's fields as the API names them, or why the file is not a certificate.
pub(crate) fn decode(file: &[u8]) -> Result<Map<String, Value>, String> {
    let der = der_of(file)?;
    let cert = x509_cert::Certificate::from_der(&der).map_err(|e| format!("not X.509: {e}"))?;
    let tbs = &cert.tbs_certificate;
    let when = |t: &x509_cert::time::Time| -> String {
        let secs = t.to_unix_duration().as_secs() as i64;
        DateTime::<Utc>::from_timestamp(secs, 0)
            .unwrap_or_default()
            .to_rfc3339_opts(SecondsFormat::Millis, true)
    };
    let subject = tbs.subject.to_string();
    let spki = &tbs.subject_public_key_info;
    let (algorithm, key_length) = match spki.algorithm.oid.to_string().as_str() {
        "1.2.840.113549.1.1.1" => ("RSA", rsa_bits(spki.subject_public_key.raw_bytes())),
        "1.2.840.10045.2.1" => ("EC", curve_bits(spki.algorithm.parameters.as_ref())),
        _ => ("UNKNOWN", None),
    };
    let signature = match cert.signature_algorithm.oid.to_string().as_str() {
        "1.2.840.113549.1.1.11" => "SHA256withRSA",
        "1.2.840.113549.1.1.12" => "SHA384withRSA",
        "1.2.840.113549.1.1.13" => "SHA512withRSA",
        "1.2.840.10045.4.3.2" => "SHA256withECDSA",
        "1.2.840.10045.4.3.3" => "SHA384withECDSA",
        "1.2.840.10045.4.3.4" => "SHA512withECDSA",
        other => return Err(format!("unsupported signature algorithm {other}")),
    };
    let mut fields = Map::new();
    fields.insert("name".into(), json!(subject));
    fields.insert("subjectDN".into(), json!(subject));
    fields.insert("issuerDN".into(), json!(tbs.issuer.to_string()));
    fields.insert("serialNumber".into(), serial(tbs.serial_number.as_bytes()));
    fields.insert("startsAt".into(), json!(when(&tbs.validity.not_before)));
    fields.insert("expiresAt".into(), json!(when(&tbs.validity.not_after)));
    fields.insert("algorithm".into(), json!(algorithm));
    if let Some(bits) = key_length {
        fields.insert("keyLength".into(), json!(bits));
    }
    fields.insert("signatureAlgorithm".into(), json!(signature));
    Ok(fields)
}

/// The status PingOne computes from the validity period at `now` (expiring: within 30 days).
pub(crate) fn status(starts: &str, expires: &str, now: DateTime<Utc>) -> &'static str {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc));
    match (at(starts), at(expires)) {
        (Ok(start), _) if now < start => "NOT_YET_VALID",
        (_, Ok(end)) if now >= end => "EXPIRED",
        (_, Ok(end)) if end - now <= chrono::Duration::days(30) => "EXPIRING",
        _ => "VALID",
    }
}

fn der_of(file: &[u8]) -> Result<Vec<u8>, String> {
    let text = String::from_utf8_lossy(file);
    let Some(start) = text.find("-----BEGIN CERTIFICATE-----") else {
        return Ok(file.to_vec());
    };
    let body = &text[start + "-----BEGIN CERTIFICATE-----".len()..];
    let end = body
        .find("-----END CERTIFICATE-----")
        .ok_or("a PEM block without its END line")?;
    let base64: String = body[..end].split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(base64)
        .map_err(|e| format!("PEM that is not base64: {e}"))
}

/// A serial number: a JSON number when it fits in 63 bits (as PingOne sends them), its decimal
/// text otherwise (see the spec's `CertificateSerialNumber`).
fn serial(bytes: &[u8]) -> Value {
    let digits = decimal(bytes);
    match digits.parse::<i64>() {
        Ok(n) => json!(n),
        Err(_) => json!(digits),
    }
}

/// Big-endian unsigned bytes in decimal.
fn decimal(bytes: &[u8]) -> String {
    let mut number: Vec<u8> = bytes.to_vec();
    let mut digits = Vec::new();
    while number.iter().any(|b| *b != 0) {
        let mut rest = 0u32;
        for byte in number.iter_mut() {
            let value = (rest << 8) | u32::from(*byte);
            *byte = (value / 10) as u8;
            rest = value % 10;
        }
        digits.push(b'0' + rest as u8);
    }
    if digits.is_empty() {
        return "0".into();
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// The modulus size of an RSA public key (`SEQUENCE { INTEGER n, INTEGER e }`).
fn rsa_bits(key: &[u8]) -> Option<u32> {
    let (tag, seq, _) = tlv(key)?;
    let (tag_n, n, _) = tlv(seq)?;
    (tag == 0x30 && tag_n == 0x02).then_some(())?;
    let n = match n.iter().position(|b| *b != 0) {
        Some(first) => &n[first..],
        None => return Some(0),
    };
    Some(n.len() as u32 * 8 - n[0].leading_zeros())
}

/// The size of a named curve.
fn curve_bits(parameters: Option<&x509_cert::der::Any>) -> Option<u32> {
    let oid = parameters?.to_der().ok()?;
    let oid = x509_cert::der::asn1::ObjectIdentifier::from_der(&oid).ok()?;
    match oid.to_string().as_str() {
        "1.2.840.10045.3.1.7" => Some(256),
        "1.3.132.0.34" => Some(384),
        "1.3.132.0.35" => Some(521),
        _ => None,
    }
}

/// One DER tag-length-value: (tag, value, what follows).
fn tlv(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        let (len_bytes, rest) = (rest.get(..count)?, rest.get(count..)?);
        (
            len_bytes
                .iter()
                .fold(0usize, |n, b| (n << 8) | usize::from(*b)),
            rest,
        )
    };
    Some((tag, rest.get(..length)?, rest.get(length..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_decimal() {
        assert_eq!(decimal(&[0x01, 0x00]), "256");
        assert_eq!(decimal(&[0x00]), "0");
        assert_eq!(
            serial(&[0x7f; 16]),
            json!("169473963133173273960190490760135540607")
        );
        assert_eq!(serial(&[0x30, 0x39]), json!(12345));
    }

    #[test]
    fn status_follows_the_dates() {
        let now = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            status("2031-01-01T00:00:00Z", "2032-01-01T00:00:00Z", now),
            "NOT_YET_VALID"
        );
        assert_eq!(
            status("2020-01-01T00:00:00Z", "2029-01-01T00:00:00Z", now),
            "EXPIRED"
        );
        assert_eq!(
            status("2020-01-01T00:00:00Z", "2030-01-10T00:00:00Z", now),
            "EXPIRING"
        );
        assert_eq!(
            status("2020-01-01T00:00:00Z", "2031-01-01T00:00:00Z", now),
            "VALID"
        );
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(decode(b"hello").is_err());
        assert!(decode(b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----").is_err());
    }
}
