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

/// Parses and checks everything in `sources`. Returns the model when there
/// are no errors, and every diagnostic (warnings too) either way.
pub fn build_portal(sources: &Sources, today: Date) -> (Option<Portal>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(sources.problems.iter().cloned());

    let settings = sources.portal.as_ref().and_then(|file| {
        let mut d = Diagnostics::new();
        let settings = parse_settings(file, &mut d);
        diagnostics.extend(d);
        settings
    });

    // Entries are independent until references are resolved: parse them in parallel.
    let systems = parse_all(sources, EntryKind::System, parse_system);
    let errors = parse_all(sources, EntryKind::PublishedError, parse_error);
    let challenges = parse_all(sources, EntryKind::ChallengeRoute, parse_challenge);
    let pages = parse_all(sources, EntryKind::Page, parse_page);
    let systems = collect(systems, &mut diagnostics);
    let errors = collect(errors, &mut diagnostics);
    let challenges = collect(challenges, &mut diagnostics);
    let pages = collect(pages, &mut diagnostics);

    let Some(settings) = settings else {
        diagnostics.sort();
        return (None, diagnostics);
    };

    let area_ids: BTreeSet<String> = settings
        .service_areas
        .iter()
        .map(|a| a.id.clone())
        .collect();
    // Every entry file counts as existing, even one that failed to parse,
    // so one broken file does not cause a cascade of false errors.
    let system_ids = ids_of(sources, EntryKind::System);
    let challenge_ids = ids_of(sources, EntryKind::ChallengeRoute);
    let resident_routes = resident_routes(sources, &challenges);
    let mut checker = Checker {
        area_ids: &area_ids,
        settings: &settings,
        today,
        diagnostics: &mut diagnostics,
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
    check_footer(&pages, &mut diagnostics);
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
        &mut diagnostics,
    );

    let mut systems: Vec<System> = systems.into_iter().map(|p| p.model).collect();
    for system in &mut systems {
        system.review_overdue = system.review_by < today && !system.is_gap(Field::ReviewBy);
    }
    diagnostics.sort();
    if diagnostics.has_errors() {
        return (None, diagnostics);
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
    (Some(portal), diagnostics)
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
