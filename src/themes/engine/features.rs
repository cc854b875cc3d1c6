//! Sparse TF-IDF features for the coder: hashed stemmed word n-grams plus character n-grams.
//!
//! Each n-gram is hashed to 64 bits (no string allocation); a vocabulary learned from the
//! training texts (min document frequency, capped size) maps hashes to dense feature ids.
//! Values are sublinear TF (`1 + ln tf`) times smoothed IDF, L2-normalised per block
//! (words, characters), then blocks are weighted and the whole vector re-normalised.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::text::{TextStemmer, tokenize};
use crate::themes::engine::config::FeatureConfig;
use crate::themes::engine::rng::mix64;

/// A sparse vector: `(feature id, value)` sorted by id.
pub type SparseVec = Vec<(u32, f32)>;

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01B3);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

/// Map from n-gram hash to feature id.
pub type HashIndex = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325 ^ seed;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01B3);
    }
    h
}

/// Raw hashed term counts of one document, split into word and char blocks.
#[derive(Debug, Default, Clone)]
pub struct TermCounts {
    /// `(hash, count)` of word n-grams, sorted by hash.
    pub words: Vec<(u64, u32)>,
    /// `(hash, count)` of char n-grams, sorted by hash.
    pub chars: Vec<(u64, u32)>,
}

fn count_sorted(mut v: Vec<u64>) -> Vec<(u64, u32)> {
    v.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(v.len());
    for h in v {
        match out.last_mut() {
            Some((lh, c)) if *lh == h => *c += 1,
            _ => out.push((h, 1)),
        }
    }
    out
}

/// Extract hashed term counts from `text`.
pub fn term_counts(cfg: &FeatureConfig, stemmer: &TextStemmer, text: &str) -> TermCounts {
    let tokens = tokenize(text);
    let mut words = Vec::with_capacity(tokens.len() * 2);
    if cfg.word_ngrams.1 > 0 {
        let stem_hashes: Vec<u64> = tokens
            .iter()
            .map(|t| mix64(fnv(1, stemmer.stem_cow(t).as_bytes())))
            .collect();
        let (lo, hi) = (cfg.word_ngrams.0.max(1), cfg.word_ngrams.1);
        for i in 0..stem_hashes.len() {
            let mut h = 0u64;
            for n in 1..=hi {
                if i + n > stem_hashes.len() {
                    break;
                }
                h = mix64(h.rotate_left(17) ^ stem_hashes[i + n - 1] ^ n as u64);
                if n >= lo {
                    words.push(h);
                }
            }
        }
    }
    if cfg.length_feature {
        let bucket = (usize::BITS - tokens.len().leading_zeros()).min(7) as u64;
        words.push(mix64(0x1E46_7400 ^ bucket));
    }
    let mut chars = Vec::new();
    if cfg.char_ngrams.1 > 0 {
        let (lo, hi) = (cfg.char_ngrams.0.max(1), cfg.char_ngrams.1);
        let mut buf: Vec<u32> = Vec::with_capacity(32);
        for t in &tokens {
            buf.clear();
            buf.push(' ' as u32);
            buf.extend(t.chars().map(|c| c as u32));
            buf.push(' ' as u32);
            for i in 0..buf.len() {
                let mut h = 0x8422_2325u64;
                for n in 1..=hi {
                    if i + n > buf.len() {
                        break;
                    }
                    h = (h ^ buf[i + n - 1] as u64).wrapping_mul(0x100_0000_01B3);
                    if n >= lo {
                        chars.push(mix64(h ^ ((n as u64) << 56)));
                    }
                }
            }
        }
    }
    TermCounts {
        words: count_sorted(words),
        chars: count_sorted(chars),
    }
}

/// A fitted TF-IDF vectoriser. Serialises as its settings, the vocabulary hashes in
/// feature-id order, and the IDF weights.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "VectorizerData", into = "VectorizerData")]
pub struct Vectorizer {
    cfg: FeatureConfig,
    stemmer: TextStemmer,
    index: HashIndex,
    idf: Vec<f32>,
    /// Whether each feature id is a character n-gram (else a word n-gram or the bucket).
    is_char: Vec<bool>,
}

/// Serialised form of a [`Vectorizer`].
#[derive(Serialize, Deserialize)]
struct VectorizerData {
    cfg: FeatureConfig,
    hashes: Vec<u64>,
    idf: Vec<f32>,
    #[serde(default)]
    is_char: Vec<bool>,
}

impl From<Vectorizer> for VectorizerData {
    fn from(v: Vectorizer) -> Self {
        let mut pairs: Vec<(u32, u64)> = v.index.iter().map(|(&h, &id)| (id, h)).collect();
        pairs.sort_unstable();
        Self {
            cfg: v.cfg,
            hashes: pairs.into_iter().map(|(_, h)| h).collect(),
            idf: v.idf,
            is_char: v.is_char,
        }
    }
}

impl From<VectorizerData> for Vectorizer {
    fn from(d: VectorizerData) -> Self {
        let n = d.hashes.len().min(d.idf.len());
        let index = d
            .hashes
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, &h)| (h, i as u32))
            .collect();
        let mut idf = d.idf;
        idf.truncate(n);
        let mut is_char = d.is_char;
        is_char.resize(n, false);
        Self {
            cfg: d.cfg,
            stemmer: TextStemmer::new(),
            index,
            idf,
            is_char,
        }
    }
}

impl Vectorizer {
    /// Learn the vocabulary and IDF weights from `docs` (already counted).
    pub fn fit(cfg: &FeatureConfig, docs: &[TermCounts]) -> Self {
        let mut df: HashIndex = HashIndex::default();
        let mut chars: HashIndex = HashIndex::default();
        for d in docs {
            for (h, _) in d.words.iter().chain(d.chars.iter()) {
                *df.entry(*h).or_insert(0) += 1;
            }
            for (h, _) in &d.chars {
                chars.insert(*h, 1);
            }
        }
        let mut kept: Vec<(u64, u32)> = df.into_iter().filter(|&(_, c)| c >= cfg.min_df).collect();
        // Stable, deterministic order regardless of hash-map iteration order.
        kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(cfg.max_features);
        kept.sort_unstable_by_key(|&(h, _)| h);
        let n = docs.len() as f32;
        let mut index = HashIndex::default();
        let mut idf = Vec::with_capacity(kept.len());
        let mut is_char = Vec::with_capacity(kept.len());
        for (i, (h, c)) in kept.into_iter().enumerate() {
            index.insert(h, i as u32);
            idf.push(((1.0 + n) / (1.0 + c as f32)).ln() + 1.0);
            is_char.push(chars.contains_key(&h));
        }
        Self {
            cfg: cfg.clone(),
            stemmer: TextStemmer::new(),
            index,
            idf,
            is_char,
        }
    }

    /// Number of features in the vocabulary.
    pub fn dim(&self) -> usize {
        self.idf.len()
    }

    /// Whether each feature id is a character n-gram.
    pub fn is_char(&self) -> &[bool] {
        &self.is_char
    }

    /// The configuration this vectoriser was fitted with.
    pub fn config(&self) -> &FeatureConfig {
        &self.cfg
    }

    /// Count terms of `text` with this vectoriser's settings.
    pub fn counts(&self, text: &str) -> TermCounts {
        term_counts(&self.cfg, &self.stemmer, text)
    }

    fn block(&self, terms: &[(u64, u32)], weight: f32, out: &mut SparseVec) {
        let start = out.len();
        let mut norm = 0.0f32;
        for (h, c) in terms {
            if let Some(&id) = self.index.get(h) {
                let v = (1.0 + (*c as f32).ln()) * self.idf[id as usize];
                norm += v * v;
                out.push((id, v));
            }
        }
        if norm > 0.0 {
            let s = weight / norm.sqrt();
            for e in &mut out[start..] {
                e.1 *= s;
            }
        }
    }

    /// TF-IDF vector of already counted terms.
    pub fn transform_counts(&self, tc: &TermCounts) -> SparseVec {
        let mut out = Vec::with_capacity(tc.words.len() + tc.chars.len());
        self.block(&tc.words, 1.0, &mut out);
        self.block(&tc.chars, self.cfg.char_weight, &mut out);
        let norm: f32 = out.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut out {
                e.1 /= norm;
            }
        }
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// TF-IDF vector of `text`.
    pub fn transform(&self, text: &str) -> SparseVec {
        self.transform_counts(&self.counts(text))
    }
}

#[cfg(test)]
#[path = "features_tests.rs"]
mod tests;
