//! Saving a project: create or update it and, in the same transaction, appoint the person at
//! its lead address as its safeguarding lead (invited by email if they have no account). Used by
//! the web form and the API alike.

use anyhow::Context;

use crate::accounts::{EmailAddress, StewardId};
use crate::error::AppError;
use crate::projects::model::{NewProject, Project, ProjectId};
use crate::projects::store;
use crate::state::AppState;

/// Creates (`existing` is `None`) or updates a project and, in the same transaction, makes the
/// person at its lead address its safeguarding lead (invited by email if they have no account).
pub async fn save(
    state: &AppState,
    existing: Option<&Project>,
    new: &NewProject,
    creator: StewardId,
) -> Result<ProjectId, AppError> {
    let txn = crate::db::begin_write(&state.db)
        .await
        .context("saving a project")?;
    let (id, told) = save_in(&txn, state, existing, new, creator).await?;
    txn.commit().await.context("saving a project")?;
    if told > 0 {
        state.mail.wake();
    }
    Ok(id)
}

/// [`save`] inside the caller's transaction, for callers that store more with the project;
/// returns the project and how many messages were queued (wake the mail worker after commit).
pub async fn save_in<C: sea_orm::ConnectionTrait>(
    txn: &C,
    state: &AppState,
    existing: Option<&Project>,
    new: &NewProject,
    creator: StewardId,
) -> Result<(ProjectId, u64), AppError> {
    let id = match existing {
        Some(p) => {
            store::update(txn, p.id, new).await?;
            p.id
        }
        None => store::create(txn, new, creator).await?,
    };
    let lead = EmailAddress::parse(&new.safeguarding_lead)
        .map_err(|m| AppError::Unexpected(anyhow::anyhow!(m)))?;
    let previous = existing.map(|p| p.safeguarding_lead.as_str());
    let told =
        crate::safeguarding::leads::appoint(txn, &state.base_url, id, &new.title, &lead, previous)
            .await?;
    Ok((id, told))
}
