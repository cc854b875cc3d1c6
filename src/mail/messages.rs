//! Message builders: one [`Content`] rendered twice, as plain text and as HTML (maud), so the
//! two parts always say the same thing.
//!
//! **Privacy rule for every builder here and every one added later:** a message never carries
//! answer text, free-text feedback, receipt codes or anything else that could reveal who a
//! respondent is or what they said. Say *that* something happened and link to Chorus, where the
//! reader must sign in to see more. Safeguarding alerts in particular name the questionnaire and
//! link to the response; they never quote it.

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, html};
use url::Url;

use crate::accounts::EmailAddress;
use crate::mail::model::{MailKind, MessageId, OutgoingMessage};

/// A button-like link in a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// What the link does, in plain words ("Answer the questionnaire").
    pub label: String,
    /// Where it goes (absolute).
    pub url: Url,
}

/// What a message says, independent of its format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    /// The subject line, also used as the heading.
    pub subject: String,
    /// Paragraphs of plain text (never answer text: see the module's privacy rule).
    pub paragraphs: Vec<String>,
    /// The one thing the reader can do, if any.
    pub action: Option<Action>,
    /// Where the reader can stop messages like this one, if anywhere. Adds a
    /// `List-Unsubscribe` header and a link in the footer.
    pub unsubscribe: Option<Unsubscribe>,
}

/// A link that stops messages like this one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsubscribe {
    /// The page (GET) that unsubscribes, with its own unguessable token in the URL.
    pub url: Url,
    /// Whether a bare POST to `url` unsubscribes at once (RFC 8058 one-click), which large mail
    /// providers ask of bulk senders. Adds `List-Unsubscribe-Post: List-Unsubscribe=One-Click`;
    /// the route must then accept that POST without a CSRF token.
    pub one_click: bool,
}

/// Builds a message to `to` from `content`, with a new Message-ID under `base_url`'s host.
///
/// Privacy: `content` must follow the module's rule — nothing that could reveal a respondent.
pub fn compose(
    base_url: &Url,
    to: &EmailAddress,
    kind: MailKind,
    content: &Content,
) -> OutgoingMessage {
    let mut headers = BTreeMap::new();
    if let Some(unsubscribe) = &content.unsubscribe {
        headers.insert(
            "List-Unsubscribe".to_owned(),
            format!("<{}>", unsubscribe.url),
        );
        if unsubscribe.one_click {
            headers.insert(
                "List-Unsubscribe-Post".to_owned(),
                "List-Unsubscribe=One-Click".to_owned(),
            );
        }
    }
    OutgoingMessage {
        to: to.as_str().to_owned(),
        subject: content.subject.clone(),
        text: text_body(base_url, content),
        html: html_body(base_url, content).into_string(),
        headers,
        kind,
        message_id: MessageId::new(base_url.host_str().unwrap_or("localhost")),
    }
}

/// The administrator's test message: proves that mail from this Chorus reaches `to`.
///
/// Privacy: contains only the Chorus address and a link to the mail page.
pub fn test_message(base_url: &Url, to: &EmailAddress) -> OutgoingMessage {
    let action = base_url.join("admin/mail").ok().map(|url| Action {
        label: "Open the mail page".into(),
        url,
    });
    let content = Content {
        subject: "Test message from Chorus".into(),
        paragraphs: vec![
            "This is a test message from Chorus. If you can read it, email from Chorus reaches you."
                .into(),
            "You asked for it on the mail page. You do not need to do anything.".into(),
        ],
        action,
        unsubscribe: None,
    };
    compose(base_url, to, MailKind::Test, &content)
}

/// A respondent's resume code, sent once because they asked.
///
/// Privacy: contains the survey's title, the code, when it expires and the resume link; never
/// an answer. The outbox row is scrubbed once sent (see `store::mark_sent`).
pub fn resume_message(
    base_url: &Url,
    to: &EmailAddress,
    survey_title: &str,
    code: &str,
    resume_path: &str,
    expires: &str,
) -> OutgoingMessage {
    let action = base_url
        .join(resume_path.trim_start_matches('/'))
        .ok()
        .map(|url| Action {
            label: "Carry on answering".into(),
            url,
        });
    let content = Content {
        subject: format!("Your code to carry on: {survey_title}"),
        paragraphs: vec![
            format!("You saved your answers to {survey_title} so you can come back later."),
            format!("Your code to carry on later is {code}"),
            format!("Use it before {expires}. After that your saved answers are deleted."),
            "Anyone with this code can see and change your saved answers, so keep it safe. \
             If you did not ask for this email, you can ignore it."
                .into(),
        ],
        action,
        unsubscribe: None,
    };
    compose(base_url, to, MailKind::Resume, &content)
}

fn text_body(base_url: &Url, content: &Content) -> String {
    let mut out = String::new();
    out.push_str(&content.subject);
    out.push_str("\n\n");
    for p in &content.paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    if let Some(action) = &content.action {
        out.push_str(&format!("{}:\n{}\n\n", action.label, action.url));
    }
    out.push_str("-- \n");
    out.push_str(&format!("Sent by Chorus at {base_url}\n"));
    if let Some(unsubscribe) = &content.unsubscribe {
        out.push_str(&format!("To stop these messages: {}\n", unsubscribe.url));
    }
    out
}

fn html_body(base_url: &Url, content: &Content) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { (content.subject) }
            }
            body {
                h1 { (content.subject) }
                @for p in &content.paragraphs {
                    p { (p) }
                }
                @if let Some(action) = &content.action {
                    p { a href=(action.url) { strong { (action.label) } } }
                }
                hr;
                p {
                    small {
                        "Sent by Chorus at " a href=(base_url) { (base_url) }
                        @if let Some(unsubscribe) = &content.unsubscribe {
                            br;
                            a href=(unsubscribe.url) { "Stop these messages" }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to() -> EmailAddress {
        EmailAddress::parse("a@b.example").unwrap()
    }

    fn base() -> Url {
        Url::parse("https://chorus.example.org/").unwrap()
    }

    #[test]
    fn both_parts_carry_the_paragraphs_and_the_link() {
        let content = Content {
            subject: "Your <team> has news".into(),
            paragraphs: vec!["A new questionnaire is open.".into()],
            action: Some(Action {
                label: "Answer it".into(),
                url: base().join("s/abc").unwrap(),
            }),
            unsubscribe: Some(Unsubscribe {
                url: base().join("unsubscribe/xyz").unwrap(),
                one_click: true,
            }),
        };
        let m = compose(&base(), &to(), MailKind::Reminder, &content);
        assert!(m.text.contains("A new questionnaire is open."));
        assert!(m.text.contains("https://chorus.example.org/s/abc"));
        assert!(m.html.contains("href=\"https://chorus.example.org/s/abc\""));
        assert!(m.html.contains("Your &lt;team&gt; has news"));
        assert!(!m.html.contains("style="));
        assert_eq!(
            m.headers.get("List-Unsubscribe").unwrap(),
            "<https://chorus.example.org/unsubscribe/xyz>"
        );
        assert_eq!(
            m.headers.get("List-Unsubscribe-Post").unwrap(),
            "List-Unsubscribe=One-Click"
        );
        assert!(m.message_id.as_str().ends_with("@chorus.example.org>"));
    }

    #[test]
    fn messages_without_an_unsubscribe_link_have_no_list_unsubscribe_header() {
        let m = test_message(&base(), &to());
        assert!(m.headers.is_empty());
        assert_eq!(m.kind, MailKind::Test);
    }
}
