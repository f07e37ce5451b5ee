//! The Broadsheet web application. Each capability owns its routes (the reader site,
//! reader accounts, the newsroom); `router` only composes them.

mod accounts;
mod api;
mod app;
mod client;
mod csrf;
mod email;
mod error;
mod form;
mod layout;
mod newsroom;
mod reader;
mod respond;
mod router;
mod syndication;

pub use app::{App, AppState, BuildError};
pub use error::WebError;
pub use router::router;

/// Serves the application on a bound listener until the process is asked to stop.
pub async fn serve(app: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let router = router(app);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
