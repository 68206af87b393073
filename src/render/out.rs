//! Where the files of the site go as they are made. Each one is handed on
//! at once (`build` writes it into its staging folder, `check` and `serve`
//! keep it), so that the whole site is never held in memory: how much a
//! build needs does not grow with how many pages it makes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Takes the files of the site, each by its path relative to the output
/// folder (`/`-separated), from any thread; answers with the reason when it
/// cannot. A closure taking (path, bytes) is one.
pub trait Put: Sync {
    /// Takes one file whole.
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), String>;

    /// Takes one file that `write` writes a piece at a time (the whole
    /// register). Gathered and given to [`Put::put`] unless the taker can
    /// write it as it comes.
    fn put_written(&self, path: String, write: &mut Write<'_>) -> Result<(), String> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| e.to_string())?;
        self.put(path, bytes)
    }
}

/// Writes a file a piece at a time into what it is given.
pub type Write<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

impl<F: Fn(String, Vec<u8>) -> Result<(), String> + Sync> Put for F {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self(path, bytes)
    }
}

/// The files of one render on their way out, and what is remembered of
/// them: their paths (for the sitemap and the host files) and every
/// problem met.
pub(crate) struct Out<'a> {
    put: &'a dyn Put,
    /// Paths of the files given, except those kept out of the sitemap.
    listed: Mutex<Vec<String>>,
    problems: Mutex<Diagnostics>,
    /// After the first file that cannot be written the others are not
    /// tried: one error says it (a full disk would say it 50,000 times).
    failed: AtomicBool,
}

impl<'a> Out<'a> {
    pub(crate) fn new(put: &'a dyn Put) -> Self {
        Out {
            put,
            listed: Mutex::new(Vec::new()),
            problems: Mutex::new(Diagnostics::new()),
            failed: AtomicBool::new(false),
        }
    }

    /// A file of the site.
    pub(crate) fn file(&self, path: String, bytes: Vec<u8>) {
        lock(&self.listed).push(path.clone());
        self.send(path, bytes);
    }

    /// A page made from a template, or why it could not be made.
    pub(crate) fn page(&self, path: String, made: Result<String, Diagnostic>) {
        match made {
            Ok(html) => self.file(path, html.into_bytes()),
            Err(problem) => lock(&self.problems).push(problem),
        }
    }

    /// A page kept out of the sitemap (the redirect from an old address).
    pub(crate) fn unlisted_page(&self, path: String, made: Result<String, Diagnostic>) {
        match made {
            Ok(html) => self.send(path, html.into_bytes()),
            Err(problem) => lock(&self.problems).push(problem),
        }
    }

    /// A file kept out of the sitemap and the host files' list (the
    /// sitemap itself, the host files).
    pub(crate) fn unlisted_file(&self, path: String, bytes: Vec<u8>) {
        self.send(path, bytes);
    }

    /// A problem that stops the build, met while making a file.
    pub(crate) fn problem(&self, problem: Diagnostic) {
        lock(&self.problems).push(problem);
    }

    /// A file of the site written a piece at a time by `write`, so that it
    /// need not be in memory whole (the whole register).
    pub(crate) fn file_written(&self, path: String, write: &mut Write<'_>) {
        lock(&self.listed).push(path.clone());
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let done = self.put.put_written(path.clone(), write);
        self.done(&path, done);
    }

    fn send(&self, path: String, bytes: Vec<u8>) {
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let done = self.put.put(path.clone(), bytes);
        self.done(&path, done);
    }

    fn done(&self, path: &str, done: Result<(), String>) {
        if let Err(problem) = done {
            self.failed.store(true, Ordering::Relaxed);
            self.problem(
                Diagnostic::error("cannot-write", format!("cannot write /{path}: {problem}"))
                    .with_help(
                        "check that the output folder's disk has room and can be written to",
                    ),
            );
        }
    }

    /// The paths of the listed files given so far, in order.
    pub(crate) fn listed(&self) -> Vec<String> {
        let mut paths = lock(&self.listed).clone();
        paths.sort_unstable();
        paths
    }

    /// Every problem met, sorted; empty when every file went out.
    pub(crate) fn into_problems(self) -> Diagnostics {
        let mut problems = self
            .problems
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        problems.sort();
        problems
    }
}

/// A writer that counts the bytes written through it.
pub(crate) struct Counted<W> {
    pub(crate) inner: W,
    pub(crate) bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
