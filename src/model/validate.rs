//! Value checks shared by every entry kind: front matter into raw types, and
//! positions for the web addresses, e-mail addresses and language tags an
//! author writes.

use super::*;

/// An entry parsed on its own, with what the cross-checks need to point at
/// the right line.
pub(super) struct Parsed<'s, T, R> {
    pub(super) model: T,
    /// The spanned parts kept for the checks that need other entries.
    pub(super) refs: R,
    pub(super) file: &'s SourceFile,
    pub(super) yaml_line: usize,
    /// The entry's `aliases`, with positions for the alias checks.
    pub(super) aliases: Vec<Spanned<String>>,
}

/// Splits and parses one entry's front matter into `T`.
pub(super) fn parse_front_matter<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<(T, usize, String, usize)> {
    let split = match front_matter::split(&file.path, &file.text) {
        Ok(split) => split,
        Err(e) => {
            d.push(e);
            return None;
        }
    };
    match yaml::parse::<T>(split.yaml, &file.path, &file.text, split.yaml_line) {
        Ok(raw) => Some((
            raw,
            split.yaml_line,
            split.body.to_string(),
            split.body_line,
        )),
        Err(e) => {
            d.extend(e);
            None
        }
    }
}

/// Small helpers to check values that carry a position.
pub(super) struct At<'a> {
    pub(super) file: &'a SourceFile,
    pub(super) yaml_line: usize,
}

impl At<'_> {
    pub(super) fn pos<T>(&self, value: &Spanned<T>) -> Position {
        yaml::position(value, self.yaml_line)
    }

    pub(super) fn error<T>(
        &self,
        value: &Spanned<T>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, message).at(&self.file.path, &self.file.text, self.pos(value))
    }

    pub(super) fn warning<T>(
        &self,
        value: &Spanned<T>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::warning(code, message).at(&self.file.path, &self.file.text, self.pos(value))
    }

    /// A web address: must be absolute http(s).
    pub(super) fn url(&self, value: &Spanned<String>, d: &mut Vec<Diagnostic>) -> String {
        let url = value.value.trim();
        match check_web_url(url) {
            Ok(WebUrl {
                mixed_script_host: true,
            }) => d.push(
                self.warning(
                    value,
                    "lookalike-host",
                    format!("the host name in `{url}` mixes letters of different alphabets, as lookalike addresses do"),
                )
                .with_help("check the address letter by letter, or copy it from the site itself"),
            ),
            Ok(_) => {}
            Err(UrlProblem::Credentials) => d.push(
                self.error(
                    value,
                    "url-credentials",
                    format!("`{url}` has a user name or password in it"),
                )
                .with_help("remove the part before `@` in the host: a published page must never carry a password"),
            ),
            Err(UrlProblem::Bidi) => d.push(
                self.error(
                    value,
                    "invalid-url",
                    "this web address has an invisible character that changes the direction of text (U+202A to U+202E or U+2066 to U+2069)",
                )
                .with_help("retype the address by hand, or copy it again from the browser's address bar"),
            ),
            Err(UrlProblem::NotWeb) => d.push(
                self.error(
                    value,
                    "invalid-url",
                    format!("`{url}` is not a web address"),
                )
                .with_help("write the full address, starting with https://"),
            ),
        }
        url.to_string()
    }

    pub(super) fn email(&self, value: &Spanned<String>, d: &mut Vec<Diagnostic>) -> String {
        let email = value.value.trim().trim_start_matches("mailto:");
        if !is_email(email) {
            d.push(
                self.error(
                    value,
                    "invalid-email",
                    format!("`{email}` is not an email address"),
                )
                .with_help("write the address alone, like `ai-team@example.gov.uk`, without `?`, `&`, `#` or anything after it"),
            );
        }
        email.to_string()
    }

    pub(super) fn summary(&self, value: &Spanned<String>, d: &mut Vec<Diagnostic>) -> String {
        let text = value.value.trim().to_string();
        let chars = text.chars().count();
        if chars > MAX_SUMMARY_CHARS {
            d.push(
                self.error(
                    value,
                    "summary-too-long",
                    format!("the summary is {chars} characters long; the limit is {MAX_SUMMARY_CHARS}"),
                )
                .with_help("keep the summary to two or three short sentences; put detail in the text below the front matter"),
            );
        } else if text.is_empty() {
            d.push(
                self.error(value, "missing-value", "the summary is empty")
                    .with_help("write one or two plain sentences"),
            );
        }
        text
    }

    /// A name or title, as the site shows it: without spaces at the ends,
    /// and with a `bidi-control` warning when it has an invisible
    /// bidirectional control character (see [`bidi_warning`]). `what` says
    /// which one, for the message: "the system name".
    pub(super) fn name(
        &self,
        value: &Spanned<Text>,
        what: &str,
        d: &mut Vec<Diagnostic>,
    ) -> String {
        let text = value.value.trim();
        d.extend(self.bidi_warning(value, text, what));
        text.to_string()
    }

    /// [`At::name`] for a field that may be left out.
    pub(super) fn optional_name(
        &self,
        value: Option<&Spanned<Text>>,
        what: &str,
        d: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        value.map(|v| self.name(v, what, d))
    }

    /// The `bidi-control` warning for `text`, the value of `value`, when it
    /// has a bidirectional control character: at the first one left open
    /// (never ended), else at the first one, on its own line and column
    /// when the file has it as it is.
    pub(super) fn bidi_warning<T>(
        &self,
        value: &Spanned<T>,
        text: &str,
        what: &str,
    ) -> Option<Diagnostic> {
        if !bidi::has_controls(text) {
            return None;
        }
        let pairing = bidi::pair(text);
        let left_open = pairing.open.first().map(|&(_, c)| c);
        let first = left_open
            .or_else(|| text.chars().find(|&c| bidi::is_control(c)))
            .unwrap_or(bidi::RLO);
        let count = text.chars().filter(|&c| bidi::is_control(c)).count();
        let others = match count {
            1 => String::new(),
            2 => " (and 1 more such character)".to_string(),
            n => format!(" (and {} more such characters)", n - 1),
        };
        let named = format!(
            "an invisible {} character (U+{:04X})",
            bidi::describe(first),
            first as u32
        );
        let message = match left_open {
            Some(bidi::RLO) => format!(
                "{what} has {named} that is never ended{others}: shown as it is, it would turn the rest of the sentence around it backwards"
            ),
            Some(_) => format!(
                "{what} has {named} that is never ended{others}: shown as it is, it would change the direction of the text after it"
            ),
            None => format!(
                "{what} has {named}{others}, which changes the direction of the text it is in"
            ),
        };
        let position = locate(&self.file.text, self.pos(value), first);
        Some(
            Diagnostic::warning("bidi-control", message)
                .at(&self.file.path, &self.file.text, position)
                .with_help(
                    "delete it: such characters come in unseen with text copied from a document, \
                     email or web page, and most editors do not show them. Retype the text by hand, \
                     or delete the character where it is marked above. The site keeps it from \
                     reaching the words around this text, but it can still show the text itself \
                     backwards or jumbled. Text that mixes right-to-left writing (Arabic, Hebrew) \
                     with English does not need it: the site shows each name and title in its own \
                     direction",
                ),
        )
    }

    pub(super) fn lang(
        &self,
        value: &Option<Spanned<String>>,
        d: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let value = value.as_ref()?;
        let tag = value.value.trim();
        if !is_language_tag(tag) {
            d.push(
                self.error(
                    value,
                    "invalid-language",
                    format!("`{tag}` is not a language code"),
                )
                .with_help("use a code such as `en-GB`, `cy` (Welsh) or `pl` (Polish)"),
            );
        }
        Some(tag.to_string())
    }

    pub(super) fn contact(
        &self,
        raw: Spanned<RawContact>,
        d: &mut Vec<Diagnostic>,
        context: &str,
    ) -> Contact {
        let at = self.pos(&raw);
        let RawContact {
            email,
            phone,
            phone_hours,
            web_form,
            post,
            in_person,
        } = raw.value;
        let contact = Contact {
            email: email.as_ref().map(|e| self.email(e, d)),
            phone: phone.map(|p| p.trim().to_string()),
            phone_hours: phone_hours.map(String::from),
            web_form: web_form.as_ref().map(|u| self.url(u, d)),
            post: post.map(|p| p.trim_end().to_string()),
            in_person: in_person.map(String::from),
        };
        let reachable = contact.email.is_some()
            || contact.phone.is_some()
            || contact.web_form.is_some()
            || contact
                .post
                .as_deref()
                .is_some_and(|p| !p.trim().is_empty())
            || contact.in_person.is_some();
        if !reachable {
            d.push(
                Diagnostic::error(
                    "empty-contact",
                    format!("{context} gives no way to get in touch"),
                )
                .at(&self.file.path, &self.file.text, at)
                .with_help("give at least one of: email, phone, web_form, post, in_person"),
            );
        }
        contact
    }
}

/// Where `target` is in the file: on the line the value at `start` begins
/// on (from its column), or on the lines below that are indented more than
/// that line (the rest of a value written over several lines). `start`
/// itself when it is not there as it is (written as an escape, `"\u202E"`).
fn locate(text: &str, start: Position, target: char) -> Position {
    let mut lines = text.lines().enumerate().skip(start.line.saturating_sub(1));
    let Some((n, first)) = lines.next() else {
        return start;
    };
    let indent = |line: &str| line.len() - line.trim_start().len();
    let skip = start.column.saturating_sub(1);
    if let Some(at) = first.chars().skip(skip).position(|c| c == target) {
        return Position::new(n + 1, skip + at + 1);
    }
    let key_indent = indent(first);
    for (n, line) in lines {
        if !line.trim().is_empty() && indent(line) <= key_indent {
            break;
        }
        if let Some(at) = line.chars().position(|c| c == target) {
            return Position::new(n + 1, at + 1);
        }
    }
    start
}

/// Why a text is not a web address glassbox will link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    /// Not an absolute `http://` or `https://` address with a host name.
    NotWeb,
    /// It carries a user name or password (`https://user:pass@host/`).
    Credentials,
    /// It has a bidirectional control character (see [`bidi`]): shown, it
    /// can make the address read as another one; as a link, the site would
    /// have to leave it out of the isolation it gives every other text.
    Bidi,
}

/// A web address that passed: whether its host mixes scripts in one name
/// (Latin with Cyrillic or Greek letters, say), the way lookalike addresses
/// are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WebUrl {
    pub(crate) mixed_script_host: bool,
}

/// Checks that `url` is an absolute http(s) address: a host name of letters,
/// digits, hyphens and dots (with a dot, or `localhost`), an optional numeric
/// port, no user name or password, and no spaces, quotes or angle brackets.
pub(crate) fn check_web_url(url: &str) -> Result<WebUrl, UrlProblem> {
    let lower = url.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(UrlProblem::NotWeb)?;
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>' || c == '\\'
    }) {
        return Err(UrlProblem::NotWeb);
    }
    if bidi::has_controls(url) {
        return Err(UrlProblem::Bidi);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(UrlProblem::Credentials);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(UrlProblem::NotWeb);
    }
    let labels_ok = host
        .split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if !labels_ok || !(host.contains('.') || host == "localhost") {
        return Err(UrlProblem::NotWeb);
    }
    Ok(WebUrl {
        mixed_script_host: host.split('.').any(mixes_scripts),
    })
}

/// Whether `url` is a web address glassbox links to (see [`check_web_url`]).
pub fn is_web_url(url: &str) -> bool {
    check_web_url(url).is_ok()
}

/// The script a letter belongs to, coarsely: enough to see a name that
/// mixes Latin with Cyrillic or Greek.
fn script(c: char) -> Option<u8> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Some(0),
        '\u{0370}'..='\u{03FF}' => Some(1),
        '\u{0400}'..='\u{052F}' => Some(2),
        c if c.is_alphabetic() => Some(3),
        _ => None,
    }
}

fn mixes_scripts(label: &str) -> bool {
    let mut seen = None;
    for s in label.chars().filter_map(script) {
        match seen {
            None => seen = Some(s),
            Some(first) if first != s => return true,
            _ => {}
        }
    }
    false
}

/// An e-mail address and nothing else: a local part of letters, digits and
/// `. _ + - '`, then a domain name of letters, digits and hyphens with a dot.
/// No `?`, `&`, `#`, `/` or `%` (which would add headers or a body to a
/// `mailto:` link), no IP address in brackets, no spaces.
pub(crate) fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._+-'".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

/// A BCP 47 tag in the common shape: a 2–3 letter language, then optional
/// subtags of 1–8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(language) = parts.next() else {
        return false;
    };
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_whole_http_addresses_without_passwords() {
        for ok in [
            "https://www.example.gov.uk/",
            "http://localhost:4455/x",
            "https://example.org:8443/a?b=c#d",
        ] {
            assert_eq!(
                check_web_url(ok),
                Ok(WebUrl {
                    mixed_script_host: false
                }),
                "{ok}"
            );
        }
        for bad in [
            "javascript:alert(1)",
            "//evil.example/",
            "data:text/html,x",
            "https://www.gov.ukjavascript:alert(1)",
            "https://exa mple.org/",
            "https:///path",
        ] {
            assert_eq!(check_web_url(bad), Err(UrlProblem::NotWeb), "{bad}");
        }
        assert_eq!(
            check_web_url("https://user:pass@example.org/"),
            Err(UrlProblem::Credentials)
        );
        assert_eq!(
            check_web_url("https://example.org/\u{202E}fdp.exe"),
            Err(UrlProblem::Bidi)
        );
        // "pаypal" with a Cyrillic а.
        assert_eq!(
            check_web_url("https://p\u{0430}ypal.example/"),
            Ok(WebUrl {
                mixed_script_host: true
            })
        );
        assert_eq!(
            check_web_url("https://\u{043f}\u{0440}\u{0438}\u{043c}\u{0435}\u{0440}.example/"),
            Ok(WebUrl {
                mixed_script_host: false
            })
        );
    }

    #[test]
    fn a_bidi_control_is_found_on_the_value_s_own_lines() {
        let text =
            "---\nname: A \u{202E}B\nsummary: >-\n  one\n  two \u{2067}three\nx: \u{202E}\n---\n";
        // On the value's line, after its start.
        assert_eq!(
            locate(text, Position::new(2, 7), '\u{202E}'),
            Position::new(2, 9)
        );
        // A block scalar: on a line below, indented more than the key.
        assert_eq!(
            locate(text, Position::new(3, 10), '\u{2067}'),
            Position::new(5, 7)
        );
        // Not in the value (written as an escape): the value's start, never
        // a character of the next field.
        assert_eq!(
            locate(text, Position::new(3, 10), '\u{202E}'),
            Position::new(3, 10)
        );
    }

    #[test]
    fn e_mail_addresses_are_addresses_and_nothing_else() {
        for ok in [
            "ai-team@example.gov.uk",
            "o'brien+ai@council.example",
            "a.b@x.co",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "a@b.example?bcc=c@d.example",
            "a@b.example&cc=c@d.example",
            "a@b.example#x",
            "a@[127.0.0.1]",
            "a@127.0.0.1",
            "a/b@c.example",
            "a%3Fb@c.example",
            "a@b",
            "@b.example",
            "a b@c.example",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
