//! The command line: `chorus serve` (the default), `migrate`, `steward add|list`, `token create`,
//! `demo`, and the offline text commands `themes eval` and `safeguarding scan`.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::accounts::{self, EmailAddress, Password, PersonName, Role};
use crate::config::{RawSettings, Settings};
use crate::db;
use crate::startup::Application;

/// Chorus: co-design questionnaires and real-time feedback for children's and family services.
#[derive(Parser, Debug)]
#[command(name = "chorus", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings shared by every command; each flag overrides its environment variable.
#[derive(Args, Debug, Clone, Default)]
pub struct SettingsArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "CHORUS_ADDR", global = true)]
    pub addr: Option<String>,
    /// Folder for the SQLite database, the secret key and mail files [default: ./data]
    #[arg(long, env = "CHORUS_DATA_DIR", global = true)]
    pub data_dir: Option<String>,
    /// Database URL: sqlite:… or postgres://… [default: SQLite in the data folder]
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Absolute URL people reach Chorus on, used in emails and QR codes
    #[arg(long, env = "CHORUS_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Cookie and form signing key, at least 32 characters [default: generated in the data folder]
    #[arg(long, env = "CHORUS_SECRET_KEY", global = true, hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Minutes without activity before a sign-in session ends [default: 30]
    #[arg(long, env = "CHORUS_SESSION_IDLE_MINUTES", global = true)]
    pub session_idle_minutes: Option<String>,
    /// Hours after sign-in when a session ends regardless [default: 12]
    #[arg(long, env = "CHORUS_SESSION_LIFETIME_HOURS", global = true)]
    pub session_lifetime_hours: Option<String>,
    /// Public submissions per client address per minute, or "off" [default: 30]
    #[arg(long, env = "CHORUS_RATE_LIMIT", global = true)]
    pub rate_limit: Option<String>,
    /// SMTP server: smtp://host:25, smtp://user:pass@host:587?tls=required or smtps://user:pass@host:465
    /// [default: none; messages are written as .eml files in the data folder's outbox-files]
    #[arg(long, env = "CHORUS_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Sender of every message [default: Chorus <chorus@localhost>]
    #[arg(long, env = "CHORUS_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,
    /// Milliseconds before the first retry of a message; doubles each time [default: 30000]
    #[arg(long, env = "CHORUS_MAIL_RETRY_BASE_MS", global = true)]
    pub mail_retry_base_ms: Option<String>,
    /// Milliseconds between checks of the outbox when nothing wakes the worker [default: 5000]
    #[arg(long, env = "CHORUS_MAIL_POLL_MS", global = true)]
    pub mail_poll_ms: Option<String>,
    /// Seconds before a message stuck in sending is taken over by another worker [default: 300]
    #[arg(long, env = "CHORUS_MAIL_LEASE_SECS", global = true)]
    pub mail_lease_secs: Option<String>,
    /// Days before a reminder goes to invited people who have not answered; each survey can
    /// change it on its invitations page [default: 3]
    #[arg(long, env = "CHORUS_REMINDER_DAYS", global = true)]
    pub reminder_days: Option<String>,
    /// Milliseconds between checks for reminders and daily digests to send [default: 60000]
    #[arg(long, env = "CHORUS_TASKS_POLL_MS", global = true)]
    pub tasks_poll_ms: Option<String>,
    /// Neutral site that "Exit this page" on sensitive surveys goes to [default: https://www.google.com/]
    #[arg(long, env = "CHORUS_EXIT_URL", global = true)]
    pub exit_url: Option<String>,
    /// Days that answers saved with a resume code are kept [default: 7]
    #[arg(long, env = "CHORUS_RESUME_DAYS", global = true)]
    pub resume_days: Option<String>,
    /// Smallest group shown in breakdowns and aggregate exports; smaller counts read
    /// "fewer than N" [default: 5; 1 turns suppression off]
    #[arg(long, env = "CHORUS_MIN_GROUP", global = true)]
    pub min_group: Option<String>,
}

impl From<SettingsArgs> for RawSettings {
    fn from(a: SettingsArgs) -> Self {
        RawSettings {
            addr: a.addr,
            data_dir: a.data_dir,
            database_url: a.database_url,
            base_url: a.base_url,
            secret_key: a.secret_key,
            session_idle_minutes: a.session_idle_minutes,
            session_lifetime_hours: a.session_lifetime_hours,
            rate_limit: a.rate_limit,
            smtp_url: a.smtp_url,
            mail_from: a.mail_from,
            mail_retry_base_ms: a.mail_retry_base_ms,
            mail_poll_ms: a.mail_poll_ms,
            mail_lease_secs: a.mail_lease_secs,
            reminder_days: a.reminder_days,
            tasks_poll_ms: a.tasks_poll_ms,
            exit_url: a.exit_url,
            resume_days: a.resume_days,
            min_group: a.min_group,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application (what a bare `chorus` does)
    Serve,
    /// Apply database migrations, then exit
    Migrate,
    /// Manage steward accounts
    #[command(subcommand)]
    Steward(StewardCommand),
    /// Manage API tokens
    #[command(subcommand)]
    Token(TokenCommand),
    /// Fill the database with a sample project, two surveys and a few hundred responses
    Demo,
    /// The theme coder offline
    #[command(subcommand)]
    Themes(ThemesCommand),
    /// The safeguarding scanner offline
    #[command(subcommand)]
    Safeguarding(SafeguardingCommand),
}

#[derive(Subcommand, Debug)]
pub enum ThemesCommand {
    /// Train the theme coder on one CSV (id,text,labels; labels separated by ";") and score
    /// it on another; prints one JSON object
    Eval {
        /// Training CSV
        #[arg(long)]
        train: std::path::PathBuf,
        /// Test CSV
        #[arg(long)]
        test: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum SafeguardingCommand {
    /// Scan a CSV of id,text and print CSV id,flag,reason
    Scan {
        /// The CSV file to scan
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum StewardCommand {
    /// Add a steward account; the password is read from standard input
    Add {
        /// Sign-in email address
        #[arg(long)]
        email: String,
        /// Name as shown in Chorus
        #[arg(long)]
        name: String,
        /// admin, steward or practitioner
        #[arg(long, default_value = "steward")]
        role: String,
        /// Read the password from standard input (required: passwords never go on the command line)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List steward accounts
    List,
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a steward and print it once
    Create {
        /// The steward's email address
        #[arg(long)]
        email: String,
        /// What the token is for
        #[arg(long)]
        label: String,
    },
}

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
    let cli = Cli::parse();
    init_logging();
    match run(cli).await {
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

async fn run(cli: Cli) -> anyhow::Result<()> {
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
    let settings = Settings::parse(cli.settings.into())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => {
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
        Command::Steward(StewardCommand::List) => {
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
        Command::Demo => demo(&settings).await,
        Command::Themes(_) | Command::Safeguarding(_) => Ok(()),
        Command::Token(TokenCommand::Create { email, label }) => {
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
