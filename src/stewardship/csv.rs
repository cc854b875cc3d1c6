//! `decisions.csv`: one row per decision in the log as filtered. Names of people in the room are
//! never recorded; the decider's display name is, as on the page.

use crate::decisions::Decision;
use crate::export::{BOM, record};
use crate::stewardship::model::Citable;
use crate::stewardship::views::subject_link;

/// The header of `decisions.csv`.
pub const HEADER: [&str; 17] = [
    "decision_id",
    "decided_at",
    "kind",
    "about",
    "about_name",
    "question",
    "from",
    "decided",
    "rationale",
    "options",
    "criteria",
    "children",
    "family",
    "practitioners",
    "managers",
    "others",
    "review_on",
];

/// The whole file.
pub fn log(list: &[Decision], has: &Citable) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = BOM.to_vec();
    record(&mut out, &HEADER.map(str::to_owned))?;
    for d in list {
        let (_, name) = subject_link(d, has);
        let f = &d.framework;
        let criteria: Vec<String> = f
            .assessments
            .iter()
            .map(|a| format!("{}: {}", a.criterion, a.rating.label()))
            .collect();
        let row = [
            d.id.to_string(),
            d.at.to_rfc3339(),
            d.kind.label().to_owned(),
            d.subject.kind.as_str().to_owned(),
            name,
            d.question.clone(),
            d.from.clone(),
            d.to.clone(),
            d.rationale.clone(),
            f.options.join("; "),
            criteria.join("; "),
            f.room.children.to_string(),
            f.room.family.to_string(),
            f.room.practitioners.to_string(),
            f.room.managers.to_string(),
            f.room.others.to_string(),
            f.review_on.map(|d| d.to_string()).unwrap_or_default(),
        ];
        record(&mut out, &row)?;
    }
    Ok(out)
}
