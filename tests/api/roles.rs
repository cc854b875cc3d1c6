//! The roles a project gives its members, as each person meets them: a viewer reads results
//! and themes and changes nothing; a participant representative (a young person or parent on
//! the project group) sees themes, ideas and decisions in easy read, says what they think of a
//! decision, and never sees anyone's answer. Both are checked against the whole route table.

use chorus::accounts::{Role, StewardId};
use chorus::projects::{MemberRole, ProjectId};
use reqwest::{Client, Method, StatusCode};

use crate::experiment_fixtures::*;
use crate::helpers::*;
use crate::route_access::{is_personal, is_public};

/// The words of the lab's written answers: none may reach a representative.
const ANSWERS: [&str; 2] = ["I was waiting a long time", "It was fine"];

async fn member(lab: &Lab, role: MemberRole, email: &str) -> Client {
    let (client, user) = lab.app.signed_in_client(Role::Practitioner, email).await;
    let db = connect_db(&lab.app).await;
    chorus::projects::store::set_member(&db, ProjectId(lab.project), StewardId(user.id), role)
        .await
        .unwrap();
    db.close().await.unwrap();
    client
}

async fn a_decision(lab: &Lab) -> i64 {
    let res = lab
        .post(
            &format!("/projects/{}/decisions", lab.project),
            &[
                ("about", "project"),
                ("question", "Open on Saturdays?"),
                ("decided", "Yes, for a month"),
                ("rationale", "Families asked for it"),
                ("room_children", "2"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// Every page path of the table with the lab's ids in place of its placeholders.
fn filled(lab: &Lab, decision: i64, x: i64, round: (i64, i64, i64)) -> Vec<String> {
    chorus::routes::paths()
        .into_iter()
        .filter(|p| !p.starts_with("/api/") && !is_public(p) && !is_personal(p))
        .map(|p| {
            let id = if p.starts_with("/projects/{id}") {
                lab.project
            } else if p.starts_with("/surveys/{id}") {
                lab.survey
            } else {
                1
            };
            p.replace("{id}", &id.to_string())
                .replace("{theme}", &lab.theme.to_string())
                .replace("{experiment}", &x.to_string())
                .replace("{decision}", &decision.to_string())
                .replace("{round}", &round.0.to_string())
                .replace("{item}", &round.1.to_string())
                .replace("{comment}", &round.2.to_string())
                .replace("{question}", "1")
                .replace("{index}", "0")
        })
        .collect()
}

async fn status_of(
    lab: &Lab,
    client: &Client,
    method: Method,
    url: &str,
    csrf: &str,
) -> (StatusCode, String) {
    let mut req = client.request(method.clone(), lab.app.url(url));
    if method == Method::POST {
        req = req.form(&[("csrf_token", csrf)]);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_participant_representative_sees_the_group_in_easy_read_says_what_they_think_and_never_sees_an_answer()
 {
    let lab = lab().await;
    let p = lab.project;
    let x = lab.propose().await;
    let d = a_decision(&lab).await;
    let db = connect_db(&lab.app).await;
    let round = crate::route_access::a_round(&db, p).await;
    db.close().await.unwrap();
    let rep = member(&lab, MemberRole::Representative, "young.person@example.org").await;
    // Their project link leads to the group's page.
    let res = lab.app.get_with(&rep, &format!("/projects/{p}")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        format!("/projects/{p}/together").as_str()
    );
    let res = lab
        .app
        .get_with(&rep, &format!("/projects/{p}/together"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "the project group's page");
    assert!(html.contains("class=\"easy-read"), "easy read");
    let themes = texts(&html, "#group-themes li");
    assert!(
        themes
            .iter()
            .any(|t| t.contains("Waiting") && t.contains("20 answers said this")),
        "{themes:?}"
    );
    assert!(
        texts(&html, "#group-ideas li")
            .iter()
            .any(|i| i.contains("Evening drop-in") && i.contains("not decided yet"))
    );
    for words in ANSWERS {
        assert!(
            !html.contains(words),
            "a raw answer reached a representative"
        );
    }
    // Say what you think, found by clicking; saying it again changes it.
    let link = format!("/projects/{p}/together/decisions/{d}");
    assert!(texts_attr(&html, "#group-decisions a", "href").contains(&link));
    let res = lab.app.get_with(&rep, &link).await;
    let form = res.text().await.unwrap();
    assert_accessible(&form, "what do you think");
    let bad = lab
        .app
        .post_form_with(&rep, &link, &[("note", "hmm")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text().await.unwrap().contains("hmm"),
        "the note is kept"
    );
    for (opinion, note) in [
        ("disagree", "Too early"),
        ("agree", "Saturdays are when dads can come"),
    ] {
        let res = lab
            .app
            .post_form_with(&rep, &link, &[("opinion", opinion), ("note", note)])
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let (_, page) = lab.get(&format!("/projects/{p}/decisions/{d}")).await;
    let counts = texts(&page, "#opinions li");
    assert_eq!(
        counts,
        ["Agree: 1", "Not sure: 0", "Disagree: 0"],
        "one opinion per person"
    );
    assert!(
        page.contains("Saturdays are when dads can come")
            && !page.contains("young.person@example.org")
    );
    // A steward reads the group's pages but does not give the group's view.
    let res = lab.post(&link, &[("opinion", "agree")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The whole table: only the group's pages answer; nothing answers with an answer's words.
    let csrf = lab.app.csrf_for(&rep).await;
    let mut wrong = Vec::new();
    for url in filled(&lab, d, x, round) {
        for method in [Method::GET, Method::POST] {
            let (status, body) = status_of(&lab, &rep, method.clone(), &url, &csrf).await;
            let group = url.starts_with(&format!("/projects/{p}/together"))
                || url == format!("/projects/{p}");
            let refused = matches!(
                status,
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            );
            if !group && !refused {
                wrong.push(format!("{method} {url}: {status}"));
            }
            if ANSWERS.iter().any(|a| body.contains(a)) {
                wrong.push(format!("{method} {url}: shows an answer"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a representative reached:\n  {}",
        wrong.join("\n  ")
    );
}

#[tokio::test]
async fn a_viewer_reads_results_and_themes_by_clicking_and_can_change_nothing() {
    let lab = lab().await;
    let (p, s, t) = (lab.project, lab.survey, lab.theme);
    let x = lab.propose().await;
    let d = a_decision(&lab).await;
    let db = connect_db(&lab.app).await;
    let round = crate::route_access::a_round(&db, p).await;
    db.close().await.unwrap();
    let viewer = member(&lab, MemberRole::Viewer, "viewer@example.org").await;
    let html = lab
        .app
        .get_with(&viewer, &format!("/projects/{p}"))
        .await
        .text()
        .await
        .unwrap();
    let links = texts_attr(&html, "a", "href");
    for to in [
        format!("/projects/{p}/themes"),
        format!("/surveys/{s}/results"),
        format!("/projects/{p}/results"),
    ] {
        assert!(links.contains(&to), "{to}: {links:?}");
    }
    let res = lab
        .app
        .get_with(&viewer, &format!("/projects/{p}/themes"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let list = res.text().await.unwrap();
    assert_accessible(&list, "themes for a viewer");
    assert!(texts(&list, "#themes a").contains(&"Waiting".to_owned()));
    let forms = |html: &str| -> Vec<String> {
        texts_attr(html, "form[method=post]", "action")
            .into_iter()
            .filter(|a| a != "/sign-out")
            .collect()
    };
    assert_eq!(forms(&list), Vec::<String>::new(), "nothing to change");
    let res = lab
        .app
        .get_with(&viewer, &format!("/projects/{p}/themes/{t}"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let theme = res.text().await.unwrap();
    assert_accessible(&theme, "a theme for a viewer");
    assert_eq!(forms(&theme), Vec::<String>::new());
    let res = lab
        .app
        .get_with(&viewer, &format!("/surveys/{s}/results"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Every state-changing route refuses them.
    let csrf = lab.app.csrf_for(&viewer).await;
    let mut wrong = Vec::new();
    for url in filled(&lab, d, x, round) {
        let (status, _) = status_of(&lab, &viewer, Method::POST, &url, &csrf).await;
        if !matches!(
            status,
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ) {
            wrong.push(format!("POST {url}: {status}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "a viewer changed something:\n  {}",
        wrong.join("\n  ")
    );
}

#[tokio::test]
async fn the_members_page_explains_each_role_in_one_line() {
    let lab = lab().await;
    let (_, html) = lab.get(&format!("/projects/{}/members", lab.project)).await;
    let hints = texts(&html, ".radio-hint");
    assert_eq!(hints.len(), 5, "{hints:?}");
    assert!(
        hints
            .iter()
            .any(|h| h.starts_with("Reads results and themes"))
    );
    assert!(hints.iter().any(|h| h.contains("Never sees anyone")));
}
