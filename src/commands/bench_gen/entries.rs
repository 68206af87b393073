//! One synthetic system, published error or challenge route as the text of
//! its Markdown file.

use std::fmt::Write as _;

use super::text::*;
use super::words::*;

pub(super) fn resident_can_start(i: usize) -> bool {
    i % 7 != 6
}

pub(super) fn challenge(i: usize) -> String {
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

pub(super) fn system(i: usize, routes: usize) -> (String, String) {
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
    // The filler never says that the system decides or suggests: that is
    // `automation`'s to say, and the rule `automation-summary` warns when the
    // summary contradicts it. (Replacing words keeps the random sequence.)
    let filler = sentence(&mut rng)
        .replace(" decides", " weighs")
        .replace(" suggests", " sorts");
    folded(
        &mut out,
        2,
        &format!(
            "This computer system helps {area_name} staff with {verb} each {topic}. {filler} A person checks its work and makes the final decision.",
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
    if affects && automation == "informs-staff" {
        let contact = [
            "produces-what-you-receive",
            "talks-to-you",
            "behind-the-scenes",
        ][i % 3];
        let _ = writeln!(out, "resident_contact: {contact}");
    } else if affects && automation == "decides-automatically" {
        // Residents get what it decides (the rule `resident-contact`).
        let _ = writeln!(out, "resident_contact: produces-what-you-receive");
    }
    if affects && automation != "informs-staff" {
        let _ = writeln!(
            out,
            "lawful_basis: UK GDPR Article 6(1)(e) (public task), under the {} Act {}.",
            capitalise(topic),
            1990 + i % 30
        );
    }
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

pub(super) fn published_error(i: usize, system_id: &str, routes: usize) -> String {
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
