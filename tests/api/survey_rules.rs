//! One rule in one place: every survey rule, as a row of raw fields, goes through the builder's
//! settings form and through the JSON API. Both must refuse the same rows (on the same field,
//! with the same message, except that dates are days on the form and times in the API) or
//! accept them, store nothing when they refuse, and store the same survey when they accept.

mod paths;
mod table;

use crate::api::token_for;
use crate::helpers::*;
use crate::projects::create_project;
use chorus::accounts::Role;
use chorus::projects::ProjectId;
use chorus::surveys::Survey;
use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{Map, Value, json};
use table::{Row, rows};

/// A survey every path accepts, as the settings form sends it.
const BASE: &[(&str, &str)] = &[
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
    ("closes_day", ""),
    ("closes_month", ""),
    ("closes_year", ""),
    ("context_prompt", ""),
    ("context_options", ""),
];

/// The form's fields for a row.
fn form_fields(row: &Row) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> =
        BASE.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
    for (name, value) in &row.set {
        match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = value.clone(),
            None => fields.push((name, value.clone())),
        }
    }
    fields
}

/// The same fields as an API body: yes/no as booleans, context options as a list, and each
/// date as the time the form's day stands for (a closing day lasts to its end). A day that is
/// not real cannot be written as a time, so it is sent as typed (`shape_only`: the API then
/// refuses the JSON before any field is read).
fn api_body(fields: &[(&'static str, String)]) -> (Value, bool) {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut body = Map::new();
    let mut shape_only = false;
    for name in [
        "kind",
        "title",
        "audience",
        "intro",
        "privacy_notice",
        "layout",
    ] {
        body.insert(name.into(), json!(get(name)));
    }
    for name in ["anonymous", "sensitive"] {
        body.insert(name.into(), json!(get(name) == "yes"));
    }
    for (prefix, field, days_after) in [("opens", "opens_at", 0), ("closes", "closes_at", 1)] {
        let [d, m, y] = ["day", "month", "year"].map(|p| get(&format!("{prefix}_{p}")).to_owned());
        if d.is_empty() && m.is_empty() && y.is_empty() {
            continue;
        }
        let day = (|| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))();
        let value = match day {
            Some(day) => json!(format!(
                "{}T00:00:00Z",
                day + chrono::Duration::days(days_after)
            )),
            None => {
                shape_only = true;
                json!(format!("{y}-{m}-{d}"))
            }
        };
        body.insert(field.into(), value);
    }
    body.insert("context_prompt".into(), json!(get("context_prompt")));
    let options: Vec<&str> = get("context_options").lines().collect();
    body.insert("context_options".into(), json!(options));
    (Value::Object(body), shape_only)
}

/// The API's name for a form field.
fn api_field(field: &str) -> &str {
    match field {
        "opens" => "opens_at",
        "closes" => "closes_at",
        other => other,
    }
}

async fn stored(app: &TestApp, project: i64) -> Vec<Survey> {
    let db = connect_db(app).await;
    let surveys = chorus::surveys::store::list_for_project(&db, ProjectId(project))
        .await
        .unwrap();
    db.close().await.unwrap();
    surveys
}

/// What a stored survey says, without what differs by path (ids, slug, times).
fn settings(s: &Survey) -> Value {
    json!([
        s.kind.as_str(),
        s.title,
        s.audience.as_str(),
        s.intro,
        s.privacy_notice,
        s.layout.as_str(),
        s.anonymous,
        s.sensitive,
        s.opens_at,
        s.closes_at,
        s.context_prompt,
        s.context_options,
        s.status.as_str(),
    ])
}

/// The error summary's message for a field on a form page.
fn summary_message(page: &str, field: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse(".error-summary-list a").unwrap();
    doc.select(&sel)
        .find(|a| a.value().attr("href") == Some(&format!("#{field}")))
        .map(|a| a.text().collect::<String>().trim().to_owned())
}

#[tokio::test]
async fn the_settings_form_and_the_api_keep_the_same_survey_rules() {
    let app = spawn_app().await;
    let (web, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let web_project = create_project(&app, &web, "Youth club").await;
    let token = token_for(&app, Role::Steward, "ash@example.org").await;
    let http = new_client();
    let res = http
        .post(app.url("/api/v1/projects"))
        .bearer_auth(&token)
        .json(&crate::api::project_body())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let api_project = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    for row in rows() {
        let case = format!("{} ({:?})", row.case, row.refused_on);
        let fields = form_fields(&row);
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (web_before, api_before) = (
            stored(&app, web_project).await.len(),
            stored(&app, api_project).await.len(),
        );

        let res = app
            .post_form_with(
                &web,
                &format!("/projects/{web_project}/surveys/new"),
                &pairs,
            )
            .await;
        let web_status = res.status();
        let page = res.text().await.unwrap();

        let (body, shape_only) = api_body(&fields);
        let res = http
            .post(app.url(&format!("/api/v1/projects/{api_project}/surveys")))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let api_status = res.status();
        let doc: Value = res.json().await.unwrap_or(Value::Null);

        let (web_after, api_after) = (
            stored(&app, web_project).await,
            stored(&app, api_project).await,
        );
        match row.refused_on {
            Some(field) => {
                assert_eq!(web_status, StatusCode::UNPROCESSABLE_ENTITY, "form: {case}");
                assert_eq!(
                    api_status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "API: {case}: {doc}"
                );
                let on_form = summary_message(&page, field);
                assert!(on_form.is_some(), "form error on {field}: {case}");
                if shape_only {
                    assert!(doc["errors"].is_null(), "{case}: {doc}");
                } else if field == "closes" {
                    // The same rule in each path's terms: the form speaks of days, the API of
                    // times.
                    assert!(doc["errors"]["closes_at"].is_string(), "{case}: {doc}");
                } else {
                    assert_eq!(
                        doc["errors"][api_field(field)].as_str(),
                        on_form.as_deref(),
                        "same message on both paths: {case}: {doc}"
                    );
                }
                assert_eq!(web_after.len(), web_before, "form stored nothing: {case}");
                assert_eq!(api_after.len(), api_before, "API stored nothing: {case}");
            }
            None => {
                assert_eq!(web_status, StatusCode::SEE_OTHER, "form: {case}: {page}");
                assert_eq!(api_status, StatusCode::CREATED, "API: {case}: {doc}");
                assert_eq!(web_after.len(), web_before + 1, "{case}");
                assert_eq!(api_after.len(), api_before + 1, "{case}");
                // Newest first: both paths stored the same survey.
                assert_eq!(
                    settings(&web_after[0]),
                    settings(&api_after[0]),
                    "same survey stored: {case}"
                );
            }
        }
    }
}
