//! The hand-written facade types and the spec cannot drift apart: each derives `JsonSchema`,
//! and its property names and required fields must equal those of the spec component it
//! stands for, except for the differences listed here with their reasons.

use std::collections::BTreeSet;

use serde_json::Value;
use sso_connections::pingone::{AttributeMapping, ResourceGrant, SignOnPolicyAssignment};
use sso_connections::saas::{CustomerConnection, NewConnection, SharedSettings};
use sso_connections::Error;

type Names = BTreeSet<String>;

fn names(value: &Value) -> Names {
    match value {
        Value::Object(map) => map.keys().cloned().collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Names::new(),
    }
}

/// (property names, required) of a facade type.
fn facade<T: schemars::JsonSchema>() -> (Names, Names) {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    (names(&schema["properties"]), names(&schema["required"]))
}

/// (property names, required, server-owned) of a spec component. Server-owned properties
/// are those the spec marks `readOnly`, directly, through a `$ref` or a one-element `allOf`.
fn spec(file: &str, component: &str) -> (Names, Names, Names) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("openapi")
        .join(file);
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let schemas = &spec["components"]["schemas"];
    let schema = &schemas[component];
    assert!(schema.is_object(), "{file} has no component {component}");
    let resolved = |s: &Value| match s["$ref"].as_str() {
        Some(target) => schemas[target.trim_start_matches("#/components/schemas/")].clone(),
        None => s.clone(),
    };
    let read_only = |s: &Value| {
        let flagged = |s: &Value| s["readOnly"] == Value::Bool(true);
        flagged(s)
            || flagged(&resolved(s))
            || s["allOf"]
                .as_array()
                .is_some_and(|members| members.iter().any(|m| flagged(&resolved(m))))
    };
    let server_owned = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, property)| read_only(property))
        .map(|(name, _)| name.clone())
        .collect();
    (
        names(&schema["properties"]),
        names(&schema["required"]),
        server_owned,
    )
}

/// The spec's properties the facade type does not carry, each with the reason.
type Omitted = &'static [(&'static str, &'static str)];

fn assert_same_shape(
    (facade_props, facade_required): (Names, Names),
    (file, component): (&str, &str),
    omitted: &[Omitted],
) {
    let (spec_props, spec_required, server_owned) = spec(file, component);
    let listed: Names = omitted
        .iter()
        .flat_map(|list| list.iter())
        .map(|(name, _)| (*name).to_owned())
        .collect();
    let overlap: Vec<_> = listed.intersection(&server_owned).collect();
    assert!(
        overlap.is_empty(),
        "{component}: {overlap:?} are server-owned in the spec; no need to list them"
    );
    // Facade input types never carry what the server owns.
    let omitted: Names = listed.union(&server_owned).cloned().collect();
    let stale: Vec<_> = omitted.difference(&spec_props).collect();
    assert!(
        stale.is_empty(),
        "{component}: listed omissions the spec no longer has: {stale:?}"
    );
    let expected: Names = spec_props.difference(&omitted).cloned().collect();
    assert_eq!(
        facade_props, expected,
        "{component}: property names differ from the spec"
    );
    let expected_required: Names = spec_required.difference(&omitted).cloned().collect();
    assert_eq!(
        facade_required, expected_required,
        "{component}: required fields differ from the spec"
    );
}

#[test]
fn saas_customer_connection_matches_the_spec() {
    assert_same_shape(
        facade::<CustomerConnection>(),
        ("pingone-saas-connections.yaml", "CustomerConnection"),
        &[&[(
            "connectionsStatus",
            "read into `status`, whichever of the two spellings the server sends",
        )]],
    );
}

#[test]
fn saas_shared_settings_match_the_update_body() {
    assert_same_shape(
        facade::<SharedSettings>(),
        ("pingone-saas-connections.yaml", "UpdateConnectionRequest"),
        &[&[
            (
                "applications",
                "per-application: ConnectionUpdate::and_multiplexed / NewConnection",
            ),
            (
                "multiplexed",
                "per-application: ConnectionUpdate::and_multiplexed / NewConnection",
            ),
        ]],
    );
}

/// `SharedSettings` serves create and update, so it requires nothing itself; the create
/// body's required fields are enforced by `NewConnection` instead. Both halves are checked:
/// the property names, and that every field the spec requires is refused when missing.
#[test]
fn saas_shared_settings_match_the_create_body_and_new_connection_enforces_its_required_fields() {
    let (facade_props, _) = facade::<SharedSettings>();
    let (spec_props, spec_required, _) =
        spec("pingone-saas-connections.yaml", "CreateConnectionRequest");
    let per_application: Names = ["applications", "multiplexed"].map(String::from).into();
    assert_eq!(
        facade_props,
        spec_props
            .difference(&per_application)
            .cloned()
            .collect::<Names>()
    );

    let certificate =
        sso_connections::values::Certificate::parse(include_str!("fixtures/example-idp-cert.pem"))
            .unwrap();
    let without = |missing: &str| {
        let mut b = SharedSettings::builder();
        if missing != "email" {
            b = b.email("admin@acme.example");
        }
        if missing != "entityId" {
            b = b.entity_id("https://idp.acme.example");
        }
        if missing != "ssoEndpoint" {
            b = b.sso_endpoint("https://idp.acme.example/sso");
        }
        if missing != "signingCertificateData" {
            b = b.signing_certificate(certificate.clone());
        }
        b.build().unwrap()
    };
    assert!(NewConnection::for_every_eligible_application(without("none")).is_ok());
    assert_eq!(spec_required.len(), 4);
    for field in &spec_required {
        match NewConnection::for_every_eligible_application(without(field)) {
            Err(Error::InvalidInput(input)) => assert_eq!(input.field(), field),
            other => panic!("a create without {field} was not refused: {other:?}"),
        }
    }
}

#[test]
fn pingone_attribute_mapping_matches_the_spec() {
    assert_same_shape(
        facade::<AttributeMapping>(),
        ("pingone-platform.yaml", "ApplicationAttributeMapping"),
        &[&[
            (
                "nameFormat",
                "not modelled yet: set through the generated client",
            ),
            ("idToken", "OIDC-only: not part of a SAML attribute mapping"),
            (
                "userInfo",
                "OIDC-only: not part of a SAML attribute mapping",
            ),
            (
                "oidcScopes",
                "OIDC-only: not part of a SAML attribute mapping",
            ),
        ]],
    );
}

#[test]
fn pingone_resource_grant_matches_the_spec() {
    assert_same_shape(
        facade::<ResourceGrant>(),
        ("pingone-platform.yaml", "ApplicationResourceGrant"),
        &[],
    );
}

#[test]
fn pingone_sign_on_policy_assignment_matches_the_spec() {
    assert_same_shape(
        facade::<SignOnPolicyAssignment>(),
        ("pingone-platform.yaml", "SignOnPolicyAssignment"),
        &[],
    );
}
