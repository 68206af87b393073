//! The "AI is used in this service" notice for each system: an HTML snippet
//! a council can paste into its own service page, and the text of the
//! printable one-page notice at `/systems/<id>/notice/`.

use crate::model::{Portal, System};
use crate::render::escape;
use crate::render::summaries::Views;

/// The snippet: plain HTML with no classes, styles or scripts, so it fits any
/// page. Every piece of content is escaped; links are absolute, to the
/// system's page and its challenge routes.
pub(crate) fn snippet(portal: &Portal, s: &System, views: &Views) -> String {
    let base = &portal.settings.base_url;
    // The body that runs it: an imported record's publisher, or ours.
    let org = &views.systems[&s.id].body;
    let mut html = String::new();
    html.push_str("<aside aria-label=\"AI is used in this service\">\n");
    html.push_str("<h2>AI is used in this service</h2>\n");
    html.push_str(&format!(
        "<p>{} uses a computer system, {}, in this service. {}</p>\n",
        escape::html(org),
        escape::html(&s.name),
        if s.is_gap(crate::model::Field::Summary) {
            String::new()
        } else {
            escape::html(&s.summary)
        }
    ));
    html.push_str(&format!(
        "<p><a href=\"{}\">Read how {} works and who checks it</a>.</p>\n",
        escape::html(&format!("{base}systems/{}/", s.id)),
        escape::html(&s.name)
    ));
    let offer = views.offer(s);
    if !offer.routes.is_empty() {
        html.push_str("<p>If you think a decision about you is wrong, you can:</p>\n<ul>\n");
        for r in offer.routes.iter().map(|l| &l.route) {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape::html(&format!("{base}challenge/{}/", r.id)),
                escape::html(&r.title)
            ));
        }
        html.push_str("</ul>\n");
        if offer.general_total > 0 {
            html.push_str(&format!(
                "<p><a href=\"{}\">See all {} ways to challenge a decision</a>.</p>\n",
                escape::html(&format!("{base}challenge/")),
                offer.general_total
            ));
        }
    } else {
        html.push_str(&format!(
            "<p><a href=\"{}\">Find out how to challenge a decision</a>.</p>\n",
            escape::html(&format!("{base}challenge/"))
        ));
    }
    html.push_str("</aside>");
    html
}
