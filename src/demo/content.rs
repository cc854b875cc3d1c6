//! The demo's words: a project, two surveys and pools of realistic answers, picked by a seeded
//! generator so every run makes the same data.

use crate::help::{ContactInput, LocalContact};
use crate::projects::{NewProject, Scale};
use crate::surveys::DEFAULT_PRIVACY_NOTICE;
use crate::surveys::privacy::default_notice;
use crate::surveys::question::{QuestionDef, QuestionKey, QuestionKind};
use crate::surveys::{Audience, Layout, NewSurvey, SurveyKind};

/// The demo project's title; its presence means the demo is loaded.
pub const PROJECT_TITLE: &str = "Family hub: getting help sooner";

pub fn project() -> NewProject {
    NewProject {
        title: PROJECT_TITLE.into(),
        outcome: "Children and families get the right help early, from people they trust, before things reach crisis.".into(),
        scale: Scale::Place,
        description: "A system of interest around the family hub: children, parents and carers, the hub team, health visitors, schools and the policies that decide who gets help and when.".into(),
        safeguarding_lead: "safeguarding.lead@example.org".into(),
    }
}

/// The demo project's local help contact (a number reserved by Ofcom for drama, so nobody is
/// rung by mistake).
pub fn help_contact() -> Option<LocalContact> {
    LocalContact::parse(&ContactInput {
        name: "Riverside Family Hub".into(),
        phone: "01632 960 001".into(),
        hours: "Monday to Friday, 9am to 5pm".into(),
    })
    .ok()
    .flatten()
}

fn q(
    key: &str,
    kind: QuestionKind,
    prompt: &str,
    hint: &str,
    easy: &str,
    required: bool,
    options: &[&str],
) -> QuestionDef {
    QuestionDef {
        key: QuestionKey::parse(key).unwrap_or_else(|_| QuestionKey::suggest(key)),
        kind,
        prompt: prompt.into(),
        hint: hint.into(),
        easy_read: easy.into(),
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        allow_other: kind == QuestionKind::SingleChoice,
        allow_none: kind == QuestionKind::MultipleChoice,
    }
}

pub fn childrens_questionnaire() -> NewSurvey {
    use QuestionKind::*;
    NewSurvey {
        kind: SurveyKind::Questionnaire,
        title: "Tell us about the family hub".into(),
        audience: Audience::Children,
        intro: "Tell us what you think of the family hub: there are no right or wrong answers."
            .into(),
        privacy_notice: DEFAULT_PRIVACY_NOTICE.into(),
        layout: Layout::OnePerPage,
        anonymous: true,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: None,
        context_options: Vec::new(),
        questions: vec![
            q(
                "feeling",
                Faces,
                "How do you feel when you come to the family hub?",
                "Choose the face that is closest to how you feel.",
                "How do you feel at the hub?",
                true,
                &[],
            ),
            q(
                "come_with",
                SingleChoice,
                "Who do you usually come with?",
                "",
                "Who comes with you?",
                true,
                &[
                    "A parent or carer",
                    "A brother or sister",
                    "A friend",
                    "A teacher or support worker",
                    "On my own",
                ],
            ),
            q(
                "what_helps",
                MultipleChoice,
                "What helps you most at the hub?",
                "Choose all that are true for you.",
                "What helps you?",
                true,
                &[
                    "Someone to talk to",
                    "Games and activities",
                    "Food and snacks",
                    "Help with school",
                    "A quiet space",
                ],
            ),
            q(
                "listened_to",
                YesNo,
                "Do the adults at the hub listen to you?",
                "",
                "Do adults listen to you?",
                true,
                &[],
            ),
            q(
                "one_word",
                ShortText,
                "Give us one word about the hub",
                "",
                "One word about the hub",
                false,
                &[],
            ),
            q(
                "make_better",
                LongText,
                "What one thing would make the hub better for you?",
                "You can write as much or as little as you like.",
                "What would make it better?",
                false,
                &[],
            ),
        ],
    }
}

pub fn feedback_form() -> NewSurvey {
    use QuestionKind::*;
    NewSurvey {
        kind: SurveyKind::Feedback,
        title: "How did it go?".into(),
        audience: Audience::Practitioners,
        intro: "Quick feedback after you have worked with a family. It takes under a minute."
            .into(),
        privacy_notice: default_notice(Audience::Practitioners, true).into(),
        layout: Layout::SinglePage,
        anonymous: true,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: Some("When are you giving feedback?".into()),
        context_options: vec![
            "After a home visit".into(),
            "After a meeting".into(),
            "After a group session".into(),
        ],
        questions: vec![
            q("how_it_went", Faces, "How did it go?", "", "", true, &[]),
            q(
                "family_voice",
                Scale,
                "How much did the family shape what happened next?",
                "",
                "",
                true,
                &["Not at all", "Completely"],
            ),
            q(
                "what_got_in_the_way",
                LongText,
                "What helped or got in the way?",
                "For example a rule, a form, a waiting list or a good conversation.",
                "",
                false,
                &[],
            ),
        ],
    }
}

/// Free-text answers from children, as they might write them.
pub const CHILD_TEXTS: &[&str] = &[
    "more games and a bigger room to play in",
    "I wish it was open after school on fridays",
    "the staff are kind but sometimes its too noisy",
    "nothing its good",
    "better snacks!! and maybe pizza",
    "somewhere quiet to do homework",
    "when I have to wait a long time I get bored",
    "more things for older kids, its mostly for little ones",
    "I like talking to Sam he listens",
    "the bus takes ages to get here",
    "wifi so I can do my homework",
    "make it less scary the first time you come",
    "more art stuff",
    "let us choose the activities",
    "the toilets need fixing",
    "I don't like when they ask the same questions every time",
    "have a space just for teenagers",
    "more football",
    "tell us what is happening before it happens",
    "it's fine",
];

/// One-word answers.
pub const ONE_WORDS: &[&str] = &[
    "fun", "safe", "kind", "boring", "noisy", "friendly", "good", "ok", "helpful", "warm",
];

/// Practitioners' notes.
pub const PRACTITIONER_TEXTS: &[&str] = &[
    "Family had to repeat their story again because the referral form did not come through.",
    "Good conversation, mum led the plan and it felt like hers.",
    "Waiting list for speech and language is 9 months, family feel stuck.",
    "The eligibility threshold meant we could not offer what they actually asked for.",
    "Dad was worried about being judged; meeting at the hub instead of home helped.",
    "Too many professionals in the room, the young person stopped talking.",
    "Interpreter did not turn up so we rearranged.",
    "School and health visitor shared information quickly, plan agreed in one meeting.",
    "Housing letter was confusing, spent most of the visit explaining it.",
    "Group session worked well, parents supported each other.",
    "Case closed at 12 weeks by policy but the family still needed support.",
    "Family asked for evening appointments, we could not offer any.",
];

/// A small deterministic generator (splitmix64), so the demo is the same every time.
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Self {
        Seeded(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// A value from 1..=5 leaning towards `centre`.
    pub fn leaning(&mut self, centre: i32) -> i32 {
        let offset = i32::try_from(self.below(3)).unwrap_or(1) - 1;
        let wobble = if self.chance(20) {
            i32::try_from(self.below(3)).unwrap_or(1) - 1
        } else {
            0
        };
        (centre + offset + wobble).clamp(1, 5)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
