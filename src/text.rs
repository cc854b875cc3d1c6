//! Text normalisation shared by the theme engine and the safeguarding scanner: lowercasing,
//! punctuation-insensitive tokenisation, stemming and n-grams.
//!
//! Conventions (used consistently by every other module):
//! * text is lowercased with Unicode rules;
//! * a token is a maximal run of alphanumeric characters (Unicode-aware);
//! * apostrophes (`'`, `’`, `‘`, `` ` ``) *inside* a word are dropped, so
//!   "don't" becomes `dont` and "children's" becomes `childrens`;
//! * every other non-alphanumeric character separates tokens;
//! * stems come from the Snowball English stemmer (`rust-stemmers`).

use rust_stemmers::{Algorithm, Stemmer};

/// Is `c` an apostrophe-like character that should be dropped inside a word?
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}')
}

/// Lowercase `text` and split it into tokens (see the module docs for the rules).
///
/// ```
/// assert_eq!(chorus::text::tokenize("Don't WAIT, time!"), vec!["dont", "wait", "time"]);
/// ```
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if is_apostrophe(c)
            && !cur.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // Apostrophe inside a word: drop it, keep the word together.
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Normalise `text` to its tokens joined by single spaces.
///
/// ```
/// assert_eq!(chorus::text::normalize("  Hello,   WORLD!! "), "hello world");
/// ```
pub fn normalize(text: &str) -> String {
    tokenize(text).join(" ")
}

/// `quotes` in order with repeats left out, at most `n`: two quotes are the same when they
/// differ only in case, spacing or punctuation (their `normalize` forms are equal). Every list
/// of quotes or examples shown to people goes through this.
///
/// ```
/// let q = chorus::text::distinct_quotes(["Boring.", "  boring ", "Fun", "BORING!"], 5);
/// assert_eq!(q, ["Boring.", "Fun"]);
/// ```
pub fn distinct_quotes<S: AsRef<str>>(quotes: impl IntoIterator<Item = S>, n: usize) -> Vec<S> {
    let mut seen = std::collections::HashSet::new();
    quotes
        .into_iter()
        .filter(|q| seen.insert(normalize(q.as_ref())))
        .take(n)
        .collect()
}

/// An English stemmer wrapper that can be shared freely (it holds no mutable state).
pub struct TextStemmer {
    inner: Stemmer,
}

impl std::fmt::Debug for TextStemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TextStemmer(english)")
    }
}

impl Default for TextStemmer {
    fn default() -> Self {
        Self::new()
    }
}

impl Clone for TextStemmer {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl TextStemmer {
    /// Create an English (Snowball/Porter2) stemmer.
    pub fn new() -> Self {
        Self {
            inner: Stemmer::create(Algorithm::English),
        }
    }

    /// Stem one already-lowercased token.
    pub fn stem(&self, token: &str) -> String {
        self.inner.stem(token).into_owned()
    }

    /// Stem one token without allocating when the stem equals the token.
    pub fn stem_cow<'a>(&self, token: &'a str) -> std::borrow::Cow<'a, str> {
        self.inner.stem(token)
    }

    /// Tokenise and stem `text`.
    ///
    /// ```
    /// let s = chorus::text::TextStemmer::new();
    /// assert_eq!(s.stems("Waiting times"), vec!["wait", "time"]);
    /// ```
    pub fn stems(&self, text: &str) -> Vec<String> {
        tokenize(text).iter().map(|t| self.stem(t)).collect()
    }
}

/// Word n-grams of length `min_n..=max_n` over `tokens`, each joined with a single space,
/// in order of position then length.
///
/// ```
/// let t: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
/// assert_eq!(chorus::text::ngrams(&t, 1, 2), vec!["a", "a b", "b", "b c", "c"]);
/// ```
pub fn ngrams(tokens: &[String], min_n: usize, max_n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let min_n = min_n.max(1);
    for i in 0..tokens.len() {
        for n in min_n..=max_n {
            if i + n > tokens.len() {
                break;
            }
            out.push(tokens[i..i + n].join(" "));
        }
    }
    out
}

/// Character n-grams (`min_n..=max_n` characters) of each token padded with a space on
/// both sides (like scikit-learn's `char_wb`).
pub fn char_ngrams(tokens: &[String], min_n: usize, max_n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens {
        let padded: Vec<char> = std::iter::once(' ')
            .chain(t.chars())
            .chain(std::iter::once(' '))
            .collect();
        for n in min_n.max(1)..=max_n {
            if n > padded.len() {
                break;
            }
            for w in padded.windows(n) {
                out.push(w.iter().collect());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_quotes_are_shown_once_whatever_their_case_spacing_or_punctuation() {
        let quotes = [
            "It was boring",
            "it  was BORING.",
            " It was boring ",
            "Kind staff",
        ];
        assert_eq!(distinct_quotes(quotes, 5), ["It was boring", "Kind staff"]);
        assert_eq!(distinct_quotes(quotes, 1), ["It was boring"]);
        assert!(distinct_quotes(Vec::<String>::new(), 3).is_empty());
    }

    #[test]
    fn apostrophes_are_dropped_inside_words() {
        assert_eq!(tokenize("I don’t know"), vec!["i", "dont", "know"]);
        assert_eq!(
            tokenize("the children's 'ward'"),
            vec!["the", "childrens", "ward"]
        );
        assert_eq!(tokenize("'quoted'"), vec!["quoted"]);
    }

    #[test]
    fn unicode_and_punctuation() {
        assert_eq!(tokenize("Café—NAÏVE...ok?"), vec!["café", "naïve", "ok"]);
        assert_eq!(
            tokenize("wait-time/2 hours"),
            vec!["wait", "time", "2", "hours"]
        );
        assert!(tokenize(" ,.;! ").is_empty());
    }

    #[test]
    fn stemming_lines_up() {
        let s = TextStemmer::new();
        assert_eq!(s.stems("Waited, time"), s.stems("waiting times"));
        assert_eq!(s.stem("nurses"), "nurs");
    }

    #[test]
    fn char_ngrams_are_padded() {
        let t = vec!["ab".to_string()];
        assert_eq!(char_ngrams(&t, 3, 4), vec![" ab", "ab ", " ab "]);
    }
}
