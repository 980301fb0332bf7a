//! 3. Pagination memory: peak RSS of a process that streams N PingOne applications through
//!    `applications().list()` (N = 1k, 10k, 100k), each size in a fresh child process, against
//!    the simulator binary in a process of its own (so its storage does not count).
//! 4. Bulk provisioning: 10,000 customer connections through the client's limiter against a
//!    simulator limited to the same rate; throughput as a ratio of that rate, and failures.
//! 6. Simulator throughput: requests per second on loopback.
//!
//! Run: `cargo bench --bench throughput_memory`. Prints a Markdown table for BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::{StreamExt as _, TryStreamExt as _};
use sso_connections::pingone::{
    ApplicationType, GrantType, OidcApplication, PingOneClient, TokenEndpointAuthMethod,
};
use sso_connections::saas::{ApplicationIds, IdpId, NewConnection, SaasClient, SharedSettings};
use sso_connections::values::Certificate;
use sso_connections::Uuid;
use sso_connections_simulator::{catalogue::CRM, Simulator};

const ENV: Uuid = Uuid::from_u128(0x02d37832_476a_431b_8a60_d77cecd7005c);
const TOKEN: &str = "bench-token";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, base, expected] = args.as_slice() {
        if mode == "--measure-stream" {
            return measure_stream(base, expected.parse().unwrap());
        }
    }
    if args.first().map(String::as_str) == Some("--serve") {
        return serve();
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

/// Child process: the simulator (pages of 1,000, a static bearer token) until killed; prints
/// the PingOne base URL first.
fn serve() {
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
        println!("{}", sim.pingone_base_url());
        std::future::pending::<()>().await;
    });
}

/// Child process: stream the applications and report peak RSS.
fn measure_stream(base: &str, expected: usize) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = PingOneClient::bearer(TOKEN).base_url(base).build().unwrap();
    let count = rt.block_on(async {
        let mut stream = client.environment(ENV).applications().list();
        let mut count = 0usize;
        while let Some(app) = stream.next().await {
            std::hint::black_box(app.unwrap());
            count += 1;
        }
        count
    });
    assert_eq!(count, expected);
    println!("{}", peak_rss_kib());
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
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

fn new_connection() -> NewConnection {
    let settings = SharedSettings::builder()
        .email("admin@acme.example")
        .entity_id("https://idp.acme.example")
        .sso_endpoint("https://idp.acme.example/sso")
        .signing_certificate(
            Certificate::parse(include_str!("../tests/fixtures/example-idp-cert.pem")).unwrap(),
        )
        .build()
        .unwrap();
    NewConnection::for_applications(settings, ApplicationIds::new([CRM]).unwrap()).unwrap()
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
    let mut base = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut base)
        .unwrap();
    let base = base.trim().to_owned();
    let client = PingOneClient::bearer(TOKEN)
        .base_url(&base)
        .build()
        .unwrap();
    let apps = client.environment(ENV).applications();
    let mut seeded = 0usize;
    let mut peaks = Vec::new();
    for size in [1_000usize, 10_000, 100_000] {
        rt.block_on(async {
            futures::stream::iter(seeded..size)
                .map(|i| {
                    let app = OidcApplication::new(format!("app-{i:06}"), ApplicationType::Service)
                        .grant_types([GrantType::ClientCredentials])
                        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
                        .build()
                        .unwrap();
                    async move { apps.create(&app).await.map(drop) }
                })
                .buffer_unordered(32)
                .try_collect::<Vec<_>>()
                .await
                .unwrap();
        });
        seeded = size;
        let child = Command::new(std::env::current_exe().unwrap())
            .args(["--measure-stream", &base, &size.to_string()])
            .output()
            .unwrap();
        assert!(
            child.status.success(),
            "{}",
            String::from_utf8_lossy(&child.stderr)
        );
        let kib: u64 = String::from_utf8_lossy(&child.stdout)
            .trim()
            .parse()
            .unwrap();
        peaks.push((size, kib));
    }
    let _ = server.kill();
    let _ = server.wait();
    let base_kib = peaks[0].1 as f64;
    for (size, kib) in &peaks {
        println!(
            "| pagination memory: stream {size} applications (pages of 1,000) | peak RSS {kib} KiB ({:+.1}% vs 1k) |",
            (*kib as f64 / base_kib - 1.0) * 100.0
        );
    }
}
