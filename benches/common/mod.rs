//! What the benchmarks share: a fresh database (SQLite, or PostgreSQL from
//! `BENCH_DATABASE_URL`), a steward with an API token and a project, a one-question survey, a
//! `chorus serve` child process, memory read from /proc, percentiles and settings from the
//! environment. Each benchmark uses only some of it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chorus::accounts::{EmailAddress, PersonName, Role, StewardId};
use chorus::projects::{NewProject, ProjectId, Scale};
use chorus::surveys::question::{QuestionDef, QuestionKey, QuestionKind};
use chorus::surveys::{Audience, Layout, NewSurvey, SurveyKind};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// A number from the environment, or `default`.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A fresh database: a new PostgreSQL database under `BENCH_DATABASE_URL` when it is set,
/// otherwise SQLite in `dir`. Returns its URL and the database's name for the tables.
pub async fn database_url(dir: &std::path::Path) -> (String, &'static str) {
    match std::env::var("BENCH_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let name = format!("chorus_bench_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(base.as_str()).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let mut url = url::Url::parse(&base).unwrap();
            url.set_path(&format!("/{name}"));
            (url.to_string(), "PostgreSQL")
        }
        _ => (
            format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()),
            "SQLite",
        ),
    }
}

/// The benchmark's steward, their API token and their project.
pub struct Owner {
    pub steward: StewardId,
    pub token: String,
    pub project: ProjectId,
}

/// A steward (`bench@example.org`) with an API token and a project.
pub async fn owner(db: &DatabaseConnection) -> Owner {
    let steward = chorus::accounts::store::insert(
        db,
        &EmailAddress::parse("bench@example.org").unwrap(),
        &PersonName::parse("Bench").unwrap(),
        Role::Steward,
        None,
        None,
    )
    .await
    .unwrap()
    .unwrap();
    let token = chorus::accounts::tokens::create(db, steward, "bench")
        .await
        .unwrap();
    let project = chorus::projects::store::create(
        db,
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
    Owner {
        steward,
        token,
        project,
    }
}

/// One question of a survey definition.
pub fn question(key: &str, kind: QuestionKind, prompt: &str, options: &[&str]) -> QuestionDef {
    QuestionDef {
        key: QuestionKey::parse(key).unwrap(),
        kind,
        prompt: prompt.into(),
        hint: String::new(),
        easy_read: String::new(),
        required: true,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        allow_other: false,
        allow_none: false,
    }
}

/// An anonymous questionnaire on one page with these questions.
pub fn questionnaire(title: &str, audience: Audience, questions: Vec<QuestionDef>) -> NewSurvey {
    NewSurvey {
        kind: SurveyKind::Questionnaire,
        title: title.into(),
        audience,
        intro: "One question.".into(),
        privacy_notice: chorus::surveys::DEFAULT_PRIVACY_NOTICE.into(),
        layout: Layout::SinglePage,
        anonymous: true,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: None,
        context_options: Vec::new(),
        questions,
    }
}

/// The server process, killed when the benchmark ends (or panics).
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// The process id, for reading its memory.
    pub fn pid(&self) -> u32 {
        self.0.id()
    }
}

/// Starts `chorus serve` on a free port with rate limits off; returns the child and its base
/// URL (without the trailing slash).
pub fn serve(dir: &std::path::Path, database_url: &str) -> (Server, String) {
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
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Server(child), base)
}

/// A `/proc/{pid}/status` figure in bytes (`VmRSS`, `VmHWM`).
pub fn proc_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim_start_matches(':').split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// Bytes as megabytes with one decimal.
pub fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The `p`-th percentile (0..1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}
