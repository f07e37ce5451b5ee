//! Full-text search on SQLite (FTS5) and, with BROADSHEET_TEST_POSTGRES_URL, PostgreSQL
//! (tsvector): the same questions, the same answers.

use broadsheet_core::article::RevisionKind;
use broadsheet_core::search::{SearchOrder, SearchQuery};
use broadsheet_store::{
    ArticleDraft, NewAuthor, NewSection, NewTopic, NewsroomQuery, SearchRequest, SearchResults,
    Store,
};
use broadsheet_test_support::TestDb;

struct Paper {
    db: TestDb,
    politics: i64,
    sport: i64,
    reporter: i64,
    budget_topic: i64,
}

impl Paper {
    async fn new() -> Paper {
        let db = TestDb::new().await;
        let taxonomy = db.store.taxonomy();
        let section = |slug: &str| NewSection {
            slug: slug.into(),
            name: slug.to_uppercase(),
            description: String::new(),
            parent_id: None,
            position: 0,
        };
        let politics = taxonomy
            .create_section(&section("politics"))
            .await
            .expect("section");
        let sport = taxonomy
            .create_section(&section("sport"))
            .await
            .expect("section");
        let reporter = taxonomy
            .create_author(&NewAuthor {
                slug: "dana".into(),
                name: "Dana Levi".into(),
                job_title: "Reporter".into(),
                bio: String::new(),
                avatar_media_id: None,
            })
            .await
            .expect("author");
        let budget_topic = taxonomy
            .create_topic(&NewTopic {
                slug: "city-budget".into(),
                name: "City finances".into(),
                description: String::new(),
            })
            .await
            .expect("topic");
        Paper {
            db,
            politics,
            sport,
            reporter,
            budget_topic,
        }
    }

    fn store(&self) -> &Store {
        &self.db.store
    }

    async fn write(
        &self,
        headline: &str,
        dek: &str,
        body: &str,
        edit: impl FnOnce(&mut ArticleDraft),
    ) -> i64 {
        let mut draft = ArticleDraft::new(headline, body);
        draft.dek = dek.into();
        draft.section_id = Some(self.politics);
        edit(&mut draft);
        self.store()
            .articles()
            .create_article(&draft)
            .await
            .expect("draft saved")
    }

    async fn publish(&self, id: i64, at: i64) {
        self.store()
            .articles()
            .publish_article(id, at)
            .await
            .expect("published");
    }

    async fn find(&self, typed: &str, edit: impl FnOnce(&mut SearchRequest)) -> SearchResults {
        let mut request = request(typed);
        edit(&mut request);
        self.store()
            .search()
            .search(&request)
            .await
            .unwrap_or_else(|err| panic!("search for {typed:?} failed: {err}"))
    }
}

/// A search for `typed` with no filter, as a reader who is not a member.
fn request(typed: &str) -> SearchRequest {
    SearchRequest {
        query: SearchQuery::parse(typed).expect("a query"),
        order: SearchOrder::Relevance,
        sections: Vec::new(),
        topic: None,
        author: None,
        from: None,
        until: None,
        member: false,
        limit: 10,
        offset: 0,
    }
}

fn ids(results: &SearchResults) -> Vec<i64> {
    results.hits.iter().map(|hit| hit.article.id).collect()
}

const DAY: i64 = 86_400;
const T0: i64 = 1_700_000_000;

#[tokio::test]
async fn readers_find_published_articles_by_relevance_with_stemmed_words_and_marked_snippets() {
    let paper = Paper::new().await;
    let in_headline = paper
        .write(
            "Council approves the budget",
            "A late vote.",
            "The vote came at midnight.",
            |_| {},
        )
        .await;
    let in_body = paper
        .write(
            "Late night at city hall",
            "",
            "Members argued for hours about budgets & whether 5 < 6 before the vote.",
            |d| d.author_ids = vec![paper.reporter],
        )
        .await;
    let draft = paper
        .write(
            "Budget leak: the draft nobody saw",
            "",
            "Budget budget budget.",
            |_| {},
        )
        .await;
    paper.publish(in_headline, T0).await;
    paper.publish(in_body, T0 + DAY).await;

    let found = paper.find("budget", |_| {}).await;
    assert_eq!(
        ids(&found),
        [in_headline, in_body],
        "headline match first; the draft never"
    );
    assert_eq!(found.total, 2);
    assert!(!found.more);
    let body_hit = &found.hits[1];
    assert!(
        body_hit.snippet_html.contains("<mark>budgets</mark>"),
        "a stemmed match is marked: {}",
        body_hit.snippet_html
    );
    assert!(
        body_hit.snippet_html.contains("&amp;") && body_hit.snippet_html.contains("5 &lt; 6"),
        "snippet text is escaped: {}",
        body_hit.snippet_html
    );
    assert!(
        found.hits[0].headline_html.contains("<mark>budget</mark>"),
        "{}",
        found.hits[0].headline_html
    );

    let newest = paper
        .find("budget", |r| r.order = SearchOrder::Newest)
        .await;
    assert_eq!(ids(&newest), [in_body, in_headline]);

    // English forms of a word find each other.
    assert_eq!(
        ids(&paper.find("approving", |_| {}).await),
        [in_headline],
        "approves/approving"
    );
    assert_eq!(
        ids(&paper.find("argue", |_| {}).await),
        [in_body],
        "argue/argued"
    );
    // Bylines are searched too.
    assert_eq!(ids(&paper.find("levi", |_| {}).await), [in_body]);
    // Phrases and left-out words.
    assert_eq!(ids(&paper.find("\"city hall\"", |_| {}).await), [in_body]);
    assert!(paper.find("\"hall city\"", |_| {}).await.hits.is_empty());
    assert_eq!(
        ids(&paper.find("budget -whether", |_| {}).await),
        [in_headline]
    );

    // The newsroom finds drafts through the same index, by body words too.
    let newsroom = paper
        .store()
        .articles()
        .newsroom_articles(&NewsroomQuery {
            text: Some("leak".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("newsroom search");
    assert_eq!(newsroom.iter().map(|a| a.id).collect::<Vec<_>>(), [draft]);
    let by_body = paper
        .store()
        .articles()
        .count_newsroom_articles(&NewsroomQuery {
            text: Some("midnight".into()),
            ..Default::default()
        })
        .await
        .expect("count");
    assert_eq!(by_body, 1);
}

#[tokio::test]
async fn filters_narrow_by_section_author_topic_and_dates_and_pages_follow_on() {
    let paper = Paper::new().await;
    let mut all = Vec::new();
    for n in 0..5 {
        let id = paper
            .write(
                &format!("Harbour story {n}"),
                "",
                "The harbour again.",
                |d| {
                    if n % 2 == 0 {
                        d.section_id = Some(paper.sport);
                        d.author_ids = vec![paper.reporter];
                        d.topic_ids = vec![paper.budget_topic];
                    }
                },
            )
            .await;
        paper.publish(id, T0 + n * DAY).await;
        all.push(id);
    }
    let sport = paper
        .find("harbour", |r| r.sections = vec![paper.sport])
        .await;
    assert_eq!(sport.total, 3);
    let by_author = paper
        .find("harbour", |r| r.author = Some(paper.reporter))
        .await;
    assert_eq!(by_author.total, 3);
    let by_topic = paper
        .find("harbour", |r| r.topic = Some(paper.budget_topic))
        .await;
    assert_eq!(by_topic.total, 3);
    // Topic names are searched as words.
    assert_eq!(paper.find("finances", |_| {}).await.total, 3);
    let days = paper
        .find("harbour", |r| {
            r.from = Some(T0 + DAY);
            r.until = Some(T0 + 3 * DAY);
        })
        .await;
    assert_eq!(ids(&days).len(), 2);
    let page_two = paper
        .find("harbour", |r| {
            r.order = SearchOrder::Newest;
            r.limit = 2;
            r.offset = 2;
        })
        .await;
    assert_eq!(page_two.total, 5);
    assert_eq!(ids(&page_two), [all[2], all[1]]);
}

#[tokio::test]
async fn members_only_words_are_never_found_or_shown_to_a_reader_who_is_not_a_member() {
    let paper = Paper::new().await;
    let locked = paper
        .write(
            "The mayor's file",
            "What the documents show about the harbour.",
            "The secret ledger names every contractor.",
            |d| d.members_only = true,
        )
        .await;
    paper.publish(locked, T0).await;

    assert!(
        paper.find("ledger", |_| {}).await.hits.is_empty(),
        "a word of a locked body finds nothing for a non-member"
    );
    let member = paper.find("ledger", |r| r.member = true).await;
    assert_eq!(ids(&member), [locked]);
    assert!(member.hits[0].snippet_html.contains("<mark>ledger</mark>"));

    // Found through the dek, the snippet is the dek: no body text.
    let open = paper.find("harbour", |_| {}).await;
    assert_eq!(ids(&open), [locked]);
    let snippet = &open.hits[0].snippet_html;
    assert!(snippet.contains("<mark>harbour</mark>"), "{snippet}");
    assert!(
        !snippet.contains("ledger") && !snippet.contains("contractor"),
        "{snippet}"
    );
    // A phrase reaching into the body does not match through the dek either.
    assert!(paper.find("harbour ledger", |_| {}).await.hits.is_empty());
}

#[tokio::test]
async fn edits_change_what_is_found_at_once_and_other_scripts_match_word_for_word() {
    let paper = Paper::new().await;
    let id = paper
        .write(
            "שלום לכולם",
            "مرحبا بالعالم",
            "Café naïve 🎉 emoji.",
            |_| {},
        )
        .await;
    paper.publish(id, T0).await;
    assert_eq!(ids(&paper.find("לכולם", |_| {}).await), [id], "Hebrew");
    assert_eq!(ids(&paper.find("بالعالم", |_| {}).await), [id], "Arabic");
    assert!(
        paper.find("כולם", |_| {}).await.hits.is_empty(),
        "whole words only"
    );
    assert_eq!(ids(&paper.find("café", |_| {}).await), [id]);

    let article = paper
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("read")
        .expect("exists");
    let mut draft = ArticleDraft::new("Harbour reopens", "Boats are back.");
    draft.section_id = Some(paper.politics);
    paper
        .store()
        .articles()
        .save_article(id, &draft, article.version, None, RevisionKind::Save)
        .await
        .expect("saved");
    assert!(
        paper.find("לכולם", |_| {}).await.hits.is_empty(),
        "the old headline is gone"
    );
    assert_eq!(ids(&paper.find("boats", |_| {}).await), [id]);
}

#[tokio::test]
async fn a_typing_slip_gets_a_suggestion_that_finds_something() {
    let paper = Paper::new().await;
    let id = paper
        .write(
            "Election results in the northern district",
            "",
            "Counting went on.",
            |_| {},
        )
        .await;
    paper.publish(id, T0).await;
    let hidden = paper
        .write("Referendum plans", "", "Not yet out.", |_| {})
        .await;
    let _ = hidden;

    let search = paper.store().search();
    let better = search
        .suggest(&request("electoin results"))
        .await
        .expect("suggest")
        .expect("a suggestion");
    assert_eq!(better.display(), "election results");
    // A word only an unpublished article has is never offered.
    assert_eq!(
        search
            .suggest(&request("referendun"))
            .await
            .expect("suggest"),
        None
    );
    assert_eq!(
        search.suggest(&request("zzzzqqq")).await.expect("suggest"),
        None
    );
}

#[tokio::test]
async fn no_typed_query_is_an_error_or_reaches_the_database_as_syntax() {
    let paper = Paper::new().await;
    let id = paper
        .write(
            "Quotes \"and\" stars* near: the (harbour)",
            "",
            "Body.",
            |_| {},
        )
        .await;
    paper.publish(id, T0).await;
    let long = "harbour ".repeat(1_250);
    let nasty = [
        "\"harbour",
        "harbour\"",
        "harbour*",
        "NEAR(harbour quotes)",
        "harbour NEAR quotes",
        "-harbour",
        "headline:harbour",
        "{headline}: harbour",
        "((harbour",
        "harbour))",
        "' OR 1=1 --",
        "'; DROP TABLE articles; --",
        "harbour AND OR NOT",
        "the of and",
        "🎉🎉 harbour 🎉",
        "שלום harbour مرحبا",
        "^harbour",
        "harbour + quotes",
        "a:b:c",
        "\\\"harbour\\\"",
        long.as_str(),
    ];
    for typed in nasty {
        if SearchQuery::parse(typed).is_none() {
            continue;
        }
        let request = request(typed);
        let results = paper.store().search().search(&request).await;
        assert!(results.is_ok(), "{typed:?}: {results:?}");
        let suggestion = paper.store().search().suggest(&request).await;
        assert!(suggestion.is_ok(), "{typed:?}: {suggestion:?}");
        paper
            .store()
            .articles()
            .newsroom_articles(&NewsroomQuery {
                text: Some(typed.to_string()),
                limit: 5,
                ..Default::default()
            })
            .await
            .unwrap_or_else(|err| panic!("newsroom search {typed:?}: {err}"));
    }
    assert_eq!(
        ids(&paper.find("harbour*", |_| {}).await),
        [id],
        "* is not syntax"
    );
    assert_eq!(ids(&paper.find("\"harbour", |_| {}).await), [id]);
}

#[tokio::test]
async fn an_unpublished_article_leaves_the_search_at_once_and_comes_back_when_republished() {
    use broadsheet_core::role::Role;
    use broadsheet_core::workflow::Action;
    let paper = Paper::new().await;
    let id = paper
        .write("Harbour tunnel opens", "", "Cars again.", |_| {})
        .await;
    paper.publish(id, T0).await;
    assert_eq!(ids(&paper.find("tunnel", |_| {}).await), [id]);
    let editor = broadsheet_store::StaffRef {
        user_id: 0,
        role: Role::Administrator,
    };
    let articles = paper.store().articles();
    articles
        .transition_article(id, editor, Action::Unpublish, None)
        .await
        .expect("unpublished");
    assert!(paper.find("tunnel", |_| {}).await.hits.is_empty());
    assert_eq!(paper.find("tunnel", |_| {}).await.total, 0);
    articles
        .transition_article(id, editor, Action::Publish, None)
        .await
        .expect("published again");
    let again = paper
        .find("tunnel", |r| r.order = SearchOrder::Newest)
        .await;
    assert_eq!(ids(&again), [id]);
}

/// Past a few hundred matches the search reads articles in date order instead of sorting
/// the matches; both ways give the same pages: head matches first (headline before
/// body), then body matches newest first, every published readable match exactly once,
/// and words that only name a facet (`zzu0`, `zzs1`, even with diacritics) find nothing.
#[tokio::test]
async fn many_matches_page_exactly_like_few_in_both_orders() {
    let paper = Paper::new().await;
    let mut body_matches = Vec::new();
    for n in 0..320_i64 {
        let id = paper
            .write(
                &format!("Report {n}"),
                "",
                "The ferry ran late again.",
                |_| {},
            )
            .await;
        // Published out of id order, so that date order is not id order.
        paper.publish(id, T0 + (n * 7919 % 320) * 60).await;
        body_matches.push((T0 + (n * 7919 % 320) * 60, id));
    }
    let headline = paper.write("Ferry fares rise", "", "Prices.", |_| {}).await;
    paper.publish(headline, T0 - 2 * DAY).await;
    let in_dek = paper
        .write(
            "Timetables change",
            "The ferry leaves earlier",
            "Times.",
            |_| {},
        )
        .await;
    paper.publish(in_dek, T0 - DAY).await;
    let draft = paper.write("Ferry draft", "", "The ferry.", |_| {}).await;
    let locked = paper
        .write("Locked report", "", "The ferry secret.", |d| {
            d.members_only = true
        })
        .await;
    paper.publish(locked, T0 + DAY).await;
    body_matches.sort_by(|a, b| b.cmp(a));
    let newest_body: Vec<i64> = body_matches.iter().map(|(_, id)| *id).collect();

    // Relevance: the headline match first (though oldest), then the dek's, then the body
    // matches newest first.
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = paper
            .find("ferry", |r| {
                r.limit = 50;
                r.offset = offset;
            })
            .await;
        assert_eq!(
            page.total, 322,
            "the draft and the locked body are not counted"
        );
        if page.hits.is_empty() {
            break;
        }
        seen.extend(ids(&page));
        offset += 50;
    }
    let mut expected = vec![headline, in_dek];
    expected.extend(&newest_body);
    assert_eq!(seen, expected);
    assert!(!seen.contains(&draft) && !seen.contains(&locked));

    // Newest first, all of them; a member also finds the locked body.
    let newest = paper
        .find("ferry", |r| {
            r.order = SearchOrder::Newest;
            r.limit = 400;
        })
        .await;
    let mut by_date = newest_body.clone();
    by_date.extend([in_dek, headline]);
    assert_eq!(ids(&newest), by_date);
    let member = paper
        .find("ferry", |r| {
            r.order = SearchOrder::Newest;
            r.member = true;
            r.limit = 3;
        })
        .await;
    assert_eq!(member.total, 323);
    assert_eq!(ids(&member)[0], locked);

    // A section filter narrows the walk as it narrows the sort.
    let elsewhere = paper
        .find("ferry", |r| {
            r.sections = vec![paper.sport];
        })
        .await;
    assert_eq!(elsewhere.total, 0);

    let section = format!("zzs{}", paper.politics);
    assert_eq!(paper.find("ferry -zzl0", |_| {}).await.total, 322);
    for facet in ["zzu0", "zzl0", &section, "żżu0", "\"zzs1 zzu0\""] {
        assert_eq!(paper.find(facet, |_| {}).await.total, 0, "{facet}");
    }
}
