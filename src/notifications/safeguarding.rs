//! Immediate safeguarding alerts to a project's safeguarding lead: that a response may hold a
//! concern, and where to sign in. Never the answer text.

use sea_orm::{ConnectionTrait, DbErr};
use url::Url;

use crate::accounts::EmailAddress;
use crate::mail::{self, Action, Content, MailKind, OutgoingMessage, compose};
use crate::projects::Project;
use crate::surveys::Survey;

/// The alert message for `survey`'s response, addressed to `to`.
pub fn alert_message(
    base_url: &Url,
    to: &EmailAddress,
    project: &Project,
    survey: &Survey,
) -> OutgoingMessage {
    let action = base_url.join("sign-in").ok().map(|url| Action {
        label: "Sign in to Chorus".into(),
        url,
    });
    let content = Content {
        subject: format!(
            "Safeguarding: a response to {} needs checking",
            survey.title
        ),
        paragraphs: vec![
            format!(
                "A response to {} may contain a safeguarding concern. Sign in to review it.",
                survey.title
            ),
            format!(
                "You get this message because you are the safeguarding lead for {}.",
                project.title
            ),
        ],
        action,
        unsubscribe: None,
    };
    compose(base_url, to, MailKind::Safeguarding, &content)
}

/// Queues a safeguarding alert to the project's safeguarding lead, on `db` (use the
/// transaction that records the concern; wake the mail worker after commit). The message
/// carries no answer text. When the project's lead address is not a valid address, nothing
/// is queued and a warning (without the address) is logged.
pub async fn queue_safeguarding_alert<C: ConnectionTrait>(
    db: &C,
    base_url: &Url,
    project: &Project,
    survey: &Survey,
) -> Result<(), DbErr> {
    let Ok(to) = EmailAddress::parse(&project.safeguarding_lead) else {
        tracing::warn!(
            project_id = project.id.0,
            "no valid safeguarding lead address; alert not queued"
        );
        return Ok(());
    };
    let message = alert_message(base_url, &to, project, survey);
    mail::enqueue(db, &message).await?;
    Ok(())
}
