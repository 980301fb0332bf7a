//! `--debug`: the library's request spans (operation, method, path template, attempt,
//! status, latency) and this program's own settings events, on standard error.
//!
//! Only events of this program and of the library are shown; the HTTP stack underneath is
//! left out. The library never puts a credential in a span or an event, and this program
//! logs client ids and URLs, never secrets.

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// Installs the standard-error subscriber for the whole run.
pub fn install() {
    let targets = Targets::new()
        .with_target("sso_connections", LevelFilter::DEBUG)
        .with_target("sso_connections_cli", LevelFilter::DEBUG)
        .with_target("sso_connections_simulator", LevelFilter::DEBUG);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE);
    // Only fails when a subscriber is installed already, which this program never does.
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(targets)
        .try_init();
}
