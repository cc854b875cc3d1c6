//! The command line: adding and listing stewards, tokens, migrations, help and usage errors.

use std::io::Write;
use std::process::{Output, Stdio};

use crate::helpers::*;

struct Cli {
    dir: tempfile::TempDir,
    database_url: String,
}

impl Cli {
    async fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let database_url = fresh_database(dir.path()).await;
        Cli { dir, database_url }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = chorus_command(self.dir.path(), &self.database_url);
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        if stdin.is_some() {
            cmd.stdin(Stdio::piped());
        }
        let mut child = cmd.spawn().unwrap();
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        child.wait_with_output().unwrap()
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ADD: &[&str] = &[
    "steward",
    "add",
    "--email",
    "pat@example.org",
    "--name",
    "Pat Practitioner",
    "--role",
    "practitioner",
    "--password-stdin",
];

#[tokio::test]
async fn a_steward_added_on_the_command_line_is_listed_and_can_get_a_token() {
    let cli = Cli::new().await;
    let added = cli.run(ADD, Some(&format!("{PASSWORD}\n")));
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(stdout(&added).contains("Added Pat Practitioner"));
    assert!(!stdout(&added).contains(PASSWORD) && !stderr(&added).contains(PASSWORD));

    let list = cli.run(&["steward", "list"], None);
    assert!(list.status.success());
    let line = stdout(&list)
        .lines()
        .find(|l| l.contains("pat@example.org"))
        .unwrap()
        .to_owned();
    assert!(
        line.contains("Pat Practitioner") && line.contains("practitioner"),
        "{line}"
    );
    assert!(line.contains("active"), "{line}");

    let again = cli.run(ADD, Some(&format!("{PASSWORD}\n")));
    assert_eq!(again.status.code(), Some(1), "the address is taken");
    assert!(stderr(&again).contains("--email"));

    let token = cli.run(
        &[
            "token",
            "create",
            "--email",
            "pat@example.org",
            "--label",
            "report",
        ],
        None,
    );
    assert!(token.status.success(), "{}", stderr(&token));
    assert!(
        stdout(&token).trim().starts_with("chorus_"),
        "{}",
        stdout(&token)
    );
    assert_eq!(stdout(&token).trim().lines().count(), 1);

    let nobody = cli.run(
        &[
            "token",
            "create",
            "--email",
            "nobody@example.org",
            "--label",
            "x",
        ],
        None,
    );
    assert_eq!(nobody.status.code(), Some(1));
    assert!(stdout(&nobody).is_empty());
}

#[tokio::test]
async fn a_too_short_password_on_the_command_line_is_refused_clearly() {
    let cli = Cli::new().await;
    let out = cli.run(ADD, Some("short\n"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("12 characters or more"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let list = cli.run(&["steward", "list"], None);
    assert!(!stdout(&list).contains("pat@example.org"));
}

#[tokio::test]
async fn bad_arguments_on_the_command_line_are_refused() {
    let cli = Cli::new().await;
    let bad_role = [
        "steward",
        "add",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--role",
        "owner",
        "--password-stdin",
    ];
    let out = cli.run(&bad_role, Some(&format!("{PASSWORD}\n")));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--role"));
    let usage = cli.run(&["steward", "add", "--email", "a@example.org"], None);
    assert_eq!(usage.status.code(), Some(2), "usage errors exit with 2");
    let unknown = cli.run(&["frobnicate"], None);
    assert_eq!(unknown.status.code(), Some(2));
}

#[tokio::test]
async fn migrate_applies_migrations_and_exits_zero() {
    let cli = Cli::new().await;
    for _ in 0..2 {
        let out = cli.run(&["migrate"], None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("up to date"));
    }
}

#[tokio::test]
async fn every_command_has_help() {
    let cli = Cli::new().await;
    let commands: [&[&str]; 13] = [
        &[],
        &["serve"],
        &["migrate"],
        &["steward"],
        &["steward", "add"],
        &["steward", "list"],
        &["token"],
        &["token", "create"],
        &["demo"],
        &["themes"],
        &["themes", "eval"],
        &["safeguarding"],
        &["safeguarding", "scan"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = cli.run(&args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout(&out).contains("Usage:"), "{args:?}");
    }
}

#[tokio::test]
async fn each_commands_help_lists_only_its_own_options() {
    let cli = Cli::new().await;
    let help = |args: &[&str]| {
        let mut args = args.to_vec();
        args.push("--help");
        let out = cli.run(&args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        stdout(&out)
    };
    // The offline text commands touch no server and no database.
    for command in [&["themes", "eval"][..], &["safeguarding", "scan"]] {
        let text = help(command);
        for server in [
            "--addr",
            "--smtp-url",
            "--database-url",
            "--data-dir",
            "--min-group",
        ] {
            assert!(
                !text.contains(server),
                "{command:?} lists {server}:\n{text}"
            );
        }
    }
    let eval = help(&["themes", "eval"]);
    assert!(
        eval.contains("--train") && eval.contains("--test"),
        "{eval}"
    );
    // Database commands list where the data is, and nothing of the server's.
    for command in [
        &["migrate"][..],
        &["demo"],
        &["steward", "list"],
        &["token", "create"],
    ] {
        let text = help(command);
        assert!(
            text.contains("--database-url") && text.contains("--data-dir"),
            "{command:?}"
        );
        for server in ["--addr", "--smtp-url", "--min-group", "--secret-key"] {
            assert!(
                !text.contains(server),
                "{command:?} lists {server}:\n{text}"
            );
        }
    }
    // Serving lists the server's options, bare or by name.
    for command in [&[][..], &["serve"]] {
        let text = help(command);
        assert!(
            text.contains("--addr") && text.contains("--smtp-url"),
            "{command:?}"
        );
    }
}

#[tokio::test]
async fn options_given_before_or_after_a_command_both_reach_it() {
    let cli = Cli::new().await;
    let other = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", other.path().join("x.db").display());
    for args in [
        vec!["--database-url", url.as_str(), "migrate"],
        vec!["migrate", "--database-url", url.as_str()],
    ] {
        std::fs::remove_file(other.path().join("x.db")).ok();
        let out = cli.run(&args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            other.path().join("x.db").exists(),
            "{args:?} used another database"
        );
    }
}
