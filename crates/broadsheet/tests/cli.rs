//! The `broadsheet` command as an operator uses it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn broadsheet(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .current_dir(folder)
        .env_remove("BROADSHEET_LISTEN")
        .env_remove("BROADSHEET_CONFIG")
        .output()
        .expect("the binary runs")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn every_command_has_help() {
    let folder = tempfile::tempdir().expect("tempdir");
    for command in ["init", "demo", "serve", "migrate", "masthead", "theme"] {
        let output = broadsheet(folder.path(), &[command, "--help"]);
        assert!(output.status.success(), "{command} --help");
        assert!(text(&output).contains("Usage: broadsheet"), "{command}");
    }
}

#[test]
fn init_writes_a_file_that_serves_as_configuration() {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = broadsheet(folder.path(), &["init", "--name", "The Valley Courier"]);
    assert!(output.status.success(), "{}", text(&output));
    let written = std::fs::read_to_string(folder.path().join("broadsheet.toml")).expect("file");
    assert!(written.contains("site_name = \"The Valley Courier\""));
    let again = broadsheet(folder.path(), &["init"]);
    assert!(!again.status.success(), "init never overwrites silently");
    assert!(text(&again).contains("--force"));
    let migrate = broadsheet(folder.path(), &["migrate"]);
    assert!(migrate.status.success(), "{}", text(&migrate));
    assert!(text(&migrate).contains("schema version"));
    let check = broadsheet(folder.path(), &["migrate", "--check"]);
    assert!(check.status.success(), "{}", text(&check));
}

#[test]
fn a_bad_configuration_names_file_line_and_key() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        folder.path().join("broadsheet.toml"),
        "site_name = \"X\"\n\nlisten = \"127.0.0.1:0\"\ncolour = \"red\"\n",
    )
    .expect("write");
    let output = broadsheet(folder.path(), &["serve"]);
    assert!(!output.status.success());
    let message = text(&output);
    assert!(message.contains("broadsheet.toml:4:"), "{message}");
    assert!(message.contains("colour"), "{message}");

    std::fs::write(
        folder.path().join("broadsheet.toml"),
        "site_name = [unclosed\n",
    )
    .expect("write");
    let output = broadsheet(folder.path(), &["serve"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("broadsheet.toml:1:"),
        "{}",
        text(&output)
    );
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        folder.path().join("broadsheet.toml"),
        "database_url = \"postgres://nobody:secret@127.0.0.1:1/paper\"\n",
    )
    .expect("write");
    let output = broadsheet(folder.path(), &["migrate"]);
    assert!(!output.status.success());
    let message = text(&output);
    assert!(message.contains("could not be opened"), "{message}");
    assert!(
        !message.contains("secret"),
        "passwords are not printed: {message}"
    );
}

#[test]
fn serve_refuses_an_unmigrated_database_and_prints_its_url_when_ready() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        folder.path().join("broadsheet.toml"),
        "listen = \"127.0.0.1:0\"\n",
    )
    .expect("write");
    let refused = broadsheet(folder.path(), &["serve"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("broadsheet migrate"),
        "{}",
        text(&refused)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["serve", "--migrate"])
        .current_dir(folder.path())
        .env_remove("BROADSHEET_LISTEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let started = Instant::now();
    let mut url = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(at) = line.find("http://") {
            url = Some(line[at..].to_string());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve printed no URL"
        );
    }
    let _ = child.kill();
    let _ = child.wait();
    let url = url.expect("serve prints the URL it serves");
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "{url}"
    );
}

#[test]
fn the_masthead_command_prints_the_line_for_an_instant() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        folder.path().join("broadsheet.toml"),
        "time_zone = \"America/New_York\"\nmasthead_calendars = [\"gregorian\", \"hebrew\"]\nlatitude = 40.7128\nlongitude = -74.006\n",
    )
    .expect("write");
    let evening = broadsheet(
        folder.path(),
        &["masthead", "--at", "2024-03-18T19:30:00-04:00"],
    );
    assert!(evening.status.success(), "{}", text(&evening));
    assert_eq!(
        String::from_utf8_lossy(&evening.stdout).trim(),
        "Monday, March 18th | 9 Adar II 5784"
    );
    let noon = broadsheet(
        folder.path(),
        &["masthead", "--at", "2024-03-18T12:00:00-04:00"],
    );
    assert_eq!(
        String::from_utf8_lossy(&noon.stdout).trim(),
        "Monday, March 18th | 8 Adar II 5784"
    );
    let bad = broadsheet(folder.path(), &["masthead", "--at", "yesterday"]);
    assert!(!bad.status.success());
    assert!(text(&bad).contains("RFC 3339"));
}

#[test]
fn theme_copy_writes_an_editable_theme() {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = broadsheet(folder.path(), &["theme", "copy", "mine"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        folder
            .path()
            .join("themes/mine/templates/article.html")
            .exists()
    );
    assert!(folder.path().join("themes/mine/static/style.css").exists());
    let again = broadsheet(folder.path(), &["theme", "copy", "mine"]);
    assert!(
        !again.status.success(),
        "an existing theme is never overwritten"
    );
    let bad = broadsheet(folder.path(), &["theme", "copy", "../escape"]);
    assert!(!bad.status.success());
}
