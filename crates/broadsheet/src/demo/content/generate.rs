//! The article generator: picks templates, fills placeholders, links earlier
//! coverage and lays out each article's body.

use std::collections::HashSet;

use super::stories::{Fam, STORIES, Story, family};
use super::words::{
    ADJ, CITIES, DAYS, FIRST, INSTS, JOURNALS, LAST, LINES, NOUN, PLACES, QUARTERS, Rng, VENUES,
};
use super::{DemoArticle, DemoNote, DemoNoteKind, DemoPhoto};

const LINK_SENTENCES: &[&str] = &[
    "The issue is not a new one; [the Ledger reported on it %W](EARLIER:%J).",
    "That followed [a report in these pages %W](EARLIER:%J).",
    "For background, see [the Ledger's earlier coverage](EARLIER:%J).",
    "Some of the same concerns were raised in [coverage published %W](EARLIER:%J).",
    "It builds on [what the Ledger reported %W](EARLIER:%J).",
];
const LINK_SOFT: &[&str] = &[
    "For more, see [the Ledger's coverage from %W](EARLIER:%J).",
    "[Our coverage from %W](EARLIER:%J) has more of the backstory.",
];
const LINK_OPINION: &[&str] = &[
    "As [this newspaper reported %W](EARLIER:%J), the question is not going away.",
    "This newspaper covered a related problem [%W](EARLIER:%J), and little has changed since.",
];
const UPDATES: &[&str] = &[
    "This article has been updated to include figures released after publication.",
    "This article has been updated with new details.",
    "This article has been updated to reflect developments since it was first published.",
];
pub(super) const HEBREW_INDEX: usize = 97;
const FORCED_NOTES: &[usize] = &[11, 58, 143];

// ---------------------------------------------------------------- filling

struct Ctx {
    full: [String; 3],
    sur: [&'static str; 3],
    roles: [String; 3],
    seen: [bool; 3],
    track: bool,
    place: (&'static str, &'static str),
    place2: &'static str,
    street: &'static str,
    line: &'static str,
    org: &'static str,
    org2: &'static str,
    n: u32,
    n2: u32,
    k: u32,
    pts: u32,
    pc: u32,
    pd: String,
    m: String,
    bn: String,
    y: u32,
    day: &'static str,
    title: String,
    w: &'static str,
    l: &'static str,
    s: [u32; 2],
    rec: String,
    att: u32,
    inst: &'static str,
    journal: &'static str,
    city: &'static str,
    venue: &'static str,
    quarter: &'static str,
}

fn commas(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Ctx {
    fn new(st: &Story, rng: &mut Rng, weekday: usize) -> Ctx {
        let mut surs = [""; 3];
        let mut full: [String; 3] = Default::default();
        for i in 0..3 {
            let mut last = rng.pick(LAST);
            while surs[..i].contains(&last) {
                last = rng.pick(LAST);
            }
            surs[i] = last;
            full[i] = format!("{} {}", rng.pick(FIRST), last);
        }
        let (pl, bo, streets) = rng.pick(PLACES);
        let mut place2 = rng.pick(PLACES);
        while place2.0 == pl || place2.1 != bo {
            place2 = rng.pick(PLACES);
        }
        let (w, l) = if st.fam == Fam::Sport && !rng.chance(65) {
            (rng.pick(st.orgs2), rng.pick(st.orgs))
        } else {
            (rng.pick(st.orgs), rng.pick(st.orgs2))
        };
        let s1 = rng.range(st.score[0], st.score[1].max(st.score[0]));
        let s2 = s1.saturating_sub(rng.range(
            1,
            st.score[2].min(s1.saturating_sub(st.score[0] / 2)).max(1),
        ));
        let title = match rng.below(3) {
            0 => format!("The {} {}", rng.pick(ADJ), rng.pick(NOUN)),
            1 => format!("{} and {}", rng.pick(NOUN), rng.pick(NOUN)),
            _ => format!("A {} {}", rng.pick(ADJ), rng.pick(NOUN)),
        };
        let mut c = Ctx {
            full,
            sur: surs,
            roles: Default::default(),
            seen: [false; 3],
            track: false,
            place: (pl, bo),
            place2: place2.0,
            street: rng.pick(&streets),
            line: rng.pick(LINES),
            org: rng.pick(st.orgs),
            org2: rng.pick(st.orgs2),
            n: rng.range(4, 28),
            n2: rng.range(15, 480) * 10,
            k: rng.range(2, 7),
            pts: rng.range(22, 41),
            pc: rng.range(4, 45),
            pd: format!("{}.{}", rng.range(1, 9), rng.range(0, 9)),
            m: format!("${}.{} million", rng.range(2, 95), rng.range(1, 9)),
            bn: format!("${}.{} billion", rng.range(1, 9), rng.range(1, 9)),
            y: rng.range(3, 30),
            day: DAYS[(weekday + 7 - rng.below(2)) % 7],
            title,
            w,
            l,
            s: [s1, s2],
            rec: format!("{}-{}", rng.range(12, 60), rng.range(10, 50)),
            att: rng.range(180, 460) * 100,
            inst: rng.pick(INSTS),
            journal: rng.pick(JOURNALS),
            city: rng.pick(CITIES),
            venue: rng.pick(VENUES),
            quarter: rng.pick(QUARTERS),
        };
        let ra = rng.pick(st.ra);
        let rb = rng.pick(st.rb);
        let rc = rng.pick(st.rc);
        c.roles = [c.fill(ra), c.fill(rb), c.fill(rc)];
        c
    }
    fn fill(&mut self, t: &str) -> String {
        let mut out = String::with_capacity(t.len() + 48);
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            match after.find('}') {
                Some(j) => {
                    self.put(&after[..j], &mut out);
                    rest = &after[j + 1..];
                }
                None => {
                    out.push_str(after);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
    fn put(&mut self, key: &str, out: &mut String) {
        let person = |c: char| match c {
            'A' => 0,
            'B' => 1,
            _ => 2,
        };
        match key {
            "A" | "B" | "C" => {
                let p = person(key.chars().next().unwrap_or('C'));
                if self.track && self.seen[p] {
                    out.push_str(self.sur[p]);
                } else {
                    out.push_str(&self.full[p]);
                }
                if self.track {
                    self.seen[p] = true;
                }
            }
            "Af" | "Bf" | "Cf" => {
                out.push_str(&self.full[person(key.chars().next().unwrap_or('C'))])
            }
            "As" | "Bs" | "Cs" => out.push_str(self.sur[person(key.chars().next().unwrap_or('C'))]),
            "Ar" | "Br" | "Cr" => {
                out.push_str(&self.roles[person(key.chars().next().unwrap_or('C'))])
            }
            "P" => out.push_str(self.place.0),
            "P2" => out.push_str(self.place2),
            "Bo" => out.push_str(self.place.1),
            "St" => out.push_str(self.street),
            "Ln" => out.push_str(self.line),
            "O" => out.push_str(self.org),
            "O2" => out.push_str(self.org2),
            "N" => out.push_str(&self.n.to_string()),
            "N2" => out.push_str(&commas(self.n2)),
            "K" => out.push_str(&self.k.to_string()),
            "Pts" => out.push_str(&self.pts.to_string()),
            "Pc" => out.push_str(&self.pc.to_string()),
            "Pd" => out.push_str(&self.pd),
            "M" => out.push_str(&self.m),
            "Bn" => out.push_str(&self.bn),
            "Y" => out.push_str(&self.y.to_string()),
            "D" => out.push_str(self.day),
            "T" => out.push_str(&self.title),
            "W" => out.push_str(self.w),
            "L" => out.push_str(self.l),
            "S1" => out.push_str(&self.s[0].to_string()),
            "S2" => out.push_str(&self.s[1].to_string()),
            "Rec" => out.push_str(&self.rec),
            "Att" => out.push_str(&commas(self.att)),
            "I" => out.push_str(self.inst),
            "J" => out.push_str(self.journal),
            "Ct" => out.push_str(self.city),
            "Ve" => out.push_str(self.venue),
            "Qt" => out.push_str(self.quarter),
            _ => out.push_str(key),
        }
    }
}

fn capitalize(mut s: String) -> String {
    if s.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        s[..1].make_ascii_uppercase();
    }
    s
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '*' {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 70 {
        out.truncate(70);
        if let Some(i) = out.rfind('-') {
            out.truncate(i);
        }
    }
    if out.is_empty() {
        out.push_str("story");
    }
    out
}

/// Index of a prose paragraph at or after `from` (not the lede, a blockquote, its colon-ended intro or an embed).
fn prose_at(paras: &[String], from: usize) -> usize {
    let ok = |p: &String| !p.starts_with('>') && !p.ends_with(':') && !p.starts_with("[[");
    (from.max(1)..paras.len())
        .find(|&k| ok(&paras[k]))
        .or_else(|| (1..paras.len()).rev().find(|&k| ok(&paras[k])))
        .unwrap_or(0)
}

fn when(days: u32) -> &'static str {
    match days {
        0 => "earlier today",
        1 => "yesterday",
        2..=6 => "earlier this week",
        7..=13 => "last week",
        14..=30 => "a few weeks ago",
        31..=62 => "last month",
        63..=300 => "earlier this year",
        _ => "last year",
    }
}

/// Minutes-ago for each index: ~6 articles a day (fewer at weekends), published 06:00-23:00.
fn timeline(count: usize, seed: u64) -> (Vec<u32>, Vec<usize>) {
    let mut rng = Rng(seed ^ 0x7155_ED11_A7E0_0001);
    let now: i64 = 14 * 60 + 35; // "now" is a Thursday afternoon
    let (mut ages, mut wds) = (Vec::with_capacity(count), Vec::with_capacity(count));
    let mut day: i64 = 0;
    while ages.len() < count {
        let wd = ((3 - day % 7 + 7) % 7) as usize;
        let n = if wd >= 5 {
            rng.range(3, 6)
        } else {
            rng.range(5, 8)
        };
        let mut times: Vec<i64> = (0..n).map(|_| i64::from(rng.range(360, 1380))).collect();
        times.sort_unstable_by(|a, b| b.cmp(a));
        for t in times {
            if ages.len() == count {
                break;
            }
            if day == 0 && t + 5 > now {
                continue;
            }
            ages.push((day * 1440 + now - t) as u32);
            wds.push(wd);
        }
        day += 1;
    }
    (ages, wds)
}

struct Meta {
    story: usize,
    section: &'static str,
    topics: Vec<&'static str>,
}

fn pick_earlier(i: usize, metas: &[Meta], rng: &mut Rng, exclude: &[usize]) -> Option<usize> {
    let count = metas.len();
    if i + 1 >= count {
        return None;
    }
    let me = &metas[i];
    let cands: Vec<usize> = (i + 1..count.min(i + 250))
        .filter(|&j| {
            !exclude.contains(&j)
                && (metas[j].section == me.section
                    || metas[j].topics.iter().any(|t| me.topics.contains(t)))
        })
        .take(6)
        .collect();
    if !cands.is_empty() {
        return Some(rng.pick(&cands));
    }
    let j = i + 1 + rng.below((count - i - 1).min(40));
    if exclude.contains(&j) { None } else { Some(j) }
}

pub fn articles(count: usize, seed: u64) -> Vec<DemoArticle> {
    let (ages, wds) = timeline(count, seed);
    let total: u32 = STORIES.iter().map(|s| s.w).sum();
    let mut rngs = Vec::with_capacity(count);
    let mut metas = Vec::with_capacity(count);
    for i in 0..count {
        let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
            ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        if i == HEBREW_INDEX {
            metas.push(Meta {
                story: usize::MAX,
                section: "stage",
                topics: vec!["arts-funding", "immigration"],
            });
        } else {
            let mut r = rng.below(total as usize) as u32;
            let mut idx = 0;
            while r >= STORIES[idx].w {
                r -= STORIES[idx].w;
                idx += 1;
            }
            let st = &STORIES[idx];
            let mut topics: Vec<&'static str> = rng.shuffled(st.top);
            topics.truncate(if rng.chance(8) { 0 } else { 1 + rng.below(3) });
            metas.push(Meta {
                story: idx,
                section: rng.pick(st.sec),
                topics,
            });
        }
        rngs.push(rng);
    }
    let mut slugs: HashSet<String> = HashSet::with_capacity(count);
    let mut out = Vec::with_capacity(count);
    for (i, mut rng) in rngs.into_iter().enumerate() {
        let mut a = if metas[i].story == usize::MAX {
            hebrew_article()
        } else {
            build(i, &metas, &ages, wds[i], &mut rng)
        };
        a.minutes_ago = ages[i];
        let base = slugify(&a.headline);
        let mut slug = base.clone();
        let mut n = 2;
        while slugs.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slugs.insert(slug.clone());
        a.slug = slug;
        out.push(a);
    }
    out
}

fn build(i: usize, metas: &[Meta], ages: &[u32], weekday: usize, rng: &mut Rng) -> DemoArticle {
    let st = &STORIES[metas[i].story];
    let [generic, closers, bqs, pulls] = family(st.fam);
    let generic: &[&str] = if st.solo { &[] } else { generic };
    let bqs = if st.bq.is_empty() && !st.solo {
        bqs
    } else {
        st.bq
    };
    let mut c = Ctx::new(st, rng, weekday);
    let headline = capitalize(c.fill(rng.pick(st.heads)));
    let dek = capitalize(c.fill(rng.pick(st.deks)));
    // Decide the shape, then fill in reading order so first mentions get full names.
    let target = rng.range(5, 12) as usize;
    let has_bq = rng.chance(30) && !bqs.is_empty();
    let embed_kind = if rng.chance(15) { 1 + rng.below(2) } else { 0 }; // 1 pull quote, 2 article card
    let reserve = 1 + if has_bq { 2 } else { 0 } + usize::from(embed_kind > 0);
    let mid_len = target.saturating_sub(1 + reserve).max(3);
    let quotes = rng.shuffled(st.quotes);
    let nq = if st.fam == Fam::Opinion {
        rng.below(2)
    } else {
        1 + rng.below(2)
    }
    .min(quotes.len())
    .min(mid_len);
    let spec = rng.shuffled(st.body);
    let gen_pool = rng.shuffled(generic);
    let mut mid: Vec<&str> = spec
        .iter()
        .copied()
        .chain(gen_pool.iter().copied())
        .take(mid_len - nq)
        .collect();
    if nq > 0 {
        mid.insert(1.min(mid.len()), quotes[0]);
    }
    if nq > 1 {
        let at = mid.len().saturating_sub(1).max(2).min(mid.len());
        mid.insert(at, quotes[1]);
    }
    c.track = true;
    let mut paras: Vec<String> = vec![capitalize(c.fill(rng.pick(st.ledes)))];
    for t in &mid {
        paras.push(capitalize(c.fill(t)));
    }
    if has_bq {
        let (intro, text) = rng.pick(bqs).split_once('|').unwrap_or(("", ""));
        let at = 3.min(paras.len());
        paras.insert(at, capitalize(c.fill(intro)));
        paras.insert(at + 1, format!("> {}", c.fill(text)));
    }
    paras.push(capitalize(c.fill(rng.pick(if st.close.is_empty() {
        closers
    } else {
        st.close
    }))));
    // Links to earlier coverage.
    let mut used = Vec::new();
    if rng.chance(25) {
        let n_links = if rng.chance(30) { 2 } else { 1 };
        let first_sentence = rng.below(8);
        for k in 0..n_links {
            if let Some(j) = pick_earlier(i, metas, rng, &used) {
                used.push(j);
                let days = (ages[j] - ages[i]) / 1440;
                let sentences = match st.fam {
                    Fam::Opinion => LINK_OPINION,
                    Fam::Sport | Fam::Culture => LINK_SOFT,
                    _ => LINK_SENTENCES,
                };
                let s = sentences[(first_sentence + k) % sentences.len()]
                    .replace("%W", when(days))
                    .replace("%J", &j.to_string());
                let p = prose_at(&paras, 1 + k * 2);
                paras[p].push(' ');
                paras[p].push_str(&s);
            }
        }
    }
    if embed_kind == 2 {
        if let Some(j) = pick_earlier(i, metas, rng, &used) {
            let at = prose_at(&paras, paras.len() / 2);
            paras.insert(at + 1, format!("[[article EARLIER:{j}]]"));
        }
    } else if embed_kind == 1 {
        let by = match st.fam {
            Fam::Opinion => "Augustin Pell".to_string(),
            Fam::News => c.full[1].clone(),
            Fam::Business => c.full[2].clone(),
            _ => c.full[0].clone(),
        };
        let q = rng.pick(pulls).replace('"', "'");
        let at = prose_at(&paras, paras.len() / 2);
        paras.insert(at + 1, format!("[[pullquote \"{q}\" by=\"{by}\"]]"));
    }
    paras.truncate(12);
    c.track = false;
    let photo = if rng.chance(80) && !st.photos.is_empty() {
        let (alt, cap) = rng.pick(st.photos).split_once('|').unwrap_or(("", ""));
        let cap = cap.trim_end_matches('|');
        let sep = if rng.chance(50) { " for " } else { "/" };
        let credit = format!(
            "{} {}{sep}The Hudson Ledger",
            rng.pick(FIRST),
            rng.pick(LAST)
        );
        Some(DemoPhoto {
            alt: c.fill(alt),
            caption: c.fill(cap),
            credit,
            scene_seed: rng.next(),
        })
    } else {
        None
    };
    let body_markdown = paras.join("\n\n");
    let mut notes = Vec::new();
    if rng.chance(3) || FORCED_NOTES.contains(&i) {
        // Only correct things that actually appear in the article.
        let named = (0..3).find(|&k| body_markdown.contains(c.full[k].as_str()));
        let text = if rng.chance(60) {
            let mut opts: Vec<String> = Vec::new();
            if let Some(k) = named {
                opts.push(format!(
                    "An earlier version of this article misspelled the surname of {}.",
                    c.full[k]
                ));
            }
            if body_markdown.contains(c.place.0) && !body_markdown.contains(c.place2) {
                opts.push(format!("An earlier version of this article misidentified the neighborhood. It is {}, not {}.", c.place.0, c.place2));
            }
            if body_markdown.contains(c.day) {
                opts.push(format!("An earlier version of this article misstated the day on which some of the events described took place. It was {}.", c.day));
            }
            if opts.is_empty() {
                opts.push(
                    "An earlier version of this article misstated a figure. It has been corrected."
                        .into(),
                );
            }
            (
                DemoNoteKind::Correction,
                {
                    let k = rng.below(opts.len());
                    opts.swap_remove(k)
                },
                rng.range(2, 96),
            )
        } else {
            let mut opts: Vec<String> = UPDATES.iter().map(|s| s.to_string()).collect();
            if let Some(k) = named {
                opts.push(format!(
                    "This article has been updated with additional comment from {}.",
                    c.full[k]
                ));
            }
            (
                DemoNoteKind::Update,
                {
                    let k = rng.below(opts.len());
                    opts.swap_remove(k)
                },
                rng.range(1, 12),
            )
        };
        notes.push(DemoNote {
            kind: text.0,
            text: text.1,
            hours_after_publication: text.2,
        });
    }
    let mut authors = vec![rng.pick(st.au)];
    let desk: &[usize] = match st.fam {
        Fam::News | Fam::World => &[0, 1, 2, 8, 9],
        Fam::Business => &[3, 2, 0],
        Fam::Sport => &[5, 9],
        Fam::Science => &[6, 1, 9],
        Fam::Culture | Fam::Opinion => &[],
    };
    let others: Vec<usize> = desk.iter().copied().filter(|&a| a != authors[0]).collect();
    if !others.is_empty() && rng.chance(18) {
        authors.push(rng.pick(&others));
    }
    DemoArticle {
        headline,
        dek,
        slug: String::new(),
        section: metas[i].section,
        topics: metas[i].topics.clone(),
        authors,
        minutes_ago: 0,
        body_markdown,
        photo,
        notes,
    }
}

fn hebrew_article() -> DemoArticle {
    let body = [
        "On a rainy evening on Essex Street, a line of umbrellas stretched half a block from the door of the Bowery Lane Theater. Inside, a small brass band was warming up, and an usher was greeting arrivals in three languages.",
        "The occasion was the opening night of a weeklong festival of Yiddish and Hebrew theater on the Lower East Side, now in its ninth year. Its organizers describe it, only half joking, as the neighborhood's longest-running family reunion.",
        "The festival's motto, painted in tall blue letters above the box office, is a single Hebrew word: ביחד, which means \"together.\" Many in the audience also knew the Yiddish greeting printed on the programs, א גוטן אָוונט, or good evening.",
        r#""My grandmother saw plays in Yiddish three blocks from here," said Rivka Adler-Sameth, the festival's artistic director. "I wanted my children to hear the same words in the same streets, and then I wanted them to write new ones.""#,
        "That mix of old and new defines the program. A revival of a 1920s comedy about a boarding house shares the schedule with a bilingual play about a family of Israeli software engineers in Astoria, and a late-night cabaret of songs translated between Yiddish, Hebrew, Spanish and English.",
        "> The language is small now, but the audience is not. Every year we add chairs.",
        "Performances continue through Sunday. Most tickets cost $25, and the festival offers free seats to students and to anyone over 80.",
    ];
    DemoArticle {
        headline: "A Yiddish and Hebrew theater festival fills the Lower East Side with old songs and new plays".into(),
        dek: "The weeklong festival draws audiences who come for the nostalgia and stay for the experiments.".into(),
        slug: String::new(), section: "stage", topics: vec!["arts-funding", "immigration"], authors: vec![4], minutes_ago: 0,
        body_markdown: body.join("\n\n"),
        photo: Some(DemoPhoto { alt: "A brass band performs in a theater lobby on the Lower East Side".into(), caption: "The opening night of the festival at the Bowery Lane Theater.".into(), credit: "Yael Kincaid for The Hudson Ledger".into(), scene_seed: 0x00C0_FFEE }),
        notes: Vec::new(),
    }
}
