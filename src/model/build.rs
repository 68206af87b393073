//! The model stage's entry point: every source parsed on its own (in
//! parallel), then the checks across entries, collecting every diagnostic.

use super::challenge::*;
use super::crossref::*;
use super::error::*;
use super::ids::*;
use super::page::*;
use super::settings::*;
use super::system::*;
use super::validate::*;
use super::*;
use std::collections::BTreeMap;

/// Parses and checks everything in `sources`. Returns the model when there
/// are no errors, and every diagnostic (warnings too) either way.
pub fn build_portal(sources: &Sources, today: Date) -> (Option<Portal>, Diagnostics) {
    let (portal, mut diagnostics, placeholders) = build_portal_reading(sources, today);
    diagnostics.extend(super::placeholders::mark(placeholders, false));
    diagnostics.sort();
    let portal = portal.filter(|_| !diagnostics.has_errors());
    (portal, diagnostics)
}

/// [`build_portal`] of sources from [`crate::load::load_portal_listing`]:
/// it reads the entries listed in [`Sources::unread`], each as it parses
/// it, and gives the placeholders found in them apart, unmarked (see
/// [`super::placeholders::mark`]), since their text is not kept for
/// [`super::placeholder_diagnostics`] to read.
pub fn build_portal_reading(
    sources: &Sources,
    today: Date,
) -> (Option<Portal>, Diagnostics, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(sources.problems.iter().cloned());
    let mut placeholders = Vec::new();

    let settings = sources.portal.as_ref().and_then(|file| {
        let mut d = Diagnostics::new();
        let settings = parse_settings(file, &mut d);
        diagnostics.extend(d);
        settings
    });

    // Entries are independent until references are resolved: parse them in
    // parallel. Those only listed are read as they are parsed.
    let (systems_read, system_results) =
        read_here(sources, EntryKind::System, parse_system, &mut placeholders).unzip();
    let (errors_read, error_results) = read_here(
        sources,
        EntryKind::PublishedError,
        parse_error,
        &mut placeholders,
    )
    .unzip();
    let (system_files, systems) = parse_many(
        &systems_read,
        system_results,
        sources,
        EntryKind::System,
        parse_system,
    );
    let (_, errors) = parse_many(
        &errors_read,
        error_results,
        sources,
        EntryKind::PublishedError,
        parse_error,
    );
    let challenges = parse_all(sources, EntryKind::ChallengeRoute, parse_challenge);
    let pages = parse_all(sources, EntryKind::Page, parse_page);
    let systems = collect(systems, &mut diagnostics);
    let errors = collect(errors, &mut diagnostics);
    let challenges = collect(challenges, &mut diagnostics);
    let pages = collect(pages, &mut diagnostics);

    let Some(settings) = settings else {
        diagnostics.sort();
        return (None, diagnostics, placeholders);
    };

    let area_ids: BTreeSet<String> = settings
        .service_areas
        .iter()
        .map(|a| a.id.clone())
        .collect();
    // Every entry file counts as existing, even one that failed to parse,
    // so one broken file does not cause a cascade of false errors.
    let system_ids: BTreeSet<String> = system_files.iter().map(|f| f.id.clone()).collect();
    let challenge_ids = ids_of(sources, EntryKind::ChallengeRoute);
    let resident_routes = resident_routes(sources, &challenges);
    // The checks across entries point at lines of files whose text may be
    // let go already: those lines are read again below, for the few
    // diagnostics there are.
    let mut across = Diagnostics::new();
    let mut checker = Checker {
        area_ids: &area_ids,
        settings: &settings,
        today,
        diagnostics: &mut across,
        system_ids: &system_ids,
        challenge_ids: &challenge_ids,
        resident_routes: &resident_routes,
    };
    for system in &systems {
        checker.check_system(system);
    }
    for error in &errors {
        checker.check_error(error);
    }
    for page in &pages {
        checker.check_page(page);
    }
    check_footer(&pages, &mut across);
    crate::model::aliases::check(
        &[
            alias_group(crate::model::aliases::Kind::System, &systems),
            alias_group(crate::model::aliases::Kind::Error, &errors),
            alias_group(crate::model::aliases::Kind::Challenge, &challenges),
            alias_group(crate::model::aliases::Kind::Page, &pages),
        ],
        // Pages the build makes itself, whose addresses no alias may take.
        if settings.accessibility.is_some() {
            &["accessibility"]
        } else {
            &[]
        },
        &mut across,
    );
    let mut across = across.into_vec();
    if !sources.unread.systems.is_empty() || !sources.unread.errors.is_empty() {
        fill_source_lines(&sources.root, &mut across);
    }
    diagnostics.extend(across);

    let mut systems: Vec<System> = systems.into_iter().map(|p| p.model).collect();
    for system in &mut systems {
        system.review_overdue = system.review_by < today && !system.is_gap(Field::ReviewBy);
    }
    diagnostics.sort();
    if diagnostics.has_errors() {
        return (None, diagnostics, placeholders);
    }
    let portal = Portal {
        settings,
        systems,
        errors: errors.into_iter().map(|p| p.model).collect(),
        challenges: challenges.into_iter().map(|p| p.model).collect(),
        pages: pages.into_iter().map(|p| p.model).collect(),
        today,
        history: None,
        draft: None,
    };
    (Some(portal), diagnostics, placeholders)
}

/// What [`Parsed`] holds but its file: an entry parsed from a text that is
/// let go (see [`read_here`]).
pub(super) struct Unpinned<T, R> {
    model: T,
    refs: R,
    yaml_line: usize,
    aliases: Vec<Spanned<String>>,
}

/// Whether a listed file was read, its parse and its problems.
type ReadResult<T, R> = (bool, Option<Unpinned<T, R>>, Vec<Diagnostic>);

/// The entries [`read_here`] read: each file read, in order, without its
/// text, and a [`ReadResult`] for each file listed.
type ReadEntries<T, R> = (Vec<SourceFile>, Vec<ReadResult<T, R>>);

/// The files of one of the many kinds of entry and their parses: those
/// [`read_here`] read (`read`, `results`), each given its file again, or
/// else those `load` read, parsed now.
fn parse_many<'s, T: Send, R: Send>(
    read: &'s Option<Vec<SourceFile>>,
    results: Option<Vec<ReadResult<T, R>>>,
    sources: &'s Sources,
    kind: EntryKind,
    parse: ParseEntry<T, R>,
) -> (&'s [SourceFile], Vec<ParseResult<'s, T, R>>) {
    match (read, results) {
        (Some(files), Some(results)) => (files, pin(files, results)),
        _ => (sources.entries(kind), parse_all(sources, kind, parse)),
    }
}

/// Reads, checks and parses each entry of `kind` that `sources` only
/// listed, on every core, and lets its text go once it is parsed: the text
/// of every entry is never held at once. The placeholders found go into
/// `placeholders`, unmarked. `None` when `load` read the kind's entries.
fn read_here<T: Send, R: Send>(
    sources: &Sources,
    kind: EntryKind,
    parse: ParseEntry<T, R>,
    placeholders: &mut Vec<Diagnostic>,
) -> Option<ReadEntries<T, R>> {
    let paths = sources.unread.of(kind);
    if paths.is_empty() {
        return None;
    }
    type One<T, R> = (
        Option<SourceFile>,
        Option<Unpinned<T, R>>,
        Vec<Diagnostic>,
        Vec<Diagnostic>,
    );
    let each: Vec<One<T, R>> = paths
        .par_iter()
        .map(|path| {
            let mut d = Vec::new();
            let mut placeholders = Vec::new();
            let file = match crate::load::read_entry(&sources.root, path, &mut d) {
                Ok(Some(file)) => file,
                Ok(None) => return (None, None, d, placeholders),
                Err(problem) => {
                    let shown = crate::diagnostic::display_path(&sources.root, path);
                    d.push(
                        Diagnostic::error("unreadable-file", format!("this file cannot be read: {problem}"))
                            .in_file(&shown)
                            .with_help("check that the file is still there and that you may read it, then build again"),
                    );
                    return (None, None, d, placeholders);
                }
            };
            if let Some(problem) = check_id(&file, kind) {
                d.push(problem);
            }
            super::placeholders::scan_entry(&file.path, &file.text, &mut placeholders);
            let parsed = parse(&file, &mut d).map(|p| Unpinned {
                model: p.model,
                refs: p.refs,
                yaml_line: p.yaml_line,
                aliases: p.aliases,
            });
            let lean = SourceFile {
                path: file.path,
                id: file.id,
                text: String::new(),
            };
            (Some(lean), parsed, d, placeholders)
        })
        .collect();
    let mut read = Vec::with_capacity(each.len());
    let mut results = Vec::with_capacity(each.len());
    for (file, parsed, d, found) in each {
        placeholders.extend(found);
        match file {
            Some(file) => {
                read.push(file);
                results.push((true, parsed, d));
            }
            // Not read: its problems are kept, with no file.
            None => results.push((false, None, d)),
        }
    }
    Some((read, results))
}

/// Gives each entry [`read_here`] parsed its file (without its text) again.
fn pin<'s, T, R>(
    files: &'s [SourceFile],
    results: Vec<ReadResult<T, R>>,
) -> Vec<ParseResult<'s, T, R>> {
    let mut files = files.iter();
    results
        .into_iter()
        .map(|(read, parsed, d)| {
            // Every file read is in `files`, in order, parsed or not.
            let file = if read { files.next() } else { None };
            let parsed = parsed.zip(file).map(|(u, file)| Parsed {
                model: u.model,
                refs: u.refs,
                file,
                yaml_line: u.yaml_line,
                aliases: u.aliases,
            });
            (parsed, d)
        })
        .collect()
}

/// Gives each diagnostic that points at a line of a file, without that
/// line's text, the text: read again from the file, once a file.
fn fill_source_lines(root: &std::path::Path, diagnostics: &mut [Diagnostic]) {
    let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
    for d in diagnostics {
        let (Some(file), Some(position), None) = (&d.file, d.position, &d.source_line) else {
            continue;
        };
        let text = texts.entry(file.clone()).or_insert_with(|| {
            crate::load::read_entry(root, &root.join(file), &mut Vec::new())
                .ok()
                .flatten()
                .map(|f| f.text)
        });
        if let Some(text) = text {
            *d = d.clone().at(file, text, position);
        }
    }
}

/// The ids and aliases of one kind of entry, for [`crate::model::aliases::check`].
pub(super) fn alias_group<'a, T, R>(
    kind: crate::model::aliases::Kind,
    parsed: &'a [Parsed<'_, T, R>],
) -> crate::model::aliases::Group<'a> {
    crate::model::aliases::Group {
        kind,
        entries: parsed
            .iter()
            .map(|p| crate::model::aliases::Entry {
                id: &p.file.id,
                path: &p.file.path,
                text: &p.file.text,
                yaml_line: p.yaml_line,
                aliases: &p.aliases,
            })
            .collect(),
    }
}

/// The challenge routes a resident can start (and those that failed to
/// parse, so one broken file does not cause a cascade of false errors).
fn resident_routes(
    sources: &Sources,
    challenges: &[Parsed<'_, ChallengeRoute, ()>],
) -> BTreeSet<String> {
    let parsed: BTreeSet<&str> = challenges.iter().map(|c| c.model.id.as_str()).collect();
    ids_of(sources, EntryKind::ChallengeRoute)
        .into_iter()
        .filter(|id| {
            !parsed.contains(id.as_str())
                || challenges
                    .iter()
                    .any(|c| &c.model.id == id && c.model.resident_can_start)
        })
        .collect()
}

/// Checks system entries one at a time, each as [`build_portal`] would
/// check it among the portal's other entries. For `import`, which writes
/// more entries than it could hold in memory to check them all at once.
pub struct SystemCheck {
    settings: Settings,
    today: Date,
    area_ids: BTreeSet<String>,
    system_ids: BTreeSet<String>,
    challenge_ids: BTreeSet<String>,
    resident_routes: BTreeSet<String>,
    aliases: BTreeSet<String>,
}

impl SystemCheck {
    /// The checks against the portal in `sources`; `None` when its
    /// `portal.yaml` cannot be read (the build reports why).
    pub fn new(sources: &Sources, today: Date) -> Option<SystemCheck> {
        let settings = parse_settings(sources.portal.as_ref()?, &mut Diagnostics::new())?;
        let challenges = collect(
            parse_all(sources, EntryKind::ChallengeRoute, parse_challenge),
            &mut Diagnostics::new(),
        );
        let systems = collect(
            parse_all(sources, EntryKind::System, parse_system),
            &mut Diagnostics::new(),
        );
        Some(SystemCheck {
            area_ids: settings
                .service_areas
                .iter()
                .map(|a| a.id.clone())
                .collect(),
            system_ids: ids_of(sources, EntryKind::System),
            challenge_ids: ids_of(sources, EntryKind::ChallengeRoute),
            resident_routes: resident_routes(sources, &challenges),
            aliases: systems
                .iter()
                .flat_map(|s| s.aliases.iter().map(|a| a.value.clone()))
                .collect(),
            settings,
            today,
        })
    }

    /// Counts `id` as a service area of `portal.yaml`, as one added to it.
    pub fn add_service_area(&mut self, id: &str) {
        self.area_ids.insert(id.to_string());
    }

    /// The old ids (`aliases`) existing systems keep: a new system entry
    /// with one of them would not build.
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.iter().map(String::as_str)
    }

    /// Every diagnostic the build would give `file`, a system entry.
    pub fn check(&self, file: &SourceFile) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        if let Some(problem) = check_id(file, EntryKind::System) {
            d.push(problem);
        }
        let Some(parsed) = parse_system(file, &mut d) else {
            return d;
        };
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(d);
        Checker {
            area_ids: &self.area_ids,
            settings: &self.settings,
            today: self.today,
            diagnostics: &mut diagnostics,
            system_ids: &self.system_ids,
            challenge_ids: &self.challenge_ids,
            resident_routes: &self.resident_routes,
        }
        .check_system(&parsed);
        diagnostics.into_vec()
    }
}

pub(super) fn ids_of(sources: &Sources, kind: EntryKind) -> BTreeSet<String> {
    sources.entries(kind).iter().map(|f| f.id.clone()).collect()
}

pub(super) type ParseResult<'s, T, R> = (Option<Parsed<'s, T, R>>, Vec<Diagnostic>);
/// Parses one entry file of a kind.
pub(super) type ParseEntry<T, R> =
    for<'s> fn(&'s SourceFile, &mut Vec<Diagnostic>) -> Option<Parsed<'s, T, R>>;

pub(super) fn parse_all<'s, T: Send, R: Send>(
    sources: &'s Sources,
    kind: EntryKind,
    parse: ParseEntry<T, R>,
) -> Vec<ParseResult<'s, T, R>> {
    sources
        .entries(kind)
        .par_iter()
        .map(|file| {
            let mut d = Vec::new();
            if let Some(problem) = check_id(file, kind) {
                d.push(problem);
            }
            let parsed = parse(file, &mut d);
            (parsed, d)
        })
        .collect()
}

pub(super) fn collect<'s, T, R>(
    results: Vec<ParseResult<'s, T, R>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Parsed<'s, T, R>> {
    let mut out = Vec::new();
    for (parsed, d) in results {
        diagnostics.extend(d);
        out.extend(parsed);
    }
    out
}
