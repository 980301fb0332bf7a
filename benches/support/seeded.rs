//! A child process serving a rate-limited simulator seeded with SaaS connections, for the
//! benchmarks that read many `idpId`s.

use futures::StreamExt as _;
use sso_connections::saas::{IdpId, SaasClient};
use sso_connections_simulator::Simulator;

/// Serves a simulator limited to `limit` requests/s with `count` idpIds (`idp(0..count)`) of
/// one connection each, created through a client `client` builds (within the same limit).
/// Prints its SaaS base URL, client id and secret, one per line; once its standard input
/// closes, prints how many requests it answered with 429 since, and returns.
pub fn serve(
    limit: u32,
    count: usize,
    idp: fn(usize) -> IdpId,
    client: fn(&str, &str, &str) -> SaasClient,
) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let sim = Simulator::builder()
            .rate_limit(limit)
            .start()
            .await
            .unwrap();
        let client = client(&sim.saas_base_url(), sim.client_id(), sim.client_secret());
        let request = super::connection::new_connection();
        let failed = futures::stream::iter(0..count)
            .map(|i| {
                let (client, request) = (&client, &request);
                async move { client.connections().create(&idp(i), request).await }
            })
            .buffer_unordered(64)
            .filter(|r| std::future::ready(r.is_err()))
            .count()
            .await;
        assert_eq!(failed, 0, "seeding failed");
        println!(
            "{}\n{}\n{}",
            sim.saas_base_url(),
            sim.client_id(),
            sim.client_secret()
        );
        let before = sim.rate_limited();
        tokio::task::spawn_blocking(|| std::io::copy(&mut std::io::stdin(), &mut std::io::sink()))
            .await
            .unwrap()
            .unwrap();
        println!("{}", sim.rate_limited() - before);
    });
}
