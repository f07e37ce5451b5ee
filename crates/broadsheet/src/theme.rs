//! `broadsheet theme`: copying the built-in theme out for editing.

use anyhow::{Context, Result, bail};
use broadsheet_core::config::Config;
use broadsheet_render::{BUILTIN_STATIC, BUILTIN_TEMPLATES};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in default theme to themes_dir/NAME so you can edit it.
    ///
    /// Then set `theme = "NAME"` in broadsheet.toml and restart (or set
    /// dev_reload_templates = true to see edits on every request).
    Copy {
        /// The new theme's folder name.
        name: String,
    },
    /// List the templates and assets a theme can override.
    List,
}

pub fn run(command: ThemeCommand, config: &Config) -> Result<()> {
    match command {
        ThemeCommand::Copy { name } => {
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                bail!("theme name `{name}` may contain only letters, digits, - and _");
            }
            let folder = config.themes_dir.join(&name);
            if folder.exists() {
                bail!("{} already exists; choose another name", folder.display());
            }
            let templates = BUILTIN_TEMPLATES
                .iter()
                .map(|(file, text)| (folder.join("templates").join(file), text.as_bytes()));
            let assets = BUILTIN_STATIC
                .iter()
                .map(|(file, bytes)| (folder.join("static").join(file), *bytes));
            for (path, bytes) in templates.chain(assets) {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            println!(
                "Copied the default theme to {}.\nSet `theme = \"{name}\"` in broadsheet.toml and restart to use it.",
                folder.display()
            );
            Ok(())
        }
        ThemeCommand::List => {
            println!("Templates:");
            for (file, _) in BUILTIN_TEMPLATES {
                println!("  templates/{file}");
            }
            println!("Assets:");
            for (file, _) in BUILTIN_STATIC {
                println!("  static/{file}");
            }
            Ok(())
        }
    }
}
