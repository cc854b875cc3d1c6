//! In-progress answers kept between one-question pages, and where a person whose answers are
//! missing or incomplete goes next.

use std::collections::BTreeMap;

use crate::responses::model::{Channel, Mode, Sent, SubmissionId, validate_submission};
use crate::surveys::{Question, RawAnswer, Survey};

/// One answer kept while a person moves between pages (what they sent, not yet validated).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DraftAnswer {
    /// Field values.
    #[serde(default)]
    pub values: Vec<String>,
    /// "Other" text.
    #[serde(default)]
    pub other: Option<String>,
}

impl From<&RawAnswer> for DraftAnswer {
    fn from(raw: &RawAnswer) -> Self {
        DraftAnswer {
            values: raw.values.clone(),
            other: raw.other.clone(),
        }
    }
}

impl From<&DraftAnswer> for RawAnswer {
    fn from(d: &DraftAnswer) -> Self {
        RawAnswer {
            values: d.values.clone(),
            other: d.other.clone(),
        }
    }
}

/// In-progress answers for one survey in one browser.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// Answers by question key.
    #[serde(default)]
    pub answers: BTreeMap<String, DraftAnswer>,
    /// How the person arrived.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Who is filling it in.
    #[serde(default)]
    pub mode: Option<Mode>,
    /// The idempotency token used when the draft is submitted.
    #[serde(default)]
    pub submission_id: String,
    /// The hash of the resume code these answers were last saved under, deleted on submit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume_hash: Option<String>,
}

impl Draft {
    /// A fresh draft with a new submission token.
    pub fn new(channel: Channel, mode: Mode) -> Draft {
        Draft {
            answers: BTreeMap::new(),
            channel: Some(channel),
            mode: Some(mode),
            submission_id: SubmissionId::generate().as_str().to_owned(),
            resume_hash: None,
        }
    }

    /// The answers kept, as a submission to check and send (a lost or damaged id gets a new one).
    pub fn to_sent(&self) -> Sent {
        let id = SubmissionId::parse(&self.submission_id).unwrap_or_else(SubmissionId::generate);
        Sent {
            mode: Some(self.mode.unwrap_or(Mode::SelfCompleted)),
            channel: Some(self.channel.unwrap_or(Channel::Link)),
            ..Sent::new(id, self.raw_answers())
        }
    }

    /// The answers as raw answers, by key.
    pub fn raw_answers(&self) -> BTreeMap<String, RawAnswer> {
        self.answers
            .iter()
            .map(|(k, v)| (k.clone(), RawAnswer::from(v)))
            .collect()
    }
}

/// Where to send someone whose draft is missing or incomplete, if anywhere: the survey's start
/// without a draft, else the first question whose answer needs a look.
pub fn first_gap(survey: &Survey, questions: &[Question], saved: Option<&Draft>) -> Option<String> {
    let Some(saved) = saved else {
        return Some(survey.path());
    };
    let raws = saved.raw_answers();
    match validate_submission(survey, questions, &raws) {
        Ok(_) => None,
        Err(errors) => {
            let n = questions
                .iter()
                .position(|q| errors.get(q.def.key.as_str()).is_some())
                .map_or(1, |i| i + 1);
            Some(format!("{}/q/{n}", survey.path()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_sent_with_its_own_id_or_a_new_one_when_it_is_damaged() {
        let mut draft = Draft::new(Channel::Qr, Mode::Assisted);
        draft.answers.insert(
            "much".into(),
            DraftAnswer {
                values: vec!["3".into()],
                other: None,
            },
        );
        let sent = draft.to_sent();
        assert_eq!(sent.id.as_str(), draft.submission_id);
        assert_eq!(
            (sent.channel, sent.mode),
            (Some(Channel::Qr), Some(Mode::Assisted))
        );
        assert_eq!(sent.answers["much"], RawAnswer::one("3"));
        draft.submission_id = "damaged".into();
        assert!(SubmissionId::parse(draft.to_sent().id.as_str()).is_some());
    }
}
