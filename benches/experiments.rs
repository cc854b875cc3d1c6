//! Experiment results benchmark against a real `chorus serve` child process: a children's
//! questionnaire (faces, yes/no and a written answer) with `BENCH_EXPERIMENT_ANSWERS` responses
//! in each of two periods (default 100,000 each), written straight into a fresh SQLite database
//! with their tallies and a theme coded on a fifth of the written answers, and two testing
//! experiments with a before/after plan: one measuring both questions, one the theme's share. Then, alternating, many times:
//! `GET /healthz` (the reference, measured in the same run), `GET /api/v1/experiments/{id}/results`
//! (every measure recomputed: counts in SQL, 2,000 bootstrap resamples) and the experiment's page
//! (the same results, plus the page around them). Prints median and 95th percentile of each, and
//! their ratio to the reference.
//!
//! ```sh
//! cargo bench --bench experiments
//! BENCH_EXPERIMENT_ANSWERS=10000 cargo bench --bench experiments   # smaller
//! ```
//!
//! The target (issue 14): the results page with 100,000 answers per period in under 200 ms.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark is a test harness: it stops at the first failure"
)]

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chorus::experiments::model::{Codesign, NewExperiment, Status};
use chorus::experiments::plan::{Better, Design, Measure, Period, Plan, Source};
use chorus::surveys::question::QuestionKind;
use chorus::surveys::{Audience, Status as SurveyStatus};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Database};

const PASSWORD: &str = "correct horse battery staple";

/// Signs the bench steward in through the sign-in form; the client keeps the session cookie.
async fn sign_in(client: &reqwest::Client, base: &str) {
    let page = client
        .get(format!("{base}/sign-in"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at =
        page.find("name=\"csrf_token\" value=\"").unwrap() + "name=\"csrf_token\" value=\"".len();
    let token = &page[at..at + page[at..].find('"').unwrap()];
    let res = client
        .post(format!("{base}/sign-in"))
        .form(&[
            ("email", "bench@example.org"),
            ("password", PASSWORD),
            ("csrf_token", token),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "sign-in: {}",
        res.status()
    );
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `n` responses in September 2026 and `n` in October 2026 (happier), each with a faces and a
/// yes/no answer, and a testing experiment over them. Returns (token, project, experiment).
async fn fixtures(database_url: &str, n: usize) -> (String, i64, (i64, i64)) {
    let db = Database::connect(database_url).await.unwrap();
    let owner = common::owner(&db).await;
    let hash =
        chorus::accounts::password::hash(chorus::accounts::Password::parse(PASSWORD).unwrap())
            .await
            .unwrap();
    db.execute_unprepared(&format!(
        "UPDATE steward SET password_hash = '{hash}' WHERE id = {}",
        owner.steward.0
    ))
    .await
    .unwrap();
    let survey = chorus::surveys::store::create(
        &db,
        owner.project,
        &common::questionnaire(
            "Our hub",
            Audience::Children,
            vec![
                common::question("feel", QuestionKind::Faces, "How do you feel?", &[]),
                common::question("safe", QuestionKind::YesNo, "Do you feel safe?", &[]),
                common::question("story", QuestionKind::LongText, "Tell us more", &[]),
            ],
        ),
    )
    .await
    .unwrap();
    chorus::surveys::store::set_status(&db, survey.id, SurveyStatus::Open)
        .await
        .unwrap();
    let qs = chorus::surveys::store::questions(&db, survey.id, false)
        .await
        .unwrap();
    let (feel, safe, story) = (qs[0].id.0, qs[1].id.0, qs[2].id.0);
    // Bulk rows in SQL, tallied (and coded, with each coding's facts) as the writers would. Dates spread over the month;
    // October's faces lean one level higher.
    let script = format!(
        "BEGIN;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total})
         INSERT INTO response (survey_id, submission_id, receipt, submitted_at, mode, channel)
           SELECT {s}, 'bench-' || i, printf('B%010d', i),
                  CASE WHEN i <= {n} THEN '2026-09-' ELSE '2026-10-' END
                    || printf('%02d', 1 + i % 28) || ' 10:00:00+00:00',
                  'self', 'link' FROM n;
         INSERT INTO answer (response_id, question_id, number)
           SELECT id, {feel}, MIN(5, 1 + id % 5 + CASE WHEN id > {n} AND id % 3 = 0 THEN 1 ELSE 0 END)
           FROM response;
         INSERT INTO answer (response_id, question_id, text)
           SELECT id, {safe}, CASE WHEN id % 4 = 0 OR (id > {n} AND id % 4 = 1) THEN 'yes' ELSE 'no' END
           FROM response;
         INSERT INTO answer (response_id, question_id, text)
           SELECT id, {story}, CASE WHEN id % 5 = 0 OR (id > {n} AND id % 5 = 1) THEN 'waiting too long' ELSE 'it was fine' END
           FROM response;
         INSERT INTO theme (project_id, name, description, codebook, status, created_at, updated_at)
           VALUES ({p}, 'Waiting', 'Waiting too long', '[\"waiting\"]', 'active',
                   '2026-09-01 00:00:00+00:00', '2026-09-01 00:00:00+00:00');
         INSERT INTO coding (answer_id, theme_id, source, confidence, status, created_at,
                             question_id, day, channel)
           SELECT a.id, (SELECT MAX(id) FROM theme), 'keyword', 1.0, 'accepted', '2026-11-01 00:00:00+00:00',
                  a.question_id, substr(r.submitted_at, 1, 10), r.channel
           FROM answer a JOIN response r ON r.id = a.response_id
           WHERE a.question_id = {story} AND a.text LIKE 'waiting%';
         INSERT INTO answer_tally (question_id, day, channel, value, n)
           SELECT a.question_id, substr(r.submitted_at, 1, 10), r.channel,
                  CASE WHEN a.question_id = {story} THEN ''
                       ELSE COALESCE(CAST(a.number AS TEXT), a.text) END, COUNT(*)
           FROM answer a JOIN response r ON r.id = a.response_id
           GROUP BY 1, 2, 3, 4;
         COMMIT;",
        total = 2 * n,
        s = survey.id.0,
        p = owner.project.0,
    );
    db.execute_unprepared(&script).await.unwrap();
    let mut new = NewExperiment {
        title: "Evening drop-in".into(),
        problem: "Children said the hub is hard to get to".into(),
        themes: vec![],
        if_we: "open on Tuesday evenings".into(),
        then_we: "children will feel better".into(),
        because: "they told us so".into(),
        change: "Open 6pm to 8pm".into(),
        codesigners: vec![Audience::Children],
        codesign: Codesign::default(),
        scale: chorus::projects::Scale::Team,
        place: "The hub".into(),
        limits: "Nobody comes".into(),
        owners: "Hub lead".into(),
        planned_start: day(2026, 10, 1),
        planned_end: day(2026, 10, 31),
    };
    let min = chorus::disclosure::MinGroup::default();
    let who = Some(owner.steward.0);
    let id = chorus::experiments::actions::propose_in(&db, owner.project, &new, who, min)
        .await
        .unwrap();
    let e = chorus::experiments::store::find(&db, owner.project, id)
        .await
        .unwrap()
        .unwrap();
    let plan = Plan {
        design: Some(Design::BeforeAfter),
        baseline: Some(Period {
            start: day(2026, 9, 1),
            end: day(2026, 9, 30),
        }),
        test: Some(Period {
            start: day(2026, 10, 1),
            end: day(2026, 10, 31),
        }),
        measures: vec![
            Measure {
                source: Source::Question {
                    question: feel,
                    option: None,
                },
                better: Better::Higher,
                label: "Faces".into(),
            },
            Measure {
                source: Source::Question {
                    question: safe,
                    option: Some("yes".into()),
                },
                better: Better::Higher,
                label: "Safe".into(),
            },
        ],
        ..Plan::default()
    };
    chorus::experiments::store::set_plan(&db, &e, &plan, "", who)
        .await
        .unwrap();
    chorus::experiments::store::transition(
        &db,
        &e,
        &chorus::experiments::model::Move {
            to: Status::Testing,
            rationale: "bench".into(),
            framework: Default::default(),
        },
        serde_json::Value::Null,
        who,
    )
    .await
    .unwrap();
    // A second experiment measuring a theme's share of the written answers (the base from the
    // tallies, the coded answers from the theme's codings).
    let theme = chorus::themes::store::list(&db, owner.project)
        .await
        .unwrap()[0]
        .id
        .0;
    new.title = "Quieter waiting room".into();
    let second = chorus::experiments::actions::propose_in(&db, owner.project, &new, who, min)
        .await
        .unwrap();
    let e2 = chorus::experiments::store::find(&db, owner.project, second)
        .await
        .unwrap()
        .unwrap();
    let plan = Plan {
        measures: vec![Measure {
            source: Source::ThemeShare { theme },
            better: Better::Lower,
            label: "Waiting".into(),
        }],
        ..plan
    };
    chorus::experiments::store::set_plan(&db, &e2, &plan, "", who)
        .await
        .unwrap();
    chorus::experiments::store::transition(
        &db,
        &e2,
        &chorus::experiments::model::Move {
            to: Status::Testing,
            rationale: "bench".into(),
            framework: Default::default(),
        },
        serde_json::Value::Null,
        who,
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    (owner.token, owner.project.0, (id.0, second.0))
}

async fn time(client: &reqwest::Client, url: &str, token: Option<&str>) -> Duration {
    let mut req = client.get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let started = Instant::now();
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "{url}");
    res.bytes().await.unwrap();
    started.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let n = common::env_usize("BENCH_EXPERIMENT_ANSWERS", 100_000);
    let rounds = common::env_usize("BENCH_EXPERIMENT_ROUNDS", 30);
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let status = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .arg("migrate")
        .env("CHORUS_DATA_DIR", dir.path())
        .env("DATABASE_URL", &db_url)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "chorus migrate failed");
    let made = Instant::now();
    let (token, project, (experiment, themed)) = fixtures(&db_url, n).await;
    eprintln!(
        "{} responses written in {:.1} s",
        2 * n,
        made.elapsed().as_secs_f64()
    );
    let (_server, base) = common::serve(dir.path(), &db_url);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    sign_in(&client, &base).await;
    let page = format!("{base}/projects/{project}/experiments/{experiment}");
    let results = format!("{base}/api/v1/experiments/{experiment}/results");
    let body: serde_json::Value = client
        .get(&results)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["measures"][0]["n_a"].as_u64(),
        Some(n as u64),
        "{body}"
    );
    let theme_results = format!("{base}/api/v1/experiments/{themed}/results");
    let body: serde_json::Value = client
        .get(&theme_results)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["measures"][0]["n_a"].as_u64(),
        Some(n as u64),
        "{body}"
    );
    let mut health = Vec::new();
    let mut api = Vec::new();
    let mut html = Vec::new();
    let mut theme_api = Vec::new();
    for _ in 0..rounds {
        health.push(time(&client, &format!("{base}/healthz"), None).await);
        api.push(time(&client, &results, Some(&token)).await);
        html.push(time(&client, &page, None).await);
        theme_api.push(time(&client, &theme_results, Some(&token)).await);
    }
    health.sort();
    api.sort();
    html.sort();
    theme_api.sort();
    let p50 = common::percentile(&html, 0.5);
    let (h50, a50) = (
        common::percentile(&health, 0.5),
        common::percentile(&api, 0.5),
    );
    println!(
        "\n| request (SQLite, {n} answers per period, {rounds} rounds, project {project}) | median | 95th percentile | ratio to `/healthz` (median) |"
    );
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| `GET /healthz` (reference) | {} | {} | 1 |",
        ms(h50),
        ms(common::percentile(&health, 0.95))
    );
    println!(
        "| `GET /api/v1/experiments/{{id}}/results` (2 measures) | {} | {} | {:.0} |",
        ms(a50),
        ms(common::percentile(&api, 0.95)),
        a50.as_secs_f64() / h50.as_secs_f64().max(1e-9)
    );
    println!(
        "| `GET /projects/{{id}}/experiments/{{id}}` (the page) | {} | {} | {:.0} |",
        ms(p50),
        ms(common::percentile(&html, 0.95)),
        p50.as_secs_f64() / h50.as_secs_f64().max(1e-9)
    );
    let t50 = common::percentile(&theme_api, 0.5);
    println!(
        "| `GET /api/v1/experiments/{{id}}/results` (a theme's share of written answers) | {} | {} | {:.0} |",
        ms(t50),
        ms(common::percentile(&theme_api, 0.95)),
        t50.as_secs_f64() / h50.as_secs_f64().max(1e-9)
    );
}
