//! Building the application: connect, migrate, bind, and the whole route table in one place.

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

use crate::accounts::{self, SetupGate, SignInThrottle, admin};
use crate::config::Settings;
use crate::error::AppError;
use crate::live::Hub;
use crate::mail::model::RetryPolicy;
use crate::mail::{self, MailBackend, Worker, WorkerConfig};
use crate::notifications::{Task, TaskConfig};
use crate::responses::{self, RateLimiter, Submitter};
use crate::state::AppState;
use crate::web::routing::Routes;
use crate::web::{assets, csrf, middleware};
use crate::{api, db, invitations, notifications, pages, results};

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
        let state = AppState {
            db: db.clone(),
            settings: Arc::new(settings.clone()),
            base_url: base_url.clone(),
            setup,
            throttle: Arc::new(SignInThrottle::default()),
            submitter: Submitter::start_full(
                db.clone(),
                Some(live.clone()),
                responses::submit::Safeguard::with_alerts(base_url.clone(), mail.clone()),
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
            themes: crate::themes::ThemeJobs::start(themes_db),
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

/// How long a stopping instance waits for the message being sent.
const MAIL_GRACE: Duration = Duration::from_secs(10);

fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let https = state.settings.is_https();
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
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
            .configure(routes)
            .default_service(web::to(pages::not_found))
            .wrap(middleware::framework_errors())
            .wrap(from_fn(csrf::ensure_cookie))
            .wrap(Compress::default())
            .wrap(middleware::security_headers(https))
            .wrap(from_fn(middleware::log_requests))
    })
    .workers(2)
    .shutdown_timeout(30)
    .listen(listener)
    .context("starting the HTTP server")?
    .run();
    Ok(server)
}

/// The whole route table.
fn routes(cfg: &mut web::ServiceConfig) {
    let t = Routes::new()
        .route("/", web::get().to(pages::landing))
        .route("/healthz", web::get().to(pages::healthz))
        .route("/readyz", web::get().to(pages::readyz))
        .route("/assets/{file}", web::get().to(assets::serve))
        .route("/accessibility", web::get().to(pages::accessibility))
        .route("/privacy", web::get().to(pages::privacy))
        .route("/home", web::get().to(pages::home))
        .route("/sign-in", web::get().to(accounts::routes::sign_in_page))
        .route("/sign-in", web::post().to(accounts::routes::sign_in))
        .route("/sign-out", web::post().to(accounts::routes::sign_out))
        .route(
            "/setup/{secret}",
            web::get().to(accounts::routes::setup_page),
        )
        .route("/setup/{secret}", web::post().to(accounts::routes::setup))
        .route(
            "/invite/{secret}",
            web::get().to(accounts::routes::invite_page),
        )
        .route(
            "/invite/{secret}",
            web::post().to(accounts::routes::accept_invite),
        )
        .route(
            "/account/tokens",
            web::get().to(accounts::routes::tokens_page),
        )
        .route(
            "/account/tokens",
            web::post().to(accounts::routes::create_token),
        )
        .route(
            "/account/tokens/{id}/revoke",
            web::post().to(accounts::routes::revoke_token),
        )
        .route("/admin/stewards", web::get().to(admin::people))
        .route("/admin/stewards", web::post().to(admin::invite))
        .route(
            "/admin/stewards/{id}/role",
            web::post().to(admin::change_role),
        )
        .route(
            "/admin/stewards/{id}/disable",
            web::post().to(admin::disable),
        )
        .route("/admin/stewards/{id}/enable", web::post().to(admin::enable))
        .route(
            "/admin/stewards/{id}/invite-link",
            web::post().to(admin::new_invite_link),
        )
        // Mail: the administrators' outbox page, Resend and the test message.
        .route("/admin/mail", web::get().to(mail::routes::page))
        .route("/admin/mail/test", web::post().to(mail::routes::send_test))
        .route(
            "/admin/mail/{id}/resend",
            web::post().to(mail::routes::resend),
        );
    let t = themes_routes(safeguarding_and_aggregates(live_routes(
        invitations_and_notifications(api_and_results(child_first(runner(builder_routes(t))))),
    )));
    t.register(cfg);
    cfg.service(api_scope());
}

/// Projects and the survey builder (stewards): every route needs Build access to the project,
/// except the project list and overview, which members with Feedback access can see.
fn builder_routes(t: Routes) -> Routes {
    use crate::projects::routes as p;
    use crate::surveys::{question_routes as q, routes as s};
    t.route("/projects", web::get().to(p::list))
        .route("/projects/new", web::get().to(p::new_page))
        .route("/projects/new", web::post().to(p::create))
        .route("/projects/{id}", web::get().to(p::overview))
        .route("/projects/{id}/edit", web::get().to(p::edit_page))
        .route("/projects/{id}/edit", web::post().to(p::edit))
        .route("/projects/{id}/members", web::get().to(p::members_page))
        .route("/projects/{id}/members", web::post().to(p::add_member))
        .route(
            "/projects/{id}/members/{steward}/remove",
            web::post().to(p::remove_member),
        )
        .route("/projects/{id}/surveys/new", web::get().to(s::new_page))
        .route("/projects/{id}/surveys/new", web::post().to(s::create))
        .route("/surveys/{id}", web::get().to(s::builder))
        .route("/surveys/{id}/settings", web::get().to(s::settings_page))
        .route("/surveys/{id}/settings", web::post().to(s::update_settings))
        .route("/surveys/{id}/preview", web::get().to(s::preview))
        .route("/surveys/{id}/publish", web::post().to(s::publish))
        .route("/surveys/{id}/close", web::post().to(s::close))
        .route("/surveys/{id}/reopen", web::post().to(s::reopen))
        .route("/surveys/{id}/duplicate", web::post().to(s::duplicate))
        .route("/surveys/{id}/questions/new", web::get().to(q::new_page))
        .route("/surveys/{id}/questions/new", web::post().to(q::create))
        .route(
            "/surveys/{id}/questions/{question}/edit",
            web::get().to(q::edit_page),
        )
        .route(
            "/surveys/{id}/questions/{question}/edit",
            web::post().to(q::edit),
        )
        .route(
            "/surveys/{id}/questions/{question}/move-up",
            web::post().to(q::move_up),
        )
        .route(
            "/surveys/{id}/questions/{question}/move-down",
            web::post().to(q::move_down),
        )
        .route(
            "/surveys/{id}/questions/{question}/delete",
            web::post().to(q::delete),
        )
        .route(
            "/surveys/{id}/questions/{question}/restore",
            web::post().to(q::restore),
        )
}

/// The public runner, receipts and erasure (no account needed).
fn runner(t: Routes) -> Routes {
    use responses::{receipts, routes as run, steps};
    t.route("/s/{slug}", web::get().to(run::start))
        .route("/s/{slug}/form", web::get().to(run::form_page))
        .route("/s/{slug}/form", web::post().to(run::submit_form))
        .route("/s/{slug}/q/{n}", web::get().to(steps::question))
        .route("/s/{slug}/q/{n}", web::post().to(steps::answer))
        .route("/s/{slug}/check", web::get().to(steps::check))
        .route("/s/{slug}/check", web::post().to(steps::send))
        .route("/receipt", web::get().to(receipts::page))
        .route("/receipt", web::post().to(receipts::show))
        .route("/receipt/delete", web::post().to(receipts::delete))
}

/// Invitations by email (stewards: Build access; public: the invitation link and the
/// unsubscribe pages, whose POST also takes RFC 8058 one-click without a CSRF token) and the
/// steward's notification settings.
fn invitations_and_notifications(t: Routes) -> Routes {
    use invitations::routes as inv;
    t.route("/surveys/{id}/invitations", web::get().to(inv::page))
        .route("/surveys/{id}/invitations", web::post().to(inv::invite))
        .route(
            "/surveys/{id}/invitations/reminders",
            web::post().to(inv::set_reminders),
        )
        .route("/i/{token}", web::get().to(inv::follow))
        .route("/unsubscribe/{token}", web::get().to(inv::unsubscribe_page))
        .route("/unsubscribe/{token}", web::post().to(inv::unsubscribe))
        .route(
            "/account/notifications",
            web::get().to(notifications::routes::page),
        )
        .route(
            "/account/notifications",
            web::post().to(notifications::routes::save),
        )
}

/// Child-first runner features: save and come back later (resume codes), and the email of a
/// code on request. Easy read, read aloud and "Exit this page" need no routes of their own.
fn child_first(t: Routes) -> Routes {
    use responses::resume;
    t.route("/s/{slug}/resume", web::get().to(resume::survey_form))
        .route("/s/{slug}/resume", web::post().to(resume::survey_resume))
        .route("/s/{slug}/resume/email", web::post().to(resume::email))
        .route("/resume", web::get().to(resume::any_form))
        .route("/resume", web::post().to(resume::any_resume))
}

/// API, results and CSV export (capability: API, results, export).
fn api_and_results(t: Routes) -> Routes {
    t.route(
        "/surveys/{id}/results",
        web::get().to(results::routes::results_page),
    )
    .route(
        "/surveys/{id}/responses.csv",
        web::get().to(results::routes::responses_csv),
    )
    .route(
        "/api/openapi.json",
        web::get().to(api::openapi::openapi_json),
    )
}

/// Real-time feedback: live boards and their event streams (project members), QR codes (public)
/// and posters (Build access), and the practitioners' "My feedback forms" page.
fn live_routes(t: Routes) -> Routes {
    use crate::live::{feedback, routes as l};
    use crate::qr::routes as qr;
    t.route("/surveys/{id}/live", web::get().to(l::survey_page))
        .route(
            "/surveys/{id}/live/fragment",
            web::get().to(l::survey_fragment),
        )
        .route("/surveys/{id}/live/events", web::get().to(l::survey_events))
        .route("/projects/{id}/live", web::get().to(l::project_page))
        .route(
            "/projects/{id}/live/fragment",
            web::get().to(l::project_fragment),
        )
        .route(
            "/projects/{id}/live/events",
            web::get().to(l::project_events),
        )
        .route("/s/{slug}/qr.svg", web::get().to(qr::svg))
        .route("/s/{slug}/qr.png", web::get().to(qr::png))
        .route("/surveys/{id}/poster", web::get().to(qr::poster))
        .route("/feedback", web::get().to(feedback::page))
}

/// Safeguarding review, disclosure-controlled aggregates and the project results page
/// (capability: safeguarding, results). Every route needs Build access to the project.
fn safeguarding_and_aggregates(t: Routes) -> Routes {
    use crate::results::aggregate_routes as agg;
    use crate::safeguarding::routes as sg;
    t.route("/projects/{id}/safeguarding", web::get().to(sg::page))
        .route(
            "/projects/{id}/safeguarding/{flag}/review",
            web::post().to(sg::review),
        )
        .route("/projects/{id}/results", web::get().to(agg::project_page))
        .route(
            "/projects/{id}/aggregates.csv",
            web::get().to(agg::project_csv),
        )
        .route(
            "/surveys/{id}/aggregates.csv",
            web::get().to(agg::survey_csv),
        )
}

/// Themes and coding (capability: themes): Build access to the project; the fixed
/// `/themes/suggestions` path is registered before `/themes/{theme}`.
fn themes_routes(t: Routes) -> Routes {
    use crate::themes::{coding_routes as c, routes as th};
    t.route("/projects/{id}/themes", web::get().to(th::list))
        .route("/projects/{id}/themes", web::post().to(th::create))
        .route(
            "/projects/{id}/themes/suggestions",
            web::get().to(th::suggestions),
        )
        .route("/projects/{id}/themes/{theme}", web::get().to(th::show))
        .route("/projects/{id}/themes/{theme}", web::post().to(th::edit))
        .route(
            "/projects/{id}/themes/{theme}/merge",
            web::post().to(th::merge),
        )
        .route(
            "/projects/{id}/themes/{theme}/retire",
            web::post().to(th::retire),
        )
        .route(
            "/projects/{id}/themes/{theme}/restore",
            web::post().to(th::restore),
        )
        .route("/projects/{id}/coding", web::get().to(c::page))
        .route("/projects/{id}/coding/queue", web::get().to(c::queue))
        .route(
            "/projects/{id}/coding/queue/{coding}/accept",
            web::post().to(c::accept),
        )
        .route(
            "/projects/{id}/coding/queue/{coding}/reject",
            web::post().to(c::reject),
        )
        .route("/projects/{id}/coding/{answer}/add", web::post().to(c::add))
        .route(
            "/projects/{id}/coding/{answer}/remove",
            web::post().to(c::remove),
        )
}

/// The JSON API under `/api/v1`: its own JSON, path and query settings so every bad input is
/// answered with problem+json.
fn api_scope() -> actix_web::Scope {
    let scope = web::scope("/api/v1")
        .app_data(api::json_config())
        .app_data(api::path_config())
        .app_data(api::query_config());
    Routes::new()
        .route("/projects", web::post().to(api::projects::create))
        .route("/projects", web::get().to(api::projects::list))
        .route("/projects/{id}", web::get().to(api::projects::get))
        .route(
            "/projects/{id}/surveys",
            web::post().to(api::surveys::create),
        )
        .route("/surveys/{id}", web::get().to(api::surveys::get))
        .route("/surveys/{id}", web::put().to(api::surveys::replace))
        .route(
            "/surveys/{id}/publish",
            web::post().to(api::surveys::publish),
        )
        .route("/surveys/{id}/close", web::post().to(api::surveys::close))
        .route(
            "/surveys/{id}/invitations",
            web::post().to(api::invitations::create),
        )
        .route(
            "/surveys/{id}/responses",
            web::get().to(api::responses::list),
        )
        .route(
            "/surveys/{id}/responses.csv",
            web::get().to(api::responses::csv),
        )
        .route(
            "/s/{slug}/responses",
            web::post().to(api::responses::submit),
        )
        // Live: new responses as server-sent events.
        .route("/surveys/{id}/events", web::get().to(api::live::events))
        .into_scope(scope)
        .default_service(web::to(api::not_found))
}
