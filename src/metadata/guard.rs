//! What keeps a metadata fetch away from places a customer's URL must not reach: addresses
//! that are not public (checked on every resolved address and every redirect), and redirects
//! beyond the allowed number.

use std::net::{IpAddr, SocketAddr};

use super::FetchOptions;

/// A URL as errors and results show it: without user name, password, query or fragment,
/// any of which may carry a secret (`?…` says a query was there).
pub(super) fn shown(url: &url::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    let had_query = shown.query().is_some();
    shown.set_query(None);
    shown.set_fragment(None);
    if had_query {
        format!("{shown}?…")
    } else {
        shown.to_string()
    }
}

/// How a refused host name is described.
pub(super) const PRIVATE_ONLY: &str =
    "resolves only to loopback, private, link-local or unspecified addresses";

/// The redirect policy of a fetch: at most `max_redirects`, each to a URL the options allow.
pub(super) fn redirects(options: FetchOptions) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > options.max_redirects {
            return attempt.error(format!("more than {} redirects", options.max_redirects));
        }
        match options.check_url(attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(reason) => {
                let target = shown(attempt.url());
                attempt.error(format!("{target} {reason}"))
            }
        }
    })
}

/// Resolves host names, keeping only the addresses the options allow.
pub(super) struct GuardedResolver(pub(super) FetchOptions);

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let options = self.0.clone();
        Box::pin(async move {
            let host = name.as_str().to_ascii_lowercase();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|address| options.may_reach(&host, address.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(format!("{host} {PRIVATE_ONLY}").into());
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether an address is reachable from the public internet: not loopback, private (RFC 1918,
/// unique local), shared (RFC 6598), link-local, unspecified, broadcast or multicast.
pub(super) fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || (first & 0xfe00) == 0xfc00
                    || (first & 0xffc0) == 0xfe80)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_what_may_be_secret() {
        let url =
            url::Url::parse("https://user:pa55@idp.example:8443/md.xml?token=t0k#frag").unwrap();
        assert_eq!(shown(&url), "https://idp.example:8443/md.xml?…");
        let plain = url::Url::parse("https://idp.example/md.xml").unwrap();
        assert_eq!(shown(&plain), "https://idp.example/md.xml");
    }

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "2606:2800:220:1::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
