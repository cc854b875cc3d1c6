//! Pure project types and the rules for a valid project.

use crate::accounts::EmailAddress;
use crate::fields::FieldErrors;
use crate::string_enum;

/// A project's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ProjectId(pub i64);

string_enum! {
    /// The scale of the system of interest.
    Scale {
        Person = "person",
        Team = "team",
        Organisation = "organisation",
        Place = "place",
        Region = "region",
    }
}

impl Scale {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Scale::Person => "A person",
            Scale::Team => "A team",
            Scale::Organisation => "An organisation",
            Scale::Place => "A place",
            Scale::Region => "A region",
        }
    }
}

string_enum! {
    /// A member's part in a project.
    MemberRole {
        /// Builds and analyses the project's surveys.
        Steward = "steward",
        /// Gives feedback and sees the team's boards.
        Practitioner = "practitioner",
        /// Opens and reviews the project's safeguarding flags; builds nothing.
        SafeguardingLead = "safeguarding_lead",
        /// Reads results and themes; changes nothing.
        Viewer = "viewer",
        /// A young person or parent on the project group: sees themes, proposals and decisions
        /// in easy read and says what they think of decisions; never sees a raw answer.
        Representative = "participant_representative",
    }
}

/// A project as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub id: ProjectId,
    pub title: String,
    pub outcome: String,
    pub scale: Scale,
    pub description: String,
    pub safeguarding_lead: String,
}

/// A validated new (or edited) project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProject {
    pub title: String,
    pub outcome: String,
    pub scale: Scale,
    pub description: String,
    /// Email address of the safeguarding lead.
    pub safeguarding_lead: String,
}

/// Raw project fields as typed into a form or sent to the API.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProjectInput {
    pub title: String,
    pub outcome: String,
    pub scale: String,
    pub description: String,
    pub safeguarding_lead: String,
}

impl NewProject {
    /// Parses raw input into a project, or every problem with it.
    pub fn parse(input: &ProjectInput) -> Result<NewProject, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.line("title", "Title", &input.title, 120);
        errors.require("title", &title, "Enter a title");
        let outcome = errors.text("outcome", "Outcome", &input.outcome, 1000);
        errors.require(
            "outcome",
            &outcome,
            "Enter the outcome the project is organised around",
        );
        let scale = Scale::parse(&input.scale);
        if scale.is_none() {
            errors.add("scale", "Select the scale of the system");
        }
        let description = errors.text("description", "Description", &input.description, 5000);
        let lead = if input.safeguarding_lead.trim().is_empty() {
            errors.add(
                "safeguarding_lead",
                "Enter the safeguarding lead's email address",
            );
            None
        } else {
            errors.take(
                "safeguarding_lead",
                EmailAddress::parse(&input.safeguarding_lead),
            )
        };
        match (scale, lead) {
            (Some(scale), Some(lead)) if errors.is_empty() => Ok(NewProject {
                title,
                outcome,
                scale,
                description,
                safeguarding_lead: lead.as_str().to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_needs_a_title_an_outcome_a_scale_and_a_safeguarding_lead() {
        let errors = NewProject::parse(&ProjectInput::default()).unwrap_err();
        for field in ["title", "outcome", "scale", "safeguarding_lead"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let ok = NewProject::parse(&ProjectInput {
            title: " Early help ".into(),
            outcome: "Families get help sooner".into(),
            scale: "place".into(),
            description: String::new(),
            safeguarding_lead: "Lead@Example.org".into(),
        })
        .unwrap();
        assert_eq!(ok.title, "Early help");
        assert_eq!(ok.safeguarding_lead, "lead@example.org");
    }
}
