//! `build.rs` leaves the specs' `pattern` keywords out of the generated code, because the
//! facade checks each pattern itself. These tests hold the facade's check to the spec's own
//! regular expression, evaluated by `regress` (ECMA-262 syntax, as OpenAPI specifies).

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sso_connections::auth0::ConnectionProfileSettings;

/// Every `pattern` of every spec: (file, schema name, pattern).
fn patterns() -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for (file, spec) in common::specs() {
        for (name, schema) in common::entries(&spec["components"]["schemas"]) {
            if let Some(pattern) = schema["pattern"].as_str() {
                found.push((file.clone(), name.clone(), pattern.to_owned()));
            }
        }
    }
    found
}

#[test]
fn every_pattern_of_the_specs_has_a_facade_check_here() {
    let named: Vec<_> = patterns()
        .into_iter()
        .map(|(file, name, _)| format!("{file} {name}"))
        .collect();
    assert_eq!(
        named,
        ["auth0-connection-profiles.yaml ConnectionNamePrefixTemplate"],
        "a new pattern needs a facade check and a test below"
    );
}

/// Pieces that the prefix template's rules treat specially.
fn prefix_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{org_id}".to_owned()),
        Just("{org_name}".to_owned()),
        Just("{org".to_owned()),
        Just("}".to_owned()),
        Just("-".to_owned()),
        Just("--".to_owned()),
        "[a-zA-Z0-9]{1,3}",
        "[ _.é{}]",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

#[test]
fn the_prefix_template_check_accepts_exactly_what_the_spec_pattern_and_length_accept() {
    let (_, _, pattern) = patterns().remove(0);
    let regex = regress::Regex::new(&pattern).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 2048,
        failure_persistence: None,
        ..Config::default()
    });
    let both = std::cell::Cell::new([0, 0]);
    runner
        .run(&prefix_like(), |template| {
            let spec_accepts = regex
                .find(&template)
                .is_some_and(|m| m.range() == (0..template.len()))
                && template.chars().count() <= 15;
            let facade_accepts = ConnectionProfileSettings::builder()
                .connection_name_prefix_template(template.clone())
                .build()
                .is_ok();
            prop_assert_eq!(facade_accepts, spec_accepts, "{:?}", template);
            let mut counts = both.get();
            counts[usize::from(spec_accepts)] += 1;
            both.set(counts);
            Ok(())
        })
        .unwrap();
    let [refused, accepted] = both.get();
    assert!(
        refused > 100 && accepted > 100,
        "accepted {accepted} and refused {refused}"
    );
}
