//! 1. Per-call overhead: the facade's get/update against the simulator on loopback, next to
//!    the same request sent with raw `reqwest` + `serde_json` into the same generated types.
//!    The server runs on its own runtime thread, so both sides pay the same server cost.
//!
//! Two measurements of the same variants:
//! - criterion, one variant after another (absolute times, confidence intervals);
//! - an interleaved run, where every round calls each variant once in a rotating order, so
//!   drift in the machine or the server touches all variants alike. Its medians and ratios
//!   are the figures BENCHMARKS.md reports.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use base64::Engine as _;
use criterion::Criterion;
use sso_connections::generated::saas::types;
use sso_connections::saas::{
    ApplicationIds, ConnectionUpdate, IdpId, NewConnection, SaasClient, SharedSettings,
};
use sso_connections::values::Certificate;
use sso_connections_simulator::{catalogue::CRM, Simulator};

const CERT: &str = include_str!("../tests/fixtures/example-idp-cert.pem");

/// The simulator on a runtime thread of its own, a facade client with one connection
/// created, and the raw clients and requests to compare it with.
struct Setup {
    facade: SaasClient,
    noretry: SaasClient,
    idp: IdpId,
    update: ConnectionUpdate,
    /// `reqwest::Client::new()`: no timeouts, no user agent.
    raw: reqwest::Client,
    /// A raw client with the facade's settings (timeouts and user agent).
    configured: reqwest::Client,
    basic: String,
    url: String,
    update_body: serde_json::Value,
    _runtime: tokio::runtime::Runtime,
    _simulator: Simulator,
}

/// The setting every update variant changes.
const SSO_ENDPOINT: &str = "https://idp.acme.example/sso2";

type Call<'a> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + 'a>> + 'a>;

impl Setup {
    fn new(rt: &tokio::runtime::Runtime) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let simulator = runtime.block_on(Simulator::start()).unwrap();
        let (id, secret) = (simulator.client_id(), simulator.client_secret());
        let facade = SaasClient::builder(id, secret.to_owned())
            .base_url(simulator.saas_base_url())
            .build()
            .unwrap();
        let idp = IdpId::new("acme").unwrap();
        let request =
            NewConnection::for_applications(settings(), ApplicationIds::new([CRM]).unwrap())
                .unwrap();
        rt.block_on(facade.connections().create(&idp, &request))
            .unwrap();
        let sso = SSO_ENDPOINT;
        let noretry = SaasClient::builder(id, secret.to_owned())
            .base_url(simulator.saas_base_url())
            .retry_policy(sso_connections::RetryPolicy::disabled())
            .build()
            .unwrap();
        // The baselines use plain reqwest, which this workspace builds without a built-in
        // crypto provider (the library sets its own per client): install ring, as the library
        // uses, as the process default.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            update: ConnectionUpdate::settings(
                SharedSettings::builder().sso_endpoint(sso).build().unwrap(),
            ),
            update_body: serde_json::json!({ "ssoEndpoint": sso }),
            basic: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
            ),
            url: format!("{}/spManaged/acme", simulator.saas_base_url()),
            raw: reqwest::Client::new(),
            configured: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .connect_timeout(Duration::from_secs(10))
                .user_agent("sso-connections/0.1.0")
                .build()
                .unwrap(),
            facade,
            noretry,
            idp,
            _runtime: runtime,
            _simulator: simulator,
        }
    }

    /// GET of the connection list, decoded into the generated type.
    async fn raw_get(&self, client: &reqwest::Client) {
        let body = client
            .get(&self.url)
            .header("authorization", &self.basic)
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        serde_json::from_slice::<types::CustomerConnectionList>(&body).unwrap();
    }

    /// POST of a settings change, expecting 2xx with no body.
    async fn raw_update(&self, client: &reqwest::Client) {
        let status = client
            .post(&self.url)
            .header("authorization", &self.basic)
            .json(&self.update_body)
            .send()
            .await
            .unwrap()
            .status();
        assert!(status.is_success());
    }

    async fn generated_get(&self) {
        let idp = "acme".parse().unwrap();
        self.facade
            .generated()
            .get_customer_connections(&idp, None)
            .await
            .unwrap();
    }

    /// The generated update call with the body the facade builds, through the same hooks.
    async fn generated_update(&self) {
        let idp = "acme".parse().unwrap();
        let body = types::UpdateConnectionRequest {
            sso_endpoint: Some(SSO_ENDPOINT.to_owned()),
            ..Default::default()
        };
        self.facade
            .generated()
            .update_customer_connection(&idp, &body)
            .await
            .unwrap();
    }

    async fn facade_get(&self) {
        self.facade.connections().get(&self.idp).await.unwrap();
    }

    async fn facade_update(&self, client: &SaasClient) {
        client
            .connections()
            .update(&self.idp, &self.update)
            .await
            .unwrap();
    }

    fn get_variants(&self) -> Vec<(&'static str, Call<'_>)> {
        vec![
            (
                "raw_reqwest",
                Box::new(|| Box::pin(self.raw_get(&self.raw))),
            ),
            (
                "raw_reqwest_client_settings",
                Box::new(|| Box::pin(self.raw_get(&self.configured))),
            ),
            (
                "generated_client",
                Box::new(|| Box::pin(self.generated_get())),
            ),
            ("facade", Box::new(|| Box::pin(self.facade_get()))),
        ]
    }

    fn update_variants(&self) -> Vec<(&'static str, Call<'_>)> {
        vec![
            (
                "raw_reqwest",
                Box::new(|| Box::pin(self.raw_update(&self.raw))),
            ),
            (
                "raw_reqwest_client_settings",
                Box::new(|| Box::pin(self.raw_update(&self.configured))),
            ),
            (
                "generated_client",
                Box::new(|| Box::pin(self.generated_update())),
            ),
            (
                "facade_without_retries",
                Box::new(|| Box::pin(self.facade_update(&self.noretry))),
            ),
            (
                "facade",
                Box::new(|| Box::pin(self.facade_update(&self.facade))),
            ),
        ]
    }
}

fn settings() -> SharedSettings {
    SharedSettings::builder()
        .email("admin@acme.example")
        .entity_id("https://idp.acme.example")
        .sso_endpoint("https://idp.acme.example/sso")
        .signing_certificate(Certificate::parse(CERT).unwrap())
        .build()
        .unwrap()
}

/// criterion: each variant on its own.
fn sequential(c: &mut Criterion, rt: &tokio::runtime::Runtime, setup: &Setup) {
    let mut group = c.benchmark_group("per_call");
    group.measurement_time(Duration::from_secs(5));
    for (operation, variants) in [
        ("get", setup.get_variants()),
        ("update", setup.update_variants()),
    ] {
        for (name, call) in &variants {
            group.bench_function(format!("{operation}/{name}"), |b| b.to_async(rt).iter(call));
        }
    }
    group.finish();
}

/// Interleaved rounds: every round calls each variant once, the order rotating by one each
/// round. Prints each variant's median and its ratio to the first (raw) variant as Markdown.
fn interleaved(rt: &tokio::runtime::Runtime, operation: &str, variants: &[(&str, Call<'_>)]) {
    const WARMUP: usize = 1_000;
    const ROUNDS: usize = 10_000;
    let mut samples = vec![Vec::with_capacity(ROUNDS); variants.len()];
    rt.block_on(async {
        for round in 0..WARMUP + ROUNDS {
            for offset in 0..variants.len() {
                let index = (round + offset) % variants.len();
                let started = Instant::now();
                (variants[index].1)().await;
                if round >= WARMUP {
                    samples[index].push(started.elapsed());
                }
            }
        }
    });
    // Paired: each round's time against the raw call of the same round, so that drift of the
    // machine between rounds cancels out.
    let paired: Vec<f64> = samples
        .iter()
        .map(|s| {
            let ratios = s
                .iter()
                .zip(&samples[0])
                .map(|(v, raw)| v.as_secs_f64() / raw.as_secs_f64());
            median(ratios.collect())
        })
        .collect();
    let medians: Vec<f64> = samples
        .iter()
        .map(|s| median(s.iter().map(|d| d.as_secs_f64() * 1e6).collect()))
        .collect();
    for (((name, _), median), paired) in variants.iter().zip(&medians).zip(&paired) {
        println!(
            "| {operation} | {name} | {median:.1} µs | {:.3}× | {paired:.3}× |",
            median / medians[0]
        );
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    values[values.len() / 2]
}

/// `PROFILE_VARIANT=<operation>/<variant>:<calls>`: only that variant, that many times, for a
/// profiler (`valgrind --tool=callgrind`, `perf`). Run it with two call counts and subtract
/// to get the cost of one call without the set-up.
fn profile(rt: &tokio::runtime::Runtime, setup: &Setup, spec: &str) {
    let (name, calls) = spec
        .rsplit_once(':')
        .expect("<operation>/<variant>:<calls>");
    let calls: usize = calls.parse().expect("a number of calls");
    let variants = [
        ("get", setup.get_variants()),
        ("update", setup.update_variants()),
    ];
    let call = variants
        .iter()
        .flat_map(|(operation, list)| {
            list.iter()
                .map(move |(v, call)| (format!("{operation}/{v}"), call))
        })
        .find(|(full, _)| full == name)
        .map(|(_, call)| call)
        .unwrap_or_else(|| panic!("no variant {name:?}"));
    rt.block_on(async {
        for _ in 0..calls {
            call().await;
        }
    });
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let setup = Setup::new(&rt);
    if let Ok(spec) = std::env::var("PROFILE_VARIANT") {
        return profile(&rt, &setup, &spec);
    }
    let mut criterion = Criterion::default().configure_from_args();
    sequential(&mut criterion, &rt, &setup);
    criterion.final_summary();
    let only_listing_or_testing =
        std::env::args().any(|a| matches!(a.as_str(), "--list" | "--test" | "--profile-time"));
    if !only_listing_or_testing {
        println!(
            "\n| operation | variant | median | ratio of medians | median of per-round ratios |\n| --- | --- | --- | --- | --- |"
        );
        interleaved(&rt, "get", &setup.get_variants());
        interleaved(&rt, "update", &setup.update_variants());
    }
}
