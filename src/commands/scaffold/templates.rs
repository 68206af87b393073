//! The files `glassbox init` starts a portal with, each field explained in a
//! comment and `TODO` where only the author knows what to write.

pub(super) const PORTAL_YAML: &str = r#"# yaml-language-server: $schema=../schemas/portal.schema.json
# The settings of the whole portal. Fill in every line that says TODO: glassbox
# does not publish the portal while one is left (`glassbox build --draft` previews
# it). `glassbox check` says what is missing.

# The public body that publishes the portal.
organisation:
  # Its full name.
  name: TODO the name of your organisation, such as "Exampleton Council"
  # What kind of body: local-authority, central-government, arms-length-body, devolved-administration, nhs, police, fire, education, public-corporation or other.
  type: local-authority
  # Its main website.
  website: https://TODO.example.gov.uk/
# The full address the portal will be published at.
base_url: https://TODO.example.gov.uk/ai/
# The language of the portal, such as en-GB or cy.
language: en-GB
# One or two sentences on the home page saying what the portal is for.
introduction: >-
  TODO say in one or two sentences what this site is for, such as "This site
  lists every computer system we use that helps make decisions about you."
# The service areas systems are grouped by, in the order they are shown.
service_areas:
  - id: general
    # The name residents see.
    name: TODO the name of a service area, such as "Housing"
# Where residents can ask about the portal: email, phone, phone_hours, web_form, post or in_person.
default_contact:
  email: TODO@example.gov.uk
# Where to report a mistake in a record: email or form_url, and response_time.
report_a_problem:
  email: TODO@example.gov.uk
  response_time: within 10 working days
# The longest time between two reviews of a system, in months (1 to 60).
review_interval_months: 12
# Extra links in the footer, each with a title and url.
footer_links: []
# How `glassbox check` judges plain language (see the README).
plain_language:
  # Lowest Flesch reading ease for summaries and steps (higher is easier).
  min_reading_ease: 50
  # Most words in one sentence.
  max_sentence_words: 25
  # Your own words to avoid, each with word, instead and glossary.
  jargon: []
"#;

pub(super) const ACCESSIBILITY_PAGE: &str = r#"---
# yaml-language-server: $schema=../../schemas/page.schema.json
# The accessibility statement every public sector website must have.
title: Accessibility statement
# One sentence for search engines and link previews.
description: How accessible this website is and how to report a problem.
# Puts the page in the footer, at this place (lower first); the footer has
# room for 8 pages, and the list of all pages links the others.
footer_order: 1
# When the page was last updated (YYYY-MM-DD).
updated: {today}
---

This statement applies to this website. TODO name the organisation that runs it.

## How accessible this website is

The site is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2
at level AA. It works without JavaScript, with a screen reader and zoomed in to
400%. TODO say when and how you last tested it, and list any known problems.

## Reporting accessibility problems

TODO say how to tell you about a problem, and how quickly you answer.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing
the accessibility regulations. If you are not happy with how we respond to your
complaint, contact the Equality Advisory and Support Service (EASS).

## Preparation of this statement

TODO say when this statement was prepared and last reviewed.
"#;

pub(super) const PRIVACY_PAGE: &str = r#"---
# yaml-language-server: $schema=../../schemas/page.schema.json
# How this website uses personal data.
title: Privacy notice
# One sentence for search engines and link previews.
description: How this website uses personal information.
# Puts the page in the footer, at this place (lower first); the footer has
# room for 8 pages, and the list of all pages links the others.
footer_order: 2
# When the page was last updated (YYYY-MM-DD).
updated: {today}
---

This website does not use cookies and does not track you.

TODO say what your web server logs, how long you keep the logs, and link to
your organisation's full privacy notice.
"#;
