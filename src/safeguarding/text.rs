//! Text normalisation for the scanner: lowercased Unicode tokens (apostrophes inside a word
//! dropped, so "don't" becomes `dont`) and Snowball English stems (`rust-stemmers`).

use rust_stemmers::{Algorithm, Stemmer};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}')
}

/// Lowercase `text` and split it into runs of letters and digits.
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
            // An apostrophe inside a word: drop it and keep the word together.
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// An English stemmer (it holds no mutable state).
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
    /// An English (Snowball/Porter2) stemmer.
    pub fn new() -> Self {
        Self {
            inner: Stemmer::create(Algorithm::English),
        }
    }

    /// The stem of one lowercased token.
    pub fn stem(&self, token: &str) -> String {
        self.inner.stem(token).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_are_dropped_inside_words_and_punctuation_splits() {
        assert_eq!(tokenize("I don’t know"), vec!["i", "dont", "know"]);
        assert_eq!(tokenize("'quoted'"), vec!["quoted"]);
        assert_eq!(tokenize("wait-time/2"), vec!["wait", "time", "2"]);
    }
}
