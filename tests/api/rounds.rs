//! "Have your say" rounds as a steward and people with phones use them: a round opened by
//! clicking from the project page, one vote per item per device (answering again changes the
//! vote), children's faces with words, easy read, bad input kept, and a closed round.

use reqwest::StatusCode;
use sea_orm::EntityTrait;

use crate::helpers::*;
use crate::rounds_fixtures::*;

#[tokio::test]
async fn a_phone_voter_answers_every_item_and_answering_again_changes_the_votes_not_adds() {
    let o = opened("anyone", "yes").await;
    let (v0, _) = o.fields(0);
    let (v1, _) = o.fields(1);
    let phone = new_client();
    let res = o.lab.app.get_with(&phone, &o.path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "the public round page");
    assert!(html.contains("Who are you?"), "a mixed round asks");
    assert!(html.contains("I&#39;d rather not say") || html.contains("I'd rather not say"));
    assert!(
        !html.contains("<script src=\"/assets/live"),
        "no live script on the public page"
    );
    let (status, html) = o
        .vote(
            &phone,
            &[(&v0, "agree"), (&v1, "not_sure"), ("who", "families")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_accessible(&html, "thank you page");
    assert!(html.contains("Thank you for having your say"));
    let all = "SELECT COUNT(*) AS n FROM round_vote";
    assert_eq!(o.count(all).await, 2);
    // The page remembers this phone's answers; answering again changes them.
    let html = o
        .lab
        .app
        .get_with(&phone, &o.path)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("You have answered before"));
    assert!(html.contains(&format!(
        "id=\"{v0}\" name=\"{v0}\" value=\"agree\" checked"
    )));
    let (status, _) = o.vote(&phone, &[(&v0, "disagree")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(o.count(all).await, 2, "a second answer changes the vote");
    let first = o.items[0];
    assert_eq!(
        o.count(&format!("SELECT COUNT(*) AS n FROM round_vote WHERE item_id = {first} AND choice = 'disagree' AND who = 'families'")).await,
        1
    );
    // Another phone counts separately.
    let other = new_client();
    let (status, _) = o.vote(&other, &[(&v0, "agree")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(o.count(all).await, 3);
    assert_eq!(
        o.count(&format!(
            "SELECT COUNT(DISTINCT device) AS n FROM round_vote WHERE item_id = {first}"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn nothing_identifying_is_stored_with_a_vote() {
    let o = opened("anyone", "no").await;
    let (v0, m0) = o.fields(0);
    let phone = new_client();
    o.vote(&phone, &[(&v0, "agree"), (&m0, "The chairs are comfy")])
        .await;
    let db = connect_db(&o.lab.app).await;
    let votes = entity::round_vote::Entity::find().all(&db).await.unwrap();
    let comments = entity::round_comment::Entity::find()
        .all(&db)
        .await
        .unwrap();
    assert_eq!((votes.len(), comments.len()), (1, 1));
    for device in [&votes[0].device, &comments[0].device] {
        assert_eq!(device.len(), 64, "only a keyed hash of the device is kept");
        assert!(device.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(!device.contains("127.0.0.1"));
    }
    let row = format!("{:?} {:?}", votes[0], comments[0]);
    assert!(
        !row.contains("127.0.0.1") && !row.to_lowercase().contains("reqwest"),
        "{row}"
    );
}

#[tokio::test]
async fn a_childrens_round_shows_faces_with_words_and_easy_read_on_request() {
    let o = opened("children", "no").await;
    let (_, html) = o.lab.get(&o.path).await;
    assert_accessible(&html, "a children's round");
    assert!(html.contains("<span class=\"face\" aria-hidden=\"true\">🙂</span> Yes, I agree"));
    assert!(
        !html.contains("Who are you?"),
        "a round for one audience does not ask"
    );
    assert!(html.contains("Many of you told us you wait a long time"));
    assert!(
        html.contains("Childline"),
        "help is shown on children's rounds"
    );
    let (_, easy) = o.lab.get(&format!("{}?easy_read=yes", o.path)).await;
    assert_accessible(&easy, "a children's round in easy read");
    assert!(easy.contains("You wait a long time."));
    assert!(!easy.contains("Many of you told us"));
    // The quote chosen from the theme is shown, redacted when it was offered.
    assert!(!texts(&html, "blockquote").is_empty());
}

#[tokio::test]
async fn bad_answers_come_back_with_what_was_typed_and_nothing_is_stored() {
    let o = opened("anyone", "no").await;
    let (v0, m0) = o.fields(0);
    let phone = new_client();
    let (status, html) = o
        .vote(
            &phone,
            &[(&v0, "maybe"), (&m0, "I was not sure what to pick")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_accessible(&html, "round page with errors");
    assert!(
        texts(&html, ".error-summary-list a")
            .iter()
            .any(|e| e.contains("Choose agree"))
    );
    assert!(
        html.contains("I was not sure what to pick"),
        "the comment is kept"
    );
    let (status, html) = o.vote(&phone, &[(&m0, "Just words")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("before you tell us more"));
    let (status, _) = o.vote(&phone, &[("who", "aliens"), (&v0, "agree")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = o.vote(&phone, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(o.count("SELECT COUNT(*) AS n FROM round_vote").await, 0);
    // A round needs a title; the rest is kept.
    let res = o
        .lab
        .post(
            &format!("/projects/{}/rounds", o.lab.project),
            &[
                ("title", ""),
                ("intro", "Kept words"),
                ("audience", "families"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Kept words") && html.contains("Enter a title"));
    // A public address that cannot be a round's is not found.
    assert_eq!(
        o.lab.app.get("/p/NOT-A-SLUG").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_closed_round_says_so_and_stores_nothing() {
    let o = opened("anyone", "no").await;
    let (v0, _) = o.fields(0);
    let phone = new_client();
    let page = o
        .lab
        .app
        .get_with(&phone, &o.path)
        .await
        .text()
        .await
        .unwrap();
    let token = csrf_in(&page).unwrap();
    let here = format!("/projects/{}/rounds/{}", o.lab.project, o.id);
    let res = o.lab.post(&format!("{here}/close"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = phone
        .post(o.lab.app.url(&o.path))
        .form(&[("csrf_token", token.as_str()), (&v0, "agree")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::GONE);
    let html = res.text().await.unwrap();
    assert!(html.contains("has closed") && html.contains("Your answers were not saved"));
    assert_eq!(o.count("SELECT COUNT(*) AS n FROM round_vote").await, 0);
    let res = o.lab.app.get_with(&phone, &o.path).await;
    assert_eq!(res.status(), StatusCode::GONE);
}

#[tokio::test]
async fn the_honeypot_is_thanked_and_ignored() {
    let o = opened("anyone", "no").await;
    let (v0, _) = o.fields(0);
    let (status, html) = o
        .vote(
            &new_client(),
            &[(&v0, "agree"), ("website", "http://spam.example")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Thank you"));
    assert_eq!(o.count("SELECT COUNT(*) AS n FROM round_vote").await, 0);
}
