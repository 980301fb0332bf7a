//! Edits to doc 002 (Auth0 connection profiles).

use super::support::{assert_reports, document, edit};

const OP: &str = "PATCH /connection-profiles/{id}";

#[test]
#[ignore = "needs ../shared/docs"]
fn a_new_body_field() {
    let text = edit(
        &document("002"),
        1,
        "\n\nResponse\n",
        "\n\nmax_members\ninteger\n\nA limit.\n\nResponse\n",
    );
    assert_reports(
        "002",
        &text,
        &format!("{OP} request field max_members: not in the spec"),
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn an_optional_field_made_required() {
    let text = edit(
        &document("002"),
        1,
        "name\nstring\n",
        "name\nstring\nrequired\n",
    );
    assert_reports(
        "002",
        &text,
        &format!("{OP} request field name: required in the document, optional in the spec"),
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_new_enum_value() {
    let text = edit(
        &document("002"),
        1,
        "scim,\nuniversal_logout",
        "scim,\nuniversal_logout,\nfederation",
    );
    assert_reports(
        "002",
        &text,
        &format!("{OP} request field enabled_features: enum value federation not in the spec"),
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_changed_limit() {
    let text = edit(
        &document("002"),
        1,
        "Maximum string length: 15",
        "Maximum string length: 20",
    );
    assert_reports(
        "002",
        &text,
        &format!("{OP} request field connection_name_prefix_template: maxLength 20 in the document, 15 in the spec"),
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_broken_example() {
    let text = edit(
        &document("002"),
        1,
        "\"assign_membership_on_login\": \"none\"",
        "\"assign_membership_on_login\": \"always\"",
    );
    assert_reports(
        "002",
        &text,
        &format!(
            "{OP} request example 1: /organization/assign_membership_on_login: \"always\" is not one of \
             [\"none\",\"optional\",\"required\"]"
        ),
    );
}
