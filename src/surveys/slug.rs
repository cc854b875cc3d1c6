//! A survey's public slug as it arrives in an address, parsed before any query: anything that
//! could not be a slug (a NUL byte, a slash, a space, too long) is no survey, so a 404.

use std::fmt;

use serde::Deserialize;

/// Longest slug read from an address (new slugs are 14 characters).
const MAX_LEN: usize = 64;

/// A slug that could belong to a survey: 1 to 64 ASCII letters, digits, `-` or `_`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Slug(String);

impl Slug {
    /// The slug, or `None` when no survey could have it.
    pub fn parse(text: &str) -> Option<Slug> {
        let fits = (1..=MAX_LEN).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        fits.then(|| Slug(text.to_owned()))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Slug, Self::Error> {
        Slug::parse(&text).ok_or("not a survey's slug")
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_slug_parses_and_anything_else_is_no_slug() {
        let made = crate::surveys::store::new_slug();
        assert_eq!(Slug::parse(&made).map(|s| s.to_string()), Some(made));
        for bad in ["", "a\0b", "a b", "a/b", "é", "a%00b", &"a".repeat(65)] {
            assert_eq!(Slug::parse(bad), None, "{bad:?}");
        }
    }
}
