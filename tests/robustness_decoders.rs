//! Robustness of the decoders: no response body, however truncated, garbled or random, panics
//! the decoding of any spec schema; and a truncated or undecodable answer to a facade call is a
//! `Decode` error carrying a bounded snippet of the body.

mod common;

use futures::TryStreamExt as _;
use httpmock::MockServer;
use serde_json::{json, Value};
use sso_connections::auth0::Auth0Client;
use sso_connections::error::BODY_SNIPPET_LIMIT;
use sso_connections::generated::{auth0 as auth0_wire, pingone as pingone_wire, saas as saas_wire};
use sso_connections::pingone::{
    ApplicationType, GrantType, IdpTokenEndpointAuthMethod, OidcApplication, OidcIdentityProvider,
    PingOneClient, SamlApplication, SamlBinding, SamlIdentityProvider, TokenEndpointAuthMethod,
};
use sso_connections::saas::{CustomerConnection, IdpId, SaasClient};
use sso_connections::{Error, Uuid};

// ---------------------------------------------------------------- decoding: bodies

/// Decodes `bytes` as `T` and formats the result; `true` when it decoded.
fn decodes_as<T: serde::de::DeserializeOwned + std::fmt::Debug>(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<T>(bytes) {
        Ok(value) => !format!("{value:?}").is_empty(),
        Err(err) => {
            let _ = err.to_string();
            false
        }
    }
}

/// The SaaS list, and the facade's view of each of its items.
fn decodes_as_connections(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<saas_wire::types::CustomerConnectionList>(bytes) {
        Ok(list) => {
            let facade: Vec<CustomerConnection> =
                list.0.into_iter().map(CustomerConnection::from).collect();
            for connection in &facade {
                if let Some(certificate) = &connection.signing_certificate {
                    let _ = certificate.decode();
                }
            }
            !format!("{facade:?}").is_empty()
        }
        Err(_) => false,
    }
}

/// The generated secret, and the facade's redacting view of it.
fn decodes_as_secret(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<pingone_wire::types::ApplicationSecret>(bytes) {
        Ok(wire) => {
            let facade = sso_connections::pingone::ApplicationSecret::from(wire);
            !format!("{facade:?}").is_empty()
        }
        Err(_) => false,
    }
}

type Decoder = fn(&[u8]) -> bool;

/// The Rust type each spec schema decodes into, keyed by `<spec file>#<schema>`. A response
/// or request example of a schema missing here fails the test, so a new one is not skipped.
fn decoder(key: &str) -> Option<Decoder> {
    use auth0_wire::types as auth0;
    use pingone_wire::types as pingone;
    use saas_wire::types as saas;
    let decoder: Decoder = match key {
        "pingone-saas-connections.yaml#CustomerConnectionList" => decodes_as_connections,
        "pingone-saas-connections.yaml#CustomerConnection" => {
            decodes_as::<saas::CustomerConnection>
        }
        "pingone-saas-connections.yaml#CreateConnectionRequest" => {
            decodes_as::<saas::CreateConnectionRequest>
        }
        "pingone-saas-connections.yaml#UpdateConnectionRequest" => {
            decodes_as::<saas::UpdateConnectionRequest>
        }
        "pingone-saas-connections.yaml#ApplicationIds" => decodes_as::<saas::ApplicationIds>,
        "pingone-saas-connections.yaml#ErrorMessage" => decodes_as::<saas::ErrorMessage>,
        "pingone-platform.yaml#Application" => decodes_as::<sso_connections::pingone::Application>,
        "pingone-platform.yaml#ApplicationPage" => decodes_as::<pingone::ApplicationPage>,
        "pingone-platform.yaml#ApplicationSecret" => decodes_as_secret,
        "pingone-platform.yaml#ApplicationAttributeMapping" => {
            decodes_as::<pingone::ApplicationAttributeMapping>
        }
        "pingone-platform.yaml#ApplicationAttributeMappingPage" => {
            decodes_as::<pingone::ApplicationAttributeMappingPage>
        }
        "pingone-platform.yaml#ApplicationResourceGrant" => {
            decodes_as::<pingone::ApplicationResourceGrant>
        }
        "pingone-platform.yaml#ApplicationResourceGrantPage" => {
            decodes_as::<pingone::ApplicationResourceGrantPage>
        }
        "pingone-platform.yaml#SignOnPolicyAssignment" => {
            decodes_as::<pingone::SignOnPolicyAssignment>
        }
        "pingone-platform.yaml#SignOnPolicyAssignmentPage" => {
            decodes_as::<pingone::SignOnPolicyAssignmentPage>
        }
        "pingone-platform.yaml#IdentityProvider" => {
            decodes_as::<sso_connections::pingone::IdentityProvider>
        }
        "pingone-platform.yaml#IdentityProviderPage" => decodes_as::<pingone::IdentityProviderPage>,
        "pingone-platform.yaml#PingOneError" => decodes_as::<pingone::PingOneError>,
        "auth0-connection-profiles.yaml#ConnectionProfile" => {
            decodes_as::<auth0::ConnectionProfile>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileList" => {
            decodes_as::<auth0::ConnectionProfileList>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileCreate" => {
            decodes_as::<auth0::ConnectionProfileCreate>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileUpdate" => {
            decodes_as::<auth0::ConnectionProfileUpdate>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileTemplate" => {
            decodes_as::<auth0::ConnectionProfileTemplate>
        }
        "auth0-connection-profiles.yaml#ConnectionProfileTemplateList" => {
            decodes_as::<auth0::ConnectionProfileTemplateList>
        }
        "auth0-connection-profiles.yaml#Auth0Error" => decodes_as::<auth0::Auth0Error>,
        _ => return None,
    };
    Some(decoder)
}

/// One valid body: where it comes from, the decoder key, and the JSON.
struct Sample {
    place: String,
    key: String,
    json: Value,
}

/// Every `example` / `examples.*.value` of every request body and response of every spec.
fn spec_samples() -> Vec<Sample> {
    let mut samples = Vec::new();
    for (file, spec) in common::specs() {
        for (place, media) in common::media_objects(&spec) {
            let Some(schema) = media.pointer("/schema/$ref").and_then(Value::as_str) else {
                continue;
            };
            let key = format!("{file}#{}", schema.rsplit('/').next().unwrap());
            let values = common::entries(&media["examples"])
                .map(|(name, example)| (format!("{file} {place} {name}"), example["value"].clone()))
                .chain(
                    media
                        .get("example")
                        .map(|e| (format!("{file} {place}"), e.clone())),
                );
            for (place, json) in values {
                samples.push(Sample {
                    place,
                    key: key.clone(),
                    json,
                });
            }
        }
    }
    samples
}

/// The first spec example of `key` (a decoder key).
fn spec_example(key: &str) -> Value {
    spec_samples()
        .into_iter()
        .find(|sample| sample.key == key)
        .unwrap_or_else(|| panic!("no example of {key}"))
        .json
}

/// Bodies the facade itself produces or the tests use, for the types the spec examples miss.
fn facade_samples() -> Vec<Sample> {
    let sample = |place: &str, key: &str, json: Value| Sample {
        place: place.to_owned(),
        key: key.to_owned(),
        json,
    };
    let application = spec_example("pingone-platform.yaml#Application");
    let provider = spec_example("pingone-platform.yaml#IdentityProvider");
    let profile = spec_example("auth0-connection-profiles.yaml#ConnectionProfile");
    let update = spec_example("auth0-connection-profiles.yaml#ConnectionProfileUpdate");
    let links = json!({
        "self": {"href": "https://api.pingone.com/v1/page"},
        "next": {"href": "https://api.pingone.com/v1/page?cursor=2"},
    });
    let oidc_provider = OidcIdentityProvider::new("Corporate OIDC")
        .issuer("https://login.corp.example")
        .authorization_endpoint("https://login.corp.example/authorize")
        .token_endpoint("https://login.corp.example/token")
        .jwks_endpoint("https://login.corp.example/jwks")
        .client("corp-client", "corp-secret")
        .scopes(["openid", "email"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap();
    let saml_provider = SamlIdentityProvider::new("Partner SAML")
        .idp_entity_id("idp-1")
        .sp_entity_id("sp-1")
        .sso_endpoint("https://idp.example.com/sso", SamlBinding::HttpPost)
        .verification_certificates([Uuid::from_u128(1)])
        .build()
        .unwrap();
    let saml_application = SamlApplication::new("Payroll")
        .acs_urls(["https://payroll.example.com/saml/acs"])
        .assertion_duration(60)
        .sp_entity_id("https://payroll.example.com")
        .build()
        .unwrap();
    let oidc_application = OidcApplication::new("Portal", ApplicationType::WebApp)
        .grant_types([GrantType::AuthorizationCode])
        .redirect_uris(["https://portal.example.com/callback"])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap();
    let social = json!({"name": "Google", "type": "GOOGLE", "enabled": true,
        "clientId": "social-client", "clientSecret": "social-secret"});
    let unknown = json!({"name": "Okta", "type": "OKTA", "enabled": true, "password": "pw"});
    vec![
        sample(
            "tests/common example_item list",
            "pingone-saas-connections.yaml#CustomerConnectionList",
            json!([
                common::saas::example_item("connectionsStatus", "ACTIVE"),
                common::saas::example_item("status", "INACTIVE"),
            ]),
        ),
        sample(
            "tests/common example_item",
            "pingone-saas-connections.yaml#CustomerConnection",
            common::saas::example_item("status", "ACTIVE"),
        ),
        sample(
            "SaaS error text",
            "pingone-saas-connections.yaml#ErrorMessage",
            json!("Connection already exists"),
        ),
        sample(
            "built OIDC application",
            "pingone-platform.yaml#Application",
            serde_json::to_value(&oidc_application).unwrap(),
        ),
        sample(
            "built SAML application",
            "pingone-platform.yaml#Application",
            serde_json::to_value(&saml_application).unwrap(),
        ),
        sample(
            "unknown application protocol",
            "pingone-platform.yaml#Application",
            json!({"name": "WS-Fed", "protocol": "WS_FED", "type": "WEB_APP", "enabled": true}),
        ),
        sample(
            "built OIDC identity provider",
            "pingone-platform.yaml#IdentityProvider",
            serde_json::to_value(&oidc_provider).unwrap(),
        ),
        sample(
            "built SAML identity provider",
            "pingone-platform.yaml#IdentityProvider",
            serde_json::to_value(&saml_provider).unwrap(),
        ),
        sample(
            "social identity provider",
            "pingone-platform.yaml#IdentityProvider",
            social.clone(),
        ),
        sample(
            "unknown identity provider type",
            "pingone-platform.yaml#IdentityProvider",
            unknown.clone(),
        ),
        sample(
            "identity provider page",
            "pingone-platform.yaml#IdentityProviderPage",
            json!({"_links": links, "_embedded": {"identityProviders": [
                provider, serde_json::to_value(&oidc_provider).unwrap(), social, unknown,
            ]}, "size": 4, "count": 4}),
        ),
        sample(
            "application page of the GET example",
            "pingone-platform.yaml#ApplicationPage",
            json!({"_links": links, "_embedded": {"applications": [application]}, "size": 1}),
        ),
        sample(
            "resource grant",
            "pingone-platform.yaml#ApplicationResourceGrant",
            json!({"id": Uuid::from_u128(3), "resource": {"id": Uuid::from_u128(4)},
                "scopes": [{"id": Uuid::from_u128(5)}]}),
        ),
        sample(
            "resource grant page",
            "pingone-platform.yaml#ApplicationResourceGrantPage",
            json!({"_links": links, "_embedded": {"grants": [{"id": Uuid::from_u128(3),
                "resource": {"id": Uuid::from_u128(4)}, "scopes": [{"id": Uuid::from_u128(5)}]}]}}),
        ),
        sample(
            "secret with previous",
            "pingone-platform.yaml#ApplicationSecret",
            json!({"secret": "current", "previous": {"secret": "old",
                "expiresAt": "2030-01-02T03:04:05Z", "lastUsed": "2024-05-01T10:00:00Z"}}),
        ),
        sample(
            "PingOne error",
            "pingone-platform.yaml#PingOneError",
            json!({"id": "e1", "code": "INVALID_DATA", "message": "bad",
                "details": [{"code": "INVALID_VALUE", "target": "name", "message": "too long"}]}),
        ),
        sample(
            "profile page",
            "auth0-connection-profiles.yaml#ConnectionProfileList",
            json!({"connection_profiles": [profile.clone(), {"id": "cp_2", "name": "Two"}],
                "next": "checkpoint-2"}),
        ),
        sample(
            "profile create",
            "auth0-connection-profiles.yaml#ConnectionProfileCreate",
            json!({"name": "Partner SSO", "connection_name_prefix_template": "{org_name}-sso",
                "enabled_features": ["scim"]}),
        ),
        sample(
            "template",
            "auth0-connection-profiles.yaml#ConnectionProfileTemplate",
            json!({"id": "tpl_1", "display_name": "Okta", "template": update.clone()}),
        ),
        sample(
            "template list",
            "auth0-connection-profiles.yaml#ConnectionProfileTemplateList",
            json!({"connection_profile_templates": [
                {"id": "tpl_1", "display_name": "Okta", "template": update},
            ]}),
        ),
        sample(
            "Auth0 error",
            "auth0-connection-profiles.yaml#Auth0Error",
            json!({"statusCode": 409, "error": "Conflict", "message": "exists",
                "errorCode": "conflict"}),
        ),
    ]
}

/// A deterministic pseudo-random generator (SplitMix64), so every run fuzzes the same bodies.
struct Rng(u64);

impl Rng {
    /// The next 64 random bits.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A random byte.
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// Cut points of a body of `len` bytes: all of them, or ~50 spread over long bodies.
fn cut_points(len: usize) -> Vec<usize> {
    if len <= 1024 {
        (0..len).collect()
    } else {
        let mut cuts: Vec<usize> = (0..48).map(|i| i * len / 48).collect();
        cuts.extend([1, 2, len / 2 + 1, len - 2, len - 1]);
        cuts
    }
}

/// Tokens that make random bodies look like JSON, so they get past the first byte.
const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "-0.0",
    "18446744073709551616",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"é\"",
    "\"name\"",
    "\"id\"",
    "\"protocol\"",
    "\"type\"",
    "\"SAML\"",
    "\"OPENID_CONNECT\"",
    "\"GOOGLE\"",
    "\"_embedded\"",
    "\"applications\"",
    "\"identityProviders\"",
    "\"secret\"",
    "\"previous\"",
    "\"connection_profiles\"",
    "\"enabled\"",
    "\"createdAt\"",
    "\"2024-05-01T10:00:00Z\"",
    "\"6964005a-6270-4a88-9ddc-0e6a4e05e51d\"",
    " ",
    "\n",
];

/// Feeds `body` (truncated, flipped, and random) to `decode`; panics propagate as failures.
fn fuzz_decoder(rng: &mut Rng, key: &str, body: &[u8], decode: Decoder) -> usize {
    let mut fed = 0;
    let mut feed = |bytes: &[u8]| {
        decode(bytes);
        fed += 1;
    };
    for cut in cut_points(body.len()) {
        feed(&body[..cut]);
    }
    for _ in 0..64 {
        let mut bytes = body.to_vec();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(4) {
                0 => bytes[at] ^= 1 << rng.below(8),
                1 => bytes[at] = rng.byte(),
                2 => bytes.insert(at, rng.byte()),
                _ => {
                    bytes.remove(at);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        feed(&bytes);
    }
    for _ in 0..64 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        feed(&bytes);
        let tokens: String = (0..rng.below(40))
            .map(|_| JSON_TOKENS[rng.below(JSON_TOKENS.len())])
            .collect();
        feed(tokens.as_bytes());
    }
    assert!(fed > 0, "{key}");
    fed
}

#[test]
fn truncated_garbled_and_random_bodies_never_panic_any_decoder() {
    let specs = spec_samples();
    assert!(
        specs.len() >= 15,
        "only {} spec examples found",
        specs.len()
    );
    let samples: Vec<Sample> = specs.into_iter().chain(facade_samples()).collect();
    let mut rng = Rng(0x5EED_F00D_F022);
    let mut keys = std::collections::BTreeSet::new();
    let mut fed = 0;
    for sample in &samples {
        let decode = decoder(&sample.key)
            .unwrap_or_else(|| panic!("{}: no Rust type mapped for {}", sample.place, sample.key));
        let body = serde_json::to_vec(&sample.json).unwrap();
        assert!(
            decode(&body),
            "{}: the valid body does not decode as {}",
            sample.place,
            sample.key
        );
        let pretty = serde_json::to_vec_pretty(&sample.json).unwrap();
        assert!(decode(&pretty), "{}: pretty body", sample.place);
        fed += fuzz_decoder(&mut rng, &sample.key, &body, decode);
        keys.insert(sample.key.clone());
    }
    // The decode paths of every facade read: lists, single resources, secrets, errors.
    for key in [
        "pingone-saas-connections.yaml#CustomerConnectionList",
        "pingone-platform.yaml#Application",
        "pingone-platform.yaml#ApplicationPage",
        "pingone-platform.yaml#IdentityProvider",
        "pingone-platform.yaml#IdentityProviderPage",
        "pingone-platform.yaml#ApplicationSecret",
        "auth0-connection-profiles.yaml#ConnectionProfile",
        "auth0-connection-profiles.yaml#ConnectionProfileList",
        "auth0-connection-profiles.yaml#ConnectionProfileTemplateList",
    ] {
        assert!(keys.contains(key), "no sample decoded as {key}");
    }
    eprintln!("{} valid bodies, {fed} bodies fed", samples.len());
    assert!(fed > 10_000, "only {fed} bodies fed");
}

// ---------------------------------------------------------------- decoding: end to end

/// Which facade call reads a body: the three `get`s, and the first page of two `list`s.
#[derive(Clone, Copy, Debug)]
enum Reader {
    Saas,
    PingOne,
    Auth0,
    PingOneList,
    Auth0List,
}

impl Reader {
    /// Calls the facade's `get` against `server`; Ok is reduced to its Debug text.
    async fn get(self, server: &MockServer) -> Result<String, Error> {
        let id = Uuid::from_u128(0x7ce8_3e9d);
        match self {
            Reader::Saas => {
                let client = SaasClient::builder("robust-client", "robust-secret")
                    .base_url(server.base_url())
                    .build()?;
                let idp = IdpId::new("exampleIdp.com")?;
                client
                    .connections()
                    .get(&idp)
                    .await
                    .map(|v| format!("{v:?}"))
            }
            Reader::PingOne => {
                let client = PingOneClient::bearer("robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let applications = client.environment(id).applications();
                applications.get(id).await.map(|v| format!("{v:?}"))
            }
            Reader::Auth0 => {
                let client = Auth0Client::token("acme.us.auth0.com", "robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let profiles = client.connection_profiles();
                profiles.get("cp_1").await.map(|v| format!("{v:?}"))
            }
            Reader::PingOneList => {
                let client = PingOneClient::bearer("robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let applications = client.environment(id).applications();
                let listed: Vec<_> = applications.list().try_collect().await?;
                Ok(format!("{listed:?}"))
            }
            Reader::Auth0List => {
                let client = Auth0Client::token("acme.us.auth0.com", "robust-token")
                    .base_url(server.base_url())
                    .build()?;
                let listed: Vec<_> = client.connection_profiles().list().try_collect().await?;
                Ok(format!("{listed:?}"))
            }
        }
    }
}

/// The facade's answer to a `200` with exactly `body`.
async fn answer_to(reader: Reader, server: &MockServer, body: &[u8]) -> Result<String, Error> {
    let mock = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    let answer = reader.get(server).await;
    mock.assert_async().await;
    mock.delete_async().await;
    answer
}

/// `answer` is a Decode error whose snippet is non-empty, bounded, and the start of `body`.
fn assert_bounded_decode_error(answer: &Result<String, Error>, body: &[u8], what: &str) {
    let Err(Error::Decode(decode)) = answer else {
        panic!("{what}: expected Decode, got {answer:?}");
    };
    assert!(!decode.body.is_empty(), "{what}: empty snippet");
    assert!(
        decode.body.len() <= BODY_SNIPPET_LIMIT,
        "{what}: snippet of {} bytes",
        decode.body.len()
    );
    let sent = String::from_utf8_lossy(body);
    let shown = decode.body.trim_end_matches('\u{fffd}');
    assert!(
        sent.starts_with(shown),
        "{what}: snippet is not the body's start"
    );
    let err = answer.as_ref().unwrap_err();
    assert!(!err.to_string().is_empty() && !format!("{err:?}").is_empty());
}

/// Valid answers of every reader, compact. The pages have no next link (one request each).
fn valid_answers() -> Vec<(Reader, Vec<u8>)> {
    let compact = |key: &str| serde_json::to_vec(&spec_example(key)).unwrap();
    let mut page = spec_example("pingone-platform.yaml#ApplicationPage");
    page.as_object_mut().unwrap().remove("_links");
    let profiles = json!({
        "connection_profiles": [spec_example("auth0-connection-profiles.yaml#ConnectionProfile")],
    });
    vec![
        (
            Reader::Saas,
            compact("pingone-saas-connections.yaml#CustomerConnectionList"),
        ),
        (
            Reader::PingOne,
            compact("pingone-platform.yaml#Application"),
        ),
        (
            Reader::Auth0,
            compact("auth0-connection-profiles.yaml#ConnectionProfile"),
        ),
        (Reader::PingOneList, serde_json::to_vec(&page).unwrap()),
        (Reader::Auth0List, serde_json::to_vec(&profiles).unwrap()),
    ]
}

#[tokio::test]
async fn a_truncated_answer_to_get_or_list_is_a_bounded_decode_error() {
    let server = MockServer::start_async().await;
    for (reader, body) in valid_answers() {
        assert!(
            answer_to(reader, &server, &body).await.is_ok(),
            "{reader:?}: the whole body must decode"
        );
        let mut cuts: Vec<usize> = (1..body.len()).step_by(body.len() / 40 + 1).collect();
        cuts.extend([1, body.len() / 2, body.len() - 1]);
        for cut in cuts {
            let prefix = &body[..cut];
            let answer = answer_to(reader, &server, prefix).await;
            assert_bounded_decode_error(&answer, prefix, &format!("{reader:?} cut at {cut}"));
        }
    }
}

#[tokio::test]
async fn a_long_truncated_answer_keeps_at_most_the_snippet_limit() {
    let server = MockServer::start_async().await;
    let item = common::saas::example_item("status", "ACTIVE");
    let long_list = serde_json::to_vec(&Value::Array(vec![item; 40])).unwrap();
    let application = spec_example("pingone-platform.yaml#Application");
    let long_app = serde_json::to_vec(&json!({
        "name": "Long", "protocol": "OPENID_CONNECT", "type": "WORKER", "enabled": true,
        "description": "x".repeat(3 * BODY_SNIPPET_LIMIT), "copy": application,
    }))
    .unwrap();
    let long_profile = serde_json::to_vec(&json!({
        "id": "cp_1", "name": "Long", "connection_config": {"note": "y".repeat(3 * BODY_SNIPPET_LIMIT)},
    }))
    .unwrap();
    for (reader, body) in [
        (Reader::Saas, long_list),
        (Reader::PingOne, long_app),
        (Reader::Auth0, long_profile),
    ] {
        assert!(body.len() > 2 * BODY_SNIPPET_LIMIT);
        for cut in [
            BODY_SNIPPET_LIMIT - 1,
            BODY_SNIPPET_LIMIT,
            BODY_SNIPPET_LIMIT + 1,
            body.len() - 1,
        ] {
            let prefix = &body[..cut];
            let answer = answer_to(reader, &server, prefix).await;
            assert_bounded_decode_error(&answer, prefix, &format!("{reader:?} cut at {cut}"));
        }
    }
}

#[tokio::test]
async fn a_non_utf8_or_multibyte_answer_keeps_at_most_the_snippet_limit() {
    let server = MockServer::start_async().await;
    // 4095 ASCII bytes then 'é': the cut at 4096 splits the character.
    let mut split = b"[\"".to_vec();
    split.resize(BODY_SNIPPET_LIMIT - 1, b'a');
    split.extend("éééé".as_bytes());
    // Bytes that are not UTF-8 at all.
    let invalid = vec![0xFF; 2 * BODY_SNIPPET_LIMIT];
    for reader in [
        Reader::Saas,
        Reader::PingOne,
        Reader::Auth0,
        Reader::PingOneList,
        Reader::Auth0List,
    ] {
        for (what, body) in [("split character", &split), ("not UTF-8", &invalid)] {
            let answer = answer_to(reader, &server, body).await;
            assert_bounded_decode_error(&answer, body, &format!("{reader:?} {what}"));
        }
    }
}
