//! The list of all pages (`/pages/`): every page under `content/pages/`
//! by title, split into pages like the other long lists. The footer lists
//! only the few pages the editors chose (see [`crate::model::footer_pages`]);
//! this list is made, and the footer links to it, only when some page is
//! left out of the footer.

use crate::model::{Portal, footer_pages};
use crate::render::view::PageSummary;

/// Where the list lives, relative to the site root.
pub(crate) const PATH: &str = "pages/";
/// Its title, and the words of the footer's link to it.
pub(crate) const TITLE: &str = "All pages";
/// Its `page.section`.
pub(crate) const SECTION: &str = "pages";

/// Whether the portal has a page the footer leaves out, and so needs the list.
pub(crate) fn needed(portal: &Portal) -> bool {
    footer_pages(&portal.pages).len() < portal.pages.len()
}

/// Every page, by title (ignoring case; the id settles a tie), or none when
/// the list is not [`needed`].
pub(crate) fn summaries(portal: &Portal) -> Vec<PageSummary> {
    if !needed(portal) {
        return Vec::new();
    }
    let root = &portal.settings.root_path;
    let mut pages: Vec<(String, PageSummary)> = portal
        .pages
        .iter()
        .map(|p| {
            (
                p.title.to_lowercase(),
                PageSummary {
                    id: p.id.clone(),
                    url: format!("{root}{}/", p.id),
                    title: p.title.clone(),
                    description: p.description.clone().filter(|d| !d.trim().is_empty()),
                    lang: p.lang.clone(),
                },
            )
        })
        .collect();
    pages.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
    pages.into_iter().map(|(_, p)| p).collect()
}
