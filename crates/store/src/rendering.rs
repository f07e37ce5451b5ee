//! Rendering bodies off the async threads. Markdown and the sanitiser are CPU work: run
//! on a runtime thread, one large body would stall every request that thread serves
//! (readers' pages, `/healthz`). Here each render runs on the blocking pool, at most
//! [`Renderer::permits`] at once so the newsroom cannot take every core from readers,
//! and with a time budget after which the writer is told, instead of waiting. The size
//! and nesting limits in `core::body` keep any one render short; the budget is the
//! backstop for what those limits do not foresee.

use std::sync::Arc;
use std::time::Duration;

use broadsheet_core::body::{self, BodyFormat, RenderedBody};
use tokio::sync::Semaphore;

use crate::Store;
use crate::error::{StoreError, StoreResult};

#[derive(Clone)]
pub(crate) struct Renderer {
    permits: Arc<Semaphore>,
    budget: Duration,
}

impl Renderer {
    /// Half the cores (at least one): the other half keep serving readers while the
    /// newsroom previews and saves.
    pub(crate) fn new() -> Renderer {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Renderer {
            permits: Arc::new(Semaphore::new((cores / 2).max(1))),
            budget: Duration::from_secs(5),
        }
    }
}

impl Store {
    /// The same store with another time budget for rendering a body.
    pub fn with_render_budget(mut self, budget: Duration) -> Store {
        self.renderer.budget = budget;
        self
    }

    /// Renders a body on the blocking pool, within the concurrency limit and the time
    /// budget. A body over the limits, or one that takes longer than the budget, is an
    /// `Invalid` error on the `body` field saying what to change; waiting longer than
    /// the budget for a turn is `Busy`.
    pub async fn render_body(&self, source: &str, format: BodyFormat) -> StoreResult<RenderedBody> {
        let Renderer { permits, budget } = self.renderer.clone();
        let permit = tokio::time::timeout(budget, permits.acquire_owned())
            .await
            .map_err(|_| {
                StoreError::Busy(
                    "the newsroom is busy rendering other articles; try again in a moment".into(),
                )
            })?
            .map_err(|err| StoreError::Internal(err.to_string()))?;
        let source = source.to_owned();
        // The permit goes with the work: a render that outlives the budget still counts
        // against the limit until it ends.
        let work = tokio::task::spawn_blocking(move || {
            let rendered = body::render(&source, format);
            drop(permit);
            rendered
        });
        match tokio::time::timeout(budget, work).await {
            Err(_) => Err(StoreError::invalid(
                "body",
                format!(
                    "the body took longer than {} seconds to render; split it into parts or simplify its nesting",
                    budget.as_secs_f32()
                ),
            )),
            Ok(Err(join)) => Err(StoreError::Internal(format!("rendering failed: {join}"))),
            Ok(Ok(rendered)) => {
                rendered.map_err(|err| StoreError::invalid("body", err.to_string()))
            }
        }
    }
}
