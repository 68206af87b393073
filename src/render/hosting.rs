//! Host configuration written into the site, from one description of the
//! headers and redirects ([`Hosting`]):
//!
//! | file                  | read by                                      |
//! |-----------------------|----------------------------------------------|
//! | `_headers`            | Netlify, Cloudflare Pages                    |
//! | `_redirects`          | Netlify, Cloudflare Pages (GitLab Pages too) |
//! | `.htaccess`           | Apache (`AllowOverride FileInfo`)            |
//! | `_hosting/nginx.conf` | nginx: `include` it in the `server` block    |
//! | `_hosting/Caddyfile`  | Caddy: `import` it in the site block         |
//!
//! Every response carries the pages' Content-Security-Policy (plus
//! `frame-ancestors 'none'`, which a `<meta>` tag cannot carry), HSTS,
//! `X-Content-Type-Options`, `Referrer-Policy` and `Permissions-Policy`.
//! Fingerprinted assets (`fingerprint.rs`) may be kept for a year; every
//! other file is revalidated on each visit, so a corrected record reaches
//! readers at once. Old addresses (`aliases`) answer with a 301 to the new
//! one; their meta-refresh pages stay in the site for hosts that read none
//! of these files (GitHub Pages, a plain bucket).
//!
//! What goes into these files is never taken raw from content: addresses are
//! made of safe ids and the site's root path, and every address is
//! percent-encoded down to `A-Z a-z 0-9 - . _ ~ /` before it is written, so
//! no quote, space, brace or newline can reach a configuration file.

use crate::model::Portal;
use crate::model::aliases::Kind;
use crate::render::fingerprint::is_fingerprinted;

/// The paths of the files this module writes, under the site folder.
pub const FILES: [&str; 5] = [
    "_headers",
    "_redirects",
    ".htaccess",
    "_hosting/nginx.conf",
    "_hosting/Caddyfile",
];

/// `Cache-Control` of a fingerprinted asset: its name changes with its
/// content, so it can be kept for a year without asking again.
pub(crate) const LONG_CACHE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of every other file: keep it, but ask the server whether
/// it changed on each visit (cheap: a 304 with no body). This is also what
/// Netlify and Cloudflare Pages send when a file sets nothing else.
pub(crate) const SHORT_CACHE: &str = "public, max-age=0, must-revalidate";

/// Features the site never uses, switched off for it and for anything
/// that could be embedded in it.
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=()";

/// The one description every host file is written from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hosting {
    /// URL path the site lives under: `/` or e.g. `/ai/`.
    pub root: String,
    /// Headers of every response, in order.
    pub headers: Vec<(&'static str, String)>,
    /// URL paths of the fingerprinted assets (long cache).
    pub immutable: Vec<String>,
    /// (old URL path, new URL path) of every alias: a 301.
    pub redirects: Vec<(String, String)>,
    /// URL path of the page a missing address gets, with a 404 status.
    pub not_found: String,
}

impl Hosting {
    /// The description for `portal`, whose pages carry the policy `csp`,
    /// with the site files `paths` (for the fingerprinted assets).
    pub(crate) fn new(portal: &Portal, csp: &str, paths: &[String]) -> Hosting {
        let root = url_path(&portal.settings.root_path);
        let headers = vec![
            (
                "Content-Security-Policy",
                format!("{csp}; frame-ancestors 'none'"),
            ),
            ("Strict-Transport-Security", "max-age=31536000".to_string()),
            ("X-Content-Type-Options", "nosniff".to_string()),
            (
                "Referrer-Policy",
                "strict-origin-when-cross-origin".to_string(),
            ),
            ("Permissions-Policy", PERMISSIONS_POLICY.to_string()),
        ];
        let immutable = paths
            .iter()
            .filter(|p| is_fingerprinted(p))
            .map(|p| format!("{root}{}", url_path(p)))
            .collect();
        let mut redirects: Vec<(String, String)> = alias_pairs(portal)
            .into_iter()
            .map(|(old, new)| (format!("{root}{old}"), format!("{root}{new}")))
            .collect();
        redirects.sort();
        Hosting {
            not_found: format!("{root}404.html"),
            root,
            headers,
            immutable,
            redirects,
        }
    }

    /// Every host file, by its path in the site.
    pub(crate) fn files(&self) -> Vec<(String, Vec<u8>)> {
        [
            self.headers_file(),
            self.redirects_file(),
            self.htaccess(),
            self.nginx(),
            self.caddy(),
        ]
        .into_iter()
        .zip(FILES)
        .map(|(text, path)| (path.to_string(), text.into_bytes()))
        .collect()
    }

    /// Each redirect's old address, with and without its final `/`.
    fn redirect_sources(&self) -> impl Iterator<Item = (String, &str)> {
        self.redirects.iter().flat_map(|(old, new)| {
            [
                (old.clone(), new.as_str()),
                (old.trim_end_matches('/').to_string(), new.as_str()),
            ]
        })
    }

    /// Netlify and Cloudflare Pages. Both join the values of a header set by
    /// two matching rules, so `Cache-Control` is only written for the
    /// fingerprinted files; every other file gets the hosts' own default,
    /// which is [`SHORT_CACHE`].
    fn headers_file(&self) -> String {
        let mut out = header_comment(
            "#",
            "Netlify and Cloudflare Pages read this file; they do not publish it.",
        );
        out.push_str(&format!("{}*\n", self.root));
        for (name, value) in &self.headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
        for path in &self.immutable {
            out.push_str(&format!("{path}\n  Cache-Control: {LONG_CACHE}\n"));
        }
        out
    }

    /// Netlify and Cloudflare Pages. `301!` redirects even though the old
    /// address still has its meta-refresh page (Netlify would otherwise
    /// serve the page).
    fn redirects_file(&self) -> String {
        let mut out = header_comment(
            "#",
            "Netlify and Cloudflare Pages read this file; they do not publish it.",
        );
        for (old, new) in self.redirect_sources() {
            out.push_str(&format!("{old} {new} 301!\n"));
        }
        out
    }

    /// Apache, in the site's root folder (`AllowOverride FileInfo`, or the lines
    /// copied into the server's configuration). Needs mod_headers and
    /// mod_alias; without mod_headers Apache refuses the file with a 500
    /// rather than serve the site without its security headers.
    fn htaccess(&self) -> String {
        let mut out = header_comment(
            "#",
            "Apache reads this file when the site's folder allows it (AllowOverride FileInfo);\n\
             # it needs mod_headers (a2enmod headers) and mod_alias.",
        );
        out.push_str(&format!(
            "ErrorDocument 404 {}\nAddDefaultCharset utf-8\n\n",
            self.not_found
        ));
        for (name, value) in &self.headers {
            out.push_str(&format!("Header always set {name} \"{value}\"\n"));
        }
        out.push_str(&format!("Header set Cache-Control \"{SHORT_CACHE}\"\n"));
        if !self.immutable.is_empty() {
            let names: Vec<String> = self
                .immutable
                .iter()
                .map(|p| regex_escape(p.rsplit('/').next().unwrap_or(p)))
                .collect();
            out.push_str(&format!(
                "<FilesMatch \"^({})$\">\n  Header set Cache-Control \"{LONG_CACHE}\"\n</FilesMatch>\n",
                names.join("|")
            ));
        }
        out.push('\n');
        for (old, new) in &self.redirects {
            let old = regex_escape(old.trim_end_matches('/'));
            out.push_str(&format!("RedirectMatch 301 \"^{old}/?$\" \"{new}\"\n"));
        }
        // The host files themselves are not pages of the site (Apache
        // already refuses `.htaccess`).
        out.push_str(&format!(
            "RedirectMatch 404 \"^{}(_hosting/|_headers$|_redirects$)\"\n",
            regex_escape(&self.root)
        ));
        out.push_str(
            "\n# Compress text on the fly when mod_deflate is there.\n\
             <IfModule mod_deflate.c>\n  AddOutputFilterByType DEFLATE text/html text/css text/plain text/csv \
             text/xml application/xml application/atom+xml application/json application/javascript image/svg+xml\n\
             </IfModule>\n",
        );
        out
    }

    /// nginx: included inside the `server` block that serves the site, after
    /// its `root`. `add_header` in a `location` replaces every header set
    /// outside it, so each block repeats the full list.
    fn nginx(&self) -> String {
        let mut out = header_comment(
            "#",
            "nginx: include this file inside the server block that serves the site:\n\
             #     root /srv/portal/site;\n\
             #     include /srv/portal/site/_hosting/nginx.conf;\n\
             # (with a base_url path such as /ai/, `root` is the folder that holds ai/).",
        );
        out.push_str(&format!(
            "charset utf-8;\n\
             absolute_redirect off;\n\
             # Serve FILE.gz when it exists (glassbox build --precompress) to clients that take gzip.\n\
             gzip_static on;\n\
             gzip_vary on;\n\
             # With the ngx_brotli module (Debian: libnginx-mod-http-brotli-static), also:\n\
             # brotli_static on;\n\
             error_page 404 {};\n\n",
            self.not_found
        ));
        let headers = |cache: Option<&str>| {
            let mut block = String::new();
            for (name, value) in &self.headers {
                block.push_str(&format!("    add_header {name} \"{value}\" always;\n"));
            }
            if let Some(cache) = cache {
                block.push_str(&format!(
                    "    add_header Cache-Control \"{cache}\" always;\n"
                ));
            }
            block
        };
        out.push_str(&format!(
            "location {} {{\n{}}}\n",
            self.root,
            headers(Some(SHORT_CACHE))
        ));
        for path in &self.immutable {
            out.push_str(&format!(
                "location = {path} {{\n{}}}\n",
                headers(Some(LONG_CACHE))
            ));
        }
        for (old, new) in self.redirect_sources() {
            out.push_str(&format!(
                "location = {old} {{\n{}    return 301 {new};\n}}\n",
                headers(None)
            ));
        }
        // The host files themselves are not pages of the site.
        out.push_str(&format!(
            "location ^~ {root}_hosting/ {{\n    return 404;\n}}\n\
             location ~ ^{re}(_headers|_redirects|\\.htaccess)$ {{\n    return 404;\n}}\n",
            root = self.root,
            re = regex_escape(&self.root),
        ));
        out
    }

    /// Caddy: imported inside the site block, after `root` and before
    /// `file_server`. The two `Cache-Control` rules match disjoint paths,
    /// because Caddy would apply both.
    fn caddy(&self) -> String {
        let mut out = header_comment(
            "#",
            "Caddy: import this file inside the site block that serves the site:\n\
             #     example.gov.uk {\n\
             #         root * /srv/portal/site\n\
             #         import /srv/portal/site/_hosting/Caddyfile\n\
             #     }",
        );
        out.push_str("header {\n");
        for (name, value) in &self.headers {
            out.push_str(&format!("    {name} \"{value}\"\n"));
        }
        out.push_str("}\n");
        if self.immutable.is_empty() {
            out.push_str(&format!("header Cache-Control \"{SHORT_CACHE}\"\n"));
        } else {
            let list = self.immutable.join(" ");
            out.push_str(&format!(
                "@fingerprinted path {list}\n\
                 header @fingerprinted Cache-Control \"{LONG_CACHE}\"\n\
                 @revalidated not path {list}\n\
                 header @revalidated Cache-Control \"{SHORT_CACHE}\"\n"
            ));
        }
        for (old, new) in self.redirect_sources() {
            out.push_str(&format!("redir {old} {new} 301\n"));
        }
        out.push_str(&format!(
            "respond {root}_hosting/* 404\n\
             respond {root}_headers 404\n\
             respond {root}_redirects 404\n\
             respond {root}.htaccess 404\n\
             file_server {{\n    precompressed br gzip\n}}\n\
             handle_errors {{\n    @missing expression {{err.status_code}} == 404\n    \
             rewrite @missing {nf}\n    file_server\n}}\n",
            root = self.root,
            nf = self.not_found,
        ));
        out
    }
}

/// The opening comment of every host file.
fn header_comment(mark: &str, what: &str) -> String {
    format!(
        "{mark} Made by `glassbox build` from the portal: edit the portal, not this file.\n{mark} {what}\n\n"
    )
}

/// (old path, new path) relative to the site root, of every alias.
fn alias_pairs(portal: &Portal) -> Vec<(String, String)> {
    let entries = portal
        .systems
        .iter()
        .map(|x| (Kind::System, &x.id, &x.aliases))
        .chain(
            portal
                .errors
                .iter()
                .map(|x| (Kind::Error, &x.id, &x.aliases)),
        )
        .chain(
            portal
                .challenges
                .iter()
                .map(|x| (Kind::Challenge, &x.id, &x.aliases)),
        )
        .chain(portal.pages.iter().map(|x| (Kind::Page, &x.id, &x.aliases)));
    let mut pairs = Vec::new();
    for (kind, id, aliases) in entries {
        for alias in aliases {
            pairs.push((
                url_path(&format!("{}{alias}/", kind.folder())),
                url_path(&format!("{}{id}/", kind.folder())),
            ));
        }
    }
    pairs
}

/// `path` with every byte outside `A-Z a-z 0-9 - . _ ~ /` percent-encoded,
/// so that it can be written into any of the host files as it is.
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `text` (already a [`url_path`]) with the characters regular expressions
/// give a meaning to escaped.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ".+*?()[]{}|^$\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Hosting {
        Hosting {
            root: "/".into(),
            headers: vec![
                (
                    "Content-Security-Policy",
                    "default-src 'none'; frame-ancestors 'none'".into(),
                ),
                ("X-Content-Type-Options", "nosniff".into()),
            ],
            immutable: vec!["/assets/style.0123456789abcdef.css".into()],
            redirects: vec![("/systems/old/".into(), "/systems/new/".into())],
            not_found: "/404.html".into(),
        }
    }

    #[test]
    fn addresses_cannot_carry_syntax_into_a_host_file() {
        assert_eq!(url_path("/ai/"), "/ai/");
        assert_eq!(url_path("/a b\"{;}\n"), "/a%20b%22%7B%3B%7D%0A");
        assert_eq!(regex_escape("/a.b/"), "/a\\.b/");
    }

    #[test]
    fn nginx_repeats_every_header_in_every_location() {
        let conf = sample().nginx();
        let locations = conf.matches("\nlocation ").count();
        // The site, one asset, two forms of one redirect, two hidden-file blocks.
        assert_eq!(locations, 6, "{conf}");
        assert_eq!(
            conf.matches("add_header X-Content-Type-Options \"nosniff\" always;")
                .count(),
            4
        );
        assert!(conf.contains("location = /systems/old {\n"), "{conf}");
        assert!(conf.contains("    return 301 /systems/new/;\n"), "{conf}");
        assert!(conf.contains("error_page 404 /404.html;"), "{conf}");
    }

    #[test]
    fn a_site_under_a_path_keeps_its_host_files_under_it() {
        let mut h = sample();
        h.root = "/ai/".into();
        h.not_found = "/ai/404.html".into();
        assert!(h.headers_file().contains("\n/ai/*\n"));
        assert!(h.nginx().contains("location /ai/ {\n"));
        assert!(h.caddy().contains("respond /ai/_hosting/* 404"));
        assert!(h.htaccess().contains("ErrorDocument 404 /ai/404.html"));
        assert!(
            h.htaccess()
                .contains("RedirectMatch 404 \"^/ai/(_hosting/|_headers$|_redirects$)\"\n")
        );
    }

    #[test]
    fn caddy_cache_rules_do_not_overlap() {
        let caddy = sample().caddy();
        assert!(caddy.contains(&format!(
            "@fingerprinted path /assets/style.0123456789abcdef.css\nheader @fingerprinted Cache-Control \"{LONG_CACHE}\"\n@revalidated not path /assets/style.0123456789abcdef.css\n"
        )), "{caddy}");
    }
}
