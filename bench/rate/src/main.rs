//! A fixed-rate load generator, for `bench/run`: requests are sent at a constant offered
//! rate whatever the server does (open loop), and each one's latency is counted from the
//! instant it was meant to be sent, so a stall of the server shows in the latencies of
//! every request it held up instead of hiding them (coordinated omission, which a
//! closed-loop tool such as wrk has). wrk2 does this but is not packaged by Debian.
//!
//!   madoguchi-rate URL RATE SECONDS [CONNECTIONS]
//!
//! Request i is due at start + i / RATE. Each of CONNECTIONS threads keeps one keep-alive
//! HTTP/1.1 connection, takes the next due request, sleeps until it is due (or sends it
//! at once when it is late), and waits for the whole answer. The first second is warm-up
//! and not counted. Prints one line:
//!   `offered R/s sent N ok N errors N p50 X p99 Y p99.9 Z max W` (ms).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Requests due in the first second are sent but not counted.
const WARM_UP: Duration = Duration::from_secs(1);

struct Target {
    host: String,
    path: String,
}

impl Target {
    /// `http://host:port/path`.
    fn parse(url: &str) -> Option<Target> {
        let rest = url.strip_prefix("http://")?;
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        Some(Target {
            host: host.to_string(),
            path: path.to_string(),
        })
    }
}

/// What one connection's thread measured: latencies in microseconds, and errors.
#[derive(Default)]
struct Tally {
    latencies: Vec<u32>,
    sent: u64,
    errors: u64,
    /// What went wrong the first time, for the report.
    first_error: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(target), Some(rate), Some(seconds)) = (
        args.get(1).and_then(|u| Target::parse(u)),
        args.get(2).and_then(|r| r.parse::<f64>().ok()),
        args.get(3).and_then(|s| s.parse::<f64>().ok()),
    ) else {
        eprintln!("usage: madoguchi-rate http://HOST:PORT/PATH RATE SECONDS [CONNECTIONS]");
        return ExitCode::from(2);
    };
    let connections: usize = args.get(4).and_then(|c| c.parse().ok()).unwrap_or(16);
    let total = (rate * (seconds + WARM_UP.as_secs_f64())) as u64;
    let target = Arc::new(target);
    let next = Arc::new(AtomicU64::new(0));
    // A little ahead, so every thread is connected and waiting before the first is due.
    let start = Instant::now() + Duration::from_millis(200);
    let threads: Vec<_> = (0..connections)
        .map(|_| {
            let (target, next) = (target.clone(), next.clone());
            std::thread::spawn(move || run(&target, &next, total, rate, start))
        })
        .collect();
    let mut all = Tally::default();
    for thread in threads {
        let tally = thread.join().unwrap_or_default();
        all.latencies.extend(tally.latencies);
        all.sent += tally.sent;
        all.errors += tally.errors;
        all.first_error = all.first_error.or(tally.first_error);
    }
    if let Some(e) = &all.first_error {
        eprintln!("madoguchi-rate: {} errors, the first: {e}", all.errors);
    }
    all.latencies.sort_unstable();
    let at = |q: f64| -> f64 {
        match all.latencies.len() {
            0 => 0.0,
            n => f64::from(all.latencies[((n as f64 * q) as usize).min(n - 1)]) / 1000.0,
        }
    };
    println!(
        "offered {rate:.0}/s sent {} ok {} errors {} p50 {:.2} p99 {:.2} p99.9 {:.2} max {:.2}",
        all.sent,
        all.latencies.len(),
        all.errors,
        at(0.50),
        at(0.99),
        at(0.999),
        at(1.0)
    );
    ExitCode::SUCCESS
}

/// One connection: takes the next due request until all are taken.
fn run(target: &Target, next: &AtomicU64, total: u64, rate: f64, start: Instant) -> Tally {
    // Linux rounds a sleep up by the thread's timer slack, 50 µs by default: 1 µs here.
    // SAFETY: prctl with PR_SET_TIMERSLACK takes one integer and touches no memory.
    unsafe {
        libc::prctl(libc::PR_SET_TIMERSLACK, 1_000 as libc::c_ulong);
    }
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: madoguchi-rate\r\n\r\n",
        target.path, target.host
    );
    let mut tally = Tally::default();
    let mut connection: Option<BufReader<TcpStream>> = None;
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= total {
            return tally;
        }
        let due = start + Duration::from_secs_f64(i as f64 / rate);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        tally.sent += 1;
        let answered = exchange(&mut connection, &target.host, request.as_bytes());
        let latency = due.elapsed();
        match answered {
            Ok(()) if due >= start + WARM_UP => tally
                .latencies
                .push(u32::try_from(latency.as_micros()).unwrap_or(u32::MAX)),
            Ok(()) => {}
            Err(e) => {
                tally.errors += 1;
                tally
                    .first_error
                    .get_or_insert_with(|| format!("request {i}: {e}"));
                connection = None;
            }
        }
    }
}

/// Sends one request on the connection (opening it if needed) and reads the whole
/// answer, which must be a 200 with a Content-Length.
fn exchange(
    connection: &mut Option<BufReader<TcpStream>>,
    host: &str,
    request: &[u8],
) -> std::io::Result<()> {
    let other = |what: &str| std::io::Error::other(what.to_string());
    if connection.is_none() {
        let stream = TcpStream::connect(host)?;
        stream.set_nodelay(true)?;
        *connection = Some(BufReader::with_capacity(64 * 1024, stream));
    }
    let reader = connection.as_mut().ok_or_else(|| other("no connection"))?;
    reader.get_mut().write_all(request)?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    if !line.starts_with("HTTP/1.1 200 ") {
        return Err(other(&format!("answered {}", line.trim_end())));
    }
    let mut length = None;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(other("closed in the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<u64>().ok();
        }
    }
    let length = length.ok_or_else(|| other("no Content-Length"))?;
    let copied = std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink())?;
    if copied != length {
        return Err(other("closed in the body"));
    }
    Ok(())
}
