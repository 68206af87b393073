//! The host configuration files, fingerprinted assets and precompressed
//! copies of a built site (issue 19). nginx itself serves the example site
//! in `tests/hosting/nginx.sh`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use crate::support::*;

type Headers = BTreeMap<String, String>;

/// `Name: value` lines after the `/*` rule of `_headers`.
fn netlify_headers(text: &str) -> Headers {
    let block = text.split("\n/*\n").nth(1).unwrap();
    block
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let (name, value) = l.trim().split_once(": ").unwrap();
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// `add_header NAME "VALUE" always;` lines of nginx's `location / { }`.
fn nginx_headers(text: &str) -> Headers {
    let block = text.split("\nlocation / {\n").nth(1).unwrap();
    let block = &block[..block.find('}').unwrap()];
    quoted_pairs(block.lines().map(|l| {
        l.trim()
            .strip_prefix("add_header ")
            .unwrap()
            .strip_suffix(" always;")
            .unwrap()
    }))
    .into_iter()
    .filter(|(name, _)| name != "Cache-Control")
    .collect()
}

/// `Header always set NAME "VALUE"` lines of `.htaccess`.
fn apache_headers(text: &str) -> Headers {
    quoted_pairs(
        text.lines()
            .filter_map(|l| l.strip_prefix("Header always set ")),
    )
}

/// The lines of Caddy's first `header { }` block.
fn caddy_headers(text: &str) -> Headers {
    let block = text.split("\nheader {\n").nth(1).unwrap();
    quoted_pairs(block[..block.find('}').unwrap()].lines().map(str::trim))
}

/// `NAME "VALUE"` → (NAME, VALUE).
fn quoted_pairs<'a>(lines: impl Iterator<Item = &'a str>) -> Headers {
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (name, value) = l.split_once(' ').unwrap();
            let value = value.strip_prefix('"').unwrap().strip_suffix('"').unwrap();
            assert!(!value.contains('"'), "{l}");
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// (old URL path, new URL path) of every redirect page in the site.
fn redirect_pages(site: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    site.iter()
        .filter(|(p, _)| p.ends_with("index.html"))
        .filter_map(|(path, bytes)| {
            let html = String::from_utf8_lossy(bytes);
            let marker = "http-equiv=\"refresh\" content=\"0; url=";
            let start = html.find(marker)? + marker.len();
            let url = &html[start..start + html[start..].find('"').unwrap()];
            Some((
                format!("/{}", path.trim_end_matches("index.html")),
                url.to_string(),
            ))
        })
        .collect()
}

fn text(site: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(site[path].clone()).unwrap()
}

#[test]
fn every_alias_is_a_301_in_every_host_format() {
    let p = TestPortal::example();
    p.build_ok();
    let site = tree(&p.site());
    let redirects = redirect_pages(&site);
    assert!(
        redirects.len() >= 2,
        "the example has aliases: {redirects:?}"
    );
    let netlify = text(&site, "_redirects");
    let nginx = text(&site, "_hosting/nginx.conf");
    let apache = text(&site, ".htaccess");
    let caddy = text(&site, "_hosting/Caddyfile");
    for (old, new) in &redirects {
        let bare = old.trim_end_matches('/');
        for from in [old.as_str(), bare] {
            assert!(
                netlify.contains(&format!("\n{from} {new} 301!\n")),
                "_redirects: {from}"
            );
            assert!(
                nginx.contains(&format!("location = {from} {{\n")),
                "nginx: {from}"
            );
            assert!(
                caddy.contains(&format!("\nredir {from} {new} 301\n")),
                "Caddy: {from}"
            );
        }
        assert!(
            nginx.contains(&format!("    return 301 {new};\n")),
            "nginx: {new}"
        );
        let pattern = bare.replace('.', "\\.");
        assert!(
            apache.contains(&format!("RedirectMatch 301 \"^{pattern}/?$\" \"{new}\"\n")),
            ".htaccess: {old}"
        );
    }
    // Nothing else is redirected.
    assert_eq!(netlify.matches(" 301!").count(), 2 * redirects.len());
    assert_eq!(apache.matches("RedirectMatch 301").count(), redirects.len());
    assert_eq!(caddy.matches("\nredir ").count(), 2 * redirects.len());
}

#[test]
fn every_host_format_sends_the_same_headers_with_the_pages_policy() {
    let p = TestPortal::example();
    p.build_ok();
    let site = tree(&p.site());
    let netlify = netlify_headers(&text(&site, "_headers"));
    assert_eq!(netlify, nginx_headers(&text(&site, "_hosting/nginx.conf")));
    assert_eq!(netlify, apache_headers(&text(&site, ".htaccess")));
    assert_eq!(netlify, caddy_headers(&text(&site, "_hosting/Caddyfile")));

    let names: Vec<&str> = netlify.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Content-Security-Policy",
            "Permissions-Policy",
            "Referrer-Policy",
            "Strict-Transport-Security",
            "X-Content-Type-Options",
        ]
    );
    assert_eq!(netlify["X-Content-Type-Options"], "nosniff");
    assert!(netlify["Strict-Transport-Security"].starts_with("max-age="));
    // The header is the pages' own policy, plus what a meta tag cannot say.
    let home = text(&site, "index.html");
    let marker = "http-equiv=\"Content-Security-Policy\" content=\"";
    let start = home.find(marker).unwrap() + marker.len();
    let meta = &home[start..start + home[start..].find('"').unwrap()];
    assert_eq!(
        netlify["Content-Security-Policy"],
        format!(
            "{}; frame-ancestors 'none'",
            meta.replace("&#x27;", "'").replace("&#39;", "'")
        )
    );
    assert!(
        meta.contains("script-src"),
        "the example ships a script: {meta}"
    );
}

#[test]
fn fingerprinted_assets_are_cached_long_and_referenced_everywhere() {
    let p = TestPortal::example();
    p.build_ok();
    let site = tree(&p.site());
    let css = p.asset("style.css");
    let js = p.asset("filter.js");
    for asset in [&css, &js] {
        let hash = asset.rsplit('.').nth(1).unwrap();
        assert_eq!(
            hash,
            glassbox::render::csp::content_hash(&site[asset.as_str()]),
            "{asset} is named after its content"
        );
    }
    let immutable: BTreeSet<String> = [format!("/{css}"), format!("/{js}")].into();
    // Every asset, and only they, in every format.
    let headers = text(&site, "_headers");
    let listed: BTreeSet<String> = headers
        .lines()
        .filter(|l| l.starts_with("/assets/"))
        .map(String::from)
        .collect();
    assert_eq!(listed, immutable);
    let nginx = text(&site, "_hosting/nginx.conf");
    for path in &immutable {
        let block = nginx
            .split(&format!("location = {path} {{\n"))
            .nth(1)
            .unwrap();
        let block = &block[..block.find('}').unwrap()];
        assert!(
            block.contains("Cache-Control \"public, max-age=31536000, immutable\""),
            "{block}"
        );
        let name = path.rsplit('/').next().unwrap().replace('.', "\\.");
        assert!(text(&site, ".htaccess").contains(&name));
        assert!(text(&site, "_hosting/Caddyfile").contains(path.as_str()));
    }
    assert!(nginx.contains("location / {\n"));
    assert!(nginx.contains("Cache-Control \"public, max-age=0, must-revalidate\" always;"));

    // Every page names the published files; nothing names the plain ones.
    for (path, bytes) in &site {
        let Ok(body) = std::str::from_utf8(bytes) else {
            continue;
        };
        for plain in ["assets/style.css", "assets/filter.js"] {
            assert!(!body.contains(plain), "{path} names {plain}");
        }
        if path.ends_with(".html") {
            assert!(body.contains(&format!("href=\"/{css}\"")), "{path}");
        }
    }
    assert!(text(&site, "systems/index.html").contains(&format!("src=\"/{js}\"")));
    assert!(!site.contains_key("assets/style.css"));
}

#[test]
fn host_files_stay_out_of_the_sitemap_and_the_build_is_deterministic() {
    let p = TestPortal::example();
    let mut options = p.options();
    options.precompress = true;
    glassbox::build(&options).unwrap();
    let first = tree(&p.site());
    glassbox::build(&options).unwrap();
    assert!(first == tree(&p.site()), "two builds differ");

    let sitemap = text(&first, "sitemap.xml");
    for file in glassbox::render::hosting::FILES {
        assert!(first.contains_key(file), "missing {file}");
        assert!(!sitemap.contains(file.trim_start_matches('.')), "{file}");
        assert!(!first.contains_key(&format!("{file}.gz")), "{file}.gz");
    }
    assert!(!sitemap.contains("_hosting"));
}

#[test]
fn precompressed_copies_hold_the_same_bytes() {
    let p = TestPortal::example();
    let mut options = p.options();
    options.precompress = true;
    glassbox::build(&options).unwrap();
    let site = tree(&p.site());
    let mut checked = 0;
    for (path, bytes) in &site {
        if let Some(original) = path.strip_suffix(".gz") {
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut back)
                .unwrap();
            assert!(back == site[original], "{path}");
            assert_eq!(&bytes[4..8], &[0, 0, 0, 0], "{path}: gzip mtime");
            checked += 1;
        } else if let Some(original) = path.strip_suffix(".br") {
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &bytes[..], &mut back).unwrap();
            assert!(back == site[original], "{path}");
        }
    }
    assert!(site.contains_key("index.html.gz") && site.contains_key("index.html.br"));
    assert!(checked > 50, "{checked} gzip copies");
    // Without the option there are none.
    p.build_ok();
    assert!(!tree(&p.site()).keys().any(|k| k.ends_with(".gz")));
}

#[test]
fn a_theme_asset_is_addressed_through_site_assets() {
    let p = TestPortal::minimal();
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let line = "<link rel=\"stylesheet\" href=\"{{ site.stylesheet }}\">\n";
    assert!(base.contains(line));
    p.write(
        "themes/default/templates/base.html",
        base.replace(
            line,
            &format!("{line}<link rel=\"stylesheet\" media=\"print\" href=\"{{{{ site.assets[\"print.css\"] }}}}\">\n"),
        ),
    );
    p.write(
        "themes/default/assets/print.css",
        "main { color: black; }\n",
    );
    p.build_ok();
    let print = p.asset("print.css");
    assert!(
        p.page("")
            .contains(&format!("media=\"print\" href=\"/{print}\"")),
        "{}",
        p.page("")
    );
    assert!(p.read("site/_headers").contains(&format!("\n/{print}\n")));
}
