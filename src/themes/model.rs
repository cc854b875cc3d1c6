//! Pure theme and coding types: ids, statuses, the theme form's rules and what an answer's
//! codings add up to (steward decisions always win over automation).

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::fields::FieldErrors;
use crate::string_enum;

/// A theme's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThemeId(pub i64);

/// An answer's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnswerId(pub i64);

/// A coding's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodingId(pub i64);

string_enum! {
    /// Whether a theme is in use.
    ThemeStatus {
        Active = "active",
        Retired = "retired",
    }
}

string_enum! {
    /// What a theme's history entry records.
    ThemeAction {
        Created = "created",
        Renamed = "renamed",
        Edited = "edited",
        Merged = "merged",
        Retired = "retired",
        Restored = "restored",
    }
}

impl ThemeAction {
    /// How the history list says it.
    pub fn label(self) -> &'static str {
        match self {
            ThemeAction::Created => "Created",
            ThemeAction::Renamed => "Renamed",
            ThemeAction::Edited => "Description or codebook changed",
            ThemeAction::Merged => "Merged",
            ThemeAction::Retired => "Retired",
            ThemeAction::Restored => "Restored",
        }
    }
}

string_enum! {
    /// Who or what put a theme on an answer.
    Source {
        Keyword = "keyword",
        Learned = "learned",
        Steward = "steward",
    }
}

impl Source {
    /// How the coding page says it.
    pub fn label(self) -> &'static str {
        match self {
            Source::Keyword => "codebook",
            Source::Learned => "learned coder",
            Source::Steward => "steward",
        }
    }
}

string_enum! {
    /// Where a coding stands.
    CodingStatus {
        Suggested = "suggested",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

/// A theme as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
    pub description: String,
    pub codebook: Vec<String>,
    pub status: ThemeStatus,
    pub merged_into: Option<ThemeId>,
}

/// The theme form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ThemeInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Codebook phrases, one per line.
    #[serde(default)]
    pub codebook: String,
}

/// A validated theme.
#[derive(Clone, Debug, PartialEq)]
pub struct NewTheme {
    pub name: String,
    pub description: String,
    pub codebook: Vec<String>,
}

/// Longest theme name in characters.
pub const NAME_MAX: usize = 80;
/// Most codebook phrases per theme.
pub const PHRASES_MAX: usize = 200;

impl NewTheme {
    /// Checks a typed theme; `taken` are the names of the project's other active themes.
    pub fn parse(input: &ThemeInput, taken: &[String]) -> Result<NewTheme, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.line("name", "Theme name", &input.name, usize::MAX);
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        errors.require("name", &name, "Enter a name for the theme");
        if name.chars().count() > NAME_MAX {
            errors.add(
                "name",
                format!("Theme name must be {NAME_MAX} characters or fewer"),
            );
        } else if taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            errors.add("name", "There is already a theme with this name");
        }
        let codebook = errors.text("codebook", "Codebook phrases", &input.codebook, usize::MAX);
        let codebook = parse_codebook(&codebook);
        if codebook.len() > PHRASES_MAX {
            errors.add("codebook", format!("Enter {PHRASES_MAX} phrases or fewer"));
        } else if codebook.iter().any(|p| p.chars().count() > 200) {
            errors.add("codebook", "Each phrase must be 200 characters or fewer");
        }
        let description = errors.text("description", "Description", &input.description, 2000);
        if errors.is_empty() {
            Ok(NewTheme {
                name,
                description,
                codebook,
            })
        } else {
            Err(errors)
        }
    }
}

/// Codebook phrases from text typed one per line: trimmed, blank lines and repeats dropped.
pub fn parse_codebook(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty() && seen.insert(l.to_lowercase()))
        .collect()
}

/// One coding as the rules see it.
#[derive(Clone, Debug, PartialEq)]
pub struct CodingFact {
    pub theme: ThemeId,
    pub source: Source,
    pub status: CodingStatus,
    pub confirmed: bool,
}

/// The themes that apply to an answer: a steward's rejection removes a theme whatever else
/// says; steward and confirmed codings apply; keyword codings apply; learned suggestions do not
/// apply until accepted.
pub fn applied_themes(codings: &[CodingFact]) -> BTreeSet<ThemeId> {
    let rejected: BTreeSet<ThemeId> = codings
        .iter()
        .filter(|c| c.source == Source::Steward && c.status == CodingStatus::Rejected)
        .map(|c| c.theme)
        .collect();
    codings
        .iter()
        .filter(|c| c.status == CodingStatus::Accepted && !rejected.contains(&c.theme))
        .map(|c| c.theme)
        .collect()
}

/// Whether a steward has looked at this answer (it then becomes a training example).
pub fn steward_reviewed(codings: &[CodingFact]) -> bool {
    codings.iter().any(|c| c.confirmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(theme: i64, source: Source, status: CodingStatus) -> CodingFact {
        CodingFact {
            theme: ThemeId(theme),
            source,
            status,
            confirmed: source == Source::Steward,
        }
    }

    #[test]
    fn a_steward_rejection_beats_a_keyword_match() {
        let c = [
            fact(1, Source::Keyword, CodingStatus::Accepted),
            fact(1, Source::Steward, CodingStatus::Rejected),
            fact(2, Source::Keyword, CodingStatus::Accepted),
            fact(3, Source::Learned, CodingStatus::Suggested),
        ];
        assert_eq!(applied_themes(&c), [ThemeId(2)].into_iter().collect());
        assert!(steward_reviewed(&c));
    }

    #[test]
    fn codebook_lines_are_trimmed_and_deduplicated() {
        assert_eq!(
            parse_codebook(" waiting  times \n\nWaiting times\nrude"),
            vec!["waiting times", "rude"]
        );
    }

    #[test]
    fn theme_names_are_required_and_unique() {
        let input = ThemeInput {
            name: " Staff ".into(),
            ..ThemeInput::default()
        };
        assert!(NewTheme::parse(&input, &["staff".into()]).is_err());
        assert_eq!(NewTheme::parse(&input, &[]).unwrap().name, "Staff");
        assert!(NewTheme::parse(&ThemeInput::default(), &[]).is_err());
    }
}
