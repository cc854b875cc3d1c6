//! The safeguarding scanner (pure): flags texts that may disclose harm. Rules are written over
//! *concepts* (reviewable word lists in `lexicon.txt`: harm verbs, people, places, pills, …)
//! in `rules.txt`, plus the literal phrases of `phrases.txt`; all three are embedded at
//! compile time. A learned second opinion (`learned`) may add flags; it never removes one.
//!
//! Design: recall first. Text, lexicon and rules share one word pipeline (`normalise`:
//! spelling clean-up, text speak, irregular forms, stemming), so one entry catches every
//! inflection. A rule is a sequence of elements: a word, `@concept`, `*` (a gap of 0–3
//! words), `~N` (a gap of 0–N words) or `<N>` (what follows lies within N words of what came
//! before, on either side). Categories other than self-harm are *negatable*: a hit is dropped
//! when "not", "never", "nobody", … stands inside it or just before it ("he never hits me"),
//! unless the rule itself names a negative ("nobody feeds me"). A hit lying wholly inside a
//! phrase of the special `safe` category ("died laughing") is dropped too. Both are ignored
//! when the text has a contrast word ("nobody hurts me except my stepdad").

use std::collections::HashMap;

use crate::safeguarding::normalise::stems;
use crate::text::TextStemmer;

/// The concept word lists.
pub const DEFAULT_LEXICON: &str = include_str!("lexicon.txt");
/// The concept rules.
pub const DEFAULT_RULES: &str = include_str!("rules.txt");
/// The literal phrase list (rules without concepts).
pub const DEFAULT_PHRASES: &str = include_str!("phrases.txt");

/// Name of the category whose rules neutralise matches inside them.
pub const SAFE_CATEGORY: &str = "safe";
/// The category whose hits are never cleared by a negative ("I don't want to kill myself").
const NOT_NEGATABLE: &str = "self_harm_suicide";
const NEGATORS: &[&str] = &[
    "not", "never", "nobodi", "no", "noth", "none", "nor", "neither",
];
const CLAUSE: &[&str] = &[
    "and",
    "but",
    "becaus",
    "so",
    "when",
    "then",
    "if",
    "or",
    "until",
    "like",
    "know",
    "want",
    "think",
    "understand",
    "why",
    "what",
];
const CONTRAST: &[&str] = &[
    "except", "but", "apart", "unless", "besid", "until", "though", "although",
];
const NEGATION_BEFORE: usize = 2;

/// A safeguarding flag: the category and the rule (or phrase) that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Category such as `self_harm_suicide`.
    pub category: String,
    /// The matching rule as written in the rule or phrase file.
    pub phrase: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Elem {
    Word(String),
    Concept(usize),
    Gap(usize),
    Near(usize),
}

#[derive(Debug, Clone)]
struct Rule {
    category: usize,
    text: String,
    elems: Vec<Elem>,
    /// The rule names a negative itself, so negatives in the text do not clear it.
    names_negative: bool,
}

/// A compiled scanner.
#[derive(Debug, Clone)]
pub struct Scanner {
    stemmer: TextStemmer,
    categories: Vec<String>,
    /// Concept entries by first stem: (concept, the stems after the first).
    lexicon: HashMap<String, Vec<(usize, Vec<String>)>>,
    rules: Vec<Rule>,
    by_word: HashMap<String, Vec<usize>>,
    by_concept: HashMap<usize, Vec<usize>>,
    second: Option<&'static crate::safeguarding::learned::SecondOpinion>,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::rules_only().with_second_opinion()
    }
}

/// Errors in the lexicon or rule files (unknown concepts).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RuleError(String);

/// A text's words as the rules see them.
struct Analysed {
    stems: Vec<String>,
    /// Per position: the concepts starting there and how many words each covers.
    concepts: Vec<Vec<(usize, usize)>>,
}

impl Scanner {
    /// The embedded lexicon, rules and phrases, with no learned second opinion.
    pub fn rules_only() -> Scanner {
        let rules = format!("{DEFAULT_RULES}\n{DEFAULT_PHRASES}");
        match Self::compile(DEFAULT_LEXICON, &rules) {
            Ok(s) => s,
            // The embedded files are checked by a unit test; an empty scanner is never used.
            Err(_) => Self::empty(),
        }
    }

    /// Add the learned second opinion (trained once per process on the first examples
    /// file), when it could be trained.
    pub fn with_second_opinion(mut self) -> Scanner {
        self.second = crate::safeguarding::learned::SecondOpinion::default_model();
        self
    }

    fn empty() -> Scanner {
        Scanner {
            stemmer: TextStemmer::new(),
            categories: Vec::new(),
            lexicon: HashMap::new(),
            rules: Vec::new(),
            by_word: HashMap::new(),
            by_concept: HashMap::new(),
            second: None,
        }
    }

    /// A scanner from a phrase file alone (literal rules, no concepts).
    pub fn from_phrases(data: &str) -> Scanner {
        Self::compile("", data).unwrap_or_else(|_| Self::empty())
    }

    /// Categories in priority order (as in the rule files), including `safe`.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    fn analyse(&self, text: &str) -> Analysed {
        let stems = stems(&self.stemmer, text);
        let mut concepts = vec![Vec::new(); stems.len()];
        for (i, st) in stems.iter().enumerate() {
            let Some(entries) = self.lexicon.get(st) else {
                continue;
            };
            for (c, rest) in entries {
                let end = i + 1 + rest.len();
                if end <= stems.len() && stems[i + 1..end] == rest[..] {
                    concepts[i].push((*c, 1 + rest.len()));
                }
            }
        }
        Analysed { stems, concepts }
    }

    /// Scan `text`; return the highest-priority flag, or `None`. The learned second opinion
    /// is asked only when the rules found nothing and cleared nothing: a text whose only
    /// matches were negated ("nobody hurts me") or figures of speech ("died laughing") stays
    /// unflagged.
    pub fn scan(&self, text: &str) -> Option<Flag> {
        let verdict = self.judge(text);
        if verdict.flag.is_some() || verdict.cleared {
            return verdict.flag;
        }
        let learned = self.second?.assess(text)?;
        Some(Flag {
            category: learned.category,
            phrase: format!("learned second opinion ({:.2})", learned.score),
        })
    }

    /// Scan with the rules alone (no learned second opinion).
    pub fn scan_rules(&self, text: &str) -> Option<Flag> {
        self.judge(text).flag
    }

    fn judge(&self, text: &str) -> Verdict {
        let a = self.analyse(text);
        let safe = self.categories.iter().position(|c| c == SAFE_CATEGORY);
        let firm = self.categories.iter().position(|c| c == NOT_NEGATABLE);
        let mut safe_spans = Vec::new();
        let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new(); // (category, start, end, rule)
        let mut cleared = false;
        for i in 0..a.stems.len() {
            let by_concept = a.concepts[i]
                .iter()
                .filter_map(|(c, _)| self.by_concept.get(c));
            let by_word = self.by_word.get(&a.stems[i]);
            for &r in by_concept.chain(by_word).flatten() {
                let rule = &self.rules[r];
                let Some((start, end)) = match_at(&rule.elems, &a, i, i) else {
                    continue;
                };
                if Some(rule.category) == safe {
                    safe_spans.push((start, end));
                } else if contrast_after(&a.stems, start)
                    || rule.names_negative
                    || Some(rule.category) == firm
                    || !negated(&a.stems, start, end)
                {
                    hits.push((rule.category, start, end, r));
                } else {
                    cleared = true;
                }
            }
        }
        let before = hits.len();
        // A figure of speech clears a hit it overlaps ("this homework is killing me"); a
        // rule that names a negative ("not … safe") is cleared only by a phrase holding it
        // whole, so "feel safe" never clears "i dont feel safe".
        hits.retain(|&(_, s, e, r)| {
            let clears = |&(a, b): &(usize, usize)| {
                if self.rules[r].names_negative {
                    a <= s && e <= b
                } else {
                    a < e && s < b
                }
            };
            contrast_after(&a.stems, s) || !safe_spans.iter().any(clears)
        });
        cleared |= hits.len() < before || !safe_spans.is_empty();
        hits.sort_by_key(|&(c, s, _, r)| (c, s, r));
        let flag = hits.first().map(|&(c, _, _, r)| Flag {
            category: self.categories[c].clone(),
            phrase: self.rules[r].text.clone(),
        });
        Verdict { flag, cleared }
    }
}

/// What the rules made of a text: a flag, and whether they cleared any match (negated or a
/// figure of speech).
struct Verdict {
    flag: Option<Flag>,
    cleared: bool,
}

/// Does a contrast word ("except", "but") come after `start`: "nobody hurts me except him"?
fn contrast_after(stems: &[String], start: usize) -> bool {
    stems[start..]
        .iter()
        .any(|t| CONTRAST.contains(&t.as_str()))
}

/// Does a negative stand inside `start..end`, or up to two words before it in the same clause?
fn negated(stems: &[String], start: usize, end: usize) -> bool {
    let inside = stems[start..end]
        .iter()
        .any(|t| NEGATORS.contains(&t.as_str()));
    let before = stems[start.saturating_sub(NEGATION_BEFORE)..start]
        .iter()
        .rev()
        .take_while(|t| !CLAUSE.contains(&t.as_str()))
        .any(|t| NEGATORS.contains(&t.as_str()));
    inside || before
}

/// Match `elems` with the first element at `pos`; returns the span (start, end) of the match.
fn match_at(elems: &[Elem], a: &Analysed, start: usize, pos: usize) -> Option<(usize, usize)> {
    let Some((first, rest)) = elems.split_first() else {
        return Some((start, pos));
    };
    match first {
        Elem::Word(w) => (a.stems.get(pos) == Some(w))
            .then(|| match_at(rest, a, start, pos + 1))
            .flatten(),
        Elem::Concept(c) => a
            .concepts
            .get(pos)?
            .iter()
            .filter(|(cc, _)| cc == c)
            .find_map(|(_, len)| match_at(rest, a, start, pos + len)),
        Elem::Gap(n) => (0..=*n).find_map(|g| match_at(rest, a, start, pos + g)),
        Elem::Near(n) => {
            let from = start.saturating_sub(*n + 1);
            (from..=pos + n)
                .filter(|&p| p != start && p < a.stems.len())
                .find_map(|p| {
                    let (s2, e2) = match_at(rest, a, p, p)?;
                    Some((start.min(s2), pos.max(e2)))
                })
        }
    }
}

/// Read CSV `id,text` (header required) and write CSV `id,flag,reason`, where `flag` is 1
/// or 0 and `reason` is `category: rule` for flagged rows (empty otherwise).
pub fn scan_csv<R: std::io::Read, W: std::io::Write>(
    scanner: &Scanner,
    reader: R,
    writer: W,
) -> Result<usize, csv::Error> {
    let mut rdr = csv::Reader::from_reader(reader);
    let headers = rdr.headers()?.clone();
    let ci = headers.iter().position(|h| h.trim() == "id").unwrap_or(0);
    let ct = headers.iter().position(|h| h.trim() == "text").unwrap_or(1);
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(["id", "flag", "reason"])?;
    let mut flagged = 0;
    for rec in rdr.records() {
        let rec = rec?;
        let id = rec.get(ci).unwrap_or_default();
        match scanner.scan(rec.get(ct).unwrap_or_default()) {
            Some(f) => {
                flagged += 1;
                w.write_record([id, "1", &format!("{}: {}", f.category, f.phrase)])?;
            }
            None => w.write_record([id, "0", ""])?,
        }
    }
    w.flush()?;
    Ok(flagged)
}

#[path = "compile.rs"]
mod compile;

#[cfg(test)]
#[path = "scanner_tests.rs"]
mod tests;
