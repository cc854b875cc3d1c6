//! The one text rule for every string that enters Chorus: one-line fields and longer texts.
//!
//! A **line** (a title, a name, a label) is trimmed and refused if it holds any control
//! character: NUL, CR, LF, TAB, ESC, BEL, DEL, the C1 range, or the Unicode line and
//! paragraph separators. A **text** (an intro, a description, a written answer) is trimmed,
//! refused if it holds NUL, and has its line breaks made plain: CR LF, a lone CR, NEL and the
//! Unicode line and paragraph separators all become LF; LF and TAB are kept. Every other
//! control character in a text (ESC, BEL, DEL, form feed, …) is **dropped**, not refused:
//! longer texts are often pasted from documents, email and PDFs that carry such invisible
//! characters, and a person cannot see them to take them out, so an error would leave them
//! stuck while dropping loses nothing they meant. NUL is the exception: no keyboard makes one,
//! PostgreSQL cannot store it, and it is refused so a broken client hears about it. Both
//! count length in characters after cleaning. Pure: used by every form and the API alike, so
//! SQLite and PostgreSQL see the same text.

use super::FieldErrors;

/// What is wrong with a text that was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    /// A NUL character, which no database field may hold.
    Nul,
    /// A line break, tab or other control character in a one-line field.
    Control,
    /// More characters than the field allows (the limit).
    TooLong(usize),
}

impl TextError {
    /// The message for a field people know as `what` ("Title", "Theme name", "Your answer").
    pub fn message(self, what: &str) -> String {
        match self {
            TextError::Nul => {
                format!("{what} must not contain special characters such as a null character")
            }
            TextError::Control => format!(
                "{what} must not contain special characters such as line breaks, tabs or control codes"
            ),
            TextError::TooLong(max) => {
                format!("{what} must be {} characters or fewer", thousands(max))
            }
        }
    }
    /// The message without the field's name, for forms that say "Use 80 characters or fewer".
    pub fn advice(self) -> String {
        match self {
            TextError::Nul => "Take out special characters such as a null character".into(),
            TextError::Control => {
                "Use one line, without special characters such as line breaks, tabs or control codes".into()
            }
            TextError::TooLong(max) => format!("Use {} characters or fewer", thousands(max)),
        }
    }
}

/// A number as people write it: 2,000.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether a character breaks a line or controls a terminal: never in a one-line field.
fn breaks_a_line(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// One line: trimmed; no control character of any kind; at most `max` characters.
pub fn line(text: &str, max: usize) -> Result<String, TextError> {
    let text = text.trim();
    if text.contains('\0') {
        return Err(TextError::Nul);
    }
    if text.chars().any(breaks_a_line) {
        return Err(TextError::Control);
    }
    within(text.to_owned(), max)
}

/// A longer text: no NUL; line breaks made LF; tabs kept; other control characters dropped;
/// trimmed; at most `max` characters.
pub fn text(text: &str, max: usize) -> Result<String, TextError> {
    if text.contains('\0') {
        return Err(TextError::Nul);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    within(out.trim().to_owned(), max)
}

fn within(text: String, max: usize) -> Result<String, TextError> {
    if text.chars().count() > max {
        Err(TextError::TooLong(max))
    } else {
        Ok(text)
    }
}

impl FieldErrors {
    /// One line for `field` (known to people as `what`): the clean value, or an empty string
    /// with the problem recorded.
    pub fn line(&mut self, field: &str, what: &str, value: &str, max: usize) -> String {
        self.text_rule(field, what, line(value, max))
    }
    /// A longer text for `field` (known to people as `what`): the clean value, or an empty
    /// string with the problem recorded.
    pub fn text(&mut self, field: &str, what: &str, value: &str, max: usize) -> String {
        self.text_rule(field, what, text(value, max))
    }
    /// Records `message` ("Enter a title") for a field left empty that has no other problem.
    pub fn require(&mut self, field: &str, value: &str, message: &str) {
        if value.is_empty() && self.get(field).is_none() {
            self.add(field, message);
        }
    }
    fn text_rule(&mut self, field: &str, what: &str, result: Result<String, TextError>) -> String {
        result.unwrap_or_else(|e| {
            self.add(field, e.message(what));
            String::new()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_trimmed_and_kept_as_typed() {
        assert_eq!(
            line("  Early help – café  ", 50),
            Ok("Early help – café".into())
        );
        assert_eq!(line("", 50), Ok(String::new()));
    }

    #[test]
    fn a_line_refuses_nul_and_every_control_character() {
        assert_eq!(line("a\0b", 50), Err(TextError::Nul));
        for bad in [
            "a\rb",
            "a\nb",
            "a\tb",
            "a\u{1b}[31mb",
            "a\u{7}b",
            "a\u{7f}b",
            "a\u{85}b",
            "a\u{9b}b",
            "a\u{2028}b",
            "a\u{2029}b",
        ] {
            assert_eq!(line(bad, 50), Err(TextError::Control), "{bad:?}");
        }
    }

    #[test]
    fn a_line_counts_characters_not_bytes() {
        assert_eq!(line("ééé", 3), Ok("ééé".into()));
        assert_eq!(line("éééé", 3), Err(TextError::TooLong(3)));
    }

    #[test]
    fn a_text_keeps_newlines_and_tabs_and_makes_every_line_break_lf() {
        assert_eq!(
            text("one\r\ntwo\rthree\nfour\u{2028}five\u{85}six\tseven", 100),
            Ok("one\ntwo\nthree\nfour\nfive\nsix\tseven".into())
        );
        assert_eq!(text("a\r\n\r\nb", 100), Ok("a\n\nb".into()));
    }

    #[test]
    fn a_text_drops_other_control_characters_and_refuses_nul() {
        assert_eq!(
            text("a\u{1b}b\u{7}c\u{7f}d\u{c}e\u{9b}f", 100),
            Ok("abcdef".into())
        );
        assert_eq!(text("a\0b", 100), Err(TextError::Nul));
        assert_eq!(text("  \r\n hi \n ", 100), Ok("hi".into()));
    }

    #[test]
    fn a_text_counts_its_length_after_cleaning() {
        assert_eq!(text("ab\r\ncd", 5), Ok("ab\ncd".into()));
        assert_eq!(text("ab\r\ncde", 5), Err(TextError::TooLong(5)));
    }

    #[test]
    fn messages_name_the_field_in_plain_words() {
        assert_eq!(
            TextError::Control.message("Title"),
            "Title must not contain special characters such as line breaks, tabs or control codes"
        );
        assert_eq!(
            TextError::TooLong(2000).message("Note"),
            "Note must be 2,000 characters or fewer"
        );
        assert_eq!(thousands(120), "120");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn field_errors_record_the_problem_against_the_field() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.line("title", "Title", " ok ", 10), "ok");
        assert_eq!(errors.line("title", "Title", "a\nb", 10), "");
        assert_eq!(errors.text("intro", "Introduction", "a\0", 10), "");
        assert_eq!(
            errors.get("intro"),
            Some("Introduction must not contain special characters such as a null character")
        );
        assert!(errors.get("title").is_some());
    }
}
