//! Small-number suppression (pure): counts from 1 up to the threshold minus one are hidden as
//! "fewer than N", with secondary suppression so a hidden count cannot be worked out from a
//! total, and percentages, means and medians of hidden groups hidden too.

/// The default smallest group shown (`CHORUS_MIN_GROUP`).
pub const DEFAULT_MIN_GROUP: u64 = 5;

/// A number that may be shown, or hidden because its group is too small.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown<T> {
    /// Safe to show.
    Value(T),
    /// Hidden: shown as "fewer than N" (counts) or not at all (percentages, means).
    Hidden,
}

impl<T: Copy> Shown<T> {
    /// The value, when it may be shown.
    pub fn value(self) -> Option<T> {
        match self {
            Shown::Value(v) => Some(v),
            Shown::Hidden => None,
        }
    }
}

/// The threshold below which counts are hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MinGroup(pub u64);

impl Default for MinGroup {
    fn default() -> Self {
        MinGroup(DEFAULT_MIN_GROUP)
    }
}

impl MinGroup {
    /// Whether a count must be hidden on its own (primary suppression): 1 to threshold − 1.
    pub fn too_small(self, count: u64) -> bool {
        count > 0 && count < self.0
    }

    /// What a hidden count shows as: "fewer than 5".
    pub fn label(self) -> String {
        format!("fewer than {}", self.0)
    }

    /// A count as a person reads it: the number, or "fewer than N".
    pub fn show(self, count: Shown<u64>) -> String {
        match count {
            Shown::Value(n) => n.to_string(),
            Shown::Hidden => self.label(),
        }
    }
}

/// Which cells of one row (or one breakdown) to hide, given their counts and a shown total.
///
/// Primary: every count from 1 to threshold − 1. Secondary: when exactly one cell is hidden,
/// the next-smallest non-zero cell is hidden too, so the hidden count cannot be worked out by
/// subtracting the others from the total. If no other non-zero cell exists the returned
/// `total_hidden` is true: the total alone would give the hidden count away.
pub fn suppress(counts: &[u64], min: MinGroup) -> Suppression {
    let mut hidden: Vec<bool> = counts.iter().map(|c| min.too_small(*c)).collect();
    let mut total_hidden = min.too_small(counts.iter().sum());
    if hidden.iter().filter(|h| **h).count() == 1 {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, c)| !hidden[*i] && **c > 0)
            .min_by_key(|(i, c)| (**c, *i))
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => total_hidden = true,
        }
    }
    if total_hidden {
        hidden
            .iter_mut()
            .zip(counts)
            .for_each(|(h, c)| *h = *h || *c > 0);
    }
    Suppression {
        hidden,
        total_hidden,
    }
}

/// The outcome of [`suppress`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// One flag per cell, in order: true means hide it.
    pub hidden: Vec<bool>,
    /// Whether the row's total must be hidden too.
    pub total_hidden: bool,
}

impl Suppression {
    /// Cell `i` as a [`Shown`] count.
    pub fn count(&self, i: usize, count: u64) -> Shown<u64> {
        if self.hidden.get(i).copied().unwrap_or(false) {
            Shown::Hidden
        } else {
            Shown::Value(count)
        }
    }

    /// The total as a [`Shown`] count.
    pub fn total(&self, total: u64) -> Shown<u64> {
        if self.total_hidden {
            Shown::Hidden
        } else {
            Shown::Value(total)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(counts: &[u64]) -> (Vec<bool>, bool) {
        let s = suppress(counts, MinGroup::default());
        (s.hidden, s.total_hidden)
    }

    #[test]
    fn suppression_table() {
        let t = true;
        let f = false;
        let cases: &[(&[u64], &[bool], bool)] = &[
            // Nothing small: nothing hidden.
            (&[10, 20, 5], &[f, f, f], f),
            // Zero is not a small group.
            (&[10, 0, 7], &[f, f, f], f),
            // One small cell: the next-smallest non-zero cell goes too.
            (&[3, 20, 8], &[t, f, t], f),
            // Two small cells protect each other.
            (&[3, 2, 20], &[t, t, f], f),
            // One small cell and nothing else to hide: the total goes.
            (&[3, 0, 0], &[t, f, f], t),
            // A small total hides everything.
            (&[2, 1], &[t, t], t),
            // Threshold is exclusive: 5 is shown.
            (&[5, 6], &[f, f], f),
        ];
        for (counts, want, total) in cases {
            assert_eq!(hidden(counts), (want.to_vec(), *total), "{counts:?}");
        }
    }

    #[test]
    fn a_threshold_of_one_hides_nothing() {
        let s = suppress(&[1, 2, 0], MinGroup(1));
        assert_eq!(s.hidden, [false, false, false]);
        assert!(!s.total_hidden);
    }

    #[test]
    fn hidden_counts_read_fewer_than_the_threshold() {
        assert_eq!(MinGroup(5).show(Shown::Hidden), "fewer than 5");
        assert_eq!(MinGroup(10).show(Shown::Value(12)), "12");
    }
}
