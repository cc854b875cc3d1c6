//! Project pages: the list, the create and edit form, the overview and the members page.

use maud::{Markup, html};

use crate::accounts::StewardId;
use crate::projects::model::{MemberRole, Project, ProjectInput, Scale};
use crate::projects::store::Access;
use crate::surveys::{Status, Survey};
use crate::web::choices::{Choice, radios, textarea};
use crate::web::forms::{Input, button, csrf_field, error_summary, secondary_button};
use crate::web::{FieldErrors, NavUser, Page, table_region};

/// A member as the members page shows them.
pub struct MemberRow {
    /// Their steward id.
    pub id: StewardId,
    /// Display name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Part in the project.
    pub role: MemberRole,
}

/// The list of projects a person can see.
pub fn list(nav: &NavUser, projects: &[Project], can_create: bool) -> Markup {
    Page::new("Projects").user(Some(nav)).render(html! {
        h1 class="heading-l" { "Projects" }
        @if can_create {
            a class="button" href="/projects/new" { "Create a project" }
        }
        @if projects.is_empty() {
            p class="body" { "You are not a member of any project yet." }
        } @else {
            ul class="question-list" {
                @for p in projects {
                    li {
                        a href={ "/projects/" (p.id.0) } { (p.title) }
                        p class="body hint" { (p.outcome) }
                    }
                }
            }
        }
    })
}

/// The create or edit form. `id` is `None` when creating.
pub fn form(
    nav: &NavUser,
    csrf: &str,
    id: Option<i64>,
    typed: &ProjectInput,
    errors: &FieldErrors,
) -> Markup {
    let (title, action, back) = match id {
        Some(id) => (
            "Change project details",
            format!("/projects/{id}/edit"),
            format!("/projects/{id}"),
        ),
        None => (
            "Create a project",
            "/projects/new".to_owned(),
            "/projects".to_owned(),
        ),
    };
    let scales: Vec<Choice<'_>> = Scale::ALL
        .iter()
        .map(|s| (s.as_str(), s.label(), None))
        .collect();
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            h1 class="heading-l" { (title) }
            form method="post" action=(action) novalidate {
                (csrf_field(csrf))
                (Input::new("title", "Project title").value(&typed.title).render(errors))
                (textarea("outcome", "What outcome is the project organised around?",
                    Some("The difference you want to make in people's lives, for example \"Families get help before things reach crisis\"."),
                    &typed.outcome, false, errors))
                (radios("scale", "What is the scale of the system?", None, &scales, &typed.scale, errors))
                (textarea("description", "Description", Some("Anything else people should know about the project."), &typed.description, true, errors))
                (Input::new("safeguarding_lead", "Safeguarding lead's email address")
                    .hint("The person to contact if a response raises a safeguarding concern.")
                    .kind("email").autocomplete("off").value(&typed.safeguarding_lead).render(errors))
                (button(if id.is_some() { "Save changes" } else { "Create project" }))
            }
        })
}

/// The project overview.
pub fn overview(
    nav: &NavUser,
    project: &Project,
    access: Access,
    members: &[MemberRow],
    surveys: &[Survey],
    banner: Markup,
) -> Markup {
    let id = project.id.0;
    let can_build = access == Access::Build;
    let can_read = matches!(access, Access::Build | Access::Read);
    Page::new(&project.title)
        .user(Some(nav))
        .back("/projects")
        .render(html! {
            (banner)
            span class="caption" { "Project" }
            h1 class="heading-l" { (project.title) }
            dl class="summary-list" {
                div class="summary-row" { dt class="summary-key" { "Outcome" } dd class="summary-value" { (project.outcome) } }
                div class="summary-row" { dt class="summary-key" { "Scale" } dd class="summary-value" { (project.scale.label()) } }
                @if !project.description.is_empty() {
                    div class="summary-row" { dt class="summary-key" { "Description" } dd class="summary-value" { (project.description) } }
                }
                div class="summary-row" { dt class="summary-key" { "Safeguarding lead" } dd class="summary-value" { (project.safeguarding_lead) } }
            }
            @if can_build {
                p class="body" { a href={ "/projects/" (id) "/edit" } { "Change project details" } }
                ul class="list" {
                    li { a href={ "/projects/" (id) "/results" } { "Results across all surveys" } }
                    li { a href={ "/projects/" (id) "/safeguarding" } { "Safeguarding concerns" } }
                    li { a href={ "/projects/" (id) "/help" } { "Help for children and families" } }
                }
            }
            @if can_build {
                p class="body" {
                    a href={ "/projects/" (id) "/themes" } { "Themes" } " · "
                    a href={ "/projects/" (id) "/coding" } { "Coding" }
                }
            } @else if can_read {
                ul class="list" {
                    li { a href={ "/projects/" (id) "/results" } { "Results across all surveys" } }
                    li { a href={ "/projects/" (id) "/themes" } { "Themes" } }
                }
            }
            p class="body" { a href={ "/projects/" (id) "/experiments" } { "Experiments" } ": small changes we try, learn from, and keep, change or stop" }
            p class="body" { a href={ "/projects/" (id) "/decisions" } { "Decision log" } ": what we decided, why, and who was in the room" }
            @if can_read {
                p class="body" { a href={ "/projects/" (id) "/learning" } { "Learning across this project and those inside it" } }
            }
            @if can_build {
                p class="body" { a href={ "/projects/" (id) "/parent" } { "Where this project sits" } ": the wider project it is part of" }
            }
            p class="body" { a href={ "/projects/" (id) "/rounds" } { "Have your say" } ": ask children, families and practitioners if they agree with what we heard and plan to try" }
            @if can_build { p class="body" { a href={ "/projects/" (id) "/updates" } { "You said, we did" } ": a public page telling people what we heard, decided, tried and learned" } }
            h2 class="heading-m" { "Surveys" }
            @if can_build {
                a class="button" href={ "/projects/" (id) "/surveys/new" } { "Create a survey" }
            }
            @if surveys.is_empty() {
                p class="body" { "There are no surveys yet." }
            } @else {
                ul class="question-list" {
                    @for s in surveys {
                        li {
                            @if can_build {
                                a href={ "/surveys/" (s.id.0) } { (s.title) }
                            } @else {
                                (s.title)
                            }
                            " " (crate::surveys::status_tag(s.status))
                            span class="caption" { (s.kind.label()) " for " (s.audience.label().to_lowercase()) }
                            @if s.status == Status::Open {
                                span class="caption" { "Public link: " a href=(s.path()) { (s.path()) } }
                            }
                            @let of = html! { span class="visually-hidden" { " of " (s.title) } };
                            @if s.status != Status::Draft {
                                span class="caption" {
                                    a href={ "/surveys/" (s.id.0) "/live" } { "Live board" (of) }
                                    @if can_read {
                                        " · " a href={ "/surveys/" (s.id.0) "/results" } { "Results" (of) }
                                    }
                                    @if can_build {
                                        @if s.status == Status::Open {
                                            " · " a href={ "/surveys/" (s.id.0) "/poster" } { "QR poster" (of) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 class="heading-m" { "Members" }
            ul class="list" {
                @for m in members {
                    li { (m.name) " – " (role_label(m.role)) }
                }
            }
            @if can_build {
                p class="body" { a href={ "/projects/" (id) "/members" } { "Manage members" } }
            }
        })
}

/// The members page: the list with remove buttons, and the add form.
pub fn members(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    members: &[MemberRow],
    typed: (&str, &str),
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}");
    let roles: Vec<Choice<'_>> = MemberRole::ALL
        .iter()
        .map(|r| (r.as_str(), role_label(*r), Some(role_describe(*r))))
        .collect();
    Page::new("Members")
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Members" }
            (table_region("Members of this project", html! {
                table class="table" {
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Email address" } th scope="col" { "Role" } th scope="col" { span class="visually-hidden" { "Actions" } } } }
                    tbody {
                        @for m in members {
                            tr {
                                td { (m.name) }
                                td class="break-anywhere" { (m.email) }
                                td { (role_label(m.role)) }
                                td {
                                    form method="post" action={ "/projects/" (id) "/members/" (m.id.0) "/remove" } class="inline-form" {
                                        (csrf_field(csrf))
                                        button type="submit" class="button button-secondary" {
                                            "Remove" span class="visually-hidden" { " " (m.name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }))
            h2 class="heading-m" { "Add a member" }
            p class="body" { "They need a Chorus account first. An administrator can invite them." }
            form method="post" action={ "/projects/" (id) "/members" } novalidate {
                (csrf_field(csrf))
                (Input::new("email", "Email address").kind("email").autocomplete("off").value(typed.0).render(errors))
                (radios("role", "Their part in this project", None, &roles, typed.1, errors))
                (secondary_button("Add member"))
            }
        })
}

/// The name people see for a project role.
pub fn role_label(role: MemberRole) -> &'static str {
    match role {
        MemberRole::Steward => "Steward",
        MemberRole::Practitioner => "Practitioner",
        MemberRole::SafeguardingLead => "Safeguarding lead",
        MemberRole::Viewer => "Viewer",
        MemberRole::Representative => "Participant representative",
    }
}

fn role_describe(role: MemberRole) -> &'static str {
    match role {
        MemberRole::Steward => "Builds surveys, looks at results and manages members.",
        MemberRole::Practitioner => "Sees the project and gives feedback.",
        MemberRole::SafeguardingLead => "Opens and reviews safeguarding concerns. Builds nothing.",
        MemberRole::Viewer => "Reads results and themes. Changes nothing.",
        MemberRole::Representative => {
            "A young person or parent on the project group: sees themes, ideas and decisions in easy read and says what they think. Never sees anyone's answers."
        }
    }
}
