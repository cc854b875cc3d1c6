//! Fixtures for runner and receipt tests: open surveys made straight in the database (the
//! builder is not under test here), and helpers to fill in runner forms like a browser.

use chorus::accounts::{Role, StewardId};
use chorus::projects::ProjectId;
use chorus::projects::model::{NewProject, ProjectInput};
use chorus::surveys::question::QuestionInput;
use chorus::surveys::{Audience, Layout, NewSurvey, QuestionDef, Status, Survey, SurveyKind};
use reqwest::{Client, Response};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

use crate::helpers::TestApp;

/// A question input of this kind.
pub fn q(kind: &str, key: &str, required: bool) -> QuestionInput {
    let options = match kind {
        "single_choice" | "multiple_choice" => {
            vec!["Art".into(), "Football".into(), "Music".into()]
        }
        _ => vec![],
    };
    QuestionInput {
        key: key.into(),
        kind: kind.into(),
        prompt: format!("Question {key}?"),
        hint: String::new(),
        easy_read: String::new(),
        required,
        options,
        allow_other: kind == "single_choice",
        allow_none: kind == "multiple_choice",
    }
}

pub async fn db(app: &TestApp) -> DatabaseConnection {
    Database::connect(app.database_url.as_str()).await.unwrap()
}

/// A new project (as the fixtures make them) with `steward` as its steward.
pub async fn project_of(db: &DatabaseConnection, steward: i64) -> ProjectId {
    let project = NewProject::parse(&ProjectInput {
        title: "Family hubs".into(),
        outcome: "Families feel heard".into(),
        scale: "team".into(),
        description: String::new(),
        safeguarding_lead: "lead@example.org".into(),
    })
    .unwrap();
    chorus::projects::store::create(db, &project, StewardId(steward))
        .await
        .unwrap()
}

/// An anonymous children's survey of this kind, layout and questions, as the fixtures make them.
pub fn new_survey(kind: SurveyKind, layout: Layout, questions: &[QuestionInput]) -> NewSurvey {
    NewSurvey {
        kind,
        title: "Our youth club".into(),
        audience: Audience::Children,
        intro: "Tell us what you think of the youth club.".into(),
        privacy_notice: chorus::surveys::DEFAULT_PRIVACY_NOTICE.into(),
        layout,
        anonymous: true,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: None,
        context_options: vec![],
        questions: questions
            .iter()
            .map(|i| QuestionDef::parse(i).unwrap())
            .collect(),
    }
}

/// A new survey in a new project, with `tweak` applied, left in `status`.
pub async fn survey_with(
    app: &TestApp,
    kind: SurveyKind,
    layout: Layout,
    questions: Vec<QuestionInput>,
    status: Status,
    tweak: impl FnOnce(&mut NewSurvey),
) -> Survey {
    let db = db(app).await;
    let owner = format!("owner-{}@example.org", uuid::Uuid::new_v4().simple());
    let steward = app.insert_steward(Role::Steward, &owner).await;
    let project_id = project_of(&db, steward.id).await;
    let mut new = new_survey(kind, layout, &questions);
    tweak(&mut new);
    let survey = chorus::surveys::store::create(&db, project_id, &new)
        .await
        .unwrap();
    chorus::surveys::store::set_status(&db, survey.id, status)
        .await
        .unwrap();
    db.close().await.unwrap();
    survey
}

/// An open survey.
pub async fn open_survey(
    app: &TestApp,
    kind: SurveyKind,
    layout: Layout,
    questions: Vec<QuestionInput>,
) -> Survey {
    survey_with(app, kind, layout, questions, Status::Open, |_| {}).await
}

/// Hidden inputs of the first form on a page that posts to `action` (or the first form).
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("main form input[type=hidden]").unwrap();
    doc.select(&sel)
        .filter_map(|e| {
            Some((
                e.value().attr("name")?.to_owned(),
                e.value().attr("value").unwrap_or("").to_owned(),
            ))
        })
        .collect()
}

/// GETs `page`, then POSTs its form's hidden fields plus `fields` to `action`.
pub async fn fill(
    app: &TestApp,
    client: &Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Response {
    let html = app.get_with(client, page).await.text().await.unwrap();
    let mut all = hidden_fields(&html);
    all.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    client
        .post(app.url(action))
        .form(&all)
        .send()
        .await
        .unwrap()
}

/// Number of rows in a table.
pub async fn count(app: &TestApp, table: &str) -> i64 {
    let db = db(app).await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    db.close().await.unwrap();
    n
}

/// The receipt code shown on a confirmation page.
pub fn receipt_in(html: &str) -> String {
    crate::helpers::texts(html, ".receipt")
        .into_iter()
        .next()
        .expect("a receipt code on the page")
}

/// Five questions of different kinds: faces, single choice, multiple choice, yes/no, long text.
pub fn five_questions() -> Vec<QuestionInput> {
    vec![
        q("faces", "feel", true),
        q("single_choice", "club", true),
        q("multiple_choice", "likes", false),
        q("yes_no", "again", true),
        q("long_text", "ideas", false),
    ]
}
