//! The address a request came from, for rate limits. Known when the server runs with
//! `into_make_service_with_connect_info` (always in `serve`), unknown when tests drive
//! the router directly; unknown clients share one key.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::Extensions;
use axum::http::request::Parts;

pub struct ClientAddr(pub Option<SocketAddr>);

impl ClientAddr {
    pub fn of(extensions: &Extensions) -> ClientAddr {
        ClientAddr(
            extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| *addr),
        )
    }

    /// The IP address as text (`unknown` when not known).
    pub fn ip(&self) -> String {
        self.0
            .map(|addr| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::of(&parts.extensions))
    }
}
