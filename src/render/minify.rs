//! Optional HTML minification (feature `minify`, flag `--minify`), the one
//! place that knows minify-html. Closing tags and the `<html>`/`<head>`
//! opening tags are kept so the output stays valid for validators and
//! other tools; CSS and JS are left alone.

/// One HTML page minified.
pub(crate) fn minify_page(bytes: &[u8]) -> Vec<u8> {
    minify_html::minify(bytes, &cfg())
}

fn cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg
}
