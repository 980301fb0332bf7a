//! Edits to docs 001, 003 and 004 (PingOne Platform).

use super::support::{assert_reports, document, edit};

mod identity_provider_001 {
    use super::*;

    const OP: &str = "PUT /environments/{environmentId}/identityProviders/{identityProviderId}";

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_response_field() {
        let text = edit(
            &document("001"),
            1,
            "\"idpEntityId\": \"idp-1560792011\"",
            "\"signOnHint\": \"x\", \"idpEntityId\": \"idp-1560792011\"",
        );
        assert_reports(
            "001",
            &text,
            &format!("{OP} response field signOnHint: not in the spec"),
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_status_code() {
        let text = edit(&document("001"), 1, "200 OK", "202 Accepted");
        assert_reports("001", &text, &format!("{OP}: status 202 not in the spec"));
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_broken_example() {
        let text = edit(
            &document("001"),
            1,
            "\"authnRequestSigned\": false",
            "\"authnRequestSigned\": \"no\"",
        );
        assert_reports(
            "001",
            &text,
            &format!("{OP} response example 1: /authnRequestSigned: \"no\" is not of type boolean"),
        );
    }
}

mod saml_application_003 {
    use super::*;

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_field() {
        let text = edit(
            &document("003"),
            1,
            "assignActorRoles\n\nOptional\n\nBoolean\n",
            "assignActorRoles\n\nOptional\n\nBoolean\n\nportalHidden\n\nOptional\n\nBoolean\n",
        );
        assert_reports(
            "003",
            &text,
            "model \"Base application data model (SAML application)\" field portalHidden: not in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn an_optional_field_made_required() {
        let text = edit(
            &document("003"),
            1,
            "assertionSigned\n\nOptional",
            "assertionSigned\n\nRequired",
        );
        assert_reports(
            "003",
            &text,
            "model \"Additional SAML settings\" field assertionSigned: required in the document, optional in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_status_code() {
        let text = edit(&document("003"), 1, "200 OK", "201 Created");
        assert_reports(
            "003",
            &text,
            "PUT /environments/{environmentId}/applications/{applicationId}: status 201 not in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_broken_example() {
        let text = edit(
            &document("003"),
            1,
            "\"assertionDuration\": 60,",
            "\"assertionDuration\": \"sixty\",",
        );
        assert_reports(
            "003",
            &text,
            "PUT /environments/{environmentId}/applications/{applicationId} request example 1: \
             /assertionDuration: \"sixty\" is not of type integer",
        );
    }
}

mod applications_004 {
    use super::*;

    const LOGIN_ROW: &str = "for the application.\nname ";

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_field() {
        let text = edit(
            &document("004"),
            1,
            LOGIN_ROW,
            "for the application.\nportalHidden A boolean that hides it.\nname ",
        );
        assert_reports(
            "004",
            &text,
            "model \"Applications data model\" field portalHidden: not in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn an_optional_field_made_required() {
        let text = edit(
            &document("004"),
            1,
            LOGIN_ROW,
            "for the application. This is a required property.\nname ",
        );
        assert_reports(
            "004",
            &text,
            "model \"Applications data model\" field loginPageUrl: required in the document, optional in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_enum_value() {
        let text = edit(
            &document("004"),
            1,
            "Options are OPENID_CONNECT or SAML.",
            "Options are OPENID_CONNECT, SAML, or WS_TRUST.",
        );
        assert_reports(
            "004",
            &text,
            "model \"Applications data model\" field protocol: enum value WS_TRUST not in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_new_status_code() {
        let text = edit(&document("004"), 1, "\n500 ", "\n503 Try later.\n500 ");
        assert_reports(
            "004",
            &text,
            "response codes table: status 503 is on no operation of this document in the spec",
        );
    }

    #[test]
    #[ignore = "needs ../shared/docs"]
    fn a_broken_example() {
        let text = edit(
            &document("004"),
            1,
            "\"priority\": 1\n}'",
            "\"priority\": \"first\"\n}'",
        );
        assert_reports(
            "004",
            &text,
            "POST /environments/{environmentId}/applications/{applicationId}/signOnPolicyAssignments \
             request example 1: /priority: \"first\" is not of type integer",
        );
    }
}
