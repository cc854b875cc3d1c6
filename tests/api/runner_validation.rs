//! Runner validation: every kind of question, required and optional, answers kept on errors.

use chorus::surveys::{Layout, SurveyKind};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::runner_fixtures::*;

#[tokio::test]
async fn every_kind_of_question_accepts_valid_answers_and_rejects_invalid_ones() {
    let app = spawn_app().await;
    let kinds = [
        "faces",
        "scale",
        "rating",
        "single_choice",
        "multiple_choice",
        "yes_no",
        "short_text",
        "long_text",
    ];
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        kinds.iter().map(|k| q(k, k, false)).collect(),
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let long_ok = "a".repeat(5000);
    let long_bad = "a".repeat(5001);
    let short_ok = "é".repeat(200);
    let short_bad = "é".repeat(201);
    let cases: Vec<(Vec<(&str, &str)>, bool)> = vec![
        (vec![("q_faces", "1")], true),
        (vec![("q_faces", "6")], false),
        (vec![("q_faces", "happy")], false),
        (vec![("q_scale", "5")], true),
        (vec![("q_scale", "0")], false),
        (vec![("q_rating", "0")], true),
        (vec![("q_rating", "10")], true),
        (vec![("q_rating", "11")], false),
        (vec![("q_single_choice", "Music")], true),
        (
            vec![
                ("q_single_choice", "Other"),
                ("q_single_choice_other", "Chess"),
            ],
            true,
        ),
        (
            vec![("q_single_choice", "Other"), ("q_single_choice_other", "")],
            false,
        ),
        (vec![("q_single_choice", "Swimming")], false),
        (
            vec![("q_single_choice", "Art"), ("q_single_choice", "Music")],
            false,
        ),
        (
            vec![
                ("q_multiple_choice", "Art"),
                ("q_multiple_choice", "Football"),
            ],
            true,
        ),
        (vec![("q_multiple_choice", "None of these")], true),
        (
            vec![
                ("q_multiple_choice", "Art"),
                ("q_multiple_choice", "None of these"),
            ],
            false,
        ),
        (vec![("q_multiple_choice", "Tennis")], false),
        (vec![("q_yes_no", "yes")], true),
        (vec![("q_yes_no", "maybe")], false),
        (vec![("q_short_text", &short_ok)], true),
        (vec![("q_short_text", &short_bad)], false),
        (vec![("q_long_text", &long_ok)], true),
        (vec![("q_long_text", &long_bad)], false),
        (vec![], true),
    ];
    let mut stored = 0;
    for (fields, valid) in cases {
        let res = fill(
            &app,
            &app.client,
            &format!("{base}/form"),
            &format!("{base}/form"),
            &fields,
        )
        .await;
        let expected = if valid {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let status = res.status();
        let page = res.text().await.unwrap();
        assert_eq!(
            status,
            expected,
            "{:?}",
            fields.iter().map(|(k, v)| (k, v.len())).collect::<Vec<_>>()
        );
        if valid {
            stored += 1;
        } else {
            // An error about the "Other" text links to its box; any other to the question.
            let field = fields
                .iter()
                .find(|(k, v)| k.ends_with("_other") && v.is_empty())
                .unwrap_or(&fields[0])
                .0;
            assert!(
                page.contains(&format!("href=\"#{field}\"")),
                "error links to {field}"
            );
            assert!(page.contains("Error: "));
        }
    }
    assert_eq!(count(&app, "response").await, stored);
}

#[tokio::test]
async fn required_questions_must_be_answered_and_optional_ones_say_so() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![
            q("faces", "feel", true),
            q("short_text", "name_of_club", true),
            q("yes_no", "again", false),
        ],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let (_, form) = app.page(&format!("{base}/form")).await;
    assert!(form.contains("Question again? (you can skip this)"));
    assert!(!form.contains('*'));
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[("q_again", "yes")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert_eq!(
        texts(&page, ".error-summary-list a"),
        vec![
            "Select the face that shows how you feel",
            "Enter your answer"
        ]
    );
    // Every answer typed is kept.
    assert!(page.contains(r#"value="yes" checked"#));
    assert_eq!(count(&app, "response").await, 0);
}

#[tokio::test]
async fn a_form_with_errors_keeps_every_answer_typed() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        five_questions(),
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[
            ("q_club", "Other"),
            ("q_club_other", "Chess <club>"),
            ("q_likes", "Music"),
            ("q_ideas", "Trips & more"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"value="Chess &lt;club&gt;""#));
    assert!(page.contains(r#"value="Music" checked"#));
    assert!(page.contains("Trips &amp; more</textarea>"));
}

#[tokio::test]
async fn other_chosen_with_nothing_typed_is_an_error_on_the_other_text_box() {
    let app = spawn_app().await;
    for layout in [Layout::OnePerPage, Layout::SinglePage] {
        let survey = open_survey(
            &app,
            SurveyKind::Questionnaire,
            layout,
            vec![q("single_choice", "club", true)],
        )
        .await;
        let page = match layout {
            Layout::OnePerPage => format!("/s/{}/q/1", survey.slug),
            _ => format!("/s/{}/form", survey.slug),
        };
        let res = fill(
            &app,
            &app.client,
            &page,
            &page,
            &[("q_club", "Other"), ("q_club_other", "  ")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{layout:?}");
        let html = res.text().await.unwrap();
        // The summary links to the text box, not to the first radio.
        assert_eq!(
            texts_attr(&html, ".error-summary-list a", "href"),
            vec!["#q_club_other"],
            "{layout:?}"
        );
        assert_eq!(
            texts(&html, ".error-summary-list a"),
            vec!["Enter your other answer"]
        );
        // The inline message describes the text box; the group of radios is not in error.
        assert_eq!(
            texts_attr(&html, "input#q_club_other", "aria-describedby"),
            vec!["q_club-error"],
            "{layout:?}"
        );
        assert_eq!(
            texts(&html, "#q_club-error"),
            vec!["Error: Enter your other answer"]
        );
        assert!(
            texts_attr(&html, "fieldset[aria-describedby]", "aria-describedby")
                .iter()
                .all(|ids| !ids.contains("q_club-error")),
            "{layout:?}: {html}"
        );
        // Nothing chosen at all is still an error on the question's first radio.
        let res = fill(&app, &app.client, &page, &page, &[]).await;
        let html = res.text().await.unwrap();
        assert_eq!(
            texts_attr(&html, ".error-summary-list a", "href"),
            vec!["#q_club"],
            "{layout:?}"
        );
    }
}
