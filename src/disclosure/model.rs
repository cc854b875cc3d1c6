//! Small-number suppression (pure): counts from 1 up to the threshold minus one are hidden as
//! "fewer than N", with secondary suppression so a hidden count cannot be worked out from a
//! total (a count hidden only for that reads "hidden (small numbers)", never "fewer than N",
//! which would be untrue), and percentages, means and medians of hidden groups hidden too.

/// The default smallest group shown (`CHORUS_MIN_GROUP`).
pub const DEFAULT_MIN_GROUP: u64 = 5;

/// A number that may be shown, or hidden because its group (or one beside it) is too small.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown<T> {
    /// Safe to show.
    Value(T),
    /// Hidden, and why: counts say so in words; percentages, means and medians are left out.
    Hidden(Why),
}

/// Why a number is hidden, which decides what it says in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Its own group is small (1 to the threshold − 1): "fewer than N".
    Small,
    /// Not small itself: hidden so that a small group beside it cannot be worked out from it.
    Protects,
}

impl<T: Copy> Shown<T> {
    /// The value, when it may be shown.
    pub fn value(self) -> Option<T> {
        match self {
            Shown::Value(v) => Some(v),
            Shown::Hidden(_) => None,
        }
    }

    /// Whether it is hidden, for whatever reason.
    pub fn is_hidden(self) -> bool {
        matches!(self, Shown::Hidden(_))
    }

    /// The same hiding for a figure derived from this one (a percentage, a mean).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Shown<U> {
        match self {
            Shown::Value(v) => Shown::Value(f(v)),
            Shown::Hidden(why) => Shown::Hidden(why),
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

    /// What a small count shows as: "fewer than 5".
    pub fn label(self) -> String {
        format!("fewer than {}", self.0)
    }

    /// What a count hidden only to protect a small one shows as.
    pub const PROTECTS: &'static str = "hidden (small numbers)";

    /// `count` hidden, with the reason its own size gives: small, or protecting a small one.
    pub fn hide(self, count: u64) -> Shown<u64> {
        Shown::Hidden(if self.too_small(count) {
            Why::Small
        } else {
            Why::Protects
        })
    }

    /// A count as a person reads it: the number, "fewer than N" when it is small itself, or
    /// "hidden (small numbers)" when it is hidden to protect a small one.
    pub fn show(self, count: Shown<u64>) -> String {
        match count {
            Shown::Value(n) => n.to_string(),
            Shown::Hidden(Why::Small) => self.label(),
            Shown::Hidden(Why::Protects) => Self::PROTECTS.to_owned(),
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
        min,
    }
}

/// The outcome of [`suppress`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// One flag per cell, in order: true means hide it.
    pub hidden: Vec<bool>,
    /// Whether the row's total must be hidden too.
    pub total_hidden: bool,
    /// The threshold it was worked out with (which says why each hidden count is hidden).
    pub min: MinGroup,
}

impl Suppression {
    /// Cell `i` as a [`Shown`] count.
    pub fn count(&self, i: usize, count: u64) -> Shown<u64> {
        if self.hidden.get(i).copied().unwrap_or(false) {
            self.min.hide(count)
        } else {
            Shown::Value(count)
        }
    }

    /// The total as a [`Shown`] count.
    pub fn total(&self, total: u64) -> Shown<u64> {
        if self.total_hidden {
            self.min.hide(total)
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
        assert_eq!(MinGroup(5).show(Shown::Hidden(Why::Small)), "fewer than 5");
        assert_eq!(MinGroup(10).show(Shown::Value(12)), "12");
    }

    #[test]
    fn a_count_hidden_only_to_protect_a_small_one_never_claims_to_be_small() {
        let min = MinGroup(5);
        let s = suppress(&[3, 20, 7], min);
        let shown: Vec<String> = [3, 20, 7]
            .iter()
            .enumerate()
            .map(|(i, c)| min.show(s.count(i, *c)))
            .collect();
        assert_eq!(shown, ["fewer than 5", "20", "hidden (small numbers)"]);
        // A small total hides a zero beside it without saying it is small.
        assert_eq!(min.show(min.hide(0)), "hidden (small numbers)");
        assert_eq!(min.show(min.hide(4)), "fewer than 5");
    }
}
