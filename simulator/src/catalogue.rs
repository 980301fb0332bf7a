//! The account's application catalogue: which applications exist and which can be connected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Protocol of an application in the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Protocol {
    /// SAML 2.0.
    Saml,
    /// OpenID Connect.
    Oidc,
}

/// One application of the SaaS provider's account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// The application's saasid.
    pub saasid: Uuid,
    /// Display name (for logs).
    pub name: String,
    /// SAML or OIDC.
    pub protocol: Protocol,
    /// For SAML: whether the application accepts multiplexed connections.
    #[serde(default)]
    pub multiplexed: bool,
    /// Whether the application is enabled.
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

impl Application {
    /// Whether a create may connect it: enabled, and OIDC or multiplexed SAML.
    pub fn eligible(&self) -> bool {
        self.enabled && (self.protocol == Protocol::Oidc || self.multiplexed)
    }
}

/// saasid of the default catalogue's enabled OIDC application.
pub const CRM: Uuid = Uuid::from_u128(0x6964005a_6270_4a88_9ddc_0e6a4e05e51d);
/// saasid of the default catalogue's enabled multiplexed SAML application.
pub const ANALYTICS: Uuid = Uuid::from_u128(0x338821d7_dd17_469f_a3c1_8025a0112ebe);
/// saasid of the default catalogue's enabled non-multiplexed SAML application (not eligible).
pub const LEGACY_PORTAL: Uuid = Uuid::from_u128(0x0c9e6a54_1f0b_4b55_9f57_5a0ad0a4c001);
/// saasid of the default catalogue's disabled OIDC application (not eligible).
pub const BETA: Uuid = Uuid::from_u128(0x7d1f2a3b_4c5d_4e6f_8a9b_0c1d2e3f4a5b);

/// Four applications: two eligible (OIDC `CRM`, multiplexed SAML `ANALYTICS`) and two that a
/// create refuses (non-multiplexed SAML `LEGACY_PORTAL`, disabled OIDC `BETA`).
pub fn default_catalogue() -> Vec<Application> {
    let app = |saasid, name: &str, protocol, multiplexed, enabled| Application {
        saasid,
        name: name.to_owned(),
        protocol,
        multiplexed,
        enabled,
    };
    vec![
        app(CRM, "Acme CRM", Protocol::Oidc, false, true),
        app(ANALYTICS, "Acme Analytics", Protocol::Saml, true, true),
        app(
            LEGACY_PORTAL,
            "Acme Legacy Portal",
            Protocol::Saml,
            false,
            true,
        ),
        app(BETA, "Acme Beta", Protocol::Oidc, false, false),
    ]
}
