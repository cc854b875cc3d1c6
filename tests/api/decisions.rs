//! The repeatable decision framework and the decision log, as a steward and a practitioner
//! use them: criteria from a template, a decision checked against them with who was in the room,
//! its evidence linked both ways, the log filtered and downloaded, and an experiment's status
//! change recorded in the same log.

use reqwest::StatusCode;

use crate::experiment_fixtures::*;
use crate::helpers::*;

/// A full decision about the theme, citing it; template criteria have ids -1 … -6.
fn decision(theme: &str, about: &str) -> Vec<(&'static str, String)> {
    vec![
        ("about", about.to_owned()),
        (
            "question",
            "Should waiting times be our first priority?".into(),
        ),
        (
            "options",
            "Make it the priority\nWait for more answers".into(),
        ),
        ("rating_-1", "yes".into()),
        ("note_-1", "A quarter of written answers say so".into()),
        ("rating_-3", "partly".into()),
        ("rating_-6", "unknown".into()),
        ("room_children", "3".into()),
        ("room_family", "2".into()),
        ("room_practitioners", "1".into()),
        ("room_managers", "".into()),
        ("review_on_day", "1".into()),
        ("review_on_month", "3".into()),
        ("review_on_year", "2027".into()),
        ("decided", "Make it the priority".into()),
        (
            "rationale",
            "Children and parents told us waiting is the worst part.".into(),
        ),
        ("evidence_theme", theme.to_owned()),
    ]
}

fn refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn record(lab: &Lab, fields: &[(&'static str, String)]) -> i64 {
    let res = lab
        .post(
            &format!("/projects/{}/decisions", lab.project),
            &refs(fields),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_steward_records_a_decision_against_the_criteria_with_who_was_in_the_room_and_finds_it_by_clicking()
 {
    let lab = lab().await;
    let (p, t) = (lab.project, lab.theme);
    // Project page → Decision log → Record a decision.
    let (_, html) = lab.get(&format!("/projects/{p}")).await;
    let log = format!("/projects/{p}/decisions");
    assert!(texts_attr(&html, "a", "href").contains(&log));
    let (status, html) = lab.get(&log).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "decision log");
    assert!(
        texts(&html, "p")
            .iter()
            .any(|t| t.contains("No decisions match"))
    );
    let new = format!("/projects/{p}/decisions/new");
    assert!(texts_attr(&html, "a", "href").contains(&new));
    let (status, form) = lab.get(&new).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&form, "record a decision");
    let legends = texts(&form, "legend");
    for name in [
        "What people told us",
        "Safe to fail",
        "Fairness: who could be left out?",
        "Who was in the room?",
    ] {
        assert!(
            legends.iter().any(|l| l.contains(name)),
            "{name}: {legends:?}"
        );
    }
    let d = record(&lab, &decision(&t.to_string(), &format!("theme:{t}"))).await;
    let page = format!("/projects/{p}/decisions/{d}");
    let (status, html) = lab.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "a decision");
    assert_eq!(
        texts(&html, "h1"),
        ["Should waiting times be our first priority?"]
    );
    let rows = texts(&html, "tbody tr");
    assert_eq!(rows.len(), 6, "every criterion is recorded: {rows:?}");
    assert!(
        rows[0].contains("What people told us")
            && rows[0].contains("Yes")
            && rows[0].contains("A quarter")
    );
    assert!(rows[1].contains("Not assessed"), "{rows:?}");
    assert!(
        rows[2].contains("Partly") && rows[5].contains("We do not know yet"),
        "{rows:?}"
    );
    let room = texts(&html, "li");
    for line in [
        "Children and young people: 3",
        "Parents, carers and family members: 2",
        "Practitioners: 1",
    ] {
        assert!(room.iter().any(|l| l == line), "{line}: {room:?}");
    }
    assert!(
        !room.iter().any(|l| l.starts_with("Managers")),
        "nobody counted is not listed"
    );
    assert!(texts(&html, "p").iter().any(|l| l.contains("1 March 2027")));
    assert!(
        texts(&html, "li")
            .iter()
            .any(|l| l == "Make it the priority"),
        "options listed"
    );
    // Its evidence links to the theme, and the theme page links back to the decisions using it.
    let theme_page = format!("/projects/{p}/themes/{t}");
    assert!(texts_attr(&html, "a", "href").contains(&theme_page));
    assert!(
        texts(&html, "li")
            .iter()
            .any(|l| l.starts_with("Waiting") && l.contains("20 answers")),
        "the figures then"
    );
    let (_, theme_html) = lab.get(&theme_page).await;
    let back = format!("/projects/{p}/decisions?theme={t}");
    assert!(texts_attr(&theme_html, "a", "href").contains(&back));
    let (_, filtered) = lab.get(&back).await;
    assert!(texts_attr(&filtered, "a", "href").contains(&page));
    // The log lists it; it links to the decision.
    let (_, html) = lab.get(&log).await;
    assert!(texts_attr(&html, "a", "href").contains(&page));
    assert!(texts(&html, "td").iter().any(|c| c == "6 people"));
}

#[tokio::test]
async fn a_refused_decision_lists_every_problem_and_keeps_what_was_typed() {
    let lab = lab().await;
    let mut fields = decision(&lab.theme.to_string(), "theme:999999");
    fields.retain(|(k, _)| {
        ![
            "question",
            "room_children",
            "review_on_day",
            "review_on_month",
        ]
        .contains(k)
    });
    fields.push(("review_on_month", "2".into()));
    fields.push(("room_children", "lots".into()));
    fields.push(("review_on_day", "31".into()));
    fields.push(("rating_-2", "maybe".into()));
    fields.push(("evidence_experiment", "424242".into()));
    let res = lab
        .post(
            &format!("/projects/{}/decisions", lab.project),
            &refs(&fields),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "decision with errors");
    let errors = texts_attr(&html, ".error-summary-list a", "href");
    for field in [
        "#about",
        "#question",
        "#room_children",
        "#review_on",
        "#rating_-2",
        "#evidence",
    ] {
        assert!(errors.contains(&field.to_owned()), "{field}: {errors:?}");
    }
    assert!(html.contains("Children and parents told us waiting is the worst part."));
    assert!(html.contains("value=\"lots\""), "the typed count is kept");
    assert!(html.contains("A quarter of written answers say so"));
    let (_, log) = lab
        .get(&format!("/projects/{}/decisions", lab.project))
        .await;
    assert!(
        texts(&log, "p")
            .iter()
            .any(|t| t.contains("No decisions match")),
        "nothing stored"
    );
}

#[tokio::test]
async fn changed_criteria_are_used_by_the_next_decision_while_an_older_one_keeps_its_own() {
    let lab = lab().await;
    let p = lab.project;
    let first = record(&lab, &decision(&lab.theme.to_string(), "project")).await;
    let edit = format!("/projects/{p}/decisions/criteria");
    let (_, log) = lab.get(&format!("/projects/{p}/decisions")).await;
    assert!(texts_attr(&log, "a", "href").contains(&edit));
    let (status, form) = lab.get(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&form, "decision criteria");
    assert!(form.contains("value=\"Fairness: who could be left out?\""));
    let res = lab
        .post(
            &edit,
            &[
                ("name_1", "Children said it matters"),
                ("question_1", "Did children ask for it?"),
                ("name_2", "children said it matters"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a twin is refused"
    );
    let res = lab
        .post(
            &edit,
            &[
                ("name_1", "Children said it matters"),
                ("question_1", "Did children ask for it?"),
                ("name_2", "Cheap enough"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, form) = lab.get(&format!("/projects/{p}/decisions/new")).await;
    let legends = texts(&form, "legend");
    assert!(
        legends.iter().any(|l| l == "Children said it matters"),
        "{legends:?}"
    );
    assert!(!legends.iter().any(|l| l == "Safe to fail"));
    let (_, old) = lab.get(&format!("/projects/{p}/decisions/{first}")).await;
    assert!(
        texts(&old, "tbody th").contains(&"Safe to fail".to_owned()),
        "the older decision keeps its criteria"
    );
}

#[tokio::test]
async fn an_experiments_next_step_is_judged_with_the_framework_and_appears_in_the_log_and_its_csv()
{
    let lab = lab().await;
    let p = lab.project;
    let x = lab.propose().await;
    let (_, form) = lab
        .get(&format!("/projects/{p}/experiments/{x}/decide"))
        .await;
    assert_accessible(&form, "experiment decision with the framework");
    assert!(
        texts(&form, "legend")
            .iter()
            .any(|l| l.contains("Who was in the room?"))
    );
    let res = lab
        .post(
            &format!("/projects/{p}/experiments/{x}/decide"),
            &[
                ("to", "agreed"),
                ("rationale", "The young people's group said yes"),
                ("rating_-2", "yes"),
                ("room_children", "4"),
                ("room_managers", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, log) = lab
        .get(&format!("/projects/{p}/decisions?kind=transition"))
        .await;
    let rows = texts(&log, "tbody tr");
    let agreed = rows
        .iter()
        .find(|r| r.contains("Agreed"))
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert!(
        agreed.contains("5 people") && agreed.contains("Evening drop-in"),
        "{agreed}"
    );
    let (_, choices) = lab
        .get(&format!("/projects/{p}/decisions?kind=choice"))
        .await;
    assert!(
        texts(&choices, "p")
            .iter()
            .any(|t| t.contains("No decisions match"))
    );
    let res = lab
        .app
        .get_with(
            &lab.client,
            &format!("/projects/{p}/decisions.csv?experiment={x}"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    let mut rows = ::csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(&header[0], "decision_id");
    let records: Vec<::csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2, "proposed and agreed, newest first");
    let newest = &records[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&newest[col("decided")], "agreed");
    assert_eq!(&newest[col("children")], "4");
    assert!(newest[col("criteria")].contains("Co-designed with those affected: Yes"));
}

#[tokio::test]
async fn a_practitioner_reads_the_log_but_cannot_record_a_decision_or_change_the_criteria() {
    let lab = lab().await;
    let p = lab.project;
    record(&lab, &decision(&lab.theme.to_string(), "project")).await;
    let pat = lab.practitioner().await;
    let res = lab
        .app
        .get_with(&pat, &format!("/projects/{p}/decisions"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(!texts_attr(&html, "a", "href").contains(&format!("/projects/{p}/decisions/new")));
    assert_eq!(texts(&html, "tbody tr").len(), 1);
    for path in ["/decisions/new", "/decisions/criteria"] {
        let res = lab
            .app
            .get_with(&pat, &format!("/projects/{p}{path}"))
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let fields = decision(&lab.theme.to_string(), "project");
    let res = lab
        .app
        .post_form_with(&pat, &format!("/projects/{p}/decisions"), &refs(&fields))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_records_a_decision_with_the_same_rules_and_lists_the_log_with_the_same_filters() {
    let lab = lab().await;
    let (p, t) = (lab.project, lab.theme);
    let db = sea_orm::Database::connect(lab.app.database_url.as_str())
        .await
        .unwrap();
    let token =
        chorus::accounts::tokens::create(&db, chorus::accounts::StewardId(lab.steward.id), "test")
            .await
            .unwrap();
    db.close().await.unwrap();
    let call = |method: &str, path: String, body: Option<serde_json::Value>| {
        let mut req = new_client()
            .request(method.parse().unwrap(), lab.app.url(&path))
            .bearer_auth(&token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let res = req.send().await.unwrap();
            (
                res.status(),
                res.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    let url = format!("/api/v1/projects/{p}/decisions");
    let bad = serde_json::json!({
        "about": "theme:999999",
        "decided": "Yes",
        "rationale": "Because",
        "framework": { "room": { "children": 1000 }, "review_on": "2027-02-30",
                       "assessments": [ { "criterion": -1, "rating": "maybe" } ] }
    });
    let (status, problem) = call("POST", url.clone(), Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let fields: Vec<String> = problem["errors"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for f in [
        "about",
        "question",
        "room_children",
        "review_on",
        "rating_-1",
    ] {
        assert!(fields.contains(&f.to_owned()), "{f}: {problem}");
    }
    let good = serde_json::json!({
        "about": format!("theme:{t}"),
        "question": "Make waiting our priority?",
        "decided": "Yes",
        "rationale": "Children said so",
        "evidence_themes": [t],
        "framework": { "options": ["Yes", "Not yet"], "room": { "children": 2, "family": "1" },
                       "review_on": "2027-03-01",
                       "assessments": [ { "criterion": -1, "rating": "yes", "note": "20 answers" } ] }
    });
    let (status, made) = call("POST", url.clone(), Some(good)).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["framework"]["room"]["children"], 2);
    assert_eq!(made["framework"]["room"]["family"], 1);
    assert_eq!(made["framework"]["assessments"][0]["rating"], "yes");
    assert_eq!(
        made["framework"]["assessments"][1]["rating"],
        "not_assessed"
    );
    assert_eq!(made["framework"]["review_on"], "2027-03-01");
    assert_eq!(made["evidence"]["themes"]["themes"][0]["count"], 20);
    let (status, list) = call("GET", format!("{url}?theme={t}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], made["id"]);
    let (_, none) = call("GET", format!("{url}?kind=transition"), None).await;
    assert_eq!(none.as_array().unwrap().len(), 0);
    let (_, doc) = call("GET", "/api/openapi.json".into(), None).await;
    assert!(doc["paths"]["/api/v1/projects/{id}/decisions"]["post"].is_object());
}
