//! Safeguarding scanning speed (not a timed test): scan 100,000 answers with the service's
//! own scanner (rules, then the learned second opinion where the rules find nothing), built
//! from the first examples file repeated with a varying suffix, and tokenise + stem the same
//! answers as the reference measured in the same run; wall time and time on a CPU (so a busy
//! machine does not inflate the figure). Run with
//! `cargo bench --bench safeguarding`; prints a Markdown table for docs/PERFORMANCE.md.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark is a test harness: it stops at the first failure"
)]

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
    let (reference, reference_cpu, stems) =
        measure(|| texts.iter().map(|t| stemmer.stems(t).len()).sum::<usize>());
    let (rules_secs, rules_cpu, rules) = measure(|| {
        texts
            .iter()
            .filter(|t| scanner.scan_rules(t).is_some())
            .count()
    });
    let (full, full_cpu, flagged) =
        measure(|| texts.iter().filter(|t| scanner.scan(t).is_some()).count());

    let per = |s: f64| s * 1e6 / ANSWERS as f64;
    println!("{ANSWERS} answers, {words} words ({stems} stems); scanner built in {build:.3} s");
    println!(
        "| what | wall s | µs per answer (wall) | µs per answer (on CPU) | ratio to tokenise + stem (on CPU) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (what, wall, cpu) in [
        (
            "tokenise + stem (reference)".to_owned(),
            reference,
            reference_cpu,
        ),
        (
            format!("rules alone ({rules} flagged)"),
            rules_secs,
            rules_cpu,
        ),
        (
            format!("rules + learned second opinion ({flagged} flagged)"),
            full,
            full_cpu,
        ),
    ] {
        println!(
            "| {what} | {wall:.3} | {:.2} | {:.2} | {:.2} |",
            per(wall),
            per(cpu),
            cpu / reference_cpu
        );
    }
    println!("target: under 20 µs per answer");
}

/// Runs `f`, returning wall seconds, seconds this thread spent on a CPU (from
/// `/proc/thread-self/schedstat`, so other load on the machine does not count; wall time
/// where that file is missing) and `f`'s result.
fn measure<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let cpu_before = on_cpu();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu_before, on_cpu()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    (wall, cpu, out)
}

fn on_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
