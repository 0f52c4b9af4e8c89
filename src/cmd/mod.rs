//! The edge of the flow (cmd): each subcommand starts the steps (content to server or export).
//!
//! The command line, in the style of Zola: `serve` (the default), `build` and `check`,
//! each a few lines over the library.

mod build;
mod check;
mod feedback;
mod report;
mod serve;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use feedback::{FeedbackAction, csv_cell, escape};

use crate::model::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "madoguchi",
    version,
    about = "A public information site for local support services"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site over HTTP (the default).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// The content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Show the site as it will be at this instant (RFC 3339, any offset, e.g.
        /// 2026-12-30T10:00:00+09:00) instead of now.
        #[arg(long, value_parser = parse_instant)]
        now: Option<jiff::Timestamp>,
        /// Send `Strict-Transport-Security` with every response: only when the site is
        /// reached over HTTPS alone, behind a TLS front (browsers then refuse plain HTTP
        /// to this host for two years).
        #[arg(long)]
        hsts: bool,
        #[command(flatten)]
        feedback: FeedbackOptions,
    },
    /// Write the whole site as static files.
    Build {
        /// The folder to write to (created if missing; files in it are replaced).
        #[arg(long)]
        out: PathBuf,
        /// The content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Build the site as it will be at this instant (RFC 3339) instead of now.
        #[arg(long, value_parser = parse_instant)]
        now: Option<jiff::Timestamp>,
        /// Build even though `base_url` is an address on this machine (for tests: the
        /// pages' links and QR codes then work on this machine only).
        #[arg(long)]
        allow_local_base_url: bool,
    },
    /// Load and validate the content; print every problem as file:line:column.
    Check {
        /// The content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Check as at this instant (RFC 3339) instead of now: what counts as in the
        /// future, and which checks of the facts are old.
        #[arg(long, value_parser = parse_instant)]
        now: Option<jiff::Timestamp>,
        /// The language of the messages: en or ja (default: the site's default
        /// language, English when it cannot be read).
        #[arg(long)]
        lang: Option<Lang>,
    },
    /// Print the editors' to-do list: what is not known or not confirmed, what is due
    /// for review, untranslated text, sources to read again, the special dates ahead.
    Report {
        /// The content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Report as at this instant (RFC 3339) instead of now.
        #[arg(long, value_parser = parse_instant)]
        now: Option<jiff::Timestamp>,
        /// The language of the report: ja or en (default: the site's default language,
        /// English when it cannot be read).
        #[arg(long)]
        lang: Option<Lang>,
        /// text for people, json for other tools (its keys are listed in README.md).
        #[arg(long, value_enum, default_value = "text")]
        format: report::Format,
        /// The folder readers' reports are kept in (as given to `serve --data`): the
        /// pages with "something is wrong" reports since their last check are listed.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Readers' reports from the form at the end of every page: list, export, summary,
    /// purge.
    Feedback {
        /// The folder the reports are kept in (as given to `serve --data`).
        #[arg(long, default_value = "data", global = true)]
        data: PathBuf,
        /// The content directory, for the site's time zone.
        #[arg(long, default_value = "content", global = true)]
        content: PathBuf,
        #[command(subcommand)]
        action: FeedbackAction,
    },
}

/// How `serve` takes readers' reports.
#[derive(Debug, Clone, Args)]
pub struct FeedbackOptions {
    /// The folder readers' reports are kept in (created on first use).
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Reports one client address may send at once, and then per minute; more are
    /// answered 429.
    #[arg(long, default_value_t = 10)]
    pub feedback_per_minute: u32,
    /// The most reports stored in a day (UTC); more are answered 503 until the next day.
    #[arg(long, default_value_t = 2000)]
    pub feedback_daily_cap: u64,
    /// Take the client's address from this header, which the proxy in front sets (such
    /// as X-Real-IP), rather than from the connection (the proxy's own address).
    #[arg(long, value_name = "HEADER")]
    pub client_address_header: Option<String>,
}

impl Default for FeedbackOptions {
    fn default() -> Self {
        FeedbackOptions {
            data: PathBuf::from("data"),
            feedback_per_minute: 10,
            feedback_daily_cap: 2000,
            client_address_header: None,
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command.unwrap_or(Command::Serve {
        addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
        content: PathBuf::from("content"),
        now: None,
        hsts: false,
        feedback: FeedbackOptions::default(),
    }) {
        Command::Serve {
            addr,
            content,
            now,
            hsts,
            feedback,
        } => serve::serve(addr, &content, now, hsts, feedback),
        Command::Build {
            out,
            content,
            now,
            allow_local_base_url,
        } => build::build(&out, &content, now, allow_local_base_url),
        Command::Check { content, now, lang } => Ok(check::check(
            &content,
            now.unwrap_or_else(jiff::Timestamp::now),
            lang,
        )),
        Command::Report {
            content,
            now,
            lang,
            format,
            data,
        } => Ok(report::report(
            &content,
            &data,
            now.unwrap_or_else(jiff::Timestamp::now),
            lang,
            format,
        )),
        Command::Feedback {
            data,
            content,
            action,
        } => feedback::feedback(&data, &content, action),
    }
}

fn parse_instant(s: &str) -> Result<jiff::Timestamp, String> {
    s.parse::<jiff::Timestamp>().map_err(|e| {
        format!("`{s}` is not an RFC 3339 instant such as 2026-12-30T10:00:00+09:00 ({e})")
    })
}

/// Whether `url` points at this machine: `localhost` (or a name under it), a loopback
/// address or the unspecified one. Pages built with such a `base_url` link, share and
/// print QR codes that lead nowhere for anyone else.
pub fn is_local_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

/// What `serve` warns about and `build` refuses: a `base_url` left on this machine.
/// `None` when the site's address is one others can reach.
pub fn local_base_url(site: &crate::model::Site, content: &std::path::Path) -> Option<String> {
    local_base_url_in(site, content, Lang::En)
}

/// The same in the editors' language `lang`.
fn local_base_url_in(
    site: &crate::model::Site,
    content: &std::path::Path,
    lang: Lang,
) -> Option<String> {
    let (file, url) = (content.join("site.toml"), &site.base_url);
    let file = file.display();
    is_local_url(url).then(|| match lang {
        Lang::En => format!(
            "{file}: base_url `{url}` is an address on this machine: the pages' links, the sitemap and printed QR codes would lead nowhere for anyone else; set `base_url` to the address the site is published at"
        ),
        Lang::Ja => format!(
            "{file}: base_url `{url}` は、このコンピューターの中でしか使えないアドレスです。このままでは、ページのリンク、サイトマップ、印刷した QR コードが、ほかの人には使えません\n  = ヒント: base_url に、サイトを公開するアドレスを書いてください"
        ),
    })
}

/// The static files that go with a content directory: `static/` beside it, or else
/// `static/` in the working directory (where `cargo run` is started).
fn static_dir_for(content: &std::path::Path) -> PathBuf {
    content
        .parent()
        .map(|p| p.join("static"))
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| "static".into())
}
