//! Robustness of the checked inputs: an arbitrary value never panics a facade, and either
//! becomes exactly the request it describes or is refused as `InvalidInput` naming its field
//! with nothing sent. Path segments (SaaS `idpId`s, Auth0 ids), certificates, URLs, emails,
//! fingerprints and Auth0 profile settings.

mod common;

use std::sync::{Arc, Mutex};

use httpmock::{HttpMockRequest, Mock, MockServer};
use proptest::prelude::*;
use proptest::test_runner::TestCaseResult;
use serde_json::{json, Value};
use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
use sso_connections::saas::{IdpId, SaasClient};
use sso_connections::values::{Certificate, Email, Fingerprint, HttpUrl};
use sso_connections::Error;

use common::properties::{
    check, field_of, made_of, runtime, tricky_string, url_like, Tally, TRICKY_CHARS,
};
use common::EXAMPLE_CERT_PEM;

// ---------------------------------------------------------------- harness

/// What a catch-all mock saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    raw_path: String,
    body: Vec<u8>,
}

/// A mock answering every request with `status` and `body`, recording what it saw.
struct CatchAll<'a> {
    mock: Mock<'a>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl<'a> CatchAll<'a> {
    /// Mounts the mock on `server`, answering `status` and `body`.
    fn start(server: &'a MockServer, status: u16, body: &str) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorder = Arc::clone(&seen);
        let mock = server.mock(|when, then| {
            when.is_true(move |request: &HttpMockRequest| {
                recorder.lock().unwrap().push(Seen {
                    raw_path: request.uri().path().to_owned(),
                    body: request.body().to_vec(),
                });
                true
            });
            then.status(status)
                .header("content-type", "application/json")
                .body(body);
        });
        Self { mock, seen }
    }

    /// Forgets what was seen; returns how many requests the mock answered so far.
    fn reset(&self) -> usize {
        self.seen.lock().unwrap().clear();
        self.mock.calls()
    }

    /// The requests answered since `reset` returned `before`, with what the matcher saw.
    /// (The matcher may run more than once per request, so `seen` is not the count.)
    fn since(&self, before: usize) -> (usize, Vec<Seen>) {
        (
            self.mock.calls() - before,
            self.seen.lock().unwrap().clone(),
        )
    }
}

/// `%XX` decoded to bytes; anything else kept as is.
fn percent_decode(raw: &str) -> Vec<u8> {
    let bytes = raw.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(high << 4 | low);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

// ---------------------------------------------------------------- input strategies

const EMAIL_PIECES: &[&str] = &[
    "admin",
    "a",
    "@",
    "@@",
    ".",
    "..",
    "example",
    "com",
    "é",
    " ",
    "\u{a0}",
    "\t",
    "\n",
    "\0",
    "+tag",
    "\"",
    "[1.2.3.4]",
    "-",
];

/// Email-ish text, most of it `local@domain` from pieces that are good or almost good (the
/// good ones listed more often, so that both outcomes are common).
fn email_like() -> impl Strategy<Value = String> {
    let select = |pieces: &'static [&'static str]| proptest::sample::select(pieces);
    let local = select(&[
        "admin", "a.b", "é", "a+tag", "", " a", "a\u{a0}", "a\tb", "\"q\"",
    ]);
    let at = select(&["@", "@", "@", "@", "@@", ""]);
    let name = select(&[
        "example", "日本", "a-b", "x", "", "ex ample", "ex@mple", "\0",
    ]);
    let tld = select(&[
        ".com", ".co.uk", ".org", ".", "com", ".com.", "..com", ".c\nm",
    ]);
    prop_oneof![
        1 => made_of(EMAIL_PIECES, 8),
        3 => (local, at, name, tld)
            .prop_map(|(local, at, name, tld)| format!("{local}{at}{name}{tld}")),
    ]
}

/// Fingerprint-ish text: hex pairs joined by `:` or nothing, sometimes with a stray piece.
fn fingerprint_like() -> impl Strategy<Value = String> {
    let pair = proptest::sample::select(&["AB", "ab", "0f", "9C", "e4", "00"][..]);
    prop_oneof![
        made_of(FINGERPRINT_PIECES, 8),
        (
            proptest::collection::vec(pair, 1..10),
            proptest::sample::select(&[":", ""][..]),
            proptest::option::of(made_of(FINGERPRINT_PIECES, 2)),
            any::<prop::sample::Index>(),
        )
            .prop_map(|(pairs, separator, stray, at)| {
                let mut text = pairs.join(separator);
                if let Some(stray) = stray {
                    let mut at = at.index(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    text.insert_str(at, &stray);
                }
                text
            }),
    ]
}

const FINGERPRINT_PIECES: &[&str] = &[
    "AB", "ab", "0f", "A", "0", ":", "::", "G1", "zz", " ", "é", "٣", "-", "AB:", ":AB", "ABC",
];

const TEMPLATE_PIECES: &[&str] = &[
    "a",
    "Z",
    "9",
    "-",
    "--",
    "{org_id}",
    "{org_name}",
    "{org_id",
    "org_name}",
    "{",
    "}",
    "_",
    " ",
    "é",
    "\n",
    "{ORG_ID}",
];

// ---------------------------------------------------------------- path segments

/// The property of a value sent as one URL path segment: `send` either refuses it as
/// `InvalidInput(field)` with nothing sent, or makes exactly one call whose requests (retries
/// included) all ask for `prefix` followed by the value, once percent-decoded. The mock
/// answers every request with 200 and `reply`. At least `min_each` inputs must go each way.
fn sent_as_one_path_segment_or_refused<C>(
    what: &str,
    (field, prefix, reply): (&'static str, &str, &str),
    strategy: impl Strategy<Value = String>,
    min_each: usize,
    client: impl FnOnce(String) -> C,
    send: impl Fn(&tokio::runtime::Runtime, &C, &str) -> Result<(), Error>,
) {
    let tally = Tally::default();
    let runtime = runtime();
    let server = MockServer::start();
    let catch_all = CatchAll::start(&server, 200, reply);
    let client = client(server.base_url());
    check(256, strategy, |value| {
        let before = catch_all.reset();
        let answer = send(&runtime, &client, &value);
        tally.count(&answer);
        let (calls, seen) = catch_all.since(before);
        match answer {
            Err(err) => {
                prop_assert_eq!(field_of(&err), Some(field), "{:?}", err);
                prop_assert_eq!(calls, 0);
            }
            Ok(()) => {
                prop_assert_eq!(calls, 1);
                prop_assert!(!seen.is_empty());
                let expected = format!("{prefix}{value}");
                for request in seen {
                    let decoded = String::from_utf8(percent_decode(&request.raw_path));
                    prop_assert_eq!(
                        decoded.as_deref(),
                        Ok(expected.as_str()),
                        "raw path {}",
                        request.raw_path
                    );
                }
            }
        }
        Ok(())
    });
    tally.assert_both(what, min_each);
}

// ---------------------------------------------------------------- idpId

/// The property of `IdpId`: an accepted value is kept as given, and a `get` with it answers
/// the mock's empty list.
fn idp_ids_round_trip(strategy: impl Strategy<Value = String>, min_each: usize) {
    sent_as_one_path_segment_or_refused(
        "idpId",
        ("idpId", "/spManaged/", "[]"),
        strategy,
        min_each,
        |base| {
            SaasClient::builder("robust-client", "robust-secret")
                .base_url(base)
                .build()
                .unwrap()
        },
        |runtime, client, value| {
            let idp = IdpId::new(value)?;
            assert_eq!(idp.as_str(), value);
            let list = runtime.block_on(client.connections().get(&idp))?;
            assert!(list.is_empty(), "{list:?}");
            Ok(())
        },
    );
}

/// Inputs with a backslash, which the URL parser of `http(s)` URLs reads as `/`, and the same
/// inputs with each backslash spelled out as the text `%5C`, which must reach the server as
/// that text and not as the backslash it escapes: about half are refused and half sent.
fn with_backslashes() -> impl Strategy<Value = String> {
    let backslashed = prop_oneof![
        1 => Just("a\\b".to_owned()),
        1 => Just("\\".to_owned()),
        1 => Just("..\\admin".to_owned()),
        3 => tricky_string().prop_map(|s| format!("{s}\\{s}")),
    ];
    (backslashed, any::<bool>()).prop_map(|(value, spelled_out)| {
        if spelled_out {
            value.replace('\\', "%5C")
        } else {
            value
        }
    })
}

/// Tricky inputs with their backslashes taken out.
fn without_backslashes() -> impl Strategy<Value = String> {
    tricky_string().prop_map(|s| s.replace('\\', ""))
}

/// The property over every input without a backslash; inputs with one are checked by the
/// test below.
#[test]
fn idp_ids_are_sent_as_one_exact_path_segment_or_refused() {
    idp_ids_round_trip(without_backslashes(), 20);
}

#[test]
fn idp_ids_with_a_backslash_are_sent_as_one_exact_path_segment_or_refused() {
    idp_ids_round_trip(with_backslashes(), 20);
}

/// The property of Auth0 ids (`connection_profiles().get(id)`).
fn auth0_ids_round_trip(strategy: impl Strategy<Value = String>, min_each: usize) {
    sent_as_one_path_segment_or_refused(
        "Auth0 id",
        (
            "id",
            "/connection-profiles/",
            r#"{"id":"cp_1","name":"Profile"}"#,
        ),
        strategy,
        min_each,
        |base| {
            Auth0Client::token("acme.us.auth0.com", "robust-token")
                .base_url(base)
                .build()
                .unwrap()
        },
        |runtime, client, id| {
            runtime
                .block_on(client.connection_profiles().get(id))
                .map(drop)
        },
    );
}

#[test]
fn auth0_ids_are_sent_as_one_exact_path_segment_or_refused() {
    auth0_ids_round_trip(without_backslashes(), 20);
}

#[test]
fn auth0_ids_with_a_backslash_are_sent_as_one_exact_path_segment_or_refused() {
    auth0_ids_round_trip(with_backslashes(), 20);
}

// ---------------------------------------------------------------- certificates

/// The DER of the example certificate.
fn example_der() -> Vec<u8> {
    Certificate::parse(EXAMPLE_CERT_PEM).unwrap().der().to_vec()
}

/// Byte strings near a certificate: arbitrary, truncated, flipped, extended.
fn der_like() -> impl Strategy<Value = Vec<u8>> {
    let der = example_der();
    let len = der.len();
    let (truncated, flipped, extended) = (der.clone(), der.clone(), der.clone());
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..1200),
        (0..len).prop_map(move |cut| truncated[..cut].to_vec()),
        proptest::collection::vec((0..len, any::<u8>()), 1..6).prop_map(move |flips| {
            let mut bytes = flipped.clone();
            for (at, value) in flips {
                bytes[at] ^= value | 1;
            }
            bytes
        }),
        proptest::collection::vec(any::<u8>(), 1..8).prop_map(move |tail| {
            let mut bytes = extended.clone();
            bytes.extend(tail);
            bytes
        }),
        Just(der),
    ]
}

/// Text near a certificate: arbitrary, base64 of random bytes, truncated or garbled PEM.
fn pem_like() -> impl Strategy<Value = String> {
    let pem = EXAMPLE_CERT_PEM.to_owned();
    let len = pem.len();
    let (truncated, garbled, doubled) = (pem.clone(), pem.clone(), pem.clone());
    prop_oneof![
        tricky_string(),
        proptest::collection::vec(any::<u8>(), 0..600).prop_map(|bytes| {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.encode(bytes)
        }),
        der_like().prop_map(|bytes| {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.encode(bytes)
        }),
        (0..len).prop_map(move |cut| truncated[..cut].to_owned()),
        proptest::collection::vec((0..len, proptest::sample::select(TRICKY_CHARS)), 1..5).prop_map(
            move |edits| {
                let mut chars: Vec<char> = garbled.chars().collect();
                let count = chars.len();
                for (at, c) in edits {
                    chars[at % count] = c;
                }
                chars.into_iter().collect()
            }
        ),
        (0..len, 0..len).prop_map(move |(a, b)| {
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}", &doubled[..b], &doubled[a..])
        }),
        Just("-----BEGIN CERTIFICATE-----".to_owned()),
        Just("-----BEGIN CERTIFICATE----------END CERTIFICATE-----".to_owned()),
        Just("-----END CERTIFICATE----------BEGIN CERTIFICATE-----".to_owned()),
        Just(pem),
    ]
}

/// Ok only for a certificate whose DER parses and round-trips; any error names the field.
fn certificate_outcome_is_sound(result: Result<Certificate, Error>) -> TestCaseResult {
    match result {
        Ok(certificate) => {
            let again = Certificate::from_der(certificate.der());
            prop_assert!(again.as_ref().ok() == Some(&certificate), "{:?}", again);
            let text = Certificate::parse(&certificate.to_base64());
            prop_assert!(text.as_ref().ok() == Some(&certificate), "{:?}", text);
            let _ = format!("{certificate:?} {}", certificate.subject());
        }
        Err(err) => {
            prop_assert_eq!(field_of(&err), Some("signingCertificate"))
        }
    }
    Ok(())
}

#[test]
fn certificates_from_arbitrary_der_never_panic_and_round_trip_when_accepted() {
    let tally = Tally::default();
    check(512, der_like(), |bytes| {
        let result = Certificate::from_der(bytes.clone());
        tally.count(&result);
        // The X.509 parser itself is the oracle: accepted exactly when it parses.
        let parses = {
            use x509_cert::der::Decode as _;
            x509_cert::Certificate::from_der(&bytes).is_ok()
        };
        prop_assert_eq!(result.is_ok(), parses);
        if let Ok(certificate) = &result {
            prop_assert_eq!(certificate.der(), &bytes[..]);
        }
        certificate_outcome_is_sound(result)
    });
    tally.assert_both("Certificate::from_der", 10);
}

#[test]
fn certificates_from_arbitrary_text_never_panic_and_round_trip_when_accepted() {
    let tally = Tally::default();
    check(512, pem_like(), |text| {
        let result = Certificate::parse(&text);
        tally.count(&result);
        certificate_outcome_is_sound(result)
    });
    tally.assert_both("Certificate::parse", 10);
}

// ---------------------------------------------------------------- URLs, emails, fingerprints

/// The property of a validated value type: `parse` either keeps the text exactly (`as_str`)
/// and the text passes `accepted`, or refuses it as `InvalidInput(field)` and the text passes
/// `refused`. At least 20 of 512 inputs must go each way.
fn parsed_exactly_or_refused<V>(
    what: &str,
    field: &'static str,
    strategy: impl Strategy<Value = String>,
    parse: impl Fn(String) -> Result<V, Error>,
    as_str: impl Fn(&V) -> &str,
    accepted: impl Fn(&str) -> TestCaseResult,
    refused: impl Fn(&str) -> TestCaseResult,
) {
    let tally = Tally::default();
    check(512, strategy, |text| {
        let result = parse(text.clone());
        tally.count(&result);
        match result {
            Ok(value) => {
                prop_assert_eq!(as_str(&value), text.as_str());
                accepted(&text)
            }
            Err(err) => {
                prop_assert_eq!(field_of(&err), Some(field));
                refused(&text)
            }
        }
    });
    tally.assert_both(what, 20);
}

#[test]
fn urls_are_accepted_only_when_absolute_http_with_a_host() {
    parsed_exactly_or_refused(
        "HttpUrl",
        "url",
        url_like(),
        HttpUrl::parse,
        HttpUrl::as_str,
        |text| {
            let parsed = url::Url::parse(text);
            prop_assert!(parsed.is_ok(), "{:?}", parsed);
            let parsed = parsed.unwrap();
            prop_assert!(matches!(parsed.scheme(), "http" | "https"), "{}", parsed);
            prop_assert!(
                parsed.host_str().is_some_and(|h| !h.is_empty()),
                "{}",
                parsed
            );
            Ok(())
        },
        |_| Ok(()),
    );
}

#[test]
fn emails_are_accepted_only_with_one_at_sign() {
    parsed_exactly_or_refused(
        "Email",
        "email",
        email_like(),
        Email::parse,
        Email::as_str,
        |text| {
            prop_assert_eq!(text.matches('@').count(), 1);
            let (local, domain) = text.split_once('@').unwrap();
            prop_assert!(!local.is_empty() && domain.contains('.'));
            prop_assert!(!text.chars().any(|c| c.is_whitespace() || c.is_control()));
            Ok(())
        },
        |_| Ok(()),
    );
}

#[test]
fn fingerprints_are_accepted_only_as_hex_or_colon_separated_hex_pairs() {
    let hex =
        regex::Regex::new(r"^(?:[0-9A-Fa-f]{2})+$|^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$").unwrap();
    parsed_exactly_or_refused(
        "Fingerprint",
        "signingCertFingerprint",
        fingerprint_like(),
        Fingerprint::parse,
        Fingerprint::as_str,
        |text| {
            prop_assert!(hex.is_match(text), "{:?}", text);
            Ok(())
        },
        |text| {
            prop_assert!(!hex.is_match(text), "{:?} is hex but was refused", text);
            Ok(())
        },
    );
}

// ---------------------------------------------------------------- Auth0 settings

/// Builds settings with `set`, then: an error is `InvalidInput(field)` and nothing is sent;
/// settings that build are sent by one create whose JSON body holds `value` under `field`.
fn auth0_setting_is_sent_exactly_or_refused(
    field: &'static str,
    strategy: impl Strategy<Value = String>,
    set: impl Fn(String) -> Result<ConnectionProfileSettings, Error>,
) {
    let tally = Tally::default();
    let runtime = runtime();
    let server = MockServer::start();
    let catch_all = CatchAll::start(&server, 201, r#"{"id":"cp_1","name":"Created"}"#);
    let client = Auth0Client::token("acme.us.auth0.com", "robust-token")
        .base_url(server.base_url())
        .build()
        .unwrap();
    check(256, strategy, |value| {
        let before = catch_all.reset();
        let built = set(value.clone());
        tally.count(&built);
        match built {
            Ok(settings) => {
                let created = runtime.block_on(client.connection_profiles().create(&settings));
                prop_assert!(created.is_ok(), "{:?} for {:?}", created, value);
                let (calls, seen) = catch_all.since(before);
                prop_assert_eq!(calls, 1);
                prop_assert!(!seen.is_empty());
                for request in seen {
                    let body: Value = serde_json::from_slice(&request.body).unwrap();
                    prop_assert_eq!(&body[field], &json!(value));
                }
            }
            Err(err) => {
                prop_assert_eq!(field_of(&err), Some(field));
                prop_assert_eq!(catch_all.since(before).0, 0);
            }
        }
        Ok(())
    });
    tally.assert_both(field, 20);
}

#[test]
fn auth0_profile_names_are_sent_exactly_or_refused() {
    let names = prop_oneof![
        tricky_string(),
        "[a-zé日😀 ]{45,55}",
        proptest::collection::vec(proptest::sample::select(TRICKY_CHARS), 48..53)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
    ];
    auth0_setting_is_sent_exactly_or_refused("name", names, |name| {
        ConnectionProfileSettings::builder().name(name).build()
    });
}

#[test]
fn auth0_prefix_templates_are_sent_exactly_or_refused() {
    auth0_setting_is_sent_exactly_or_refused(
        "connection_name_prefix_template",
        made_of(TEMPLATE_PIECES, 6),
        |template| {
            ConnectionProfileSettings::builder()
                .name("Partner SSO")
                .connection_name_prefix_template(template)
                .build()
        },
    );
}
