//! Slow or stalled clients cannot hold the server: a body that stops arriving is answered with
//! 408 and its connection closed, while everyone else is served; a request that takes longer
//! than the deadline is cut off the same way.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::api::api_with;
use crate::helpers::new_client;

/// Opens a connection, sends the head of a 100-byte JSON submission and only 2 bytes of it.
async fn stall(host: &str, slug: &str) -> TcpStream {
    let mut stream = TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /api/v1/s/{slug}/responses HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\""
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

#[tokio::test]
async fn five_hundred_stalled_bodies_are_closed_with_408_while_other_clients_are_served() {
    let api = api_with(|raw| raw.body_timeout_secs = Some("2".into())).await;
    let (survey, slug) = api.open_survey().await;
    let host = api.app.address.trim_start_matches("http://").to_owned();
    let mut stalled = Vec::new();
    for _ in 0..500 {
        stalled.push(stall(&host, &slug).await);
    }
    // Meanwhile the service answers everyone else at once.
    let started = Instant::now();
    for _ in 0..10 {
        let res = api.http.get(api.app.url("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
    let (status, _) = api.submit(&slug, serde_json::json!({"feeling": 3})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // Each stalled connection gets a 408 and is closed by the server (read to the end).
    let reads = stalled.into_iter().map(|mut stream| {
        tokio::spawn(async move {
            let mut reply = Vec::new();
            tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut reply))
                .await
                .expect("the server never closed a stalled connection")
                .unwrap();
            String::from_utf8_lossy(&reply).into_owned()
        })
    });
    for reply in futures_util::future::join_all(reads).await {
        let reply = reply.unwrap();
        assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
        assert!(reply.contains("application/problem+json"), "{reply}");
        assert!(
            reply
                .to_lowercase()
                .contains("x-content-type-options: nosniff"),
            "{reply}"
        );
    }
    // Nothing half-stored: only the one whole submission.
    assert_eq!(api.response_count(survey).await, 1);
}

#[tokio::test]
async fn a_body_that_arrives_slowly_but_steadily_is_read_in_full() {
    let api = api_with(|raw| raw.body_timeout_secs = Some("1".into())).await;
    let (survey, slug) = api.open_survey().await;
    let host = api.app.address.trim_start_matches("http://").to_owned();
    let body = format!(
        "{{\"client_id\": \"{}\", \"answers\": {{\"feeling\": 3}}}}",
        uuid::Uuid::new_v4()
    );
    let mut stream = TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /api/v1/s/{slug}/responses HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // Three pieces, each within the idle time, the whole taking longer than it.
    for piece in body.as_bytes().chunks(body.len().div_ceil(3)) {
        tokio::time::sleep(Duration::from_millis(600)).await;
        stream.write_all(piece).await.unwrap();
    }
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.unwrap();
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");
    assert_eq!(api.response_count(survey).await, 1);
}

#[tokio::test]
async fn a_body_trickled_a_byte_at_a_time_is_cut_off_at_the_request_deadline() {
    let api = api_with(|raw| {
        raw.body_timeout_secs = Some("1".into());
        raw.request_deadline_secs = Some("2".into());
    })
    .await;
    let (survey, slug) = api.open_survey().await;
    let host = api.app.address.trim_start_matches("http://").to_owned();
    let mut stream = stall(&host, &slug).await;
    let started = Instant::now();
    let mut reply = Vec::new();
    // Half a second per byte keeps the idle timer happy but never finishes 100 bytes.
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if stream.write_all(b" ").await.is_err() || started.elapsed() > Duration::from_secs(20) {
            break;
        }
        let mut buf = [0u8; 4096];
        match tokio::time::timeout(Duration::from_millis(10), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => reply.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
    }
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(api.response_count(survey).await, 0);
}

#[tokio::test]
async fn past_the_connection_cap_a_new_client_waits_until_a_connection_closes() {
    let api = api_with(|raw| {
        raw.body_timeout_secs = Some("2".into());
        raw.max_connections = Some("4".into());
    })
    .await;
    let (_, slug) = api.open_survey().await;
    let host = api.app.address.trim_start_matches("http://").to_owned();
    // The test's own client may hold a kept-alive connection: a fresh client for each probe.
    let probe = || async {
        let started = Instant::now();
        let res = new_client()
            .get(api.app.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        started.elapsed()
    };
    assert!(probe().await < Duration::from_secs(1));
    // Wait for idle connections from setting up to be closed by the server.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut stalled = Vec::new();
    for _ in 0..8 {
        stalled.push(stall(&host, &slug).await);
    }
    // Every slot is taken: the probe is answered only once stalled bodies time out (2 s).
    let waited = probe().await;
    assert!(waited >= Duration::from_millis(1500), "{waited:?}");
    assert!(waited < Duration::from_secs(15), "{waited:?}");
    drop(stalled);
}
