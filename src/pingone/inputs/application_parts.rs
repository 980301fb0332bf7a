//! What an application's parts are created or replaced with: SAML attribute mappings,
//! resource grants and sign-on policy assignments, each checked and turned into its generated
//! body.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::pingone::types;
use crate::pingone::crud::Input;
use crate::pingone::AttributeMappingType;
use crate::values::{check_distinct_ids, Text};
use crate::wire_body::WireBody;

use super::resource;

/// A SAML attribute mapping to create or store: attribute name and value expression.
///
/// ```
/// use sso_connections::pingone::AttributeMapping;
/// assert!(AttributeMapping::new("email", "${user.email}").is_ok());
/// assert!(AttributeMapping::new("", "${user.email}").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttributeMapping {
    name: String,
    value: String,
    #[serde(default)]
    required: bool,
    mapping_type: Option<AttributeMappingType>,
}

impl AttributeMapping {
    /// `name` is the attribute in the assertion (`saml_subject` maps the subject); `value`
    /// is the expression it takes, such as `${user.email}`. Neither may be empty.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Result<Self> {
        Ok(Self {
            name: Text::parse_field("name", name.into())?.into_string(),
            value: Text::parse_field("value", value.into())?.into_string(),
            required: false,
            mapping_type: None,
        })
    }

    /// Fail the sign-on when the attribute has no value (default false).
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// The kind of mapping (the server chooses when left out).
    pub fn mapping_type(mut self, mapping_type: AttributeMappingType) -> Self {
        self.mapping_type = Some(mapping_type);
        self
    }
}

impl Input for AttributeMapping {
    type Body = types::ApplicationAttributeMapping;
    fn to_body(&self) -> Result<Self::Body> {
        WireBody::new()
            .set("name", &self.name)
            .set("value", &self.value)
            .set("required", self.required)
            .given("mappingType", self.mapping_type.as_ref())
            .build()
    }
}

/// A resource grant: which scopes of one protected resource the application may request.
///
/// ```
/// use sso_connections::pingone::ResourceGrant;
/// use sso_connections::Uuid;
/// let (resource, scope) = (Uuid::from_u128(1), Uuid::from_u128(2));
/// assert!(ResourceGrant::new(resource, [scope]).is_ok());
/// assert!(ResourceGrant::new(resource, []).is_err());
/// assert!(ResourceGrant::new(resource, [scope, scope]).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, schemars::JsonSchema)]
pub struct ResourceGrant {
    resource: Uuid,
    scopes: Vec<Uuid>,
}

impl ResourceGrant {
    /// At least one scope, each once.
    pub fn new(resource: Uuid, scopes: impl IntoIterator<Item = Uuid>) -> Result<Self> {
        let scopes: Vec<Uuid> = scopes.into_iter().collect();
        check_distinct_ids("scopes", "scope", &scopes)?;
        Ok(Self { resource, scopes })
    }
}

impl Input for ResourceGrant {
    type Body = types::ApplicationResourceGrant;
    fn to_body(&self) -> Result<Self::Body> {
        WireBody::new()
            .set("resource", resource(self.resource))
            .set(
                "scopes",
                self.scopes
                    .iter()
                    .copied()
                    .map(resource)
                    .collect::<Vec<_>>(),
            )
            .build()
    }
}

/// A sign-on policy assignment: which policy runs, and in which order among the others.
///
/// ```
/// use sso_connections::pingone::SignOnPolicyAssignment;
/// assert!(SignOnPolicyAssignment::new(sso_connections::Uuid::from_u128(7), 1).is_ok());
/// assert!(SignOnPolicyAssignment::new(sso_connections::Uuid::from_u128(7), 0).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, schemars::JsonSchema)]
pub struct SignOnPolicyAssignment {
    #[serde(rename = "signOnPolicy")]
    policy: Uuid,
    priority: u32,
}

impl SignOnPolicyAssignment {
    /// `priority` starts at 1; lower runs first.
    pub fn new(policy: Uuid, priority: u32) -> Result<Self> {
        if priority == 0 {
            return Err(Error::invalid("priority", "must be 1 or more"));
        }
        Ok(Self { policy, priority })
    }
}

impl Input for SignOnPolicyAssignment {
    type Body = types::SignOnPolicyAssignment;
    fn to_body(&self) -> Result<Self::Body> {
        let priority = i32::try_from(self.priority)
            .map_err(|_| Error::invalid("priority", "must be at most 2147483647"))?;
        WireBody::new()
            .set("signOnPolicy", resource(self.policy))
            .set("priority", priority)
            .build()
    }
}
