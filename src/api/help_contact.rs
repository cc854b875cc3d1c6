//! The API body of a project's local help contact, parsed with the web form's parser.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::fields::FieldErrors;
use crate::help::{ContactInput, LocalContact};

/// A project's local help contact: all three fields, or leave it out.
#[derive(Deserialize, Serialize, ToSchema, Default, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct HelpContactBody {
    /// Who answers, e.g. "Riverside Family Hub".
    pub name: String,
    /// Their phone number, e.g. "01632 960 001".
    pub phone: String,
    /// When they answer, e.g. "Monday to Friday, 9am to 5pm".
    pub hours: String,
}

impl HelpContactBody {
    /// Parses the contact with the web form's parser; errors are keyed `help_contact.{field}`.
    pub fn parse(&self) -> Result<Option<LocalContact>, FieldErrors> {
        LocalContact::parse(&ContactInput {
            name: self.name.clone(),
            phone: self.phone.clone(),
            hours: self.hours.clone(),
        })
        .map_err(|e| {
            let mut errors = FieldErrors::new();
            for (field, message) in e.iter() {
                errors.add(format!("help_contact.{field}"), message);
            }
            errors
        })
    }

    pub(crate) fn from_contact(c: &LocalContact) -> HelpContactBody {
        HelpContactBody {
            name: c.name.clone(),
            phone: c.phone.shown().to_owned(),
            hours: c.hours.clone(),
        }
    }
}
