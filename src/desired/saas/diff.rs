//! The changes that take one `idpId` from what was read to what is declared, in the order
//! they are applied: shared settings, certificate, new connections, `multiplexed`, enable and
//! disable; deletions (applied after everything else).

use serde_json::{json, Value};
use uuid::Uuid;

use super::super::plan::{certificate_value, Action, Change, FieldChange};
use super::super::Operation;
use super::live::{Attributed, Attribution, Live, LiveItem};
use super::settings::{Declared, SaasSettings};
use super::{DeclaredApp, MultiplexedFor, SaasOperation};

/// The state of a connection a create just made.
const CREATED_STATUS: &str = "Active";

/// Changes and notes collected for one `idpId`.
pub(super) struct Planned<'n> {
    pub(super) changes: Vec<Change>,
    pub(super) notes: Vec<String>,
    /// Whether the plan assumed whose the `idpId`'s only connection is.
    pub(super) assumed: bool,
    /// The document's names of applications, to show them by name.
    names: &'n [(String, Uuid)],
}

impl<'n> Planned<'n> {
    /// Nothing planned yet; applications are shown with the names in `names`.
    pub(super) fn naming(names: &'n [(String, Uuid)]) -> Self {
        Self {
            changes: Vec::new(),
            notes: Vec::new(),
            assumed: false,
            names,
        }
    }

    /// `crm (6964005a-…)` for a named application, the saasid alone otherwise.
    fn label(&self, id: Uuid) -> String {
        match self.names.iter().find(|(_, named)| *named == id) {
            Some((name, _)) => format!("{name} ({id})"),
            None => id.to_string(),
        }
    }

    /// Every connection goes (`ensure = "absent"`).
    pub(super) fn delete_all(&mut self, idp_id: &str, live: &Live) {
        self.push(
            Action::Delete,
            Some(format!("all {} connection(s)", live.count())),
            Vec::new(),
            SaasOperation::Delete {
                idp_id: idp_id.to_owned(),
                application: None,
            },
        );
    }

    /// Nothing exists: one create per `multiplexed` value, then the disables.
    pub(super) fn create_all(&mut self, idp_id: &str, declared: &Declared, apps: &[DeclaredApp]) {
        for multiplexed in [true, false] {
            let ids: Vec<Uuid> = apps
                .iter()
                .filter(|a| a.multiplexed == multiplexed)
                .map(|a| a.id)
                .collect();
            if !ids.is_empty() {
                self.create(idp_id, declared, &ids, multiplexed);
            }
        }
        for app in apps.iter().filter(|a| !a.enabled) {
            self.switch(idp_id, app.id, false, Some(CREATED_STATUS.to_owned()));
        }
    }

    /// The `idpId` exists: compare its shared settings and each declared application.
    pub(super) fn reconcile(
        &mut self,
        idp_id: &str,
        declared: &Declared,
        live: &Live,
        attributed: &Attributed,
    ) {
        self.settings(idp_id, declared, live.shared());
        for (app, attribution) in &attributed.0 {
            match attribution {
                Attribution::NotConnected => {
                    self.create(idp_id, declared, &[app.id], app.multiplexed);
                    if !app.enabled {
                        self.switch(idp_id, app.id, false, Some(CREATED_STATUS.to_owned()));
                    }
                }
                Attribution::Unknown => {
                    self.notes.push(format!(
                        "cannot tell whether application {} is connected (the idpId has one \
                         connection, which the API does not attribute); it is created (a 409 \
                         answer counts as already there), then its `multiplexed` and state are \
                         set, which changes nothing when they are already so",
                        self.label(app.id)
                    ));
                    self.create(idp_id, declared, &[app.id], app.multiplexed);
                    self.multiplexed(idp_id, app, None);
                    self.switch(idp_id, app.id, app.enabled, None);
                }
                Attribution::Found(item) => self.application(idp_id, app, item),
                Attribution::Assumed(item) => {
                    self.assumed = true;
                    self.application(idp_id, app, item);
                }
            }
        }
        if self.assumed && !self.changes.is_empty() {
            self.notes.push(format!(
                "the idpId has one connection; the API cannot say whose, so it is assumed to be \
                 application {}'s (changes to it are scoped to that application, so a wrong \
                 assumption is refused with 404 and changes nothing)",
                self.label(attributed.0[0].0.id)
            ));
        }
    }

    /// Connections no declared application accounts for: deleted when pruning and named in
    /// `saas.applications`, reported otherwise.
    pub(super) fn undeclared(
        &mut self,
        idp_id: &str,
        unattributed: usize,
        named: &[(String, Uuid)],
        prune: bool,
    ) {
        if !prune {
            self.notes.push(format!(
                "{unattributed} connection(s) belong to applications the document does not \
                 declare for this idpId; left alone (plan with prune to delete those named in \
                 saas.applications)"
            ));
            return;
        }
        for (_, id) in named {
            self.push(
                Action::Delete,
                Some(format!("application {}", self.label(*id))),
                Vec::new(),
                SaasOperation::Delete {
                    idp_id: idp_id.to_owned(),
                    application: Some(*id),
                },
            );
        }
        let unnamed = unattributed.saturating_sub(named.len());
        if unnamed > 0 {
            self.notes.push(format!(
                "{unnamed} connection(s) belong to applications not named in saas.applications; \
                 the API cannot say which, so they are left alone"
            ));
        }
    }

    fn create(&mut self, idp_id: &str, declared: &Declared, ids: &[Uuid], multiplexed: bool) {
        let mut fields = created_fields(declared);
        fields.push(FieldChange::new(
            "multiplexed",
            Value::Null,
            json!(multiplexed),
        ));
        let names: Vec<String> = ids.iter().map(|id| self.label(*id)).collect();
        self.push(
            Action::Create,
            Some(format!("application(s) {}", names.join(", "))),
            fields,
            SaasOperation::Create {
                idp_id: idp_id.to_owned(),
                applications: ids.to_vec(),
                multiplexed,
                settings: declared.settings.clone(),
            },
        );
    }

    fn settings(&mut self, idp_id: &str, declared: &Declared, live: &LiveItem) {
        let want = &declared.settings;
        let mut patch = SaasSettings::default();
        let mut fields = Vec::new();
        let mut text = |field: &str, wanted: &Option<String>, have: &Option<String>| {
            let Some(wanted) = wanted else { return None };
            let wanted = Some(wanted.as_str()).filter(|v| !v.is_empty());
            let have = have.as_deref().filter(|v| !v.is_empty());
            (wanted != have).then(|| {
                fields.push(FieldChange::new(field, json!(have), json!(wanted)));
                wanted.unwrap_or_default().to_owned()
            })
        };
        patch.email = text("email", &want.email, &live.email);
        patch.entity_id = text("entity_id", &want.entity_id, &live.entity_id);
        patch.sso_endpoint = text("sso_endpoint", &want.sso_endpoint, &live.sso_endpoint);
        patch.slo_endpoint = text("slo_endpoint", &want.slo_endpoint, &live.slo_endpoint);
        patch.slo_response_endpoint = text(
            "slo_response_endpoint",
            &want.slo_response_endpoint,
            &live.slo_response_endpoint,
        );
        let binding = want
            .slo_binding
            .map(|b| super::settings::slo_binding(b).to_string());
        if text("slo_binding", &binding, &live.slo_binding).is_some() {
            patch.slo_binding = want.slo_binding;
        }
        let algorithm = want
            .signing_algorithm
            .map(|a| super::settings::signing_algorithm(a).to_string());
        if text("signing_algorithm", &algorithm, &live.signing_algorithm).is_some() {
            patch.signing_algorithm = want.signing_algorithm;
        }
        if let Some(sign) = want.sign_authn_request {
            if live.sign_authn_request != Some(sign) {
                fields.push(FieldChange::new(
                    "sign_authn_request",
                    json!(live.sign_authn_request),
                    json!(sign),
                ));
                patch.sign_authn_request = Some(sign);
            }
        }
        if !fields.is_empty() {
            self.push(
                Action::Update,
                None,
                fields,
                SaasOperation::Update {
                    idp_id: idp_id.to_owned(),
                    settings: patch,
                    multiplexed: None,
                },
            );
        }
        if let Some(certificate) = &declared.certificate {
            if live.certificate.as_deref() != Some(certificate.info().sha256.as_str()) {
                let before = match (&live.decoded, &live.certificate) {
                    (Some(decoded), _) => certificate_value(decoded.info()),
                    (None, other) => json!(other),
                };
                self.push(
                    Action::RotateCertificate,
                    None,
                    vec![FieldChange::new(
                        "signing_certificate",
                        before,
                        certificate_value(certificate.info()),
                    )],
                    SaasOperation::Update {
                        idp_id: idp_id.to_owned(),
                        settings: SaasSettings {
                            signing_certificate: declared.settings.signing_certificate.clone(),
                            ..SaasSettings::default()
                        },
                        multiplexed: None,
                    },
                );
            }
        }
    }

    fn application(&mut self, idp_id: &str, app: &DeclaredApp, item: &LiveItem) {
        if item.multiplexed.is_some_and(|m| m != app.multiplexed) {
            self.multiplexed(idp_id, app, item.multiplexed);
        }
        match item.enabled() {
            Some(enabled) if enabled != app.enabled => {
                self.switch(idp_id, app.id, app.enabled, item.status.clone())
            }
            Some(_) => {}
            None => self.notes.push(format!(
                "application {}'s connection is in state {:?}, which enabling or disabling does \
                 not decide; left as it is",
                self.label(app.id),
                item.status.as_deref().unwrap_or("(none)")
            )),
        }
    }

    /// Sets one application's `multiplexed` (`before`: the live value, when known).
    fn multiplexed(&mut self, idp_id: &str, app: &DeclaredApp, before: Option<bool>) {
        self.push(
            Action::Update,
            Some(format!("application {}", self.label(app.id))),
            vec![FieldChange::new(
                "multiplexed",
                json!(before),
                json!(app.multiplexed),
            )],
            SaasOperation::Update {
                idp_id: idp_id.to_owned(),
                settings: SaasSettings::default(),
                multiplexed: Some(MultiplexedFor {
                    applications: vec![app.id],
                    multiplexed: app.multiplexed,
                }),
            },
        );
    }

    fn switch(&mut self, idp_id: &str, application: Uuid, enabled: bool, before: Option<String>) {
        let (action, operation) = if enabled {
            (
                Action::Enable,
                SaasOperation::Enable {
                    idp_id: idp_id.to_owned(),
                    application,
                },
            )
        } else {
            (
                Action::Disable,
                SaasOperation::Disable {
                    idp_id: idp_id.to_owned(),
                    application,
                },
            )
        };
        let after = if enabled { "Active" } else { "Disabled" };
        self.push(
            action,
            Some(format!("application {}", self.label(application))),
            vec![FieldChange::new("status", json!(before), json!(after))],
            operation,
        );
    }

    fn push(
        &mut self,
        action: Action,
        target: Option<String>,
        fields: Vec<FieldChange>,
        operation: SaasOperation,
    ) {
        self.changes.push(Change {
            action,
            target,
            fields,
            operation: Operation::Saas(operation),
        });
    }
}

/// The fields a create sets, each from nothing.
fn created_fields(declared: &Declared) -> Vec<FieldChange> {
    let s = &declared.settings;
    let mut fields = Vec::new();
    let mut add = |field: &str, value: Value| {
        if !value.is_null() && value != json!("") {
            fields.push(FieldChange::new(field, Value::Null, value));
        }
    };
    add("email", json!(s.email));
    add("entity_id", json!(s.entity_id));
    add("sso_endpoint", json!(s.sso_endpoint));
    if let Some(certificate) = &declared.certificate {
        add("signing_certificate", certificate_value(certificate.info()));
    }
    add("slo_endpoint", json!(s.slo_endpoint));
    add("slo_response_endpoint", json!(s.slo_response_endpoint));
    add("slo_binding", json!(s.slo_binding));
    add("sign_authn_request", json!(s.sign_authn_request));
    add("signing_algorithm", json!(s.signing_algorithm));
    add(
        "signing_cert_fingerprint",
        json!(s.signing_cert_fingerprint),
    );
    fields
}
