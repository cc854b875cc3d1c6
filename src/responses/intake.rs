//! The one way a submission is accepted, whichever way it came in (the single-page form, check
//! your answers, the JSON API): the survey must be open (a re-send of something stored before it
//! closed gets its receipt again, only with the same answers), a filled honeypot is thanked and ignored, each client address
//! may send only so many a minute, and only then does a valid submission go to the group-commit
//! [`Submitter`](crate::responses::Submitter). How a refusal is shown is each handler's part.

use std::net::IpAddr;

use chrono::Utc;

use crate::error::AppError;
use crate::responses::model::{Invalid, Receipt, Submission};
use crate::responses::store;
use crate::responses::submit::{SubmitError, Submitted};
use crate::state::AppState;
use crate::surveys::{Availability, Survey};

/// A submission as a handler hands it over: read and checked, with where it came from.
pub struct Intake {
    /// The client's address, for the rate limit (`None` when unknown: not limited).
    pub client: Option<IpAddr>,
    /// Whether the form's honeypot was filled in (never on the API).
    pub honeypot: bool,
    /// What [`Submission::parse`] made of what was sent.
    pub parsed: Result<Submission, Invalid>,
}

/// Why nothing was stored.
#[derive(Debug)]
pub enum Refused {
    /// The survey is not taking answers: not published, not open yet, or closed (also when it
    /// closed while this was on its way).
    NotOpen(Availability),
    /// This address has sent too many submissions; try again after `wait` seconds. `invalid` is
    /// what else was wrong with this one, to show at the same time.
    Limited { wait: u64, invalid: Option<Invalid> },
    /// What was sent needs another look.
    Invalid(Invalid),
    /// Other answers were already sent under this submission id: nothing stored, no receipt.
    Conflict,
    /// Storing failed, through no fault of the sender.
    Failed(AppError),
}

/// Applies every rule a public submission passes, in order, and stores it if it passes: the
/// acknowledgement comes only after the group commit that includes it.
pub async fn accept(
    state: &AppState,
    survey: &Survey,
    intake: Intake,
) -> Result<Submitted, Refused> {
    let availability = survey.availability(Utc::now());
    if availability != Availability::Open {
        return match &intake.parsed {
            Ok(s) => stored_before(state, s)
                .await?
                .ok_or(Refused::NotOpen(availability)),
            Err(_) => Err(Refused::NotOpen(availability)),
        };
    }
    if intake.honeypot {
        return Ok(Submitted {
            receipt: Receipt::generate(),
            created: true,
        });
    }
    let limit = state.submit_limit.as_deref();
    if let Some(wait) = limit.and_then(|l| l.blocked(intake.client)) {
        return Err(Refused::Limited {
            wait,
            invalid: intake.parsed.err(),
        });
    }
    let submission = intake.parsed.map_err(Refused::Invalid)?;
    if let Some(limit) = limit {
        limit.record(intake.client);
    }
    state
        .submitter
        .submit(submission)
        .await
        .map_err(|err| match err {
            // Closed meanwhile (perhaps through another instance): nothing was stored.
            SubmitError::NotTaking => Refused::NotOpen(Availability::Closed),
            SubmitError::Conflict => Refused::Conflict,
            other => Refused::Failed(AppError::Unexpected(other.into())),
        })
}

/// The receipt of this submission if it was stored before with the same answers (a re-send),
/// as the writer would answer for an open survey; other answers under the same id are a
/// conflict.
async fn stored_before(state: &AppState, s: &Submission) -> Result<Option<Submitted>, Refused> {
    let found = store::find_by_submission(&state.db, s.survey_id, &s.submission_id)
        .await
        .map_err(|e| Refused::Failed(e.into()))?;
    match found {
        Some(earlier) if earlier.same_as(s) => Ok(Some(Submitted {
            receipt: earlier.receipt,
            created: false,
        })),
        Some(_) => Err(Refused::Conflict),
        None => Ok(None),
    }
}
