//! Load benchmark through the real HTTP stack: durable, acknowledged submissions per second with
//! 64 concurrent clients, survey page requests per second, bytes and requests per survey page,
//! and SQL statements per survey page view. Run with `cargo bench --bench http`; set
//! `BENCH_DATABASE_URL=postgres://…/postgres` to run it on PostgreSQL (a fresh database is made).
//! Prints a Markdown table for docs/PERFORMANCE.md.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark is a test harness: it stops at the first failure"
)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chorus::config::{RawSettings, Settings};
use chorus::startup::Application;
use chorus::surveys::question::{QuestionDef, QuestionKind};
use chorus::surveys::{Audience, Layout, NewSurvey, Status, SurveyKind};
use sea_orm::{Database, EntityTrait, PaginatorTrait};

const CLIENTS: usize = 64;

fn env_secs(name: &str, default: u64) -> Duration {
    Duration::from_secs(
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

fn q(key: &str, kind: QuestionKind, options: &[&str]) -> QuestionDef {
    common::question(key, kind, &format!("Question {key}"), options)
}

fn survey(kind: SurveyKind, layout: Layout) -> NewSurvey {
    NewSurvey {
        kind,
        intro: "Five short questions about your visit. There are no right or wrong answers.".into(),
        layout,
        ..common::questionnaire(
            "How was your visit?",
            Audience::Children,
            vec![
                q("feeling", QuestionKind::Faces, &[]),
                q("much", QuestionKind::Scale, &["Not at all", "Very much"]),
                q(
                    "who",
                    QuestionKind::SingleChoice,
                    &["A parent or carer", "A friend", "On my own"],
                ),
                q("listened", QuestionKind::YesNo, &[]),
                q("word", QuestionKind::ShortText, &[]),
            ],
        )
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (db_url, db_name) = common::database_url(dir.path()).await;
    let settings = Settings::parse(RawSettings {
        addr: Some("127.0.0.1:0".into()),
        data_dir: Some(dir.path().display().to_string()),
        database_url: Some(db_url.clone()),
        rate_limit: Some("off".into()),
        ..RawSettings::default()
    })
    .unwrap();
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let statements = app.statement_counter();
    tokio::spawn(app.run_until_stopped());

    // Fixtures, straight into the database.
    let db = Database::connect(db_url.as_str()).await.unwrap();
    let project = common::owner(&db).await.project;
    let questionnaire = chorus::surveys::store::create(
        &db,
        project,
        &survey(SurveyKind::Questionnaire, Layout::OnePerPage),
    )
    .await
    .unwrap();
    let feedback = chorus::surveys::store::create(
        &db,
        project,
        &survey(SurveyKind::Feedback, Layout::SinglePage),
    )
    .await
    .unwrap();
    for s in [&questionnaire, &feedback] {
        chorus::surveys::store::set_status(&db, s.id, Status::Open)
            .await
            .unwrap();
    }

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let submit_url = format!("{base}/api/v1/s/{}/responses", questionnaire.slug);
    let run_for = env_secs("BENCH_SECONDS", 10);

    // Warm up.
    let body = |id: uuid::Uuid| {
        serde_json::json!({
            "client_id": id, "mode": "self", "channel": "link",
            "answers": {"feeling": 4, "much": 3, "who": "A friend", "listened": "yes", "word": "kind"}
        })
    };
    for _ in 0..50 {
        let r = client
            .post(&submit_url)
            .json(&body(uuid::Uuid::new_v4()))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            201,
            "warm-up submission failed: {}",
            r.text().await.unwrap()
        );
    }

    // Submissions: 64 clients, each waits for its acknowledgement before sending the next.
    let acknowledged = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let client = client.clone();
        let url = submit_url.clone();
        let acknowledged = acknowledged.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < run_for {
                let t = Instant::now();
                let r = client
                    .post(&url)
                    .json(&body(uuid::Uuid::new_v4()))
                    .send()
                    .await
                    .unwrap();
                if r.status() == 201 {
                    acknowledged.fetch_add(1, Ordering::Relaxed);
                    latencies.push(t.elapsed());
                } else {
                    panic!("submission failed with {}", r.status());
                }
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let acked = acknowledged.load(Ordering::Relaxed);
    let stored = entity::response::Entity::find().count(&db).await.unwrap();
    assert_eq!(
        stored,
        acked + 50,
        "every acknowledged submission must be stored"
    );
    let per_sec = acked as f64 / elapsed;

    // Survey pages: bytes and requests per view (gzip, as browsers ask for it).
    let page_bytes = |path: String| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let r = client
                .get(format!("{base}{path}"))
                .header("accept-encoding", "gzip")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{path}");
            let html_bytes = r.bytes().await.unwrap();
            let html = String::from_utf8_lossy(&html_bytes).into_owned();
            let html = if html.starts_with("<!DOCTYPE") || html.starts_with("<!doctype") {
                html
            } else {
                let r = client.get(format!("{base}{path}")).send().await.unwrap();
                r.text().await.unwrap()
            };
            let doc = scraper::Html::parse_document(&html);
            let sel = scraper::Selector::parse("link[rel=stylesheet][href], script[src], img[src]")
                .unwrap();
            let mut total = html_bytes.len();
            let mut requests = 1;
            for el in doc.select(&sel) {
                let src = el.value().attr("href").or(el.value().attr("src")).unwrap();
                let r = client
                    .get(format!("{base}{src}"))
                    .header("accept-encoding", "gzip")
                    .send()
                    .await
                    .unwrap();
                total += r.bytes().await.unwrap().len();
                requests += 1;
            }
            (total, requests)
        }
    };
    let intro_path = format!("/s/{}", questionnaire.slug);
    let form_path = format!("/s/{}", feedback.slug);
    let (intro_bytes, intro_requests) = page_bytes(intro_path.clone()).await;
    let (form_bytes, form_requests) = page_bytes(form_path.clone()).await;

    // SQL statements per view.
    let before = statements.load(Ordering::Relaxed);
    for _ in 0..100 {
        client
            .get(format!("{base}{intro_path}"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
    }
    let intro_sql = (statements.load(Ordering::Relaxed) - before) as f64 / 100.0;
    let before = statements.load(Ordering::Relaxed);
    for _ in 0..100 {
        client
            .get(format!("{base}{form_path}"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
    }
    let form_sql = (statements.load(Ordering::Relaxed) - before) as f64 / 100.0;

    // Page requests per second, 64 clients.
    let pages = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let page_run = env_secs("BENCH_PAGE_SECONDS", 5);
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let client = client.clone();
        let url = format!("{base}{intro_path}");
        let pages = pages.clone();
        tasks.push(tokio::spawn(async move {
            while started.elapsed() < page_run {
                let r = client
                    .get(&url)
                    .header("accept-encoding", "gzip")
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200);
                r.bytes().await.unwrap();
                pages.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let pages_per_sec = pages.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();

    println!();
    println!("| measure ({db_name}, {CLIENTS} concurrent clients) | result |");
    println!("| --- | ---: |");
    println!(
        "| acknowledged submissions per second (5 answers each, {run_for:?}) | {per_sec:.0} |"
    );
    println!(
        "| submission latency p50 / p99 | {:.1} ms / {:.1} ms |",
        common::percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        common::percentile(&latencies, 0.99).as_secs_f64() * 1e3
    );
    println!("| acknowledged = stored | {acked} = {} |", stored - 50);
    println!("| survey introduction page requests per second | {pages_per_sec:.0} |");
    println!(
        "| questionnaire introduction: bytes (HTML + CSS, gzip) in requests | {intro_bytes} B in {intro_requests} |"
    );
    println!(
        "| feedback form page: bytes (HTML + CSS, gzip) in requests | {form_bytes} B in {form_requests} |"
    );
    println!(
        "| SQL statements per view: introduction / feedback form | {intro_sql:.1} / {form_sql:.1} |"
    );
}
