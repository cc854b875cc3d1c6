//! Experiment pages (maud): the project's list and cycle view, the proposal form, an
//! experiment's page, the plan, decision and reflection forms, and the learning report in
//! print and easy-read versions. Views format what they are given; figures arrive already
//! suppressed and redacted.

pub mod decide;
pub mod form;
pub mod list;
pub mod page;
pub mod parts;
pub mod plan;
pub mod reflect;
pub mod report;
pub mod results;

use maud::{Markup, html};

use crate::experiments::model::Status;

/// The status tag of an experiment.
pub fn status_tag(status: Status) -> Markup {
    let class = match status {
        Status::Proposed | Status::Agreed => "tag tag-grey",
        Status::Testing | Status::Reviewing => "tag",
        Status::Adopted | Status::Adapted => "tag tag-green",
        Status::Stopped => "tag tag-red",
    };
    html! { strong class=(class) { (status.label()) } }
}
