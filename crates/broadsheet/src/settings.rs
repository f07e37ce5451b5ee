//! Loading `broadsheet.toml` plus the `BROADSHEET_*` environment.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use broadsheet_core::config::Config;

/// Reads the configuration. A missing file means the defaults (a SQLite database under
/// `./data`), so `broadsheet serve` works in an empty folder.
pub fn load(path: &Path) -> Result<Config> {
    let env: BTreeMap<String, String> = std::env::vars()
        .filter(|(key, _)| key.starts_with("BROADSHEET_"))
        .collect();
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let base = std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf());
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Config::parse(
            &text,
            &path.display().to_string(),
            &base,
            &env,
        )?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            tracing::info!(
                "{} not found: using the default settings (run `broadsheet init` to write one)",
                path.display()
            );
            Ok(Config::defaults(&base, &env)?)
        }
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}
