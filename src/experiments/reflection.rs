//! Reflective practice on a running experiment: what happened, what we noticed, what surprised
//! us and what we will do differently — dated, by role, a name only if the writer gives one.

use chrono::{DateTime, Utc};

use crate::fields::{FieldErrors, TextError, line, text};
use crate::string_enum;

string_enum! {
    /// The part the writer plays.
    Role {
        Practitioner = "practitioner",
        Steward = "steward",
        Manager = "manager",
        Other = "other",
    }
}

impl Role {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Role::Practitioner => "Practitioner",
            Role::Steward => "Steward",
            Role::Manager => "Manager",
            Role::Other => "Someone else involved",
        }
    }
}

/// A reflection as typed or sent.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RawReflection {
    pub role: String,
    pub name: String,
    pub happened: String,
    pub noticed: String,
    pub surprised: String,
    pub differently: String,
}

/// A valid reflection: at least one of the four prompts answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReflection {
    pub role: Role,
    pub name: String,
    pub happened: String,
    pub noticed: String,
    pub surprised: String,
    pub differently: String,
}

/// Longest answer to one prompt, in characters.
pub const PROMPT_MAX: usize = 2000;

impl NewReflection {
    /// Parses a reflection, or says what is wrong with it.
    pub fn parse(raw: &RawReflection) -> Result<NewReflection, FieldErrors> {
        let mut e = FieldErrors::new();
        let role = Role::parse(&raw.role);
        if role.is_none() {
            e.add("role", "Choose the part you play");
        }
        let name = match line(&raw.name, 80) {
            Ok(name) => name,
            Err(TextError::TooLong(_)) => {
                e.add("name", "Use 80 characters or fewer for your name");
                String::new()
            }
            Err(problem) => {
                e.add("name", problem.advice());
                String::new()
            }
        };
        let mut prompt = |field: &str, value: &str| {
            text(value, PROMPT_MAX).unwrap_or_else(|problem| {
                e.add(field, problem.advice());
                String::new()
            })
        };
        let happened = prompt("happened", &raw.happened);
        let noticed = prompt("noticed", &raw.noticed);
        let surprised = prompt("surprised", &raw.surprised);
        let differently = prompt("differently", &raw.differently);
        if [&happened, &noticed, &surprised, &differently]
            .iter()
            .all(|s| s.is_empty())
        {
            e.add("happened", "Write something in at least one of the boxes");
        }
        match role {
            Some(role) if e.is_empty() => Ok(NewReflection {
                role,
                name,
                happened,
                noticed,
                surprised,
                differently,
            }),
            _ => Err(e),
        }
    }
}

/// A reflection as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reflection {
    pub id: i64,
    pub fields: NewReflection,
    pub at: DateTime<Utc>,
}
