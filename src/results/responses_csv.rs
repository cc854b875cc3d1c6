//! The survey responses CSV: the header, one row per response (pure), and the streamed body:
//! responses read in pages of [`CHUNK`] by id and written chunk by chunk, so only one page is
//! ever in memory, with a last column saying whether safeguarding flagged the response.

use actix_web::web::Bytes;
use futures_util::Stream;
use sea_orm::DatabaseConnection;

use crate::export::{BOM, attachment, record};
use crate::results::model::ResponseRow;
use crate::results::store;
use crate::safeguarding;
use crate::surveys::{Question, Survey};

/// The last column: "flagged" when a response has an answer awaiting safeguarding review,
/// "reviewed" once every flag on it is reviewed, empty otherwise.
pub const FLAG_COLUMN: &str = "safeguarding_flag";

/// Responses read per database query.
pub const CHUNK: u64 = 500;

fn to_db_err(err: ::csv::Error) -> sea_orm::DbErr {
    sea_orm::DbErr::Custom(format!("writing CSV failed: {err}"))
}

/// The download's file name, e.g. `survey-12-responses.csv`.
pub fn filename(survey: &Survey) -> String {
    format!("survey-{}-responses.csv", survey.id.0)
}

enum Next {
    Header,
    After(i64),
    Done,
}

/// The whole CSV of a survey's responses as a stream of byte chunks.
pub fn responses_csv(
    db: DatabaseConnection,
    survey: &Survey,
    questions: Vec<Question>,
    bom: bool,
) -> impl Stream<Item = Result<Bytes, sea_orm::DbErr>> + 'static {
    let survey_id = survey.id;
    futures_util::stream::unfold(Next::Header, move |next| {
        let db = db.clone();
        let questions = questions.clone();
        async move {
            match next {
                Next::Done => None,
                Next::Header => {
                    let mut out = Vec::new();
                    if bom {
                        out.extend_from_slice(BOM);
                    }
                    let mut cells = header(&questions);
                    cells.push(FLAG_COLUMN.to_owned());
                    let result = record(&mut out, &cells)
                        .map(|()| Bytes::from(out))
                        .map_err(to_db_err);
                    Some((result, Next::After(0)))
                }
                Next::After(after) => {
                    let page = match store::responses_after(
                        &db, survey_id, &questions, after, CHUNK,
                    )
                    .await
                    {
                        Ok(page) => page,
                        Err(err) => return Some((Err(err), Next::Done)),
                    };
                    let last = page.last().map(|r| r.id)?;
                    let ids: Vec<i64> = page.iter().map(|r| r.id).collect();
                    let marks = match safeguarding::store::flag_marks(&db, &ids).await {
                        Ok(marks) => marks,
                        Err(err) => return Some((Err(err), Next::Done)),
                    };
                    let mut out = Vec::new();
                    for response in &page {
                        let mut cells = row(response, &questions);
                        cells.push(
                            marks
                                .get(&response.id)
                                .copied()
                                .unwrap_or_default()
                                .to_owned(),
                        );
                        if let Err(err) = record(&mut out, &cells) {
                            return Some((Err(to_db_err(err)), Next::Done));
                        }
                    }
                    let next = if (page.len() as u64) < CHUNK {
                        Next::Done
                    } else {
                        Next::After(last)
                    };
                    Some((Ok(Bytes::from(out)), next))
                }
            }
        }
    })
}

/// Column names: the response's own columns, then one per question key (archived included).
pub fn header(questions: &[Question]) -> Vec<String> {
    let mut cells: Vec<String> = ["response_id", "submitted_at", "mode", "channel", "context"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    cells.extend(questions.iter().map(|q| q.def.key.as_str().to_owned()));
    cells
}

/// The cells of one response, in header order; choices joined with "; ", faces as words.
pub fn row(response: &ResponseRow, questions: &[Question]) -> Vec<String> {
    let mut cells = vec![
        response.id.to_string(),
        response.submitted_at.to_rfc3339(),
        response.mode.clone(),
        response.channel.clone(),
        response.context.clone().unwrap_or_default(),
    ];
    cells.extend(questions.iter().map(|q| {
        response
            .answers
            .get(&q.id)
            .map(|a| a.display(q.def.kind))
            .unwrap_or_default()
    }));
    cells
}

/// The streamed download response, with a file name for saving.
pub fn csv_response(
    db: DatabaseConnection,
    survey: &Survey,
    questions: Vec<Question>,
    bom: bool,
) -> actix_web::HttpResponse {
    attachment(&filename(survey)).streaming(responses_csv(db, survey, questions, bom))
}
