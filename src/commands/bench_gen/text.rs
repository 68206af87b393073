//! Deterministic text: a seeded generator, sentences, paragraphs, bodies
//! and contacts made from the word lists.

use std::fmt::Write as _;

use super::words::*;

/// A small deterministic generator (SplitMix64), so the corpus does not
/// depend on a random crate's version or the machine.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A date `YYYY-MM-DD` with a day that exists in every month.
pub(super) fn date(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// `month` counted from January 2019 (0) onwards.
pub(super) fn month_date(month: u32, day: u32) -> String {
    date(2019 + month / 12, month % 12 + 1, day)
}

/// Folded YAML text (`>-`) at `indent` spaces, wrapped at about 72 columns.
pub(super) fn folded(out: &mut String, indent: usize, text: &str) {
    out.push_str(">-\n");
    let pad = " ".repeat(indent);
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + word.len() + 1 > 72 - indent {
            let _ = writeln!(out, "{pad}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{pad}{line}");
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A sentence of 8 to 20 words.
pub(super) fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(13);
    let mut words: Vec<&str> = (0..n).map(|_| *rng.pick(&WORDS)).collect();
    if rng.chance(15) {
        // Never first: a plain YAML value cannot start with `*`.
        words.insert(1 + rng.below(n - 1), "**always**");
    }
    // No word twice in a row: it reads as a typo. (The first word stays, so
    // a sentence never starts with `*`.)
    words.dedup_by(|b, a| a.trim_matches('*') == b.trim_matches('*'));
    let mut s = capitalise(&words.join(" "));
    s.push('.');
    s
}

pub(super) fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// About 600 words of Markdown: headings, paragraphs, a list, sometimes a
/// table and a link.
pub(super) fn body(rng: &mut Rng, topic: &str) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut section = rng.below(HEADINGS.len());
    while words < 600 {
        let _ = writeln!(out, "\n## {}\n", HEADINGS[section % HEADINGS.len()]);
        section += 1 + rng.below(3);
        for _ in 0..2 {
            let sentences = 3 + rng.below(3);
            let p = paragraph(rng, sentences);
            words += p.split(' ').count();
            let _ = writeln!(out, "{p}\n");
        }
        match rng.below(4) {
            0 => {
                for _ in 0..3 + rng.below(3) {
                    let s = sentence(rng);
                    words += s.split(' ').count();
                    let _ = writeln!(out, "- {s}");
                }
                out.push('\n');
            }
            1 => {
                let _ = writeln!(out, "| Step | Who | How long |\n|---|---|---:|");
                for step in 1..=3 + rng.below(3) {
                    let _ = writeln!(
                        out,
                        "| {} {step} | {} | {} days |",
                        capitalise(topic),
                        rng.pick(&TEAMS),
                        1 + rng.below(20)
                    );
                    words += 6;
                }
                out.push('\n');
            }
            2 => {
                let _ = writeln!(
                    out,
                    "Read more in our [guide to the {topic} service](https://www.example.gov.uk/{}) or [contact us](/challenge/).\n",
                    topic.replace(' ', "-")
                );
                words += 12;
            }
            _ => {
                let _ = writeln!(out, "> {}\n", sentence(rng));
                words += 12;
            }
        }
    }
    out
}

pub(super) fn contact(out: &mut String, rng: &mut Rng, indent: usize, slug: &str) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}email: {slug}@example.gov.uk");
    if rng.chance(70) {
        let _ = writeln!(out, "{pad}phone: 01632 96{:04}", rng.below(10_000));
        let _ = writeln!(out, "{pad}phone_hours: Monday to Friday, 9am to 5pm");
    }
    if rng.chance(40) {
        let _ = writeln!(
            out,
            "{pad}web_form: https://www.example.gov.uk/contact/{slug}"
        );
    }
    if rng.chance(25) {
        let _ = writeln!(
            out,
            "{pad}post: |\n{pad}  {}\n{pad}  Example Borough Council\n{pad}  Town Hall, Market Street\n{pad}  EX1 1AA",
            rng.pick(&TEAMS)
        );
    }
    if rng.chance(15) {
        let _ = writeln!(
            out,
            "{pad}in_person: Customer Service Centre, Town Hall. Monday to Friday, 9am to 4pm."
        );
    }
}
