//! Learning across scales: a team's project sits inside a place's, the place's "learning
//! across" page adds up themes by name (hiding small numbers only after adding up), shows the
//! experiments by where they are and the decisions from every project inside — found by
//! clicking, refused for projects of a smaller scale or ones the steward cannot see.

use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, Statement};

use crate::experiment_fixtures::*;
use crate::helpers::*;

async fn new_project(lab: &Lab, title: &str, scale: &str) -> i64 {
    let res = lab
        .post(
            "/projects/new",
            &[
                ("title", title),
                ("outcome", "Children feel safe and heard"),
                ("scale", scale),
                ("safeguarding_lead", "lead@example.org"),
            ],
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

/// A theme in `project` coded on `n` of the lab's written answers.
async fn theme_with(lab: &Lab, project: i64, name: &str, n: usize) {
    let db = connect_db(&lab.app).await;
    let now = chrono::Utc::now();
    let theme = entity::theme::ActiveModel {
        project_id: Set(project),
        name: Set(name.into()),
        description: Set(String::new()),
        codebook: Set(String::new()),
        status: Set("active".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT a.id FROM answer a JOIN question q ON q.id = a.question_id WHERE q.kind = 'long_text' ORDER BY a.id",
        ))
        .await
        .unwrap();
    for r in rows.iter().take(n) {
        let a: i64 = r.try_get("", "id").unwrap();
        let mut coding = entity::coding::ActiveModel {
            answer_id: Set(a),
            theme_id: Set(theme.id),
            source: Set("steward".into()),
            confidence: Set(1.0),
            status: Set("accepted".into()),
            created_at: Set(now),
            ..Default::default()
        };
        with_facts(&db, &mut coding, a).await;
        coding.insert(&db).await.unwrap();
    }
    db.close().await.unwrap();
}

#[tokio::test]
async fn a_place_sees_what_its_teams_are_learning_with_themes_added_up_before_small_numbers_are_hidden()
 {
    let lab = lab().await;
    let team_a = lab.project;
    lab.propose().await;
    let place = new_project(&lab, "Riverside", "place").await;
    let team_b = new_project(&lab, "Youth club", "team").await;
    // Team A has "Waiting" on 20 answers; team B "waiting" on 3 and "Noise" on 2.
    theme_with(&lab, team_b, " waiting", 3).await;
    theme_with(&lab, team_b, "Noise", 2).await;
    // Each team is put inside the place from its own page, by clicking.
    for team in [team_a, team_b] {
        let (_, html) = lab.get(&format!("/projects/{team}")).await;
        let setting = format!("/projects/{team}/parent");
        assert!(texts_attr(&html, "a", "href").contains(&setting));
        let (status, form) = lab.get(&setting).await;
        assert_eq!(status, StatusCode::OK);
        assert_accessible(&form, "where this project sits");
        let offered = texts_attr(&form, "input[name=parent]", "value");
        assert_eq!(
            offered,
            ["".to_owned(), place.to_string()],
            "only larger scales are offered"
        );
        let res = lab.post(&setting, &[("parent", &place.to_string())]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let (_, html) = lab.get(&format!("/projects/{place}")).await;
    let learning = format!("/projects/{place}/learning");
    assert!(texts_attr(&html, "a", "href").contains(&learning));
    let (status, html) = lab.get(&learning).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "learning across a place");
    let rows = texts(&html, "#rollup-themes tbody tr");
    assert!(
        rows[0].starts_with("Waiting23"),
        "20 and 3 added up: {rows:?}"
    );
    assert!(rows[0].contains("Family hubs") && rows[0].contains("Youth club"));
    let noise = rows.iter().find(|r| r.starts_with("Noise")).unwrap();
    assert!(
        noise.contains("fewer than 5") && !noise.contains('2'),
        "{noise}"
    );
    assert_eq!(texts(&html, "#rollup-status li"), ["Proposed: 1"]);
    assert!(
        texts(&html, "#rollup-experiments td")
            .iter()
            .any(|c| c.starts_with("Evening drop-in"))
    );
    assert!(
        texts(&html, "#rollup-decisions li")
            .iter()
            .any(|d| d.contains("Family hubs")),
        "the proposal is a decision"
    );
    assert!(
        !html.contains("I was waiting a long time"),
        "no answer is shown"
    );
}

#[tokio::test]
async fn a_project_cannot_sit_inside_a_smaller_one_or_one_the_steward_cannot_see() {
    let lab = lab().await;
    let team = lab.project;
    let person = new_project(&lab, "One child's plan", "person").await;
    let res = lab
        .post(
            &format!("/projects/{team}/parent"),
            &[("parent", &person.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "where this project sits, refused");
    assert!(
        texts(&html, ".error-summary-list a")
            .iter()
            .any(|e| e.contains("larger scale"))
    );
    let res = lab
        .post(&format!("/projects/{team}/parent"), &[("parent", "999999")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A practitioner sees neither the setting nor the roll-up.
    let pat = lab.practitioner().await;
    for path in ["parent", "learning"] {
        let res = lab
            .app
            .get_with(&pat, &format!("/projects/{team}/{path}"))
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
}
