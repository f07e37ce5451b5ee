//! `broadsheet token`: API tokens from the command line, for setting up a tool without a
//! browser (deploy scripts, CI). The newsroom's API tokens page does the same.

use anyhow::{Result, bail};
use broadsheet_core::api_token::{Scope, Scopes, parse_lifetime_days};
use broadsheet_core::dates::utc_rfc3339;
use broadsheet_core::email::Email;
use broadsheet_store::{NewApiToken, Store};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Make a token and print it (once; only its fingerprint is kept).
    ///
    /// Scopes: read_drafts (read articles in any state), write_articles (create drafts and
    /// save edits), publish (publish, schedule, unpublish), upload_media (add photos to the
    /// media library), members_content (read members-only articles whole). A token may
    /// hold only scopes its user's role allows.
    Add {
        /// What the token is for, e.g. "Wire desk importer".
        #[arg(long)]
        name: String,
        /// The email of the newsroom user the token acts as.
        #[arg(long = "as")]
        acts_as: String,
        /// A scope; repeat for several (--scope write_articles --scope publish).
        #[arg(long = "scope", required = true)]
        scopes: Vec<String>,
        /// How many days it lasts, or "never".
        #[arg(long, default_value = "90")]
        days: String,
    },
    /// List the tokens (never their secrets).
    List,
    /// Revoke a token at once, by the id `list` shows.
    Revoke { id: i64 },
}

pub async fn run(command: TokenCommand, store: &Store) -> Result<()> {
    match command {
        TokenCommand::Add {
            name,
            acts_as,
            scopes,
            days,
        } => {
            let email = Email::parse(&acts_as)?;
            let Some((user, _)) = store.users().user_for_login(&email).await? else {
                bail!("no newsroom user has the email {email}; add one with `broadsheet user add`");
            };
            if user.disabled {
                bail!("{email} is disabled; a token acting as them would not work");
            }
            let scopes = Scopes::parse(scopes.iter().map(String::as_str), user.role)?;
            let days = parse_lifetime_days(&days).map_err(anyhow::Error::msg)?;
            let token = NewApiToken {
                name,
                user_id: user.id,
                scopes,
                created_by: None,
                expires_at: days.map(|d| store.now() + d * 24 * 3600),
            };
            let (id, secret) = store.api_tokens().create_token(&token).await?;
            eprintln!(
                "Made token {id} acting as {} ({}), may: {}.",
                user.name,
                user.role.as_str(),
                token.scopes.to_text()
            );
            eprintln!("The token (shown once):");
            println!("{secret}");
            Ok(())
        }
        TokenCommand::List => {
            let now = store.now();
            for token in store.api_tokens().tokens().await? {
                let state = match (token.revoked_at, token.expires_at) {
                    (Some(_), _) => "revoked".to_string(),
                    (None, Some(at)) if at <= now => "expired".to_string(),
                    (None, Some(at)) => format!("active until {}", utc_rfc3339(at)),
                    (None, None) => "active".to_string(),
                };
                println!(
                    "{}\t{}\t{}…\tacts as {}\t{}\t{state}",
                    token.id,
                    token.name,
                    token.hint,
                    token.user_name,
                    token
                        .scopes
                        .iter()
                        .map(Scope::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            if !store.api_tokens().revoke_token(id).await? {
                bail!("there is no token {id}; `broadsheet token list` shows them");
            }
            println!("Revoked token {id}.");
            Ok(())
        }
    }
}
