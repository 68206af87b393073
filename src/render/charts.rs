//! Bar charts as inline SVG, made at build time (no JavaScript). Each chart
//! is an image with a title and a description that gives every figure in
//! words, and sits beside a table with the same figures. Bars are told apart
//! by pattern as well as colour, and every bar carries its value as text.

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

const WIDTH: f64 = 640.0;
const BAR: f64 = 18.0;
const GAP: f64 = 4.0;
const LABEL: f64 = 22.0;
const GROUP_GAP: f64 = 12.0;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: f64 = 90.0;
const LEGEND_ROW: f64 = 24.0;

/// Fills for the series, in order: solid, diagonal lines, dots, cross-hatch,
/// horizontal lines. Each differs in pattern, not only in colour.
const PATTERNS: &[(&str, &str)] = &[
    ("#1d70b8", ""),
    (
        "#00703c",
        "<path d=\"M0 8 8 0M-2 2 2-2M6 10 10 6\" stroke=\"#00703c\" stroke-width=\"2\"/>",
    ),
    (
        "#912b88",
        "<circle cx=\"4\" cy=\"4\" r=\"2\" fill=\"#912b88\"/>",
    ),
    (
        "#b45000",
        "<path d=\"M0 0 8 8M8 0 0 8\" stroke=\"#b45000\" stroke-width=\"1.5\"/>",
    ),
    (
        "#505a5f",
        "<path d=\"M0 2h8M0 6h8\" stroke=\"#505a5f\" stroke-width=\"2\"/>",
    ),
];

/// Draws a horizontal bar chart. `id` must be unique on the page; `title`
/// and `description` become the chart's accessible name and description.
pub(crate) fn bar_chart(
    id: &str,
    title: &str,
    description: &str,
    series: &[Series],
    groups: &[BarGroup],
) -> String {
    let max = groups
        .iter()
        .flat_map(|g| g.values.iter().map(|(v, _)| *v))
        .fold(0.0_f64, f64::max);
    let scale = if max > 0.0 {
        (WIDTH - VALUE_ROOM) / max
    } else {
        0.0
    };
    let legend = series.len() > 1;
    let legend_height = if legend {
        series.len() as f64 * LEGEND_ROW + GROUP_GAP
    } else {
        0.0
    };
    let group_height = LABEL + series.len() as f64 * (BAR + GAP) + GROUP_GAP;
    let height = legend_height + groups.len() as f64 * group_height;

    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc><defs>",
        escape(title),
        escape(description)
    );
    for (n, (_, shape)) in PATTERNS.iter().enumerate().take(series.len().max(1)) {
        if !shape.is_empty() {
            svg.push_str(&format!(
                "<pattern id=\"{id}-p{n}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#fff\"/>{shape}</pattern>"
            ));
        }
    }
    svg.push_str("</defs>");
    let fill = |n: usize| {
        let n = n % PATTERNS.len();
        if PATTERNS[n].1.is_empty() {
            PATTERNS[n].0.to_string()
        } else {
            format!("url(#{id}-p{n})")
        }
    };
    let mut y = 0.0;
    if legend {
        for (n, s) in series.iter().enumerate() {
            svg.push_str(&format!(
                "<rect x=\"0\" y=\"{:.1}\" width=\"16\" height=\"16\" fill=\"{}\" stroke=\"{}\"/><text x=\"24\" y=\"{:.1}\" class=\"chart__text\">{}</text>",
                y + 2.0,
                fill(n),
                PATTERNS[n % PATTERNS.len()].0,
                y + 15.0,
                escape(&s.label)
            ));
            y += LEGEND_ROW;
        }
        y += GROUP_GAP;
    }
    for g in groups {
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" class=\"chart__label\">{}</text>",
            y + 15.0,
            escape(&g.label)
        ));
        y += LABEL;
        for (n, (value, text)) in g.values.iter().enumerate() {
            let length = (value.max(0.0) * scale).max(0.0);
            svg.push_str(&format!(
                "<rect x=\"0\" y=\"{y:.1}\" width=\"{length:.1}\" height=\"{BAR}\" fill=\"{}\" stroke=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"chart__text\">{}</text>",
                fill(n),
                PATTERNS[n % PATTERNS.len()].0,
                length + 6.0,
                y + 14.0,
                escape(text)
            ));
            y += BAR + GAP;
        }
        y += GROUP_GAP;
    }
    svg.push_str("</svg>");
    svg
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
    let figures = groups
        .iter()
        .map(|g| format!("{}: {}", g.label, g.values[0].1))
        .collect::<Vec<_>>()
        .join("; ");
    bar_chart(
        &format!("chart-{n}"),
        &format!("Bar chart: {}", results.caption),
        &format!(
            "{} by group. {figures}. The table above gives the same figures.",
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
        let svg = bar_chart(
            "c",
            "A <b> & C",
            "desc \"x\"",
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
            ],
        );
        assert!(svg.contains("A &lt;b&gt; &amp; C"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("width=\"550.0\""));
        assert!(svg.contains("width=\"275.0\""));
    }
}
