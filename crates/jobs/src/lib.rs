//! The worker: claims due jobs from the database queue and runs them.
//!
//! `broadsheet serve` runs a worker beside the web server (unless `--no-worker`), and
//! `broadsheet worker` runs one alone; any number may run against one database. The
//! worker sleeps until the next job is due (at most a second, so jobs queued by other
//! nodes are seen quickly), so a scheduled article goes out within about a second of
//! its time, after a restart too, and with no traffic at all.

use std::time::Duration;

use broadsheet_mail::{Email, Mailer};
use broadsheet_store::{
    DELIVER_NEWSLETTER, Delivery, Job, PUBLISH_SCHEDULED, PublishScheduled, Store, StoreError,
};

/// What jobs need besides the database.
#[derive(Clone)]
pub struct Context {
    pub store: Store,
    /// `None` when no SMTP server is configured: email jobs fail visibly and are retried.
    pub mailer: Option<Mailer>,
}

/// How long a claimed job is reserved for its worker before others may retry it.
const LEASE_SECONDS: i64 = 300;
/// The longest the worker sleeps between looks at the queue.
const MAX_IDLE: Duration = Duration::from_secs(1);

/// Why a job failed; the message is stored with the job for the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct JobFailure(pub String);

impl From<StoreError> for JobFailure {
    fn from(err: StoreError) -> JobFailure {
        JobFailure(err.to_string())
    }
}

/// Runs one job. New kinds of job are added here.
async fn run_job(context: &Context, job: &Job) -> Result<(), JobFailure> {
    let store = &context.store;
    match job.kind.as_str() {
        broadsheet_mail::SEND_EMAIL_JOB => {
            let email: Email = job.payload()?;
            let mailer = context
                .mailer
                .as_ref()
                .ok_or_else(|| JobFailure(broadsheet_mail::MailError::NotConfigured.to_string()))?;
            mailer
                .send(&email)
                .await
                .map_err(|err| JobFailure(err.to_string()))
        }
        PUBLISH_SCHEDULED => {
            let payload: PublishScheduled = job.payload()?;
            let published = store.publish_if_due(&payload).await?;
            if published {
                let late = broadsheet_store::now() - payload.at;
                tracing::info!(
                    article = payload.article_id,
                    late_seconds = late,
                    "published a scheduled article"
                );
            }
            Ok(())
        }
        DELIVER_NEWSLETTER => {
            let delivery: Delivery = job.payload()?;
            // Marked `sending` first: if this worker dies during the SMTP conversation,
            // nobody gets the issue twice (at most once beats twice for a newsletter).
            if !store
                .start_delivery(delivery.issue_id, delivery.subscriber_id)
                .await?
            {
                return Ok(());
            }
            let email: Email = serde_json::from_value(delivery.email)
                .map_err(|err| JobFailure(format!("unreadable newsletter email: {err}")))?;
            let sent = match &context.mailer {
                Some(mailer) => mailer
                    .send(&email)
                    .await
                    .map_err(|err| JobFailure(err.to_string())),
                None => Err(JobFailure(
                    broadsheet_mail::MailError::NotConfigured.to_string(),
                )),
            };
            store
                .finish_delivery(delivery.issue_id, delivery.subscriber_id, sent.is_ok())
                .await?;
            sent
        }
        other => Err(JobFailure(format!("unknown job kind `{other}`"))),
    }
}

/// Claims and runs due jobs until none is due. Returns how many ran.
pub async fn run_due(context: &Context) -> Result<usize, StoreError> {
    let store = &context.store;
    let mut ran = 0;
    while let Some(job) = store.claim_job(LEASE_SECONDS).await? {
        match run_job(context, &job).await {
            Ok(()) => store.complete_job(job.id).await?,
            Err(failure) => {
                tracing::warn!(job = job.id, kind = job.kind, attempt = job.attempts, error = %failure, "job failed");
                store.fail_job(&job, &failure.0).await?;
            }
        }
        ran += 1;
    }
    Ok(ran)
}

/// Runs the worker until the process ends.
pub async fn run_worker(context: Context) {
    let store = context.store.clone();
    loop {
        if let Err(err) = run_due(&context).await {
            tracing::warn!(%err, "the job queue could not be read; retrying");
        }
        let now = broadsheet_store::now();
        let idle = match store.next_job_at().await {
            Ok(Some(at)) if at > now => Duration::from_secs((at - now) as u64).min(MAX_IDLE),
            Ok(Some(_)) => Duration::from_millis(50),
            _ => MAX_IDLE,
        };
        tokio::time::sleep(idle).await;
    }
}
