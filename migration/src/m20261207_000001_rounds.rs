//! "Have your say" rounds: `round` (a public page of items on a project, draft → open →
//! closed), `round_item` (a theme, an experiment proposal or a free item in plain words, with
//! the redacted quotes chosen for it), `round_vote` (agree / not sure / disagree, one per item
//! per device: the device is kept only as a keyed hash that differs per round) and
//! `round_comment` ("tell us more", held until a steward approves it; a safeguarding match is
//! a `safeguarding_flag` pointing at the comment, added by the next migration).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn cascade(
    from: (impl IntoIden + Clone, impl IntoIden),
    to: (impl IntoIden + Clone, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden + Clone, cols: &[RoundVote]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Round::Table)
                    .col(big_pk_auto(Round::Id))
                    .col(big_integer(Round::ProjectId))
                    .col(string(Round::Title))
                    .col(text(Round::Intro))
                    .col(string(Round::Audience))
                    .col(string_uniq(Round::Slug))
                    .col(string(Round::Status))
                    .col(boolean(Round::ShowResults))
                    .col(big_integer_null(Round::CreatedBy))
                    .col(timestamp_with_time_zone(Round::CreatedAt))
                    .col(timestamp_with_time_zone_null(Round::OpenedAt))
                    .col(timestamp_with_time_zone_null(Round::ClosedAt))
                    .foreign_key(&mut cascade(
                        (Round::Table, Round::ProjectId),
                        (Project::Table, Project::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_round_project")
                    .table(Round::Table)
                    .col(Round::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundItem::Table)
                    .col(big_pk_auto(RoundItem::Id))
                    .col(big_integer(RoundItem::RoundId))
                    .col(integer(RoundItem::Position))
                    .col(string(RoundItem::SourceKind))
                    .col(big_integer_null(RoundItem::SourceId))
                    .col(string(RoundItem::Title))
                    .col(text(RoundItem::Body))
                    .col(text(RoundItem::EasyRead))
                    .col(text(RoundItem::Quotes))
                    .col(timestamp_with_time_zone(RoundItem::CreatedAt))
                    .foreign_key(&mut cascade(
                        (RoundItem::Table, RoundItem::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_round_item_round")
                    .table(RoundItem::Table)
                    .col(RoundItem::RoundId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundVote::Table)
                    .col(big_pk_auto(RoundVote::Id))
                    .col(big_integer(RoundVote::RoundId))
                    .col(big_integer(RoundVote::ItemId))
                    .col(string(RoundVote::Device))
                    .col(string(RoundVote::Choice))
                    .col(string(RoundVote::Who))
                    .col(timestamp_with_time_zone(RoundVote::CreatedAt))
                    .col(timestamp_with_time_zone(RoundVote::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (RoundVote::Table, RoundVote::ItemId),
                        (RoundItem::Table, RoundItem::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "idx_round_vote_device",
                    RoundVote::Table,
                    &[RoundVote::ItemId, RoundVote::Device],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_round_vote_round",
                RoundVote::Table,
                &[RoundVote::RoundId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundComment::Table)
                    .col(big_pk_auto(RoundComment::Id))
                    .col(big_integer(RoundComment::RoundId))
                    .col(big_integer(RoundComment::ItemId))
                    .col(string(RoundComment::Device))
                    .col(text(RoundComment::Text))
                    .col(string(RoundComment::Who))
                    .col(string(RoundComment::Status))
                    .col(big_integer_null(RoundComment::ReviewedBy))
                    .col(timestamp_with_time_zone(RoundComment::CreatedAt))
                    .col(timestamp_with_time_zone_null(RoundComment::ReviewedAt))
                    .foreign_key(&mut cascade(
                        (RoundComment::Table, RoundComment::ItemId),
                        (RoundItem::Table, RoundItem::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_round_comment_device")
                    .table(RoundComment::Table)
                    .col(RoundComment::ItemId)
                    .col(RoundComment::Device)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_round_comment_round")
                    .table(RoundComment::Table)
                    .col(RoundComment::RoundId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RoundComment::Table.into_iden(),
            RoundVote::Table.into_iden(),
            RoundItem::Table.into_iden(),
            Round::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Project {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Round {
    Table,
    Id,
    ProjectId,
    Title,
    Intro,
    Audience,
    Slug,
    Status,
    ShowResults,
    CreatedBy,
    CreatedAt,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RoundItem {
    Table,
    Id,
    RoundId,
    Position,
    SourceKind,
    SourceId,
    Title,
    Body,
    EasyRead,
    Quotes,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RoundVote {
    Table,
    Id,
    RoundId,
    ItemId,
    Device,
    Choice,
    Who,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RoundComment {
    Table,
    Id,
    RoundId,
    ItemId,
    Device,
    Text,
    Who,
    Status,
    ReviewedBy,
    CreatedAt,
    ReviewedAt,
}
