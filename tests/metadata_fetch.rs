//! Fetching metadata from a URL: https only, no private addresses (by literal, by name or by
//! redirect) unless allowed, a few redirects at most, bounded size and time, retries, and
//! "changed since?" answered with one conditional request.

#[path = "metadata_kit/mod.rs"]
mod kit;

use std::time::Duration;

use httpmock::Method::GET;
use httpmock::MockServer;
use kit::{Idp, TestCert};
use sso_connections::metadata::{fetch, fetch_if_changed, FetchOptions, Freshness, Validators};
use sso_connections::{Error, RetryPolicy};

/// Options for a local test server: plain http and loopback allowed, no retries.
fn local() -> FetchOptions {
    FetchOptions::default()
        .allow_http(true)
        .allow_private_addresses(true)
        .retry_policy(RetryPolicy::disabled())
}

fn document() -> String {
    let mut idp = Idp::new("https://idp.example");
    idp.keys = vec![TestCert::new("Signing", 2020, 2040).key_descriptor("md:", Some("signing"))];
    idp.entity_attributes = r#" cacheDuration="PT30M""#;
    idp.entity("md:")
}

fn refused_url(result: sso_connections::Result<impl std::fmt::Debug>) -> String {
    match result {
        Err(Error::InvalidInput(input)) => {
            assert_eq!(input.field(), "metadataUrl");
            input.reason().to_owned()
        }
        other => panic!("expected a refused URL, got {other:?}"),
    }
}

#[tokio::test]
async fn a_document_is_fetched_with_its_validators_and_cache_duration() {
    let server = MockServer::start_async().await;
    let mock = server.mock(|when, then| {
        when.method(GET).path("/metadata.xml");
        then.status(200)
            .header("content-type", "application/samlmetadata+xml")
            .header("etag", "\"v1\"")
            .header("last-modified", "Wed, 01 Jan 2025 00:00:00 GMT")
            .body(document());
    });
    let fetched = fetch(&server.url("/metadata.xml"), &local()).await.unwrap();
    assert_eq!(mock.calls(), 1);
    assert_eq!(
        fetched.metadata.entities[0].entity_id,
        "https://idp.example"
    );
    assert_eq!(fetched.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        fetched.validators.last_modified.as_deref(),
        Some("Wed, 01 Jan 2025 00:00:00 GMT")
    );
    assert_eq!(fetched.cache_duration.as_deref(), Some("PT30M"));
    assert_eq!(fetched.url, server.url("/metadata.xml"));
}

#[tokio::test]
async fn an_unchanged_document_costs_one_conditional_request() {
    let server = MockServer::start_async().await;
    let conditional = server.mock(|when, then| {
        when.method(GET)
            .path("/metadata.xml")
            .header("if-none-match", "\"v1\"")
            .header("if-modified-since", "Wed, 01 Jan 2025 00:00:00 GMT");
        then.status(304);
    });
    let validators = Validators {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Wed, 01 Jan 2025 00:00:00 GMT".into()),
    };
    let answer = fetch_if_changed(&server.url("/metadata.xml"), &validators, &local())
        .await
        .unwrap();
    assert!(matches!(answer, Freshness::Unchanged));
    assert_eq!(conditional.calls(), 1);
}

#[tokio::test]
async fn plain_http_and_private_addresses_are_refused_before_anything_is_sent() {
    let server = MockServer::start_async().await;
    let any = server.mock(|when, then| {
        when.any_request();
        then.status(200).body(document());
    });
    let strict = FetchOptions::default();
    assert!(refused_url(fetch(&server.url("/m"), &strict).await).contains("only https"));
    let https_loopback = format!("https://127.0.0.1:{}/m", server.port());
    assert!(refused_url(fetch(&https_loopback, &strict).await).contains("loopback, private"));
    let by_name = FetchOptions::default()
        .allow_http(true)
        .retry_policy(RetryPolicy::disabled());
    let localhost = format!("http://localhost:{}/m", server.port());
    let reason = refused_url(fetch(&localhost, &by_name).await);
    assert!(reason.contains("resolves only to loopback"), "{reason}");
    assert!(refused_url(fetch("file:///etc/passwd", &strict).await).contains("only https"));
    assert!(refused_url(fetch("not a url", &strict).await).contains("not a URL"));
    assert_eq!(any.calls(), 0);

    // The opt-in for one host reaches it.
    let one_host = by_name.clone().allow_private_host("localhost");
    assert!(fetch(&localhost, &one_host).await.is_ok());
    assert_eq!(any.calls(), 1);
}

#[tokio::test]
async fn redirects_are_checked_like_the_url_and_bounded() {
    let server = MockServer::start_async().await;
    let options = FetchOptions::default()
        .allow_http(true)
        .allow_private_host("127.0.0.1")
        .retry_policy(RetryPolicy::disabled());
    server.mock(|when, then| {
        when.method(GET).path("/to-private");
        then.status(302)
            .header("location", "http://10.0.0.1/metadata.xml");
    });
    server.mock(|when, then| {
        when.method(GET).path("/to-file");
        then.status(302).header("location", "file:///etc/passwd");
    });
    let reason = refused_url(fetch(&server.url("/to-private"), &options).await);
    assert!(
        reason.contains("redirected") && reason.contains("10.0.0.1"),
        "{reason}"
    );
    let reason = refused_url(fetch(&server.url("/to-file"), &options).await);
    assert!(reason.contains("redirected"), "{reason}");

    // A chain of redirects: three are followed, the fourth is refused.
    for hop in 0..3 {
        server.mock(|when, then| {
            when.method(GET).path(format!("/hop/{hop}"));
            then.status(302)
                .header("location", format!("/hop/{}", hop + 1));
        });
    }
    let served = server.mock(|when, then| {
        when.method(GET).path("/hop/3");
        then.status(200).body(document());
    });
    let three = fetch(&server.url("/hop/0"), &options).await.unwrap();
    assert!(three.url.ends_with("/hop/3"));
    assert_eq!(served.calls(), 1);
    let reason = refused_url(fetch(&server.url("/hop/0"), &options.clone().max_redirects(2)).await);
    assert!(reason.contains("more than 2 redirects"), "{reason}");
}

#[tokio::test]
async fn size_and_time_are_bounded() {
    let server = MockServer::start_async().await;
    server.mock(|when, then| {
        when.method(GET).path("/large");
        then.status(200)
            .body(format!("{}<!--{}-->", document(), "x".repeat(4096)));
    });
    server.mock(|when, then| {
        when.method(GET).path("/slow");
        then.status(200)
            .delay(Duration::from_secs(3))
            .body(document());
    });
    let reason = refused_url(fetch(&server.url("/large"), &local().max_bytes(4096)).await);
    assert!(reason.contains("more than the 4096 allowed"), "{reason}");
    assert!(fetch(&server.url("/large"), &local()).await.is_ok());

    match fetch(
        &server.url("/slow"),
        &local().timeout(Duration::from_millis(300)),
    )
    .await
    {
        Err(Error::Transport(transport)) => assert!(transport.is_timeout()),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn failures_follow_the_retry_policy_and_keep_their_status() {
    let server = MockServer::start_async().await;
    let busy = server.mock(|when, then| {
        when.method(GET).path("/busy");
        then.status(503).body("maintenance");
    });
    let missing = server.mock(|when, then| {
        when.method(GET).path("/missing");
        then.status(404).body("no such metadata");
    });
    let retrying = local().retry_policy(
        RetryPolicy::standard()
            .max_attempts(3)
            .initial_backoff(Duration::from_millis(1)),
    );
    match fetch(&server.url("/busy"), &retrying).await {
        Err(Error::Api(api)) => assert_eq!(
            (api.status.as_u16(), api.message.as_deref()),
            (503, Some("maintenance"))
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(busy.calls(), 3);
    assert!(matches!(
        fetch(&server.url("/missing"), &retrying).await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(missing.calls(), 1, "a 404 is final");
}

#[tokio::test]
async fn an_answer_that_is_not_metadata_is_refused_with_the_parser_s_reason() {
    let server = MockServer::start_async().await;
    server.mock(|when, then| {
        when.method(GET).path("/login");
        then.status(200)
            .header("content-type", "text/html")
            .body("<html><body>Sign in</body></html>");
    });
    match fetch(&server.url("/login"), &local()).await {
        Err(Error::InvalidInput(input)) => {
            assert_eq!(input.field(), "metadata");
            assert!(input.reason().contains("not SAML metadata"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn errors_never_show_credentials_or_the_query_of_the_url() {
    let secret_url = |host: &str| format!("http://user:pa55word@{host}/metadata.xml?token=s3cr3t");
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let failures = [
        fetch(&secret_url("127.0.0.1"), &FetchOptions::default())
            .await
            .unwrap_err(),
        fetch(&secret_url(&closed_port.to_string()), &local())
            .await
            .unwrap_err(),
    ];
    for err in failures {
        let shown = format!("{err} {err:?}");
        assert!(
            !shown.contains("pa55word") && !shown.contains("s3cr3t"),
            "{shown}"
        );
    }
}
