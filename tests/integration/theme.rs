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
