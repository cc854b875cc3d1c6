//! Test harness: spawn Chorus on port 0 with a fresh SQLite file (or a fresh PostgreSQL database
//! when `TEST_DATABASE_URL` is set), and a browser-like HTTP client with its own cookie jar.

use chorus::accounts::{EmailAddress, PersonName, Role};
use chorus::config::{RawSettings, Settings};
use chorus::startup::Application;
use reqwest::{Client, Response, StatusCode, redirect};
use sea_orm::{ConnectionTrait, Database};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub setup_link: Option<String>,
    pub database_url: String,
    pub data_dir: tempfile::TempDir,
    /// A client with its own cookie jar, not following redirects.
    pub client: Client,
}

/// A steward account made for a test.
pub struct TestUser {
    pub email: String,
    pub password: String,
    pub id: i64,
}

pub fn new_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

/// A fresh database URL: a temp SQLite file, or a new PostgreSQL database.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.trim().is_empty() => {
            let name = format!("chorus_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(base.as_str())
                .await
                .expect("TEST_DATABASE_URL must be reachable");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            let mut url = url::Url::parse(&base).unwrap();
            url.set_path(&format!("/{name}"));
            url.to_string()
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut RawSettings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(dir.path()).await;
    let mut raw = RawSettings {
        addr: Some("127.0.0.1:0".into()),
        data_dir: Some(dir.path().display().to_string()),
        database_url: Some(database_url.clone()),
        rate_limit: Some("off".into()),
        ..RawSettings::default()
    };
    configure(&mut raw);
    let settings = Settings::parse(raw).unwrap();
    let app = Application::build(settings).await.unwrap();
    let port = app.port();
    let setup_link = app.setup_link().map(str::to_owned);
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        setup_link,
        database_url,
        data_dir: dir,
        client: new_client(),
    }
}

/// The value of the first `input[name=csrf_token]` on a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=csrf_token]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .map(str::to_owned)
}

/// Text of every element matching a CSS selector.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.get_with(&self.client, path).await
    }

    pub async fn get_with(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.unwrap()
    }

    /// GETs a page and returns its status and body.
    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let res = self.get(path).await;
        (res.status(), res.text().await.unwrap())
    }

    /// A CSRF token valid for this client's cookie jar.
    pub async fn csrf_for(&self, client: &Client) -> String {
        for path in ["/sign-in", "/home"] {
            let res = self.get_with(client, path).await;
            if res.status() == StatusCode::OK
                && let Some(token) = csrf_in(&res.text().await.unwrap())
            {
                return token;
            }
        }
        panic!("no page with a CSRF token found");
    }

    /// POSTs a form with a valid CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.post_form_with(&self.client, path, fields).await
    }

    pub async fn post_form_with(
        &self,
        client: &Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let token = self.csrf_for(client).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        client.post(self.url(path)).form(&all).send().await.unwrap()
    }

    /// Creates the first admin through the setup link and stays signed in as them.
    pub async fn create_admin(&self) -> TestUser {
        let link = self.setup_link.clone().expect("fresh app has a setup link");
        let path = link
            .split_once(&format!(":{}", self.port))
            .unwrap()
            .1
            .to_owned();
        let page = self.get(&path).await;
        assert_eq!(page.status(), StatusCode::OK);
        let token = csrf_in(&page.text().await.unwrap()).unwrap();
        let res = self
            .client
            .post(self.url(&path))
            .form(&[
                ("csrf_token", token.as_str()),
                ("name", "Ada Admin"),
                ("email", "ada@example.org"),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "setup should succeed");
        TestUser {
            email: "ada@example.org".into(),
            password: PASSWORD.into(),
            id: 1,
        }
    }

    /// Adds a steward straight into the database (a fixture, not the behaviour under test).
    pub async fn insert_steward(&self, role: Role, email: &str) -> TestUser {
        let db = Database::connect(self.database_url.as_str()).await.unwrap();
        let hash =
            chorus::accounts::password::hash(chorus::accounts::Password::parse(PASSWORD).unwrap())
                .await
                .unwrap();
        let id = chorus::accounts::store::insert(
            &db,
            &EmailAddress::parse(email).unwrap(),
            &PersonName::parse(&format!("Test {}", role.label())).unwrap(),
            role,
            Some(hash),
            None,
        )
        .await
        .unwrap()
        .unwrap();
        db.close().await.unwrap();
        TestUser {
            email: email.into(),
            password: PASSWORD.into(),
            id: id.0,
        }
    }

    /// Signs a client in; returns the response to the sign-in POST.
    pub async fn sign_in_with(&self, client: &Client, email: &str, password: &str) -> Response {
        self.post_form_with(
            client,
            "/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// A new client signed in as a new user of this role.
    pub async fn signed_in_client(&self, role: Role, email: &str) -> (Client, TestUser) {
        let user = self.insert_steward(role, email).await;
        let client = new_client();
        let res = self
            .sign_in_with(&client, &user.email, &user.password)
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        (client, user)
    }
}
