//! Disclosure control through the real pages and exports: small groups read "fewer than 5"
//! with secondary suppression, the threshold setting, redaction of written answers, and
//! formula-safe aggregate CSVs.

use crate::aggregates::{insert, table_rows};
use crate::csv::signed_in;
use crate::helpers::*;
use crate::safeguarding::{api_with, submit_mode, survey_in};
use chrono::Utc;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn small_groups_read_fewer_than_five_and_a_count_hidden_to_protect_them_says_so() {
    let api = api_with(None, "5").await;
    let project = api.project().await;
    let (survey, _) = survey_in(&api, project, |_| {}).await;
    let now = Utc::now();
    let mut rows = vec![("self", now, 4); 12];
    rows.extend(vec![("assisted", now, 2); 2]);
    rows.extend(vec![("paper", now, 5); 7]);
    insert(&api.app, survey, &rows).await;
    let client = signed_in(&api.app).await;
    let html = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    let modes = table_rows(&html, "feeling", "mode");
    assert_eq!(
        modes[0],
        "Self-completed | 12 | 0 (0%) | 0 (0%) | 0 (0%) | 12 (100%) | 0 (0%) | 4.0 | 4.0"
    );
    // Assisted (2) is hidden, and so is Paper (7), the next-smallest, so 21 − 12 gives nothing
    // away; Paper is not small itself, so it does not claim to be.
    assert!(
        modes[1].starts_with("Assisted | fewer than 5 |"),
        "{modes:?}"
    );
    assert!(modes[1].ends_with("| hidden | hidden"), "{modes:?}");
    assert!(
        modes[2].starts_with("Paper | hidden (small numbers) |"),
        "{modes:?}"
    );
    assert!(!modes[1].contains('%') && !modes[2].contains('%'));
    let csv = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/aggregates.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains(",mode,Assisted,(answered),fewer than 5,,,\r\n"),
        "{csv}"
    );
    assert!(csv.contains(",mode,Paper,(answered),hidden (small numbers),,,\r\n"));
    assert!(csv.contains(",mode,Self-completed,(answered),12,,4.00,4.00\r\n"));
    assert!(!csv.contains(",mode,Assisted,Bad,2,"));
}

#[tokio::test]
async fn a_minimum_group_of_one_shows_every_count() {
    let api = api_with(None, "1").await;
    let project = api.project().await;
    let (survey, _) = survey_in(&api, project, |_| {}).await;
    insert(&api.app, survey, &[("assisted", Utc::now(), 2)]).await;
    let client = signed_in(&api.app).await;
    let html = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("fewer than"));
    assert!(table_rows(&html, "feeling", "mode")[1].starts_with("Assisted | 1 |"));
}

#[tokio::test]
async fn written_answers_on_the_results_page_are_redacted() {
    let api = api_with(None, "5").await;
    let project = api.project().await;
    let (survey, slug) = survey_in(&api, project, |_| {}).await;
    // Texts the safeguarding scanner leaves alone: a flagged answer is withheld from the
    // results page until reviewed (tests/api/safeguarding.rs). The bare "email me at …" is one
    // of the learned second opinion's known false alarms (docs/SAFEGUARDING.md).
    let cases = [
        (
            "my email is jo.bloggs@example.com",
            "my email is [email removed]",
        ),
        ("ring 07700 900123 please", "ring [phone removed] please"),
        (
            "we live at SW1A 1AA now",
            "we live at [postcode removed] now",
        ),
        ("My name is Jamie Smith", "My name is [name removed]"),
        ("Mrs Patel was lovely", "Mrs [name removed] was lovely"),
        ("nothing personal here", "nothing personal here"),
    ];
    for (text, _) in cases {
        submit_mode(&api, &slug, "self", json!({"feeling": 3, "story": text})).await;
    }
    let client = signed_in(&api.app).await;
    let html = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    let cells = texts(&html, "#responses tbody td");
    for (text, want) in cases {
        assert!(
            cells.iter().any(|c| c == want),
            "{text} -> {want}: {cells:?}"
        );
        if text != want {
            assert!(!html.contains(text), "{text} shown unredacted");
        }
    }
}

#[tokio::test]
async fn aggregate_csvs_neutralise_cells_that_look_like_formulas() {
    let api = api_with(None, "1").await;
    let project = api.project().await;
    let (survey, slug) = survey_in(&api, project, |b| {
        b["questions"][3]["options"] = json!(["=1+1", "@SUM(A1)", "Blue"]);
        b["questions"][3]["prompt"] = json!("-Favourite colour?");
    })
    .await;
    submit_mode(&api, &slug, "self", json!({"feeling": 3, "colour": "=1+1"})).await;
    let client = signed_in(&api.app).await;
    for path in [
        format!("/surveys/{survey}/aggregates.csv"),
        format!("/projects/{project}/aggregates.csv"),
    ] {
        let res = api.app.get_with(&client, &path).await;
        assert_eq!(res.status(), StatusCode::OK);
        let bytes = res.bytes().await.unwrap();
        let mut reader = ::csv::Reader::from_reader(bytes.as_ref());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{path}: unsafe cell {cell:?}"
                );
            }
        }
        assert!(
            rows.iter().any(|r| r[5] == "'=1+1" && r[6] == "1"),
            "{path}"
        );
        assert!(rows.iter().any(|r| r[2] == "'-Favourite colour?"));
    }
}
