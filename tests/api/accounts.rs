//! Setup, sign-in and sign-out, throttling, roles and CSRF.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn the_setup_link_creates_the_first_admin_and_then_stops_working() {
    let app = spawn_app().await;
    app.create_admin().await;
    let (status, body) = app.page("/home").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Hello, Ada Admin"));
    let path = app.setup_link.clone().unwrap();
    let path = path
        .split_once(&format!(":{}", app.port))
        .unwrap()
        .1
        .to_owned();
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);
}
