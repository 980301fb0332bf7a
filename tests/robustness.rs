//! Robustness: arbitrary input never panics a facade, and either becomes exactly the request
//! it describes or is refused as `InvalidInput` with nothing sent; and no response body,
//! however truncated, garbled or random, panics a decoder. A truncated answer to a facade call
//! is a `Decode` error carrying a bounded snippet of the body.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::EXAMPLE_CERT_PEM;
use futures::TryStreamExt as _;
use httpmock::{HttpMockRequest, Mock, MockServer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use serde_json::{json, Value};
use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
use sso_connections::error::BODY_SNIPPET_LIMIT;
use sso_connections::generated::{auth0 as auth0_wire, pingone as pingone_wire, saas as saas_wire};
use sso_connections::pingone::{
    ApplicationType, GrantType, IdpTokenEndpointAuthMethod, OidcApplication, OidcIdentityProvider,
    PingOneClient, SamlApplication, SamlBinding, SamlIdentityProvider, TokenEndpointAuthMethod,
};
use sso_connections::saas::{CustomerConnection, IdpId, SaasClient};
use sso_connections::values::{Certificate, Email, Fingerprint, HttpUrl};
use sso_connections::{Error, Uuid};

// ---------------------------------------------------------------- harness

/// Runs `test` on `cases` values of `strategy`; a failure panics with the shrunk input.
/// Nothing is written to disk (no regression files next to the tests).
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{failure}");
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

/// The field an `InvalidInput` names, or `None` for any other error.
fn field_of(err: &Error) -> Option<&'static str> {
    match err {
        Error::InvalidInput(input) => Some(input.field()),
        _ => None,
    }
}

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

/// How many inputs a property accepted and refused, to prove both branches ran.
#[derive(Default)]
struct Tally {
    accepted: AtomicUsize,
    refused: AtomicUsize,
}

impl Tally {
    fn count<T, E>(&self, result: &Result<T, E>) {
        let counter = if result.is_ok() {
            &self.accepted
        } else {
            &self.refused
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Asserts that at least `min` inputs went each way.
    fn assert_both(&self, what: &str, min: usize) {
        let (accepted, refused) = (
            self.accepted.load(Ordering::Relaxed),
            self.refused.load(Ordering::Relaxed),
        );
        eprintln!("{what}: {accepted} accepted, {refused} refused");
        assert!(
            accepted >= min && refused >= min,
            "{what}: {accepted} accepted and {refused} refused; the strategy misses a branch"
        );
    }
}

// ---------------------------------------------------------------- input strategies

/// Characters that URLs, JSON, path segments or validators treat specially.
const TRICKY_CHARS: &[char] = &[
    'a', 'Z', '0', '9', '-', '_', '.', '~', '/', '\\', '%', '#', '?', '&', '=', '+', ' ', '@', ':',
    ';', ',', '{', '}', '[', ']', '(', ')', '"', '\'', '<', '>', '`', '^', '|', '!', '$', '*',
    '\0', '\t', '\n', '\r', '\u{7f}', '\u{85}', '\u{a0}', '\u{200b}', '\u{202e}', '\u{feff}',
    '\u{fffd}', 'é', 'ß', 'İ', '日', '本', '😀',
];

/// Pieces that form (or almost form) path steps, escapes, queries and fragments.
const PATH_PIECES: &[&str] = &[
    ".",
    "..",
    "...",
    "%",
    "%2e",
    "%2E",
    "%2f",
    "%2F",
    "%25",
    "%00",
    "%zz",
    "/",
    "\\",
    "#",
    "?",
    "?a=1",
    "#frag",
    " ",
    "  ",
    "a",
    "idp",
    "exampleIdp.com",
    "é",
    "日本",
    "😀",
    "\u{0}",
    "\n",
    "\u{7f}",
    "+",
    "&",
    ";",
    "=",
];

fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        3 => proptest::collection::vec(proptest::sample::select(TRICKY_CHARS), 0..20)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        3 => proptest::collection::vec(proptest::sample::select(PATH_PIECES), 0..6)
            .prop_map(|pieces| pieces.concat()),
    ]
}

/// Concatenations of `pieces`, mixed with arbitrary strings.
fn made_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        1 => tricky_string(),
        3 => proptest::collection::vec(proptest::sample::select(pieces), 0..max)
            .prop_map(|pieces| pieces.concat()),
    ]
}

const URL_PIECES: &[&str] = &[
    "http://",
    "https://",
    "HTTPS://",
    "ftp://",
    "file:///",
    "mailto:",
    "urn:x",
    "//",
    "http:",
    "https:/",
    "idp.example.com",
    "localhost",
    "127.0.0.1",
    "[::1]",
    "[::1",
    "xn--nxasmq6b",
    "例え.jp",
    "user:pw@",
    "@",
    ":",
    ":8443",
    ":99999",
    "/",
    "/sso",
    "?q=1",
    "#f",
    "%",
    "%41",
    "\\",
    " ",
    "\t",
    "\n",
    ".",
    "..",
    "a",
];

/// URL-ish text, half of it well-formed `http(s)://host/…` with a tricky path.
fn url_like() -> impl Strategy<Value = String> {
    let schemes = proptest::sample::select(&["http://", "https://", "HTTP://", "https:"][..]);
    let hosts = proptest::sample::select(
        &[
            "idp.example.com",
            "127.0.0.1:8080",
            "[::1]",
            "例え.jp",
            "xn--nxasmq6b.example",
            "user@host.example",
            "",
        ][..],
    );
    prop_oneof![
        made_of(URL_PIECES, 8),
        (schemes, hosts, tricky_string())
            .prop_map(|(scheme, host, path)| format!("{scheme}{host}/{path}")),
    ]
}

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

/// Inputs with a backslash, which the URL parser of `http(s)` URLs reads as `/`.
fn with_backslashes() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a\\b".to_owned()),
        Just("\\".to_owned()),
        Just("..\\admin".to_owned()),
        tricky_string().prop_map(|s| format!("{s}\\{s}")),
    ]
}

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
    idp_ids_round_trip(with_backslashes(), 0);
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
    auth0_ids_round_trip(with_backslashes(), 0);
}

// ---------------------------------------------------------------- certificates

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

// ---------------------------------------------------------------- PingOne builders

/// A built resource serialises and decodes back to the same JSON, and keeps its name.
fn built_is_sound<T>(result: Result<T, Error>, name: &str) -> TestCaseResult
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
{
    match result {
        Ok(built) => {
            let sent = serde_json::to_value(&built).unwrap();
            prop_assert_eq!(sent["name"].as_str(), Some(name));
            let again: T = serde_json::from_value(sent.clone()).unwrap();
            prop_assert_eq!(serde_json::to_value(&again).unwrap(), sent);
            let _ = format!("{built:?}");
        }
        Err(err) => prop_assert!(field_of(&err).is_some()),
    }
    Ok(())
}

#[test]
fn pingone_application_builders_never_panic() {
    let (saml_tally, oidc_tally) = (Tally::default(), Tally::default());
    let inputs = (tricky_string(), url_like(), url_like(), 0u32..3);
    check(256, inputs, |(name, first, second, duration)| {
        let saml = SamlApplication::new(name.clone())
            .acs_urls([first.clone(), second.clone()])
            .assertion_duration(duration)
            .sp_entity_id(second.clone())
            .slo_endpoint(first.clone())
            .build();
        saml_tally.count(&saml);
        if saml.is_ok() {
            prop_assert!(HttpUrl::parse(first.clone()).is_ok() && duration > 0);
        }
        built_is_sound(saml, &name)?;
        let oidc = OidcApplication::new(name.clone(), ApplicationType::WebApp)
            .grant_types([GrantType::AuthorizationCode])
            .redirect_uris([first.clone()])
            .post_logout_redirect_uris([second.clone()])
            .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
            .description(second)
            .build();
        oidc_tally.count(&oidc);
        if oidc.is_ok() {
            prop_assert!(url::Url::parse(&first).is_ok());
        }
        built_is_sound(oidc, &name)
    });
    saml_tally.assert_both("SamlApplication", 5);
    oidc_tally.assert_both("OidcApplication", 5);
}

#[test]
fn pingone_identity_provider_builders_never_panic() {
    let (saml_tally, oidc_tally) = (Tally::default(), Tally::default());
    let inputs = (tricky_string(), url_like(), tricky_string());
    check(256, inputs, |(name, url, text)| {
        let saml = SamlIdentityProvider::new(name.clone())
            .idp_entity_id(text.clone())
            .sp_entity_id(name.clone())
            .sso_endpoint(url.clone(), SamlBinding::HttpPost)
            .verification_certificates([Uuid::from_u128(7)])
            .build();
        saml_tally.count(&saml);
        built_is_sound(saml, &name)?;
        let oidc = OidcIdentityProvider::new(name.clone())
            .issuer(url.clone())
            .authorization_endpoint(url.clone())
            .token_endpoint(url.clone())
            .jwks_endpoint(url.clone())
            .userinfo_endpoint(url.clone())
            .client(text.clone(), text.clone())
            .scopes([text.clone()])
            .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
            .build();
        oidc_tally.count(&oidc);
        if oidc.is_ok() {
            prop_assert!(HttpUrl::parse(url.clone()).is_ok());
        }
        built_is_sound(oidc, &name)
    });
    saml_tally.assert_both("SamlIdentityProvider", 5);
    oidc_tally.assert_both("OidcIdentityProvider", 5);
}

// ---------------------------------------------------------------- decoding: bodies

/// Decodes `bytes` as `T` and formats the result; `true` when it decoded.
fn decodes_as<T: serde::de::DeserializeOwned + std::fmt::Debug>(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<T>(bytes) {
        Ok(value) => !format!("{value:?}").is_empty(),
        Err(err) => {
            let _ = err.to_string();
            false
        }
    }
}

/// The SaaS list, and the facade's view of each of its items.
fn decodes_as_connections(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<saas_wire::types::CustomerConnectionList>(bytes) {
        Ok(list) => {
            let facade: Vec<CustomerConnection> =
                list.0.into_iter().map(CustomerConnection::from).collect();
            for connection in &facade {
                if let Some(certificate) = &connection.signing_certificate {
                    let _ = certificate.decode();
                }
            }
            !format!("{facade:?}").is_empty()
        }
        Err(_) => false,
    }
}

/// The generated secret, and the facade's redacting view of it.
fn decodes_as_secret(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<pingone_wire::types::ApplicationSecret>(bytes) {
        Ok(wire) => {
            let facade = sso_connections::pingone::ApplicationSecret::from(wire);
            !format!("{facade:?}").is_empty()
        }
        Err(_) => false,
    }
}

type Decoder = fn(&[u8]) -> bool;

/// The Rust type each spec schema decodes into, keyed by `<spec file>#<schema>`. A response
/// or request example of a schema missing here fails the test, so a new one is not skipped.
fn decoder(key: &str) -> Option<Decoder> {
    use auth0_wire::types as auth0;
    use pingone_wire::types as pingone;
    use saas_wire::types as saas;
    let decoder: Decoder = match key {
        "pingone-saas-connections.yaml#CustomerConnectionList" => decodes_as_connections,
        "pingone-saas-connections.yaml#CustomerConnection" => {
            decodes_as::<saas::CustomerConnection>
        }
        "pingone-saas-connections.yaml#CreateConnectionRequest" => {
            decodes_as::<saas::CreateConnectionRequest>
        }
        "pingone-saas-connections.yaml#UpdateConnectionRequest" => {
            decodes_as::<saas::UpdateConnectionRequest>
        }
        "pingone-saas-connections.yaml#ApplicationIds" => decodes_as::<saas::ApplicationIds>,
        "pingone-saas-connections.yaml#ErrorMessage" => decodes_as::<saas::ErrorMessage>,
        "pingone-platform.yaml#Application" => decodes_as::<sso_connections::pingone::Application>,
        "pingone-platform.yaml#ApplicationPage" => decodes_as::<pingone::ApplicationPage>,
        "pingone-platform.yaml#ApplicationSecret" => decodes_as_secret,
        "pingone-platform.yaml#ApplicationAttributeMapping" => {
            decodes_as::<pingone::ApplicationAttributeMapping>
        }
        "pingone-platform.yaml#ApplicationAttributeMappingPage" => {
            decodes_as::<pingone::ApplicationAttributeMappingPage>
        }
        "pingone-platform.yaml#ApplicationResourceGrant" => {
            decodes_as::<pingone::ApplicationResourceGrant>
        }
        "pingone-platform.yaml#ApplicationResourceGrantPage" => {
            decodes_as::<pingone::ApplicationResourceGrantPage>
        }
        "pingone-platform.yaml#SignOnPolicyAssignment" => {
            decodes_as::<pingone::SignOnPolicyAssignment>
        }
        "pingone-platform.yaml#SignOnPolicyAssignmentPage" => {
            decodes_as::<pingone::SignOnPolicyAssignmentPage>
        }
        "pingone-platform.yaml#IdentityProvider" => {
            decodes_as::<sso_connections::pingone::IdentityProvider>
        }
        "pingone-platform.yaml#IdentityProviderPage" => decodes_as::<pingone::IdentityProviderPage>,
        "pingone-platform.yaml#PingOneError" => decodes_as::<pingone::PingOneError>,
        "auth0-connection-profiles.yaml#ConnectionProfile" => {
            decodes_as::<auth0::ConnectionProfile>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileList" => {
            decodes_as::<auth0::ConnectionProfileList>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileCreate" => {
            decodes_as::<auth0::ConnectionProfileCreate>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileUpdate" => {
            decodes_as::<auth0::ConnectionProfileUpdate>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileTemplate" => {
            decodes_as::<auth0::ConnectionProfileTemplate>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileTemplateList" => {
            decodes_as::<auth0::ConnectionProfileTemplateList>
        }
        "auth0-connection-profiles.yaml#Auth0Error" => decodes_as::<auth0::Auth0Error>,
        _ => return None,
    };
    Some(decoder)
}

/// One valid body: where it comes from, the decoder key, and the JSON.
struct Sample {
    place: String,
    key: String,
    json: Value,
}

/// Every `example` / `examples.*.value` of every request body and response of every spec.
fn spec_samples() -> Vec<Sample> {
    let mut samples = Vec::new();
    for (file, spec) in common::specs() {
        for (place, media) in common::media_objects(&spec) {
            let Some(schema) = media.pointer("/schema/$ref").and_then(Value::as_str) else {
                continue;
            };
            let key = format!("{file}#{}", schema.rsplit('/').next().unwrap());
            let values = common::entries(&media["examples"])
                .map(|(name, example)| (format!("{file} {place} {name}"), example["value"].clone()))
                .chain(
                    media
                        .get("example")
                        .map(|e| (format!("{file} {place}"), e.clone())),
                );
            for (place, json) in values {
                samples.push(Sample {
                    place,
                    key: key.clone(),
                    json,
                });
            }
        }
    }
    samples
}

/// The first spec example of `key` (a decoder key).
fn spec_example(key: &str) -> Value {
    spec_samples()
        .into_iter()
        .find(|sample| sample.key == key)
        .unwrap_or_else(|| panic!("no example of {key}"))
        .json
}

/// Bodies the facade itself produces or the tests use, for the types the spec examples miss.
fn facade_samples() -> Vec<Sample> {
    let sample = |place: &str, key: &str, json: Value| Sample {
        place: place.to_owned(),
        key: key.to_owned(),
        json,
    };
    let application = spec_example("pingone-platform.yaml#Application");
    let provider = spec_example("pingone-platform.yaml#IdentityProvider");
    let profile = spec_example("auth0-connection-profiles.yaml#ConnectionProfile");
    let update = spec_example("auth0-connection-profiles.yaml#ConnectionProfileUpdate");
    let links = json!({
        "self": {"href": "https://api.pingone.com/v1/page"},
        "next": {"href": "https://api.pingone.com/v1/page?cursor=2"},
    });
    let oidc_provider = OidcIdentityProvider::new("Corporate OIDC")
        .issuer("https://login.corp.example")
        .authorization_endpoint("https://login.corp.example/authorize")
        .token_endpoint("https://login.corp.example/token")
        .jwks_endpoint("https://login.corp.example/jwks")
        .client("corp-client", "corp-secret")
        .scopes(["openid", "email"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap();
    let saml_provider = SamlIdentityProvider::new("Partner SAML")
        .idp_entity_id("idp-1")
        .sp_entity_id("sp-1")
        .sso_endpoint("https://idp.example.com/sso", SamlBinding::HttpPost)
        .verification_certificates([Uuid::from_u128(1)])
        .build()
        .unwrap();
    let saml_application = SamlApplication::new("Payroll")
        .acs_urls(["https://payroll.example.com/saml/acs"])
        .assertion_duration(60)
        .sp_entity_id("https://payroll.example.com")
        .build()
        .unwrap();
    let oidc_application = OidcApplication::new("Portal", ApplicationType::WebApp)
        .grant_types([GrantType::AuthorizationCode])
        .redirect_uris(["https://portal.example.com/callback"])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap();
    let social = json!({"name": "Google", "type": "GOOGLE", "enabled": true,
        "clientId": "social-client", "clientSecret": "social-secret"});
    let unknown = json!({"name": "Okta", "type": "OKTA", "enabled": true, "password": "pw"});
    vec![
        sample(
            "tests/common example_item list",
            "pingone-saas-connections.yaml#CustomerConnectionList",
            json!([
                common::saas::example_item("connectionsStatus", "ACTIVE"),
                common::saas::example_item("status", "INACTIVE"),
            ]),
        ),
        sample(
            "tests/common example_item",
            "pingone-saas-connections.yaml#CustomerConnection",
            common::saas::example_item("status", "ACTIVE"),
        ),
        sample(
            "SaaS error text",
            "pingone-saas-connections.yaml#ErrorMessage",
            json!("Connection already exists"),
        ),
        sample(
            "built OIDC application",
            "pingone-platform.yaml#Application",
            serde_json::to_value(&oidc_application).unwrap(),
        ),
        sample(
            "built SAML application",
            "pingone-platform.yaml#Application",
            serde_json::to_value(&saml_application).unwrap(),
        ),
        sample(
            "unknown application protocol",
            "pingone-platform.yaml#Application",
            json!({"name": "WS-Fed", "protocol": "WS_FED", "type": "WEB_APP", "enabled": true}),
        ),
        sample(
            "built OIDC identity provider",
            "pingone-platform.yaml#IdentityProvider",
            serde_json::to_value(&oidc_provider).unwrap(),
        ),
        sample(
            "built SAML identity provider",
            "pingone-platform.yaml#IdentityProvider",
            serde_json::to_value(&saml_provider).unwrap(),
        ),
        sample(
            "social identity provider",
            "pingone-platform.yaml#IdentityProvider",
            social.clone(),
        ),
        sample(
            "unknown identity provider type",
            "pingone-platform.yaml#IdentityProvider",
            unknown.clone(),
        ),
        sample(
            "identity provider page",
            "pingone-platform.yaml#IdentityProviderPage",
            json!({"_links": links, "_embedded": {"identityProviders": [
                provider, serde_json::to_value(&oidc_provider).unwrap(), social, unknown,
            ]}, "size": 4, "count": 4}),
        ),
        sample(
            "application page of the GET example",
            "pingone-platform.yaml#ApplicationPage",
            json!({"_links": links, "_embedded": {"applications": [application]}, "size": 1}),
        ),
        sample(
            "resource grant",
            "pingone-platform.yaml#ApplicationResourceGrant",
            json!({"id": Uuid::from_u128(3), "resource": {"id": Uuid::from_u128(4)},
                "scopes": [{"id": Uuid::from_u128(5)}]}),
        ),
        sample(
            "resource grant page",
            "pingone-platform.yaml#ApplicationResourceGrantPage",
            json!({"_links": links, "_embedded": {"grants": [{"id": Uuid::from_u128(3),
                "resource": {"id": Uuid::from_u128(4)}, "scopes": [{"id": Uuid::from_u128(5)}]}]}}),
        ),
        sample(
            "secret with previous",
            "pingone-platform.yaml#ApplicationSecret",
            json!({"secret": "current", "previous": {"secret": "old",
                "expiresAt": "2030-01-02T03:04:05Z", "lastUsed": "2024-05-01T10:00:00Z"}}),
        ),
        sample(
            "PingOne error",
            "pingone-platform.yaml#PingOneError",
            json!({"id": "e1", "code": "INVALID_DATA", "message": "bad",
                "details": [{"code": "INVALID_VALUE", "target": "name", "message": "too long"}]}),
        ),
        sample(
            "profile page",
            "auth0-connection-profiles.yaml#ConnectionProfileList",
            json!({"connection_profiles": [profile.clone(), {"id": "cp_2", "name": "Two"}],
                "next": "checkpoint-2"}),
        ),
        sample(
            "profile create",
            "auth0-connection-profiles.yaml#ConnectionProfileCreate",
            json!({"name": "Partner SSO", "connection_name_prefix_template": "{org_name}-sso",
                "enabled_features": ["scim"]}),
        ),
        sample(
            "template",
            "auth0-connection-profiles.yaml#ConnectionProfileTemplate",
            json!({"id": "tpl_1", "display_name": "Okta", "template": update.clone()}),
        ),
        sample(
            "template list",
            "auth0-connection-profiles.yaml#ConnectionProfileTemplateList",
            json!({"connection_profile_templates": [
                {"id": "tpl_1", "display_name": "Okta", "template": update},
            ]}),
        ),
        sample(
            "Auth0 error",
            "auth0-connection-profiles.yaml#Auth0Error",
            json!({"statusCode": 409, "error": "Conflict", "message": "exists",
                "errorCode": "conflict"}),
        ),
    ]
}

/// A deterministic pseudo-random generator (SplitMix64), so every run fuzzes the same bodies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// Cut points of a body of `len` bytes: all of them, or ~50 spread over long bodies.
fn cut_points(len: usize) -> Vec<usize> {
    if len <= 1024 {
        (0..len).collect()
    } else {
        let mut cuts: Vec<usize> = (0..48).map(|i| i * len / 48).collect();
        cuts.extend([1, 2, len / 2 + 1, len - 2, len - 1]);
        cuts
    }
}

/// Tokens that make random bodies look like JSON, so they get past the first byte.
const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "-0.0",
    "18446744073709551616",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"é\"",
    "\"name\"",
    "\"id\"",
    "\"protocol\"",
    "\"type\"",
    "\"SAML\"",
    "\"OPENID_CONNECT\"",
    "\"GOOGLE\"",
    "\"_embedded\"",
    "\"applications\"",
    "\"identityProviders\"",
    "\"secret\"",
    "\"previous\"",
    "\"connection_profiles\"",
    "\"enabled\"",
    "\"createdAt\"",
    "\"2024-05-01T10:00:00Z\"",
    "\"6964005a-6270-4a88-9ddc-0e6a4e05e51d\"",
    " ",
    "\n",
];

/// Feeds `body` (truncated, flipped, and random) to `decode`; panics propagate as failures.
fn fuzz_decoder(rng: &mut Rng, key: &str, body: &[u8], decode: Decoder) -> usize {
    let mut fed = 0;
    let mut feed = |bytes: &[u8]| {
        decode(bytes);
        fed += 1;
    };
    for cut in cut_points(body.len()) {
        feed(&body[..cut]);
    }
    for _ in 0..64 {
        let mut bytes = body.to_vec();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(4) {
                0 => bytes[at] ^= 1 << rng.below(8),
                1 => bytes[at] = rng.byte(),
                2 => bytes.insert(at, rng.byte()),
                _ => {
                    bytes.remove(at);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        feed(&bytes);
    }
    for _ in 0..64 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        feed(&bytes);
        let tokens: String = (0..rng.below(40))
            .map(|_| JSON_TOKENS[rng.below(JSON_TOKENS.len())])
            .collect();
        feed(tokens.as_bytes());
    }
    assert!(fed > 0, "{key}");
    fed
}

#[test]
fn truncated_garbled_and_random_bodies_never_panic_any_decoder() {
    let specs = spec_samples();
    assert!(
        specs.len() >= 15,
        "only {} spec examples found",
        specs.len()
    );
    let samples: Vec<Sample> = specs.into_iter().chain(facade_samples()).collect();
    let mut rng = Rng(0x5EED_F00D_F022);
    let mut keys = std::collections::BTreeSet::new();
    let mut fed = 0;
    for sample in &samples {
        let decode = decoder(&sample.key)
            .unwrap_or_else(|| panic!("{}: no Rust type mapped for {}", sample.place, sample.key));
        let body = serde_json::to_vec(&sample.json).unwrap();
        assert!(
            decode(&body),
            "{}: the valid body does not decode as {}",
            sample.place,
            sample.key
        );
        let pretty = serde_json::to_vec_pretty(&sample.json).unwrap();
        assert!(decode(&pretty), "{}: pretty body", sample.place);
        fed += fuzz_decoder(&mut rng, &sample.key, &body, decode);
        keys.insert(sample.key.clone());
    }
    // The decode paths of every facade read: lists, single resources, secrets, errors.
    for key in [
        "pingone-saas-connections.yaml#CustomerConnectionList",
        "pingone-platform.yaml#Application",
        "pingone-platform.yaml#ApplicationPage",
        "pingone-platform.yaml#IdentityProvider",
        "pingone-platform.yaml#IdentityProviderPage",
        "pingone-platform.yaml#ApplicationSecret",
        "auth0-connection-profiles.yaml#ConnectionProfile",
        "auth0-connection-profiles.yaml#ConnectionProfileList",
        "auth0-connection-profiles.yaml#ConnectionProfileTemplateList",
    ] {
        assert!(keys.contains(key), "no sample decoded as {key}");
    }
    eprintln!("{} valid bodies, {fed} bodies fed", samples.len());
    assert!(fed > 10_000, "only {fed} bodies fed");
}

// ---------------------------------------------------------------- decoding: end to end

/// Which facade call reads a body: the three `get`s, and the first page of two `list`s.
#[derive(Clone, Copy, Debug)]
enum Reader {
    Saas,
    PingOne,
    Auth0,
    PingOneList,
    Auth0List,
}

impl Reader {
    /// Calls the facade's `get` against `server`; Ok is reduced to its Debug text.
    async fn get(self, server: &MockServer) -> Result<String, Error> {
        let id = Uuid::from_u128(0x7ce8_3e9d);
        match self {
            Reader::Saas => {
                let client = SaasClient::builder("robust-client", "robust-secret")
                    .base_url(server.base_url())
                    .build()?;
                let idp = IdpId::new("exampleIdp.com")?;
                client
                    .connections()
                    .get(&idp)
                    .await
                    .map(|v| format!("{v:?}"))
            }
            Reader::PingOne => {
                let client = PingOneClient::bearer("robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let applications = client.environment(id).applications();
                applications.get(id).await.map(|v| format!("{v:?}"))
            }
            Reader::Auth0 => {
                let client = Auth0Client::token("acme.us.auth0.com", "robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let profiles = client.connection_profiles();
                profiles.get("cp_1").await.map(|v| format!("{v:?}"))
            }
            Reader::PingOneList => {
                let client = PingOneClient::bearer("robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let applications = client.environment(id).applications();
                let listed: Vec<_> = applications.list().try_collect().await?;
                Ok(format!("{listed:?}"))
            }
            Reader::Auth0List => {
                let client = Auth0Client::token("acme.us.auth0.com", "robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let listed: Vec<_> = client.connection_profiles().list().try_collect().await?;
                Ok(format!("{listed:?}"))
            }
        }
    }
}

/// The facade's answer to a `200` with exactly `body`.
async fn answer_to(reader: Reader, server: &MockServer, body: &[u8]) -> Result<String, Error> {
    let mock = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    let answer = reader.get(server).await;
    mock.assert_async().await;
    mock.delete_async().await;
    answer
}

/// `answer` is a Decode error whose snippet is non-empty, bounded, and the start of `body`.
fn assert_bounded_decode_error(answer: &Result<String, Error>, body: &[u8], what: &str) {
    let Err(Error::Decode(decode)) = answer else {
        panic!("{what}: expected Decode, got {answer:?}");
    };
    assert!(!decode.body.is_empty(), "{what}: empty snippet");
    assert!(
        decode.body.len() <= BODY_SNIPPET_LIMIT,
        "{what}: snippet of {} bytes",
        decode.body.len()
    );
    let sent = String::from_utf8_lossy(body);
    let shown = decode.body.trim_end_matches('\u{fffd}');
    assert!(
        sent.starts_with(shown),
        "{what}: snippet is not the body's start"
    );
    let err = answer.as_ref().unwrap_err();
    assert!(!err.to_string().is_empty() && !format!("{err:?}").is_empty());
}

/// Valid answers of every reader, compact. The pages have no next link (one request each).
fn valid_answers() -> Vec<(Reader, Vec<u8>)> {
    let compact = |key: &str| serde_json::to_vec(&spec_example(key)).unwrap();
    let mut page = spec_example("pingone-platform.yaml#ApplicationPage");
    page.as_object_mut().unwrap().remove("_links");
    let profiles = json!({
        "connection_profiles": [spec_example("auth0-connection-profiles.yaml#ConnectionProfile")],
    });
    vec![
        (
            Reader::Saas,
            compact("pingone-saas-connections.yaml#CustomerConnectionList"),
        ),
        (
            Reader::PingOne,
            compact("pingone-platform.yaml#Application"),
        ),
        (
            Reader::Auth0,
            compact("auth0-connection-profiles.yaml#ConnectionProfile"),
        ),
        (Reader::PingOneList, serde_json::to_vec(&page).unwrap()),
        (Reader::Auth0List, serde_json::to_vec(&profiles).unwrap()),
    ]
}

#[tokio::test]
async fn a_truncated_answer_to_get_or_list_is_a_bounded_decode_error() {
    let server = MockServer::start_async().await;
    for (reader, body) in valid_answers() {
        assert!(
            answer_to(reader, &server, &body).await.is_ok(),
            "{reader:?}: the whole body must decode"
        );
        let mut cuts: Vec<usize> = (1..body.len()).step_by(body.len() / 40 + 1).collect();
        cuts.extend([1, body.len() / 2, body.len() - 1]);
        for cut in cuts {
            let prefix = &body[..cut];
            let answer = answer_to(reader, &server, prefix).await;
            assert_bounded_decode_error(&answer, prefix, &format!("{reader:?} cut at {cut}"));
        }
    }
}

#[tokio::test]
async fn a_long_truncated_answer_keeps_at_most_the_snippet_limit() {
    let server = MockServer::start_async().await;
    let item = common::saas::example_item("status", "ACTIVE");
    let long_list = serde_json::to_vec(&Value::Array(vec![item; 40])).unwrap();
    let application = spec_example("pingone-platform.yaml#Application");
    let long_app = serde_json::to_vec(&json!({
        "name": "Long", "protocol": "OPENID_CONNECT", "type": "WORKER", "enabled": true,
        "description": "x".repeat(3 * BODY_SNIPPET_LIMIT), "copy": application,
    }))
    .unwrap();
    let long_profile = serde_json::to_vec(&json!({
        "id": "cp_1", "name": "Long", "connection_config": {"note": "y".repeat(3 * BODY_SNIPPET_LIMIT)},
    }))
    .unwrap();
    for (reader, body) in [
        (Reader::Saas, long_list),
        (Reader::PingOne, long_app),
        (Reader::Auth0, long_profile),
    ] {
        assert!(body.len() > 2 * BODY_SNIPPET_LIMIT);
        for cut in [
            BODY_SNIPPET_LIMIT - 1,
            BODY_SNIPPET_LIMIT,
            BODY_SNIPPET_LIMIT + 1,
            body.len() - 1,
        ] {
            let prefix = &body[..cut];
            let answer = answer_to(reader, &server, prefix).await;
            assert_bounded_decode_error(&answer, prefix, &format!("{reader:?} cut at {cut}"));
        }
    }
}

#[tokio::test]
async fn a_non_utf8_or_multibyte_answer_keeps_at_most_the_snippet_limit() {
    let server = MockServer::start_async().await;
    // 4095 ASCII bytes then 'é': the cut at 4096 splits the character.
    let mut split = b"[\"".to_vec();
    split.resize(BODY_SNIPPET_LIMIT - 1, b'a');
    split.extend("éééé".as_bytes());
    // Bytes that are not UTF-8 at all.
    let invalid = vec![0xFF; 2 * BODY_SNIPPET_LIMIT];
    for reader in [
        Reader::Saas,
        Reader::PingOne,
        Reader::Auth0,
        Reader::PingOneList,
        Reader::Auth0List,
    ] {
        for (what, body) in [("split character", &split), ("not UTF-8", &invalid)] {
            let answer = answer_to(reader, &server, body).await;
            assert_bounded_decode_error(&answer, body, &format!("{reader:?} {what}"));
        }
    }
}
