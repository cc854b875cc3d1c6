//! Pure account types: validated email addresses, names, passwords and roles.

use std::fmt;

use validator::ValidateEmail;

/// A steward's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StewardId(pub i64);

/// The steward a request is made by, put in the request's extensions by whatever found them
/// (a sign-in session, an API token, or signing in): who the audit log says acted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActingSteward(pub StewardId);

/// What a person may do in Chorus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Manages stewards, and everything a steward does, across all projects.
    Admin,
    /// Builds questionnaires and analyses what comes back.
    Steward,
    /// Gives quick feedback and sees their team's boards.
    Practitioner,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Steward, Role::Practitioner];

    /// Parses the stored or submitted name.
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim() {
            "admin" => Some(Role::Admin),
            "steward" => Some(Role::Steward),
            "practitioner" => Some(Role::Practitioner),
            _ => None,
        }
    }
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Steward => "steward",
            Role::Practitioner => "practitioner",
        }
    }
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Steward => "Steward",
            Role::Practitioner => "Practitioner",
        }
    }
    /// What the role allows, in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Role::Admin => "Manages people and can see every project.",
            Role::Steward => "Builds questionnaires and works with what comes back.",
            Role::Practitioner => "Gives quick feedback and sees their team's boards.",
        }
    }
    /// Whether this role may build and analyse (admins and stewards).
    pub fn can_build(self) -> bool {
        matches!(self, Role::Admin | Role::Steward)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A lower-cased, syntactically valid email address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses an address typed by a person.
    pub fn parse(text: &str) -> Result<EmailAddress, &'static str> {
        let text = text.trim().to_lowercase();
        if text.is_empty() {
            return Err("Enter an email address");
        }
        if text.chars().count() > 254 || !text.validate_email() {
            return Err("Enter an email address in the correct format, like name@example.org");
        }
        Ok(EmailAddress(text))
    }
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The part after `@`: the most a log may show.
    pub fn domain(&self) -> &str {
        self.0.rsplit('@').next().unwrap_or("")
    }
}

/// A person's name as they want it shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// Parses a name: one line (the text rule) of 1 to 100 characters after trimming.
    pub fn parse(text: &str) -> Result<PersonName, String> {
        let text = crate::fields::line(text, 100).map_err(|e| e.message("Name"))?;
        if text.is_empty() {
            return Err("Enter a name".into());
        }
        Ok(PersonName(text))
    }
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy: 12 to 128 characters, no composition rules.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Shortest allowed length, in characters.
    pub const MIN: usize = 12;
    /// Longest allowed length, in characters.
    pub const MAX: usize = 128;

    /// Checks the length policy.
    pub fn parse(text: &str) -> Result<Password, &'static str> {
        let n = text.chars().count();
        if n == 0 {
            Err("Enter a password")
        } else if n < Self::MIN {
            Err("Password must be 12 characters or more")
        } else if n > Self::MAX {
            Err("Password must be 128 characters or fewer")
        } else {
            Ok(Password(text.to_owned()))
        }
    }
    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A steward as the rest of Chorus sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Steward {
    /// Database id.
    pub id: StewardId,
    /// Sign-in address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Whether the person has set a password yet (invitations not yet accepted have not).
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_checked_by_length_only() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("abcdefghijkl").is_ok());
        assert!(Password::parse("ééééééééééé").is_err());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }

    #[test]
    fn email_addresses_are_trimmed_and_lower_cased() {
        let e = EmailAddress::parse("  Sam@Example.ORG ").unwrap();
        assert_eq!(e.as_str(), "sam@example.org");
        assert_eq!(e.domain(), "example.org");
        assert!(EmailAddress::parse("not an email").is_err());
        assert!(EmailAddress::parse("").is_err());
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
