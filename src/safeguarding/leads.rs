//! The safeguarding lead as a person who can act: the person at a project's lead address
//! becomes a member with the "safeguarding lead" role (invited by email when they have no
//! account), and the one access rule for the flag pages.

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use url::Url;

use crate::accounts::secrets::{hash_secret, new_secret};
use crate::accounts::{EmailAddress, PersonName, Role, Steward, store as accounts};
use crate::mail::{self, MailKind};
use crate::projects::{MemberRole, ProjectId, store as projects};
use crate::safeguarding::messages::{lead_added_content, lead_invite_content};

/// Days a lead's invitation link works, as for invitations by an administrator.
const INVITE_DAYS: i64 = 7;

/// Makes the person at `lead` the project's safeguarding lead: a member with that role, told
/// by email (an invitation to set a password when they have no account or have not used it).
/// A project steward or an administrator keeps what they have (they can already review). A
/// previous lead at `previous` who is only a lead stops being a member. Call inside the
/// transaction that saves the project; wake the mail worker after commit. Returns messages
/// queued.
pub async fn appoint<C: ConnectionTrait>(
    db: &C,
    base_url: &Url,
    project: ProjectId,
    title: &str,
    lead: &EmailAddress,
    previous: Option<&str>,
) -> Result<u64, DbErr> {
    if let Some(old) = previous.and_then(|p| EmailAddress::parse(p).ok())
        && old != *lead
        && let Some((person, _)) = accounts::find_by_email(db, &old).await?
        && projects::member_role(db, project, person.id).await?
            == Some(MemberRole::SafeguardingLead)
    {
        projects::remove_member(db, project, person.id).await?;
    }
    let person = match accounts::find_by_email(db, lead).await? {
        Some((person, _)) => person,
        None => {
            let name = PersonName::parse("Safeguarding lead").map_err(DbErr::Custom)?;
            let Some(id) =
                accounts::insert(db, lead, &name, Role::Practitioner, None, None).await?
            else {
                return Ok(0);
            };
            match accounts::find(db, id).await? {
                Some(person) => person,
                None => return Ok(0),
            }
        }
    };
    if person.role == Role::Admin {
        return Ok(0);
    }
    let role = projects::member_role(db, project, person.id).await?;
    if matches!(
        role,
        Some(MemberRole::Steward | MemberRole::SafeguardingLead)
    ) {
        return Ok(0);
    }
    projects::set_member(db, project, person.id, MemberRole::SafeguardingLead).await?;
    tell(db, base_url, project, title, &person, lead).await?;
    Ok(1)
}

async fn tell<C: ConnectionTrait>(
    db: &C,
    base_url: &Url,
    project: ProjectId,
    title: &str,
    person: &Steward,
    to: &EmailAddress,
) -> Result<(), DbErr> {
    let message = if person.active {
        let content = lead_added_content(base_url, project, title);
        mail::compose(base_url, to, MailKind::Safeguarding, &content)
    } else {
        let secret = new_secret();
        let expires = Utc::now() + Duration::days(INVITE_DAYS);
        accounts::set_invite(db, person.id, &hash_secret(&secret), expires).await?;
        let invite = base_url
            .join(&format!("invite/{secret}"))
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let content = lead_invite_content(invite, title);
        mail::compose(base_url, to, MailKind::Invitation, &content)
    };
    mail::enqueue(db, &message).await?;
    tracing::info!(
        project_id = project.0,
        domain = to.domain(),
        "safeguarding lead told"
    );
    Ok(())
}
