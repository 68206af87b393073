//! Which file a request path names: pure functions, so every refusal can be
//! tested without a server.

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A file of the site, by its path under the site folder.
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Not in the site.
    NotFound,
    /// A path that tries to leave the site or cannot be a site path
    /// (`..`, backslashes, NUL, bad percent-encoding): refused.
    Refused,
}

/// Resolves the path part of a request URL (no query) against a site that
/// lives under `root_path` (`/` or `/something/`). `exists` says whether a
/// path under the site folder is a file of the site.
pub fn resolve(raw: &str, root_path: &str, exists: impl Fn(&str) -> bool) -> Route {
    let Some(path) = percent_decode(raw) else {
        return Route::Refused;
    };
    if !path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return Route::Refused;
    }
    // Every segment must be a plain name: no `.`, `..` or empty segments
    // (`//` could read as an absolute path), except a final empty one
    // after the trailing slash.
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if *segment == "." || *segment == ".." || (segment.is_empty() && i != last) {
            return Route::Refused;
        }
        if segment.contains(':') && i == 0 {
            // `C:` and other drive or scheme-like first segments.
            return Route::Refused;
        }
    }
    let root = if root_path.ends_with('/') {
        root_path.to_string()
    } else {
        format!("{root_path}/")
    };
    if path == root[..root.len() - 1] && root != "/" {
        return Route::Redirect(root);
    }
    let Some(relative) = path.strip_prefix(&root) else {
        return Route::NotFound;
    };
    if relative.is_empty() || relative.ends_with('/') {
        let index = format!("{relative}index.html");
        return if exists(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if exists(relative) {
        return Route::File(relative.to_string());
    }
    if exists(&format!("{relative}/index.html")) {
        return Route::Redirect(format!("{path}/"));
    }
    Route::NotFound
}

/// Decodes `%XX` escapes; `None` when an escape is broken or the result is
/// not UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a file of the site, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
