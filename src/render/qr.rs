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
    let (width, dark) = modules(url)?;
    let size = width + 2 * QUIET_ZONE;
    // Each row's runs of dark modules as one rectangle each: about half as
    // many as one square a module, and the numbers written by hand, since
    // a notice's code was most of the cost of drawing it.
    let mut path = String::with_capacity(dark.len() * 4);
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|d| **d).count();
            path.push('M');
            push_number(&mut path, x + QUIET_ZONE);
            path.push(' ');
            push_number(&mut path, y + QUIET_ZONE);
            path.push('h');
            push_number(&mut path, run);
            path.push_str("v1h-");
            push_number(&mut path, run);
            path.push('z');
            x += run;
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

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    // Codes are at most 65 modules and a quiet zone across: one or two digits.
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
    } else if n < 100 {
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    } else {
        out.push_str(&n.to_string());
    }
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
        assert!(svg.matches('M').count() > 50, "too few dark runs: {svg}");
    }

    /// The dark modules a drawn code's `<path>` paints (each `M x y h n v1
    /// h-n z` a run of `n` modules on row `y`), with the width across.
    fn painted(svg: &str) -> (usize, Vec<bool>) {
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .unwrap()
            .parse()
            .unwrap();
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut dark = vec![false; size * size];
        for shape in d.split('z').filter(|s| !s.is_empty()) {
            let numbers: Vec<usize> = shape
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let [x, y, run, 1, back] = numbers[..] else {
                panic!("not a run: {shape}")
            };
            assert!(shape.starts_with('M') && shape.contains("v1h-"), "{shape}");
            assert_eq!(run, back, "{shape}");
            for cell in &mut dark[y * size + x..y * size + x + run] {
                assert!(!*cell, "painted twice: {shape}");
                *cell = true;
            }
        }
        (size, dark)
    }

    /// Reads a code back the way a phone does: the notice's drawing of it
    /// made a picture (three pixels a module), found and decoded by `rqrr`,
    /// a reader that shares no code with the `qrcode` crate.
    fn scan(url: &str) -> String {
        let (size, dark) = painted(&svg(url, "code").unwrap());
        let px = 3;
        let side = size * px;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            if dark[(y / px) * size + x / px] {
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
    fn the_drawing_paints_exactly_the_dark_modules_inside_the_quiet_zone() {
        let url = "https://ai.eastmere.example/systems/letter-translation/";
        let (width, modules) = modules(url).unwrap();
        let (size, dark) = painted(&svg(url, "code").unwrap());
        assert_eq!(size, width + 2 * QUIET_ZONE);
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET_ZONE..QUIET_ZONE + width).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + width).contains(&y);
                let expected = inside && modules[(y - QUIET_ZONE) * width + (x - QUIET_ZONE)];
                assert_eq!(dark[y * size + x], expected, "module {x},{y}");
            }
        }
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
