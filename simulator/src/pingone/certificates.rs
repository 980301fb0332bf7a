//! An environment's certificates (list, import as a `multipart/form-data` upload, get,
//! delete) and keys (list, get), and the references other resources make to them: an
//! identity provider's `idpVerification.certificates[].id` must name a certificate of its
//! environment, an application's `idpSigning.key.id` a key, and a certificate an identity
//! provider refers to cannot be deleted.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header::CONTENT_TYPE, HeaderMap, StatusCode},
    response::IntoResponse,
    Json,
};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::{
    errors::{bad_request, invalid, not_found, Answer, Reject},
    links::environment_url,
    rules::{environment_id, resource_id},
    state::{environment_of, Environment, PingOne, TopLevel},
    x509,
};
use crate::http::{
    clock,
    paging::{hal_page, HalQuery},
};

/// The usage types an upload may name.
const USAGE_TYPES: &[&str] = &[
    "ENCRYPTION",
    "SIGNING",
    "SSL/TLS",
    "ISSUANCE",
    "OUTBOUND_MTLS",
];

/// The two collections of this module.
#[derive(Clone, Copy)]
pub(crate) enum Held {
    Certificates,
    Keys,
}

impl Held {
    fn key(self) -> &'static str {
        match self {
            Held::Certificates => "certificates",
            Held::Keys => "keys",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Held::Certificates => "certificate",
            Held::Keys => "key",
        }
    }
}

pub(crate) async fn list(
    held: Held,
    State(api): State<Arc<PingOne>>,
    Path(env): Path<String>,
    Query(query): Query<HalQuery>,
    headers: HeaderMap,
) -> Answer {
    let env = environment_id(&env)?;
    let mut environments = api.environments.lock();
    let environment = environment_of(&mut environments, env);
    let items: Vec<&Value> = environment.held(held).values().collect();
    let url = environment_url(&headers, env, held.key());
    Ok(Json(hal_page(&items, held.key(), &url, &query, api.page_size)).into_response())
}

pub(crate) async fn get(
    held: Held,
    State(api): State<Arc<PingOne>>,
    Path((env, id)): Path<(String, String)>,
) -> Answer {
    let (env, id) = (environment_id(&env)?, resource_id(&id, held.noun())?);
    let mut environments = api.environments.lock();
    let environment = environment_of(&mut environments, env);
    let value = environment
        .held(held)
        .get(&id)
        .ok_or_else(|| not_found(held.noun()))?;
    Ok(Json(with_status(value)).into_response())
}

/// Decodes the uploaded file and stores the certificate; 202 with what was decoded.
pub(crate) async fn import(
    State(api): State<Arc<PingOne>>,
    Path(env): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let env = environment_id(&env)?;
    let form = form_fields(&headers, &body)?;
    let file = form
        .iter()
        .find(|(name, _)| name == "file")
        .map(|(_, value)| value)
        .ok_or_else(|| invalid("file", "file is required"))?;
    let usage = form
        .iter()
        .find(|(name, _)| name == "usageType")
        .map(|(_, value)| String::from_utf8_lossy(value).trim().to_owned())
        .ok_or_else(|| invalid("usageType", "usageType is required"))?;
    if !USAGE_TYPES.contains(&usage.as_str()) {
        return Err(invalid("usageType", format!("{usage} is not a usage type")));
    }
    let mut fields = x509::decode(file)
        .map_err(|why| invalid("file", format!("The file is not a certificate: {why}")))?;
    let id = Uuid::new_v4();
    let url = environment_url(&headers, env, &format!("certificates/{id}"));
    fields.insert("id".into(), json!(id));
    fields.insert("environment".into(), json!({ "id": env }));
    fields.insert("usageType".into(), json!(usage));
    fields.insert("createdAt".into(), json!(clock::now()));
    fields.insert("_links".into(), json!({ "self": { "href": url } }));
    let stored = Value::Object(fields);
    let mut environments = api.environments.lock();
    environment_of(&mut environments, env)
        .held_mut(Held::Certificates)
        .insert(id, stored.clone());
    Ok((StatusCode::ACCEPTED, Json(with_status(&stored))).into_response())
}

/// Deletes a certificate no identity provider refers to (204).
pub(crate) async fn delete(
    State(api): State<Arc<PingOne>>,
    Path((env, id)): Path<(String, String)>,
) -> Answer {
    let (env, id) = (environment_id(&env)?, resource_id(&id, "certificate")?);
    let mut environments = api.environments.lock();
    let environment = environment_of(&mut environments, env);
    if environment.held(Held::Certificates).get(&id).is_none() {
        return Err(not_found("certificate"));
    }
    if let Some(user) = environment
        .collection(TopLevel::IdentityProviders)
        .values()
        .find(|idp| verification_ids(idp).any(|used| used == id.to_string()))
    {
        return Err(bad_request(
            "INVALID_REQUEST",
            &format!(
                "The certificate is in use by the identity provider {} and cannot be deleted",
                user["id"].as_str().unwrap_or_default()
            ),
        ));
    }
    environment.held_mut(Held::Certificates).remove(&id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The references a create or replacement body makes must name resources of the environment.
pub(crate) fn check_references(
    environment: &Environment,
    top: TopLevel,
    body: &Map<String, Value>,
) -> Result<(), Reject> {
    let body = Value::Object(body.clone());
    match top {
        TopLevel::IdentityProviders => {
            for (i, id) in verification_ids(&body).enumerate() {
                if !exists(environment, Held::Certificates, id) {
                    return Err(invalid(
                        &format!("idpVerification.certificates[{i}].id"),
                        format!("No certificate {id} in this environment"),
                    ));
                }
            }
        }
        TopLevel::Applications => {
            if let Some(id) = body["idpSigning"]["key"]["id"].as_str() {
                if !exists(environment, Held::Keys, id) {
                    return Err(invalid(
                        "idpSigning.key.id",
                        format!("No key {id} in this environment"),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn exists(environment: &Environment, held: Held, id: &str) -> bool {
    Uuid::parse_str(id).is_ok_and(|id| environment.held(held).get(&id).is_some())
}

fn verification_ids(idp: &Value) -> impl Iterator<Item = &str> {
    idp["idpVerification"]["certificates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
}

/// A stored certificate or key with the status of its dates now.
fn with_status(stored: &Value) -> Value {
    let mut value = stored.clone();
    let (starts, expires) = (
        stored["startsAt"].as_str().unwrap_or_default(),
        stored["expiresAt"].as_str().unwrap_or_default(),
    );
    value["status"] = json!(x509::status(starts, expires, chrono::Utc::now()));
    value
}

/// A key to seed an environment with: the signing key applications refer to.
pub(crate) fn seeded_key(env: Uuid) -> (Uuid, Value) {
    let id = Uuid::new_v4();
    let now = chrono::Utc::now();
    let stamp =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let subject = format!("CN=PingOne SSO Certificate for environment {env}, O=Simulator");
    let key = json!({
        "id": id,
        "environment": { "id": env },
        "name": subject,
        "subjectDN": subject,
        "issuerDN": subject,
        "serialNumber": 1_575_482_494_783_i64,
        "startsAt": stamp(now - chrono::Duration::days(1)),
        "expiresAt": stamp(now + chrono::Duration::days(365)),
        "algorithm": "RSA",
        "keyLength": 2048,
        "signatureAlgorithm": "SHA256withRSA",
        "usageType": "SIGNING",
        "default": true,
        "validityPeriod": 366,
        "createdAt": stamp(now),
    });
    (id, key)
}

/// The fields of a `multipart/form-data` body, in order: (name, content).
fn form_fields(headers: &HeaderMap, body: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Reject> {
    let unreadable = || bad_request("INVALID_REQUEST", "The body must be multipart/form-data");
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unreadable)?;
    if !content_type.starts_with("multipart/form-data") {
        return Err(unreadable());
    }
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .ok_or_else(unreadable)?;
    let delimiter = format!("--{boundary}");
    let mut fields = Vec::new();
    let mut rest = body;
    let mut start = find(rest, delimiter.as_bytes()).ok_or_else(unreadable)?;
    loop {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            return Ok(fields);
        }
        let end = find(rest, delimiter.as_bytes()).ok_or_else(unreadable)?;
        let part = rest[..end].strip_prefix(b"\r\n").ok_or_else(unreadable)?;
        let part = part.strip_suffix(b"\r\n").ok_or_else(unreadable)?;
        let split = find(part, b"\r\n\r\n").ok_or_else(unreadable)?;
        let head = String::from_utf8_lossy(&part[..split]);
        let name = head
            .split("\r\n")
            .find(|line| {
                line.to_ascii_lowercase()
                    .starts_with("content-disposition:")
            })
            .and_then(|line| line.split(';').find_map(|p| p.trim().strip_prefix("name=")))
            .map(|n| n.trim_matches('"').to_owned())
            .ok_or_else(unreadable)?;
        fields.push((name, part[split + 4..].to_vec()));
        start = end;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
