//! The address a request is counted for by the sign-in throttle and the rate limits: the
//! connecting address, or the client named by a trusted proxy's forwarding headers
//! (`config::TrustedProxies`). Never stored or logged.

use std::net::IpAddr;

use actix_web::{HttpRequest, web};

use crate::config::Settings;

/// The client's address (`None` when the connection has none, e.g. in some tests).
pub fn client_addr(req: &HttpRequest) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let Some(settings) = req.app_data::<web::Data<Settings>>() else {
        return Some(peer);
    };
    if settings.trusted_proxies.is_empty() {
        return Some(peer);
    }
    let lines = |name: &str| -> Vec<&str> {
        req.headers()
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect()
    };
    let forwarded = lines("forwarded");
    let x_forwarded_for = lines("x-forwarded-for");
    Some(
        settings
            .trusted_proxies
            .client(peer, &forwarded, &x_forwarded_for),
    )
}
