//! Help for children and families: one local contact per project (a name, a phone number and
//! when it is answered), shown beside Childline and 999 on every page of a children's or
//! families' survey. Nothing about respondents is stored here. Anonymous surveys still showing
//! the old default privacy notice, which promised to talk to someone to keep the child safe,
//! get the truthful default instead (`down` leaves the wording as it is).

use sea_orm_migration::{prelude::*, schema::*};

/// The default notice before this migration: it promised contact an anonymous survey cannot give.
pub const OLD_DEFAULT: &str = "You do not have to answer, and you can stop at any time. \
We do not ask for your name. Your answers are kept safe and only the people running this project can read them. \
We use what everyone says to make our service better. If you tell us something that makes us worried you or \
someone else might be hurt, we may need to talk to someone to keep you safe. When you finish you will get a \
receipt code: you can use it to see or delete your answers.";

/// `chorus::surveys::privacy::ANONYMOUS_CHILDREN` as it was written by this migration.
pub const ANONYMOUS_CHILDREN: &str = "You do not have to answer, and you can stop at any time. \
We do not ask for your name. Your answers are kept safe and only the people running this project can read them. \
We use what everyone says to make our service better. If you tell us something that makes us worried that you or \
someone else might be hurt, someone whose job is keeping children safe will read it and use it to help keep \
children safe. We cannot contact you, because we do not know who you are. If you are worried or need help now, \
the box at the bottom of every page tells you who you can talk to, like Childline on 0800 1111. When you finish \
you will get a receipt code: you can use it to see or delete your answers.";

/// `chorus::surveys::privacy::ANONYMOUS_OTHERS` as it was written by this migration.
pub const ANONYMOUS_OTHERS: &str = "You do not have to answer, and you can stop at any time. \
We do not ask for your name. Your answers are kept safe and only the people running this project can read them. \
We use what everyone says to make our service better. If you tell us something that makes us worried that you or \
someone else might be hurt, someone whose job is keeping people safe will read it. We cannot contact you, because \
we do not know who you are. In an emergency, call 999. When you finish you will get a receipt code: you can use \
it to see or delete your answers.";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HelpContact::Table)
                    .col(big_integer(HelpContact::ProjectId).primary_key())
                    .col(string(HelpContact::Name))
                    .col(string(HelpContact::Phone))
                    .col(string(HelpContact::Hours))
                    .col(timestamp_with_time_zone(HelpContact::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpContact::Table, HelpContact::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (audiences, notice) in [
            (&["children", "families"][..], ANONYMOUS_CHILDREN),
            (&["practitioners", "anyone"][..], ANONYMOUS_OTHERS),
        ] {
            let update = Query::update()
                .table(Survey::Table)
                .value(Survey::PrivacyNotice, notice)
                .and_where(Expr::col(Survey::PrivacyNotice).eq(OLD_DEFAULT))
                .and_where(Expr::col(Survey::Anonymous).eq(true))
                .and_where(Expr::col(Survey::Audience).is_in(audiences.iter().copied()))
                .to_owned();
            manager.exec_stmt(update).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HelpContact::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum HelpContact {
    Table,
    ProjectId,
    Name,
    Phone,
    Hours,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Audience,
    PrivacyNotice,
    Anonymous,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}
