//! The version history of the entry files, read from the git repository the
//! portal folder is kept in. This is the only module that knows git (through
//! `gix`, so no `git` program is needed).
//!
//! The repository is walked once per build, along the first-parent line from
//! `HEAD` (the published line: a merge counts as one version, drafts on
//! branches do not). For each commit only the trees of `content/systems`,
//! `content/errors` and `content/challenges` are compared with the parent's,
//! so a commit that touches nothing there costs a few small tree reads, and
//! a file's text is read only for the commits that changed it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use rayon::prelude::*;

use crate::load::{EntryKind, MAX_FILE_BYTES};

/// Which repository to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Find {
    /// Only a repository whose work tree is the portal folder itself.
    AtPortal,
    /// The repository the portal folder is in, however deep.
    Upwards,
}

/// What to read.
#[derive(Debug, Clone, Copy)]
pub struct HistoryOptions {
    pub find: Find,
    /// Commits made before this moment (seconds since 1970, UTC) are not read.
    pub since: Option<i64>,
}

/// One commit that changed at least one entry.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    /// Full hexadecimal id.
    pub id: String,
    /// When it was committed: seconds since 1970 (UTC) and the committer's
    /// offset from UTC in seconds.
    pub seconds: i64,
    pub offset: i32,
    /// The commit message, trimmed.
    pub message: String,
}

/// One version of one file.
#[derive(Debug, Clone)]
pub struct FileVersion {
    /// Index into [`RawHistory::commits`].
    pub commit: usize,
    /// The file's text after the commit; `None` when the commit removed it.
    pub text: Option<String>,
}

/// Where the known history starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// At the repository's first commit: everything is known.
    Beginning,
    /// At a shallow clone's boundary: older commits are not in the clone.
    Shallow,
    /// At the `since` date of `portal.yaml`: older commits were not read.
    Since,
}

/// The history of every entry file.
#[derive(Debug, Clone)]
pub struct RawHistory {
    /// Commits that changed an entry, newest first.
    pub commits: Vec<CommitInfo>,
    /// Entry file (as [`crate::load::SourceFile::path`], e.g.
    /// `content/systems/x.md`, also for files that no longer exist) → its
    /// versions, newest first.
    pub files: BTreeMap<String, Vec<FileVersion>>,
    pub start: Start,
    /// Seconds (UTC) of the oldest commit read, when any was.
    pub oldest: Option<i64>,
}

/// The kinds of entry that have a history.
pub const KINDS: [EntryKind; 3] = [
    EntryKind::System,
    EntryKind::PublishedError,
    EntryKind::ChallengeRoute,
];

/// Reads the history of the portal at `portal_dir`. `Ok(None)` when there is
/// no repository (or none at the portal folder, for [`Find::AtPortal`]) or
/// it has no commit yet; `Err` with a message when the repository cannot be
/// read.
pub fn read_history(
    portal_dir: &Path,
    options: HistoryOptions,
) -> Result<Option<RawHistory>, String> {
    let Some((repo, prefix)) = open(portal_dir, options.find) else {
        return Ok(None);
    };
    let Ok(head) = repo.head_id() else {
        // No commit yet.
        return Ok(None);
    };
    let shallow: Vec<ObjectId> = repo
        .shallow_commits()
        .map_err(|e| format!("cannot read the list of shallow commits: {e}"))?
        .map(|c| c.iter().copied().collect())
        .unwrap_or_default();
    let folders: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| {
            (
                format!("content/{}", k.folder()),
                format!("{prefix}content/{}", k.folder()),
            )
        })
        .collect();

    let mut commits: Vec<CommitInfo> = Vec::new();
    // (file, commit index, blob id or None for a removal), newest first.
    let mut found: Vec<(String, usize, Option<ObjectId>)> = Vec::new();
    // Listings of the newer commit, per folder: (tree id, name → blob id).
    let mut newer: Vec<Listing> = Vec::new();
    let mut id = head.detach();
    let start = loop {
        let commit = repo
            .find_commit(id)
            .map_err(|e| format!("cannot read commit {id}: {e}"))?;
        let time = commit
            .time()
            .map_err(|e| format!("cannot read the date of commit {id}: {e}"))?;
        let tree = commit
            .tree()
            .map_err(|e| format!("cannot read the files of commit {id}: {e}"))?;
        let mut listings = Vec::with_capacity(folders.len());
        for (i, (_, in_repo)) in folders.iter().enumerate() {
            let tree_id = tree
                .lookup_entry_by_path(in_repo)
                .map_err(|e| format!("cannot read {in_repo} in commit {id}: {e}"))?
                .filter(|e| e.mode().is_tree())
                .map(|e| e.object_id());
            let listing = match newer.get(i) {
                Some(n) if n.tree == tree_id => n.clone(),
                _ => list(&repo, tree_id)?,
            };
            listings.push(listing);
        }
        let index = commits.len();
        if let Some(since) = options.since
            && time.seconds < since
        {
            // What the oldest commit from `since` on changed is known; what
            // came before is not published, so its texts are not read.
            if index > 0 {
                for (i, (shown, _)) in folders.iter().enumerate() {
                    compare(&newer[i], &listings[i], shown, index - 1, &mut found);
                }
            }
            break Start::Since;
        }
        let message = commit_note(&String::from_utf8_lossy(commit.message_raw_sloppy()));
        commits.push(CommitInfo {
            id: id.to_string(),
            seconds: time.seconds,
            offset: time.offset,
            message,
        });
        if index > 0 {
            // What the newer commit (index - 1) changed against this one.
            for (i, (shown, _)) in folders.iter().enumerate() {
                compare(&newer[i], &listings[i], shown, index - 1, &mut found);
            }
        }
        newer = listings;
        let parent = commit.parent_ids().next().map(|p| p.detach());
        match parent {
            Some(parent) if !shallow.contains(&id) => id = parent,
            Some(_) => {
                finish(&commits, &newer, &folders, &mut found);
                break Start::Shallow;
            }
            None => {
                finish(&commits, &newer, &folders, &mut found);
                break Start::Beginning;
            }
        }
    };

    // Read the texts, in parallel: each thread opens its own handle.
    let git_dir = repo.git_dir().to_path_buf();
    drop(repo);
    let chunk = found
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let texts: Vec<Result<Option<String>, String>> = found
        .par_chunks(chunk)
        .flat_map_iter(|part| {
            let repo = gix::open_opts(&git_dir, gix::open::Options::isolated())
                .map_err(|e| format!("cannot open the repository again: {e}"));
            part.iter()
                .map(|(_, _, blob)| match (blob, &repo) {
                    (None, _) => Ok(None),
                    (Some(blob), Ok(repo)) => read_blob(repo, *blob).map(Some),
                    (Some(_), Err(e)) => Err(e.clone()),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut files: BTreeMap<String, Vec<FileVersion>> = BTreeMap::new();
    for ((file, commit, _), text) in found.into_iter().zip(texts) {
        files.entry(file).or_default().push(FileVersion {
            commit,
            text: text?,
        });
    }
    for versions in files.values_mut() {
        versions.sort_by_key(|v| v.commit);
    }
    // Keep only the commits that changed an entry, renumbered.
    let mut used: Vec<usize> = files.values().flatten().map(|v| v.commit).collect();
    used.sort_unstable();
    used.dedup();
    let oldest = commits.last().map(|c| c.seconds);
    let renumber: BTreeMap<usize, usize> = used.iter().enumerate().map(|(n, &o)| (o, n)).collect();
    for v in files.values_mut().flatten() {
        v.commit = renumber[&v.commit];
    }
    let commits = used.iter().map(|&i| commits[i].clone()).collect();
    Ok(Some(RawHistory {
        commits,
        files,
        start,
        oldest,
    }))
}

/// A folder of one commit: its tree id and its `.md` files by name.
#[derive(Debug, Clone, Default)]
struct Listing {
    tree: Option<ObjectId>,
    files: BTreeMap<String, ObjectId>,
}

fn list(repo: &gix::Repository, tree: Option<ObjectId>) -> Result<Listing, String> {
    let Some(tree_id) = tree else {
        return Ok(Listing::default());
    };
    let tree = repo
        .find_tree(tree_id)
        .map_err(|e| format!("cannot read folder {tree_id}: {e}"))?;
    let mut files = BTreeMap::new();
    for entry in tree.iter() {
        let entry = entry.map_err(|e| format!("cannot read folder {tree_id}: {e}"))?;
        let name = entry.filename().to_string();
        if entry.mode().is_blob()
            && name.ends_with(".md")
            && !name.eq_ignore_ascii_case("README.md")
        {
            files.insert(name, entry.object_id());
        }
    }
    Ok(Listing {
        tree: Some(tree_id),
        files,
    })
}

/// Records what commit `newer_index` changed in one folder, against its parent.
fn compare(
    newer: &Listing,
    older: &Listing,
    folder: &str,
    newer_index: usize,
    found: &mut Vec<(String, usize, Option<ObjectId>)>,
) {
    if newer.tree == older.tree {
        return;
    }
    for (name, blob) in &newer.files {
        if older.files.get(name) != Some(blob) {
            found.push((format!("{folder}/{name}"), newer_index, Some(*blob)));
        }
    }
    for name in older.files.keys() {
        if !newer.files.contains_key(name) {
            found.push((format!("{folder}/{name}"), newer_index, None));
        }
    }
}

/// The oldest commit walked: every file it has is a version it brought.
fn finish(
    commits: &[CommitInfo],
    oldest: &[Listing],
    folders: &[(String, String)],
    found: &mut Vec<(String, usize, Option<ObjectId>)>,
) {
    let Some(index) = commits.len().checked_sub(1) else {
        return;
    };
    for (listing, (shown, _)) in oldest.iter().zip(folders) {
        for (name, blob) in &listing.files {
            found.push((format!("{shown}/{name}"), index, Some(*blob)));
        }
    }
}

fn read_blob(repo: &gix::Repository, id: ObjectId) -> Result<String, String> {
    let blob = repo
        .find_blob(id)
        .map_err(|e| format!("cannot read file {id}: {e}"))?;
    if blob.data.len() as u64 > MAX_FILE_BYTES {
        return Ok(String::new());
    }
    let mut text = String::from_utf8_lossy(&blob.data).into_owned();
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Opens the repository and gives the portal folder's place in its work
/// tree (`""` or `sub/folder/`).
fn open(portal_dir: &Path, find: Find) -> Option<(gix::Repository, String)> {
    let portal = portal_dir.canonicalize().ok()?;
    let candidates: Vec<PathBuf> = match find {
        Find::AtPortal => vec![portal.clone()],
        Find::Upwards => portal.ancestors().map(Path::to_path_buf).collect(),
    };
    for dir in candidates {
        if !dir.join(".git").exists() {
            continue;
        }
        // Isolated: the user's and the system's git settings and the
        // environment do not change what is read, so builds stay the same.
        let repo = gix::open_opts(&dir, gix::open::Options::isolated()).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let relative = portal.strip_prefix(&workdir).ok()?;
        let mut prefix = String::new();
        for part in relative.components() {
            prefix.push_str(&part.as_os_str().to_string_lossy());
            prefix.push('/');
        }
        return Some((repo, prefix));
    }
    None
}

/// Longest commit note kept for the history pages, in characters: a note
/// says what changed and why; a 7.6 MB message is not one.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// A commit message as the history pages may show it: control characters
/// (NUL, ESC, bidirectional overrides and the like) dropped, line breaks
/// and tabs kept, trimmed, and cut at [`MAX_NOTE_CHARS`] with an ellipsis.
fn commit_note(raw: &str) -> String {
    let clean: String = raw
        .chars()
        .filter(|c| {
            matches!(c, '\n' | '\t')
                || !(c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        })
        .collect();
    let clean = clean.trim();
    match clean.char_indices().nth(MAX_NOTE_CHARS) {
        Some((cut, _)) => format!("{}…", clean[..cut].trim_end()),
        None => clean.to_string(),
    }
}

#[cfg(test)]
mod note_tests {
    use super::*;

    #[test]
    fn commit_notes_lose_control_characters_and_stay_short() {
        assert_eq!(
            commit_note("  Fix\u{0}the \u{1b}[31mdate\u{202E}\n\tsecond line "),
            "Fixthe [31mdate\n\tsecond line"
        );
        let long = "word ".repeat(1_000);
        let note = commit_note(&long);
        assert_eq!(note.chars().count(), MAX_NOTE_CHARS);
        assert!(note.ends_with('…'));
    }
}
