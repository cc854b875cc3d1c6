//! Round results (pure): per item, the counts and shares of agree / not sure / disagree,
//! overall and by who voted, with small groups hidden through `disclosure/` here — never in a
//! view — and the items ranked by the share who agree (items without a shown share last).

use crate::disclosure::{MinGroup, Shown, suppress};
use crate::participation::model::{Choice, Item, ItemId, Who};

/// One row of counts, in [`Choice::ALL`] order, as it may be shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub counts: Vec<Shown<u64>>,
    /// Per cent of the row's total, hidden with its count (or the total).
    pub shares: Vec<Shown<f64>>,
    pub total: Shown<u64>,
}

impl Row {
    /// `counts` (agree, not sure, disagree) with small groups hidden.
    pub fn of(counts: [u64; 3], min: MinGroup) -> Row {
        let s = suppress(&counts, min);
        let sum: u64 = counts.iter().sum();
        let total = s.total(sum);
        let shown: Vec<Shown<u64>> = counts
            .iter()
            .enumerate()
            .map(|(i, c)| s.count(i, *c))
            .collect();
        let shares = shown
            .iter()
            .map(|c| match (c, total) {
                (Shown::Value(n), Shown::Value(t)) if t > 0 => {
                    Shown::Value(*n as f64 * 100.0 / t as f64)
                }
                (Shown::Value(_), Shown::Value(_)) => Shown::Value(0.0),
                (Shown::Hidden(why), _) => Shown::Hidden(*why),
                (_, Shown::Hidden(why)) => Shown::Hidden(why),
            })
            .collect();
        Row {
            counts: shown,
            shares,
            total,
        }
    }

    /// The share who agree, when it may be shown.
    pub fn agree_share(&self) -> Option<f64> {
        self.shares.first().and_then(|s| s.value())
    }
}

/// Raw vote counts for one round: (item, who, choice) → votes.
pub type Counts = Vec<(ItemId, Who, Choice, u64)>;

/// What may be shown of one item's votes.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub item: ItemId,
    pub title: String,
    pub overall: Row,
    /// Only the groups that voted, in [`Who::ALL`] order.
    pub by_who: Vec<(Who, Row)>,
    /// Approved comments only.
    pub comments: Vec<String>,
}

fn index(choice: Choice) -> usize {
    Choice::ALL.iter().position(|c| *c == choice).unwrap_or(0)
}

/// Every item's shown results, ranked by the share who agree.
pub fn results(
    items: &[Item],
    counts: &Counts,
    comments: &[(ItemId, String)],
    min: MinGroup,
) -> Vec<ItemResult> {
    let mut out: Vec<ItemResult> = items
        .iter()
        .map(|item| {
            let mine = counts.iter().filter(|(i, ..)| *i == item.id);
            let mut overall = [0u64; 3];
            let mut groups: Vec<(Who, [u64; 3])> = Who::ALL.iter().map(|w| (*w, [0; 3])).collect();
            for (_, who, choice, n) in mine {
                overall[index(*choice)] += n;
                if let Some(g) = groups.iter_mut().find(|(w, _)| w == who) {
                    g.1[index(*choice)] += n;
                }
            }
            ItemResult {
                item: item.id,
                title: item.fields.title.clone(),
                overall: Row::of(overall, min),
                by_who: groups
                    .into_iter()
                    .filter(|(_, c)| c.iter().sum::<u64>() > 0)
                    .map(|(w, c)| (w, Row::of(c, min)))
                    .collect(),
                comments: comments
                    .iter()
                    .filter(|(i, _)| *i == item.id)
                    .map(|(_, t)| t.clone())
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let (x, y) = (a.overall.agree_share(), b.overall.agree_share());
        match (x, y) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_are_hidden_with_their_shares() {
        let row = Row::of([12, 2, 6], MinGroup(5));
        assert!(row.counts[1].is_hidden());
        assert!(row.counts[2].is_hidden(), "secondary suppression");
        assert_eq!(row.counts[0], Shown::Value(12));
        assert!(row.shares[1].is_hidden());
        let all_small = Row::of([1, 1, 1], MinGroup(5));
        assert!(all_small.total.is_hidden());
        assert_eq!(all_small.agree_share(), None);
    }

    #[test]
    fn enough_votes_show_every_figure() {
        let row = Row::of([6, 0, 14], MinGroup(5));
        assert_eq!(row.agree_share(), Some(30.0));
        assert_eq!(row.total, Shown::Value(20));
    }
}
