//! Child-first runner features: easy read, read aloud, "Exit this page" on sensitive surveys,
//! save and come back later (with the code emailed on request), and the accessibility statement.

use std::time::Duration;

use chorus::surveys::{Layout, Status, SurveyKind};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::*;
use crate::runner_fixtures::*;
use crate::smtp::{Mode as SmtpMode, SmtpServer};

async fn body(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let res = app.get_with(client, path).await;
    (res.status(), res.text().await.unwrap())
}

fn attr_of(html: &str, selector: &str, attr: &str) -> Option<String> {
    texts_attr(html, selector, attr).into_iter().next()
}

fn has(html: &str, selector: &str) -> bool {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel).next().is_some()
}

fn body_has_easy_read(html: &str) -> bool {
    has(html, "body.easy-read")
}

async fn easy_survey(app: &TestApp, sensitive: bool) -> chorus::surveys::Survey {
    let mut questions = five_questions();
    questions[0].easy_read = "Pick a face".into();
    survey_with(
        app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        questions,
        Status::Open,
        |s| s.sensitive = sensitive,
    )
    .await
}

#[tokio::test]
async fn easy_read_switches_on_and_off_and_is_remembered_across_pages() {
    let app = spawn_app().await;
    let survey = easy_survey(&app, false).await;
    let base = format!("/s/{}", survey.slug);
    let browser = new_client();

    let (_, intro) = body(&app, &browser, &base).await;
    assert!(!body_has_easy_read(&intro));
    let on = attr_of(&intro, "a.easy-read-switch", "href").unwrap();
    assert_eq!(on, format!("{base}?easy_read=yes"));

    let res = app.get_with(&browser, &on).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("chorus_easy_read=yes"), "{cookie}");
    assert!(cookie.contains(&format!("Path={base}")), "{cookie}");
    let intro = res.text().await.unwrap();
    assert!(body_has_easy_read(&intro));
    assert!(intro.contains("Switch easy read off"));

    // Remembered on the next page without asking again; the easy-read wording is shown.
    let (_, q1) = body(&app, &browser, &format!("{base}/q/1")).await;
    assert!(body_has_easy_read(&q1));
    assert_eq!(texts(&q1, "h1"), vec!["Pick a face"]);
    assert_accessible(&q1, "easy read question");
    // Questions without easy-read wording keep their usual wording.
    let (_, q2) = body(&app, &browser, &format!("{base}/q/2")).await;
    assert_eq!(texts(&q2, "h1"), vec!["Question club?"]);
    assert!(body_has_easy_read(&q2));

    // The link on a question page switches it off, and that is remembered too.
    let off = attr_of(&q1, "a.easy-read-switch", "href").unwrap();
    assert_eq!(off, format!("{base}/q/1?easy_read=no"));
    let (_, q1) = body(&app, &browser, &off).await;
    assert!(!body_has_easy_read(&q1));
    assert_eq!(texts(&q1, "h1"), vec!["Question feel?"]);
    let (_, q2) = body(&app, &browser, &format!("{base}/q/2")).await;
    assert!(!body_has_easy_read(&q2));

    // Another browser is not affected.
    let (_, other) = body(&app, &new_client(), &format!("{base}/q/1")).await;
    assert!(!body_has_easy_read(&other));
}

#[tokio::test]
async fn the_builder_preview_shows_easy_read_wording_in_the_larger_style() {
    let app = spawn_app().await;
    let (admin, _) = app
        .signed_in_client(chorus::accounts::Role::Admin, "admin@example.org")
        .await;
    let survey = easy_survey(&app, false).await;
    let path = format!("/surveys/{}/preview", survey.id.0);
    let (status, usual) = body(&app, &admin, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body_has_easy_read(&usual));
    assert!(usual.contains("Question feel?") && !usual.contains("Pick a face"));
    let (_, easy) = body(&app, &admin, &format!("{path}?easy_read=yes")).await;
    assert!(body_has_easy_read(&easy));
    assert!(easy.contains("Pick a face") && easy.contains("Question club?"));
}

#[tokio::test]
async fn read_aloud_is_a_served_script_with_buttons_hidden_until_it_runs() {
    let app = spawn_app().await;
    let survey = easy_survey(&app, false).await;
    let base = format!("/s/{}", survey.slug);
    let browser = new_client();
    for page in [base.clone(), format!("{base}/q/1")] {
        let res = app.get_with(&browser, &page).await;
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        let html = res.text().await.unwrap();
        let buttons = texts(&html, "button.read-aloud");
        assert_eq!(buttons.len(), 1, "{page}");
        assert!(buttons[0].contains("Read this"), "{page}: {buttons:?}");
        assert!(
            has(&html, "button.read-aloud[hidden][type=button]"),
            "{page}"
        );
        assert!(
            has(&html, "button.read-aloud span[aria-hidden=true]"),
            "{page}"
        );
        let target = attr_of(&html, "button.read-aloud", "data-read-aloud").unwrap();
        assert!(has(&html, &format!("#{target}")), "{page}: target {target}");
        // No inline script and no inline event handlers anywhere.
        let doc = scraper::Html::parse_document(&html);
        let scripts = scraper::Selector::parse("script").unwrap();
        for script in doc.select(&scripts) {
            assert!(
                script.value().attr("src").is_some(),
                "{page}: inline script"
            );
            assert!(script.text().collect::<String>().trim().is_empty());
        }
        assert!(!html.contains(" onclick=") && !html.contains(" onkeydown="));
    }
    let (_, page) = body(&app, &browser, &base).await;
    let src = attr_of(&page, "script", "src").unwrap();
    assert!(
        src.starts_with("/assets/chorus-") && src.ends_with(".js"),
        "{src}"
    );
    let res = app.get(&src).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let script = res.text().await.unwrap();
    assert!(script.contains("speechSynthesis") && script.contains("SpeechSynthesisUtterance"));
    assert!(script.contains("button.hidden = false"));
    assert_eq!(
        app.get("/assets/chorus-000000000000.js").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_sensitive_survey_offers_exit_this_page_on_every_page_and_others_do_not() {
    let app = spawn_app_with(|raw| raw.exit_url = Some("https://example.com/weather".into())).await;
    let sensitive = easy_survey(&app, true).await;
    let plain = easy_survey(&app, false).await;
    let browser = new_client();
    let base = format!("/s/{}", sensitive.slug);

    let exit_on = |html: &str, page: &str| {
        assert_eq!(
            attr_of(html, "a[data-exit-this-page]", "href").as_deref(),
            Some("https://example.com/weather"),
            "{page}"
        );
        assert_eq!(
            attr_of(html, "a[data-exit-this-page]", "rel").as_deref(),
            Some("noreferrer"),
            "{page}"
        );
        assert!(texts(html, "a[data-exit-this-page]")[0].contains("Exit this page"));
    };
    let (_, intro) = body(&app, &browser, &base).await;
    exit_on(&intro, "intro");
    assert!(intro.contains("Leave quickly") && intro.contains("Shift key 3 times"));
    assert_accessible(&intro, "sensitive intro");
    let answers: [(&str, &str); 5] = [
        ("q_feel", "4"),
        ("q_club", "Art"),
        ("q_likes", "Music"),
        ("q_again", "yes"),
        ("q_ideas", ""),
    ];
    for (n, (name, value)) in answers.iter().enumerate() {
        let page = format!("{base}/q/{}", n + 1);
        let (_, html) = body(&app, &browser, &page).await;
        exit_on(&html, &page);
        let res = fill(&app, &browser, &page, &page, &[(name, value)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
    }
    let (_, check) = body(&app, &browser, &format!("{base}/check")).await;
    exit_on(&check, "check");
    let res = fill(
        &app,
        &browser,
        &format!("{base}/check"),
        &format!("{base}/check"),
        &[],
    )
    .await;
    let done = res.text().await.unwrap();
    exit_on(&done, "confirmation");
    let receipt = receipt_in(&done);
    let lookup = attr_of(&done, "a[href^='/receipt']", "href").unwrap();
    let (_, lookup_page) = body(&app, &browser, &lookup).await;
    exit_on(&lookup_page, "receipt lookup");
    let res = fill(
        &app,
        &browser,
        &lookup,
        "/receipt",
        &[("receipt", &receipt)],
    )
    .await;
    exit_on(&res.text().await.unwrap(), "receipt answers");
    let (_, resume) = body(&app, &browser, &format!("{base}/resume")).await;
    exit_on(&resume, "resume");

    // The script that leaves on Shift pressed three times within a second.
    let src = attr_of(&intro, "script", "src").unwrap();
    let script = app.get(&src).await.text().await.unwrap();
    assert!(script.contains("\"Shift\"") && script.contains("1000"));
    assert!(script.contains("location.replace"));

    // Not on other surveys, nor on pages that belong to none.
    for page in [
        format!("/s/{}", plain.slug),
        format!("/s/{}/q/1", plain.slug),
        "/receipt".into(),
        "/resume".into(),
    ] {
        let (_, html) = body(&app, &new_client(), &page).await;
        assert!(!has(&html, "a[data-exit-this-page]"), "{page}");
        assert!(!html.contains("Leave quickly"), "{page}");
    }
}

fn resume_code_in(html: &str) -> String {
    texts(html, ".resume-code")
        .into_iter()
        .next()
        .expect("a resume code")
}

async fn save_on_question_two(app: &TestApp, browser: &reqwest::Client, base: &str) -> String {
    let res = fill(
        app,
        browser,
        &format!("{base}/q/1"),
        &format!("{base}/q/1"),
        &[("q_feel", "5")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, q2) = body(app, browser, &format!("{base}/q/2")).await;
    assert!(texts(&q2, "button[name=action][value=save]")[0].contains("Save and come back later"));
    let res = fill(
        app,
        browser,
        &format!("{base}/q/2"),
        &format!("{base}/q/2"),
        &[("q_club", "Football"), ("action", "save")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let saved = res.text().await.unwrap();
    assert_accessible(&saved, "saved");
    assert!(saved.contains("Your answers are kept until"));
    assert!(saved.contains("/resume"));
    let code = resume_code_in(&saved);
    assert!(code.starts_with("RSM-") && code.len() == 13, "{code}");
    code
}

#[tokio::test]
async fn answers_saved_on_question_two_come_back_in_a_new_browser_and_go_on_submit() {
    let app = spawn_app().await;
    let survey = easy_survey(&app, false).await;
    let base = format!("/s/{}", survey.slug);
    let code = save_on_question_two(&app, &new_client(), &base).await;
    // Only a hash is stored.
    let db = db(&app).await;
    let rows = entity::draft::Entity::find().all(&db).await.unwrap();
    assert!(rows.iter().all(|r| !r.token_hash.contains(&code[4..8])));
    assert!(rows.iter().all(|r| !r.data.contains(&code)));

    // A new browser, through the general resume page, typing the code loosely.
    let phone = new_client();
    let (status, form) = body(&app, &phone, "/resume").await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&form, "resume");
    let typed = code.to_lowercase().replace('-', " ");
    let res = fill(&app, &phone, "/resume", "/resume", &[("code", &typed)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], format!("{base}/q/3").as_str());
    let (_, q1) = body(&app, &phone, &format!("{base}/q/1")).await;
    assert!(has(&q1, "input[name=q_feel][value='5'][checked]"));
    let (_, q2) = body(&app, &phone, &format!("{base}/q/2")).await;
    assert!(has(&q2, "input[name=q_club][value=Football][checked]"));
    for (n, (name, value)) in [
        (3, ("q_likes", "Art")),
        (4, ("q_again", "no")),
        (5, ("q_ideas", "")),
    ] {
        let page = format!("{base}/q/{n}");
        let res = fill(&app, &phone, &page, &page, &[(name, value)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let res = fill(
        &app,
        &phone,
        &format!("{base}/check"),
        &format!("{base}/check"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Your answers have been sent")
    );
    assert_eq!(count(&app, "response").await, 1);
    // Every draft is gone: the phone's and the one saved under the code.
    assert_eq!(count(&app, "draft").await, 0);
    let res = fill(
        &app,
        &new_client(),
        "/resume",
        "/resume",
        &[("code", &code)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("We could not find saved answers with that code"));
    db.close().await.unwrap();
}

#[tokio::test]
async fn an_expired_resume_code_is_refused_with_a_friendly_message() {
    let app = spawn_app().await;
    let survey = easy_survey(&app, false).await;
    let base = format!("/s/{}", survey.slug);
    let code = save_on_question_two(&app, &new_client(), &base).await;
    let db = db(&app).await;
    entity::draft::Entity::update_many()
        .col_expr(
            entity::draft::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::days(1)),
        )
        .exec(&db)
        .await
        .unwrap();
    db.close().await.unwrap();
    let phone = new_client();
    let page = format!("{base}/resume");
    let res = fill(&app, &phone, &page, &page, &[("code", &code)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("That code has expired"), "{html}");
    assert_eq!(
        texts(&html, ".error-summary-title"),
        vec!["There is a problem"]
    );
    assert!(html.contains("<title>Error: "));
    assert_eq!(count(&app, "draft").await, 0, "expired answers are deleted");
    // Nonsense is refused too, with the form kept.
    let res = fill(&app, &phone, &page, &page, &[("code", "hello")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("value=\"hello\""));
}

#[tokio::test]
async fn emailing_a_resume_code_sends_the_code_without_answers_and_keeps_no_address() {
    let smtp = SmtpServer::start(SmtpMode::Accept).await;
    let app = spawn_app_with(|raw| {
        raw.smtp_url = Some(smtp.url());
        raw.mail_poll_ms = Some("100".into());
    })
    .await;
    let survey = easy_survey(&app, false).await;
    let base = format!("/s/{}", survey.slug);
    let browser = new_client();
    let code = save_on_question_two(&app, &browser, &base).await;

    // A bad address comes back with the error and what was typed.
    let csrf = app.csrf_for(&browser).await;
    let action = format!("{base}/resume/email");
    let res = browser
        .post(app.url(&action))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("code", &code),
            ("email", "not an address"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("value=\"not an address\"")
    );

    let res = browser
        .post(app.url(&action))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("code", &code),
            ("email", "kid@family.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let sent = res.text().await.unwrap();
    assert!(sent.contains("We have sent your code"));
    let got = smtp.wait_for(1).await;
    assert_eq!(got[0].rcpt_to, vec!["kid@family.example".to_owned()]);
    let text = String::from_utf8_lossy(&got[0].data).to_string();
    assert!(text.contains(&code), "the code is in the message");
    assert!(text.contains(&format!("{base}/resume")));
    for answer in ["Football", "Really good", "q_club"] {
        assert!(
            !text.contains(answer),
            "no answers in the message: {answer}"
        );
    }
    // Once sent, the address (and the code) are no longer in the database.
    let db = db(&app).await;
    let mut scrubbed = false;
    for _ in 0..100 {
        let rows = entity::outbox::Entity::find()
            .filter(entity::outbox::Column::Kind.eq("resume"))
            .all(&db)
            .await
            .unwrap();
        if rows.len() == 1 && rows[0].status == "sent" && rows[0].recipient == "family.example" {
            assert!(!rows[0].text_body.contains(&code) && !rows[0].html_body.contains(&code));
            scrubbed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(scrubbed, "the sent message keeps only the domain");
    let everywhere = entity::outbox::Entity::find().all(&db).await.unwrap();
    assert!(everywhere.iter().all(|r| !r.recipient.contains("kid@")));
    db.close().await.unwrap();
}

#[tokio::test]
async fn the_accessibility_statement_has_every_required_section() {
    let app = spawn_app().await;
    let (status, html) = app.page("/accessibility").await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "accessibility statement");
    let headings = texts(&html, "h2");
    for wanted in [
        "How accessible Chorus is",
        "How we test Chorus",
        "Known issues",
        "Reporting a problem",
        "Enforcement procedure",
    ] {
        assert!(
            headings.iter().any(|h| h == wanted),
            "{wanted}: {headings:?}"
        );
    }
    for words in [
        "WCAG) version 2.2 at level AA",
        "axe-core",
        "keyboard-only",
        "320 pixels",
        "200%",
        "target sizes",
        "No manual testing by disabled people has been done yet",
        "Equality and Human Rights Commission",
    ] {
        assert!(html.contains(words), "{words}");
    }
}

#[tokio::test]
async fn a_bad_exit_address_or_resume_period_stops_start_up() {
    use chorus::config::{RawSettings, Settings};
    let dir = tempfile::tempdir().unwrap();
    let raw = |exit: Option<&str>, days: Option<&str>| RawSettings {
        data_dir: Some(dir.path().display().to_string()),
        secret_key: Some("x".repeat(32)),
        exit_url: exit.map(str::to_owned),
        resume_days: days.map(str::to_owned),
        ..RawSettings::default()
    };
    let ok = Settings::parse(raw(None, None)).unwrap();
    assert_eq!(ok.exit_url.as_str(), "https://www.google.com/");
    assert_eq!(ok.resume_lifetime, Duration::from_secs(7 * 86_400));
    for (exit, days, variable) in [
        (Some("javascript:alert(1)"), None, "CHORUS_EXIT_URL"),
        (Some("/relative"), None, "CHORUS_EXIT_URL"),
        (None, Some("0"), "CHORUS_RESUME_DAYS"),
        (None, Some("a week"), "CHORUS_RESUME_DAYS"),
    ] {
        let err = Settings::parse(raw(exit, days)).unwrap_err().to_string();
        assert!(err.contains(variable), "{err}");
    }
}
