//! The invitation and reminder messages: who is asking, what the questionnaire is about, the
//! person's own link and an unsubscribe link. Never answer text (see `mail::messages`).

use url::Url;

use crate::accounts::EmailAddress;
use crate::invitations::model::first_sentence;
use crate::mail::{Action, Content, MailKind, OutgoingMessage, Unsubscribe, compose};
use crate::projects::Project;
use crate::surveys::Survey;

/// An invitation (or, when `reminder`, a reminder) to answer `survey`, with the person's own
/// link token and unsubscribe token.
pub fn invitation(
    base_url: &Url,
    to: &EmailAddress,
    project: &Project,
    survey: &Survey,
    link_token: &str,
    unsubscribe_token: &str,
    reminder: bool,
) -> OutgoingMessage {
    let subject = if reminder {
        format!("Reminder: {} would like to hear from you", project.title)
    } else {
        format!("{} would like to hear from you", project.title)
    };
    let about = first_sentence(&survey.intro);
    let mut paragraphs = vec![if reminder {
        format!(
            "A few days ago {} asked for your views in a short questionnaire, \"{}\". There is still time to answer.",
            project.title, survey.title
        )
    } else {
        format!(
            "{} is asking for your views in a short questionnaire, \"{}\".",
            project.title, survey.title
        )
    }];
    if !about.is_empty() {
        paragraphs.push(about);
    }
    paragraphs.push(if survey.anonymous {
        "The link below is just for you. Your answers are not linked to your email address."
            .to_owned()
    } else {
        "The link below is just for you. This questionnaire is not anonymous: the people running it will know the answers came from this invitation."
            .to_owned()
    });
    if !reminder {
        paragraphs.push(
            "If you do not answer, we may send you one reminder. You can stop emails about this questionnaire with the link at the end."
                .to_owned(),
        );
    }
    let action = base_url
        .join(&format!("i/{link_token}"))
        .ok()
        .map(|url| Action {
            label: "Answer the questionnaire".into(),
            url,
        });
    let unsubscribe = base_url
        .join(&format!("unsubscribe/{unsubscribe_token}"))
        .ok()
        .map(|url| Unsubscribe {
            url,
            one_click: true,
        });
    let content = Content {
        subject,
        paragraphs,
        action,
        unsubscribe,
    };
    let kind = if reminder {
        MailKind::Reminder
    } else {
        MailKind::Invitation
    };
    compose(base_url, to, kind, &content)
}
