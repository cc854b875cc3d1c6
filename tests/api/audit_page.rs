//! The administrators' audit log: reached by clicking, filtered, downloaded as CSV (itself a
//! recorded download), refused to stewards, and the same over `GET /api/v1/audit`.

use crate::api::token_for;
use crate::audit::newest;
use crate::audit_chain::setup;
use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn administrators_reach_the_log_by_clicking_filter_it_and_download_it() {
    let (api, admin, me, project, survey) = setup().await;
    let app = &api.app;
    let home = app.get_with(&admin, "/home").await.text().await.unwrap();
    assert!(texts_attr(&home, "a", "href").contains(&"/admin/audit".to_owned()));
    app.get_with(&admin, &format!("/surveys/{survey}/responses.csv"))
        .await;
    let res = app.get_with(&admin, "/admin/audit").await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert_accessible(&page, "/admin/audit");
    assert!(
        texts(&page, "#audit td")
            .iter()
            .any(|t| t.contains("Downloaded responses.csv")),
        "{page}"
    );

    // Filter by who and project; a bad date is named and kept.
    let mine = app
        .get_with(&admin, &format!("/admin/audit?who={me}&project={project}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(texts(&mine, "#audit tbody tr").len(), 1);
    let bad = app.get_with(&admin, "/admin/audit?from=yesterday").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let bad = bad.text().await.unwrap();
    assert!(bad.contains("Enter a date like") && bad.contains("value=\"yesterday\""));

    // The CSV is an export download too, and is recorded.
    let link = texts_attr(&page, "a[download]", "href").remove(0);
    let csv = app.get_with(&admin, &link).await.text().await.unwrap();
    assert!(csv.contains("Downloaded responses.csv"), "{csv}");
    let db = connect_db(app).await;
    assert_eq!(newest(&db).await.unwrap().3, "/admin/audit.csv");

    // Stewards may not see it, in pages or the API; administrators' tokens may.
    let (steward, _) = app.signed_in_client(Role::Steward, "st@example.org").await;
    assert_eq!(
        app.get_with(&steward, "/admin/audit").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        api.send("GET", "/api/v1/audit", None).await.status(),
        StatusCode::FORBIDDEN
    );
    let root = token_for(app, Role::Admin, "root@example.org").await;
    let res = api
        .send_as(
            &root,
            "GET",
            "/api/v1/audit?per_page=1&action=/admin/audit.csv",
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["action"], "Downloaded the audit log");
    assert_eq!(body["items"][0]["steward_id"], me);
    let bad = api
        .send_as(&root, "GET", "/api/v1/audit?to=tomorrow", None)
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/audit"]["get"].is_object());
}
