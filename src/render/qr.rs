//! The one place that knows the `qrcode` crate: a QR code for an address,
//! drawn as inline SVG at build time (no image file, nothing loaded at run
//! time). The crate only encodes; the drawing is ours, one `<path>` of dark
//! squares, so the output is small, deterministic and safe to inline.

use qrcode::{Color, EcLevel, QrCode};

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

/// An `<svg>` element showing `url` as a QR code, with `label` as its text
/// alternative. `None` when the address is too long for a QR code.
pub(crate) fn svg(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
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

    #[test]
    fn gives_none_for_an_address_too_long_to_encode() {
        assert!(svg(&"x".repeat(5000), "too long").is_none());
    }
}
