//! Auth0 connection profiles as a resource kind, matched by name within a tenant. Updates are
//! PATCHes of the fields that differ, so fields the document leaves out are never touched.

use futures::TryStreamExt as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::auth0::{
    AssignMembershipOnLogin, Auth0Client, ConnectionProfile, ConnectionProfileSettings,
    EnabledFeature, ShowAsButton,
};
use crate::error::{Error, Result};
use crate::generated::auth0::types;

use super::apply::Outcome;
use super::document::{Document, Ensure, ProfileSpec};
use super::engine::{Kind, PlanOptions};
use super::plan::{Action, Change, FieldChange, ResourcePlan, ABSENT};
use super::{Clients, DesiredError, Operation, ResourceId};

/// An Auth0 Management API request of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Auth0Operation {
    /// Creates the profile (a 409 means it exists already).
    Create {
        /// The tenant, as the document names it.
        tenant: String,
        /// The body.
        body: Value,
    },
    /// PATCHes the fields that differ.
    Update {
        /// The tenant.
        tenant: String,
        /// The profile.
        id: String,
        /// The fields to change.
        body: Value,
    },
    /// Deletes the profile.
    Delete {
        /// The tenant.
        tenant: String,
        /// The profile.
        id: String,
    },
}

impl Auth0Operation {
    /// The tenant the request goes to.
    pub fn tenant(&self) -> &str {
        match self {
            Auth0Operation::Create { tenant, .. }
            | Auth0Operation::Update { tenant, .. }
            | Auth0Operation::Delete { tenant, .. } => tenant,
        }
    }
}

/// The Auth0 kind, over one tenant's client.
pub(crate) struct Auth0Kind<'a> {
    tenant: String,
    client: &'a Auth0Client,
}

/// One tenant and the profiles the document declares in it.
pub(crate) struct Auth0Scope {
    profiles: Vec<(String, ProfileSpec)>,
}

impl<'a> Auth0Kind<'a> {
    pub(crate) fn new(tenant: &str, client: &'a Auth0Client) -> Self {
        Self {
            tenant: tenant.to_owned(),
            client,
        }
    }

    /// One kind per tenant (Auth0 has one client per tenant), each with its one scope.
    pub(crate) fn for_document(
        document: &Document,
        clients: &Clients<'a>,
    ) -> std::result::Result<Vec<(Self, Vec<Auth0Scope>)>, DesiredError> {
        document
            .auth0
            .iter()
            .map(|(tenant, section)| {
                let scope = Auth0Scope {
                    profiles: section
                        .profiles
                        .iter()
                        .map(|(name, spec)| (name.clone(), spec.clone()))
                        .collect(),
                };
                Ok((
                    Self::new(tenant, clients.auth0_client(tenant)?),
                    vec![scope],
                ))
            })
            .collect()
    }

    fn id_of(&self, name: &str) -> ResourceId {
        ResourceId::Auth0Profile {
            tenant: self.tenant.clone(),
            name: name.to_owned(),
        }
    }

    async fn profiles(&self) -> Result<Vec<Value>> {
        let list: Vec<ConnectionProfile> = self
            .client
            .connection_profiles()
            .list()
            .try_collect()
            .await?;
        list.iter()
            .map(|p| serde_json::to_value(p).map_err(|e| Error::invalid("profile", e.to_string())))
            .collect()
    }

    async fn plan_tenant(
        &self,
        scope: &Auth0Scope,
        options: &PlanOptions,
    ) -> std::result::Result<Vec<ResourcePlan>, DesiredError> {
        let mut declared = Vec::new();
        for (name, spec) in &scope.profiles {
            let body = match spec.ensure {
                Ensure::Present => Some(
                    declared_body(name, spec)
                        .map_err(|e| DesiredError::resource(&self.id_of(name), e))?,
                ),
                Ensure::Absent => None,
            };
            declared.push((name, body));
        }
        let live = self
            .profiles()
            .await
            .map_err(|e| DesiredError::resource(&self.id_of(""), e))?;
        let mut plans = Vec::new();
        for (name, wanted) in &declared {
            let matching: Vec<&Value> = live.iter().filter(|p| p["name"] == json!(name)).collect();
            let mut plan = self.resource_plan(name, &matching);
            match (wanted, matching.as_slice()) {
                (_, [_, _, ..]) => plan.notes.push(format!(
                    "{} profiles are named \"{name}\"; the plan cannot tell which is meant and \
                     leaves them alone",
                    matching.len()
                )),
                (None, [one]) => plan.changes.push(self.delete(one)),
                (Some(body), []) => plan.changes.push(self.create(body)),
                (Some(body), [one]) => plan.changes.extend(self.update(body, one)),
                _ => {}
            }
            plans.push(plan);
        }
        if options.prune {
            for profile in &live {
                let name = profile["name"].as_str().unwrap_or_default();
                if declared.iter().any(|(n, _)| n.as_str() == name) {
                    continue;
                }
                let mut plan = self.resource_plan(name, &[profile]);
                plan.changes.push(self.delete(profile));
                plan.notes.push("not in the document (pruned)".to_owned());
                plans.push(plan);
            }
        }
        Ok(plans)
    }

    fn resource_plan(&self, name: &str, matching: &[&Value]) -> ResourcePlan {
        ResourcePlan {
            resource: self.id_of(name),
            observed: observed(matching),
            changes: Vec::new(),
            notes: Vec::new(),
            assumed: false,
        }
    }

    fn create(&self, body: &Map<String, Value>) -> Change {
        Change {
            action: Action::Create,
            target: None,
            fields: body
                .iter()
                .map(|(k, v)| FieldChange::new(k, Value::Null, v.clone()))
                .collect(),
            operation: Operation::Auth0(Auth0Operation::Create {
                tenant: self.tenant.clone(),
                body: Value::Object(body.clone()),
            }),
        }
    }

    fn update(&self, body: &Map<String, Value>, live: &Value) -> Option<Change> {
        let differing: Map<String, Value> = body
            .iter()
            .map(|(k, v)| (k, wanted_value(k, v, live)))
            .filter(|(k, v)| live.get(k.as_str()) != Some(v))
            .map(|(k, v)| (k.clone(), v))
            .collect();
        if differing.is_empty() {
            return None;
        }
        Some(Change {
            action: Action::Update,
            target: None,
            fields: differing
                .iter()
                .map(|(k, v)| {
                    FieldChange::new(
                        k,
                        live.get(k.as_str()).cloned().unwrap_or(Value::Null),
                        v.clone(),
                    )
                })
                .collect(),
            operation: Operation::Auth0(Auth0Operation::Update {
                tenant: self.tenant.clone(),
                id: live_id(live),
                body: Value::Object(differing),
            }),
        })
    }

    fn delete(&self, live: &Value) -> Change {
        Change {
            action: Action::Delete,
            target: None,
            fields: Vec::new(),
            operation: Operation::Auth0(Auth0Operation::Delete {
                tenant: self.tenant.clone(),
                id: live_id(live),
            }),
        }
    }
}

impl Kind for Auth0Kind<'_> {
    type Scope = Auth0Scope;
    type Operation = Auth0Operation;

    async fn plan_scope(
        &self,
        scope: &Auth0Scope,
        options: &PlanOptions,
    ) -> std::result::Result<Vec<ResourcePlan>, DesiredError> {
        self.plan_tenant(scope, options).await
    }

    async fn observe(&self, resource: &ResourceId) -> std::result::Result<String, DesiredError> {
        let ResourceId::Auth0Profile { name, .. } = resource else {
            return Err(DesiredError::resource(
                resource,
                Error::invalid("resource", "is not an Auth0 profile"),
            ));
        };
        let live = self
            .profiles()
            .await
            .map_err(|e| DesiredError::resource(resource, e))?;
        let matching: Vec<&Value> = live.iter().filter(|p| p["name"] == json!(name)).collect();
        Ok(observed(&matching))
    }

    async fn execute(&self, operation: &Auth0Operation) -> Result<Outcome> {
        let profiles = self.client.connection_profiles();
        match operation {
            Auth0Operation::Create { body, .. } => {
                match profiles.create(&settings_of(body)?).await {
                    Ok(_) => Ok(Outcome::Done),
                    Err(Error::AlreadyExists(_)) => Ok(Outcome::AlreadyThere),
                    Err(error) => Err(error),
                }
            }
            Auth0Operation::Update { id, body, .. } => {
                profiles.update(id, &settings_of(body)?).await?;
                Ok(Outcome::Done)
            }
            Auth0Operation::Delete { id, .. } => Ok(match profiles.delete(id).await? {
                crate::Deletion::Deleted => Outcome::Done,
                crate::Deletion::NotFound => Outcome::AlreadyGone,
            }),
        }
    }
}

/// The declared profile as the JSON body Auth0 takes, built and checked by the library's
/// settings builder.
fn declared_body(name: &str, spec: &ProfileSpec) -> Result<Map<String, Value>> {
    let mut b = ConnectionProfileSettings::builder().name(name);
    if let Some(template) = &spec.connection_name_prefix_template {
        b = b.connection_name_prefix_template(template);
    }
    if let Some(features) = &spec.enabled_features {
        b = b.enabled_features(features.iter().map(|f| EnabledFeature::from(f.as_str())));
    }
    if let Some(organization) = &spec.organization {
        let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_owned());
        b = b.organization(
            ShowAsButton::from(or_none(&organization.show_as_button).as_str()),
            AssignMembershipOnLogin::from(
                or_none(&organization.assign_membership_on_login).as_str(),
            ),
        );
    }
    if let Some(config) = &spec.connection_config {
        b = b.connection_config(config.clone());
    }
    let body = b.build()?.to_update_body()?;
    let mut map = match serde_json::to_value(body) {
        Ok(Value::Object(map)) => map,
        _ => return Err(Error::invalid("profile", "is not a JSON object")),
    };
    map.retain(|_, v| !v.is_null());
    // The builder needs both organization settings; one the document leaves out is not
    // declared (see `wanted_value`), so it is not sent.
    if let (Some(organization), Some(Value::Object(declared))) =
        (&spec.organization, map.get_mut("organization"))
    {
        if organization.show_as_button.is_none() {
            declared.remove("show_as_button");
        }
        if organization.assign_membership_on_login.is_none() {
            declared.remove("assign_membership_on_login");
        }
        declared.retain(|_, v| !v.is_null());
    }
    Ok(map)
}

/// The value a declared field should have live. `organization` declares only the settings
/// the document names: the others keep their live values, and since a PATCH replaces the
/// whole object, the value sent is the live object overlaid with the declared settings.
fn wanted_value(field: &str, declared: &Value, live: &Value) -> Value {
    match (field, declared, live.get(field)) {
        ("organization", Value::Object(declared), Some(Value::Object(live))) => {
            let mut merged = live.clone();
            merged.extend(declared.clone());
            Value::Object(merged)
        }
        _ => declared.clone(),
    }
}

/// Settings that send exactly `body` (built from checked settings when planned).
fn settings_of(body: &Value) -> Result<ConnectionProfileSettings> {
    let body: types::ConnectionProfileUpdate = serde_json::from_value(body.clone())
        .map_err(|e| Error::invalid("profile", e.to_string()))?;
    Ok(ConnectionProfileSettings::from_body(body))
}

fn observed(matching: &[&Value]) -> String {
    if matching.is_empty() {
        return ABSENT.to_owned();
    }
    super::plan::digest_of_items(matching)
}

fn live_id(live: &Value) -> String {
    live["id"].as_str().unwrap_or_default().to_owned()
}
