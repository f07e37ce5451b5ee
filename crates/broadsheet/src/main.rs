//! `broadsheet`: one binary that runs a whole online newspaper.

mod demo;
mod settings;
mod theme;
mod tokens;
mod users;

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use broadsheet_core::config::Config;
use broadsheet_core::masthead::masthead_date;
use broadsheet_store::{SchemaState, Store};
use broadsheet_web::App;
use clap::{Parser, Subcommand};

/// Drawing a page allocates thousands of small values (the template's view of every
/// card), and the system allocator took a quarter of a page's CPU; with mimalloc the
/// benchmark's front page drawn without the page cache went from 1,794 to 2,087 req/s.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "broadsheet",
    version,
    about = "Broadsheet runs a whole online newspaper: the newsroom and the site readers see.",
    after_help = "Start with `broadsheet demo` to see a complete demo paper, or `broadsheet init` to start your own."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct ConfigFile {
    /// The configuration file. Every setting can also come from a BROADSHEET_* variable.
    #[arg(
        long,
        global = true,
        env = "BROADSHEET_CONFIG",
        default_value = "broadsheet.toml"
    )]
    config: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Write a commented broadsheet.toml to start a new paper.
    ///
    /// Every setting is listed with its default and what it does.
    Init {
        #[command(flatten)]
        file: ConfigFile,
        /// The paper's name.
        #[arg(long, default_value = "My Paper")]
        name: String,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Create the demo newspaper (SQLite, 200 articles, photos) in a folder and serve it.
    ///
    /// Re-running reuses the folder's data. The URL is printed once the site is ready.
    Demo {
        /// Folder for the demo paper's configuration, database and media.
        #[arg(long, default_value = "demo-paper")]
        dir: PathBuf,
        /// How many articles to write (only when the folder is new).
        #[arg(long, default_value_t = 200)]
        articles: usize,
        /// Address to serve on.
        #[arg(long, env = "BROADSHEET_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Build the demo paper and exit without serving it.
        #[arg(long)]
        seed_only: bool,
    },
    /// Serve the site.
    ///
    /// Reads the configuration, checks the database schema, and prints the URL once the
    /// site is ready. A database that needs migrations is refused unless --migrate is
    /// given; one written by a newer Broadsheet is always refused. Stop with Ctrl-C.
    Serve {
        #[command(flatten)]
        file: ConfigFile,
        /// Address to serve on (overrides `listen` in the configuration).
        #[arg(long, env = "BROADSHEET_LISTEN")]
        listen: Option<String>,
        /// Apply pending database migrations before serving.
        #[arg(long)]
        migrate: bool,
        /// Do not run background jobs in this process (run `broadsheet worker` elsewhere).
        #[arg(long)]
        no_worker: bool,
    },
    /// Run background jobs (scheduled publishing, email) without serving pages.
    ///
    /// Any number of workers may run against one database; each job runs once.
    Worker {
        #[command(flatten)]
        file: ConfigFile,
    },
    /// Manage newsroom accounts.
    User {
        #[command(flatten)]
        file: ConfigFile,
        #[command(subcommand)]
        command: users::UserCommand,
    },
    /// Manage API tokens for the admin API (also in the newsroom at /admin/api-tokens).
    Token {
        #[command(flatten)]
        file: ConfigFile,
        #[command(subcommand)]
        command: tokens::TokenCommand,
    },
    /// Apply pending database migrations (forward only), or show their state.
    ///
    /// Migrations are built into the binary. A database written by a newer Broadsheet is
    /// refused and left untouched.
    Migrate {
        #[command(flatten)]
        file: ConfigFile,
        /// Only report whether the database is up to date.
        #[arg(long)]
        check: bool,
    },
    /// Print the masthead date line, e.g. "Monday, March 18th | 9 Adar II 5784".
    ///
    /// Uses the configured time zone, calendars and location (the Hebrew date turns over
    /// at sunset there), so an operator can check the line for any instant.
    Masthead {
        #[command(flatten)]
        file: ConfigFile,
        /// The instant to print it for (RFC 3339, e.g. 2024-03-18T19:30:00-04:00). Default: now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Work with themes: copy the default theme to edit it, list what can be overridden.
    Theme {
        #[command(flatten)]
        file: ConfigFile,
        #[command(subcommand)]
        command: theme::ThemeCommand,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BROADSHEET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Init { file, name, force } => {
            let path = file.config;
            if path.exists() && !force {
                bail!(
                    "{} already exists; use --force to overwrite it",
                    path.display()
                );
            }
            std::fs::write(&path, broadsheet_core::config::default_file(&name))
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!(
                "Wrote {}. Edit it, then run `broadsheet serve --migrate`.",
                path.display()
            );
            Ok(())
        }
        Command::Demo {
            dir,
            articles,
            listen,
            seed_only,
        } => run_demo(&dir, articles, &listen, seed_only).await,
        Command::Serve {
            file,
            listen,
            migrate,
            no_worker,
        } => {
            let mut config = settings::load(&file.config)?;
            if let Some(listen) = listen {
                config.listen = listen;
            }
            let store = open_store(&config).await?;
            if migrate {
                apply_migrations(&store).await?;
            }
            serve(config, store, !no_worker).await
        }
        Command::Worker { file } => {
            let config = settings::load(&file.config)?;
            let store = open_store(&config).await?;
            store.ensure_schema_current().await?;
            let context = broadsheet_jobs::Context {
                store,
                mailer: broadsheet_mail::Mailer::from_config(&config)?,
                newsletters: Some(broadsheet_jobs::NewsletterSettings::from_config(&config)?),
            };
            println!(
                "The worker is running jobs from {}.",
                broadsheet_store::redact(&config.database_url)
            );
            tokio::select! {
                () = broadsheet_jobs::run_worker(context) => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            Ok(())
        }
        Command::User { file, command } => {
            let config = settings::load(&file.config)?;
            let store = open_store(&config).await?;
            store.ensure_schema_current().await?;
            users::run(command, &store).await
        }
        Command::Token { file, command } => {
            let config = settings::load(&file.config)?;
            let store = open_store(&config).await?;
            store.ensure_schema_current().await?;
            tokens::run(command, &store).await
        }
        Command::Migrate { file, check } => {
            let config = settings::load(&file.config)?;
            let store = open_store(&config).await?;
            if check {
                let state = store.schema_state().await?;
                println!("{state}");
                if !matches!(state, SchemaState::UpToDate { .. }) {
                    std::process::exit(1);
                }
                return Ok(());
            }
            apply_migrations(&store).await
        }
        Command::Masthead { file, at } => {
            let config = settings::load(&file.config)?;
            let instant = match at {
                Some(text) => chrono::DateTime::parse_from_rfc3339(&text)
                    .with_context(|| {
                        format!(
                            "`{text}` is not an RFC 3339 instant such as 2024-03-18T19:30:00-04:00"
                        )
                    })?
                    .with_timezone(&chrono::Utc),
                None => chrono::Utc::now(),
            };
            let date = masthead_date(
                instant,
                config.time_zone,
                &config.masthead_calendars,
                config.location,
            );
            println!("{}", date.line);
            Ok(())
        }
        Command::Theme { file, command } => {
            let config = settings::load(&file.config)?;
            theme::run(command, &config)
        }
    }
}

async fn open_store(config: &Config) -> Result<Store> {
    Store::connect(&config.database_url)
        .await
        .context("the database could not be opened (check database_url)")
}

async fn apply_migrations(store: &Store) -> Result<()> {
    let status = store.migrate().await?;
    if status.applied.is_empty() {
        println!(
            "The database is up to date (schema version {}).",
            status.version
        );
    } else {
        for (version, name) in &status.applied {
            println!("Applied migration {version}: {name}");
        }
        println!("The database is at schema version {}.", status.version);
    }
    if status.indexed > 0 {
        println!("Search index: {} articles indexed.", status.indexed);
    }
    Ok(())
}

async fn run_demo(
    dir: &std::path::Path,
    articles: usize,
    listen: &str,
    seed_only: bool,
) -> Result<()> {
    let listen_addr: SocketAddr = listen
        .parse()
        .with_context(|| format!("--listen `{listen}` is not an address such as 127.0.0.1:8080"))?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let config_path = dir.join("broadsheet.toml");
    if !config_path.exists() {
        std::fs::write(&config_path, demo::config_file(listen))
            .with_context(|| format!("cannot write {}", config_path.display()))?;
    }
    let mut config = settings::load(&config_path)?;
    config.listen = listen.to_string();
    config.base_url = format!("http://{}", display_addr(listen_addr));
    let store = open_store(&config).await?;
    store.migrate().await?;
    let started = std::time::Instant::now();
    match demo::seed(&store, &config.media_dir, articles, 2026).await? {
        Some(report) => println!(
            "Created the demo paper in {} ({} articles, {} photos) in {:.1} s.",
            dir.display(),
            report.articles,
            report.photos,
            started.elapsed().as_secs_f64()
        ),
        None => println!("Using the existing demo paper in {}.", dir.display()),
    }
    if seed_only {
        return Ok(());
    }
    if config.smtp.is_none()
        && let Some(outbox) = &config.mail_outbox
    {
        println!(
            "Emails (sign-in links, newsletter confirmations) are written to {} instead of being sent.",
            outbox.display()
        );
    }
    serve(config, store, true).await
}

fn display_addr(addr: SocketAddr) -> SocketAddr {
    if addr.ip().is_unspecified() {
        SocketAddr::from(([127, 0, 0, 1], addr.port()))
    } else {
        addr
    }
}

async fn serve(config: Config, store: Store, worker: bool) -> Result<()> {
    match store.schema_state().await? {
        SchemaState::UpToDate { .. } => {}
        state @ SchemaState::Behind { .. } => {
            bail!("{state} (or start with `broadsheet serve --migrate`)")
        }
        state => bail!("{state}"),
    }
    let listen = config.listen.clone();
    let site_name = config.site_name.clone();
    if worker {
        let context = broadsheet_jobs::Context {
            store: store.clone(),
            mailer: broadsheet_mail::Mailer::from_config(&config)?,
            newsletters: Some(broadsheet_jobs::NewsletterSettings::from_config(&config)?),
        };
        tokio::spawn(broadsheet_jobs::run_worker(context));
    }
    let app = App::build(config, store)
        .await
        .context("the site could not start")?;
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = display_addr(listener.local_addr()?);
    println!("{site_name} is ready at http://{addr}/");
    broadsheet_web::serve(app, listener).await?;
    Ok(())
}
