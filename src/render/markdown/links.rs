//! Link destinations sorted by scheme, to keep unsafe ones out of the page.

#[derive(Debug, PartialEq, Eq)]
pub(super) enum UrlKind {
    Relative,
    Web,
    Mail,
    Phone,
    Unsafe(String),
}

/// Sorts a destination by scheme, the way a browser would read it: control
/// characters and whitespace are ignored and case does not matter.
pub(super) fn classify_url(url: &str) -> UrlKind {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = &cleaned[..i];
            match scheme {
                "http" | "https" => UrlKind::Web,
                "mailto" => UrlKind::Mail,
                "tel" => UrlKind::Phone,
                other => UrlKind::Unsafe(other.to_string()),
            }
        }
        _ => UrlKind::Relative,
    }
}
