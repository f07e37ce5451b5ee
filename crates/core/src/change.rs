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
    /// Which articles a section lists (an article joined, left or moved in it).
    SectionList(i64),
    TopicList(i64),
    AuthorList(i64),
    /// The stream of published articles: front page, archives, feeds.
    Latest,
    /// Site-wide navigation: the section menu and the page tree.
    Navigation,
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
