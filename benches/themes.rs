//! Theme-coding speed benchmark (not a timed test): keyword-code and learned-code 100,000
//! answers, and retrain the learned coder on 5,000 coded answers, using the service's own
//! `themes::auto` functions on `tests/data/themes/dev.csv` repeated to size. Run with
//! `cargo bench --bench themes`; prints a Markdown table for docs/PERFORMANCE.md.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark is a test harness: it stops at the first failure"
)]

use std::path::Path;
use std::time::Instant;

use chorus::themes::auto;
use chorus::themes::engine::eval::read_rows;
use chorus::themes::model::{Theme, ThemeId, ThemeStatus};

const ANSWERS: usize = 100_000;
const TRAIN: usize = 5_000;
const THREADS: usize = 2;

/// CPU seconds this process has used (user + system), from /proc/self/stat (Linux; clock
/// ticks of 1/100 s). On a busy machine wall time stretches while CPU time stays put, so the
/// table shows both, and CPU time / threads estimates the wall time on idle cores.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Times `f`: (its result, wall seconds, CPU seconds).
fn timed<R>(f: impl FnOnce() -> R) -> (R, f64, f64) {
    let (wall, cpu) = (Instant::now(), cpu_secs());
    let out = f();
    (out, wall.elapsed().as_secs_f64(), cpu_secs() - cpu)
}

fn row(what: &str, wall: f64, cpu: f64) {
    println!(
        "| {what} | {:.0} ms | {:.0} ms | {:.0} ms |",
        wall * 1000.0,
        cpu * 1000.0,
        cpu * 1000.0 / THREADS as f64
    );
}

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
    let (codes, keyword, keyword_cpu) = timed(|| auto::keyword_codes(&book, &answers, THREADS));

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
    let (coder, train, train_cpu) = timed(|| auto::train(&examples, THREADS).unwrap());
    let (proposals, learned, learned_cpu) =
        timed(|| auto::learned_proposals(&coder, &answers, THREADS));
    let (json, serialise, serialise_cpu) = timed(|| serde_json::to_string(&coder).unwrap());

    println!("| What | Wall | CPU | CPU / {THREADS} threads |");
    println!("| --- | ---: | ---: | ---: |");
    row(
        &format!(
            "Keyword-code {ANSWERS} answers ({} codes, {THREADS} threads)",
            codes.len()
        ),
        keyword,
        keyword_cpu,
    );
    row(
        &format!(
            "Learned-code {ANSWERS} answers ({} proposals, with uncertainty, {THREADS} threads)",
            proposals.len()
        ),
        learned,
        learned_cpu,
    );
    row(
        &format!("Retrain on {TRAIN} coded answers (incl. 5-fold inner CV)"),
        train,
        train_cpu,
    );
    row(
        &format!(
            "Serialise the trained coder ({:.1} MB JSON)",
            json.len() as f64 / 1e6
        ),
        serialise,
        serialise_cpu,
    );
}
