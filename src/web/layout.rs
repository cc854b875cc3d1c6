//! The page layout every HTML page shares, structured like the GOV.UK Design System's template.

use maud::{DOCTYPE, Markup, html};

use crate::web::assets;

/// The signed-in person, as the header needs them.
#[derive(Clone, Debug)]
pub struct NavUser {
    /// Display name.
    pub name: String,
    /// Whether to show the admin link.
    pub is_admin: bool,
    /// CSRF token for the sign-out button.
    pub csrf: String,
}

/// One page: title, error state, who is signed in, and an optional back link.
#[derive(Default)]
pub struct Page<'a> {
    title: &'a str,
    error: bool,
    user: Option<&'a NavUser>,
    back: Option<&'a str>,
    easy_read: bool,
    exit: Option<&'a str>,
    script: Option<&'a str>,
    help: Option<Markup>,
}

impl<'a> Page<'a> {
    /// A page with this title (also used for the `<title>`).
    pub fn new(title: &'a str) -> Self {
        Page {
            title,
            ..Page::default()
        }
    }

    /// Marks the page as showing validation errors: the title gets the "Error: " prefix.
    pub fn error(mut self, has_error: bool) -> Self {
        self.error = has_error;
        self
    }

    /// Shows the signed-in navigation.
    pub fn user(mut self, user: Option<&'a NavUser>) -> Self {
        self.user = user;
        self
    }

    /// Adds a back link above the main content.
    pub fn back(mut self, href: &'a str) -> Self {
        self.back = Some(href);
        self
    }

    /// Shows the page in easy read: larger text and more space (the `easy-read` body class).
    pub fn easy_read(mut self, on: bool) -> Self {
        self.easy_read = on;
        self
    }

    /// Adds the GOV.UK "Exit this page" button, leaving for `url` (sensitive surveys).
    pub fn exit(mut self, url: Option<&'a str>) -> Self {
        self.exit = url;
        self
    }

    /// Adds a progressive-enhancement script served by Chorus itself (deferred; the page
    /// works without it).
    pub fn script(mut self, src: &'a str) -> Self {
        self.script = Some(src);
        self
    }

    /// Shows `panel` (help for children and families) at the top of the footer.
    pub fn help(mut self, panel: Option<Markup>) -> Self {
        self.help = panel;
        self
    }

    /// Wraps `content` in the full page.
    pub fn render(self, content: Markup) -> Markup {
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title {
                        @if self.error { "Error: " }
                        (self.title) " – Chorus"
                    }
                    link rel="stylesheet" href=(assets::stylesheet_url());
                    script src=(assets::script_url()) defer {}
                    @if let Some(src) = self.script {
                        script src=(src) defer {}
                    }
                }
                body class=[self.easy_read.then_some("easy-read")] {
                    a href="#main" class="skip-link" { "Skip to main content" }
                    (header(self.user))
                    div class="width" {
                        @if let Some(url) = self.exit {
                            (exit_this_page(url))
                        }
                        @if let Some(href) = self.back {
                            a href=(href) class="back-link" { "Back" }
                        }
                        main id="main" class="main" tabindex="-1" {
                            (content)
                        }
                    }
                    (footer(self.help))
                }
            }
        }
    }
}

/// "Exit this page": a plain link without JavaScript; the script makes it (and pressing Shift
/// three times) replace the history entry so Back does not return here.
fn exit_this_page(url: &str) -> Markup {
    html! {
        div class="exit-this-page" {
            a href=(url) class="button button-warning exit-this-page-button" rel="noreferrer"
                data-exit-this-page {
                span class="visually-hidden" { "Emergency" } " Exit this page"
            }
        }
    }
}

fn header(user: Option<&NavUser>) -> Markup {
    html! {
        header class="header" {
            div class="width header-inner" {
                a href=(if user.is_some() { "/home" } else { "/" }) class="header-name" { "Chorus" }
                @if let Some(user) = user {
                    nav aria-label="Main" class="nav" {
                        ul {
                            li { a href="/home" { "Home" } }
                            li { a href="/projects" { "Projects" } }
                            li { a href="/feedback" { "My feedback forms" } }
                            @if user.is_admin {
                                li { a href="/admin/stewards" { "People" } }
                                li { a href="/admin/mail" { "Mail" } }
                                li { a href="/admin/audit" { "Audit log" } }
                            }
                            li { a href="/account/tokens" { "API tokens" } }
                            li {
                                form method="post" action="/sign-out" class="inline-form" {
                                    input type="hidden" name="csrf_token" value=(user.csrf);
                                    button type="submit" class="link-button" {
                                        "Sign out" span class="visually-hidden" { " (" (user.name) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn footer(help: Option<Markup>) -> Markup {
    html! {
        footer class="footer" {
            div class="width" {
                @if let Some(help) = help { (help) }
                h2 class="visually-hidden" { "Support links" }
                ul class="footer-links" {
                    li { a href="/accessibility" { "Accessibility statement" } }
                    li { a href="/privacy" { "Privacy notice" } }
                }
                p class="footer-meta" { "Chorus — listening and learning together." }
            }
        }
    }
}

/// A data table in a region that scrolls sideways on its own when the table is wider than the
/// screen, so the page itself still reflows at 320 px (WCAG 1.4.10 lets two-dimensional content
/// scroll). The region is focusable and named so keyboard users can scroll it too.
pub fn table_region(label: &str, table: Markup) -> Markup {
    html! {
        div class="table-wrap" role="region" aria-label=(label) tabindex="0" { (table) }
    }
}

/// The page shown for errors: one heading and a plain explanation.
pub fn error_page(title: &str, detail: &str) -> Markup {
    Page::new(title).render(html! {
        h1 class="heading-l" { (title) }
        p class="body" { (detail) }
        p class="body" { a href="/" { "Go to the Chorus home page" } }
    })
}
