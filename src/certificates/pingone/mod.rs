//! The PingOne side: an environment's certificates and keys with the identity providers and
//! applications that use them, and the two-phase rotation of an identity provider's
//! verification certificate.
//!
//! Files: `inventory.rs` (the stream and who uses what), `rotation.rs` (both phases),
//! `from_metadata.rs` (the trust set planned from metadata, applied in one write).

mod from_metadata;
mod inventory;
mod rotation;

pub use from_metadata::{
    plan_pingone_trust, PingOneMetadataPlan, PlannedTrust, TrustApplied, TrustChange,
};
pub use inventory::PingOneInventory;
pub use rotation::{
    finish_pingone_rotation, start_pingone_rotation, RotationFinished, RotationStarted,
};
