//! The SaaS certificate inventory at scale: 10,000 `idpId`s read through the client's limiter
//! against a simulator limited to the same rate, and the peak heap of 1,000 against 10,000
//! `idpId`s (memory must not grow with the number of `idpId`s).
//!
//! The simulator runs in a child process of its own (so its storage does not count), seeded
//! with 10,000 connections through the same rate limit; each inventory runs in a fresh child
//! process whose allocations are counted from the moment before the client is built.
//!
//! Run: `cargo bench --bench certificate_inventory`. Prints a Markdown table for BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::Instant;

use futures::StreamExt as _;
use sso_connections::certificates::{ExpiryCheck, SaasInventory, DEFAULT_INVENTORY_CONCURRENCY};
use sso_connections::saas::{IdpId, SaasClient};

#[path = "support/connection.rs"]
mod connection;
#[path = "support/counting_allocator.rs"]
mod counting_allocator;
#[path = "support/seeded.rs"]
mod seeded;

use counting_allocator::{peak_rss_kib, COUNTING, LIVE, PEAK};

/// Requests per second the simulator accepts, and the client's own limit.
const LIMIT: u32 = 1_000;
/// The largest inventory.
const COUNT: usize = 10_000;
/// Concurrency of the client's limiter (as in the bulk-provisioning benchmark).
const CLIENT_CONCURRENCY: usize = 32;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, base, id, secret, count] = args.as_slice() {
        if mode == "--measure-inventory" {
            return measure_inventory(base, id, secret, count.parse().unwrap());
        }
    }
    if args.first().map(String::as_str) == Some("--serve") {
        return seeded::serve(LIMIT, COUNT, idp, limited_client);
    }
    if args.iter().any(|a| a == "--list") {
        return; // `cargo bench -- --list` support: nothing to list
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
    println!("| measurement | result |\n| --- | --- |");
    // Each size runs three times, interleaved: a run's peak heap is the highest of many
    // requests' peaks, which depends on timing (how many pooled connections hyper opened, how
    // each body arrived), so one run per size compares noise. The maxima are compared.
    // The default concurrency, and one request at a time: the second shows what the
    // inventory itself holds, without the pooled connections more concurrency may open.
    for concurrency in [DEFAULT_INVENTORY_CONCURRENCY, 1] {
        let mut peaks = [(1_000usize, 0f64), (COUNT, 0f64)];
        for round in 1..=3 {
            for (count, peak) in &mut peaks {
                let child = Command::new(std::env::current_exe().unwrap())
                    .args([
                        "--measure-inventory",
                        &base,
                        &id,
                        &secret,
                        &count.to_string(),
                    ])
                    .env("INVENTORY_CONCURRENCY", concurrency.to_string())
                    .output()
                    .unwrap();
                assert!(
                    child.status.success(),
                    "{}",
                    String::from_utf8_lossy(&child.stderr)
                );
                let out = String::from_utf8_lossy(&child.stdout);
                let fields: Vec<f64> = out.split_whitespace().map(|f| f.parse().unwrap()).collect();
                let [seconds, heap, rss, failed] = fields[..] else {
                    panic!("unexpected child output {out:?}")
                };
                let rate = *count as f64 / seconds;
                *peak = peak.max(heap);
                println!(
                    "| SaaS certificate inventory, run {round}: {count} idpIds, server and client limit {LIMIT}/s, inventory concurrency {concurrency} | {rate:.0}/s = {:.3}× the limit; {failed} failed; peak heap {:.0} KiB; peak RSS {rss} KiB |",
                    rate / f64::from(LIMIT),
                    heap / 1024.0,
                );
            }
        }
        let [(_, small), (_, large)] = peaks;
        println!(
            "| SaaS certificate inventory, concurrency {concurrency}: highest peak heap, 1,000 vs {COUNT} idpIds | {:.0} KiB vs {:.0} KiB ({:+.1}%) |",
            small / 1024.0,
            large / 1024.0,
            (large / small - 1.0) * 100.0
        );
    }
    drop(server.stdin.take()); // asks the server for its count of 429 answers
    println!(
        "| SaaS certificate inventory: 429 answers from the simulator over both runs | {} |",
        line()
    );
    let _ = server.wait();
}

/// Child process: the inventory of the first `count` idpIds, drained without keeping the
/// entries; prints seconds, peak heap (bytes), peak RSS (KiB) and failed entries.
fn measure_inventory(base: &str, id: &str, secret: &str, count: usize) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    COUNTING.store(true, Ordering::Relaxed);
    let (seconds, failed) = rt.block_on(async {
        let client = limited_client(base, id, secret);
        let now = chrono::Utc::now();
        let started = Instant::now();
        let concurrency = std::env::var("INVENTORY_CONCURRENCY")
            .map_or(DEFAULT_INVENTORY_CONCURRENCY, |v| v.parse().unwrap());
        let mut entries = SaasInventory::new(client.connections(), ExpiryCheck::at(now))
            .concurrency(concurrency)
            .of((0..count).map(idp));
        let window: Option<usize> = std::env::var("WINDOW_PEAKS")
            .ok()
            .map(|v| v.parse().unwrap());
        let (mut seen, mut failed, mut overall) = (0usize, 0usize, 0usize);
        while let Some(item) = entries.next().await {
            seen += 1;
            if let Some(size) = window.filter(|size| seen % size == 0) {
                let live = LIVE.load(Ordering::Relaxed);
                let peak = PEAK.swap(live, Ordering::Relaxed);
                overall = overall.max(peak);
                eprintln!(
                    "idpIds {}..{seen}: peak heap {peak} bytes, live now {live}",
                    seen - size
                );
            }
            match item {
                Ok(entry) if entry.finding.status().is_some() => {
                    std::hint::black_box(entry);
                }
                _ => failed += 1,
            }
        }
        assert_eq!(seen, count);
        PEAK.fetch_max(overall, Ordering::Relaxed);
        (started.elapsed().as_secs_f64(), failed)
    });
    println!(
        "{seconds} {} {} {failed}",
        PEAK.load(Ordering::Relaxed),
        peak_rss_kib()
    );
}

fn limited_client(base: &str, id: &str, secret: &str) -> SaasClient {
    SaasClient::builder(id, secret.to_owned())
        .base_url(base)
        .max_requests_per_second(f64::from(LIMIT))
        .max_concurrent_requests(CLIENT_CONCURRENCY)
        .build()
        .unwrap()
}

fn idp(i: usize) -> IdpId {
    IdpId::new(format!("bulk-{i:05}")).unwrap()
}
