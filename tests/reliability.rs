//! The real binary on a loopback port, serving a copy of the fixture ward: a corpus of
//! malformed and hostile requests (never a 5xx, never a file outside the site, the server
//! still answers afterwards), content reloads that are good and bad, SIGHUP, and a clean
//! exit on SIGTERM; `--hsts` on the command line.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn start(content: &Path) -> Server {
        Server::start_with(content, &[])
    }

    /// With more arguments after `serve --addr … --content DIR`.
    fn start_with(content: &Path, args: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = content.with_extension(format!("{port}.log"));
        let child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--content"])
            .arg(content)
            // Readers' reports go beside the content copy, not into the working directory.
            .arg("--data")
            .arg(content.with_extension(format!("{port}.data")))
            .args(args)
            .env("RUST_LOG", "madoguchi=info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let server = Server { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not start:\n{}", server.log());
    }

    /// Sends raw bytes, returns the status code (0 if the connection closed silently).
    fn raw(&self, request: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let _ = stream.write_all(request);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, text)
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.raw(
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// A copy of the fixture ward as `content/`, with the static folder beside it.
fn site_copy(name: &str) -> PathBuf {
    copy_of("tests/fixtures/valid", name)
}

/// A copy of the content folder `from` as `content/`, with the static folder beside it.
fn copy_of(from: &str, name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("madoguchi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [(from, "content"), ("static", "static")] {
        std::fs::create_dir_all(root.join(to)).unwrap();
        for entry in std::fs::read_dir(manifest.join(from)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, root.join(to).join(path.file_name().unwrap())).unwrap();
        }
    }
    root.join("content")
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not happen within 5 s");
}

#[test]
fn hostile_requests_get_4xx_never_5xx_and_leak_nothing() {
    let content = site_copy("corpus");
    let server = Server::start(&content);
    let long_header = format!("X-Big: {}\r\n", "a".repeat(100_000));
    let many_params: String = (0..5000).map(|i| format!("p{i}=1&")).collect();
    let corpus: Vec<(&str, Vec<u8>, &[u16])> = vec![
        ("traversal", b"GET /static/../Cargo.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404, 400]),
        ("traversal, encoded", b"GET /static/%2e%2e/%2e%2e/Cargo.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404, 400]),
        ("traversal, encoded slashes", b"GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404, 400]),
        ("traversal to content", b"GET /static/../content/site.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404, 400]),
        ("NUL, encoded", b"GET /services/%00/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404, 400]),
        ("NUL, raw", b"GET /ser\x00vices/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400, 0]),
        ("invalid UTF-8, raw", b"GET /\xff\xfe/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400, 404, 0]),
        ("invalid UTF-8, encoded", b"GET /%ff%fe/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404]),
        ("overlong URI", format!("GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a".repeat(10_000)).into_bytes(), &[414]),
        ("huge header", format!("GET / HTTP/1.1\r\nHost: x\r\n{long_header}Connection: close\r\n\r\n").into_bytes(), &[431, 400, 0]),
        ("thousands of query parameters", format!("GET /?{many_params} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(), &[414]),
        ("POST", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc".to_vec(), &[405]),
        ("DELETE", b"DELETE /services/line/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[405]),
        ("unknown method", b"BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[405, 400]),
        ("odd Range", b"GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=9999999-1\r\nConnection: close\r\n\r\n".to_vec(), &[200, 416]),
        ("many Ranges", format!("GET / HTTP/1.1\r\nHost: x\r\nRange: bytes={}\r\nConnection: close\r\n\r\n", "0-1,".repeat(500)).into_bytes(), &[200, 416]),
        ("odd Host", b"GET / HTTP/1.1\r\nHost: \xff..evil..\r\nConnection: close\r\n\r\n".to_vec(), &[200, 400]),
        ("no Host", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(), &[200, 400]),
        ("HTTP/1.0", b"GET / HTTP/1.0\r\n\r\n".to_vec(), &[200]),
        ("garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n".to_vec(), &[400, 0]),
        ("absolute URI", b"GET http://127.0.0.1/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[200]),
        ("asterisk", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[405, 400, 404]),
    ];
    let mut wrong = Vec::new();
    for (name, request, allowed) in &corpus {
        let (status, text) = server.raw(request);
        if !allowed.contains(&status) {
            wrong.push(format!("{name}: {status}, expected one of {allowed:?}"));
        }
        if text.contains("[site]") || text.contains("root:") || text.contains("[package]") {
            wrong.push(format!("{name}: leaked a file"));
        }
    }
    // Still answering, and never a panic in the log.
    assert_eq!(server.get("/").0, 200);
    let log = server.log();
    assert!(!log.contains("panicked"), "{log}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let _ = std::fs::remove_dir_all(content.parent().unwrap());
}

#[test]
fn a_good_edit_is_live_a_broken_one_keeps_the_last_good_version() {
    let content = site_copy("reload");
    let server = Server::start(&content);
    let services = content.join("services.toml");
    let original = std::fs::read_to_string(&services).unwrap();
    let version = |s: &Server| {
        s.get("/healthz")
            .1
            .split("content_version\":\"")
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    let v1 = version(&server);

    // A good edit: live within a second or so.
    let edited = original.replacen(
        "A quiet place to spend an afternoon.",
        "A quiet place to spend a morning.",
        1,
    );
    assert_ne!(edited, original);
    std::fs::write(&services, &edited).unwrap();
    eventually("the edit going live", || {
        server
            .get("/services/cafe/")
            .1
            .contains("A quiet place to spend a morning.")
    });
    let v2 = version(&server);
    assert_ne!(v1, v2);

    // A broken edit: logged with file:line:column, the last good version stays.
    std::fs::write(
        &services,
        edited.replacen("contact = \"line\"", "contact = \"lien\"", 1),
    )
    .unwrap();
    eventually("the problem being logged", || {
        server.log().contains("services.toml:")
    });
    let log = server.log();
    let line = log.lines().find(|l| l.contains("services.toml:")).unwrap();
    assert!(line.contains("unknown contact `lien`"), "{line}");
    assert!(log.contains("still serving the last good version"), "{log}");
    assert!(
        server
            .get("/services/cafe/")
            .1
            .contains("A quiet place to spend a morning.")
    );
    assert_eq!(version(&server), v2);

    // Fixed again, by SIGHUP as well as by the watcher.
    std::fs::write(&services, &original).unwrap();
    server.signal("HUP");
    eventually("the fix going live", || {
        server
            .get("/services/cafe/")
            .1
            .contains("A quiet place to spend an afternoon.")
    });
    assert_eq!(version(&server), v1);
    let _ = std::fs::remove_dir_all(content.parent().unwrap());
}

/// `serve --hsts` sends `Strict-Transport-Security`; plain `serve` does not.
#[test]
fn hsts_is_sent_only_when_asked_for() {
    let content = site_copy("hsts");
    let has_hsts = |server: &Server| {
        let (status, head) = server
            .raw(b"HEAD /services/walk/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assert_eq!(status, 200, "{head}");
        head.lines()
            .any(|l| l.eq_ignore_ascii_case("strict-transport-security: max-age=63072000"))
    };
    assert!(!has_hsts(&Server::start(&content)));
    let server = Server::start_with(&content, &["--hsts"]);
    assert!(has_hsts(&server), "{}", server.log());
    // The fixture's base_url is https://: nothing to warn about.
    assert!(!server.log().contains("--hsts"), "{}", server.log());
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let content = site_copy("term");
    let mut server = Server::start(&content);
    assert_eq!(server.get("/").0, 200);
    server.signal("TERM");
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running 15 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", server.log());
    assert!(server.log().contains("shutting down"));
    let _ = std::fs::remove_dir_all(content.parent().unwrap());
}

/// A Japanese site's broken edit is logged in English for the operators and in
/// Japanese, with its hint, for the editors who must fix it.
#[test]
fn a_broken_edit_of_a_japanese_site_is_logged_in_japanese_too() {
    let content = copy_of("content", "reload-ja");
    let server = Server::start(&content);
    let hours = content.join("hours.toml");
    let original = std::fs::read_to_string(&hours).unwrap();
    let broken = original.replacen("closes = \"17:00\"", "closes = \"08:00\"", 1);
    assert_ne!(broken, original);
    std::fs::write(&hours, broken).unwrap();
    eventually("the problem being logged", || {
        server.log().contains("コンテンツに 1 件の問題があります")
    });
    let log = server.log();
    assert!(log.contains("still serving the last good version"), "{log}");
    for line in [
        "hours.toml:16:10: closing time 08:00 is not after opening time 08:30",
        "コンテンツに問題があるため、前の正しい版のまま公開を続けています:",
        "hours.toml:16:10: 終了時刻 08:00 が開始時刻 08:30 より後になっていません",
        "  = ヒント: 夜中の 0 時をまたいで翌日に終わる時間なら、`overnight = true` を書き足してください",
    ] {
        assert!(log.contains(line), "{line}\nnot in:\n{log}");
    }
    assert_eq!(server.get("/").0, 200);
    let _ = std::fs::remove_dir_all(content.parent().unwrap());
}
