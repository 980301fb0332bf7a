//! Every example in every spec under `openapi/` validates against its own schema, and the
//! vendor document's examples decode into the generated types and the facade.

mod common;

use jsonschema::Draft;
use serde_json::{json, Value};

use common::{examples, specs};

#[test]
fn every_example_validates_against_its_schema() {
    let mut checked = 0;
    for (file, spec) in specs() {
        let examples = examples(&spec);
        assert!(!examples.is_empty(), "{file} has no examples");
        for (place, schema, example) in examples {
            // The schema is embedded in a root that carries the spec's components, so its
            // `#/components/...` references resolve.
            let root = json!({ "components": spec["components"], "allOf": [schema] });
            let validator = jsonschema::options()
                .with_draft(Draft::Draft4)
                .should_validate_formats(true)
                .build(&root)
                .unwrap_or_else(|e| panic!("{file} {place}: schema does not compile: {e}"));
            let errors: Vec<String> = validator
                .iter_errors(&example)
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "{file} {place}: example is invalid: {errors:?}"
            );
            checked += 1;
        }
    }
    // The SaaS spec alone has 7 (3 request bodies, 1 response, 2 parameters, 1 schema).
    assert!(checked >= 7, "only {checked} examples checked");
}

#[test]
fn the_validator_rejects_a_bad_example() {
    // Guard against a validator that accepts everything.
    let (_, spec) = specs()
        .into_iter()
        .find(|(f, _)| f == "pingone-saas-connections.yaml")
        .unwrap();
    let root = json!({
        "components": spec["components"],
        "allOf": [{"$ref": "#/components/schemas/CreateConnectionRequest"}],
    });
    let validator = jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .build(&root)
        .unwrap();
    assert!(!validator.is_valid(&json!({"email": "admin@exampleIdp.com"})));
    assert!(!validator.is_valid(&json!({
        "email": "admin@exampleIdp.com", "entityId": "e", "ssoEndpoint": "http://x.example",
        "signingCertificateData": "MII", "signingAlgorithm": "RSA_MD5",
    })));
}

mod saas {
    use super::*;
    use sso_connections::generated::saas::types;
    use sso_connections::saas::{ConnectionStatus, CustomerConnection};
    use sso_connections::values::Certificate;

    fn spec() -> Value {
        specs()
            .into_iter()
            .find(|(f, _)| f == "pingone-saas-connections.yaml")
            .unwrap()
            .1
    }

    fn example(pointer: &str) -> Value {
        spec()
            .pointer(pointer)
            .unwrap_or_else(|| panic!("no example at {pointer}"))
            .clone()
    }

    #[test]
    fn document_get_example_decodes_into_the_facade_type() {
        let value = example(
            "/paths/~1spManaged~1{idpId}/get/responses/200/content/application~1json/examples/vendorExample/value",
        );
        let list: types::CustomerConnectionList = serde_json::from_value(value).unwrap();
        let connections: Vec<CustomerConnection> = list.0.into_iter().map(Into::into).collect();
        assert_eq!(connections.len(), 1);
        let connection = &connections[0];
        assert_eq!(connection.idp_id.as_deref(), Some("exampleIdp.com"));
        assert_eq!(connection.status, Some(ConnectionStatus::Active));
        // MIME base64 with line breaks, as the document shows, is a valid certificate.
        let certificate = connection.signing_certificate.as_ref().unwrap();
        assert!(certificate.as_str().contains('\n'));
        assert_eq!(certificate.decode().unwrap(), common::example_cert());
    }

    #[test]
    fn document_create_and_update_examples_decode_into_the_generated_bodies() {
        let create = example(
            "/paths/~1spManaged~1{idpId}/put/requestBody/content/application~1json/examples/vendorExample/value",
        );
        let body: types::CreateConnectionRequest = serde_json::from_value(create).unwrap();
        assert!(body.multiplexed, "spec default multiplexed=true applies");
        assert!(Certificate::parse(&body.signing_certificate_data).is_ok());

        let update = example(
            "/paths/~1spManaged~1{idpId}/post/requestBody/content/application~1json/examples/vendorExample/value",
        );
        let body: types::UpdateConnectionRequest = serde_json::from_value(update).unwrap();
        assert_eq!(body.multiplexed, None, "an update carries no defaults");
        assert_eq!(body.email.as_deref(), Some("admin@exampleIdp.com"));
    }

    #[test]
    fn update_schema_has_no_defaults_and_create_schema_has_the_documented_ones() {
        let spec = spec();
        let update =
            serde_json::to_string(&spec["components"]["schemas"]["UpdateConnectionRequest"])
                .unwrap();
        assert!(
            !update.contains("\"default\""),
            "update schema must carry no default"
        );
        let create = &spec["components"]["schemas"]["CreateConnectionRequest"]["properties"];
        assert_eq!(create["multiplexed"]["default"], json!(true));
        assert_eq!(create["sloBinding"]["default"], json!("POST"));
        assert_eq!(create["signAuthnRequest"]["default"], json!(false));
        assert_eq!(create["signingAlgorithm"]["default"], json!("RSA_SHA256"));
    }
}

mod pingone {
    use super::*;
    use sso_connections::generated::pingone::types;
    use sso_connections::pingone::{Application, IdentityProvider};

    /// Decodes `value` as the Rust type generated for the component schema `schema`, and
    /// checks it serialises back to an equivalent JSON value (nothing lost on the way).
    fn round_trip(schema: &str, value: &Value) -> Result<Value, String> {
        macro_rules! table {
            ($($name:literal => $ty:ty),+ $(,)?) => {
                match schema {
                    $($name => serde_json::from_value::<$ty>(value.clone())
                        .map_err(|e| e.to_string())
                        .and_then(|typed| serde_json::to_value(typed).map_err(|e| e.to_string())),)+
                    other => Err(format!("no Rust type listed for schema {other}")),
                }
            };
        }
        table! {
            "Application" => Application,
            "ApplicationPage" => types::ApplicationPage,
            "ApplicationSecret" => types::ApplicationSecret,
            "SecretRotation" => types::SecretRotation,
            "ApplicationAttributeMapping" => types::ApplicationAttributeMapping,
            "ApplicationAttributeMappingPage" => types::ApplicationAttributeMappingPage,
            "ApplicationResourceGrant" => types::ApplicationResourceGrant,
            "ApplicationResourceGrantPage" => types::ApplicationResourceGrantPage,
            "SignOnPolicyAssignment" => types::SignOnPolicyAssignment,
            "SignOnPolicyAssignmentPage" => types::SignOnPolicyAssignmentPage,
            "IdentityProvider" => IdentityProvider,
            "IdentityProviderPage" => types::IdentityProviderPage,
            "PingOneError" => types::PingOneError,
        }
    }

    /// Drops JSON nulls so a round trip that omits absent fields compares equal.
    fn without_nulls(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), without_nulls(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
            other => other.clone(),
        }
    }

    #[test]
    fn every_request_and_response_example_decodes_into_its_rust_type_without_loss() {
        let (_, spec) = specs()
            .into_iter()
            .find(|(f, _)| f == "pingone-platform.yaml")
            .unwrap();
        let mut decoded = 0;
        for (place, schema, example) in examples(&spec) {
            let Some(name) = schema.get("$ref").and_then(Value::as_str) else {
                continue;
            };
            let name = name.trim_start_matches("#/components/schemas/");
            let back = round_trip(name, &example).unwrap_or_else(|e| panic!("{place}: {e}"));
            assert_eq!(
                without_nulls(&back),
                without_nulls(&example),
                "{place}: lost or changed data"
            );
            decoded += 1;
        }
        assert!(decoded >= 20, "only {decoded} examples decoded");
    }
}
