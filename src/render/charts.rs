//! Bar charts as HTML and CSS, made at build time (no JavaScript, no SVG).
//! Every label and value is real HTML text at body size, so it reflows on a
//! narrow screen, grows with the browser's text size and survives text
//! spacing overrides. Each bar is an empty `<span>` whose length is one of
//! the theme's width classes (`bar-chart__w0` to `bar-chart__w100`, percent
//! of the largest value: the Content-Security-Policy allows no inline
//! styles) and whose fill is a CSS pattern, so series are told apart without
//! colour. The chart always sits beside a table with the same figures.

use crate::model::{Quarter, Results};
use crate::render::escape::html as escape;
use crate::render::labels::measured;

/// One series of bars (one measure), drawn with its own pattern.
pub(crate) struct Series {
    pub label: String,
}

/// One group of bars (a resident group, a quarter): one value per series.
pub(crate) struct BarGroup {
    pub label: String,
    /// The value and its text, e.g. `(27.1, "27.1%")`.
    pub values: Vec<(f64, String)>,
}

/// How many fills the theme has (`bar-chart__fill-0` to `-4`): solid,
/// diagonal lines, dots, cross-hatch, horizontal lines.
const FILLS: usize = 5;

/// The bar's length in percent of the largest size, 0 to 100: a negative
/// value is drawn by its size (its text keeps the minus sign, and the bar a
/// dashed outline). A value other than zero always gets at least 1, so it
/// shows.
fn percent(value: f64, max: f64) -> u32 {
    let size = value.abs();
    // (NaN is neither above nor below zero, so it draws no bar either.)
    if size.is_nan() || size <= 0.0 || max.is_nan() || max <= 0.0 {
        return 0;
    }
    ((size / max * 100.0).round() as u32).clamp(1, 100)
}

/// Draws a horizontal bar chart as a `<figure>`. `id` must be unique on the
/// page; `title` becomes the caption and `note` a sentence under it (such
/// as where the same figures are in a table).
pub(crate) fn bar_chart(
    id: &str,
    title: &str,
    note: &str,
    series: &[Series],
    groups: &[BarGroup],
) -> String {
    let max = groups
        .iter()
        .flat_map(|g| g.values.iter().map(|(v, _)| v.abs()))
        .fold(0.0_f64, f64::max);
    let legend = series.len() > 1;
    let mut html = format!(
        "<figure class=\"bar-chart\" id=\"{}\"><figcaption class=\"bar-chart__title\">{}<span class=\"bar-chart__note\">{}</span></figcaption>",
        escape(id),
        escape(title),
        escape(note)
    );
    if legend {
        html.push_str("<p class=\"bar-chart__key-title\">Key</p><ul class=\"bar-chart__legend\">");
        for (n, s) in series.iter().enumerate() {
            html.push_str(&format!(
                "<li class=\"bar-chart__legend-item\"><span class=\"bar-chart__key bar-chart__fill-{}\"></span>{}</li>",
                n % FILLS,
                escape(&s.label)
            ));
        }
        html.push_str("</ul>");
    }
    for g in groups {
        html.push_str(&format!(
            "<div class=\"bar-chart__group\"><p class=\"bar-chart__label\">{}</p><ul class=\"bar-chart__bars\">",
            escape(&g.label)
        ));
        for (n, (value, text)) in g.values.iter().enumerate() {
            // With more than one series, say which one each bar is in words
            // too (the legend's patterns are for the eye).
            let name = match series.get(n) {
                Some(s) if legend => format!(
                    "<span class=\"visually-hidden\">{}: </span>",
                    escape(&s.label)
                ),
                _ => String::new(),
            };
            html.push_str(&format!(
                "<li class=\"bar-chart__row\"><span class=\"bar-chart__bar bar-chart__fill-{} bar-chart__w{}{}\"></span><span class=\"bar-chart__value\">{name}{}</span></li>",
                n % FILLS,
                percent(*value, max),
                if *value < 0.0 {
                    " bar-chart__bar--negative"
                } else {
                    ""
                },
                escape(text)
            ));
        }
        html.push_str("</ul></div>");
    }
    html.push_str("</figure>");
    html
}

/// The chart beside a monitoring results table (`n` numbers the tables of
/// a page, as the template's `results-n` ids do).
pub(crate) fn results_chart(n: usize, results: &Results) -> String {
    let unit = results.unit.as_deref();
    let groups: Vec<BarGroup> = results
        .rows
        .value
        .iter()
        .map(|row| BarGroup {
            label: row.group.to_string(),
            values: vec![(row.value, measured(row.value, unit))],
        })
        .collect();
    bar_chart(
        &format!("chart-{n}"),
        &format!("Bar chart: {}", results.caption),
        &format!(
            "{} by group. The table above gives the same figures.",
            results.measure
        ),
        &[Series {
            label: results.measure.to_string(),
        }],
        &groups,
    )
}

/// Labels of the four measures of a quarter, with how to read each, in the
/// order of [`quarter_values`].
pub(crate) const QUARTER_MEASURES: &[&str] = &[
    "Concerns raised by staff",
    "Concerns resolved",
    "Challenges received",
    "Challenges upheld",
    "Errors published",
];

/// The figures of one quarter in the order of [`QUARTER_MEASURES`].
pub(crate) fn quarter_values(q: &Quarter, errors_published: u64) -> [u64; 5] {
    [
        q.concerns_raised,
        q.concerns_resolved,
        q.challenges_received,
        q.challenges_upheld,
        errors_published,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_a_chart_is_escaped_and_bars_scale_to_the_largest_value() {
        let html = bar_chart(
            "c",
            "A <b> & C",
            "note \"x\"",
            &[Series { label: "s".into() }],
            &[
                BarGroup {
                    label: "<script>".into(),
                    values: vec![(10.0, "10".into())],
                },
                BarGroup {
                    label: "b".into(),
                    values: vec![(5.0, "5".into())],
                },
                BarGroup {
                    label: "c".into(),
                    values: vec![(0.01, "0.01".into())],
                },
            ],
        );
        assert!(html.contains("A &lt;b&gt; &amp; C"));
        assert!(html.contains("note &quot;x&quot;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("bar-chart__w100\"></span><span class=\"bar-chart__value\">10<"));
        assert!(html.contains("bar-chart__w50\"></span><span class=\"bar-chart__value\">5<"));
        // A tiny value still shows as a sliver, and one series needs no key.
        let negative = bar_chart(
            "n",
            "t",
            "n",
            &[Series { label: "s".into() }],
            &[
                BarGroup {
                    label: "a".into(),
                    values: vec![(-4.0, "−4".into())],
                },
                BarGroup {
                    label: "b".into(),
                    values: vec![(2.0, "2".into())],
                },
            ],
        );
        assert!(negative.contains("bar-chart__w100 bar-chart__bar--negative\""));
        assert!(negative.contains("bar-chart__w50\""));
        assert!(html.contains("bar-chart__w1\""));
        assert!(!html.contains("bar-chart__legend"));
    }

    #[test]
    fn several_series_get_a_key_patterns_and_their_names_in_words() {
        let html = bar_chart(
            "q",
            "t",
            "n",
            &[
                Series {
                    label: "One".into(),
                },
                Series {
                    label: "Two".into(),
                },
            ],
            &[BarGroup {
                label: "g".into(),
                values: vec![(0.0, "0".into()), (3.0, "3".into())],
            }],
        );
        assert!(html.contains("<span class=\"bar-chart__key bar-chart__fill-1\"></span>Two</li>"));
        assert!(html.contains(
            "bar-chart__fill-0 bar-chart__w0\"></span><span class=\"bar-chart__value\"><span class=\"visually-hidden\">One: </span>0<"
        ));
        assert!(html.contains("bar-chart__fill-1 bar-chart__w100\""));
    }

    #[test]
    fn percent_stays_within_the_width_classes() {
        assert_eq!(percent(0.0, 0.0), 0);
        assert_eq!(percent(-5.0, 10.0), 50);
        assert_eq!(percent(f64::NAN, 10.0), 0);
        assert_eq!(percent(10.0, 10.0), 100);
        assert_eq!(percent(1.0, 3.0), 33);
    }
}
