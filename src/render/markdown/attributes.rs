//! `{key=value}` attributes at the end of a paragraph, such as `{lang=cy}`.

use pulldown_cmark::Event;

/// Takes a trailing `{key=value}` off a paragraph's text (its last line or
/// the end of it) and returns what was between the braces with its offset.
/// Braces elsewhere, or with spaces inside, are left as text.
pub(super) fn paragraph_attribute(inner: &mut Vec<(Event, usize)>) -> Option<(String, usize)> {
    // The parser may split text into several events; join the trailing ones.
    let mut start = inner.len();
    while start > 0 && matches!(inner[start - 1].0, Event::Text(_)) {
        start -= 1;
    }
    if start == inner.len() {
        return None;
    }
    let mut text = String::new();
    for (e, _) in &inner[start..] {
        if let Event::Text(t) = e {
            text.push_str(t);
        }
    }
    let trimmed = text.trim_end();
    let open = trimmed.rfind('{')?;
    let inside = trimmed.strip_suffix('}')?.get(open + 1..)?;
    if inside.is_empty() || !inside.contains('=') || inside.contains(char::is_whitespace) {
        return None;
    }
    let before = trimmed[..open].trim_end().to_string();
    let at = inner[start].1;
    let attribute = inside.to_string();
    inner.truncate(start);
    if before.is_empty() {
        // `{lang=cy}` on a line of its own after the paragraph's text.
        while matches!(inner.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            inner.pop();
        }
    } else {
        inner.push((Event::Text(before.into()), at));
    }
    Some((attribute, at))
}
