//! `pingone` and `auth0` commands against the simulator: resources the test creates through
//! the library are listed, shown and deleted through the binary; secrets they hold never
//! reach its output.

mod common;

use common::{json, json_lines, run, run_expecting, stderr, stdout, Sim, TestCert, ENVIRONMENT};
use sso_connections::pingone::{
    Application, ApplicationType, GrantType, IdentityProvider, IdpTokenEndpointAuthMethod,
    OidcApplication, OidcIdentityProvider, PingOneClient, SamlApplication, TokenEndpointAuthMethod,
};
use sso_connections::Uuid;

/// The secret of the OIDC identity provider the tests create.
const IDP_CLIENT_SECRET: &str = "idp-client-secret-never-printed";

fn client(sim: &Sim) -> PingOneClient {
    let s = &sim.simulator;
    let env: Uuid = ENVIRONMENT.parse().unwrap();
    PingOneClient::worker(env, s.worker_client_id(), s.worker_client_secret())
        .base_url(s.pingone_base_url())
        .token_url(s.pingone_token_url(env))
        .build()
        .unwrap()
}

fn oidc_app(name: &str) -> Application {
    OidcApplication::new(name, ApplicationType::WebApp)
        .grant_types([GrantType::AuthorizationCode])
        .redirect_uris(["https://app.example.com/callback"])
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .unwrap()
}

fn saml_app(name: &str) -> Application {
    SamlApplication::new(name)
        .acs_urls(["https://sp.example.com/acs"])
        .assertion_duration(60)
        .sp_entity_id(format!("https://sp.example.com/{name}"))
        .build()
        .unwrap()
}

fn oidc_idp(name: &str) -> IdentityProvider {
    OidcIdentityProvider::new(name)
        .issuer("https://login.acme.example")
        .authorization_endpoint("https://login.acme.example/authorize")
        .token_endpoint("https://login.acme.example/token")
        .jwks_endpoint("https://login.acme.example/keys")
        .client("pingone", IDP_CLIENT_SECRET)
        .scopes(["openid", "email"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretPost)
        .build()
        .unwrap()
}

#[test]
fn pingone_applications_list_get_delete() {
    let sim = Sim::start();
    let client = client(&sim);
    let env = ENVIRONMENT.parse().unwrap();
    let apps = client.environment(env).applications();
    let payroll = sim.block_on(apps.create(&saml_app("Payroll"))).unwrap();
    let portal = sim.block_on(apps.create(&oidc_app("Portal"))).unwrap();
    let payroll_id = payroll.id().unwrap().to_string();

    let list = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "pingone", "applications", "list"]),
        0,
    ));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let named = |name: &str| list.iter().find(|a| a["name"] == name).unwrap().clone();
    assert_eq!(named("Payroll")["id"], payroll_id);
    assert_eq!(named("Payroll")["protocol"], "SAML");
    assert_eq!(named("Portal")["id"], portal.id().unwrap().to_string());
    assert_eq!(named("Portal")["protocol"], "OPENID_CONNECT");

    let lines = json_lines(&run_expecting(
        sim.cli()
            .args(["-o", "ndjson", "pingone", "applications", "list"]),
        0,
    ));
    assert_eq!(lines.len(), 2);
    let table = stdout(&run_expecting(
        sim.cli().args(["pingone", "applications", "list"]),
        0,
    ));
    assert!(table.starts_with("ID "), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.contains(&payroll_id) && l.contains("SAML")),
        "{table}"
    );

    let one = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "pingone", "applications", "get", &payroll_id]),
        0,
    ));
    assert_eq!(one["name"], "Payroll");
    assert_eq!(one["acsUrls"][0], "https://sp.example.com/acs");

    // --environment names the environment explicitly: another one has no applications.
    let other = json(&run_expecting(
        sim.cli().args([
            "-o",
            "json",
            "pingone",
            "--environment",
            "11111111-2222-4333-8444-555555555555",
            "applications",
            "list",
        ]),
        0,
    ));
    assert_eq!(other, serde_json::json!([]));

    let deleted = json(&run_expecting(
        sim.cli().args([
            "-o",
            "json",
            "pingone",
            "applications",
            "delete",
            &payroll_id,
        ]),
        0,
    ));
    assert_eq!(
        deleted,
        serde_json::json!({"resource": "pingone_application", "id": payroll_id,
                           "application": null, "action": "delete", "result": "deleted"})
    );
    let again = json(&run_expecting(
        sim.cli().args([
            "-o",
            "json",
            "pingone",
            "applications",
            "delete",
            &payroll_id,
        ]),
        0,
    ));
    assert_eq!(again["result"], "not_found");
    let gone = run_expecting(
        sim.cli()
            .args(["pingone", "applications", "get", &payroll_id]),
        1,
    );
    assert!(
        stderr(&gone).contains("hint: it does not exist"),
        "{}",
        stderr(&gone)
    );
}

#[test]
fn pingone_identity_providers_never_show_their_client_secret() {
    let sim = Sim::start();
    let client = client(&sim);
    let env = ENVIRONMENT.parse().unwrap();
    let idps = client.environment(env).identity_providers();
    let okta = sim.block_on(idps.create(&oidc_idp("Acme Okta"))).unwrap();
    let id = okta.id().unwrap().to_string();

    for format in ["json", "ndjson", "table"] {
        for args in [
            vec!["-o", format, "pingone", "identity-providers", "list"],
            vec!["-o", format, "pingone", "identity-providers", "get", &id],
            vec![
                "-o",
                format,
                "--debug",
                "pingone",
                "identity-providers",
                "get",
                &id,
            ],
        ] {
            let output = run_expecting(sim.cli().args(&args), 0);
            for text in [stdout(&output), stderr(&output)] {
                assert!(!text.contains(IDP_CLIENT_SECRET), "{args:?}:\n{text}");
            }
        }
    }
    let one = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "pingone", "identity-providers", "get", &id]),
        0,
    ));
    assert_eq!(one["name"], "Acme Okta");
    assert_eq!(one["type"], "OPENID_CONNECT");
    assert_eq!(one["clientId"], "pingone");
    assert_eq!(one["clientSecret"], "[redacted]");

    let filtered = run_expecting(
        sim.cli()
            .args(["pingone", "identity-providers", "list", "--filter", "x"]),
        1,
    );
    assert!(
        stderr(&filtered).contains("--filter"),
        "{}",
        stderr(&filtered)
    );

    let deleted = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "pingone", "identity-providers", "delete", &id]),
        0,
    ));
    assert_eq!(deleted["resource"], "pingone_identity_provider");
    assert_eq!(deleted["result"], "deleted");
}

#[test]
fn pingone_certificates_import_once_and_list() {
    let sim = Sim::start();
    let dir = tempfile::tempdir().unwrap();
    let cert = TestCert::ending_in("acme-signing", 90);
    let pem = cert.write_pem(dir.path(), "acme.pem");
    let der = dir.path().join("acme.der");
    std::fs::write(&der, &cert.der).unwrap();

    let import = |file: &std::path::Path, extra: &[&str]| {
        json(&run_expecting(
            sim.cli()
                .args(["-o", "json", "pingone", "certificates", "import"])
                .arg(file)
                .args(extra),
            0,
        ))
    };
    let first = import(&pem, &[]);
    assert_eq!(first["imported"], true);
    let id = first["certificate"]["id"].as_str().unwrap().to_owned();
    assert_eq!(first["certificate"]["usageType"], "SIGNING");
    // The DER of the same certificate, only if missing: found, not imported again.
    let second = import(&der, &["--if-missing"]);
    assert_eq!(second["imported"], false);
    assert_eq!(second["certificate"]["id"], id.as_str());

    let list = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "pingone", "certificates", "list"]),
        0,
    ));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    let table = stdout(&run_expecting(
        sim.cli().args(["pingone", "certificates", "list"]),
        0,
    ));
    assert!(table.starts_with("ID "), "{table}");
    assert!(table.contains(&id) && table.contains("SIGNING"), "{table}");
}

#[test]
fn auth0_connection_profiles_lifecycle() {
    let sim = Sim::start();
    let created = json(&run_expecting(
        sim.cli().args([
            "-o",
            "json",
            "auth0",
            "profiles",
            "create",
            "--name",
            "Partner SSO",
            "--prefix-template",
            "{org_name}-sso",
            "--feature",
            "scim",
            "--show-as-button",
            "optional",
            "--assign-membership",
            "required",
        ]),
        0,
    ));
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["name"], "Partner SSO");
    assert_eq!(created["connection_name_prefix_template"], "{org_name}-sso");
    assert_eq!(created["enabled_features"], serde_json::json!(["scim"]));
    assert_eq!(created["organization"]["show_as_button"], "optional");
    assert_eq!(
        created["organization"]["assign_membership_on_login"],
        "required"
    );

    let shown = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "auth0", "profiles", "get", &id]),
        0,
    ));
    assert_eq!(shown["id"], id.as_str());
    assert_eq!(shown["name"], "Partner SSO");

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.json");
    std::fs::write(&config, r#"{"disable_signup": true}"#).unwrap();
    let updated = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "auth0", "profiles", "update", &id])
            .args([
                "--name",
                "Partner SSO v2",
                "--no-features",
                "--connection-config",
            ])
            .arg(&config),
        0,
    ));
    assert_eq!(updated["name"], "Partner SSO v2");
    assert_eq!(updated["enabled_features"], serde_json::json!([]));
    assert_eq!(updated["connection_config"]["disable_signup"], true);
    assert_eq!(updated["connection_name_prefix_template"], "{org_name}-sso");

    let list = json(&run_expecting(
        sim.cli().args(["-o", "json", "auth0", "profiles", "list"]),
        0,
    ));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let table = stdout(&run_expecting(
        sim.cli().args(["auth0", "profiles", "list"]),
        0,
    ));
    assert!(table.contains("Partner SSO v2"), "{table}");

    // Refused before sending: a bad prefix template; a create without a name.
    let refused = run_expecting(
        sim.cli().args([
            "auth0",
            "profiles",
            "create",
            "--name",
            "x",
            "--prefix-template",
            "-bad",
        ]),
        1,
    );
    let err = stderr(&refused);
    assert!(err.contains("connection_name_prefix_template"), "{err}");
    assert!(err.contains("nothing was sent"), "{err}");
    let refused = run_expecting(sim.cli().args(["auth0", "profiles", "create"]), 1);
    assert!(stderr(&refused).contains("`name`"), "{}", stderr(&refused));
    let list = json(&run_expecting(
        sim.cli().args(["-o", "json", "auth0", "profiles", "list"]),
        0,
    ));
    assert_eq!(list.as_array().unwrap().len(), 1, "nothing was created");
    let usage = run(sim
        .cli()
        .args(["auth0", "profiles", "create", "--show-as-button", "none"]));
    assert_eq!(
        usage.status.code(),
        Some(2),
        "needs --assign-membership too"
    );

    let deleted = json(&run_expecting(
        sim.cli()
            .args(["-o", "json", "auth0", "profiles", "delete", &id]),
        0,
    ));
    assert_eq!(deleted["resource"], "auth0_connection_profile");
    assert_eq!(deleted["result"], "deleted");
    run_expecting(sim.cli().args(["auth0", "profiles", "get", &id]), 1);
}
