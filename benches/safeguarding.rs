//! Safeguarding scanning speed (not a timed test): scan 100,000 answers with the service's
//! own scanner (rules, then the learned second opinion where the rules find nothing), built
//! from the first examples file repeated with a varying suffix, and tokenise + stem the same
//! answers as the reference measured in the same run. Run with
//! `cargo bench --bench safeguarding`; prints a Markdown table for docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chorus::safeguarding::Scanner;
use chorus::text::TextStemmer;

const ANSWERS: usize = 100_000;
const EXAMPLES: &str = include_str!("../src/safeguarding/data/examples.csv");

fn main() {
    let mut rdr = csv::Reader::from_reader(EXAMPLES.as_bytes());
    let base: Vec<String> = rdr.records().map(|r| r.unwrap()[1].to_owned()).collect();
    let texts: Vec<String> = (0..ANSWERS)
        .map(|i| {
            format!(
                "{} {}",
                base[i % base.len()],
                ["", "tbh", "at club", "lol"][i % 4]
            )
        })
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();

    let start = Instant::now();
    let scanner = Scanner::default();
    let _ = scanner.scan("warm up the learned model");
    let build = start.elapsed().as_secs_f64();

    let stemmer = TextStemmer::new();
    let start = Instant::now();
    let stems: usize = texts.iter().map(|t| stemmer.stems(t).len()).sum();
    let reference = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let rules = texts
        .iter()
        .filter(|t| scanner.scan_rules(t).is_some())
        .count();
    let rules_secs = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let flagged = texts.iter().filter(|t| scanner.scan(t).is_some()).count();
    let full = start.elapsed().as_secs_f64();

    let per = |s: f64| s * 1e6 / ANSWERS as f64;
    println!("{ANSWERS} answers, {words} words ({stems} stems); scanner built in {build:.3} s");
    println!("| what | total s | µs per answer | ratio to tokenise + stem |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| tokenise + stem (reference) | {reference:.3} | {:.2} | 1 |",
        per(reference)
    );
    println!(
        "| rules alone ({rules} flagged) | {rules_secs:.3} | {:.2} | {:.1} |",
        per(rules_secs),
        rules_secs / reference
    );
    println!(
        "| rules + learned second opinion ({flagged} flagged) | {full:.3} | {:.2} | {:.1} |",
        per(full),
        full / reference
    );
    println!("target: under 20 µs per answer");
}
