//! The worker: claims due jobs from the database queue and runs them.
//!
//! `broadsheet serve` runs a worker beside the web server (unless `--no-worker`), and
//! `broadsheet worker` runs one alone; any number may run against one database. The
//! worker sleeps until the next job is due (at most a second, so jobs queued by other
//! nodes are seen quickly), so a scheduled article goes out within about a second of
//! its time, after a restart too, and with no traffic at all.

use std::sync::Arc;
use std::time::Duration;

use broadsheet_render::{RenderError, Renderer, SharedTz, ThemeConfig};

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
    /// `None` when no daily digest is configured.
    pub digest: Option<DigestSettings>,
}

/// What the daily digest needs to know about the site.
#[derive(Clone)]
pub struct DigestSettings {
    pub base_url: String,
    pub language: String,
    pub time: chrono::NaiveTime,
    pub time_zone: chrono_tz::Tz,
    pub site_name: String,
    pub from: String,
    pub per_second: u64,
    /// The site's theme, for the email templates; its clock follows the newsroom's
    /// time zone setting.
    pub renderer: Arc<Renderer>,
    pub renderer_zone: SharedTz,
}

impl DigestSettings {
    /// `None` when no digest time is configured; an error when the theme's templates
    /// do not compile.
    pub fn from_config(
        config: &broadsheet_core::config::Config,
    ) -> Result<Option<DigestSettings>, RenderError> {
        let Some(time) = config.digest_time else {
            return Ok(None);
        };
        let zone: SharedTz = Arc::new(std::sync::RwLock::new(config.time_zone));
        let renderer = Renderer::new(ThemeConfig::from_config(config, zone.clone()))?;
        Ok(Some(DigestSettings {
            base_url: config.base_url.clone(),
            language: config.language.clone(),
            time,
            time_zone: config.time_zone,
            site_name: config.site_name.clone(),
            from: config
                .smtp
                .as_ref()
                .map(|s| s.from.clone())
                .unwrap_or_default(),
            per_second: config.newsletter_per_second.max(1),
            renderer: Arc::new(renderer),
            renderer_zone: zone,
        }))
    }
}

/// The slug of the list the daily digest goes to.
pub const DIGEST_LIST: &str = "daily-digest";

/// Queues today's digest once its time has come (once per day, whichever worker gets
/// there first: the issue's key is the date). Returns the new issue, if any.
pub async fn queue_digest_if_due(
    context: &Context,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<i64>, StoreError> {
    use broadsheet_core::{dates, masthead, urls};
    let Some(settings) = &context.digest else {
        return Ok(None);
    };
    let store = &context.store;
    // The newsroom's settings win over the file's.
    let zone: chrono_tz::Tz = store
        .setting("site.time_zone")
        .await?
        .and_then(|tz| tz.parse().ok())
        .unwrap_or(settings.time_zone);
    let site_name = store
        .setting("site.name")
        .await?
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| settings.site_name.clone());
    let local = now.with_timezone(&zone);
    if local.time() < settings.time {
        return Ok(None);
    }
    let Some(list) = store
        .newsletter_lists()
        .await?
        .into_iter()
        .find(|l| l.slug == DIGEST_LIST)
    else {
        return Ok(None);
    };
    let date = local.date_naive();
    let articles = store
        .list_articles(&broadsheet_store::ArticleQuery {
            from: Some(masthead::local_midnight(date, zone).timestamp()),
            until: Some(now.timestamp() + 1),
            limit: 50,
            ..Default::default()
        })
        .await?;
    let subject = format!(
        "{site_name}: the day's stories, {}",
        masthead::gregorian_long_date(date)
    );
    let Some(issue) = store
        .create_issue(list.id, "digest", &subject, None, &format!("digest:{date}"))
        .await?
    else {
        return Ok(None);
    };
    if articles.is_empty() {
        return Ok(Some(issue));
    }
    let secret = store
        .setting_or_init("signing_secret", broadsheet_core::secrets::random_token)
        .await?;
    if let Ok(mut slot) = settings.renderer_zone.write() {
        *slot = zone;
    }
    let stories: Vec<serde_json::Value> = articles
        .iter()
        .map(|a| {
            let path = urls::article_path(dates::from_unix(a.published_at), &a.slug, zone);
            serde_json::json!({
                "headline": a.headline,
                "dek": a.dek,
                "url": format!("{}{}", settings.base_url, urls::encode_path(&path)),
            })
        })
        .collect();
    let site = serde_json::json!({
        "name": site_name,
        "base_url": settings.base_url,
        "language": settings.language,
    });
    let long_date = masthead::gregorian_long_date(date);
    // Pace from the real clock: `now` only decides whether the digest is due.
    let start = broadsheet_store::now();
    for (index, (subscriber, address)) in store
        .list_recipients(list.id)
        .await?
        .into_iter()
        .enumerate()
    {
        store.add_delivery(issue, subscriber).await?;
        let manage = format!(
            "{}{}",
            settings.base_url,
            broadsheet_core::newsletter::manage_path(&secret, subscriber)
        );
        let parts = settings
            .renderer
            .render_email(
                "digest",
                serde_json::json!({
                    "site": site,
                    "articles": stories,
                    "date": long_date,
                    "manage": manage,
                }),
            )
            .map_err(|err| {
                StoreError::Invalid(format!("the digest email cannot be drawn: {err}"))
            })?;
        let email = Email {
            to: address,
            subject: subject.clone(),
            text: parts.text,
            html: Some(parts.html),
            headers: broadsheet_core::newsletter::list_headers(
                &secret,
                &settings.base_url,
                &settings.from,
                subscriber,
            ),
        };
        let payload = broadsheet_store::Delivery {
            issue_id: issue,
            subscriber_id: subscriber,
            email: serde_json::to_value(&email).unwrap_or_default(),
        };
        let job = broadsheet_store::NewJob::new(
            DELIVER_NEWSLETTER,
            &payload,
            start + index as i64 / settings.per_second as i64,
        )
        .unique(format!("deliver:{issue}:{subscriber}"))
        .attempts(8);
        store.enqueue(&job).await?;
    }
    Ok(Some(issue))
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
    let mut last_digest_check = 0;
    loop {
        let now = broadsheet_store::now();
        if context.digest.is_some() && now - last_digest_check >= 30 {
            last_digest_check = now;
            if let Err(err) = queue_digest_if_due(&context, chrono::Utc::now()).await {
                tracing::warn!(%err, "the daily digest could not be queued; retrying");
            }
        }
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
