//! Privacy notices in words a child knows: surveys still showing one of the default notices
//! get today's wording, which says "your code to see or delete your answers" instead of
//! "receipt code". Notices a steward wrote are left alone; `down` puts the old words back.

use sea_orm_migration::prelude::*;

macro_rules! was {
    () => {
        "When you finish you will get a receipt code: you can use it to see or delete your answers."
    };
}
macro_rules! now {
    () => {
        "When you finish you will get your code to see or delete your answers."
    };
}
macro_rules! notice {
    ($start:literal) => {
        (concat!($start, was!()), concat!($start, now!()))
    };
}

/// The last sentence of every default notice before this migration.
pub const WAS: &str = was!();

/// The same sentence after it.
pub const NOW: &str = now!();

/// Each default notice as it was and as it is now: anonymous for children or families,
/// anonymous for others, identified for children or families, identified for others.
pub const CHANGES: [(&str, &str); 4] = [
    notice!(
        "You do not have to answer, and you can stop at any time. We do not ask for your name. \
Your answers are kept safe and only the people running this project can read them. We use what everyone \
says to make our service better. If you tell us something that makes us worried that you or someone else \
might be hurt, someone whose job is keeping children safe will read it and use it to help keep children \
safe. We cannot contact you, because we do not know who you are. If you are worried or need help now, the \
box at the bottom of every page tells you who you can talk to, like Childline on 0800 1111. "
    ),
    notice!(
        "You do not have to answer, and you can stop at any time. We do not ask for your name. \
Your answers are kept safe and only the people running this project can read them. We use what everyone \
says to make our service better. If you tell us something that makes us worried that you or someone else \
might be hurt, someone whose job is keeping people safe will read it. We cannot contact you, because we do \
not know who you are. In an emergency, call 999. "
    ),
    notice!(
        "You do not have to answer, and you can stop at any time. We know who you are, because you \
signed in to answer. Your answers are kept safe and only the people running this project can read them. \
We use what everyone says to make our service better. If you tell us something that makes us worried that \
you or someone else might be hurt, we will pass it to someone whose job is keeping children safe, and they \
may contact you. "
    ),
    notice!(
        "You do not have to answer, and you can stop at any time. We know who you are, because you \
signed in to answer. Your answers are kept safe and only the people running this project can read them. \
We use what everyone says to make our service better. If you tell us something that makes us worried that \
you or someone else might be hurt, we will pass it to someone whose job is keeping people safe, and they \
may contact you. "
    ),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn swap(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    let update = Query::update()
        .table(Survey::Table)
        .value(Survey::PrivacyNotice, to)
        .and_where(Expr::col(Survey::PrivacyNotice).eq(from))
        .to_owned();
    manager.exec_stmt(update).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (was, now) in CHANGES {
            swap(manager, was, now).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (was, now) in CHANGES {
            swap(manager, now, was).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    PrivacyNotice,
}
