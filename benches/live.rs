//! Live-events benchmark against a real `chorus serve` child process:
//!
//! 1. Fan-out latency: `BENCH_LIVE_CLIENTS` (default 100) SSE clients watch one survey while
//!    `BENCH_LIVE_SUBMISSIONS` (default 200) responses are submitted one after another through the
//!    API. For each response: the time from its stored `submitted_at` (taken just before its
//!    INSERT and COMMIT, so this includes the commit) until the LAST of the clients has the event.
//!    Median and 99th percentile.
//! 2. Connections: open `BENCH_LIVE_CONNECTIONS` (default "1000,5000") idle SSE connections to
//!    `GET /api/v1/surveys/{id}/events` and report the server's RSS before and after, and bytes per
//!    connection.
//!
//! Run (release, on a quiet machine; each connection needs a file descriptor on both sides):
//!
//! ```sh
//! ulimit -n 20000
//! cargo bench --bench live
//! # smaller, in debug:
//! BENCH_LIVE_CLIENTS=10 BENCH_LIVE_SUBMISSIONS=20 BENCH_LIVE_CONNECTIONS=200 \
//!   cargo bench --profile dev --bench live
//! ```
//!
//! Set `BENCH_DATABASE_URL=postgres://…/postgres` to run on PostgreSQL (a fresh database is
//! made). Linux only (RSS is read from /proc). Prints Markdown rows for docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime};

use chorus::accounts::{EmailAddress, PersonName, Role};
use chorus::projects::{NewProject, Scale};
use chorus::surveys::question::{QuestionDef, QuestionKey, QuestionKind};
use chorus::surveys::{Audience, Layout, NewSurvey, Status, SurveyKind};
use sea_orm::{ConnectionTrait, Database};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

async fn database_url(dir: &std::path::Path) -> (String, &'static str) {
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

/// The server process, killed when the benchmark ends (or panics).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `chorus serve`; returns the child and its base URL (without the trailing slash).
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
    let out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = out.lines();
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

fn rss_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// A steward with an API token, a project and an open survey; returns (token, survey id, slug).
async fn fixtures(database_url: &str) -> (String, i64, String) {
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
            audience: Audience::Children,
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
                key: QuestionKey::parse("feeling").unwrap(),
                kind: QuestionKind::Faces,
                prompt: "How do you feel?".into(),
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
    db.close().await.unwrap();
    (token, survey.id.0, survey.slug)
}

/// Opens a raw SSE connection and waits for the response head; the caller keeps it open.
async fn open_stream(addr: &str, path: &str, token: &str) -> tokio::net::TcpStream {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the server closed an event stream");
        head.extend_from_slice(&buf[..n]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    stream
}

/// One watching client: reports (response id, when it arrived) for every event.
async fn watch(
    addr: String,
    path: String,
    token: String,
    tx: mpsc::UnboundedSender<(i64, SystemTime, String)>,
    ready: mpsc::UnboundedSender<()>,
) {
    let mut stream = open_stream(&addr, &path, &token).await;
    let _ = ready.send(());
    let mut text = String::new();
    let mut buf = vec![0u8; 8192];
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let now = SystemTime::now();
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
        while let Some(end) = text.find("\n\n") {
            let frame: String = text.drain(..end + 2).collect();
            if let Some(data) = frame.lines().find_map(|l| l.strip_prefix("data: "))
                && let Ok(v) = serde_json::from_str::<serde_json::Value>(data)
                && let Some(id) = v["response_id"].as_i64()
            {
                let at = v["submitted_at"].as_str().unwrap_or_default().to_owned();
                if tx.send((id, now, at)).is_err() {
                    return;
                }
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() {
    let clients = env_usize("BENCH_LIVE_CLIENTS", 100);
    let submissions = env_usize("BENCH_LIVE_SUBMISSIONS", 200);
    let connections = env_list("BENCH_LIVE_CONNECTIONS", "1000,5000");
    let dir = tempfile::tempdir().unwrap();
    let (db_url, db_name) = database_url(dir.path()).await;
    let (child, base) = serve(dir.path(), &db_url);
    let addr = base.trim_start_matches("http://").to_owned();
    let (token, survey, slug) = fixtures(&db_url).await;
    let events = format!("/api/v1/surveys/{survey}/events");
    let http = reqwest::Client::new();
    let submit_url = format!("{base}/api/v1/s/{slug}/responses");
    // A just-started server on a database another process just wrote may refuse the first
    // write ("database is locked"); the same client id makes a retry safe.
    let submit = || async {
        let body =
            serde_json::json!({"client_id": uuid::Uuid::new_v4(), "answers": {"feeling": 4}});
        for _ in 0..3 {
            let r = http.post(&submit_url).json(&body).send().await.unwrap();
            if r.status().is_success() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("a submission failed three times");
    };

    // 1. Fan-out latency.
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (ready_tx, mut ready) = mpsc::unbounded_channel();
    for _ in 0..clients {
        tokio::spawn(watch(
            addr.clone(),
            events.clone(),
            token.clone(),
            tx.clone(),
            ready_tx.clone(),
        ));
    }
    drop(tx);
    // Every client has its stream open (the server subscribes before it answers), then one
    // warm-up response must reach them all.
    for _ in 0..clients {
        ready.recv().await.unwrap();
    }
    submit().await;
    for _ in 0..clients {
        rx.recv().await.unwrap();
    }
    let mut latencies = Vec::with_capacity(submissions);
    for _ in 0..submissions {
        submit().await;
        let mut last = SystemTime::UNIX_EPOCH;
        let mut stored = String::new();
        for _ in 0..clients {
            let (_, at, submitted_at) = rx.recv().await.unwrap();
            last = last.max(at);
            stored = submitted_at;
        }
        let stored: SystemTime = chrono::DateTime::parse_from_rfc3339(&stored)
            .unwrap()
            .into();
        latencies.push(last.duration_since(stored).unwrap_or_default());
    }
    latencies.sort_unstable();
    let median = percentile(&latencies, 0.5);
    let p99 = percentile(&latencies, 0.99);

    println!(
        "\n### Live events ({db_name}, {} build)\n",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!("| measure | value |");
    println!("| --- | --- |");
    println!(
        "| stored response → event at all {clients} SSE clients, median ({submissions} responses) | {:.2} ms |",
        median.as_secs_f64() * 1000.0
    );
    println!(
        "| stored response → event at all {clients} SSE clients, 99th percentile | {:.2} ms |",
        p99.as_secs_f64() * 1000.0
    );

    // 2. Idle connections and memory. The watchers above stay open; count from here.
    let mut open = Vec::new();
    for target in connections {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let before = rss_bytes(child.0.id());
        let have = open.len();
        while open.len() < target {
            let batch = (target - open.len()).min(200);
            let mut tasks = Vec::with_capacity(batch);
            for _ in 0..batch {
                let (addr, events, token) = (addr.clone(), events.clone(), token.clone());
                tasks.push(tokio::spawn(async move {
                    open_stream(&addr, &events, &token).await
                }));
            }
            for t in tasks {
                open.push(t.await.unwrap());
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = rss_bytes(child.0.id());
        let added = (target - have).max(1) as u64;
        println!(
            "| server RSS with {target} idle SSE connections (+{clients} watchers) | {:.1} MB (from {:.1} MB; {} bytes per connection) |",
            after as f64 / 1e6,
            before as f64 / 1e6,
            after.saturating_sub(before) / added
        );
    }
    // One more response still reaches every open connection.
    submit().await;
    drop(open);
    drop(child);
}
