//! Certificates our users depend on: an inventory with expiry status, and rotation.
//!
//! The most common way a customer's single sign-on breaks is a signing certificate that
//! expires, or that the identity provider replaces before the service provider learns of it.
//! This module lists the certificates in use, says how each stands against a moment and a
//! warning threshold the caller chooses, and replaces them without cutting sign-on.
//!
//! - **Status** ([`ExpiryCheck`], [`ExpiryStatus`]): valid, expiring (within the threshold,
//!   30 days unless chosen), expired, not yet valid. "Now" is always a parameter.
//! - **Inventory entries** ([`InventoryEntry`]): where a certificate is used
//!   ([`CertificateUsage`]), its decoded details and status, or a [`CertificateProblem`].
//!   They serialise to a stable JSON shape (snake_case keys, RFC 3339 UTC dates, lower-case
//!   hex fingerprints) for printing and storing.
//! - **SaaS** (feature `saas`): `SaasInventory` streams the signing certificate of each
//!   `idpId` the caller names; `rotate_saas_certificate` replaces one;
//!   `plan_saas_rotation` compares an identity provider's metadata with the certificate in
//!   use and proposes a rotation that `PlannedRotation::apply` carries out.
//!
//! PingOne certificates and keys, and the identity providers and applications that use
//! them, join the same entry type as further [`CertificateUsage`] variants.
//!
//! ```
//! use chrono::{TimeZone as _, Utc};
//! use sso_connections::certificates::{ExpiryCheck, ExpiryStatus};
//!
//! let now = Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap();
//! let not_before = Utc.with_ymd_and_hms(2029, 7, 1, 0, 0, 0).unwrap();
//! let not_after = Utc.with_ymd_and_hms(2030, 6, 20, 0, 0, 0).unwrap();
//! assert_eq!(ExpiryCheck::at(now).status_of_period(not_before, not_after), ExpiryStatus::Expiring);
//! ```

mod inventory;
#[cfg(feature = "pingone")]
mod pingone;
mod refusal;
mod reported;
#[cfg(feature = "saas")]
mod saas;
mod source;
mod status;

pub use inventory::{
    CertificateProblem, CertificateUsage, Finding, InventoryEntry, InventoryError, Reference,
};
#[cfg(feature = "pingone")]
pub use pingone::{
    finish_pingone_rotation, plan_pingone_trust, start_pingone_rotation, PingOneInventory,
    PingOneMetadataPlan, PlannedTrust, RotationFinished, RotationStarted, TrustApplied,
    TrustChange,
};
pub use refusal::{Refusal, RotationError};
pub use reported::ReportedCertificate;
#[cfg(feature = "saas")]
pub use saas::{
    plan_saas_rotation, rotate_saas_certificate, PlannedChange, PlannedRotation, Rotated,
    RotationReason, RotationRules, SaasInventory, SaasMetadataPlan, DEFAULT_INVENTORY_CONCURRENCY,
};
pub use source::MetadataSource;
pub use status::{ExpiryCheck, ExpiryStatus, DEFAULT_EXPIRY_THRESHOLD};

/// One item of an inventory stream: an entry, or a place that could not be read.
///
/// ```
/// # fn run(item: sso_connections::certificates::InventoryItem) {
/// match item {
///     Ok(entry) => println!("{}: {:?}", entry.usage, entry.finding.status()),
///     Err(failure) => eprintln!("{failure}"),
/// }
/// # }
/// ```
pub type InventoryItem = Result<InventoryEntry, InventoryError>;
