//! The experiments API: a round trip from proposal to decision and results, problem+json for
//! bad input, the lock on measures, and another project's steward getting 404.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::api::token_for;
use crate::experiment_fixtures::*;
use crate::helpers::new_client;

struct Client {
    lab: Lab,
    token: String,
}

impl Client {
    async fn call(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = new_client()
            .request(method.parse().unwrap(), self.lab.app.url(path))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    async fn json(&self, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call(&self.token, method, path, body).await
    }
}

async fn client() -> Client {
    let lab = lab().await;
    let db = sea_orm::Database::connect(lab.app.database_url.as_str())
        .await
        .unwrap();
    let token =
        chorus::accounts::tokens::create(&db, chorus::accounts::StewardId(lab.steward.id), "test")
            .await
            .unwrap();
    db.close().await.unwrap();
    Client { lab, token }
}

pub fn body(theme: i64) -> Value {
    json!({
        "title": "Evening drop-in",
        "themes": [theme],
        "if_we": "open on Tuesday evenings",
        "then_we": "children will feel better about coming",
        "because": "school hours clash with ours",
        "change": "Open 5pm to 8pm on Tuesdays",
        "codesigners": ["children"],
        "children": 6,
        "scale": "team",
        "where": "Riverside family hub",
        "stop_early_if": "Nobody comes for three weeks",
        "owners": "Hub team leader",
        "planned_start": "2026-10-01",
        "planned_end": "2026-10-31"
    })
}

#[tokio::test]
async fn an_experiment_goes_from_proposal_to_decision_and_results_through_the_api() {
    let c = client().await;
    let (p, faces, safe) = (c.lab.project, c.lab.faces, c.lab.safe);
    let (status, e) = c
        .json(
            "POST",
            &format!("/api/v1/projects/{p}/experiments"),
            Some(body(c.lab.theme)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    assert_eq!(e["status"], "proposed");
    assert_eq!(e["snapshot"]["themes"][0]["count"], 20);
    let id = e["id"].as_i64().unwrap();
    let plan = json!({"plan": {
        "design": "before_after",
        "baseline_start": "2026-09-01", "baseline_end": "2026-09-30",
        "test_start": "2026-10-01", "test_end": "2026-10-31",
        "measures": [{"measure": format!("q:{faces}"), "better": "higher"}, {"measure": format!("q:{safe}:yes"), "better": "higher"}]
    }});
    let (status, e) = c
        .json(
            "PATCH",
            &format!("/api/v1/experiments/{id}"),
            Some(plan.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{e}");
    assert_eq!(e["plan"]["measures"].as_array().unwrap().len(), 2);
    for to in ["agreed", "testing"] {
        let (status, e) = c
            .json(
                "POST",
                &format!("/api/v1/experiments/{id}/transitions"),
                Some(json!({"to": to, "rationale": "Agreed with the children"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{e}");
        assert_eq!(e["status"], to);
    }
    // Locked: a plan change needs a reason.
    let (status, problem) = c
        .json(
            "PATCH",
            &format!("/api/v1/experiments/{id}"),
            Some(plan.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"].to_string().contains("why"), "{problem}");
    let (status, r) = c
        .json("GET", &format!("/api/v1/experiments/{id}/results"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let m = &r["measures"][0];
    assert_eq!((m["n_a"].as_u64(), m["n_b"].as_u64()), (Some(40), Some(40)));
    let f = &m["figures"];
    assert!(
        (f["difference"].as_f64().unwrap() - 0.925).abs() < 1e-9,
        "{f}"
    );
    assert!(
        f["low"].as_f64().unwrap() > 0.0 && f["high"].as_f64().unwrap() < 2.0,
        "{f}"
    );
    assert_eq!(m["verdict"], "better");
    let share = &r["measures"][1]["figures"];
    assert!(
        (share["value_a"].as_f64().unwrap() - 0.375).abs() < 1e-9
            && (share["value_b"].as_f64().unwrap() - 0.75).abs() < 1e-9
    );
    for (to, code) in [
        ("adopted", StatusCode::UNPROCESSABLE_ENTITY),
        ("reviewing", StatusCode::OK),
        ("adapted", StatusCode::OK),
    ] {
        let (status, e) = c
            .json(
                "POST",
                &format!("/api/v1/experiments/{id}/transitions"),
                Some(json!({"to": to, "rationale": "See the results"})),
            )
            .await;
        assert_eq!(status, code, "{to}: {e}");
        if to == "adapted" {
            let next = e["next_id"].as_i64().unwrap();
            let (_, n) = c
                .json("GET", &format!("/api/v1/experiments/{next}"), None)
                .await;
            assert_eq!(
                (n["status"].as_str(), n["previous_id"].as_i64()),
                (Some("proposed"), Some(id))
            );
            assert_eq!(n["plan"]["measures"].as_array().unwrap().len(), 2);
        }
    }
    let (status, list) = c
        .json("GET", &format!("/api/v1/projects/{p}/experiments"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let (status, _) = c
        .json(
            "PATCH",
            &format!("/api/v1/experiments/{id}"),
            Some(json!({"title": "Later"})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an ended experiment is kept as it was"
    );
    let (_, doc) = c.json("GET", "/api/openapi.json", None).await;
    for path in [
        "/api/v1/projects/{id}/experiments",
        "/api/v1/experiments/{id}",
        "/api/v1/experiments/{id}/transitions",
        "/api/v1/experiments/{id}/results",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
}

#[tokio::test]
async fn bad_experiments_get_problem_json_by_field_and_store_nothing() {
    let c = client().await;
    let p = c.lab.project;
    let mut b = body(c.lab.theme);
    b["because"] = json!("");
    b["themes"] = json!([999_999]);
    b["planned_end"] = json!("2026-02-30");
    let res = new_client()
        .post(c.lab.app.url(&format!("/api/v1/projects/{p}/experiments")))
        .bearer_auth(&c.token)
        .json(&b)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    let errors = problem["errors"].to_string();
    for field in ["because", "themes", "planned_end"] {
        assert!(errors.contains(field), "{field}: {problem}");
    }
    let (status, _) = c
        .json(
            "POST",
            &format!("/api/v1/projects/{p}/experiments"),
            Some(json!({"title": "x", "colour": "red"})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields are refused"
    );
    let (_, list) = c
        .json("GET", &format!("/api/v1/projects/{p}/experiments"), None)
        .await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn another_projects_steward_gets_not_found_and_a_practitioner_cannot_change_anything() {
    let c = client().await;
    let (_, e) = c
        .json(
            "POST",
            &format!("/api/v1/projects/{}/experiments", c.lab.project),
            Some(body(c.lab.theme)),
        )
        .await;
    let id = e["id"].as_i64().unwrap();
    let stranger = token_for(
        &c.lab.app,
        chorus::accounts::Role::Steward,
        "stranger@example.org",
    )
    .await;
    for (method, path) in [
        ("GET", format!("/api/v1/experiments/{id}")),
        ("GET", format!("/api/v1/experiments/{id}/results")),
        ("PATCH", format!("/api/v1/experiments/{id}")),
        ("POST", format!("/api/v1/experiments/{id}/transitions")),
        (
            "GET",
            format!("/api/v1/projects/{}/experiments", c.lab.project),
        ),
    ] {
        let (status, _) = c.call(&stranger, method, &path, Some(json!({}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    let (status, _) = c
        .call(
            "not-a-token",
            "GET",
            &format!("/api/v1/experiments/{id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
