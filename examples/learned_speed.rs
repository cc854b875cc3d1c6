//! Speed of the learned safeguarding second opinion (not a timed test): training at first use
//! on the embedded examples file (and on a three-times larger file, the size it is growing
//! to), then `assess` and the rules' `scan` on 100,000 answers made from the examples. Run
//! with `cargo run --release --example learned_speed`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chorus::safeguarding::learned::DEFAULT_EXAMPLES;
use chorus::safeguarding::{Scanner, SecondOpinion};

const ANSWERS: usize = 100_000;

fn main() {
    let t = Instant::now();
    let model = SecondOpinion::default_model().unwrap();
    let train_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("out-of-fold: {:?}", model.report());

    // ~3x rows: every example three times, with a different trailing word each time.
    let mut big = String::from("id,text,flag\n");
    let mut rdr = csv::Reader::from_reader(DEFAULT_EXAMPLES.as_bytes());
    let rows: Vec<(String, String)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_owned(), r[2].to_owned())
        })
        .collect();
    for (k, word) in ["today", "honestly", "again"].iter().enumerate() {
        for (i, (text, flag)) in rows.iter().enumerate() {
            big.push_str(&format!(
                "{k}-{i},\"{} {word}\",{flag}\n",
                text.replace('"', "")
            ));
        }
    }
    let t = Instant::now();
    let _ = SecondOpinion::train(&big).unwrap();
    let big_ms = t.elapsed().as_secs_f64() * 1000.0;

    let texts: Vec<String> = (0..ANSWERS)
        .map(|i| format!("{} {}", rows[i % rows.len()].0, i / rows.len()))
        .collect();
    let t = Instant::now();
    let learned = texts.iter().filter(|x| model.assess(x).is_some()).count();
    let assess_us = t.elapsed().as_secs_f64() * 1e6 / ANSWERS as f64;
    let scanner = Scanner::default();
    let t = Instant::now();
    let rules = texts.iter().filter(|x| scanner.scan(x).is_some()).count();
    let scan_us = t.elapsed().as_secs_f64() * 1e6 / ANSWERS as f64;

    println!("| what | time |");
    println!("| --- | --- |");
    println!(
        "| train at first use ({} rows) | {train_ms:.0} ms |",
        rows.len()
    );
    println!("| train ({} rows) | {big_ms:.0} ms |", 3 * rows.len());
    println!("| assess, per answer ({ANSWERS} answers, {learned} flagged) | {assess_us:.2} µs |");
    println!("| rules scan, per answer ({rules} flagged) | {scan_us:.2} µs |");
}
