//! The real binary: start-up failures, graceful shutdown and what its logs may contain.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::helpers::*;
use reqwest::StatusCode;

/// Waits for a child to exit, at most `limit`.
fn wait_at_most(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("chorus did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read_all(pipe: Option<impl Read>) -> String {
    let mut text = String::new();
    pipe.unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn an_unreachable_database_stops_start_up_within_seconds_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = chorus_command(dir.path(), "postgres://postgres@127.0.0.1:1/none")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_at_most(&mut child, Duration::from_secs(8));
    assert_eq!(status.code(), Some(1));
    let stderr = read_all(child.stderr.take());
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("DATABASE_URL"), "{stderr}");
}

#[test]
fn bad_configuration_fails_with_one_line_naming_the_variable() {
    let cases = [
        ("CHORUS_ADDR", "nonsense"),
        ("CHORUS_BASE_URL", "ftp://example.org"),
        ("CHORUS_SECRET_KEY", "too short"),
        ("CHORUS_SESSION_IDLE_MINUTES", "0"),
        ("CHORUS_SESSION_LIFETIME_HOURS", "twelve"),
        ("CHORUS_RATE_LIMIT", "lots"),
        ("DATABASE_URL", "mysql://localhost/chorus"),
    ];
    for (variable, value) in cases {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
        let mut child = chorus_command(dir.path(), &db)
            .env(variable, value)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait_at_most(&mut child, Duration::from_secs(8));
        assert_eq!(status.code(), Some(1), "{variable}");
        let stderr = read_all(child.stderr.take());
        assert_eq!(stderr.trim().lines().count(), 1, "{variable}: {stderr}");
        assert!(stderr.contains(variable), "{variable}: {stderr}");
    }
}

/// A running `chorus serve`, its stdout lines arriving on a channel.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    stdout: Vec<String>,
    base: String,
}

impl Server {
    async fn start(dir: &std::path::Path) -> Server {
        let database_url = fresh_database(dir).await;
        let mut child = chorus_command(dir, &database_url)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            lines,
            stdout: Vec::new(),
            base: String::new(),
        };
        let line = server.line_containing("Chorus is running at ");
        let url = line.rsplit(' ').next().unwrap().trim_end_matches('/');
        server.base = url.to_owned();
        server
    }

    fn line_containing(&mut self, needle: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(90))
                .unwrap_or_else(|_| panic!("no line with {needle:?}"));
            self.stdout.push(line.clone());
            if line.contains(needle) {
                return line;
            }
        }
    }

    async fn wait_until_healthy(&self) {
        for _ in 0..100 {
            if let Ok(res) = reqwest::get(format!("{}/healthz", self.base)).await
                && res.status() == StatusCode::OK
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chorus never became healthy");
    }

    /// Sends SIGTERM and returns the exit status, the rest of stdout and all of stderr.
    fn stop(mut self) -> (std::process::ExitStatus, String, String) {
        let pid = self.child.id().to_string();
        let killed = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = wait_at_most(&mut self.child, Duration::from_secs(40));
        let stderr = read_all(self.child.stderr.take());
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(2)) {
            self.stdout.push(line);
        }
        (status, self.stdout.join("\n"), stderr)
    }
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path()).await;
    server.wait_until_healthy().await;
    let (status, _, stderr) = server.stop();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("stopped cleanly"), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
        .collect();
    assert!(warnings.is_empty(), "a clean stop warns: {warnings:?}");
}

#[tokio::test]
async fn logs_carry_request_facts_but_no_personal_data_or_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path()).await;
    let setup_link = server.line_containing("/setup/").trim().to_owned();
    let setup_secret = setup_link.rsplit('/').next().unwrap().to_owned();
    server.wait_until_healthy().await;
    let base = server.base.clone();
    let admin = new_client();
    let get_token = |client: &reqwest::Client, path: String| {
        let client = client.clone();
        async move {
            let res = client.get(path).send().await.unwrap();
            csrf_in(&res.text().await.unwrap()).unwrap()
        }
    };

    let token = get_token(&admin, setup_link.clone()).await;
    let res = admin
        .post(&setup_link)
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "Ada Admin"),
            ("email", "ada.private@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let session = session_cookie_in(&res).unwrap();

    let token = get_token(&admin, format!("{base}/admin/stewards")).await;
    let res = admin
        .post(format!("{base}/admin/stewards"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "Pat Practitioner"),
            ("email", "pat.private@example.org"),
            ("role", "practitioner"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let invite_link = texts(&res.text().await.unwrap(), ".panel-notice code")
        .pop()
        .unwrap();
    let invite_secret = invite_link.rsplit('/').next().unwrap().to_owned();

    let pat = new_client();
    let second_password = "a different long password";
    let token = get_token(&pat, invite_link.clone()).await;
    let res = pat
        .post(&invite_link)
        .form(&[
            ("csrf_token", token.as_str()),
            ("password", second_password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let other = new_client();
    let token = get_token(&other, format!("{base}/sign-in")).await;
    for password in ["a wrong password guess", PASSWORD] {
        other
            .post(format!("{base}/sign-in"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "ada.private@example.org"),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
    }
    other
        .get(format!("{base}/home?email=query.private@example.org"))
        .send()
        .await
        .unwrap();

    let (status, stdout, stderr) = server.stop();
    assert_eq!(status.code(), Some(0));
    let secrets = [
        "ada.private@example.org",
        "pat.private@example.org",
        "query.private",
        PASSWORD,
        second_password,
        "a wrong password guess",
        setup_secret.as_str(),
        invite_secret.as_str(),
        session.as_str(),
        token.as_str(),
    ];
    for secret in secrets {
        assert!(
            !stderr.contains(secret),
            "stderr leaks {secret:?}:\n{stderr}"
        );
    }
    assert_eq!(stdout.matches(setup_secret.as_str()).count(), 1, "{stdout}");
    for secret in &secrets[..6] {
        assert!(!stdout.contains(secret), "stdout leaks {secret:?}");
    }
    let requests: Vec<&str> = stderr.lines().filter(|l| l.contains(" request ")).collect();
    assert!(requests.len() >= 10, "{stderr}");
    for line in requests {
        for field in ["method=", "route=", "status=", "latency_ms=", "request_id="] {
            assert!(line.contains(field), "{field} missing in {line}");
        }
    }
    assert!(
        stderr.contains("route=/setup/{secret}"),
        "routes are patterns"
    );
}
