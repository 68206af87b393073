//! Atom feeds (RFC 4287): `/feed.xml` (new and changed systems and
//! published errors), `/errors/feed.xml` and `/systems/<id>/feed.xml`.
//!
//! Every date comes from the content (a change's date, an error's `found`
//! and `fixed`), never from the clock, so a rebuild gives the same bytes.
//! Entry ids are the entry's permanent address with a fragment, so they stay
//! the same from build to build.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::model::{Portal, PublishedError, System};

use crate::render::escape;
use crate::render::out::Out;
use crate::render::view::FeedLink;

/// One entry of a feed.
struct Item {
    id: String,
    title: String,
    link: String,
    summary: String,
    updated: Date,
    published: Option<Date>,
    lang: Option<String>,
}

fn timestamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// How many entries a feed holds at most: the newest.
pub(crate) const FEED_ENTRIES: usize = 100;

pub(crate) fn site_feed_link(portal: &Portal) -> FeedLink {
    FeedLink {
        url: format!("{}feed.xml", portal.settings.root_path),
        title: format!("Changes to {}", escape::isolate(&portal.settings.title)),
    }
}

pub(crate) fn errors_feed_link(portal: &Portal) -> FeedLink {
    FeedLink {
        url: format!("{}errors/feed.xml", portal.settings.root_path),
        title: format!(
            "Errors published by {}",
            escape::isolate(&portal.settings.organisation.name)
        ),
    }
}

pub(crate) fn system_feed_link(portal: &Portal, system: &System) -> FeedLink {
    FeedLink {
        url: format!(
            "{}systems/{}/feed.xml",
            portal.settings.root_path, system.id
        ),
        title: format!("Changes to {}", escape::isolate(&system.name)),
    }
}

fn system_items(portal: &Portal, s: &System) -> Vec<Item> {
    let url = format!("{}systems/{}/", portal.settings.base_url, s.id);
    if s.changes.is_empty() {
        return vec![Item {
            id: url.clone(),
            title: format!("Added: {}", escape::isolate(&s.name)),
            link: url,
            summary: if s.is_gap(crate::model::Field::Summary) {
                String::new()
            } else {
                s.summary.clone()
            },
            updated: s.started.unwrap_or(s.last_reviewed).max(s.last_reviewed),
            published: Some(s.started.unwrap_or(s.last_reviewed)),
            lang: s.lang.clone(),
        }];
    }
    // Changes are newest first; number the ones of one day from the oldest
    // so adding a change on another day never changes an id.
    let mut items = Vec::new();
    for (i, c) in s.changes.iter().enumerate() {
        let same_day_after = s.changes[i + 1..]
            .iter()
            .filter(|o| o.date == c.date)
            .count();
        items.push(Item {
            id: format!("{url}#change-{}-{}", c.date, same_day_after + 1),
            title: format!("Changed: {}", escape::isolate(&s.name)),
            link: url.clone(),
            summary: c.summary.to_string(),
            updated: c.date,
            published: Some(c.date),
            lang: s.lang.clone(),
        });
    }
    items
}

fn error_item(portal: &Portal, e: &PublishedError) -> Item {
    let url = format!("{}errors/{}/", portal.settings.base_url, e.id);
    Item {
        id: url.clone(),
        title: format!("Published error: {}", escape::isolate(&e.title)),
        link: url,
        summary: e.summary.clone(),
        updated: e.fixed.unwrap_or(e.found).max(e.found),
        published: Some(e.found),
        lang: e.lang.clone(),
    }
}

/// Every feed of the site: (path, XML).
pub(crate) fn feeds(portal: &Portal, out: &Out) {
    let base = &portal.settings.base_url;

    let mut all: Vec<Item> = portal
        .systems
        .par_iter()
        .flat_map_iter(|s| system_items(portal, s))
        .collect();
    all.extend(portal.errors.iter().map(|e| error_item(portal, e)));
    out.file(
        "feed.xml".to_string(),
        feed(
            portal,
            &site_feed_link(portal).title,
            &format!("{base}feed.xml"),
            &format!("{base}systems/"),
            all,
        )
        .into_bytes(),
    );

    let errors = portal
        .errors
        .iter()
        .map(|e| error_item(portal, e))
        .collect();
    out.file(
        "errors/feed.xml".to_string(),
        feed(
            portal,
            &errors_feed_link(portal).title,
            &format!("{base}errors/feed.xml"),
            &format!("{base}errors/"),
            errors,
        )
        .into_bytes(),
    );

    let errors_of = portal.errors_by_system();
    portal.systems.par_iter().for_each(|s| {
        let mut items = system_items(portal, s);
        items.extend(
            crate::render::history::feed_entries(portal, s, FEED_ENTRIES)
                .into_iter()
                .map(|(url, date, title, summary)| Item {
                    id: url.clone(),
                    title,
                    link: url,
                    summary,
                    updated: date,
                    published: Some(date),
                    lang: s.lang.clone(),
                }),
        );
        items.extend(
            errors_of
                .get(s.id.as_str())
                .into_iter()
                .flatten()
                .map(|e| error_item(portal, e)),
        );
        out.file(
            format!("systems/{}/feed.xml", s.id),
            feed(
                portal,
                &system_feed_link(portal, s).title,
                &format!("{base}systems/{}/feed.xml", s.id),
                &format!("{base}systems/{}/", s.id),
                items,
            )
            .into_bytes(),
        );
    });
}

fn feed(
    portal: &Portal,
    title: &str,
    self_url: &str,
    page_url: &str,
    mut items: Vec<Item>,
) -> String {
    items.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    // Feed readers ask again often: the newest entries are enough, and the
    // site's feed of a large register stays small (the open data has all).
    items.truncate(FEED_ENTRIES);
    // With no entries the feed's date is the Unix epoch: any date from the
    // build clock would change the file on every build.
    let updated = items
        .iter()
        .map(|i| i.updated)
        .max()
        .map(timestamp)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let s = &portal.settings;
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <id>{}</id>\n<title>{}</title>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <author><name>{}</name><uri>{}</uri></author>\n<rights>{}</rights>\n",
        escape::xml(&s.language),
        escape::xml(self_url),
        escape::xml(title),
        escape::xml(self_url),
        escape::xml(page_url),
        escape::xml(&s.organisation.name),
        escape::xml(&s.organisation.website),
        escape::xml(&format!(
            "{} ({})",
            escape::isolate(&s.open_data_licence.name),
            s.open_data_licence.url
        )),
    );
    for item in items {
        xml.push_str("<entry");
        if let Some(lang) = &item.lang {
            xml.push_str(&format!(" xml:lang=\"{}\"", escape::xml(lang)));
        }
        xml.push_str(&format!(
            ">\n  <id>{}</id>\n  <title>{}</title>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}</updated>\n",
            escape::xml(&item.id),
            escape::xml(&item.title),
            escape::xml(&item.link),
            timestamp(item.updated)
        ));
        if let Some(p) = item.published {
            xml.push_str(&format!("  <published>{}</published>\n", timestamp(p)));
        }
        xml.push_str(&format!(
            "  <summary type=\"text\">{}</summary>\n</entry>\n",
            escape::xml(&item.summary)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}
