//! Learning across scales, pure: which wider project a project may sit inside (always a larger
//! scale, so nesting never loops), and the roll-up of themes across the projects inside one —
//! matched by name, counts summed first and only then hidden when small.

use std::collections::BTreeMap;

use crate::disclosure::{MinGroup, Shown};
use crate::fields::FieldErrors;
use crate::projects::{Project, ProjectId, Scale};

/// How large a scale is: person 0 … region 4.
pub fn rank(scale: Scale) -> usize {
    Scale::ALL.iter().position(|s| *s == scale).unwrap_or(0)
}

/// The projects `own` may sit inside: those of a larger scale (never itself).
pub fn candidates<'a>(own: &Project, visible: &'a [Project]) -> Vec<&'a Project> {
    visible
        .iter()
        .filter(|p| p.id != own.id && rank(p.scale) > rank(own.scale))
        .collect()
}

/// Parses the chosen parent: blank for none, else one of the candidates.
pub fn parse_parent(
    chosen: &str,
    own: &Project,
    visible: &[Project],
) -> Result<Option<ProjectId>, FieldErrors> {
    let chosen = chosen.trim();
    if chosen.is_empty() {
        return Ok(None);
    }
    let id = chosen.parse::<i64>().ok().map(ProjectId);
    match id.filter(|id| candidates(own, visible).iter().any(|p| p.id == *id)) {
        Some(id) => Ok(Some(id)),
        None => {
            let mut e = FieldErrors::new();
            e.add(
                "parent",
                "Choose a wider project you can see, of a larger scale than this one",
            );
            Err(e)
        }
    }
}

/// One theme name across the projects inside: how many projects have it, and its answers
/// summed (hidden when the sum is small).
#[derive(Clone, Debug, PartialEq)]
pub struct RolledTheme {
    pub name: String,
    pub projects: Vec<String>,
    pub answers: Shown<u64>,
}

/// Rolls up (project title, theme name, answers) rows: themes match by name, ignoring case and
/// spaces at the ends; counts are summed, then suppressed; most answers first, hidden ones last
/// by name.
pub fn roll_themes(rows: &[(String, String, u64)], min: MinGroup) -> Vec<RolledTheme> {
    let mut by: BTreeMap<String, (String, Vec<String>, u64)> = BTreeMap::new();
    for (project, name, n) in rows {
        let key = name.trim().to_lowercase();
        let entry = by
            .entry(key)
            .or_insert_with(|| (name.trim().to_owned(), Vec::new(), 0));
        if !entry.1.contains(project) {
            entry.1.push(project.clone());
        }
        entry.2 += n;
    }
    let mut out: Vec<(u64, RolledTheme)> = by
        .into_values()
        .map(|(name, projects, n)| {
            let answers = if min.too_small(n) {
                min.hide(n)
            } else {
                Shown::Value(n)
            };
            (
                n,
                RolledTheme {
                    name,
                    projects,
                    answers,
                },
            )
        })
        .collect();
    // Shown figures by size; hidden ones by name, so their order tells nothing.
    let key = |t: &(u64, RolledTheme)| {
        let hidden = t.1.answers.is_hidden();
        (hidden, if hidden { 0 } else { u64::MAX - t.0 })
    };
    out.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.1.name.cmp(&b.1.name)));
    out.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_match_by_name_and_are_hidden_only_after_summing() {
        let rows = vec![
            ("Team A".to_string(), "Waiting".to_string(), 3),
            ("Team B".to_string(), " waiting ".to_string(), 4),
            ("Team B".to_string(), "Noise".to_string(), 2),
        ];
        let out = roll_themes(&rows, MinGroup(5));
        assert_eq!(out[0].name, "Waiting");
        assert_eq!(
            out[0].answers,
            Shown::Value(7),
            "3 and 4 are each small, 7 is not"
        );
        assert_eq!(out[0].projects, ["Team A", "Team B"]);
        assert!(out[1].answers.is_hidden(), "2 stays hidden");
    }
}
