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
//! ```
//!
//! Linux only (memory is read from /proc). Prints Markdown rows for docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use chorus::accounts::{EmailAddress, PersonName, Role};
use chorus::projects::{NewProject, Scale};
use chorus::surveys::question::{QuestionDef, QuestionKey, QuestionKind};
use chorus::surveys::{Audience, Layout, NewSurvey, Status, SurveyKind};
use chorus::themes::model::NewTheme;
use sea_orm::{ConnectionTrait, Database};

/// The server process, killed when the benchmark ends (or panics).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &std::path::Path, database_url: &str) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .env_remove("CHORUS_BASE_URL")
        .env("CHORUS_DATA_DIR", dir)
        .env("DATABASE_URL", database_url)
        .env("CHORUS_ADDR", "127.0.0.1:0")
        .env("CHORUS_RATE_LIMIT", "off")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("chorus serve printed its address")
            .unwrap();
        if let Some(at) = line.find("Chorus is running at ") {
            break line[at + "Chorus is running at ".len()..]
                .trim()
                .trim_end_matches('/')
                .to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (Server(child), base)
}

/// A `/proc/{pid}/status` figure in bytes (`VmRSS`, `VmHWM`).
fn proc_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim_start_matches(':').split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// A steward with a token, a project with three themes and an open survey with one short-text
/// question, then `n` responses, answers and keyword codings in one transaction.
/// Returns (token, project id).
async fn fixtures(database_url: &str, n: usize) -> (String, i64) {
    let db = Database::connect(database_url).await.unwrap();
    let steward = chorus::accounts::store::insert(
        &db,
        &EmailAddress::parse("bench@example.org").unwrap(),
        &PersonName::parse("Bench").unwrap(),
        Role::Steward,
        None,
        None,
    )
    .await
    .unwrap()
    .unwrap();
    let token = chorus::accounts::tokens::create(&db, steward, "bench")
        .await
        .unwrap();
    let project = chorus::projects::store::create(
        &db,
        &NewProject {
            title: "Bench".into(),
            outcome: "Speed".into(),
            scale: Scale::Team,
            description: String::new(),
            safeguarding_lead: "lead@example.org".into(),
        },
        steward,
    )
    .await
    .unwrap();
    let survey = chorus::surveys::store::create(
        &db,
        project,
        &NewSurvey {
            kind: SurveyKind::Questionnaire,
            title: "How was today?".into(),
            audience: Audience::Families,
            intro: "One question.".into(),
            privacy_notice: chorus::surveys::model::DEFAULT_PRIVACY_NOTICE.into(),
            layout: Layout::SinglePage,
            anonymous: true,
            sensitive: false,
            opens_at: None,
            closes_at: None,
            context_prompt: None,
            context_options: Vec::new(),
            questions: vec![QuestionDef {
                key: QuestionKey::parse("word").unwrap(),
                kind: QuestionKind::ShortText,
                prompt: "Tell us about today".into(),
                hint: String::new(),
                easy_read: String::new(),
                required: true,
                options: Vec::new(),
                allow_other: false,
                allow_none: false,
            }],
        },
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
    let n: usize = std::env::var("BENCH_EXPORT_ANSWERS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1_000_000);
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

    let (server, base) = serve(dir.path(), &db_url);
    let pid = server.0.id();
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let client = reqwest::Client::new();
    println!(
        "\n| download (SQLite, {n} coded answers) | time | size | lines | server RSS before → peak |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for file in ["coded-answers.csv", "themes.csv", "coded-answers.xlsx"] {
        let before = proc_bytes(pid, "VmRSS");
        let started = Instant::now();
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
        }
        let secs = started.elapsed().as_secs_f64();
        let peak = proc_bytes(pid, "VmHWM");
        let lines = if file.ends_with(".csv") {
            lines.to_string()
        } else {
            "(zip)".into()
        };
        println!(
            "| `{file}` | {secs:.1} s | {} | {lines} | {} → {} |",
            mb(bytes),
            mb(before),
            mb(peak)
        );
    }
    drop(server);
}
