//! `broadsheet user`: newsroom accounts from the command line (the first administrator
//! is made here).

use std::io::Read;

use anyhow::{Context, Result, bail};
use broadsheet_core::email::Email;
use broadsheet_core::role::Role;
use broadsheet_core::secrets::{hash_password, random_token};
use broadsheet_store::{NewUser, Store};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a newsroom account.
    ///
    /// Roles: administrator (everything), editor (edit and publish anyone's articles),
    /// author (write and publish their own, upload media), contributor (write drafts and
    /// submit them for review). Without --password-stdin a strong password is made up and
    /// printed once.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "author")]
        role: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts.
    List,
    /// Sign a user out of every browser.
    SignOut {
        #[arg(long)]
        email: String,
    },
}

pub async fn run(command: UserCommand, store: &Store) -> Result<()> {
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            password_stdin,
        } => {
            let email = Email::parse(&email)?;
            let Some(role) = Role::parse(&role) else {
                bail!("unknown role `{role}`: use administrator, editor, author or contributor");
            };
            let (password, generated) = if password_stdin {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("cannot read the password from standard input")?;
                (text.trim_end_matches(['\n', '\r']).to_string(), false)
            } else {
                (random_token()[..20].to_string(), true)
            };
            let password_hash = hash_password(&password)?;
            store
                .users()
                .create_user(&NewUser {
                    email: email.clone(),
                    name: name.clone(),
                    role,
                    password_hash,
                    author_id: None,
                })
                .await?;
            println!("Added {name} <{email}> as {}.", role.label());
            if generated {
                println!("Password (shown once, change it after signing in): {password}");
            }
            Ok(())
        }
        UserCommand::List => {
            for user in store.users().users().await? {
                println!(
                    "{:<30} {:<40} {:<14}{}",
                    user.name,
                    user.email,
                    user.role.as_str(),
                    if user.disabled { " (disabled)" } else { "" }
                );
            }
            Ok(())
        }
        UserCommand::SignOut { email } => {
            let email = Email::parse(&email)?;
            let Some((user, _)) = store.users().user_for_login(&email).await? else {
                bail!("there is no account for {email}");
            };
            let ended = store.users().end_all_sessions(user.id).await?;
            println!("Ended {ended} session(s) of {}.", user.name);
            Ok(())
        }
    }
}
