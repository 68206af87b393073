//! The Content-Security-Policy every page carries, the one place that knows
//! sha2 and base64 (it also gives the content hashes of fingerprinted asset
//! names). Pages may run only script the theme itself ships:
//!
//! - a script file under the theme's `assets/` (a `.js` or `.mjs` file) is
//!   allowed by `'self'`, which is only added when there is one;
//! - a `<script>` written inline in a template is allowed by the SHA-256
//!   hash of its text, computed here at build time. Its text must be fixed
//!   (no `{{ }}` or `{% %}` in it), or the hash could not match what the
//!   page contains; such a script is an error pointing at its line.
//!
//! Nothing else can run: content is escaped before it reaches a template,
//! and a script injected some other way would have no matching hash.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Position};

/// What the policy allows besides scripts: styles and images from the site
/// itself, nothing from other hosts, no `<base>`, forms only to the site.
const BASE_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

/// The policy for a theme whose templates are `templates` (file shown in
/// messages, source text) and whose asset names are `assets`.
pub fn policy<'a>(
    templates: impl IntoIterator<Item = (&'a str, &'a str)>,
    assets: impl IntoIterator<Item = &'a str>,
) -> Result<String, Vec<Diagnostic>> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    if assets
        .into_iter()
        .any(|a| a.ends_with(".js") || a.ends_with(".mjs"))
    {
        sources.push("'self'".to_string());
    }
    for (shown, text) in templates {
        for script in inline_scripts(text) {
            if script.body.contains("{{") || script.body.contains("{%") {
                problems.push(
                    Diagnostic::error(
                        "template-script",
                        "an inline script in a template must be fixed text, without `{{ }}` or `{% %}`",
                    )
                    .at(shown, text, script.position)
                    .with_help(
                        "pages only run scripts whose exact text is known when the site is built; \
                         move the script into a file under themes/default/assets/ and load it with \
                         <script src=...>, passing data through data- attributes",
                    ),
                );
            } else {
                let hash = format!("'sha256-{}'", hash(script.body));
                if !sources.contains(&hash) {
                    sources.push(hash);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(if sources.is_empty() {
        BASE_POLICY.to_string()
    } else {
        // A theme's script may read the site's own data (the search index).
        format!(
            "{BASE_POLICY}; script-src {}; connect-src 'self'",
            sources.join(" ")
        )
    })
}

/// The first 16 hex digits of the SHA-256 of `bytes`: the content hash in
/// a fingerprinted asset name (`style.<hash>.css`, see `fingerprint.rs`).
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Base64 of the SHA-256 of `text`, as CSP hash sources are written.
pub fn hash(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

struct InlineScript<'a> {
    body: &'a str,
    position: Position,
}

/// The bodies of `<script>` elements without a `src` attribute.
fn inline_scripts(text: &str) -> Vec<InlineScript<'_>> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = lower[from..].find("<script") {
        let start = from + offset;
        let after_name = start + "<script".len();
        // `<scripts>` or `<script-x>` is another element.
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            from = after_name;
            continue;
        }
        let Some(tag_len) = lower[start..].find('>') else {
            break;
        };
        let tag = &lower[start..start + tag_len];
        let body_start = start + tag_len + 1;
        let body_end = lower[body_start..]
            .find("</script")
            .map_or(text.len(), |i| body_start + i);
        if !tag.contains("src=") && !tag.contains("src =") {
            let line = text[..start].matches('\n').count() + 1;
            let column = text[..start]
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count())
                + 1;
            found.push(InlineScript {
                body: &text[body_start..body_end],
                position: Position::new(line, column),
            });
        }
        from = body_end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_script_means_no_script_source() {
        let p = policy([("base.html", "<p>hi</p>")], ["style.css"]).unwrap();
        assert_eq!(p, BASE_POLICY);
        assert!(!p.contains("script-src"));
    }

    #[test]
    fn a_script_file_allows_self() {
        let p = policy(
            [(
                "base.html",
                "<script src=\"/assets/search.js\" defer></script>",
            )],
            ["style.css", "search.js"],
        )
        .unwrap();
        assert!(
            p.ends_with("; script-src 'self'; connect-src 'self'"),
            "{p}"
        );
    }

    #[test]
    fn inline_scripts_are_allowed_by_their_hash() {
        let body = "document.documentElement.className = 'js';";
        let p = policy(
            [("base.html", &*format!("<head>\n<script>{body}</script>"))],
            [],
        )
        .unwrap();
        // echo -n "document.documentElement.className = 'js';" | openssl dgst -sha256 -binary | base64
        assert!(
            p.ends_with("; script-src 'sha256-VDVDNNRTREupwUTWnq6itaNdc1TFEVFbXV4xlAS7Gow='; connect-src 'self'"),
            "{p}"
        );
    }

    #[test]
    fn an_inline_script_with_template_syntax_is_an_error() {
        let problems = policy(
            [("base.html", "<p>\n  <script>var x = {{ x }};</script>")],
            [],
        )
        .unwrap_err();
        assert_eq!(problems[0].code, "template-script");
        assert_eq!(problems[0].position, Some(Position::new(2, 3)));
    }
}
