//! `glassbox serve`: builds the portal in memory, serves it on loopback,
//! and rebuilds when a source changes, telling open pages to reload.
//!
//! - [`watch`] turns file-system events into [`watch::Action`]s;
//! - each rebuild runs [`crate::render_with`] on a worker thread, so the server
//!   keeps answering; a good build replaces the site in memory at once,
//!   a failed one keeps the last good site and adds the errors to every
//!   page ([`overlay`]);
//! - [`http`] answers requests from memory ([`routes`] resolves paths) and
//!   streams `reload` events.
//!
//! Nothing under the output folder is read or written: a preview can never
//! show, or leave behind, a half-written `site/`.

pub mod admin;
pub mod http;
pub mod overlay;
pub mod routes;
pub mod watch;

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch as channel};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::Files;
use crate::{BuildError, BuildOptions, Rendered};

/// The port `glassbox serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 4455;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// The address to listen on; loopback unless the user asks otherwise.
    pub addr: SocketAddr,
    /// Poll the files instead of relying on the system's change events.
    pub poll: bool,
}

/// What happened, for the command line to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// The server is listening; open this address.
    Listening { url: String },
    /// A build worked.
    Built {
        pages: usize,
        took: Duration,
        warnings: &'a Diagnostics,
        first: bool,
    },
    /// A build failed; the last good site is still served, with these errors.
    Failed { diagnostics: &'a Diagnostics },
    /// The watcher had a problem (it keeps trying).
    Problem(&'a str),
    /// Ctrl-C (or SIGTERM) was received and the server has stopped.
    Stopped,
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Build(BuildError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot watch the portal for changes: {0}")]
    Watch(String),
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
}

/// The site being served: the last good build.
#[derive(Debug)]
pub struct Site {
    pub files: Files,
    pub root_path: String,
    /// Old versions' pages, made when asked for, from this portal.
    pub old_versions: Option<(crate::render::OnRequest, crate::model::Portal)>,
}

impl Site {
    /// Whether the site has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
            || self
                .old_versions
                .as_ref()
                .is_some_and(|(pages, _)| pages.has(path))
    }

    /// The file at `path`; an old version's page is made now (the problem
    /// in words when the theme cannot make it).
    pub fn file(&self, path: &str) -> Option<Result<std::borrow::Cow<'_, [u8]>, String>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(Ok(std::borrow::Cow::Borrowed(bytes)));
        }
        let (pages, portal) = self.old_versions.as_ref()?;
        Some(pages.page(portal, path)?.map(std::borrow::Cow::Owned))
    }
}

/// What the server and the rebuild loop share.
pub struct Shared {
    state: RwLock<State>,
    /// The number of the latest build (good or not); open pages reload
    /// when it changes.
    builds: channel::Sender<u64>,
    /// The editing forms at `/admin/`.
    admin: admin::Admin,
}

#[derive(Default)]
struct State {
    site: Option<Arc<Site>>,
    /// The problems box, while the latest build failed.
    problems: Option<Arc<String>>,
}

impl Shared {
    fn new(admin: admin::Admin) -> Shared {
        Shared {
            state: RwLock::new(State::default()),
            builds: channel::Sender::new(0),
            admin,
        }
    }

    /// The site and the current problems, if any.
    fn snapshot(&self) -> (Option<Arc<Site>>, Option<Arc<String>>) {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        (state.site.clone(), state.problems.clone())
    }

    fn update(&self, site: Option<Site>, problems: Option<String>) {
        {
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            if let Some(site) = site {
                state.site = Some(Arc::new(site));
            }
            state.problems = problems.map(Arc::new);
        }
        self.builds.send_modify(|n| *n += 1);
    }
}

type Reporter = dyn Fn(Event<'_>) + Send + Sync;

/// Runs the preview until Ctrl-C. Returns an error only when it cannot
/// start (no portal there, the port is taken); once running, no content,
/// however broken, stops it.
pub fn serve(options: ServeOptions, report: Arc<Reporter>) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(run(options, report))
}

async fn run(options: ServeOptions, report: Arc<Reporter>) -> Result<(), ServeError> {
    let shared = Arc::new(Shared::new(admin::Admin::new(&options.build.portal_dir)));

    // The first build decides whether there is a portal at all.
    let first = rebuild(&options.build).await;
    if let Err(BuildError::Load(crate::load::LoadError::NotAPortal { .. })) = &first.result {
        let Err(error) = first.result else {
            unreachable!()
        };
        return Err(ServeError::Build(error));
    }
    let root_path = match &first.result {
        Ok(rendered) => rendered.root_path.clone(),
        Err(_) => "/".to_string(),
    };
    let mut last_warnings = String::new();
    apply(first, &shared, &*report, true, &mut last_warnings);

    let listener = http::bind(options.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: options.addr,
            source,
        })?;
    let local = listener.local_addr().map_err(ServeError::Runtime)?;

    let (send, mut changes) = mpsc::unbounded_channel();
    let roots = watch::Roots::new(&options.build.portal_dir, &options.build.output_dir());
    let mut watcher = watch::Watcher::start(roots, options.poll, move |signal| {
        let _ = send.send(signal);
    })
    .map_err(ServeError::Watch)?;
    // Only now, with the watcher running, is every later save seen.
    report(Event::Listening {
        url: format!("http://{local}{root_path}"),
    });

    let (stop, stopped) = channel::channel(false);
    let server = tokio::spawn(http::run(listener, shared.clone(), stopped));

    // One listener for the whole run, so a Ctrl-C during a build is not lost.
    let (interrupt, mut interrupted) = channel::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = interrupt.send(true);
    });

    let mut retry_watch = false;
    loop {
        let mut action = watch::Action::Ignore;
        tokio::select! {
            signal = changes.recv() => {
                let Some(signal) = signal else { break };
                // Take everything that queued up, so a burst gives one build.
                let mut pending = vec![signal];
                while let Ok(more) = changes.try_recv() {
                    pending.push(more);
                }
                for signal in pending {
                    match signal {
                        watch::Signal::Changed(a) => {
                            if a == watch::Action::Rewatch || action == watch::Action::Ignore {
                                action = a;
                            }
                        }
                        watch::Signal::Problem(p) => report(Event::Problem(&p)),
                    }
                }
            }
            _ = tokio::time::sleep(Duration::from_secs(1)), if retry_watch => {
                action = watch::Action::Rewatch;
            }
            _ = interrupted.changed() => break,
        }
        if action == watch::Action::Rewatch {
            retry_watch = match watcher.rewatch() {
                Ok(()) => !options.build.portal_dir.join("content").is_dir(),
                Err(problem) => {
                    report(Event::Problem(&problem));
                    true
                }
            };
        }
        if action != watch::Action::Ignore {
            let outcome = rebuild(&options.build).await;
            apply(outcome, &shared, &*report, false, &mut last_warnings);
        }
    }

    let _ = stop.send(true);
    let _ = server.await;
    drop(watcher);
    report(Event::Stopped);
    Ok(())
}

struct Outcome {
    result: Result<Rendered, BuildError>,
    took: Duration,
}

/// Renders the portal on a worker thread.
async fn rebuild(options: &BuildOptions) -> Outcome {
    let started = Instant::now();
    let options = options.clone();
    let result = match tokio::task::spawn_blocking(move || crate::render_with(&options, crate::Output::KeepOldOnRequest)).await {
        Ok(result) => result,
        Err(panic) => Err(BuildError::Content(Diagnostics::from(vec![
            Diagnostic::error(
                "internal-error",
                format!("glassbox failed while building: {panic}"),
            )
            .with_help("this is a bug in glassbox, not in your content; please report it with the file you last saved"),
        ]))),
    };
    Outcome {
        result,
        took: started.elapsed(),
    }
}

/// Puts a build's result in place and tells the user and open pages.
fn apply(
    outcome: Outcome,
    shared: &Shared,
    report: &Reporter,
    first: bool,
    last_warnings: &mut String,
) {
    match outcome.result {
        Ok(rendered) => {
            let pages = rendered
                .files
                .keys()
                .filter(|p| p.ends_with(".html"))
                .count();
            let warnings: String = rendered.diagnostics.iter().map(|d| d.render()).collect();
            let changed = warnings != *last_warnings;
            *last_warnings = warnings;
            report(Event::Built {
                pages,
                took: outcome.took,
                warnings: &rendered.diagnostics,
                first: first || changed,
            });
            shared.update(
                Some(Site {
                    files: rendered.files,
                    root_path: rendered.root_path,
                    old_versions: rendered.old_versions.map(|pages| (pages, rendered.portal)),
                }),
                None,
            );
        }
        Err(error) => {
            let diagnostics = match error {
                BuildError::Content(diagnostics) => diagnostics,
                other => Diagnostics::from(vec![
                    Diagnostic::error("cannot-build", other.to_string()).with_help(
                        "check that the portal folder and its content/ folder are there and readable",
                    ),
                ]),
            };
            report(Event::Failed {
                diagnostics: &diagnostics,
            });
            last_warnings.clear();
            shared.update(None, Some(overlay::problems_box(&diagnostics)));
        }
    }
}

/// Resolves on Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
