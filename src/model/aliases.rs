//! `aliases`: old ids of an entry whose addresses must keep working after the
//! entry's id (its file name) changed. This module checks them like ids and
//! renders the redirect page each old address gets.
//!
//! An alias lives in the same folder of the site as its entry: an alias
//! `old-name` of the system `new-name` keeps `/systems/old-name/` working; an
//! alias of a page keeps `/old-name/` working.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{RESERVED_PAGE_IDS, is_safe_id};
use crate::parse::schema::Spanned;
use crate::parse::yaml;

/// The kind of entry an alias belongs to; each has its own folder of URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    System,
    Error,
    Challenge,
    Page,
}

impl Kind {
    /// Folder of the site the entry and its aliases live in (`systems/`, or
    /// nothing for pages).
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Kind::System => "systems/",
            Kind::Error => "errors/",
            Kind::Challenge => "challenge/",
            Kind::Page => "",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            Kind::System => "system",
            Kind::Error => "published error",
            Kind::Challenge => "challenge route",
            Kind::Page => "page",
        }
    }
}

/// One entry's id and aliases, with what a message needs to point at a line.
pub(crate) struct Entry<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub text: &'a str,
    pub yaml_line: usize,
    pub aliases: &'a [Spanned<String>],
}

/// Every entry of one kind.
pub(crate) struct Group<'a> {
    pub kind: Kind,
    pub entries: Vec<Entry<'a>>,
}

/// Most old addresses one entry may keep. An entry is renamed a few times
/// in its life; thousands of aliases are a mistake, and each one is a page.
pub(crate) const MAX_ALIASES: usize = 100;

/// Checks every alias: a safe id (so no `..`, `/` or `\`), not a name the
/// site uses, not the id of another entry of the same kind, and not given
/// twice (by the same entry or by two entries).
pub(crate) fn check(groups: &[Group<'_>], generated_pages: &[&str], diagnostics: &mut Diagnostics) {
    for group in groups {
        let ids: BTreeMap<&str, &str> = group.entries.iter().map(|e| (e.id, e.path)).collect();
        // alias → file of the first entry that claimed it.
        let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
        for entry in &group.entries {
            if let Some(first_extra) = entry.aliases.get(MAX_ALIASES) {
                diagnostics.push(
                    Diagnostic::error(
                        "too-many-aliases",
                        format!(
                            "this {} keeps {} old addresses; at most {MAX_ALIASES} are allowed",
                            group.kind.noun(),
                            entry.aliases.len()
                        ),
                    )
                    .at(
                        entry.path,
                        entry.text,
                        yaml::position(first_extra, entry.yaml_line),
                    )
                    .with_help(
                        "keep the old addresses people still use and link to; delete the rest",
                    ),
                );
                continue;
            }
            for alias in entry.aliases {
                let name = alias.value.as_str();
                let error = |code: &'static str, message: String| {
                    Diagnostic::error(code, message).at(
                        entry.path,
                        entry.text,
                        yaml::position(alias, entry.yaml_line),
                    )
                };
                if !is_safe_id(name) {
                    let suggestion = slug::slugify(name);
                    diagnostics.push(
                        error(
                            "unsafe-id",
                            format!("`{name}` cannot be used as an alias"),
                        )
                        .with_help(format!(
                            "an alias is an old id of this {}: the old file name without `.md`, \
                             in lowercase letters, digits and single hyphens (no `/`, `\\` or `..`){}",
                            group.kind.noun(),
                            if suggestion.is_empty() {
                                String::new()
                            } else {
                                format!(", e.g. `{suggestion}`")
                            }
                        )),
                    );
                    continue;
                }
                if RESERVED_PAGE_IDS.contains(&name) {
                    diagnostics.push(
                        error(
                            "reserved-id",
                            format!("the alias `{name}` is a name the site uses itself"),
                        )
                        .with_help(format!(
                            "remove it; these names cannot be aliases: {}",
                            RESERVED_PAGE_IDS.join(", ")
                        )),
                    );
                    continue;
                }
                if group.kind == Kind::Page && generated_pages.contains(&name) {
                    diagnostics.push(
                        error(
                            "reserved-id",
                            format!(
                                "the alias `{name}` would replace the page the build makes at /{name}/ \
                                 from portal.yaml"
                            ),
                        )
                        .with_help("remove the alias; the generated page keeps that address"),
                    );
                    continue;
                }
                if name == entry.id {
                    diagnostics.push(
                        error(
                            "duplicate-id",
                            format!("the alias `{name}` is this entry's own id"),
                        )
                        .with_help(
                            "remove it: an alias is an old id that is no longer the file name",
                        ),
                    );
                    continue;
                }
                if let Some(other) = ids.get(name) {
                    diagnostics.push(
                        error(
                            "duplicate-id",
                            format!(
                                "the alias `{name}` is the id of another {} ({other})",
                                group.kind.noun()
                            ),
                        )
                        .with_help(format!(
                            "the address /{}{name}/ already belongs to {other}; remove the alias or rename one of the two",
                            group.kind.folder()
                        )),
                    );
                    continue;
                }
                match claimed.get(name) {
                    Some(first) if *first == entry.path => diagnostics.push(
                        error("duplicate-id", format!("the alias `{name}` is listed twice"))
                            .with_help("remove one of the two"),
                    ),
                    Some(first) => diagnostics.push(
                        error(
                            "duplicate-id",
                            format!("the alias `{name}` is also an alias in {first}"),
                        )
                        .with_help("an old address can only lead to one entry; remove the alias from one of the two files"),
                    ),
                    None => {
                        claimed.insert(name, entry.path);
                    }
                }
            }
        }
    }
}
