//! What can go wrong before, while and after planning.

use std::path::PathBuf;

use super::ResourceId;

/// Why a document could not be read, planned, applied or exported.
///
/// ```
/// use sso_connections::desired::{DesiredError, Document};
/// let err = Document::from_toml_str("[saas.connections.\"a/b\"]\nemail = \"x@y.z\"").unwrap_err();
/// assert!(matches!(err, DesiredError::Document { .. }));
/// assert!(err.to_string().contains("saas.connections.\"a/b\""));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DesiredError {
    /// The document breaks a rule; `location` says where (e.g. `saas.connections."acme"`).
    #[error("{location}: {message}")]
    Document {
        /// Where in the document.
        location: String,
        /// What is wrong, and what to do.
        message: String,
    },
    /// A file the document names (or the document itself) could not be read.
    #[error("{}: {message}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The document declares resources of an API for which no client was given.
    #[error("the document declares {what}, but no client for it was given")]
    MissingClient {
        /// Which section and, for Auth0, which tenant.
        what: String,
    },
    /// Reading, resolving or checking one resource failed.
    #[error("{resource}: {source}")]
    Resource {
        /// The resource.
        resource: ResourceId,
        /// The underlying error (its message never holds a secret).
        #[source]
        source: crate::Error,
    },
    /// The live state of these resources changed since the plan was made; nothing was
    /// applied. Plan again.
    #[error("the plan is stale: {} changed since it was made; nothing was applied, plan again", list(.resources))]
    StalePlan {
        /// The resources whose live state differs from the plan's.
        resources: Vec<ResourceId>,
    },
    /// The plan was made by a version of this library with another plan format.
    #[error("the plan has format {found}, this library applies format {expected}; plan again")]
    PlanFormat {
        /// The plan's.
        found: u32,
        /// This library's.
        expected: u32,
    },
}

fn list(resources: &[ResourceId]) -> String {
    let names: Vec<String> = resources.iter().map(ToString::to_string).collect();
    names.join(", ")
}

impl DesiredError {
    /// A rule the document breaks at `location`.
    pub(crate) fn document(location: impl Into<String>, message: impl Into<String>) -> Self {
        DesiredError::Document {
            location: location.into(),
            message: message.into(),
        }
    }

    /// The same error, located in the file `path`.
    pub(crate) fn in_file(self, path: &std::path::Path) -> Self {
        match self {
            DesiredError::Document { location, message } => DesiredError::Document {
                location: format!("{}: {location}", path.display()),
                message,
            },
            other => other,
        }
    }

    /// An error of `resource`.
    pub(crate) fn resource(resource: &ResourceId, source: crate::Error) -> Self {
        DesiredError::Resource {
            resource: resource.clone(),
            source,
        }
    }
}
