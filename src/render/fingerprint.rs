//! Fingerprinted asset names: the theme's stylesheets and scripts are
//! published as `NAME.<hash>.EXT`, where the hash is taken from their
//! content. A changed file gets a new name, so hosts can tell browsers to
//! keep these files for a year (`Cache-Control: immutable`, see
//! `hosting.rs`) and a new stylesheet still reaches every reader at once.
//!
//! Templates never write these names: they use `site.stylesheet`,
//! `site.assets["NAME"]` or a page's own `script` address.

use std::collections::BTreeMap;

/// Extensions of the assets that are fingerprinted. Other assets (images,
/// fonts) keep their names: a stylesheet may refer to them by name.
const FINGERPRINTED: [&str; 3] = [".css", ".js", ".mjs"];

/// Asset name → published name, for every asset; names that are not
/// fingerprinted map to themselves.
pub(crate) fn published_names(assets: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    assets
        .iter()
        .map(|(name, bytes)| (name.clone(), published_name(name, bytes)))
        .collect()
}

/// `style.css` with content `bytes` → `style.<hash>.css`.
pub(crate) fn published_name(name: &str, bytes: &[u8]) -> String {
    let Some(ext) = FINGERPRINTED.iter().find(|ext| name.ends_with(*ext)) else {
        return name.to_string();
    };
    let stem = &name[..name.len() - ext.len()];
    format!("{stem}.{}{ext}", crate::render::csp::content_hash(bytes))
}

/// Whether the site path `path` (`assets/style.0123456789abcdef.css`) is a
/// fingerprinted asset, whose content never changes under that name.
pub(crate) fn is_fingerprinted(path: &str) -> bool {
    let Some(name) = path.strip_prefix("assets/") else {
        return false;
    };
    FINGERPRINTED.iter().any(|ext| {
        name.strip_suffix(ext)
            .and_then(|stem| stem.rsplit_once('.'))
            .is_some_and(|(_, hash)| {
                hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_carry_their_content_hash() {
        let css = published_name("style.css", b"body { color: black; }\n");
        // printf 'body { color: black; }\n' | sha256sum | cut -c1-16
        assert_eq!(css, "style.494f4abfd7ce18ad.css");
        assert!(is_fingerprinted(&format!("assets/{css}")));
        let js = published_name("filter.js", b"x");
        assert!(
            js.starts_with("filter.") && js.ends_with(".js") && js.len() == "filter..js".len() + 16
        );
        assert_ne!(
            published_name("style.css", b"a"),
            published_name("style.css", b"b"),
            "another content gets another name"
        );
    }

    #[test]
    fn other_assets_keep_their_names() {
        assert_eq!(published_name("logo.png", b"png"), "logo.png");
        assert!(!is_fingerprinted("assets/logo.png"));
        assert!(!is_fingerprinted("assets/style.css"));
        assert!(!is_fingerprinted("assets/style.0123.css"));
        assert!(!is_fingerprinted("style.0123456789abcdef.css"));
    }
}
