//! `glassbox serve` under stress and attack: a storm of saves with broken
//! and half-written files, request paths that try to leave the site, the
//! address it listens on, and its memory across many rebuilds.

use std::time::{Duration, Instant};

use crate::serve::{SYSTEM, Server, minimal_portal, save};

const WAIT: Duration = Duration::from_secs(60);

#[test]
fn serve_survives_a_thousand_rapid_saves_with_broken_states() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    let events = server.events();
    let file = portal.join(SYSTEM);
    let original = std::fs::read_to_string(&file).unwrap();
    for i in 0..1000 {
        let text = match i % 5 {
            0 => original.replace("name: Parking cameras", &format!("name: Save {i}")),
            1 => original.replace("summary:", "sumary:"),
            // Half-written, as an editor that truncates first leaves it.
            2 => original[..(i * 7) % original.len()].to_string(),
            3 => String::new(),
            _ => "---\nname: [unclosed\n---\n\u{0}\u{feff}".to_string(),
        };
        if i % 2 == 0 {
            save(&file, &text);
        } else {
            std::fs::write(&file, &text).unwrap();
        }
        if i % 100 == 0 {
            let page = server.get("/systems/parking-cameras/");
            assert_eq!(page.status, 200, "save {i}");
        }
    }
    save(
        &file,
        &original.replace("name: Parking cameras", "name: Final name"),
    );
    // Reloads arrive for the storm; the last one shows the last save.
    let deadline = Instant::now() + WAIT;
    loop {
        let page = server.get("/systems/parking-cameras/");
        assert_eq!(page.status, 200);
        if page.body.contains("Final name") {
            assert!(
                !page.body.contains("glassbox-preview-problems"),
                "{}",
                page.body
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the last save never showed: {}",
            page.body
        );
        let _ = events.0.recv_timeout(Duration::from_millis(500));
    }
    assert!(server.interrupt().success());
}

#[test]
fn serve_refuses_every_way_out_of_the_site() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    let leaks = |body: &str| {
        body.contains("base_url:") || body.contains("root:x:0") || body.contains("[package]")
    };
    for attempt in [
        "/../content/portal.yaml",
        "/./../content/portal.yaml",
        "/assets/../../content/portal.yaml",
        "/%2e%2e/content/portal.yaml",
        "/%2e./content/portal.yaml",
        "/.%2e/content/portal.yaml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/%252e%252e/content/portal.yaml",
        "/..%2fcontent%2fportal.yaml",
        "/..%5c..%5cetc%5cpasswd",
        "/..\\content\\portal.yaml",
        "/\\\\server\\share",
        "/%5c%5cserver%5cshare",
        "//etc/passwd",
        "///etc/passwd",
        "/etc/passwd%00.html",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "/..;/content/portal.yaml",
        "/content/portal.yaml",
        "/../../../../../../../../etc/passwd",
    ] {
        let response = server.get(attempt);
        assert!(
            matches!(response.status, 400 | 404),
            "{attempt}: status {}",
            response.status
        );
        assert!(
            !leaks(&response.body),
            "{attempt} leaked: {}",
            response.body
        );
    }
    // A full URL as the request target, with a way out in its path.
    for attempt in [
        "http://127.0.0.1/../content/portal.yaml",
        "http://evil.example/%2e%2e/content/portal.yaml",
        "file:///etc/passwd",
    ] {
        let response = server.get(attempt);
        assert!(
            !leaks(&response.body),
            "{attempt} leaked: {}",
            response.body
        );
        assert_ne!(response.status, 0, "{attempt}: no answer");
    }
    // The server still serves the site after all of these: its home page
    // and the stylesheet the page names (fingerprinted).
    let home = server.get("/").body;
    let start = home.find("href=\"/assets/style.").unwrap() + "href=\"".len();
    let stylesheet = &home[start..start + home[start..].find('"').unwrap()];
    assert_eq!(server.get(stylesheet).status, 200);
    assert!(server.interrupt().success());
}

#[test]
fn serve_listens_on_loopback_unless_told_otherwise() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    assert!(
        server.addr.starts_with("127.0.0.1:") || server.addr.starts_with("[::1]:"),
        "{}",
        server.addr
    );
    // The server answers there.
    assert_eq!(server.get("/").status, 200);
}

/// Every answer of the preview says `nosniff` and forbids framing in a CSP
/// header: pages repeat their own policy there, refusals allow nothing.
#[test]
fn serve_sends_nosniff_and_a_csp_header_on_every_answer() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    for (path, status) in [
        ("/", 200),
        ("/systems/parking-cameras/", 200),
        ("/search.json", 200),
        ("/no-such-page/", 404),
        ("/%2e%2e/content/portal.yaml", 400),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, status, "{path}");
        let head = response.head.to_ascii_lowercase();
        assert!(
            head.contains("x-content-type-options: nosniff"),
            "{path}: {head}"
        );
        let csp = head
            .lines()
            .find_map(|l| l.strip_prefix("content-security-policy: "))
            .unwrap_or_else(|| panic!("{path}: no CSP header in {head}"));
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            !head.contains("x-glassbox-page-policy"),
            "{path}: internal header leaked"
        );
        if status != 400 && path.ends_with('/') {
            assert!(
                csp.contains("default-src 'none'") && csp.contains("script-src"),
                "{path}: {csp}"
            );
        }
    }
}

/// Listening on every interface is said out loud, with an address that opens.
#[test]
fn serve_warns_when_others_can_see_the_preview() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let (_dir, portal) = minimal_portal();
    let mut child = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args([
            "serve",
            portal.to_str().unwrap(),
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    let mut line = String::new();
    while err.read_line(&mut line).unwrap_or(0) > 0 {
        said.push_str(&line);
        line.clear();
        if said.contains("Press Ctrl-C") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.contains("warning: the preview listens on 0.0.0.0"),
        "{said}"
    );
    assert!(said.contains("Open http://127.0.0.1:"), "{said}");
}

/// Resident memory of a process, in KB, from /proc.
#[cfg(target_os = "linux")]
fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Memory across 1,000 rebuilds, each waited for. Slow (minutes), so run on
/// demand; it prints the figures:
/// `cargo test --release --all-features --test integration serve_memory -- --ignored --nocapture`
#[cfg(target_os = "linux")]
#[test]
#[ignore]
fn serve_memory_stays_bounded_across_a_thousand_rebuilds() {
    let (_dir, portal) = minimal_portal();
    let server = Server::start(&portal);
    let events = server.events();
    let file = portal.join(SYSTEM);
    let original = std::fs::read_to_string(&file).unwrap();
    let pid = server.child.id();
    let rebuild = |i: usize| {
        let text = if i % 10 == 9 {
            original.replace("summary:", "sumary:")
        } else {
            original.replace("name: Parking cameras", &format!("name: Rebuild {i}"))
        };
        save(&file, &text);
        events.expect("reload");
    };
    for i in 0..20 {
        rebuild(i);
    }
    let before = rss_kb(pid);
    let started = Instant::now();
    for i in 0..1000 {
        rebuild(i);
    }
    let after = rss_kb(pid);
    println!(
        "serve RSS before 1000 rebuilds: {before} KB, after: {after} KB ({:+} KB); 1000 rebuilds took {:.1} s",
        after as i64 - before as i64,
        started.elapsed().as_secs_f64()
    );
    assert!(
        after < before + 64 * 1024,
        "RSS grew from {before} KB to {after} KB"
    );
    assert!(server.interrupt().success());
}
