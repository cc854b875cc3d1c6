//! Suggestions for new themes from answers that no existing theme covers.
//!
//! Candidate phrases are stemmed 1–3-grams (not starting or ending with a stop word)
//! scored by support in the uncovered answers times the log-lift of their document
//! frequency there over the whole collection. Candidates are taken greedily by score,
//! skipping ones whose answers mostly overlap an already chosen group. Each suggestion
//! carries its answers, up to three examples and a proposed codebook (the surface variants
//! seen). Fully deterministic (sorted maps, explicit tie-breaks).

use std::collections::{BTreeMap, BTreeSet};

use crate::text::{TextStemmer, distinct_quotes, tokenize};

const STOP: &[&str] = &[
    "a", "about", "after", "because", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "but", "by", "can", "could", "did", "do", "dont", "for", "from", "get", "got",
    "had", "has", "have", "he", "her", "him", "his", "i", "if", "im", "in", "is", "it", "its",
    "just", "me", "more", "my", "no", "not", "of", "on", "or", "our", "out", "she", "so", "some",
    "that", "the", "their", "them", "there", "they", "this", "to", "too", "up", "us", "very",
    "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Settings for [`suggest_themes`].
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestConfig {
    /// Minimum number of uncovered answers containing a phrase.
    pub min_support: usize,
    /// Maximum number of suggestions returned.
    pub max_suggestions: usize,
    /// Longest phrase in words (1–3).
    pub max_ngram: usize,
    /// Number of example answers per suggestion.
    pub examples: usize,
    /// A candidate is skipped if more than this share of its answers is already grouped.
    pub max_overlap: f64,
}

impl Default for SuggestConfig {
    fn default() -> Self {
        Self {
            min_support: 3,
            max_suggestions: 10,
            max_ngram: 3,
            examples: 3,
            max_overlap: 0.5,
        }
    }
}

/// One proposed theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeSuggestion {
    /// The most common surface form of the phrase (a readable name).
    pub phrase: String,
    /// The stemmed phrase that defines the group.
    pub stems: String,
    /// Number of uncovered answers containing it.
    pub support: usize,
    /// Ranking score (support × log-lift).
    pub score: f64,
    /// Indices (into the `uncovered` input) of the answers in this group.
    pub members: Vec<usize>,
    /// Up to `examples` example answers (shortest first, then input order).
    pub examples: Vec<String>,
    /// Proposed codebook phrases: the surface variants seen, most frequent first.
    pub codebook: Vec<String>,
}

struct Doc {
    /// stemmed n-gram -> surface form in this doc
    grams: BTreeMap<String, String>,
}

fn doc_grams(stemmer: &TextStemmer, text: &str, max_n: usize) -> Doc {
    let toks = tokenize(text);
    let stems: Vec<String> = toks.iter().map(|t| stemmer.stem(t)).collect();
    let mut grams = BTreeMap::new();
    for i in 0..toks.len() {
        for n in 1..=max_n.clamp(1, 3) {
            if i + n > toks.len() {
                break;
            }
            let first = toks[i].as_str();
            let last = toks[i + n - 1].as_str();
            if STOP.contains(&first) || STOP.contains(&last) || first.chars().all(char::is_numeric)
            {
                continue;
            }
            if n == 1 && first.chars().count() < 3 {
                continue;
            }
            grams
                .entry(stems[i..i + n].join(" "))
                .or_insert_with(|| toks[i..i + n].join(" "));
        }
    }
    Doc { grams }
}

/// Propose new themes from `uncovered` answers (those no current theme covers), compared
/// with `all` answers of the project (which may include `uncovered`).
pub fn suggest_themes<S: AsRef<str>, T: AsRef<str>>(
    uncovered: &[S],
    all: &[T],
    cfg: &SuggestConfig,
) -> Vec<ThemeSuggestion> {
    let stemmer = TextStemmer::new();
    let udocs: Vec<Doc> = uncovered
        .iter()
        .map(|t| doc_grams(&stemmer, t.as_ref(), cfg.max_ngram))
        .collect();
    let mut df_all: BTreeMap<String, usize> = BTreeMap::new();
    for t in all {
        for g in doc_grams(&stemmer, t.as_ref(), cfg.max_ngram)
            .grams
            .into_keys()
        {
            *df_all.entry(g).or_insert(0) += 1;
        }
    }
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut surfaces: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (i, d) in udocs.iter().enumerate() {
        for (g, s) in &d.grams {
            members.entry(g.as_str()).or_default().push(i);
            *surfaces
                .entry(g.as_str())
                .or_default()
                .entry(s.as_str())
                .or_insert(0) += 1;
        }
    }
    let nu = uncovered.len().max(1) as f64;
    let na = all.len().max(uncovered.len()).max(1) as f64;
    let mut cands: Vec<(f64, &str)> = members
        .iter()
        .filter(|(_, m)| m.len() >= cfg.min_support.max(1))
        .filter_map(|(g, m)| {
            let du = m.len() as f64;
            let da = df_all.get(*g).copied().unwrap_or(0).max(m.len()) as f64;
            let lift = (du / nu) / ((da + 1.0) / (na + 1.0));
            let words = g.split(' ').count() as f64;
            let score = du * lift.max(1.0).ln().max(0.05) * (1.0 + 0.25 * (words - 1.0));
            (score > 0.0).then_some((score, *g))
        })
        .collect();
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut grouped: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    for (score, g) in cands {
        if out.len() >= cfg.max_suggestions {
            break;
        }
        let m = &members[g];
        let overlap = m.iter().filter(|i| grouped.contains(i)).count() as f64 / m.len() as f64;
        if overlap > cfg.max_overlap {
            continue;
        }
        grouped.extend(m.iter().copied());
        let mut variants: Vec<(&str, usize)> = surfaces
            .get(g)
            .map(|v| v.iter().map(|(s, c)| (*s, *c)).collect())
            .unwrap_or_default();
        variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut ex: Vec<usize> = m.clone();
        ex.sort_by_key(|&i| (uncovered[i].as_ref().len(), i));
        out.push(ThemeSuggestion {
            phrase: variants
                .first()
                .map(|v| v.0.to_string())
                .unwrap_or_default(),
            stems: g.to_string(),
            support: m.len(),
            score,
            members: m.clone(),
            examples: distinct_quotes(ex.into_iter().map(|i| uncovered[i].as_ref()), cfg.examples)
                .into_iter()
                .map(str::to_string)
                .collect(),
            codebook: variants.iter().take(5).map(|v| v.0.to_string()).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_shared_phrase() {
        let uncovered = [
            "The wifi never works",
            "wifi kept dropping out",
            "No WiFi in the lounge",
            "I lost my coat",
            "Bad wifi, could not call home",
        ];
        let mut all: Vec<&str> = uncovered.to_vec();
        all.extend(["staff were kind", "the food was cold", "kind nurses"]);
        let s = suggest_themes(&uncovered, &all, &SuggestConfig::default());
        assert!(!s.is_empty());
        assert_eq!(s[0].stems, "wifi");
        assert_eq!(s[0].support, 4);
        assert_eq!(s[0].examples.len(), 3);
        assert!(s[0].codebook.contains(&"wifi".to_string()));
        assert_eq!(
            s,
            suggest_themes(&uncovered, &all, &SuggestConfig::default())
        );
    }
}
