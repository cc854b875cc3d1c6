//! The child's first screen: the title, one sentence and the number of questions said once,
//! then "Start now", read aloud and easy read; the privacy notice behind "What happens to my
//! answers?". And surveys still showing an old default notice get today's plain words.

use chorus::surveys::Layout;
use reqwest::StatusCode;

use crate::child_walks::children_survey;
use crate::child_words::{banned_in, read_text};
use crate::helpers::*;
use crate::runner_fixtures::db;

/// The demo's children's questionnaire, loaded by `chorus demo`: its address.
async fn demo_questionnaire(app: &TestApp) -> String {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    app.load_demo();
    let db = db(app).await;
    let survey = entity::survey::Entity::find()
        .filter(entity::survey::Column::Audience.eq("children"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo's children's questionnaire");
    db.close().await.unwrap();
    format!("/s/{}", survey.slug)
}

/// Most words of visible text in `main` before "Start now".
const WORDS_BEFORE_START: usize = 40;

/// The words in `main` before the "Start now" button, in reading order.
fn words_before_start(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let main = doc
        .select(&scraper::Selector::parse("main").unwrap())
        .next()
        .unwrap();
    let mut text = String::new();
    for node in main.descendants() {
        if let Some(e) = node.value().as_element()
            && e.has_class("button-start", scraper::CaseSensitivity::CaseSensitive)
        {
            return text.split_whitespace().map(str::to_owned).collect();
        }
        if let Some(t) = node.value().as_text() {
            text.push_str(t);
            text.push(' ');
        }
    }
    panic!("no Start now button in main");
}

#[tokio::test]
async fn the_first_screen_is_the_title_one_sentence_and_start_now_with_privacy_behind_a_question() {
    let app = spawn_app().await;
    let intro_path = demo_questionnaire(&app).await;
    for path in [intro_path.clone(), format!("{intro_path}?easy_read=yes")] {
        let (status, intro) = app.page(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            texts(&intro, "main h1"),
            vec!["Tell us about the family hub"]
        );
        let before = words_before_start(&intro);
        assert!(
            before.len() <= WORDS_BEFORE_START,
            "{} words before Start now: {}",
            before.len(),
            before.join(" ")
        );
        let sentences = before
            .iter()
            .filter(|w| w.ends_with(['.', '!', '?']))
            .count();
        assert!(
            sentences <= 2,
            "the intro and the number of questions: {}",
            before.join(" ")
        );
        assert_eq!(texts(&intro, "a.button-start"), vec!["Start now"]);
        // The number of questions is said once.
        let read = read_text(&intro);
        assert_eq!(read.matches("6 questions").count(), 1, "{read}");
        assert_eq!(read.matches("questions.").count(), 1, "{read}");
        // The privacy notice is there without JavaScript, behind a question a child would ask.
        assert_eq!(
            texts(&intro, "main details > summary"),
            vec!["What happens to my answers?"]
        );
        let notice = texts(&intro, "main details .details-text").join(" ");
        assert!(notice.contains("You do not have to answer"), "{notice}");
        assert!(
            notice.contains("your code to see or delete your answers"),
            "{notice}"
        );
        assert!(!before.join(" ").contains("You do not have to answer"));
        // Easy read and read aloud are on the first screen too, and help is on the page.
        assert_eq!(
            texts_attr(&intro, ".runner-tools [data-read-aloud]", "data-read-aloud"),
            vec!["intro-text"]
        );
        assert_eq!(texts(&intro, ".runner-tools a.easy-read-switch").len(), 1);
        assert!(intro.contains("0800 1111") && intro.contains("999"));
        assert!(banned_in(&intro).is_empty(), "{:?}", banned_in(&intro));
    }
}

#[tokio::test]
async fn surveys_showing_an_old_default_notice_get_the_plain_words_and_others_keep_theirs() {
    use migration::{Migrator, MigratorTrait};
    let app = spawn_app().await;
    let default = children_survey(&app, Layout::OnePerPage, |_| {}).await;
    let own = children_survey(&app, Layout::OnePerPage, |s| {
        s.privacy_notice = "Our own words. When you finish you will get a receipt code.".into();
    })
    .await;
    let db = connect_db(&app).await;
    let notice = |id: i64| {
        let db = db.clone();
        async move {
            use sea_orm::EntityTrait;
            entity::survey::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .privacy_notice
        }
    };
    // Back to before the migration (those after it go first), then up again.
    let all = Migrator::migrations();
    let at = all
        .iter()
        .position(|m| m.name().contains("plain_privacy_words"))
        .unwrap();
    Migrator::down(&db, Some(u32::try_from(all.len() - at).unwrap()))
        .await
        .unwrap();
    assert!(
        notice(default.id.0)
            .await
            .contains("a receipt code: you can use it")
    );
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(
        notice(default.id.0).await,
        chorus::surveys::DEFAULT_PRIVACY_NOTICE
    );
    assert!(notice(own.id.0).await.starts_with("Our own words."));
    db.close().await.unwrap();
}
