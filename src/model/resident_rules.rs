//! The rules that keep a system entry honest with residents: a system that
//! writes to residents or talks to them says so, and a system that
//! recommends or decides about residents names the law it rests on.

use super::validate::At;
use super::*;

/// What the rules read from one system entry.
pub(super) struct Facts<'a> {
    pub(super) automation: &'a Spanned<AutomationLevel>,
    pub(super) affects_residents_directly: bool,
    pub(super) resident_contact: Option<&'a Spanned<ResidentContact>>,
    pub(super) has_lawful_basis: bool,
    /// Imported records may lack what their register did not ask for; the
    /// rules about missing fields then warn instead of failing the build.
    pub(super) imported: bool,
}

pub(super) fn check(at: &At, f: &Facts, d: &mut Vec<Diagnostic>) {
    match f.resident_contact {
        Some(contact)
            if contact.value != ResidentContact::BehindTheScenes
                && !f.affects_residents_directly =>
        {
            let what = match contact.value {
                ResidentContact::TalksToYou => "talks to residents",
                _ => "produces what residents receive",
            };
            d.push(
                at.error(
                    contact,
                    "resident-contact",
                    format!("this system {what}, but `affects_residents_directly` is false"),
                )
                .with_help(
                    "set `affects_residents_directly: true`, or `resident_contact: behind-the-scenes` \
                     if only staff see what the system produces",
                ),
            );
        }
        None if f.affects_residents_directly
            && f.automation.value == AutomationLevel::InformsStaff =>
        {
            let message = "this system affects residents directly but only informs staff: say how residents meet it";
            d.push(
                if f.imported {
                    at.warning(f.automation, "resident-contact", message)
                } else {
                    at.error(f.automation, "resident-contact", message)
                }
                .with_help(
                    "add `resident_contact: produces-what-you-receive` if it writes or changes what \
                     residents get (letters, messages), `talks-to-you` if residents use it directly \
                     (a chat helper), or `behind-the-scenes` if only staff see what it produces",
                ),
            );
        }
        _ => {}
    }
    let about_residents = f.affects_residents_directly
        && matches!(
            f.automation.value,
            AutomationLevel::Recommends
                | AutomationLevel::DecidesWithReview
                | AutomationLevel::DecidesAutomatically
        );
    if about_residents && !f.has_lawful_basis {
        let message =
            "this system recommends or decides about residents, but gives no `lawful_basis`";
        let help = "add `lawful_basis:` naming the law or legal power the use rests on, for example \
                    \"UK GDPR Article 6(1)(e) (public task), under the Road Traffic Act 1991\"";
        d.push(if f.imported {
            at.warning(f.automation, "missing-lawful-basis", message)
                .with_help(help)
        } else {
            at.error(f.automation, "missing-lawful-basis", message)
                .with_help(help)
        });
    }
}
