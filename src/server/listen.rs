//! The accept loop. axum's own `serve` has no header-read timeout, and a client that
//! opens connections and sends headers slowly must not hold them open, so connections
//! are served with hyper directly: headers within `Timeouts::header_read`, and on
//! shutdown no new connections, requests in flight finished for up to `Timeouts::drain`.
//!
//! HTTP/1.1 only. HTTP/2 is not compiled in: its own timeouts (keep-alive pings, a
//! stream's headers) would need configuring and testing apart, no browser speaks it
//! without TLS (which a proxy or CDN in front of the site terminates, and which speaks
//! HTTP/2 to browsers), and the pages are small enough that one connection's
//! multiplexing gains nothing measurable here.

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::body::HttpBody;
use bytes::Bytes;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::{Service, ServiceExt};

use super::feedback::ClientAddr;

/// How long the server waits for a client, and for itself.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Time a client has to send its request headers, from the connection's start (or
    /// the end of its previous request).
    pub header_read: Duration,
    /// How long requests in flight may take to finish after a shutdown signal.
    pub drain: Duration,
}

impl Timeouts {
    /// What `serve` uses.
    pub const SERVE: Timeouts = Timeouts {
        header_read: Duration::from_secs(5),
        drain: Duration::from_secs(10),
    };
}
/// The largest request head accepted; larger heads get 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Serves `site` (see `super::site`) on every connection `listener` accepts, until
/// `shutdown`.
pub async fn serve<S, B>(
    listener: TcpListener,
    site: S,
    shutdown: impl Future<Output = ()>,
    timeouts: Timeouts,
) where
    S: Service<hyper::Request<Incoming>, Response = hyper::Response<B>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    B: HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send + 'static,
{
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // The client's address goes with a report (and only a report, the one request
        // that needs it), for the flood limit of `server::feedback`.
        let client = ClientAddr(peer.ip());
        let service = TowerToHyperService::new(site.clone().map_request(
            move |mut request: hyper::Request<Incoming>| {
                if request.method() == hyper::Method::POST {
                    request.extensions_mut().insert(client);
                }
                request
            },
        ));
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeouts.header_read)
                .max_header_size(MAX_HEAD_BYTES)
                .serve_connection(TokioIo::new(stream), service);
            if let Err(e) = watcher.watch(connection).await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("all requests finished"),
        () = tokio::time::sleep(timeouts.drain) => tracing::warn!("stopped waiting for requests in flight"),
    }
}
