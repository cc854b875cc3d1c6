//! Walks through every page a person answering can see, keeping each page: a children's
//! questionnaire (each kind of question, its errors, saving and carrying on, check answers,
//! confirmation, seeing and deleting the answers), one-page and feedback forms, and surveys
//! that cannot be answered now.

use chorus::surveys::question::QuestionInput;
use chorus::surveys::{Audience, Layout, NewSurvey, Status, Survey, SurveyKind};
use reqwest::{Client, StatusCode};

use crate::helpers::*;
use crate::runner_fixtures::*;

/// The pages seen so far, each with what it is.
#[derive(Default)]
pub struct Seen(pub Vec<(String, String)>);

impl Seen {
    fn add(&mut self, what: impl Into<String>, html: String) -> String {
        self.0.push((what.into(), html.clone()));
        html
    }

    async fn get(&mut self, app: &TestApp, browser: &Client, what: &str, path: &str) -> String {
        let res = app.get_with(browser, path).await;
        assert!(
            !res.status().is_server_error() && !res.status().is_redirection(),
            "{what}: {path} answered {}",
            res.status()
        );
        self.add(what, res.text().await.unwrap())
    }
}

/// Sends a form and keeps the page it answers with (following one redirect).
async fn send(
    app: &TestApp,
    browser: &Client,
    seen: &mut Seen,
    what: &str,
    (page, action): (&str, &str),
    fields: &[(&str, &str)],
    expect: StatusCode,
) {
    let res = fill(app, browser, page, action, fields).await;
    assert_eq!(res.status(), expect, "{what}");
    let html = if res.status() == StatusCode::SEE_OTHER {
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        app.get_with(browser, &to).await.text().await.unwrap()
    } else {
        res.text().await.unwrap()
    };
    seen.add(what, html);
}

/// Every kind of question, as a demo-like children's questionnaire asks them: the written ones
/// may be skipped.
fn every_kind() -> Vec<(QuestionInput, &'static str)> {
    [
        ("faces", true, "4"),
        ("scale", true, "3"),
        ("rating", true, "7"),
        ("single_choice", true, "Art"),
        ("multiple_choice", true, "Music"),
        ("yes_no", true, "yes"),
        ("short_text", false, "Great"),
        ("long_text", false, "More trips"),
    ]
    .into_iter()
    .map(|(kind, required, good)| (q(kind, kind, required), good))
    .collect()
}

pub async fn children_survey(
    app: &TestApp,
    layout: Layout,
    tweak: impl FnOnce(&mut NewSurvey),
) -> Survey {
    let questions = every_kind().into_iter().map(|(q, _)| q).collect();
    survey_with(
        app,
        SurveyKind::Questionnaire,
        layout,
        questions,
        Status::Open,
        |s| {
            s.intro =
                "Tell us what you think of the youth club: there are no right or wrong answers."
                    .into();
            tweak(s);
        },
    )
    .await
}

/// One child's whole journey through a one-question-per-page questionnaire: intro, each
/// question with its errors, saving and carrying on, check answers, the confirmation and every
/// page of seeing and deleting the answers.
pub async fn walk_questionnaire(app: &TestApp, survey: &Survey, easy: bool, seen: &mut Seen) {
    let browser = new_client();
    let base = format!("/s/{}", survey.slug);
    let first = if easy {
        format!("{base}?easy_read=yes")
    } else {
        base.clone()
    };
    let from = seen.0.len();
    seen.get(app, &browser, "intro", &first).await;
    let long = "a".repeat(5_001);
    for (n, (question, good)) in every_kind().iter().enumerate() {
        let page = format!("{base}/q/{}", n + 1);
        let what = format!("question {}", question.kind);
        seen.get(app, &browser, &what, &page).await;
        let name = format!("q_{}", question.key);
        let other = format!("{name}_other");
        let mut wrong: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
        if question.required {
            wrong.push(("not answered", vec![]));
        }
        if question.kind.ends_with("_text") {
            wrong.push(("too long", vec![(&name, &long)]));
        }
        if question.kind == "single_choice" {
            wrong.push(("no other answer", vec![(&name, "Other"), (&other, "")]));
            wrong.push((
                "other answer too long",
                vec![(&name, "Other"), (&other, &long)],
            ));
        }
        for (why, fields) in wrong {
            let what = format!("{what}, {why}");
            let expect = StatusCode::UNPROCESSABLE_ENTITY;
            send(app, &browser, seen, &what, (&page, &page), &fields, expect).await;
        }
        let res = fill(app, &browser, &page, &page, &[(&name, good)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{what}");
    }
    let check = format!("{base}/check");
    let done = seen.get(app, &browser, "check answers", &check).await;
    assert!(done.contains("Change"));
    let res = fill(app, &browser, &check, &check, &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let confirmation = seen.add("confirmation", res.text().await.unwrap());
    for (what, html) in &seen.0[from..] {
        assert!(
            html.contains("0800 1111") && html.contains("999"),
            "help on {what}"
        );
    }
    save_and_carry_on(app, survey, easy, seen).await;
    see_and_delete(app, &receipt_in(&confirmation), seen).await;
}

/// "Save and come back later" in another browser: the saved page, typing the code (right and
/// wrong, on the survey's page and the general one) and the email.
async fn save_and_carry_on(app: &TestApp, survey: &Survey, easy: bool, seen: &mut Seen) {
    let browser = new_client();
    let base = format!("/s/{}", survey.slug);
    if easy {
        app.get_with(&browser, &format!("{base}?easy_read=yes"))
            .await;
    }
    let page = format!("{base}/q/1");
    let res = fill(
        app,
        &browser,
        &page,
        &page,
        &[("q_faces", "2"), ("action", "save")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let saved = seen.add("saved", res.text().await.unwrap());
    let code = texts(&saved, ".resume-code").remove(0);
    let email = format!("{base}/resume/email");
    let csrf = app.csrf_for(&browser).await;
    for (address, what) in [
        ("not an address", "email, wrong"),
        ("kid@family.example", "email sent"),
    ] {
        let res = browser
            .post(app.url(&email))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("code", &code),
                ("email", address),
            ])
            .send()
            .await
            .unwrap();
        assert!(!res.status().is_server_error(), "{what}");
        seen.add(what, res.text().await.unwrap());
    }
    for path in [format!("{base}/resume"), "/resume".to_owned()] {
        seen.get(app, &browser, "carry on", &path).await;
        for typed in ["", "RSM-0000-0000", "nonsense"] {
            send(
                app,
                &browser,
                seen,
                "carry on, wrong code",
                (&path, &path),
                &[("code", typed)],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    }
}

/// Seeing the answers with the code, and deleting them, with the wrong code too.
async fn see_and_delete(app: &TestApp, receipt: &str, seen: &mut Seen) {
    let browser = new_client();
    seen.get(app, &browser, "see or delete", "/receipt").await;
    let (wrong, ok) = (StatusCode::UNPROCESSABLE_ENTITY, StatusCode::OK);
    let steps = [
        (
            "see or delete, no code",
            "/receipt",
            vec![("receipt", "")],
            wrong,
        ),
        (
            "see or delete, short code",
            "/receipt",
            vec![("receipt", "12")],
            wrong,
        ),
        (
            "see or delete, unknown code",
            "/receipt",
            vec![("receipt", "AAA-AAA-AAA")],
            wrong,
        ),
        ("your answers", "/receipt", vec![("receipt", receipt)], ok),
        (
            "are you sure",
            "/receipt/delete",
            vec![("receipt", receipt)],
            ok,
        ),
        (
            "deleted",
            "/receipt/delete",
            vec![("receipt", receipt), ("confirm", "yes")],
            ok,
        ),
    ];
    for (what, action, fields, expect) in steps {
        send(
            app,
            &browser,
            seen,
            what,
            ("/receipt", action),
            &fields,
            expect,
        )
        .await;
    }
}

/// The one-page form and a practitioner's feedback form, with their errors and confirmations.
pub async fn walk_forms(app: &TestApp, seen: &mut Seen) {
    let single = children_survey(app, Layout::SinglePage, |_| {}).await;
    let feedback = survey_with(
        app,
        SurveyKind::Feedback,
        Layout::SinglePage,
        every_kind().into_iter().map(|(q, _)| q).collect(),
        Status::Open,
        |s| {
            s.title = "How did it go?".into();
            s.audience = Audience::Practitioners;
            s.context_prompt = Some("When are you giving feedback?".into());
            s.context_options = vec!["After a home visit".into(), "After a meeting".into()];
        },
    )
    .await;
    for survey in [&single, &feedback] {
        let browser = new_client();
        let form = format!("/s/{}/form", survey.slug);
        seen.get(app, &browser, "intro", &format!("/s/{}", survey.slug))
            .await;
        seen.get(app, &browser, "one-page form", &form).await;
        send(
            app,
            &browser,
            seen,
            "one-page form, not answered",
            (&form, &form),
            &[("q_short_text", &"a".repeat(201))],
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let answers: Vec<(String, &str)> = every_kind()
            .into_iter()
            .map(|(q, good)| (format!("q_{}", q.key), good))
            .collect();
        let fields: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        send(
            app,
            &browser,
            seen,
            "one-page form, sent",
            (&form, &form),
            &fields,
            StatusCode::OK,
        )
        .await;
    }
}

/// Surveys that cannot be answered now: closed, not open yet, still a draft; and the footer's
/// pages.
pub async fn walk_unavailable(app: &TestApp, seen: &mut Seen) {
    let closed = children_survey(app, Layout::OnePerPage, |s| {
        s.closes_at = Some(chrono::Utc::now() - chrono::Duration::hours(1))
    })
    .await;
    let later = children_survey(app, Layout::OnePerPage, |s| {
        s.opens_at = Some(chrono::Utc::now() + chrono::Duration::days(2))
    })
    .await;
    let draft = survey_with(
        app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        five_questions(),
        Status::Draft,
        |_| {},
    )
    .await;
    let browser = new_client();
    for (what, survey) in [
        ("closed", &closed),
        ("not open yet", &later),
        ("draft", &draft),
    ] {
        seen.get(app, &browser, what, &format!("/s/{}", survey.slug))
            .await;
    }
    for path in ["/privacy", "/accessibility"] {
        seen.get(app, &browser, path, path).await;
    }
}
