//! A theme's page: count and share, week by week, by audience and mode with small groups
//! hidden, redacted quotes that never include answers awaiting safeguarding review, the
//! questions it comes up in and its coding sources; the themes list with shares.

use chrono::{Duration, Utc};
use entity::{answer, response, safeguarding_flag};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, Database, EntityTrait, QueryFilter, Set};

use crate::coding::{Coded, project_with_answers};
use crate::helpers::*;

/// The withheld answer's words: they must never show until reviewed.
pub const SECRET: &str = "Long waiting times and my dad hits me";

/// Answers for a "Waiting" theme: 12 match its codebook (the last two are a quote with a
/// name and a phone number, then a flagged answer), 3 do not.
pub fn waiting_texts() -> Vec<String> {
    let mut t: Vec<String> = (0..10).map(|i| format!("Long waiting times {i}")).collect();
    t.push("Long waiting times, ask Mrs Smith on 07700 900123".into());
    t.push(SECRET.into());
    t.extend((0..3).map(|i| format!("Kind staff {i}")));
    t
}

/// A project with [`waiting_texts`], a "Waiting" theme (codebook "waiting times") and a "Staff" theme
/// (codebook "kind staff"), coded; modes 6 self, 5 assisted, 1 paper among the Waiting answers;
/// the first three a fortnight old; the secret answer flagged and not yet reviewed.
pub async fn themed() -> (Coded, i64, i64) {
    let texts = waiting_texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let c = project_with_answers(&refs).await;
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    for (i, id) in c.answers.iter().enumerate() {
        let a = answer::Entity::find_by_id(*id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let mode = match i {
            0..6 => "self",
            6..11 => "assisted",
            11 => "paper",
            _ => "self",
        };
        let mut r: response::ActiveModel = response::Entity::find_by_id(a.response_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into();
        r.mode = Set(mode.into());
        if i < 3 {
            r.submitted_at = Set(Utc::now() - Duration::weeks(2));
        }
        let r = r.update(&db).await.unwrap();
        if a.text.as_deref() == Some(SECRET) {
            safeguarding_flag::ActiveModel {
                answer_id: Set(Some(a.id)),
                response_id: Set(Some(a.response_id)),
                survey_id: Set(r.survey_id),
                project_id: Set(c.project),
                category: Set("physical_abuse".into()),
                phrase: Set("hits me".into()),
                flagged_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
    }
    db.close().await.unwrap();
    let waiting = c.create_theme("Waiting", "waiting times").await;
    let staff = c.create_theme("Staff", "kind staff").await;
    c.settled_coding_page().await;
    (c, waiting, staff)
}

/// Marks every safeguarding flag of the app as reviewed with "no concern" (the one outcome that
/// releases an answer).
pub async fn review_all(c: &Coded) {
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    safeguarding_flag::Entity::update_many()
        .col_expr(
            safeguarding_flag::Column::ReviewedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            safeguarding_flag::Column::Outcome,
            sea_orm::sea_query::Expr::value("no_concern"),
        )
        .filter(safeguarding_flag::Column::ReviewedAt.is_null())
        .exec(&db)
        .await
        .unwrap();
    db.close().await.unwrap();
}

/// The rows of a table on a page as (row header, last cell).
fn rows(html: &str, table: &str) -> Vec<(String, String)> {
    let heads = texts(html, &format!("#{table} tbody th"));
    let cells = texts(html, &format!("#{table} tbody td:last-child"));
    heads.into_iter().zip(cells).collect()
}

fn row(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

#[tokio::test]
async fn a_theme_page_shows_count_share_trend_breakdowns_questions_and_sources() {
    let (c, waiting, _) = themed().await;
    let p = c.project;
    // A steward adds the theme to an answer the codebook missed.
    let kind = c.answers[12].to_string();
    let w = waiting.to_string();
    let st = c
        .post(
            &format!("/projects/{p}/coding/{kind}/add"),
            &[("theme", &w)],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (status, html) = c.get(&format!("/projects/{p}/themes/{waiting}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "theme page with figures");
    assert_eq!(texts(&html, "#theme-count"), ["13"]);
    assert!(
        texts(&html, "#theme-share")[0].starts_with("86.7% of 15 written answers"),
        "{html}"
    );
    // Weeks: a fortnight ago, an empty week, this week (gaps show as zero).
    let weeks = rows(&html, "theme-weeks");
    assert_eq!(weeks.len(), 3, "{weeks:?}");
    assert_eq!(weeks[1].1, "0");
    assert!(weeks.iter().all(|(w, _)| w.contains("-W")));
    // Modes: paper (1) is hidden, and so is the next-smallest, assisted (5).
    let modes = rows(&html, "theme-modes");
    assert_eq!(
        modes,
        [
            row("Self-completed", "7"),
            row("Assisted", "hidden (small numbers)"),
            row("Paper", "fewer than 5")
        ]
    );
    assert_eq!(
        rows(&html, "theme-audiences"),
        [row("Children and young people", "13")]
    );
    assert_eq!(
        rows(&html, "theme-sources"),
        [
            row("Steward", "1"),
            row("Learned coder (accepted)", "0"),
            row("Codebook", "12")
        ]
    );
    let questions = texts(&html, "#theme-questions tbody tr");
    assert_eq!(questions.len(), 2, "{questions:?}");
    assert!(questions[0].contains("Our hub") && questions[0].contains("Question story?"));
    assert!(questions[1].contains("Question club?"));
    // The themes list shows each theme's share.
    let (_, list) = c.get(&format!("/projects/{p}/themes")).await;
    assert_accessible(&list, "themes list");
    assert!(
        texts(&list, "#themes tbody tr")[1].contains("86.7%"),
        "{list}"
    );
    assert_eq!(texts(&list, "#theme-downloads a").len(), 4);
    // A steward's removal beats the codebook in the list's count too: 12 of 15 is 80%.
    let first = c.answers[0].to_string();
    let st = c
        .post(
            &format!("/projects/{p}/coding/{first}/remove"),
            &[("theme", &w)],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, list) = c.get(&format!("/projects/{p}/themes")).await;
    let waiting_row = &texts(&list, "#themes tbody tr")[1];
    assert!(
        waiting_row.contains("80.0%") && waiting_row.contains("12"),
        "{waiting_row}"
    );
}

#[tokio::test]
async fn quotes_are_redacted_and_leave_out_withheld_answers_until_reviewed() {
    let (c, waiting, staff) = themed().await;
    let p = c.project;
    let page = format!("/projects/{p}/themes/{waiting}");
    let (_, html) = c.get(&page).await;
    let quotes = texts(&html, "#theme-quotes blockquote");
    assert_eq!(quotes.len(), 5, "{html}");
    assert_eq!(
        quotes[0],
        "Long waiting times, ask Mrs [name removed] on [phone removed]"
    );
    assert!(!html.contains("hits me"), "a withheld answer is quoted");
    assert!(!html.contains("07700"));
    review_all(&c).await;
    let (_, html) = c.get(&page).await;
    assert_eq!(texts(&html, "#theme-quotes blockquote")[0], SECRET);
    // A theme with fewer answers than the smallest group shows no quotes and hides its groups.
    let (_, html) = c.get(&format!("/projects/{p}/themes/{staff}")).await;
    assert_eq!(texts(&html, "#theme-count"), ["3"]);
    assert!(texts(&html, "#quotes-hidden")[0].contains("Quotes are not shown"));
    assert!(!html.contains("Kind staff 0"));
    assert_eq!(
        rows(&html, "theme-modes")[0],
        row("Self-completed", "fewer than 5")
    );
}
