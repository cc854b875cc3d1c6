//! Handlers for one question per page: each question, check your answers, and sending. Answers
//! wait in the server-side draft (see [`crate::responses::draft`]) between pages.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::responses::draft::{self, DraftToken};
use crate::responses::intake::{Intake, Refused, accept};
use crate::responses::limits;
use crate::responses::look::Look;
use crate::responses::model::{
    Channel, Draft, DraftAnswer, Mode, Sent, Submission, SubmissionId, first_gap,
};
use crate::responses::pairs::{honeypot_filled, pair};
use crate::responses::runner::{
    Entry, RATE_LIMITED, carry, load, refused, remember_look, sent_page, unavailable, with_cookie,
    with_retry_after,
};
use crate::responses::{resume, store, views};
use crate::state::AppState;
use crate::surveys::render::raw_from_pairs;
use crate::surveys::{Layout, Question, RawAnswer, Slug, Survey};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken};

type Pairs = Vec<(String, String)>;

/// The survey (one question per page only) and the question numbered `n` (from 1).
async fn step(
    state: &AppState,
    slug: &Slug,
    n: usize,
) -> Result<(Survey, Vec<Question>), AppError> {
    let (survey, questions) = load(state, slug).await?;
    if survey.layout != Layout::OnePerPage || n == 0 || n > questions.len() {
        return Err(AppError::NotFound);
    }
    Ok((survey, questions))
}

fn back_for(survey: &Survey, n: usize, change: bool) -> String {
    if change {
        format!("{}/check", survey.path())
    } else if n <= 1 {
        survey.path()
    } else {
        format!("{}/q/{}", survey.path(), n - 1)
    }
}

/// `GET /s/{slug}/q/{n}`
pub async fn question(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(Slug, usize)>,
    entry: web::Query<Entry>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (slug, n) = path.into_inner();
    let (survey, questions) = step(&state, &slug, n).await?;
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    let token = DraftToken::from_request(&req);
    let saved = draft::load(&state.db, &token, survey.id).await?;
    let q = &questions[n - 1];
    let raw = saved
        .as_ref()
        .and_then(|d| d.answers.get(q.def.key.as_str()))
        .map(RawAnswer::from)
        .unwrap_or_default();
    let change = entry.change == "1";
    let action = format!(
        "{}/q/{n}{}",
        survey.path(),
        if change { "?change=1" } else { "" }
    );
    let look = Look::load(&state, &survey, &req, &entry.easy_read).await?;
    let page = views::question_page(
        &survey,
        q,
        n,
        questions.len(),
        &raw,
        None,
        &action,
        &back_for(&survey, n, change),
        &carry(&csrf.0, "", entry.channel(), entry.mode()),
        look,
    );
    let res = with_cookie(html(StatusCode::OK, page), &token, &state)?;
    remember_look(res, &state, &survey, &entry)
}

/// `POST /s/{slug}/q/{n}`: check this answer, keep it, go on.
pub async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(Slug, usize)>,
    entry: web::Query<Entry>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm {
        form: pairs,
        token: csrf,
    } = form;
    let (slug, n) = path.into_inner();
    let (survey, questions) = step(&state, &slug, n).await?;
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    let q = &questions[n - 1];
    let raw = raw_from_pairs(&q.def, &pairs);
    let change = entry.change == "1";
    let channel = pair(&pairs, "channel")
        .and_then(Channel::parse)
        .unwrap_or(Channel::Link);
    let mode = pair(&pairs, "mode")
        .and_then(Mode::parse)
        .unwrap_or(Mode::SelfCompleted);
    let token = DraftToken::from_request(&req);
    let look = Look::load(&state, &survey, &req, "").await?;
    if pair(&pairs, "action") == Some("save") {
        let mut saved = draft::load(&state.db, &token, survey.id)
            .await?
            .unwrap_or_else(|| Draft::new(channel, mode));
        // Keep this page's answer only when it is a good one; the rest are checked at the end.
        if q.def.parse_answer(&raw).is_ok() {
            saved
                .answers
                .insert(q.def.key.as_str().to_owned(), DraftAnswer::from(&raw));
        }
        return resume::save_and_show(&state, &req, &survey, &token, saved, &csrf).await;
    }
    if let Err(message) = q.def.parse_answer(&raw) {
        let action = format!(
            "{}/q/{n}{}",
            survey.path(),
            if change { "?change=1" } else { "" }
        );
        let page = views::question_page(
            &survey,
            q,
            n,
            questions.len(),
            &raw,
            Some(&message),
            &action,
            &back_for(&survey, n, change),
            &carry(&csrf, "", channel, mode),
            look,
        );
        return with_cookie(html(StatusCode::UNPROCESSABLE_ENTITY, page), &token, &state);
    }
    let mut saved = draft::load(&state.db, &token, survey.id)
        .await?
        .unwrap_or_else(|| Draft::new(channel, mode));
    saved
        .answers
        .insert(q.def.key.as_str().to_owned(), DraftAnswer::from(&raw));
    draft::save(&state.db, &token, survey.id, &saved).await?;
    let next = if change || n == questions.len() {
        format!("{}/check", survey.path())
    } else {
        format!("{}/q/{}", survey.path(), n + 1)
    };
    with_cookie(see_other(&next), &token, &state)
}

fn check_page(
    survey: &Survey,
    questions: &[Question],
    saved: &Draft,
    csrf: &str,
    notice: Option<&str>,
    look: Look,
) -> maud::Markup {
    let rows: Vec<views::CheckRow> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let raw = saved
                .answers
                .get(q.def.key.as_str())
                .map(RawAnswer::from)
                .unwrap_or_default();
            views::CheckRow {
                prompt: q.def.wording(look.easy_read).to_owned(),
                answer: q
                    .def
                    .parse_answer(&raw)
                    .ok()
                    .flatten()
                    .map(|v| v.display(q.def.kind)),
                change: format!("{}/q/{}?change=1", survey.path(), i + 1),
            }
        })
        .collect();
    let back = format!("{}/q/{}", survey.path(), questions.len().max(1));
    views::check_answers(
        survey,
        &rows,
        &back,
        notice,
        &carry(
            csrf,
            &saved.submission_id,
            saved.channel.unwrap_or(Channel::Link),
            saved.mode.unwrap_or(Mode::SelfCompleted),
        ),
        look,
    )
}

/// `GET /s/{slug}/check`
pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (survey, questions) = step(&state, &slug, 1).await?;
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    let token = DraftToken::from_request(&req);
    let saved = draft::load(&state.db, &token, survey.id).await?;
    if let Some(gap) = first_gap(&survey, &questions, saved.as_ref()) {
        return Ok(see_other(&gap));
    }
    let saved = saved.unwrap_or_default();
    let look = Look::load(&state, &survey, &req, "").await?;
    Ok(html(
        StatusCode::OK,
        check_page(&survey, &questions, &saved, &csrf.0, None, look),
    ))
}

/// `POST /s/{slug}/check`: send the answers kept so far.
pub async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm {
        form: pairs,
        token: csrf,
    } = form;
    let (survey, questions) = step(&state, &slug, 1).await?;
    let token = DraftToken::from_request(&req);
    let look = Look::load(&state, &survey, &req, "").await?;
    let Some(saved) = draft::load(&state.db, &token, survey.id).await? else {
        // Sent twice (a double click): the first send already stored the answers and cleared
        // the draft. The id is the one this server put on the check page, never typed or
        // chosen by a client, so it stands for the answers sent.
        if let Some(id) = pair(&pairs, "submission_id").and_then(SubmissionId::parse)
            && let Some(earlier) = store::find_by_submission(&state.db, survey.id, &id).await?
        {
            return sent_page(&state, &survey, &earlier.receipt, None, look).await;
        }
        return Ok(see_other(&survey.path()));
    };
    if let Some(gap) = first_gap(&survey, &questions, Some(&saved)) {
        return Ok(see_other(&gap));
    }
    let sent = Sent {
        invitation: crate::invitations::invitation_token(&req, &survey),
        ..saved.to_sent()
    };
    let intake = Intake {
        client: limits::client(&req),
        honeypot: honeypot_filled(&pairs),
        parsed: Submission::parse(&survey, &questions, &sent),
    };
    let done = match accept(&state, &survey, intake).await {
        Ok(done) => done,
        Err(Refused::Limited { wait, .. }) => {
            let page = check_page(&survey, &questions, &saved, &csrf, Some(RATE_LIMITED), look);
            return Ok(with_retry_after(
                html(StatusCode::TOO_MANY_REQUESTS, page),
                wait,
            ));
        }
        Err(other) => return refused(&survey, other),
    };
    draft::delete(&state.db, &token, survey.id).await?;
    if let Some(hash) = &saved.resume_hash {
        draft::delete_resume(&state.db, hash).await?;
    }
    sent_page(&state, &survey, &done.receipt, None, look).await
}
