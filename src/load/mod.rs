//! LOAD: the only stage that reads the portal folder. It gathers the text of
//! `content/portal.yaml`, of every entry and of the portal's theme overrides,
//! and nothing else; parsing happens later, on plain strings.
//!
//! Problems an author can fix (a file that is not UTF-8, too large, a link
//! instead of a file) are diagnostics; a folder that cannot be read at all is
//! an [`LoadError`] (exit code 2).

pub mod history;

use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Position, display_path};

/// Largest entry or configuration file accepted. Real entries are a few KB;
/// the limit keeps a pasted binary or a runaway file from stalling the build.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The kinds of entry, each in its own folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    System,
    PublishedError,
    ChallengeRoute,
    Page,
}

impl EntryKind {
    pub const ALL: [EntryKind; 4] = [
        EntryKind::System,
        EntryKind::PublishedError,
        EntryKind::ChallengeRoute,
        EntryKind::Page,
    ];

    /// Folder under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            EntryKind::System => "systems",
            EntryKind::PublishedError => "errors",
            EntryKind::ChallengeRoute => "challenges",
            EntryKind::Page => "pages",
        }
    }

    /// How the kind is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            EntryKind::System => "system",
            EntryKind::PublishedError => "published error",
            EntryKind::ChallengeRoute => "challenge route",
            EntryKind::Page => "page",
        }
    }
}

/// One text file, read whole.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the portal folder, `/`-separated, for messages.
    pub path: String,
    /// File name without `.md`: the entry's id.
    pub id: String,
    /// The text, without a byte-order mark.
    pub text: String,
}

/// A theme file the portal provides to replace the built-in one of the same name.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Name relative to the theme folder, e.g. `templates/system.html`.
    pub name: String,
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything the build reads from disk.
#[derive(Debug, Clone)]
pub struct Sources {
    pub root: PathBuf,
    pub portal: Option<SourceFile>,
    pub systems: Vec<SourceFile>,
    pub errors: Vec<SourceFile>,
    pub challenges: Vec<SourceFile>,
    pub pages: Vec<SourceFile>,
    pub theme_overrides: Vec<ThemeFile>,
    /// Problems met while reading (not UTF-8, too large, a link).
    pub problems: Vec<Diagnostic>,
    /// Entry files listed but not read yet ([`load_portal_listing`]); the
    /// model reads each as it parses it. Empty from [`load_portal`].
    pub unread: Unread,
}

/// System and error entries listed, in name order, to be read one at a time
/// as they are parsed (see [`load_portal_listing`]).
#[derive(Debug, Clone, Default)]
pub struct Unread {
    pub systems: Vec<PathBuf>,
    pub errors: Vec<PathBuf>,
}

impl Unread {
    pub fn of(&self, kind: EntryKind) -> &[PathBuf] {
        match kind {
            EntryKind::System => &self.systems,
            EntryKind::PublishedError => &self.errors,
            EntryKind::ChallengeRoute | EntryKind::Page => &[],
        }
    }
}

impl Sources {
    pub fn entries(&self, kind: EntryKind) -> &[SourceFile] {
        match kind {
            EntryKind::System => &self.systems,
            EntryKind::PublishedError => &self.errors,
            EntryKind::ChallengeRoute => &self.challenges,
            EntryKind::Page => &self.pages,
        }
    }
}

/// The portal folder could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path} is not a portal folder: there is no content/portal.yaml in it")]
    NotAPortal { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{path} is {} MB; glassbox imports files of at most {} MB. Split it into smaller files and import each one",
        .size.div_ceil(1_048_576),
        MAX_IMPORT_BYTES / 1_048_576
    )]
    TooLarge { path: PathBuf, size: u64 },
}

/// Largest file `glassbox import` reads, and most records it takes from
/// one file: far above any register published today (the Dutch register's
/// listing is about 2 MB and 1,530 records, GOV.UK's ATRS finder 0.2 MB and
/// 142). Import reads a file one record at a time, so its memory hardly
/// grows with the file; its time does, mostly in writing one entry file per
/// record. These limits keep an import of the largest file it takes within
/// half a minute on a small, busy machine (2 cores; see
/// docs/performance.md); a larger file is refused, with nothing written,
/// and is to be split.
pub const MAX_IMPORT_BYTES: u64 = 25 * 1024 * 1024;

/// See [`MAX_IMPORT_BYTES`].
pub const MAX_IMPORT_RECORDS: usize = 25_000;

/// Opens a file another register published, for `glassbox import`, to be
/// read as it streams (it may be opened again for a second pass). A file over [`MAX_IMPORT_BYTES`] is refused before
/// any of it is read, and one that grows past it while being read fails.
pub fn open_import(path: &Path) -> Result<impl io::Read + use<>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Import goes through the file twice (first to find any problem,
    // then to import it), which a pipe or a device cannot give; and
    // opening a pipe would wait for a writer. So the path is looked at
    // first, and what was opened again.
    let not_a_file = || {
        io(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a file (a folder, a pipe or a device); save what is to be imported as a file, and import that",
        ))
    };
    if !fs::metadata(path).map_err(io)?.is_file() {
        return Err(not_a_file());
    }
    let file = fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(not_a_file());
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    Ok(Capped {
        inner: file,
        left: MAX_IMPORT_BYTES,
    })
}

/// A reader that fails instead of reading past its limit.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: io::Read> io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte more than the limit allows tells a file that grew.
        let want = buf
            .len()
            .min(usize::try_from(self.left + 1).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            return Err(io::Error::other(format!(
                "it grew past {} MB while it was read",
                MAX_IMPORT_BYTES / 1_048_576
            )));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Name of the theme folder a portal can override files in.
pub const THEME_NAME: &str = "default";

/// Reads the portal at `root`.
pub fn load_portal(root: &Path) -> Result<Sources, LoadError> {
    load(root, false)
}

/// [`load_portal`], but the system and error entries (the many) are only
/// listed, in [`Sources::unread`]: the model reads each file as it parses
/// it and lets its text go at once, so that a build never holds the text
/// of every entry (87 MB at 10,000 systems) as well as their model.
/// Commands that point back into the text later (`check`) read it all.
pub fn load_portal_listing(root: &Path) -> Result<Sources, LoadError> {
    load(root, true)
}

/// Reads the entry file at `path` as [`load_portal`] does, with the
/// problems an author can fix in `problems`.
pub fn read_entry(
    root: &Path,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<Option<SourceFile>, LoadError> {
    read_text(root, path, problems)
}

fn load(root: &Path, listing: bool) -> Result<Sources, LoadError> {
    let content = root.join("content");
    let portal_path = content.join("portal.yaml");
    match fs::symlink_metadata(&portal_path) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(LoadError::NotAPortal {
                path: root.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(LoadError::Io {
                path: portal_path,
                source,
            });
        }
    }
    let mut problems = Vec::new();
    let portal = read_text(root, &portal_path, &mut problems)?;
    let mut sources = Sources {
        root: root.to_path_buf(),
        portal,
        systems: Vec::new(),
        errors: Vec::new(),
        challenges: Vec::new(),
        pages: Vec::new(),
        theme_overrides: Vec::new(),
        problems: Vec::new(),
        unread: Unread::default(),
    };
    for kind in EntryKind::ALL {
        let folder = content.join(kind.folder());
        if listing {
            match kind {
                EntryKind::System => {
                    sources.unread.systems = list_entries(root, &folder, &mut problems)?;
                    continue;
                }
                EntryKind::PublishedError => {
                    sources.unread.errors = list_entries(root, &folder, &mut problems)?;
                    continue;
                }
                EntryKind::ChallengeRoute | EntryKind::Page => {}
            }
        }
        let entries = read_entries(root, &folder, &mut problems)?;
        match kind {
            EntryKind::System => sources.systems = entries,
            EntryKind::PublishedError => sources.errors = entries,
            EntryKind::ChallengeRoute => sources.challenges = entries,
            EntryKind::Page => sources.pages = entries,
        }
    }
    sources.theme_overrides =
        read_theme(root, &root.join("themes").join(THEME_NAME), &mut problems)?;
    sources.problems = problems;
    Ok(sources)
}

/// Reads the `.md` files directly inside `folder`, sorted by name. A missing
/// folder is an empty list.
fn read_entries(
    root: &Path,
    folder: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<SourceFile>, LoadError> {
    let entries = list_entries(root, folder, problems)?;
    // Read on every core, each file's problems kept with it so that they
    // come out in the order of the files, as one thread would give them.
    let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = entries
        .par_iter()
        .map(|path| {
            let mut found = Vec::new();
            read_text(root, path, &mut found).map(|file| (file, found))
        })
        .collect::<Result<_, _>>()?;
    let mut files = Vec::with_capacity(read.len());
    for (file, found) in read {
        problems.extend(found);
        files.extend(file);
    }
    Ok(files)
}

/// The `.md` files directly inside `folder` (what [`read_entries`] reads),
/// sorted by name, with a warning for each other file. A missing folder
/// is an empty list.
fn list_entries(
    root: &Path,
    folder: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>, LoadError> {
    if is_linked_folder(root, folder, problems) {
        return Ok(Vec::new());
    }
    let listing = match fs::read_dir(folder) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(LoadError::Io {
                path: folder.to_path_buf(),
                source,
            });
        }
    };
    let mut paths = Vec::new();
    for item in listing {
        let item = item.map_err(|source| LoadError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        paths.push(item.path());
    }
    paths.sort();
    let mut entries = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_editor_artefact(&name) || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            problems.push(
                Diagnostic::warning("ignored-file", "this file is not an entry and was ignored")
                    .in_file(&display_path(root, &path))
                    .with_help("entries are Markdown files whose names end in `.md`"),
            );
            continue;
        }
        entries.push(path);
    }
    Ok(entries)
}

/// Reports (and returns true for) a folder that is a symbolic link: it
/// may point anywhere, including outside the portal, so it is not read.
fn is_linked_folder(root: &Path, folder: &Path, problems: &mut Vec<Diagnostic>) -> bool {
    let linked = fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink());
    if linked {
        problems.push(
            Diagnostic::error(
                "symlink",
                "this folder is a link to another place, which glassbox does not follow",
            )
            .in_file(&display_path(root, folder))
            .with_help("replace the link with the folder itself"),
        );
    }
    linked
}

/// Files editors leave beside the real ones while saving: hidden files and
/// lock files, backups (`page.md~`, `#page.md#`), swap and temporary files
/// (Vim's `.page.md.swp` and its `4913` probe, Kate's `.kate-swp`,
/// JetBrains' `___jb_tmp___`, Chrome's `.crswap`, partial downloads).
pub(crate) fn is_editor_artefact(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "~",
        ".swp",
        ".swx",
        ".tmp",
        ".temp",
        ".bak",
        ".kate-swp",
        ".crswap",
        ".part",
        "___jb_tmp___",
        "___jb_old___",
    ];
    name.starts_with('.')
        || name.starts_with('#')
        || name == "4913"
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Reads one text file. Returns `Ok(None)` (with a diagnostic) for problems an
/// author can fix.
fn read_text(
    root: &Path,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<Option<SourceFile>, LoadError> {
    let shown = display_path(root, path);
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::symlink_metadata(path).map_err(io_error)?;
    if meta.file_type().is_symlink() {
        problems.push(
            Diagnostic::error(
                "symlink",
                "this is a link to another file, which glassbox does not follow",
            )
            .in_file(&shown)
            .with_help("replace the link with the file itself"),
        );
        return Ok(None);
    }
    if meta.is_dir() {
        problems.push(
            Diagnostic::error(
                "unexpected-folder",
                "a folder was found where an entry file belongs",
            )
            .in_file(&shown)
            .with_help(
                "entries are files directly in this folder; move the files out of the sub-folder",
            ),
        );
        return Ok(None);
    }
    if meta.len() > MAX_FILE_BYTES {
        problems.push(
            Diagnostic::error(
                "file-too-large",
                format!(
                    "this file is {:.1} MB; entries may be at most {} MB",
                    meta.len() as f64 / 1_048_576.0,
                    MAX_FILE_BYTES / 1_048_576
                ),
            )
            .in_file(&shown)
            .with_help("an entry is a few pages of text; check that the right file was saved here"),
        );
        return Ok(None);
    }
    let bytes = fs::read(path).map_err(io_error)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            // Old Mac line endings (CR alone): read them as line ends.
            if text.contains('\r') && !text.contains('\n') {
                text = text.replace('\r', "\n");
            }
            control_characters(&shown, &text, problems);
            Ok(Some(SourceFile {
                path: shown,
                id,
                text,
            }))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            // The valid part gives the text of the lines before the bad byte.
            let shown_text = String::from_utf8_lossy(e.as_bytes());
            problems.push(
                Diagnostic::error(
                    "not-utf8",
                    format!("this file is not UTF-8 text (from line {line})"),
                )
                .at(&shown, &shown_text, Position::new(line, 1))
                .with_help(
                    "save the file as UTF-8 text; if it was pasted from a word processor, \
                         paste it as plain text",
                ),
            );
            Ok(None)
        }
    }
}

/// Invisible control characters (anything but tab and line ends) have no
/// place in a page, a title or a feed, and some would make the XML invalid:
/// each is an error at its line and column, up to a few per file.
fn control_characters(shown: &str, text: &str, problems: &mut Vec<Diagnostic>) {
    const MAX_REPORTED: usize = 5;
    // Most files have none: C0 controls and DEL are single bytes, C1
    // controls (U+0080 to U+009F) are 0xC2 followed by 0x80 to 0x9F.
    let bytes = text.as_bytes();
    let clean = !bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    });
    if clean {
        return;
    }
    let mut found = 0;
    for (n, line) in text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            if c.is_control() && !matches!(c, '\t' | '\r' | '\n') {
                found += 1;
                if found <= MAX_REPORTED {
                    problems.push(
                        Diagnostic::error(
                            "control-character",
                            format!(
                                "an invisible control character (U+{:04X}) is in the text",
                                c as u32
                            ),
                        )
                        .at(shown, text, Position::new(n + 1, col + 1))
                        .with_help(
                            "delete it: retype the words around it, or paste text as plain text",
                        ),
                    );
                }
            }
        }
    }
}

/// Reads every file under the portal's `themes/default/`.
fn read_theme(
    root: &Path,
    folder: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<ThemeFile>, LoadError> {
    if let Some(themes) = folder.parent()
        && (is_linked_folder(root, themes, problems) || is_linked_folder(root, folder, problems))
    {
        return Ok(Vec::new());
    }
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for item in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let item = item.map_err(|e| LoadError::Io {
            path: e.path().unwrap_or(folder).to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| io::Error::other("cannot walk folder")),
        })?;
        let name = item.file_name().to_string_lossy().into_owned();
        if !item.file_type().is_file() || is_editor_artefact(&name) || name == "README.md" {
            if item.file_type().is_symlink() {
                problems.push(
                    Diagnostic::error("symlink", "theme files may not be links")
                        .in_file(&display_path(root, item.path()))
                        .with_help("replace the link with the file itself"),
                );
            }
            continue;
        }
        let relative = display_path(folder, item.path());
        let bytes = fs::read(item.path()).map_err(|source| LoadError::Io {
            path: item.path().to_path_buf(),
            source,
        })?;
        files.push(ThemeFile {
            name: relative,
            path: display_path(root, item.path()),
            bytes,
        });
    }
    Ok(files)
}
