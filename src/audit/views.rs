//! The administrators' audit log page: filters, a page of entries newest first, paging links
//! and the CSV link for what the filters show.

use maud::{Markup, html};

use crate::audit::filter::{Filter, RawFilter};
use crate::audit::rule::describe;
use crate::audit::store::Shown;
use crate::web::forms::{error_summary, secondary_button};
use crate::web::{FieldErrors, NavUser, Page, When, table_region};

/// Everything the page shows.
pub struct AuditPage<'a> {
    /// The filters as sent (kept in the form, errors or not).
    pub raw: &'a RawFilter,
    /// Problems with them.
    pub errors: &'a FieldErrors,
    /// This page of entries.
    pub entries: &'a [Shown],
    /// Entries the filters let through.
    pub total: u64,
    /// This page's number and the last page's.
    pub page: u64,
    /// The last page's number.
    pub pages: u64,
    /// Every steward, every project and every route in the log, for the filters.
    pub people: &'a [(i64, String)],
    /// Projects by id and title.
    pub projects: &'a [(i64, String)],
    /// Routes in the log.
    pub routes: &'a [String],
}

fn select(name: &str, label: &str, options: &[(String, String)], chosen: &str) -> Markup {
    html! {
        div class="form-group" {
            label class="label" for=(name) { (label) }
            select class="select" id=(name) name=(name) {
                option value="" selected[chosen.is_empty()] { "Anyone or anything" }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    }
}

fn date(name: &str, label: &str, value: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get(name);
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            label class="label" for=(name) { (label) }
            div class="hint" id={ (name) "-hint" } { "For example, 2026-12-07" }
            @if let Some(m) = error {
                p class="error-message" id={ (name) "-error" } { span class="visually-hidden" { "Error: " } (m) }
            }
            input class="input" id=(name) name=(name) type="text" value=(value)
                aria-describedby={ (name) "-hint" @if error.is_some() { " " (name) "-error" } };
        }
    }
}

fn filters(p: &AuditPage<'_>) -> Markup {
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let people: Vec<(String, String)> = p
        .people
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect();
    let projects: Vec<(String, String)> = p
        .projects
        .iter()
        .map(|(id, t)| (id.to_string(), t.clone()))
        .collect();
    let routes: Vec<(String, String)> = p.routes.iter().map(|r| (r.clone(), r.clone())).collect();
    html! {
        form method="get" action="/admin/audit" class="filters" novalidate {
            (select("who", "Who", &people, &v(&p.raw.who)))
            (select("action", "Action (the address it was done at)", &routes, &v(&p.raw.action)))
            (select("project", "Project", &projects, &v(&p.raw.project)))
            (date("from", "From (first day)", &v(&p.raw.from), p.errors))
            (date("to", "To (last day)", &v(&p.raw.to), p.errors))
            (secondary_button("Show entries"))
        }
    }
}

fn table(entries: &[Shown]) -> Markup {
    table_region(
        "Audit log entries, newest first",
        html! {
            table class="table" id="audit" {
                caption class="caption" { "Audit log entries, newest first" }
                thead { tr {
                    th scope="col" { "Number" }
                    th scope="col" { "When" }
                    th scope="col" { "Who" }
                    th scope="col" { "What" }
                    th scope="col" { "Object" }
                    th scope="col" { "Project" }
                } }
                tbody {
                    @for s in entries {
                        @let f = &s.entry.fields;
                        tr {
                            td { (f.id) }
                            td { (When::moment(f.at)) }
                            td { (s.name.as_deref().unwrap_or("Someone without an account")) }
                            td {
                                (describe(&f.method, &f.route))
                                br; span class="hint" { code { (f.method) " " (f.route) } }
                            }
                            td { @if f.object.is_empty() { "—" } @else { (f.object) } }
                            td { @match f.project { Some(p) => (p), None => "—" } }
                        }
                    }
                }
            }
        },
    )
}

fn paging(p: &AuditPage<'_>) -> Markup {
    let query = Filter::query(p.raw);
    let link = |n: u64| {
        if query.is_empty() {
            format!("/admin/audit?page={n}")
        } else {
            format!("/admin/audit?{query}&page={n}")
        }
    };
    html! {
        @if p.pages > 1 {
            nav class="pagination" aria-label="Pages of the audit log" {
                p class="body" { "Page " (p.page) " of " (p.pages) }
                ul class="list" {
                    @if p.page > 1 { li { a href=(link(p.page - 1)) rel="prev" { "Previous page" } } }
                    @if p.page < p.pages { li { a href=(link(p.page + 1)) rel="next" { "Next page" } } }
                }
            }
        }
    }
}

/// The `/admin/audit` page.
pub fn audit_page(nav: &NavUser, p: &AuditPage<'_>) -> Markup {
    let query = Filter::query(p.raw);
    let csv = if query.is_empty() {
        "/admin/audit.csv".to_owned()
    } else {
        format!("/admin/audit.csv?{query}")
    };
    Page::new("Audit log")
        .user(Some(nav))
        .error(!p.errors.is_empty())
        .render(html! {
            h1 class="heading-l" { "Audit log" }
            p class="body" {
                "Every change a steward or administrator made, and every export they downloaded: who, when, what and to which thing. Nobody can change or delete these entries. Each one carries a check of the one before it, so a missing or changed entry can be found with "
                code { "chorus audit verify" } "."
            }
            (error_summary(p.errors))
            (filters(p))
            @if p.errors.is_empty() {
                p class="body" { (p.total) " " (if p.total == 1 { "entry" } else { "entries" }) }
                @if p.entries.is_empty() {
                    p class="body" { "Nothing to show." }
                } @else {
                    (table(p.entries))
                    (paging(p))
                }
                p class="body" { a href=(csv) download { "Download these entries (CSV)" } }
            }
        })
}
