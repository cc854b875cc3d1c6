//! `chorus demo`: a newcomer sees the whole loop at once — themes coded from the children's
//! answers, an adopted experiment whose before/after results show a real difference, and one
//! being tested with a live feedback form and reflections.

use reqwest::StatusCode;

use crate::helpers::*;
use chorus::accounts::Role;

#[tokio::test]
async fn the_demo_shows_an_adopted_experiment_with_a_real_difference_and_one_being_tested() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    app.load_demo();
    // Found by clicking: projects → the demo project → Experiments.
    let (_, html) = (
        StatusCode::OK,
        app.get_with(&client, "/projects")
            .await
            .text()
            .await
            .unwrap(),
    );
    let project = texts_attr(&html, "a", "href")
        .into_iter()
        .find(|h| h.starts_with("/projects/") && h != "/projects/new")
        .unwrap();
    let list = app
        .get_with(&client, &format!("{project}/experiments"))
        .await
        .text()
        .await
        .unwrap();
    let links = texts_attr(&list, "a", "href");
    let link_to = |title: &str| {
        let doc = scraper::Html::parse_document(&list);
        let sel = scraper::Selector::parse("a").unwrap();
        doc.select(&sel)
            .find(|a| a.text().collect::<String>() == title)
            .and_then(|a| a.value().attr("href"))
            .map(str::to_owned)
            .unwrap()
    };
    assert!(links.len() > 2);
    let adopted = link_to("A quiet room for homework");
    let testing = link_to("Tuesday evening drop-in");
    let res = app.get_with(&client, &adopted).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("Adopted"));
    assert!(
        texts(&html, "#measure-1-heading strong").contains(&"Better".to_owned()),
        "the demo's quiet room made a real difference"
    );
    assert!(
        !texts(&html, "#evidence td").is_empty(),
        "the evidence snapshot is kept"
    );
    assert!(
        texts(&html, "#timeline li").len() >= 5,
        "proposed, agreed, testing, reviewing, adopted"
    );
    let html = app.get_with(&client, &testing).await.text().await.unwrap();
    assert!(html.contains("Testing") && html.contains("Have snacks out from the start"));
    assert_eq!(
        texts_attr(&html, "#live-board", "data-fragment").len(),
        1,
        "the feedback form's board is live on the page"
    );
    // The themes are there to propose from.
    let themes = app
        .get_with(&client, &format!("{project}/themes"))
        .await
        .text()
        .await
        .unwrap();
    assert!(themes.contains("Somewhere quiet") && themes.contains("Waiting and getting here"));
    // Running it again changes nothing.
    let again = chorus_command(app.data_dir.path(), &app.database_url)
        .arg("demo")
        .output()
        .unwrap();
    assert!(again.status.success());
    let list2 = app
        .get_with(&client, &format!("{project}/experiments"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(texts(&list2, "li").len(), texts(&list, "li").len());
}
