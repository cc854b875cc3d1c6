//! Themes: create, rename, edit, merge, retire and restore with history; suggestions for new
//! themes; the `chorus themes eval` and `chorus safeguarding scan` commands.

use reqwest::StatusCode;

use crate::coding::{project_with_answers, themes_on};
use crate::helpers::*;

#[tokio::test]
async fn creating_renaming_merging_and_retiring_a_theme_keeps_its_history() {
    let c = project_with_answers(&["Long waiting times", "Rude staff", "Kind staff"]).await;
    let p = c.project;
    let (status, html) = c.get(&format!("/projects/{p}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(texts(&html, "a").contains(&"Themes".to_owned()));
    assert!(texts(&html, "a").contains(&"Coding".to_owned()));
    let waiting = c.create_theme("Waiting", "waiting times").await;
    let staff = c.create_theme("Staff", "rude").await;
    let people = c.create_theme("People", "kind").await;
    let page = format!("/projects/{p}/themes/{staff}");
    let st = c
        .post(
            &page,
            &[
                ("name", "Staff manner"),
                ("description", "How staff treat people"),
                ("codebook", "rude\nstaff"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    // A clash of names is a form error with the typed values kept.
    let st = c
        .post(
            &page,
            &[
                ("name", "waiting"),
                ("description", "typed"),
                ("codebook", ""),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let res = c
        .app
        .post_form_with(
            &c.client,
            &format!("/projects/{p}/themes"),
            &[("name", ""), ("description", "kept"), ("codebook", "x")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "themes list with an error");
    assert!(html.contains("There is a problem") && html.contains("kept"));
    // Merge People into Staff manner.
    let st = c
        .post(
            &format!("/projects/{p}/themes/{people}/merge"),
            &[("into", &staff.to_string()), ("confirm", "yes")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let st = c
        .post(
            &format!("/projects/{p}/themes/{waiting}/retire"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let st = c
        .post(&format!("/projects/{p}/themes/{waiting}/restore"), &[])
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);

    let (_, html) = c.get(&page).await;
    assert_accessible(&html, "theme page");
    let history = texts(&html, "ol.list li strong");
    assert_eq!(
        history,
        [
            "Created",
            "Renamed",
            "Description or codebook changed",
            "Merged"
        ]
    );
    assert!(html.contains("from “Staff” to “Staff manner”"));
    let (_, html) = c.get(&format!("/projects/{p}/themes/{people}")).await;
    assert_eq!(texts(&html, "ol.list li strong"), ["Created", "Merged"]);
    assert!(html.contains("Retired"));
    let (_, html) = c.get(&format!("/projects/{p}/themes/{waiting}")).await;
    assert_eq!(
        texts(&html, "ol.list li strong"),
        ["Created", "Retired", "Restored"]
    );

    // The merged codebook codes answers under the surviving theme.
    let html = c.settled_coding_page().await;
    assert_eq!(themes_on(&html, c.answers[2]), ["Staff manner"]);
    let (_, list) = c.get(&format!("/projects/{p}/themes")).await;
    assert_accessible(&list, "themes list");
    let rows = texts(&list, "tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("Staff manner") && r.contains('2')),
        "{rows:?}"
    );
}

#[tokio::test]
async fn merging_and_retiring_ask_first_with_the_counts_involved() {
    let c = project_with_answers(&[
        "Long waiting",
        "Waiting and delays",
        "Delays again",
        "Kind staff",
    ])
    .await;
    let p = c.project;
    let waiting = c.create_theme("Waiting", "waiting").await;
    let delays = c.create_theme("Delays", "delays").await;
    c.settled_coding_page().await;
    // The theme page's merge form leads to a page that asks, with both counts and the union.
    let (_, page) = c.get(&format!("/projects/{p}/themes/{waiting}")).await;
    assert_eq!(
        texts_attr(&page, "form[action$='/merge']", "method"),
        ["get"]
    );
    assert!(
        texts_attr(&page, "a.button", "href")
            .contains(&format!("/projects/{p}/themes/{waiting}/retire"))
    );
    let (status, html) = c
        .get(&format!(
            "/projects/{p}/themes/{waiting}/merge?into={delays}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "merge confirmation");
    assert_eq!(
        texts(&html, "h1"),
        ["Merge “Waiting” (2 answers) into “Delays” (2 answers)?"]
    );
    assert!(texts(&html, "#merge-counts")[0].contains("3 answers (2 + 2 minus 1 in both)"));
    assert_eq!(
        texts(&html, "button.button-warning"),
        ["Yes, merge the themes"]
    );
    assert!(texts_attr(&html, "a", "href").contains(&format!("/projects/{p}/themes/{waiting}")));
    // A merge posted without the confirmation asks instead of merging.
    let res = c
        .app
        .post_form_with(
            &c.client,
            &format!("/projects/{p}/themes/{waiting}/merge"),
            &[("into", &delays.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Yes, merge the themes"));
    // Retiring asks too, with the count; without the confirmation nothing happens.
    let (status, html) = c
        .get(&format!("/projects/{p}/themes/{delays}/retire"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "retire confirmation");
    assert_eq!(texts(&html, "h1"), ["Retire “Delays” (2 answers)?"]);
    let st = c
        .post(&format!("/projects/{p}/themes/{delays}/retire"), &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    let (_, list) = c.get(&format!("/projects/{p}/themes")).await;
    assert!(
        !list.contains("Retired"),
        "nothing retired without confirming"
    );
    let st = c
        .post(
            &format!("/projects/{p}/themes/{delays}/retire"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, list) = c.get(&format!("/projects/{p}/themes")).await;
    assert!(list.contains("Retired"));
    // A bad target is the theme page's error, not a confirmation.
    let (status, html) = c
        .get(&format!(
            "/projects/{p}/themes/{waiting}/merge?into={waiting}"
        ))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Select the theme to merge into"));
}

#[tokio::test]
async fn a_suggested_theme_is_created_with_its_codebook() {
    let c = project_with_answers(&[
        "The parking was terrible",
        "Parking is hard to find",
        "No parking near the hub",
        "Nice garden",
        "Loved the garden",
        "Friendly people",
    ])
    .await;
    let p = c.project;
    let (status, html) = c.get(&format!("/projects/{p}/themes/suggestions")).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "suggestions");
    let names = texts(&html, "section h2");
    assert!(names.iter().any(|n| n.contains("parking")), "{names:?}");
    assert!(html.contains("3 answers share this phrase"));
    // "Create this theme" posts the name and codebook to the create form.
    let st = c
        .post(
            &format!("/projects/{p}/themes"),
            &[
                ("name", "parking"),
                ("description", ""),
                ("codebook", "parking"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let html = c.settled_coding_page().await;
    assert_eq!(themes_on(&html, c.answers[0]), ["parking"]);
    let (_, html) = c.get(&format!("/projects/{p}/themes/suggestions")).await;
    assert!(
        !texts(&html, "section h2")
            .iter()
            .any(|n| n.contains("parking"))
    );
}

/// Writes `rows` of dev.csv to a CSV file.
fn write_split(path: &std::path::Path, rows: &[::csv::StringRecord], header: &::csv::StringRecord) {
    let mut w = ::csv::Writer::from_path(path).unwrap();
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn themes_eval_prints_one_json_object_with_the_documented_keys() {
    let mut reader = ::csv::Reader::from_path("tests/data/themes/dev.csv").unwrap();
    let header = reader.headers().unwrap().clone();
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).take(400).collect();
    let dir = tempfile::tempdir().unwrap();
    let (train, test) = (dir.path().join("train.csv"), dir.path().join("test.csv"));
    write_split(&train, &rows[..300], &header);
    write_split(&test, &rows[300..], &header);
    let out = chorus_command(dir.path(), "sqlite::memory:")
        .args(["themes", "eval", "--train"])
        .arg(&train)
        .arg("--test")
        .arg(&test)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "macro_f1",
            "micro_f1",
            "n_test",
            "n_train",
            "per_theme",
            "predict_ms",
            "train_ms"
        ]
    );
    assert_eq!(v["n_train"], 300);
    assert_eq!(v["n_test"], 100);
    for k in ["micro_f1", "macro_f1"] {
        let x = v[k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x), "{k} {x}");
    }
    assert!(
        v["per_theme"]
            .as_object()
            .unwrap()
            .values()
            .all(serde_json::Value::is_f64)
    );
    assert!(v["train_ms"].is_u64() && v["predict_ms"].is_u64());
    // A missing file is a clear error, not a panic.
    let out = chorus_command(dir.path(), "sqlite::memory:")
        .args([
            "themes", "eval", "--train", "nope.csv", "--test", "nope.csv",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("error"));
}

#[test]
fn safeguarding_scan_prints_a_flag_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.csv");
    std::fs::write(
        &file,
        "id,text\n1,I love the youth club\n2,I want to kill myself\n",
    )
    .unwrap();
    let out = chorus_command(dir.path(), "sqlite::memory:")
        .args(["safeguarding", "scan"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = ::csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(r.headers().unwrap(), vec!["id", "flag", "reason"]);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows[0], ["1", "0", ""]);
    assert_eq!(rows[1][..2], ["2".to_owned(), "1".to_owned()]);
    assert!(!rows[1][2].is_empty());
}
