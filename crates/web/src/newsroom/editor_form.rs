//! The article editor's form: its fields as typed, or as stored, and the draft they make.

use broadsheet_core::body::BodyFormat;
use broadsheet_store::{Article, ArticleDraft};
use serde::{Deserialize, Serialize};

use crate::form;

/// The editor's fields: as typed, or as stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct EditorForm {
    #[serde(deserialize_with = "form::trimmed")]
    pub(super) headline: String,
    #[serde(deserialize_with = "form::trimmed")]
    pub(super) dek: String,
    #[serde(deserialize_with = "form::trimmed")]
    pub(super) slug: String,
    #[serde(deserialize_with = "body_format")]
    pub(super) body_format: BodyFormat,
    #[serde(deserialize_with = "form::multiline")]
    pub(super) body: String,
    #[serde(deserialize_with = "form::optional_id")]
    pub(super) section_id: Option<i64>,
    /// The bylines in the order the editor's selects give them.
    #[serde(deserialize_with = "form::ids")]
    pub(super) author_ids: Vec<i64>,
    #[serde(deserialize_with = "form::ids")]
    pub(super) topic_ids: Vec<i64>,
    #[serde(deserialize_with = "form::optional_id")]
    pub(super) featured_media_id: Option<i64>,
    #[serde(deserialize_with = "form::trimmed")]
    pub(super) seo_title: String,
    #[serde(deserialize_with = "form::trimmed")]
    pub(super) seo_description: String,
    #[serde(deserialize_with = "form::checkbox")]
    pub(super) members_only: bool,
    /// The version the editor was opened at (a stored article's form sends it), so
    /// that a save over someone else's is caught.
    #[serde(deserialize_with = "form::optional_id", skip_serializing)]
    pub(super) version: Option<i64>,
}

/// Anything but HTML is Markdown, as the editor's radio buttons offer nothing else.
fn body_format<'de, D: serde::Deserializer<'de>>(input: D) -> Result<BodyFormat, D::Error> {
    Ok(match form::trimmed(input)?.as_str() {
        "html" => BodyFormat::Html,
        _ => BodyFormat::Markdown,
    })
}

impl EditorForm {
    pub(super) fn from_article(article: &Article) -> EditorForm {
        EditorForm {
            headline: article.summary.headline.clone(),
            dek: article.summary.dek.clone(),
            slug: article.summary.slug.clone(),
            body_format: article.body_format,
            body: article.body_source.clone(),
            section_id: article.summary.section.as_ref().map(|s| s.id),
            author_ids: article.summary.bylines.iter().map(|b| b.id).collect(),
            topic_ids: article.topics.iter().map(|t| t.id).collect(),
            featured_media_id: article.summary.image.as_ref().map(|m| m.id),
            seo_title: article.seo_title.clone(),
            seo_description: article.seo_description.clone(),
            members_only: article.summary.members_only,
            version: None,
        }
    }

    pub(super) fn to_draft(&self, created_by: Option<i64>) -> ArticleDraft {
        let mut draft = ArticleDraft::new(&self.headline, &self.body);
        draft.slug = Some(self.slug.clone()).filter(|s| !s.is_empty());
        draft.dek = self.dek.clone();
        draft.body_format = self.body_format;
        draft.section_id = self.section_id;
        draft.author_ids = self.author_ids.clone();
        draft.topic_ids = self.topic_ids.clone();
        draft.featured_media_id = self.featured_media_id;
        draft.seo_title = self.seo_title.clone();
        draft.seo_description = self.seo_description.clone();
        draft.members_only = self.members_only;
        draft.created_by = created_by;
        draft
    }
}
