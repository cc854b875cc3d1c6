//! Results and comments for stewards: the results page (project members), its live fragment
//! and event stream (the boards' `live.js` refreshes the figures on each vote), and moderating
//! comments (Build access): approve or hide; a comment the safeguarding lead has not cleared
//! cannot be approved.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::participation::model::{CommentId, CommentStatus};
use crate::participation::routes::{buildable, viewable};
use crate::participation::{results_views, store, vote_store};
use crate::state::AppState;
use crate::web::CsrfForm;
use crate::web::respond::{html, see_other};

async fn figures(
    state: &AppState,
    round: &crate::participation::Round,
) -> Result<maud::Markup, AppError> {
    let min = crate::results::min_group(state);
    let results = vote_store::results(&state.db, round.id, min).await?;
    Ok(results_views::figures(
        &results,
        min,
        round.for_children(),
        true,
    ))
}

/// `GET /projects/{id}/rounds/{round}/results`
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (project, round, _) = viewable(&state, &me, path.into_inner()).await?;
    let content = figures(&state, &round).await?;
    Ok(html(
        StatusCode::OK,
        results_views::page(&me.nav(), &project, &round, content),
    ))
}

/// `GET /projects/{id}/rounds/{round}/results/fragment`
pub async fn fragment(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (_, round, _) = viewable(&state, &me, path.into_inner()).await?;
    let content = figures(&state, &round).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(content.into_string()))
}

/// `GET /projects/{id}/rounds/{round}/events`: one event per ballot (ids and times only).
pub async fn events(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (_, round, _) = viewable(&state, &me, path.into_inner()).await?;
    Ok(crate::live::round_stream(&state.live, round.id.0))
}

/// `GET /projects/{id}/rounds/{round}/comments`
pub async fn comments(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (project, round) = buildable(&state, &me, path.into_inner()).await?;
    let items = store::items(&state.db, round.id).await?;
    let withheld = crate::safeguarding::withheld_round_comments(&state.db, project.id).await?;
    let all: Vec<_> = vote_store::comments(&state.db, round.id, false)
        .await?
        .into_iter()
        .map(|c| {
            let w = withheld.contains(&c.id.0);
            (c, w)
        })
        .collect();
    Ok(html(
        StatusCode::OK,
        results_views::moderation(&me.nav(), &me.csrf, (&project, &round), &items, &all),
    ))
}

/// The moderation form.
#[derive(Deserialize)]
pub struct Decision {
    #[serde(default)]
    decision: String,
}

/// `POST /projects/{id}/rounds/{round}/comments/{comment}`
pub async fn moderate(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64, i64)>,
    form: CsrfForm<Decision>,
) -> Result<HttpResponse, AppError> {
    let (p, r, c) = path.into_inner();
    let (project, round) = buildable(&state, &me, (p, r)).await?;
    let status = match form.form.decision.as_str() {
        "approve" => CommentStatus::Approved,
        "hide" => CommentStatus::Hidden,
        _ => return Err(AppError::BadRequest("Choose approve or hide".into())),
    };
    if status == CommentStatus::Approved
        && crate::safeguarding::withheld_round_comments(&state.db, project.id)
            .await?
            .contains(&c)
    {
        return Err(AppError::Unprocessable(
            "This comment is waiting for the safeguarding lead's review, so it cannot be approved yet.".into(),
        ));
    }
    let found =
        vote_store::moderate(&state.db, round.id, CommentId(c), status, me.steward.id.0).await?;
    if !found {
        return Err(AppError::NotFound);
    }
    crate::live::announce_round(&state.live, &state.db, project.id.0, round.id.0).await;
    Ok(see_other(&format!(
        "/projects/{}/rounds/{}/comments",
        project.id.0, round.id.0
    )))
}
