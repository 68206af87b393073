//! Swapping a finished site in, the one place that knows rustix. On Linux
//! the new folder and the old one trade places in one step
//! (`renameat2(RENAME_EXCHANGE)`), so there is never a moment without the
//! output folder; elsewhere, or where the file system cannot exchange, the
//! old folder is moved aside and the new one moved in (two renames, with a
//! moment in between).
//!
//! Also the test hook that lets the kill tests stop a build at a named point.

use std::fs;
use std::io;
use std::path::Path;

/// How [`exchange`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchanged {
    /// The two folders traded places in one step.
    Atomically,
    /// The system cannot exchange; nothing was changed.
    NotSupported,
}

/// Makes `a` and `b` (both existing) trade places in one step.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<Exchanged> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(Exchanged::Atomically),
        // An old kernel (ENOSYS) or a file system without exchange (EINVAL).
        Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::INVAL => {
            Ok(Exchanged::NotSupported)
        }
        Err(e) => Err(e.into()),
    }
}

/// Makes `a` and `b` (both existing) trade places in one step.
#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<Exchanged> {
    Ok(Exchanged::NotSupported)
}

/// Environment variable naming a point ([`pause_at`]) where a build stops
/// and waits to be killed; for the crash tests only.
pub const PAUSE_VAR: &str = "GLASSBOX_TEST_PAUSE_AT";
/// File the paused build creates to say it has reached the point.
pub const PAUSED_FILE_VAR: &str = "GLASSBOX_TEST_PAUSED_FILE";

/// When `GLASSBOX_TEST_PAUSE_AT` names `point`, creates the file named by
/// `GLASSBOX_TEST_PAUSED_FILE` and sleeps until the process is killed, so a
/// test can kill the build at exactly this point. Does nothing otherwise.
pub fn pause_at(point: &str) {
    if std::env::var_os(PAUSE_VAR).is_none_or(|p| p != point) {
        return;
    }
    if let Some(file) = std::env::var_os(PAUSED_FILE_VAR) {
        let _ = fs::write(file, point);
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
