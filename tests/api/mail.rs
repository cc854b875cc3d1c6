//! Mail: messages delivered through the real worker to a real SMTP server on loopback, retries,
//! permanent failures and Resend, crash recovery, two instances on one PostgreSQL outbox, the
//! `.eml` fallback, and logs that name only a domain.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chorus::accounts::EmailAddress;
use chorus::config::{RawSettings, Settings};
use chorus::mail::messages::{Action, Content, Unsubscribe, compose};
use chorus::mail::{MailKind, OutboxId, OutboxStatus, store};
use chorus::startup::{Application, Stopper};
use reqwest::StatusCode;
use sea_orm::{Database, DatabaseConnection, EntityTrait, TransactionTrait};
use url::Url;

use crate::helpers::*;
use crate::smtp::{Mode, SmtpServer};

/// A running instance with a way to stop it.
struct Instance {
    app: TestApp,
    stopper: Stopper,
    done: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// Starts Chorus on `database_url` (a fresh one when `None`) with fast mail timings.
async fn launch(
    database_url: Option<String>,
    smtp: Option<&SmtpServer>,
    configure: impl FnOnce(&mut RawSettings),
) -> Instance {
    let dir = tempfile::tempdir().unwrap();
    let database_url = match database_url {
        Some(url) => url,
        None => fresh_database(dir.path()).await,
    };
    let mut raw = RawSettings {
        addr: Some("127.0.0.1:0".into()),
        data_dir: Some(dir.path().display().to_string()),
        database_url: Some(database_url.clone()),
        rate_limit: Some("off".into()),
        smtp_url: smtp.map(SmtpServer::url),
        mail_retry_base_ms: Some("50".into()),
        mail_poll_ms: Some("100".into()),
        ..RawSettings::default()
    };
    configure(&mut raw);
    let app = Application::build(Settings::parse(raw).unwrap())
        .await
        .unwrap();
    let port = app.port();
    let setup_link = app.setup_link().map(str::to_owned);
    let stopper = app.stopper();
    let done = tokio::spawn(app.run_until_stopped());
    Instance {
        app: TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            setup_link,
            database_url,
            data_dir: dir,
            client: new_client(),
        },
        stopper,
        done,
    }
}

async fn db(app: &TestApp) -> DatabaseConnection {
    Database::connect(app.database_url.as_str()).await.unwrap()
}

fn base(app: &TestApp) -> Url {
    Url::parse(&format!("{}/", app.address)).unwrap()
}

/// Queues a reminder with an action link and an unsubscribe link, as a feature would.
async fn enqueue_reminder(app: &TestApp, to: &str) -> OutboxId {
    let base = base(app);
    let content = Content {
        subject: "A questionnaire is waiting".into(),
        paragraphs: vec!["Your team asked for your views.".into()],
        action: Some(Action {
            label: "Read the accessibility statement".into(),
            url: base.join("accessibility").unwrap(),
        }),
        unsubscribe: Some(Unsubscribe {
            url: base.join("privacy").unwrap(),
            one_click: false,
        }),
    };
    let to = EmailAddress::parse(to).unwrap();
    let message = compose(&base, &to, MailKind::Reminder, &content);
    let db = db(app).await;
    let txn = db.begin().await.unwrap();
    let id = store::enqueue(&txn, &message).await.unwrap();
    txn.commit().await.unwrap();
    db.close().await.unwrap();
    id
}

async fn status_of(app: &TestApp, id: OutboxId) -> (OutboxStatus, u32) {
    let db = db(app).await;
    let m = store::find(&db, id).await.unwrap().unwrap();
    db.close().await.unwrap();
    (m.status, m.attempts)
}

async fn wait_for_status(app: &TestApp, id: OutboxId, want: OutboxStatus) {
    for _ in 0..300 {
        if status_of(app, id).await.0 == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("message never became {want}");
}

#[tokio::test]
async fn a_test_message_arrives_over_smtp_with_both_parts_and_the_right_headers() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let chorus = launch(None, Some(&smtp), |raw| {
        raw.mail_from = Some("Chorus Team <team@chorus.test>".into());
    })
    .await;
    let app = &chorus.app;
    let admin = app.create_admin().await;
    let res = app.post_form("/admin/mail/test", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let got = smtp.wait_for(1).await;
    assert_eq!(got[0].rcpt_to, vec![admin.email.clone()]);
    assert_eq!(admin.id, 1);
    assert_eq!(got[0].mail_from, "team@chorus.test");
    let mail = got[0].parsed();
    let from = mail.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("team@chorus.test"));
    assert_eq!(from.name(), Some("Chorus Team"));
    assert_eq!(
        mail.to().unwrap().first().unwrap().address(),
        Some("ada@example.org")
    );
    assert_eq!(mail.subject(), Some("Test message from Chorus"));
    assert!(mail.message_id().unwrap().ends_with("@127.0.0.1"));
    assert!(mail.date().is_some());
    assert!(
        mail.header_raw("Content-Type")
            .unwrap()
            .contains("multipart/alternative")
    );
    assert_eq!(mail.text_body_count(), 1);
    assert_eq!(mail.html_body_count(), 1);
    assert!(mail.header_raw("List-Unsubscribe").is_none());
    let text = mail.body_text(0).unwrap();
    let link = format!("{}/admin/mail", app.address);
    assert!(text.contains(&link), "{text}");
    assert!(
        mail.body_html(0)
            .unwrap()
            .contains(&format!("href=\"{link}\""))
    );
    let (status, page) = app.page("/admin/mail").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("127.0.0.1:"),
        "the page names the SMTP server"
    );
}

#[tokio::test]
async fn a_message_with_an_unsubscribe_link_carries_list_unsubscribe_and_working_links() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let chorus = launch(None, Some(&smtp), |_| {}).await;
    let app = &chorus.app;
    enqueue_reminder(app, "someone@example.net").await;
    let got = smtp.wait_for(1).await;
    let mail = got[0].parsed();
    assert_eq!(
        mail.header_raw("List-Unsubscribe").unwrap().trim(),
        format!("<{}/privacy>", app.address)
    );
    assert!(mail.header_raw("List-Unsubscribe-Post").is_none());
    let text = mail.body_text(0).unwrap();
    for path in ["/accessibility", "/privacy"] {
        let url = format!("{}{path}", app.address);
        assert!(text.contains(&url), "{text}");
        assert_eq!(app.get(path).await.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_refused_message_is_retried_and_delivered_once_when_the_server_recovers() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    smtp.then(&[Mode::Reply(451), Mode::CloseAfterData, Mode::Reply(451)]);
    let chorus = launch(None, Some(&smtp), |_| {}).await;
    let app = &chorus.app;
    let id = enqueue_reminder(app, "someone@example.net").await;
    smtp.wait_for(1).await;
    wait_for_status(app, id, OutboxStatus::Sent).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 1, "delivered exactly once");
    assert_eq!(smtp.data_seen(), 4);
    assert_eq!(status_of(app, id).await, (OutboxStatus::Sent, 4));
}

#[tokio::test]
async fn a_permanently_refused_message_fails_shows_on_the_mail_page_and_can_be_resent() {
    let smtp = SmtpServer::start(Mode::Reply(550)).await;
    let chorus = launch(None, Some(&smtp), |_| {}).await;
    let app = &chorus.app;
    app.create_admin().await;
    let id = enqueue_reminder(app, "private.person@example.net").await;
    wait_for_status(app, id, OutboxStatus::Failed).await;
    assert_eq!(smtp.data_seen(), 1, "a 5xx is not retried");
    let (status, page) = app.page("/admin/mail").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("someone at example.net"));
    assert!(!page.contains("private.person"));
    assert!(page.contains("A questionnaire is waiting"));
    assert!(page.contains("The mail server refused the message"));
    assert_eq!(texts(&page, ".summary-value"), ["0", "0", "0", "1"]);

    smtp.set_mode(Mode::Accept);
    let forged = app
        .client
        .post(app.url(&format!("/admin/mail/{}/resend", id.0)))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(status_of(app, id).await.0, OutboxStatus::Failed);
    let res = app
        .post_form(&format!("/admin/mail/{}/resend", id.0), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    smtp.wait_for(1).await;
    wait_for_status(app, id, OutboxStatus::Sent).await;
    let (_, page) = app.page("/admin/mail").await;
    assert!(page.contains("No messages have failed."));
    // A sent message cannot be resent, and neither can one that does not exist.
    for path in [
        format!("/admin/mail/{}/resend", id.0),
        "/admin/mail/9999/resend".into(),
    ] {
        assert_eq!(
            app.post_form(&path, &[]).await.status(),
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn the_mail_page_is_for_administrators_only() {
    let chorus = launch(None, None, |_| {}).await;
    let app = &chorus.app;
    let (client, _) = app
        .signed_in_client(chorus::accounts::Role::Steward, "sam@example.org")
        .await;
    let res = app.get_with(&client, "/admin/mail").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app.post_form_with(&client, "/admin/mail/test", &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app.get_with(&new_client(), "/admin/mail").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_message_claimed_by_an_instance_that_crashes_is_delivered_once_by_the_next() {
    let stalls = SmtpServer::start(Mode::Stall).await;
    let first = launch(None, Some(&stalls), |raw| {
        raw.mail_lease_secs = Some("1".into());
    })
    .await;
    let id = enqueue_reminder(&first.app, "someone@example.net").await;
    for _ in 0..200 {
        if stalls.data_seen() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(stalls.data_seen(), 1, "the first instance is mid-send");
    assert_eq!(status_of(&first.app, id).await.0, OutboxStatus::Sending);
    first.stopper.kill().await;
    let _ = first.done.await;

    let smtp = SmtpServer::start(Mode::Accept).await;
    let second = launch(Some(first.app.database_url.clone()), Some(&smtp), |raw| {
        raw.mail_lease_secs = Some("1".into());
    })
    .await;
    smtp.wait_for(1).await;
    wait_for_status(&second.app, id, OutboxStatus::Sent).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtp.received().len(), 1);
    assert!(stalls.received().is_empty());
}

#[tokio::test]
async fn messages_queued_while_chorus_is_stopped_are_sent_once_it_starts() {
    let first = launch(None, None, |_| {}).await;
    first.stopper.stop().await;
    first.done.await.unwrap().unwrap();
    let id = enqueue_reminder(&first.app, "someone@example.net").await;

    let smtp = SmtpServer::start(Mode::Accept).await;
    let second = launch(Some(first.app.database_url.clone()), Some(&smtp), |_| {}).await;
    smtp.wait_for(1).await;
    wait_for_status(&second.app, id, OutboxStatus::Sent).await;
    second.stopper.stop().await;
    second.done.await.unwrap().unwrap();
    let third = launch(Some(first.app.database_url.clone()), Some(&smtp), |_| {}).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 1, "a restart sends nothing again");
    drop(third);
}

#[tokio::test]
async fn two_instances_on_one_postgresql_database_send_each_of_50_messages_exactly_once() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |v| v.trim().is_empty()) {
        eprintln!(
            "skipped: set TEST_DATABASE_URL to run the two-instance outbox test (SQLite is single-instance by design)"
        );
        return;
    }
    let smtp = SmtpServer::start(Mode::Accept).await;
    // A slightly slow server keeps both workers busy at once, so they contend for rows.
    smtp.set_delay(Duration::from_millis(20));
    let one = launch(None, Some(&smtp), |_| {}).await;
    let two = launch(Some(one.app.database_url.clone()), Some(&smtp), |_| {}).await;
    let base = base(&one.app);
    let db = db(&one.app).await;
    for i in 0..50 {
        let content = Content {
            subject: format!("Message {i}"),
            paragraphs: vec!["Hello.".into()],
            action: None,
            unsubscribe: None,
        };
        let to = EmailAddress::parse(&format!("person{i}@example.net")).unwrap();
        let m = compose(&base, &to, MailKind::Digest, &content);
        store::enqueue(&db, &m).await.unwrap();
    }
    let got = smtp.wait_for(50).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let got_after = smtp.received();
    assert_eq!(got_after.len(), 50, "no message was sent twice");
    let mut subjects: Vec<String> = got
        .iter()
        .map(|r| r.parsed().subject().unwrap().to_owned())
        .collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), 50);
    let counts = store::counts(&db).await.unwrap();
    assert_eq!((counts.sent, counts.pending, counts.sending), (50, 0, 0));
    let mut workers: Vec<String> = entity::outbox::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|row| row.claimed_by)
        .collect();
    workers.sort();
    workers.dedup();
    assert_eq!(workers.len(), 2, "both instances sent some of the messages");
    db.close().await.unwrap();
    drop(two);
}

#[tokio::test]
async fn without_a_mail_server_messages_are_written_as_private_eml_files() {
    let chorus = launch(None, None, |_| {}).await;
    let app = &chorus.app;
    app.create_admin().await;
    let (_, page) = app.page("/admin/mail").await;
    assert!(page.contains("No mail server is set up"));
    assert!(page.contains("outbox-files"));
    app.post_form("/admin/mail/test", &[]).await;
    let dir = app.data_dir.path().join("outbox-files");
    let mut files = Vec::new();
    for _ in 0..200 {
        files = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        if !files.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(files.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let bytes = std::fs::read(&files[0]).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(mail.subject(), Some("Test message from Chorus"));
    assert_eq!(mail.text_body_count(), 1);
    assert_eq!(mail.html_body_count(), 1);
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line of this test binary from the first call on. Global rather than per-test
/// (`set_default`): tracing caches per-callsite interest process-wide, so a thread-local
/// subscriber can miss events whose callsite another test's thread hit first.
fn captured_logs() -> Capture {
    static CAPTURE: std::sync::OnceLock<Capture> = std::sync::OnceLock::new();
    CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            let writer = capture.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_writer(move || writer.clone())
                .with_max_level(tracing::Level::INFO)
                .with_ansi(false)
                .finish();
            let _ = tracing::subscriber::set_global_default(subscriber);
            capture
        })
        .clone()
}

#[tokio::test]
async fn mail_logs_name_only_the_recipient_domain() {
    let capture = captured_logs();
    let smtp = SmtpServer::start(Mode::Accept).await;
    smtp.then(&[Mode::Reply(451)]);
    let chorus = launch(None, Some(&smtp), |_| {}).await;
    let id = enqueue_reminder(&chorus.app, "private.person@logged.example").await;
    smtp.wait_for(1).await;
    wait_for_status(&chorus.app, id, OutboxStatus::Sent).await;
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    let ours: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("logged.example"))
        .collect();
    assert!(ours.iter().any(|l| l.contains("mail sent")), "{logs}");
    assert!(ours.iter().any(|l| l.contains("will retry")), "{logs}");
    assert!(!logs.contains("private.person"), "{logs}");
}

#[test]
fn bad_mail_settings_are_refused_naming_the_variable() {
    type Setter = fn(&mut RawSettings);
    let cases: [(&str, Setter); 3] = [
        ("CHORUS_SMTP_URL", |r| {
            r.smtp_url = Some("http://example.org".into())
        }),
        ("CHORUS_MAIL_FROM", |r| {
            r.mail_from = Some("not an address".into())
        }),
        ("CHORUS_MAIL_RETRY_BASE_MS", |r| {
            r.mail_retry_base_ms = Some("soon".into())
        }),
    ];
    for (variable, set) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut raw = RawSettings {
            data_dir: Some(dir.path().display().to_string()),
            ..RawSettings::default()
        };
        set(&mut raw);
        let err = Settings::parse(raw).unwrap_err();
        assert_eq!(err.variable, variable);
    }
    for url in [
        "smtp://127.0.0.1:2525",
        "smtp://user:pw@mail.example.org:587?tls=required",
        "smtps://user:pw@mail.example.org:465",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let raw = RawSettings {
            data_dir: Some(dir.path().display().to_string()),
            smtp_url: Some(url.into()),
            ..RawSettings::default()
        };
        assert!(Settings::parse(raw).is_ok(), "{url} is accepted");
    }
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings::parse(RawSettings {
        data_dir: Some(dir.path().display().to_string()),
        smtp_url: Some("smtp://user:hunter2pw@mail.example.org:587?tls=required".into()),
        ..RawSettings::default()
    })
    .unwrap();
    let shown = format!("{settings:?}");
    assert!(shown.contains("mail.example.org:587"));
    assert!(!shown.contains("hunter2pw"));
}

#[tokio::test]
async fn old_sent_messages_are_pruned_but_recent_and_pending_ones_stay() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let chorus = launch(None, None, |_| {}).await;
    let app = &chorus.app;
    let old_sent = enqueue_reminder(app, "a@example.net").await;
    let old_pending = enqueue_reminder(app, "b@example.net").await;
    let recent = enqueue_reminder(app, "c@example.net").await;
    wait_for_status(app, recent, OutboxStatus::Sent).await;
    wait_for_status(app, old_sent, OutboxStatus::Sent).await;
    let db = db(app).await;
    let long_ago = chrono::Utc::now() - chrono::Duration::days(40);
    for (id, status) in [(old_sent, "sent"), (old_pending, "pending")] {
        let row = entity::outbox::Entity::find_by_id(id.0)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let mut row: entity::outbox::ActiveModel = row.into();
        row.created_at = Set(long_ago);
        row.status = Set(status.into());
        row.next_attempt_at = Set(chrono::Utc::now() + chrono::Duration::days(1));
        row.update(&db).await.unwrap();
    }
    let cutoff = chrono::Utc::now() - chrono::Duration::days(30);
    assert_eq!(store::prune(&db, cutoff, cutoff).await.unwrap(), 1);
    assert!(store::find(&db, old_sent).await.unwrap().is_none());
    assert!(store::find(&db, old_pending).await.unwrap().is_some());
    assert!(store::find(&db, recent).await.unwrap().is_some());
    db.close().await.unwrap();
}
