//! Pure help types: the local contact a steward sets for a project, its one parser (used by the
//! web form and the API), and which surveys show help.

use crate::fields::FieldErrors;

/// Longest name or opening hours, in characters.
const MAX_TEXT: usize = 100;
/// Longest phone number as typed, in characters.
const MAX_PHONE: usize = 30;

/// A phone number: as typed (spaces tidied) and as dialled (`+` and digits only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    shown: String,
    dial: String,
}

impl Phone {
    /// Parses a phone number of 3 to 15 digits written with spaces, brackets, hyphens and a
    /// leading `+`.
    pub fn parse(text: &str) -> Result<Phone, String> {
        let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if shown.is_empty() {
            return Err("Enter a phone number, like 01632 960 001".into());
        }
        if shown.chars().count() > MAX_PHONE {
            return Err(format!(
                "Phone number must be {MAX_PHONE} characters or fewer"
            ));
        }
        let allowed = |(i, c): (usize, char)| {
            c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-') || (c == '+' && i == 0)
        };
        if !shown.chars().enumerate().all(allowed) {
            return Err(
                "Enter a phone number using only numbers, spaces, brackets, hyphens and a + at the start"
                    .into(),
            );
        }
        let dial: String = shown
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        let digits = dial.chars().filter(char::is_ascii_digit).count();
        if !(3..=15).contains(&digits) {
            return Err("Enter a phone number between 3 and 15 digits long".into());
        }
        Ok(Phone { shown, dial })
    }

    /// The number as people read it.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The `tel:` link for the number.
    pub fn href(&self) -> String {
        format!("tel:{}", self.dial)
    }
}

/// A project's local help contact, e.g. "Riverside Family Hub", "01632 960 001",
/// "Monday to Friday, 9am to 5pm".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalContact {
    pub name: String,
    pub phone: Phone,
    pub hours: String,
}

/// The contact as typed into the form or sent to the API.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ContactInput {
    /// Who answers, e.g. "Riverside Family Hub".
    pub name: String,
    /// Their phone number.
    pub phone: String,
    /// When they answer, e.g. "Monday to Friday, 9am to 5pm".
    pub hours: String,
}

impl ContactInput {
    /// The form filled in with a stored contact (empty when there is none).
    pub fn from_contact(contact: Option<&LocalContact>) -> ContactInput {
        contact.map_or_else(ContactInput::default, |c| ContactInput {
            name: c.name.clone(),
            phone: c.phone.shown().to_owned(),
            hours: c.hours.clone(),
        })
    }
}

fn text(errors: &mut FieldErrors, field: &str, value: &str, empty: &str, what: &str) -> String {
    let value = errors.line(field, what, value, usize::MAX);
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    errors.require(field, &value, empty);
    if value.chars().count() > MAX_TEXT {
        errors.add(
            field,
            format!("{what} must be {MAX_TEXT} characters or fewer"),
        );
    }
    value
}

impl LocalContact {
    /// Parses the contact: all three fields empty means "no local contact" (`Ok(None)`);
    /// otherwise the name, phone number and hours are each needed.
    pub fn parse(input: &ContactInput) -> Result<Option<LocalContact>, FieldErrors> {
        let blank = |s: &str| s.trim().is_empty();
        if blank(&input.name) && blank(&input.phone) && blank(&input.hours) {
            return Ok(None);
        }
        let mut errors = FieldErrors::new();
        let name = text(
            &mut errors,
            "name",
            &input.name,
            "Enter the name of the service children and families can contact",
            "Name",
        );
        let phone = errors.take("phone", Phone::parse(&input.phone));
        let hours = text(
            &mut errors,
            "hours",
            &input.hours,
            "Enter when the phone is answered, like Monday to Friday, 9am to 5pm",
            "Opening hours",
        );
        match phone {
            Some(phone) if errors.is_empty() => Ok(Some(LocalContact { name, phone, hours })),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, phone: &str, hours: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            phone: phone.into(),
            hours: hours.into(),
        }
    }

    #[test]
    fn an_empty_form_means_no_local_contact() {
        assert_eq!(LocalContact::parse(&input(" ", "", "")).unwrap(), None);
    }

    #[test]
    fn a_full_contact_is_tidied_and_dialled_without_spaces() {
        let c = LocalContact::parse(&input(" Riverside  hub ", "(01632) 960-001", "9am to 5pm"))
            .unwrap()
            .unwrap();
        assert_eq!(c.name, "Riverside hub");
        assert_eq!(c.phone.shown(), "(01632) 960-001");
        assert_eq!(c.phone.href(), "tel:01632960001");
        assert_eq!(
            Phone::parse("+44 1632 960001").unwrap().href(),
            "tel:+441632960001"
        );
    }

    #[test]
    fn a_part_filled_contact_names_every_missing_field() {
        let errors = LocalContact::parse(&input("Riverside hub", "", "")).unwrap_err();
        assert!(errors.get("name").is_none());
        assert!(errors.get("phone").is_some());
        assert!(errors.get("hours").is_some());
    }

    #[test]
    fn phone_numbers_with_letters_or_too_few_digits_are_refused() {
        for bad in ["call me", "01632 96O 001", "12", "0+1632", &"1".repeat(16)] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
        assert!(Phone::parse("116 123").is_ok());
    }
}
