//! Desired state at scale, against a simulator limited to `LIMIT` requests per second with the
//! client limited to the same rate:
//! - planning 1,000 and 10,000 `idpId`s that already match the document (no changes);
//! - applying a plan of 1,000 new `idpId`s (a stale-plan read and a create each).
//!
//! Each is reported as the request rate achieved over the limit (the baseline: what the
//! server allows), with the requests per `idpId` counted by the simulator, and the peak heap
//! of planning 1,000 against 10,000 `idpId`s (the engine's memory must not grow with them;
//! the document itself, built before counting starts, is reported apart).
//!
//! The simulator runs in a child process of its own, seeded with 10,000 connections; each
//! measurement runs in a fresh child process. Run: `cargo bench --bench desired_state`.
//! Prints a Markdown table for BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::Instant;

use chrono::TimeZone as _;
use sso_connections::desired::{self, ApplyOptions, Clients, Document, PlanOptions};
use sso_connections::saas::{IdpId, SaasClient};

#[path = "support/connection.rs"]
mod connection;
#[path = "support/counting_allocator.rs"]
mod counting_allocator;
#[path = "support/seeded.rs"]
mod seeded;

use connection::new_connection;
use counting_allocator::{peak_rss_kib, COUNTING, LIVE, PEAK};

/// Requests per second the simulator accepts, and the client's own limit.
const LIMIT: u32 = 1_000;
/// `idpId`s seeded, and the largest plan.
const COUNT: usize = 10_000;
/// New `idpId`s applied.
const NEW: usize = 1_000;
/// Resources planned and applied at a time.
const CONCURRENCY: usize = 32;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, base, id, secret, count] = args.as_slice() {
        let count = count.parse().unwrap();
        match mode.as_str() {
            "--measure-plan" => return measure_plan(base, id, secret, count),
            "--measure-apply" => return measure_apply(base, id, secret, count),
            _ => {}
        }
    }
    if args.first().map(String::as_str) == Some("--serve") {
        return seeded::serve(LIMIT, COUNT, |i| idp("bulk", i), limited_client);
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let mut server = Command::new(std::env::current_exe().unwrap())
        .arg("--serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let mut line = || lines.next().unwrap().unwrap();
    let (base, id, secret) = (line(), line(), line());
    let run = |mode: &str, count: usize| -> Vec<f64> {
        let child = Command::new(std::env::current_exe().unwrap())
            .args([mode, &base, &id, &secret, &count.to_string()])
            .output()
            .unwrap();
        assert!(
            child.status.success(),
            "{}",
            String::from_utf8_lossy(&child.stderr)
        );
        String::from_utf8_lossy(&child.stdout)
            .split_whitespace()
            .map(|f| f.parse().unwrap())
            .collect()
    };
    println!("| measurement | result |\n| --- | --- |");
    let mut peaks = [(1_000usize, 0f64), (COUNT, 0f64)];
    for round in 1..=3 {
        for (count, peak) in &mut peaks {
            let [seconds, requests, refused, heap, document, rss] =
                run("--measure-plan", *count)[..]
            else {
                panic!("unexpected plan output")
            };
            let rate = requests / seconds;
            *peak = peak.max(heap);
            println!(
                "| plan, run {round}: {count} matching idpIds, server and client limit {LIMIT}/s | {rate:.0} requests/s = {:.3}× the limit; {:.2} requests per idpId; {refused} answered 429; peak heap {:.0} KiB (document {:.0} KiB apart); peak RSS {rss} KiB |",
                rate / f64::from(LIMIT),
                requests / *count as f64,
                heap / 1024.0,
                document / 1024.0,
            );
        }
    }
    let [(_, small), (_, large)] = peaks;
    println!(
        "| plan: highest peak heap, 1,000 vs {COUNT} idpIds | {:.0} KiB vs {:.0} KiB ({:+.1}%) |",
        small / 1024.0,
        large / 1024.0,
        (large / small - 1.0) * 100.0
    );
    for round in 1..=3 {
        let [plan_seconds, seconds, requests, refused] = run("--measure-apply", round)[..] else {
            panic!("unexpected apply output")
        };
        let rate = requests / seconds;
        println!(
            "| apply, run {round}: {NEW} new idpIds (planned in {plan_seconds:.2} s) | {rate:.0} requests/s = {:.3}× the limit; {:.2} requests per idpId; {refused} answered 429 |",
            rate / f64::from(LIMIT),
            requests / NEW as f64,
        );
    }
    drop(server.stdin.take());
    let _ = server.wait();
}

/// Child process: plans the first `count` seeded idpIds; prints seconds, API requests, 429
/// answers, peak heap while planning (bytes), the document's heap (bytes), peak RSS (KiB).
fn measure_plan(base: &str, id: &str, secret: &str, count: usize) {
    let rt = runtime();
    COUNTING.store(true, Ordering::Relaxed);
    let document = document("bulk", count);
    let document_heap = LIVE.load(Ordering::Relaxed);
    PEAK.store(document_heap, Ordering::Relaxed);
    let (seconds, requests, refused) = rt.block_on(async {
        let client = limited_client(base, id, secret);
        let clients = Clients::new().saas(&client);
        let before = stats(base).await;
        let started = Instant::now();
        let plan = desired::plan(&document, &clients, &options())
            .await
            .unwrap();
        let seconds = started.elapsed().as_secs_f64();
        assert!(plan.is_empty() && plan.resources.is_empty(), "{plan}");
        assert_eq!(plan.unchanged, count);
        let after = stats(base).await;
        (seconds, after.0 - before.0, after.1 - before.1)
    });
    let heap = PEAK.load(Ordering::Relaxed) - document_heap;
    println!(
        "{seconds} {requests} {refused} {heap} {document_heap} {}",
        peak_rss_kib()
    );
}

/// Child process: plans and applies `NEW` idpIds not yet connected (`round` keeps runs
/// apart); prints the plan's seconds, the apply's seconds, its API requests and 429 answers.
fn measure_apply(base: &str, id: &str, secret: &str, round: usize) {
    let rt = runtime();
    let document = document(&format!("new{round}"), NEW);
    rt.block_on(async {
        let client = limited_client(base, id, secret);
        let clients = Clients::new().saas(&client);
        let started = Instant::now();
        let plan = desired::plan(&document, &clients, &options())
            .await
            .unwrap();
        let plan_seconds = started.elapsed().as_secs_f64();
        assert_eq!(plan.change_count(), NEW);
        let before = stats(base).await;
        let started = Instant::now();
        let apply = ApplyOptions::new().concurrency(CONCURRENCY);
        let report = desired::apply(&plan, &clients, &apply).await.unwrap();
        let seconds = started.elapsed().as_secs_f64();
        assert!(report.all_succeeded(), "{report}");
        let after = stats(base).await;
        println!(
            "{plan_seconds} {seconds} {} {}",
            after.0 - before.0,
            after.1 - before.1
        );
    });
}

/// The seeded connection's settings for `count` idpIds named `<prefix>-<n>`.
fn document(prefix: &str, count: usize) -> Document {
    let settings = new_connection().settings().clone();
    let certificate = settings.signing_certificate().unwrap().to_base64();
    let mut text = format!(
        "[saas.applications]\ncrm = \"{}\"\n",
        sso_connections_simulator::catalogue::CRM
    );
    for i in 0..count {
        text.push_str(&format!(
            "[saas.connections.\"{}\"]\nemail = \"admin@acme.example\"\nentity_id = \"https://idp.acme.example\"\nsso_endpoint = \"https://idp.acme.example/sso\"\nsigning_certificate = \"{certificate}\"\napplications = [{{ application = \"crm\" }}]\n",
            idp(prefix, i).as_str()
        ));
    }
    Document::from_toml_str(&text).unwrap()
}

/// The example certificate was valid in 2016. `PLAN_CONCURRENCY` overrides the concurrency
/// (to see what the connection pool adds: `PLAN_CONCURRENCY=1`).
fn options() -> PlanOptions {
    let now = chrono::Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).unwrap();
    PlanOptions::new().now(now).concurrency(concurrency())
}

fn concurrency() -> usize {
    std::env::var("PLAN_CONCURRENCY").map_or(CONCURRENCY, |v| v.parse().unwrap())
}

/// The simulator's API request and 429 counts.
async fn stats(base: &str) -> (f64, f64) {
    let root = base.split("/web-portal").next().unwrap();
    // A plain client for the control route (the library's clients set their provider).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let stats: serde_json::Value = reqwest::get(format!("{root}/__simulator/stats"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        stats["api_requests"].as_f64().unwrap(),
        stats["rate_limited"].as_f64().unwrap(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn limited_client(base: &str, id: &str, secret: &str) -> SaasClient {
    SaasClient::builder(id, secret.to_owned())
        .base_url(base)
        .max_requests_per_second(f64::from(LIMIT))
        .max_concurrent_requests(concurrency())
        .build()
        .unwrap()
}

fn idp(prefix: &str, i: usize) -> IdpId {
    IdpId::new(format!("{prefix}-{i:05}")).unwrap()
}
