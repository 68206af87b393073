//! The built-in theme and a portal's overrides.

use crate::support::*;

#[test]
fn a_portal_template_overrides_the_built_in_one() {
    let p = TestPortal::minimal();
    p.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Custom: {{ content_page.title }}</h1>{% endblock %}",
    );
    p.build_ok();
    assert!(
        p.page("about/")
            .contains("<h1>Custom: About this portal</h1>")
    );
    assert!(
        p.page("systems/").contains("AI systems we use"),
        "other templates stay built in"
    );
}

#[test]
fn a_portal_asset_overrides_the_built_in_one() {
    let p = TestPortal::minimal();
    p.write(
        "themes/default/assets/style.css",
        "body { color: black; }\n",
    );
    p.build_ok();
    assert_eq!(p.page(&p.asset("style.css")), "body { color: black; }\n");
}

#[test]
fn broken_template_names_its_file_line_and_column() {
    let p = TestPortal::minimal();
    p.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ content_page.title }</h1>\n{% endblock %}\n");
    let d = p.build_fails();
    let e = only(&d, "template-syntax");
    assert_eq!(location(e), "themes/default/templates/page.html:3:27");
}

#[test]
fn template_using_an_unknown_variable_names_the_page_being_made() {
    let p = TestPortal::minimal();
    p.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ content_page.titel }}</h1>\n{% endblock %}\n");
    let d = p.build_fails();
    let e = only(&d, "template-error");
    assert_eq!(
        e.file.as_deref(),
        Some("themes/default/templates/page.html")
    );
    assert_eq!(e.position.map(|p| p.line), Some(3));
    assert!(
        e.message.contains("content/pages/about.md"),
        "{}",
        e.render()
    );
}

/// A struct of the view model as `src/render/view.rs` declares it: its name
/// and the names templates see for its fields.
struct ViewStruct {
    name: String,
    fields: Vec<String>,
}

/// Reads the serialisable structs of `src/render/view.rs`. Fields marked
/// `skip` are not seen by templates and `flatten` ones lend their own
/// fields; `rename` gives the name templates use.
fn view_structs() -> Vec<ViewStruct> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/view.rs");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    let mut serialisable = false;
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t.starts_with("#[derive(") {
            serialisable = t.contains("Serialize");
            continue;
        }
        let Some(rest) = t
            .strip_prefix("pub(crate) struct ")
            .or_else(|| t.strip_prefix("pub struct "))
        else {
            continue;
        };
        if !serialisable || !t.ends_with('{') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut fields = Vec::new();
        let mut attrs = String::new();
        for line in lines.by_ref() {
            let t = line.trim();
            if t == "}" {
                break;
            }
            if t.starts_with("#[") {
                attrs.push_str(t);
                continue;
            }
            if let Some(field) = t.strip_prefix("pub ") {
                let field: String = field.chars().take_while(|c| *c != ':').collect();
                let renamed = attrs
                    .split("rename = \"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .map(str::to_string);
                if !attrs.contains("skip") && !attrs.contains("flatten") {
                    fields.push(renamed.unwrap_or(field));
                }
                attrs.clear();
            } else if !t.starts_with("//") {
                attrs.clear();
            }
        }
        out.push(ViewStruct { name, fields });
    }
    out
}

/// The theme README documents the whole view model: each template
/// context's variables in the table of templates, and each view with a
/// heading of its own that lists every field. A field added to
/// `src/render/view.rs` without a line in the README fails here.
#[test]
fn theme_readme_documents_every_field_of_the_view_model() {
    let readme_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/README.md");
    let readme = std::fs::read_to_string(readme_path).unwrap();
    let templates = readme
        .split("## Templates")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has a Templates section");
    let section = |name: &str| -> Option<&str> {
        let mut offset = 0;
        for line in readme.lines() {
            let start = offset;
            offset += line.len() + 1;
            if line.starts_with('#')
                && line
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == name)
            {
                let level = line.chars().take_while(|c| *c == '#').count();
                let body = &readme[start + line.len()..];
                let end = body
                    .lines()
                    .skip(1)
                    .position(|l| {
                        l.starts_with('#') && l.chars().take_while(|c| *c == '#').count() <= level
                    })
                    .map(|n| body.lines().take(n + 1).map(|l| l.len() + 1).sum::<usize>())
                    .unwrap_or(body.len());
                return Some(&body[..end.min(body.len())]);
            }
        }
        None
    };
    let structs = view_structs();
    assert!(
        structs.len() > 30,
        "the view model was not read: {} structs",
        structs.len()
    );
    let mut missing = Vec::new();
    for s in &structs {
        let (place, text) = if s.name.ends_with("Context") {
            ("the Templates table", Some(templates))
        } else {
            ("its own section", section(&s.name))
        };
        let Some(text) = text else {
            missing.push(format!("{} has no section", s.name));
            continue;
        };
        for field in &s.fields {
            if field == "page" && s.name.ends_with("Context") {
                continue; // `page` is documented once, for every template
            }
            if !text.contains(&format!("`{field}`")) {
                missing.push(format!("{}.{field} is not in {place}", s.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "themes/default/README.md is behind src/render/view.rs:\n{}",
        missing.join("\n")
    );
}
