//! One free-standing page (`content/pages/<id>.md`) into a [`Page`], and
//! which pages the footer lists.

use std::collections::BTreeMap;

use super::validate::*;
use super::*;

/// The most pages the footer lists. The footer is on every page, so what
/// it holds must not grow with the portal: eight short titles are about
/// two lines on a wide screen and one screen on a phone, with room for the
/// footer's own links. Every other page is on the list of all pages.
pub const FOOTER_PAGES: usize = 8;

/// The parts of a page the checks across pages need.
pub(super) struct PageRefs {
    pub(super) footer_order: Option<Spanned<i64>>,
}

pub(super) fn parse_page<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, Page, PageRefs>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawPage>(file, d)?;
    let at = At { file, yaml_line };
    let RawPage {
        title,
        description,
        footer_order,
        updated,
        aliases,
        lang,
    } = raw;
    let model = Page {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        title: at.name(&title, "the page title", d),
        description: description.map(String::from),
        footer_order: footer_order.as_ref().map(|o| o.value),
        updated,
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
    };
    Some(Parsed {
        model,
        refs: PageRefs { footer_order },
        file,
        yaml_line,
        aliases,
    })
}

/// The pages that set `footer_order`, in the footer's order: the lowest
/// number first, then by title, then by id. The footer shows the first
/// [`FOOTER_PAGES`] of them.
pub fn footer_ranking<'p>(pages: impl IntoIterator<Item = &'p Page>) -> Vec<&'p Page> {
    let mut chosen: Vec<&Page> = pages
        .into_iter()
        .filter(|p| p.footer_order.is_some())
        .collect();
    chosen
        .sort_by(|a, b| (a.footer_order, &a.title, &a.id).cmp(&(b.footer_order, &b.title, &b.id)));
    chosen
}

/// The pages the footer lists, in order (see [`footer_ranking`]).
pub fn footer_pages(pages: &[Page]) -> Vec<&Page> {
    let mut chosen = footer_ranking(pages);
    chosen.truncate(FOOTER_PAGES);
    chosen
}

/// Warns about each page whose `footer_order` the footer has no room for:
/// it is left out of the footer, and only the list of all pages links it.
pub(super) fn check_footer(pages: &[Parsed<'_, Page, PageRefs>], d: &mut Diagnostics) {
    let ranked = footer_ranking(pages.iter().map(|p| &p.model));
    if ranked.len() <= FOOTER_PAGES {
        return;
    }
    let by_id: BTreeMap<&str, &Parsed<'_, Page, PageRefs>> =
        pages.iter().map(|p| (p.model.id.as_str(), p)).collect();
    for left_out in &ranked[FOOTER_PAGES..] {
        let Some(parsed) = by_id.get(left_out.id.as_str()) else {
            continue;
        };
        let Some(order) = &parsed.refs.footer_order else {
            continue;
        };
        let at = At {
            file: parsed.file,
            yaml_line: parsed.yaml_line,
        };
        d.push(
            at.warning(
                order,
                "footer-full",
                format!(
                    "the footer has room for {FOOTER_PAGES} pages and {} pages set `footer_order`; \
                     this one comes after the first {FOOTER_PAGES}, so the footer leaves it out \
                     and only the list of all pages (`pages/` on the site) links to it",
                    ranked.len()
                ),
            )
            .with_help(
                "remove `footer_order` from this page, or from a page that can give up its place \
                 in the footer (lower numbers come first)",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str, title: &str, footer_order: Option<i64>) -> Page {
        Page {
            id: id.into(),
            source: Source {
                path: format!("content/pages/{id}.md"),
                body_line: 1,
            },
            title: title.into(),
            description: None,
            footer_order,
            updated: None,
            aliases: Vec::new(),
            lang: None,
            body: String::new(),
        }
    }

    #[test]
    fn the_footer_takes_the_lowest_orders_then_titles_and_no_more_than_its_room() {
        let mut pages = vec![
            page("zz", "A title", Some(2)),
            page("aa", "A title", Some(2)),
            page("b", "B", Some(-1)),
            page("unchosen", "Aardvark", None),
        ];
        let ids: Vec<&str> = footer_pages(&pages).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["b", "aa", "zz"]);
        for n in 0..20 {
            pages.push(page(&format!("p{n:02}"), "Page", Some(100 + n)));
        }
        let chosen = footer_pages(&pages);
        assert_eq!(chosen.len(), FOOTER_PAGES);
        assert_eq!(chosen[FOOTER_PAGES - 1].id, "p04");
        assert_eq!(footer_ranking(&pages).len(), 23);
    }

    #[test]
    fn the_readme_gives_the_footers_room() {
        let readme = include_str!("../../README.md");
        assert!(readme.contains(&format!("at most {FOOTER_PAGES} of them")));
        assert!(readme.contains(&format!("Only the first {FOOTER_PAGES} pages")));
    }
}
