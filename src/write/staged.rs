//! Entry files written one at a time and put in place together, for
//! `import`: a large import makes more entries than it could hold in memory,
//! so each is written as soon as it is made, into a hidden staging folder
//! inside the folder the entries belong in (`content/systems/.glassbox-import-
//! <pid>/`, which the build ignores, like every name starting with a dot).
//! Only [`Staged::finish`] moves them in; until then the portal is as it was,
//! and a `Staged` dropped unfinished (an error, a refused file) removes its
//! folder. A folder left by an import that was killed is removed by the next
//! one.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{OutputError, io_err, replace_files};

/// Start of the name of every staging folder.
const PREFIX: &str = ".glassbox-import-";
/// The file in a staging folder that its import holds locked while it runs.
const LOCK: &str = ".lock";

/// Files waiting in a staging folder.
pub struct Staged {
    /// Where the files go.
    folder: PathBuf,
    /// Where they wait.
    dir: PathBuf,
    names: Mutex<BTreeSet<String>>,
    /// Held locked while this import runs, so another import does not take
    /// the folder for one left behind.
    _lock: fs::File,
    finished: bool,
}

impl Staged {
    /// A new, empty staging folder inside `folder` (made if missing).
    pub fn new(folder: &Path) -> Result<Staged, OutputError> {
        fs::create_dir_all(folder).map_err(io_err(folder))?;
        remove_leftovers(folder);
        let dir = folder.join(format!("{PREFIX}{}", std::process::id()));
        // A folder of that name can only be left by a killed process that
        // had this one's id; its lock is free, so it is a leftover.
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_err(&dir))?;
        let lock_path = dir.join(LOCK);
        let lock = fs::File::create(&lock_path)
            .and_then(|f| f.try_lock().map_err(io::Error::from).map(|()| f))
            .map_err(|source| {
                let _ = fs::remove_dir_all(&dir);
                OutputError::Io {
                    path: lock_path.clone(),
                    source,
                }
            })?;
        Ok(Staged {
            folder: folder.to_path_buf(),
            dir,
            names: Mutex::new(BTreeSet::new()),
            _lock: lock,
            finished: false,
        })
    }

    /// Writes the file `name` (a plain file name, such as `some-id.md`),
    /// replacing one written before under the same name. Files of
    /// different names may be written at the same time.
    pub fn write(&self, name: &str, text: &str) -> Result<(), OutputError> {
        let plain = !name.is_empty()
            && !name.starts_with('.')
            && !name.contains(['/', '\\'])
            && Path::new(name).file_name() == Some(name.as_ref());
        if !plain {
            return Err(OutputError::Io {
                path: self.dir.join(name),
                source: io::Error::new(io::ErrorKind::InvalidInput, "not a plain file name"),
            });
        }
        let path = self.dir.join(name);
        fs::write(&path, text).map_err(io_err(&path))?;
        self.names
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(name.to_string());
        Ok(())
    }

    /// Puts `others` (whole files elsewhere in the portal, such as
    /// `portal.yaml`) in place first, then moves every staged file into
    /// the folder, replacing files of the same name, and removes the
    /// staging folder.
    pub fn finish(mut self, others: &[(PathBuf, String)]) -> Result<(), OutputError> {
        replace_files(others)?;
        let names = std::mem::take(
            self.names
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        for name in &names {
            let from = self.dir.join(name);
            let to = self.folder.join(name);
            fs::rename(&from, &to).map_err(io_err(&to))?;
        }
        self.finished = true;
        let _ = fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the staging folders that imports stopped before they finished
/// left in `folder`: those whose lock no running import holds.
fn remove_leftovers(folder: &Path) {
    let Ok(listing) = fs::read_dir(folder) else {
        return;
    };
    for item in listing.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let is_dir = item.file_type().is_ok_and(|t| t.is_dir());
        if !name.starts_with(PREFIX) || !is_dir {
            continue;
        }
        let free = fs::File::open(item.path().join(LOCK)).is_ok_and(|f| f.try_lock().is_ok());
        if free {
            let _ = fs::remove_dir_all(item.path());
        }
    }
}
