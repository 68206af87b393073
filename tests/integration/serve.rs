//! `glassbox serve`: a real server on 127.0.0.1:0, driven over HTTP and its
//! event stream, and the pure parts (event classification, path
//! resolution, the page decorations) with tables.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use glassbox::commands::serve::overlay;
use glassbox::commands::serve::routes::{self, Route};
use glassbox::commands::serve::watch::{Action, Kind, Roots, classify};

use crate::support::*;

/// Long enough for a debug build on a loaded 2-core machine; the tests
/// never depend on how fast it is, only that it happens.
const WAIT: Duration = Duration::from_secs(30);

pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: String,
    pub(crate) root: String,
}

impl Server {
    pub(crate) fn start(portal: &Path) -> Server {
        Server::start_with(portal, &[])
    }

    pub(crate) fn start_with(portal: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_glassbox"))
            .args(["serve", portal.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .args(["--today", "2026-11-26"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = receive
            .recv_timeout(WAIT)
            .expect("serve printed its address");
        let url = line
            .trim()
            .strip_prefix("Serving the portal at http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        let (addr, root) = url.split_at(url.find('/').unwrap());
        Server {
            child,
            addr: addr.to_string(),
            root: root.to_string(),
        }
    }

    /// GET (or another method) over a fresh connection; the raw path is sent
    /// as it is, so traversal attempts reach the server unchanged.
    pub(crate) fn request(&self, method: &str, path: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    /// GET with the `Host` header a browser would send for `host`.
    pub(crate) fn get_as(&self, host: &str, path: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    pub(crate) fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "GET /__glassbox/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .unwrap();
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Some(event) = line.strip_prefix("event: ")
                    && send.send(event.to_string()).is_err()
                {
                    break;
                }
            }
        });
        let events = Events(receive);
        events.expect("hello");
        events
    }

    pub(crate) fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "serve did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Events(pub(crate) mpsc::Receiver<String>);

impl Events {
    pub(crate) fn expect(&self, name: &str) {
        let got = self
            .0
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no `{name}` event arrived"));
        assert_eq!(got, name);
    }
}

#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let text = String::from_utf8_lossy(raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            l.strip_prefix(&format!("{name}: "))
                .map(|v| v.trim_end_matches('\r'))
        })
    }
}

pub(crate) fn minimal_portal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("portal");
    copy_dir(&fixture("minimal"), &portal);
    (dir, portal)
}

/// Saves a file the way many editors do: write a temporary file beside it,
/// then rename it over the old one.
pub(crate) fn save(path: &Path, text: &str) {
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

pub(crate) const SYSTEM: &str = "content/systems/parking-cameras.md";

#[test]
fn serve_reloads_on_save_shows_errors_on_every_page_then_recovers() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    assert_eq!(server.root, "/");
    let page = server.get("/systems/parking-cameras/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Parking cameras"));
    assert!(
        page.body
            .contains("<script src=\"/__glassbox/live-reload.js\"></script>")
    );
    assert!(!page.body.contains("glassbox-preview-problems"));

    let events = server.events();
    let file = portal.join(SYSTEM);
    let original = std::fs::read_to_string(&file).unwrap();

    // An edit shows up after one reload event.
    save(
        &file,
        &original.replace("name: Parking cameras", "name: Bus lane cameras"),
    );
    events.expect("reload");
    let page = server.get("/systems/parking-cameras/");
    assert!(page.body.contains("Bus lane cameras"), "{}", page.body);

    // A mistake: the last good page stays, with the error on top of it.
    save(&file, &original.replace("summary:", "sumary:"));
    events.expect("reload");
    for path in ["/systems/parking-cameras/", "/", "/errors/"] {
        let page = server.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("There is a problem"),
            "{path}: {}",
            page.body
        );
        assert!(
            page.body
                .contains("content/systems/parking-cameras.md, line 3, column 1"),
            "{path}: {}",
            page.body
        );
        assert!(page.body.contains("unknown field"), "{}", page.body);
        assert!(page.body.contains("To fix it:"), "{}", page.body);
    }
    assert!(
        server
            .get("/systems/parking-cameras/")
            .body
            .contains("Bus lane cameras")
    );

    // Fixed: the real page, with no problems box.
    save(&file, &original);
    events.expect("reload");
    let page = server.get("/systems/parking-cameras/");
    assert!(page.body.contains("Parking cameras"));
    assert!(!page.body.contains("glassbox-preview-problems"));
    assert!(server.interrupt().success());
}

#[test]
fn serve_with_poll_sees_saves_too() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start_with(&portal, &["--poll"]);
    let events = server.events();
    let file = portal.join(SYSTEM);
    let text = std::fs::read_to_string(&file).unwrap();
    save(
        &file,
        &text.replace("name: Parking cameras", "name: Polled cameras"),
    );
    events.expect("reload");
    assert!(
        server
            .get("/systems/parking-cameras/")
            .body
            .contains("Polled cameras")
    );
    // A new file is seen too.
    std::fs::write(portal.join("content/systems/new.md"), "").unwrap();
    events.expect("reload");
    assert!(server.get("/").body.contains("There is a problem"));
    assert!(server.interrupt().success());
}

#[test]
fn serve_survives_junk_deleted_folders_and_a_renamed_theme() {
    let (_dir, portal) = minimal_portal();
    std::fs::create_dir_all(portal.join("themes/default/templates")).unwrap();
    let server = Server::start(&portal);
    let events = server.events();

    std::fs::write(portal.join("content/systems/empty.md"), "").unwrap();
    events.expect("reload");
    assert!(server.get("/").body.contains("There is a problem"));

    std::fs::write(
        portal.join("content/systems/junk.md"),
        [0u8, 159, 146, 150, 255, 0, 1],
    )
    .unwrap();
    events.expect("reload");
    std::fs::remove_file(portal.join("content/systems/empty.md")).unwrap();
    events.expect("reload");
    std::fs::remove_file(portal.join("content/systems/junk.md")).unwrap();
    events.expect("reload");
    assert!(!server.get("/").body.contains("There is a problem"));

    // The whole content folder goes away, then comes back.
    let aside = portal.with_file_name("content-aside");
    std::fs::rename(portal.join("content"), &aside).unwrap();
    events.expect("reload");
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("There is a problem"), "{}", page.body);
    std::fs::rename(&aside, portal.join("content")).unwrap();
    events.expect("reload");
    assert!(!server.get("/").body.contains("There is a problem"));

    // Saves inside the returned folder are seen again.
    let file = portal.join(SYSTEM);
    let text = std::fs::read_to_string(&file).unwrap();
    save(
        &file,
        &text.replace("name: Parking cameras", "name: Renamed cameras"),
    );
    events.expect("reload");
    assert!(
        server
            .get("/systems/parking-cameras/")
            .body
            .contains("Renamed cameras")
    );

    // The theme folder renamed away: the built-in theme takes over.
    std::fs::rename(portal.join("themes"), portal.join("themes-old")).unwrap();
    events.expect("reload");
    assert_eq!(server.get("/systems/parking-cameras/").status, 200);
    assert!(server.interrupt().success());
}

#[test]
fn serve_answers_from_memory_with_types_redirects_404_and_refusals() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    assert!(!portal.join("site").exists(), "serve must not write site/");

    let home = server.get("/").body;
    let start = home.find("href=\"/assets/style.").unwrap() + "href=\"".len();
    let css = server.get(&home[start..start + home[start..].find('"').unwrap()]);
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        server.get("/sitemap.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(server.get("/").header("cache-control"), Some("no-store"));

    let redirect = server.get("/systems");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/systems/"));

    let missing = server.get("/systems/no-such-system/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);

    for attempt in [
        "/../Cargo.toml",
        "/systems/../../content/portal.yaml",
        "/%2e%2e/content/portal.yaml",
        "/%2E%2E%2Fcontent%2Fportal.yaml",
        "/..%5ccontent%5cportal.yaml",
        "/\\..\\content",
        "//etc/passwd",
        "/%00",
        "/%zz",
    ] {
        let response = server.get(attempt);
        assert_eq!(response.status, 400, "{attempt}");
        assert!(!response.body.contains("base_url"), "{attempt}");
    }
    assert_eq!(server.request("POST", "/").status, 405);
    let head = server.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    // The preview's script is served, and never written by `build`.
    assert!(
        server
            .get("/__glassbox/live-reload.js")
            .body
            .contains("EventSource")
    );
    assert!(server.interrupt().success());
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(["build", portal.to_str().unwrap(), "--today", "2026-11-26"])
        .output()
        .unwrap();
    assert!(out.status.success());
    for (path, bytes) in tree(&portal.join("site")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__glassbox"),
            "{path} has the preview script"
        );
    }
}

#[test]
fn serve_refuses_a_folder_that_is_not_a_portal_and_a_taken_port() {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(["serve", empty.path().to_str().unwrap(), "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a portal folder"));

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args([
            "serve",
            fixture("minimal").to_str().unwrap(),
            "--port",
            &port,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot listen on"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn watcher_classifies_events() {
    let roots = Roots::new(Path::new("/p"), Path::new("/p/site"));
    let p = |s: &str| vec![PathBuf::from(s)];
    let table: &[(Kind, Vec<PathBuf>, Action)] = &[
        (Kind::Modify, p("/p/content/systems/a.md"), Action::Rebuild),
        (Kind::Create, p("/p/content/systems/a.md"), Action::Rebuild),
        (Kind::Remove, p("/p/content/systems/a.md"), Action::Rebuild),
        (
            Kind::Rename,
            vec![
                "/p/content/systems/a.md".into(),
                "/p/content/systems/b.md".into(),
            ],
            Action::Rebuild,
        ),
        (Kind::Modify, p("/p/content/portal.yaml"), Action::Rebuild),
        (
            Kind::Modify,
            p("/p/themes/default/templates/base.html"),
            Action::Rebuild,
        ),
        (
            Kind::Create,
            p("/p/themes/default/assets/logo.png"),
            Action::Rebuild,
        ),
        // Reads, including the build's own.
        (Kind::Access, p("/p/content/systems/a.md"), Action::Ignore),
        // Editors' temporary and backup files.
        (
            Kind::Create,
            p("/p/content/systems/.a.md.swp"),
            Action::Ignore,
        ),
        (Kind::Modify, p("/p/content/systems/a.md~"), Action::Ignore),
        (Kind::Create, p("/p/content/systems/4913"), Action::Ignore),
        (Kind::Create, p("/p/content/systems/#a.md#"), Action::Ignore),
        (Kind::Create, p("/p/content/systems/.#a.md"), Action::Ignore),
        (
            Kind::Create,
            p("/p/content/systems/a.md.tmp"),
            Action::Ignore,
        ),
        (
            Kind::Create,
            p("/p/content/systems/a.md___jb_tmp___"),
            Action::Ignore,
        ),
        (Kind::Modify, p("/p/content/.git/index"), Action::Ignore),
        // The output folder and anything else in the portal folder.
        (Kind::Create, p("/p/site/index.html"), Action::Ignore),
        (Kind::Modify, p("/p/README.md"), Action::Ignore),
        (Kind::Modify, p("/p/target/debug/glassbox"), Action::Ignore),
        (Kind::Modify, p("/elsewhere/content/a.md"), Action::Ignore),
        // The watched folders themselves come and go.
        (Kind::Remove, p("/p/content"), Action::Rewatch),
        (Kind::Create, p("/p/content"), Action::Rewatch),
        (
            Kind::Rename,
            vec!["/p/themes".into(), "/p/themes-old".into()],
            Action::Rewatch,
        ),
        (Kind::Remove, p("/p"), Action::Rewatch),
        (Kind::Modify, p("/p/content"), Action::Ignore),
        // A temporary file renamed over the entry: the entry counts.
        (
            Kind::Rename,
            vec![
                "/p/content/systems/a.md.tmp".into(),
                "/p/content/systems/a.md".into(),
            ],
            Action::Rebuild,
        ),
    ];
    for (kind, paths, expected) in table {
        assert_eq!(
            classify(*kind, paths, &roots),
            *expected,
            "{kind:?} {paths:?}"
        );
    }
}

#[test]
fn request_paths_resolve_inside_the_site_only() {
    let files = [
        "index.html",
        "systems/index.html",
        "systems/a/index.html",
        "assets/style.css",
    ];
    let exists = |p: &str| files.contains(&p);
    let table: &[(&str, &str, Route)] = &[
        ("/", "/", Route::File("index.html".into())),
        ("/systems/", "/", Route::File("systems/index.html".into())),
        ("/systems", "/", Route::Redirect("/systems/".into())),
        (
            "/systems/a/",
            "/",
            Route::File("systems/a/index.html".into()),
        ),
        (
            "/assets/style.css",
            "/",
            Route::File("assets/style.css".into()),
        ),
        (
            "/assets/%73tyle.css",
            "/",
            Route::File("assets/style.css".into()),
        ),
        ("/nope/", "/", Route::NotFound),
        ("/nope", "/", Route::NotFound),
        (
            "/ai/systems/",
            "/ai/",
            Route::File("systems/index.html".into()),
        ),
        ("/ai", "/ai/", Route::Redirect("/ai/".into())),
        ("/systems/", "/ai/", Route::NotFound),
        ("/../etc/passwd", "/", Route::Refused),
        ("/%2e%2e/etc/passwd", "/", Route::Refused),
        ("/systems/%2E%2E/%2E%2E/x", "/", Route::Refused),
        ("/./index.html", "/", Route::Refused),
        ("/a\\..\\b", "/", Route::Refused),
        ("/a%5c..%5cb", "/", Route::Refused),
        ("//etc/passwd", "/", Route::Refused),
        ("/C:/Windows", "/", Route::Refused),
        ("/%00", "/", Route::Refused),
        ("/%zz", "/", Route::Refused),
        ("/%ff", "/", Route::Refused),
        ("relative", "/", Route::Refused),
    ];
    for (path, root, expected) in table {
        assert_eq!(
            routes::resolve(path, root, exists),
            *expected,
            "{path} under {root}"
        );
    }
    assert_eq!(
        routes::content_type("feed.xml"),
        "application/atom+xml; charset=utf-8"
    );
    assert_eq!(routes::content_type("a/b.JSON"), "application/json");
    assert_eq!(
        routes::content_type("register.csv"),
        "text/csv; charset=utf-8"
    );
}

#[test]
fn preview_decorations_open_the_csp_only_for_the_preview() {
    let page = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; script-src 'sha256-abc'\"></head><body class=\"x\"><main>Hi</main></body></html>";
    let decorated = overlay::decorate(page, Some("<div>problems</div>"));
    assert!(decorated.contains(
        "content=\"default-src 'none'; style-src 'self'; script-src 'sha256-abc' 'self'; connect-src 'self'\""
    ), "{decorated}");
    assert!(decorated.contains("<body class=\"x\"><div>problems</div><main>"));
    assert!(
        decorated.ends_with("<script src=\"/__glassbox/live-reload.js\"></script>\n</body></html>")
    );
    assert!(
        decorated.contains("<link rel=\"stylesheet\" href=\"/__glassbox/preview.css\">\n</head>")
    );

    // Diagnostics are untrusted text: escaped in the problems box.
    let mut d = glassbox::Diagnostics::new();
    d.push(
        glassbox::Diagnostic::error("unknown-field", "unknown field `<script>alert(1)</script>`")
            .in_file("content/systems/<b>.md")
            .with_help("use \"name\" & <i>friends</i>"),
    );
    let html = overlay::problems_box(&d);
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("1 error stopped the site from being rebuilt."));
}

#[test]
fn serve_answers_only_to_this_computers_names() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    // A page that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
    let rebound = server.get_as(&format!("evil.example:{port}"), "/");
    assert_eq!(rebound.status, 421, "{}", rebound.body);
    assert!(!rebound.body.contains("<html"));
    assert_eq!(
        server
            .get_as(&format!("evil.example:{port}"), "/admin/")
            .status,
        421
    );
    // This computer's own names work.
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(server.get_as(&host, "/").status, 200, "{host}");
        assert_ne!(server.get_as(&host, "/admin/").status, 403, "{host}");
    }
}
