//! Codebook: keywords and phrases per theme, matched case- and punctuation-insensitively on
//! stemmed tokens. Multi-word phrases must match consecutive stems. Phrases are precompiled
//! into a map from first stem to candidate phrases, so matching is one pass over the text.

use std::collections::HashMap;

use crate::text::TextStemmer;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    theme: String,
    phrase: String,
    stems: Vec<String>,
}

/// A compiled codebook.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    stemmer: TextStemmer,
    entries: Vec<Entry>,
    /// First stem -> indices into `entries` (lookup only; never iterated for results).
    index: HashMap<String, Vec<usize>>,
}

impl Codebook {
    /// An empty codebook.
    pub fn new() -> Self {
        Self::default()
    }

    /// Build from `(theme_id, phrase)` pairs.
    pub fn from_pairs<I, T, P>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (T, P)>,
        T: AsRef<str>,
        P: AsRef<str>,
    {
        let mut cb = Self::new();
        for (t, p) in pairs {
            cb.add(t.as_ref(), p.as_ref());
        }
        cb
    }

    /// Parse a plain-text codebook: `# theme id` header lines start a theme, every other
    /// non-blank line is a phrase of the current theme (lines before any header are ignored).
    pub fn parse(data: &str) -> Self {
        let mut cb = Self::new();
        let mut theme: Option<String> = None;
        for line in data.lines().map(str::trim) {
            if let Some(h) = line.strip_prefix('#') {
                theme = Some(h.trim().to_string());
            } else if !line.is_empty()
                && let Some(t) = &theme
            {
                cb.add(t, line);
            }
        }
        cb
    }

    /// Add a phrase for a theme. Phrases with no word characters are ignored; a duplicate
    /// (same theme, same stems) is ignored.
    pub fn add(&mut self, theme_id: &str, phrase: &str) {
        let stems = self.stemmer.stems(phrase);
        let Some(first) = stems.first().cloned() else {
            return;
        };
        let dup = self.index.get(&first).is_some_and(|v| {
            v.iter()
                .any(|&i| self.entries[i].theme == theme_id && self.entries[i].stems == stems)
        });
        if dup {
            return;
        }
        self.index
            .entry(first)
            .or_default()
            .push(self.entries.len());
        self.entries.push(Entry {
            theme: theme_id.to_string(),
            phrase: phrase.trim().to_string(),
            stems,
        });
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every `(theme_id, phrase)` whose phrase occurs in `text`, in order of first
    /// occurrence in the text (then order of addition); each pair at most once.
    pub fn matches(&self, text: &str) -> Vec<(String, String)> {
        let stems = self.stemmer.stems(text);
        let mut hit: Vec<usize> = Vec::new();
        for i in 0..stems.len() {
            let Some(cands) = self.index.get(&stems[i]) else {
                continue;
            };
            for &e in cands {
                let s = &self.entries[e].stems;
                if i + s.len() <= stems.len() && stems[i..i + s.len()] == s[..] && !hit.contains(&e)
                {
                    hit.push(e);
                }
            }
        }
        hit.into_iter()
            .map(|e| {
                (
                    self.entries[e].theme.clone(),
                    self.entries[e].phrase.clone(),
                )
            })
            .collect()
    }

    /// Distinct themes matched in `text`, in order of first match.
    pub fn themes(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (t, _) in self.matches(text) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Codebook {
        Codebook::from_pairs([
            ("access", "waiting times"),
            ("access", "appointment"),
            ("staff", "friendly staff"),
            ("staff", "nurse"),
            ("food", "cold food"),
        ])
    }

    #[test]
    fn stemming_and_punctuation() {
        let cb = book();
        assert_eq!(
            cb.matches("Waited, time was awful"),
            vec![("access".to_string(), "waiting times".to_string())]
        );
        assert_eq!(cb.themes("APPOINTMENTS!!! were late"), vec!["access"]);
        assert_eq!(cb.themes("The nurses..."), vec!["staff"]);
    }

    #[test]
    fn phrases_need_consecutive_stems() {
        let cb = book();
        assert!(cb.matches("the staff were friendly").is_empty());
        assert_eq!(cb.themes("very friendly, staff"), vec!["staff"]);
        assert!(cb.matches("the food was cold").is_empty());
        assert_eq!(cb.themes("cold food; nurse kind"), vec!["food", "staff"]);
        assert!(cb.matches("").is_empty());
    }

    #[test]
    fn parse_and_dedup() {
        let cb = Codebook::parse("# staff\nnurse\nNurses\n\n# access\nwaiting list\n");
        assert_eq!(cb.len(), 2);
        assert_eq!(cb.themes("on the waiting-list"), vec!["access"]);
        let m = cb.matches("nurse nurse");
        assert_eq!(m.len(), 1);
    }
}
