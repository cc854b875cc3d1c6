//! Account pages: sign in, first-run setup, accepting an invitation, people and API tokens.

use maud::{Markup, html};

use crate::accounts::model::{Role, Steward, StewardId};
use crate::web::forms::{Input, button, csrf_field, error_summary, secondary_button};
use crate::web::{FieldErrors, NavUser, Page, table_region};

/// Values a person typed into an account form, kept after an error.
#[derive(Default)]
pub struct Typed<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

pub fn sign_in(csrf: &str, email: &str, errors: &FieldErrors, notice: Option<&str>) -> Markup {
    Page::new("Sign in").error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        h1 class="heading-l" { "Sign in to Chorus" }
        @if let Some(notice) = notice {
            div class="notification" role="status" { p class="body" { (notice) } }
        }
        form method="post" action="/sign-in" novalidate {
            (csrf_field(csrf))
            (Input::new("email", "Email address").kind("email").autocomplete("username").value(email).render(errors))
            (Input::new("password", "Password").kind("password").autocomplete("current-password").render(errors))
            (button("Sign in"))
        }
        p class="body" { "If you have forgotten your password, ask an administrator to send you a new link." }
    })
}

fn password_hint() -> &'static str {
    "Use 12 characters or more. A few unrelated words make a strong password that is easy to remember."
}

pub fn setup(csrf: &str, action: &str, typed: &Typed, errors: &FieldErrors) -> Markup {
    Page::new("Set up Chorus").error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        h1 class="heading-l" { "Set up Chorus" }
        p class="body" { "Create the first administrator account. You can invite other people once you have signed in." }
        form method="post" action=(action) novalidate {
            (csrf_field(csrf))
            (Input::new("name", "Your name").autocomplete("name").value(typed.name).render(errors))
            (Input::new("email", "Email address").kind("email").autocomplete("email").value(typed.email)
                .hint("You will use this to sign in.").render(errors))
            (Input::new("password", "Create a password").kind("password").autocomplete("new-password")
                .hint(password_hint()).render(errors))
            (button("Create account"))
        }
    })
}

pub fn accept_invite(csrf: &str, action: &str, steward: &Steward, errors: &FieldErrors) -> Markup {
    Page::new("Create your password").error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        h1 class="heading-l" { "Create your password" }
        p class="body" { "You have been invited to Chorus as " strong { (steward.role.label().to_lowercase()) } ", with the email address " strong { (steward.email) } "." }
        form method="post" action=(action) novalidate {
            (csrf_field(csrf))
            (Input::new("password", "Create a password").kind("password").autocomplete("new-password")
                .hint(password_hint()).render(errors))
            (button("Create password and sign in"))
        }
    })
}

/// A link to show an admin once, after inviting someone.
pub struct NewLink<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

pub fn people(
    nav: &NavUser,
    me: StewardId,
    people: &[Steward],
    typed: &Typed,
    role: &str,
    errors: &FieldErrors,
    link: Option<NewLink>,
) -> Markup {
    Page::new("People").error(!errors.is_empty()).user(Some(nav)).render(html! {
        (error_summary(errors))
        h1 class="heading-l" { "People" }
        @if let Some(link) = link {
            div class="panel-notice" role="status" {
                h2 class="heading-m" { "Invitation link for " (link.name) }
                p class="body" { "Send this link to them. It works once, for 7 days." }
                p class="body" { code class="copyable" { (link.url) } }
            }
        }
        (table_region("Everyone who can sign in to Chorus", html! { table class="table" {
            caption class="visually-hidden" { "Everyone who can sign in to Chorus" }
            thead { tr { th scope="col" { "Name" } th scope="col" { "Email" } th scope="col" { "Role" } th scope="col" { "Status" } th scope="col" { "Actions" } } }
            tbody {
                @for p in people {
                    tr {
                        td { (p.name) }
                        td { (p.email) }
                        td { (p.role.label()) }
                        td { (if p.disabled { "Disabled" } else if p.active { "Active" } else { "Invited" }) }
                        td {
                            @if p.id != me {
                                form method="post" action={ "/admin/stewards/" (p.id.0) "/role" } class="inline-form" {
                                    (csrf_field(&nav.csrf))
                                    label class="label-inline" for={ "role-" (p.id.0) } { "Role for " (p.name) }
                                    select class="select" id={ "role-" (p.id.0) } name="role" {
                                        @for r in Role::ALL {
                                            option value=(r.as_str()) selected[r == p.role] { (r.label()) }
                                        }
                                    }
                                    (secondary_button("Change role"))
                                }
                                form method="post" action={ "/admin/stewards/" (p.id.0) (if p.disabled { "/enable" } else { "/disable" }) } class="inline-form" {
                                    (csrf_field(&nav.csrf))
                                    button type="submit" class="button button-secondary" {
                                        (if p.disabled { "Enable" } else { "Disable" })
                                        span class="visually-hidden" { " " (p.name) }
                                    }
                                }
                                @if !p.active && !p.disabled {
                                    form method="post" action={ "/admin/stewards/" (p.id.0) "/invite-link" } class="inline-form" {
                                        (csrf_field(&nav.csrf))
                                        button type="submit" class="button button-secondary" {
                                            "New invitation link" span class="visually-hidden" { " for " (p.name) }
                                        }
                                    }
                                }
                            } @else {
                                "This is you"
                            }
                        }
                    }
                }
            }
        } }))
        h2 class="heading-m" { "Invite someone" }
        form method="post" action="/admin/stewards" novalidate {
            (csrf_field(&nav.csrf))
            (Input::new("name", "Name").autocomplete("off").value(typed.name).render(errors))
            (Input::new("email", "Email address").kind("email").autocomplete("off").value(typed.email).render(errors))
            (role_radios(role, errors))
            (button("Invite"))
        }
    })
}

fn role_radios(selected: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get("role");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            fieldset class="fieldset" aria-describedby=[error.map(|_| "role-error")] {
                legend class="fieldset-legend" { "Role" }
                @if let Some(message) = error {
                    p class="error-message" id="role-error" { span class="visually-hidden" { "Error: " } (message) }
                }
                div class="radios" {
                    @for (i, r) in Role::ALL.iter().enumerate() {
                        @let id = if i == 0 { "role".to_owned() } else { format!("role-{}", r.as_str()) };
                        div class="radio" {
                            input class="radio-input" type="radio" id=(id) name="role" value=(r.as_str())
                                checked[selected == r.as_str()] aria-describedby={ (id) "-hint" };
                            label class="radio-label" for=(id) { (r.label()) }
                            div class="hint radio-hint" id={ (id) "-hint" } { (r.describe()) }
                        }
                    }
                }
            }
        }
    }
}

/// A token row for the tokens page.
pub struct TokenRow {
    pub id: i64,
    pub label: String,
    pub created: String,
    pub last_used: String,
    pub revoked: bool,
}

pub fn tokens(
    nav: &NavUser,
    rows: &[TokenRow],
    label: &str,
    errors: &FieldErrors,
    new_token: Option<&str>,
) -> Markup {
    Page::new("API tokens").error(!errors.is_empty()).user(Some(nav)).render(html! {
        (error_summary(errors))
        h1 class="heading-l" { "API tokens" }
        p class="body" { "Tokens let other programs use the Chorus API as you. Treat them like passwords." }
        @if let Some(token) = new_token {
            div class="panel-notice" role="status" {
                h2 class="heading-m" { "Your new token" }
                p class="body" { "Copy it now. You will not be able to see it again." }
                p class="body" { code class="copyable" { (token) } }
            }
        }
        @if rows.is_empty() {
            p class="body" { "You have no tokens yet." }
        } @else {
            (table_region("Your API tokens", html! { table class="table" {
                caption class="visually-hidden" { "Your API tokens" }
                thead { tr { th scope="col" { "Label" } th scope="col" { "Created" } th scope="col" { "Last used" } th scope="col" { "Status" } } }
                tbody {
                    @for row in rows {
                        tr {
                            td { (row.label) }
                            td { (row.created) }
                            td { (row.last_used) }
                            td {
                                @if row.revoked { "Revoked" } @else {
                                    form method="post" action={ "/account/tokens/" (row.id) "/revoke" } class="inline-form" {
                                        (csrf_field(&nav.csrf))
                                        button type="submit" class="button button-warning" {
                                            "Revoke" span class="visually-hidden" { " " (row.label) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            } }))
        }
        h2 class="heading-m" { "Create a token" }
        form method="post" action="/account/tokens" novalidate {
            (csrf_field(&nav.csrf))
            (Input::new("label", "What is this token for?").hint("For example, \"monthly report script\".").value(label).render(errors))
            (button("Create token"))
        }
    })
}
