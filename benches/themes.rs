//! Theme-coding speed benchmark (not a timed test): keyword-code and learned-code 100,000
//! answers, and retrain the learned coder on 5,000 coded answers, using the service's own
//! `themes::auto` functions on `tests/data/themes/dev.csv` repeated to size. Run with
//! `cargo bench --bench themes`; prints a Markdown table for docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Instant;

use chorus::themes::auto;
use chorus::themes::engine::eval::read_rows;
use chorus::themes::model::{Theme, ThemeId, ThemeStatus};

const ANSWERS: usize = 100_000;
const TRAIN: usize = 5_000;
const THREADS: usize = 2;

fn main() {
    let rows = read_rows(Path::new("tests/data/themes/dev.csv")).unwrap();
    let mut labels: Vec<String> = rows.iter().flat_map(|r| r.labels.clone()).collect();
    labels.sort();
    labels.dedup();
    let id_of = |l: &str| labels.iter().position(|x| x == l).unwrap() as i64 + 1;
    // Answers: dev.csv repeated with a number so texts are not all identical.
    let texts: Vec<String> = (0..ANSWERS)
        .map(|i| format!("{} {}", rows[i % rows.len()].text, i / rows.len()))
        .collect();
    let answers: Vec<(i64, &str)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i as i64, t.as_str()))
        .collect();
    // A realistic codebook: a few phrases per theme.
    let phrases: [(&str, &[&str]); 6] = [
        (
            "Staff",
            &["staff", "nurse", "doctor", "receptionist", "friendly"],
        ),
        (
            "Access to medical care & support",
            &["waiting times", "appointment", "wait", "queue"],
        ),
        (
            "Communication & involvement",
            &["explained", "listen", "told", "information"],
        ),
        (
            "Environment, equipment & catering",
            &["clean", "parking", "noisy", "waiting room"],
        ),
        ("Medication & pain", &["medication", "pain", "tablets"]),
        ("General", &["nothing", "none", "thank you"]),
    ];
    let themes: Vec<Theme> = phrases
        .iter()
        .map(|(name, ps)| Theme {
            id: ThemeId(id_of(name)),
            name: (*name).into(),
            description: String::new(),
            codebook: ps.iter().map(|p| (*p).to_owned()).collect(),
            status: ThemeStatus::Active,
            merged_into: None,
        })
        .collect();
    let book = auto::codebook(&themes);
    let t = Instant::now();
    let codes = auto::keyword_codes(&book, &answers, THREADS);
    let keyword = t.elapsed();

    let examples: Vec<(String, Vec<i64>)> = (0..TRAIN)
        .map(|i| {
            let r = &rows[i % rows.len()];
            let text = if i < rows.len() {
                r.text.clone()
            } else {
                format!("{} {i}", r.text)
            };
            (text, r.labels.iter().map(|l| id_of(l)).collect())
        })
        .collect();
    let t = Instant::now();
    let coder = auto::train(&examples, THREADS).unwrap();
    let train = t.elapsed();
    let t = Instant::now();
    let proposals = auto::learned_proposals(&coder, &answers, THREADS);
    let learned = t.elapsed();
    let t = Instant::now();
    let json = serde_json::to_string(&coder).unwrap();
    let serialise = t.elapsed();

    println!("| What | Result |");
    println!("| --- | --- |");
    println!(
        "| Keyword-code {ANSWERS} answers ({} codes, {THREADS} threads) | {:.0} ms |",
        codes.len(),
        keyword.as_secs_f64() * 1000.0
    );
    println!(
        "| Learned-code {ANSWERS} answers ({} proposals, with uncertainty, {THREADS} threads) | {:.0} ms |",
        proposals.len(),
        learned.as_secs_f64() * 1000.0
    );
    println!(
        "| Retrain on {TRAIN} coded answers (incl. 5-fold inner CV) | {:.0} ms |",
        train.as_secs_f64() * 1000.0
    );
    println!(
        "| Serialise the trained coder ({:.1} MB JSON) | {:.0} ms |",
        json.len() as f64 / 1e6,
        serialise.as_secs_f64() * 1000.0
    );
}
