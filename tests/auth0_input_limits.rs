//! Every documented input limit of the Auth0 connection-profiles facade
//! (`openapi/auth0-connection-profiles.yaml`) at and past its edge: a valid value reaches the
//! wire exactly as given, an invalid one is `InvalidInput` naming the field with nothing sent;
//! and the limits are cross-checked against the spec's own schema so that facade and spec
//! cannot drift.

mod common;

use httpmock::MockServer;
use serde_json::{json, Value};
use sso_connections::auth0::ConnectionProfileSettings;
use sso_connections::generated::auth0::types;

use common::auth0::mocks::MockServerExt as _;
use common::auth0::*;
use common::{catch_all, invalid_input, merged, FacadeRequest as _, JsonAnswer as _};

/// How the facade must judge a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Valid,
    /// Refused for its length; the reason names the limit.
    Length,
    /// Refused for a character or sequence the pattern forbids.
    Pattern,
}

use Verdict::{Length, Pattern, Valid};

/// `name`: 1 to 50 characters, counted as characters (not bytes).
fn name_cases() -> Vec<(String, Verdict)> {
    vec![
        (String::new(), Length),
        ("a".into(), Valid),
        ("a".repeat(50), Valid),
        ("a".repeat(51), Length),
        ("é".repeat(50), Valid),
        ("é".repeat(51), Length),
        ("🔐".repeat(50), Valid),
        ("🔐".repeat(51), Length),
        (
            "Partner SSO (EU) — ünïcode, spaces & punctuation!".into(),
            Valid,
        ),
    ]
}

/// `connection_name_prefix_template`: at most 15 characters of ASCII letters, digits, `-` and
/// the placeholders `{org_id}`/`{org_name}` (counted as written); no leading `-`, no `--`.
fn prefix_cases() -> Vec<(String, Verdict)> {
    let owned = |cases: &[(&str, Verdict)]| -> Vec<(String, Verdict)> {
        cases.iter().map(|(v, d)| (v.to_string(), *d)).collect()
    };
    let mut cases = vec![("a".repeat(15), Valid), ("a".repeat(16), Length)];
    cases.extend(owned(&[
        ("", Valid), // the clear
        ("acme", Valid),
        ("Acme-SSO-2024", Valid),
        ("acme-", Valid),
        ("a-b-c-d", Valid),
        ("0", Valid),
        ("-", Pattern),
        ("-acme", Pattern),
        ("--", Pattern),
        ("ac--me", Pattern),
        ("acme--", Pattern),
        ("{org_id}", Valid),
        ("{org_name}", Valid),
        ("{org_id}-sso", Valid),
        ("sso{org_name}", Valid),
        ("x{org_name}-1", Valid),
        ("{org_name}-sso", Valid),
        ("{org_name}-ssoX", Valid),   // 15 with a placeholder
        ("{org_name}-ssoXY", Length), // 16 with a placeholder
        ("{org_id}{org_id}", Length), // repeated: 16 as written
        ("{org_id}{org_na", Pattern), // 15, a broken placeholder
        ("{org_id}-{org_i", Pattern), // 15, a broken placeholder
        ("-{org_id}", Pattern),
        ("{org_id}--x", Pattern),
        ("{org}", Pattern),
        ("{org_id", Pattern),
        ("org_id}", Pattern),
        ("{ORG_ID}", Pattern),
        ("{org_id}}", Pattern),
        ("{{org_id}", Pattern),
        ("{ org_id }", Pattern),
        ("_", Pattern),
        ("acme_sso", Pattern),
        ("acme sso", Pattern),
        (" acme", Pattern),
        ("acme.sso", Pattern),
        ("acme\n", Pattern),
        ("café", Pattern),
        ("ａｃｍｅ", Pattern), // full-width letters
        ("٣", Pattern),        // an Arabic-Indic digit
    ]));
    cases.push(("é".repeat(15), Pattern));
    cases.push(("é".repeat(16), Length));
    cases
}

/// The field a limit table is about.
#[derive(Clone, Copy, Debug)]
enum Field {
    Name,
    Prefix,
}

impl Field {
    /// The JSON key, which an `InvalidInput` names as its field.
    fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Prefix => "connection_name_prefix_template",
        }
    }

    /// The largest number of characters allowed.
    fn limit(self) -> usize {
        match self {
            Field::Name => 50,
            Field::Prefix => 15,
        }
    }

    /// Settings setting only this field (an update).
    fn update(self, value: &str) -> sso_connections::Result<ConnectionProfileSettings> {
        let builder = ConnectionProfileSettings::builder();
        match self {
            Field::Name => builder.name(value),
            Field::Prefix => builder.connection_name_prefix_template(value),
        }
        .build()
    }

    /// Settings for a create: the prefix cases carry a valid name as well.
    fn create(self, value: &str) -> sso_connections::Result<ConnectionProfileSettings> {
        match self {
            Field::Name => ConnectionProfileSettings::builder().name(value),
            Field::Prefix => ConnectionProfileSettings::builder()
                .name("Partner SSO")
                .connection_name_prefix_template(value),
        }
        .build()
    }

    /// The JSON body of [`update`](Self::update) with `value`.
    fn update_body(self, value: &str) -> Value {
        json!({ self.key(): value })
    }

    /// The JSON body of [`create`](Self::create) with `value`.
    fn create_body(self, value: &str) -> Value {
        merged(json!({"name": "Partner SSO"}), self.update_body(value))
    }
}

/// Runs every case of `field` through `create` and `update` as a caller would (build, then
/// send): valid values reach the wire exactly as given; invalid ones are `InvalidInput` naming
/// the field (and the limit for a length) with nothing sent.
async fn check_limits(field: Field, cases: Vec<(String, Verdict)>) {
    for (value, verdict) in cases {
        let server = MockServer::start_async().await;
        let client = client(&server);
        let profiles = client.connection_profiles();
        let create = async { profiles.create(&field.create(&value)?).await };
        let update = async { profiles.update(PROFILE_ID, &field.update(&value)?).await };
        let case = format!(
            "{} = {value:?} ({} chars)",
            field.key(),
            value.chars().count()
        );

        if verdict == Valid {
            let reply = profile_json(PROFILE_ID, "Partner SSO", field.update_body(&value));
            let posted = server.create_connection_profile(|when, then| {
                when.sent_by_facade().sending(field.create_body(&value));
                then.json(201, reply.clone());
            });
            let patched = server.update_connection_profile(|when, then| {
                when.id(PROFILE_ID)
                    .sent_by_facade()
                    .sending(field.update_body(&value));
                then.json(200, reply);
            });
            create
                .await
                .unwrap_or_else(|e| panic!("{case}: create: {e:?}"));
            update
                .await
                .unwrap_or_else(|e| panic!("{case}: update: {e:?}"));
            posted.assert_async().await;
            patched.assert_async().await;
        } else {
            let any = catch_all(&server).await;
            for (operation, result) in [("create", create.await), ("update", update.await)] {
                let input = invalid_input(result);
                assert_eq!(input.field(), field.key(), "{case}: {operation}");
                if verdict == Length {
                    assert!(
                        input.reason().contains(&field.limit().to_string()),
                        "{case}: {operation}: the reason names the limit: {}",
                        input.reason()
                    );
                }
            }
            any.assert_calls_async(0).await;
        }
    }
}

#[tokio::test]
async fn name_is_1_to_50_characters_counted_as_characters() {
    check_limits(Field::Name, name_cases()).await;
}

#[tokio::test]
async fn prefix_template_is_at_most_15_characters_of_the_documented_pattern() {
    check_limits(Field::Prefix, prefix_cases()).await;
}

/// The spec's `pattern`, compiled with the `regex` crate when it supports the syntax, and
/// otherwise with an ECMA-262 engine (`regress`, what the generated code uses): OpenAPI
/// patterns are ECMA-262, and this one needs look-ahead, which `regex` lacks.
enum SpecPattern {
    Rust(regex::Regex),
    Ecma(regress::Regex),
}

impl SpecPattern {
    /// Compiles `pattern` with whichever engine supports it.
    fn compile(pattern: &str) -> Self {
        match regex::Regex::new(pattern) {
            Ok(regex) => SpecPattern::Rust(regex),
            Err(_) => SpecPattern::Ecma(
                regress::Regex::new(pattern).expect("the spec's pattern is valid ECMA-262"),
            ),
        }
    }

    /// Whether the pattern matches somewhere in `value` (the spec anchors its own).
    fn is_match(&self, value: &str) -> bool {
        match self {
            SpecPattern::Rust(regex) => regex.is_match(value),
            SpecPattern::Ecma(regex) => regex.find(value).is_some(),
        }
    }
}

/// Every string of up to three pieces drawn from letters, digits, `-`, both placeholders,
/// broken placeholders and forbidden characters: lengths from 0 to 30, both sides of 15.
fn prefix_combinations() -> Vec<String> {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "7",
        "-",
        "_",
        " ",
        ".",
        "é",
        "{",
        "}",
        "{org}",
        "{org_id",
        "{org_id}",
        "{org_name}",
        "abcde",
        "abcdefg",
    ];
    let mut values = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..3 {
        last = last
            .iter()
            .flat_map(|prefix| PIECES.iter().map(move |piece| format!("{prefix}{piece}")))
            .collect();
        values.extend(last.iter().cloned());
    }
    values
}

#[test]
fn facade_limits_equal_the_spec_schema() {
    let spec = common::spec(SPEC);
    let schemas = &spec["components"]["schemas"];
    let prefix_schema = &schemas["ConnectionNamePrefixTemplate"];
    let max_prefix = prefix_schema["maxLength"].as_u64().unwrap() as usize;
    let pattern = SpecPattern::compile(prefix_schema["pattern"].as_str().unwrap());
    let name_schema = &schemas["ConnectionProfileName"];
    let min_name = name_schema["minLength"].as_u64().unwrap() as usize;
    let max_name = name_schema["maxLength"].as_u64().unwrap() as usize;
    assert_eq!((min_name, max_name, max_prefix), (1, 50, 15));
    assert_eq!(Field::Name.limit(), max_name);
    assert_eq!(Field::Prefix.limit(), max_prefix);

    let spec_prefix = |value: &str| value.chars().count() <= max_prefix && pattern.is_match(value);
    let spec_name = |value: &str| (min_name..=max_name).contains(&value.chars().count());

    // The tables' verdicts are the spec's.
    for (value, verdict) in prefix_cases() {
        assert_eq!(spec_prefix(&value), verdict == Valid, "prefix {value:?}");
        let length_only = value.chars().count() > max_prefix;
        assert_eq!(length_only, verdict == Length, "prefix {value:?}");
    }
    for (value, verdict) in name_cases() {
        assert_eq!(spec_name(&value), verdict == Valid, "name {value:?}");
    }

    // The facade, the spec and the generated types agree on every value.
    let mut prefixes: Vec<String> = prefix_cases().into_iter().map(|(v, _)| v).collect();
    prefixes.extend(prefix_combinations());
    let (mut accepted, mut too_long_but_matching) = (0, 0);
    for value in &prefixes {
        let spec_ok = spec_prefix(value);
        let facade = Field::Prefix.update(value);
        assert_eq!(
            facade.is_ok(),
            spec_ok,
            "prefix {value:?}: facade says {facade:?}"
        );
        if let Err(err) = facade {
            assert_eq!(invalid_input::<()>(Err(err)).field(), Field::Prefix.key());
        }
        // build.rs leaves patterns out of the generated code (the facade checks them), so
        // the generated type holds only the length.
        let generated = types::ConnectionNamePrefixTemplate::try_from(value.as_str());
        assert_eq!(
            generated.is_ok(),
            value.chars().count() <= max_prefix,
            "prefix {value:?}: generated type"
        );
        accepted += usize::from(spec_ok);
        too_long_but_matching += usize::from(pattern.is_match(value) && !spec_ok);
    }
    // The combinations exercise both rules on both sides.
    assert!(accepted > 100 && too_long_but_matching > 100);
    assert!(prefixes.len() - accepted > 1000);

    for (value, _) in name_cases() {
        let spec_ok = spec_name(&value);
        assert_eq!(
            Field::Name.update(&value).is_ok(),
            spec_ok,
            "name {value:?}"
        );
        let generated = types::ConnectionProfileName::try_from(value.as_str());
        assert_eq!(generated.is_ok(), spec_ok, "name {value:?}: generated type");
    }
}
