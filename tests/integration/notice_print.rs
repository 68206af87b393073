//! Issue 14: every printable notice of the example portal prints on one A4
//! page. Headless Chromium prints each notice to PDF (served over HTTP, so
//! the root-relative stylesheet loads) and the PDF's pages are counted.
//! Without Chromium at `/usr/bin/chromium` (or `CHROMIUM`) the test says so
//! and passes; CI installs it (tests/a11y/setup.sh).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::TestPortal;

/// Serves `root` on a free local port, for as long as the test runs.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split(' ').nth(1).unwrap_or("/").to_string();
            let mut file = root.join(path.trim_start_matches('/'));
            if file.is_dir() {
                file = file.join("index.html");
            }
            let mut stream = &stream;
            match std::fs::read(&file) {
                Ok(body) => {
                    let kind = match file.extension().and_then(|e| e.to_str()) {
                        Some("css") => "text/css",
                        Some("js") => "text/javascript",
                        _ => "text/html; charset=utf-8",
                    };
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(&body);
                }
                Err(_) => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            }
        }
    });
    port
}

fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

#[test]
fn every_notice_prints_on_one_a4_page() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        eprintln!(
            "skipped: no Chromium at {chromium} to print the notices (set CHROMIUM, or run tests/a11y/setup.sh)"
        );
        return;
    }
    let p = TestPortal::example();
    p.build_ok();
    let port = serve(p.site());
    let out = tempfile::tempdir().unwrap();
    let mut ids: Vec<String> = std::fs::read_dir(p.site().join("systems"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("notice/index.html").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(ids.len() >= 10, "{ids:?}");
    for id in ids {
        let pdf = out.path().join(format!("{id}.pdf"));
        let status = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("http://127.0.0.1:{port}/systems/{id}/notice/"),
            ])
            .output()
            .unwrap();
        assert!(
            pdf.exists(),
            "{id}: Chromium made no PDF: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let pages = pdf_pages(&std::fs::read(&pdf).unwrap());
        assert_eq!(
            pages, 1,
            "the notice of {id} prints on {pages} A4 pages, not one"
        );
    }
}

#[test]
fn pages_are_counted_without_the_page_tree() {
    assert_eq!(
        pdf_pages(b"<< /Type /Pages /Kids [1 0 R 2 0 R] >> << /Type /Page >> << /Type/Page >>"),
        2
    );
}
