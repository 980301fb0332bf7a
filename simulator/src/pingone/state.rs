//! What the PingOne API holds: per environment, its applications and identity providers, and
//! the sub-resources and secrets of its applications.

use std::collections::HashMap;

use serde_json::{json, Value};
use uuid::Uuid;

use super::certificates::{seeded_key, Held};
use crate::storage::{Collection, Store};

/// The PingOne API's state.
pub(crate) struct PingOne {
    pub(crate) environments: Store<Environments>,
    /// Items per page of a list when the request gives no `limit`.
    pub(crate) page_size: usize,
}

/// Environments by id; one comes into being with its first resource.
pub(crate) type Environments = HashMap<Uuid, Environment>;

/// The environment `env`, brought into being (with its signing key) on first use.
pub(crate) fn environment_of(environments: &mut Environments, env: Uuid) -> &mut Environment {
    environments
        .entry(env)
        .or_insert_with(|| Environment::new(env))
}

impl PingOne {
    pub(crate) fn new(page_size: usize) -> Self {
        Self {
            environments: Store::default(),
            page_size,
        }
    }
}

/// The resources of one environment. It comes into being with one signing key (see
/// [`seeded_key`]), so applications have a key to refer to.
pub(crate) struct Environment {
    applications: Collection<Uuid>,
    identity_providers: Collection<Uuid>,
    certificates: Collection<Uuid>,
    keys: Collection<Uuid>,
    /// Sub-resources of each application.
    children: HashMap<(Uuid, Kind), Collection<Uuid>>,
    /// Client secrets of OpenID Connect applications.
    secrets: HashMap<Uuid, Value>,
}

impl Environment {
    /// A new environment `env`, with its signing key.
    pub(crate) fn new(env: Uuid) -> Self {
        let mut keys = Collection::default();
        let (id, key) = seeded_key(env);
        keys.insert(id, key);
        Self {
            applications: Collection::default(),
            identity_providers: Collection::default(),
            certificates: Collection::default(),
            keys,
            children: HashMap::new(),
            secrets: HashMap::new(),
        }
    }
}

impl Environment {
    /// Its certificates or its keys.
    pub(crate) fn held(&self, held: Held) -> &Collection<Uuid> {
        match held {
            Held::Certificates => &self.certificates,
            Held::Keys => &self.keys,
        }
    }

    pub(crate) fn held_mut(&mut self, held: Held) -> &mut Collection<Uuid> {
        match held {
            Held::Certificates => &mut self.certificates,
            Held::Keys => &mut self.keys,
        }
    }

    pub(crate) fn collection(&self, top: TopLevel) -> &Collection<Uuid> {
        match top {
            TopLevel::Applications => &self.applications,
            TopLevel::IdentityProviders => &self.identity_providers,
        }
    }

    pub(crate) fn collection_mut(&mut self, top: TopLevel) -> &mut Collection<Uuid> {
        match top {
            TopLevel::Applications => &mut self.applications,
            TopLevel::IdentityProviders => &mut self.identity_providers,
        }
    }

    pub(crate) fn has_application(&self, id: Uuid) -> bool {
        self.applications.get(&id).is_some()
    }

    /// The sub-resources of one kind of an application.
    pub(crate) fn children(&mut self, app: Uuid, kind: Kind) -> &mut Collection<Uuid> {
        self.children.entry((app, kind)).or_default()
    }

    pub(crate) fn secret_mut(&mut self, app: Uuid) -> Option<&mut Value> {
        self.secrets.get_mut(&app)
    }

    /// After a create: an OpenID Connect application gets a client secret.
    pub(crate) fn created(&mut self, top: TopLevel, id: Uuid, stored: &Value) {
        if top == TopLevel::Applications && stored["protocol"] == "OPENID_CONNECT" {
            self.secrets.insert(id, json!({ "secret": new_secret() }));
        }
    }

    /// After a delete: an application's secret and sub-resources go with it.
    pub(crate) fn deleted(&mut self, top: TopLevel, id: Uuid) {
        if top == TopLevel::Applications {
            self.secrets.remove(&id);
            self.children.retain(|(owner, _), _| *owner != id);
        }
    }
}

/// A fresh client secret.
pub(crate) fn new_secret() -> String {
    format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

/// The two resources directly in an environment. They share their handlers; what differs
/// (collection, rules, the field that may not change, side effects) hangs off this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TopLevel {
    Applications,
    IdentityProviders,
}

impl TopLevel {
    /// Path segment and `_embedded` key.
    pub(crate) fn key(self) -> &'static str {
        match self {
            TopLevel::Applications => "applications",
            TopLevel::IdentityProviders => "identityProviders",
        }
    }

    /// What a message calls one of them.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            TopLevel::Applications => "application",
            TopLevel::IdentityProviders => "identity provider",
        }
    }

    /// The spec's schema of the resource.
    pub(crate) fn schema(self) -> &'static str {
        match self {
            TopLevel::Applications => "Application",
            TopLevel::IdentityProviders => "IdentityProvider",
        }
    }

    /// The field that tells their kinds apart, which a replacement may not change.
    pub(crate) fn kind_field(self) -> &'static str {
        match self {
            TopLevel::Applications => "protocol",
            TopLevel::IdentityProviders => "type",
        }
    }
}

/// A sub-resource kind of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Attributes,
    Grants,
    Assignments,
}

impl Kind {
    pub(crate) fn from_segment(segment: &str) -> Option<Self> {
        match segment {
            "attributes" => Some(Kind::Attributes),
            "grants" => Some(Kind::Grants),
            "signOnPolicyAssignments" => Some(Kind::Assignments),
            _ => None,
        }
    }

    /// Path segment and `_embedded` key.
    pub(crate) fn segment(self) -> &'static str {
        match self {
            Kind::Attributes => "attributes",
            Kind::Grants => "grants",
            Kind::Assignments => "signOnPolicyAssignments",
        }
    }

    /// The spec's schema of the sub-resource.
    pub(crate) fn schema(self) -> &'static str {
        match self {
            Kind::Attributes => "ApplicationAttributeMapping",
            Kind::Grants => "ApplicationResourceGrant",
            Kind::Assignments => "SignOnPolicyAssignment",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oidc_applications_get_a_secret_that_goes_with_them() {
        let mut env = Environment::new(Uuid::new_v4());
        let (oidc, saml) = (Uuid::new_v4(), Uuid::new_v4());
        for (id, protocol) in [(oidc, "OPENID_CONNECT"), (saml, "SAML")] {
            let stored = json!({ "protocol": protocol });
            env.collection_mut(TopLevel::Applications)
                .insert(id, stored.clone());
            env.created(TopLevel::Applications, id, &stored);
        }
        assert!(env.secret_mut(oidc).is_some());
        assert!(env.secret_mut(saml).is_none());
        env.children(oidc, Kind::Grants)
            .insert(Uuid::new_v4(), json!({}));
        env.deleted(TopLevel::Applications, oidc);
        assert!(env.secret_mut(oidc).is_none());
        assert!(env.children(oidc, Kind::Grants).values().next().is_none());
    }

    #[test]
    fn segments_name_the_kinds() {
        for kind in [Kind::Attributes, Kind::Grants, Kind::Assignments] {
            assert_eq!(Kind::from_segment(kind.segment()), Some(kind));
        }
        assert_eq!(Kind::from_segment("secret"), None);
    }
}
