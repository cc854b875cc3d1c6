//! "Have your say" comments and results: a comment is held until a steward approves it; a
//! worrying one raises a flag for the safeguarding lead (same alert, same review pages) and
//! cannot be approved until cleared; small groups are hidden on the steward's results and on
//! the results people see after answering.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::rounds_fixtures::*;

#[tokio::test]
async fn a_comment_is_held_until_a_steward_approves_it() {
    let o = opened("anyone", "yes").await;
    let (v0, m0) = o.fields(0);
    let phone = new_client();
    let (status, _) = o
        .vote(
            &phone,
            &[(&v0, "agree"), (&m0, "The new chairs are lovely")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let here = format!("/projects/{}/rounds/{}", o.lab.project, o.id);
    let (_, results) = o.lab.get(&format!("{here}/results")).await;
    assert_accessible(&results, "round results");
    assert!(
        !results.contains("The new chairs are lovely"),
        "held comments are not shown"
    );
    let mine = o
        .lab
        .app
        .get_with(&phone, &format!("{}/results", o.path))
        .await
        .text()
        .await
        .unwrap();
    assert!(!mine.contains("The new chairs are lovely"));
    // Found from the round page; approved there.
    let (_, page) = o.lab.get(&here).await;
    assert!(texts_attr(&page, "a", "href").contains(&format!("{here}/comments")));
    let (_, moderation) = o.lab.get(&format!("{here}/comments")).await;
    assert_accessible(&moderation, "comments to check");
    assert!(moderation.contains("The new chairs are lovely") && moderation.contains("Waiting"));
    let action = texts_attr(&moderation, "form", "action")
        .into_iter()
        .find(|a| a.contains("/comments/"))
        .unwrap();
    let res = o.lab.post(&action, &[("decision", "approve")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, results) = o.lab.get(&format!("{here}/results")).await;
    assert!(results.contains("The new chairs are lovely"));
    let mine = o
        .lab
        .app
        .get_with(&phone, &format!("{}/results", o.path))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        mine.contains("The new chairs are lovely"),
        "approved comments are shown to people"
    );
    // Hiding takes it away again.
    o.lab.post(&action, &[("decision", "hide")]).await;
    let (_, results) = o.lab.get(&format!("{here}/results")).await;
    assert!(!results.contains("The new chairs are lovely"));
}

#[tokio::test]
async fn a_worrying_comment_goes_to_the_lead_and_cannot_be_approved_until_cleared() {
    let o = opened("children", "no").await;
    let (v0, m0) = o.fields(0);
    let (status, html) = o
        .vote(
            &new_client(),
            &[
                (&v0, "disagree"),
                (&m0, "my stepdad hits me when mum is out"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "thank you after a worrying comment");
    assert!(
        html.contains("Thank you for telling us"),
        "kind words, as the runner says them"
    );
    assert!(html.contains("Childline"));
    assert_eq!(
        o.count("SELECT COUNT(*) AS n FROM safeguarding_flag WHERE round_comment_id IS NOT NULL")
            .await,
        1
    );
    assert!(
        o.count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'safeguarding' AND text_body LIKE '%What should the hub try next?%'")
            .await
            >= 1,
        "the lead is alerted"
    );
    let here = format!("/projects/{}/rounds/{}", o.lab.project, o.id);
    let (_, moderation) = o.lab.get(&format!("{here}/comments")).await;
    assert!(moderation.contains("Flagged for the safeguarding lead"));
    assert!(
        !texts(&moderation, "button")
            .iter()
            .any(|b| b.starts_with("Approve"))
    );
    let action = texts_attr(&moderation, "form", "action")
        .into_iter()
        .find(|a| a.contains("/comments/"))
        .unwrap();
    let res = o.lab.post(&action, &[("decision", "approve")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The lead's review pages list it and show the comment.
    let sg = format!("/projects/{}/safeguarding", o.lab.project);
    let (_, list) = o.lab.get(&sg).await;
    assert!(
        list.contains("Have your say: What should the hub try next?"),
        "{list}"
    );
    let flag = texts_attr(&list, "a", "href")
        .into_iter()
        .find(|h| {
            h.starts_with(&format!("{sg}/"))
                && h[sg.len() + 1..].chars().all(|c| c.is_ascii_digit())
        })
        .unwrap();
    let (status, detail) = o.lab.get(&flag).await;
    assert_eq!(status, StatusCode::OK);
    assert!(detail.contains("my stepdad hits me when mum is out"));
    // "No concern" releases it for approval.
    let res = o
        .lab
        .post(
            &format!("{flag}/review"),
            &[
                ("outcome", "no_concern"),
                ("note", "Checked with the school"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let res = o.lab.post(&action, &[("decision", "approve")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn results_hide_small_groups_for_stewards_and_for_people_after_answering() {
    let o = opened("anyone", "yes").await;
    let (v0, _) = o.fields(0);
    let mut phones = Vec::new();
    for _ in 0..3 {
        let phone = new_client();
        o.vote(&phone, &[(&v0, "agree")]).await;
        phones.push(phone);
    }
    let here = format!("/projects/{}/rounds/{}", o.lab.project, o.id);
    let (_, results) = o.lab.get(&format!("{here}/results")).await;
    assert!(results.contains("fewer than 5"), "{results}");
    assert!(!results.contains("100%") && !results.contains(">3<"));
    assert!(results.contains("Not enough answers yet"));
    let mine = o
        .lab
        .app
        .get_with(&phones[0], &format!("{}/results", o.path))
        .await
        .text()
        .await
        .unwrap();
    assert_accessible(&mine, "results for people");
    assert!(mine.contains("fewer than 5") && !mine.contains("100%"));
    // Someone who has not answered is asked to answer first.
    let stranger = o
        .lab
        .app
        .get_with(&new_client(), &format!("{}/results", o.path))
        .await
        .text()
        .await
        .unwrap();
    assert!(stranger.contains("Answer first") && !stranger.contains("fewer than 5"));
    for _ in 0..2 {
        o.vote(&new_client(), &[(&v0, "agree")]).await;
    }
    let (_, results) = o.lab.get(&format!("{here}/results")).await;
    assert!(results.contains("5 (100%)"), "{results}");
    assert!(results.contains("100% agree"));
    let mine = o
        .lab
        .app
        .get_with(&phones[0], &format!("{}/results", o.path))
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("5 (100%)"));
}

#[tokio::test]
async fn people_see_no_results_when_the_round_does_not_show_them() {
    let o = opened("anyone", "no").await;
    let (v0, _) = o.fields(0);
    let phone = new_client();
    let (_, thanks) = o.vote(&phone, &[(&v0, "agree")]).await;
    assert!(!thanks.contains("See what everyone said"));
    let res = o
        .lab
        .app
        .get_with(&phone, &format!("{}/results", o.path))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
