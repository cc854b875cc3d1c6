//! Building the application: connect, migrate, start the background workers and bind; the
//! route table is in `routes.rs`.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use url::Url;

use crate::accounts::{self, SetupGate, SignInThrottle};
use crate::config::Settings;
use crate::error::AppError;
use crate::live::Hub;
use crate::mail::model::RetryPolicy;
use crate::mail::{MailBackend, Worker, WorkerConfig};
use crate::notifications::{Task, TaskConfig};
use crate::responses::{self, RateLimiter, Submitter};
use crate::state::AppState;
use crate::web::{csrf, middleware, panics};
use crate::{db, pages};

/// A bound, ready-to-run Chorus server.
pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
    base_url: Url,
    setup_link: Option<String>,
    statements: Arc<AtomicU64>,
    mail_worker: Worker,
    tasks: Task,
}

/// Stops a running [`Application`] from outside (tests, signal handlers of embedders).
#[derive(Clone)]
pub struct Stopper {
    server: ServerHandle,
    worker: tokio::task::AbortHandle,
    tasks: tokio::task::AbortHandle,
}

impl Stopper {
    /// Stops like a crash: the mail worker is aborted mid-send and the HTTP server closes
    /// without waiting. What was in flight is picked up by the next instance.
    pub async fn kill(&self) {
        self.worker.abort();
        self.tasks.abort();
        self.server.stop(false).await;
    }

    /// Stops gracefully: requests in flight finish, then the mail worker finishes the message
    /// in hand (as `run_until_stopped` does after a signal).
    pub async fn stop(&self) {
        self.server.stop(true).await;
    }
}

impl Application {
    /// Connects to the database, applies migrations and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let mut db = db::connect(&settings.database_url)
            .await
            .map_err(|e| anyhow::anyhow!("DATABASE_URL: cannot connect to the database ({e})"))?;
        // The mail worker's handle is cloned before the statement counter is attached, so the
        // counter measures requests only, not the worker's background polling.
        let mail_db = db.clone();
        let mail_db_tasks = db.clone();
        let themes_db = db.clone();
        let statements = Arc::new(AtomicU64::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        db::migrate(&db)
            .await
            .map_err(|e| anyhow::anyhow!("DATABASE_URL: applying migrations failed ({e})"))?;
        let listener = TcpListener::bind(settings.addr).map_err(|e| {
            anyhow::anyhow!("CHORUS_ADDR: cannot listen on {} ({e})", settings.addr)
        })?;
        let local = listener.local_addr().context("reading the bound address")?;
        let base_url = match &settings.base_url {
            Some(url) => url.clone(),
            None => Url::parse(&format!("http://{local}/")).context("building the base URL")?,
        };
        let setup = Arc::new(SetupGate::default());
        let setup_link = if accounts::store::count(&db).await? == 0 {
            Some(format!("{base_url}setup/{}", setup.open()))
        } else {
            None
        };
        let backend = MailBackend::from_settings(&settings.mail, &settings.data_dir)?;
        let (mail_worker, mail) = Worker::spawn(WorkerConfig {
            db: mail_db,
            backend,
            from: settings.mail.from.clone(),
            policy: RetryPolicy::standard(settings.mail.retry_base),
            poll_interval: settings.mail.poll_interval,
            lease: settings.mail.lease,
        });
        // Reminders and digests: also off the statement counter, like the mail worker.
        let tasks = Task::spawn(TaskConfig {
            db: mail_db_tasks,
            base_url: base_url.clone(),
            reminder_days: settings.reminder_days,
            poll_interval: settings.tasks_poll_interval,
            mail: mail.clone(),
        });
        let live = Hub::start(&db);
        let themes = crate::themes::ThemeJobs::start(themes_db);
        let state = AppState {
            db: db.clone(),
            settings: Arc::new(settings.clone()),
            base_url: base_url.clone(),
            setup,
            throttle: Arc::new(SignInThrottle::default()),
            submitter: Submitter::start_service(
                db.clone(),
                Some(live.clone()),
                responses::submit::Safeguard::with_alerts(base_url.clone(), mail.clone()),
                Some(themes.clone()),
            ),
            submit_limit: settings
                .submit_rate_limit
                .map(|n| Arc::new(RateLimiter::new(n, Duration::from_secs(60)))),
            receipt_limit: Arc::new(RateLimiter::new(
                responses::receipts::FAILED_LOOKUPS,
                Duration::from_secs(15 * 60),
            )),
            mail,
            live,
            themes,
            surveys: Arc::new(crate::surveys::cache::SurveyCache::default()),
            exports: Arc::new(tokio::sync::Semaphore::new(crate::themes::EXPORTS_AT_ONCE)),
        };
        let server = serve(listener, state)?;
        Ok(Application {
            port: local.port(),
            server,
            db,
            base_url,
            setup_link,
            statements,
            mail_worker,
            tasks,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The absolute URL this instance serves.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// The one-time setup link, when no steward exists yet.
    pub fn setup_link(&self) -> Option<&str> {
        self.setup_link.as_deref()
    }

    /// How many SQL statements this instance has run (for benchmarks and diagnostics).
    pub fn statement_counter(&self) -> Arc<AtomicU64> {
        self.statements.clone()
    }

    /// A handle to stop this instance from another task.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            server: self.server.handle(),
            worker: self.mail_worker.abort_handle(),
            tasks: self.tasks.abort_handle(),
        }
    }

    /// Serves until SIGINT or SIGTERM (or a [`Stopper`]), lets in-flight requests finish, stops
    /// the mail worker after the message in hand, then closes the database.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let served = self.server.await.context("the HTTP server failed");
        self.tasks.stop(MAIL_GRACE).await;
        self.mail_worker.stop(MAIL_GRACE).await;
        served?;
        self.db.close().await.context("closing the database")?;
        tracing::info!("stopped cleanly");
        Ok(())
    }
}

/// HTTP worker threads.
const WORKERS: usize = 2;

/// How long a stopping instance waits for the message being sent.
const MAIL_GRACE: Duration = Duration::from_secs(10);

fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let https = state.settings.is_https();
    // Handlers take the parts they use: the database alone, or the whole state when they need
    // settings, mail, the live hub or the writer as well.
    let db = web::Data::new(state.db.clone());
    let settings = web::Data::from(state.settings.clone());
    let panic_route = state.settings.test_panic_route;
    let (per_worker, file_limit) =
        crate::web::connections::per_worker(state.settings.max_connections, WORKERS);
    tracing::info!(
        connections = per_worker * WORKERS,
        file_limit = file_limit.unwrap_or(0),
        "accepting at most this many connections at once; more wait until one closes"
    );
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(db.clone())
            .app_data(settings.clone())
            .app_data(web::PayloadConfig::new(256 * 1024))
            .app_data(
                web::FormConfig::default()
                    .limit(256 * 1024)
                    .error_handler(|err, _| {
                        AppError::BadRequest(format!("The form could not be read: {err}")).into()
                    }),
            )
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .app_data(web::QueryConfig::default().error_handler(|_, _| {
                AppError::BadRequest("The address has a part Chorus does not understand.".into())
                    .into()
            }))
            .configure(|cfg| panics::test_routes(cfg, panic_route))
            .configure(crate::routes::routes)
            .default_service(web::to(pages::not_found))
            .wrap(middleware::framework_errors())
            .wrap(from_fn(csrf::ensure_cookie))
            .wrap(Compress::default())
            .wrap(from_fn(crate::web::deadlines::enforce))
            .wrap(middleware::security_headers(https))
            .wrap(from_fn(middleware::log_requests))
    })
    .workers(WORKERS)
    .max_connections(per_worker)
    .shutdown_timeout(30)
    .listen(listener)
    .context("starting the HTTP server")?
    .run();
    Ok(server)
}
