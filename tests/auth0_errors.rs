//! What every Auth0 connection-profile operation shares, checked on each of them: a rate-limited
//! answer is a retryable API error carrying the rate limit (whatever its body), a 404 without a
//! JSON body is still "not found", and ids that cannot be one path segment are refused before
//! anything is sent. The same expectation on every operation, with answer headers and bodies of
//! the test's choosing, is plain httpmock ([`Expect`](common::Expect)).

mod common;

use std::time::Duration;

use futures::TryStreamExt as _;
use httpmock::Method::{self, DELETE, GET, PATCH, POST};
use httpmock::MockServer;
use serde_json::json;
use sso_connections::auth0::ConnectionProfilesHandler;
use sso_connections::{Deletion, Error};

use common::auth0::*;
use common::{catch_all, invalid_input, Body};

/// Every operation, to check what they all share.
#[derive(Clone, Copy, Debug)]
enum Op {
    List,
    Create,
    Get,
    Update,
    Delete,
    Templates,
    Template,
}

impl Op {
    const ALL: [Op; 7] = [
        Op::List,
        Op::Create,
        Op::Get,
        Op::Update,
        Op::Delete,
        Op::Templates,
        Op::Template,
    ];
    /// The operations that take an id.
    const BY_ID: [Op; 4] = [Op::Get, Op::Update, Op::Delete, Op::Template];

    /// The HTTP method of the operation.
    fn method(self) -> Method {
        match self {
            Op::List | Op::Get | Op::Templates | Op::Template => GET,
            Op::Create => POST,
            Op::Update => PATCH,
            Op::Delete => DELETE,
        }
    }

    /// The path the operation is sent to (on [`id`](Self::id) where it takes one).
    fn path(self) -> String {
        match self {
            Op::List | Op::Create => PROFILES.into(),
            Op::Get | Op::Update | Op::Delete => profile_path(PROFILE_ID),
            Op::Templates => TEMPLATES.into(),
            Op::Template => template_path(TEMPLATE_ID),
        }
    }

    /// Runs the operation (on `id` where it takes one). Only the error and a delete's outcome
    /// matter: the other results are dropped.
    async fn run(
        self,
        profiles: ConnectionProfilesHandler<'_>,
        id: &str,
    ) -> sso_connections::Result<Option<Deletion>> {
        let dropped = |_| None;
        match self {
            Op::List => profiles.list().try_collect::<Vec<_>>().await.map(|_| None),
            Op::Create => profiles.create(&named("Partner SSO")).await.map(dropped),
            Op::Get => profiles.get(id).await.map(dropped),
            Op::Update => profiles.update(id, &named("New")).await.map(dropped),
            Op::Delete => profiles.delete(id).await.map(Some),
            Op::Templates => profiles.templates().await.map(|_| None),
            Op::Template => profiles.template(id).await.map(|_| None),
        }
    }

    /// The id the operation is run on, where it takes one.
    fn id(self) -> &'static str {
        match self {
            Op::Template => TEMPLATE_ID,
            _ => PROFILE_ID,
        }
    }
}

// ---------------------------------------------------------------- shared errors

#[tokio::test]
async fn rate_limited_answers_are_retryable_api_errors_with_the_rate_limit() {
    // Auth0's JSON body, and a gateway's text or empty body: the headers count either way.
    let bodies = [
        (
            Body::Json(json!(auth0_error(
                429,
                "Too Many Requests",
                "Global limit has been reached",
                "too_many_requests",
            ))),
            Some("Global limit has been reached"),
            Some("too_many_requests"),
        ),
        (
            Body::Text("Too Many Requests\n"),
            Some("Too Many Requests"),
            None,
        ),
        (Body::Empty, None, None),
    ];
    for (op, (body, message, code)) in Op::ALL
        .into_iter()
        .flat_map(|op| bodies.clone().map(|body| (op, body)))
    {
        let server = MockServer::start_async().await;
        let mock = expect(op.method(), op.path())
            .mount(
                &server,
                429,
                &[
                    ("x-ratelimit-limit", "50"),
                    ("x-ratelimit-remaining", "0"),
                    ("x-ratelimit-reset", "1795449600"),
                    ("retry-after", "7"),
                ],
                body,
            )
            .await;
        let err = op
            .run(client(&server).connection_profiles(), op.id())
            .await
            .unwrap_err();
        mock.assert_async().await;
        assert!(err.is_retryable(), "{op:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(429), "{op:?}");
        let Error::Api(api) = err else {
            panic!("{op:?}: expected Api, got {err:?}")
        };
        let limit = api.rate_limit.expect("rate-limit headers are read");
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(50), Some(0), Some(1_795_449_600)),
            "{op:?}"
        );
        assert_eq!(api.retry_after, Some(Duration::from_secs(7)), "{op:?}");
        assert_eq!(api.message.as_deref(), message, "{op:?}");
        assert_eq!(api.code.as_deref(), code, "{op:?}");
    }
}

#[tokio::test]
async fn not_found_without_a_json_body_is_still_not_found() {
    for (op, body) in Op::BY_ID.into_iter().flat_map(|op| {
        [
            (op, Body::Empty),
            (op, Body::Text("<html>Not Found</html>")),
        ]
    }) {
        let server = MockServer::start_async().await;
        let mock = expect(op.method(), op.path())
            .mount(&server, 404, &[], body)
            .await;
        let result = op.run(client(&server).connection_profiles(), op.id()).await;
        mock.assert_async().await;
        match (op, result) {
            (Op::Delete, Ok(Some(Deletion::NotFound))) => {}
            (Op::Get | Op::Update | Op::Template, Err(Error::NotFound(api))) => {
                assert_eq!(api.status.as_u16(), 404);
            }
            (op, other) => panic!("{op:?}: expected NotFound, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn ids_that_are_empty_or_hold_a_slash_or_control_character_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let client = client(&server);
    for op in Op::BY_ID {
        for id in ["", "/", "cp/1", "/cp_1", "cp_1/", "cp\n1", "cp\u{0}1"] {
            let result = op.run(client.connection_profiles(), id).await;
            assert_eq!(invalid_input(result).field(), "id", "{op:?} {id:?}");
        }
    }
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn ids_that_are_dot_segments_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    let client = client(&server);
    for op in Op::BY_ID {
        for id in [".", ".."] {
            let result = op.run(client.connection_profiles(), id).await;
            assert_eq!(invalid_input(result).field(), "id", "{op:?} {id:?}");
        }
    }
    any.assert_calls_async(0).await;
}
