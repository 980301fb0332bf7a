//! The changes that take one identity provider from what was read to what is declared: a
//! create, a full replacement (the live values overlaid with the declared ones), a delete.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::values::Certificate;

use super::super::plan::{certificate_value, Action, Change, FieldChange};
use super::super::Operation;
use super::declared::DeclaredProvider;
use super::{PingOneOperation, NOT_COMPARED};

/// The stored certificate `certificate` is a copy of, if the environment has one.
fn stored_id(certificate: &Certificate, stored: &[crate::pingone::Certificate]) -> Option<Uuid> {
    let is_copy = crate::pingone::stored_copy_of(certificate);
    stored.iter().find(|s| is_copy(s)).map(|s| s.id)
}

pub(super) fn create(
    env: Uuid,
    wanted: &DeclaredProvider,
    stored: &[crate::pingone::Certificate],
) -> Change {
    let mut fields: Vec<FieldChange> = wanted
        .body
        .iter()
        .filter(|(k, _)| !NOT_COMPARED.contains(&k.as_str()))
        .map(|(k, v)| FieldChange::new(k, Value::Null, v.clone()))
        .collect();
    let mut body = Value::Object(wanted.body.clone());
    let mut certificate = None;
    if let Some(c) = &wanted.certificate {
        fields.push(FieldChange::new(
            "certificate",
            Value::Null,
            certificate_value(c.info()),
        ));
        match stored_id(c, stored) {
            Some(id) => body["idpVerification"] = json!({ "certificates": [{ "id": id }] }),
            None => certificate = Some(c.to_base64()),
        }
    }
    if let Some(variable) = &wanted.secret_env {
        fields.push(FieldChange::new(
            "clientSecret",
            Value::Null,
            json!({ "secret_from_env": variable }),
        ));
    }
    Change {
        action: Action::Create,
        target: None,
        fields,
        operation: Operation::Pingone(PingOneOperation::Create {
            environment: env,
            body,
            client_secret_env: wanted.secret_env.clone(),
            certificate,
        }),
    }
}

pub(super) fn replace(
    env: Uuid,
    wanted: &DeclaredProvider,
    live: &Value,
    stored: &[crate::pingone::Certificate],
) -> Option<Change> {
    let mut fields: Vec<FieldChange> = wanted
        .body
        .iter()
        .filter(|(k, v)| !NOT_COMPARED.contains(&k.as_str()) && live.get(k.as_str()) != Some(v))
        .map(|(k, v)| {
            FieldChange::new(
                k,
                live.get(k.as_str()).cloned().unwrap_or(Value::Null),
                v.clone(),
            )
        })
        .collect();
    let mut body = live.clone();
    if let (Some(map), Value::Object(declared)) =
        (body.as_object_mut(), Value::Object(wanted.body.clone()))
    {
        for (k, v) in declared {
            if k != "idpVerification" {
                map.insert(k, v);
            }
        }
        map.remove("clientSecret");
    }
    let mut certificate = None;
    let mut rotated = false;
    if let Some(c) = &wanted.certificate {
        let live_ids: Vec<&Value> = live["idpVerification"]["certificates"]
            .as_array()
            .map(|a| a.iter().map(|c| &c["id"]).collect())
            .unwrap_or_default();
        let id = stored_id(c, stored);
        let trusted = id.is_some_and(|id| live_ids == [&json!(id)]);
        if !trusted {
            rotated = true;
            let before: Vec<Value> = live_ids
                .iter()
                .map(|id| {
                    stored
                        .iter()
                        .find(|s| json!(s.id) == **id)
                        .map(|s| json!({ "id": s.id, "serial": s.serial_number, "not_after": s.expires_at }))
                        .unwrap_or_else(|| (*id).clone())
                })
                .collect();
            fields.push(FieldChange::new(
                "certificate",
                json!(before),
                certificate_value(c.info()),
            ));
            match id {
                Some(id) => body["idpVerification"] = json!({ "certificates": [{ "id": id }] }),
                None => certificate = Some(c.to_base64()),
            }
        }
    }
    if fields.is_empty() {
        return None;
    }
    let only_certificate = rotated && fields.len() == 1;
    Some(Change {
        action: if only_certificate {
            Action::RotateCertificate
        } else {
            Action::Update
        },
        target: None,
        fields,
        operation: Operation::Pingone(PingOneOperation::Replace {
            environment: env,
            id: live_id(live),
            body,
            client_secret_env: wanted.secret_env.clone(),
            certificate,
        }),
    })
}

pub(super) fn delete(env: Uuid, live: &Value) -> Change {
    Change {
        action: Action::Delete,
        target: None,
        fields: Vec::new(),
        operation: Operation::Pingone(PingOneOperation::Delete {
            environment: env,
            id: live_id(live),
        }),
    }
}

pub(super) fn live_id(live: &Value) -> Uuid {
    live["id"]
        .as_str()
        .and_then(|id| Uuid::parse_str(id).ok())
        .unwrap_or_default()
}
