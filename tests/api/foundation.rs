//! Health checks, headers, error pages and start-up behaviour.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn health_and_readiness_answer_while_the_database_is_up() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}
