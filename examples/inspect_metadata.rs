//! Prints what a SAML identity provider's metadata says, as one JSON object:
//!
//! ```text
//! cargo run --example inspect_metadata -- <file or https URL>
//! ```
//!
//! `{"entities":[{"entity_id", "sso":[{"binding","location"}], "slo":[{"binding","location",
//! "response_location"}], "signing_certificates":[{"subject","issuer","serial","not_before",
//! "not_after","sha1","sha256","key_algorithm"}], "encryption_certificates":[…],
//! "want_authn_requests_signed", "name_id_formats":[…], "valid_until", "cache_duration"}]}`
//!
//! Dates are RFC 3339 in UTC; fingerprints are lower-case hex without separators. A document
//! that is not valid metadata exits with status 1 and the reason on stderr.

use std::process::ExitCode;

use sso_connections::metadata::{fetch, FetchOptions, Metadata};

#[tokio::main]
async fn main() -> ExitCode {
    let Some(source) = std::env::args().nth(1) else {
        eprintln!("usage: inspect_metadata <file or https URL>");
        return ExitCode::from(2);
    };
    let metadata = if source.starts_with("https://") || source.starts_with("http://") {
        fetch(&source, &FetchOptions::default())
            .await
            .map(|f| f.metadata)
    } else {
        match std::fs::read(&source) {
            Ok(bytes) => Metadata::parse(&bytes),
            Err(e) => {
                eprintln!("cannot read {source}: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    match metadata {
        Ok(metadata) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&metadata).expect("serialisable")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{source}: {e}");
            ExitCode::FAILURE
        }
    }
}
