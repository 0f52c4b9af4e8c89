//! The edge of the flow (cmd): content, then render, then server.
//!
//! `madoguchi serve`: load the content, render every page, serve them until Ctrl-C or
//! SIGTERM, and reload when the content changes or on SIGHUP.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use crate::content;
use crate::render::Folders;
use crate::server::reload;
use crate::server::{self, Clock, DeskSettings, FeedbackDesk, Live};
use crate::store::{Inbox, InboxSettings};

pub(super) fn serve(
    addr: SocketAddr,
    dir: &Path,
    now: Option<jiff::Timestamp>,
    hsts: bool,
    feedback: super::FeedbackOptions,
) -> anyhow::Result<ExitCode> {
    server::memory::two_arenas();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "madoguchi=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    if !dir.is_dir() {
        eprintln!("{}", content::missing_dir(dir));
        return Ok(ExitCode::FAILURE);
    }
    let clock = now.map_or(Clock::System, Clock::Fixed);
    let source = Folders {
        content: dir.to_path_buf(),
        static_dir: super::static_dir_for(dir),
    };
    let loaded = match source.load(jiff::Timestamp::now()) {
        Ok(loaded) => loaded,
        Err(e) => {
            let ja = "コンテンツに問題があるため、サイトを始められません:";
            eprintln!("{}", reload::broken(&e, dir, ja));
            return Ok(ExitCode::FAILURE);
        }
    };
    let started = Instant::now();
    reload::log_warnings(&loaded.warnings, dir);
    if let Some(problem) = super::local_base_url(loaded.pages.site(), dir) {
        tracing::warn!("{problem}");
    }
    let hsts = match hsts {
        true => {
            if !loaded.pages.site().base_url.starts_with("https://") {
                tracing::warn!(
                    "--hsts is given but base_url `{}` is not https://: browsers follow Strict-Transport-Security only over HTTPS, and the site's own links should be https:// too",
                    loaded.pages.site().base_url
                );
            }
            server::Hsts::On
        }
        false => server::Hsts::Off,
    };
    let time_zone = loaded.pages.site().time_zone.clone();
    let (load_time, version) = (loaded.load_time, loaded.version.clone());
    let retention_days = loaded.pages.site().feedback.retention_days;
    let live = Arc::new(
        Live::taking_feedback(loaded.pages, loaded.version, clock).context("rendering the site")?,
    );
    tracing::info!(
        version,
        "content loaded and checked in {:.1} ms; every document rendered and compressed in {:.1} ms",
        load_time.as_secs_f64() * 1000.0,
        started.elapsed().as_secs_f64() * 1000.0
    );

    let client_address_header = match feedback.client_address_header.as_deref() {
        Some(name) => Some(
            axum::http::HeaderName::try_from(name)
                .with_context(|| format!("`{name}` is not a header name"))?,
        ),
        None => None,
    };
    // Opened before the first request; while it cannot be, pages are served and reports
    // answered 503 (the log says why).
    let inbox = Inbox::start(
        feedback.data.clone(),
        InboxSettings {
            daily_cap: feedback.feedback_daily_cap,
            retention_days,
            ..InboxSettings::default()
        },
    );
    let desk = Arc::new(FeedbackDesk::new(
        inbox,
        DeskSettings {
            per_minute: feedback.feedback_per_minute,
            client_address_header,
        },
    ));

    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let _watcher = match reload::watch(live.clone(), source) {
            Ok(w) => Some(w),
            Err(e) => {
                tracing::warn!(error = %e, "cannot watch the content; reload with SIGHUP");
                None
            }
        };
        match clock {
            Clock::System => {
                tokio::spawn(server::render_ahead(live.clone()));
                tracing::info!("serving http://{addr}/")
            }
            Clock::Fixed(t) => tracing::info!(
                "serving http://{addr}/ as the site will be at {}",
                t.to_zoned_datetime(time_zone)
            ),
        }
        server::serve(
            listener,
            server::site(live, hsts, Some(desk)),
            shutdown_signal(),
            server::Timeouts::SERVE,
        )
        .await;
        anyhow::Ok(())
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
    tracing::info!("shutting down: no new connections, finishing requests in flight");
}
