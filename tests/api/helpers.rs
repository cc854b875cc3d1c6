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

/// The path part of an absolute link this app printed (setup or invitation links).
pub fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    url.path().to_owned()
}

/// The value of the `chorus_session` cookie a response sets, if any.
pub fn session_cookie_in(res: &Response) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.strip_prefix("chorus_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .find(|v| !v.is_empty())
}

/// Checks the accessibility basics every Chorus page must have: `lang="en"`, exactly one h1,
/// a skip link to `#main` (and the `main` it points at), a `label[for]` for every visible
/// control, and every radio button inside a fieldset with a legend.
pub fn assert_accessible(html: &str, page: &str) {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .and_then(|e| e.value().attr("lang")),
        Some("en"),
        "{page}: <html> needs lang=\"en\""
    );
    assert_eq!(
        doc.select(&sel("h1")).count(),
        1,
        "{page}: needs exactly one h1"
    );
    assert!(
        doc.select(&sel("a[href='#main']")).next().is_some(),
        "{page}: needs a skip link to #main"
    );
    assert!(
        doc.select(&sel("main#main")).next().is_some(),
        "{page}: the skip link needs a main#main to land on"
    );
    let labels: Vec<String> = doc
        .select(&sel("label[for]"))
        .filter_map(|l| l.value().attr("for").map(str::to_owned))
        .collect();
    for control in doc.select(&sel("input, select, textarea")) {
        let kind = control.value().attr("type").unwrap_or("text");
        if matches!(kind, "hidden" | "submit" | "button") {
            continue;
        }
        let id = control.value().attr("id");
        assert!(
            id.is_some_and(|id| labels.iter().any(|l| l == id)),
            "{page}: control {:?} has no label[for] matching its id",
            control.value().attr("name")
        );
    }
    for radio in doc.select(&sel("input[type=radio]")) {
        let fieldset = radio
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| e.value().name() == "fieldset");
        let has_legend = fieldset.is_some_and(|f| {
            f.children()
                .filter_map(scraper::ElementRef::wrap)
                .any(|c| c.value().name() == "legend")
        });
        assert!(
            has_legend,
            "{page}: radio {:?} must sit in a fieldset with a legend",
            radio.value().attr("id")
        );
    }
}

/// Checks the security headers every response must carry.
pub fn assert_security_headers(res: &Response, what: &str) {
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: missing {name}"))
            .to_owned()
    };
    let csp = header("content-security-policy");
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(directive), "{what}: CSP lacks {directive}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: CSP allows inline");
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert!(!header("referrer-policy").is_empty(), "{what}");
    let permissions = header("permissions-policy");
    for feature in ["geolocation=()", "camera=()", "microphone=()"] {
        assert!(permissions.contains(feature), "{what}: lacks {feature}");
    }
}

/// Opens a connection to the test's own database, for fixtures.
pub async fn connect_db(app: &TestApp) -> sea_orm::DatabaseConnection {
    Database::connect(app.database_url.as_str()).await.unwrap()
}

/// The value of an attribute on every element matching a CSS selector.
pub fn texts_attr(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

impl TestApp {
    /// Loads the demo data into this app's database with `chorus demo`.
    pub fn load_demo(&self) {
        let out = chorus_command(self.data_dir.path(), &self.database_url)
            .arg("demo")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The real `chorus` binary with a clean environment: its own data folder and database, and
/// none of the caller's Chorus variables.
pub fn chorus_command(data_dir: &std::path::Path, database_url: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_chorus"));
    for var in [
        "CHORUS_ADDR",
        "CHORUS_BASE_URL",
        "CHORUS_SECRET_KEY",
        "CHORUS_SESSION_IDLE_MINUTES",
        "CHORUS_SESSION_LIFETIME_HOURS",
        "CHORUS_RATE_LIMIT",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("CHORUS_DATA_DIR", data_dir)
        .env("DATABASE_URL", database_url)
        .env("CHORUS_ADDR", "127.0.0.1:0")
        .stdin(std::process::Stdio::null());
    cmd
}
