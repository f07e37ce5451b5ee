//! A fresh, migrated database for every test.
//!
//! SQLite (a file in a temporary folder) by default. When `BROADSHEET_TEST_POSTGRES_URL`
//! is set, every test gets its own new PostgreSQL database on that server instead, and
//! the database is dropped when the test ends. If the variable is set but the server
//! cannot be reached, tests fail: CI must never skip the PostgreSQL suite quietly.

use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use broadsheet_store::Store;
use sqlx::{Connection, Executor};

pub const POSTGRES_ENV: &str = "BROADSHEET_TEST_POSTGRES_URL";

/// A database that lives as long as this value.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    /// Keeps the SQLite folder alive.
    _folder: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A fresh database with every migration applied.
    pub async fn new() -> TestDb {
        let db = Self::empty().await;
        db.store
            .migrate()
            .await
            .expect("migrations apply to a fresh database");
        db
    }

    /// A fresh database with no schema at all (for migration tests).
    pub async fn empty() -> TestDb {
        match std::env::var(POSTGRES_ENV) {
            Ok(url) if !url.is_empty() => Self::postgres(&url).await,
            _ => {
                announce_sqlite_only();
                Self::sqlite().await
            }
        }
    }

    async fn sqlite() -> TestDb {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", folder.path().join("test.db").display());
        let store = Store::connect(&url).await.expect("SQLite opens");
        TestDb {
            store,
            url,
            _folder: Some(folder),
            postgres: None,
        }
    }

    async fn postgres(server_url: &str) -> TestDb {
        sqlx::any::install_default_drivers();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "broadsheet_t_{}_{}_{}",
            std::process::id(),
            nanos,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = sqlx::AnyConnection::connect(server_url)
            .await
            .unwrap_or_else(|err| {
                panic!(
                    "{POSTGRES_ENV} is set but PostgreSQL at {server_url} cannot be reached: {err}"
                )
            });
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("CREATE DATABASE for the test");
        let _ = admin.close().await;
        let url = replace_database(server_url, &name);
        let store = Store::connect(&url).await.expect("the test database opens");
        TestDb {
            store,
            url,
            _folder: None,
            postgres: Some((server_url.to_string(), name)),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server_url, name)) = self.postgres.take() else {
            return;
        };
        // Dropping a database needs async I/O; a test's runtime may be shutting down,
        // so use a runtime of our own on a separate thread.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(mut admin) = sqlx::AnyConnection::connect(&server_url).await {
                    let _ = admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// `postgres://user@host:port/db?x` with another database name.
pub fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

fn announce_sqlite_only() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        loud(&format!(
            "NOTE: database tests run on SQLite only; the PostgreSQL suite is SKIPPED. \
             Set {POSTGRES_ENV}=postgres://postgres@127.0.0.1:5432/postgres to run it (CI does)."
        ));
    });
}

/// Writes straight to the terminal: the test harness captures `eprintln!`, and a skipped
/// suite must be seen.
pub fn loud(message: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "\n*** {message}\n");
}

/// A real SMTP server process (Debian's python3-aiosmtpd) that stores what it receives
/// in a Maildir, so tests read the messages exactly as they arrived, headers included.
pub struct SmtpServer {
    pub port: u16,
    folder: tempfile::TempDir,
    child: std::process::Child,
}

pub const SMTP_REQUIRED_ENV: &str = "BROADSHEET_TEST_SMTP";
const PYTHON: &str = "/usr/bin/python3";

impl SmtpServer {
    /// Starts a server, or returns `None` (loudly) when aiosmtpd is not installed. With
    /// BROADSHEET_TEST_SMTP=1 (CI) a missing server is a failure, not a skip.
    pub fn start() -> Option<SmtpServer> {
        let available = std::process::Command::new(PYTHON)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|out| out.status.success());
        if !available {
            if std::env::var(SMTP_REQUIRED_ENV).is_ok_and(|v| v == "1") {
                panic!(
                    "{SMTP_REQUIRED_ENV}=1 but python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)"
                );
            }
            loud(
                "NOTE: email tests are SKIPPED: install python3-aiosmtpd (CI does, with BROADSHEET_TEST_SMTP=1).",
            );
            return None;
        }
        let port = free_port();
        let folder = tempfile::tempdir().expect("a folder for the mailbox");
        let maildir = folder.path().join("mail");
        let child = std::process::Command::new(PYTHON)
            // -u: SMTPUTF8 (RFC 6531), so internationalised addresses can be delivered.
            .args(["-m", "aiosmtpd", "-n", "-u", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let server = SmtpServer {
            port,
            folder,
            child,
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "the SMTP server did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(server)
    }

    /// Every message received so far, raw (headers and body), oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<_> = ["new", "cur"]
            .iter()
            .flat_map(|sub| {
                std::fs::read_dir(self.folder.path().join("mail").join(sub))
                    .into_iter()
                    .flatten()
            })
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, entry.path()))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, path)| std::fs::read_to_string(path).ok())
            .collect()
    }

    /// Waits up to `seconds` for at least `count` messages.
    pub fn wait_for(&self, count: usize, seconds: u64) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let messages = self.messages();
            if messages.len() >= count || std::time::Instant::now() > deadline {
                return messages;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TCP relay in front of an SMTP server that cuts the connection in the middle of
/// the message (after the client's `DATA` and part of the text) for the first `cuts`
/// messages, as a failing network or server would. The server never gets the end of
/// those messages, so it never delivers them.
pub struct CuttingRelay {
    pub port: u16,
    cuts_left: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl CuttingRelay {
    pub fn start(target_port: u16, cuts: usize) -> CuttingRelay {
        use std::sync::atomic::AtomicUsize;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("relay port");
        let port = listener.local_addr().expect("relay address").port();
        let cuts_left = std::sync::Arc::new(AtomicUsize::new(cuts));
        let left = cuts_left.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let left = left.clone();
                std::thread::spawn(move || relay(client, target_port, &left));
            }
        });
        CuttingRelay { port, cuts_left }
    }

    /// How many cuts have not happened yet.
    pub fn cuts_left(&self) -> usize {
        self.cuts_left.load(std::sync::atomic::Ordering::SeqCst)
    }
}

fn relay(
    mut client: std::net::TcpStream,
    target_port: u16,
    cuts_left: &std::sync::atomic::AtomicUsize,
) {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    let Ok(mut server) = std::net::TcpStream::connect(("127.0.0.1", target_port)) else {
        return;
    };
    let (Ok(mut server_reader), Ok(mut client_writer)) = (server.try_clone(), client.try_clone())
    else {
        return;
    };
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut server_reader, &mut client_writer);
        let _ = client_writer.shutdown(std::net::Shutdown::Both);
    });
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let mut in_data_since: Option<usize> = None;
    while let Ok(read) = client.read(&mut buffer) {
        if read == 0 {
            break;
        }
        seen.extend_from_slice(&buffer[..read]);
        if in_data_since.is_none()
            && let Some(at) = find(&seen, b"DATA\r\n")
        {
            in_data_since = Some(at + 6);
        }
        if let Some(start) = in_data_since {
            // Some of the message has gone through: cut before its end.
            if seen.len() > start + 64
                && cuts_left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
            {
                // Only the first 64 bytes of the message reach the server, never its end.
                let chunk_start = seen.len() - read;
                let keep = (start + 64).saturating_sub(chunk_start).min(read);
                let _ = server.write_all(&buffer[..keep]);
                let _ = server.shutdown(std::net::Shutdown::Both);
                let _ = client.shutdown(std::net::Shutdown::Both);
                return;
            }
            if find(&seen[start..], b"\r\n.\r\n").is_some() {
                in_data_since = None;
                seen.clear();
            }
        }
        if server.write_all(&buffer[..read]).is_err() {
            break;
        }
    }
    let _ = server.shutdown(std::net::Shutdown::Both);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_swapped() {
        assert_eq!(
            replace_database("postgres://postgres@127.0.0.1:5432/ci", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database("postgres://postgres@127.0.0.1:5432", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database("postgres://h/db?sslmode=disable", "t1"),
            "postgres://h/t1?sslmode=disable"
        );
    }
}
