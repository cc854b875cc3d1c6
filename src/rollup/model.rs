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

/// One theme across the projects inside: the themes with its name, and any a steward said are
/// the same; how many projects have it, and its answers summed (hidden when the sum is small).
#[derive(Clone, Debug, PartialEq)]
pub struct RolledTheme {
    pub name: String,
    /// Other names counted with it (linked by a steward).
    pub also: Vec<String>,
    pub projects: Vec<String>,
    pub answers: Shown<u64>,
}

/// A theme in one of the projects: (project title, theme id, name, answers).
pub type ThemeRow = (String, i64, String, u64);

/// Rolls up themes: those with the same name (ignoring case and spaces at the ends) or linked
/// as "the same" (`same`, pairs of theme ids) are one; counts are summed, then suppressed; most
/// answers first, hidden ones last by name, so their order tells nothing.
pub fn roll_themes(rows: &[ThemeRow], same: &[(i64, i64)], min: MinGroup) -> Vec<RolledTheme> {
    // Union-find over rows: first by name, then by the stewards' links.
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    fn root(parent: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    fn join(parent: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let key = |r: &ThemeRow| r.2.trim().to_lowercase();
    for a in 0..rows.len() {
        for b in a + 1..rows.len() {
            if key(&rows[a]) == key(&rows[b]) {
                join(&mut parent, a, b);
            }
        }
    }
    for (x, y) in same {
        let a = rows.iter().position(|r| r.1 == *x);
        let b = rows.iter().position(|r| r.1 == *y);
        if let (Some(a), Some(b)) = (a, b) {
            join(&mut parent, a, b);
        }
    }
    let mut groups: BTreeMap<usize, (RolledTheme, u64)> = BTreeMap::new();
    for (i, (project, _, name, n)) in rows.iter().enumerate() {
        let r = root(&mut parent, i);
        let (t, sum) = groups.entry(r).or_insert_with(|| {
            (
                RolledTheme {
                    name: name.trim().to_owned(),
                    also: Vec::new(),
                    projects: Vec::new(),
                    answers: Shown::Value(0),
                },
                0,
            )
        });
        let name = name.trim();
        if !t.name.eq_ignore_ascii_case(name)
            && !t.also.iter().any(|a| a.eq_ignore_ascii_case(name))
        {
            t.also.push(name.to_owned());
        }
        if !t.projects.contains(project) {
            t.projects.push(project.clone());
        }
        *sum += n;
    }
    let mut out: Vec<(u64, RolledTheme)> = groups
        .into_values()
        .map(|(mut t, n)| {
            t.answers = if min.too_small(n) {
                min.hide(n)
            } else {
                Shown::Value(n)
            };
            (n, t)
        })
        .collect();
    let order = |t: &(u64, RolledTheme)| {
        let hidden = t.1.answers.is_hidden();
        (hidden, if hidden { 0 } else { u64::MAX - t.0 })
    };
    out.sort_by(|a, b| {
        order(a)
            .cmp(&order(b))
            .then_with(|| a.1.name.cmp(&b.1.name))
    });
    out.into_iter().map(|(_, t)| t).collect()
}

/// Parses "count these two themes together": two different themes of the roll-up.
pub fn parse_same(a: &str, b: &str, rows: &[ThemeRow]) -> Result<(i64, i64), FieldErrors> {
    let mut e = FieldErrors::new();
    let known = |t: &str| {
        t.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| rows.iter().any(|r| r.1 == *id))
    };
    let (x, y) = (known(a), known(b));
    if x.is_none() {
        e.add("a", "Choose a theme from the list");
    }
    if y.is_none() {
        e.add("b", "Choose a theme from the list");
    }
    match (x, y) {
        (Some(x), Some(y)) if x == y => {
            e.add("b", "Choose two different themes");
            Err(e)
        }
        (Some(x), Some(y)) => Ok((x, y)),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_match_by_name_and_are_hidden_only_after_summing() {
        let rows = vec![
            ("Team A".to_string(), 1, "Waiting".to_string(), 3),
            ("Team B".to_string(), 2, " waiting ".to_string(), 4),
            ("Team B".to_string(), 3, "Noise".to_string(), 2),
            ("Team A".to_string(), 4, "Loud rooms".to_string(), 1),
        ];
        let out = roll_themes(&rows, &[], MinGroup(5));
        assert_eq!(out[0].name, "Waiting");
        assert_eq!(
            out[0].answers,
            Shown::Value(7),
            "3 and 4 are each small, 7 is not"
        );
        assert_eq!(out[0].projects, ["Team A", "Team B"]);
        assert!(out[1].answers.is_hidden(), "1 stays hidden");
        assert!(out[2].answers.is_hidden(), "2 stays hidden");
        let linked = roll_themes(&rows, &[(4, 3)], MinGroup(2));
        let noise = linked.iter().find(|t| t.name == "Noise").unwrap();
        assert_eq!(
            noise.answers,
            Shown::Value(3),
            "a steward's link counts them together"
        );
        assert_eq!(noise.also, ["Loud rooms"]);
        assert_eq!(noise.projects, ["Team B", "Team A"]);
    }
}
