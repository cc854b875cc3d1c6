//! The whole route table in one place: one block function per capability, chained in
//! [`routes`], each path registered as one resource (so a wrong method gets 405).

use actix_web::web;

use crate::accounts::{self, admin};
use crate::web::routing::Routes;

mod api_table;
mod learning;
use crate::{api, audit, invitations, mail, notifications, pages, responses, results};
use api_table::{api_scope, api_table};
use learning::{rounds_routes, stewardship_routes, updates_routes};

/// The whole route table.
pub fn routes(cfg: &mut web::ServiceConfig) {
    table().register(cfg);
    cfg.service(
        api_table()
            .into_scope(api_scope())
            .default_service(web::to(api::not_found)),
    );
}

/// Every path this service answers, API paths with their `/api/v1` prefix: for tests that walk
/// the table (every non-public route must refuse strangers).
pub fn paths() -> Vec<String> {
    let api = api_table()
        .paths()
        .into_iter()
        .map(|p| format!("/api/v1{p}"));
    table().paths().into_iter().chain(api).collect()
}

/// The pages (everything outside `/api/v1`).
fn table() -> Routes {
    let t = Routes::new()
        .route("/", web::get().to(pages::landing))
        .route("/healthz", web::get().to(pages::healthz))
        .route("/readyz", web::get().to(pages::readyz))
        .route("/assets/{file}", web::get().to(pages::asset))
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
        )
        // The audit log: read only (administrators).
        .route("/admin/audit", web::get().to(audit::routes::page))
        .route("/admin/audit.csv", web::get().to(audit::routes::download));
    updates_routes(stewardship_routes(rounds_routes(experiments_routes(
        themes_routes(safeguarding_and_aggregates(live_routes(
            invitations_and_notifications(api_and_results(child_first(runner(builder_routes(t))))),
        ))),
    ))))
}

/// Experiments (test and learn): members see them and reflect; those who build propose, plan
/// and decide (`experiments::ExperimentAccess`).
fn experiments_routes(t: Routes) -> Routes {
    use crate::experiments::{
        routes as x, routes_decide as d, routes_plan as p, routes_report as r,
    };
    const X: &str = "/projects/{id}/experiments/{experiment}";
    t.route("/projects/{id}/experiments", web::get().to(x::list))
        .route("/projects/{id}/experiments", web::post().to(x::create))
        .route("/projects/{id}/experiments/new", web::get().to(x::new))
        .route(
            "/projects/{id}/experiments.csv",
            web::get().to(r::experiments_csv),
        )
        .route(
            "/projects/{id}/reflections.csv",
            web::get().to(r::reflections_csv),
        )
        .route(X, web::get().to(x::show))
        .route(&format!("{X}/edit"), web::get().to(x::edit))
        .route(&format!("{X}/edit"), web::post().to(x::update))
        .route(&format!("{X}/plan"), web::get().to(p::show))
        .route(&format!("{X}/plan"), web::post().to(p::design))
        .route(
            &format!("{X}/plan/measures"),
            web::post().to(p::add_measure),
        )
        .route(
            &format!("{X}/plan/measures/{{index}}/remove"),
            web::post().to(p::remove_measure),
        )
        .route(&format!("{X}/decide"), web::get().to(d::decide_page))
        .route(&format!("{X}/decide"), web::post().to(d::decide))
        .route(&format!("{X}/feedback"), web::post().to(d::feedback))
        .route(
            &format!("{X}/reflections/new"),
            web::get().to(d::reflect_page),
        )
        .route(&format!("{X}/reflections"), web::post().to(d::reflect))
        .route(&format!("{X}/report"), web::get().to(r::report))
        .route(
            &format!("{X}/report/easy-read"),
            web::get().to(r::easy_read),
        )
}

/// Projects and the survey builder (stewards): every route needs Build access to the project,
/// except the project list and overview, which members with Feedback access can see.
fn builder_routes(t: Routes) -> Routes {
    use crate::help::routes as help;
    use crate::projects::routes as p;
    use crate::surveys::{life_routes as life, question_routes as q, routes as s};
    t.route("/projects", web::get().to(p::list))
        .route("/projects/new", web::get().to(p::new_page))
        .route("/projects/new", web::post().to(p::create))
        .route("/projects/{id}", web::get().to(p::overview))
        .route("/projects/{id}/edit", web::get().to(p::edit_page))
        .route("/projects/{id}/edit", web::post().to(p::edit))
        .route("/projects/{id}/members", web::get().to(p::members_page))
        .route("/projects/{id}/members", web::post().to(p::add_member))
        .route("/projects/{id}/help", web::get().to(help::page))
        .route("/projects/{id}/help", web::post().to(help::save))
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
        .route(
            "/surveys/{id}/preview/sent",
            web::get().to(crate::responses::preview::sent),
        )
        .route("/surveys/{id}/publish", web::post().to(life::publish))
        .route("/surveys/{id}/close", web::get().to(life::close_page))
        .route("/surveys/{id}/close", web::post().to(life::close))
        .route("/surveys/{id}/reopen", web::post().to(life::reopen))
        .route("/surveys/{id}/duplicate", web::post().to(life::duplicate))
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

/// Safeguarding review (capability: safeguarding; stewards who can build the project and its
/// safeguarding leads, checked by `safeguarding::leads::reviewable`; `settings` is registered
/// before `{flag}`), disclosure-controlled aggregates and the project results page
/// (capability: results; Build access to the project).
fn safeguarding_and_aggregates(t: Routes) -> Routes {
    use crate::results::aggregate_routes as agg;
    use crate::safeguarding::{routes as sg, settings as sgs};
    t.route("/projects/{id}/safeguarding", web::get().to(sg::page))
        .route("/projects/{id}/safeguarding.csv", web::get().to(sg::csv))
        .route(
            "/projects/{id}/safeguarding/settings",
            web::get().to(sgs::show),
        )
        .route(
            "/projects/{id}/safeguarding/settings",
            web::post().to(sgs::save),
        )
        .route(
            "/projects/{id}/safeguarding/{flag}",
            web::get().to(sg::flag),
        )
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

/// Themes, coding and theme exports (capability: themes): Build access to the project; the
/// fixed paths (`/themes/suggestions`, the downloads) are registered before `/themes/{theme}`.
fn themes_routes(t: Routes) -> Routes {
    use crate::themes::{
        coding::routes as c, export::routes as ex, merge_routes as m, routes as th,
    };
    t.route("/projects/{id}/themes", web::get().to(th::list))
        .route("/projects/{id}/themes.csv", web::get().to(ex::themes_csv))
        .route("/projects/{id}/themes.xlsx", web::get().to(ex::themes_xlsx))
        .route(
            "/projects/{id}/coded-answers.csv",
            web::get().to(ex::coded_csv),
        )
        .route(
            "/projects/{id}/coded-answers.xlsx",
            web::get().to(ex::coded_xlsx),
        )
        .route("/projects/{id}/themes", web::post().to(th::create))
        .route(
            "/projects/{id}/themes/suggestions",
            web::get().to(th::suggestions),
        )
        .route("/projects/{id}/themes/{theme}", web::get().to(th::show))
        .route("/projects/{id}/themes/{theme}", web::post().to(th::edit))
        .route(
            "/projects/{id}/themes/{theme}/merge",
            web::get().to(m::merge_page),
        )
        .route(
            "/projects/{id}/themes/{theme}/merge",
            web::post().to(m::merge),
        )
        .route(
            "/projects/{id}/themes/{theme}/retire",
            web::get().to(m::retire_page),
        )
        .route(
            "/projects/{id}/themes/{theme}/retire",
            web::post().to(m::retire),
        )
        .route(
            "/projects/{id}/themes/{theme}/restore",
            web::post().to(m::restore),
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
