//! The one place that knows the `qrcode` crate: a QR code for an address,
//! drawn as inline SVG at build time (no image file, nothing loaded at run
//! time). The crate only encodes; the drawing is ours, one `<path>` of dark
//! squares, so the output is small, deterministic and safe to inline.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

use crate::render::escape;

/// Light squares around the code, in modules; the QR standard asks for four.
const QUIET_ZONE: usize = 4;

/// Most modules across (quiet zone included) that a phone camera still reads
/// from the notice's 30 mm code: about 0.4 mm a module. Version 12 (65
/// modules and the quiet zone) is the densest code that fits.
const MAX_MODULES: usize = 75;

/// Why the notice for `url` would have no QR code, or one too dense to
/// scan from paper; `None` when its code is fine.
pub(crate) fn problem(url: &str) -> Option<String> {
    // Only the size is needed: the data's encoding gives the version,
    // without drawing the code and scoring its masks.
    match qrcode::bits::encode_auto(url.as_bytes(), EcLevel::M) {
        Err(_) => Some(format!(
            "its address is too long for a QR code ({} characters), so its notice has none",
            url.len()
        )),
        Ok(bits) => {
            let across =
                usize::try_from(bits.version().width()).unwrap_or(usize::MAX) + 2 * QUIET_ZONE;
            (across > MAX_MODULES).then(|| {
                format!(
                    "its address ({} characters) makes a QR code of {across} modules across, too dense \
                     to scan from the printed notice (at most {MAX_MODULES})",
                    url.len()
                )
            })
        }
    }
}

/// The mask every code is drawn with. The QR standard has an encoder score
/// all eight masks and keep the one with the fewest hard-to-read patterns;
/// readers take whichever mask the code's format says, so one fixed mask
/// reads the same. Scoring the eight cost a quarter of a build's rendering
/// (a code on each of 10,000 notices); the tests read codes back to show
/// they still scan.
const MASK: MaskPattern = MaskPattern::Checkerboard;

/// The modules of the QR code for `url` (error correction M, so a notice
/// that is scuffed or folded still scans), row by row, with its width;
/// `None` when the address is too long for a QR code.
pub(crate) fn modules(url: &str) -> Option<(usize, Vec<bool>)> {
    let bits = qrcode::bits::encode_auto(url.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(MASK);
    let width = usize::try_from(version.width()).ok()?;
    let dark = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((width, dark))
}

/// An `<svg>` element showing `url` as a QR code, with `label` as its text
/// alternative. `None` when the address is too long for a QR code.
pub(crate) fn svg(url: &str, label: &str) -> Option<String> {
    use std::fmt::Write;
    let (width, dark) = modules(url)?;
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::with_capacity(dark.len() * 8);
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
        let _ = write!(path, "M{x} {y}h1v1h-1z");
    }
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-labelledby=\"qr-title\" shape-rendering=\"crispEdges\">\
         <title id=\"qr-title\">{}</title>\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        escape::html(label)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_address_is_a_problem_for_the_printed_code() {
        assert_eq!(
            problem("https://ai.eastmere.example/systems/letter-translation/"),
            None
        );
        let dense = format!("https://ai.eastmere.example/{}/", "a".repeat(300));
        assert!(problem(&dense).unwrap().contains("too dense"), "{dense}");
        let huge = format!("https://ai.eastmere.example/{}/", "a".repeat(5000));
        assert!(problem(&huge).unwrap().contains("has none"));
    }

    #[test]
    fn draws_a_square_code_with_its_text_alternative() {
        let svg = svg(
            "https://ai.eastmere.example/systems/letter-translation/",
            "QR code <a>",
        )
        .unwrap();
        assert!(svg.starts_with("<svg class=\"qr-code\""), "{svg}");
        assert!(
            svg.contains("<title id=\"qr-title\">QR code &lt;a&gt;</title>"),
            "{svg}"
        );
        // A version 4 code (33 modules) plus the quiet zone on both sides.
        assert!(svg.contains("viewBox=\"0 0 41 41\""), "{svg}");
        assert!(
            svg.matches('M').count() > 100,
            "too few dark modules: {svg}"
        );
    }

    /// Reads a code back the way a phone does: drawn as a picture (three
    /// pixels a module, the quiet zone around it), found and decoded by
    /// `rqrr`, a reader that shares no code with the `qrcode` crate.
    fn scan(url: &str) -> String {
        let (width, dark) = modules(url).unwrap();
        let px = 3;
        let side = (width + 2 * QUIET_ZONE) * px;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / px, y / px);
            let inside = (QUIET_ZONE..QUIET_ZONE + width).contains(&mx)
                && (QUIET_ZONE..QUIET_ZONE + width).contains(&my);
            if inside && dark[(my - QUIET_ZONE) * width + (mx - QUIET_ZONE)] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "{url}: no code found");
        let (_, content) = grids[0].decode().unwrap_or_else(|e| panic!("{url}: {e:?}"));
        content
    }

    #[test]
    fn codes_with_the_fixed_mask_scan_at_every_size_a_notice_uses() {
        // Addresses of every length a notice can have (codes of version 2
        // to 12), with the characters ids and base URLs use.
        let mut checked = 0;
        for n in (0..220).step_by(4) {
            let id: String = (0..n)
                .map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789-"[(i * 7 + n) % 37] as char)
                .collect();
            for base in [
                "https://ai.eastmere.example/",
                "https://www.council.example/ai-register/",
            ] {
                let url = format!("{base}systems/{id}/");
                if problem(&url).is_some() {
                    continue;
                }
                assert_eq!(scan(&url), url);
                checked += 1;
            }
        }
        assert!(checked > 80, "only {checked} addresses checked");
    }

    #[test]
    fn gives_none_for_an_address_too_long_to_encode() {
        assert!(svg(&"x".repeat(5000), "too long").is_none());
    }
}
