//! Content generator for the demo newspaper, *The Hudson Ledger*.
//!
//! Everything here is original, template-generated text about fictional people
//! and organisations in a real New York. Output is deterministic for a given
//! `(count, seed)` and uses only `std` (a small SplitMix64 PRNG drives choices).
//!
//! Split by responsibility: [`paper`] holds the fixed structure (sections, topics,
//! staff, static pages), [`words`] the PRNG and vocabulary, [`stories`] the story
//! templates, and [`generate`] turns templates into articles.

mod generate;
mod paper;
mod stories;
#[cfg(test)]
mod tests;
mod words;

pub use generate::articles;
pub use paper::{authors, pages, sections, topics};

pub const PAPER_NAME: &str = "The Hudson Ledger";
pub const TAGLINE: &str = "The city, on the record.";

pub struct DemoSection {
    pub slug: &'static str,
    pub name: &'static str,
    pub parent: Option<&'static str>,
    pub description: &'static str,
}
pub struct DemoTopic {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}
pub struct DemoAuthor {
    pub slug: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub bio: String,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoNoteKind {
    Correction,
    Update,
}
pub struct DemoNote {
    pub kind: DemoNoteKind,
    pub text: String,
    pub hours_after_publication: u32,
}
pub struct DemoPhoto {
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub scene_seed: u64,
}
pub struct DemoArticle {
    pub headline: String,
    pub dek: String,
    pub slug: String,
    pub section: &'static str,
    pub topics: Vec<&'static str>,
    pub authors: Vec<usize>,
    pub minutes_ago: u32,
    pub body_markdown: String,
    pub photo: Option<DemoPhoto>,
    pub notes: Vec<DemoNote>,
}
pub struct DemoPage {
    pub slug: &'static str,
    pub parent: Option<&'static str>,
    pub title: &'static str,
    pub body_markdown: String,
}
