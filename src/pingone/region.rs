//! PingOne regions: each has its own API and authentication hosts.

use uuid::Uuid;

/// The region an environment lives in; it picks the API and token hosts.
///
/// ```
/// use sso_connections::pingone::Region;
/// assert_eq!(Region::Europe.api_base_url(), "https://api.pingone.eu/v1");
/// assert_eq!(
///     Region::Canada.token_url(uuid::Uuid::nil()),
///     "https://auth.pingone.ca/00000000-0000-0000-0000-000000000000/as/token"
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// North America (`.com`).
    #[default]
    NorthAmerica,
    /// Europe (`.eu`).
    Europe,
    /// Canada (`.ca`).
    Canada,
    /// Asia-Pacific (`.asia`).
    AsiaPacific,
    /// Australia (`.com.au`).
    Australia,
    /// Singapore (`.sg`).
    Singapore,
}

impl Region {
    /// The top-level domain of the region's hosts (the spec's `region` server variable).
    pub fn domain_suffix(self) -> &'static str {
        match self {
            Region::NorthAmerica => "com",
            Region::Europe => "eu",
            Region::Canada => "ca",
            Region::AsiaPacific => "asia",
            Region::Australia => "com.au",
            Region::Singapore => "sg",
        }
    }

    /// `https://api.pingone.<suffix>/v1`.
    pub fn api_base_url(self) -> String {
        format!("https://api.pingone.{}/v1", self.domain_suffix())
    }

    /// `https://auth.pingone.<suffix>/<environmentId>/as/token`.
    pub fn token_url(self, environment_id: Uuid) -> String {
        format!(
            "https://auth.pingone.{}/{environment_id}/as/token",
            self.domain_suffix()
        )
    }
}
