//! The pipeline's shape, read from the source: `src/` is a chain of stages
//! (load → parse → model → render → write), the library's build functions in
//! `lib.rs` join them, and the commands sit on top. A stage may use an
//! earlier stage, never a later one or a command; and no two files import
//! each other, directly or round a loop. Both rules are checked on the `use`
//! lines and the `crate::` paths of every file in `src/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Ranks of the top-level modules, in pipeline order. `diagnostic` is the
/// plain value every stage reports with, so any file may use it.
const RANKS: &[(&str, u8)] = &[
    ("diagnostic", 0),
    ("load", 1),
    ("parse", 2),
    ("model", 3),
    ("render", 4),
    ("write", 5),
    // Items of lib.rs itself (`BuildOptions`, `render()`, `today()`).
    ("", 6),
    ("commands", 7),
];

fn rank_of(top: &str) -> Option<u8> {
    RANKS.iter().find(|(name, _)| *name == top).map(|(_, r)| *r)
}

/// A module of the library: its path from the crate root, and its file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Module {
    path: Vec<String>,
    file: PathBuf,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module file of the library (the binary's `main.rs` and `cli/` are
/// the program around it, not part of the pipeline).
fn modules() -> Vec<Module> {
    let root = src();
    let mut out = Vec::new();
    for entry in walkdir(&root) {
        let rel = entry.strip_prefix(&root).unwrap();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts[0] == "main.rs" || parts[0] == "cli" {
            continue;
        }
        let mut path: Vec<String> = parts.clone();
        let last = path.pop().unwrap();
        match last.as_str() {
            "lib.rs" | "mod.rs" => {}
            name => path.push(name.trim_end_matches(".rs").to_string()),
        }
        out.push(Module { path, file: entry });
    }
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The source with comments and string literals blanked, so that a path
/// in a doc comment or a message is not taken for an import.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push(' ');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('x', '\n', '"') or a lifetime ('a).
                let rest: String = chars.clone().take(3).collect();
                let literal = rest.starts_with('\\') || rest.chars().nth(1) == Some('\'');
                out.push(' ');
                if literal {
                    let mut escaped = false;
                    for c in chars.by_ref() {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '\'' {
                            break;
                        }
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Full paths a `use` tree names: `crate::{a, b::{c, d}}` → `crate::a`,
/// `crate::b::c`, `crate::b::d`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = format!("{prefix}{}", &tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&head, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&head, &inner[start..], out);
    } else if !tree.is_empty() {
        let path = format!("{prefix}{tree}");
        let path = path.split(" as ").next().unwrap().trim().to_string();
        out.push(path);
    }
}

/// The paths a file refers to: its `use` trees (but not `pub use`
/// re-exports, which are a module's front door rather than a dependency)
/// and every `crate::`/`super::` path in its code.
fn references(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    // `use` statements, which may span lines and hold groups.
    while let Some(at) = rest.find("use ") {
        let before = &rest[..at];
        let starts_statement = before
            .chars()
            .last()
            .is_none_or(|c| c == '\n' || c == ' ' || c == ';' || c == '{' || c == '}');
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let public = before[line_start..].trim_start().starts_with("pub");
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e);
        if starts_statement && !public {
            expand("", &rest[at + 4..end], &mut out);
        }
        rest = &rest[(at + 4).min(rest.len())..];
    }
    // Paths written inline in the code.
    for anchor in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(anchor) {
            let start = from + i;
            let boundary = code[..start]
                .chars()
                .last()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
            let end = code[start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| start + e);
            let line_start = code[..start].rfind('\n').map_or(0, |i| i + 1);
            let line = code[line_start..start].trim_start();
            if boundary && !line.starts_with("use ") && !line.starts_with("pub") {
                out.push(code[start..end].trim_end_matches(':').to_string());
            }
            from = end.max(start + anchor.len());
        }
    }
    out
}

/// The module a path leads to: the longest prefix that is a module file.
/// `crate::render(` (the function in lib.rs) leads to the crate root.
fn resolve<'m>(
    path: &str,
    from: &Module,
    by_path: &'m BTreeMap<Vec<String>, Module>,
) -> Option<&'m Module> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<String> = match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            // The module path already names a `mod.rs` by its folder, so
            // each `super` is one step up.
            let mut base = from.path.clone();
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
            base
        }
        Some(&"self") => {
            parts.remove(0);
            from.path.clone()
        }
        _ => return None,
    };
    let mut best = by_path.get(&base);
    for part in parts {
        base.push(part.to_string());
        match by_path.get(&base) {
            Some(m) => best = Some(m),
            None => break,
        }
    }
    best
}

fn rank_of_module(m: &Module) -> u8 {
    rank_of(m.path.first().map_or("", String::as_str))
        .unwrap_or_else(|| panic!("{} is outside the known stages", m.file.display()))
}

struct Graph {
    modules: Vec<Module>,
    /// (from, to, the path written) for every reference between two files.
    edges: Vec<(usize, usize, String)>,
}

fn graph() -> Graph {
    let modules = modules();
    let by_path: BTreeMap<Vec<String>, Module> = modules
        .iter()
        .map(|m| (m.path.clone(), m.clone()))
        .collect();
    let index: BTreeMap<&PathBuf, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (&m.file, i))
        .collect();
    let mut edges = Vec::new();
    for (i, m) in modules.iter().enumerate() {
        let text = std::fs::read_to_string(&m.file).unwrap();
        // A file's own unit tests (an inline `mod tests` at its end) are not
        // part of the pipeline, and their `super` is the file itself.
        let text = text.split("#[cfg(test)]\nmod ").next().unwrap();
        let code = code_only(text);
        for path in references(&code) {
            if let Some(target) = resolve(&path, m, &by_path) {
                let j = index[&target.file];
                if j != i {
                    edges.push((i, j, path));
                }
            }
        }
    }
    Graph { modules, edges }
}

fn shown(m: &Module) -> String {
    m.file
        .strip_prefix(src())
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn src_is_laid_out_as_the_stages_of_the_pipeline() {
    let folders: BTreeSet<String> = std::fs::read_dir(src())
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.path()
                .is_dir()
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    for stage in ["load", "parse", "model", "render", "write", "commands"] {
        assert!(folders.contains(stage), "src/{stage}/ is missing");
    }
}

#[test]
fn no_stage_uses_a_later_stage_or_a_command() {
    let g = graph();
    let mut wrong = Vec::new();
    for (from, to, path) in &g.edges {
        let (a, b) = (&g.modules[*from], &g.modules[*to]);
        let (ra, rb) = (rank_of_module(a), rank_of_module(b));
        if rb > ra && rb != 0 {
            wrong.push(format!("{} uses {path} ({})", shown(a), shown(b)));
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "a stage reaches forward in the pipeline:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_two_files_depend_on_each_other() {
    let g = graph();
    let n = g.modules.len();
    let mut next: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for (a, b, _) in &g.edges {
        next[*a].insert(*b);
    }
    // Depth-first search for a loop; report the first one found.
    fn visit(
        v: usize,
        next: &[BTreeSet<usize>],
        state: &mut [u8],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        state[v] = 1;
        stack.push(v);
        for &w in &next[v] {
            if state[w] == 1 {
                let at = stack.iter().position(|&x| x == w).unwrap();
                let mut cycle = stack[at..].to_vec();
                cycle.push(w);
                return Some(cycle);
            }
            if state[w] == 0
                && let Some(c) = visit(w, next, state, stack)
            {
                return Some(c);
            }
        }
        stack.pop();
        state[v] = 2;
        None
    }
    let mut state = vec![0u8; n];
    for v in 0..n {
        if state[v] == 0
            && let Some(cycle) = visit(v, &next, &mut state, &mut Vec::new())
        {
            let names: Vec<String> = cycle.iter().map(|&i| shown(&g.modules[i])).collect();
            panic!("files import each other in a loop: {}", names.join(" → "));
        }
    }
}

/// The checks above must be able to fail: a made-up file in `model/` that
/// reaches into `render/` and a command is caught, and so is a loop.
#[test]
fn the_layout_checks_catch_what_they_look_for() {
    let from = Module {
        path: vec!["model".into(), "made_up".into()],
        file: src().join("model/made_up.rs"),
    };
    let modules = modules();
    let by_path: BTreeMap<Vec<String>, Module> = modules
        .iter()
        .map(|m| (m.path.clone(), m.clone()))
        .collect();
    let code = code_only(
        "use crate::render::view::{SystemView, PageMeta};\nuse crate::commands::check;\n// use crate::write;\nfn f() { let _ = \"crate::write\"; crate::parse::yaml::parse(); }\npub use crate::render::Files;\n",
    );
    let refs = references(&code);
    let ranks: Vec<(String, u8)> = refs
        .iter()
        .filter_map(|p| resolve(p, &from, &by_path).map(|m| (shown(m), rank_of_module(m))))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("render/view.rs".to_string(), 4),
            ("render/view.rs".to_string(), 4),
            ("commands/check/mod.rs".to_string(), 7),
            ("parse/yaml.rs".to_string(), 2),
        ],
        "references: {refs:?}"
    );
    assert!(ranks.iter().any(|(_, r)| *r > rank_of_module(&from)));
    // `super` from a file resolves to its folder's module.
    let sys = &by_path[&vec!["model".to_string(), "system".to_string()]];
    assert_eq!(
        resolve("super::Portal", sys, &by_path)
            .map(shown)
            .as_deref(),
        Some("model/mod.rs")
    );
}
