//! The flag log as CSV: one row per flag, never any answer text, cells made safe for
//! spreadsheets by `export::record`.

use crate::export::{BOM, record};
use crate::safeguarding::model::{FlagSummary, category_label};
use crate::safeguarding::review::status_label;

/// The column names.
pub const HEADER: [&str; 9] = [
    "flag_id",
    "survey",
    "category",
    "reason",
    "flagged_at",
    "status",
    "reviewed_by",
    "reviewed_at",
    "answer_deleted_at",
];

/// The whole log, optionally with a byte-order mark for Excel.
pub fn flag_log(flags: &[FlagSummary], bom: bool) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(BOM);
    }
    let header: Vec<String> = HEADER.iter().map(|h| (*h).to_owned()).collect();
    record(&mut out, &header)?;
    for f in flags {
        let (by, at) = match &f.reviewed {
            Some((by, at)) => (by.clone(), at.to_rfc3339()),
            None => (String::new(), String::new()),
        };
        record(
            &mut out,
            &[
                f.id.0.to_string(),
                f.survey_title.clone(),
                category_label(&f.category),
                f.phrase.clone(),
                f.flagged_at.to_rfc3339(),
                status_label(f.outcome).to_owned(),
                by,
                at,
                f.answer_deleted_at
                    .map(|d| d.to_rfc3339())
                    .unwrap_or_default(),
            ],
        )?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safeguarding::model::FlagId;

    #[test]
    fn a_survey_title_that_looks_like_a_formula_is_neutralised() {
        let flag = FlagSummary {
            id: FlagId(1),
            survey_title: "=HYPERLINK(\"x\")".into(),
            category: "neglect".into(),
            phrase: "no food".into(),
            flagged_at: chrono::Utc::now(),
            outcome: None,
            reviewed: None,
            answer_deleted_at: None,
        };
        let csv = String::from_utf8(flag_log(&[flag], false).unwrap()).unwrap();
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(csv.contains("Neglect,no food"), "{csv}");
        assert!(csv.contains("To review"));
    }
}
