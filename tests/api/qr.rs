//! QR codes and posters: the images are served with the right types and a long cache, encode
//! the `?channel=qr` link, and arrivals through that link are stored with channel `qr`.

use chorus::accounts::{Role, StewardId};
use chorus::projects::MemberRole;
use chorus::surveys::{Layout, SurveyKind};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::runner_fixtures::*;

#[tokio::test]
async fn qr_codes_are_served_as_svg_and_png_with_a_long_cache() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;

    let svg = app.get(&format!("/s/{}/qr.svg", survey.slug)).await;
    assert_eq!(svg.status(), StatusCode::OK);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let cache = svg.headers()["cache-control"].to_str().unwrap().to_owned();
    assert!(
        cache.contains("public") && cache.contains("max-age=2592000"),
        "{cache}"
    );
    let body = svg.text().await.unwrap();
    assert!(body.starts_with("<svg"));
    assert!(body.contains("aria-label=\"QR code for Our youth club\""));

    let png = app.get(&format!("/s/{}/qr.png", survey.slug)).await;
    assert_eq!(png.status(), StatusCode::OK);
    assert_eq!(png.headers()["content-type"], "image/png");
    assert!(
        png.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let bytes = png.bytes().await.unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    assert_eq!(info.width, info.height);
    // 8 pixels a module, a 4-module quiet zone each side, and 21 + 4k modules.
    let modules = info.width / 8 - 8;
    assert_eq!(info.width % 8, 0);
    assert!(
        (21..=61).contains(&modules) && (modules - 21) % 4 == 0,
        "{modules}"
    );

    // The code carries the absolute link with ?channel=qr.
    let link = format!("{}/s/{}?channel=qr", app.address, survey.slug);
    assert_eq!(bytes.to_vec(), chorus::qr::png(&link, 8).unwrap());

    for path in ["/s/nope/qr.svg", "/s/nope/qr.png"] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn arrivals_through_the_qr_link_are_stored_with_channel_qr() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;
    let intro = app
        .get(&format!("/s/{}?channel=qr", survey.slug))
        .await
        .text()
        .await
        .unwrap();
    let start = texts_attr(&intro, "a.button-start", "href");
    assert_eq!(start.len(), 1);
    assert!(start[0].contains("channel=qr"), "{start:?}");
    let action = format!("/s/{}/form", survey.slug);
    let res = fill(&app, &app.client, &start[0], &action, &[("q_feel", "4")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let db = db(&app).await;
    let stored = chorus::responses::store::list(&db, survey.id, None, 10)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].channel, chorus::responses::Channel::Qr);
}

#[tokio::test]
async fn the_poster_shows_the_title_the_code_and_the_short_link_to_builders_only() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;
    let (builder, user) = app
        .signed_in_client(Role::Steward, "builder@example.org")
        .await;
    let (member, member_user) = app
        .signed_in_client(Role::Practitioner, "member@example.org")
        .await;
    let (outsider, _) = app
        .signed_in_client(Role::Steward, "outsider@example.org")
        .await;
    let db = db(&app).await;
    chorus::projects::store::set_member(
        &db,
        survey.project_id,
        StewardId(user.id),
        MemberRole::Steward,
    )
    .await
    .unwrap();
    chorus::projects::store::set_member(
        &db,
        survey.project_id,
        StewardId(member_user.id),
        MemberRole::Practitioner,
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let path = format!("/surveys/{}/poster", survey.id.0);

    let res = app.get_with(&builder, &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "poster");
    assert_eq!(texts(&html, "h1"), vec!["Our youth club"]);
    assert!(html.contains("<svg role=\"img\""), "inline SVG code");
    assert!(!html.contains("<?xml"));
    let short = format!("{}/s/{}", app.address, survey.slug);
    assert_eq!(texts(&html, ".poster-link"), vec![short]);
    let css = app
        .get(&texts_attr(&html, "link[rel=stylesheet]", "href")[0])
        .await
        .text()
        .await
        .unwrap();
    assert!(css.contains("@media print"));

    assert_eq!(
        app.get_with(&member, &path).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_with(&outsider, &path).await.status(),
        StatusCode::NOT_FOUND
    );
}
