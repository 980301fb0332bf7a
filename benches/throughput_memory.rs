//! 3. Pagination memory: peak heap (live allocations, counted by this binary's allocator) and
//!    peak RSS of a process that streams N PingOne applications through `applications().list()`
//!    and N Auth0 connection profiles through `connection_profiles().list()` (N = 1k, 10k,
//!    100k), each in a fresh child process, against a simulator in a process of its own (so
//!    its storage does not count).
//! 4. Bulk provisioning: 10,000 customer connections through the client's limiter against a
//!    simulator limited to the same rate; throughput as a ratio of that rate, and failures.
//! 6. Simulator throughput: requests per second on loopback.
//!
//! Run: `cargo bench --bench throughput_memory`. Prints a Markdown table for BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures::{StreamExt as _, TryStreamExt as _};
use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
use sso_connections::pingone::{
    ApplicationType, GrantType, OidcApplication, PingOneClient, TokenEndpointAuthMethod,
};
use sso_connections::saas::{IdpId, SaasClient};
use sso_connections::Uuid;
use sso_connections_simulator::Simulator;

#[path = "support/connection.rs"]
mod connection;
#[path = "support/counting_allocator.rs"]
mod counting_allocator;

use connection::new_connection;
use counting_allocator::{peak_rss_kib, COUNTING, LIVE, PEAK};

const ENV: Uuid = Uuid::from_u128(0x02d37832_476a_431b_8a60_d77cecd7005c);
const TOKEN: &str = "bench-token";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, api, base, expected] = args.as_slice() {
        if mode == "--measure-stream" {
            return measure_stream(api, base, expected.parse().unwrap());
        }
    }
    if args.first().map(String::as_str) == Some("--serve") {
        return serve(args.get(1).map_or(0, |n| n.parse().unwrap()));
    }
    if args.iter().any(|a| a == "--list") {
        return; // `cargo bench -- --list` support: nothing to list
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!("| measurement | result |\n| --- | --- |");
    rt.block_on(simulator_throughput());
    rt.block_on(bulk_provisioning());
    streaming_memory(&rt);
}

/// Child process: the simulator (PingOne pages of 1,000, a static bearer token) until killed,
/// with `applications` PingOne applications and as many Auth0 connection profiles created
/// first; prints the PingOne and then the Auth0 base URL, one per line.
fn serve(applications: usize) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let sim = Simulator::builder()
            .page_size(1000)
            .static_bearer(TOKEN)
            .start()
            .await
            .unwrap();
        let (pingone, auth0) = (sim.pingone_base_url(), sim.auth0_base_url());
        seed(Some(&pingone), Some(&auth0), 0..applications).await;
        println!("{pingone}\n{auth0}");
        std::future::pending::<()>().await;
    });
}

/// Child process: streams every item of one list and prints its peak RSS (KiB) and peak heap
/// (bytes), counted from the moment before the client is built.
fn measure_stream(api: &str, base: &str, expected: usize) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    COUNTING.store(true, Ordering::Relaxed);
    let count = rt.block_on(async {
        match api {
            "pingone" => {
                let client = PingOneClient::bearer(TOKEN).base_url(base).build().unwrap();
                count_items(client.environment(ENV).applications().list()).await
            }
            "auth0" => {
                let client = Auth0Client::token("tenant.example", TOKEN)
                    .base_url(base)
                    .build()
                    .unwrap();
                // Pages of 100, the most the API allows.
                count_items(client.connection_profiles().list_pages_of(Some(100))).await
            }
            other => panic!("unknown api {other}"),
        }
    });
    assert_eq!(count, expected);
    println!("{} {}", peak_rss_kib(), PEAK.load(Ordering::Relaxed));
}

/// Drains the stream. With `PAGE_PEAKS=<page size>` in the environment, also prints to stderr
/// the peak heap of each page (from its first item to the next page's first item), to show how
/// the peak of one page varies with how its body arrived; the overall peak stays correct.
async fn count_items<T>(mut stream: sso_connections::ItemStream<'_, T>) -> usize {
    let page_size: Option<usize> = std::env::var("PAGE_PEAKS").ok().map(|v| v.parse().unwrap());
    let mut overall = 0usize;
    let mut count = 0usize;
    while let Some(item) = stream.next().await {
        std::hint::black_box(item.unwrap());
        count += 1;
        if let Some(size) = page_size.filter(|size| count % size == 1) {
            let live = LIVE.load(Ordering::Relaxed);
            let peak = PEAK.swap(live, Ordering::Relaxed);
            overall = overall.max(peak);
            eprintln!("page {} peak heap {peak} bytes", count / size);
        }
    }
    PEAK.fetch_max(overall, Ordering::Relaxed);
    count
}

async fn simulator_throughput() {
    let sim = Simulator::start().await.unwrap();
    let client = SaasClient::builder(sim.client_id(), sim.client_secret().to_owned())
        .base_url(sim.saas_base_url())
        .build()
        .unwrap();
    let idp = IdpId::new("acme").unwrap();
    client
        .connections()
        .create(&idp, &new_connection())
        .await
        .unwrap();
    let window = Duration::from_secs(3);
    let started = Instant::now();
    let workers = (0..16).map(|_| {
        let (client, idp) = (client.clone(), idp.clone());
        async move {
            let mut done = 0u64;
            while started.elapsed() < window {
                client.connections().get(&idp).await.unwrap();
                done += 1;
            }
            done
        }
    });
    let total: u64 = futures::future::join_all(workers).await.into_iter().sum();
    let per_second = total as f64 / started.elapsed().as_secs_f64();
    println!("| simulator throughput (SaaS GET through the facade, 16 concurrent, loopback) | {per_second:.0} requests/s |");
}

async fn bulk_provisioning() {
    const COUNT: usize = 10_000;
    const LIMIT: u32 = 1_000;
    let sim = Simulator::builder()
        .rate_limit(LIMIT)
        .start()
        .await
        .unwrap();
    let client = SaasClient::builder(sim.client_id(), sim.client_secret().to_owned())
        .base_url(sim.saas_base_url())
        .max_requests_per_second(f64::from(LIMIT))
        .max_concurrent_requests(32)
        .build()
        .unwrap();
    let request = new_connection();
    let started = Instant::now();
    let results: Vec<_> = futures::stream::iter(0..COUNT)
        .map(|i| {
            let (client, request) = (client.clone(), request.clone());
            async move {
                client
                    .connections()
                    .create(&IdpId::new(format!("bulk-{i:05}")).unwrap(), &request)
                    .await
            }
        })
        .buffer_unordered(64)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    let failures = results.iter().filter(|r| r.is_err()).count();
    let throughput = COUNT as f64 / elapsed;
    println!(
        "| bulk provisioning: {COUNT} connections, server and client limit {LIMIT}/s | {throughput:.0}/s = {:.3}× the limit; {failures} failed; {} stored; {} answered 429 |",
        throughput / f64::from(LIMIT),
        sim.saas_connection_count(),
        sim.rate_limited(),
    );
}

fn streaming_memory(rt: &tokio::runtime::Runtime) {
    let mut server = Command::new(std::env::current_exe().unwrap())
        .arg("--serve")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let pingone_base = lines.next().unwrap().unwrap();
    let auth0_base = lines.next().unwrap().unwrap();
    for (api, base, what) in [
        ("pingone", &pingone_base, "applications (pages of 1,000)"),
        ("auth0", &auth0_base, "connection profiles (pages of 100)"),
    ] {
        let mut seeded = 0usize;
        let mut peaks: Vec<(usize, u64, u64, u64)> = Vec::new();
        for size in [1_000usize, 10_000, 100_000] {
            let (pingone, auth0) = if api == "pingone" {
                (Some(pingone_base.as_str()), None)
            } else {
                (None, Some(auth0_base.as_str()))
            };
            rt.block_on(seed(pingone, auth0, seeded..size));
            seeded = size;
            let (rss, heap) = measure_child(api, base, size, None);
            // The same run with glibc's mmap threshold fixed at its default (128 KiB) instead
            // of adapting upwards: shows how much of any RSS growth is the allocator's.
            let (fixed_rss, _) =
                measure_child(api, base, size, Some(("MALLOC_MMAP_THRESHOLD_", "131072")));
            peaks.push((size, heap, rss, fixed_rss));
        }
        let (_, heap0, rss0, fixed0) = peaks[0];
        let growth = |value: u64, base: u64| (value as f64 / base as f64 - 1.0) * 100.0;
        for (size, heap, rss, fixed) in &peaks {
            println!(
                "| pagination memory: stream {size} {what} | peak heap {:.0} KiB ({:+.1}% vs 1k); peak RSS {rss} KiB ({:+.1}%); peak RSS with a fixed mmap threshold {fixed} KiB ({:+.1}%) |",
                *heap as f64 / 1024.0,
                growth(*heap, heap0),
                growth(*rss, rss0),
                growth(*fixed, fixed0),
            );
        }
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// Creates applications (given a PingOne base URL) and connection profiles (given an Auth0 base
/// URL) with the given indexes, 32 at a time.
async fn seed(pingone: Option<&str>, auth0: Option<&str>, indexes: std::ops::Range<usize>) {
    let pingone = pingone.map(|pingone| {
        PingOneClient::bearer(TOKEN)
            .base_url(pingone)
            .build()
            .unwrap()
    });
    let auth0 = auth0.map(|auth0| {
        Auth0Client::token("tenant.example", TOKEN)
            .base_url(auth0)
            .build()
            .unwrap()
    });
    let (pingone, auth0) = (&pingone, &auth0);
    futures::stream::iter(indexes)
        .map(|i| async move {
            if let Some(client) = pingone {
                client
                    .environment(ENV)
                    .applications()
                    .create(&application(i))
                    .await?;
            }
            if let Some(client) = auth0 {
                client.connection_profiles().create(&profile(i)).await?;
            }
            Ok::<_, sso_connections::Error>(())
        })
        .buffer_unordered(32)
        .try_collect::<Vec<_>>()
        .await
        .unwrap();
}

/// Runs one `--measure-stream` child (with one extra environment variable, if given) and
/// returns its peak RSS (KiB) and peak heap (bytes).
fn measure_child(api: &str, base: &str, size: usize, env: Option<(&str, &str)>) -> (u64, u64) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--measure-stream", api, base, &size.to_string()]);
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    let child = command.output().unwrap();
    assert!(
        child.status.success(),
        "{}",
        String::from_utf8_lossy(&child.stderr)
    );
    let out = String::from_utf8_lossy(&child.stdout);
    let (rss, heap) = out.trim().split_once(' ').unwrap();
    (rss.parse().unwrap(), heap.parse().unwrap())
}

fn application(i: usize) -> sso_connections::pingone::Application {
    OidcApplication::new(format!("app-{i:06}"), ApplicationType::Service)
        .grant_types([GrantType::ClientCredentials])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap()
}

fn profile(i: usize) -> ConnectionProfileSettings {
    ConnectionProfileSettings::builder()
        .name(format!("profile-{i:06}"))
        .build()
        .unwrap()
}
