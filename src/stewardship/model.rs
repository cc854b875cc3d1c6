//! A question a project decides with its framework, pure: what it is about, the question,
//! what was decided, why, the evidence cited and the framework part. One parser for the form
//! and the API.

use crate::decisions::{Criterion, Framework, RawFramework, Subject, SubjectKind};
use crate::fields::FieldErrors;
use crate::projects::ProjectId;

/// What a project has that a decision may be about or cite: its themes and experiments, by id
/// and name.
#[derive(Clone, Debug, Default)]
pub struct Citable {
    pub themes: Vec<(i64, String)>,
    pub experiments: Vec<(i64, String)>,
}

/// A free decision as typed into the form or sent to the API.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(default)]
pub struct RawChoice {
    /// `project`, `theme:{id}` or `experiment:{id}`.
    pub about: String,
    pub question: String,
    /// What was decided.
    pub decided: String,
    pub rationale: String,
    /// Ids of the project's themes cited as evidence.
    pub evidence_themes: Vec<i64>,
    /// Ids of the project's experiments cited as evidence.
    pub evidence_experiments: Vec<i64>,
    /// Options, criteria assessments, who was in the room, review date.
    pub framework: RawFramework,
}

impl RawChoice {
    /// Reads the form's pairs (repeated `evidence_theme` and `evidence_experiment` boxes).
    pub fn from_pairs(pairs: &[(String, String)]) -> RawChoice {
        let mut raw = RawChoice {
            framework: RawFramework::from_pairs(pairs),
            ..RawChoice::default()
        };
        for (k, v) in pairs {
            match k.as_str() {
                "about" => raw.about = v.clone(),
                "question" => raw.question = v.clone(),
                "decided" => raw.decided = v.clone(),
                "rationale" => raw.rationale = v.clone(),
                "evidence_theme" => raw.evidence_themes.extend(v.trim().parse::<i64>().ok()),
                "evidence_experiment" => raw
                    .evidence_experiments
                    .extend(v.trim().parse::<i64>().ok()),
                _ => {}
            }
        }
        raw
    }
}

/// A parsed free decision: every id is the project's.
#[derive(Clone, Debug, PartialEq)]
pub struct NewChoice {
    pub subject: Subject,
    pub question: String,
    pub decided: String,
    pub rationale: String,
    pub themes: Vec<i64>,
    pub experiments: Vec<i64>,
    pub framework: Framework,
}

impl NewChoice {
    /// Parses a free decision against what the project has and its criteria.
    pub fn parse(
        raw: &RawChoice,
        project: ProjectId,
        has: &Citable,
        criteria: &[Criterion],
    ) -> Result<NewChoice, FieldErrors> {
        let mut e = FieldErrors::new();
        let subject = about(&raw.about, project, has);
        if subject.is_none() {
            e.add("about", "Choose what the decision is about");
        }
        let question = e.line("question", "The question", &raw.question, 200);
        e.require("question", &question, "Enter the question you decided");
        let decided = e.line("decided", "What you decided", &raw.decided, 200);
        e.require("decided", &decided, "Enter what you decided");
        let rationale = e.text("rationale", "Why", &raw.rationale, 5000);
        e.require("rationale", &rationale, "Say why you decided this");
        let themes = known(&raw.evidence_themes, &has.themes);
        let experiments = known(&raw.evidence_experiments, &has.experiments);
        if themes.len() != dedup(&raw.evidence_themes).len()
            || experiments.len() != dedup(&raw.evidence_experiments).len()
        {
            e.add(
                "evidence",
                "Cite only this project\u{2019}s themes and experiments",
            );
        }
        let framework = Framework::parse(&raw.framework, criteria, &mut e);
        match subject {
            Some(subject) if e.is_empty() => Ok(NewChoice {
                subject,
                question,
                decided,
                rationale,
                themes,
                experiments,
                framework,
            }),
            _ => Err(e),
        }
    }
}

fn about(text: &str, project: ProjectId, has: &Citable) -> Option<Subject> {
    let text = text.trim();
    if text == "project" {
        return Some(Subject {
            kind: SubjectKind::Project,
            id: project.0,
        });
    }
    let (kind, id) = text.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    let (kind, list) = match kind {
        "theme" => (SubjectKind::Theme, &has.themes),
        "experiment" => (SubjectKind::Experiment, &has.experiments),
        _ => return None,
    };
    list.iter()
        .any(|(i, _)| *i == id)
        .then_some(Subject { kind, id })
}

fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

fn known(ids: &[i64], list: &[(i64, String)]) -> Vec<i64> {
    dedup(ids)
        .into_iter()
        .filter(|id| list.iter().any(|(i, _)| i == id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has() -> Citable {
        Citable {
            themes: vec![(4, "Waiting".into())],
            experiments: vec![(9, "Quiet room".into())],
        }
    }

    #[test]
    fn a_decision_needs_a_subject_a_question_an_answer_and_a_reason() {
        let e = NewChoice::parse(&RawChoice::default(), ProjectId(1), &has(), &[]).unwrap_err();
        for f in ["about", "question", "decided", "rationale"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }

    #[test]
    fn only_the_projects_own_themes_and_experiments_may_be_the_subject_or_the_evidence() {
        let raw = RawChoice {
            about: "theme:5".into(),
            question: "Make waiting a priority?".into(),
            decided: "Yes".into(),
            rationale: "Children said so".into(),
            evidence_themes: vec![4, 77],
            ..RawChoice::default()
        };
        let e = NewChoice::parse(&raw, ProjectId(1), &has(), &[]).unwrap_err();
        assert!(e.get("about").is_some());
        assert!(e.get("evidence").is_some());
        let ok = NewChoice::parse(
            &RawChoice {
                about: "theme:4".into(),
                evidence_themes: vec![4, 4],
                evidence_experiments: vec![9],
                ..raw
            },
            ProjectId(1),
            &has(),
            &[],
        )
        .unwrap();
        assert_eq!(ok.subject.kind, SubjectKind::Theme);
        assert_eq!(ok.themes, vec![4]);
        assert_eq!(ok.experiments, vec![9]);
    }
}
