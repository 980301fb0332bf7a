//! What the SaaS API holds: the catalogue of applications and the connections of each idpId.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use crate::{catalogue::Application, storage::Store};

/// The SaaS API's state.
pub(crate) struct Saas {
    /// The account's applications; fixed while the simulator runs.
    pub(crate) catalogue: Vec<Application>,
    pub(crate) idps: Store<Idps>,
}

/// Connections by idpId.
pub(crate) type Idps = HashMap<String, Idp>;

impl Saas {
    pub(crate) fn new(catalogue: Vec<Application>) -> Self {
        Self {
            catalogue,
            idps: Store::default(),
        }
    }

    /// Connections over every idpId.
    pub(crate) fn connection_count(&self) -> usize {
        self.idps
            .lock()
            .values()
            .map(|idp| idp.connections.len())
            .sum()
    }
}

/// The connections of one idpId: one copy of the shared settings, one entry per application.
#[derive(Clone, Debug)]
pub(crate) struct Idp {
    pub(crate) settings: Settings,
    pub(crate) connections: BTreeMap<Uuid, Connection>,
}

/// What belongs to one application's connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Connection {
    pub(crate) multiplexed: bool,
    pub(crate) enabled: bool,
}

/// The settings all connections of an idpId share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub(crate) email: String,
    pub(crate) entity_id: String,
    pub(crate) sso_endpoint: String,
    /// DER.
    pub(crate) signing_certificate: Vec<u8>,
    pub(crate) slo_endpoint: Option<String>,
    pub(crate) slo_response_endpoint: Option<String>,
    pub(crate) slo_binding: String,
    pub(crate) sign_authn_request: bool,
    pub(crate) signing_cert_fingerprint: Option<String>,
    pub(crate) signing_algorithm: String,
}
