//! The API's request and response bodies (with their OpenAPI schemas) and how request bodies
//! map into the app's parsers: projects here, surveys in `surveys` (through the one survey
//! parser), submissions and responses in `responses`; all re-exported here.

mod responses;
mod surveys;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::api::help_contact::HelpContactBody;
use crate::fields::FieldErrors;
use crate::help::LocalContact;
use crate::projects::model::{NewProject, ProjectInput};
use crate::projects::{Access, Project};

pub use responses::{ReceiptOut, ResponseOut, ResponsesPage, SubmissionBody, answer_json};
pub use surveys::{QuestionBody, QuestionOut, SurveyBody, SurveyOut};

/// An RFC 9457 problem document.
#[derive(Serialize, ToSchema)]
pub struct ProblemDoc {
    /// Always `about:blank`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Messages keyed by field name or question key.
    #[schema(value_type = Option<Object>)]
    pub errors: Option<serde_json::Value>,
}

/// A new project.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectBody {
    pub title: String,
    /// The outcome the project is organised around.
    pub outcome: String,
    /// One of `person`, `team`, `organisation`, `place`, `region`.
    pub scale: String,
    pub description: String,
    /// The safeguarding lead's email address.
    pub safeguarding_lead: String,
    /// Optional: the local service shown beside Childline and 999 on surveys for children and
    /// families.
    pub help_contact: Option<HelpContactBody>,
}

impl ProjectBody {
    /// The same fields as a form would send them.
    pub fn input(&self) -> ProjectInput {
        ProjectInput {
            title: self.title.clone(),
            outcome: self.outcome.clone(),
            scale: self.scale.clone(),
            description: self.description.clone(),
            safeguarding_lead: self.safeguarding_lead.clone(),
        }
    }

    /// The project and its help contact, or every problem with either.
    pub fn parse(&self) -> Result<(NewProject, Option<LocalContact>), FieldErrors> {
        let project = NewProject::parse(&self.input());
        let contact = self
            .help_contact
            .as_ref()
            .map(HelpContactBody::parse)
            .transpose();
        match (project, contact) {
            (Ok(project), Ok(contact)) => Ok((project, contact.flatten())),
            (project, contact) => {
                let mut errors = project.err().unwrap_or_default();
                for (field, message) in contact.err().iter().flat_map(|e| e.iter()) {
                    errors.add(field, message);
                }
                Err(errors)
            }
        }
    }
}

/// A project as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ProjectOut {
    pub id: i64,
    pub title: String,
    pub outcome: String,
    pub scale: String,
    pub description: String,
    pub safeguarding_lead: String,
    /// `build`, `feedback`, `read` (a viewer) or `represent` (a participant representative):
    /// what the token's steward may do.
    pub access: String,
    /// The local help contact, when the stewards set one.
    pub help_contact: Option<HelpContactBody>,
}

impl ProjectOut {
    /// Builds the body from a project and the caller's access.
    pub fn new(p: Project, access: Access) -> ProjectOut {
        ProjectOut {
            id: p.id.0,
            title: p.title,
            outcome: p.outcome,
            scale: p.scale.as_str().into(),
            description: p.description,
            safeguarding_lead: p.safeguarding_lead,
            access: match access {
                Access::Build => "build".into(),
                Access::Feedback => "feedback".into(),
                Access::Read => "read".into(),
                Access::Represent => "represent".into(),
            },
            help_contact: None,
        }
    }

    /// Adds the project's local help contact.
    pub fn with_help(mut self, contact: Option<&LocalContact>) -> ProjectOut {
        self.help_contact = contact.map(HelpContactBody::from_contact);
        self
    }
}
