//! Trusted reverse proxies (`CHORUS_TRUSTED_PROXIES`): only a request that arrives from one of
//! them has its `Forwarded` or `X-Forwarded-For` header believed, so the sign-in throttle and the
//! rate limits count each client behind the proxy on its own, and nobody can choose their own
//! address by sending the header straight to Chorus.

use std::net::IpAddr;

use ipnet::IpNet;

/// The proxies whose forwarding headers are believed; empty (the default) believes none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads a comma-separated list of addresses or CIDR ranges ("10.0.0.0/8, ::1").
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let net = part
                .parse::<IpNet>()
                .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!("'{part}' should be an address or a range such as 10.0.0.0/8")
                })?;
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    /// Whether any proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the connecting address, unless that is a trusted proxy — then the
    /// forwarded chain is read from the right, past every trusted proxy, to the first address
    /// that is not one. `Forwarded` (RFC 7239) is read when present, else `X-Forwarded-For`;
    /// several header lines count as one list in order. An entry that is not an address
    /// ("unknown", an obfuscated name) stops the walk at the proxy that reported it.
    pub fn client(&self, peer: IpAddr, forwarded: &[&str], x_forwarded_for: &[&str]) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<Option<IpAddr>> = if forwarded.is_empty() {
            x_forwarded_for
                .iter()
                .flat_map(|line| line.split(','))
                .map(|entry| entry.trim().parse::<IpAddr>().ok())
                .collect()
        } else {
            forwarded
                .iter()
                .flat_map(|line| line.split(','))
                .map(forwarded_for)
                .collect()
        };
        let mut client = peer;
        for entry in chain.iter().rev() {
            match entry {
                Some(ip) if self.trusts(client) => client = canonical(*ip),
                _ => break,
            }
        }
        client
    }
}

/// The `for=` address of one `Forwarded` element, without quotes, brackets or port.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    let value = element.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim().eq_ignore_ascii_case("for").then(|| value.trim())
    })?;
    let value = value.trim_matches('"');
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    value
        .parse()
        .ok()
        .or_else(|| value.rsplit_once(':')?.0.parse().ok())
}

/// IPv4 addresses mapped into IPv6 (`::ffff:192.0.2.1`) read as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ranges_and_single_addresses_are_read_and_nonsense_is_refused() {
        let t = TrustedProxies::parse(" 10.0.0.0/8, 127.0.0.1 ,::1,").unwrap();
        assert!(t.trusts(ip("10.1.2.3")) && t.trusts(ip("127.0.0.1")) && t.trusts(ip("::1")));
        assert!(t.trusts(ip("::ffff:10.9.9.9")));
        assert!(!t.trusts(ip("11.0.0.1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.example").is_err());
    }

    #[test]
    fn headers_from_an_untrusted_address_are_ignored() {
        let none = TrustedProxies::default();
        let peer = ip("203.0.113.9");
        assert_eq!(none.client(peer, &[], &["198.51.100.1"]), peer);
        let t = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(
            t.client(peer, &["for=198.51.100.1"], &["198.51.100.1"]),
            peer
        );
    }

    #[test]
    fn the_chain_is_read_from_the_right_past_trusted_proxies_only() {
        let t = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let proxy = ip("10.0.0.2");
        // A client cannot hide behind an address it wrote itself at the left.
        assert_eq!(
            t.client(proxy, &[], &["1.1.1.1, 198.51.100.7", "10.0.0.5"]),
            ip("198.51.100.7")
        );
        assert_eq!(t.client(proxy, &[], &[]), proxy);
        assert_eq!(t.client(proxy, &[], &["unknown"]), proxy);
        assert_eq!(
            t.client(
                proxy,
                &["for=1.1.1.1, for=\"[2001:db8::17]:4711\";proto=https"],
                &[]
            ),
            ip("2001:db8::17")
        );
        assert_eq!(
            t.client(proxy, &["For=198.51.100.3:8080;by=10.0.0.2"], &["9.9.9.9"]),
            ip("198.51.100.3")
        );
        assert_eq!(t.client(proxy, &["for=_hidden"], &[]), proxy);
        // Every hop trusted: the leftmost address is the client.
        assert_eq!(t.client(proxy, &[], &["10.0.0.9"]), ip("10.0.0.9"));
    }
}
