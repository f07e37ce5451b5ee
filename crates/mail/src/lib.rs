//! Email: one message type and the SMTP transport (lettre).
//!
//! Everything Broadsheet sends goes through the job queue (so a failed send is retried
//! and visible), and from there through `Mailer::send`. Tests run against a real SMTP
//! server process.

use std::time::Duration;

use broadsheet_core::config::{Config, SmtpTls};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};

/// The job kind that sends one email; its payload is an [`Email`].
pub const SEND_EMAIL_JOB: &str = "send_email";

/// An email to send. Serialised into the job queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    #[serde(default)]
    pub html: Option<String>,
    /// Extra headers, e.g. List-Unsubscribe.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("email is not configured: set smtp_host (and mail_from) in broadsheet.toml")]
    NotConfigured,
    #[error("the address `{address}` cannot be used: {reason}")]
    Address { address: String, reason: String },
    #[error("the message could not be built: {0}")]
    Build(String),
    #[error("the SMTP server did not take the message: {0}")]
    Send(String),
}

/// Sends email through the configured SMTP server, or writes it to the outbox folder.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder, for the demo and development.
    Outbox(std::path::PathBuf),
}

impl Mailer {
    /// The mailer for this site, or `None` when neither an SMTP server nor an outbox
    /// folder is configured.
    pub fn from_config(config: &Config) -> Result<Option<Mailer>, MailError> {
        let Some(smtp) = &config.smtp else {
            let Some(folder) = &config.mail_outbox else {
                return Ok(None);
            };
            let address = lettre::Address::new("newsroom", "localhost").map_err(|err| {
                MailError::Address {
                    address: "newsroom@localhost".into(),
                    reason: err.to_string(),
                }
            })?;
            return Ok(Some(Mailer {
                transport: Transport::Outbox(folder.clone()),
                from: Mailbox::new(Some(config.site_name.clone()), address),
            }));
        };
        let from: Mailbox = smtp
            .from
            .parse()
            .map_err(|err: lettre::address::AddressError| MailError::Address {
                address: smtp.from.clone(),
                reason: err.to_string(),
            })?;
        let tls = |host: &str| {
            TlsParameters::new(host.to_string()).map_err(|err| MailError::Build(err.to_string()))
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
            .port(smtp.port)
            .timeout(Some(Duration::from_secs(30)));
        builder = match smtp.tls {
            SmtpTls::None => builder.tls(Tls::None),
            SmtpTls::StartTls => builder.tls(Tls::Required(tls(&smtp.host)?)),
            SmtpTls::Tls => builder.tls(Tls::Wrapper(tls(&smtp.host)?)),
        };
        if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Some(Mailer {
            transport: Transport::Smtp(builder.build()),
            from,
        }))
    }

    /// Sends one message; an error means it was not accepted and may be retried.
    pub async fn send(&self, email: &Email) -> Result<(), MailError> {
        let message = self.build(email)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|err| MailError::Send(err.to_string())),
            Transport::Outbox(folder) => {
                let stamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or_default();
                let name: String = email
                    .to
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '.' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .take(60)
                    .collect();
                let path = folder.join(format!("{stamp}-{name}.eml"));
                std::fs::create_dir_all(folder)
                    .and_then(|()| std::fs::write(&path, message.formatted()))
                    .map_err(|err| {
                        MailError::Send(format!("cannot write {}: {err}", path.display()))
                    })?;
                tracing::info!(to = %email.to, subject = %email.subject, file = %path.display(), "email written to the outbox");
                Ok(())
            }
        }
    }

    fn build(&self, email: &Email) -> Result<lettre::Message, MailError> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|err: lettre::address::AddressError| MailError::Address {
                address: email.to.clone(),
                reason: err.to_string(),
            })?;
        let mut builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject);
        for (name, value) in &email.headers {
            let name = HeaderName::new_from_ascii(name.clone())
                .map_err(|err| MailError::Build(err.to_string()))?;
            builder = builder.raw_header(HeaderValue::new(name, value.clone()));
        }
        let text = SinglePart::plain(email.text.clone());
        let message = match &email.html {
            Some(html) => builder.multipart(
                MultiPart::alternative()
                    .singlepart(text)
                    .singlepart(SinglePart::html(html.clone())),
            ),
            None => builder.singlepart(text),
        };
        message.map_err(|err| MailError::Build(err.to_string()))
    }
}
