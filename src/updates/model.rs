//! "You said, we did" in plain values: the four sections (each with an easy-read version),
//! the one parser the steward's form uses, and the draft made from what the project has.

use serde::{Deserialize, Serialize};

use crate::disclosure::MinGroup;
use crate::experiments::Status;
use crate::stewardship::together_store::GroupPage;
use crate::web::FieldErrors;

/// The most a section may say.
pub const MAX: usize = 5000;

/// The four sections, each in plain words and in easy read. Stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sections {
    pub told: String,
    pub told_easy: String,
    pub decided: String,
    pub decided_easy: String,
    pub trying: String,
    pub trying_easy: String,
    pub learned: String,
    pub learned_easy: String,
}

/// The steward's form, as typed (the same fields, unchecked).
pub type RawSections = Sections;

/// The section headings, in order: (field, heading).
pub const HEADINGS: [(&str, &str); 4] = [
    ("told", "What you told us"),
    ("decided", "What we decided"),
    ("trying", "What we are trying"),
    ("learned", "What we learned"),
];

impl Sections {
    /// Parses the form: each text at most 5,000 characters, through the shared text rule.
    pub fn parse(raw: &RawSections) -> Result<Sections, FieldErrors> {
        let mut e = FieldErrors::new();
        let s = Sections {
            told: e.text("told", "What you told us", &raw.told, MAX),
            told_easy: e.text(
                "told_easy",
                "What you told us (easy read)",
                &raw.told_easy,
                MAX,
            ),
            decided: e.text("decided", "What we decided", &raw.decided, MAX),
            decided_easy: e.text(
                "decided_easy",
                "What we decided (easy read)",
                &raw.decided_easy,
                MAX,
            ),
            trying: e.text("trying", "What we are trying", &raw.trying, MAX),
            trying_easy: e.text(
                "trying_easy",
                "What we are trying (easy read)",
                &raw.trying_easy,
                MAX,
            ),
            learned: e.text("learned", "What we learned", &raw.learned, MAX),
            learned_easy: e.text(
                "learned_easy",
                "What we learned (easy read)",
                &raw.learned_easy,
                MAX,
            ),
        };
        if e.is_empty() { Ok(s) } else { Err(e) }
    }

    /// A section's text by field name (`easy` for the easy-read version).
    pub fn get(&self, field: &str, easy: bool) -> &str {
        match (field, easy) {
            ("told", false) => &self.told,
            ("told", true) => &self.told_easy,
            ("decided", false) => &self.decided,
            ("decided", true) => &self.decided_easy,
            ("trying", false) => &self.trying,
            ("trying", true) => &self.trying_easy,
            ("learned", false) => &self.learned,
            ("learned", true) => &self.learned_easy,
            _ => "",
        }
    }

    /// Reads stored JSON; anything unreadable is an empty page, never an error.
    pub fn from_json(text: &str) -> Sections {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn lines(items: impl Iterator<Item = String>) -> String {
    items
        .map(|l| format!("- {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A first draft from the project's themes (small counts already hidden), decisions and ideas:
/// ideas kept, changed or stopped are what we learned; the rest are what we are trying.
pub fn draft(g: &GroupPage, min: MinGroup) -> Sections {
    let themes = lines(
        g.themes
            .iter()
            .map(|t| format!("{} ({} people said this)", t.name, min.show(t.answers))),
    );
    let themes_easy = lines(g.themes.iter().map(|t| t.name.clone()));
    let decided = lines(g.decisions.iter().map(|d| {
        if d.rationale.is_empty() {
            d.summary()
        } else {
            format!("{}. Why: {}", d.summary(), d.rationale)
        }
    }));
    let decided_easy = lines(g.decisions.iter().map(|d| d.summary()));
    let done = |s: Status| matches!(s, Status::Adopted | Status::Adapted | Status::Stopped);
    let trying = lines(
        g.ideas
            .iter()
            .filter(|i| !done(i.status))
            .map(|i| format!("{}: {}", i.title, i.hypothesis)),
    );
    let trying_easy = lines(
        g.ideas
            .iter()
            .filter(|i| !done(i.status))
            .map(|i| i.title.clone()),
    );
    let learned = lines(
        g.ideas
            .iter()
            .filter(|i| done(i.status))
            .map(|i| format!("{}: {}", i.title, learned_words(i.status))),
    );
    Sections {
        told: themes,
        told_easy: themes_easy,
        decided,
        decided_easy,
        trying,
        trying_easy,
        learned_easy: learned.clone(),
        learned,
    }
}

fn learned_words(s: Status) -> &'static str {
    match s {
        Status::Adopted => "it worked, so we are keeping it",
        Status::Adapted => "we changed it and are trying again",
        _ => "we stopped it",
    }
}

/// A public address: 12 lower-case letters and digits. Anything else is a 404 before a query.
pub fn is_slug(text: &str) -> bool {
    text.len() == 12
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A sign-up for emails: an address that looks like one, consent ticked, the trap left empty.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RawSubscribe {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub consent: String,
    /// A field people never see; robots fill it.
    #[serde(default)]
    pub website: String,
}

/// A checked sign-up: just the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscribe(pub String);

impl Subscribe {
    /// Parses the sign-up form.
    pub fn parse(raw: &RawSubscribe) -> Result<Subscribe, FieldErrors> {
        let mut e = FieldErrors::new();
        let email = match crate::accounts::EmailAddress::parse(&raw.email) {
            Ok(a) => a.as_str().to_owned(),
            Err(why) => {
                e.add("email", why);
                String::new()
            }
        };
        if raw.consent != "yes" {
            e.add("consent", "Tick the box to say we may email you");
        }
        if e.is_empty() {
            Ok(Subscribe(email))
        } else {
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::Shown;
    use crate::stewardship::together_store::GroupTheme;

    #[test]
    fn a_draft_says_fewer_than_for_a_small_theme_and_never_its_number() {
        let min = MinGroup(5);
        let g = GroupPage {
            themes: vec![
                GroupTheme {
                    name: "Lonely at night".into(),
                    description: String::new(),
                    answers: min.hide(2),
                },
                GroupTheme {
                    name: "Waiting".into(),
                    description: String::new(),
                    answers: Shown::Value(20),
                },
            ],
            ..GroupPage::default()
        };
        let d = draft(&g, min);
        assert!(d.told.contains("Lonely at night (fewer than"), "{}", d.told);
        assert!(!d.told.contains("(2 "), "{}", d.told);
        assert!(d.told.contains("Waiting (20 people said this)"));
    }

    #[test]
    fn signing_up_needs_an_address_and_consent() {
        let raw = RawSubscribe {
            email: "kim@example.org".into(),
            ..Default::default()
        };
        assert!(Subscribe::parse(&raw).unwrap_err().get("consent").is_some());
        let raw = RawSubscribe {
            consent: "yes".into(),
            ..raw
        };
        assert_eq!(Subscribe::parse(&raw).unwrap().0, "kim@example.org");
    }
}
