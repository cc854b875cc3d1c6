//! Pure round types: ids, where a round is in its life, the three choices (with words and faces
//! for children), who a voter is, a round and its items, and the parsers for the round and item
//! forms (the pages and the API use the same ones).

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::fields::FieldErrors;
use crate::projects::ProjectId;
use crate::string_enum;
use crate::surveys::Audience;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest introduction or item text, in characters.
pub const TEXT_MAX: usize = 2000;

/// A round's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct RoundId(pub i64);

/// An item's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ItemId(pub i64);

/// A comment's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct CommentId(pub i64);

string_enum! {
    /// Where a round is in its life: only an open round takes votes.
    RoundStatus {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
    }
}

string_enum! {
    /// What a person thinks of an item.
    Choice {
        Agree = "agree",
        NotSure = "not_sure",
        Disagree = "disagree",
    }
}

string_enum! {
    /// Who a voter said they are: a category only (a mixed round asks; others know).
    Who {
        Children = "children",
        Families = "families",
        Practitioners = "practitioners",
        Unsaid = "unsaid",
    }
}

string_enum! {
    /// Where an item came from.
    Source {
        Theme = "theme",
        Experiment = "experiment",
        Free = "free",
    }
}

string_enum! {
    /// Whether a "tell us more" comment may be seen: held until a steward approves it.
    CommentStatus {
        Held = "held",
        Approved = "approved",
        Hidden = "hidden",
    }
}

impl RoundStatus {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            RoundStatus::Draft => "Draft",
            RoundStatus::Open => "Open",
            RoundStatus::Closed => "Closed",
        }
    }
}

impl Choice {
    /// The words beside each choice; children's rounds use words a child knows.
    pub fn label(self, children: bool) -> &'static str {
        match (self, children) {
            (Choice::Agree, false) => "Agree",
            (Choice::NotSure, false) => "Not sure",
            (Choice::Disagree, false) => "Disagree",
            (Choice::Agree, true) => "Yes, I agree",
            (Choice::NotSure, true) => "I'm not sure",
            (Choice::Disagree, true) => "No, I don't agree",
        }
    }

    /// The face shown beside the words on children's rounds (never on its own).
    pub fn face(self) -> &'static str {
        match self {
            Choice::Agree => "🙂",
            Choice::NotSure => "😐",
            Choice::Disagree => "🙁",
        }
    }
}

impl Who {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Who::Children => "A child or young person",
            Who::Families => "A parent, carer or family member",
            Who::Practitioners => "Someone who works with children or families",
            Who::Unsaid => "I'd rather not say",
        }
    }

    /// The group a round for one audience counts its voters in; `None` for a mixed round,
    /// which asks.
    pub fn of(audience: Audience) -> Option<Who> {
        match audience {
            Audience::Children => Some(Who::Children),
            Audience::Families => Some(Who::Families),
            Audience::Practitioners => Some(Who::Practitioners),
            Audience::Anyone => None,
        }
    }
}

/// A round as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub id: RoundId,
    pub project: ProjectId,
    pub title: String,
    pub intro: String,
    pub audience: Audience,
    pub slug: String,
    pub status: RoundStatus,
    pub show_results: bool,
    pub created_at: DateTime<Utc>,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Round {
    /// The public page's path.
    pub fn path(&self) -> String {
        format!("/p/{}", self.slug)
    }
    /// Whether the page uses children's words and faces.
    pub fn for_children(&self) -> bool {
        self.audience == Audience::Children
    }
    /// Whether the page asks "Who are you?" (a mixed round).
    pub fn asks_who(&self) -> bool {
        Who::of(self.audience).is_none()
    }
}

/// The round form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawRound {
    pub title: String,
    pub intro: String,
    pub audience: String,
    /// `yes` to show people the results after they vote.
    pub show_results: String,
}

/// A valid round's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRound {
    pub title: String,
    pub intro: String,
    pub audience: Audience,
    pub show_results: bool,
}

impl NewRound {
    /// The one rule for a round's settings (the form and the API).
    pub fn parse(raw: &RawRound) -> Result<NewRound, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.line("title", "The title", &raw.title, TITLE_MAX);
        e.require("title", &title, "Enter a title");
        let intro = e.text("intro", "The introduction", &raw.intro, TEXT_MAX);
        let audience = Audience::parse(&raw.audience);
        if audience.is_none() {
            e.add("audience", "Select who the round is for");
        }
        let show_results = match raw.show_results.trim() {
            "yes" => true,
            "" | "no" => false,
            _ => {
                e.add("show_results", "Select yes or no");
                false
            }
        };
        match audience {
            Some(audience) if e.is_empty() => Ok(NewRound {
                title,
                intro: intro.trim().to_owned(),
                audience,
                show_results,
            }),
            _ => Err(e),
        }
    }
}

/// One item as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: ItemId,
    pub round: RoundId,
    pub position: i32,
    pub source: Source,
    pub source_id: Option<i64>,
    pub fields: NewItem,
}

impl Item {
    /// The words to show: easy read when asked for and written, else the plain words.
    pub fn text(&self, easy_read: bool) -> &str {
        let easy = &self.fields.easy_read;
        if easy_read && !easy.is_empty() {
            easy
        } else {
            &self.fields.body
        }
    }
}

/// The item form as typed: `quotes` are the positions of the offered quotes ticked.
#[derive(Clone, Debug, Default)]
pub struct RawItem {
    pub title: String,
    pub body: String,
    pub easy_read: String,
    pub quotes: Vec<usize>,
}

/// A valid item's words and the quotes chosen (already redacted: only offered ones).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewItem {
    pub title: String,
    pub body: String,
    pub easy_read: String,
    pub quotes: Vec<String>,
}

impl NewItem {
    /// The one rule for an item: a title and plain words; quotes only from those `offered`
    /// (redacted by `disclosure/` before they were offered).
    pub fn parse(raw: &RawItem, offered: &[String]) -> Result<NewItem, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.line("title", "The title", &raw.title, TITLE_MAX);
        e.require("title", &title, "Enter a title");
        let body = e.text("body", "The plain words", &raw.body, TEXT_MAX);
        e.require("body", body.trim(), "Say what this is about in plain words");
        let easy_read = e.text("easy_read", "The easy read words", &raw.easy_read, TEXT_MAX);
        let mut quotes = Vec::new();
        for i in &raw.quotes {
            match offered.get(*i) {
                Some(q) if !quotes.contains(q) => quotes.push(q.clone()),
                Some(_) => {}
                None => e.add("quotes", "Choose quotes from the list"),
            }
        }
        if e.is_empty() {
            Ok(NewItem {
                title,
                body: body.trim().to_owned(),
                easy_read: easy_read.trim().to_owned(),
                quotes,
            })
        } else {
            Err(e)
        }
    }
}

/// A public address that could be a round's: lower-case letters and digits, 6 to 32 of them.
/// Anything else is a 404 before any query.
pub fn is_slug(text: &str) -> bool {
    (6..=32).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
