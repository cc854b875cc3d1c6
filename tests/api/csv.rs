//! The CSV of responses: headers, quoting, formula neutralisation, BOM, paging through many
//! responses, and access.

use crate::api::{api, full_answers, token_for};
use crate::helpers::*;
use chorus::accounts::Role;
use entity::{answer, question, response};
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, Database, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// Inserts `n` responses straight into the database (a fixture), each answering `feeling`.
pub async fn insert_responses(app: &TestApp, survey: i64, n: usize) {
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let feeling = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey))
        .filter(question::Column::Key.eq("feeling"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    for i in 0..n {
        let row = response::ActiveModel {
            survey_id: Set(survey),
            submission_id: Set(uuid::Uuid::new_v4().to_string()),
            receipt: Set(uuid::Uuid::new_v4().simple().to_string()),
            submitted_at: Set(chrono::Utc::now()),
            mode: Set("self".into()),
            channel: Set("link".into()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        answer::ActiveModel {
            response_id: Set(row.id),
            question_id: Set(feeling.id),
            number: Set(Some(i32::try_from(i % 5).unwrap() + 1)),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    db.close().await.unwrap();
}

/// A browser signed in as the API helper's steward.
pub async fn signed_in(app: &TestApp) -> Client {
    let client = new_client();
    let res = app.sign_in_with(&client, "sam@example.org", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    client
}

#[tokio::test]
async fn the_csv_has_a_column_per_question_and_safe_quoted_cells() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    api.submit(&slug, full_answers()).await;
    for word in ["+x", "-x", "@x", "=1+1"] {
        let (status, _) = api
            .submit(
                &slug,
                json!({"feeling": 2, "word": word, "pets": ["None of these"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let client = signed_in(&api.app).await;
    let res = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/responses.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"survey-{survey}-responses.csv\"").as_str()
    );
    let bytes = res.bytes().await.unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = ::csv::Reader::from_reader(bytes.as_ref());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "response_id",
            "submitted_at",
            "mode",
            "channel",
            "context",
            "feeling",
            "much",
            "rating",
            "colour",
            "pets",
            "safe",
            "word",
            "story",
            "safeguarding_flag"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0][5], "Good");
    assert_eq!(rows[0][9], "Cat; Fish");
    assert_eq!(rows[0][12], "We played, \"a lot\", outside\nall day");
    let words: Vec<&str> = rows[1..].iter().map(|r| r[11].as_str()).collect();
    assert_eq!(words, ["'+x", "'-x", "'@x", "'=1+1"]);
    assert_eq!(rows[1][9], "None of these");
    assert_eq!(rows[1][5], "Bad");
}

#[tokio::test]
async fn the_csv_for_excel_starts_with_a_byte_order_mark() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let client = signed_in(&api.app).await;
    let bytes = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/responses.csv?bom=1"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFresponse_id,"));
    let api_bytes = api
        .send(
            "GET",
            &format!("/api/v1/surveys/{survey}/responses.csv?bom=1"),
            None,
        )
        .await
        .bytes()
        .await
        .unwrap();
    assert!(api_bytes.starts_with(b"\xEF\xBB\xBF"));
}

#[tokio::test]
async fn a_csv_larger_than_one_chunk_has_every_response_once_in_order() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    insert_responses(&api.app, survey, 1203).await;
    let text = api
        .send(
            "GET",
            &format!("/api/v1/surveys/{survey}/responses.csv"),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let ids: Vec<i64> = reader
        .records()
        .map(|r| r.unwrap()[0].parse().unwrap())
        .collect();
    assert_eq!(ids.len(), 1203);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[tokio::test]
async fn results_and_csv_pages_of_another_project_are_not_found() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let (stranger, _) = api
        .app
        .signed_in_client(Role::Steward, "other@example.org")
        .await;
    let _ = token_for(&api.app, Role::Practitioner, "pat@example.org").await;
    for path in [
        format!("/surveys/{survey}/results"),
        format!("/surveys/{survey}/results?page=2"),
        format!("/surveys/{survey}/responses.csv"),
        format!("/surveys/{survey}/responses.csv?bom=1"),
        "/surveys/999999/results".to_owned(),
        "/surveys/999999/responses.csv".to_owned(),
    ] {
        let res = api.app.get_with(&stranger, &path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let anonymous = new_client();
    let res = api
        .app
        .get_with(&anonymous, &format!("/surveys/{survey}/responses.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}
