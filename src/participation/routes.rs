//! Steward handlers for rounds: the project's rounds, starting one, a round's page, opening
//! and closing it. Everyone in the project sees rounds; those who build start and change them
//! (`ProjectAccess`). Items are added in `item_routes`; results and comments in
//! `results_routes`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::participation::model::{
    CommentStatus, ItemId, NewRound, RawRound, Round, RoundId, RoundStatus,
};
use crate::participation::{store, views, vote_store};
use crate::projects::{Project, ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

/// The round in a project the steward can see (404 otherwise), and whether they may build.
pub(crate) async fn viewable(
    state: &AppState,
    me: &CurrentSteward,
    (project, round): (i64, i64),
) -> Result<(Project, Round, bool), AppError> {
    let granted = ProjectAccess::view(&state.db, &me.steward, ProjectId(project)).await?;
    let can_build = granted.can_build();
    let round = store::find(&state.db, granted.project.id, RoundId(round))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((granted.project, round, can_build))
}

/// The round in a project the steward builds (404 if unseen, 403 if they only view).
pub(crate) async fn buildable(
    state: &AppState,
    me: &CurrentSteward,
    (project, round): (i64, i64),
) -> Result<(Project, Round), AppError> {
    let project = ProjectAccess::build(&state.db, &me.steward, ProjectId(project)).await?;
    let round = store::find(&state.db, project.id, RoundId(round))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((project, round))
}

/// `GET /projects/{id}/rounds`
pub async fn list(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::view(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let rounds = store::list(&state.db, granted.project.id).await?;
    let page = views::list(&me.nav(), &granted.project, &rounds, granted.can_build());
    Ok(html(StatusCode::OK, page))
}

/// `GET /projects/{id}/rounds/new`
pub async fn new(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let page = views::new_form(
        &me.nav(),
        &me.csrf,
        &project,
        &RawRound::default(),
        &FieldErrors::new(),
    );
    Ok(html(StatusCode::OK, page))
}

/// `POST /projects/{id}/rounds`
pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<RawRound>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    match NewRound::parse(&form.form) {
        Ok(new) => {
            let round = store::create(&state.db, project.id, &new, Some(me.steward.id.0)).await?;
            Ok(see_other(&format!(
                "{}/{}",
                views::base(&project),
                round.id.0
            )))
        }
        Err(errors) => {
            let page = views::new_form(&me.nav(), &form.token, &project, &form.form, &errors);
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// The public address of a round.
pub(crate) fn public_link(state: &AppState, round: &Round) -> String {
    format!("{}p/{}", state.base_url, round.slug)
}

/// `GET /projects/{id}/rounds/{round}`
pub async fn show(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (project, round, can_build) = viewable(&state, &me, path.into_inner()).await?;
    let items = store::items(&state.db, round.id).await?;
    let held = vote_store::comments(&state.db, round.id, false)
        .await?
        .iter()
        .filter(|c| c.status == CommentStatus::Held)
        .count();
    let link = public_link(&state, &round);
    let qr = crate::qr::svg(
        &format!("{link}?channel=qr"),
        &format!("QR code for {}", round.title),
    )
    .ok();
    let data = views::ShowData {
        project: &project,
        round: &round,
        items: &items,
        can_build,
        csrf: &me.csrf,
        link,
        qr,
        held,
    };
    Ok(html(StatusCode::OK, views::show(&me.nav(), &data)))
}

async fn move_to(
    state: &AppState,
    me: &CurrentSteward,
    path: (i64, i64),
    to: RoundStatus,
) -> Result<HttpResponse, AppError> {
    let (project, round) = buildable(state, me, path).await?;
    let allowed = match to {
        RoundStatus::Open => {
            round.status == RoundStatus::Draft
                && !store::items(&state.db, round.id).await?.is_empty()
        }
        RoundStatus::Closed => round.status == RoundStatus::Open,
        RoundStatus::Draft => false,
    };
    if !allowed {
        return Err(AppError::Unprocessable(
            "This round cannot be opened or closed now: open a draft round with items, close an open one.".into(),
        ));
    }
    store::set_status(&state.db, &round, to).await?;
    Ok(see_other(&format!(
        "{}/{}",
        views::base(&project),
        round.id.0
    )))
}

/// `POST /projects/{id}/rounds/{round}/open`
pub async fn open(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<crate::web::respond::NoFields>,
) -> Result<HttpResponse, AppError> {
    move_to(&state, &me, path.into_inner(), RoundStatus::Open).await
}

/// `POST /projects/{id}/rounds/{round}/close`
pub async fn close(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<crate::web::respond::NoFields>,
) -> Result<HttpResponse, AppError> {
    move_to(&state, &me, path.into_inner(), RoundStatus::Closed).await
}

/// `POST /projects/{id}/rounds/{round}/items/{item}/remove` (draft rounds only)
pub async fn remove_item(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64, i64)>,
    _form: CsrfForm<crate::web::respond::NoFields>,
) -> Result<HttpResponse, AppError> {
    let (p, r, item) = path.into_inner();
    let (project, round) = buildable(&state, &me, (p, r)).await?;
    if round.status != RoundStatus::Draft {
        return Err(AppError::Unprocessable(
            "Items can only be removed before the round opens.".into(),
        ));
    }
    store::remove_item(&state.db, round.id, ItemId(item)).await?;
    Ok(see_other(&format!(
        "{}/{}",
        views::base(&project),
        round.id.0
    )))
}
