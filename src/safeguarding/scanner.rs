//! The safeguarding scanner (pure): flags texts that may disclose harm, from the reviewable
//! phrase file `src/safeguarding/phrases.txt` (embedded at compile time).
//!
//! Design: recall first. Text and phrases go through the same pipeline — tokenise, a small
//! spelling clean-up for children's writing (`wanna` → `want to`, `dont` → `do not`,
//! `no one` → `nobody`, `my self` → `myself`, common misspellings), then stemming. A phrase
//! matches consecutive stems; `*` in a phrase is a gap of 0–3 words. Negation does *not*
//! cancel a flag ("I don't want to kill myself" is flagged); only a match lying wholly
//! inside a phrase of the special `safe` category ("nobody hurts me", "died laughing") is
//! ignored, and even that only when the text has no contrast word ("except", "but", …).

use std::collections::HashMap;

use crate::text::{TextStemmer, tokenize};

/// The default phrase list, embedded at compile time.
pub const DEFAULT_PHRASES: &str = include_str!("phrases.txt");

/// Name of the category whose phrases neutralise matches inside them.
pub const SAFE_CATEGORY: &str = "safe";

const GAP: &str = "*";
const MAX_GAP: usize = 3;
const CONTRAST: &[&str] = &[
    "except",
    "but",
    "apart",
    "unless",
    "sometimes",
    "besides",
    "until",
    "though",
    "although",
];

/// A safeguarding flag: the category and the phrase (from the phrase file) that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Category such as `self_harm_suicide`.
    pub category: String,
    /// The matching phrase as written in the phrase file.
    pub phrase: String,
}

#[derive(Debug, Clone)]
struct Pattern {
    category: usize,
    phrase: String,
    stems: Vec<String>,
}

/// A compiled scanner.
#[derive(Debug, Clone)]
pub struct Scanner {
    stemmer: TextStemmer,
    categories: Vec<String>,
    patterns: Vec<Pattern>,
    /// First stem -> pattern indices (lookup only).
    index: HashMap<String, Vec<usize>>,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::from_phrases(DEFAULT_PHRASES)
    }
}

/// Spelling clean-up of lowercased tokens (one token may become several).
fn respell(tokens: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len() + 4);
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let next = tokens.get(i + 1).map(String::as_str);
        // Two-token merges.
        let merged = match (t, next) {
            ("no", Some("one")) | ("no", Some("body")) => Some("nobody"),
            ("my", Some("self")) => Some("myself"),
            ("cyber", Some("bullying")) => Some("cyberbullying"),
            ("self", Some("harm")) | ("self", Some("harming")) => Some("selfharm"),
            _ => None,
        };
        if let Some(m) = merged {
            out.push(m.to_string());
            i += 2;
            continue;
        }
        let rep: &[&str] = match t {
            "wanna" => &["want", "to"],
            "gonna" => &["going", "to"],
            "gotta" => &["got", "to"],
            "im" => &["i", "am"],
            "ive" => &["i", "have"],
            "dont" | "dnt" | "doesnt" | "didnt" => &["do", "not"],
            "cant" | "cannot" => &["can", "not"],
            "wont" => &["will", "not"],
            "isnt" => &["is", "not"],
            "wasnt" => &["was", "not"],
            "noone" | "nobdy" | "nobodys" => &["nobody"],
            "u" => &["you"],
            "ur" => &["your"],
            "r" => &["are"],
            "myslef" | "mysef" | "meself" | "mysel" | "mself" | "myselfe" => &["myself"],
            "kil" | "kll" => &["kill"],
            "killin" => &["killing"],
            "sucide" | "suiside" | "suicid" | "sucid" | "suacide" => &["suicide"],
            "sucidal" | "suicidle" | "suisidal" | "sucicidal" => &["suicidal"],
            "scard" | "skared" | "scaird" | "scaed" | "scarred" => &["scared"],
            "frightend" | "fritened" => &["frightened"],
            "hurtin" | "hertin" => &["hurting"],
            "hert" | "hirt" => &["hurt"],
            "hertz" | "herts" => &["hurts"],
            "tuches" | "touchs" | "tuchs" => &["touches"],
            "tuch" => &["touch"],
            "secrit" | "secert" | "sekret" => &["secret"],
            "secrits" | "secerts" | "sekrets" => &["secrets"],
            "hungery" | "hungy" => &["hungry"],
            "bulied" | "bullyed" => &["bullied"],
            "buly" => &["bully"],
            "bulys" | "bullys" => &["bullies"],
            "dieing" => &["dying"],
            "ded" => &["dead"],
            "becuase" | "cos" | "coz" | "cuz" => &["because"],
            _ => &[],
        };
        if rep.is_empty() {
            out.push(tokens[i].clone());
        } else {
            out.extend(rep.iter().map(|s| s.to_string()));
        }
        i += 1;
    }
    out
}

impl Scanner {
    /// Parse a phrase file: `# category` (one word after `#`) starts a category, other `#`
    /// lines are comments, every other non-blank line is a phrase.
    pub fn from_phrases(data: &str) -> Scanner {
        let stemmer = TextStemmer::new();
        let mut categories: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut current: Option<usize> = None;
        for line in data.lines().map(str::trim) {
            if let Some(h) = line.strip_prefix('#') {
                let words: Vec<&str> = h.split_whitespace().collect();
                if words.len() == 1 {
                    let name = words[0].to_string();
                    let pos = match categories.iter().position(|c| *c == name) {
                        Some(p) => p,
                        None => {
                            categories.push(name);
                            categories.len() - 1
                        }
                    };
                    current = Some(pos);
                }
                continue;
            }
            let Some(cat) = current else { continue };
            if line.is_empty() {
                continue;
            }
            let stems = Self::phrase_stems(&stemmer, line);
            let Some(first) = stems.first() else { continue };
            if first == GAP {
                continue;
            }
            index.entry(first.clone()).or_default().push(patterns.len());
            patterns.push(Pattern {
                category: cat,
                phrase: line.to_string(),
                stems,
            });
        }
        Scanner {
            stemmer,
            categories,
            patterns,
            index,
        }
    }

    fn phrase_stems(stemmer: &TextStemmer, phrase: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in phrase.split_whitespace() {
            if part == GAP {
                out.push(GAP.to_string());
            } else {
                out.extend(respell(tokenize(part)).iter().map(|t| stemmer.stem(t)));
            }
        }
        out
    }

    /// Categories in priority order (as in the phrase file), including `safe` if present.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// Length of the match of `pat` starting at `i`, if any.
    fn match_at(pat: &[String], stems: &[String], i: usize) -> Option<usize> {
        let Some(first) = pat.first() else {
            return Some(0);
        };
        if first == GAP {
            for g in 0..=MAX_GAP {
                if let Some(len) = Self::match_at(&pat[1..], stems, i + g) {
                    return Some(g + len);
                }
            }
            return None;
        }
        if stems.get(i) == Some(first) {
            Self::match_at(&pat[1..], stems, i + 1).map(|l| l + 1)
        } else {
            None
        }
    }

    /// Scan `text`; return the highest-priority flag, or `None`.
    pub fn scan(&self, text: &str) -> Option<Flag> {
        let tokens = respell(tokenize(text));
        let has_contrast = tokens.iter().any(|t| CONTRAST.contains(&t.as_str()));
        let stems: Vec<String> = tokens.iter().map(|t| self.stemmer.stem(t)).collect();
        let safe_cat = self.categories.iter().position(|c| c == SAFE_CATEGORY);
        let mut safe_spans: Vec<(usize, usize)> = Vec::new();
        let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new(); // (cat, start, end, pattern)
        for i in 0..stems.len() {
            let Some(cands) = self.index.get(&stems[i]) else {
                continue;
            };
            for &p in cands {
                let pat = &self.patterns[p];
                if let Some(len) = Self::match_at(&pat.stems, &stems, i) {
                    if Some(pat.category) == safe_cat {
                        safe_spans.push((i, i + len));
                    } else {
                        hits.push((pat.category, i, i + len, p));
                    }
                }
            }
        }
        hits.retain(|&(_, s, e, _)| {
            has_contrast || !safe_spans.iter().any(|&(a, b)| a <= s && e <= b)
        });
        hits.sort_by_key(|&(c, s, _, p)| (c, s, p));
        hits.first().map(|&(c, _, _, p)| Flag {
            category: self.categories[c].clone(),
            phrase: self.patterns[p].phrase.clone(),
        })
    }
}

/// Read CSV `id,text` (header required) and write CSV `id,flag,reason`, where `flag` is 1
/// or 0 and `reason` is `category: phrase` for flagged rows (empty otherwise).
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

#[cfg(test)]
#[path = "scanner_tests.rs"]
mod tests;
