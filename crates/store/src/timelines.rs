//! Story timelines: a topic shown as its articles in date order, with an explainer the
//! newsroom pins first and key moments it marks.

use broadsheet_core::change::{Change, Dep};
use broadsheet_core::text::{LineProblem, check_line};
use serde::Serialize;
use sqlx::Row;

use crate::TaxonomyStore;
use crate::error::{StoreError, StoreResult};
use crate::read::{ArticleSummary, Topic};
use crate::taxonomy::topic_from_row;

/// Characters a key moment's label may have ("The vote", "Arrest in Queens").
pub const MOMENT_MAX_CHARS: usize = 80;

/// A published article on a timeline, with its key moment if it is one.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub article: ArticleSummary,
    pub moment: Option<String>,
}

/// An article of a topic in any state, for the newsroom's timeline screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicArticle {
    pub id: i64,
    pub headline: String,
    pub status: broadsheet_core::article::Status,
    pub published_at: Option<i64>,
    pub moment: Option<String>,
}

/// What the newsroom sets on a topic's timeline screen.
#[derive(Debug, Clone, Default)]
pub struct TimelineSettings {
    pub timeline: bool,
    pub explainer_id: Option<i64>,
    /// (article id, label); an empty label marks nothing.
    pub moments: Vec<(i64, String)>,
}

const TOPIC_COLUMNS: &str = "id, slug, name, description, timeline, explainer_id";

impl TaxonomyStore<'_> {
    pub async fn topic(&self, id: i64) -> StoreResult<Option<Topic>> {
        let row = sqlx::query(&format!("SELECT {TOPIC_COLUMNS} FROM topics WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(topic_from_row).transpose()
    }

    /// Every topic with how many articles (in any state) it has, by name.
    pub async fn topics_with_counts(&self) -> StoreResult<Vec<(Topic, u64)>> {
        let rows = sqlx::query(&format!(
            "SELECT {TOPIC_COLUMNS}, \
             (SELECT COUNT(*) FROM article_topics x WHERE x.topic_id = topics.id) AS articles \
             FROM topics ORDER BY name"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    topic_from_row(row)?,
                    row.try_get::<i64, _>("articles")?.max(0) as u64,
                ))
            })
            .collect()
    }

    /// Published articles of a topic, oldest first, with their key moments.
    pub async fn timeline_entries(
        &self,
        topic_id: i64,
        limit: u32,
        offset: u64,
    ) -> StoreResult<Vec<TimelineEntry>> {
        let rows = sqlx::query(
            "SELECT a.id, m.label FROM article_topics x \
             JOIN articles a ON a.id = x.article_id \
             LEFT JOIN topic_moments m ON m.topic_id = x.topic_id AND m.article_id = a.id \
             WHERE x.topic_id = $1 AND a.status = 'published' \
             ORDER BY a.published_at, a.id LIMIT $2 OFFSET $3",
        )
        .bind(topic_id)
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        let mut moments = std::collections::HashMap::new();
        let mut ids = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            ids.push(id);
            if let Some(label) = row.try_get::<Option<String>, _>("label")? {
                moments.insert(id, label);
            }
        }
        let summaries = self.articles().published_summaries(&ids).await?;
        Ok(summaries
            .into_iter()
            .map(|article| TimelineEntry {
                moment: moments.remove(&article.id),
                article,
            })
            .collect())
    }

    /// A topic's articles in every state, oldest first, for the newsroom.
    pub async fn topic_articles(&self, topic_id: i64) -> StoreResult<Vec<TopicArticle>> {
        let rows = sqlx::query(
            "SELECT a.id, a.headline, a.status, a.published_at, m.label FROM article_topics x \
             JOIN articles a ON a.id = x.article_id \
             LEFT JOIN topic_moments m ON m.topic_id = x.topic_id AND m.article_id = a.id \
             WHERE x.topic_id = $1 \
             ORDER BY CASE WHEN a.published_at IS NULL THEN 1 ELSE 0 END, a.published_at, a.id",
        )
        .bind(topic_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TopicArticle {
                    id: row.try_get("id")?,
                    headline: row.try_get("headline")?,
                    status: crate::dialect::status_column(row)?,
                    published_at: row.try_get("published_at")?,
                    moment: row.try_get("label")?,
                })
            })
            .collect()
    }

    /// Sets whether a topic is a timeline, its explainer and its key moments, in one
    /// transaction. The explainer and every marked article must be articles of the topic.
    pub async fn save_timeline(
        &self,
        topic_id: i64,
        settings: &TimelineSettings,
    ) -> StoreResult<()> {
        let mut moments = Vec::new();
        for (article_id, label) in &settings.moments {
            let label = label.trim();
            if label.is_empty() {
                continue;
            }
            check_line(label, MOMENT_MAX_CHARS).map_err(|problem| {
                StoreError::invalid(
                    "moments",
                    match problem {
                        LineProblem::TooLong => format!(
                            "a key moment is a few words: at most {MOMENT_MAX_CHARS} characters (“{label}”)"
                        ),
                        _ => format!("the key moment “{label}” holds a character it may not; retype it"),
                    },
                )
            })?;
            moments.push((*article_id, label.to_string()));
        }
        let mut tx = self.begin_write().await?;
        let members: Vec<i64> =
            sqlx::query_scalar("SELECT article_id FROM article_topics WHERE topic_id = $1")
                .bind(topic_id)
                .fetch_all(&mut *tx)
                .await?;
        let updated =
            sqlx::query("UPDATE topics SET timeline = $1, explainer_id = $2 WHERE id = $3")
                .bind(i64::from(settings.timeline))
                .bind(settings.explainer_id)
                .bind(topic_id)
                .execute(&mut *tx)
                .await?;
        let refuse = |field: &'static str, message: &str| StoreError::invalid(field, message);
        let problem = if updated.rows_affected() == 0 {
            Some(StoreError::not_found(format!("topic {topic_id}")))
        } else if settings
            .explainer_id
            .is_some_and(|id| !members.contains(&id))
        {
            Some(refuse(
                "explainer_id",
                "the explainer must be an article of this topic",
            ))
        } else if moments.iter().any(|(id, _)| !members.contains(id)) {
            Some(refuse(
                "moments",
                "a key moment must be an article of this topic",
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            tx.rollback().await?;
            return Err(problem);
        }
        sqlx::query("DELETE FROM topic_moments WHERE topic_id = $1")
            .bind(topic_id)
            .execute(&mut *tx)
            .await?;
        for (article_id, label) in &moments {
            sqlx::query(
                "INSERT INTO topic_moments (topic_id, article_id, label) VALUES ($1, $2, $3)",
            )
            .bind(topic_id)
            .bind(article_id)
            .bind(label)
            .execute(&mut *tx)
            .await?;
        }
        // The topic's page, and every article page that links to it.
        self.commit_change(
            tx,
            Change::of([Dep::Topic(topic_id), Dep::TopicList(topic_id)]),
        )
        .await
    }
}
