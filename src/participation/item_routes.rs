//! Adding an item to a round (Build access): from one of the project's active themes (its name
//! and description prefilled, its redacted quotes offered), from an experiment proposal (its
//! hypothesis prefilled, the quotes of its evidence snapshot offered) or written freely.
//! `NewItem::parse` takes only quotes that were offered, so every quote shown passed
//! `disclosure/` redaction and the safeguarding hold.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::experiments::Status as ExperimentStatus;
use crate::participation::item_views::{self, Origin, Sources};
use crate::participation::model::{NewItem, RawItem, Round, RoundStatus, Source};
use crate::participation::routes::buildable;
use crate::participation::{store, views};
use crate::projects::Project;
use crate::state::AppState;
use crate::themes::model::ThemeStatus;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

/// Where the new item comes from, as asked for in the link.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SourceQuery {
    theme: Option<i64>,
    experiment: Option<i64>,
    free: Option<String>,
}

/// An item's source, its prefilled words and the quotes it may show; `None` when the theme
/// or experiment is not one of this project's.
async fn origin(
    state: &AppState,
    project: &Project,
    source: Source,
    id: Option<i64>,
) -> Result<Option<(RawItem, Vec<String>)>, AppError> {
    let min = crate::results::min_group(state);
    match (source, id) {
        (Source::Free, _) => Ok(Some((RawItem::default(), Vec::new()))),
        (Source::Theme, Some(t)) => {
            let themes = crate::themes::store::list(&state.db, project.id).await?;
            let Some(theme) = themes
                .into_iter()
                .find(|x| x.id.0 == t && x.status == ThemeStatus::Active)
            else {
                return Ok(None);
            };
            let snap =
                crate::experiments::actions::snapshot_now(&state.db, project.id, &[t], min).await?;
            let quotes = snap.themes.into_iter().flat_map(|f| f.quotes).collect();
            let raw = RawItem {
                title: theme.name,
                body: theme.description,
                ..RawItem::default()
            };
            Ok(Some((raw, quotes)))
        }
        (Source::Experiment, Some(x)) => {
            let found = crate::experiments::store::find(
                &state.db,
                project.id,
                crate::experiments::ExperimentId(x),
            )
            .await?;
            let Some(e) = found else { return Ok(None) };
            let raw = RawItem {
                title: e.fields.title.clone(),
                body: e.hypothesis(),
                ..RawItem::default()
            };
            let quotes = e
                .snapshot
                .themes
                .into_iter()
                .flat_map(|f| f.quotes)
                .collect();
            Ok(Some((raw, quotes)))
        }
        _ => Ok(None),
    }
}

async fn sources(state: &AppState, project: &Project) -> Result<Sources, AppError> {
    let themes = crate::themes::store::list(&state.db, project.id)
        .await?
        .into_iter()
        .filter(|t| t.status == ThemeStatus::Active)
        .map(|t| (t.id.0, t.name))
        .collect();
    let experiments = crate::experiments::store::list(&state.db, project.id)
        .await?
        .into_iter()
        .filter(|e| {
            matches!(
                e.status,
                ExperimentStatus::Proposed | ExperimentStatus::Agreed
            )
        })
        .map(|e| (e.id.0, e.fields.title.clone(), e.hypothesis()))
        .collect();
    Ok(Sources {
        themes,
        experiments,
    })
}

fn still_changeable(round: &Round) -> Result<(), AppError> {
    if round.status == RoundStatus::Closed {
        return Err(AppError::Unprocessable(
            "This round is closed, so no more items can be added.".into(),
        ));
    }
    Ok(())
}

/// `GET /projects/{id}/rounds/{round}/items/new[?theme=…|experiment=…|free=yes]`
pub async fn new(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    query: web::Query<SourceQuery>,
) -> Result<HttpResponse, AppError> {
    let (project, round) = buildable(&state, &me, path.into_inner()).await?;
    still_changeable(&round)?;
    let (source, id) = match (&query.theme, &query.experiment, &query.free) {
        (Some(t), _, _) => (Source::Theme, Some(*t)),
        (_, Some(x), _) => (Source::Experiment, Some(*x)),
        (_, _, Some(_)) => (Source::Free, None),
        _ => {
            let s = sources(&state, &project).await?;
            let page = item_views::choose(&me.nav(), &project, &round, &s);
            return Ok(html(StatusCode::OK, page));
        }
    };
    let (raw, quotes) = origin(&state, &project, source, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let o = Origin {
        kind: source.as_str(),
        id,
        quotes: &quotes,
    };
    let page = item_views::form(
        &me.nav(),
        &me.csrf,
        (&project, &round),
        &o,
        &raw,
        &FieldErrors::new(),
    );
    Ok(html(StatusCode::OK, page))
}

fn pair<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// `POST /projects/{id}/rounds/{round}/items`
pub async fn add(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (project, round) = buildable(&state, &me, path.into_inner()).await?;
    still_changeable(&round)?;
    let pairs = &form.form;
    let source = Source::parse(pair(pairs, "source"))
        .ok_or_else(|| AppError::BadRequest("The item's source was not understood".into()))?;
    let id = match source {
        Source::Free => None,
        _ => Some(
            pair(pairs, "source_id")
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest("The item's source was not understood".into()))?,
        ),
    };
    let (_, quotes) = origin(&state, &project, source, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let raw = RawItem {
        title: pair(pairs, "title").to_owned(),
        body: pair(pairs, "body").to_owned(),
        easy_read: pair(pairs, "easy_read").to_owned(),
        quotes: pairs
            .iter()
            .filter(|(k, _)| k == "quote")
            // Anything that is not a position offered is refused by the parser.
            .map(|(_, v)| v.trim().parse::<usize>().unwrap_or(usize::MAX))
            .collect(),
    };
    match NewItem::parse(&raw, &quotes) {
        Ok(new) => {
            store::add_item(&state.db, round.id, (source, id), &new).await?;
            Ok(see_other(&format!(
                "{}/{}",
                views::base(&project),
                round.id.0
            )))
        }
        Err(errors) => {
            let o = Origin {
                kind: source.as_str(),
                id,
                quotes: &quotes,
            };
            let page = item_views::form(
                &me.nav(),
                &form.token,
                (&project, &round),
                &o,
                &raw,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}
