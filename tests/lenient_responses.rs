//! Reading is lenient (`openapi/README.md`, "Reading is lenient, sending is strict"): no
//! response schema of any spec carries a request-side limit, and every facade read decodes
//! values that break those limits and keeps them exactly. `tests/strict_requests.rs` checks
//! that the limits are still enforced before a request is sent.

mod common;

use std::collections::BTreeMap;

use futures::future::BoxFuture;
use futures::{FutureExt as _, StreamExt as _, TryStreamExt as _};
use httpmock::MockServer;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};
use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
use sso_connections::pingone::{Application, PingOneClient, SignOnPolicyAssignment};
use sso_connections::saas::SaasClient;

use common::pingone::{minimal_oidc_answer, minimal_oidc_application, APP, ENV};
use common::{entries, uuid};

/// Keywords that limit a value beyond its JSON type.
const LIMIT_KEYWORDS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

// ---------------------------------------------------------------- walking a spec

/// The component schema a `$ref` names.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(target) => {
            let name = target.trim_start_matches("#/components/schemas/");
            &spec["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// Calls `visit(path, schema)` for `schema` and everything reachable from it. `path` holds
/// property names, `*` for array items. A schema already on the way is not entered again.
fn walk<'a>(
    spec: &'a Value,
    schema: &'a Value,
    path: &mut Vec<String>,
    on_the_way: &mut Vec<String>,
    visit: &mut dyn FnMut(&[String], &'a Value),
) {
    if let Some(target) = schema["$ref"].as_str() {
        if on_the_way.iter().any(|seen| seen == target) {
            return;
        }
        on_the_way.push(target.to_owned());
        walk(spec, resolve(spec, schema), path, on_the_way, visit);
        on_the_way.pop();
        return;
    }
    visit(path, schema);
    for (name, property) in entries(&schema["properties"]) {
        path.push(name.clone());
        walk(spec, property, path, on_the_way, visit);
        path.pop();
    }
    if let Some(items) = schema.get("items") {
        path.push("*".into());
        walk(spec, items, path, on_the_way, visit);
        path.pop();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for member in schema[key].as_array().into_iter().flatten() {
            walk(spec, member, path, on_the_way, visit);
        }
    }
}

/// The JSON schemas of every 2xx answer, with the operation that gives it and the status.
fn success_schemas(spec: &Value) -> Vec<(String, u16, &Value)> {
    let mut found = Vec::new();
    for (_, item) in entries(&spec["paths"]) {
        for (_, operation) in entries(item) {
            for (status, response) in entries(&operation["responses"]) {
                let response = resolve_response(spec, response);
                if let (true, Some(schema)) = (
                    status.starts_with('2'),
                    response["content"]["application/json"].get("schema"),
                ) {
                    let id = operation["operationId"].as_str().unwrap_or_default();
                    found.push((id.to_owned(), status.parse().unwrap(), schema));
                }
            }
        }
    }
    found
}

/// The component response a `$ref` names, or `response` itself.
fn resolve_response<'a>(spec: &'a Value, response: &'a Value) -> &'a Value {
    match response["$ref"].as_str() {
        Some(target) => {
            let name = target.trim_start_matches("#/components/responses/");
            &spec["components"]["responses"][name]
        }
        None => response,
    }
}

/// Every schema an answer can reach, error bodies included.
fn response_schemas(spec: &Value) -> Vec<(String, &Value)> {
    let mut found = Vec::new();
    for (place, media) in common::media_objects(spec) {
        if place.contains(" request ") {
            continue;
        }
        if let Some(schema) = spec_media_schema(spec, &media) {
            found.push((place, schema));
        }
    }
    found
}

/// The schema of a media object, as a reference into `spec` (`media_objects` returns copies).
fn spec_media_schema<'a>(spec: &'a Value, media: &Value) -> Option<&'a Value> {
    let target = media["schema"]["$ref"].as_str()?;
    let name = target.trim_start_matches("#/components/schemas/");
    spec["components"]["schemas"].get(name)
}

/// The limits a client must respect, by property name: the standard keywords of every schema
/// reachable from a request body or a parameter, and every `x-request-limits`.
fn request_limits(spec: &Value) -> BTreeMap<String, Map<String, Value>> {
    let mut limits: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut add = |name: &str, schema: &Value| {
        let entry = limits.entry(name.to_owned()).or_default();
        for keyword in LIMIT_KEYWORDS {
            if let Some(value) = schema.get(*keyword) {
                entry.insert((*keyword).to_owned(), value.clone());
            }
        }
        for (keyword, value) in entries(&schema["x-request-limits"]) {
            entry.insert(keyword.clone(), value.clone());
        }
    };
    let mut roots: Vec<(String, &Value)> = Vec::new();
    for (_, item) in entries(&spec["paths"]) {
        for (key, operation) in entries(item) {
            let parameters = if key == "parameters" {
                operation.as_array()
            } else {
                operation["parameters"].as_array()
            };
            for parameter in parameters.into_iter().flatten() {
                let parameter = match parameter["$ref"].as_str() {
                    Some(target) => {
                        let name = target.trim_start_matches("#/components/parameters/");
                        &spec["components"]["parameters"][name]
                    }
                    None => parameter,
                };
                let name = parameter["name"].as_str().unwrap_or_default().to_owned();
                roots.push((name, &parameter["schema"]));
            }
            for (_, media) in entries(&operation["requestBody"]["content"]) {
                roots.push((String::new(), &media["schema"]));
            }
        }
    }
    for (root_name, root) in roots {
        walk(
            spec,
            root,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut |path, schema| {
                let name = path.iter().rev().find(|step| *step != "*");
                add(name.map_or(root_name.as_str(), String::as_str), schema);
            },
        );
    }
    let mut every_schema = Vec::new();
    for (_, schema) in entries(&spec["components"]["schemas"]) {
        walk(
            spec,
            schema,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut |path, schema| {
                if schema.get("x-request-limits").is_some() {
                    every_schema.push((path.last().cloned().unwrap_or_default(), schema));
                }
            },
        );
    }
    for (name, schema) in every_schema {
        add(&name, schema);
    }
    limits.retain(|_, keywords| !keywords.is_empty());
    limits
}

// ---------------------------------------------------------------- the rule, on every spec

#[test]
fn no_response_schema_carries_a_request_limit() {
    let mut checked = 0;
    for (file, spec) in common::specs() {
        for (place, root) in response_schemas(&spec) {
            walk(
                &spec,
                root,
                &mut Vec::new(),
                &mut Vec::new(),
                &mut |path, schema| {
                    checked += 1;
                    for keyword in LIMIT_KEYWORDS {
                        assert!(
                        schema.get(*keyword).is_none(),
                        "{file}: {place} reaches `{}` with `{keyword}`; request limits belong in \
                         request schemas or `x-request-limits`",
                        path.join(".")
                    );
                    }
                },
            );
        }
    }
    assert!(checked > 200, "only {checked} schemas were looked at");
}

#[test]
fn request_limits_are_found_where_the_specs_put_them() {
    let specs: BTreeMap<_, _> = common::specs().into_iter().collect();
    let names = |file: &str| -> Vec<String> { request_limits(&specs[file]).into_keys().collect() };
    assert_eq!(
        names("auth0-connection-profiles.yaml"),
        ["connection_name_prefix_template", "name", "take"]
    );
    assert_eq!(
        names("pingone-platform.yaml"),
        [
            "acsUrls",
            "devicePollingInterval",
            "deviceTimeout",
            "origins",
            "parTimeout",
            "priority",
            "refreshTokenDuration",
            "refreshTokenRollingDuration",
            "refreshTokenRollingGracePeriodDuration",
        ]
    );
    assert_eq!(
        names("pingone-saas-connections.yaml"),
        [
            "applications",
            "entityId",
            "idpId",
            "signingCertificateData"
        ]
    );
}

// ---------------------------------------------------------------- values that break a limit

/// Values of the field's JSON type that break at least one of its request limits, or (for a
/// pattern, whose language this test does not interpret) any string at all.
fn breaking(keywords: &Map<String, Value>) -> BoxedStrategy<Value> {
    let number = |key: &str| keywords.get(key).and_then(Value::as_i64);
    let mut options: Vec<BoxedStrategy<Value>> = Vec::new();
    if let Some(low) = number("minimum") {
        options.push((i64::from(i32::MIN)..low).prop_map(Value::from).boxed());
    }
    if let Some(high) = number("maximum").filter(|high| *high < i64::from(i32::MAX)) {
        options.push(
            (high + 1..=i64::from(i32::MAX))
                .prop_map(Value::from)
                .boxed(),
        );
    }
    let item = || "[a-z]{1,8}".prop_map(Value::from);
    if let Some(low) = number("minItems") {
        options.push(
            proptest::collection::vec(item(), 0..low as usize)
                .prop_map(Value::from)
                .boxed(),
        );
    }
    if let Some(high) = number("maxItems") {
        let high = high as usize;
        options.push(
            proptest::collection::vec(item(), high + 1..high + 12)
                .prop_map(Value::from)
                .boxed(),
        );
    }
    if keywords.get("uniqueItems") == Some(&Value::Bool(true)) {
        options.push("[a-z]{1,8}".prop_map(|item| json!([item, item])).boxed());
    }
    if let Some(low) = number("minLength") {
        let low = low as usize;
        options.push(
            proptest::collection::vec(any::<char>(), 0..low)
                .prop_map(|c| Value::from(c.into_iter().collect::<String>()))
                .boxed(),
        );
    }
    if let Some(high) = number("maxLength") {
        let high = high as usize;
        options.push(
            proptest::collection::vec(any::<char>(), high + 1..high + 64)
                .prop_map(|c| Value::from(c.into_iter().collect::<String>()))
                .boxed(),
        );
    }
    if keywords.contains_key("pattern") {
        options.push(
            prop_oneof![
                Just("-starts-with-a-hyphen".to_owned()),
                Just("two--hyphens".to_owned()),
                any::<String>()
            ]
            .prop_map(Value::from)
            .boxed(),
        );
    }
    assert!(!options.is_empty(), "no breaking value for {keywords:?}");
    proptest::strategy::Union::new(options).boxed()
}

/// Every place a response schema holds a field with request limits: (path, keywords). Where
/// a `oneOf` has a discriminator, only the variant `body` selects is entered.
fn limited_fields(
    spec: &Value,
    schema: &Value,
    body: &Value,
    limits: &BTreeMap<String, Map<String, Value>>,
) -> Vec<(Vec<String>, Map<String, Value>)> {
    let mut found = Vec::new();
    collect_limited(spec, schema, body, &mut Vec::new(), limits, &mut found);
    found
}

/// The walk of [`limited_fields`]: `path` leads to `schema` and its part `body` of the answer.
fn collect_limited(
    spec: &Value,
    schema: &Value,
    body: &Value,
    path: &mut Vec<String>,
    limits: &BTreeMap<String, Map<String, Value>>,
    found: &mut Vec<(Vec<String>, Map<String, Value>)>,
) {
    let schema = resolve(spec, schema);
    if let Some(name) = path.last().filter(|step| *step != "*") {
        if let Some(keywords) = limits.get(name) {
            found.push((path.clone(), keywords.clone()));
        }
    }
    for (name, property) in entries(&schema["properties"]) {
        path.push(name.clone());
        collect_limited(spec, property, &body[name.as_str()], path, limits, found);
        path.pop();
    }
    if let Some(items) = schema.get("items") {
        path.push("*".into());
        collect_limited(spec, items, &body[0], path, limits, found);
        path.pop();
    }
    let tag = schema["discriminator"]["propertyName"].as_str();
    for member in schema["oneOf"].as_array().into_iter().flatten() {
        let chosen = match tag {
            Some(tag) => {
                let mapping = &schema["discriminator"]["mapping"];
                mapping[body[tag].as_str().unwrap_or_default()] == member["$ref"]
            }
            None => true,
        };
        if chosen {
            collect_limited(spec, member, body, path, limits, found);
        }
    }
}

/// `body` with `value` written at `path` (every item of an array where the path says `*`;
/// missing objects on the way are created).
fn put(body: &mut Value, path: &[String], value: &Value) {
    match path.split_first() {
        None => *body = value.clone(),
        Some((step, rest)) if step == "*" => {
            for item in body.as_array_mut().into_iter().flatten() {
                put(item, rest, value);
            }
        }
        Some((step, rest)) => {
            if !body.is_object() {
                *body = json!({});
            }
            put(
                body.as_object_mut()
                    .unwrap()
                    .entry(step.clone())
                    .or_insert(Value::Null),
                rest,
                value,
            );
        }
    }
}

/// The values at `path` (one per array item where the path says `*`).
fn values_at<'a>(body: &'a Value, path: &[String]) -> Vec<&'a Value> {
    match path.split_first() {
        None => vec![body],
        Some((step, rest)) if step == "*" => body
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|item| values_at(item, rest))
            .collect(),
        Some((step, rest)) => values_at(&body[step.as_str()], rest),
    }
}

// ---------------------------------------------------------------- driving the facades

/// A facade read: the operation whose answer it decodes, a valid answer to start from, and
/// the call, returning what the facade decoded as JSON (in the answer's own shape).
struct Read<C> {
    operation: &'static str,
    answer: Value,
    call: fn(&C) -> BoxFuture<'_, sso_connections::Result<Value>>,
}

/// A decoded value as JSON again.
fn to_json<T: serde::Serialize>(value: T) -> sso_connections::Result<Value> {
    Ok(serde_json::to_value(value).expect("decoded types serialise"))
}

/// For every read: every field of the answer with request limits gets values that break them,
/// the facade decodes the answer, and keeps each of those values exactly. Every operation whose
/// answer reaches such a field must be among `reads`.
fn reads_keep_values_outside_the_request_limits<C>(
    file: &str,
    client: impl Fn(&MockServer) -> C,
    reads: &[Read<C>],
) {
    let spec = common::spec(file);
    let limits = request_limits(&spec);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = MockServer::start();
    let client = client(&server);
    let schemas = success_schemas(&spec);
    for (operation, _, schema) in &schemas {
        let fields = limited_fields(&spec, schema, &Value::Null, &limits);
        let driven = reads
            .iter()
            .any(|read| read.operation == operation.as_str());
        assert!(
            fields.is_empty() || driven,
            "{file}: {operation} answers with limited fields {fields:?} but no read drives it"
        );
    }
    for read in reads {
        let (_, status, schema) = schemas
            .iter()
            .find(|(operation, _, _)| operation == read.operation)
            .unwrap_or_else(|| panic!("{file}: no JSON answer for {}", read.operation));
        let fields = limited_fields(&spec, schema, &read.answer, &limits);
        assert!(
            !fields.is_empty(),
            "{file}: {} reaches no limited field",
            read.operation
        );
        let strategy: Vec<BoxedStrategy<Value>> = fields
            .iter()
            .map(|(_, keywords)| breaking(keywords))
            .collect();
        let mut runner = TestRunner::new(Config {
            cases: 48,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy, |values| {
                let mut answer = read.answer.clone();
                for ((path, _), value) in fields.iter().zip(&values) {
                    put(&mut answer, path, value);
                }
                let mut mock = server.mock(|when, then| {
                    when.any_request();
                    then.status(*status)
                        .header("content-type", "application/json")
                        .json_body(answer.clone());
                });
                let decoded = runtime.block_on((read.call)(&client));
                mock.delete();
                let decoded = decoded.map_err(|e| {
                    TestCaseError::fail(format!("{}: {e} for {answer}", read.operation))
                })?;
                for ((path, _), value) in fields.iter().zip(&values) {
                    for kept in values_at(&decoded, path) {
                        prop_assert_eq!(kept, value, "{} at {}", read.operation, path.join("."));
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}

// ---------------------------------------------------------------- the three APIs

const POLICY: &str = "42077bdc-ce61-4005-950b-4d5a1670db8b";

#[test]
fn saas_reads_keep_values_outside_the_request_limits() {
    /// The connections of an `idpId`, as the answer's JSON.
    fn connections(client: &SaasClient) -> BoxFuture<'_, sso_connections::Result<Value>> {
        async move {
            let found = client.connections().get(&common::saas::idp("acme")).await?;
            let items: Vec<Value> = found
                .into_iter()
                .map(|c| json!({ "idpId": c.idp_id, "entityId": c.entity_id, "email": c.email }))
                .collect();
            Ok(Value::from(items))
        }
        .boxed()
    }
    reads_keep_values_outside_the_request_limits(
        "pingone-saas-connections.yaml",
        common::saas::client,
        &[Read {
            operation: "getCustomerConnections",
            answer: json!([common::saas::example_item("connectionsStatus", "Active")]),
            call: connections,
        }],
    );
}

/// A stored SAML application with few fields, among them ACS URLs (a field with request
/// limits).
fn saml_answer() -> Value {
    json!({
        "id": APP, "name": "Payroll", "enabled": true, "type": "WEB_APP", "protocol": "SAML",
        "acsUrls": ["https://payroll.example.com/acs"], "assertionDuration": 60,
        "spEntityId": "https://payroll.example.com",
    })
}

/// A stored sign-on policy assignment (its priority has request limits).
fn assignment_answer() -> Value {
    json!({ "id": APP, "signOnPolicy": { "id": POLICY }, "priority": 1 })
}

/// A PingOne page holding `item` under `_embedded.<key>`.
fn pingone_page(key: &str, item: Value) -> Value {
    json!({ "_embedded": { key: [item] } })
}

#[test]
fn pingone_reads_keep_values_outside_the_request_limits() {
    type Call = fn(&PingOneClient) -> BoxFuture<'_, sso_connections::Result<Value>>;
    let list_apps: Call = |c| {
        async move {
            let apps: Vec<Application> = c
                .environment(uuid(ENV))
                .applications()
                .list()
                .take(1)
                .try_collect()
                .await?;
            Ok(pingone_page("applications", to_json(&apps[0])?))
        }
        .boxed()
    };
    let get_app: Call = |c| {
        async move {
            to_json(
                c.environment(uuid(ENV))
                    .applications()
                    .get(uuid(APP))
                    .await?,
            )
        }
        .boxed()
    };
    let create_app: Call = |c| {
        async move {
            to_json(
                c.environment(uuid(ENV))
                    .applications()
                    .create(&minimal_oidc_application())
                    .await?,
            )
        }
        .boxed()
    };
    let replace_app: Call = |c| {
        async move {
            to_json(
                c.environment(uuid(ENV))
                    .applications()
                    .replace(uuid(APP), &minimal_oidc_application())
                    .await?,
            )
        }
        .boxed()
    };
    let list_assignments: Call = |c| {
        async move {
            let found: Vec<_> = c
                .environment(uuid(ENV))
                .application(uuid(APP))
                .sign_on_policy_assignments()
                .list()
                .take(1)
                .try_collect()
                .await?;
            Ok(pingone_page("signOnPolicyAssignments", to_json(&found[0])?))
        }
        .boxed()
    };
    let get_assignment: Call = |c| {
        async move {
            to_json(
                c.environment(uuid(ENV))
                    .application(uuid(APP))
                    .sign_on_policy_assignments()
                    .get(uuid(APP))
                    .await?,
            )
        }
        .boxed()
    };
    let create_assignment: Call = |c| {
        async move {
            to_json(
                c.environment(uuid(ENV))
                    .application(uuid(APP))
                    .sign_on_policy_assignments()
                    .create(&SignOnPolicyAssignment::new(uuid(POLICY), 1).unwrap())
                    .await?,
            )
        }
        .boxed()
    };
    let replace_assignment: Call = |c| {
        async move {
            to_json(
                c.environment(uuid(ENV))
                    .application(uuid(APP))
                    .sign_on_policy_assignments()
                    .replace(
                        uuid(APP),
                        &SignOnPolicyAssignment::new(uuid(POLICY), 1).unwrap(),
                    )
                    .await?,
            )
        }
        .boxed()
    };
    let mut reads = Vec::new();
    for answer in [minimal_oidc_answer(), saml_answer()] {
        reads.push(Read {
            operation: "listApplications",
            answer: pingone_page("applications", answer.clone()),
            call: list_apps,
        });
        reads.push(Read {
            operation: "getApplication",
            answer: answer.clone(),
            call: get_app,
        });
        reads.push(Read {
            operation: "createApplication",
            answer: answer.clone(),
            call: create_app,
        });
        reads.push(Read {
            operation: "updateApplication",
            answer,
            call: replace_app,
        });
    }
    reads.push(Read {
        operation: "listApplicationSignOnPolicyAssignments",
        answer: pingone_page("signOnPolicyAssignments", assignment_answer()),
        call: list_assignments,
    });
    reads.push(Read {
        operation: "getApplicationSignOnPolicyAssignment",
        answer: assignment_answer(),
        call: get_assignment,
    });
    reads.push(Read {
        operation: "createApplicationSignOnPolicyAssignment",
        answer: assignment_answer(),
        call: create_assignment,
    });
    reads.push(Read {
        operation: "updateApplicationSignOnPolicyAssignment",
        answer: assignment_answer(),
        call: replace_assignment,
    });
    reads_keep_values_outside_the_request_limits(
        "pingone-platform.yaml",
        common::pingone::client,
        &reads,
    );
}

/// A stored profile (its name and prefix template have request limits).
fn profile_answer() -> Value {
    json!({ "id": "cp_1", "name": "Partner SSO", "connection_name_prefix_template": "{org_id}" })
}

/// A template whose settings carry a name and a prefix template.
fn template_answer() -> Value {
    json!({ "id": "tpl_1", "display_name": "Okta", "template": { "name": "Okta SSO", "connection_name_prefix_template": "okta" } })
}

#[test]
fn auth0_reads_keep_values_outside_the_request_limits() {
    type Call = fn(&Auth0Client) -> BoxFuture<'_, sso_connections::Result<Value>>;
    let list: Call = |c| {
        async move {
            let found: Vec<_> = c.connection_profiles().list().take(1).try_collect().await?;
            Ok(json!({ "connection_profiles": found }))
        }
        .boxed()
    };
    let get: Call = |c| async move { to_json(c.connection_profiles().get("cp_1").await?) }.boxed();
    let create: Call = |c| {
        async move {
            to_json(
                c.connection_profiles()
                    .create(
                        &ConnectionProfileSettings::builder()
                            .name("Partner SSO")
                            .build()
                            .unwrap(),
                    )
                    .await?,
            )
        }
        .boxed()
    };
    let update: Call = |c| {
        async move {
            to_json(
                c.connection_profiles()
                    .update(
                        "cp_1",
                        &ConnectionProfileSettings::builder()
                            .name("Partner SSO")
                            .build()
                            .unwrap(),
                    )
                    .await?,
            )
        }
        .boxed()
    };
    let templates: Call = |c| {
        async move { Ok(json!({ "connection_profile_templates": c.connection_profiles().templates().await? })) }.boxed()
    };
    let template: Call =
        |c| async move { to_json(c.connection_profiles().template("tpl_1").await?) }.boxed();
    reads_keep_values_outside_the_request_limits(
        "auth0-connection-profiles.yaml",
        common::auth0::client,
        &[
            Read {
                operation: "listConnectionProfiles",
                answer: json!({ "connection_profiles": [profile_answer()] }),
                call: list,
            },
            Read {
                operation: "getConnectionProfile",
                answer: profile_answer(),
                call: get,
            },
            Read {
                operation: "createConnectionProfile",
                answer: profile_answer(),
                call: create,
            },
            Read {
                operation: "updateConnectionProfile",
                answer: profile_answer(),
                call: update,
            },
            Read {
                operation: "listConnectionProfileTemplates",
                answer: json!({ "connection_profile_templates": [template_answer()] }),
                call: templates,
            },
            Read {
                operation: "getConnectionProfileTemplate",
                answer: template_answer(),
                call: template,
            },
        ],
    );
}
