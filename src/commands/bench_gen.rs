//! `glassbox bench-gen N DIR`: writes a synthetic portal of N systems for
//! benchmarks. The content is realistic and varied (every field the schema
//! has, a dozen service areas, all statuses and automation levels, monitoring
//! tables, changes, contacts, about 600 words of Markdown per system), valid
//! (it builds without errors or warnings up to 1 December 2026, when the
//! first reviews fall due),
//! and deterministic: the same N always gives byte-identical files.
//!
//! Alongside the systems it writes N/5 published errors and N/50 challenge
//! routes (at least one of each), and three pages.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub systems: usize,
    pub errors: usize,
    pub challenges: usize,
    pub pages: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchGenError {
    #[error("{0} already exists; bench-gen writes only into a new or empty folder")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// A small deterministic generator (SplitMix64), so the corpus does not
/// depend on a random crate's version or the machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const AREAS: [(&str, &str, &str); 12] = [
    (
        "adult-social-care",
        "Adult social care",
        "Help and support for adults who are older, disabled or unwell, and for their carers.",
    ),
    (
        "childrens-services",
        "Children's services",
        "Support for children, young people and families, including social work and early help.",
    ),
    (
        "education",
        "Schools and education",
        "School places, admissions, transport to school and special educational needs.",
    ),
    (
        "housing",
        "Housing",
        "Council homes, repairs and help for people who are homeless or may become homeless.",
    ),
    (
        "council-tax-and-benefits",
        "Council Tax and benefits",
        "Council Tax bills, discounts, Council Tax Support and Housing Benefit.",
    ),
    (
        "customer-services",
        "Customer services",
        "Our phone lines, our letters and the way we talk with you in different languages.",
    ),
    (
        "parking-and-transport",
        "Parking and transport",
        "Parking rules, parking fines, Blue Badges, buses and roads.",
    ),
    (
        "waste-and-recycling",
        "Bins and recycling",
        "Collecting household rubbish, recycling and garden waste.",
    ),
    (
        "planning-and-building",
        "Planning and building control",
        "Planning applications, building regulations and local plans.",
    ),
    (
        "public-health",
        "Public health",
        "Health checks, stop smoking services and health protection.",
    ),
    (
        "libraries-and-culture",
        "Libraries and culture",
        "Libraries, museums, archives and the arts.",
    ),
    (
        "environmental-health",
        "Environmental health and licensing",
        "Food safety, noise, pollution and licences for pubs, taxis and events.",
    ),
];

const TOPICS: [&str; 24] = [
    "referral",
    "repair request",
    "benefit claim",
    "parking fine",
    "school place",
    "planning application",
    "licence application",
    "phone call",
    "letter",
    "noise complaint",
    "food inspection",
    "bin collection",
    "housing application",
    "council tax bill",
    "library loan",
    "health check",
    "blue badge",
    "bus pass",
    "fraud alert",
    "translation",
    "web chat",
    "road defect report",
    "care assessment",
    "rent payment",
];

const VERBS: [&str; 12] = [
    "sorting",
    "checking",
    "summarising",
    "forecasting",
    "translating",
    "scoring",
    "routing",
    "matching",
    "flagging",
    "drafting",
    "reading",
    "planning",
];

const TEAMS: [&str; 10] = [
    "Front Door Team",
    "Revenues Team",
    "Digital Services Team",
    "Performance and Insight Team",
    "Customer Contact Team",
    "Operations Team",
    "Enforcement Team",
    "Assessment Team",
    "Data and Analytics Team",
    "Service Improvement Team",
];

const ROLES: [&str; 8] = [
    "Director of Adult Social Care",
    "Director of Children's Services",
    "Head of Revenues and Benefits",
    "Head of Customer Services",
    "Director of Place",
    "Chief Digital Officer",
    "Head of Housing",
    "Director of Public Health",
];

const SUPPLIERS: [&str; 9] = [
    "Caseflow Analytics Ltd",
    "Northgate Data Services Ltd",
    "Clearpath Software Ltd",
    "Harbour Vision Systems Ltd",
    "Lingua Public Ltd",
    "Civic Forecasting Ltd",
    "Brightline AI Ltd",
    "Meridian Routing Ltd",
    "Openfield Research CIC",
];

const GROUPS: [&str; 10] = [
    "age group",
    "sex",
    "disability",
    "main language",
    "ethnicity",
    "ward",
    "household type",
    "tenure",
    "religion or belief",
    "carers",
];

const WORDS: [&str; 96] = [
    "the", "system", "reads", "each", "request", "and", "suggests", "what", "should", "happen",
    "next", "a", "person", "always", "checks", "before", "anything", "changes", "for", "you", "we",
    "use", "it", "because", "saves", "time", "staff", "can", "spend", "on", "people", "who",
    "need", "help", "most", "data", "comes", "from", "our", "records", "forms", "letters", "calls",
    "never", "decides", "alone", "if", "think", "is", "wrong", "ask", "us", "to", "look", "again",
    "results", "by", "group", "every", "three", "months", "publish", "them", "here", "mistakes",
    "are", "fixed", "quickly", "told", "about", "this", "page", "explains", "how", "works", "in",
    "plain", "words", "council", "service", "team", "decision", "review", "record", "learned",
    "past", "cases", "pattern", "score", "list", "urgent", "routine", "week", "officer", "manager",
    "resident",
];

const HEADINGS: [&str; 10] = [
    "What happens to your request",
    "How the system learned",
    "What the system never does",
    "Who checks the results",
    "What data it uses",
    "How we keep it fair",
    "What happens if it goes wrong",
    "How long we keep the data",
    "Why we chose this system",
    "What we are still learning",
];

const STATUSES: [&str; 5] = ["planned", "pilot", "in-use", "paused", "retired"];
const AUTOMATION: [&str; 4] = [
    "informs-staff",
    "recommends",
    "decides-with-review",
    "decides-automatically",
];
const MODELS: [&str; 4] = ["rule-based", "machine-learning", "generative", "hybrid"];
const CHALLENGE_KINDS: [&str; 7] = [
    "explanation",
    "human-review",
    "appeal",
    "complaint",
    "ombudsman",
    "regulator",
    "data-rights",
];
const FORMATS: [&str; 6] = [
    "easy-read",
    "large-print",
    "braille",
    "audio",
    "bsl",
    "other-languages",
];

/// A date `YYYY-MM-DD` with a day that exists in every month.
fn date(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// `month` counted from January 2019 (0) onwards.
fn month_date(month: u32, day: u32) -> String {
    date(2019 + month / 12, month % 12 + 1, day)
}

/// Folded YAML text (`>-`) at `indent` spaces, wrapped at about 72 columns.
fn folded(out: &mut String, indent: usize, text: &str) {
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

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A sentence of 8 to 20 words.
fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(13);
    let mut words: Vec<&str> = (0..n).map(|_| *rng.pick(&WORDS)).collect();
    if rng.chance(15) {
        // Never first: a plain YAML value cannot start with `*`.
        words.insert(1 + rng.below(n - 1), "**always**");
    }
    let mut s = capitalise(&words.join(" "));
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// About 600 words of Markdown: headings, paragraphs, a list, sometimes a
/// table and a link.
fn body(rng: &mut Rng, topic: &str) -> String {
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

fn contact(out: &mut String, rng: &mut Rng, indent: usize, slug: &str) {
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

fn portal_yaml() -> String {
    let mut out = String::from(
        "# A synthetic portal written by `glassbox bench-gen` for benchmarks.\n\
         organisation:\n  name: Example Borough Council\n  type: local-authority\n  website: https://www.example.gov.uk/\n\
         base_url: https://ai.example.gov.uk/\nlanguage: en-GB\n\
         introduction: >-\n  This site lists every computer system we use that learns from data, makes\n  suggestions or makes decisions in our services.\n\
         service_areas:\n",
    );
    for (id, name, description) in AREAS {
        let _ = writeln!(
            out,
            "  - id: {id}\n    name: {name}\n    description: {description}"
        );
    }
    out.push_str(
        "default_contact:\n  email: ai-transparency@example.gov.uk\n  phone: 01632 960100\n  phone_hours: Monday to Friday, 9am to 5pm\n  web_form: https://www.example.gov.uk/contact-us/ai\n\
         report_a_problem:\n  email: ai-transparency@example.gov.uk\n  response_time: within 10 working days\n\
         review_interval_months: 12\n\
         open_data_licence:\n  name: Open Government Licence v3.0\n  url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n\
         footer_links:\n  - title: Example Borough Council website\n    url: https://www.example.gov.uk/\n",
    );
    out
}

/// Whether challenge route `i` can be started by a resident (most can).
fn resident_can_start(i: usize) -> bool {
    i % 7 != 6
}

fn challenge(i: usize) -> String {
    let mut rng = Rng::new(1_000_000 + i as u64);
    let kind = CHALLENGE_KINDS[i % CHALLENGE_KINDS.len()];
    let topic = TOPICS[i % TOPICS.len()];
    let mut out = String::from("---\n");
    let _ = writeln!(
        out,
        "title: {} about a {topic} (route {})",
        capitalise(&kind.replace('-', " ")),
        i + 1
    );
    let _ = writeln!(out, "kind: {kind}");
    out.push_str("summary: ");
    folded(
        &mut out,
        2,
        &format!(
            "If a computer system played a part in a {topic} decision about you, you can use this route to have it looked at again by a person."
        ),
    );
    let _ = writeln!(
        out,
        "applies_to: {}",
        ["tool-output", "decision", "service"][i % 3]
    );
    out.push_str("who_can_start: Anyone the decision is about, or someone acting for them.\n");
    let _ = writeln!(out, "resident_can_start: {}", resident_can_start(i));
    out.push_str("steps:\n");
    for _ in 0..3 + rng.below(3) {
        out.push_str("  - ");
        folded(&mut out, 4, &sentence(&mut rng));
    }
    out.push_str("contact:\n");
    contact(&mut out, &mut rng, 2, &format!("route-{}", i + 1));
    if rng.chance(60) {
        let _ = writeln!(
            out,
            "time_limit: Within {} days of the decision letter.",
            14 + rng.below(60)
        );
    }
    let _ = writeln!(
        out,
        "response_time: within {} working days",
        5 + rng.below(20)
    );
    if rng.chance(50) {
        out.push_str(
            "escalate_to:\n  name: Local Government and Social Care Ombudsman\n  url: https://www.lgo.org.uk/\n  when: If you are still unhappy after our review.\n",
        );
    }
    if rng.chance(60) {
        out.push_str(
            "free_help:\n  - name: Citizens Advice\n    description: Free, private advice.\n    url: https://www.citizensadvice.org.uk/\n    phone: 0800 144 8848\n",
        );
    }
    if rng.chance(70) {
        out.push_str("formats:\n");
        let start = rng.below(FORMATS.len());
        for f in FORMATS.iter().cycle().skip(start).take(1 + rng.below(4)) {
            let _ = writeln!(out, "  - {f}");
        }
    }
    if i % 40 == 39 {
        out.push_str("lang: cy\n");
    }
    out.push_str("---\n\n");
    out.push_str(&paragraph(&mut rng, 4));
    out.push('\n');
    out
}

fn system(i: usize, routes: usize) -> (String, String) {
    let mut rng = Rng::new(i as u64);
    let topic = *rng.pick(&TOPICS);
    let verb = *rng.pick(&VERBS);
    let (area, area_name, _) = AREAS[rng.below(AREAS.len())];
    let status = STATUSES[[0, 1, 2, 2, 2, 2, 2, 3, 4, 1][rng.below(10)]];
    let automation = *rng.pick(&AUTOMATION);
    let affects = rng.chance(75);
    let id = format!("{}-{}-{:06}", topic.replace(' ', "-"), verb, i + 1);

    let mut out = String::from("---\n");
    let _ = writeln!(out, "name: {} {verb} {}", capitalise(topic), i + 1);
    out.push_str("summary: ");
    folded(
        &mut out,
        2,
        &format!(
            "This computer system helps {area_name} staff with {verb} each {topic}. {} A person checks its work and makes the final decision.",
            sentence(&mut rng)
        ),
    );
    let _ = writeln!(out, "service_area: {area}");
    let _ = writeln!(out, "status: {status}");
    out.push_str("decision: ");
    folded(
        &mut out,
        2,
        &format!("What happens next with a {topic}, and how quickly."),
    );
    let _ = writeln!(
        out,
        "final_decision_by: A qualified officer in the {}.",
        rng.pick(&TEAMS)
    );
    let _ = writeln!(out, "automation: {automation}");
    let _ = writeln!(out, "affects_residents_directly: {affects}");
    out.push_str("who_is_affected: ");
    folded(
        &mut out,
        2,
        &format!(
            "Residents who send us a {topic}. We get about {} each month.",
            100 + rng.below(5000)
        ),
    );
    let _ = writeln!(
        out,
        "human_oversight:\n  who: The duty officer, checked by the team manager.\n  can_override: {}",
        automation != "decides-automatically" || rng.chance(50)
    );
    out.push_str("  how: ");
    folded(&mut out, 4, &paragraph(&mut rng, 2));
    out.push_str("data:\n");
    for d in 0..1 + rng.below(4) {
        let personal = rng.chance(70);
        let _ = writeln!(out, "  - name: {} data source {}", capitalise(topic), d + 1);
        out.push_str("    description: ");
        folded(&mut out, 6, &sentence(&mut rng));
        let _ = writeln!(out, "    personal_data: {personal}");
        if personal && rng.chance(30) {
            out.push_str("    special_category_data: true\n");
        }
    }
    let _ = writeln!(
        out,
        "owner:\n  team: {} {}\n  senior_responsible_owner: {}",
        area_name,
        rng.pick(&TEAMS),
        rng.pick(&ROLES)
    );
    if rng.chance(65) {
        let _ = writeln!(out, "supplier:\n  name: {}", rng.pick(&SUPPLIERS));
        if rng.chance(70) {
            out.push_str("  role: Built the system with us. We host it ourselves.\n");
        }
        if rng.chance(40) {
            let _ = writeln!(out, "  identifier: \"{:08}\"", rng.below(100_000_000));
        }
    }
    let _ = writeln!(out, "model_type: {}", rng.pick(&MODELS));
    out.push_str("benefits: ");
    folded(&mut out, 2, &paragraph(&mut rng, 2));
    if rng.chance(60) {
        out.push_str("alternatives_considered: ");
        folded(&mut out, 2, &paragraph(&mut rng, 2));
    }
    let reviewed_month = 84 + rng.below(9) as u32; // January to September 2026
    let day = 1 + rng.below(28) as u32;
    if rng.chance(70) {
        out.push_str("impact_assessments:\n");
        for kind in ["dpia", "eqia", "fria", "other"]
            .iter()
            .take(1 + rng.below(3))
        {
            let _ = writeln!(
                out,
                "  - kind: {kind}\n    title: {} assessment for {topic} {verb}\n    date: {}",
                kind.to_uppercase(),
                month_date(60 + rng.below(24) as u32, day)
            );
            out.push_str("    summary: ");
            folded(&mut out, 6, &sentence(&mut rng));
            if rng.chance(50) {
                let _ = writeln!(
                    out,
                    "    link: https://www.example.gov.uk/documents/{kind}-{id}.pdf"
                );
            }
        }
    }
    if rng.chance(50) {
        out.push_str("bias_checks:\n");
        for (n, stage) in ["before-use", "pilot", "in-use", "after-change"]
            .iter()
            .take(1 + rng.below(2))
            .enumerate()
        {
            let start = rng.below(GROUPS.len());
            let groups: Vec<&str> = GROUPS
                .iter()
                .cycle()
                .skip(start)
                .take(2 + rng.below(3))
                .copied()
                .collect();
            let _ = writeln!(
                out,
                "  - stage: {stage}\n    date: {}\n    method: {}\n    groups_checked: [{}]",
                month_date(60 + 6 * n as u32 + rng.below(6) as u32, day),
                sentence(&mut rng),
                groups.join(", ")
            );
            out.push_str("    result: ");
            folded(&mut out, 6, &paragraph(&mut rng, 2));
        }
    }
    if rng.chance(80) {
        out.push_str("risks:\n");
        for _ in 0..1 + rng.below(3) {
            let _ = writeln!(out, "  - risk: {}", sentence(&mut rng));
            out.push_str("    mitigation: ");
            folded(&mut out, 6, &sentence(&mut rng));
        }
    }
    if rng.chance(60) {
        out.push_str("monitoring:\n");
        for _ in 0..1 + rng.below(2) {
            let _ = writeln!(
                out,
                "  - what: How often staff change the suggestion for a {topic}\n    how_often: {}\n    by: {} {}",
                [
                    "Every month",
                    "Every 3 months",
                    "Every 6 months",
                    "Every year"
                ][rng.below(4)],
                area_name,
                rng.pick(&TEAMS)
            );
            if rng.chance(70) {
                let group = *rng.pick(&GROUPS);
                let _ = writeln!(
                    out,
                    "    results:\n      caption: Cases from January to June 2026 where staff changed the suggestion, by {group}\n      measure: Suggestions changed\n      unit: \"%\"\n      period: January to June 2026\n      rows:"
                );
                for g in 0..2 + rng.below(4) {
                    let _ = writeln!(
                        out,
                        "        - group: {} {}\n          value: {}.{}",
                        capitalise(group),
                        g + 1,
                        rng.below(30),
                        rng.below(10)
                    );
                    if rng.chance(80) {
                        let _ = writeln!(out, "          cases: {}", 20 + rng.below(5000));
                    }
                }
            }
        }
    }
    if rng.chance(75) {
        out.push_str("known_limitations:\n");
        for _ in 0..1 + rng.below(3) {
            out.push_str("  - ");
            folded(&mut out, 4, &sentence(&mut rng));
        }
    }
    // Most systems list routes; the first one listed can always be started
    // by a resident, so the no-challenge-route rule is met.
    let needs_route = affects && automation != "informs-staff";
    if routes > 0 && (needs_route || rng.chance(60)) {
        out.push_str("challenge_routes:\n");
        let mut first = rng.below(routes);
        while !resident_can_start(first) {
            first = (first + 1) % routes;
        }
        let mut listed = vec![first];
        for _ in 0..rng.below(3) {
            let r = rng.below(routes);
            if !listed.contains(&r) {
                listed.push(r);
            }
        }
        for r in listed {
            let _ = writeln!(out, "  - route-{:05}", r + 1);
        }
    } else if needs_route || rng.chance(30) {
        out.push_str("no_challenge_route_reason: ");
        folded(
            &mut out,
            2,
            "The system only helps staff plan their work; no decision about a resident depends on it.",
        );
    }
    if rng.chance(40) {
        out.push_str("contact:\n");
        contact(&mut out, &mut rng, 2, &format!("system-{}", i + 1));
    }
    if status != "planned" {
        let _ = writeln!(
            out,
            "started: {}",
            month_date(48 + rng.below(30) as u32, day)
        );
    }
    let _ = writeln!(
        out,
        "last_reviewed: {}\nreview_by: {}",
        month_date(reviewed_month, day),
        month_date(reviewed_month + 11, day)
    );
    if rng.chance(80) {
        out.push_str("changes:\n");
        let mut month = 48 + rng.below(12) as u32;
        for _ in 0..1 + rng.below(4) {
            let _ = writeln!(
                out,
                "  - date: {}\n    summary: {}",
                month_date(month, day),
                sentence(&mut rng)
            );
            month += 1 + rng.below(8) as u32;
        }
    }
    if i % 60 == 59 {
        out.push_str("lang: cy\n");
    }
    out.push_str("---\n");
    out.push_str(&body(&mut rng, topic));
    (id, out)
}

fn published_error(i: usize, system_id: &str, routes: usize) -> String {
    let mut rng = Rng::new(2_000_000 + i as u64);
    let status = ["investigating", "fixed", "monitoring", "closed"][rng.below(4)];
    let found_month = 72 + rng.below(20) as u32; // 2025 to August 2026
    let day = 1 + rng.below(28) as u32;
    let mut out = String::from("---\n");
    let _ = writeln!(out, "system: {system_id}");
    let _ = writeln!(out, "title: A mistake in {system_id} (report {})", i + 1);
    out.push_str("summary: ");
    folded(
        &mut out,
        2,
        &format!(
            "A mistake in how we used this system affected some residents. {}",
            sentence(&mut rng)
        ),
    );
    let _ = writeln!(out, "found: {}", month_date(found_month, day));
    let _ = writeln!(
        out,
        "found_by: {}",
        ["staff", "resident", "audit", "monitoring"][rng.below(4)]
    );
    let _ = writeln!(out, "status: {status}");
    if status == "fixed" || status == "closed" || rng.chance(30) {
        let _ = writeln!(
            out,
            "fixed: {}",
            month_date(found_month + 1 + rng.below(3) as u32, day)
        );
    }
    if rng.chance(80) {
        let _ = writeln!(out, "people_affected: {}", rng.below(2000));
    }
    out.push_str("what_we_did: ");
    folded(&mut out, 2, &paragraph(&mut rng, 3));
    if routes > 0 && rng.chance(80) {
        out.push_str("what_you_can_do:\n");
        let first = rng.below(routes);
        let _ = writeln!(out, "  - route-{:05}", first + 1);
        let second = rng.below(routes);
        if second != first {
            let _ = writeln!(out, "  - route-{:05}", second + 1);
        }
    }
    out.push_str("---\n\n## What happened\n\n");
    for _ in 0..3 {
        out.push_str(&paragraph(&mut rng, 4));
        out.push_str("\n\n");
    }
    out
}

const PAGES: [(&str, &str, &str); 3] = [
    (
        "about",
        "About this portal",
        "What this portal is for and how we keep it up to date.",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is and how to report a problem.",
    ),
    (
        "privacy",
        "Privacy notice",
        "How we use the information on this website.",
    ),
];

/// Writes a synthetic portal of `n` systems into `dir` (which must not
/// have a `content/` folder yet).
pub fn generate(n: usize, dir: &Path) -> Result<Generated, BenchGenError> {
    let content = dir.join("content");
    if content.exists() {
        return Err(BenchGenError::NotEmpty(content));
    }
    let write = |path: PathBuf, text: &str| -> Result<(), BenchGenError> {
        fs::write(&path, text).map_err(|source| BenchGenError::Io { path, source })
    };
    for sub in ["systems", "errors", "challenges", "pages"] {
        let folder = content.join(sub);
        fs::create_dir_all(&folder).map_err(|source| BenchGenError::Io {
            path: folder.clone(),
            source,
        })?;
    }
    write(content.join("portal.yaml"), &portal_yaml())?;

    let routes = (n / 50).max(1);
    for i in 0..routes {
        write(
            content.join(format!("challenges/route-{:05}.md", i + 1)),
            &challenge(i),
        )?;
    }
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let (id, text) = system(i, routes);
        write(content.join(format!("systems/{id}.md")), &text)?;
        ids.push(id);
    }
    let errors = if n == 0 { 0 } else { (n / 5).max(1) };
    for i in 0..errors {
        let system_id = &ids[(i * 5 + i % 5) % n];
        write(
            content.join(format!("errors/error-{:06}.md", i + 1)),
            &published_error(i, system_id, routes),
        )?;
    }
    for (order, (id, title, description)) in PAGES.iter().enumerate() {
        let mut rng = Rng::new(3_000_000 + order as u64);
        let text = format!(
            "---\ntitle: {title}\ndescription: {description}\nfooter_order: {}\nupdated: 2026-01-15\n---\n\n{}\n\n{}\n",
            order + 1,
            paragraph(&mut rng, 5),
            paragraph(&mut rng, 5)
        );
        write(content.join(format!("pages/{id}.md")), &text)?;
    }
    Ok(Generated {
        systems: n,
        errors,
        challenges: routes,
        pages: PAGES.len(),
    })
}
