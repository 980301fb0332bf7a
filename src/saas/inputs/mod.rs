//! What callers give the Customer Connection API, checked before anything is sent: the
//! `idpId`, the shared settings, which applications, and the create and update requests that
//! turn into the generated request bodies.

mod idp_id;
mod requests;
mod selection;
mod settings;

pub use idp_id::IdpId;
pub use requests::{ConnectionUpdate, NewConnection};
pub use selection::{ApplicationIds, ApplicationSelection, ConnectionScope};
pub use settings::{Clearable, SharedSettings, SharedSettingsBuilder};
