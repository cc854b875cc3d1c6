use super::*;
use crate::surveys::model::{NewSurvey, Status, Survey, SurveyId};
use crate::surveys::question::QuestionInput;

fn questionnaire() -> RawSurvey {
    RawSurvey {
        kind: "questionnaire".into(),
        title: "How was club?".into(),
        audience: "children".into(),
        privacy_notice: "Kept safe".into(),
        ..Default::default()
    }
}

fn feedback() -> RawSurvey {
    RawSurvey {
        kind: "feedback".into(),
        audience: "practitioners".into(),
        ..questionnaire()
    }
}

fn refused_on(raw: RawSurvey, field: &str) {
    let errors = ParsedSurvey::parse(&raw).unwrap_err();
    assert!(errors.get(field).is_some(), "{field}: {errors:?}");
}

fn question(key: &str) -> QuestionInput {
    QuestionInput {
        key: key.into(),
        kind: "yes_no".into(),
        prompt: "Again?".into(),
        ..Default::default()
    }
}

#[test]
fn a_questionnaire_is_always_anonymous_and_a_feedback_form_need_not_be() {
    let named = |raw: RawSurvey| RawSurvey {
        anonymous: "no".into(),
        ..raw
    };
    refused_on(named(questionnaire()), "anonymous");
    let parsed = ParsedSurvey::parse(&named(feedback())).unwrap();
    assert!(!parsed.settings().anonymous());
}

#[test]
fn kind_audience_title_notice_and_layout_are_checked() {
    refused_on(
        RawSurvey {
            kind: "essay".into(),
            ..questionnaire()
        },
        "kind",
    );
    refused_on(
        RawSurvey {
            audience: "aliens".into(),
            ..questionnaire()
        },
        "audience",
    );
    refused_on(
        RawSurvey {
            title: " ".into(),
            ..questionnaire()
        },
        "title",
    );
    refused_on(
        RawSurvey {
            title: "x".repeat(TITLE_MAX + 1),
            ..questionnaire()
        },
        "title",
    );
    refused_on(
        RawSurvey {
            intro: "x".repeat(INTRO_MAX + 1),
            ..questionnaire()
        },
        "intro",
    );
    refused_on(
        RawSurvey {
            privacy_notice: String::new(),
            ..questionnaire()
        },
        "privacy_notice",
    );
    refused_on(
        RawSurvey {
            layout: "spiral".into(),
            ..questionnaire()
        },
        "layout",
    );
}

#[test]
fn a_survey_closes_after_it_opens() {
    let now = chrono::Utc::now();
    let at = |opens, closes| RawSurvey {
        opens: RawDate::At(Some(opens)),
        closes: RawDate::At(Some(closes)),
        ..questionnaire()
    };
    refused_on(at(now, now), "closes");
    assert!(ParsedSurvey::parse(&at(now, now + chrono::Duration::hours(1))).is_ok());
    let day = |d: &str| RawDate::Day {
        day: d.into(),
        month: "2".into(),
        year: "2030".into(),
    };
    refused_on(
        RawSurvey {
            opens: day("30"),
            ..questionnaire()
        },
        "opens",
    );
    refused_on(
        RawSurvey {
            opens: day("2"),
            closes: day("1"),
            ..questionnaire()
        },
        "closes",
    );
}

#[test]
fn context_belongs_to_feedback_forms_and_needs_two_options() {
    let with = |raw: RawSurvey, prompt: &str, options: &[&str]| RawSurvey {
        context_prompt: prompt.into(),
        context_options: options.iter().map(|o| (*o).to_owned()).collect(),
        ..raw
    };
    refused_on(with(feedback(), "Where?", &["Home"]), "context_options");
    refused_on(with(feedback(), "", &["Home", "Office"]), "context_prompt");
    let many: Vec<String> = (0..=CONTEXT_OPTIONS_MAX).map(|i| i.to_string()).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    refused_on(with(feedback(), "Where?", &many), "context_options");
    let parsed = ParsedSurvey::parse(&with(feedback(), "Where?", &["Home", "Office"])).unwrap();
    assert_eq!(parsed.settings().context_prompt(), Some("Where?"));
    let parsed = ParsedSurvey::parse(&with(questionnaire(), "Where?", &["Home"])).unwrap();
    assert_eq!(parsed.settings().context_prompt(), None);
    assert!(parsed.settings().context_options().is_empty());
}

#[test]
fn questions_have_unique_keys_keep_their_own_rules_and_are_not_too_many() {
    let asking = |questions: Vec<QuestionInput>| RawSurvey {
        questions,
        ..questionnaire()
    };
    refused_on(
        asking(vec![question("again"), question("again")]),
        "questions.1.key",
    );
    refused_on(
        asking(vec![QuestionInput {
            kind: "essay".into(),
            ..question("a")
        }]),
        "questions.0.kind",
    );
    let many = (0..=QUESTIONS_MAX)
        .map(|i| question(&format!("q{i}")))
        .collect();
    refused_on(asking(many), "questions");
    assert_eq!(
        ParsedSurvey::parse(&asking(vec![question("again")]))
            .unwrap()
            .questions()
            .len(),
        1
    );
}

#[test]
fn a_default_notice_follows_the_audience_and_anonymity() {
    let raw = RawSurvey {
        privacy_notice: crate::surveys::DEFAULT_PRIVACY_NOTICE.into(),
        anonymous: "no".into(),
        ..feedback()
    };
    let parsed = ParsedSurvey::parse(&raw).unwrap();
    assert_eq!(
        parsed.settings().privacy_notice(),
        privacy::default_notice(Audience::Practitioners, false)
    );
}

#[test]
fn surveys_built_in_code_and_copies_go_through_the_same_rules() {
    let new = NewSurvey {
        kind: SurveyKind::Questionnaire,
        title: "Club".into(),
        audience: Audience::Children,
        intro: String::new(),
        privacy_notice: "Kept safe".into(),
        layout: Layout::SinglePage,
        anonymous: false,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: None,
        context_options: Vec::new(),
        questions: Vec::new(),
    };
    refused_on(RawSurvey::from(&new), "anonymous");
    let now = chrono::Utc::now();
    let stored = Survey {
        id: SurveyId(1),
        project_id: crate::projects::ProjectId(1),
        slug: "abc".into(),
        kind: SurveyKind::Questionnaire,
        title: "x".repeat(TITLE_MAX),
        audience: Audience::Children,
        intro: String::new(),
        privacy_notice: "Kept safe".into(),
        status: Status::Open,
        opens_at: None,
        closes_at: None,
        layout: Layout::SinglePage,
        anonymous: true,
        sensitive: false,
        context_prompt: None,
        context_options: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    let copy = ParsedSurvey::parse(&RawSurvey::copy_of(&stored, &[])).unwrap();
    assert!(copy.settings().title().starts_with("Copy of x"));
    assert_eq!(copy.settings().title().chars().count(), TITLE_MAX);
    let legacy = Survey {
        anonymous: false,
        ..stored
    };
    refused_on(RawSurvey::copy_of(&legacy, &[]), "anonymous");
}
