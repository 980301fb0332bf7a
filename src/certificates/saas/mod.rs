//! The SaaS side: the signing certificate each `idpId` shares across its connections, read
//! for the inventory, replaced by a rotation, kept in step with metadata.
//!
//! Files: `live.rs` (reading an `idpId`'s certificate), `inventory.rs` (the stream),
//! `rotation.rs` (the checked replacement), `from_metadata.rs` (plan and apply).

mod from_metadata;
mod inventory;
mod live;
mod rotation;

pub use from_metadata::{
    plan_saas_rotation, PlannedChange, PlannedRotation, RotationReason, SaasMetadataPlan,
};
pub use inventory::{SaasInventory, DEFAULT_INVENTORY_CONCURRENCY};
pub use rotation::{rotate_saas_certificate, Rotated, RotationRules};
