//! The Customer Connection API (`spManaged/{idpId}`), with every documented rule:
//! settings shared per idpId, `multiplexed` per connection, eligibility of applications,
//! 409 on an existing connection, `""` clears SLO endpoints, the body idpId of an update is
//! ignored, 304 when enable/disable change nothing, the scoped read's fallback to all
//! connections, and delete-all without `application`.

use std::collections::{BTreeMap, HashMap};

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{post, put},
    Json, Router,
};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;
use x509_cert::der::Decode as _;

use crate::{catalogue::Protocol, Shared};

/// Path under which the API is served, as in the vendor's base URL.
pub const BASE_PATH: &str = "/web-portal/rest/saas/idp/2.0";

/// The connections of one idpId: one copy of the shared settings, one entry per application.
#[derive(Clone, Debug)]
pub(crate) struct Idp {
    settings: Settings,
    connections: BTreeMap<Uuid, Connection>,
}

#[derive(Clone, Debug)]
struct Connection {
    multiplexed: bool,
    enabled: bool,
}

#[derive(Clone, Debug)]
struct Settings {
    email: String,
    entity_id: String,
    sso_endpoint: String,
    signing_certificate: Vec<u8>,
    slo_endpoint: Option<String>,
    slo_response_endpoint: Option<String>,
    slo_binding: String,
    sign_authn_request: bool,
    signing_cert_fingerprint: Option<String>,
    signing_algorithm: String,
}

/// The routes, relative to [`BASE_PATH`].
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/spManaged/{idp_id}",
            put(create).get(read).post(update).delete(delete),
        )
        .route("/spManaged/disable/{idp_id}", post(disable))
        .route("/spManaged/enable/{idp_id}", post(enable))
}

#[derive(Deserialize)]
struct Scope {
    application: Option<String>,
}

type Answer = Result<Response, Reject>;

/// A refused request: its status and the message sent back as `{"message": …}`.
#[derive(Debug)]
pub(crate) struct Reject {
    status: StatusCode,
    message: String,
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "message": self.message }))).into_response()
    }
}

fn fail(status: StatusCode, message: impl Into<String>) -> Reject {
    Reject {
        status,
        message: message.into(),
    }
}

fn bad_request(message: impl Into<String>) -> Reject {
    fail(StatusCode::BAD_REQUEST, message)
}

fn not_found(message: impl Into<String>) -> Reject {
    fail(StatusCode::NOT_FOUND, message)
}

fn parse_application(scope: &Scope) -> Result<Option<Uuid>, Reject> {
    scope
        .application
        .as_deref()
        .map(|text| {
            Uuid::parse_str(text).map_err(|_| bad_request("application must be a saasid (UUID)"))
        })
        .transpose()
}

async fn create(State(shared): State<Shared>, Path(idp_id): Path<String>, body: Bytes) -> Answer {
    let body = Body::parse(&body)?;
    let settings = Settings::from_create(&body)?;
    let multiplexed = body.bool("multiplexed")?.unwrap_or(true);
    let requested = body.applications()?;

    let mut world = shared.lock();
    let targets: Vec<Uuid> = match requested {
        Some(ids) => {
            for id in &ids {
                let app = world.application(*id).ok_or_else(|| {
                    not_found(format!("No available application found with saasid {id}"))
                })?;
                if !app.enabled {
                    return Err(bad_request(format!("Application {id} is disabled")));
                }
                if app.protocol == Protocol::Saml && !app.multiplexed {
                    return Err(bad_request(format!(
                        "Application {id} is a non-multiplexed SAML application"
                    )));
                }
            }
            ids
        }
        None => world
            .catalogue
            .iter()
            .filter(|a| a.eligible())
            .map(|a| a.saasid)
            .collect(),
    };
    if targets.is_empty() {
        return Err(not_found(
            "No available application found with given parameters",
        ));
    }
    if let Some(existing) = world.saas.get(&idp_id) {
        if let Some(id) = targets
            .iter()
            .find(|id| existing.connections.contains_key(id))
        {
            return Err(fail(
                StatusCode::CONFLICT,
                format!("A connection of {idp_id} to application {id} already exists"),
            ));
        }
    }
    let idp = world.saas.entry(idp_id).or_insert_with(|| Idp {
        settings: settings.clone(),
        connections: BTreeMap::new(),
    });
    idp.settings = settings;
    for id in targets {
        idp.connections.insert(
            id,
            Connection {
                multiplexed,
                enabled: true,
            },
        );
    }
    Ok(StatusCode::CREATED.into_response())
}

async fn read(
    State(shared): State<Shared>,
    Path(idp_id): Path<String>,
    Query(scope): Query<Scope>,
) -> Answer {
    let application = parse_application(&scope)?;
    let world = shared.lock();
    let idp = world
        .saas
        .get(&idp_id)
        .ok_or_else(|| not_found("No available application found with given parameters"))?;
    let items: Vec<Value> = match application.and_then(|id| idp.connections.get(&id)) {
        // A saasid that matches returns that connection alone ...
        Some(connection) => vec![idp.item(&idp_id, connection)],
        // ... one that does not (or none) returns every connection of the idpId.
        None => idp
            .connections
            .values()
            .map(|c| idp.item(&idp_id, c))
            .collect(),
    };
    Ok(Json(items).into_response())
}

async fn update(State(shared): State<Shared>, Path(idp_id): Path<String>, body: Bytes) -> Answer {
    let body = Body::parse(&body)?;
    let requested = body.applications()?;
    let multiplexed = body.bool("multiplexed")?;
    let mut world = shared.lock();
    let idp = world
        .saas
        .get_mut(&idp_id)
        .ok_or_else(|| not_found(format!("No connection exists for idpId {idp_id}")))?;
    if let Some(ids) = &requested {
        if let Some(id) = ids.iter().find(|id| !idp.connections.contains_key(id)) {
            return Err(not_found(format!(
                "{idp_id} has no connection to application {id}"
            )));
        }
    }
    // Validate everything before changing anything. The body's idpId is ignored.
    let mut settings = idp.settings.clone();
    settings.apply_update(&body)?;
    idp.settings = settings;
    if let Some(multiplexed) = multiplexed {
        for (id, connection) in idp.connections.iter_mut() {
            if requested.as_ref().is_none_or(|ids| ids.contains(id)) {
                connection.multiplexed = multiplexed;
            }
        }
    }
    Ok(StatusCode::OK.into_response())
}

async fn disable(state: State<Shared>, idp_id: Path<String>, scope: Query<Scope>) -> Answer {
    switch(state, idp_id, scope, false)
}

async fn enable(state: State<Shared>, idp_id: Path<String>, scope: Query<Scope>) -> Answer {
    switch(state, idp_id, scope, true)
}

fn switch(
    State(shared): State<Shared>,
    Path(idp_id): Path<String>,
    Query(scope): Query<Scope>,
    enabled: bool,
) -> Answer {
    let application = parse_application(&scope)?;
    let mut world = shared.lock();
    let enabled_apps: Vec<Uuid> = world
        .catalogue
        .iter()
        .filter(|a| a.enabled)
        .map(|a| a.saasid)
        .collect();
    let idp = world
        .saas
        .get_mut(&idp_id)
        .ok_or_else(|| not_found(format!("No connection exists for idpId {idp_id}")))?;
    if let Some(id) = application {
        if !idp.connections.contains_key(&id) {
            return Err(not_found(format!(
                "{idp_id} has no connection to application {id}"
            )));
        }
    }
    let mut changed = false;
    for (id, connection) in idp.connections.iter_mut() {
        let in_scope = match application {
            Some(only) => *id == only,
            // Enabling everything touches only connections of enabled applications.
            None => !enabled || enabled_apps.contains(id),
        };
        if in_scope && connection.enabled != enabled {
            connection.enabled = enabled;
            changed = true;
        }
    }
    Ok(if changed {
        StatusCode::OK
    } else {
        StatusCode::NOT_MODIFIED
    }
    .into_response())
}

async fn delete(
    State(shared): State<Shared>,
    Path(idp_id): Path<String>,
    Query(scope): Query<Scope>,
) -> Answer {
    let application = parse_application(&scope)?;
    let mut world = shared.lock();
    let missing = || not_found("Connections not found for the specified idpid and saasid");
    match application {
        None => {
            world.saas.remove(&idp_id).ok_or_else(missing)?;
        }
        Some(id) => {
            let idp = world.saas.get_mut(&idp_id).ok_or_else(missing)?;
            idp.connections.remove(&id).ok_or_else(missing)?;
            if idp.connections.is_empty() {
                world.saas.remove(&idp_id);
            }
        }
    }
    Ok(StatusCode::OK.into_response())
}

impl Idp {
    /// One connection as the GET answer shows it.
    fn item(&self, idp_id: &str, connection: &Connection) -> Value {
        let s = &self.settings;
        let mut item = json!({
            "email": s.email,
            "idpId": idp_id,
            "entityId": s.entity_id,
            "ssoEndpoint": s.sso_endpoint,
            "signingCertificate": mime_base64(&s.signing_certificate),
            "multiplexed": connection.multiplexed,
            "sloBinding": s.slo_binding,
            "signAuthnRequest": s.sign_authn_request,
            "signingAlgorithm": s.signing_algorithm,
            "connectionsStatus": if connection.enabled { "Active" } else { "Disabled" },
        });
        for (key, value) in [
            ("sloEndpoint", &s.slo_endpoint),
            ("sloResponseEndpoint", &s.slo_response_endpoint),
        ] {
            if let Some(value) = value {
                item[key] = json!(value);
            }
        }
        item
    }
}

/// MIME base64: 76-character lines.
fn mime_base64(der: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    text.as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).expect("base64 is ASCII"))
        .collect::<Vec<_>>()
        .join("\n")
}

const SLO_BINDINGS: &[&str] = &["Redirect", "POST"];
const ALGORITHMS: &[&str] = &["RSA_SHA1", "RSA_SHA256", "RSA_SHA384", "RSA_SHA512"];

impl Settings {
    fn from_create(body: &Body) -> Result<Self, Reject> {
        let required = |name: &str| {
            body.str(name)?
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| bad_request(format!("{name} is required")))
        };
        let mut settings = Settings {
            email: required("email")?,
            entity_id: required("entityId")?,
            sso_endpoint: url(required("ssoEndpoint")?, "ssoEndpoint")?,
            signing_certificate: certificate(&required("signingCertificateData")?)?,
            slo_endpoint: None,
            slo_response_endpoint: None,
            slo_binding: "POST".into(),
            sign_authn_request: false,
            signing_cert_fingerprint: None,
            signing_algorithm: "RSA_SHA256".into(),
        };
        settings.apply_update(body)?;
        Ok(settings)
    }

    /// Changes what the body carries; `""` clears an SLO endpoint.
    fn apply_update(&mut self, body: &Body) -> Result<(), Reject> {
        if let Some(email) = body.str("email")? {
            self.email = email;
        }
        if let Some(entity_id) = body.str("entityId")? {
            self.entity_id = entity_id;
        }
        if let Some(sso) = body.str("ssoEndpoint")? {
            self.sso_endpoint = url(sso, "ssoEndpoint")?;
        }
        if let Some(cert) = body.str("signingCertificateData")? {
            self.signing_certificate = certificate(&cert)?;
        }
        for (name, slot) in [
            ("sloEndpoint", &mut self.slo_endpoint),
            ("sloResponseEndpoint", &mut self.slo_response_endpoint),
        ] {
            match body.str(name)? {
                Some(value) if value.is_empty() => *slot = None,
                Some(value) => *slot = Some(url(value, name)?),
                None => {}
            }
        }
        if let Some(binding) = body.one_of("sloBinding", SLO_BINDINGS)? {
            self.slo_binding = binding;
        }
        if let Some(algorithm) = body.one_of("signingAlgorithm", ALGORITHMS)? {
            self.signing_algorithm = algorithm;
        }
        if let Some(sign) = body.bool("signAuthnRequest")? {
            self.sign_authn_request = sign;
        }
        if let Some(fingerprint) = body.str("signingCertFingerprint")? {
            self.signing_cert_fingerprint = Some(fingerprint);
        }
        Ok(())
    }
}

fn url(value: String, name: &str) -> Result<String, Reject> {
    if value.starts_with("http://") || value.starts_with("https://") {
        Ok(value)
    } else {
        Err(bad_request(format!("{name} must be an http(s) URL")))
    }
}

fn certificate(text: &str) -> Result<Vec<u8>, Reject> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|_| bad_request("signingCertificateData is not base64"))?;
    x509_cert::Certificate::from_der(&der)
        .map_err(|_| bad_request("signingCertificateData is not an X.509 certificate"))?;
    Ok(der)
}

/// A JSON object body with typed field access; wrong types are 400s.
struct Body(Map<String, Value>);

impl Body {
    fn parse(bytes: &[u8]) -> Result<Self, Reject> {
        match serde_json::from_slice(bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(bad_request("The body must be a JSON object")),
        }
    }

    fn str(&self, name: &str) -> Result<Option<String>, Reject> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad_request(format!("{name} must be a string"))),
        }
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, Reject> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(bad_request(format!("{name} must be true or false"))),
        }
    }

    fn one_of(&self, name: &str, allowed: &[&str]) -> Result<Option<String>, Reject> {
        match self.str(name)? {
            Some(value) if !allowed.contains(&value.as_str()) => Err(bad_request(format!(
                "{name} must be one of {}",
                allowed.join(", ")
            ))),
            other => Ok(other),
        }
    }

    fn applications(&self) -> Result<Option<Vec<Uuid>>, Reject> {
        let Some(value) = self.0.get("applications") else {
            return Ok(None);
        };
        let invalid = || bad_request("applications must be a non-empty array of distinct saasids");
        let items = value
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(invalid)?;
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            let id = item
                .as_str()
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(invalid)?;
            if ids.contains(&id) {
                return Err(invalid());
            }
            ids.push(id);
        }
        Ok(Some(ids))
    }
}

/// The state of the SaaS API: connections by idpId.
pub(crate) type Connections = HashMap<String, Idp>;

/// Connections over every idpId.
pub(crate) fn connection_count(connections: &Connections) -> usize {
    connections.values().map(|idp| idp.connections.len()).sum()
}
