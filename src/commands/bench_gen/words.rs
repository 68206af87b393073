//! The word lists the synthetic portal is made from.

pub(super) const AREAS: [(&str, &str, &str); 12] = [
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

pub(super) const TOPICS: [&str; 24] = [
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

pub(super) const VERBS: [&str; 12] = [
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

pub(super) const TEAMS: [&str; 10] = [
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

pub(super) const ROLES: [&str; 8] = [
    "Director of Adult Social Care",
    "Director of Children's Services",
    "Head of Revenues and Benefits",
    "Head of Customer Services",
    "Director of Place",
    "Chief Digital Officer",
    "Head of Housing",
    "Director of Public Health",
];

pub(super) const SUPPLIERS: [&str; 9] = [
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

pub(super) const GROUPS: [&str; 10] = [
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

pub(super) const WORDS: [&str; 96] = [
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

pub(super) const HEADINGS: [&str; 10] = [
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

pub(super) const STATUSES: [&str; 5] = ["planned", "pilot", "in-use", "paused", "retired"];
pub(super) const AUTOMATION: [&str; 4] = [
    "informs-staff",
    "recommends",
    "decides-with-review",
    "decides-automatically",
];
pub(super) const MODELS: [&str; 4] = ["rule-based", "machine-learning", "generative", "hybrid"];
pub(super) const CHALLENGE_KINDS: [&str; 7] = [
    "explanation",
    "human-review",
    "appeal",
    "complaint",
    "ombudsman",
    "regulator",
    "data-rights",
];
pub(super) const FORMATS: [&str; 6] = [
    "easy-read",
    "large-print",
    "braille",
    "audio",
    "bsl",
    "other-languages",
];
