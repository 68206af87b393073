//! Forms for people who do not write YAML: the configuration of Decap CMS, a
//! Git-based CMS that shows one form per entry and writes the same Markdown
//! and YAML files by hand-editing would.
//!
//! The configuration is generated, never written by hand: it walks the JSON
//! Schema that [`crate::json_schema`] derives from the raw serde types in
//! [`crate::schema`], so a field added to the content model appears in the
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

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::json_schema::{SchemaFile, schema_files};

/// Where `glassbox serve` offers the forms.
pub const ADMIN_PATH: &str = "/admin/";

/// The address of the local backend (`decap-server`) that `serve`'s forms
/// write through, unless `GLASSBOX_CMS_BACKEND` says otherwise.
pub const DEFAULT_LOCAL_BACKEND: &str = "http://127.0.0.1:8081/api/v1";

/// The npm package whose `dist/` folder holds the CMS bundle.
pub const BUNDLE_PACKAGE: &str = "decap-cms";

/// Fields whose text runs to sentences: a multi-line box instead of a
/// one-line input. Only the widget differs; the value is the same string.
const LONG_TEXT: &[&str] = &[
    "summary",
    "description",
    "introduction",
    "decision",
    "final_decision_by",
    "who_is_affected",
    "how",
    "benefits",
    "alternatives_considered",
    "result",
    "risk",
    "mitigation",
    "what_we_did",
    "who_can_start",
    "post",
    "in_person",
    "how_tested",
    "improvements",
    "problem",
    "no_challenge_route_reason",
    "fria_summary",
    "dpia_summary",
    "steps",
    "known_limitations",
    "role",
];

/// One kind of entry: a folder of Markdown files with YAML front matter.
struct FolderKind {
    name: &'static str,
    label: &'static str,
    singular: &'static str,
    folder: &'static str,
    schema: &'static str,
    /// The field the CMS lists entries by and makes the file name from.
    identifier: &'static str,
    /// What the Markdown body below the front matter is for.
    body_hint: &'static str,
}

const FOLDERS: &[FolderKind] = &[
    FolderKind {
        name: "systems",
        label: "AI systems",
        singular: "AI system",
        folder: "content/systems",
        schema: "system.schema.json",
        identifier: "name",
        body_hint: "How the system works, in more depth. Markdown: ## for headings, - for lists.",
    },
    FolderKind {
        name: "errors",
        label: "Published errors",
        singular: "published error",
        folder: "content/errors",
        schema: "error.schema.json",
        identifier: "title",
        body_hint: "What happened, in plain words. Markdown: ## for headings, - for lists.",
    },
    FolderKind {
        name: "challenges",
        label: "Challenge routes",
        singular: "challenge route",
        folder: "content/challenges",
        schema: "challenge.schema.json",
        identifier: "title",
        body_hint: "Anything the fields above do not cover (optional). Markdown.",
    },
    FolderKind {
        name: "pages",
        label: "Pages",
        singular: "page",
        folder: "content/pages",
        schema: "page.schema.json",
        identifier: "title",
        body_hint: "The text of the page. Markdown: ## for headings, - for lists.",
    },
];

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

/// The fields of every raw struct in the order they are declared, which is
/// the order `new` writes them and the order the forms keep. JSON Schema
/// objects lose that order (serde_json sorts keys), so it is read from the
/// serde derive itself: [`declared_fields`] asks each type to deserialize
/// from a probe that only notes the field list it is offered.
fn field_orders() -> Vec<&'static [&'static str]> {
    use crate::schema::*;
    vec![
        declared_fields::<RawPortal>(),
        declared_fields::<RawAccessibility>(),
        declared_fields::<RawKnownIssue>(),
        declared_fields::<RawQuarter>(),
        declared_fields::<RawPlainLanguage>(),
        declared_fields::<RawJargon>(),
        declared_fields::<RawOrganisation>(),
        declared_fields::<RawServiceArea>(),
        declared_fields::<RawContact>(),
        declared_fields::<RawReportProblem>(),
        declared_fields::<RawLicence>(),
        declared_fields::<RawLink>(),
        declared_fields::<RawSystem>(),
        declared_fields::<RawAiAct>(),
        declared_fields::<RawImported>(),
        declared_fields::<Oversight>(),
        declared_fields::<DataSource>(),
        declared_fields::<Owner>(),
        declared_fields::<Supplier>(),
        declared_fields::<RawImpactAssessment>(),
        declared_fields::<BiasCheck>(),
        declared_fields::<Risk>(),
        declared_fields::<Monitoring>(),
        declared_fields::<Results>(),
        declared_fields::<ResultRow>(),
        declared_fields::<Change>(),
        declared_fields::<RawPublishedError>(),
        declared_fields::<RawChallengeRoute>(),
        declared_fields::<RawEscalation>(),
        declared_fields::<RawHelp>(),
        declared_fields::<RawPage>(),
    ]
}

/// The serde names of `T`'s fields, in declaration order.
fn declared_fields<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    let mut seen = None;
    let _ = T::deserialize(Probe(&mut seen));
    seen.unwrap_or(&[])
}

/// A deserializer that fails at once, after noting the fields of the
/// struct it was asked for.
struct Probe<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> serde::Deserializer<'de> for Probe<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("field-order probe"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(serde::de::Error::custom("field-order probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The declared order for an object with these property names: the raw
/// struct with exactly these fields.
fn declared_order(
    orders: &[&'static [&'static str]],
    names: &[&String],
) -> Option<&'static [&'static str]> {
    orders.iter().copied().find(|fields| {
        fields.len() == names.len() && names.iter().all(|n| fields.contains(&n.as_str()))
    })
}

// ------------------------------------------------------------ schema walk

/// `#/definitions/Name` resolved against the root schema (repeatedly).
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..8 {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let name = reference.rsplit('/').next().unwrap_or("");
        match root
            .get("definitions")
            .or_else(|| root.get("$defs"))
            .and_then(|d| d.get(name))
        {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The schema without its `null` alternative: `anyOf: [X, null]` gives X,
/// `type: [T, "null"]` gives T. Keeps the outer description.
fn strip_null(root: &Value, schema: &Value) -> Value {
    let schema = resolve(root, schema);
    // `allOf: [X]` is how schemars adds a description to a reference;
    // `anyOf: [X, null]` is an `Option`.
    let alternatives = schema
        .get("anyOf")
        .or_else(|| schema.get("allOf"))
        .and_then(Value::as_array);
    if let Some(any) = alternatives {
        let rest: Vec<&Value> = any
            .iter()
            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if rest.len() == 1 {
            let mut inner = strip_null(root, rest[0]);
            if let (Some(obj), Some(d)) = (inner.as_object_mut(), schema.get("description")) {
                obj.insert("description".into(), d.clone());
            }
            for key in ["x-glassbox-refers-to"] {
                if let (Some(obj), Some(v)) = (inner.as_object_mut(), schema.get(key)) {
                    obj.insert(key.into(), v.clone());
                }
            }
            return inner;
        }
    }
    let mut schema = schema.clone();
    if let Some(types) = schema.get("type").and_then(Value::as_array) {
        let rest: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        if rest.len() == 1 {
            schema["type"] = rest[0].clone();
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let rest: Vec<Value> = values.iter().filter(|v| !v.is_null()).cloned().collect();
        schema["enum"] = Value::Array(rest);
    }
    schema
}

/// The allowed values of an enum schema, with each one's description.
fn enum_values(root: &Value, schema: &Value) -> Option<Vec<(String, Option<String>)>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| (v.to_string(), None))
                .collect(),
        );
    }
    let variants = schema.get("oneOf").and_then(Value::as_array)?;
    let mut out = Vec::new();
    for variant in variants {
        let variant = resolve(root, variant);
        let description = variant
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(c) = variant.get("const").and_then(Value::as_str) {
            out.push((c.to_string(), description));
        } else if let Some(values) = variant.get("enum").and_then(Value::as_array) {
            for v in values.iter().filter_map(Value::as_str) {
                out.push((v.to_string(), description.clone()));
            }
        } else {
            return None;
        }
    }
    Some(out)
}

/// `final_decision_by` → "Final decision by".
fn label(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One form field per property of an object schema, in the declared order
/// (see [`field_orders`]). `optional_parent` names the object when it may be
/// left out as a whole: Decap would then still demand its required fields,
/// so the form asks for them only through the hint, and the build (whose
/// errors the preview shows) says when one is missing.
fn object_fields(root: &Value, object: &Value, optional_parent: Option<&str>) -> Vec<Value> {
    let object = resolve(root, object);
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut names: Vec<&String> = properties.keys().collect();
    if let Some(order) = declared_order(&field_orders(), &names) {
        names.sort_by_key(|n| order.iter().position(|f| f == n));
    }
    names
        .into_iter()
        .map(|name| {
            let needed = required.contains(&name.as_str());
            let mut f = field(
                root,
                name,
                &properties[name],
                needed && optional_parent.is_none(),
            );
            if let (true, Some(parent)) = (needed, optional_parent) {
                let hint = f
                    .get("hint")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                f["hint"] = format!(
                    "Needed when you fill in {}.{}{}",
                    label(parent).to_lowercase(),
                    if hint.is_empty() { "" } else { " " },
                    hint
                )
                .into();
            }
            f
        })
        .collect()
}

/// The form field for one property.
fn field(root: &Value, name: &str, schema: &Value, required: bool) -> Value {
    let outer = resolve(root, schema);
    let schema = strip_null(root, schema);
    let mut f = Map::new();
    f.insert("name".into(), name.into());
    f.insert("label".into(), label(name).into());
    f.insert("required".into(), required.into());
    let mut hint = outer
        .get("description")
        .or_else(|| schema.get("description"))
        .and_then(Value::as_str)
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let refers_to = schema
        .get("x-glassbox-refers-to")
        .or_else(|| outer.get("x-glassbox-refers-to"))
        .and_then(Value::as_str);
    let kind = schema.get("type").and_then(Value::as_str).unwrap_or("");
    let multiple = kind == "array";

    if let Some(target) = refers_to {
        relation(&mut f, target, multiple);
    } else if let Some(values) = enum_values(root, &schema) {
        select(&mut f, &values, false, &mut hint);
    } else {
        match kind {
            "boolean" => {
                f.insert("widget".into(), "boolean".into());
                let default = schema
                    .get("default")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                f.insert("default".into(), default.into());
            }
            "integer" | "number" => {
                f.insert("widget".into(), "number".into());
                f.insert(
                    "value_type".into(),
                    if kind == "integer" { "int" } else { "float" }.into(),
                );
                if let Some(min) = schema.get("minimum") {
                    f.insert("min".into(), min.clone());
                }
            }
            "string" => string_widget(&mut f, name, &schema),
            "object" => {
                let fields = object_fields(root, &schema, (!required).then_some(name));
                if fields.is_empty() {
                    // A map of free keys: glassbox import writes it; the
                    // form keeps it as it is.
                    f.insert("widget".into(), "hidden".into());
                } else {
                    f.insert("widget".into(), "object".into());
                    f.insert("collapsed".into(), (!required).into());
                    f.insert("fields".into(), Value::Array(fields));
                }
            }
            "array" => {
                let items = strip_null(root, schema.get("items").unwrap_or(&Value::Null));
                let item_kind = items.get("type").and_then(Value::as_str).unwrap_or("");
                if let Some(values) = enum_values(root, &items) {
                    select(&mut f, &values, true, &mut hint);
                } else if item_kind == "object" {
                    f.insert("widget".into(), "list".into());
                    f.insert("collapsed".into(), true.into());
                    let fields = object_fields(root, &items, None);
                    if let Some(first) = fields.first().and_then(|x| x.get("name")) {
                        f.insert(
                            "summary".into(),
                            format!("{{{{fields.{}}}}}", first.as_str().unwrap_or("")).into(),
                        );
                    }
                    f.insert("fields".into(), Value::Array(fields));
                } else {
                    f.insert("widget".into(), "list".into());
                    let mut item = Map::new();
                    item.insert("name".into(), "item".into());
                    item.insert("label".into(), label(name).into());
                    string_widget(&mut item, name, &items);
                    f.insert("field".into(), Value::Object(item));
                }
            }
            other => {
                // Unknown shapes are a bug in this module; the test that
                // every content field has a form field catches it.
                f.insert("widget".into(), format!("unsupported:{other}").into());
            }
        }
    }
    if !hint.is_empty() {
        f.insert("hint".into(), hint.into());
    }
    Value::Object(f)
}

fn string_widget(f: &mut Map<String, Value>, name: &str, schema: &Value) {
    if schema.get("format").and_then(Value::as_str) == Some("date") {
        f.insert("widget".into(), "datetime".into());
        f.insert("format".into(), "YYYY-MM-DD".into());
        f.insert("date_format".into(), "YYYY-MM-DD".into());
        f.insert("time_format".into(), false.into());
        f.insert("picker_utc".into(), true.into());
    } else if LONG_TEXT.contains(&name) {
        f.insert("widget".into(), "text".into());
    } else {
        f.insert("widget".into(), "string".into());
    }
}

fn select(
    f: &mut Map<String, Value>,
    values: &[(String, Option<String>)],
    multiple: bool,
    hint: &mut String,
) {
    f.insert("widget".into(), "select".into());
    if multiple {
        f.insert("multiple".into(), true.into());
    }
    let options: Vec<Value> = values
        .iter()
        .map(|(value, _)| json!({ "label": label(&value.replace('-', "_")), "value": value }))
        .collect();
    f.insert("options".into(), Value::Array(options));
    // Each value's meaning, after the field's own description.
    let meanings: Vec<String> = values
        .iter()
        .filter_map(|(value, d)| {
            d.as_ref().map(|d| {
                format!(
                    "{}: {}",
                    label(&value.replace('-', "_")),
                    d.trim_end_matches('.')
                )
            })
        })
        .collect();
    if !meanings.is_empty() {
        if !hint.is_empty() && !hint.ends_with('.') {
            hint.push('.');
        }
        if !hint.is_empty() {
            hint.push(' ');
        }
        hint.push_str(&meanings.join(". "));
        hint.push('.');
    }
}

/// A choice among existing entries: other collections by name, or the
/// service areas listed in the portal settings.
fn relation(f: &mut Map<String, Value>, target: &str, multiple: bool) {
    f.insert("widget".into(), "relation".into());
    if target == "service_areas" {
        f.insert("collection".into(), "settings".into());
        f.insert("file".into(), "portal".into());
        f.insert("value_field".into(), "service_areas.*.id".into());
        f.insert("search_fields".into(), json!(["service_areas.*.name"]));
        f.insert("display_fields".into(), json!(["service_areas.*.name"]));
    } else {
        let kind = FOLDERS.iter().find(|k| k.name == target);
        let shown = kind.map_or("title", |k| k.identifier);
        f.insert("collection".into(), target.into());
        f.insert("value_field".into(), "{{slug}}".into());
        f.insert("search_fields".into(), json!([shown]));
        f.insert("display_fields".into(), json!([shown]));
    }
    if multiple {
        f.insert("multiple".into(), true.into());
    }
    f.insert("options_length".into(), 200.into());
}

/// The content fields (as `path.to.field`) of `schema` that have no form
/// field in `fields`, walking nested objects and lists of objects. Empty
/// when the forms can edit everything.
pub fn missing_fields(root: &Value, schema: &Value, fields: &[Value]) -> Vec<String> {
    let mut missing = Vec::new();
    walk_missing(root, schema, fields, "", &mut missing);
    missing
}

fn walk_missing(root: &Value, schema: &Value, fields: &[Value], at: &str, out: &mut Vec<String>) {
    let schema = strip_null(root, schema);
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        let path = if at.is_empty() {
            name.clone()
        } else {
            format!("{at}.{name}")
        };
        let Some(field) = fields
            .iter()
            .find(|f| f.get("name").and_then(Value::as_str) == Some(name.as_str()))
        else {
            out.push(path);
            continue;
        };
        let widget = field.get("widget").and_then(Value::as_str).unwrap_or("");
        if widget.is_empty() || widget.starts_with("unsupported") {
            out.push(format!("{path} (no widget)"));
            continue;
        }
        let property = strip_null(root, property);
        let nested = match property.get("type").and_then(Value::as_str) {
            Some("object") => Some(property.clone()),
            Some("array") => Some(strip_null(
                root,
                property.get("items").unwrap_or(&Value::Null),
            )),
            _ => None,
        };
        if let Some(nested) = nested
            && nested.get("properties").is_some()
        {
            let inner = field
                .get("fields")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            walk_missing(root, &nested, inner, &path, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> Backend {
        Backend::Local {
            url: DEFAULT_LOCAL_BACKEND.into(),
        }
    }

    fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
        config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no collection {name}"))
    }

    fn field_named<'a>(fields: &'a Value, name: &str) -> &'a Value {
        fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name} in {fields}"))
    }

    /// Every collection with the schema it must cover.
    fn pairs(config: &Value) -> Vec<(String, Value, Value)> {
        let schemas = schema_files();
        let mut out = Vec::new();
        for kind in FOLDERS {
            let schema = schemas.iter().find(|s| s.file_name == kind.schema).unwrap();
            let fields = collection(config, kind.name)["fields"].clone();
            out.push((kind.name.to_string(), schema.json.clone(), fields));
        }
        let portal = schemas
            .iter()
            .find(|s| s.file_name == "portal.schema.json")
            .unwrap();
        let fields = collection(config, "settings")["files"][0]["fields"].clone();
        out.push(("settings".into(), portal.json.clone(), fields));
        out
    }

    #[test]
    fn every_content_field_has_a_form_field() {
        let config = config(&local());
        for (name, schema, fields) in pairs(&config) {
            let missing = missing_fields(&schema, &schema, fields.as_array().unwrap());
            assert!(missing.is_empty(), "{name}: no form field for {missing:?}");
        }
    }

    #[test]
    fn a_field_left_out_of_the_forms_is_reported_with_its_path() {
        let mut config = config(&local());
        for (name, schema, mut fields) in pairs(&config) {
            if name != "systems" {
                continue;
            }
            // Take `owner.team` and `summary` away from the forms.
            let list = fields.as_array_mut().unwrap();
            list.retain(|f| f["name"] != "summary");
            let owner = list.iter_mut().find(|f| f["name"] == "owner").unwrap();
            owner["fields"]
                .as_array_mut()
                .unwrap()
                .retain(|f| f["name"] != "team");
            let missing = missing_fields(&schema, &schema, list);
            assert_eq!(missing, ["owner.team", "summary"]);
        }
        // And a field of a list of objects.
        let systems = config["collections"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["name"] == "systems")
            .unwrap();
        let data = systems["fields"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|f| f["name"] == "data")
            .unwrap();
        data["fields"]
            .as_array_mut()
            .unwrap()
            .retain(|f| f["name"] != "personal_data");
        let schema = schema_files()
            .into_iter()
            .find(|s| s.file_name == "system.schema.json")
            .unwrap()
            .json;
        let missing = missing_fields(&schema, &schema, systems["fields"].as_array().unwrap());
        assert_eq!(missing, ["data.personal_data"]);
    }

    #[test]
    fn forms_keep_the_declared_field_order() {
        let orders = field_orders();
        // Every object in every schema has a declared order to follow.
        for file in schema_files() {
            let root = &file.json;
            let mut objects = vec![root.clone()];
            if let Some(defs) = root.get("definitions").and_then(Value::as_object) {
                objects.extend(defs.values().cloned());
            }
            for object in objects {
                if let Some(props) = object.get("properties").and_then(Value::as_object) {
                    let names: Vec<&String> = props.keys().collect();
                    assert!(
                        declared_order(&orders, &names).is_some(),
                        "{}: no raw type with fields {names:?}",
                        file.file_name
                    );
                }
            }
        }
        let config = config(&Backend::Local {
            url: DEFAULT_LOCAL_BACKEND.into(),
        });
        let names: Vec<&str> = collection(&config, "systems")["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names[..5],
            ["name", "summary", "service_area", "status", "decision"]
        );
        assert_eq!(names.last(), Some(&"body"));
        let portal = &collection(&config, "settings")["files"][0]["fields"];
        let organisation: Vec<&str> = field_named(portal, "organisation")["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(organisation, ["name", "type", "website"]);
    }

    #[test]
    fn widgets_follow_the_schema() {
        let config = config(&local());
        let systems = &collection(&config, "systems")["fields"];
        let status = field_named(systems, "status");
        assert_eq!(status["widget"], "select");
        assert_eq!(status["required"], true);
        let values: Vec<&str> = status["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["value"].as_str().unwrap())
            .collect();
        assert_eq!(values, ["planned", "pilot", "in-use", "paused", "retired"]);
        let automation = field_named(systems, "automation");
        assert_eq!(automation["widget"], "select");
        assert!(
            automation["hint"]
                .as_str()
                .unwrap()
                .contains("Decides automatically: Decides with no person"),
            "{automation}"
        );
        let reviewed = field_named(systems, "last_reviewed");
        assert_eq!(reviewed["widget"], "datetime");
        assert_eq!(reviewed["format"], "YYYY-MM-DD");
        assert_eq!(field_named(systems, "started")["required"], false);
        assert_eq!(
            field_named(systems, "affects_residents_directly")["widget"],
            "boolean"
        );
        let data = field_named(systems, "data");
        assert_eq!(data["widget"], "list");
        assert_eq!(
            field_named(&data["fields"], "personal_data")["widget"],
            "boolean"
        );
        let supplier = field_named(systems, "supplier");
        assert_eq!(supplier["widget"], "object");
        assert_eq!(supplier["required"], false);
        // Decap would demand the name even with no supplier: the hint asks.
        let supplier_name = field_named(&supplier["fields"], "name");
        assert_eq!(supplier_name["required"], false);
        assert!(
            supplier_name["hint"]
                .as_str()
                .unwrap()
                .starts_with("Needed when you fill in supplier.")
        );
        assert_eq!(
            field_named(&field_named(systems, "owner")["fields"], "team")["required"],
            true
        );
        assert_eq!(
            field_named(systems, "known_limitations")["field"]["widget"],
            "text"
        );
        assert!(
            field_named(systems, "benefits")["hint"]
                .as_str()
                .unwrap()
                .starts_with("Why the system is used")
        );
        // References offer the existing entries by name.
        let area = field_named(systems, "service_area");
        assert_eq!(area["widget"], "relation");
        assert_eq!(area["collection"], "settings");
        assert_eq!(area["value_field"], "service_areas.*.id");
        let routes = field_named(systems, "challenge_routes");
        assert_eq!(routes["widget"], "relation");
        assert_eq!(routes["collection"], "challenges");
        assert_eq!(routes["multiple"], true);
        let errors = &collection(&config, "errors")["fields"];
        assert_eq!(field_named(errors, "system")["collection"], "systems");
        assert_eq!(
            field_named(errors, "system")["search_fields"],
            json!(["name"])
        );
        let challenges = &collection(&config, "challenges")["fields"];
        let formats = field_named(challenges, "formats");
        assert_eq!(
            (formats["widget"].as_str(), formats["multiple"].as_bool()),
            (Some("select"), Some(true))
        );
        assert_eq!(
            field_named(challenges, "resident_can_start")["default"],
            true
        );
        let portal = &collection(&config, "settings")["files"][0]["fields"];
        assert_eq!(
            field_named(portal, "review_interval_months")["value_type"],
            "int"
        );
        assert_eq!(
            field_named(&field_named(portal, "organisation")["fields"], "type")["widget"],
            "select"
        );
    }

    #[test]
    fn config_text_is_yaml_and_names_its_backend() {
        let text = config_text(&local());
        assert!(text.starts_with("# Generated by `glassbox cms`"));
        let json_part: String = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let parsed: Value = serde_json::from_str(&json_part).unwrap();
        assert_eq!(parsed["backend"]["name"], "proxy");
        assert_eq!(parsed["backend"]["proxy_url"], DEFAULT_LOCAL_BACKEND);
        let git = Backend::Git(GitBackend {
            host: GitHost::Gitea,
            repo: "council/portal".into(),
            branch: "main".into(),
            api_root: Some("https://git.example.gov.uk/api/v1".into()),
            base_url: Some("https://git.example.gov.uk".into()),
            app_id: Some("abc".into()),
        });
        let config = config(&git);
        assert_eq!(config["backend"]["name"], "gitea");
        assert_eq!(config["backend"]["auth_type"], "pkce");
        let policy = admin_policy(&git);
        assert!(
            policy.contains("connect-src 'self' https://git.example.gov.uk"),
            "{policy}"
        );
        assert!(admin_policy(&local()).contains("connect-src 'self' http://127.0.0.1:8081;"));
    }

    #[test]
    fn bundle_file_names_are_plain() {
        assert!(is_bundle_file("decap-cms.js"));
        assert!(is_bundle_file("103.decap-cms.js"));
        assert!(is_bundle_file("dd5d52671a5763720504.wasm"));
        for bad in [
            "",
            "../x.js",
            "a/b.js",
            ".env.js",
            "x.js.map",
            "config.yml",
            "%2e.js",
        ] {
            assert!(!is_bundle_file(bad), "{bad}");
        }
    }
}
