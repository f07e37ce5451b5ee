//! What a write changed, so that cached pages showing it can be dropped and nothing else.

use std::collections::BTreeSet;

/// Something a rendered page shows. A page records the keys of everything on it; a
/// write announces the keys it touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    Article(i64),
    Author(i64),
    Section(i64),
    Topic(i64),
    Page(i64),
    Media(i64),
    Form(i64),
    /// An article's comments: its thread and its comment count. The one key a page may
    /// be served a moment after it changed (see [`Dep::may_lag`]).
    Comments(i64),
    /// Which articles a section lists (an article joined, left or moved in it).
    SectionList(i64),
    TopicList(i64),
    AuthorList(i64),
    /// The stream of published articles: front page, archives, feeds.
    Latest,
    /// Site-wide navigation: the section menu and the page tree.
    Navigation,
    /// Site settings edited in the newsroom (name, time zone, masthead, menus).
    Settings,
}

/// A committed write, described by the keys it affects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub deps: BTreeSet<Dep>,
}

impl Change {
    pub fn of(deps: impl IntoIterator<Item = Dep>) -> Change {
        Change {
            deps: deps.into_iter().collect(),
        }
    }
}

impl Dep {
    /// Whether a cached page that changed only in this key may still be served while a
    /// fresh copy is being drawn. Only comments may lag by that moment: a busy thread
    /// then never makes its readers queue behind the redraw, while a change to what an
    /// article says, or whether it is out at all (an embargo), is never served late.
    pub fn may_lag(self) -> bool {
        matches!(self, Dep::Comments(_))
    }

    fn encode(self) -> String {
        match self {
            Dep::Article(id) => format!("article:{id}"),
            Dep::Author(id) => format!("author:{id}"),
            Dep::Section(id) => format!("section:{id}"),
            Dep::Topic(id) => format!("topic:{id}"),
            Dep::Page(id) => format!("page:{id}"),
            Dep::Media(id) => format!("media:{id}"),
            Dep::Form(id) => format!("form:{id}"),
            Dep::Comments(id) => format!("comments:{id}"),
            Dep::SectionList(id) => format!("section-list:{id}"),
            Dep::TopicList(id) => format!("topic-list:{id}"),
            Dep::AuthorList(id) => format!("author-list:{id}"),
            Dep::Latest => "latest".to_string(),
            Dep::Navigation => "navigation".to_string(),
            Dep::Settings => "settings".to_string(),
        }
    }

    fn decode(token: &str) -> Option<Dep> {
        match token {
            "latest" => return Some(Dep::Latest),
            "navigation" => return Some(Dep::Navigation),
            "settings" => return Some(Dep::Settings),
            _ => {}
        }
        let (kind, id) = token.split_once(':')?;
        let id: i64 = id.parse().ok()?;
        Some(match kind {
            "article" => Dep::Article(id),
            "author" => Dep::Author(id),
            "section" => Dep::Section(id),
            "topic" => Dep::Topic(id),
            "page" => Dep::Page(id),
            "media" => Dep::Media(id),
            "form" => Dep::Form(id),
            "comments" => Dep::Comments(id),
            "section-list" => Dep::SectionList(id),
            "topic-list" => Dep::TopicList(id),
            "author-list" => Dep::AuthorList(id),
            _ => return None,
        })
    }
}

impl Change {
    /// The stored form: keys separated by spaces, e.g. `article:12 latest`.
    pub fn encode(&self) -> String {
        self.deps
            .iter()
            .map(|dep| dep.encode())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `None` when a key is not understood (written by a newer binary): the reader should
    /// then assume everything changed.
    pub fn decode(text: &str) -> Option<Change> {
        text.split_whitespace()
            .map(Dep::decode)
            .collect::<Option<BTreeSet<_>>>()
            .map(|deps| Change { deps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_trip_and_unknown_keys_are_flagged() {
        let change = Change::of([
            Dep::Article(3),
            Dep::Latest,
            Dep::TopicList(9),
            Dep::Navigation,
            Dep::Comments(4),
        ]);
        assert_eq!(Change::decode(&change.encode()), Some(change));
        assert_eq!(Change::decode("article:1 gallery:4"), None);
        assert_eq!(Change::decode(""), Some(Change::default()));
    }
}
