//! The rule "a theme is in force on an answer" (an accepted coding no steward has removed; see
//! `themes::model::applied_themes`) in SQL, for queries that count in the database.

use entity::coding;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoIden, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition};

use crate::themes::model::{CodingStatus, Source};

/// A steward's removal of coding `c`'s theme from `c`'s answer (`EXISTS` of it means the
/// coding is not in force): the SQL form of the rule in `model::applied_themes`.
pub fn removed_by_steward() -> SelectStatement {
    removed_from(Alias::new("c"))
}

/// The same removal, for codings read from `outer` (the table's name or its alias).
fn removed_from(outer: impl IntoIden) -> SelectStatement {
    let (c, r) = (outer.into_iden(), Alias::new("r"));
    Query::select()
        .expr(Expr::val(1))
        .from_as(coding::Entity, r.clone())
        .and_where(
            Expr::col((r.clone(), coding::Column::AnswerId))
                .equals((c.clone(), coding::Column::AnswerId)),
        )
        .and_where(
            Expr::col((r.clone(), coding::Column::ThemeId)).equals((c, coding::Column::ThemeId)),
        )
        .and_where(Expr::col((r.clone(), coding::Column::Source)).eq(Source::Steward.as_str()))
        .and_where(Expr::col((r, coding::Column::Status)).eq(CodingStatus::Rejected.as_str()))
        .to_owned()
}

/// The codings of `theme` in force (accepted, not removed by a steward), as a condition on
/// the `coding` table itself; an answer may hold several (a keyword's and a steward's), so
/// count distinct answers.
pub fn in_force_codings(theme: i64) -> Condition {
    Condition::all()
        .add(coding::Column::ThemeId.eq(theme))
        .add(coding::Column::Status.eq(CodingStatus::Accepted.as_str()))
        .add(Expr::exists(removed_from(coding::Entity)).not())
}
