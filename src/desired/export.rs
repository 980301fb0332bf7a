//! Export: live resources written as a document.

/// Placeholder.
pub struct ExportRequest;

/// Placeholder.
pub async fn export() {}
