//! What safeguarding emails say: the alert, the answer-deleted notice, the overdue reminder,
//! the escalation and the lead's invitation. Pure; none ever carries answer text (see
//! `mail::messages`), only the questionnaire, the project and a link to sign in.

use url::Url;

use crate::mail::{Action, Content};
use crate::projects::ProjectId;
use crate::safeguarding::model::{FlagId, flag_path, review_path};

/// Why someone gets safeguarding mail, for the last line of every message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// The project's safeguarding lead.
    Lead,
    /// The project's backup address.
    Backup,
    /// A site administrator.
    Admin,
}

impl Recipient {
    fn reason(self) -> &'static str {
        match self {
            Recipient::Lead => {
                "You are getting this message because you are the safeguarding lead for this project."
            }
            Recipient::Backup => {
                "You are getting this message because this address is the safeguarding backup for this project."
            }
            Recipient::Admin => {
                "You are getting this message because you are an administrator of this Chorus."
            }
        }
    }
}

/// Names a flag's questionnaire and project, for every message.
#[derive(Clone, Copy, Debug)]
pub struct About<'a> {
    pub project: ProjectId,
    pub survey_title: &'a str,
    pub project_title: &'a str,
}

fn link(base: &Url, label: &str, path: &str) -> Option<Action> {
    base.join(path.trim_start_matches('/'))
        .ok()
        .map(|url| Action {
            label: label.into(),
            url,
        })
}

fn open_flag(base: &Url, about: About<'_>, flag: FlagId) -> Option<Action> {
    link(
        base,
        "Open the flag in Chorus",
        &flag_path(about.project, flag),
    )
}

fn message(subject: &str, first: String, to: Recipient, action: Option<Action>) -> Content {
    Content {
        subject: subject.into(),
        paragraphs: vec![first, to.reason().into()],
        action,
        unsubscribe: None,
    }
}

/// The alert when an answer is flagged.
pub fn alert_content(base: &Url, about: About<'_>, to: Recipient) -> Content {
    message(
        "A response may contain a safeguarding concern",
        format!(
            "A response to {} in {} may contain a safeguarding concern. Sign in to review it.",
            about.survey_title, about.project_title
        ),
        to,
        link(base, "Review it in Chorus", &review_path(about.project)),
    )
}

/// The notice that the person who wrote a flagged answer deleted it.
pub fn deleted_content(base: &Url, about: About<'_>, flag: FlagId, to: Recipient) -> Content {
    message(
        "A flagged answer was deleted by the person who wrote it",
        format!(
            "The person who wrote a flagged answer to {} in {} has deleted it with their receipt code. The flag, its category and its review trail are kept.",
            about.survey_title, about.project_title
        ),
        to,
        open_flag(base, about, flag),
    )
}

/// The reminder when a flag has waited longer than the project's review time.
pub fn reminder_content(
    base: &Url,
    about: About<'_>,
    flag: FlagId,
    hours: u32,
    to: Recipient,
) -> Content {
    message(
        "A safeguarding flag has not been reviewed",
        format!(
            "A possible safeguarding concern in a response to {} in {} has not been reviewed within {hours} hours. Sign in to make sure someone looks at it.",
            about.survey_title, about.project_title
        ),
        to,
        open_flag(base, about, flag),
    )
}

/// The alert when a reviewer is not sure and escalates a flag.
pub fn escalation_content(base: &Url, about: About<'_>, flag: FlagId, to: Recipient) -> Content {
    message(
        "A safeguarding flag has been escalated",
        format!(
            "A reviewer was not sure about a possible safeguarding concern in a response to {} in {} and escalated it. Sign in to decide what to do.",
            about.survey_title, about.project_title
        ),
        to,
        open_flag(base, about, flag),
    )
}

/// The invitation to a safeguarding lead who has no account yet.
pub fn lead_invite_content(invite: Url, project_title: &str) -> Content {
    Content {
        subject: format!("You are the safeguarding lead for {project_title}"),
        paragraphs: vec![
            format!(
                "You have been named as the safeguarding lead for {project_title} in Chorus. When an answer may show that a child is at risk, you will get an email and can review it."
            ),
            "Set a password to create your account. The link works for 7 days.".into(),
        ],
        action: Some(Action {
            label: "Create your account".into(),
            url: invite,
        }),
        unsubscribe: None,
    }
}

/// The notice to a safeguarding lead who already has an account.
pub fn lead_added_content(base: &Url, project: ProjectId, project_title: &str) -> Content {
    Content {
        subject: format!("You are the safeguarding lead for {project_title}"),
        paragraphs: vec![format!(
            "You have been named as the safeguarding lead for {project_title} in Chorus. When an answer may show that a child is at risk, you will get an email and can review it."
        )],
        action: link(base, "Open the safeguarding page", &review_path(project)),
        unsubscribe: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alert_names_the_survey_and_links_to_the_review_page_without_answer_text() {
        let base = Url::parse("https://chorus.example.org/").unwrap();
        let about = About {
            project: ProjectId(7),
            survey_title: "Youth club",
            project_title: "Family hubs",
        };
        let c = alert_content(&base, about, Recipient::Backup);
        assert_eq!(
            c.paragraphs[0],
            "A response to Youth club in Family hubs may contain a safeguarding concern. Sign in to review it."
        );
        assert!(c.paragraphs[1].contains("backup"));
        assert_eq!(
            c.action.unwrap().url.as_str(),
            "https://chorus.example.org/projects/7/safeguarding"
        );
        let r = reminder_content(&base, about, FlagId(3), 24, Recipient::Admin);
        assert!(r.paragraphs[0].contains("within 24 hours"));
        assert_eq!(
            r.action.unwrap().url.as_str(),
            "https://chorus.example.org/projects/7/safeguarding/3"
        );
    }
}
