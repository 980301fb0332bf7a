//! An application's SAML attribute mappings, resource grants and sign-on policy assignments:
//! the same five operations each, over different types.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::generated::pingone::{self as generated, types};
use crate::outcome::Deletion;
use crate::pagination::{follow_pages, ItemStream, Page};
use crate::transport::{expect_no_content, expect_value};
use crate::values::Text;

use super::AttributeMappingType;

fn to_wire<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_json::from_value(value).map_err(Error::body_mismatch)
}

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

    fn to_wire<T: DeserializeOwned>(&self) -> Result<T> {
        let mut body = json!({ "name": self.name, "value": self.value, "required": self.required });
        if let Some(kind) = &self.mapping_type {
            body["mappingType"] = json!(kind);
        }
        to_wire(body)
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
        if scopes.is_empty() {
            return Err(Error::invalid("scopes", "must name at least one scope"));
        }
        let mut sorted = scopes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != scopes.len() {
            return Err(Error::invalid("scopes", "must not name a scope twice"));
        }
        Ok(Self { resource, scopes })
    }

    fn to_wire<T: DeserializeOwned>(&self) -> Result<T> {
        let scopes: Vec<Value> = self.scopes.iter().map(|id| json!({ "id": id })).collect();
        to_wire(json!({ "resource": { "id": self.resource }, "scopes": scopes }))
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

    fn to_wire<T: DeserializeOwned>(&self) -> Result<T> {
        to_wire(json!({ "signOnPolicy": { "id": self.policy }, "priority": self.priority }))
    }
}

/// Declares the handler of one application sub-resource.
macro_rules! child_handler {
    (
        $(#[$meta:meta])*
        pub struct $handler:ident {
            item: $item:ty, input: $input:ty, page: $page:ty, embedded: $embedded:ident,
            list: $list:ident, create: $create:ident, get: $get:ident,
            update: $update:ident, delete: $delete:ident, id: $id:ident,
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $handler<'a> {
            api: &'a generated::Client,
            environment: Uuid,
            application: Uuid,
        }

        impl<'a> $handler<'a> {
            pub(super) fn new(api: &'a generated::Client, environment: Uuid, application: Uuid) -> Self {
                Self { api, environment, application }
            }

            /// Every item, page by page as the stream is consumed.
            pub fn list(&self) -> ItemStream<'a, $item> {
                let (api, environment, application) = (self.api, self.environment, self.application);
                let first = async move {
                    let call = api.$list().environment_id(environment).application_id(application);
                    expect_value(call.send()).await
                };
                follow_pages(api, first, |page: $page| {
                    Ok(Page {
                        items: page.embedded.$embedded,
                        next: page.links.and_then(|links| links.next).map(|link| link.href),
                    })
                })
            }

            /// Creates one; a conflict is [`Error::AlreadyExists`].
            pub async fn create(&self, input: &$input) -> Result<$item> {
                let call = self
                    .api
                    .$create()
                    .environment_id(self.environment)
                    .application_id(self.application)
                    .body(input.to_wire::<$item>()?);
                expect_value(call.send()).await
            }

            /// Reads one; [`Error::NotFound`] when it does not exist.
            pub async fn get(&self, id: Uuid) -> Result<$item> {
                let call = self
                    .api
                    .$get()
                    .environment_id(self.environment)
                    .application_id(self.application)
                    .$id(id);
                expect_value(call.send()).await
            }

            /// Replaces one with `input` (PUT).
            pub async fn replace(&self, id: Uuid, input: &$input) -> Result<$item> {
                let call = self
                    .api
                    .$update()
                    .environment_id(self.environment)
                    .application_id(self.application)
                    .$id(id)
                    .body(input.to_wire::<$item>()?);
                expect_value(call.send()).await
            }

            /// Deletes one (204); a missing one is [`Deletion::NotFound`].
            pub async fn delete(&self, id: Uuid) -> Result<Deletion> {
                let call = self
                    .api
                    .$delete()
                    .environment_id(self.environment)
                    .application_id(self.application)
                    .$id(id);
                Deletion::from_result(expect_no_content(call.send()).await)
            }
        }
    };
}

child_handler! {
    /// The SAML attribute mappings of one application.
    pub struct AttributeMappings {
        item: types::ApplicationAttributeMapping, input: AttributeMapping,
        page: types::ApplicationAttributeMappingPage, embedded: attributes,
        list: list_application_attribute_mappings, create: create_application_attribute_mapping,
        get: get_application_attribute_mapping, update: update_application_attribute_mapping,
        delete: delete_application_attribute_mapping, id: attribute_mapping_id,
    }
}

child_handler! {
    /// The resource grants of one application.
    pub struct ResourceGrants {
        item: types::ApplicationResourceGrant, input: ResourceGrant,
        page: types::ApplicationResourceGrantPage, embedded: grants,
        list: list_application_grants, create: create_application_grant,
        get: get_application_grant, update: update_application_grant,
        delete: delete_application_grant, id: grant_id,
    }
}

child_handler! {
    /// The sign-on policy assignments of one application.
    pub struct SignOnPolicyAssignments {
        item: types::SignOnPolicyAssignment, input: SignOnPolicyAssignment,
        page: types::SignOnPolicyAssignmentPage, embedded: sign_on_policy_assignments,
        list: list_application_sign_on_policy_assignments,
        create: create_application_sign_on_policy_assignment,
        get: get_application_sign_on_policy_assignment,
        update: update_application_sign_on_policy_assignment,
        delete: delete_application_sign_on_policy_assignment, id: assignment_id,
    }
}

/// The parts of one application that are resources of their own.
#[derive(Clone, Copy, Debug)]
pub struct ApplicationResources<'a> {
    api: &'a generated::Client,
    environment: Uuid,
    application: Uuid,
}

impl<'a> ApplicationResources<'a> {
    pub(super) fn new(api: &'a generated::Client, environment: Uuid, application: Uuid) -> Self {
        Self {
            api,
            environment,
            application,
        }
    }

    /// Its client secret (OIDC applications).
    pub fn secret(&self) -> super::Secret<'a> {
        super::Secret::new(self.api, self.environment, self.application)
    }

    /// Its SAML attribute mappings.
    pub fn attributes(&self) -> AttributeMappings<'a> {
        AttributeMappings::new(self.api, self.environment, self.application)
    }

    /// Its resource grants.
    pub fn grants(&self) -> ResourceGrants<'a> {
        ResourceGrants::new(self.api, self.environment, self.application)
    }

    /// Its sign-on policy assignments.
    pub fn sign_on_policy_assignments(&self) -> SignOnPolicyAssignments<'a> {
        SignOnPolicyAssignments::new(self.api, self.environment, self.application)
    }
}
