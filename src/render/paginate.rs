//! Long lists split into pages a phone can open: the systems list, the
//! facet pages, the errors log and the staff page. Page 1 keeps the list's
//! own address (`/systems/`); page N lives under it (`/systems/page/N/`).
//! Each page gets a [`PaginationView`] for `partials/pagination.html` and
//! the `rel=prev/next` links.

use crate::model::Portal;
use crate::render::summaries::meta;
use crate::render::view::{PageLink, PageMeta, PaginationView};

/// Entries on one page of a list: about 60 KB of system cards, small
/// enough for a phone on a slow connection, and a register of 10,000
/// systems has 100 pages, not 1,000.
pub(crate) const PER_PAGE: usize = 100;

/// How many pages `len` entries take (at least one: an empty list still
/// has its page).
pub(crate) fn page_count(len: usize) -> usize {
    len.div_ceil(PER_PAGE).max(1)
}

/// The entries on page `number` (from 1).
pub(crate) fn slice<T>(items: &[T], number: usize) -> &[T] {
    let start = (number.saturating_sub(1) * PER_PAGE).min(items.len());
    let end = (start + PER_PAGE).min(items.len());
    &items[start..end]
}

/// The path of page `number` of the list at `base` (`systems/`), relative
/// to the site root: page 1 is `base` itself.
pub(crate) fn path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The title of page `number`: the list's own title on page 1, "Title
/// (page 2 of 40)" after it, so every page of a list has its own title.
pub(crate) fn title(title: &str, number: usize, total: usize) -> String {
    if number <= 1 {
        title.to_string()
    } else {
        format!(
            "{} (page {number} of {total})",
            crate::render::escape::isolate(title)
        )
    }
}

/// The navigation of page `number` of `total`, or `None` when the list
/// fits on one page. Links the first and last pages and the two pages
/// either side of this one, and marks the gaps between.
pub(crate) fn view(root: &str, base: &str, number: usize, total: usize) -> Option<PaginationView> {
    if total <= 1 {
        return None;
    }
    let url = |n: usize| format!("{root}{}", path(base, n));
    let mut links = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total {
        let near = n + 2 >= number && n <= number + 2;
        if n == 1 || n == total || near {
            if last_shown + 1 < n {
                links.push(PageLink {
                    number: None,
                    url: None,
                    current: false,
                });
            }
            links.push(PageLink {
                number: Some(n),
                url: Some(url(n)),
                current: n == number,
            });
            last_shown = n;
        }
    }
    Some(PaginationView {
        number,
        total,
        prev: (number > 1).then(|| url(number - 1)),
        next: (number < total).then(|| url(number + 1)),
        links,
    })
}

/// The page data of page `number` of `total` of the list at `base`: its
/// own address, canonical link and title.
pub(crate) fn list_meta(
    portal: &Portal,
    base: &str,
    list_title: &str,
    section: &str,
    number: usize,
    total: usize,
) -> PageMeta {
    meta(
        portal,
        &path(base, number),
        &title(list_title, number, total),
        section,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_evenly_and_keep_every_entry_once() {
        let items: Vec<usize> = (0..250).collect();
        assert_eq!(page_count(items.len()), 3);
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        let joined: Vec<usize> = (1..=3).flat_map(|n| slice(&items, n).to_vec()).collect();
        assert_eq!(joined, items);
        assert_eq!(slice(&items, 3).len(), 50);
    }

    #[test]
    fn page_one_keeps_the_list_address() {
        assert_eq!(path("systems/", 1), "systems/");
        assert_eq!(path("systems/", 2), "systems/page/2/");
        assert_eq!(title("AI systems", 1, 3), "AI systems");
        assert_eq!(title("AI systems", 2, 3), "AI systems (page 2 of 3)");
    }

    #[test]
    fn navigation_links_neighbours_ends_and_gaps() {
        assert!(view("/", "errors/", 1, 1).is_none());
        let v = view("/", "errors/", 6, 40).unwrap();
        let shown: Vec<Option<usize>> = v.links.iter().map(|l| l.number).collect();
        assert_eq!(
            shown,
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(40)
            ]
        );
        assert_eq!(v.prev.as_deref(), Some("/errors/page/5/"));
        assert_eq!(v.next.as_deref(), Some("/errors/page/7/"));
        assert_eq!(v.links.iter().filter(|l| l.current).count(), 1);
        let first = view("/ai/", "errors/", 1, 2).unwrap();
        assert_eq!(first.prev, None);
        assert_eq!(first.links[0].url.as_deref(), Some("/ai/errors/"));
    }
}
