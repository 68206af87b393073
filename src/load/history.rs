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
use std::sync::Arc;

use gix::ObjectId;

use crate::load::{EntryKind, MAX_FILE_BYTES};

/// File texts already read, by blob id: kept between builds by `serve`, so
/// a rebuild reads only the texts a new commit brought.
#[derive(Debug, Default)]
pub struct TextCache(
    std::sync::Mutex<std::collections::HashMap<ObjectId, std::sync::Arc<str>>>,
    /// The last history read, by the commit checked out and the options:
    /// while editing, saves are not commits, so the walk is not repeated.
    std::sync::Mutex<Option<(String, RawHistory)>>,
);

/// Which repository to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Find {
    /// Only a repository whose work tree is the portal folder itself.
    AtPortal,
    /// The repository the portal folder is in, however deep.
    Upwards,
}

/// What to read.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    pub find: Find,
    /// Commits made before this moment (seconds since 1970, UTC) are not read.
    pub since: Option<i64>,
    /// Commits whose versions are never published (`leave_out` in
    /// `portal.yaml`): what they changed is shown as part of the next
    /// commit that is published, and their texts are not read.
    pub leave_out: Vec<LeaveOut>,
}

/// A commit, or the commits of some days, to leave out of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaveOut {
    /// Every commit whose id starts with these (lower-case) hex digits.
    Commit(String),
    /// Every commit made on these days, counted from 1970-01-01 (both
    /// included), in the committer's own time zone.
    Days(i64, i64),
}

/// Earliest and latest commit dates taken as real: 1970-01-01 and
/// 9999-12-31 (in seconds). A commit dated outside them (a broken clock, a
/// forged header) is left out, so no version gets a date like `-001199-02-15`.
const EARLIEST: i64 = 0;
const LATEST: i64 = 253_402_300_799;

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
    /// The file's blob id (hex) after the commit; `None` when the commit
    /// removed it. Its text is read when it is needed ([`RawHistory::text`]).
    pub blob: Option<String>,
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
    /// What was not published and why, oldest commit last.
    pub skipped: Vec<Skipped>,
    /// The `leave_out` commits that matched no commit read.
    pub unmatched: Vec<String>,
    /// The repository's git folder, where the texts are read from.
    pub git_dir: PathBuf,
}

impl RawHistory {
    /// The text of a version of a file (`blob` as in [`FileVersion::blob`]),
    /// read from the repository now. Texts are read one record at a time and
    /// let go of once its pages are made, so a long history is never in
    /// memory whole; `cache` (given by `serve`) keeps them between builds.
    pub fn text(&self, blob: &str, cache: Option<&TextCache>) -> Result<Arc<str>, String> {
        let id = ObjectId::from_hex(blob.as_bytes())
            .map_err(|e| format!("{blob} is not an object id: {e}"))?;
        if let Some(text) = cache
            .and_then(|c| c.0.lock().ok())
            .and_then(|known| known.get(&id).cloned())
        {
            return Ok(text);
        }
        let text: Arc<str> = Arc::from(with_repo(&self.git_dir, |repo| read_blob(repo, id))?);
        if let Some(mut known) = cache.and_then(|c| c.0.lock().ok()) {
            known.insert(id, text.clone());
        }
        Ok(text)
    }
}

thread_local! {
    /// Each thread's handle on the repository last read (gix handles are
    /// not shared between threads).
    static REPO: std::cell::RefCell<Option<(PathBuf, gix::Repository)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `read` with this thread's handle on the repository at `git_dir`,
/// opening it on first use; a failed read is tried once more on a handle
/// opened afresh (the repository may have been repacked since).
fn with_repo<T>(
    git_dir: &Path,
    read: impl Fn(&gix::Repository) -> Result<T, String>,
) -> Result<T, String> {
    REPO.with(|cell| {
        let mut slot = cell.borrow_mut();
        for attempt in 0..2 {
            let fresh = attempt > 0 || slot.as_ref().is_none_or(|(dir, _)| dir != git_dir);
            if fresh {
                let repo = gix::open_opts(git_dir, gix::open::Options::isolated())
                    .map_err(|e| format!("cannot open the repository again: {e}"))?;
                *slot = Some((git_dir.to_path_buf(), repo));
            }
            let (_, repo) = slot.as_ref().expect("opened above");
            match read(repo) {
                Ok(value) => return Ok(value),
                Err(e) if attempt > 0 => return Err(e),
                Err(_) => {}
            }
        }
        unreachable!("the second attempt returns")
    })
}

/// A version or a commit left out of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A commit whose date cannot be read or is out of range.
    BadDate { commit: String, problem: String },
    /// A version of an entry file over [`MAX_FILE_BYTES`] (the build would
    /// refuse it too); its text was not read.
    TooLarge {
        commit: String,
        file: String,
        bytes: u64,
    },
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
    options: &HistoryOptions,
    cache: &TextCache,
) -> Result<Option<RawHistory>, String> {
    let Some((repo, prefix)) = open(portal_dir, options.find) else {
        return Ok(None);
    };
    let Ok(head) = repo.head_id() else {
        // No commit yet.
        return Ok(None);
    };
    let key = format!("{head} {prefix} {options:?}");
    if let Ok(last) = cache.1.lock()
        && let Some((known, raw)) = last.as_ref()
        && *known == key
    {
        return Ok(Some(raw.clone()));
    }
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
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut matched = vec![false; options.leave_out.len()];
    // (file, commit index, blob id or None for a removal), newest first.
    let mut found: Vec<(String, usize, Option<ObjectId>)> = Vec::new();
    // The listings of the commit walked just before (the child), per folder:
    // reused when a folder's tree did not change.
    let mut child: Vec<Listing> = Vec::new();
    // The newest published commit not yet compared with an older published
    // one: its index and listings. Commits left out between the two are
    // folded into it, as if they had been made together.
    let mut anchor: Option<(usize, Vec<Listing>)> = None;
    let mut id = head.detach();
    let start = loop {
        let commit = repo
            .find_commit(id)
            .map_err(|e| format!("cannot read commit {id}: {e}"))?;
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
            let listing = match child.get(i) {
                Some(n) if n.tree == tree_id => n.clone(),
                _ => list(&repo, tree_id)?,
            };
            listings.push(listing);
        }
        // A date that cannot be read or is out of range leaves this commit
        // out (its changes go with the next published one), not the history.
        let time = match commit.time() {
            Ok(t) if (EARLIEST..=LATEST).contains(&t.seconds) => Some(t),
            Ok(t) => {
                skipped.push(Skipped::BadDate {
                    commit: id.to_string(),
                    problem: format!("its date ({} seconds from 1970) is out of range", t.seconds),
                });
                None
            }
            Err(e) => {
                skipped.push(Skipped::BadDate {
                    commit: id.to_string(),
                    problem: format!("its date cannot be read ({e})"),
                });
                None
            }
        };
        if let (Some(since), Some(time)) = (options.since, time)
            && time.seconds < since
        {
            // What the oldest commit from `since` on changed is known; what
            // came before is not published, so its texts are not read.
            if let Some((newer, newer_listings)) = &anchor {
                for (i, (shown, _)) in folders.iter().enumerate() {
                    compare(&newer_listings[i], &listings[i], shown, *newer, &mut found);
                }
            }
            break Start::Since;
        }
        let hex = id.to_string();
        let left_out = time.is_none()
            || options.leave_out.iter().enumerate().any(|(n, rule)| {
                let hit = match (rule, time) {
                    (LeaveOut::Commit(prefix), _) => hex.starts_with(prefix.as_str()),
                    (LeaveOut::Days(from, to), Some(t)) => {
                        let day = (t.seconds + i64::from(t.offset)).div_euclid(86_400);
                        (*from..=*to).contains(&day)
                    }
                    (LeaveOut::Days(..), None) => false,
                };
                matched[n] |= hit;
                hit
            });
        if let (false, Some(time)) = (left_out, time) {
            let index = commits.len();
            let message = commit_note(&String::from_utf8_lossy(commit.message_raw_sloppy()));
            commits.push(CommitInfo {
                id: hex,
                seconds: time.seconds,
                offset: time.offset,
                message,
            });
            if let Some((newer, newer_listings)) = &anchor {
                // What the newer published commit changed against this one.
                for (i, (shown, _)) in folders.iter().enumerate() {
                    compare(&newer_listings[i], &listings[i], shown, *newer, &mut found);
                }
            }
            anchor = Some((index, listings.clone()));
        }
        child = listings;
        let parent = commit.parent_ids().next().map(|p| p.detach());
        match parent {
            Some(parent) if !shallow.contains(&id) => id = parent,
            Some(_) => {
                finish(anchor.as_ref(), &folders, &mut found);
                break Start::Shallow;
            }
            None => {
                finish(anchor.as_ref(), &folders, &mut found);
                break Start::Beginning;
            }
        }
    };

    // Texts are read later, a record at a time (`RawHistory::text`); here
    // only the objects' headers, for their sizes. Blobs an earlier build of
    // this process read are known to be there.
    let mut blobs: Vec<ObjectId> = found.iter().filter_map(|(_, _, b)| *b).collect();
    blobs.sort_unstable();
    blobs.dedup();
    if let Ok(known) = cache.0.lock() {
        blobs.retain(|b| !known.contains_key(b));
    }
    // Sizes first, from the objects' headers: a huge file committed once is
    // skipped without being read. A missing object (a clone made without
    // file contents, a damaged repository) makes the history unreadable.
    let where_is = |blob: ObjectId| {
        found
            .iter()
            .find(|(_, _, b)| *b == Some(blob))
            .map(|(file, commit, _)| (file.clone(), commits[*commit].id.clone()))
            .unwrap_or_default()
    };
    let mut large = BTreeMap::new();
    for blob in &blobs {
        let header = repo.try_find_header(*blob).map_err(|e| {
            let (file, commit) = where_is(*blob);
            format!("cannot read {file} in commit {commit}: {e}")
        })?;
        let Some(header) = header else {
            let (file, commit) = where_is(*blob);
            return Err(format!(
                "{file} in commit {commit} is not in the repository (a copy made without \
                 file contents, or a damaged repository)"
            ));
        };
        if header.size() > MAX_FILE_BYTES {
            large.insert(*blob, header.size());
        }
    }
    found.retain(
        |(file, commit, blob)| match blob.and_then(|b| large.get(&b)) {
            Some(bytes) => {
                skipped.push(Skipped::TooLarge {
                    commit: commits[*commit].id.clone(),
                    file: file.clone(),
                    bytes: *bytes,
                });
                false
            }
            None => true,
        },
    );
    let mut files: BTreeMap<String, Vec<FileVersion>> = BTreeMap::new();
    for (file, commit, blob) in found {
        files.entry(file).or_default().push(FileVersion {
            commit,
            blob: blob.map(|b| b.to_string()),
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
    let unmatched = options
        .leave_out
        .iter()
        .zip(matched)
        .filter(|(_, hit)| !hit)
        .map(|(rule, _)| match rule {
            LeaveOut::Commit(prefix) => prefix.clone(),
            LeaveOut::Days(..) => String::new(),
        })
        .filter(|p| !p.is_empty())
        .collect();
    let raw = RawHistory {
        commits,
        files,
        start,
        oldest,
        skipped,
        unmatched,
        git_dir: repo.git_dir().to_path_buf(),
    };
    if let Ok(mut last) = cache.1.lock() {
        *last = Some((key, raw.clone()));
    }
    Ok(Some(raw))
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

/// The oldest published commit: every file it has is a version it brought
/// (with those of any older commits left out).
fn finish(
    oldest: Option<&(usize, Vec<Listing>)>,
    folders: &[(String, String)],
    found: &mut Vec<(String, usize, Option<ObjectId>)>,
) {
    let Some((index, oldest)) = oldest else {
        return;
    };
    let index = *index;
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
