//! Export against the simulator: live SaaS connections, PingOne identity providers and Auth0
//! profiles written as a document; planning the export changes nothing.

mod common;

use common::kit::TestCert;
use sso_connections::auth0::{Auth0Client, ConnectionProfileSettings, EnabledFeature};
use sso_connections::desired::{self, Clients, Document, ExportRequest, IdentityProviderSpec};
use sso_connections::pingone::{
    CertificateImport, CertificateUsageType, IdpTokenEndpointAuthMethod, OidcIdentityProvider,
    PingOneClient, SamlBinding, SamlIdentityProvider,
};
use sso_connections::saas::{
    ApplicationIds, ConnectionScope, IdpId, NewConnection, SaasClient, SharedSettings,
};
use sso_connections::Uuid;
use sso_connections_simulator::catalogue::{ANALYTICS, CRM};
use sso_connections_simulator::Simulator;

const ENV: Uuid = Uuid::from_u128(0x02d37832_476a_431b_8a60_d77cecd7005c);

struct Apis {
    simulator: Simulator,
    saas: SaasClient,
    pingone: PingOneClient,
    auth0: Auth0Client,
}

impl Apis {
    async fn start() -> Self {
        let simulator = Simulator::start().await.unwrap();
        let saas = SaasClient::builder(simulator.client_id(), simulator.client_secret())
            .base_url(simulator.saas_base_url())
            .build()
            .unwrap();
        let pingone = PingOneClient::worker(
            ENV,
            simulator.worker_client_id(),
            simulator.worker_client_secret().to_owned(),
        )
        .base_url(simulator.pingone_base_url())
        .token_url(simulator.pingone_token_url(ENV))
        .build()
        .unwrap();
        let auth0 = Auth0Client::client_credentials(
            "tenant.auth0.example",
            simulator.auth0_client_id(),
            simulator.auth0_client_secret().to_owned(),
        )
        .base_url(simulator.auth0_base_url())
        .token_url(simulator.auth0_token_url())
        .build()
        .unwrap();
        Self {
            simulator,
            saas,
            pingone,
            auth0,
        }
    }

    fn clients(&self) -> Clients<'_> {
        Clients::new()
            .saas(&self.saas)
            .pingone(&self.pingone)
            .auth0("main", &self.auth0)
    }

    async fn plan(&self, document: &Document) -> desired::Plan {
        common::desired::plan(document, &self.clients()).await
    }
}

async fn connect(saas: &SaasClient, idp: &str, apps: &[Uuid], multiplexed: bool) {
    let settings = SharedSettings::builder()
        .email(format!("it@{idp}"))
        .entity_id(format!("https://{idp}/idp"))
        .sso_endpoint(format!("https://{idp}/sso"))
        .slo_endpoint(format!("https://{idp}/slo"))
        .signing_certificate(TestCert::new(idp, 2025, 2035).certificate())
        .build()
        .unwrap();
    let request = NewConnection::for_applications(
        settings,
        ApplicationIds::new(apps.iter().copied()).unwrap(),
    )
    .unwrap()
    .multiplexed(multiplexed);
    saas.connections()
        .create(&IdpId::new(idp).unwrap(), &request)
        .await
        .unwrap();
}

#[tokio::test]
async fn saas_connections_export_and_plan_to_nothing() {
    let apis = Apis::start().await;
    connect(&apis.saas, "acme.example", &[CRM], true).await;
    connect(&apis.saas, "acme.example", &[ANALYTICS], false).await;
    apis.saas
        .connections()
        .disable(
            &IdpId::new("acme.example").unwrap(),
            ConnectionScope::Application(ANALYTICS),
        )
        .await
        .unwrap();
    connect(&apis.saas, "beta.example", &[CRM], false).await;

    let request = ExportRequest::new()
        .saas_application("crm", CRM)
        .saas_application("analytics", ANALYTICS)
        .saas_idp("acme.example")
        .saas_idp("beta.example")
        .saas_idp("nobody.example");
    let exported = desired::export(&request, &apis.clients()).await.unwrap();
    assert_eq!(
        exported.notes,
        [
            "saas idpId beta.example: none of its 1 connection(s) could be attributed to a named \
             application (name the application, or the only one, it belongs to); not exported",
            "saas idpId nobody.example has no connections; not exported"
        ]
    );
    let acme = &exported.document.saas.connections["acme.example"];
    assert_eq!(acme.email.as_deref(), Some("it@acme.example"));
    assert_eq!(
        acme.slo_endpoint.as_deref(),
        Some("https://acme.example/slo")
    );
    let apps: Vec<(&str, bool, bool)> = acme
        .applications
        .iter()
        .map(|a| (a.application.as_str(), a.multiplexed, a.enabled))
        .collect();
    assert_eq!(apps, [("analytics", false, false), ("crm", true, true)]);
    assert_eq!(exported.document.saas.connections.len(), 1);

    // Written as TOML and read back, the export plans to no change at all.
    let document = Document::from_toml_str(&exported.document.to_toml()).unwrap();
    let plan = apis.plan(&document).await;
    assert!(plan.is_empty(), "{plan}");
    assert!(plan.resources.is_empty(), "no notes either: {plan}");
    assert_eq!(plan.unchanged, 1);
    assert_eq!(apis.simulator.saas_connection_count(), 3);
}

#[tokio::test]
async fn one_connection_is_exported_only_when_one_application_is_named() {
    let apis = Apis::start().await;
    connect(&apis.saas, "acme.example", &[CRM], true).await;
    let both = ExportRequest::new()
        .saas_application("crm", CRM)
        .saas_application("analytics", ANALYTICS)
        .saas_idp("acme.example");
    let exported = desired::export(&both, &apis.clients()).await.unwrap();
    assert!(exported.document.saas.connections.is_empty());
    assert!(exported.notes[0].contains("could be attributed to a named application"));

    let crm = ExportRequest::new()
        .saas_application("crm", CRM)
        .saas_idp("acme.example");
    let exported = desired::export(&crm, &apis.clients()).await.unwrap();
    assert_eq!(
        exported.document.saas.connections["acme.example"].applications[0].application,
        "crm"
    );
    assert!(apis.plan(&exported.document).await.is_empty());
}

#[tokio::test]
async fn pingone_providers_and_auth0_profiles_export_and_plan_to_nothing() {
    let apis = Apis::start().await;
    let env = apis.pingone.environment(ENV);
    let certificate = TestCert::new("adfs", 2025, 2035).certificate();
    let stored = env
        .certificates()
        .import(&CertificateImport::new(
            certificate,
            CertificateUsageType::Signing,
        ))
        .await
        .unwrap();
    let saml = SamlIdentityProvider::new("Acme ADFS")
        .idp_entity_id("http://adfs.acme.example/adfs/services/trust")
        .sp_entity_id("pingone-acme")
        .sso_endpoint(
            "https://adfs.acme.example/adfs/ls",
            SamlBinding::HttpRedirect,
        )
        .verification_certificates([stored.id])
        .build()
        .unwrap();
    env.identity_providers().create(&saml).await.unwrap();
    let secret = "okta-secret-for-export-test";
    let oidc = OidcIdentityProvider::new("Globex Okta")
        .issuer("https://globex.okta.example")
        .authorization_endpoint("https://globex.okta.example/oauth2/v1/authorize")
        .token_endpoint("https://globex.okta.example/oauth2/v1/token")
        .jwks_endpoint("https://globex.okta.example/oauth2/v1/keys")
        .client("pingone-client", secret)
        .scopes(["openid", "email"])
        .token_endpoint_auth_method(IdpTokenEndpointAuthMethod::ClientSecretPost)
        .build()
        .unwrap();
    env.identity_providers().create(&oidc).await.unwrap();
    let profile = ConnectionProfileSettings::builder()
        .name("Partner SSO")
        .connection_name_prefix_template("{org_name}-sso")
        .enabled_features([EnabledFeature::Scim])
        .build()
        .unwrap();
    apis.auth0
        .connection_profiles()
        .create(&profile)
        .await
        .unwrap();

    let request = ExportRequest::new()
        .pingone_environment(ENV)
        .auth0_tenant("main");
    let exported = desired::export(&request, &apis.clients()).await.unwrap();
    assert_eq!(
        exported.notes,
        [format!(
            "pingone {ENV} identity provider \"Globex Okta\": set $GLOBEX_OKTA_CLIENT_SECRET to \
             its client secret before planning"
        )]
    );
    let providers = &exported.document.pingone[&ENV].identity_providers;
    let IdentityProviderSpec::Saml(adfs) = &providers["Acme ADFS"] else {
        panic!("Acme ADFS is SAML")
    };
    assert_eq!(adfs.sp_entity_id.as_deref(), Some("pingone-acme"));
    assert!(adfs.certificate.is_none(), "certificates are not exported");
    let IdentityProviderSpec::Oidc(okta) = &providers["Globex Okta"] else {
        panic!("Globex Okta is OpenID Connect")
    };
    assert_eq!(okta.scopes, ["openid", "email"]);
    let written = exported.document.to_toml();
    assert!(!written.contains(secret), "the secret is not exported");
    let profile = &exported.document.auth0["main"].profiles["Partner SSO"];
    assert_eq!(
        profile.enabled_features.as_deref(),
        Some(&["scim".to_owned()][..])
    );

    // The variable is unique to this test; no other test reads or writes it.
    std::env::set_var("GLOBEX_OKTA_CLIENT_SECRET", secret);
    let document = Document::from_toml_str(&written).unwrap();
    let plan = apis.plan(&document).await;
    assert!(plan.is_empty(), "{plan}");
    assert_eq!(plan.unchanged, 3);
}
