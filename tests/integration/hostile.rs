//! The hostile-input corpus: content that tries to put script into the site,
//! load something from another host or break out of an attribute. Every
//! payload goes into a portal that must still build; then every page is
//! parsed and checked as a browser would read it.

use std::collections::BTreeSet;

use scraper::{Html, Selector};

use crate::support::*;

/// Markdown bodies, each put in a page of its own.
const MARKDOWN: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<img src=x onerror=alert(1)>",
    "<p onclick=\"alert(1)\" ONMOUSEOVER='alert(1)'>hi</p>",
    "<a href=\"javascript:alert(1)\">raw link</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>body { background: expression(alert(1)); }</style>",
    "<div style=\"width: expression(alert(1))\">x</div>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"//evil.example/x.swf\">",
    "<form action=\"javascript:alert(1)\"><button>Go</button></form>",
    "<base href=\"//evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=\"stylesheet\" href=\"//evil.example/x.css\">",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<!-- <script>alert(1)</script> -->",
    "<details open ontoggle=alert(1)>x</details>",
    "[mixed case](JaVaScRiPt:alert(1))",
    "[plain](javascript:alert(1))",
    "[leading space](< javascript:alert(1)>)",
    "[entity j](&#106;avascript:alert(1))",
    "[hex entity](jav&#x61;script:alert(1))",
    "[tab entity](java&#x09;script:alert(1))",
    "[newline entity](java&#x0A;script:alert(1))",
    "[named colon](javascript&colon;alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vbscript](VBScript:MsgBox(1))",
    "[percent](%6Aavascript:alert(1))",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "[reference][r]\n\n[r]: javascript:alert(1)",
    "[reference title][r]\n\n[r]: /ok \"t\\\" onmouseover=\\\"alert(1)\"",
    "![image](javascript:alert(1))",
    "![image data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x\" onerror=\"alert(1)](/pic.png)",
    "![x' onerror='alert(1)](/pic.png \"t\\\" onerror=\\\"alert(1)\")",
    "![remote](https://evil.example/tracker.png)",
    "![protocol relative](//evil.example/tracker.png)",
    "[title breakout](/a \"x\\\" onmouseover=\\\"alert(1)\")",
    "[title breakout single](/a 'x\\' onmouseover=\\'alert(1)')",
    "## Heading {#x\" onclick=\"alert(1) .c onclick=alert(1)}",
    "## Heading {onclick=alert(1)}",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "`</code><script>alert(1)</script>`",
    "Text[^<script>alert(1)</script>]\n\n[^<script>alert(1)</script>]: <img src=x onerror=alert(1)>",
    "{{ site.title }} {% if true %}RAN{% endif %} {# hidden #} {{ 7 * 7 }}",
    "{% raw %}x{% endraw %} {{ \"<script>\" | safe }}",
    "<a href=\"https://example.org/\" target=\"_blank\">new window</a>",
    "[external](https://example.org/)",
];

/// YAML values, each the `title` or `description` of a page of its own.
const YAML: &[&str] = &[
    "\"<script>alert(1)</script>\"",
    "'\"><svg onload=alert(1)>'",
    "\"</title><script>alert(1)</script>\"",
    "\"{{ site.title }} {% if true %}RAN{% endif %}\"",
    "\"javascript:alert(1)\"",
    "\"&#106;avascript:alert(1) &lt;script&gt;\"",
    "\"' onmouseover='alert(1)\"",
];

/// Schemes a browser would run or that can carry a document.
const UNSAFE_SCHEMES: &[&str] = &["javascript", "vbscript", "data", "livescript", "file"];

/// Reads a URL's scheme as a browser does: whitespace and control
/// characters dropped, any case.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned.as_bytes()[end] == b':').then(|| cleaned[..end].to_string())
}

fn hostile_portal() -> TestPortal {
    let p = TestPortal::minimal();
    for (i, body) in MARKDOWN.iter().enumerate() {
        p.write(
            &format!("content/pages/md-{i}.md"),
            format!("---\ntitle: Markdown case {i}\n---\n\n{body}\n"),
        );
    }
    for (i, value) in YAML.iter().enumerate() {
        p.write(
            &format!("content/pages/yaml-title-{i}.md"),
            format!("---\ntitle: {value}\n---\n\nText.\n"),
        );
        p.write(
            &format!("content/pages/yaml-description-{i}.md"),
            format!("---\ntitle: Description case {i}\ndescription: {value}\n---\n\nText.\n"),
        );
    }
    p.edit(
        "content/systems/parking-cameras.md",
        "name: Parking cameras",
        "name: \"Parking <script>alert(1)</script> {{ site.title }}\"",
    );
    p.edit(
        "content/portal.yaml",
        "  name: Testford Council",
        "  name: \"Testford </title><script>alert(1)</script>\"",
    );
    p
}

#[test]
fn no_content_can_put_script_into_the_site() {
    let p = hostile_portal();
    let report = p.build_ok();
    // Unsafe links and remote images are reported, not silently dropped.
    let codes: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains("unsafe-link"), "{codes:?}");
    assert!(codes.contains("external-image"), "{codes:?}");

    let site = tree(&p.site());
    let pages: Vec<(&String, String)> = site
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes.clone()).unwrap()))
        .collect();
    assert!(
        pages.len() > MARKDOWN.len() + 2 * YAML.len(),
        "{}",
        pages.len()
    );
    let all = Selector::parse("*").unwrap();
    let mut problems = Vec::new();
    for (path, html) in &pages {
        let doc = Html::parse_document(html);
        let csp = page_policy(&doc);
        for element in doc.select(&all) {
            let name = element.value().name();
            if matches!(
                name,
                "script"
                    | "iframe"
                    | "frame"
                    | "object"
                    | "embed"
                    | "svg"
                    | "math"
                    | "base"
                    | "style"
            ) && !theme_script(&element, &csp)
                && !notice_qr_code(&element)
            {
                problems.push(format!("{path}: <{name}> element"));
            }
            if name == "meta"
                && element
                    .value()
                    .attr("http-equiv")
                    .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
            {
                problems.push(format!("{path}: meta refresh"));
            }
            for (attr, value) in element.value().attrs() {
                let lower = attr.to_ascii_lowercase();
                if lower.starts_with("on") {
                    problems.push(format!("{path}: <{name} {attr}>"));
                }
                if lower == "style" {
                    problems.push(format!("{path}: <{name} style={value:?}>"));
                }
                if let Some(s) = scheme(value)
                    && UNSAFE_SCHEMES.contains(&s.as_str())
                    && matches!(
                        lower.as_str(),
                        "href"
                            | "src"
                            | "action"
                            | "formaction"
                            | "data"
                            | "xlink:href"
                            | "srcset"
                            | "poster"
                    )
                {
                    problems.push(format!("{path}: <{name} {attr}={value:?}>"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether an element is the notice's QR code, drawn by glassbox: an
/// `<svg class="qr-code">` holding only a title, a rectangle and a path,
/// with no attribute that could load or run anything.
fn notice_qr_code(element: &scraper::ElementRef) -> bool {
    let safe = |e: &scraper::node::Element| {
        e.attrs().all(|(name, _)| {
            !name.starts_with("on") && !matches!(name, "href" | "xlink:href" | "src" | "style")
        })
    };
    element.value().name() == "svg"
        && element.value().classes().any(|c| c == "qr-code")
        && safe(element.value())
        && element.descendants().all(|n| match n.value() {
            scraper::Node::Element(e) => {
                matches!(e.name(), "svg" | "title" | "rect" | "path") && safe(e)
            }
            _ => true,
        })
}

/// Whether a `<script>` is one the theme ships: a file under `/assets/`, or
/// inline text whose hash the page's policy lists.
fn theme_script(element: &scraper::ElementRef, csp: &str) -> bool {
    if element.value().name() != "script" {
        return false;
    }
    match element.value().attr("src") {
        Some(src) => src.starts_with("/assets/") && csp.contains("'self'"),
        None => {
            let text: String = element.text().collect();
            csp.contains(&format!("'sha256-{}'", glassbox::render::csp::hash(&text)))
        }
    }
}

fn page_policy(doc: &Html) -> String {
    let meta = Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    doc.select(&meta)
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn template_syntax_in_content_prints_literally() {
    let p = hostile_portal();
    p.build_ok();
    let case = MARKDOWN
        .iter()
        .position(|m| m.starts_with("{{ site.title }}"))
        .unwrap();
    let markdown = p.main_of(&format!("md-{case}/"));
    let text: String = Html::parse_fragment(&markdown)
        .root_element()
        .text()
        .collect();
    assert!(text.contains("{{ site.title }}"), "{text}");
    assert!(text.contains("{% if true %}RAN{% endif %}"), "{text}");
    assert!(text.contains("{{ 7 * 7 }}"), "{text}");
    assert!(!text.contains("49"), "{text}");
    let case = YAML.iter().position(|m| m.contains("RAN")).unwrap();
    let yaml = p.page(&format!("yaml-title-{case}/"));
    assert!(
        yaml.contains("{{ site.title }} {% if true %}RAN{% endif %}"),
        "{yaml}"
    );
    let system = p.page("systems/parking-cameras/");
    assert!(
        system.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; {{ site.title }}")
            || system.contains("&lt;script&gt;alert(1)&lt;/script&gt; {{ site.title }}"),
        "{system}"
    );
}

#[test]
fn every_page_has_a_policy_a_referrer_rule_and_loads_nothing_from_elsewhere() {
    let p = hostile_portal();
    p.build_ok();
    let referrer = Selector::parse("meta[name=\"referrer\"]").unwrap();
    let resources = Selector::parse("[src], link[href], object[data], [srcset], [poster]").unwrap();
    let links = Selector::parse("a[href]").unwrap();
    let mut problems = Vec::new();
    for (path, bytes) in tree(&p.site()) {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let csp = page_policy(&doc);
        for needed in [
            "default-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            if !csp.contains(needed) {
                problems.push(format!("{path}: policy {csp:?} lacks {needed}"));
            }
        }
        if csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains('*') {
            problems.push(format!("{path}: policy {csp:?} is too wide"));
        }
        match doc
            .select(&referrer)
            .next()
            .and_then(|m| m.value().attr("content"))
        {
            Some(
                "no-referrer" | "same-origin" | "strict-origin" | "strict-origin-when-cross-origin",
            ) => {}
            other => problems.push(format!("{path}: referrer policy {other:?}")),
        }
        for element in doc.select(&resources) {
            let rel = element.value().attr("rel").unwrap_or_default();
            if element.value().name() == "link" && matches!(rel, "canonical" | "alternate") {
                continue;
            }
            for attr in ["src", "href", "data", "srcset", "poster"] {
                if let Some(url) = element.value().attr(attr) {
                    let cleaned = url.trim().to_ascii_lowercase();
                    if cleaned.starts_with("//") || scheme(&cleaned).is_some() {
                        problems.push(format!(
                            "{path}: <{} {attr}={url:?}> loads from another host",
                            element.value().name()
                        ));
                    }
                }
            }
        }
        for a in doc.select(&links) {
            if let Some(target) = a.value().attr("target") {
                let rel = a.value().attr("rel").unwrap_or_default();
                if target != "_self" && !(rel.contains("noopener") && rel.contains("noreferrer")) {
                    problems.push(format!(
                        "{path}: link opens a new window without noopener noreferrer"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn unsafe_web_addresses_in_fields_are_refused() {
    for url in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/",
    ] {
        let p = TestPortal::minimal();
        p.edit(
            "content/portal.yaml",
            "    url: https://www.testford.example/",
            &format!("    url: \"{url}\""),
        );
        let d = p.build_fails();
        assert_eq!(
            only(&d, "invalid-url").file.as_deref(),
            Some("content/portal.yaml"),
            "{url}"
        );
    }
}
