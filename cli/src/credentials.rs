//! Where each client's endpoint and credentials come from, and the clients built from them.
//!
//! Credentials are read from environment variables only, never from flags (which land in
//! shell history) and never printed. For each setting, in this order:
//! 1. the value written in the selected profile (non-secret settings only);
//! 2. the variable the profile names with `…_env`;
//! 3. the standard variable ([`vars`]).
//!
//! An empty variable counts as unset. With `--simulator`, every client points at the embedded
//! simulator instead, with its default credentials.

use std::time::Duration;

use sso_connections::auth0::Auth0Client;
use sso_connections::pingone::{PingOneClient, Region};
use sso_connections::saas::{SaasClient, DEFAULT_BASE_URL};
use sso_connections::Uuid;
use sso_connections_simulator::Simulator;

use crate::config::Profile;
use crate::errors::{CliError, Service};

/// The standard environment variable names.
pub mod vars {
    /// SaaS REST API client id.
    pub const SAAS_CLIENT_ID: &str = "PINGONE_SAAS_CLIENT_ID";
    /// SaaS REST API client secret.
    pub const SAAS_CLIENT_SECRET: &str = "PINGONE_SAAS_CLIENT_SECRET";
    /// SaaS API base URL (optional).
    pub const SAAS_BASE_URL: &str = "PINGONE_SAAS_BASE_URL";
    /// The PingOne worker application's environment.
    pub const PINGONE_ENVIRONMENT_ID: &str = "PINGONE_ENVIRONMENT_ID";
    /// The PingOne worker application's client id.
    pub const PINGONE_CLIENT_ID: &str = "PINGONE_CLIENT_ID";
    /// The PingOne worker application's secret.
    pub const PINGONE_CLIENT_SECRET: &str = "PINGONE_CLIENT_SECRET";
    /// The PingOne region (optional, default `na`).
    pub const PINGONE_REGION: &str = "PINGONE_REGION";
    /// The PingOne API base URL (optional, instead of the region's).
    pub const PINGONE_API_URL: &str = "PINGONE_API_URL";
    /// The PingOne token endpoint (optional, instead of the region's).
    pub const PINGONE_TOKEN_URL: &str = "PINGONE_TOKEN_URL";
    /// The Auth0 tenant domain.
    pub const AUTH0_DOMAIN: &str = "AUTH0_DOMAIN";
    /// The Auth0 machine-to-machine client id.
    pub const AUTH0_CLIENT_ID: &str = "AUTH0_CLIENT_ID";
    /// The Auth0 machine-to-machine client secret.
    pub const AUTH0_CLIENT_SECRET: &str = "AUTH0_CLIENT_SECRET";
    /// The Auth0 Management API base URL (optional, instead of the domain's).
    pub const AUTH0_API_URL: &str = "AUTH0_API_URL";
    /// The Auth0 token endpoint (optional, instead of the domain's).
    pub const AUTH0_TOKEN_URL: &str = "AUTH0_TOKEN_URL";
}

/// The environment the embedded simulator's PingOne clients use when none is set; the
/// simulator accepts any environment id.
pub const SIMULATED_ENVIRONMENT: Uuid = Uuid::from_u128(0x4f0c6a2e_1b7d_4c3a_9e58_2d6b0f1a7c93);

/// One setting: a value from the profile, else the variable the profile names, else the
/// standard variable.
struct Lookup<'a> {
    what: &'static str,
    written: Option<&'a str>,
    named: Option<&'a str>,
    standard: &'static str,
}

impl<'a> Lookup<'a> {
    fn new(what: &'static str, standard: &'static str) -> Self {
        Self {
            what,
            written: None,
            named: None,
            standard,
        }
    }

    fn written(mut self, value: &'a Option<String>) -> Self {
        self.written = value.as_deref();
        self
    }

    fn named(mut self, variable: &'a Option<String>) -> Self {
        self.named = variable.as_deref();
        self
    }

    /// The variable that is read.
    fn variable(&self) -> &str {
        self.named.unwrap_or(self.standard)
    }

    /// The value and where it came from, if set anywhere.
    fn find(&self) -> Option<(String, String)> {
        if let Some(value) = self.written.filter(|v| !v.is_empty()) {
            return Some((value.to_owned(), format!("the profile's {}", self.what)));
        }
        let variable = self.variable();
        std::env::var(variable)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|value| (value, variable.to_owned()))
    }

    fn optional(&self) -> Option<String> {
        self.find().map(|(value, _)| value)
    }

    fn required(&self) -> Result<(String, String), CliError> {
        self.find().ok_or_else(|| self.missing())
    }

    /// The error for a setting found nowhere: it names the variable that is read.
    fn missing(&self) -> CliError {
        CliError::MissingSetting {
            what: self.what,
            variable: self.variable().to_owned(),
        }
    }
}

/// A PingOne client and the environment commands act on unless told otherwise.
#[derive(Debug)]
pub struct PingOne {
    /// The client.
    pub client: PingOneClient,
    /// The environment to act on.
    pub environment: Uuid,
}

/// Builds the clients a command needs, from the profile and the environment or from the
/// embedded simulator.
#[derive(Debug)]
pub struct Endpoints {
    profile: Profile,
    simulator: Option<Simulator>,
    timeout: Option<Duration>,
}

impl Endpoints {
    /// Clients configured by `profile` (empty without `--profile`) and the environment.
    pub fn configured(profile: Profile, timeout: Option<Duration>) -> Self {
        Self {
            profile,
            simulator: None,
            timeout,
        }
    }

    /// Clients pointing at `simulator`, with its credentials.
    pub fn simulated(simulator: Simulator, timeout: Option<Duration>) -> Self {
        Self {
            profile: Profile::default(),
            simulator: Some(simulator),
            timeout,
        }
    }

    /// Whether the clients point at the embedded simulator.
    pub fn is_simulated(&self) -> bool {
        self.simulator.is_some()
    }

    /// The Customer Connection API client.
    pub fn saas(&self) -> Result<SaasClient, CliError> {
        let mut builder = if let Some(sim) = &self.simulator {
            SaasClient::builder(sim.client_id(), sim.client_secret()).base_url(sim.saas_base_url())
        } else {
            let p = &self.profile.saas;
            let id = Lookup::new("SaaS client id", vars::SAAS_CLIENT_ID)
                .written(&p.client_id)
                .named(&p.client_id_env)
                .required()?
                .0;
            let secret = Lookup::new("SaaS client secret", vars::SAAS_CLIENT_SECRET)
                .named(&p.client_secret_env)
                .required()?
                .0;
            let base_url = Lookup::new("SaaS base URL", vars::SAAS_BASE_URL)
                .written(&p.base_url)
                .optional()
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
            tracing::debug!(%base_url, client_id = %id, "SaaS client");
            SaasClient::builder(id, secret).base_url(base_url)
        };
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        builder.build().map_err(CliError::api(Service::Saas))
    }

    /// The PingOne client, acting on `environment` or else on the worker's environment.
    pub fn pingone(&self, environment: Option<Uuid>) -> Result<PingOne, CliError> {
        let (mut builder, environment) = if let Some(sim) = &self.simulator {
            let worker =
                match Lookup::new("PingOne environment", vars::PINGONE_ENVIRONMENT_ID).optional() {
                    Some(id) => parse_uuid(&id, vars::PINGONE_ENVIRONMENT_ID)?,
                    None => SIMULATED_ENVIRONMENT,
                };
            let builder =
                PingOneClient::worker(worker, sim.worker_client_id(), sim.worker_client_secret())
                    .base_url(sim.pingone_base_url())
                    .token_url(sim.pingone_token_url(worker));
            (builder, environment.unwrap_or(worker))
        } else {
            let p = &self.profile.pingone;
            let worker = Lookup::new("PingOne environment id", vars::PINGONE_ENVIRONMENT_ID)
                .written(&p.environment_id);
            let worker = match (worker.find(), environment) {
                (Some((id, origin)), _) => parse_uuid(&id, &origin)?,
                (None, Some(target)) => target,
                (None, None) => return Err(worker.missing()),
            };
            let id = Lookup::new("PingOne client id", vars::PINGONE_CLIENT_ID)
                .written(&p.client_id)
                .named(&p.client_id_env)
                .required()?
                .0;
            let secret = Lookup::new("PingOne client secret", vars::PINGONE_CLIENT_SECRET)
                .named(&p.client_secret_env)
                .required()?
                .0;
            let region = match Lookup::new("PingOne region", vars::PINGONE_REGION)
                .written(&p.region)
                .find()
            {
                Some((value, origin)) => parse_region(&value, origin)?,
                None => Region::default(),
            };
            let mut builder = PingOneClient::worker(worker, id.clone(), secret).region(region);
            if let Some(url) = Lookup::new("PingOne API URL", vars::PINGONE_API_URL)
                .written(&p.api_url)
                .optional()
            {
                builder = builder.base_url(url);
            }
            if let Some(url) = Lookup::new("PingOne token URL", vars::PINGONE_TOKEN_URL)
                .written(&p.token_url)
                .optional()
            {
                builder = builder.token_url(url);
            }
            tracing::debug!(environment = %worker, client_id = %id, ?region, "PingOne client");
            (builder, environment.unwrap_or(worker))
        };
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        let client = builder.build().map_err(CliError::api(Service::PingOne))?;
        Ok(PingOne {
            client,
            environment,
        })
    }

    /// The Auth0 Management API client.
    pub fn auth0(&self) -> Result<Auth0Client, CliError> {
        let mut builder = if let Some(sim) = &self.simulator {
            Auth0Client::client_credentials(
                "simulator.invalid",
                sim.auth0_client_id(),
                sim.auth0_client_secret(),
            )
            .base_url(sim.auth0_base_url())
            .token_url(sim.auth0_token_url())
        } else {
            let p = &self.profile.auth0;
            let api_url = Lookup::new("Auth0 API URL", vars::AUTH0_API_URL)
                .written(&p.api_url)
                .optional();
            let domain = Lookup::new("Auth0 tenant domain", vars::AUTH0_DOMAIN).written(&p.domain);
            let domain = match (domain.optional(), &api_url) {
                (Some(domain), _) => domain,
                // The API URL replaces the domain; the domain is then only a label.
                (None, Some(url)) => url.clone(),
                (None, None) => domain.required()?.0,
            };
            let id = Lookup::new("Auth0 client id", vars::AUTH0_CLIENT_ID)
                .written(&p.client_id)
                .named(&p.client_id_env)
                .required()?
                .0;
            let secret = Lookup::new("Auth0 client secret", vars::AUTH0_CLIENT_SECRET)
                .named(&p.client_secret_env)
                .required()?
                .0;
            tracing::debug!(%domain, client_id = %id, "Auth0 client");
            let mut builder = Auth0Client::client_credentials(domain, id, secret);
            if let Some(url) = api_url {
                builder = builder.base_url(url);
            }
            if let Some(url) = Lookup::new("Auth0 token URL", vars::AUTH0_TOKEN_URL)
                .written(&p.token_url)
                .optional()
            {
                builder = builder.token_url(url);
            }
            builder
        };
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        builder.build().map_err(CliError::api(Service::Auth0))
    }
}

fn parse_uuid(value: &str, origin: &str) -> Result<Uuid, CliError> {
    Uuid::parse_str(value.trim()).map_err(|e| CliError::InvalidSetting {
        origin: origin.to_owned(),
        reason: format!("not a UUID ({e})"),
    })
}

/// `na`, `eu`, `ca`, `asia`, `au`, `sg`, or the domain suffix (`com`, `com.au`, …).
fn parse_region(value: &str, origin: String) -> Result<Region, CliError> {
    Ok(match value.trim().to_ascii_lowercase().as_str() {
        "na" | "com" | "north-america" => Region::NorthAmerica,
        "eu" | "europe" => Region::Europe,
        "ca" | "canada" => Region::Canada,
        "asia" | "ap" | "asia-pacific" => Region::AsiaPacific,
        "au" | "com.au" | "australia" => Region::Australia,
        "sg" | "singapore" => Region::Singapore,
        other => {
            return Err(CliError::InvalidSetting {
                origin,
                reason: format!("unknown region {other:?}; use na, eu, ca, asia, au or sg"),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_by_short_name_and_domain_suffix() {
        let region = |v: &str| parse_region(v, "test".into()).unwrap();
        assert_eq!(region("eu"), Region::Europe);
        assert_eq!(region("com.au"), Region::Australia);
        assert_eq!(region(" NA "), Region::NorthAmerica);
        let error = parse_region("mars", "PINGONE_REGION".into()).unwrap_err();
        assert!(error.to_string().contains("PINGONE_REGION"), "{error}");
    }

    #[test]
    fn a_profile_value_comes_before_the_variables() {
        let written = Some("from-file".to_owned());
        let lookup = Lookup::new("x", "SSO_CONNECTIONS_TEST_UNSET_VARIABLE").written(&written);
        assert_eq!(lookup.optional().as_deref(), Some("from-file"));
    }

    #[test]
    fn a_missing_setting_names_the_variable_the_profile_chose() {
        let named = Some("SSO_CONNECTIONS_TEST_ALSO_UNSET".to_owned());
        let lookup = Lookup::new("SaaS client secret", vars::SAAS_CLIENT_SECRET).named(&named);
        let error = lookup.required().unwrap_err();
        assert!(
            matches!(&error, CliError::MissingSetting { variable, .. } if variable == "SSO_CONNECTIONS_TEST_ALSO_UNSET"),
            "{error:?}"
        );
    }
}
