use std::collections::HashSet;

use super::generate::HEBREW_INDEX;
use super::*;

fn earlier_refs(body: &str) -> Vec<usize> {
    body.split("EARLIER:")
        .skip(1)
        .map(|s| {
            s.chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
                .parse()
                .expect("index")
        })
        .collect()
}

#[test]
fn static_minima() {
    let secs = sections();
    assert!(secs.iter().filter(|s| s.parent.is_none()).count() >= 7);
    assert!(secs.iter().filter(|s| s.parent.is_some()).count() >= 3);
    for s in &secs {
        if let Some(p) = s.parent {
            assert!(secs.iter().any(|x| x.slug == p && x.parent.is_none()));
        }
    }
    assert!(topics().len() >= 15);
    assert_eq!(authors().len(), 10);
    let pages = pages();
    for (i, p) in pages.iter().enumerate() {
        if let Some(parent) = p.parent {
            assert!(pages[..i].iter().any(|x| x.slug == parent));
        }
    }
    for s in [
        "about",
        "staff",
        "ethics",
        "contact",
        "corrections-policy",
        "privacy",
        "advertise",
    ] {
        assert!(pages.iter().any(|p| p.slug == s));
    }
    let mut seen = HashSet::new();
    for t in topics() {
        assert!(seen.insert(t.slug));
    }
    for s in secs {
        assert!(seen.insert(s.slug));
    }
}

#[test]
fn deterministic() {
    let (a, b) = (articles(300, 42), articles(300, 42));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            (&x.slug, &x.body_markdown, x.minutes_ago, &x.authors),
            (&y.slug, &y.body_markdown, y.minutes_ago, &y.authors)
        );
    }
    assert_ne!(
        articles(50, 1)[3].body_markdown,
        articles(50, 2)[3].body_markdown
    );
}

#[test]
fn ten_thousand_are_valid() {
    let start = std::time::Instant::now();
    let arts = articles(10_000, 7);
    eprintln!("10k articles in {:?}", start.elapsed());
    assert_eq!(arts.len(), 10_000);
    let secs = sections();
    let tops = topics();
    let mut slugs = HashSet::new();
    let (mut links, mut embeds, mut photos, mut bqs, mut notes, mut second) = (0, 0, 0, 0, 0, 0);
    for (i, a) in arts.iter().enumerate() {
        assert!(slugs.insert(a.slug.clone()), "dup slug {}", a.slug);
        assert!(
            !a.slug.is_empty()
                && a.slug.len() <= 80
                && a.slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            a.slug
        );
        assert!(!a.slug.starts_with('-') && !a.slug.ends_with('-') && !a.slug.contains("--"));
        if i > 0 {
            assert!(a.minutes_ago >= arts[i - 1].minutes_ago);
        }
        assert!(secs.iter().any(|s| s.slug == a.section));
        assert!(a.topics.len() <= 3 && a.topics.iter().all(|t| tops.iter().any(|x| x.slug == *t)));
        let set: HashSet<_> = a.topics.iter().collect();
        assert_eq!(set.len(), a.topics.len());
        assert!((1..=2).contains(&a.authors.len()) && a.authors.iter().all(|&x| x < 10));
        if a.authors.len() == 2 {
            assert_ne!(a.authors[0], a.authors[1]);
            second += 1;
        }
        for j in earlier_refs(&a.body_markdown) {
            assert!(j > i && j < arts.len(), "bad ref {j} at {i}");
        }
        let blocks: Vec<&str> = a.body_markdown.split("\n\n").collect();
        assert!(
            (5..=12).contains(&blocks.len()),
            "{} blocks at {i}",
            blocks.len()
        );
        for text in [&a.headline, &a.dek, &a.body_markdown] {
            assert!(
                !text.contains('{') && !text.contains('}') && !text.contains('%'),
                "unfilled: {text}"
            );
        }
        for b in &blocks {
            if b.contains("[[") {
                embeds += 1;
                assert!(b.starts_with("[[") && b.ends_with("]]") && !b.contains('\n'));
                assert!(
                    b.starts_with("[[article EARLIER:")
                        || (b.starts_with("[[pullquote \"")
                            && b.matches('"').count() == 4
                            && b.contains("\" by=\"")),
                    "{b}"
                );
            }
            if b.starts_with("> ") {
                bqs += 1;
            }
        }
        if a.body_markdown.contains("](EARLIER:") {
            links += 1;
        }
        if let Some(p) = &a.photo {
            photos += 1;
            assert!(!p.alt.is_empty() && !p.caption.contains('{'));
        }
        notes += a.notes.len();
        assert!(!a.headline.is_empty() && !a.dek.is_empty());
    }
    let pct = |n: usize| n * 100 / arts.len();
    eprintln!(
        "links {}% embeds {}% photos {}% blockquotes {}% notes {} second bylines {}%",
        pct(links),
        pct(embeds),
        pct(photos),
        pct(bqs),
        notes,
        pct(second)
    );
    assert!(
        (18..=32).contains(&pct(links))
            && (10..=20).contains(&pct(embeds))
            && (70..=90).contains(&pct(photos))
            && (22..=40).contains(&pct(bqs))
    );
    let days = arts[9_999].minutes_ago / 1440;
    assert!((900..2500).contains(&days), "{days} days");
}

#[test]
fn first_two_hundred() {
    let arts = articles(200, 1);
    assert!(arts.iter().map(|a| a.notes.len()).sum::<usize>() >= 3);
    let days = arts[199].minutes_ago / 1440;
    assert!((25..=50).contains(&days), "{days} days");
    assert!(arts[HEBREW_INDEX].body_markdown.contains("ביחד"));
    for a in &arts {
        let minute_of_day = (14 * 60 + 35 + 100 * 1440 - a.minutes_ago as i64).rem_euclid(1440);
        assert!((360..=1380).contains(&minute_of_day), "{minute_of_day}");
    }
    assert!(articles(1, 3)[0].body_markdown.find("EARLIER").is_none());
    assert!(articles(0, 3).is_empty());
    for seed in 0..6 {
        assert!(
            articles(200, seed)
                .iter()
                .map(|a| a.notes.len())
                .sum::<usize>()
                >= 3
        );
    }
}
