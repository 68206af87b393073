//! The `cms` command: writes the editing forms (admin page, generated
//! configuration and the CMS bundle) into a folder, for a Git host.

use std::path::PathBuf;
use std::process::ExitCode;

use glassbox::commands::cms::{self, Backend, GitBackend, GitHost};

#[derive(clap::Args)]
pub(crate) struct CmsArgs {
    /// The portal folder (containing content/portal.yaml).
    #[arg(default_value = ".")]
    portal_dir: PathBuf,
    /// Where to write the admin page [default: PORTAL_DIR/site/admin].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Where the forms save: `local` (decap-server on this computer, as
    /// `serve` does) or a Git host.
    #[arg(long, value_enum, default_value = "local")]
    backend: BackendArg,
    /// The repository, `owner/name` (Git hosts only).
    #[arg(long, required_if_eq_any([("backend", "github"), ("backend", "gitlab"), ("backend", "gitea")]))]
    repo: Option<String>,
    /// The branch the forms commit to.
    #[arg(long, default_value = "main")]
    branch: String,
    /// The host's API address, for a self-hosted GitLab, Gitea or GitHub Enterprise.
    #[arg(long)]
    api_root: Option<String>,
    /// Where the login starts: a self-hosted GitLab or Gitea, or the OAuth helper for GitHub.
    #[arg(long)]
    base_url: Option<String>,
    /// The OAuth application's id (GitLab and Gitea).
    #[arg(long)]
    app_id: Option<String>,
    /// Write only config.yml, to standard output.
    #[arg(long)]
    print_config: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BackendArg {
    Local,
    Github,
    Gitlab,
    Gitea,
}

/// What is wrong with the options, if anything: addresses must be web
/// addresses (no `javascript:`, no line breaks that would add a header line),
/// the repository `owner/name`.
fn problem(args: &CmsArgs) -> Option<String> {
    for (flag, value) in [
        ("--api-root", &args.api_root),
        ("--base-url", &args.base_url),
    ] {
        if let Some(url) = value
            && !glassbox::model::is_web_url(url)
        {
            return Some(format!(
                "{flag} `{}` is not a web address; give one that starts with https://",
                url.escape_debug()
            ));
        }
    }
    let plain = |s: &str| {
        !matches!(s, "" | "." | "..")
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if let Some(repo) = &args.repo {
        let ok = repo.split('/').count() >= 2 && repo.split('/').all(plain);
        if !ok {
            return Some(format!(
                "--repo `{}` is not OWNER/NAME (letters, digits, `-`, `_`, `.`)",
                repo.escape_debug()
            ));
        }
    }
    for (flag, value) in [
        ("--branch", Some(&args.branch)),
        ("--app-id", args.app_id.as_ref()),
    ] {
        if let Some(v) = value
            && !v.split('/').all(plain)
        {
            return Some(format!(
                "{flag} `{}` has characters it cannot have",
                v.escape_debug()
            ));
        }
    }
    None
}

pub(crate) fn run(args: CmsArgs) -> ExitCode {
    if let Some(problem) = problem(&args) {
        eprintln!("error: {problem}");
        return ExitCode::from(2);
    }
    let host = match args.backend {
        BackendArg::Local => None,
        BackendArg::Github => Some(GitHost::Github),
        BackendArg::Gitlab => Some(GitHost::Gitlab),
        BackendArg::Gitea => Some(GitHost::Gitea),
    };
    let backend = match host {
        None => Backend::Local {
            url: std::env::var("GLASSBOX_CMS_BACKEND")
                .ok()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| cms::DEFAULT_LOCAL_BACKEND.to_string()),
        },
        Some(host) => Backend::Git(GitBackend {
            host,
            repo: args.repo.unwrap_or_default(),
            branch: args.branch,
            api_root: args.api_root,
            base_url: args.base_url,
            app_id: args.app_id,
        }),
    };
    if args.print_config {
        print!("{}", cms::config_text(&backend));
        return ExitCode::SUCCESS;
    }
    let output = args
        .output
        .unwrap_or_else(|| args.portal_dir.join("site").join("admin"));
    match cms::write_admin(&args.portal_dir, &output, &backend) {
        Ok(written) => {
            eprintln!(
                "Wrote the editing forms ({} files) into {}. Publish that folder at /admin/ \
                 with the Content-Security-Policy in its _headers file (docs/editing.md).",
                written.len(),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
