//! What a participant representative thinks of a decision, pure: agree, not sure or disagree,
//! with an optional note in their own words.

use crate::fields::FieldErrors;
use crate::string_enum;

string_enum! {
    /// A representative's view of a decision.
    Opinion {
        Agree = "agree",
        NotSure = "not_sure",
        Disagree = "disagree",
    }
}

impl Opinion {
    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            Opinion::Agree => "I agree",
            Opinion::NotSure => "I am not sure",
            Opinion::Disagree => "I disagree",
        }
    }
}

/// The opinion form as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RawOpinion {
    pub opinion: String,
    pub note: String,
}

/// A parsed opinion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOpinion {
    pub opinion: Opinion,
    pub note: String,
}

impl NewOpinion {
    /// Parses the form: one of the three answers, and a note of up to 1,000 characters.
    pub fn parse(raw: &RawOpinion) -> Result<NewOpinion, FieldErrors> {
        let mut e = FieldErrors::new();
        let opinion = Opinion::parse(&raw.opinion);
        if opinion.is_none() {
            e.add("opinion", "Choose what you think");
        }
        let note = e.text("note", "What you wrote", &raw.note, 1000);
        match opinion {
            Some(opinion) if e.is_empty() => Ok(NewOpinion { opinion, note }),
            _ => Err(e),
        }
    }
}

/// Everyone's opinions of one decision: counts, and the notes without names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opinions {
    pub agree: u64,
    pub not_sure: u64,
    pub disagree: u64,
    pub notes: Vec<(Opinion, String)>,
}

impl Opinions {
    /// How many gave a view.
    pub fn total(&self) -> u64 {
        self.agree + self.not_sure + self.disagree
    }
}
