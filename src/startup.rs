//! Building the application: connect, migrate, bind, and the whole route table in one place.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use url::Url;

use crate::accounts::{self, SetupGate, SignInThrottle, admin};
use crate::config::Settings;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{assets, csrf, middleware};
use crate::{db, pages};

/// A bound, ready-to-run Chorus server.
pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
    base_url: Url,
    setup_link: Option<String>,
}

impl Application {
    /// Connects to the database, applies migrations and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = db::connect(&settings.database_url)
            .await
            .map_err(|e| anyhow::anyhow!("DATABASE_URL: cannot connect to the database ({e})"))?;
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
        let state = AppState {
            db: db.clone(),
            settings: Arc::new(settings),
            base_url: base_url.clone(),
            setup,
            throttle: Arc::new(SignInThrottle::default()),
        };
        let server = serve(listener, state)?;
        Ok(Application {
            port: local.port(),
            server,
            db,
            base_url,
            setup_link,
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

    /// Serves until SIGINT or SIGTERM, lets in-flight requests finish, then closes the database.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.server.await.context("the HTTP server failed")?;
        self.db.close().await.context("closing the database")?;
        tracing::info!("stopped cleanly");
        Ok(())
    }
}

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

/// The whole route table. Each path is one resource, so a wrong method gets 405, not 404.
fn routes(cfg: &mut web::ServiceConfig) {
    use accounts::routes as acc;
    let get = web::get;
    let post = web::post;
    cfg.service(web::resource("/").route(get().to(pages::landing)))
        .service(web::resource("/healthz").route(get().to(pages::healthz)))
        .service(web::resource("/readyz").route(get().to(pages::readyz)))
        .service(web::resource("/assets/{file}").route(get().to(assets::serve)))
        .service(web::resource("/accessibility").route(get().to(pages::accessibility)))
        .service(web::resource("/privacy").route(get().to(pages::privacy)))
        .service(web::resource("/home").route(get().to(pages::home)))
        .service(
            web::resource("/sign-in")
                .route(get().to(acc::sign_in_page))
                .route(post().to(acc::sign_in)),
        )
        .service(web::resource("/sign-out").route(post().to(acc::sign_out)))
        .service(
            web::resource("/setup/{secret}")
                .route(get().to(acc::setup_page))
                .route(post().to(acc::setup)),
        )
        .service(
            web::resource("/invite/{secret}")
                .route(get().to(acc::invite_page))
                .route(post().to(acc::accept_invite)),
        )
        .service(
            web::resource("/account/tokens")
                .route(get().to(acc::tokens_page))
                .route(post().to(acc::create_token)),
        )
        .service(web::resource("/account/tokens/{id}/revoke").route(post().to(acc::revoke_token)))
        .service(
            web::resource("/admin/stewards")
                .route(get().to(admin::people))
                .route(post().to(admin::invite)),
        )
        .service(web::resource("/admin/stewards/{id}/role").route(post().to(admin::change_role)))
        .service(web::resource("/admin/stewards/{id}/disable").route(post().to(admin::disable)))
        .service(web::resource("/admin/stewards/{id}/enable").route(post().to(admin::enable)))
        .service(
            web::resource("/admin/stewards/{id}/invite-link")
                .route(post().to(admin::new_invite_link)),
        );
}
