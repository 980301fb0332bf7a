//! Edits to doc 000 (PingOne SSO for SaaS Apps).

use super::support::{assert_reports, check, document, edit};

fn doc() -> String {
    document("000")
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_new_request_parameter() {
    let text = edit(
        &doc(),
        1,
        "| `email`",
        "| `brandColour` (optional) | A colour. |\n| `email`",
    );
    assert_reports(
        "000",
        &text,
        "PUT /spManaged/{idpId} request parameter brandColour: not in the spec",
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn an_optional_parameter_made_required() {
    let text = edit(&doc(), 1, "`sloEndpoint` (optional)", "`sloEndpoint`");
    assert_reports(
        "000",
        &text,
        "PUT /spManaged/{idpId} request parameter sloEndpoint: required in the document, optional in the spec",
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_new_status_code() {
    let text = edit(
        &doc(),
        1,
        "| `404 Not Found` | Connections",
        "| `429 Too Many` | Wait. |\n| `404 Not Found` | Connections",
    );
    assert_reports(
        "000",
        &text,
        "DELETE /spManaged/{idpId}: status 429 not in the spec",
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_new_enum_value() {
    let text = edit(
        &doc(),
        1,
        "`Redirect` or `POST`",
        "`Redirect`, `POST` or `Artifact`",
    );
    assert_reports(
        "000",
        &text,
        "PUT /spManaged/{idpId} request parameter sloBinding: enum value Artifact not in the spec",
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_broken_example() {
    let text = edit(&doc(), 1, "\"status\":\"Active\"", "\"status\":\"Paused\"");
    assert_reports(
        "000",
        &text,
        "GET /spManaged/{idpId} response example 1: /0/status: \"Paused\" is not one of \
         [\"Active\",\"Complete\",\"Disabled\",\"Disabled by Customer\",\"Account Suspended\"]",
    );
}

#[test]
#[ignore = "needs ../shared/docs"]
fn a_fixed_inconsistency_leaves_its_decision_stale() {
    // The GET status table no longer repeats the create table's 409.
    let report = check(
        "000",
        &edit(&doc(), 2, "`409 Conflict`", "`400 Bad Request`"),
    );
    assert!(report.unaccepted().is_empty(), "{}", report.render(false));
    assert_eq!(
        report.stale,
        [(
            "saas-3".to_string(),
            "GET /spManaged/{idpId}: status 409 not in the spec".to_string()
        )]
    );
    assert!(!report.passed());
}
