//! A project ready for "Have your say": the experiments lab (a children's questionnaire, a
//! theme about waiting with coded answers), a round opened by clicking from the project page,
//! and phone voters with their own cookie jars.

use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Statement};

use crate::experiment_fixtures::{Lab, lab};
use crate::helpers::*;

/// An open round: its id, public path and item ids in order.
pub struct Opened {
    pub lab: Lab,
    pub id: i64,
    pub path: String,
    pub items: Vec<i64>,
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// Follows the project page to "Have your say" and starts a round for `audience`.
pub async fn start_round(lab: &Lab, audience: &str, show_results: &str) -> i64 {
    let p = lab.project;
    let (_, html) = lab.get(&format!("/projects/{p}")).await;
    let rounds = format!("/projects/{p}/rounds");
    assert!(
        texts_attr(&html, "a", "href").contains(&rounds),
        "the project page links to rounds"
    );
    let (status, html) = lab.get(&rounds).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "rounds list");
    assert!(texts_attr(&html, "a", "href").contains(&format!("{rounds}/new")));
    let (_, html) = lab.get(&format!("{rounds}/new")).await;
    assert_accessible(&html, "new round form");
    let res = lab
        .post(
            &rounds,
            &[
                ("title", "What should the hub try next?"),
                ("intro", "We listened. Now tell us if we got it right."),
                ("audience", audience),
                ("show_results", show_results),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res).rsplit('/').next().unwrap().parse().unwrap()
}

/// Adds the waiting theme (with its first quote) and the lab's proposal, found by clicking.
pub async fn add_items(lab: &Lab, round: i64) {
    let here = format!("/projects/{}/rounds/{round}", lab.project);
    let (_, html) = lab.get(&here).await;
    assert!(texts_attr(&html, "a", "href").contains(&format!("{here}/items/new")));
    let (_, html) = lab.get(&format!("{here}/items/new")).await;
    assert_accessible(&html, "choose an item's source");
    let from_theme = format!("{here}/items/new?theme={}", lab.theme);
    assert!(texts_attr(&html, "a", "href").contains(&from_theme));
    let (_, html) = lab.get(&from_theme).await;
    assert_accessible(&html, "item form from a theme");
    assert!(
        !texts(&html, "label[for=quote-0]").is_empty(),
        "the theme's quotes are offered"
    );
    let t = lab.theme.to_string();
    let res = lab
        .post(
            &format!("{here}/items"),
            &[
                ("source", "theme"),
                ("source_id", &t),
                ("title", "Waiting too long"),
                (
                    "body",
                    "Many of you told us you wait a long time to be seen.",
                ),
                ("easy_read", "You wait a long time."),
                ("quote", "0"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let x = lab.propose().await;
    let from_x = format!("{here}/items/new?experiment={x}");
    let (_, html) = lab.get(&format!("{here}/items/new")).await;
    assert!(texts_attr(&html, "a", "href").contains(&from_x));
    let (_, html) = lab.get(&from_x).await;
    assert!(
        html.contains("If we open the hub on Tuesday evenings"),
        "the hypothesis is prefilled"
    );
    let xs = x.to_string();
    let res = lab
        .post(
            &format!("{here}/items"),
            &[
                ("source", "experiment"),
                ("source_id", &xs),
                ("title", "Tuesday evenings"),
                (
                    "body",
                    "If we open the hub on Tuesday evenings, then you will wait less.",
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

/// A lab with an open round for `audience` holding the two items.
pub async fn opened(audience: &str, show_results: &str) -> Opened {
    let lab = lab().await;
    let id = start_round(&lab, audience, show_results).await;
    add_items(&lab, id).await;
    let here = format!("/projects/{}/rounds/{id}", lab.project);
    let res = lab.post(&format!("{here}/open"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = lab.get(&here).await;
    assert_accessible(&html, "an open round's page");
    let path = texts_attr(&html, "a", "href")
        .into_iter()
        .find(|h| h.contains("/p/"))
        .map(|h| path_of(&h))
        .expect("the public link is shown");
    assert!(html.contains("<svg role=\"img\""), "a QR code is shown");
    let (_, public) = lab.get(&path).await;
    let items = texts_attr(&public, "textarea", "name")
        .iter()
        .map(|n| n.trim_start_matches("more-").parse().unwrap())
        .collect();
    Opened {
        lab,
        id,
        path,
        items,
    }
}

impl Opened {
    /// Sends a ballot from `phone` (after opening the page, as a person would).
    pub async fn vote(&self, phone: &Client, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let res = self.lab.app.get_with(phone, &self.path).await;
        let html = res.text().await.unwrap();
        let token = csrf_in(&html).expect("the round page has a form");
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        let res = phone
            .post(self.lab.app.url(&self.path))
            .form(&all)
            .send()
            .await
            .unwrap();
        (res.status(), res.text().await.unwrap())
    }

    /// The field names for item `n` (0-based).
    pub fn fields(&self, n: usize) -> (String, String) {
        (
            format!("vote-{}", self.items[n]),
            format!("more-{}", self.items[n]),
        )
    }

    /// A number from the database.
    pub async fn count(&self, sql: &str) -> i64 {
        let db = connect_db(&self.lab.app).await;
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        db.close().await.unwrap();
        n
    }
}
