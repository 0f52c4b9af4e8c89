//! `madoguchi serve`: load the content, then serve it until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::content;
use crate::render::Pages;
use crate::server::{self, Clock};

pub fn serve(
    addr: SocketAddr,
    dir: &Path,
    now: Option<jiff::Timestamp>,
) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "madoguchi=info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    if !dir.is_dir() {
        eprintln!("{}", content::missing_dir(dir));
        return Ok(ExitCode::FAILURE);
    }
    let clock = now.map_or(Clock::System, Clock::Fixed);
    let site = match content::load(dir, clock.now()) {
        Ok(site) => site,
        Err(problems) => {
            eprintln!("{problems}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let pages = Arc::new(Pages::new(site));
    let static_dir = super::static_dir_for(dir);

    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        match clock {
            Clock::System => tracing::info!("serving http://{addr}/"),
            Clock::Fixed(t) => tracing::info!(
                "serving http://{addr}/ as the site will be at {}",
                t.to_zoned_datetime(pages.site().time_zone.clone())
            ),
        }
        axum::serve(listener, server::app(pages, &static_dir, clock))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("server error")
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
