//! Pages that belong to no one capability: the public landing page, the signed-in home page,
//! the accessibility statement, the privacy notice and the health checks.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::web::Page;
use crate::web::respond::html as page_response;
use sea_orm::DatabaseConnection;

pub async fn landing(current: Option<CurrentSteward>) -> HttpResponse {
    let nav = current.as_ref().map(CurrentSteward::nav);
    page_response(StatusCode::OK, Page::new("Listening and learning together").user(nav.as_ref()).render(html! {
        h1 class="heading-xl" { "Listening and learning together" }
        p class="lead" { "Chorus helps children's and family services hear from the people they work with, and learn from what they say." }
        p class="body" { "If someone sent you a link to a questionnaire, open that link to answer it. You do not need an account." }
        h2 class="heading-m" { "For people who work in the service" }
        p class="body" { "Stewards build questionnaires, see answers arrive and turn what people say into themes and experiments. Practitioners give quick feedback after a visit, a meeting or a session." }
        @if current.is_none() {
            a href="/sign-in" class="button button-start" role="button" draggable="false" { "Sign in" }
        } @else {
            a href="/home" class="button" { "Go to your home page" }
        }
    }))
}

pub async fn home(me: CurrentSteward) -> HttpResponse {
    let nav = me.nav();
    page_response(
        StatusCode::OK,
        Page::new("Home").user(Some(&nav)).render(html! {
            span class="caption" { (me.steward.role.label()) }
            h1 class="heading-l" { "Hello, " (me.steward.name) }
            p class="body" { (me.steward.role.describe()) }
            ul class="list" {
                li { a href="/projects" { "Your projects" } }
                @if me.steward.role == crate::accounts::Role::Practitioner {
                    li { a href="/feedback" { "My feedback forms: say how a session went" } }
                }
                @if me.steward.role == crate::accounts::Role::Admin {
                    li { a href="/admin/stewards" { "People: invite and manage who can sign in" } }
                    li { a href="/admin/audit" { "Audit log: who changed what, and when" } }
                }
                li { a href="/account/tokens" { "API tokens" } }
                li { a href="/account/notifications" { "Notifications: a daily summary by email" } }
            }
        }),
    )
}

fn static_page(title: &str, current: Option<CurrentSteward>, body: Markup) -> HttpResponse {
    let nav = current.as_ref().map(CurrentSteward::nav);
    page_response(
        StatusCode::OK,
        Page::new(title).user(nav.as_ref()).render(html! {
            h1 class="heading-l" { (title) }
            (body)
        }),
    )
}

/// `GET /accessibility`: the accessibility statement.
pub async fn accessibility(current: Option<CurrentSteward>) -> HttpResponse {
    static_page(
        "Accessibility statement",
        current,
        html! {
            p class="body" { "Chorus is for everyone who uses children's and family services, including children, disabled people and people reading in a second language. We want as many people as possible to be able to use it." }
            h2 class="heading-m" id="compliance" { "How accessible Chorus is" }
            p class="body" { "Chorus aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. We believe it is partially compliant: we have tested it as described below, but it has not yet been audited by an independent expert." }
            p class="body" { "You should be able to:" }
            ul class="list" {
                li { "answer every questionnaire without JavaScript and without an account" }
                li { "use every page with a keyboard alone" }
                li { "zoom text to 200% and use a screen 320 pixels wide without losing anything" }
                li { "switch on easy read for simpler words and bigger text" }
                li { "have questions read aloud, if your browser can speak" }
                li { "save your answers and come back later with a code" }
                li { "leave a questionnaire about a sensitive topic quickly with \"Exit this page\" or by pressing Shift 3 times" }
            }
            h2 class="heading-m" id="testing" { "How we test Chorus" }
            p class="body" { "Every change to Chorus is checked automatically in a real browser (Chromium), against the real service with example data:" }
            ul class="list" {
                li { "axe-core finds no failures of the WCAG 2.0, 2.1 and 2.2 level A and AA rules on every type of page: the pages for answering, every kind of question and its error messages, easy read, \"Exit this page\", saving and coming back, seeing or deleting your answers, and the pages for the people running questionnaires" }
                li { "keyboard-only journeys: signing in, and answering a children's questionnaire and a feedback form with only Tab, Shift+Tab, Space, Enter and the arrow keys, with the focus visible at every step" }
                li { "a questionnaire with every kind of question answered by finding each control by its name alone, as a screen reader user would, with hints and error messages linked to their fields" }
                li { "reflow at 320 pixels wide and text at 200% size on every type of page, with nothing cut off, and nothing overlapping on the pages for answering" }
                li { "target sizes of at least 24 by 24 pixels for buttons, links and answer choices, and 44 by 44 pixels for faces" }
                li { "nothing moves on the pages for answering when your device asks for reduced motion" }
                li { "checks of the HTML of each page: one main heading, a label for every control, radios and checkboxes grouped with a legend, error messages linked to their fields, and the language of the page" }
            }
            p class="body" { "These checks do not listen to read aloud (the tests check that the button and its script are there, not how the voice sounds) and do not press Shift 3 times to leave a page. Automated checks find only some problems. No manual testing by disabled people has been done yet. We plan to do this, starting with children and young people who use assistive technology." }
            h2 class="heading-m" id="known-issues" { "Known issues" }
            ul class="list" {
                li { "Read aloud uses your browser's own voice, so how it sounds depends on your device. It is not offered where the browser cannot speak." }
                li { "Easy read wording is written by the people running each questionnaire. Some questions may not have it yet; they then show their usual wording." }
                li { "Pages for the people running questionnaires (building questionnaires and looking at results) are checked automatically like the rest, but have had less testing by hand than the pages for answering." }
            }
            h2 class="heading-m" id="report" { "Reporting a problem" }
            p class="body" { "If you find a problem, or need information in a different format, tell the person or organisation that sent you the link. They can contact the team who run this service, who will reply within 5 working days." }
            h2 class="heading-m" id="enforcement" { "Enforcement procedure" }
            p class="body" { "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS)." }
            p class="body" { "This statement was last reviewed in November 2026." }
        },
    )
}

pub async fn privacy(current: Option<CurrentSteward>) -> HttpResponse {
    static_page(
        "Privacy notice",
        current,
        html! {
            p class="body" { "This notice explains what Chorus keeps about you and why." }
            h2 class="heading-m" { "If you answer a questionnaire" }
            p class="body" { "Your answers are anonymous unless the questionnaire clearly says otherwise before you start. We do not ask for your name. We do not keep your internet address or details of your device." }
            p class="body" { "When you finish you get your code to see or delete your answers." }
            p class="body" { "If you choose \"Save and come back later\", your answers so far are kept for a few days under your code to carry on later, then deleted. If you ask us to email you the code, we use your address only to send that one email and do not keep it afterwards." }
            h2 class="heading-m" { "If you sign in" }
            p class="body" { "We keep your name, email address and role so you can sign in, and a cookie that keeps you signed in. It stops working when you sign out or after 30 minutes without using Chorus." }
            h2 class="heading-m" { "Cookies" }
            p class="body" { "Chorus uses only cookies it needs to work: one that keeps forms secure, one that keeps your answers between questions, one that remembers if you switched on easy read for a questionnaire and, if you sign in, one that keeps you signed in. We do not use tracking or analytics cookies, and nothing is sent to other companies." }
            h2 class="heading-m" { "Your rights" }
            p class="body" { "You can ask the organisation that sent you the link to see, correct or delete what they hold about you." }
        },
    )
}

/// `GET /healthz`: the process is alive.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// `GET /readyz`: the database answers.
pub async fn readyz(db: web::Data<DatabaseConnection>) -> HttpResponse {
    match db.get_ref().ping().await {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready"),
        Err(err) => {
            tracing::warn!(error = %err, "database is not answering");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
}

/// Unknown routes.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// Serves `/assets/{file}` when the file name carries the current hash; 404 otherwise.
pub async fn asset(file: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (body, content_type) = crate::web::assets::find(&file).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(body))
}
