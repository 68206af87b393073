//! A fixture portal in a temporary folder, built with a fixed date, and
//! helpers to read what came out.

use std::fs;
use std::path::{Path, PathBuf};

use glassbox::{BuildError, BuildOptions, BuildReport, Diagnostic, Diagnostics};

/// The date every test builds with, so review deadlines do not drift.
pub(crate) fn test_today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 26)
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub(crate) struct TestPortal {
    dir: tempfile::TempDir,
}

impl TestPortal {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn from_fixture(name: &str) -> TestPortal {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(name), dir.path());
        TestPortal { dir }
    }

    /// The small valid portal most tests start from.
    pub(crate) fn minimal() -> TestPortal {
        TestPortal::from_fixture("minimal")
    }

    /// A copy of the repository's example portal.
    pub(crate) fn example() -> TestPortal {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &dir.path().join("content"),
        );
        TestPortal { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn site(&self) -> PathBuf {
        self.path().join("site")
    }

    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Replaces `from` with `to` in a file; panics if `from` is not there, so
    /// a test cannot silently stop testing anything.
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    pub(crate) fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.path().join(rel)).unwrap();
        self
    }

    pub(crate) fn options(&self) -> BuildOptions {
        BuildOptions {
            today: Some(test_today()),
            ..BuildOptions::new(self.path())
        }
    }

    pub(crate) fn build(&self) -> Result<BuildReport, BuildError> {
        glassbox::build(&self.options())
    }

    /// Builds and expects success.
    pub(crate) fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(BuildError::Content(d)) => panic!("build failed:\n{}", render_all(&d)),
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Builds and expects the content to be rejected.
    pub(crate) fn build_fails(&self) -> Diagnostics {
        match self.build() {
            Err(BuildError::Content(d)) => d,
            Err(e) => panic!("expected content errors, got {e}"),
            Ok(report) => panic!(
                "expected the build to fail; warnings were:\n{}",
                render_all(&report.diagnostics)
            ),
        }
    }

    /// The HTML written for a URL path such as `systems/x/`.
    pub(crate) fn page(&self, url_path: &str) -> String {
        let file = if url_path.is_empty() || url_path.ends_with('/') {
            format!("{url_path}index.html")
        } else {
            url_path.to_string()
        };
        fs::read_to_string(self.site().join(file)).unwrap()
    }

    /// The site path of the theme asset `name` (`style.css`) as it was
    /// written: fingerprinted, `assets/style.<hash>.css`.
    pub(crate) fn asset(&self, name: &str) -> String {
        let (stem, ext) = name.rsplit_once('.').unwrap();
        let found: Vec<String> = fs::read_dir(self.site().join("assets"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| {
                f.strip_prefix(&format!("{stem}."))
                    .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
                    .is_some_and(|hash| hash.len() == 16)
            })
            .collect();
        assert_eq!(found.len(), 1, "one published {name}: {found:?}");
        format!("assets/{}", found[0])
    }

    /// The `<main>` element of a page, as HTML.
    pub(crate) fn main_of(&self, url_path: &str) -> String {
        main_html(&self.page(url_path))
    }
}

pub(crate) fn main_html(page: &str) -> String {
    let doc = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("main").unwrap();
    doc.select(&selector)
        .next()
        .map(|m| m.html())
        .expect("page has a <main>")
}

pub(crate) fn render_all(d: &Diagnostics) -> String {
    d.iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one diagnostic with `code`; panics (listing all) if there is not exactly one.
pub(crate) fn only<'a>(d: &'a Diagnostics, code: &str) -> &'a Diagnostic {
    let matching: Vec<&Diagnostic> = d.iter().filter(|x| x.code == code).collect();
    assert_eq!(
        matching.len(),
        1,
        "expected one `{code}`, got:\n{}",
        render_all(d)
    );
    matching[0]
}

/// `file:line:col` of a diagnostic.
pub(crate) fn location(d: &Diagnostic) -> String {
    d.location().unwrap_or_default()
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, relative path → bytes.
pub(crate) fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}
