//! The desired-state document: its committed JSON Schema is current and validates what the
//! library reads, TOML and JSON say the same, and the example document loads.

use std::path::Path;

use serde_json::{json, Value};
use sso_connections::desired::{DesiredError, Document, Ensure, MAX_DOCUMENT_BYTES};

const SCHEMA_FILE: &str = "schema/desired-state.schema.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed schema is what the types generate. `UPDATE_SCHEMA=1 cargo test --test
/// desired_document` rewrites it after a change to the document types.
#[test]
fn the_committed_schema_is_current() {
    let generated = Document::json_schema();
    let path = root().join(SCHEMA_FILE);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_FILE} is out of date: run `UPDATE_SCHEMA=1 cargo test --test desired_document` \
         and commit it"
    );
}

fn toml_as_json(text: &str) -> Value {
    let value: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(value).unwrap()
}

fn schema_errors(instance: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(&Document::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn the_example_document_loads_and_follows_the_schema() {
    let path = root().join("examples/customers.toml");
    let document = Document::load(&path).unwrap();
    assert_eq!(document.base_dir, root().join("examples"));
    assert_eq!(document.saas.connections.len(), 3);
    assert_eq!(
        document.saas.connections["initech.example"].ensure,
        Ensure::Absent
    );
    assert_eq!(document.pingone.len(), 1);
    assert_eq!(document.auth0["main"].profiles.len(), 1);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(schema_errors(&toml_as_json(&text)), Vec::<String>::new());
}

#[test]
fn the_schema_refuses_what_the_library_refuses() {
    let typo = json!({ "saas": { "connections": { "acme.example": { "emial": "x" } } } });
    assert!(!schema_errors(&typo).is_empty());
    assert!(Document::from_json_str(&typo.to_string()).is_err());
    let bad_enum =
        json!({ "saas": { "connections": { "acme.example": { "slo_binding": "post" } } } });
    assert!(!schema_errors(&bad_enum).is_empty());
    assert!(Document::from_json_str(&bad_enum.to_string()).is_err());
    let bad_type = json!({ "pingone": { "not-a-uuid": {} } });
    assert!(!schema_errors(&bad_type).is_empty());
    assert!(Document::from_json_str(&bad_type.to_string()).is_err());
}

#[test]
fn toml_json_and_the_written_toml_say_the_same() {
    let text = std::fs::read_to_string(root().join("examples/customers.toml")).unwrap();
    let from_toml = Document::from_toml_str(&text).unwrap();
    let from_json = Document::from_json_str(&toml_as_json(&text).to_string()).unwrap();
    assert_eq!(from_toml, from_json);
    let written = from_toml.to_toml();
    assert_eq!(Document::from_toml_str(&written).unwrap(), from_toml);
    assert!(
        !written.contains("enabled = true"),
        "defaults are not written:\n{written}"
    );
}

#[test]
fn rules_a_schema_cannot_state_are_checked_with_their_location() {
    let cases = [
        (
            "[saas.connections.\"acme.example\"]\nemail = \"a@b.c\"\nmetadata_file = \"a.xml\"\nmetadata_url = \"https://x\"\napplications = [{ application = \"6964005a-6270-4a88-9ddc-0e6a4e05e51d\" }]\n",
            "saas.connections.\"acme.example\": give only one of `metadata_file`, `metadata_url`",
        ),
        (
            "[saas.connections.\"acme.example\"]\nemail = \"a@b.c\"\nmetadata_file = \"a.xml\"\n",
            "saas.connections.\"acme.example\": declares no application; name at least one in `applications`",
        ),
        (
            "[saas.connections.\"acme.example\"]\nmetadata_file = \"a.xml\"\napplications = [{ application = \"6964005a-6270-4a88-9ddc-0e6a4e05e51d\" }]\n",
            "saas.connections.\"acme.example\": needs `email` (metadata does not carry one)",
        ),
        (
            "[saas.connections.\"acme.example\"]\nemail = \"a@b.c\"\nentity_id = \"x\"\napplications = [{ application = \"6964005a-6270-4a88-9ddc-0e6a4e05e51d\" }]\n",
            "saas.connections.\"acme.example\": needs `entity_id`, `sso_endpoint` and a signing certificate, or a metadata source",
        ),
        (
            "[saas.connections.\"acme.example\"]\nensure = \"absent\"\nemail = \"a@b.c\"\n",
            "saas.connections.\"acme.example\": an absent idpId declares nothing else; remove its settings or its `ensure`",
        ),
        (
            "[pingone.\"4f0c6a2e-1b7d-4c3a-9e58-2d6b0f1a7c93\".identity_providers.\"Okta\"]\ntype = \"OPENID_CONNECT\"\nissuer = \"https://okta.example\"\n",
            "pingone.\"4f0c6a2e-1b7d-4c3a-9e58-2d6b0f1a7c93\".identity_providers.\"Okta\": needs `authorization_endpoint`",
        ),
        (
            "[pingone.\"4f0c6a2e-1b7d-4c3a-9e58-2d6b0f1a7c93\".identity_providers.\"ADFS\"]\ntype = \"SAML\"\nidp_entity_id = \"x\"\nsso_endpoint = \"https://adfs.example\"\n",
            "pingone.\"4f0c6a2e-1b7d-4c3a-9e58-2d6b0f1a7c93\".identity_providers.\"ADFS\": needs `sp_entity_id`",
        ),
        (
            "[auth0.main.profiles.\"P\"]\norganization = { show_as_button = \"always\" }\n",
            "auth0.\"main\".profiles.\"P\".organization.show_as_button: must be `none`, `optional` or `required`",
        ),
        (
            "[auth0.main.profiles.\" \"]\n",
            "auth0.\"main\".profiles.\" \": a name must not be blank",
        ),
    ];
    for (text, expected) in cases {
        let err = Document::from_toml_str(text).unwrap_err();
        assert!(matches!(err, DesiredError::Document { .. }), "{err:?}");
        assert_eq!(err.to_string(), expected);
    }
}

#[test]
fn a_document_file_is_bounded_and_errors_name_it() {
    let folder = std::env::temp_dir().join(format!("desired-document-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let big = folder.join("big.toml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let text = line.repeat((MAX_DOCUMENT_BYTES as usize / line.len()) + 1);
    std::fs::write(&big, text).unwrap();
    let err = Document::load(&big).unwrap_err();
    assert!(matches!(err, DesiredError::File { .. }));
    assert!(
        err.to_string().ends_with("is larger than 16777216 bytes"),
        "{err}"
    );

    let broken = folder.join("broken.toml");
    std::fs::write(&broken, "[saas\n").unwrap();
    let err = Document::load(&broken).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: document: ", broken.display())),
        "{err}"
    );
    let missing = Document::load(folder.join("missing.toml")).unwrap_err();
    assert!(matches!(missing, DesiredError::File { .. }));
    std::fs::remove_dir_all(folder).ok();
}
