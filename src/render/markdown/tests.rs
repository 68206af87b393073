use super::*;

fn cx() -> Context<'static> {
    Context {
        file: "a.md",
        first_line: 5,
        parent_level: 1,
        reserved_ids: &["contact"],
        reserved_prefixes: &["area-"],
        root_path: "/",
        section_heading: None,
    }
}

#[test]
fn an_opening_heading_that_repeats_the_section_heading_is_left_out() {
    let cx = Context {
        section_heading: Some("How it works"),
        parent_level: 2,
        ..cx()
    };
    let r = render("## How it works.\n\nText.\n\n## Languages\n\nMore.\n", &cx);
    assert!(!r.html.contains("How it works"), "{}", r.html);
    assert!(
        r.html.contains("<h3 id=\"languages\">Languages</h3>"),
        "{}",
        r.html
    );
    // A heading later in the body, or with other words, stays.
    let r = render("Intro.\n\n## How it works\n\nText.\n", &cx);
    assert!(r.html.contains(">How it works</h3>"), "{}", r.html);
    let r = render("## How it works at night\n\nText.\n", &cx);
    assert!(r.html.contains(">How it works at night</h3>"), "{}", r.html);
}

#[test]
fn lang_attribute_marks_headings_and_paragraphs() {
    let r = render(
        "## Croeso {lang=cy}\n\nMae'r dudalen hon ar gael yn Gymraeg. {lang=cy}\n\nJeśli chcesz list po polsku,\nzadzwoń do nas.\n{lang=pl}\n\nPlain English.\n",
        &cx(),
    );
    assert!(
        r.html.contains("<h2 id=\"croeso\" lang=\"cy\">Croeso</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<p lang=\"cy\">Mae’r dudalen hon ar gael yn Gymraeg.</p>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<p lang=\"pl\">Jeśli chcesz list po polsku,\nzadzwoń do nas.</p>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>Plain English.</p>"), "{}", r.html);
    assert!(!r.html.contains("{lang"), "{}", r.html);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn bad_lang_attributes_are_reported_and_not_rendered() {
    let r = render(
        "## Title {lang=english}\n\nText. {lang=123}\n\nMore. {colour=red}\n\nA set {a, b} stays.\n",
        &cx(),
    );
    assert!(!r.html.contains("lang="), "{}", r.html);
    assert!(r.html.contains("<p>A set {a, b} stays.</p>"), "{}", r.html);
    let codes: Vec<_> = r.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["invalid-language", "invalid-language", "unknown-attribute"],
        "{:?}",
        r.diagnostics
    );
    // The paragraph's warning points at its line: the 3rd line of the body.
    assert_eq!(r.diagnostics[1].position.unwrap().line, 5 + 2);
}

#[test]
fn raw_html_is_escaped() {
    let r = render(
        "Hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n",
        &cx(),
    );
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    assert!(!r.html.contains("<div onclick"), "{}", r.html);
}

#[test]
fn unsafe_schemes_are_dropped_with_a_warning() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java&#x09;script:x",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
    ] {
        let r = render(&format!("Line\n\n[click]({url})\n"), &cx());
        assert!(!r.html.contains("href"), "{url}: {}", r.html);
        assert!(r.html.contains("click"));
        assert_eq!(r.diagnostics.len(), 1, "{url}");
        assert_eq!(r.diagnostics[0].position, Some(Position::new(7, 1)));
    }
    let r = render(
        "[a](https://x.example/) [b](/systems/) [c](mailto:a@b.example) [d](tel:+441632960000)",
        &cx(),
    );
    assert_eq!(r.html.matches("href").count(), 4, "{}", r.html);
    assert!(r.diagnostics.is_empty());
}

#[test]
fn headings_shift_and_get_unique_ids() {
    let r = render("# Contact\n\n## Step\n\n## Step\n\n## Area 1\n", &cx());
    assert!(r.html.contains("<h3 id=\"s-area-1\">"), "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"contact-2\">Contact</h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h3 id=\"step\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"step-2\">"), "{}", r.html);
}

#[test]
fn tables_have_scope_and_no_inline_style() {
    let r = render("| A | B |\n|---|--:|\n| 1 | 2 |\n", &cx());
    assert!(r.html.contains("<th scope=\"col\">A</th>"), "{}", r.html);
    assert!(
        r.html
            .contains("<td class=\"align-right\"><span class=\"table__label\">B</span> 2</td>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("style="));
}

#[test]
fn table_cells_repeat_their_header_as_plain_escaped_text_for_stacking() {
    let r = render(
        "| *Year* <b>x</b> | `code` |  |\n|---|---|---|\n| 1 | 2 | 3 |\n",
        &cx(),
    );
    assert!(
        r.html.contains("<table class=\"table--stack\">"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(
            "<td><span class=\"table__label\">Year &lt;b&gt;x&lt;/b&gt;</span> 1</td><td><span class=\"table__label\">code</span> 2</td><td>3</td>"
        ),
        "{}",
        r.html
    );
}

#[test]
fn footnote_labels_never_reach_the_html() {
    let r = render(
        "See[^<script>x</script>] and[^A] and[^a].\n\n[^<script>x</script>]: One.\n\n[^a]: Two.\n",
        &cx(),
    );
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(r.html.contains("id=\"note-ref-2\""), "{}", r.html);
    assert!(r.html.contains("id=\"note-ref-2-2\""), "{}", r.html);
    assert_eq!(r.html.matches("<li id=\"note-").count(), 2, "{}", r.html);
}

#[test]
fn many_equal_headings_stay_fast_and_unique() {
    let text = "## a\n".repeat(20_000);
    let started = std::time::Instant::now();
    let r = render(&text, &cx());
    assert!(r.html.contains("id=\"a-20000\""));
    // Not a timing test: quadratic work here took over a minute.
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn headings_move_up_to_sit_under_the_page_heading() {
    let r = render("#### Deep\n\n##### Deeper\n", &cx());
    assert!(r.html.contains("<h2 id=\"deep\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"deeper\">"), "{}", r.html);
}

#[test]
fn explicit_ids_are_kept_or_the_change_is_reported() {
    let r = render("## One {#My_Id}\n\n## Two {#contact}\n", &cx());
    assert!(r.html.contains("<h2 id=\"My_Id\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"contact-2\">"), "{}", r.html);
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "heading-id-changed");
}

#[test]
fn an_image_inside_a_removed_link_keeps_its_alt_text() {
    let r = render("[![A map](/map.png)](javascript:alert(1))", &cx());
    assert!(
        r.html.contains("<img src=\"/map.png\" alt=\"A map\">"),
        "{}",
        r.html
    );
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
}

#[test]
fn footnotes_link_both_ways() {
    let r = render("Text[^a].\n\n[^a]: The note.\n", &cx());
    assert!(r.html.contains("href=\"#note-1\""), "{}", r.html);
    assert!(r.html.contains("id=\"note-1\""), "{}", r.html);
    assert!(r.html.contains("href=\"#note-ref-1\""), "{}", r.html);
}

#[test]
fn external_images_are_not_loaded() {
    let r = render("![map](https://tracker.example/x.png)", &cx());
    assert!(!r.html.contains("<img"), "{}", r.html);
    assert_eq!(r.diagnostics[0].code, "external-image");
}
