//! The survey builder: the whole flow over HTTP, validation, locking answered questions, roles,
//! and "not found" for every builder route of another project.

use crate::helpers::*;
use crate::projects::create_project;
use chorus::accounts::Role;
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveModelTrait, Database, Set};

const SURVEY: &[(&str, &str)] = &[
    ("kind", "questionnaire"),
    ("title", "How was club?"),
    ("audience", "children"),
    ("intro", "Tell us about club"),
    ("privacy_notice", "We keep your answers safe."),
    ("layout", ""),
    ("anonymous", "yes"),
    ("sensitive", "no"),
    ("opens_day", ""),
    ("opens_month", ""),
    ("opens_year", ""),
    ("closes_day", "31"),
    ("closes_month", "12"),
    ("closes_year", "2030"),
];

fn id_from(res: &reqwest::Response, prefix: &str) -> i64 {
    let location = res.headers()["location"].to_str().unwrap();
    location
        .trim_start_matches(prefix)
        .split(['/', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

pub async fn create_survey(app: &TestApp, client: &Client, project: i64) -> i64 {
    let res = app
        .post_form_with(client, &format!("/projects/{project}/surveys/new"), SURVEY)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    id_from(&res, "/surveys/")
}

/// One question of each kind: (kind, prompt, key, options, low, high).
pub const QUESTIONS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("faces", "How did club feel?", "feel", "", "", ""),
    (
        "scale",
        "How safe did you feel?",
        "safe",
        "",
        "Not safe",
        "Very safe",
    ),
    ("rating", "Would you tell a friend?", "", "", "", ""),
    (
        "single_choice",
        "Which day?",
        "day",
        "Monday\nTuesday",
        "",
        "",
    ),
    (
        "multiple_choice",
        "What did you do?",
        "did",
        "Games\nArt\nSport",
        "",
        "",
    ),
    ("yes_no", "Will you come back?", "back", "", "", ""),
    ("short_text", "One word for club", "word", "", "", ""),
    ("long_text", "Anything else?", "else", "", "", ""),
];

pub async fn add_question(
    app: &TestApp,
    client: &Client,
    survey: i64,
    q: (&str, &str, &str, &str, &str, &str),
) -> reqwest::Response {
    app.post_form_with(
        client,
        &format!("/surveys/{survey}/questions/new"),
        &[
            ("kind", q.0),
            ("prompt", q.1),
            ("key", q.2),
            ("options", q.3),
            ("low_label", q.4),
            ("high_label", q.5),
            ("required", "yes"),
            ("allow_other", "yes"),
            ("allow_none", "yes"),
        ],
    )
    .await
}

async fn body(app: &TestApp, client: &Client, path: &str) -> String {
    let res = app.get_with(client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

async fn question_ids(app: &TestApp, survey: i64) -> Vec<i64> {
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let qs = chorus::surveys::store::questions(&db, chorus::surveys::SurveyId(survey), true)
        .await
        .unwrap();
    db.close().await.unwrap();
    qs.into_iter().map(|q| q.id.0).collect()
}

#[tokio::test]
async fn a_steward_builds_previews_publishes_closes_and_duplicates_a_questionnaire() {
    let app = spawn_app().await;
    let (c, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let project = create_project(&app, &c, "Youth club").await;
    let form = body(&app, &c, &format!("/projects/{project}/surveys/new")).await;
    assert!(form.contains(&chorus::surveys::DEFAULT_PRIVACY_NOTICE[..40]));
    let survey = create_survey(&app, &c, project).await;
    for q in QUESTIONS {
        let res = add_question(&app, &c, survey, *q).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", q.0);
    }
    let page = body(&app, &c, &format!("/surveys/{survey}")).await;
    assert!(page.contains("Draft") && page.contains("One question per page"));
    assert!(
        page.contains("would_you_tell_a_friend"),
        "key suggested from the prompt"
    );
    let ids = question_ids(&app, survey).await;
    assert_eq!(ids.len(), 8);

    let res = app
        .post_form_with(
            &c,
            &format!("/surveys/{survey}/questions/{}/edit", ids[0]),
            &[
                ("kind", "faces"),
                ("prompt", "How did club feel today?"),
                ("easy_read", "Was club good?"),
                ("key", "feel"),
                ("required", "no"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .post_form_with(
            &c,
            &format!("/surveys/{survey}/questions/{}/move-down", ids[0]),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = body(&app, &c, &format!("/surveys/{survey}")).await;
    let prompts = texts(&page, ".question-list li strong");
    assert!(prompts[0].contains("How safe did you feel?"), "{prompts:?}");
    assert!(
        prompts[1].contains("How did club feel today?"),
        "{prompts:?}"
    );

    let preview = body(&app, &c, &format!("/surveys/{survey}/preview")).await;
    assert!(preview.contains("Tell us about club"));
    for q in QUESTIONS.iter().skip(1) {
        assert!(preview.contains(q.1), "{}", q.1);
    }
    assert!(preview.contains("How did club feel today? (you can skip this)"));
    assert!(preview.contains("Really bad") && preview.contains("Very safe"));
    assert!(preview.contains("None of these") && preview.contains("q_day_other"));
    assert!(preview.contains("You can write a lot."));
    let easy = body(
        &app,
        &c,
        &format!("/surveys/{survey}/preview?easy_read=yes"),
    )
    .await;
    assert!(easy.contains("Was club good?"));

    let res = app
        .post_form_with(&c, &format!("/surveys/{survey}/publish"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = body(&app, &c, &format!("/surveys/{survey}")).await;
    assert!(page.contains("/s/") && page.contains("Open"));
    let res = app
        .post_form_with(&c, &format!("/surveys/{survey}/close"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = body(&app, &c, &format!("/surveys/{survey}")).await;
    assert!(page.contains("Closed") && page.contains("Reopen"));

    let res = app
        .post_form_with(&c, &format!("/surveys/{survey}/duplicate"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let copy = id_from(&res, "/surveys/");
    assert_ne!(copy, survey);
    let page = body(&app, &c, &format!("/surveys/{copy}")).await;
    assert!(page.contains("Copy of How was club?") && page.contains("Draft"));
    assert_eq!(question_ids(&app, copy).await.len(), 8);
    let overview = body(&app, &c, &format!("/projects/{project}")).await;
    assert!(overview.contains("Copy of How was club?") && overview.contains("Closed"));
}

#[tokio::test]
async fn publishing_needs_at_least_one_question() {
    let app = spawn_app().await;
    app.create_admin().await;
    let project = create_project(&app, &app.client, "Youth club").await;
    let survey = create_survey(&app, &app.client, project).await;
    let res = app
        .post_form(&format!("/surveys/{survey}/publish"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("href=\"#questions\""));
}

#[tokio::test]
async fn invalid_survey_and_question_forms_come_back_with_errors_and_what_was_typed() {
    let app = spawn_app().await;
    app.create_admin().await;
    let project = create_project(&app, &app.client, "Youth club").await;
    let res = app
        .post_form(
            &format!("/projects/{project}/surveys/new"),
            &[
                ("kind", "questionnaire"),
                ("title", ""),
                ("intro", "Kept intro"),
                ("privacy_notice", ""),
                ("anonymous", "no"),
                ("opens_day", "31"),
                ("opens_month", "2"),
                ("opens_year", "2030"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(texts(&page, "title")[0].starts_with("Error: "));
    for field in ["title", "audience", "privacy_notice", "anonymous", "opens"] {
        assert!(page.contains(&format!("href=\"#{field}\"")), "{field}");
    }
    assert!(page.contains("Kept intro") && page.contains("value=\"31\""));

    let survey = create_survey(&app, &app.client, project).await;
    let path = format!("/surveys/{survey}/questions/new");
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("prompt", "Q?"), ("required", "yes")], "kind"),
        (&[("kind", "faces"), ("required", "yes")], "prompt"),
        (
            &[("kind", "faces"), ("prompt", "Q?"), ("key", "Bad Key")],
            "key",
        ),
        (
            &[
                ("kind", "single_choice"),
                ("prompt", "Q?"),
                ("options", "Only one"),
                ("required", "yes"),
            ],
            "options",
        ),
        (
            &[
                ("kind", "scale"),
                ("prompt", "Q?"),
                ("low_label", "Low"),
                ("required", "yes"),
            ],
            "low_label",
        ),
        (&[("kind", "faces"), ("prompt", "Kept prompt")], "required"),
    ];
    for (fields, field) in cases {
        let res = app.post_form(&path, fields).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let page = res.text().await.unwrap();
        assert!(page.contains(&format!("href=\"#{field}\"")), "{field}");
        assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}");
        for (name, value) in fields.iter() {
            if *name == "prompt" || *name == "options" {
                assert!(page.contains(value), "{field}: kept {name}");
            }
        }
    }
    add_question(&app, &app.client, survey, QUESTIONS[0]).await;
    let res = add_question(&app, &app.client, survey, QUESTIONS[0]).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "duplicate key"
    );
}

#[tokio::test]
async fn answered_questions_keep_their_key_and_type_and_are_archived_not_deleted() {
    let app = spawn_app().await;
    app.create_admin().await;
    let project = create_project(&app, &app.client, "Youth club").await;
    let survey = create_survey(&app, &app.client, project).await;
    add_question(&app, &app.client, survey, QUESTIONS[0]).await;
    add_question(&app, &app.client, survey, QUESTIONS[5]).await;
    let ids = question_ids(&app, survey).await;

    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let response = entity::response::ActiveModel {
        survey_id: Set(survey),
        submission_id: Set("fixture".into()),
        receipt: Set("ABC-DEF-GHJ".into()),
        submitted_at: Set(chrono::Utc::now()),
        mode: Set("self".into()),
        channel: Set("link".into()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    entity::answer::ActiveModel {
        response_id: Set(response.id),
        question_id: Set(ids[0]),
        number: Set(Some(4)),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    db.close().await.unwrap();

    let edit = format!("/surveys/{survey}/questions/{}/edit", ids[0]);
    let (_, page) = app.page(&edit).await;
    assert!(page.contains("This question has 1 answer, so its key and type cannot change"));
    let res = app
        .post_form(
            &edit,
            &[
                ("kind", "long_text"),
                ("key", "changed"),
                ("prompt", "New words"),
                ("required", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(&format!("/surveys/{survey}")).await;
    assert!(page.contains("New words") && page.contains(">feel<") && page.contains("Faces"));

    let res = app
        .post_form(
            &format!("/surveys/{survey}/questions/{}/delete", ids[0]),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .post_form(
            &format!("/surveys/{survey}/questions/{}/delete", ids[1]),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        question_ids(&app, survey).await,
        vec![ids[0]],
        "unanswered one deleted"
    );
    let (_, page) = app.page(&format!("/surveys/{survey}")).await;
    assert!(page.contains("Archived questions"));
    assert!(page.contains("Archived: it is no longer asked, and its 1 answers are kept"));
    let (_, preview) = app.page(&format!("/surveys/{survey}/preview")).await;
    assert!(!preview.contains("New words"));
}

#[tokio::test]
async fn practitioner_members_cannot_use_the_builder() {
    let app = spawn_app().await;
    app.create_admin().await;
    let project = create_project(&app, &app.client, "Youth club").await;
    let survey = create_survey(&app, &app.client, project).await;
    app.insert_steward(Role::Steward, "sam@example.org").await;
    let res = app
        .post_form(
            &format!("/projects/{project}/members"),
            &[("email", "sam@example.org"), ("role", "practitioner")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let client = new_client();
    app.sign_in_with(&client, "sam@example.org", PASSWORD).await;
    assert_eq!(
        app.get_with(&client, &format!("/projects/{project}"))
            .await
            .status(),
        StatusCode::OK
    );
    for path in [
        format!("/surveys/{survey}"),
        format!("/surveys/{survey}/preview"),
        format!("/surveys/{survey}/questions/new"),
    ] {
        assert_eq!(
            app.get_with(&client, &path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let res = app
        .post_form_with(&client, &format!("/surveys/{survey}/publish"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_builder_route_of_another_project_is_not_found() {
    let app = spawn_app().await;
    app.create_admin().await;
    // Project B, built by the admin, with a survey and a question.
    let b = create_project(&app, &app.client, "Project B").await;
    let survey = create_survey(&app, &app.client, b).await;
    add_question(&app, &app.client, survey, QUESTIONS[0]).await;
    let question = question_ids(&app, survey).await[0];
    let admin_id = 1;
    // A steward of project A only.
    let (a_client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let a = create_project(&app, &a_client, "Project A").await;
    let a_survey = create_survey(&app, &a_client, a).await;

    let s = format!("/surveys/{survey}");
    let q = format!("{s}/questions/{question}");
    let gets = [
        format!("/projects/{b}"),
        format!("/projects/{b}/edit"),
        format!("/projects/{b}/members"),
        format!("/projects/{b}/surveys/new"),
        s.clone(),
        format!("{s}/settings"),
        format!("{s}/preview"),
        format!("{s}/questions/new"),
        format!("{q}/edit"),
        // A's survey with B's question: the question is not in it.
        format!("/surveys/{a_survey}/questions/{question}/edit"),
    ];
    for path in &gets {
        let res = app.get_with(&a_client, path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "GET {path}");
    }
    let posts = [
        (format!("/projects/{b}/edit"), PROJECT_FIELDS),
        (
            format!("/projects/{b}/members"),
            &[("email", "sam@example.org"), ("role", "steward")][..],
        ),
        (format!("/projects/{b}/members/{admin_id}/remove"), &[][..]),
        (format!("/projects/{b}/surveys/new"), SURVEY),
        (format!("{s}/settings"), SURVEY),
        (format!("{s}/publish"), &[][..]),
        (format!("{s}/close"), &[][..]),
        (format!("{s}/reopen"), &[][..]),
        (format!("{s}/duplicate"), &[][..]),
        (
            format!("{s}/questions/new"),
            &[("kind", "faces"), ("prompt", "Q?"), ("required", "yes")][..],
        ),
        (
            format!("{q}/edit"),
            &[("kind", "faces"), ("prompt", "Q?"), ("required", "yes")][..],
        ),
        (format!("{q}/move-up"), &[][..]),
        (format!("{q}/move-down"), &[][..]),
        (format!("{q}/delete"), &[][..]),
        (format!("{q}/restore"), &[][..]),
        (
            format!("/surveys/{a_survey}/questions/{question}/delete"),
            &[][..],
        ),
    ];
    for (path, fields) in &posts {
        let res = app.post_form_with(&a_client, path, fields).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "POST {path}");
    }
    // Nothing changed in B.
    assert_eq!(question_ids(&app, survey).await, vec![question]);
    let (_, page) = app.page(&format!("/projects/{b}")).await;
    assert!(page.contains("Project B") && !page.contains("Test Steward"));
}

const PROJECT_FIELDS: &[(&str, &str)] = crate::projects::PROJECT;
