//! RSS 2.0 and Atom feeds of the whole paper, a section, a topic or an author.
//!
//! Each entry's id is a tag URI made of the article's id and its first publication day,
//! so it never changes when a headline or slug is edited and feed readers do not show
//! a corrected story twice. Entries carry a summary, and the whole article when the
//! newsroom's Settings say so — never for members-only articles, which carry only what
//! their page shows everyone.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use broadsheet_core::body::{BodyPiece, pieces, plain_text, teaser};
use broadsheet_core::change::Dep;
use broadsheet_core::dates::from_unix;
use broadsheet_core::urls;
use broadsheet_store::{Article, ArticleQuery, ResolvedEmbed};
use chrono::{DateTime, FixedOffset};

use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;
use crate::respond::{Rendered, cache_key, cached};

/// How many articles a feed carries.
const ENTRIES: u32 = 30;
/// A summary made from the body is cut near this many characters, at a word.
const SUMMARY_CHARS: usize = 300;

/// What a feed is of.
pub enum Scope {
    Site,
    Section(String),
    Topic(String),
    Author(String),
}

pub enum Format {
    Rss,
    Atom,
}

impl Format {
    fn of(atom: bool) -> Format {
        if atom { Format::Atom } else { Format::Rss }
    }

    fn content_type(&self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml; charset=utf-8",
            Format::Atom => "application/atom+xml; charset=utf-8",
        }
    }
}

/// The page a feed follows: its title, where it is, which articles.
struct Source {
    title: String,
    description: String,
    /// The page's path (`/section/news`); the feeds are at `{path}/feed[/atom]`.
    page: String,
    filter: ArticleQuery,
}

/// One article as feeds carry it.
struct Entry {
    id: String,
    url: String,
    headline: String,
    summary: String,
    /// The whole article as HTML, when feeds carry whole articles.
    content: Option<String>,
    published: i64,
    modified: i64,
    /// (name, page URL)
    authors: Vec<(String, String)>,
    categories: Vec<String>,
    image: Option<Enclosure>,
}

struct Enclosure {
    url: String,
    mime_type: String,
    length: u64,
    width: i64,
    height: i64,
}

/// The path of a scope's feed in a format (what pages link to).
pub fn feed_path(page: &str, format: &Format) -> String {
    let base = if page == "/" { "" } else { page };
    match format {
        Format::Rss => format!("{base}/feed"),
        Format::Atom => format!("{base}/feed/atom"),
    }
}

/// The list a feed route follows (const generic arguments of [`list_feed`]).
pub const SECTION: u8 = 0;
pub const TOPIC: u8 = 1;
pub const AUTHOR: u8 = 2;

/// `/feed` (RSS) and `/feed/atom` (`ATOM`).
pub async fn site_feed<const ATOM: bool>(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    answer(&app, Scope::Site, Format::of(ATOM), &uri, &headers, &viewer).await
}

/// `/section/{slug}/feed`, `/topic/…`, `/author/…` (`LIST`), RSS or Atom (`ATOM`).
pub async fn list_feed<const LIST: u8, const ATOM: bool>(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    let scope = match LIST {
        SECTION => Scope::Section(slug),
        TOPIC => Scope::Topic(slug),
        _ => Scope::Author(slug),
    };
    answer(&app, scope, Format::of(ATOM), &uri, &headers, &viewer).await
}

async fn answer(
    app: &App,
    scope: Scope,
    format: Format,
    uri: &Uri,
    headers: &HeaderMap,
    viewer: &Viewer,
) -> Response {
    cached(app, &cache_key(uri), headers, viewer, || async {
        let (source, mut deps) = source(app, scope).await?;
        let entries = entries(app, &source.filter, &mut deps).await?;
        let modified = entries.iter().map(|e| e.modified).max().unwrap_or(0);
        let xml = match format {
            Format::Rss => rss(app, &source, &entries),
            Format::Atom => atom(app, &source, &entries, modified),
        };
        Ok(Rendered {
            html: xml,
            deps,
            // Nothing in a feed depends on the date; writes replace it.
            expires_at: i64::MAX,
            content_type: format.content_type(),
        })
    })
    .await
}

/// What a feed follows, and the keys of what it shows from that page.
async fn source(app: &App, scope: Scope) -> Result<(Source, Vec<Dep>), WebError> {
    let site = app.site();
    let taxonomy = app.store.taxonomy();
    let mut deps = Vec::new();
    let source = match scope {
        Scope::Site => {
            deps.push(Dep::Latest);
            Source {
                title: site.name.clone(),
                description: if site.tagline.is_empty() {
                    format!("The latest from {}", site.name)
                } else {
                    site.tagline.clone()
                },
                page: "/".into(),
                filter: ArticleQuery::default(),
            }
        }
        Scope::Section(slug) => {
            let navigation = app.navigation().await?;
            let section = navigation.section(&slug).ok_or(WebError::NotFound)?;
            let ids = navigation.section_family(section.id);
            deps.push(Dep::Section(section.id));
            deps.extend(ids.iter().map(|id| Dep::SectionList(*id)));
            Source {
                title: format!("{} | {}", section.name, site.name),
                description: non_empty(&section.description, || {
                    format!("{} from {}", section.name, site.name)
                }),
                page: urls::section_path(&section.slug),
                filter: ArticleQuery {
                    sections: ids,
                    ..Default::default()
                },
            }
        }
        Scope::Topic(slug) => {
            let topic = taxonomy
                .topic_by_slug(&slug)
                .await?
                .ok_or(WebError::NotFound)?;
            deps.extend([Dep::Topic(topic.id), Dep::TopicList(topic.id)]);
            Source {
                title: format!("{} | {}", topic.name, site.name),
                description: non_empty(&topic.description, || {
                    format!("{} from {}", topic.name, site.name)
                }),
                page: urls::topic_path(&topic.slug),
                filter: ArticleQuery {
                    topics: vec![topic.id],
                    ..Default::default()
                },
            }
        }
        Scope::Author(slug) => {
            let author = taxonomy
                .author_by_slug(&slug)
                .await?
                .ok_or(WebError::NotFound)?;
            deps.extend([Dep::Author(author.id), Dep::AuthorList(author.id)]);
            Source {
                title: format!("{} | {}", author.name, site.name),
                description: format!("Articles by {} in {}", author.name, site.name),
                page: urls::author_path(&author.slug),
                filter: ArticleQuery {
                    author: Some(author.id),
                    ..Default::default()
                },
            }
        }
    };
    Ok((source, deps))
}

fn non_empty(text: &str, otherwise: impl FnOnce() -> String) -> String {
    if text.trim().is_empty() {
        otherwise()
    } else {
        text.to_string()
    }
}

async fn entries(
    app: &App,
    filter: &ArticleQuery,
    deps: &mut Vec<Dep>,
) -> Result<Vec<Entry>, WebError> {
    let mut filter = filter.clone();
    filter.limit = ENTRIES;
    let listed = app.store.articles().list_articles(&filter).await?;
    let full_text = app.site().feed_full_text;
    let mut entries = Vec::with_capacity(listed.len());
    for summary in listed {
        let Some(article) = app
            .store
            .articles()
            .published_article(&summary.slug)
            .await?
        else {
            continue;
        };
        entries.push(entry(app, article, full_text, deps).await?);
    }
    Ok(entries)
}

async fn entry(
    app: &App,
    article: Article,
    full_text: bool,
    deps: &mut Vec<Dep>,
) -> Result<Entry, WebError> {
    let tz = app.site().time_zone;
    let base = &app.config.base_url;
    let summary = &article.summary;
    let url = app.absolute(&urls::article_path(
        from_unix(summary.published_at),
        &summary.slug,
        tz,
    ));
    // A members-only body gives only what its page shows everyone: the teaser.
    let open_html = if summary.members_only {
        teaser(&article.body_html, app.config.teaser_paragraphs)
    } else {
        &article.body_html
    };
    let description = [&article.seo_description, &summary.dek]
        .into_iter()
        .find(|text| !text.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| cut(&plain_text(open_html), SUMMARY_CHARS));
    let description = if description.is_empty() {
        format!("For members of {}: read it on our site.", app.site().name)
    } else {
        description
    };
    let content = if full_text && !summary.members_only {
        let (resolved, shown) = app.store.articles().resolve_embeds(&article.embeds).await?;
        deps.extend(shown);
        Some(whole_body(app, &article, &resolved, &url))
    } else {
        None
    };
    let image = match &summary.image {
        Some(media) => {
            let file = media.file_for_width(1200);
            let length = tokio::fs::metadata(app.config.media_dir.join(&file))
                .await
                .map(|m| m.len())
                .unwrap_or(0);
            Some(Enclosure {
                url: app.absolute(&urls::media_path(&file)),
                mime_type: mime_of(&file, &media.mime_type),
                length,
                width: media.width,
                height: media.height,
            })
        }
        None => None,
    };
    deps.push(Dep::Article(summary.id));
    deps.extend(summary.section.iter().map(|s| Dep::Section(s.id)));
    deps.extend(summary.image.iter().map(|m| Dep::Media(m.id)));
    deps.extend(summary.bylines.iter().map(|b| Dep::Author(b.id)));
    deps.extend(article.topics.iter().map(|t| Dep::Topic(t.id)));
    let mut categories: Vec<String> = summary.section.iter().map(|s| s.name.clone()).collect();
    categories.extend(article.topics.iter().map(|t| t.name.clone()));
    Ok(Entry {
        id: tag_uri(base, summary.published_at, summary.id),
        url,
        headline: summary.headline.clone(),
        summary: description,
        content,
        published: summary.published_at,
        modified: article.modified_at.max(summary.published_at),
        authors: summary
            .bylines
            .iter()
            .map(|b| (b.name.clone(), app.absolute(&urls::author_path(&b.slug))))
            .collect(),
        categories,
        image,
    })
}

/// `tag:host,YYYY-MM-DD:article:ID` (RFC 4151): the host the paper is at and the day it
/// first published the article, neither of which an edit changes.
fn tag_uri(base_url: &str, published_at: i64, id: i64) -> String {
    let host = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    format!(
        "tag:{host},{}:article:{id}",
        from_unix(published_at).format("%Y-%m-%d")
    )
}

/// The type of a variant file (`.webp` or `.jpg`), or the item's own.
fn mime_of(file: &str, fallback: &str) -> String {
    if file.ends_with(".webp") {
        "image/webp".into()
    } else if file.ends_with(".jpg") || file.ends_with(".jpeg") {
        "image/jpeg".into()
    } else {
        fallback.into()
    }
}

/// Text cut near `max` characters at a word, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out: String = text.chars().take(max).collect();
    if let Some(space) = out.rfind(' ') {
        out.truncate(space);
    }
    out.push('…');
    out
}

/// The article as a feed reader shows it: the body with its embeds drawn as plain HTML
/// (photos, pull quotes, related links; forms and sign-ups as a link to the article)
/// and every site address made absolute.
fn whole_body(app: &App, article: &Article, resolved: &[ResolvedEmbed], url: &str) -> String {
    let base = &app.config.base_url;
    let tz = app.site().time_zone;
    let escape = broadsheet_render::escape_html;
    let mut html = String::with_capacity(article.body_html.len() + 256);
    for piece in pieces(&article.body_html) {
        match piece {
            BodyPiece::Html(part) => html.push_str(part),
            BodyPiece::Embed(index) => match resolved.get(index) {
                Some(ResolvedEmbed::Image { media, caption }) => {
                    let src = app.absolute(&urls::media_path(&media.file_for_width(1200)));
                    html.push_str(&format!(
                        "<figure><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">",
                        escape(&src),
                        escape(&media.alt_text),
                        media.width,
                        media.height
                    ));
                    let credit = if media.credit.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", media.credit)
                    };
                    if !caption.is_empty() || !credit.is_empty() {
                        html.push_str(&format!(
                            "<figcaption>{}{}</figcaption>",
                            escape(caption),
                            escape(&credit)
                        ));
                    }
                    html.push_str("</figure>");
                }
                Some(ResolvedEmbed::Pullquote { text, by }) => {
                    html.push_str(&format!("<blockquote><p>{}</p>", escape(text)));
                    if let Some(by) = by {
                        html.push_str(&format!("<p>— {}</p>", escape(by)));
                    }
                    html.push_str("</blockquote>");
                }
                Some(ResolvedEmbed::Article { article: related }) => {
                    let path =
                        urls::article_path(from_unix(related.published_at), &related.slug, tz);
                    html.push_str(&format!(
                        "<p>Related: <a href=\"{}\">{}</a></p>",
                        escape(&app.absolute(&path)),
                        escape(&related.headline)
                    ));
                }
                Some(ResolvedEmbed::Form { form }) => html.push_str(&format!(
                    "<p><a href=\"{}\">{} (on our site)</a></p>",
                    escape(url),
                    escape(&form.title)
                )),
                Some(ResolvedEmbed::Newsletter { .. }) => html.push_str(&format!(
                    "<p><a href=\"{}\">Sign up for our newsletters</a></p>",
                    escape(&app.absolute("/subscribe"))
                )),
                Some(ResolvedEmbed::Missing) | None => {}
            },
        }
    }
    html.replace("href=\"/", &format!("href=\"{base}/"))
        .replace("src=\"/", &format!("src=\"{base}/"))
}

fn rfc3339(seconds: i64) -> DateTime<FixedOffset> {
    from_unix(seconds).fixed_offset()
}

fn rss(app: &App, source: &Source, entries: &[Entry]) -> String {
    use rss::extension::{Extension, dublincore::DublinCoreExtension};
    let media = |enclosure: &Enclosure| {
        let mut attrs = std::collections::BTreeMap::new();
        attrs.insert("url".to_string(), enclosure.url.clone());
        attrs.insert("medium".to_string(), "image".to_string());
        attrs.insert("type".to_string(), enclosure.mime_type.clone());
        attrs.insert("width".to_string(), enclosure.width.to_string());
        attrs.insert("height".to_string(), enclosure.height.to_string());
        let content = Extension {
            name: "media:content".into(),
            value: None,
            attrs,
            children: Default::default(),
        };
        let mut names = std::collections::BTreeMap::new();
        names.insert("content".to_string(), vec![content]);
        let mut map = rss::extension::ExtensionMap::new();
        map.insert("media".to_string(), names);
        map
    };
    let items = entries
        .iter()
        .map(|entry| rss::Item {
            title: Some(entry.headline.clone()),
            link: Some(entry.url.clone()),
            description: Some(entry.summary.clone()),
            content: entry.content.clone(),
            guid: Some(rss::Guid {
                value: entry.id.clone(),
                permalink: false,
            }),
            pub_date: Some(from_unix(entry.published).to_rfc2822()),
            categories: entry
                .categories
                .iter()
                .map(|name| rss::Category {
                    name: name.clone(),
                    domain: None,
                })
                .collect(),
            enclosure: entry.image.as_ref().map(|image| rss::Enclosure {
                url: image.url.clone(),
                length: image.length.to_string(),
                mime_type: image.mime_type.clone(),
            }),
            extensions: entry.image.as_ref().map(media).unwrap_or_default(),
            dublin_core_ext: (!entry.authors.is_empty()).then(|| DublinCoreExtension {
                creators: entry.authors.iter().map(|(name, _)| name.clone()).collect(),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    let self_link = app.absolute(&feed_path(&source.page, &Format::Rss));
    let mut namespaces = std::collections::BTreeMap::new();
    namespaces.insert(
        "media".to_string(),
        "http://search.yahoo.com/mrss/".to_string(),
    );
    let channel = rss::Channel {
        title: source.title.clone(),
        link: app.absolute(&source.page),
        description: source.description.clone(),
        language: Some(app.config.language.clone()),
        generator: Some("Broadsheet".into()),
        last_build_date: entries
            .iter()
            .map(|e| e.modified)
            .max()
            .map(|at| from_unix(at).to_rfc2822()),
        items,
        atom_ext: Some(rss::extension::atom::AtomExtension {
            links: vec![atom_syndication::Link {
                href: self_link,
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            }],
        }),
        namespaces,
        ..Default::default()
    };
    channel.to_string()
}

fn atom(app: &App, source: &Source, entries: &[Entry], modified: i64) -> String {
    use atom_syndication::{Category, Content, Link, Person, Text};
    let page = app.absolute(&source.page);
    let link = |href: &str, rel: &str, mime: Option<&str>| Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: mime.map(str::to_string),
        ..Default::default()
    };
    let feed = atom_syndication::Feed {
        title: Text::plain(source.title.clone()),
        subtitle: Some(Text::plain(source.description.clone())),
        id: page.clone(),
        updated: rfc3339(modified),
        generator: Some(atom_syndication::Generator {
            value: "Broadsheet".into(),
            ..Default::default()
        }),
        lang: Some(app.config.language.clone()),
        links: vec![
            link(&page, "alternate", Some("text/html")),
            link(
                &app.absolute(&feed_path(&source.page, &Format::Atom)),
                "self",
                Some("application/atom+xml"),
            ),
        ],
        authors: vec![Person {
            name: app.site().name.clone(),
            uri: Some(app.absolute("/")),
            ..Default::default()
        }],
        entries: entries
            .iter()
            .map(|entry| {
                let mut links = vec![link(&entry.url, "alternate", Some("text/html"))];
                if let Some(image) = &entry.image {
                    links.push(Link {
                        length: Some(image.length.to_string()),
                        ..link(&image.url, "enclosure", Some(&image.mime_type))
                    });
                }
                atom_syndication::Entry {
                    title: Text::plain(entry.headline.clone()),
                    id: entry.id.clone(),
                    updated: rfc3339(entry.modified),
                    published: Some(rfc3339(entry.published)),
                    authors: entry
                        .authors
                        .iter()
                        .map(|(name, uri)| Person {
                            name: name.clone(),
                            uri: Some(uri.clone()),
                            ..Default::default()
                        })
                        .collect(),
                    categories: entry
                        .categories
                        .iter()
                        .map(|name| Category {
                            term: name.clone(),
                            label: Some(name.clone()),
                            ..Default::default()
                        })
                        .collect(),
                    links,
                    summary: Some(Text::plain(entry.summary.clone())),
                    content: entry.content.as_ref().map(|html| Content {
                        value: Some(html.clone()),
                        content_type: Some("html".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }
            })
            .collect(),
        ..Default::default()
    };
    feed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_hold_only_what_an_edit_cannot_change() {
        assert_eq!(
            tag_uri("https://paper.example", 1_710_763_200, 42),
            "tag:paper.example,2024-03-18:article:42"
        );
        assert_eq!(
            tag_uri("http://127.0.0.1:8080", 0, 1),
            "tag:127.0.0.1,1970-01-01:article:1"
        );
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(cut("one  two\nthree", 50), "one two three");
        assert_eq!(cut("alpha beta gamma", 12), "alpha beta…");
    }

    #[test]
    fn feed_paths_follow_their_page() {
        assert_eq!(feed_path("/", &Format::Rss), "/feed");
        assert_eq!(
            feed_path("/section/news", &Format::Atom),
            "/section/news/feed/atom"
        );
    }
}
