//! The spare copy beside the output folder (`.NAME.spare`): the site before
//! the one in place, kept so that the next build writes into its files
//! rather than making new ones. Making a file costs far more than rewriting
//! one, and on ext4 without a journal it costs several times more again in
//! the minutes after many files were deleted, which is just when the next
//! build of a site runs. The spare is reused only under the output's lock,
//! becomes the next staging folder, and is cleaned of what the new site no
//! longer has before it is swapped in.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::MARKER;

/// Where the spare copy of the output folder `name` is kept.
pub(super) fn path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.spare"))
}

/// Moves the spare copy to `staging`, when there is one glassbox made, and
/// gives the files in it (relative, `/`-separated). Anything in it that is
/// not a plain file or folder (a link someone put there) is removed first,
/// so that writing into it never reaches outside it. `None` when there is no
/// usable spare: it is removed and the caller starts an empty folder.
pub(super) fn reuse(spare: &Path, staging: &Path) -> Option<HashSet<String>> {
    let usable = fs::symlink_metadata(spare).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(spare.join(MARKER)).is_ok_and(|m| m.is_file());
    if !usable {
        remove(spare);
        return None;
    }
    if fs::rename(spare, staging).is_err() {
        remove(spare);
        return None;
    }
    let mut files = HashSet::new();
    for item in walkdir::WalkDir::new(staging)
        .follow_links(false)
        .min_depth(1)
    {
        let Ok(item) = item else {
            // Cannot be listed whole: start afresh.
            remove(staging);
            return None;
        };
        let kind = item.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            if fs::remove_file(item.path()).is_err() {
                remove(staging);
                return None;
            }
            continue;
        }
        if let Ok(relative) = item.path().strip_prefix(staging)
            && let Some(relative) = relative.to_str()
        {
            files.insert(relative.replace('\\', "/"));
        }
    }
    Some(files)
}

/// Removes from `staging` the files of the old site that the new one does
/// not have (`stale`), and the folders that leaves empty.
pub(super) fn remove_stale(staging: &Path, stale: &[&String]) {
    let mut folders = Vec::new();
    for file in stale {
        let path = staging.join(file);
        let _ = fs::remove_file(&path);
        let mut folder = path.parent();
        while let Some(f) = folder.filter(|f| *f != staging) {
            folders.push(f.to_path_buf());
            folder = f.parent();
        }
    }
    // Deepest first; a folder that still holds something stays.
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    folders.dedup();
    for folder in folders {
        let _ = fs::remove_dir(folder);
    }
}

/// Keeps `folder` (a finished build's previous site, or a failed build's
/// staging folder) as the spare copy, or removes it when it cannot be kept
/// or none is kept (`spare` is `None`).
pub(super) fn keep(folder: &Path, spare: Option<&Path>) {
    let Some(spare) = spare else {
        remove(folder);
        return;
    };
    remove(spare);
    if fs::rename(folder, spare).is_err() {
        remove(folder);
    }
}

/// Writes `bytes` as the file `target`, over a folder of the old site that
/// is in its way.
pub(super) fn write_over(target: &Path, bytes: &[u8]) -> io::Result<()> {
    io::Write::write_all(&mut create_over(target)?, bytes)
}

/// Makes `target` a new, empty file, over a folder of the old site that is
/// in its way.
pub(super) fn create_over(target: &Path) -> io::Result<fs::File> {
    match fs::File::create(target) {
        Err(e) if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) => {
            fs::remove_dir_all(target).map_err(|_| e)?;
            fs::File::create(target)
        }
        other => other,
    }
}

/// Whether the file `target` holds exactly `bytes`.
pub(super) fn holds(target: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(target) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut held = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut held).is_ok() && held == bytes
}

/// Makes `folder` (inside `root`) and the folders above it, over files of
/// the old site that are in their way.
pub(super) fn make_folder(folder: &Path, root: &Path) -> io::Result<()> {
    match fs::create_dir_all(folder) {
        Err(e) => {
            let mut blocked = false;
            for above in folder.ancestors().take_while(|a| *a != root) {
                if fs::symlink_metadata(above).is_ok_and(|m| !m.is_dir()) {
                    fs::remove_file(above).map_err(|_| io::Error::new(e.kind(), e.to_string()))?;
                    blocked = true;
                }
            }
            if blocked {
                fs::create_dir_all(folder)
            } else {
                Err(e)
            }
        }
        ok => ok,
    }
}

fn remove(path: &Path) {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let _ = fs::remove_dir_all(path);
    } else {
        let _ = fs::remove_file(path);
    }
}
