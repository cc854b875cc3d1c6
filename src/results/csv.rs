//! The aggregates CSV (pure): one row per question, breakdown, group and answer, with hidden
//! counts written as "fewer than N" and every cell neutralised against spreadsheet formulas.

use crate::disclosure::{MinGroup, Shown};
use crate::export::{BOM, record};
use crate::results::aggregate_store::QuestionAggregate;

/// The header row.
pub const HEADER: [&str; 10] = [
    "scope",
    "question_key",
    "question",
    "breakdown",
    "group",
    "answer",
    "count",
    "percent",
    "mean",
    "median",
];

/// What the `answer` column says on a group's summary row.
pub const ANSWERED: &str = "(answered)";

fn number(v: Shown<Option<f64>>) -> String {
    match v {
        Shown::Value(Some(x)) => format!("{x:.2}"),
        _ => String::new(),
    }
}

/// The whole aggregates CSV for `scope` (e.g. "survey 12" or "project 3").
pub fn aggregates_csv(
    scope: &str,
    aggregates: &[QuestionAggregate],
    min: MinGroup,
    bom: bool,
) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(BOM);
    }
    record(&mut out, &HEADER.map(str::to_owned))?;
    for a in aggregates {
        for b in &a.breakdowns {
            for row in &b.rows {
                let base = |answer: &str, count: String, percent: String, mean, median| {
                    vec![
                        scope.to_owned(),
                        a.key.clone(),
                        a.prompt.clone(),
                        b.dimension.as_str().to_owned(),
                        row.group.clone(),
                        answer.to_owned(),
                        count,
                        percent,
                        mean,
                        median,
                    ]
                };
                record(
                    &mut out,
                    &base(
                        ANSWERED,
                        min.show(row.answered),
                        String::new(),
                        number(row.mean),
                        number(row.median),
                    ),
                )?;
                for (label, (count, percent)) in b.columns.iter().zip(&row.cells) {
                    let percent = percent
                        .value()
                        .map(|p| format!("{p:.1}"))
                        .unwrap_or_default();
                    record(
                        &mut out,
                        &base(
                            label,
                            min.show(*count),
                            percent,
                            String::new(),
                            String::new(),
                        ),
                    )?;
                }
            }
        }
    }
    Ok(out)
}
