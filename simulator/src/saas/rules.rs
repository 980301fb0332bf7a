//! The Customer Connection API's rules, as functions of the data they decide on.

use base64::Engine as _;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{
    errors::{bad_request, conflict, not_found, Reject},
    settings::Body,
    state::{Connection, Idp, Idps, Settings},
};
use crate::catalogue::{Application, Protocol};

/// The `application` query parameter: a saasid, when given.
pub(crate) fn application(text: Option<&str>) -> Result<Option<Uuid>, Reject> {
    text.map(|text| {
        Uuid::parse_str(text).map_err(|_| bad_request("application must be a saasid (UUID)"))
    })
    .transpose()
}

/// The applications a create connects. Requested ones must exist, be enabled and not be
/// non-multiplexed SAML; without a request, every eligible application. None at all is a 404.
pub(crate) fn targets(
    catalogue: &[Application],
    requested: Option<Vec<Uuid>>,
) -> Result<Vec<Uuid>, Reject> {
    let targets = match requested {
        Some(ids) => {
            for id in &ids {
                let app = catalogue.iter().find(|a| a.saasid == *id).ok_or_else(|| {
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
        None => catalogue
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
    Ok(targets)
}

/// Connects `targets` (enabled) to the idpId, whose shared settings become `settings`. A
/// connection that exists already is a 409, and then nothing changes.
pub(crate) fn connect(
    idps: &mut Idps,
    idp_id: String,
    settings: Settings,
    targets: &[Uuid],
    multiplexed: bool,
) -> Result<(), Reject> {
    if let Some(existing) = idps.get(&idp_id) {
        if let Some(id) = targets
            .iter()
            .find(|id| existing.connections.contains_key(id))
        {
            return Err(conflict(format!(
                "A connection of {idp_id} to application {id} already exists"
            )));
        }
    }
    let idp = idps.entry(idp_id).or_insert_with(|| Idp {
        settings: settings.clone(),
        connections: Default::default(),
    });
    idp.settings = settings;
    for id in targets {
        idp.connections.insert(
            *id,
            Connection {
                multiplexed,
                enabled: true,
            },
        );
    }
    Ok(())
}

/// A read: the connection of `application` alone when it has one; otherwise (no match, or no
/// `application`) every connection of the idpId.
pub(crate) fn items(idp_id: &str, idp: &Idp, application: Option<Uuid>) -> Vec<Value> {
    match application.and_then(|id| idp.connections.get(&id)) {
        Some(connection) => vec![item(idp_id, &idp.settings, connection)],
        None => idp
            .connections
            .values()
            .map(|c| item(idp_id, &idp.settings, c))
            .collect(),
    }
}

/// An update of the idpId's settings, and of `multiplexed` on the connections in `requested`
/// (all of them without). The body's idpId is ignored. Everything is checked before anything
/// changes.
pub(crate) fn update(
    idp_id: &str,
    idp: &mut Idp,
    body: &Body,
    requested: Option<&[Uuid]>,
    multiplexed: Option<bool>,
) -> Result<(), Reject> {
    if let Some(ids) = requested {
        if let Some(id) = ids.iter().find(|id| !idp.connections.contains_key(id)) {
            return Err(not_found(format!(
                "{idp_id} has no connection to application {id}"
            )));
        }
    }
    let mut settings = idp.settings.clone();
    settings.apply_update(body)?;
    idp.settings = settings;
    if let Some(multiplexed) = multiplexed {
        for (id, connection) in idp.connections.iter_mut() {
            if requested.is_none_or(|ids| ids.contains(id)) {
                connection.multiplexed = multiplexed;
            }
        }
    }
    Ok(())
}

/// Enables or disables one application's connection, or all of them; enabling all touches only
/// connections of `enabled_apps`. Whether anything changed (a 304 when not).
pub(crate) fn switch(
    idp_id: &str,
    idp: &mut Idp,
    application: Option<Uuid>,
    enabled: bool,
    enabled_apps: &[Uuid],
) -> Result<bool, Reject> {
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
            None => !enabled || enabled_apps.contains(id),
        };
        if in_scope && connection.enabled != enabled {
            connection.enabled = enabled;
            changed = true;
        }
    }
    Ok(changed)
}

/// Deletes one application's connection, or without `application` every connection of the
/// idpId; the idpId goes with its last connection.
pub(crate) fn delete(
    idps: &mut Idps,
    idp_id: &str,
    application: Option<Uuid>,
) -> Result<(), Reject> {
    let missing = || not_found("Connections not found for the specified idpid and saasid");
    match application {
        None => {
            idps.remove(idp_id).ok_or_else(missing)?;
        }
        Some(id) => {
            let idp = idps.get_mut(idp_id).ok_or_else(missing)?;
            idp.connections.remove(&id).ok_or_else(missing)?;
            if idp.connections.is_empty() {
                idps.remove(idp_id);
            }
        }
    }
    Ok(())
}

/// One connection as a read shows it.
fn item(idp_id: &str, s: &Settings, connection: &Connection) -> Value {
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

/// MIME base64: lines of 76 characters.
fn mime_base64(der: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    text.as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).expect("base64 is ASCII"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{default_catalogue, ANALYTICS, BETA, CRM, LEGACY_PORTAL};
    use crate::saas::settings::tests::settings;

    fn status(result: Result<impl std::fmt::Debug, Reject>) -> u16 {
        result.unwrap_err().status.as_u16()
    }

    fn connected(apps: &[Uuid]) -> Idps {
        let mut idps = Idps::new();
        connect(&mut idps, "acme".into(), settings(), apps, true).unwrap();
        idps
    }

    #[test]
    fn a_create_connects_eligible_applications_only() {
        let catalogue = default_catalogue();
        assert_eq!(targets(&catalogue, None).unwrap(), [CRM, ANALYTICS]);
        assert_eq!(
            targets(&catalogue, Some(vec![ANALYTICS])).unwrap(),
            [ANALYTICS]
        );
        assert_eq!(status(targets(&catalogue, Some(vec![LEGACY_PORTAL]))), 400);
        assert_eq!(status(targets(&catalogue, Some(vec![BETA]))), 400);
        assert_eq!(status(targets(&catalogue, Some(vec![Uuid::nil()]))), 404);
        assert_eq!(status(targets(&[], None)), 404);
    }

    #[test]
    fn connecting_twice_is_a_conflict_that_changes_nothing() {
        let mut idps = connected(&[CRM]);
        let mut other = settings();
        other.email = "other@acme.example".into();
        assert_eq!(
            status(connect(
                &mut idps,
                "acme".into(),
                other.clone(),
                &[CRM],
                false
            )),
            409
        );
        assert_eq!(idps["acme"].settings, settings());
        connect(&mut idps, "acme".into(), other.clone(), &[ANALYTICS], false).unwrap();
        assert_eq!(
            idps["acme"].settings, other,
            "settings are shared per idpId"
        );
        assert_eq!(idps["acme"].connections.len(), 2);
    }

    #[test]
    fn a_scoped_read_falls_back_to_every_connection() {
        let idps = connected(&[CRM, ANALYTICS]);
        let idp = &idps["acme"];
        assert_eq!(items("acme", idp, Some(CRM)).len(), 1);
        assert_eq!(items("acme", idp, Some(BETA)).len(), 2);
        assert_eq!(items("acme", idp, None).len(), 2);
        assert_eq!(items("acme", idp, None)[0]["connectionsStatus"], "Active");
    }

    #[test]
    fn updates_set_multiplexed_per_connection_in_scope() {
        let mut idps = connected(&[CRM, ANALYTICS]);
        let idp = idps.get_mut("acme").unwrap();
        let body = Body::parse(br#"{"email": "new@acme.example"}"#).unwrap();
        update("acme", idp, &body, Some(&[CRM]), Some(false)).unwrap();
        assert!(!idp.connections[&CRM].multiplexed);
        assert!(idp.connections[&ANALYTICS].multiplexed);
        assert_eq!(idp.settings.email, "new@acme.example");
        assert_eq!(status(update("acme", idp, &body, Some(&[BETA]), None)), 404);
    }

    #[test]
    fn switching_reports_whether_anything_changed() {
        let mut idps = connected(&[CRM, ANALYTICS]);
        let idp = idps.get_mut("acme").unwrap();
        assert!(switch("acme", idp, Some(CRM), false, &[]).unwrap());
        assert!(!switch("acme", idp, Some(CRM), false, &[]).unwrap());
        assert!(switch("acme", idp, None, false, &[]).unwrap());
        // Enabling everything skips the connections of disabled applications.
        assert!(switch("acme", idp, None, true, &[ANALYTICS]).unwrap());
        assert!(!idp.connections[&CRM].enabled);
        assert_eq!(status(switch("acme", idp, Some(BETA), true, &[])), 404);
    }

    #[test]
    fn the_last_deleted_connection_takes_the_idp_id_along() {
        let mut idps = connected(&[CRM, ANALYTICS]);
        delete(&mut idps, "acme", Some(CRM)).unwrap();
        assert_eq!(status(delete(&mut idps, "acme", Some(CRM))), 404);
        delete(&mut idps, "acme", Some(ANALYTICS)).unwrap();
        assert!(idps.is_empty());
        assert_eq!(status(delete(&mut idps, "acme", None)), 404);
    }

    #[test]
    fn certificates_read_as_mime_base64() {
        let text = mime_base64(&[0u8; 100]);
        let lines: Vec<_> = text.lines().map(str::len).collect();
        assert_eq!(lines, [76, 60]);
    }

    #[test]
    fn the_application_parameter_is_a_saasid() {
        assert_eq!(application(None).unwrap(), None);
        assert_eq!(application(Some(&CRM.to_string())).unwrap(), Some(CRM));
        assert_eq!(status(application(Some("crm"))), 400);
    }
}
