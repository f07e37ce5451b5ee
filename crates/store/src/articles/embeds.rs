//! Looking embeds up: to check a body before it is published, and to draw it.

use crate::ArticleStore;
use broadsheet_core::embed::{Embed, EmbedProblem, EmbedSpec};

use crate::error::StoreResult;
use crate::read::ResolvedEmbed;
use broadsheet_core::change::Dep;

impl ArticleStore<'_> {
    /// The embeds that point at nothing, each with what to fix.
    pub async fn unresolved_embeds(&self, embeds: &[Embed]) -> StoreResult<Vec<EmbedProblem>> {
        let mut problems = Vec::new();
        for embed in embeds {
            let missing = match &embed.spec {
                EmbedSpec::Image { media_id, .. } => self
                    .media()
                    .media_item(*media_id)
                    .await?
                    .is_none()
                    .then(|| format!("there is no media item {media_id} in the media library")),
                EmbedSpec::Form { slug } => self
                    .forms()
                    .form_by_slug(slug)
                    .await?
                    .is_none()
                    .then(|| format!("there is no form with the slug `{slug}`")),
                EmbedSpec::Article { slug } => self
                    .article_summary(slug)
                    .await?
                    .is_none()
                    .then(|| format!("there is no published article with the slug `{slug}`")),
                EmbedSpec::Newsletter { list: Some(slug) } => {
                    let lists = self.newsletters().newsletter_lists().await?;
                    (!lists.iter().any(|l| &l.slug == slug)).then(|| {
                        let known: Vec<&str> = lists.iter().map(|l| l.slug.as_str()).collect();
                        format!(
                            "there is no newsletter list `{slug}` (there are: {})",
                            known.join(", ")
                        )
                    })
                }
                EmbedSpec::Pullquote { .. } | EmbedSpec::Newsletter { list: None } => None,
            };
            if let Some(message) = missing {
                problems.push(EmbedProblem {
                    line: embed.line,
                    source: embed.source.clone(),
                    message,
                });
            }
        }
        Ok(problems)
    }

    /// Looks every embed up for drawing, with the keys the drawn page then depends on.
    /// Whatever no longer exists becomes `Missing` and is drawn as nothing.
    pub async fn resolve_embeds(
        &self,
        embeds: &[Embed],
    ) -> StoreResult<(Vec<ResolvedEmbed>, Vec<Dep>)> {
        let mut resolved = Vec::with_capacity(embeds.len());
        let mut deps = Vec::new();
        for embed in embeds {
            let drawn = match &embed.spec {
                EmbedSpec::Image { media_id, caption } => {
                    deps.push(Dep::Media(*media_id));
                    match self.media().media_item(*media_id).await? {
                        Some(media) => ResolvedEmbed::Image {
                            caption: caption.clone().unwrap_or_else(|| media.caption.clone()),
                            media,
                        },
                        None => ResolvedEmbed::Missing,
                    }
                }
                EmbedSpec::Pullquote { text, by } => ResolvedEmbed::Pullquote {
                    text: text.clone(),
                    by: by.clone(),
                },
                EmbedSpec::Form { slug } => match self.forms().form_by_slug(slug).await? {
                    Some(form) => {
                        deps.push(Dep::Form(form.id));
                        ResolvedEmbed::Form { form }
                    }
                    None => ResolvedEmbed::Missing,
                },
                EmbedSpec::Newsletter { list } => {
                    let lists: Vec<_> = self
                        .newsletters()
                        .newsletter_lists()
                        .await?
                        .into_iter()
                        .filter(|l| list.as_ref().is_none_or(|slug| &l.slug == slug))
                        .collect();
                    if lists.is_empty() {
                        ResolvedEmbed::Missing
                    } else {
                        ResolvedEmbed::Newsletter { lists }
                    }
                }
                EmbedSpec::Article { slug } => match self.article_summary(slug).await? {
                    Some(article) => {
                        deps.push(Dep::Article(article.id));
                        ResolvedEmbed::Article { article }
                    }
                    None => {
                        deps.push(Dep::Latest);
                        ResolvedEmbed::Missing
                    }
                },
            };
            resolved.push(drawn);
        }
        Ok((resolved, deps))
    }
}
