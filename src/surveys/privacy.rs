//! Privacy notices that tell the truth: the defaults for anonymous and identified surveys, and
//! the one rule that warns a steward when their own wording promises to contact people on an
//! anonymous survey, which nobody can do.

use crate::surveys::Audience;

macro_rules! opening {
    () => {
        "You do not have to answer, and you can stop at any time. "
    };
}
macro_rules! kept {
    () => {
        "Your answers are kept safe and only the people running this project can read them. \
We use what everyone says to make our service better. "
    };
}
macro_rules! your_code {
    () => {
        "When you finish you will get your code to see or delete your answers."
    };
}

/// The default for anonymous surveys for children or families: nobody can contact them, so
/// it says who reads worrying answers and where help is.
/// The privacy notice a new survey starts with (anonymous, for children or families); stewards
/// can edit it. [`default_notice`] gives the defaults of other surveys.
pub const DEFAULT_PRIVACY_NOTICE: &str = ANONYMOUS_CHILDREN;

pub const ANONYMOUS_CHILDREN: &str = concat!(
    opening!(),
    "We do not ask for your name. ",
    kept!(),
    "If you tell us something that makes us worried that you or someone else might be hurt, \
someone whose job is keeping children safe will read it and use it to help keep children safe. \
We cannot contact you, because we do not know who you are. If you are worried or need help now, \
the box at the bottom of every page tells you who you can talk to, like Childline on 0800 1111. ",
    your_code!()
);

/// The default for other anonymous surveys.
pub const ANONYMOUS_OTHERS: &str = concat!(
    opening!(),
    "We do not ask for your name. ",
    kept!(),
    "If you tell us something that makes us worried that you or someone else might be hurt, \
someone whose job is keeping people safe will read it. We cannot contact you, because we do not \
know who you are. In an emergency, call 999. ",
    your_code!()
);

/// The default for identified surveys for children or families.
pub const IDENTIFIED_CHILDREN: &str = concat!(
    opening!(),
    "We know who you are, because you signed in to answer. ",
    kept!(),
    "If you tell us something that makes us worried that you or someone else might be hurt, \
we will pass it to someone whose job is keeping children safe, and they may contact you. ",
    your_code!()
);

/// The default for other identified surveys.
pub const IDENTIFIED_OTHERS: &str = concat!(
    opening!(),
    "We know who you are, because you signed in to answer. ",
    kept!(),
    "If you tell us something that makes us worried that you or someone else might be hurt, \
we will pass it to someone whose job is keeping people safe, and they may contact you. ",
    your_code!()
);

/// The notice a survey for `audience` gets when the steward writes none of their own.
pub fn default_notice(audience: Audience, anonymous: bool) -> &'static str {
    match (audience.shows_help(), anonymous) {
        (true, true) => ANONYMOUS_CHILDREN,
        (false, true) => ANONYMOUS_OTHERS,
        (true, false) => IDENTIFIED_CHILDREN,
        (false, false) => IDENTIFIED_OTHERS,
    }
}

/// Whether `notice` is one of the defaults (spacing aside), so it can follow the settings.
pub fn is_default(notice: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let notice = words(notice);
    [
        ANONYMOUS_CHILDREN,
        ANONYMOUS_OTHERS,
        IDENTIFIED_CHILDREN,
        IDENTIFIED_OTHERS,
    ]
    .iter()
    .any(|d| words(d) == notice)
}

/// Wording that promises someone will contact the person answering.
const PROMISES: &[&str] = &[
    "contact you",
    "contacting you",
    "contact with you",
    "talk to you",
    "talk with you",
    "speak to you",
    "speak with you",
    "get in touch",
    "be in touch",
    "call you",
    "ring you",
    "phone you",
    "text you",
    "email you",
    "message you",
    "write to you",
    "visit you",
    "come and see you",
    "reach out to you",
    "follow up with you",
    "follow you up",
    "keep you safe",
];

/// Words that, shortly before a promise, take it back ("we cannot contact you").
const NEGATIONS: &[&str] = &[
    "not", "cannot", "cant", "wont", "dont", "never", "nobody", "unable", "no",
];

/// A steward's notice promising what an anonymous survey cannot do.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BrokenPromise {
    /// The words that make the promise, as found (lower case).
    pub phrase: String,
}

impl BrokenPromise {
    /// What the steward is told.
    pub fn message(&self) -> String {
        format!(
            "Your privacy notice says \u{201c}{}\u{201d}, but this survey is anonymous, so nobody can contact the people who answer. Change the notice to say what happens instead, or who they can contact.",
            self.phrase
        )
    }
}

/// The rule: on an anonymous survey, a notice that promises contact (not negated just before)
/// breaks its promise. Identified surveys can keep such promises.
pub fn broken_promise(notice: &str, anonymous: bool) -> Option<BrokenPromise> {
    if !anonymous {
        return None;
    }
    let lower = notice.to_lowercase().replace(['\u{2019}', '\''], "");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    PROMISES.iter().find_map(|promise| {
        let wanted: Vec<&str> = promise.split(' ').collect();
        let found = words.windows(wanted.len()).enumerate().any(|(i, w)| {
            w == wanted.as_slice()
                && !words[i.saturating_sub(3)..i]
                    .iter()
                    .any(|w| NEGATIONS.contains(w))
        });
        found.then(|| BrokenPromise {
            phrase: (*promise).to_owned(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD_DEFAULT: &str = "If you tell us something that makes us worried you or someone else might be hurt, we may need to talk to someone to keep you safe.";

    #[test]
    fn a_notice_promising_contact_on_an_anonymous_survey_is_a_broken_promise() {
        for notice in [
            "We may need to talk to you about what you said.",
            "Someone will GET IN TOUCH if we are worried.",
            "We'll call you back.",
            OLD_DEFAULT,
        ] {
            assert!(broken_promise(notice, true).is_some(), "{notice}");
        }
        assert_eq!(
            broken_promise("We might contact you.", true).map(|b| b.phrase),
            Some("contact you".to_owned())
        );
    }

    #[test]
    fn the_same_promise_on_an_identified_survey_is_kept() {
        assert_eq!(broken_promise("We may contact you.", false), None);
    }

    #[test]
    fn saying_we_cannot_contact_you_is_no_promise() {
        for notice in [
            "We cannot contact you, because we do not know who you are.",
            "Nobody can contact you.",
            "We won't get in touch.",
            "Thank you for your answers.",
        ] {
            assert_eq!(broken_promise(notice, true), None, "{notice}");
        }
    }

    #[test]
    fn every_default_tells_the_truth_about_its_own_survey() {
        for audience in Audience::ALL {
            for anonymous in [true, false] {
                let notice = default_notice(*audience, anonymous);
                assert_eq!(broken_promise(notice, anonymous), None, "{notice}");
                assert!(is_default(notice));
            }
        }
        assert!(broken_promise(IDENTIFIED_CHILDREN, true).is_some());
        assert!(!is_default(OLD_DEFAULT));
    }

    #[test]
    fn the_migrations_replace_each_old_default_with_todays_wording() {
        use migration::m20261204_000010_help_contacts as m10;
        use migration::m20261206_000016_plain_privacy_words as m16;
        assert!(m10::OLD_DEFAULT.contains(OLD_DEFAULT));
        assert!(broken_promise(m10::OLD_DEFAULT, true).is_some());
        assert_eq!(m10::ANONYMOUS_CHILDREN, m16::CHANGES[0].0);
        assert_eq!(m10::ANONYMOUS_OTHERS, m16::CHANGES[1].0);
        let today = [
            ANONYMOUS_CHILDREN,
            ANONYMOUS_OTHERS,
            IDENTIFIED_CHILDREN,
            IDENTIFIED_OTHERS,
        ];
        for ((was, now), default) in m16::CHANGES.iter().zip(today) {
            assert_eq!(*now, default);
            assert_eq!(*was, now.replace(m16::NOW, m16::WAS));
        }
    }
}
