//! The Markdown pipeline with our link and HTML filtering: whatever the
//! text, the HTML has no element, attribute or URL scheme that could run
//! script. A breach is a crash, so the fuzzer reports it.
#![no_main]

use glassbox::render::markdown::{Context, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cx = Context {
        file: "content/pages/fuzz.md",
        first_line: 4,
        parent_level: 1,
        reserved_ids: &["main-content", "contact"],
        reserved_prefixes: &["note-", "area-"],
        root_path: "/ai/",
    };
    let rendered = render(text, &cx);
    if let Err(problem) = check(&rendered.html) {
        panic!(
            "unsafe HTML from Markdown: {problem}\n--- input\n{text:?}\n--- html\n{}",
            rendered.html
        );
    }
});

/// Elements the Markdown renderer may write.
const ELEMENTS: &[&str] = &[
    "p", "a", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "div",
    "sup", "span", "section", "input", "dl", "dt", "dd",
];
/// Attributes it may write.
const ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "title", "id", "class", "scope", "role", "aria-label", "aria-labelledby",
    "tabindex", "start", "type", "disabled", "checked",
];

/// Walks the tags of renderer output (well formed, attribute values quoted
/// with `"`) and checks names, attributes and URL schemes.
fn check(html: &str) -> Result<(), String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset + 1;
        let mut j = start;
        if bytes.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        if !ELEMENTS.contains(&name.as_str()) {
            return Err(format!("element <{name}> at byte {start}"));
        }
        // Attributes up to `>`.
        loop {
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            match bytes.get(j) {
                None => return Err("unclosed tag".into()),
                Some(b'>') => break,
                Some(b'/') if bytes.get(j + 1) == Some(&b'>') => {
                    j += 1;
                    break;
                }
                _ => {}
            }
            let attr_start = j;
            while j < bytes.len() && !matches!(bytes[j], b'=' | b' ' | b'>') {
                j += 1;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            if !ATTRIBUTES.contains(&attr.as_str()) {
                return Err(format!("attribute `{attr}` on <{name}>"));
            }
            if bytes.get(j) == Some(&b'=') {
                if bytes.get(j + 1) != Some(&b'"') {
                    return Err(format!("unquoted value of `{attr}`"));
                }
                let value_start = j + 2;
                let Some(len) = html[value_start..].find('"') else {
                    return Err("unterminated attribute value".into());
                };
                let value = &html[value_start..value_start + len];
                if value.contains('<') || value.contains('>') {
                    return Err(format!("`<` or `>` inside `{attr}`"));
                }
                if attr == "href" || attr == "src" {
                    check_url(value)?;
                }
                j = value_start + len + 1;
            }
        }
        i = j + 1;
    }
    Ok(())
}

fn check_url(value: &str) -> Result<(), String> {
    // Decode the few entities the escaper writes, then read the scheme as a
    // browser would: without whitespace or control characters, any case.
    let decoded = value
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"");
    let cleaned: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some(colon) = cleaned.find(':') {
        let before = &cleaned[..colon];
        if !before.contains(['/', '?', '#'])
            && !matches!(before, "http" | "https" | "mailto" | "tel")
        {
            return Err(format!("URL with scheme `{before}`: {value}"));
        }
    }
    Ok(())
}
