//! Compiling the scanner: the lexicon file into concept entries (with `include @other`
//! expanded) and the rule file into sequences of words, concepts, gaps and windows.

use std::collections::HashSet;

use super::{Elem, NEGATORS, Rule, RuleError, Scanner};
use crate::safeguarding::normalise::stems;

impl Scanner {
    /// Compile a lexicon and a rule file. Lexicon: `@name` starts a concept; every other
    /// non-blank, non-`#` line is an entry (words, or `include @other`). Rules:
    /// `# category` (one word) starts a category; other `#` lines are comments; text after
    /// ` # ` on a line is a comment.
    pub fn compile(lexicon: &str, rules: &str) -> Result<Scanner, RuleError> {
        let mut s = Self::empty();
        let (names, raw) = parse_lexicon(lexicon);
        let index = |name: &str| names.iter().position(|n| n == name);
        for (concept, entries) in raw.iter().enumerate() {
            for words in expand(concept, &raw, &names, 0)? {
                let st = stems(&s.stemmer, &words.join(" "));
                if let Some((first, rest)) = st.split_first() {
                    s.lexicon
                        .entry(first.clone())
                        .or_default()
                        .push((concept, rest.to_vec()));
                }
            }
            let _ = entries;
        }
        // Concepts with a negative in an entry ("not to tell") are not cleared by it.
        let mut negative_concepts = HashSet::new();
        for entries in s.lexicon.values() {
            for (c, rest) in entries {
                if rest.iter().any(|w| NEGATORS.contains(&w.as_str())) {
                    negative_concepts.insert(*c);
                }
            }
        }
        for (first, entries) in &s.lexicon {
            if NEGATORS.contains(&first.as_str()) {
                negative_concepts.extend(entries.iter().map(|(c, _)| *c));
            }
        }
        let mut current = None;
        for line in rules.lines() {
            let line = strip_comment(line).trim();
            if let Some(h) = line.strip_prefix('#') {
                let words: Vec<&str> = h.split_whitespace().collect();
                if let [name] = words[..] {
                    current = Some(match s.categories.iter().position(|c| c == name) {
                        Some(p) => p,
                        None => {
                            s.categories.push(name.to_owned());
                            s.categories.len() - 1
                        }
                    });
                }
                continue;
            }
            let Some(category) = current else { continue };
            if line.is_empty() {
                continue;
            }
            let mut elems = Vec::new();
            for part in line.split_whitespace() {
                if part == "*" {
                    elems.push(Elem::Gap(3));
                } else if let Some(n) = part.strip_prefix('~').and_then(|n| n.parse().ok()) {
                    elems.push(Elem::Gap(n));
                } else if let Some(n) = part
                    .strip_prefix('<')
                    .and_then(|p| p.strip_suffix('>'))
                    .and_then(|n| n.parse().ok())
                {
                    elems.push(Elem::Near(n));
                } else if let Some(name) = part.strip_prefix('@') {
                    let c = index(name)
                        .ok_or_else(|| RuleError(format!("unknown concept @{name} in: {line}")))?;
                    elems.push(Elem::Concept(c));
                } else {
                    elems.extend(stems(&s.stemmer, part).into_iter().map(Elem::Word));
                }
            }
            let names_negative = elems.iter().any(|e| match e {
                Elem::Word(w) => NEGATORS.contains(&w.as_str()),
                Elem::Concept(c) => negative_concepts.contains(c),
                _ => false,
            });
            let id = s.rules.len();
            match elems.first() {
                Some(Elem::Word(w)) => s.by_word.entry(w.clone()).or_default().push(id),
                Some(Elem::Concept(c)) => s.by_concept.entry(*c).or_default().push(id),
                _ => continue,
            }
            s.rules.push(Rule {
                category,
                text: line.to_owned(),
                elems,
                names_negative,
            });
        }
        Ok(s)
    }
}

fn strip_comment(line: &str) -> &str {
    match line.find(" # ") {
        Some(i) if !line.trim_start().starts_with('#') => &line[..i],
        _ => line,
    }
}

type RawLexicon = Vec<Vec<Vec<String>>>;

/// Concept names and their raw entries (each a list of words; `include @x` adds a concept).
fn parse_lexicon(data: &str) -> (Vec<String>, RawLexicon) {
    let mut names = Vec::new();
    let mut raw: RawLexicon = Vec::new();
    for line in data.lines() {
        let line = strip_comment(line).trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('@').filter(|n| !n.contains(' ')) {
            names.push(name.to_owned());
            raw.push(Vec::new());
            continue;
        }
        if let Some(entries) = raw.last_mut() {
            entries.push(line.split_whitespace().map(str::to_owned).collect());
        }
    }
    (names, raw)
}

/// A concept's entries with `@includes` expanded.
fn expand(
    concept: usize,
    raw: &RawLexicon,
    names: &[String],
    depth: usize,
) -> Result<Vec<Vec<String>>, RuleError> {
    if depth > 8 {
        return Err(RuleError(format!("@{} includes itself", names[concept])));
    }
    let mut out = Vec::new();
    for entry in &raw[concept] {
        match entry.as_slice() {
            [include, one] if include == "include" && one.starts_with('@') => {
                let name = &one[1..];
                let c = names
                    .iter()
                    .position(|n| n == name)
                    .ok_or_else(|| RuleError(format!("unknown concept @{name} in the lexicon")))?;
                out.extend(expand(c, raw, names, depth + 1)?);
            }
            _ => out.push(entry.clone()),
        }
    }
    Ok(out)
}
