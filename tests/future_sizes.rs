//! The futures the facades return stay small. Users hold them in their own futures, spawn them
//! and join many at once (bulk provisioning), so every byte is copied and allocated again in
//! each task. A generated call's future is kilobytes; the facade boxes it once, because every
//! `async` layer that held it by value would keep a copy of its own.

use std::mem::{size_of, size_of_val};

use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings};
use sso_connections::pingone::{Application, PingOneClient};
use sso_connections::saas::{ConnectionScope, ConnectionUpdate, SaasClient, SharedSettings};
use sso_connections::Uuid;

/// What a facade call's future may take besides the values it holds for the caller, with
/// room for a few more arguments. A nested generated call would be 3 KB or more.
const LIMIT: usize = 1024;

const BASE: &str = "http://127.0.0.1:9";

fn assert_small(what: &str, size: usize) {
    assert!(
        size <= LIMIT,
        "{what}: future is {size} bytes, more than {LIMIT}"
    );
}

#[test]
fn saas_futures_are_small() {
    let client = SaasClient::builder("id", "secret")
        .base_url(BASE)
        .build()
        .unwrap();
    let connections = client.connections();
    let idp = sso_connections::saas::IdpId::new("acme").unwrap();
    let update = ConnectionUpdate::settings(
        SharedSettings::builder()
            .sso_endpoint("https://idp.example/sso")
            .build()
            .unwrap(),
    );
    assert_small("get", size_of_val(&connections.get(&idp)));
    assert_small(
        "get_for_application",
        size_of_val(&connections.get_for_application(&idp, Uuid::nil())),
    );
    assert_small("update", size_of_val(&connections.update(&idp, &update)));
    assert_small(
        "enable",
        size_of_val(&connections.enable(&idp, ConnectionScope::AllApplications)),
    );
    assert_small("delete_all", size_of_val(&connections.delete_all(&idp)));
}

#[test]
fn pingone_futures_are_small() {
    let client = PingOneClient::bearer("token")
        .base_url(BASE)
        .build()
        .unwrap();
    let environment = client.environment(Uuid::nil());
    let applications = environment.applications();
    assert_small(
        "applications.get",
        size_of_val(&applications.get(Uuid::nil())),
    );
    // `modify` holds the application it edits between its two calls.
    let modify = applications.modify(Uuid::nil(), |_| {});
    assert_small(
        "applications.modify",
        size_of_val(&modify) - size_of::<Application>(),
    );
    assert_small(
        "applications.delete",
        size_of_val(&applications.delete(Uuid::nil())),
    );
    assert_small(
        "identity_providers.get",
        size_of_val(&environment.identity_providers().get(Uuid::nil())),
    );
}

#[test]
fn auth0_futures_are_small() {
    let client = Auth0Client::token("tenant.example", "token")
        .base_url(BASE)
        .build()
        .unwrap();
    let profiles = client.connection_profiles();
    let settings = ConnectionProfileSettings::builder()
        .name("p")
        .build()
        .unwrap();
    assert_small("get", size_of_val(&profiles.get("cop_1")));
    assert_small("update", size_of_val(&profiles.update("cop_1", &settings)));
    assert_small("templates", size_of_val(&profiles.templates()));
}
