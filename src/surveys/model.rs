//! Pure survey types: kinds, audiences, status, layout, and when a survey can be answered.

use chrono::{DateTime, Utc};

use crate::projects::ProjectId;
use crate::string_enum;
use crate::surveys::question::QuestionDef;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 120;

/// A survey's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct SurveyId(pub i64);

string_enum! {
    /// What a survey is for.
    SurveyKind {
        /// A co-design questionnaire for children, families or anyone.
        Questionnaire = "questionnaire",
        /// Practitioners' quick, repeatable, real-time feedback.
        Feedback = "feedback",
    }
}

string_enum! {
    /// Who a survey is written for.
    Audience {
        Children = "children",
        Families = "families",
        Practitioners = "practitioners",
        Anyone = "anyone",
    }
}

string_enum! {
    /// Where a survey is in its life.
    Status {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
    }
}

string_enum! {
    /// How questions are laid out.
    Layout {
        /// One question per page (default for children and families).
        OnePerPage = "one_per_page",
        /// Every question on one page (default for feedback).
        SinglePage = "single_page",
    }
}

impl SurveyKind {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            SurveyKind::Questionnaire => "Questionnaire",
            SurveyKind::Feedback => "Feedback form",
        }
    }
}

impl Audience {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Children => "Children and young people",
            Audience::Families => "Families",
            Audience::Practitioners => "Practitioners",
            Audience::Anyone => "Anyone",
        }
    }

    /// Whether pages for this audience show help for children and families (Childline, 999
    /// and the project's local contact): surveys for children or families.
    pub fn shows_help(self) -> bool {
        matches!(self, Audience::Children | Audience::Families)
    }
}

impl Status {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Open => "Open",
            Status::Closed => "Closed",
        }
    }
}

impl Layout {
    /// The layout that suits a kind and audience when the steward has not chosen.
    pub fn default_for(kind: SurveyKind, audience: Audience) -> Layout {
        match (kind, audience) {
            (SurveyKind::Feedback, _) => Layout::SinglePage,
            (_, Audience::Children | Audience::Families) => Layout::OnePerPage,
            _ => Layout::SinglePage,
        }
    }
}

/// A survey as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Survey {
    pub id: SurveyId,
    pub project_id: ProjectId,
    /// Random public identifier used in `/s/{slug}`.
    pub slug: String,
    pub kind: SurveyKind,
    pub title: String,
    pub audience: Audience,
    pub intro: String,
    pub privacy_notice: String,
    pub status: Status,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub layout: Layout,
    /// Anonymous by default; feedback forms may attribute practitioners to their team.
    pub anonymous: bool,
    /// Sensitive surveys offer a quick exit.
    pub sensitive: bool,
    /// For feedback forms: the question asked about context, e.g. "Where was this?"
    pub context_prompt: Option<String>,
    /// For feedback forms: the context choices, e.g. "After a home visit".
    pub context_options: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Whether a survey can be answered now, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// Open for answers.
    Open,
    /// Still being built.
    Draft,
    /// Open later, from this time.
    NotYetOpen(DateTime<Utc>),
    /// No longer taking answers.
    Closed,
}

impl Survey {
    /// Whether answers are accepted at `now`.
    pub fn availability(&self, now: DateTime<Utc>) -> Availability {
        match self.status {
            Status::Draft => Availability::Draft,
            Status::Closed => Availability::Closed,
            Status::Open => match (self.opens_at, self.closes_at) {
                (Some(open), _) if now < open => Availability::NotYetOpen(open),
                (_, Some(close)) if now >= close => Availability::Closed,
                _ => Availability::Open,
            },
        }
    }

    /// Public path of the runner.
    pub fn path(&self) -> String {
        format!("/s/{}", self.slug)
    }
}

/// A survey described in code (demo content, test fixtures, benchmarks), nothing checked:
/// [`crate::surveys::store::create`] maps it into a [`RawSurvey`] and parses it like every
/// other path, so it is stored only if it keeps every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSurvey {
    pub kind: SurveyKind,
    pub title: String,
    pub audience: Audience,
    pub intro: String,
    pub privacy_notice: String,
    pub layout: Layout,
    pub anonymous: bool,
    pub sensitive: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub context_prompt: Option<String>,
    pub context_options: Vec<String>,
    pub questions: Vec<QuestionDef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_default_to_one_question_per_page_for_children_and_families() {
        assert_eq!(
            Layout::default_for(SurveyKind::Questionnaire, Audience::Children),
            Layout::OnePerPage
        );
        assert_eq!(
            Layout::default_for(SurveyKind::Questionnaire, Audience::Families),
            Layout::OnePerPage
        );
        assert_eq!(
            Layout::default_for(SurveyKind::Feedback, Audience::Practitioners),
            Layout::SinglePage
        );
    }
}
