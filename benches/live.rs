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
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark is a test harness: it stops at the first failure"
)]

mod common;

use std::time::{Duration, SystemTime};

use chorus::surveys::question::QuestionKind;
use chorus::surveys::{Audience, Status};
use sea_orm::Database;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

/// A steward with an API token, a project and an open survey; returns (token, survey id, slug).
async fn fixtures(database_url: &str) -> (String, i64, String) {
    let db = Database::connect(database_url).await.unwrap();
    let common::Owner { token, project, .. } = common::owner(&db).await;
    let survey = chorus::surveys::store::create(
        &db,
        project,
        &common::questionnaire(
            "How was today?",
            Audience::Children,
            vec![common::question(
                "feeling",
                QuestionKind::Faces,
                "How do you feel?",
                &[],
            )],
        ),
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

#[tokio::main]
async fn main() {
    let clients = common::env_usize("BENCH_LIVE_CLIENTS", 100);
    let submissions = common::env_usize("BENCH_LIVE_SUBMISSIONS", 200);
    let connections = env_list("BENCH_LIVE_CONNECTIONS", "1000,5000");
    let dir = tempfile::tempdir().unwrap();
    let (db_url, db_name) = common::database_url(dir.path()).await;
    let (child, base) = common::serve(dir.path(), &db_url);
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
    let median = common::percentile(&latencies, 0.5);
    let p99 = common::percentile(&latencies, 0.99);

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
        let before = common::proc_bytes(child.pid(), "VmRSS");
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
        let after = common::proc_bytes(child.pid(), "VmRSS");
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
