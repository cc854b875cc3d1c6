//! `/api/v1/projects/{id}/rounds`, `/api/v1/rounds/{id}/results` (token) and the public
//! `/api/v1/p/{slug}` and `PUT /api/v1/p/{slug}/items/{item}/vote` (no token): the same access
//! rule, vote parser (`Vote::parse`), rate limit and store as the pages. A vote is idempotent by
//! the client's id: sending it again changes the vote, never adds one.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::rounds_schema::{ItemResultOut, ResultsOut, RoundOut, VoteBody, VoteOut};
use crate::api::schema::ProblemDoc;
use crate::error::AppError;
use crate::fields::FieldErrors;
use crate::participation::ballot::{Asked, Ballot, Vote, parse_who};
use crate::participation::device::client_key;
use crate::participation::model::{ItemId, RoundId, RoundStatus, Who, is_slug};
use crate::participation::vote_store::Cast;
use crate::participation::{store, vote_store};
use crate::projects::{ProjectAccess, ProjectId};
use crate::state::AppState;

/// A project's rounds with their items, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/rounds",
    tag = "rounds",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The rounds", body = Vec<RoundOut>),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let granted = ProjectAccess::view(&state.db, &me.0, ProjectId(path.into_inner())).await?;
    let mut out = Vec::new();
    for r in store::list(&state.db, granted.project.id).await? {
        let items = store::items(&state.db, r.id).await?;
        out.push(RoundOut::new(&r, &items));
    }
    Ok(HttpResponse::Ok().json(out))
}

/// A round's results: per item, counts and shares overall and by who voted, approved comments,
/// ranked by the share who agree. Counts below the minimum group are `null`.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/results",
    tag = "rounds",
    params(("id" = i64, Path, description = "Round id")),
    responses(
        (status = 200, description = "The results", body = ResultsOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn results(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let round = store::by_id(&state.db, RoundId(path.into_inner()))
        .await?
        .ok_or_else(Problem::not_found)?;
    ProjectAccess::view(&state.db, &me.0, round.project).await?;
    let min = crate::results::min_group(&state);
    let results = vote_store::results(&state.db, round.id, min).await?;
    Ok(HttpResponse::Ok().json(ResultsOut {
        round: round.id.0,
        min_group: min.0,
        items: results.iter().map(ItemResultOut::from).collect(),
    }))
}

async fn public_round(
    state: &AppState,
    slug: &str,
) -> Result<crate::participation::Round, Problem> {
    if !is_slug(slug) {
        return Err(Problem::not_found());
    }
    store::by_slug(&state.db, slug)
        .await?
        .filter(|r| r.status != RoundStatus::Draft)
        .ok_or_else(Problem::not_found)
}

/// An open (or closed) round as the public page shows it; no token needed.
#[utoipa::path(
    get,
    path = "/api/v1/p/{slug}",
    tag = "rounds",
    params(("slug" = String, Path, description = "The round's public address")),
    responses(
        (status = 200, description = "The round", body = RoundOut),
        (status = 404, description = "No such round", body = ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn public(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let round = public_round(&state, &path).await?;
    let items = store::items(&state.db, round.id).await?;
    Ok(HttpResponse::Ok().json(RoundOut::new(&round, &items)))
}

/// Votes on one item; no token needed. Sending again with the same `client_id` changes this
/// client's vote (200 both times). Votes are limited per client address, as the page's are.
#[utoipa::path(
    put,
    path = "/api/v1/p/{slug}/items/{item}/vote",
    tag = "rounds",
    params(
        ("slug" = String, Path, description = "The round's public address"),
        ("item" = i64, Path, description = "Item id"),
    ),
    request_body = VoteBody,
    responses(
        (status = 200, description = "Stored (or changed)", body = VoteOut),
        (status = 404, description = "No such round or item", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 410, description = "The round has closed: nothing stored", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "Too many from this address; try again after Retry-After seconds", body = ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn vote(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Json<VoteBody>,
) -> Result<HttpResponse, Problem> {
    let (slug, item) = path.into_inner();
    let round = public_round(&state, &slug).await?;
    let items = store::items(&state.db, round.id).await?;
    let item = items
        .iter()
        .find(|i| i.id == ItemId(item))
        .ok_or_else(Problem::not_found)?
        .id;
    if round.status != RoundStatus::Open {
        return Err(closed());
    }
    let mut e = FieldErrors::new();
    if crate::responses::SubmissionId::parse(&body.client_id).is_none() {
        e.add("client_id", "Send a random (version 4) UUID");
    }
    let asked = Who::of(round.audience).map_or(Asked::Yes { remembered: None }, Asked::Not);
    let who = parse_who(asked, body.who.as_deref(), &mut e);
    let comment = body.comment.as_deref().unwrap_or("");
    let parsed = Vote::parse(item, &body.choice, comment, ("choice", "comment"), &mut e);
    let vote = match parsed {
        Some(v) if e.is_empty() => v,
        _ => {
            if e.is_empty() {
                e.add("choice", "Send agree, not_sure or disagree");
            }
            return Err(Problem::invalid(e));
        }
    };
    let client = crate::web::client_addr(&req);
    if let Some(limit) = state.submit_limit.as_deref() {
        if let Some(wait) = limit.blocked(client) {
            return Err(AppError::TooManyRequests { retry_after: wait }.into());
        }
        limit.record(client);
    }
    let key = client_key(
        state.settings.secret_key.bytes(),
        body.client_id.trim(),
        round.id,
    );
    let ballot = Ballot {
        who,
        votes: vec![vote.clone()],
    };
    match vote_store::cast(&state.db, &round, &key, &ballot, Some(&state.base_url)).await? {
        Cast::NotOpen => Err(closed()),
        Cast::Stored { flagged } => {
            crate::live::announce_round(&state.live, &state.db, round.project.0, round.id.0).await;
            if flagged {
                state.mail.wake();
            }
            Ok(HttpResponse::build(StatusCode::OK).json(VoteOut {
                item: item.0,
                choice: vote.choice.as_str().into(),
                who: who.as_str().into(),
                comment_held: vote.comment.is_some(),
            }))
        }
    }
}

fn closed() -> Problem {
    Problem::new(
        StatusCode::GONE,
        "This round has closed",
        "This round is no longer taking answers, so nothing was stored.",
    )
}
