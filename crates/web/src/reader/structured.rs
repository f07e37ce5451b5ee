//! Structured data (schema.org JSON-LD) for search engines and link previews: a
//! `NewsArticle` with its breadcrumbs on articles, a `CollectionPage` on sections and
//! topics, a `ProfilePage` on authors.

use broadsheet_core::dates;
use broadsheet_core::urls;
use broadsheet_store::{Article, Author, MediaItem};
use serde_json::{Value, json};

use super::assets::crop_path;
use crate::app::App;

/// JSON for a `<script type="application/ld+json">`: markup characters are escaped (JSON
/// allows it) so nothing in the data can end the element or confuse the HTML parser.
pub fn script(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The paper as a publisher, with its logo.
fn publisher(app: &App) -> Value {
    json!({
        "@type": "NewsMediaOrganization",
        "name": app.site().name,
        "url": app.absolute("/"),
        "logo": { "@type": "ImageObject", "url": app.absolute("/static/favicon.svg") },
    })
}

/// The image in the three shapes Google asks of an article (16:9, 4:3, 1:1), cut on
/// first request (`/media/crops/…`); a file that has no crops is given as it is.
fn image_urls(app: &App, media: &MediaItem) -> Vec<String> {
    let crops: Vec<String> = broadsheet_media::CROPS
        .iter()
        .filter_map(|ratio| crop_path(&media.file_name, *ratio))
        .map(|path| app.absolute(&urls::media_path(&path)))
        .collect();
    if crops.is_empty() {
        vec![app.absolute(&urls::media_path(&media.file_name))]
    } else {
        crops
    }
}

fn breadcrumbs(items: &[(String, String)]) -> Value {
    json!({
        "@type": "BreadcrumbList",
        "itemListElement": items.iter().enumerate().map(|(index, (name, url))| json!({
            "@type": "ListItem",
            "position": index + 1,
            "name": name,
            "item": url,
        })).collect::<Vec<_>>(),
    })
}

/// Home, then the section's parent and the section when there are.
fn trail(
    app: &App,
    section_slug: Option<&str>,
    navigation: &crate::app::Navigation,
) -> Vec<(String, String)> {
    let mut items = vec![(app.site().name.clone(), app.absolute("/"))];
    let section = section_slug.and_then(|slug| navigation.sections.iter().find(|s| s.slug == slug));
    if let Some(section) = section {
        if let Some(parent) = section
            .parent_id
            .and_then(|id| navigation.sections.iter().find(|s| s.id == id))
        {
            items.push((
                parent.name.clone(),
                app.absolute(&urls::section_path(&parent.slug)),
            ));
        }
        items.push((
            section.name.clone(),
            app.absolute(&urls::section_path(&section.slug)),
        ));
    }
    items
}

/// An article's `NewsArticle` and breadcrumbs.
pub fn article(
    app: &App,
    article: &Article,
    url: &str,
    navigation: &crate::app::Navigation,
) -> String {
    let summary = &article.summary;
    let tz = app.site().time_zone;
    let date = |at: i64| dates::rfc3339(dates::from_unix(at), tz);
    let modified = article
        .modified_at
        .max(summary.updated_at.unwrap_or(0))
        .max(summary.published_at);
    let authors: Vec<Value> = summary
        .bylines
        .iter()
        .map(|a| {
            json!({
                "@type": "Person",
                "name": a.name,
                "url": app.absolute(&urls::author_path(&a.slug)),
            })
        })
        .collect();
    let mut news = json!({
        "@type": "NewsArticle",
        "headline": summary.headline,
        "description": if article.seo_description.is_empty() { &summary.dek } else { &article.seo_description },
        "mainEntityOfPage": url,
        "url": url,
        "image": summary.image.as_ref().map(|m| image_urls(app, m)).unwrap_or_default(),
        "datePublished": date(summary.published_at),
        "dateModified": date(modified),
        "author": authors,
        "articleSection": summary.section.as_ref().map(|s| s.name.clone()),
        "keywords": article.topics.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "wordCount": article.word_count,
        "isAccessibleForFree": !summary.members_only,
        "publisher": publisher(app),
    });
    if summary.members_only {
        news["hasPart"] = json!({
            "@type": "WebPageElement",
            "isAccessibleForFree": false,
            "cssSelector": ".members-only",
        });
    }
    let mut crumbs = trail(
        app,
        summary.section.as_ref().map(|s| s.slug.as_str()),
        navigation,
    );
    crumbs.push((summary.headline.clone(), url.to_string()));
    script(&json!({
        "@context": "https://schema.org",
        "@graph": [news, breadcrumbs(&crumbs)],
    }))
}

/// A section's or topic's page: a `CollectionPage` with breadcrumbs.
pub fn collection(
    app: &App,
    name: &str,
    description: &str,
    path: &str,
    section_slug: Option<&str>,
    navigation: &crate::app::Navigation,
) -> String {
    let url = app.absolute(path);
    let mut crumbs = trail(app, section_slug, navigation);
    if section_slug.is_none() {
        crumbs.push((name.to_string(), url.clone()));
    }
    script(&json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": url,
        "isPartOf": { "@type": "WebSite", "name": app.site().name, "url": app.absolute("/") },
        "publisher": publisher(app),
        "breadcrumb": breadcrumbs(&crumbs),
    }))
}

/// An author's page: a `ProfilePage` about the person.
pub fn profile(app: &App, author: &Author) -> String {
    let url = app.absolute(&urls::author_path(&author.slug));
    let mut person = json!({
        "@type": "Person",
        "name": author.name,
        "url": url,
        "jobTitle": author.job_title,
        "description": author.bio,
        "worksFor": publisher(app),
    });
    if let Some(avatar) = &author.avatar {
        person["image"] = json!(app.absolute(&urls::media_path(&avatar.file_name)));
    }
    script(&json!({
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": person,
    }))
}
