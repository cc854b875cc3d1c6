//! "You said, we did": a steward makes a draft from the project's themes, decisions and ideas,
//! edits it and publishes it at `/u/{slug}`; people may ask for an email when it changes and
//! stop with one click.

use entity::outbox;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

use crate::experiment_fixtures::*;
use crate::helpers::*;

async fn editor(lab: &Lab) -> String {
    let (status, home) = lab.get(&format!("/projects/{}", lab.project)).await;
    assert_eq!(status, StatusCode::OK);
    let link = texts_attr(&home, "a", "href")
        .into_iter()
        .find(|h| h.ends_with("/updates"))
        .expect("the project page links to You said, we did");
    let (status, page) = lab.get(&link).await;
    assert_eq!(status, StatusCode::OK);
    page
}

fn field(html: &str, name: &str) -> String {
    texts(html, &format!("textarea[name={name}]")).join("")
}

async fn public_link(lab: &Lab) -> String {
    let (_, page) = lab.get(&format!("/projects/{}/updates", lab.project)).await;
    let href = texts_attr(&page, "#update-link a", "href");
    path_of(&href[0])
}

async fn publish(lab: &Lab) {
    let res = lab
        .post(&format!("/projects/{}/updates/publish", lab.project), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

fn edited(told: &str) -> Vec<(&'static str, String)> {
    vec![
        ("told", told.to_owned()),
        ("told_easy", "You said you wait too long.".to_owned()),
        ("decided", "We open on Saturdays.".to_owned()),
        ("decided_easy", "Open on Saturdays.".to_owned()),
        ("trying", String::new()),
        ("trying_easy", String::new()),
        ("learned", String::new()),
        ("learned_easy", String::new()),
    ]
}

async fn save(lab: &Lab, told: &str) -> reqwest::Response {
    let fields = edited(told);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    lab.post(&format!("/projects/{}/updates", lab.project), &pairs)
        .await
}

#[tokio::test]
async fn a_steward_drafts_from_what_we_have_edits_and_publishes_and_later_drafts_stay_private() {
    let lab = lab().await;
    let page = editor(&lab).await;
    assert!(texts(&page, "#update-link")[0].contains("not public"));
    let res = lab
        .post(&format!("/projects/{}/updates/draft", lab.project), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = editor(&lab).await;
    let told = field(&page, "told");
    assert!(told.contains("Waiting"), "{told}");
    assert!(
        !page.contains("I was waiting a long time"),
        "no raw answer words"
    );
    assert_eq!(
        save(&lab, "People said they wait too long.").await.status(),
        StatusCode::SEE_OTHER
    );
    publish(&lab).await;
    let link = public_link(&lab).await;
    assert!(link.starts_with("/u/"));
    let anon = new_client();
    let res = lab.app.get_with(&anon, &link).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("People said they wait too long."));
    assert!(!html.contains("I was waiting a long time"));
    assert_accessible(&html, "updates public");
    let easy = lab
        .app
        .get_with(&anon, &format!("{link}?easy_read=yes"))
        .await
        .text()
        .await
        .unwrap();
    assert!(easy.contains("You said you wait too long."));
    // A later draft is not public until published.
    save(&lab, "A newer draft.").await;
    let html = lab.app.get_with(&anon, &link).await.text().await.unwrap();
    assert!(!html.contains("A newer draft."));
    assert!(html.contains("People said they wait too long."));
    publish(&lab).await;
    let html = lab.app.get_with(&anon, &link).await.text().await.unwrap();
    assert!(html.contains("A newer draft."));
    // Taken down, it is gone.
    lab.post(&format!("/projects/{}/updates/unpublish", lab.project), &[])
        .await;
    assert_eq!(
        lab.app.get_with(&anon, &link).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn subscribers_need_consent_get_one_mail_per_publish_and_can_unsubscribe() {
    let lab = lab().await;
    save(&lab, "First words.").await;
    publish(&lab).await;
    let link = public_link(&lab).await;
    let anon = new_client();
    let url = format!("{link}/subscribe");
    let res = lab
        .app
        .post_form_with(&anon, &url, &[("email", "kim@example.org")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("kim@example.org"), "input kept");
    let res = lab
        .app
        .post_form_with(
            &anon,
            &url,
            &[("email", "kim@example.org"), ("consent", "yes")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, page) = lab.get(&format!("/projects/{}/updates", lab.project)).await;
    assert!(texts(&page, "#update-subscribers")[0].starts_with("1 "));
    assert!(
        !page.contains("kim@example.org"),
        "stewards see only a count"
    );
    // Publishing the same text again sends nothing; a change sends one mail.
    publish(&lab).await;
    let db = connect_db(&lab.app).await;
    assert_eq!(outbox::Entity::find().all(&db).await.unwrap().len(), 0);
    save(&lab, "Second words.").await;
    publish(&lab).await;
    let mails = outbox::Entity::find().all(&db).await.unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient, "kim@example.org");
    let unsub = mails[0]
        .text_body
        .split_whitespace()
        .find(|w| w.contains("/unsubscribe/"))
        .expect("an unsubscribe link")
        .trim_matches(|c| c == '<' || c == '>')
        .to_owned();
    let path = path_of(&unsub);
    let res = lab.app.get_with(&anon, &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Stop the emails"));
    let res = lab.app.post_form_with(&anon, &path, &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    save(&lab, "Third words.").await;
    publish(&lab).await;
    assert_eq!(outbox::Entity::find().all(&db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn another_projects_steward_gets_not_found() {
    let lab = lab().await;
    let (other, _) = lab
        .app
        .signed_in_client(chorus::accounts::Role::Steward, "pat@example.org")
        .await;
    let res = lab
        .app
        .get_with(&other, &format!("/projects/{}/updates", lab.project))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
