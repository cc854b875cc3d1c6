//! Theme exports: `themes.csv`, `coded-answers.csv` and their `.xlsx` twins through the pages
//! and the API — headers and rows, the byte-order mark, formula-safe cells, pseudonymous
//! response ids, withheld answers left out, and who may download them.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chorus::accounts::{Role, StewardId};
use entity::response;
use reqwest::{Response, StatusCode};
use sea_orm::{Database, EntityTrait};

use crate::api::token_for;
use crate::coding::Coded;
use crate::helpers::*;
use crate::theme_views::{SECRET, review_all, themed};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn download(c: &Coded, path: &str) -> Response {
    let res = c.app.get_with(&c.client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    res
}

async fn csv(c: &Coded, path: &str) -> Vec<Vec<String>> {
    let res = download(c, path).await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.bytes().await.unwrap();
    assert!(!body.starts_with(b"\xEF\xBB\xBF"), "no BOM unless asked");
    parse(&body)
}

fn parse(body: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap()
}

async fn response_ids(c: &Coded) -> Vec<String> {
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    let ids = response::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id.to_string())
        .collect();
    db.close().await.unwrap();
    ids
}

#[tokio::test]
async fn themes_csv_has_a_row_per_theme_with_small_groups_hidden_and_redacted_examples() {
    let (c, _, _) = themed().await;
    let p = c.project;
    let path = format!("/projects/{p}/themes.csv");
    let res = download(&c, &path).await;
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"project-{p}-themes.csv\"")
    );
    let rows = csv(&c, &path).await;
    assert_eq!(
        rows[0].join(","),
        "theme,description,status,answers_coded,share_percent,audience_children,\
         audience_families,audience_practitioners,audience_anyone,mode_self,mode_assisted,\
         mode_paper,first_seen,last_seen,example_1,example_2,example_3,source_keyword,\
         source_learned,source_steward"
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let (staff, waiting) = (&rows[1], &rows[2]);
    assert_eq!(waiting[..5], ["Waiting", "", "active", "12", "80"]);
    assert_eq!(waiting[5..9], ["12", "0", "0", "0"]);
    // Assisted (5) is hidden only to protect paper (1): it says so rather than "fewer than 5".
    assert_eq!(
        waiting[9..12],
        ["6", "hidden (small numbers)", "fewer than 5"]
    );
    assert!(waiting[12] < waiting[13], "first seen before last seen");
    assert_eq!(
        waiting[14],
        "Long waiting times, ask Mrs [name removed] on [phone removed]"
    );
    assert_eq!(
        waiting[15..17],
        ["Long waiting times 9", "Long waiting times 8"]
    );
    assert_eq!(waiting[17..], ["12", "0", "0"]);
    assert_eq!(staff[3], "3");
    assert_eq!(staff[5], "fewer than 5");
    assert_eq!(
        staff[14..17],
        ["", "", ""],
        "no examples below the smallest group"
    );
    // With ?bom=1 the file starts with the byte-order mark.
    let body = download(&c, &format!("{path}?bom=1"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBFtheme,description"));
}

#[tokio::test]
async fn coded_answers_csv_is_pseudonymous_redacted_formula_safe_and_leaves_out_withheld_answers() {
    let (c, _, _) = themed().await;
    let p = c.project;
    let path = format!("/projects/{p}/coded-answers.csv");
    let rows = csv(&c, &path).await;
    assert_eq!(
        rows[0],
        [
            "response",
            "submitted_date",
            "survey",
            "audience",
            "mode",
            "question_key",
            "question",
            "text",
            "themes",
            "sources",
            "confidences"
        ]
    );
    assert_eq!(
        rows.len(),
        1 + 11 + 3,
        "12 Waiting answers less one withheld, 3 Staff"
    );
    let text = column(&rows, "text");
    assert!(rows.iter().all(|r| r[text] != SECRET));
    assert!(rows.iter().any(|r| r[text].contains("[phone removed]")));
    let row = rows
        .iter()
        .find(|r| r[text] == "Long waiting times 0")
        .unwrap();
    // Sent two weeks ago, by a child answering on their own: enough to compare themes before
    // and after a change.
    let sent = (chrono::Utc::now() - chrono::Duration::weeks(2))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        row[1..],
        [
            sent.as_str(),
            "Our hub",
            "children",
            "self",
            "story",
            "Question story?",
            "Long waiting times 0",
            "Waiting",
            "keyword",
            "1.00"
        ][..]
    );
    // Pseudonyms: 16 hex digits, never a database id, different in every export.
    let ids = response_ids(&c).await;
    let first: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
    assert!(first.iter().all(|id| id.len() == 16 && !ids.contains(id)));
    let again = csv(&c, &path).await;
    let second: Vec<String> = again[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(first.len(), second.len());
    assert!(
        first.iter().all(|id| !second.contains(id)),
        "exports can be linked"
    );
    // Once reviewed, the withheld answer is exported too.
    review_all(&c).await;
    let rows = csv(&c, &path).await;
    assert!(rows.iter().any(|r| r[text] == SECRET));
    let body = download(&c, &format!("{path}?bom=1"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBFresponse,"));
}

#[tokio::test]
async fn answers_that_look_like_formulas_are_neutralised_in_csv_and_text_in_xlsx() {
    let texts = [
        "=1+1 waiting times",
        "+waiting times",
        "-waiting times",
        "@waiting times",
    ];
    let c = crate::coding::project_with_answers(&texts).await;
    c.create_theme("Waiting", "waiting times").await;
    c.settled_coding_page().await;
    let p = c.project;
    let rows = csv(&c, &format!("/projects/{p}/coded-answers.csv")).await;
    let text = column(&rows, "text");
    let mut cells: Vec<String> = rows[1..].iter().map(|r| r[text].clone()).collect();
    cells.sort();
    assert_eq!(
        cells,
        [
            "'+waiting times",
            "'-waiting times",
            "'=1+1 waiting times",
            "'@waiting times"
        ]
    );
    let res = download(&c, &format!("/projects/{p}/coded-answers.xlsx")).await;
    assert_eq!(res.headers()["content-type"], XLSX);
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"project-{p}-coded-answers.xlsx\"")
    );
    let mut book = Xlsx::new(Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range("Coded answers").unwrap();
    let formulas = book.worksheet_formula("Coded answers").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a cell is a formula"
    );
    assert_eq!(sheet.get((0, 0)), Some(&Data::String("response".into())));
    let mut texts_in: Vec<String> = (1..5)
        .map(|r| match sheet.get((r, text)) {
            Some(Data::String(s)) => s.clone(),
            other => panic!("row {r} text is {other:?}"),
        })
        .collect();
    texts_in.sort();
    assert_eq!(
        texts_in,
        [
            "+waiting times",
            "-waiting times",
            "=1+1 waiting times",
            "@waiting times"
        ]
    );
}

#[tokio::test]
async fn themes_xlsx_has_the_csv_header_and_numbers_as_numbers() {
    let (c, _, _) = themed().await;
    let p = c.project;
    let res = download(&c, &format!("/projects/{p}/themes.xlsx")).await;
    assert_eq!(res.headers()["content-type"], XLSX);
    let mut book = Xlsx::new(Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range("Themes").unwrap();
    assert_eq!(sheet.get((0, 0)), Some(&Data::String("theme".into())));
    assert_eq!(
        sheet.get((0, 19)),
        Some(&Data::String("source_steward".into()))
    );
    assert_eq!(sheet.get((2, 0)), Some(&Data::String("Waiting".into())));
    assert_eq!(sheet.get((2, 3)), Some(&Data::Float(12.0)));
    assert_eq!(
        sheet.get((2, 10)),
        Some(&Data::String("hidden (small numbers)".into()))
    );
    let all: Vec<String> = sheet.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(
        !all.iter().any(|s| s.contains("hits me")),
        "a withheld quote"
    );
}

#[tokio::test]
async fn theme_exports_need_sign_in_or_a_token_and_access_to_the_project() {
    let (c, _, _) = themed().await;
    let p = c.project;
    let kinds = [
        "themes.csv",
        "coded-answers.csv",
        "themes.xlsx",
        "coded-answers.xlsx",
    ];
    let (other, _) = c
        .app
        .signed_in_client(Role::Steward, "other@example.org")
        .await;
    let outsider = token_for(&c.app, Role::Steward, "outsider@example.org").await;
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    let owner = entity::steward::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.email == "coder@example.org")
        .unwrap();
    let token = chorus::accounts::tokens::create(&db, StewardId(owner.id), "test")
        .await
        .unwrap();
    db.close().await.unwrap();
    let http = new_client();
    for kind in kinds {
        let page = format!("/projects/{p}/{kind}");
        let res = c.app.get(&page).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/sign-in")
        );
        let res = c.app.get_with(&other, &page).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{page}");
        let api = c.app.url(&format!("/api/v1/projects/{p}/{kind}"));
        let res = http.get(&api).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{api}");
        let res = http.get(&api).bearer_auth(&outsider).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{api}");
        let res = http.get(&api).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{api}");
        assert_eq!(res.headers()["cache-control"], "no-store");
        let (name, ext) = kind.split_once('.').unwrap();
        assert_eq!(
            res.headers()["content-disposition"],
            format!("attachment; filename=\"project-{p}-{name}.{ext}\"")
        );
        let body = res.bytes().await.unwrap();
        if ext == "xlsx" {
            assert!(body.starts_with(b"PK"), "{api} is not a workbook");
        } else {
            assert!(!String::from_utf8_lossy(&body).contains("hits me"));
        }
    }
}

#[tokio::test]
async fn every_coded_answer_of_a_big_project_is_exported_once_across_pages() {
    use entity::{answer, coding, question, survey};
    use sea_orm::{ColumnTrait, QueryFilter, Set};

    let c = crate::coding::project_with_answers(&["Staff were kind"]).await;
    let kind = c.create_theme("Kind", "kind").await;
    let staff = c.create_theme("Staff", "staff").await;
    c.settled_coding_page().await;
    // 1,300 more answers with two codings each: more codings than one read (1,000) and more
    // answers than one page (500), so page and batch edges fall inside the file.
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    let survey = survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(c.project))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let story = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.id))
        .filter(question::Column::Key.eq("story"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    for chunk in (0..1300).collect::<Vec<usize>>().chunks(100) {
        let rows = chunk.iter().map(|i| response::ActiveModel {
            survey_id: Set(survey.id),
            submission_id: Set(format!("big-{i}")),
            receipt: Set(format!("BIG{i:08}")),
            submitted_at: Set(now),
            mode: Set("self".into()),
            channel: Set("link".into()),
            ..Default::default()
        });
        response::Entity::insert_many(rows)
            .exec_without_returning(&db)
            .await
            .unwrap();
    }
    let responses: Vec<i64> = response::Entity::find()
        .filter(response::Column::SubmissionId.starts_with("big-"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    for chunk in responses.chunks(100) {
        let rows = chunk.iter().map(|r| answer::ActiveModel {
            response_id: Set(*r),
            question_id: Set(story.id),
            text: Set(Some(format!("Kind staff, visit {r}"))),
            ..Default::default()
        });
        answer::Entity::insert_many(rows)
            .exec_without_returning(&db)
            .await
            .unwrap();
    }
    let answers: Vec<i64> = answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(responses.clone()))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(answers.len(), 1300);
    for chunk in answers.chunks(100) {
        let rows = chunk.iter().flat_map(|a| {
            [kind, staff].map(|t| coding::ActiveModel {
                answer_id: Set(*a),
                theme_id: Set(t),
                source: Set("keyword".into()),
                confidence: Set(1.0),
                status: Set("accepted".into()),
                created_at: Set(now),
                ..Default::default()
            })
        });
        coding::Entity::insert_many(rows)
            .exec_without_returning(&db)
            .await
            .unwrap();
    }
    db.close().await.unwrap();

    let rows = csv(&c, &format!("/projects/{}/coded-answers.csv", c.project)).await;
    let text = column(&rows, "text");
    let themes = column(&rows, "themes");
    let mut texts: Vec<&str> = rows[1..].iter().map(|r| r[text].as_str()).collect();
    assert_eq!(texts.len(), 1 + 1300, "each coded answer once");
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), 1 + 1300, "no answer twice");
    assert!(rows[1..].iter().all(|r| r[themes] == "Kind;Staff"));
}
