//! What `serve` adds to the pages it serves, and only there: the live-reload
//! script, and after a failed build a summary of the errors at the top of
//! every page, styled like the GOV.UK error summary. Pure functions over
//! strings; `glassbox build` never calls them.

use crate::render::escape;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

/// Where the preview's own files live; no portal page can have this path,
/// because entry ids cannot start with `_`.
pub const PREFIX: &str = "/__glassbox/";
pub const SCRIPT_PATH: &str = "/__glassbox/live-reload.js";
pub const STYLE_PATH: &str = "/__glassbox/preview.css";
pub const EVENTS_PATH: &str = "/__glassbox/events";

/// Listens for the server's events. The first `hello` gives the build
/// number; a later `hello` with another number (after the server restarted
/// and the browser reconnected) or a `reload` event reloads the page.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var seen = null;
  var events = new EventSource("/__glassbox/events");
  events.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) { window.location.reload(); }
    seen = e.data;
  });
  events.addEventListener("reload", function () { window.location.reload(); });
})();
"#;

/// The error summary's look: a GOV.UK-style box with a thick red border.
pub const STYLE: &str = r#".glassbox-preview-problems {
  margin: 0 auto; max-width: 960px; padding: 20px; border: 5px solid #d4351c;
  background: #fff; color: #0b0c0c; font-family: system-ui, sans-serif; font-size: 1.1875rem;
  line-height: 1.4;
}
.glassbox-preview-problems:focus { outline: 3px solid #ffdd00; outline-offset: 0; }
.glassbox-preview-problems h2 { margin: 0 0 15px; font-size: 1.5rem; }
.glassbox-preview-problems ol { margin: 0; padding: 0; list-style: none; }
.glassbox-preview-problems li { margin: 0 0 15px; padding: 0 0 10px; border-bottom: 1px solid #b1b4b6; }
.glassbox-preview-problems .where { display: block; font-weight: 700; color: #d4351c; }
.glassbox-preview-problems .fix { margin: 5px 0 0; }
.glassbox-preview-problems pre { margin: 5px 0 0; padding: 5px 10px; overflow-x: auto; background: #f3f2f1; white-space: pre-wrap; }
"#;

/// The box listing a failed build's errors (warnings are left out: they do
/// not stop a build).
pub fn problems_box(diagnostics: &Diagnostics) -> String {
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut out = String::with_capacity(1024);
    out.push_str(
        "<div class=\"glassbox-preview-problems\" role=\"alert\" aria-labelledby=\"glassbox-preview-problems-title\" tabindex=\"-1\">\n",
    );
    out.push_str("<h2 id=\"glassbox-preview-problems-title\">There is a problem</h2>\n<p>");
    match errors.len() {
        1 => out.push_str("1 error stopped the site from being rebuilt."),
        n => out.push_str(&format!("{n} errors stopped the site from being rebuilt.")),
    }
    out.push_str(
        " You are seeing the last version that built. Fix the error and save: this page reloads by itself.</p>\n<ol>\n",
    );
    for d in errors {
        out.push_str("<li>");
        if let Some(file) = &d.file {
            out.push_str("<span class=\"where\">");
            push_escaped(&mut out, file);
            if let Some(p) = &d.position {
                out.push_str(&format!(", line {}, column {}", p.line, p.column));
            }
            out.push_str("</span>");
        }
        push_escaped(&mut out, &d.message);
        if let Some(line) = &d.source_line {
            out.push_str("<pre>");
            push_escaped(&mut out, line);
            out.push_str("</pre>");
        }
        if let Some(help) = &d.help {
            out.push_str("<p class=\"fix\">To fix it: ");
            push_escaped(&mut out, help);
            out.push_str("</p>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</div>\n");
    out
}

/// A whole page for when no build has worked yet, so there is no last good
/// page to show.
pub fn problems_page(problems_box: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>There is a problem - glassbox preview</title>\n<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n</head>\n<body>\n<main>\n{problems_box}</main>\n<script src=\"{SCRIPT_PATH}\"></script>\n</body>\n</html>\n"
    )
}

/// Adds the live-reload script (and, when given, the problems box) to one
/// HTML page, and lets its Content-Security-Policy load them.
pub fn decorate(page: &str, problems: Option<&str>) -> String {
    let mut out = String::with_capacity(page.len() + problems.map_or(0, str::len) + 256);
    let page = allow_preview_in_csp(page);
    let page = page.as_str();
    // The stylesheet goes last in <head>; the box right after <body…>; the
    // script just before </body>.
    let head_end = page.find("</head>");
    let body_start = find_tag_end(page, "<body");
    let body_end = page.rfind("</body>");
    match (head_end, body_start, body_end) {
        (Some(h), Some(b), Some(e)) if h < b && b <= e => {
            out.push_str(&page[..h]);
            out.push_str(&format!(
                "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n"
            ));
            out.push_str(&page[h..b]);
            if let Some(problems) = problems {
                out.push_str(problems);
            }
            out.push_str(&page[b..e]);
            out.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>\n"));
            out.push_str(&page[e..]);
        }
        // A page that is not a full document (a theme may write fragments):
        // serve it as it is, with the script at the end.
        _ => {
            out.push_str(page);
            out.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>\n"));
        }
    }
    out
}

/// The byte just after the `>` that ends the first `<tag …>`.
fn find_tag_end(page: &str, tag: &str) -> Option<usize> {
    let start = page.find(tag)?;
    let end = page[start..].find('>')?;
    Some(start + end + 1)
}

/// The policy of a page's CSP meta tag, if it has one.
pub fn page_policy(page: &str) -> Option<&str> {
    const MARK: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let start = page.find(MARK)? + MARK.len();
    let len = page[start..].find('"')?;
    Some(&page[start..start + len])
}

/// Adds `'self'` to the `script-src`, `connect-src` and `style-src` of a
/// page's CSP meta tag (creating them when missing), so the preview's own
/// script, event stream and stylesheet load. Everything else stays as the
/// theme wrote it.
pub fn allow_preview_in_csp(page: &str) -> String {
    const MARK: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(at) = page.find(MARK) else {
        return page.to_string();
    };
    let start = at + MARK.len();
    let Some(len) = page[start..].find('"') else {
        return page.to_string();
    };
    let policy = &page[start..start + len];
    let mut directives: Vec<String> = policy
        .split(';')
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    for name in ["script-src", "connect-src", "style-src"] {
        match directives
            .iter_mut()
            .find(|d| d.split_whitespace().next() == Some(name))
        {
            Some(d) => {
                if !d.split_whitespace().any(|v| v == "'self'") {
                    // 'none' cannot be combined with sources.
                    *d = d.replace(" 'none'", "");
                    d.push_str(" 'self'");
                }
            }
            None => directives.push(format!("{name} 'self'")),
        }
    }
    let mut out = String::with_capacity(page.len() + 64);
    out.push_str(&page[..start]);
    out.push_str(&directives.join("; "));
    out.push_str(&page[start + len..]);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    out.push_str(&escape::html(text));
}
