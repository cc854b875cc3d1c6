//! Automatic coding, pure and parallel: codebook (keyword) codes and learned proposals for
//! many answers at once, and the training examples a project's steward decisions give.
//! No database here, so the benchmark and the background job share it.

use crate::themes::engine::{Codebook, Coder, CoderConfig, TrainingExample};
use crate::themes::model::{Theme, ThemeStatus};

/// Fewest steward-reviewed answers before the learned coder is trained.
pub const MIN_EXAMPLES: usize = 10;

/// The codebook of the active themes, keyed by theme id.
pub fn codebook(themes: &[Theme]) -> Codebook {
    let mut book = Codebook::new();
    for t in themes.iter().filter(|t| t.status == ThemeStatus::Active) {
        for p in &t.codebook {
            book.add(&t.id.0.to_string(), p);
        }
    }
    book
}

fn parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> Vec<R> + Sync,
) -> Vec<R> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().flat_map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Every (answer, theme id) the codebook finds, over `threads` threads.
pub fn keyword_codes(book: &Codebook, answers: &[(i64, &str)], threads: usize) -> Vec<(i64, i64)> {
    if book.is_empty() {
        return Vec::new();
    }
    parallel(answers, threads, |(id, text)| {
        book.themes(text)
            .into_iter()
            .filter_map(|t| t.parse().ok().map(|t| (*id, t)))
            .collect()
    })
}

/// The learned coder's proposals: (answer, theme id, confidence, the answer's uncertainty)
/// for every label it assigns, over `threads` threads.
pub fn learned_proposals(
    coder: &Coder,
    answers: &[(i64, &str)],
    threads: usize,
) -> Vec<(i64, i64, f64, f64)> {
    // Theme ids parsed once, in the coder's label order.
    let ids: Vec<Option<i64>> = coder.labels().iter().map(|l| l.parse().ok()).collect();
    parallel(answers, threads, |(id, text)| {
        let found = coder.assess(text);
        found
            .labels
            .into_iter()
            .filter_map(|(l, p)| Some((*id, (*ids.get(l)?)?, p, found.uncertainty)))
            .collect()
    })
}

/// Trains the coder on (text, theme ids) examples; `None` below [`MIN_EXAMPLES`] or
/// when no theme has an example.
pub fn train(examples: &[(String, Vec<i64>)], threads: usize) -> Option<Coder> {
    if examples.len() < MIN_EXAMPLES || examples.iter().all(|(_, l)| l.is_empty()) {
        return None;
    }
    let ex: Vec<TrainingExample> = examples
        .iter()
        .map(|(text, labels)| TrainingExample {
            text: text.clone(),
            labels: labels.iter().map(i64::to_string).collect(),
        })
        .collect();
    let cfg = CoderConfig {
        threads: threads.max(1),
        ..CoderConfig::default()
    };
    Some(Coder::train(&ex, &cfg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::model::ThemeId;

    fn theme(id: i64, phrases: &[&str], status: ThemeStatus) -> Theme {
        Theme {
            id: ThemeId(id),
            name: format!("t{id}"),
            description: String::new(),
            codebook: phrases.iter().map(|p| p.to_string()).collect(),
            status,
            merged_into: None,
        }
    }

    #[test]
    fn keyword_codes_use_active_themes_only_and_keep_order() {
        let book = codebook(&[
            theme(1, &["waiting times"], ThemeStatus::Active),
            theme(2, &["rude"], ThemeStatus::Retired),
        ]);
        let answers: Vec<(i64, &str)> = vec![
            (10, "Waited, time was long!"),
            (11, "The WAITING-TIMES"),
            (12, "rude"),
        ];
        assert_eq!(keyword_codes(&book, &answers, 2), vec![(10, 1), (11, 1)]);
    }

    #[test]
    fn too_few_examples_train_nothing() {
        let ex = vec![("kind staff".to_string(), vec![1])];
        assert!(train(&ex, 1).is_none());
    }
}
