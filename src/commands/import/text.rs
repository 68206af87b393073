//! Text helpers of the import: ids made from names, summaries cut to
//! length, and new service areas added to `portal.yaml`.

use crate::model::is_safe_id;

/// An id made from `text`: lowercase letters, digits and single hyphens, at
/// most 80 characters, cut at a hyphen.
pub(super) fn safe_id(text: &str, fallback: &str) -> String {
    let mut id = slug::slugify(text);
    if id.len() > 80 {
        let cut = id[..80].rfind('-').unwrap_or(80);
        id.truncate(cut);
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() || !is_safe_id(&id) {
        fallback.to_string()
    } else {
        id
    }
}

/// Adds service areas at the end of the `service_areas:` list of
/// portal.yaml, leaving every other line as it was.
pub(super) fn add_areas(portal: &str, areas: &[(String, String)]) -> String {
    let lines: Vec<&str> = portal.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == "service_areas:" || l.starts_with("service_areas:"));
    let mut block = String::new();
    let Some(start) = start else {
        return portal.to_string();
    };
    // The list's indentation, from its first item.
    let indent = lines[start + 1..]
        .iter()
        .find(|l| l.trim_start().starts_with("- "))
        .map(|l| l.len() - l.trim_start().len())
        .unwrap_or(2);
    let pad = " ".repeat(indent);
    for (id, name) in areas {
        block.push_str(&format!(
            "{pad}- id: {id}\n{pad}  name: {}\n",
            super::yaml_out::quote(name)
        ));
    }
    // The block ends at the next line that starts at column 0 (a new key).
    let mut end = start + 1;
    let mut last_content = start;
    while end < lines.len() {
        let l = lines[end];
        let t = l.trim();
        if !t.is_empty() && !l.starts_with([' ', '\t', '#']) {
            break;
        }
        if !t.is_empty() && !t.starts_with('#') {
            last_content = end;
        }
        end += 1;
    }
    let mut out = String::with_capacity(portal.len() + block.len() + 1);
    for l in &lines[..=last_content] {
        out.push_str(l);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&block);
    for l in &lines[last_content + 1..] {
        out.push_str(l);
    }
    out
}

/// The first sentences of `text` that fit in `max` characters; cut at a
/// word with "…" when the first sentence alone is longer.
pub(super) fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut = 0;
    // `count` is the number of characters before `i`.
    for (count, (i, c)) in text.char_indices().enumerate() {
        if count >= max {
            break;
        }
        if matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' ') {
            cut = i + 1;
        }
    }
    if cut > 0 {
        return text[..cut].to_string();
    }
    let limit: usize = text
        .char_indices()
        .nth(max - 1)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let at = text[..limit].rfind(' ').unwrap_or(limit);
    format!("{}…", text[..at].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_cut_at_a_sentence() {
        let long = format!("First sentence. {}", "word ".repeat(100));
        assert_eq!(shorten(&long, 350), "First sentence.");
        let one = "word ".repeat(100);
        let s = shorten(&one, 50);
        assert!(s.ends_with('…') && s.chars().count() <= 50, "{s}");
        assert_eq!(shorten("  short   text ", 350), "short text");
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(safe_id("Ümlaut & Co: Tool (v2)!", "x"), "umlaut-co-tool-v2");
        assert_eq!(safe_id("!!!", "system"), "system");
        let long = safe_id(&"word ".repeat(40), "x");
        assert!(long.len() <= 80 && is_safe_id(&long));
    }

    #[test]
    fn areas_are_added_at_the_end_of_the_list() {
        let portal = "a: 1\nservice_areas:\n  - id: x\n    name: X\n\n# comment\ndefault_contact:\n  email: a@b.c\n";
        let out = add_areas(portal, &[("new-area".into(), "New: area".into())]);
        assert_eq!(
            out,
            "a: 1\nservice_areas:\n  - id: x\n    name: X\n  - id: new-area\n    name: \"New: area\"\n\n# comment\ndefault_contact:\n  email: a@b.c\n"
        );
    }
}
