//! The daily digest: per project, how many new responses and new themes
//! came in since the steward's last digest. Counts only, never answer text.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use url::Url;

use crate::accounts::{EmailAddress, store as accounts};
use crate::mail::{self, Action, Content, MailKind, OutgoingMessage, Unsubscribe, compose};
use crate::notifications::store;
use crate::projects::store as projects;

/// One project's news for the digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectActivity {
    /// The project's title.
    pub title: String,
    /// Responses since the last digest.
    pub new_responses: u64,
    /// Themes created since the last digest (`None`: not counted).
    pub new_themes: Option<u64>,
}

impl ProjectActivity {
    /// Whether there is anything to tell.
    pub fn is_news(&self) -> bool {
        self.new_responses > 0 || self.new_themes.is_some_and(|n| n > 0)
    }

    /// "Family hubs: 3 new responses, 1 new theme".
    pub fn line(&self) -> String {
        let mut line = format!(
            "{}: {}",
            self.title,
            plural(self.new_responses, "new response", "new responses")
        );
        if let Some(themes) = self.new_themes.filter(|n| *n > 0) {
            line.push_str(&format!(", {}", plural(themes, "new theme", "new themes")));
        }
        line
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The digest message for `activity` (only projects with news).
pub fn digest_message(
    base_url: &Url,
    to: &EmailAddress,
    activity: &[ProjectActivity],
) -> OutgoingMessage {
    let mut paragraphs = vec!["Here is what has come in since your last summary.".to_owned()];
    paragraphs.extend(activity.iter().map(ProjectActivity::line));
    paragraphs.push(
        "Sign in to Chorus to read the responses. You get this summary because you asked for it on your notifications page."
            .to_owned(),
    );
    let content = Content {
        subject: "Your daily Chorus summary".into(),
        paragraphs,
        action: base_url.join("projects").ok().map(|url| Action {
            label: "Open your projects".into(),
            url,
        }),
        unsubscribe: base_url
            .join("account/notifications")
            .ok()
            .map(|url| Unsubscribe {
                url,
                one_click: false,
            }),
    };
    compose(base_url, to, MailKind::Digest, &content)
}

/// One digest round at `now`: each steward who opted in and has not had today's digest is
/// claimed (one instance wins), and a digest is queued when any of their projects has news.
/// Returns how many digests were queued.
pub async fn send_digests(
    db: &DatabaseConnection,
    base_url: &Url,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let today = store::day(now);
    let mut queued = 0;
    for pref in store::due_digests(db, &today).await? {
        let Some(steward) = accounts::find(db, pref.steward_id).await? else {
            continue;
        };
        let txn = crate::db::begin_write(db).await?;
        if !store::claim_digest(&txn, pref.steward_id, &today, now).await? {
            continue;
        }
        let usable = !steward.disabled && steward.active;
        let to = EmailAddress::parse(&steward.email).ok().filter(|_| usable);
        if let Some(to) = to {
            let mut activity = Vec::new();
            for project in projects::visible_to(&txn, &steward).await? {
                let item = ProjectActivity {
                    new_responses: store::new_responses(&txn, project.id, pref.since, now).await?,
                    new_themes: store::new_themes(&txn, project.id, pref.since).await?,
                    title: project.title,
                };
                if item.is_news() {
                    activity.push(item);
                }
            }
            if !activity.is_empty() {
                mail::enqueue(&txn, &digest_message(base_url, &to, &activity)).await?;
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_line_names_the_project_and_counts() {
        let a = ProjectActivity {
            title: "Family hubs".into(),
            new_responses: 1,
            new_themes: None,
        };
        assert_eq!(a.line(), "Family hubs: 1 new response");
        let b = ProjectActivity {
            new_responses: 3,
            new_themes: Some(2),
            ..a
        };
        assert_eq!(b.line(), "Family hubs: 3 new responses, 2 new themes");
        assert!(b.is_news());
    }
}
