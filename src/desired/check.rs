//! The rules of a document that a schema cannot state, checked before anything is read or
//! sent. Values (URLs, emails, certificates) are checked when the document is resolved, by
//! the same input types the clients use.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::document::{
    Document, Ensure, IdentityProviderSpec, OidcProviderSpec, ProfileSpec, SaasConnection,
    SaasSection, SamlProviderSpec,
};
use super::DesiredError;

pub(super) fn check_document(document: &Document) -> Result<(), DesiredError> {
    check_saas(&document.saas)?;
    for (environment, section) in &document.pingone {
        for (name, spec) in &section.identity_providers {
            let at = format!("pingone.\"{environment}\".identity_providers.\"{name}\"");
            check_name(&at, name)?;
            match spec {
                IdentityProviderSpec::Saml(saml) => check_saml(&at, saml)?,
                IdentityProviderSpec::Oidc(oidc) => check_oidc(&at, oidc)?,
            }
        }
    }
    for (tenant, section) in &document.auth0 {
        for (name, spec) in &section.profiles {
            let at = format!("auth0.\"{tenant}\".profiles.\"{name}\"");
            check_name(&at, name)?;
            check_profile(&at, spec)?;
        }
    }
    Ok(())
}

/// The saasid an application entry names: a UUID, or a name from `saas.applications`.
pub(super) fn application_id(section: &SaasSection, name: &str) -> Option<Uuid> {
    section
        .applications
        .get(name)
        .copied()
        .or_else(|| Uuid::parse_str(name).ok())
}

fn check_saas(section: &SaasSection) -> Result<(), DesiredError> {
    for (idp_id, connection) in &section.connections {
        let at = format!("saas.connections.\"{idp_id}\"");
        if let Err(e) = crate::saas::IdpId::new(idp_id.clone()) {
            return Err(DesiredError::document(at, e.to_string()));
        }
        check_saas_connection(&at, section, connection)?;
    }
    Ok(())
}

fn check_saas_connection(
    at: &str,
    section: &SaasSection,
    c: &SaasConnection,
) -> Result<(), DesiredError> {
    if c.ensure == Ensure::Absent {
        let declared = c.email.is_some() || c.entity_id.is_some() || !c.applications.is_empty();
        return refuse_if(
            declared,
            at,
            "an absent idpId declares nothing else; remove its settings or its `ensure`",
        );
    }
    let metadata = one_of(
        at,
        &[
            ("metadata_file", c.metadata_file.is_some()),
            ("metadata_url", c.metadata_url.is_some()),
        ],
    )?;
    let certificate = one_of(
        at,
        &[
            ("signing_certificate", c.signing_certificate.is_some()),
            (
                "signing_certificate_file",
                c.signing_certificate_file.is_some(),
            ),
        ],
    )?;
    refuse_if(
        c.email.is_none(),
        at,
        "needs `email` (metadata does not carry one)",
    )?;
    if !metadata {
        refuse_if(
            c.entity_id.is_none() || c.sso_endpoint.is_none() || !certificate,
            at,
            "needs `entity_id`, `sso_endpoint` and a signing certificate, or a metadata source",
        )?;
    }
    refuse_if(
        c.metadata_entity_id.is_some() && !metadata,
        at,
        "`metadata_entity_id` needs `metadata_file` or `metadata_url`",
    )?;
    refuse_if(
        c.applications.is_empty(),
        at,
        "declares no application; name at least one in `applications`",
    )?;
    let mut seen = BTreeSet::new();
    for (index, app) in c.applications.iter().enumerate() {
        let here = format!("{at}.applications[{index}]");
        let id = application_id(section, &app.application).ok_or_else(|| {
            DesiredError::document(
                &here,
                format!(
                    "\"{}\" is neither a saasid nor a name in `saas.applications`",
                    app.application
                ),
            )
        })?;
        refuse_if(
            !seen.insert(id),
            &here,
            "names an application a second time for this idpId",
        )?;
    }
    Ok(())
}

fn check_saml(at: &str, s: &SamlProviderSpec) -> Result<(), DesiredError> {
    if s.ensure == Ensure::Absent {
        return Ok(());
    }
    let metadata = one_of(
        at,
        &[
            ("metadata_file", s.metadata_file.is_some()),
            ("metadata_url", s.metadata_url.is_some()),
        ],
    )?;
    one_of(
        at,
        &[
            ("certificate", s.certificate.is_some()),
            ("certificate_file", s.certificate_file.is_some()),
        ],
    )?;
    refuse_if(s.sp_entity_id.is_none(), at, "needs `sp_entity_id`")?;
    if !metadata {
        refuse_if(
            s.idp_entity_id.is_none() || s.sso_endpoint.is_none(),
            at,
            "needs `idp_entity_id` and `sso_endpoint`, or a metadata source",
        )?;
    }
    Ok(())
}

fn check_oidc(at: &str, o: &OidcProviderSpec) -> Result<(), DesiredError> {
    if o.ensure == Ensure::Absent {
        return Ok(());
    }
    let required = [
        ("issuer", o.issuer.is_none()),
        ("authorization_endpoint", o.authorization_endpoint.is_none()),
        ("token_endpoint", o.token_endpoint.is_none()),
        ("jwks_endpoint", o.jwks_endpoint.is_none()),
        ("client_id", o.client_id.is_none()),
        ("client_secret_env", o.client_secret_env.is_none()),
        (
            "token_endpoint_auth_method",
            o.token_endpoint_auth_method.is_none(),
        ),
        ("scopes", o.scopes.is_empty()),
    ];
    if let Some((field, _)) = required.iter().find(|(_, missing)| *missing) {
        return Err(DesiredError::document(at, format!("needs `{field}`")));
    }
    Ok(())
}

fn check_profile(at: &str, p: &ProfileSpec) -> Result<(), DesiredError> {
    if let Some(organization) = &p.organization {
        for (field, value) in [
            ("show_as_button", &organization.show_as_button),
            (
                "assign_membership_on_login",
                &organization.assign_membership_on_login,
            ),
        ] {
            if let Some(value) = value {
                refuse_if(
                    !["none", "optional", "required"].contains(&value.as_str()),
                    &format!("{at}.organization.{field}"),
                    "must be `none`, `optional` or `required`",
                )?;
            }
        }
    }
    Ok(())
}

fn check_name(at: &str, name: &str) -> Result<(), DesiredError> {
    refuse_if(name.trim().is_empty(), at, "a name must not be blank")
}

/// At most one of the named sources is given; whether one is.
fn one_of(at: &str, sources: &[(&str, bool)]) -> Result<bool, DesiredError> {
    let given: Vec<&str> = sources.iter().filter(|s| s.1).map(|s| s.0).collect();
    if given.len() > 1 {
        return Err(DesiredError::document(
            at,
            format!("give only one of `{}`", given.join("`, `")),
        ));
    }
    Ok(given.len() == 1)
}

fn refuse_if(broken: bool, at: &str, message: &str) -> Result<(), DesiredError> {
    if broken {
        Err(DesiredError::document(at, message))
    } else {
        Ok(())
    }
}
