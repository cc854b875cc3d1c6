//! The command line: `chorus serve` (the default), `migrate`, `steward add|list`, `token create`,
//! `demo`, `audit verify`, and the offline text commands `themes eval` and `safeguarding scan`.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use tracing_subscriber::EnvFilter;

use crate::accounts::{self, EmailAddress, Password, PersonName, Role};
use crate::config::Settings;
use crate::db;
use crate::startup::Application;

mod args;
mod audit;
pub use args::{
    AuditCommand, Cli, Command, DbArgs, SafeguardingCommand, SettingsArgs, StewardCommand,
    ThemesCommand, TokenCommand,
};

fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, never in files or log collectors.
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

/// Runs the command line and returns the process exit code.
pub async fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let typed = args::typed_after_command(&matches);
    init_logging();
    match run(cli, &typed).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `chorus safeguarding scan FILE`: needs no settings or database.
fn scan_file(file: &std::path::Path) -> anyhow::Result<()> {
    let input = std::fs::File::open(file)
        .map_err(|e| anyhow::anyhow!("FILE: cannot open {} ({e})", file.display()))?;
    let scanner = crate::safeguarding::Scanner::default();
    let stdout = std::io::stdout();
    let flagged = crate::safeguarding::scan_csv(&scanner, input, stdout.lock()).map_err(|e| {
        anyhow::anyhow!(
            "FILE: {} is not a CSV with id and text columns ({e})",
            file.display()
        )
    })?;
    eprintln!("{flagged} flagged.");
    Ok(())
}

async fn run(cli: Cli, typed: &HashSet<String>) -> anyhow::Result<()> {
    // The offline text commands need no settings, database or data folder.
    match cli.command {
        Some(Command::Themes(ThemesCommand::Eval { train, test })) => {
            return themes_eval(&train, &test);
        }
        Some(Command::Safeguarding(SafeguardingCommand::Scan { file })) => {
            return scan_file(&file);
        }
        _ => {}
    }
    let command = cli.command.unwrap_or(Command::Serve {
        settings: Box::default(),
    });
    let own = match &command {
        Command::Serve { settings } => (**settings).clone(),
        Command::Migrate { db }
        | Command::Demo { db }
        | Command::Steward(StewardCommand::Add { db, .. } | StewardCommand::List { db })
        | Command::Token(TokenCommand::Create { db, .. }) => db.clone().into(),
        Command::Audit(AuditCommand::Verify { db }) => db.clone().into(),
        Command::Themes(_) | Command::Safeguarding(_) => SettingsArgs::default(),
    };
    let settings = Settings::parse(cli.settings.overridden_by(own, typed).into())?;
    match command {
        Command::Serve { .. } => serve(settings).await,
        Command::Migrate { .. } => {
            let db = connect(&settings).await?;
            println!("Database is up to date.");
            db.close().await?;
            Ok(())
        }
        Command::Steward(StewardCommand::Add {
            email, name, role, ..
        }) => {
            let email = EmailAddress::parse(&email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
            let name = PersonName::parse(&name).map_err(|m| anyhow::anyhow!("--name: {m}"))?;
            let role = Role::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("--role: must be admin, steward or practitioner"))?;
            let password = read_password()?;
            let db = connect(&settings).await?;
            let hash = accounts::password::hash(password)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            match accounts::store::insert(&db, &email, &name, role, Some(hash), None).await? {
                Some(id) => println!(
                    "Added {} ({}) as {} with id {}.",
                    name.as_str(),
                    email.as_str(),
                    role.label().to_lowercase(),
                    id.0
                ),
                None => anyhow::bail!("--email: a steward with that email address already exists"),
            }
            Ok(())
        }
        Command::Steward(StewardCommand::List { .. }) => {
            let db = connect(&settings).await?;
            let people = accounts::store::list(&db).await?;
            if people.is_empty() {
                println!(
                    "No stewards yet. Start the server and use the setup link, or run `chorus steward add`."
                );
            }
            for p in people {
                let status = if p.disabled {
                    "disabled"
                } else if p.active {
                    "active"
                } else {
                    "invited"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    p.id.0, p.email, p.name, p.role, status
                );
            }
            Ok(())
        }
        Command::Demo { .. } => demo(&settings).await,
        Command::Audit(_) => {
            let db = connect(&settings).await?;
            let result = audit::run(&db).await;
            db.close().await?;
            result
        }
        Command::Themes(_) | Command::Safeguarding(_) => Ok(()),
        Command::Token(TokenCommand::Create { email, label, .. }) => {
            let email = EmailAddress::parse(&email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
            let label = label.trim();
            if label.is_empty() || label.chars().count() > 100 {
                anyhow::bail!("--label: give a label of 1 to 100 characters");
            }
            let db = connect(&settings).await?;
            let (steward, _) = accounts::store::find_by_email(&db, &email)
                .await?
                .filter(|(s, _)| !s.disabled)
                .ok_or_else(|| {
                    anyhow::anyhow!("--email: no active steward has that email address")
                })?;
            let token = accounts::tokens::create(&db, steward.id, label).await?;
            println!("{token}");
            eprintln!("This token is shown once. Keep it somewhere safe.");
            Ok(())
        }
    }
}

fn themes_eval(train: &std::path::Path, test: &std::path::Path) -> anyhow::Result<()> {
    let report =
        crate::themes::engine::run_eval(train, test).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

async fn demo(settings: &Settings) -> anyhow::Result<()> {
    let db = connect(settings).await?;
    let outcome = crate::demo::load(&db).await?;
    db.close().await?;
    match outcome {
        crate::demo::DemoOutcome::AlreadyLoaded(id) => {
            println!(
                "The demo project is already there (project {}). Nothing changed.",
                id.0
            );
        }
        crate::demo::DemoOutcome::Loaded {
            project,
            surveys,
            responses,
        } => {
            println!(
                "Loaded the demo project {} with {} surveys and {responses} responses.",
                project.0,
                surveys.len()
            );
            for s in surveys {
                println!("  {}: /s/{}", s.title, s.slug);
            }
            println!("Sign in as an administrator to see it under Projects.");
        }
    }
    Ok(())
}

async fn connect(settings: &Settings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = db::connect(&settings.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("DATABASE_URL: cannot connect to the database ({e})"))?;
    db::migrate(&db)
        .await
        .map_err(|e| anyhow::anyhow!("DATABASE_URL: applying migrations failed ({e})"))?;
    Ok(db)
}

fn read_password() -> anyhow::Result<Password> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password (12 to 128 characters): ");
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let line = line.trim_end_matches(['\n', '\r']);
    Password::parse(line).map_err(|m| anyhow::anyhow!("password: {m}"))
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let mail = match &settings.mail.smtp_url {
        Some(url) => format!("Mail goes through the SMTP server {}.", url.server()),
        None => format!(
            "No SMTP server is set (CHORUS_SMTP_URL), so mail is written as .eml files in {}.",
            settings.data_dir.join("outbox-files").display()
        ),
    };
    let app = Application::build(settings).await?;
    println!("Chorus is running at {}", app.base_url());
    println!("{mail}");
    if let Some(link) = app.setup_link() {
        println!();
        println!("No one can sign in yet. To create the first administrator, open this link:");
        println!("  {link}");
        println!("It works once. Keep it private.");
    }
    println!("Press Ctrl+C to stop.");
    app.run_until_stopped().await
}
