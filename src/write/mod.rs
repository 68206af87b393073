//! WRITE: the only stage that writes to disk. The site is written into a
//! staging folder beside the output folder, then swapped in, so a build that
//! fails (or is stopped) never leaves a half-written or emptied site: the
//! output folder is either the previous build or the new one. On Linux the
//! swap is one atomic exchange ([`crate::write::swap`]); a lock file beside the
//! output folder makes a second build of the same folder wait its turn.

mod spare;
mod staged;
pub mod swap;

pub use staged::Staged;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::render::Files;
use crate::render::out::Counted;

/// A file in every output folder, so that glassbox only ever replaces a
/// folder it made itself, never one that happens to be named as output.
pub const MARKER: &str = ".glassbox-site";
const MARKER_TEXT: &str =
    "This folder is written by glassbox. It is replaced whole on every build.\n";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} exists and was not made by glassbox, so it will not be replaced")]
    NotOurs { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "cannot replace {path} as a whole ({source}); it may be a mount point or the current folder: \
         write the site into a folder inside it instead, e.g. {path}/site"
    )]
    CannotReplace { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub files: usize,
    /// Of them, HTML pages.
    pub pages: usize,
    pub bytes: u64,
}

/// Writes `files` as the new content of `out`, keeping no spare copy
/// (`export`: its folders are written once, not rebuilt again and again).
pub fn write_site(files: &Files, out: &Path) -> Result<Written, OutputError> {
    let mut staging = Staging::new(out);
    staging.keep_spare = false;
    staging.finish(files)
}

/// The new content of an output folder, written into a staging folder
/// beside it and swapped in whole by [`Staging::finish`]. Files can be put
/// in one by one before that ([`Staging::put`], from any thread); the
/// staging folder is made (and the output folder's lock taken) on the first.
/// Dropped unfinished, it removes its folder: the output is left as it was.
pub struct Staging {
    out: PathBuf,
    /// Whether the previous content is kept beside the output as its spare
    /// copy, for the next build to write into (see `spare.rs`).
    keep_spare: bool,
    open: std::sync::OnceLock<Result<Open, OutputError>>,
    files: AtomicUsize,
    pages: AtomicUsize,
    bytes: AtomicU64,
}

/// A staging folder being written.
struct Open {
    dir: PathBuf,
    old: PathBuf,
    /// Where the previous site is kept when the new one is in place; `None`
    /// when it is not kept.
    spare: Option<PathBuf>,
    /// When the staging folder is the spare copy reused: the files it had,
    /// and those written into it since, so the others can be removed.
    reused: Option<(HashSet<String>, Mutex<HashSet<String>>)>,
    /// Folders made (or found) in it so far, so that each is made once.
    folders: Mutex<HashSet<PathBuf>>,
    /// Held until the staging folder is swapped in or removed: a second
    /// build of the same output waits, so two builds never write or swap at once.
    _lock: fs::File,
}

impl Staging {
    pub fn new(out: &Path) -> Staging {
        Staging {
            out: out.to_path_buf(),
            keep_spare: true,
            open: std::sync::OnceLock::new(),
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// Opens the staging folder now (takes the output's lock, lists the
    /// spare copy to write into), rather than when the first file comes:
    /// a build does this while it reads the content. A problem is given
    /// again by the first file put.
    pub fn ready(&self) {
        let _ = self.open();
    }

    fn open(&self) -> &Result<Open, OutputError> {
        self.open.get_or_init(|| {
            let out = &self.out;
            check_replaceable(out)?;
            let parent = out
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            fs::create_dir_all(parent).map_err(io_err(parent))?;
            let name = out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "site".into());
            let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
            let old = parent.join(format!(".{name}.old-{}", std::process::id()));
            let lock = lock(parent, &name, out)?;
            remove_leftovers(parent, &name)?;
            let spare = self.keep_spare.then(|| spare::path(parent, &name));
            let reused = spare
                .as_ref()
                .and_then(|spare| spare::reuse(spare, &dir))
                .map(|had| (had, Mutex::default()));
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
            Ok(Open {
                dir,
                old,
                spare,
                reused,
                folders: Mutex::default(),
                _lock: lock,
            })
        })
    }

    /// Writes one file (`path` relative, `/`-separated) of the new content.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let (open, target) = self.place(path)?;
        match &open.reused {
            // A file the spare copy has already, with these bytes (most of
            // them, when little changed since the build before last), is
            // left as it is: reading a file costs less than rewriting it.
            Some((had, _)) if had.contains(path) && spare::holds(&target, bytes) => {}
            _ => spare::write_over(&target, bytes).map_err(io_err(&target))?,
        }
        self.count(open, path, bytes.len() as u64);
        Ok(())
    }

    /// Writes one file of the new content a piece at a time, as `write`
    /// gives them, so that a large file (the whole register) is never in
    /// memory whole.
    pub fn put_written(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        let (open, target) = self.place(path)?;
        let file = spare::create_over(&target).map_err(io_err(&target))?;
        let mut counted = Counted {
            inner: io::BufWriter::with_capacity(1 << 20, file),
            bytes: 0,
        };
        write(&mut counted)
            .and_then(|()| io::Write::flush(&mut counted))
            .map_err(io_err(&target))?;
        self.count(open, path, counted.bytes);
        Ok(())
    }

    /// The open staging folder and the place of `path` in it, with the
    /// folders above it made.
    fn place(&self, path: &str) -> Result<(&Open, PathBuf), OutputError> {
        let open = match self.open() {
            Ok(open) => open,
            Err(e) => {
                return Err(OutputError::Io {
                    path: self.out.clone(),
                    source: io::Error::other(e.to_string()),
                });
            }
        };
        let target = open.dir.join(path);
        if let Some(folder) = target.parent() {
            let made = open.folders.lock().is_ok_and(|f| f.contains(folder));
            if !made {
                spare::make_folder(folder, &open.dir).map_err(io_err(folder))?;
                if let Ok(mut folders) = open.folders.lock() {
                    folders.insert(folder.to_path_buf());
                }
            }
        }
        Ok((open, target))
    }

    /// Counts a file written, and keeps it from being removed as stale.
    fn count(&self, open: &Open, path: &str, bytes: u64) {
        if let Some((_, written)) = &open.reused
            && let Ok(mut written) = written.lock()
        {
            written.insert(path.to_string());
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Writes `files` beside those put in already and swaps the whole in as
    /// the output folder.
    pub fn finish(mut self, files: &Files) -> Result<Written, OutputError> {
        self.open();
        let open = self.open.take().expect("opened above")?;
        let result = fill(files, &open.dir).and_then(|written| {
            if let Some((had, put)) = &open.reused {
                let put = put.lock().map(|p| p.clone()).unwrap_or_default();
                let stale: Vec<&String> = had
                    .iter()
                    .filter(|f| {
                        f.as_str() != MARKER && !files.contains_key(f.as_str()) && !put.contains(*f)
                    })
                    .collect();
                spare::remove_stale(&open.dir, &stale);
            }
            swap_in(&open.dir, &self.out, &open.old, open.spare.as_deref())?;
            Ok(Written {
                files: written.files + self.files.load(Ordering::Relaxed),
                pages: written.pages + self.pages.load(Ordering::Relaxed),
                bytes: written.bytes + self.bytes.load(Ordering::Relaxed),
            })
        });
        if result.is_err() {
            spare::keep(&open.dir, open.spare.as_deref());
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Not finished (the build failed): the new content goes aside, to
        // be written over by the next build; the output is untouched.
        if let Some(Ok(open)) = self.open.get() {
            spare::keep(&open.dir, open.spare.as_deref());
        }
    }
}

/// Refuses output folders that would overwrite the portal's own files: the
/// portal folder itself, a folder that holds it, or anything inside
/// `content/` or `themes/`. `build` and `export` both ask this first.
pub fn check_output_dir(portal: &Path, out: &Path) -> Result<(), String> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Drop `.` and fold `..` first, so a path through a folder that does
        // not exist (`new/../content`) cannot slip past; then resolve what
        // exists, so links compare correctly.
        let mut folded = PathBuf::new();
        for part in p.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    folded.pop();
                }
                other => folded.push(other),
            }
        }
        let p = folded;
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            resolved.push(part);
        }
        resolved
    };
    let portal = absolute(portal);
    let out = absolute(out);
    let inside = |dir: &str| out.starts_with(portal.join(dir));
    if out == portal || portal.starts_with(&out) || inside("content") || inside("themes") {
        return Err(format!(
            "the output folder {} would overwrite the portal's own files; choose a folder outside content/ and themes/, such as site/",
            out.display()
        ));
    }
    Ok(())
}

/// Puts several files of the portal in place together, for `import`: each
/// is written to a temporary file beside its place first, and only when all
/// are written are they renamed into place. A failure while writing removes
/// the temporary files and leaves every original as it was.
pub fn replace_files(files: &[(PathBuf, String)]) -> Result<(), OutputError> {
    let mut written: Vec<(PathBuf, &Path)> = Vec::new();
    let tmp_of = |path: &Path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.glassbox-{}.tmp", std::process::id()))
    };
    let prepared = files.iter().try_for_each(|(path, text)| {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let tmp = tmp_of(path);
        let result = fs::write(&tmp, text).map_err(io_err(path));
        written.push((tmp, path));
        result
    });
    if let Err(e) = prepared {
        for (tmp, _) in &written {
            let _ = fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, path) in &written {
        fs::rename(tmp, path).map_err(io_err(path))?;
    }
    Ok(())
}

/// Takes the lock file beside the output folder (`.NAME.lock`), waiting
/// for another build of the same folder to finish if it holds it.
fn lock(parent: &Path, name: &str, out: &Path) -> Result<fs::File, OutputError> {
    let path = parent.join(format!(".{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            say_waiting(out);
            file.lock().map_err(io_err(&path))?;
            Ok(file)
        }
        Err(fs::TryLockError::Error(source)) => Err(OutputError::Io { path, source }),
    }
}

/// The one message the library prints itself: a build that waits would
/// otherwise look hung.
#[allow(clippy::print_stderr)]
fn say_waiting(out: &Path) {
    eprintln!(
        "Another glassbox build is writing {}; waiting for it to finish...",
        out.display()
    );
}

/// Refuses to replace a folder glassbox did not make.
pub fn check_replaceable(out: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(OutputError::Io {
            path: out.to_path_buf(),
            source,
        }),
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotOurs {
            path: out.to_path_buf(),
        }),
        Ok(_) => {
            let empty = fs::read_dir(out).map_err(io_err(out))?.next().is_none();
            if empty || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(OutputError::NotOurs {
                    path: out.to_path_buf(),
                })
            }
        }
    }
}

/// Removes staging and old folders that earlier builds left behind when
/// they were stopped (Ctrl-C, a crash, a kill).
fn remove_leftovers(parent: &Path, name: &str) -> Result<(), OutputError> {
    let Ok(listing) = fs::read_dir(parent) else {
        return Ok(());
    };
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    for item in listing.flatten() {
        let file_name = item.file_name().to_string_lossy().into_owned();
        // Only called while holding the lock, so no build that is still
        // running can own one of these.
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            remove_if_present(&item.path())?;
        }
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<(), OutputError> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(OutputError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Writes every file under `dir`.
fn fill(files: &Files, dir: &Path) -> Result<Written, OutputError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut folders: Vec<PathBuf> = files
        .keys()
        .filter_map(|p| {
            Path::new(p)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| dir.join(p))
        })
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        spare::make_folder(folder, dir).map_err(io_err(folder))?;
    }
    files.par_iter().try_for_each(|(path, bytes)| {
        let target = dir.join(path);
        spare::write_over(&target, bytes).map_err(io_err(&target))
    })?;
    crate::write::swap::pause_at("write");
    let marker = dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
    Ok(Written {
        files: files.len(),
        pages: files.keys().filter(|p| p.ends_with(".html")).count(),
        bytes: files.values().map(|b| b.len() as u64).sum(),
    })
}

/// Moves the finished `staging` folder to `out`, keeping the old one until
/// the new one is in place.
fn swap_in(
    staging: &Path,
    out: &Path,
    old: &Path,
    spare: Option<&Path>,
) -> Result<(), OutputError> {
    crate::write::swap::pause_at("swap");
    let had_old = out.exists();
    if had_old {
        let exchanged = crate::write::swap::exchange(staging, out).map_err(|source| {
            OutputError::CannotReplace {
                path: out.to_path_buf(),
                source,
            }
        })?;
        if exchanged == crate::write::swap::Exchanged::Atomically {
            crate::write::swap::pause_at("swapped");
            // `staging` now holds the previous site: the next build's spare.
            spare::keep(staging, spare);
            return Ok(());
        }
    }
    if had_old {
        fs::rename(out, old).map_err(|source| OutputError::CannotReplace {
            path: out.to_path_buf(),
            source,
        })?;
    }
    if let Err(source) = fs::rename(staging, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err(OutputError::Io {
            path: out.to_path_buf(),
            source,
        });
    }
    if had_old {
        spare::keep(old, spare);
    }
    Ok(())
}
