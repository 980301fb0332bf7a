//! build.rs turns an invalid spec into an error that names the file and the problem. The
//! build script itself is compiled into this test so its real `generate` function is exercised.

#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

use build_script::{generate, Spec};

fn spec_file(name: &str, text: &str) -> Spec {
    let dir = std::env::temp_dir().join(format!("sso-connections-build-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    Spec {
        feature: "saas",
        file: Box::leak(path.to_string_lossy().into_owned().into_boxed_str()),
        module: "saas",
        replacements: &[],
        open_enums: false,
    }
}

fn problem(name: &str, text: &str) -> String {
    match generate(&spec_file(name, text)) {
        Ok(_) => panic!("{name} should not generate"),
        Err(problem) => problem,
    }
}

#[test]
fn the_real_specs_generate() {
    for spec in build_script::SPECS {
        let generated = generate(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.file));
        assert!(generated.client.contains("pub struct Client"));
        assert!(generated.mocks.contains("MockServerExt"));
    }
}

#[test]
fn yaml_that_is_not_openapi_is_reported() {
    let problem = problem("not-openapi.yaml", "just: [a, list\n");
    assert!(
        problem.starts_with("not an OpenAPI 3.0 document"),
        "{problem}"
    );
}

#[test]
fn a_missing_file_is_reported() {
    let spec = Spec {
        feature: "saas",
        file: "openapi/does-not-exist.yaml",
        module: "saas",
        replacements: &[],
        open_enums: false,
    };
    let problem = generate(&spec).err().unwrap();
    assert!(problem.starts_with("cannot read it"), "{problem}");
}

#[test]
fn a_wrong_openapi_version_is_reported() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let problem = problem("v31.yaml", text);
    assert_eq!(problem, "version 3.1.0 is not OpenAPI 3.0.x");
}

#[test]
fn a_dangling_reference_is_reported_by_the_generator() {
    let text = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /x:
    get:
      operationId: getX
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
"##;
    let problem = problem("dangling.yaml", text);
    assert_eq!(
        problem,
        "reference #/components/schemas/Missing points at nothing"
    );
}

#[test]
fn a_generator_panic_becomes_an_error() {
    // progenitor 0.15 hits a `todo!()` for a JSON response without a schema; the build must
    // still end with an error naming the problem, not an unexplained panic.
    let text = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /x:
    get:
      operationId: getX
      responses:
        '200':
          description: ok
          content:
            application/json: {}
"##;
    let problem = problem("panics.yaml", text);
    assert!(
        problem.starts_with("progenitor cannot generate a client: not yet implemented"),
        "{problem}"
    );
}

/// build.rs leaves `pattern` out of the generated code; the facade checks each pattern, and
/// `tests/auth0_input_limits.rs` (`facade_limits_equal_the_spec_schema`) holds that check to the
/// spec's regular expression. A new pattern needs the same.
#[test]
fn patterns_are_left_to_the_facade() {
    let mut patterns = Vec::new();
    for spec in build_script::SPECS {
        let text = std::fs::read_to_string(spec.file).unwrap();
        let tree: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let schemas = tree["components"]["schemas"].as_mapping().unwrap();
        for (name, schema) in schemas {
            if schema.get("pattern").is_some() {
                patterns.push(format!("{} {}", spec.file, name.as_str().unwrap()));
            }
        }
        let generated = generate(spec).unwrap();
        assert!(!generated.client.contains("regress"), "{}", spec.file);
    }
    assert_eq!(
        patterns,
        ["openapi/auth0-connection-profiles.yaml ConnectionNamePrefixTemplate"]
    );
}
