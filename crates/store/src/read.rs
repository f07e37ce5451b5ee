//! Read models: what pages show, shaped for templates. Never written back.

use broadsheet_core::article::{NoteKind, Status};
use broadsheet_core::body::BodyFormat;
use broadsheet_core::embed::Embed;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaItem {
    pub id: i64,
    /// The file to use where one file is needed (the largest JPEG for uploads).
    pub file_name: String,
    pub mime_type: String,
    pub width: i64,
    pub height: i64,
    pub alt_text: String,
    pub caption: String,
    pub credit: String,
    /// Widths of the resized variants (`{stem}-{width}.jpg` and `.webp`), smallest
    /// first; empty for files stored as they are.
    pub widths: Vec<i64>,
    pub stem: Option<String>,
}

impl MediaItem {
    /// Fills `widths` and `stem` from the stored comma-separated widths.
    pub(crate) fn with_variants(mut self, variant_widths: &str) -> MediaItem {
        let widths: Vec<i64> = variant_widths
            .split(',')
            .filter_map(|w| w.trim().parse().ok())
            .collect();
        if let Some(largest) = widths.last() {
            self.stem = self
                .file_name
                .strip_suffix(&format!("-{largest}.jpg"))
                .map(str::to_string);
        }
        if self.stem.is_some() {
            self.widths = widths;
        }
        self
    }

    /// The smallest variant at least `width` wide (for avatars and thumbnails).
    pub fn file_for_width(&self, width: i64) -> String {
        match (
            &self.stem,
            self.widths
                .iter()
                .find(|w| **w >= width)
                .or(self.widths.last()),
        ) {
            (Some(stem), Some(w)) => format!("{stem}-{w}.jpg"),
            _ => self.file_name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub avatar: Option<MediaItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Author {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub job_title: String,
    pub bio: String,
    pub avatar: Option<MediaItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Shown as a story timeline (its articles in date order, key moments marked).
    #[serde(deserialize_with = "flag")]
    pub timeline: bool,
    /// The article pinned first on the timeline.
    #[serde(default)]
    pub explainer_id: Option<i64>,
}

/// A flag stored as 0/1 (what both databases' JSON functions give for it).
fn flag<'de, D: serde::Deserializer<'de>>(input: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Number(i64),
        Bool(bool),
    }
    Ok(match Stored::deserialize(input)? {
        Stored::Number(n) => n != 0,
        Stored::Bool(b) => b,
    })
}

/// An article as lists and cards show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub dek: String,
    /// First publication, Unix seconds. Zero for an article never published.
    pub published_at: i64,
    /// The last editorial update shown to readers, if any.
    pub updated_at: Option<i64>,
    pub section: Option<SectionRef>,
    pub image: Option<MediaItem>,
    pub bylines: Vec<AuthorRef>,
    pub comment_count: i64,
    pub members_only: bool,
    pub front_rank: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: i64,
    pub kind: NoteKind,
    pub body: String,
    pub created_at: i64,
}

/// An article with everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    pub status: Status,
    pub body_format: BodyFormat,
    pub body_source: String,
    /// Sanitised HTML with `<!--embed:N-->` markers.
    pub body_html: String,
    pub embeds: Vec<Embed>,
    pub word_count: i64,
    pub topics: Vec<Topic>,
    pub notes: Vec<Note>,
    pub seo_title: String,
    pub seo_description: String,
    pub created_at: i64,
    pub modified_at: i64,
    pub version: i64,
    /// Who may comment (the editor's switches).
    pub comments: crate::CommentAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub path: String,
    pub title: String,
    pub body_html: String,
    pub embeds: Vec<Embed>,
    pub status: Status,
    pub published_at: Option<i64>,
    pub modified_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageLink {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub path: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub fields: Vec<crate::forms::FormField>,
}

/// An embed looked up for drawing. `Missing` renders as nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ResolvedEmbed {
    Image {
        media: MediaItem,
        caption: String,
    },
    Pullquote {
        text: String,
        by: Option<String>,
    },
    Form {
        form: Form,
    },
    Article {
        article: ArticleSummary,
    },
    /// The sign-up form, offering these lists.
    Newsletter {
        lists: Vec<crate::NewsletterList>,
    },
    Missing,
}

/// Which published articles to list. Empty filters do not filter.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery {
    pub sections: Vec<i64>,
    pub topics: Vec<i64>,
    pub author: Option<i64>,
    /// Published at or after (Unix seconds).
    pub from: Option<i64>,
    /// Published before (Unix seconds).
    pub until: Option<i64>,
    pub exclude: Vec<i64>,
    /// Published before this (published_at, id), in the list's newest-first order: where
    /// a page of an API list continues.
    pub before: Option<(i64, i64)>,
    pub with_image: bool,
    pub front_ranked: bool,
    pub limit: u32,
    pub offset: u64,
}
