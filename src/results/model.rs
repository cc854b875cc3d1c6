//! Pure aggregation of answers into per-question summaries: counts and percentages per option,
//! mean, median and distribution for numbers, and how many people wrote text.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::surveys::question::{FACES, NONE_OF_THESE, OTHER};
use crate::surveys::{AnswerValue, Question, QuestionId, QuestionKind};

/// One stored response with its answers, as results, the API and CSV read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseRow {
    /// The response's database id.
    pub id: i64,
    pub submitted_at: DateTime<Utc>,
    pub mode: String,
    pub channel: String,
    pub context: Option<String>,
    /// Answers by question id (unanswered questions are absent).
    pub answers: BTreeMap<QuestionId, AnswerValue>,
}

/// How many gave one answer, and what share of those who answered the question that is.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionCount {
    pub label: String,
    pub count: u64,
    /// 0–100, of the people who answered this question.
    pub percent: f64,
}

/// What a question's answers add up to.
#[derive(Clone, Debug, PartialEq)]
pub enum Summary {
    /// Choices and yes/no: one row per option.
    Options(Vec<OptionCount>),
    /// Faces, scale and rating.
    Numbers {
        mean: Option<f64>,
        median: Option<f64>,
        /// One row per possible value, lowest first (faces labelled with their words).
        distribution: Vec<OptionCount>,
    },
    /// Free text: only how many wrote something.
    Text,
}

/// The summary of one question.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionSummary {
    pub key: String,
    pub prompt: String,
    pub kind: QuestionKind,
    /// No longer asked, but its answers still count.
    pub archived: bool,
    /// How many responses answered it.
    pub answered: u64,
    pub summary: Summary,
}

fn percent(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        // Counts stay far below 2^52, so the conversion is exact.
        count as f64 * 100.0 / total as f64
    }
}

fn rows(counts: Vec<(String, u64)>, answered: u64) -> Vec<OptionCount> {
    counts
        .into_iter()
        .map(|(label, count)| OptionCount {
            percent: percent(count, answered),
            label,
            count,
        })
        .collect()
}

/// The label a number gets in a distribution: faces use their words.
pub fn number_label(kind: QuestionKind, n: i32) -> String {
    if kind == QuestionKind::Faces
        && let Some((_, _, label)) = FACES.iter().find(|(v, _, _)| *v == n)
    {
        return (*label).to_owned();
    }
    n.to_string()
}

/// The median of values given as (value, how many), or `None` when there are none.
pub fn median(counts: &BTreeMap<i32, u64>) -> Option<f64> {
    let total: u64 = counts.values().sum();
    if total == 0 {
        return None;
    }
    let nth = |index: u64| -> i32 {
        let mut seen = 0;
        for (value, count) in counts {
            seen += count;
            if index < seen {
                return *value;
            }
        }
        0
    };
    if total % 2 == 1 {
        Some(f64::from(nth(total / 2)))
    } else {
        Some((f64::from(nth(total / 2 - 1)) + f64::from(nth(total / 2))) / 2.0)
    }
}

/// Adds up a question's answers, given as (answer, how many gave it).
pub fn summarise(question: &Question, groups: &[(AnswerValue, u64)]) -> QuestionSummary {
    let def = &question.def;
    let answered: u64 = groups.iter().map(|(_, n)| n).sum();
    let summary = match def.kind {
        kind if kind.is_numeric() => {
            let mut counts: BTreeMap<i32, u64> = BTreeMap::new();
            if let Some((low, high)) = kind.range() {
                for v in low..=high {
                    counts.insert(v, 0);
                }
            }
            for (answer, n) in groups {
                if let AnswerValue::Number(v) = answer {
                    *counts.entry(*v).or_default() += n;
                }
            }
            let sum: f64 = counts.iter().map(|(v, n)| f64::from(*v) * *n as f64).sum();
            let mean = (answered > 0).then(|| sum / answered as f64);
            let median = median(&counts);
            let distribution = counts
                .iter()
                .map(|(v, n)| (number_label(kind, *v), *n))
                .collect();
            Summary::Numbers {
                mean,
                median,
                distribution: rows(distribution, answered),
            }
        }
        kind if kind.is_text() => Summary::Text,
        kind => {
            let mut labels: Vec<String> = match kind {
                QuestionKind::YesNo => vec!["Yes".into(), "No".into()],
                _ => def.options.clone(),
            };
            if def.allow_other {
                labels.push(OTHER.into());
            }
            if def.allow_none {
                labels.push(NONE_OF_THESE.into());
            }
            let mut counts: Vec<(String, u64)> = labels.into_iter().map(|l| (l, 0)).collect();
            let mut add = |label: &str, n: u64| match counts.iter_mut().find(|(l, _)| l == label) {
                Some((_, c)) => *c += n,
                None => counts.push((label.to_owned(), n)),
            };
            for (answer, n) in groups {
                match answer {
                    AnswerValue::Choices(ticked) => ticked.iter().for_each(|t| add(t, *n)),
                    AnswerValue::Other(_) => add(OTHER, *n),
                    AnswerValue::Text(t) if kind == QuestionKind::YesNo => {
                        add(if t == "yes" { "Yes" } else { "No" }, *n);
                    }
                    AnswerValue::Text(t) | AnswerValue::Choice(t) => add(t, *n),
                    AnswerValue::Number(v) => add(&v.to_string(), *n),
                }
            }
            Summary::Options(rows(counts, answered))
        }
    };
    QuestionSummary {
        key: def.key.as_str().to_owned(),
        prompt: def.prompt.clone(),
        kind: def.kind,
        archived: question.archived,
        answered,
        summary,
    }
}

/// Text shown outside the single-response view: answers withheld for safeguarding review are
/// replaced by a note, and the rest are redacted (emails, phones, postcodes, names).
pub fn protect_text(
    rows: &mut [ResponseRow],
    questions: &[Question],
    withheld: &std::collections::HashSet<(i64, i64)>,
) {
    for row in rows {
        for q in questions {
            let Some(answer) = row.answers.get_mut(&q.id) else {
                continue;
            };
            let typed = match answer {
                AnswerValue::Text(t) if q.def.kind.is_text() => t,
                AnswerValue::Other(t) => t,
                _ => continue,
            };
            *typed = if withheld.contains(&(row.id, q.id.0)) {
                WITHHELD.to_owned()
            } else {
                crate::disclosure::redact(typed)
            };
        }
    }
}

/// What a withheld answer shows as in tables.
pub const WITHHELD: &str = "[withheld for safeguarding review]";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::question::QuestionInput;
    use crate::surveys::{QuestionDef, QuestionId};

    fn question(kind: &str, options: &[&str]) -> Question {
        let def = QuestionDef::parse(&QuestionInput {
            kind: kind.into(),
            prompt: "Q".into(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            allow_other: true,
            ..Default::default()
        })
        .unwrap();
        Question {
            id: QuestionId(1),
            position: 0,
            archived: false,
            def,
        }
    }

    #[test]
    fn numbers_get_a_mean_a_median_and_a_labelled_distribution() {
        let q = question("faces", &[]);
        let s = summarise(
            &q,
            &[(AnswerValue::Number(1), 1), (AnswerValue::Number(4), 3)],
        );
        assert_eq!(s.answered, 4);
        let Summary::Numbers {
            mean,
            median,
            distribution,
        } = s.summary
        else {
            panic!("numbers expected")
        };
        assert_eq!(mean, Some(3.25));
        assert_eq!(median, Some(4.0));
        assert_eq!(distribution.len(), 5);
        assert_eq!(distribution[3].label, "Good");
        assert_eq!(distribution[3].percent, 75.0);
    }

    #[test]
    fn the_median_of_an_even_count_is_the_middle_pair_averaged() {
        let counts = BTreeMap::from([(1, 1), (2, 1), (5, 2)]);
        assert_eq!(median(&counts), Some(3.5));
        assert_eq!(median(&BTreeMap::new()), None);
    }

    #[test]
    fn choices_are_counted_per_option_with_other() {
        let q = question("single_choice", &["A", "B"]);
        let s = summarise(
            &q,
            &[
                (AnswerValue::Choice("A".into()), 2),
                (AnswerValue::Other("x".into()), 1),
                (AnswerValue::Other("y".into()), 1),
            ],
        );
        let Summary::Options(rows) = s.summary else {
            panic!("options expected")
        };
        let counts: Vec<_> = rows.iter().map(|r| (r.label.as_str(), r.count)).collect();
        assert_eq!(counts, [("A", 2), ("B", 0), ("Other", 2)]);
        assert_eq!(rows[0].percent, 50.0);
    }
}
