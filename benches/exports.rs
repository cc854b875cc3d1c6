//! Theme-export benchmark against a real `chorus serve` child process: a project with
//! `BENCH_EXPORT_ANSWERS` (default 1,000,000) coded text answers, written straight into a fresh
//! SQLite database, then `coded-answers.csv`, `themes.csv` and `coded-answers.xlsx` downloaded
//! over the API one after another. For each download: time, bytes, rows, and the server's
//! resident memory before and its peak (`VmHWM` from /proc) after — flat memory means the peak
//! hardly moves while the file is many times larger than it.
//!
//! ```sh
//! cargo bench --bench exports
//! BENCH_EXPORT_ANSWERS=100000 cargo bench --bench exports   # smaller
//! BENCH_EXPORT_TRACE=1 cargo bench --bench exports          # server RSS every second
//! ```
//!
//! Linux only (memory is read from /proc). Prints Markdown rows for docs/PERFORMANCE.md.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark is a test harness: it stops at the first failure"
)]

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

use chorus::surveys::question::QuestionKind;
use chorus::surveys::{Audience, Status};
use chorus::themes::model::NewTheme;
use sea_orm::{ConnectionTrait, Database};

/// A steward with a token, a project with three themes and an open survey with one short-text
/// question, then `n` responses, answers and keyword codings (every seventh answer also has an
/// accepted learned coding of another theme) in one transaction.
/// Returns (token, project id).
async fn fixtures(database_url: &str, n: usize) -> (String, i64) {
    let db = Database::connect(database_url).await.unwrap();
    let common::Owner {
        steward,
        token,
        project,
    } = common::owner(&db).await;
    let survey = chorus::surveys::store::create(
        &db,
        project,
        &common::questionnaire(
            "How was today?",
            Audience::Families,
            vec![common::question(
                "word",
                QuestionKind::ShortText,
                "Tell us about today",
                &[],
            )],
        ),
    )
    .await
    .unwrap();
    chorus::surveys::store::set_status(&db, survey.id, Status::Open)
        .await
        .unwrap();
    let question = chorus::surveys::store::questions(&db, survey.id, false)
        .await
        .unwrap()[0]
        .id
        .0;
    let mut themes = Vec::new();
    for name in ["Staff", "Waiting", "Environment"] {
        let theme = NewTheme {
            name: name.into(),
            description: format!("Answers about {}", name.to_lowercase()),
            codebook: vec![name.to_lowercase()],
        };
        themes.push(
            chorus::themes::store::create(&db, project, &theme, steward)
                .await
                .unwrap()
                .0,
        );
    }
    // Bulk rows in SQL; timestamps copied from a row sea-orm wrote, so their format is its own.
    let at = "(SELECT created_at FROM theme LIMIT 1)";
    let script = format!(
        "BEGIN;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
         INSERT INTO response (survey_id, submission_id, receipt, submitted_at, mode, channel)
           SELECT {survey}, 'bench-' || i, printf('B%010d', i), {at},
                  CASE i % 3 WHEN 0 THEN 'assisted' ELSE 'self' END, 'link' FROM n;
         INSERT INTO answer (response_id, question_id, text)
           SELECT id, {question},
                  'The staff were kind and the wait was short, visit number ' || id FROM response;
         INSERT INTO coding (answer_id, theme_id, source, confidence, status, created_at)
           SELECT id, CASE id % 3 WHEN 0 THEN {t0} WHEN 1 THEN {t1} ELSE {t2} END,
                  'keyword', 1.0, 'accepted', {at} FROM answer;
         INSERT INTO coding (answer_id, theme_id, source, confidence, status, created_at)
           SELECT id, CASE id % 3 WHEN 0 THEN {t1} WHEN 1 THEN {t2} ELSE {t0} END,
                  'learned', 0.8, 'accepted', {at} FROM answer WHERE id % 7 = 0;
         COMMIT;",
        survey = survey.id.0,
        t0 = themes[0],
        t1 = themes[1],
        t2 = themes[2],
    );
    db.execute_unprepared(&script).await.unwrap();
    db.close().await.unwrap();
    (token, project.0)
}

#[tokio::main]
async fn main() {
    let n = common::env_usize("BENCH_EXPORT_ANSWERS", 1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    // Create the schema with the real binary, then the rows.
    let status = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .arg("migrate")
        .env("CHORUS_DATA_DIR", dir.path())
        .env("DATABASE_URL", &db_url)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "chorus migrate failed");
    let made = Instant::now();
    let (token, project) = fixtures(&db_url, n).await;
    eprintln!(
        "{n} coded answers written in {:.1} s",
        made.elapsed().as_secs_f64()
    );

    let (server, base) = common::serve(dir.path(), &db_url);
    let pid = server.pid();
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let client = reqwest::Client::new();
    let trace = std::env::var_os("BENCH_EXPORT_TRACE").is_some();
    println!(
        "\n| download (SQLite, {n} coded answers) | time | size | lines | server RSS before → peak |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for file in ["coded-answers.csv", "themes.csv", "coded-answers.xlsx"] {
        // Reset the peak so each download's own peak is read (Linux ≥ 4.0).
        let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
        let before = common::proc_bytes(pid, "VmRSS");
        let started = Instant::now();
        let mut next_sample = 0.0;
        let res = client
            .get(format!("{base}/api/v1/projects/{project}/{file}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{file}");
        let mut res = res;
        let (mut bytes, mut lines) = (0u64, 0u64);
        while let Some(chunk) = res.chunk().await.unwrap() {
            bytes += chunk.len() as u64;
            lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
            let at = started.elapsed().as_secs_f64();
            if trace && at >= next_sample {
                eprintln!(
                    "{file}: {at:.1} s, {} sent, server RSS {}",
                    common::mb(bytes),
                    common::mb(common::proc_bytes(pid, "VmRSS"))
                );
                next_sample = at + 1.0;
            }
        }
        let secs = started.elapsed().as_secs_f64();
        let peak = common::proc_bytes(pid, "VmHWM");
        let lines = if file.ends_with(".csv") {
            lines.to_string()
        } else {
            "(zip)".into()
        };
        println!(
            "| `{file}` | {secs:.1} s | {} | {lines} | {} → {} |",
            common::mb(bytes),
            common::mb(before),
            common::mb(peak)
        );
    }
    drop(server);
}
