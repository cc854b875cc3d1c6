//! Help for children and families, every time: the help panel on every page of a children's or
//! families' survey and on its confirmation page, the steward's local contact, the kind words
//! after a worrying answer (anonymous and identified, usual and easy read), the previews, who
//! may change the contact, and the warning when an anonymous survey's notice promises contact.

use chorus::accounts::{Role, StewardId};
use chorus::projects::ProjectId;
use chorus::surveys::{Audience, Layout, NewSurvey, Status, Survey, SurveyKind};
use reqwest::{Client, StatusCode};

use crate::helpers::*;
use crate::runner_fixtures::{db, fill, new_survey, project_of, q, receipt_in};

const HEADING: &str = "If you are worried or need help now";
const WORRYING: &str = "my stepdad hits me when mum is out";
const HARMLESS: &str = "We played football and it was fun";
const ANONYMOUS_TOLD: &str = "We do not know who you are, so nobody can contact you about it.";
const IDENTIFIED_TOLD: &str =
    "What you wrote has been passed to someone whose job is keeping children safe.";

/// A signed-in steward and their new project.
pub async fn steward_project(app: &TestApp) -> (Client, ProjectId) {
    let (client, user) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    (client, project_of(&db(app).await, user.id).await)
}

/// An open survey in `project` with one optional story question, on one page, tweaked.
pub async fn survey_in(
    app: &TestApp,
    project: ProjectId,
    tweak: impl FnOnce(&mut NewSurvey),
) -> Survey {
    let db = db(app).await;
    let story = [q("long_text", "story", false)];
    let mut new = new_survey(SurveyKind::Questionnaire, Layout::SinglePage, &story);
    tweak(&mut new);
    let survey = chorus::surveys::store::create(&db, project, &new)
        .await
        .unwrap();
    chorus::surveys::store::set_status(&db, survey.id, Status::Open)
        .await
        .unwrap();
    survey
}

/// Sends `story` through the single-page form and returns the confirmation page.
async fn send(app: &TestApp, client: &Client, survey: &Survey, story: &str) -> String {
    let form = format!("/s/{}/form", survey.slug);
    let res = fill(app, client, &form, &form, &[("q_story", story)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

fn help_panels(html: &str) -> Vec<String> {
    texts(html, "section.help-panel")
}

fn has_childline_and_999(html: &str, page: &str) {
    assert!(html.contains(HEADING), "{page}: {html}");
    let tels = texts_attr(html, "section.help-panel a", "href");
    assert!(
        tels.contains(&"tel:08001111".to_owned()),
        "{page}: {tels:?}"
    );
    assert!(tels.contains(&"tel:999".to_owned()), "{page}: {tels:?}");
    assert_eq!(help_panels(html).len(), 1, "{page}: one help panel");
}

#[tokio::test]
async fn a_childrens_survey_shows_help_on_the_first_page_a_question_page_and_the_confirmation_page()
{
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |s| s.layout = Layout::OnePerPage).await;
    let child = new_client();
    let base = format!("/s/{}", survey.slug);
    let (status, intro) = app.page(&base).await;
    assert_eq!(status, StatusCode::OK);
    has_childline_and_999(&intro, "intro");
    assert!(texts(&intro, "footer section.help-panel h2").contains(&HEADING.to_owned()));
    let q1 = app
        .get_with(&child, &format!("{base}/q/1"))
        .await
        .text()
        .await
        .unwrap();
    has_childline_and_999(&q1, "question page");
    assert_accessible(&q1, "question page with help");
    let res = fill(
        &app,
        &child,
        &format!("{base}/q/1"),
        &format!("{base}/q/1"),
        &[("q_story", HARMLESS)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = fill(
        &app,
        &child,
        &format!("{base}/check"),
        &format!("{base}/check"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let sent = res.text().await.unwrap();
    assert!(sent.contains("Your answers have been sent"));
    has_childline_and_999(&sent, "confirmation");
    // Shown once, in the page itself, not again in the footer.
    assert!(texts(&sent, "main section.help-panel").len() == 1);
    assert_accessible(&sent, "confirmation with help");
}

#[tokio::test]
async fn a_steward_sets_a_local_contact_and_children_see_it_beside_childline() {
    let app = spawn_app().await;
    let (steward, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |s| s.audience = Audience::Families).await;
    let overview = app
        .get_with(&steward, &format!("/projects/{}", project.0))
        .await
        .text()
        .await
        .unwrap();
    let help = format!("/projects/{}/help", project.0);
    assert!(texts_attr(&overview, "main a", "href").contains(&help));
    let page = app.get_with(&steward, &help).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_accessible(&page.text().await.unwrap(), "help contact form");
    let res = fill(
        &app,
        &steward,
        &help,
        &help,
        &[
            ("name", "Riverside Family Hub"),
            ("phone", "01632 960 001"),
            ("hours", "Monday to Friday, 9am to 5pm"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, form) = app.page(&format!("/s/{}/form", survey.slug)).await;
    let panel = help_panels(&form).join(" ");
    assert!(panel.contains("Riverside Family Hub"), "{panel}");
    assert!(panel.contains("Monday to Friday, 9am to 5pm"), "{panel}");
    assert!(
        texts_attr(&form, "section.help-panel a", "href").contains(&"tel:01632960001".to_owned())
    );
    // Emptying every box removes it again; Childline and 999 stay.
    let res = fill(
        &app,
        &steward,
        &help,
        &help,
        &[("name", ""), ("phone", ""), ("hours", "")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, form) = app.page(&format!("/s/{}/form", survey.slug)).await;
    assert!(!form.contains("Riverside Family Hub"));
    has_childline_and_999(&form, "form without local contact");
}

/// Form fields as (name, value) pairs.
type Fields<'a> = &'a [(&'a str, &'a str)];

#[tokio::test]
async fn bad_contact_details_give_a_clear_error_with_the_answers_kept() {
    let app = spawn_app().await;
    let (steward, project) = steward_project(&app).await;
    let help = format!("/projects/{}/help", project.0);
    let cases: [(Fields, &str, &str); 3] = [
        (
            &[
                ("name", "Riverside"),
                ("phone", "call the hub"),
                ("hours", "9 to 5"),
            ],
            "phone",
            "Enter a phone number using only numbers",
        ),
        (
            &[
                ("name", "Riverside"),
                ("phone", "01632 960 001"),
                ("hours", ""),
            ],
            "hours",
            "Enter when the phone is answered",
        ),
        (
            &[("name", ""), ("phone", "12"), ("hours", "9 to 5")],
            "name",
            "Enter the name of the service",
        ),
    ];
    for (fields, field, message) in cases {
        let res = fill(&app, &steward, &help, &help, fields).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let html = res.text().await.unwrap();
        assert!(
            texts(&html, ".error-summary").join(" ").contains(message),
            "{html}"
        );
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<title>Error: "));
        for (name, value) in fields {
            let kept = texts_attr(&html, &format!("input#{name}"), "value");
            assert_eq!(kept, vec![(*value).to_owned()], "{name} kept");
        }
        assert_accessible(&html, "help contact form with errors");
    }
}

#[tokio::test]
async fn a_worrying_answer_on_an_anonymous_survey_says_nobody_can_contact_them_and_shows_help() {
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |_| {}).await;
    let child = new_client();
    let sent = send(&app, &child, &survey, WORRYING).await;
    assert!(sent.contains(ANONYMOUS_TOLD), "{sent}");
    assert!(!sent.contains(IDENTIFIED_TOLD));
    has_childline_and_999(&sent, "flagged confirmation");
    // The help comes straight after the kind words, before "What happens next".
    let told = sent.find(ANONYMOUS_TOLD).unwrap();
    let panel = sent.find(HEADING).unwrap();
    assert!(told < panel && panel < sent.find("What happens next").unwrap());
    assert_accessible(&sent, "flagged confirmation");

    // Easy read, switched on with the link and remembered by the cookie.
    let reader = new_client();
    app.get_with(&reader, &format!("/s/{}/form?easy_read=yes", survey.slug))
        .await;
    let sent = send(&app, &reader, &survey, WORRYING).await;
    assert!(sent.contains("So we cannot contact you."), "{sent}");
    assert!(sent.contains("You can call any time, day or night."));
    has_childline_and_999(&sent, "easy read flagged confirmation");
}

#[tokio::test]
async fn a_worrying_answer_on_an_identified_survey_says_it_was_passed_to_someone_who_keeps_children_safe()
 {
    let app = spawn_app().await;
    let (steward, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |s| {
        s.kind = SurveyKind::Feedback;
        s.audience = Audience::Families;
        s.anonymous = false;
    })
    .await;
    let sent = send(&app, &steward, &survey, WORRYING).await;
    assert!(sent.contains(IDENTIFIED_TOLD), "{sent}");
    assert!(!sent.contains(ANONYMOUS_TOLD));
    has_childline_and_999(&sent, "identified flagged confirmation");

    app.get_with(&steward, &format!("/s/{}/form?easy_read=yes", survey.slug))
        .await;
    let sent = send(&app, &steward, &survey, WORRYING).await;
    assert!(
        sent.contains("We have told someone whose job is keeping children safe."),
        "{sent}"
    );
}

#[tokio::test]
async fn a_harmless_answer_shows_help_but_no_worried_words() {
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |_| {}).await;
    let sent = send(&app, &new_client(), &survey, HARMLESS).await;
    assert!(!sent.contains("Thank you for telling us"));
    assert!(!sent.contains(ANONYMOUS_TOLD));
    has_childline_and_999(&sent, "harmless confirmation");
}

#[tokio::test]
async fn a_survey_for_adults_shows_no_help_panel_unless_an_answer_worried_us() {
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |s| s.audience = Audience::Anyone).await;
    let (_, form) = app.page(&format!("/s/{}/form", survey.slug)).await;
    assert!(help_panels(&form).is_empty());
    let sent = send(&app, &new_client(), &survey, HARMLESS).await;
    assert!(help_panels(&sent).is_empty());
    let sent = send(&app, &new_client(), &survey, WORRYING).await;
    assert!(sent.contains(ANONYMOUS_TOLD));
    has_childline_and_999(&sent, "adults' survey, worrying answer");
}

#[tokio::test]
async fn the_preview_links_to_the_sent_page_as_usual_and_after_a_worrying_answer() {
    let app = spawn_app().await;
    let (steward, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |_| {}).await;
    let id = survey.id.0;
    let preview = app
        .get_with(&steward, &format!("/surveys/{id}/preview"))
        .await
        .text()
        .await
        .unwrap();
    has_childline_and_999(&preview, "survey preview");
    let links = texts_attr(&preview, "main a", "href");
    let usual = format!("/surveys/{id}/preview/sent?easy_read=no");
    let worrying = format!("/surveys/{id}/preview/sent?flagged=yes&easy_read=no");
    assert!(
        links.contains(&usual) && links.contains(&worrying),
        "{links:?}"
    );
    let page = app.get_with(&steward, &usual).await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("This is a preview"));
    assert!(!page.contains(ANONYMOUS_TOLD));
    has_childline_and_999(&page, "preview sent");
    assert_accessible(&page, "preview sent");
    let page = app
        .get_with(&steward, &worrying)
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(ANONYMOUS_TOLD));
    has_childline_and_999(&page, "preview sent, worrying");
    let easy = app
        .get_with(
            &steward,
            &format!("/surveys/{id}/preview/sent?flagged=yes&easy_read=yes"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(easy.contains("So we cannot contact you."));
    // People who answer cannot see the preview.
    assert_eq!(app.get(&usual).await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn practitioners_and_people_outside_the_project_cannot_change_the_help_contact() {
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let help = format!("/projects/{}/help", project.0);
    let (outsider, _) = app
        .signed_in_client(Role::Steward, "other@example.org")
        .await;
    let (practitioner, user) = app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    let db = db(&app).await;
    chorus::projects::store::set_member(
        &db,
        project,
        StewardId(user.id),
        chorus::projects::MemberRole::Practitioner,
    )
    .await
    .unwrap();
    for (client, status) in [
        (&outsider, StatusCode::NOT_FOUND),
        (&practitioner, StatusCode::FORBIDDEN),
    ] {
        assert_eq!(app.get_with(client, &help).await.status(), status);
        let res = app
            .post_form_with(
                client,
                &help,
                &[("name", "X"), ("phone", "999"), ("hours", "Never")],
            )
            .await;
        assert_eq!(res.status(), status);
    }
    assert_eq!(crate::runner_fixtures::count(&app, "help_contact").await, 0);
}

#[tokio::test]
async fn stewards_are_warned_only_when_an_anonymous_survey_promises_to_contact_people() {
    let app = spawn_app().await;
    let (steward, project) = steward_project(&app).await;
    let promising = "If you tell us you are not safe, we will contact you to help.";
    let broken = survey_in(&app, project, |s| s.privacy_notice = promising.into()).await;
    let identified = survey_in(&app, project, |s| {
        s.privacy_notice = promising.into();
        s.kind = SurveyKind::Feedback;
        s.anonymous = false;
    })
    .await;
    let honest = survey_in(&app, project, |_| {}).await;
    for (survey, warned) in [(&broken, true), (&identified, false), (&honest, false)] {
        for page in ["", "/preview"] {
            let html = app
                .get_with(&steward, &format!("/surveys/{}{page}", survey.id.0))
                .await
                .text()
                .await
                .unwrap();
            let warning = texts(&html, ".warning-text").join(" ");
            assert_eq!(warning.contains("contact you"), warned, "{page}: {warning}");
            if warned {
                assert!(warning.contains("this survey is anonymous"), "{warning}");
            }
        }
    }
}

#[tokio::test]
async fn the_default_privacy_notice_no_longer_promises_to_contact_a_child() {
    let notice = chorus::surveys::DEFAULT_PRIVACY_NOTICE;
    assert!(!notice.contains("talk to someone to keep you safe"));
    assert!(notice.contains("We cannot contact you, because we do not know who you are"));
    assert!(notice.contains("someone whose job is keeping children safe"));
    assert!(chorus::surveys::privacy::broken_promise(notice, true).is_none());
    let identified = chorus::surveys::privacy::default_notice(Audience::Families, false);
    assert!(identified.contains("they may contact you"));
}

#[tokio::test]
async fn a_closed_childrens_survey_and_the_receipt_pages_still_show_where_to_get_help() {
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let survey = survey_in(&app, project, |_| {}).await;
    let receipt = receipt_in(&send(&app, &app.client, &survey, HARMLESS).await);

    let res = app.post_form("/receipt", &[("receipt", &receipt)]).await;
    let answers = res.text().await.unwrap();
    has_childline_and_999(&answers, "your answers");
    let res = app
        .post_form("/receipt/delete", &[("receipt", &receipt)])
        .await;
    let confirm = res.text().await.unwrap();
    assert!(confirm.contains("Are you sure"), "{confirm}");
    has_childline_and_999(&confirm, "are you sure");
    let res = app
        .post_form(
            "/receipt/delete",
            &[("receipt", &receipt), ("confirm", "yes")],
        )
        .await;
    let deleted = res.text().await.unwrap();
    assert!(
        deleted.contains("Your answers have been deleted"),
        "{deleted}"
    );
    has_childline_and_999(&deleted, "deleted");

    chorus::surveys::store::set_status(&db(&app).await, survey.id, Status::Closed)
        .await
        .unwrap();
    let (status, closed) = app.page(&format!("/s/{}", survey.slug)).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(closed.contains("has closed"), "{closed}");
    has_childline_and_999(&closed, "closed");
}
