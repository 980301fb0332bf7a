//! Every operation of every spec is reachable through the facade: each spec operation maps to
//! the facade method(s) that call it, and each method path is named in code, so a method that
//! disappears fails to compile and an operation added to a spec without a facade method fails
//! this test. Also: every spec's `info.version` is the crate version.

mod common;

use std::collections::BTreeSet;

use sso_connections::generated;

/// `operation id => facade method, …;`: the method paths must exist (checked by the compiler).
/// Generic helpers built on these (`list_where`, `modify`) cannot be named as plain paths and
/// are left out.
macro_rules! covered {
    ($($operation:literal => $($method:path),+;)+) => {{
        $($(let _ = $method;)+)+
        vec![$(($operation, vec![$(stringify!($method)),+])),+]
    }};
}

fn facade_table() -> Vec<(&'static str, Vec<&'static str>)> {
    use sso_connections::auth0::ConnectionProfilesHandler;
    use sso_connections::pingone::{
        ApplicationSecretHandler, ApplicationsHandler, AttributeMappingsHandler,
        CertificatesHandler, IdentityProvidersHandler, KeysHandler, ResourceGrantsHandler,
        SignOnPolicyAssignmentsHandler,
    };
    use sso_connections::saas::ConnectionsHandler;
    covered! {
        // PingOne SSO for SaaS Apps
        "create_customer_connection" => ConnectionsHandler::create, ConnectionsHandler::apply;
        "get_customer_connections" => ConnectionsHandler::get, ConnectionsHandler::get_for_application;
        "update_customer_connection" => ConnectionsHandler::update;
        "disable_customer_connection" => ConnectionsHandler::disable;
        "enable_customer_connection" => ConnectionsHandler::enable;
        "delete_customer_connections" => ConnectionsHandler::delete_for_application, ConnectionsHandler::delete_all;
        // PingOne Platform
        "list_applications" => ApplicationsHandler::list;
        "create_application" => ApplicationsHandler::create;
        "get_application" => ApplicationsHandler::get;
        "update_application" => ApplicationsHandler::replace;
        "delete_application" => ApplicationsHandler::delete;
        "get_application_secret" => ApplicationSecretHandler::get;
        "rotate_application_secret" => ApplicationSecretHandler::rotate;
        "list_application_attribute_mappings" => AttributeMappingsHandler::list;
        "create_application_attribute_mapping" => AttributeMappingsHandler::create;
        "get_application_attribute_mapping" => AttributeMappingsHandler::get;
        "update_application_attribute_mapping" => AttributeMappingsHandler::replace;
        "delete_application_attribute_mapping" => AttributeMappingsHandler::delete;
        "list_application_grants" => ResourceGrantsHandler::list;
        "create_application_grant" => ResourceGrantsHandler::create;
        "get_application_grant" => ResourceGrantsHandler::get;
        "update_application_grant" => ResourceGrantsHandler::replace;
        "delete_application_grant" => ResourceGrantsHandler::delete;
        "list_application_sign_on_policy_assignments" => SignOnPolicyAssignmentsHandler::list;
        "create_application_sign_on_policy_assignment" => SignOnPolicyAssignmentsHandler::create;
        "get_application_sign_on_policy_assignment" => SignOnPolicyAssignmentsHandler::get;
        "update_application_sign_on_policy_assignment" => SignOnPolicyAssignmentsHandler::replace;
        "delete_application_sign_on_policy_assignment" => SignOnPolicyAssignmentsHandler::delete;
        "list_identity_providers" => IdentityProvidersHandler::list;
        "create_identity_provider" => IdentityProvidersHandler::create;
        "get_identity_provider" => IdentityProvidersHandler::get;
        "update_identity_provider" => IdentityProvidersHandler::replace;
        "delete_identity_provider" => IdentityProvidersHandler::delete;
        "list_certificates" => CertificatesHandler::list;
        "import_certificate" => CertificatesHandler::import;
        "get_certificate" => CertificatesHandler::get;
        "delete_certificate" => CertificatesHandler::delete;
        "list_keys" => KeysHandler::list;
        "get_key" => KeysHandler::get;
        // Auth0
        "list_connection_profiles" => ConnectionProfilesHandler::list, ConnectionProfilesHandler::list_pages_of, ConnectionProfilesHandler::list_from;
        "create_connection_profile" => ConnectionProfilesHandler::create;
        "get_connection_profile" => ConnectionProfilesHandler::get;
        "update_connection_profile" => ConnectionProfilesHandler::update;
        "delete_connection_profile" => ConnectionProfilesHandler::delete;
        "list_connection_profile_templates" => ConnectionProfilesHandler::templates;
        "get_connection_profile_template" => ConnectionProfilesHandler::template;
    }
}

/// Operations the facade deliberately does not offer, with the reason (the list is empty).
const NOT_IN_THE_FACADE: &[(&str, &str)] = &[];

#[test]
fn every_spec_operation_has_a_facade_method() {
    let in_specs: BTreeSet<&str> = [
        generated::saas::OPERATIONS,
        generated::pingone::OPERATIONS,
        generated::auth0::OPERATIONS,
    ]
    .iter()
    .flat_map(|table| table.iter().map(|(id, _, _)| *id))
    .collect();
    let table = facade_table();
    let covered: BTreeSet<&str> = table
        .iter()
        .map(|(id, _)| *id)
        .chain(NOT_IN_THE_FACADE.iter().map(|(id, _)| *id))
        .collect();
    let missing: Vec<_> = in_specs.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&in_specs).collect();
    assert!(
        missing.is_empty(),
        "spec operations without a facade method: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "facade table names operations no spec has: {stale:?}"
    );
    assert_eq!(
        table.len() + NOT_IN_THE_FACADE.len(),
        in_specs.len(),
        "an operation is listed twice"
    );
    assert_eq!(in_specs.len(), 46);
}

#[test]
fn every_spec_version_is_the_crate_version() {
    let specs = common::specs();
    for (file, spec) in &specs {
        let version = spec["info"]["version"].as_str().unwrap();
        assert_eq!(version, env!("CARGO_PKG_VERSION"), "{file}");
    }
    assert_eq!(specs.len(), 3);
}
