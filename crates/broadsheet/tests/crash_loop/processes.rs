//! The real `broadsheet` processes of the crash loop: a paper folder and a server that
//! is SIGKILLed when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use broadsheet_test_support::free_port;

use super::*;

/// A paper folder: the configuration `broadsheet init` writes, the database given by
/// BROADSHEET_DATABASE_URL, and a newsroom editor.
pub(crate) struct Paper {
    pub(crate) folder: tempfile::TempDir,
    pub(crate) config: PathBuf,
    pub(crate) database_url: String,
}

impl Paper {
    pub(crate) fn create(folder: tempfile::TempDir, database_url: &str) -> Paper {
        let config = folder.path().join("broadsheet.toml");
        let paper = Paper {
            folder,
            config,
            database_url: database_url.to_string(),
        };
        let config = paper.config.display().to_string();
        paper.run(
            &[
                "init",
                "--config",
                &config,
                "--name",
                "The Crash Loop Courier",
            ],
            None,
        );
        paper.run(&["migrate", "--config", &config], None);
        paper.run(
            &[
                "user",
                "--config",
                &config,
                "add",
                "--email",
                EDITOR_EMAIL,
                "--name",
                "Night Desk",
                "--role",
                "editor",
                "--password-stdin",
            ],
            Some(EDITOR_PASSWORD),
        );
        paper
    }

    pub(crate) fn path(&self) -> &Path {
        self.folder.path()
    }

    /// The binary, run in the paper's folder with only the settings given here.
    pub(crate) fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
        command.current_dir(self.path());
        for (key, _) in std::env::vars() {
            if key.starts_with("BROADSHEET_") && !key.starts_with("BROADSHEET_TEST_") {
                command.env_remove(key);
            }
        }
        command
            .env("BROADSHEET_DATABASE_URL", &self.database_url)
            // Quick spam checks; the code path is the real one.
            .env("BROADSHEET_POW_MAX_NUMBER", "1000")
            // Every reader here shares one address.
            .env("BROADSHEET_COMMENTS_PER_CLIENT", "1000000")
            .env("BROADSHEET_LOG", "warn,sqlx=warn");
        command
    }

    pub(crate) fn run(&self, args: &[&str], input: Option<&str>) {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.unwrap_or("").as_bytes())
                .expect("write stdin");
        }
        let output = child.wait_with_output().expect("the binary runs");
        assert!(
            output.status.success(),
            "broadsheet {}: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// `broadsheet serve` on a free port, once it answers /healthz.
    pub(crate) fn start(&self, name: &str) -> Server {
        let port = free_port();
        let log = self.path().join(format!("{name}.log"));
        let child = self
            .command()
            .arg("serve")
            .arg("--config")
            .arg(&self.config)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("serve starts");
        let mut server = Server { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut probe = Client::new(port);
        loop {
            if probe.get("/healthz").is_ok_and(|reply| reply.status == 200) {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "serve ({name}) exited with {status} before it was ready:\n{}",
                    server.log_text()
                );
            }
            assert!(
                Instant::now() < deadline,
                "serve ({name}) did not answer /healthz within 30 s:\n{}",
                server.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A running `broadsheet serve`; dropping it kills it with SIGKILL and reaps it, also
/// when the test panics.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) port: u16,
    pub(crate) log: PathBuf,
}

impl Server {
    pub(crate) fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // std's kill is SIGKILL on Unix: no shutdown code runs.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
