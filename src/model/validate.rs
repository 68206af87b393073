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
        if !is_web_url(url) {
            d.push(
                self.error(
                    value,
                    "invalid-url",
                    format!("`{url}` is not a web address"),
                )
                .with_help("write the full address, starting with https://"),
            );
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
                .with_help("write an address like `ai-team@example.gov.uk`"),
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

pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(host) if host.split('/').next().is_some_and(|h| h.contains('.') || h.starts_with("localhost")))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

pub(super) fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || "<>\"(),;:".contains(c))
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
