//! Forms for people who do not write YAML: the configuration of Decap CMS, a
//! Git-based CMS that shows one form per entry and writes the same Markdown
//! and YAML files by hand-editing would.
//!
//! The configuration is generated, never written by hand: it walks the JSON
//! Schema that [`crate::commands::json_schema`] derives from the raw serde types in
//! [`crate::parse::schema`], so a field added to the content model appears in the
//! forms at once. Each JSON Schema shape has one widget:
//!
//! | schema | widget |
//! |---|---|
//! | string with `enum` or `oneOf` constants | `select` of the allowed values |
//! | string with `format: date` | `datetime` writing `YYYY-MM-DD` |
//! | `boolean` | `boolean` |
//! | `integer`, `number` | `number` (`int` or `float`) |
//! | `object` with properties | `object` with one field per property |
//! | `array` | `list` (of objects, or of single values) or a multiple `select` |
//! | `x-glassbox-refers-to` | `relation` offering the entries by name |
//! | `object` of free keys (a map) | `hidden`: written by `glassbox import` only |
//!
//! No field has a default value except yes/no fields (which Decap would
//! otherwise leave out): a default inside an optional object would make the
//! CMS write that object, half empty, into every new entry.
//!
//! Field descriptions (the doc comments on the raw types) become hints;
//! fields that may be left out are marked `required: false` (Decap requires
//! every field unless told otherwise).
//!
//! The CMS itself (a large JavaScript bundle) comes from npm, pinned by
//! `cms/package-lock.json`; glassbox reads it from `cms/node_modules` when it
//! serves or writes the admin page, and says how to install it when missing.

mod fields;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::commands::json_schema::{SchemaFile, schema_files};
use fields::*;

/// Where `glassbox serve` offers the forms.
pub const ADMIN_PATH: &str = "/admin/";

/// The address of the local backend (`decap-server`) that `serve`'s forms
/// write through, unless `GLASSBOX_CMS_BACKEND` says otherwise.
pub const DEFAULT_LOCAL_BACKEND: &str = "http://127.0.0.1:8081/api/v1";

/// The npm package whose `dist/` folder holds the CMS bundle.
pub const BUNDLE_PACKAGE: &str = "decap-cms";

/// Where the forms save to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A local backend (`decap-server`) at this address: no login, files are
    /// written in the portal folder on this computer.
    Local { url: String },
    /// A Git host: the CMS logs in and commits to `repo` on `branch`.
    Git(GitBackend),
}

/// A Git host's settings, as Decap names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitBackend {
    /// `github`, `gitlab` or `gitea`.
    pub host: GitHost,
    /// `owner/name`.
    pub repo: String,
    pub branch: String,
    /// The host's API address, for self-hosted GitLab, Gitea or GitHub
    /// Enterprise (e.g. `https://git.example.gov.uk/api/v1`).
    pub api_root: Option<String>,
    /// Where the OAuth login starts (`base_url` in Decap): a self-hosted
    /// GitLab or Gitea, or the OAuth helper for GitHub.
    pub base_url: Option<String>,
    /// The OAuth application id (GitLab and Gitea log in in the browser
    /// with PKCE, no server needed).
    pub app_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitHost {
    Github,
    Gitlab,
    Gitea,
}

impl GitHost {
    pub fn name(self) -> &'static str {
        match self {
            GitHost::Github => "github",
            GitHost::Gitlab => "gitlab",
            GitHost::Gitea => "gitea",
        }
    }
}

/// The CMS configuration as a JSON value (Decap reads it as `config.yml`;
/// JSON is YAML too).
pub fn config(backend: &Backend) -> Value {
    let schemas = schema_files();
    let schema = |file: &str| -> &SchemaFile {
        schemas
            .iter()
            .find(|s| s.file_name == file)
            .unwrap_or_else(|| panic!("json_schema has no {file}"))
    };
    let mut collections = Vec::new();
    for kind in FOLDERS {
        let root = &schema(kind.schema).json;
        let mut fields = object_fields(root, root, None);
        fields.push(json!({
            "name": "body",
            "label": "Text of the page",
            "widget": "markdown",
            "required": false,
            "hint": kind.body_hint,
            "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"],
            "editor_components": [],
            "modes": ["rich_text", "raw"],
        }));
        collections.push(json!({
            "name": kind.name,
            "label": kind.label,
            "label_singular": kind.singular,
            "folder": kind.folder,
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": true,
            "delete": true,
            "slug": "{{slug}}",
            "identifier_field": kind.identifier,
            "summary": format!("{{{{{}}}}}", kind.identifier),
            "sortable_fields": [kind.identifier],
            "editor": { "preview": false },
            "fields": fields,
        }));
    }
    let portal = &schema("portal.schema.json").json;
    collections.push(json!({
        "name": "settings",
        "label": "Portal settings",
        "editor": { "preview": false },
        "files": [{
            "name": "portal",
            "label": "Portal settings (portal.yaml)",
            "file": "content/portal.yaml",
            "format": "yaml",
            "fields": object_fields(portal, portal, None),
        }],
    }));

    let mut config = Map::new();
    match backend {
        Backend::Local { url } => {
            config.insert(
                "backend".into(),
                json!({ "name": "proxy", "proxy_url": url, "branch": "main" }),
            );
        }
        Backend::Git(git) => {
            let mut b = Map::new();
            b.insert("name".into(), git.host.name().into());
            b.insert("repo".into(), git.repo.clone().into());
            b.insert("branch".into(), git.branch.clone().into());
            for (key, value) in [
                ("api_root", &git.api_root),
                ("base_url", &git.base_url),
                ("app_id", &git.app_id),
            ] {
                if let Some(value) = value {
                    b.insert(key.into(), value.clone().into());
                }
            }
            if git.host != GitHost::Github && git.app_id.is_some() {
                b.insert("auth_type".into(), "pkce".into());
            }
            b.insert(
                "commit_messages".into(),
                json!({
                    "create": "Add {{collection}} “{{slug}}” (through the forms)",
                    "update": "Update {{collection}} “{{slug}}” (through the forms)",
                    "delete": "Delete {{collection}} “{{slug}}” (through the forms)",
                }),
            );
            config.insert("backend".into(), Value::Object(b));
        }
    }
    config.insert("publish_mode".into(), "simple".into());
    config.insert("locale".into(), "en".into());
    // No uploads yet: the portal has no images in entries.
    config.insert("media_folder".into(), "content/media".into());
    config.insert("public_folder".into(), "/media".into());
    config.insert("load_config_file".into(), false.into());
    config.insert("collections".into(), Value::Array(collections));
    Value::Object(config)
}

/// The configuration file's text: a comment saying where it comes from,
/// then the configuration as (pretty) JSON, which YAML parsers read as is.
pub fn config_text(backend: &Backend) -> String {
    let mut text = String::from(
        "# Generated by `glassbox cms` from glassbox's content model. Do not edit:\n\
         # run the command again after upgrading glassbox.\n",
    );
    text.push_str(&serde_json::to_string_pretty(&config(backend)).unwrap_or_default());
    text.push('\n');
    text
}

/// The admin page. Everything it loads comes from its own folder.
pub const ADMIN_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Edit the portal</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript><p>The editing forms need JavaScript. You can still edit the files in <code>content/</code> with a text editor.</p></noscript>
<script src="decap-cms.js"></script>
</body>
</html>
"#;

/// The Content-Security-Policy of the admin page: only its own files, and
/// requests to the backend. Decap needs inline styles (its CSS-in-JS),
/// WebAssembly, and `'unsafe-eval'` (it checks its configuration with ajv,
/// which compiles the check with `new Function`); nothing comes from
/// another host except the backend. The public pages keep their own strict
/// policy: none of this applies to them.
pub fn admin_policy(backend: &Backend) -> String {
    let connect = match backend {
        Backend::Local { url } => origin(url),
        Backend::Git(git) => {
            let mut hosts = vec![match git.host {
                GitHost::Github => "https://api.github.com".to_string(),
                GitHost::Gitlab => "https://gitlab.com".to_string(),
                GitHost::Gitea => String::new(),
            }];
            for url in [&git.api_root, &git.base_url].into_iter().flatten() {
                hosts.push(origin(url));
            }
            hosts.retain(|h| !h.is_empty());
            hosts.join(" ")
        }
    };
    format!(
        "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' {connect}; \
         frame-src 'self' blob:; worker-src 'self' blob:; base-uri 'self'; form-action 'none'; \
         frame-ancestors 'none'"
    )
}

/// `scheme://host:port` of an address.
fn origin(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    let host = rest.split('/').next().unwrap_or("");
    format!("{scheme}://{host}")
}

/// Where the CMS bundle is: `$GLASSBOX_CMS_DIR`, else `cms/node_modules/decap-cms/dist`
/// under the portal folder, the current folder, or the glassbox source tree.
pub fn bundle_dir(portal_dir: &Path) -> Result<PathBuf, String> {
    let mut tried = Vec::new();
    let mut candidates = Vec::new();
    if let Some(dir) = std::env::var_os("GLASSBOX_CMS_DIR") {
        candidates.push(PathBuf::from(dir).join("node_modules/decap-cms/dist"));
    }
    let relative = Path::new("cms/node_modules")
        .join(BUNDLE_PACKAGE)
        .join("dist");
    candidates.push(portal_dir.join(&relative));
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join(&relative));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(&relative));
    for dir in candidates {
        if dir.join("decap-cms.js").is_file() {
            return Ok(dir);
        }
        tried.push(dir.display().to_string());
    }
    Err(format!(
        "the editing forms (Decap CMS) are not installed: no decap-cms.js in {}. \
         Install them from the glassbox folder with `bash cms/setup.sh` (needs Node.js and npm), \
         or set GLASSBOX_CMS_DIR to a folder where `npm ci` was run in glassbox's cms/",
        tried.join(", ")
    ))
}

/// Whether `name` is a file of the bundle that may be served: a plain file
/// name (no folders, no dot files) of a kind the page loads.
pub fn is_bundle_file(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && [".js", ".css", ".wasm", ".txt"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// The `Content-Type` of a bundle file.
pub fn bundle_content_type(name: &str) -> &'static str {
    if name.ends_with(".js") {
        "text/javascript; charset=utf-8"
    } else if name.ends_with(".css") {
        "text/css; charset=utf-8"
    } else if name.ends_with(".wasm") {
        "application/wasm"
    } else {
        "text/plain; charset=utf-8"
    }
}

/// Writes the admin page, its configuration and the CMS bundle into `out`
/// (for publishing the forms with a Git backend). Returns the files written.
pub fn write_admin(
    portal_dir: &Path,
    out: &Path,
    backend: &Backend,
) -> Result<Vec<PathBuf>, String> {
    // Never over a built site, nor over another page: `--output site` would
    // replace the portal's home page and its root `_headers`.
    if out.join(crate::write::MARKER).is_file() {
        return Err(format!(
            "{} is a built site; write the forms into its admin folder ({})",
            out.display(),
            out.join("admin").display()
        ));
    }
    if let Ok(existing) = std::fs::read(out.join("index.html"))
        && existing != ADMIN_HTML.as_bytes()
    {
        return Err(format!(
            "{} already has an index.html that is not the editing forms'; choose an empty folder \
             or the site's admin folder",
            out.display()
        ));
    }
    let bundle = bundle_dir(portal_dir)?;
    let io = |path: &Path, e: std::io::Error| format!("cannot write {}: {e}", path.display());
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), String> {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        written.push(path);
        Ok(())
    };
    put("index.html", ADMIN_HTML.as_bytes())?;
    put("config.yml", config_text(backend).as_bytes())?;
    // Static hosts read `_headers` (Netlify, Cloudflare Pages) for the policy;
    // others need it set in their own configuration (docs/editing.md).
    put(
        "_headers",
        format!(
            "/admin/*\n  Content-Security-Policy: {}\n",
            admin_policy(backend)
        )
        .as_bytes(),
    )?;
    let mut names: Vec<String> = std::fs::read_dir(&bundle)
        .map_err(|e| format!("cannot read {}: {e}", bundle.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_bundle_file(n))
        .collect();
    names.sort();
    for name in names {
        let from = bundle.join(&name);
        let bytes =
            std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        put(&name, &bytes)?;
    }
    Ok(written)
}

// ------------------------------------------------------------ field order

#[cfg(test)]
mod tests;
