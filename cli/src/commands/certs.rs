//! `certs`: which certificates expire within a window, for SaaS idpIds and PingOne
//! environments, through the library's inventories.
//!
//! Exit status: 0 when the report is complete, whatever it found; with
//! `--detailed-exitcode`, 2 when any place is not `valid` (a certificate expiring within the
//! window, expired or not yet valid, or a problem such as no certificate); 1 when some place
//! could not be read (the others are still printed).

use std::io::BufRead as _;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::{ArgGroup, Args};
use futures::StreamExt as _;
use serde::Serialize;
use serde_json::{json, Value};
use sso_connections::certificates::{
    ExpiryCheck, ExpiryStatus, InventoryEntry, PingOneInventory, SaasInventory,
    DEFAULT_INVENTORY_CONCURRENCY,
};
use sso_connections::saas::IdpId;
use sso_connections::Uuid;

use crate::cli::ExitArgs;
use crate::errors::{CliError, Service};
use crate::output::{cell, json_of, Format, List};

use super::{Context, Status};

/// Options of `certs`.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("places").required(true).multiple(true)
        .args(["idps", "idps_from", "pingone_environments"])),
    after_help = "Examples:\n  sso-connections certs --idp acme --idp globex --within 45d\n  \
        sso-connections certs --idps-from customers.txt --detailed-exitcode\n  \
        sso-connections --output json certs --pingone-env 02d37832-476a-431b-8a60-d77cecd7005c"
)]
pub struct CertsArgs {
    /// A SaaS idpId whose shared signing certificate to check (repeat the flag).
    #[arg(long = "idp", value_name = "IDP_ID")]
    pub idps: Vec<String>,
    /// A file of SaaS idpIds, one per line (`-` reads standard input; blank lines and lines
    /// starting with `#` are skipped).
    #[arg(long, value_name = "FILE")]
    pub idps_from: Option<PathBuf>,
    /// A PingOne environment whose certificates and keys to check (repeat the flag).
    #[arg(long = "pingone-env", value_name = "ENVIRONMENT_ID")]
    pub pingone_environments: Vec<Uuid>,
    /// The warning window: a certificate ending within it is `expiring` (e.g. 30d, 12h, 2w;
    /// a bare number counts days).
    #[arg(long, default_value = "30d", value_parser = window)]
    pub within: Duration,
    /// How many SaaS idpIds are read at once.
    #[arg(long, default_value_t = DEFAULT_INVENTORY_CONCURRENCY)]
    pub concurrency: usize,
    /// Exit status 2 when something is to act on.
    #[command(flatten)]
    pub exit: ExitArgs,
}

/// `30d`, `12h`, `2w`, `90m`, `45s`, or a number of days.
fn window(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    let (number, unit) = match value.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => value.split_at(at),
        None => (value, "d"),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{value:?} is not a duration such as 30d, 12h or 2w"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => return Err(format!("unknown unit {other:?}; use s, m, h, d or w")),
    };
    Ok(Duration::from_secs(number.saturating_mul(seconds)))
}

const COLUMNS: &[&str] = &["PLACE", "STATUS", "EXPIRES", "DAYS_LEFT", "DETAIL"];

/// How many places ended in each state.
#[derive(Debug, Default, Serialize)]
struct Summary {
    valid: usize,
    expiring: usize,
    expired: usize,
    not_yet_valid: usize,
    problems: usize,
    failures: usize,
}

impl Summary {
    /// Whether any place is not `valid`.
    fn something_to_act_on(&self) -> bool {
        self.expiring + self.expired + self.not_yet_valid + self.problems > 0
    }
}

/// The whole report, as `--output json` prints it.
#[derive(Debug, Serialize)]
struct Document {
    checked_at: DateTime<Utc>,
    within_seconds: u64,
    entries: Vec<Value>,
    failures: Vec<Value>,
    summary: Summary,
}

/// The report being printed: ndjson lines go out as they come, the rest at the end.
struct Report {
    check: ExpiryCheck,
    format: Format,
    list: List,
    document: Document,
}

impl Report {
    fn entry(&mut self, entry: &InventoryEntry) -> Result<(), CliError> {
        let summary = &mut self.document.summary;
        match entry.finding.status() {
            Some(ExpiryStatus::Valid) => summary.valid += 1,
            Some(ExpiryStatus::Expiring) => summary.expiring += 1,
            Some(ExpiryStatus::Expired) => summary.expired += 1,
            Some(ExpiryStatus::NotYetValid) => summary.not_yet_valid += 1,
            None => summary.problems += 1,
        }
        let json = json_of(entry)?;
        let status = match entry.finding.status() {
            Some(_) => cell(&json, "status"),
            None => "problem".into(),
        };
        let detail = match entry.finding.problem() {
            Some(problem) => problem.to_string(),
            None => cell(&json, "certificate.subject"),
        };
        let expires = cell(&json, "certificate.not_after");
        let days_left = DateTime::parse_from_rfc3339(&expires)
            .map(|end| {
                (end.with_timezone(&Utc) - self.check.now())
                    .num_days()
                    .to_string()
            })
            .unwrap_or_else(|_| "-".into());
        let row = vec![entry.usage.to_string(), status, expires, days_left, detail];
        self.add(json, row, false)
    }

    fn failure(
        &mut self,
        place: Value,
        label: String,
        error: &sso_connections::Error,
    ) -> Result<(), CliError> {
        self.document.summary.failures += 1;
        let json = json!({ "usage": place, "error": error.to_string() });
        let row = vec![
            label,
            "error".into(),
            "-".into(),
            "-".into(),
            error.to_string(),
        ];
        self.add(json, row, true)
    }

    fn add(&mut self, json: Value, row: Vec<String>, failure: bool) -> Result<(), CliError> {
        match (self.format, failure) {
            (Format::Json, false) => self.document.entries.push(json),
            (Format::Json, true) => self.document.failures.push(json),
            _ => self.list.push(&json, row)?,
        }
        Ok(())
    }

    fn finish(self, context: &Context) -> Result<Summary, CliError> {
        if self.format == Format::Json {
            context.output.record(&self.document, &[])?;
        } else {
            self.list.finish()?;
            let s = &self.document.summary;
            context.output.note(&format!(
                "\n{} valid, {} expiring, {} expired, {} not yet valid, {} problems, {} unreadable",
                s.valid, s.expiring, s.expired, s.not_yet_valid, s.problems, s.failures
            ))?;
        }
        Ok(self.document.summary)
    }
}

/// Runs `certs`.
pub async fn run(args: CertsArgs, context: &Context) -> Result<Status, CliError> {
    let idps = idps_of(&args)?;
    let check = ExpiryCheck::at(Utc::now()).threshold(args.within);
    let mut report = Report {
        check,
        format: context.output.format(),
        list: context.output.list(COLUMNS),
        document: Document {
            checked_at: check.now(),
            within_seconds: args.within.as_secs(),
            entries: Vec::new(),
            failures: Vec::new(),
            summary: Summary::default(),
        },
    };
    let places = idps.len() + args.pingone_environments.len();
    let bar = context.progress.bar(places as u64, "checking certificates");

    if !idps.is_empty() {
        let client = context.endpoints.saas()?;
        let inventory =
            SaasInventory::new(client.connections(), check).concurrency(args.concurrency);
        let mut stream = std::pin::pin!(inventory.of(idps));
        while let Some(item) = stream.next().await {
            match item {
                Ok(entry) => report.entry(&entry)?,
                Err(failure) => {
                    let place = json_of(&failure.usage)?;
                    report.failure(place, failure.usage.to_string(), &failure.error)?;
                }
            }
            bar.inc(1);
        }
    }

    if let Some(first) = args.pingone_environments.first() {
        let pingone = context.endpoints.pingone(Some(*first))?;
        for environment in &args.pingone_environments {
            let inventory = PingOneInventory::new(pingone.client.environment(*environment), check);
            let mut stream = std::pin::pin!(inventory.list());
            while let Some(item) = stream.next().await {
                match item {
                    Ok(entry) => report.entry(&entry)?,
                    Err(error) => {
                        let place =
                            json!({ "kind": "pingone_environment", "environment": environment });
                        report.failure(
                            place,
                            format!("PingOne environment {environment}"),
                            &error,
                        )?;
                    }
                }
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();

    let summary = report.finish(context)?;
    if summary.failures > 0 {
        return Err(CliError::Incomplete {
            failed: summary.failures,
            total: places,
        });
    }
    Ok(args.exit.status(summary.something_to_act_on()))
}

/// Every idpId of `--idp` and `--idps-from`, checked before any request is sent.
fn idps_of(args: &CertsArgs) -> Result<Vec<IdpId>, CliError> {
    let mut values = args.idps.clone();
    if let Some(path) = &args.idps_from {
        let failed = |source| CliError::ReadFile {
            path: path.clone(),
            source,
        };
        let lines: Vec<String> = if path.as_os_str() == "-" {
            std::io::stdin()
                .lock()
                .lines()
                .collect::<Result<_, _>>()
                .map_err(failed)?
        } else {
            let text = std::fs::read_to_string(path).map_err(failed)?;
            text.lines().map(str::to_owned).collect()
        };
        values.extend(
            lines
                .into_iter()
                .map(|line| line.trim().to_owned())
                .filter(|line| !line.is_empty() && !line.starts_with('#')),
        );
    }
    values
        .into_iter()
        .map(|value| IdpId::new(value).map_err(CliError::api(Service::Saas)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_in_every_unit() {
        assert_eq!(window("30d").unwrap(), Duration::from_secs(30 * 86_400));
        assert_eq!(window("12h").unwrap(), Duration::from_secs(12 * 3_600));
        assert_eq!(window("2w").unwrap(), Duration::from_secs(14 * 86_400));
        assert_eq!(window("90").unwrap(), Duration::from_secs(90 * 86_400));
        assert!(window("30x").unwrap_err().contains("unknown unit"));
        assert!(window("d").is_err());
        assert!(window("-3d").is_err());
    }
}
