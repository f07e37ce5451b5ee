//! `broadsheet demo`: a complete demo newspaper — The Hudson Ledger, a New York daily —
//! written into a data folder and served. Re-running it reuses what is there.

pub mod content;
mod images;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use broadsheet_core::article::NoteKind;
use broadsheet_core::body::BodyFormat;
use broadsheet_store::{
    ArticleDraft, ArticleEdit, ArticleQuery, FormField, NewAuthor, NewForm, NewMedia, NewNote,
    NewPage, NewSection, NewTopic, Store,
};
use indicatif::{ProgressBar, ProgressStyle};

/// Photos drawn for the first articles; later ones reuse them, which keeps a 10,000-article
/// benchmark database small.
const UNIQUE_PHOTOS: usize = 240;
const PHOTO_SIZE: (u32, u32) = (1200, 675);

/// The configuration file of the demo paper.
pub fn config_file(listen: &str) -> String {
    let mut text = broadsheet_core::config::default_file(content::PAPER_NAME);
    let replacements = [
        ("tagline = \"\"", format!("tagline = \"{}\"", content::TAGLINE)),
        ("base_url = \"http://127.0.0.1:8080\"", format!("base_url = \"http://{listen}\"")),
        ("listen = \"127.0.0.1:8080\"", format!("listen = \"{listen}\"")),
        (
            "# mail_outbox = \"data/outbox\"",
            "mail_outbox = \"data/outbox\"".to_string(),
        ),
        (
            "masthead_calendars = [\"gregorian\"]\n# latitude = 40.7128\n# longitude = -74.0060",
            "masthead_calendars = [\"gregorian\", \"hebrew\"]\nlatitude = 40.7128\nlongitude = -74.0060"
                .to_string(),
        ),
    ];
    for (from, to) in replacements {
        text = text.replace(from, &to);
    }
    text
}

pub struct SeedReport {
    pub articles: usize,
    pub photos: usize,
}

/// Fills an empty database with the demo paper. Does nothing if it already has articles.
pub async fn seed(
    store: &Store,
    media_dir: &Path,
    count: usize,
    seed: u64,
) -> Result<Option<SeedReport>> {
    let existing = store
        .articles()
        .count_articles(&ArticleQuery::default())
        .await?;
    if existing > 0 {
        return Ok(None);
    }
    std::fs::create_dir_all(media_dir.join("photos"))
        .with_context(|| format!("cannot create {}", media_dir.display()))?;
    std::fs::create_dir_all(media_dir.join("avatars"))?;

    let mut sections = HashMap::new();
    let all_sections = content::sections();
    for pass_parents in [true, false] {
        for (position, section) in all_sections.iter().enumerate() {
            if section.parent.is_none() != pass_parents {
                continue;
            }
            let parent_id = section.parent.and_then(|p| sections.get(p).copied());
            let id = store
                .taxonomy()
                .create_section(&NewSection {
                    slug: section.slug.into(),
                    name: section.name.into(),
                    description: section.description.into(),
                    parent_id,
                    position: position as i64,
                })
                .await?;
            sections.insert(section.slug, id);
        }
    }
    let mut topics = HashMap::new();
    for topic in content::topics() {
        let id = store
            .taxonomy()
            .create_topic(&NewTopic {
                slug: topic.slug.into(),
                name: topic.name.into(),
                description: topic.description.into(),
            })
            .await?;
        topics.insert(topic.slug, id);
    }
    let mut authors = Vec::new();
    for (index, author) in content::authors().iter().enumerate() {
        let file_name = format!("avatars/{}.jpg", author.slug);
        let bytes = images::avatar_jpeg(index as u64 + seed, 192);
        let avatar = save_media(
            store,
            media_dir,
            &file_name,
            &bytes,
            (192, 192),
            &NewWords {
                alt: format!("Portrait of {}", author.name),
                caption: String::new(),
                credit: content::PAPER_NAME.to_string(),
            },
        )
        .await?;
        let id = store
            .taxonomy()
            .create_author(&NewAuthor {
                slug: author.slug.into(),
                name: author.name.into(),
                job_title: author.role.into(),
                bio: author.bio.clone(),
                avatar_media_id: Some(avatar),
            })
            .await?;
        authors.push(id);
    }
    store
        .forms().create_form(&NewForm {
            slug: "letters".into(),
            title: "Write a letter to the editor".into(),
            description: "Letters may be edited for length and clarity. We publish your name and neighbourhood, never your email.".into(),
            fields: vec![
                field("name", "Your name", "text", true),
                field("email", "Email", "email", true),
                field("neighbourhood", "Neighbourhood", "text", false),
                field("letter", "Your letter", "textarea", true),
                field("consent", "You may publish my letter", "checkbox", true),
            ],
            ..Default::default()
        })
        .await?;
    let mut pages = HashMap::new();
    for (position, page) in content::pages().iter().enumerate() {
        let mut body = page.body_markdown.clone();
        if page.slug == "contact" {
            body.push_str("\n\n[[form letters]]\n\n[[newsletter]]\n");
        }
        let id = store
            .pages()
            .create_page(&NewPage {
                slug: page.slug.into(),
                parent_id: page.parent.and_then(|p| pages.get(p).copied()),
                title: page.title.into(),
                body_format: BodyFormat::Markdown,
                body_source: body,
                position: position as i64,
                publish: true,
            })
            .await?;
        pages.insert(page.slug, id);
    }

    let articles = content::articles(count, seed);
    let now = broadsheet_store::now();
    let tz = chrono_tz::America::New_York;
    let progress = ProgressBar::new(articles.len() as u64).with_style(
        ProgressStyle::with_template("  writing articles {bar:40} {pos}/{len} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Oldest first, so that links and cards point at articles that are already published.
    let mut published: HashMap<usize, (String, i64)> = HashMap::new();
    let mut photos: Vec<i64> = Vec::new();
    let mut newest_with_photos = Vec::new();
    for (index, article) in articles.iter().enumerate().rev() {
        let published_at = now - i64::from(article.minutes_ago) * 60;
        let body = link_earlier(&article.body_markdown, &published, tz);
        let featured = match &article.photo {
            Some(photo) if photos.len() < UNIQUE_PHOTOS => {
                let bytes = images::skyline_jpeg(photo.scene_seed, PHOTO_SIZE.0, PHOTO_SIZE.1);
                let id = save_media(
                    store,
                    media_dir,
                    &format!("photos/{}.jpg", article.slug),
                    &bytes,
                    PHOTO_SIZE,
                    &NewWords {
                        alt: photo.alt.clone(),
                        caption: photo.caption.clone(),
                        credit: photo.credit.clone(),
                    },
                )
                .await?;
                photos.push(id);
                Some(id)
            }
            Some(_) => photos.get(index % photos.len().max(1)).copied(),
            None => None,
        };
        let mut draft = ArticleDraft::new(&article.headline, &body);
        draft.slug = Some(article.slug.clone());
        draft.dek = article.dek.clone();
        draft.section_id = sections.get(article.section).copied();
        draft.topic_ids = article
            .topics
            .iter()
            .filter_map(|t| topics.get(t).copied())
            .collect();
        draft.author_ids = article
            .authors
            .iter()
            .filter_map(|a| authors.get(*a).copied())
            .collect();
        draft.featured_media_id = featured;
        // Some stories are for members: readers see how membership works.
        draft.members_only = index % 7 == 3;
        draft.created_at = published_at - 3600;
        let id = store.articles().create_article(&draft).await?;
        store
            .articles()
            .publish_article(id, published_at)
            .await
            .with_context(|| format!("publishing demo article `{}`", article.slug))?;
        for note in &article.notes {
            let created_at =
                (published_at + i64::from(note.hours_after_publication) * 3600).min(now);
            store
                .articles()
                .add_note(
                    id,
                    &NewNote {
                        kind: match note.kind {
                            content::DemoNoteKind::Correction => NoteKind::Correction,
                            content::DemoNoteKind::Update => NoteKind::Update,
                        },
                        body: note.text.clone(),
                        created_at,
                    },
                )
                .await?;
        }
        if featured.is_some() && index < 12 {
            newest_with_photos.push((index, id));
        }
        published.insert(index, (article.slug.clone(), published_at));
        progress.inc(1);
    }
    progress.finish_and_clear();
    // The newest photo stories lead the front page, as an editor would place them.
    newest_with_photos.sort();
    for (rank, (_, id)) in newest_with_photos.iter().take(5).enumerate() {
        store
            .articles()
            .edit_article(
                *id,
                &ArticleEdit {
                    front_rank: Some(Some(rank as i64 + 1)),
                    ..Default::default()
                },
            )
            .await?;
    }
    Ok(Some(SeedReport {
        articles: articles.len(),
        photos: photos.len(),
    }))
}

fn field(name: &str, label: &str, kind: &str, required: bool) -> FormField {
    FormField {
        name: name.into(),
        label: label.into(),
        kind: kind.into(),
        required,
        options: Vec::new(),
    }
}

struct NewWords {
    alt: String,
    caption: String,
    credit: String,
}

async fn save_media(
    store: &Store,
    media_dir: &Path,
    file_name: &str,
    bytes: &[u8],
    (width, height): (u32, u32),
    words: &NewWords,
) -> Result<i64> {
    let path = media_dir.join(file_name);
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(store
        .media()
        .create_media(&NewMedia {
            file_name: file_name.into(),
            mime_type: "image/jpeg".into(),
            width,
            height,
            byte_size: bytes.len() as u64,
            content_hash: None,
            alt_text: words.alt.clone(),
            caption: words.caption.clone(),
            credit: words.credit.clone(),
            created_at: broadsheet_store::now(),
            ..Default::default()
        })
        .await?)
}

/// Replaces the generator's `EARLIER:J` references: links become the article's URL and
/// `[[article EARLIER:J]]` cards take its slug.
fn link_earlier(
    body: &str,
    published: &HashMap<usize, (String, i64)>,
    tz: chrono_tz::Tz,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("EARLIER:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "EARLIER:".len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let card = out.ends_with("[[article ");
        match digits.parse::<usize>().ok().and_then(|j| published.get(&j)) {
            Some((slug, at)) if card => out.push_str(slug),
            Some((slug, at)) => out.push_str(&broadsheet_core::urls::article_path(
                broadsheet_core::dates::from_unix(*at),
                slug,
                tz,
            )),
            None => out.push('#'),
        }
        rest = &after[digits.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
