//! Watching the portal for changes: the one module that uses `notify`
//! (through `notify-debouncer-full`).
//!
//! Folders are watched, never single files, so an editor that saves by
//! writing a temporary file and renaming it over the old one is seen. The
//! portal folder itself is watched without recursion, to notice `content/`
//! or `themes/` being created, deleted or renamed; those two are watched
//! recursively. Whether an event matters is decided by [`classify`], a pure
//! function of the event's kind and paths.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::event::{CreateKind, ModifyKind, RemoveKind};
use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache};

use crate::load::is_editor_artefact;

/// How long the debouncer waits for a burst of events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(40);
/// How often `--poll` looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// What one file-system event means for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing to do: an editor's temporary file, the output folder, a read.
    Ignore,
    /// A source changed: build again.
    Rebuild,
    /// `content/` or `themes/` itself appeared, vanished or moved: watch
    /// again, then build.
    Rewatch,
}

/// The kinds of event that [`classify`] tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Create,
    Modify,
    /// A rename; `paths` holds the old and/or the new name.
    Rename,
    Remove,
    /// A file was opened, read or closed without writing.
    Access,
    Other,
}

impl Kind {
    fn from_notify(kind: &EventKind) -> Kind {
        match kind {
            EventKind::Create(CreateKind::Any | CreateKind::File | CreateKind::Folder)
            | EventKind::Create(CreateKind::Other) => Kind::Create,
            EventKind::Modify(ModifyKind::Name(_)) => Kind::Rename,
            EventKind::Modify(_) => Kind::Modify,
            EventKind::Remove(RemoveKind::Any | RemoveKind::File | RemoveKind::Folder)
            | EventKind::Remove(RemoveKind::Other) => Kind::Remove,
            EventKind::Access(_) => Kind::Access,
            EventKind::Any | EventKind::Other => Kind::Other,
        }
    }
}

/// The folders a preview watches.
#[derive(Debug, Clone)]
pub struct Roots {
    pub portal: PathBuf,
    pub content: PathBuf,
    pub themes: PathBuf,
    /// The folder `glassbox build` writes to; its churn is never a change.
    pub output: PathBuf,
}

impl Roots {
    /// Roots for a portal folder. Paths are made absolute, as the events'
    /// paths are.
    pub fn new(portal: &Path, output: &Path) -> Roots {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let portal = &absolute(portal);
        let output = &absolute(output);
        Roots {
            portal: portal.to_path_buf(),
            content: portal.join("content"),
            themes: portal.join("themes"),
            output: output.to_path_buf(),
        }
    }
}

/// Decides what an event means. Pure: it looks only at the kind and the
/// paths, never at the disk.
pub fn classify(kind: Kind, paths: &[PathBuf], roots: &Roots) -> Action {
    if matches!(kind, Kind::Access) {
        return Action::Ignore;
    }
    let mut action = Action::Ignore;
    for path in paths {
        let this = classify_path(kind, path, roots);
        action = match (action, this) {
            (Action::Rewatch, _) | (_, Action::Rewatch) => Action::Rewatch,
            (Action::Rebuild, _) | (_, Action::Rebuild) => Action::Rebuild,
            _ => Action::Ignore,
        };
    }
    action
}

fn classify_path(kind: Kind, path: &Path, roots: &Roots) -> Action {
    if path.starts_with(&roots.output) {
        return Action::Ignore;
    }
    // The watched folders themselves.
    if path == roots.content || path == roots.themes {
        return match kind {
            Kind::Create | Kind::Remove | Kind::Rename | Kind::Other => Action::Rewatch,
            Kind::Modify | Kind::Access => Action::Ignore,
        };
    }
    if path == roots.portal {
        // The portal folder itself was removed or renamed: everything under
        // it must be watched anew once it is back.
        return match kind {
            Kind::Remove | Kind::Rename => Action::Rewatch,
            _ => Action::Ignore,
        };
    }
    let inside = path.starts_with(&roots.content) || path.starts_with(&roots.themes);
    if !inside {
        return Action::Ignore;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if is_editor_artefact(name) {
        return Action::Ignore;
    }
    // An editor artefact's folder (`.git/…` under content, say).
    let relative = path.strip_prefix(&roots.portal).unwrap_or(path);
    if relative
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
    {
        return Action::Ignore;
    }
    Action::Rebuild
}

/// A change the watcher saw, or a problem it had.
#[derive(Debug)]
pub enum Signal {
    Changed(Action),
    /// The watcher reported an error (a folder vanished, too many watches…).
    Problem(String),
}

/// The running watcher; dropping it stops watching.
pub struct Watcher {
    inner: Inner,
    roots: Roots,
    watched: Vec<PathBuf>,
}

enum Inner {
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<notify::PollWatcher, NoCache>),
}

impl Watcher {
    /// Starts watching; `send` receives one [`Signal`] per relevant burst of
    /// events, on the watcher's own thread.
    pub fn start(
        roots: Roots,
        poll: bool,
        send: impl Fn(Signal) + Send + 'static,
    ) -> Result<Watcher, String> {
        let classify_roots = roots.clone();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut action = Action::Ignore;
                for event in &events {
                    let this = classify(
                        Kind::from_notify(&event.kind),
                        &event.paths,
                        &classify_roots,
                    );
                    action = match (action, this) {
                        (Action::Rewatch, _) | (_, Action::Rewatch) => Action::Rewatch,
                        (Action::Rebuild, _) | (_, Action::Rebuild) => Action::Rebuild,
                        _ => Action::Ignore,
                    };
                }
                if action != Action::Ignore {
                    send(Signal::Changed(action));
                }
            }
            Err(errors) => {
                for error in errors {
                    send(Signal::Problem(error.to_string()));
                }
                // A watched folder may have gone; look again.
                send(Signal::Changed(Action::Rewatch));
            }
        };
        let inner = if poll {
            // The poll watcher compares modification times in whole seconds;
            // comparing contents too catches two saves within one second.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Inner::Poll(
                notify_debouncer_full::new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)
                    .map_err(|e| e.to_string())?,
            )
        } else {
            Inner::Native(
                notify_debouncer_full::new_debouncer(DEBOUNCE, None, handler)
                    .map_err(|e| e.to_string())?,
            )
        };
        let mut watcher = Watcher {
            inner,
            roots,
            watched: Vec::new(),
        };
        watcher.rewatch()?;
        Ok(watcher)
    }

    /// Drops every watch and sets them up again for the folders that exist
    /// now. Missing folders are fine: the portal folder's own watch sees
    /// them come back.
    pub fn rewatch(&mut self) -> Result<(), String> {
        for path in std::mem::take(&mut self.watched) {
            let _ = match &mut self.inner {
                Inner::Native(d) => d.unwatch(&path),
                Inner::Poll(d) => d.unwatch(&path),
            };
        }
        let mut wanted = vec![(self.roots.portal.clone(), RecursiveMode::NonRecursive)];
        for dir in [&self.roots.content, &self.roots.themes] {
            if dir.is_dir() {
                wanted.push((dir.clone(), RecursiveMode::Recursive));
            }
        }
        let mut first_error = None;
        for (path, mode) in wanted {
            let result = match &mut self.inner {
                Inner::Native(d) => d.watch(&path, mode),
                Inner::Poll(d) => d.watch(&path, mode),
            };
            match result {
                Ok(()) => self.watched.push(path),
                Err(e) => {
                    first_error
                        .get_or_insert_with(|| format!("cannot watch {}: {e}", path.display()));
                }
            }
        }
        match first_error {
            Some(e) if self.watched.is_empty() => Err(e),
            _ => Ok(()),
        }
    }
}
