//! The learning half's routes: "Have your say" rounds (participation), and the decision log,
//! framework and project group pages (stewardship), and learning across scales (rollup).

use actix_web::web;

use crate::web::routing::Routes;

/// The decision log and framework: members read the log; those who build record decisions and
/// change the criteria. `new` and `criteria` come before `{decision}` so they are not read as ids.
pub fn stewardship_routes(t: Routes) -> Routes {
    use crate::stewardship::routes as s;
    t.route(
        "/projects/{id}/learning",
        web::get().to(crate::rollup::routes::page),
    )
    .route(
        "/projects/{id}/learning/same",
        web::post().to(crate::rollup::routes::same),
    )
    .route(
        "/projects/{id}/learning/separate",
        web::post().to(crate::rollup::routes::separate),
    )
    .route(
        "/projects/{id}/parent",
        web::get().to(crate::rollup::routes::parent_page),
    )
    .route(
        "/projects/{id}/parent",
        web::post().to(crate::rollup::routes::set_parent),
    )
    .route("/projects/{id}/decisions", web::get().to(s::log))
    .route("/projects/{id}/decisions", web::post().to(s::create))
    .route("/projects/{id}/decisions.csv", web::get().to(s::log_csv))
    .route("/projects/{id}/decisions/new", web::get().to(s::new_page))
    .route(
        "/projects/{id}/decisions/criteria",
        web::get().to(s::criteria_page),
    )
    .route(
        "/projects/{id}/decisions/criteria",
        web::post().to(s::save_criteria),
    )
    .route(
        "/projects/{id}/decisions/{decision}",
        web::get().to(s::show),
    )
    .route(
        "/projects/{id}/together",
        web::get().to(crate::stewardship::together::page),
    )
    .route(
        "/projects/{id}/together/decisions/{decision}",
        web::get().to(crate::stewardship::together::decision_page),
    )
    .route(
        "/projects/{id}/together/decisions/{decision}",
        web::post().to(crate::stewardship::together::give_opinion),
    )
}

/// "Have your say" rounds (capability: participation): members see rounds and results; those
/// who build start them, add items, open, close and moderate comments; `/p/{slug}` is public.
pub fn rounds_routes(t: Routes) -> Routes {
    use crate::participation::{item_routes as i, public as p, results_routes as res, routes as r};
    const R: &str = "/projects/{id}/rounds/{round}";
    t.route("/projects/{id}/rounds", web::get().to(r::list))
        .route("/projects/{id}/rounds", web::post().to(r::create))
        .route("/projects/{id}/rounds/new", web::get().to(r::new))
        .route(R, web::get().to(r::show))
        .route(&format!("{R}/open"), web::post().to(r::open))
        .route(&format!("{R}/close"), web::post().to(r::close))
        .route(&format!("{R}/items/new"), web::get().to(i::new))
        .route(&format!("{R}/items"), web::post().to(i::add))
        .route(
            &format!("{R}/items/{{item}}/remove"),
            web::post().to(r::remove_item),
        )
        .route(&format!("{R}/results"), web::get().to(res::page))
        .route(
            &format!("{R}/results/fragment"),
            web::get().to(res::fragment),
        )
        .route(&format!("{R}/events"), web::get().to(res::events))
        .route(&format!("{R}/comments"), web::get().to(res::comments))
        .route(
            &format!("{R}/comments/{{comment}}"),
            web::post().to(res::moderate),
        )
        .route("/p/{slug}", web::get().to(p::page))
        .route("/p/{slug}", web::post().to(p::send))
        .route("/p/{slug}/results", web::get().to(p::results))
}

/// "You said, we did" (capability: updates): those who build draft, publish and take down the
/// page; `/u/{slug}` (not `/p/`, which is rounds') is public, with the email sign-up and unsubscribe.
pub fn updates_routes(t: Routes) -> Routes {
    use crate::updates::{public as p, routes as r};
    t.route("/projects/{id}/updates", web::get().to(r::page))
        .route("/projects/{id}/updates", web::post().to(r::save))
        .route(
            "/projects/{id}/updates/draft",
            web::post().to(r::make_draft),
        )
        .route("/projects/{id}/updates/publish", web::post().to(r::publish))
        .route(
            "/projects/{id}/updates/unpublish",
            web::post().to(r::unpublish),
        )
        .route("/u/{slug}", web::get().to(p::page))
        .route("/u/{slug}/subscribe", web::post().to(p::subscribe))
        .route(
            "/u/{slug}/unsubscribe/{token}",
            web::get().to(p::unsubscribe_page),
        )
        .route(
            "/u/{slug}/unsubscribe/{token}",
            web::post().to(p::unsubscribe),
        )
}
