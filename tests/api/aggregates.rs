//! Breakdowns by mode, ISO week and audience on the results pages, and the aggregates CSVs.

use crate::api::Api;
use crate::csv::signed_in;
use crate::helpers::*;
use crate::safeguarding::{api_with, survey_in};
use chrono::{DateTime, Duration, Utc};
use entity::{answer, question, response};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, Database, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// Inserts responses straight into the database: (mode, when, faces value) each.
pub async fn insert(app: &TestApp, survey: i64, rows: &[(&str, DateTime<Utc>, i32)]) {
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let feeling = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey))
        .filter(question::Column::Key.eq("feeling"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    for (mode, at, value) in rows {
        let row = response::ActiveModel {
            survey_id: Set(survey),
            submission_id: Set(uuid::Uuid::new_v4().to_string()),
            receipt: Set(uuid::Uuid::new_v4().simple().to_string()),
            submitted_at: Set(*at),
            mode: Set((*mode).into()),
            channel: Set("link".into()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        answer::ActiveModel {
            response_id: Set(row.id),
            question_id: Set(feeling.id),
            number: Set(Some(*value)),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    db.close().await.unwrap();
}

/// Rows of one breakdown table ("cell | cell | …") under the question heading `key`.
pub fn table_rows(html: &str, key: &str, dimension: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!(
        "section[aria-labelledby=b-{key}] table[data-breakdown={dimension}] tbody tr"
    ))
    .unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    doc.select(&sel)
        .map(|r| {
            r.select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

fn repeat(
    mode: &'static str,
    at: DateTime<Utc>,
    value: i32,
    n: usize,
) -> Vec<(&'static str, DateTime<Utc>, i32)> {
    vec![(mode, at, value); n]
}

async fn page(api: &Api, path: &str) -> String {
    let client = signed_in(&api.app).await;
    let res = api.app.get_with(&client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

#[tokio::test]
async fn the_results_page_breaks_answers_down_by_mode_and_iso_week() {
    let api = api_with(None, "1").await;
    let project = api.project().await;
    let (survey, _) = survey_in(&api, project, |_| {}).await;
    let now = Utc::now();
    let mut rows = repeat("self", now, 5, 2);
    rows.extend(repeat("assisted", now - Duration::weeks(1), 1, 1));
    rows.extend(repeat("paper", now - Duration::weeks(1), 3, 1));
    // Too old for the last 8 weeks, but still counted by mode.
    rows.extend(repeat("paper", now - Duration::weeks(10), 2, 1));
    insert(&api.app, survey, &rows).await;
    let html = page(&api, &format!("/surveys/{survey}/results")).await;
    assert_accessible(&html, "results with breakdowns");
    let modes = table_rows(&html, "feeling", "mode");
    assert_eq!(
        modes,
        [
            "Self-completed | 2 | 0 (0%) | 0 (0%) | 0 (0%) | 0 (0%) | 2 (100%) | 5.0 | 5.0",
            "Assisted | 1 | 1 (100%) | 0 (0%) | 0 (0%) | 0 (0%) | 0 (0%) | 1.0 | 1.0",
            "Paper | 2 | 0 (0%) | 1 (50%) | 1 (50%) | 0 (0%) | 0 (0%) | 2.5 | 2.5",
        ]
    );
    let weeks = table_rows(&html, "feeling", "week");
    assert_eq!(weeks.len(), 8);
    let this_week = chorus::results::breakdown::iso_week(now);
    let last_week = chorus::results::breakdown::iso_week(now - Duration::weeks(1));
    assert!(
        weeks[7].starts_with(&format!("{this_week} | 2 |")),
        "{weeks:?}"
    );
    assert!(
        weeks[6].starts_with(&format!("{last_week} | 2 |")),
        "{weeks:?}"
    );
    assert!(weeks[0].contains(" | 0 |"));
    let audience = table_rows(&html, "feeling", "audience");
    assert_eq!(audience.len(), 1);
    assert!(audience[0].starts_with("Children and young people | 5 |"));
    // The CSV carries the same figures.
    let client = signed_in(&api.app).await;
    let csv = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/aggregates.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with(
        "scope,question_key,question,breakdown,group,answer,count,percent,mean,median\r\n"
    ));
    assert!(
        csv.contains(&format!(
            "survey {survey},feeling,How do you feel?,mode,Paper,(answered),2,,2.50,2.50\r\n"
        )),
        "{csv}"
    );
    assert!(csv.contains(&format!(
        "survey {survey},feeling,How do you feel?,mode,Assisted,Really bad,1,100.0,,\r\n"
    )));
}

#[tokio::test]
async fn the_project_results_page_adds_up_surveys_by_audience() {
    let api = api_with(None, "1").await;
    let project = api.project().await;
    let (children, _) = survey_in(&api, project, |_| {}).await;
    let (families, _) = survey_in(&api, project, |b| b["audience"] = json!("families")).await;
    let now = Utc::now();
    insert(&api.app, children, &repeat("self", now, 4, 3)).await;
    insert(&api.app, families, &repeat("assisted", now, 2, 2)).await;
    let html = page(&api, &format!("/projects/{project}/results")).await;
    assert_accessible(&html, "project results");
    assert_eq!(texts(&html, "h1").len(), 1);
    let audience = table_rows(&html, "feeling", "audience");
    assert_eq!(audience.len(), 2, "{audience:?}");
    assert!(
        audience[0].starts_with("Children and young people | 3 |"),
        "{audience:?}"
    );
    assert!(audience[1].starts_with("Families | 2 |"), "{audience:?}");
    let modes = table_rows(&html, "feeling", "mode");
    assert!(modes[0].starts_with("Self-completed | 3 |"));
    assert!(modes[1].starts_with("Assisted | 2 |"));
    let client = signed_in(&api.app).await;
    let res = api
        .app
        .get_with(
            &client,
            &format!("/projects/{project}/aggregates.csv?bom=1"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFscope,"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(&format!(
        "project {project},feeling,How do you feel?,audience,Families,(answered),2,"
    )));
}
