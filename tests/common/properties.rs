//! The property-test harness of the robustness tests: running a property, counting which way
//! each input went, and strategies for text that URLs, JSON and validators treat specially.

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use sso_connections::Error;

/// Runs `test` on `cases` values of `strategy`; a failure panics with the shrunk input.
/// Nothing is written to disk (no regression files next to the tests).
pub fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
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

/// A runtime for properties that call the facade from a synchronous proptest closure.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

/// The field an `InvalidInput` names, or `None` for any other error.
pub fn field_of(err: &Error) -> Option<&'static str> {
    match err {
        Error::InvalidInput(input) => Some(input.field()),
        _ => None,
    }
}

/// How many inputs a property accepted and refused, to prove both branches ran.
#[derive(Default)]
pub struct Tally {
    accepted: AtomicUsize,
    refused: AtomicUsize,
}

impl Tally {
    /// Counts `result` as accepted or refused.
    pub fn count<T, E>(&self, result: &Result<T, E>) {
        let counter = if result.is_ok() {
            &self.accepted
        } else {
            &self.refused
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Asserts that at least `min` inputs went each way; `min` must be above zero, or the
    /// check could not fail.
    pub fn assert_both(&self, what: &str, min: usize) {
        assert!(min > 0, "{what}: a minimum of 0 proves nothing");
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

/// Characters that URLs, JSON, path segments or validators treat specially.
pub const TRICKY_CHARS: &[char] = &[
    'a', 'Z', '0', '9', '-', '_', '.', '~', '/', '\\', '%', '#', '?', '&', '=', '+', ' ', '@', ':',
    ';', ',', '{', '}', '[', ']', '(', ')', '"', '\'', '<', '>', '`', '^', '|', '!', '$', '*',
    '\0', '\t', '\n', '\r', '\u{7f}', '\u{85}', '\u{a0}', '\u{200b}', '\u{202e}', '\u{feff}',
    '\u{fffd}', 'é', 'ß', 'İ', '日', '本', '😀',
];

/// Pieces that form (or almost form) path steps, escapes, queries and fragments.
pub const PATH_PIECES: &[&str] = &[
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

/// Arbitrary strings, strings of [`TRICKY_CHARS`] and strings of [`PATH_PIECES`].
pub fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        3 => proptest::collection::vec(proptest::sample::select(TRICKY_CHARS), 0..20)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        3 => proptest::collection::vec(proptest::sample::select(PATH_PIECES), 0..6)
            .prop_map(|pieces| pieces.concat()),
    ]
}

/// Concatenations of `pieces`, mixed with arbitrary strings.
pub fn made_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        1 => tricky_string(),
        3 => proptest::collection::vec(proptest::sample::select(pieces), 0..max)
            .prop_map(|pieces| pieces.concat()),
    ]
}

/// Pieces of URLs, good and bad: schemes, hosts, ports, paths, escapes, white space.
pub const URL_PIECES: &[&str] = &[
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
pub fn url_like() -> impl Strategy<Value = String> {
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
