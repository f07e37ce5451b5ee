//! Sending through a real SMTP server process.

use std::collections::BTreeMap;
use std::path::Path;

use broadsheet_core::config::Config;
use broadsheet_mail::{Email, Mailer};
use broadsheet_test_support::SmtpServer;

fn config(port: u16) -> Config {
    let text = format!(
        "smtp_host = \"127.0.0.1\"\nsmtp_port = {port}\nsmtp_tls = \"none\"\nmail_from = \"The Test Ledger <newsroom@ledger.example>\"\n"
    );
    Config::parse(&text, "test.toml", Path::new("/tmp"), &BTreeMap::new()).expect("config")
}

#[tokio::test]
async fn messages_arrive_with_their_headers_and_both_parts() {
    let Some(server) = SmtpServer::start() else {
        return;
    };
    let mailer = Mailer::from_config(&config(server.port))
        .expect("mailer")
        .expect("configured");
    let email = Email {
        to: "Ana Ortiz <ana@example.org>".into(),
        subject: "Ünïcode subject — and a dash".into(),
        text: "Plain text body.".into(),
        html: Some("<p>HTML body.</p>".into()),
        headers: vec![
            (
                "List-Unsubscribe".into(),
                "<mailto:unsubscribe@ledger.example>, <https://ledger.example/u/1>".into(),
            ),
            (
                "List-Unsubscribe-Post".into(),
                "List-Unsubscribe=One-Click".into(),
            ),
        ],
    };
    mailer.send(&email).await.expect("sent");
    let messages = server.wait_for(1, 10);
    assert_eq!(messages.len(), 1);
    let raw = &messages[0];
    assert!(
        raw.contains("From: \"The Test Ledger\" <newsroom@ledger.example>"),
        "{raw}"
    );
    assert!(raw.contains("To: \"Ana Ortiz\" <ana@example.org>"), "{raw}");
    assert!(
        raw.contains("Subject: =?utf-8?"),
        "non-ASCII subjects are encoded: {raw}"
    );
    assert!(
        raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{raw}"
    );
    assert!(
        raw.contains("List-Unsubscribe: <mailto:unsubscribe@ledger.example>"),
        "{raw}"
    );
    assert!(raw.contains("multipart/alternative"), "{raw}");
    assert!(
        raw.contains("Plain text body.") && raw.contains("<p>HTML body.</p>"),
        "{raw}"
    );
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_send_error() {
    let port = broadsheet_test_support::free_port();
    let mailer = Mailer::from_config(&config(port))
        .expect("mailer")
        .expect("configured");
    let email = Email {
        to: "ana@example.org".into(),
        subject: "s".into(),
        text: "t".into(),
        html: None,
        headers: vec![],
    };
    let err = mailer.send(&email).await.unwrap_err();
    assert!(err.to_string().contains("SMTP server"), "{err}");
    let bad = Email {
        to: "not an address".into(),
        ..email
    };
    assert!(
        mailer
            .send(&bad)
            .await
            .unwrap_err()
            .to_string()
            .contains("cannot be used")
    );
}

#[tokio::test]
async fn without_smtp_an_outbox_folder_gets_the_messages_as_files() {
    let folder = tempfile::tempdir().expect("tempdir");
    let text = "site_name = \"The Test Ledger\"\nmail_outbox = \"outbox\"\n";
    let config = Config::parse(text, "test.toml", folder.path(), &BTreeMap::new()).expect("config");
    let mailer = Mailer::from_config(&config)
        .expect("mailer")
        .expect("the outbox is a mailer");
    mailer
        .send(&Email {
            to: "zoë@exämple.org".into(),
            subject: "Sign in".into(),
            text: "Your link: http://127.0.0.1:8080/account/link/abc".into(),
            html: Some("<p>Your link</p>".into()),
            headers: vec![],
        })
        .await
        .expect("written");
    let files: Vec<_> = std::fs::read_dir(folder.path().join("outbox"))
        .expect("the outbox folder")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
    let raw = std::fs::read_to_string(files[0].path()).expect("read");
    assert!(raw.contains("Subject: Sign in"), "{raw}");
    assert!(
        raw.contains("From: \"The Test Ledger\" <newsroom@localhost>")
            || raw.contains("From: The Test Ledger <newsroom@localhost>"),
        "{raw}"
    );
    assert!(raw.contains("/account/link/abc"), "{raw}");
    let nothing = Config::parse("", "test.toml", folder.path(), &BTreeMap::new()).expect("config");
    assert!(Mailer::from_config(&nothing).expect("ok").is_none());
}
