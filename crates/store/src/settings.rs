//! Settings stored in the database: values every node shares (the signing secret) and
//! the Settings screen's values (`core::settings::SiteSettings`).

use crate::SettingsStore;
use crate::error::{StoreError, StoreResult};
use broadsheet_core::settings::SiteSettings;
use sqlx::Row;

impl SettingsStore<'_> {
    /// A value shared by every node, created on first use (e.g. the signing secret).
    pub async fn setting_or_init(
        &self,
        key: &str,
        init: impl FnOnce() -> String,
    ) -> StoreResult<String> {
        if let Some(value) = self.setting(key).await? {
            return Ok(value);
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(init())
        .execute(&self.pool)
        .await?;
        // Another node may have won the race: read what is stored.
        self.setting(key)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("setting {key}")))
    }

    /// Settings whose keys start with `prefix`.
    pub async fn settings_with_prefix(&self, prefix: &str) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query("SELECT key, value FROM settings WHERE key LIKE $1 ORDER BY key")
            .bind(format!("{prefix}%"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("key")?, row.try_get("value")?)))
            .collect()
    }

    /// Saves site settings together; every page is drawn again with them.
    pub async fn save_settings(&self, pairs: &[(String, String)]) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        for (key, value) in pairs {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        self.commit_change(
            tx,
            broadsheet_core::change::Change::of([
                broadsheet_core::change::Dep::Settings,
                broadsheet_core::change::Dep::Navigation,
            ]),
        )
        .await
    }

    /// What the newsroom has set on the Settings screen; a stored value that no longer
    /// parses is logged and left out.
    pub async fn site_settings(&self) -> StoreResult<SiteSettings> {
        let (settings, problems) = SiteSettings::from_rows(&self.settings_with_prefix("").await?);
        for problem in problems {
            tracing::warn!(problem, "ignoring a stored setting");
        }
        Ok(settings)
    }

    /// Saves the Settings screen's values, all in one transaction.
    pub async fn save_site_settings(&self, settings: &SiteSettings) -> StoreResult<()> {
        self.save_settings(&settings.to_rows()).await
    }

    pub async fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}
