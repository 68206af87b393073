//! `glassbox build --precompress`: a `.gz` and a `.br` copy next to every
//! text file, for hosts that serve a file's compressed copy as it is
//! (nginx `gzip_static`, Caddy `precompressed`, most CDNs and buckets with
//! the right metadata). The one place that knows flate2 and brotli.
//!
//! The copies are deterministic: the gzip header has no file name and a
//! modification time of 0, and both use fixed settings, so the same site
//! gives the same bytes. A copy that would not be smaller is not written.

use std::io::Write;

use crate::render::hosting;

/// Extensions of the files worth compressing (text; images and PDFs are
/// compressed already).
const TEXT: [&str; 11] = [
    ".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".csv", ".svg", ".md", ".jsonld",
];

/// Whether `path` gets compressed copies: a text file that is not one of
/// the host configuration files.
pub(crate) fn is_compressible(path: &str) -> bool {
    TEXT.iter().any(|ext| path.ends_with(ext)) && !hosting::FILES.contains(&path)
}

/// The `.gz` and `.br` copies of one file, when it gets them: those
/// smaller than the file.
pub(crate) fn copies(path: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    if !is_compressible(path) {
        return Vec::new();
    }
    [
        (format!("{path}.gz"), gzip(bytes)),
        (format!("{path}.br"), brotli(bytes)),
    ]
    .into_iter()
    .filter(|(_, copy)| copy.len() < bytes.len())
    .collect()
}

/// gzip at the best compression, with mtime 0 and no file name.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing into memory cannot fail");
    encoder.finish().expect("writing into memory cannot fail")
}

/// Brotli at the best quality, with a window no larger than the file.
pub(crate) fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: (usize::BITS - bytes.len().leading_zeros()).clamp(10, 22) as i32,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("compressing from and into memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn copies_decompress_to_the_original_and_are_deterministic() {
        let text = "<p>Residents can ask for a human review.</p>\n".repeat(50);
        let gz = gzip(text.as_bytes());
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "gzip mtime must be 0");
        assert_eq!(gz, gzip(text.as_bytes()));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);

        let br = brotli(text.as_bytes());
        assert_eq!(br, brotli(text.as_bytes()));
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }

    #[test]
    fn only_text_files_that_shrink_get_copies() {
        let files = [
            ("index.html", "<p>hello</p>".repeat(100).into_bytes()),
            ("a.html", b"x".to_vec()),
            ("logo.png", vec![0; 1000]),
            ("_headers", "/*\n".repeat(100).into_bytes()),
        ];
        let mut names: Vec<String> = files
            .iter()
            .flat_map(|(path, bytes)| copies(path, bytes))
            .map(|(path, _)| path)
            .collect();
        names.sort();
        assert_eq!(names, ["index.html.br", "index.html.gz"]);
    }
}
