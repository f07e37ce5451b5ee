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
    DELIVER_NEWSLETTER, Delivery, FAN_OUT_ISSUE, FanOut, Job, NewIssue, NewJob, PUBLISH_SCHEDULED,
    PublishScheduled, Store, StoreError,
};

/// What jobs need besides the database.
#[derive(Clone)]
pub struct Context {
    pub store: Store,
    /// `None` when no SMTP server is configured: email jobs fail visibly and are retried.
    pub mailer: Option<Mailer>,
    /// What newsletters need to draw their emails; `None` in a worker that sends no
    /// newsletter (their jobs then fail visibly and are retried).
    pub newsletters: Option<NewsletterSettings>,
}

/// What newsletter emails (alerts and the daily digest) need to know about the site.
#[derive(Clone)]
pub struct NewsletterSettings {
    pub base_url: String,
    pub language: String,
    /// When the daily digest goes out; `None`: no digest.
    pub digest_time: Option<chrono::NaiveTime>,
    pub time_zone: chrono_tz::Tz,
    pub site_name: String,
    pub from: String,
    pub per_second: u64,
    /// The site's theme, for the email templates; its clock follows the newsroom's
    /// time zone setting.
    pub renderer: Arc<Renderer>,
    pub renderer_zone: SharedTz,
}

impl NewsletterSettings {
    /// An error when the theme's templates do not compile.
    pub fn from_config(
        config: &broadsheet_core::config::Config,
    ) -> Result<NewsletterSettings, RenderError> {
        let zone: SharedTz = Arc::new(std::sync::RwLock::new(config.time_zone));
        let renderer = Renderer::new(ThemeConfig::from_config(config, zone.clone()))?;
        Ok(NewsletterSettings {
            base_url: config.base_url.clone(),
            language: config.language.clone(),
            digest_time: config.digest_time,
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
        })
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
    let Some(settings) = &context.newsletters else {
        return Ok(None);
    };
    let Some(digest_time) = settings.digest_time else {
        return Ok(None);
    };
    let store = &context.store;
    // The newsroom's settings win over the file's.
    let site = store.settings().site_settings().await?;
    let zone: chrono_tz::Tz = site.time_zone.unwrap_or(settings.time_zone);
    let site_name = site.name.unwrap_or_else(|| settings.site_name.clone());
    let local = now.with_timezone(&zone);
    if local.time() < digest_time {
        return Ok(None);
    }
    let Some(list) = store
        .newsletters()
        .newsletter_lists()
        .await?
        .into_iter()
        .find(|l| l.slug == DIGEST_LIST)
    else {
        return Ok(None);
    };
    let date = local.date_naive();
    let articles = store
        .articles()
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
    if articles.is_empty() {
        // Nothing to send today; the issue still marks the day as done.
        return store
            .newsletters()
            .create_issue(&NewIssue {
                list_id: list.id,
                template: NOTHING_TO_SEND.into(),
                subject,
                article_id: None,
                unique_key: format!("digest:{date}"),
                context: serde_json::Value::Null,
            })
            .await;
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
    store
        .newsletters()
        .create_issue(&NewIssue {
            list_id: list.id,
            template: "digest".into(),
            subject,
            article_id: None,
            unique_key: format!("digest:{date}"),
            context: serde_json::json!({
                "articles": stories,
                "date": masthead::gregorian_long_date(date),
            }),
        })
        .await
}

/// The template of an issue that marks a day's digest as done when the day had no
/// stories: it sends nothing.
const NOTHING_TO_SEND: &str = "nothing";

/// Subscribers taken per transaction when an issue fans out.
const FAN_OUT_PAGE: i64 = 500;

/// Runs a `fan_out_issue` job: draws the issue's email for every confirmed subscriber of
/// its list, a page at a time, and queues one delivery job each, paced at
/// `per_second`. Run again after a crash, it adds nothing twice (deliveries and their
/// jobs are unique per subscriber).
async fn fan_out(context: &Context, fan_out: &FanOut) -> Result<(), JobFailure> {
    let store = &context.store;
    let settings = context.newsletters.as_ref().ok_or_else(|| {
        JobFailure("this worker has no newsletter settings; another worker will send it".into())
    })?;
    if fan_out.template == NOTHING_TO_SEND {
        return Ok(());
    }
    let site = store.settings().site_settings().await?;
    let site_name = site.name.unwrap_or_else(|| settings.site_name.clone());
    if let Some(zone) = site.time_zone
        && let Ok(mut slot) = settings.renderer_zone.write()
    {
        *slot = zone;
    }
    let secret = store
        .settings()
        .setting_or_init("signing_secret", broadsheet_core::secrets::random_token)
        .await?;
    let site = serde_json::json!({
        "name": site_name,
        "base_url": settings.base_url,
        "language": settings.language,
    });
    // Paced from the real clock, from when the fan-out starts.
    let start = broadsheet_store::now();
    let per_second = settings.per_second.max(1) as i64;
    let mut after = 0;
    let mut index: i64 = 0;
    loop {
        let page = store
            .newsletters()
            .recipients_page(fan_out.list_id, after, FAN_OUT_PAGE)
            .await?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        let mut deliveries = Vec::with_capacity(page.len());
        for (subscriber, address) in page {
            let manage = format!(
                "{}{}",
                settings.base_url,
                broadsheet_core::newsletter::manage_path(&secret, subscriber)
            );
            let mut data = match &fan_out.context {
                serde_json::Value::Object(map) => map.clone(),
                _ => serde_json::Map::new(),
            };
            data.insert("site".into(), site.clone());
            data.insert("manage".into(), manage.into());
            let parts = settings
                .renderer
                .render_email(&fan_out.template, serde_json::Value::Object(data))
                .map_err(|err| {
                    JobFailure(format!("the newsletter email cannot be drawn: {err}"))
                })?;
            let email = Email {
                to: address,
                subject: fan_out.subject.clone(),
                text: parts.text,
                html: Some(parts.html),
                headers: broadsheet_core::newsletter::list_headers(
                    &secret,
                    &settings.base_url,
                    &settings.from,
                    subscriber,
                ),
            };
            let payload = Delivery {
                issue_id: fan_out.issue_id,
                subscriber_id: subscriber,
                email: serde_json::to_value(&email).map_err(|err| JobFailure(err.to_string()))?,
            };
            let job = NewJob::new(DELIVER_NEWSLETTER, &payload, start + index / per_second)
                .unique(format!("deliver:{}:{subscriber}", fan_out.issue_id))
                .attempts(8);
            deliveries.push((subscriber, job));
            index += 1;
        }
        store
            .newsletters()
            .queue_deliveries(fan_out.issue_id, &deliveries)
            .await?;
    }
    tracing::info!(
        issue = fan_out.issue_id,
        deliveries = index,
        "newsletter issue queued for every subscriber"
    );
    Ok(())
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
            let published = store.articles().publish_if_due(&payload).await?;
            if published {
                let late = store.now() - payload.at;
                tracing::info!(
                    article = payload.article_id,
                    late_seconds = late,
                    "published a scheduled article"
                );
            }
            Ok(())
        }
        FAN_OUT_ISSUE => fan_out(context, &job.payload()?).await,
        DELIVER_NEWSLETTER => {
            let delivery: Delivery = job.payload()?;
            // Marked `sending` first: if this worker dies during the SMTP conversation,
            // nobody gets the issue twice (at most once beats twice for a newsletter).
            if !store
                .newsletters()
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
                .newsletters()
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
    while let Some(job) = store.jobs().claim_job(LEASE_SECONDS).await? {
        match run_job(context, &job).await {
            Ok(()) => store.jobs().complete_job(job.id).await?,
            Err(failure) => {
                tracing::warn!(job = job.id, kind = job.kind, attempt = job.attempts, error = %failure, "job failed");
                store.jobs().fail_job(&job, &failure.0).await?;
            }
        }
        ran += 1;
    }
    Ok(ran)
}

/// How often the worker prunes rate-limit records, and how old they must be: a day,
/// longer than any limit's window.
const PRUNE_EVERY_SECONDS: i64 = 3600;
const RATE_RECORDS_KEPT_SECONDS: i64 = 86_400;

/// Runs the worker until the process ends.
pub async fn run_worker(context: Context) {
    let store = context.store.clone();
    let mut last_digest_check = 0;
    let mut last_prune = 0;
    loop {
        let now = store.now();
        if now - last_prune >= PRUNE_EVERY_SECONDS {
            last_prune = now;
            match store
                .limits()
                .prune_rate_records(RATE_RECORDS_KEPT_SECONDS)
                .await
            {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "pruned old rate-limit records"),
                Err(err) => tracing::warn!(%err, "old rate-limit records could not be pruned"),
            }
        }
        if context.newsletters.is_some() && now - last_digest_check >= 30 {
            last_digest_check = now;
            if let Err(err) = queue_digest_if_due(&context, chrono::Utc::now()).await {
                tracing::warn!(%err, "the daily digest could not be queued; retrying");
            }
        }
        if let Err(err) = run_due(&context).await {
            tracing::warn!(%err, "the job queue could not be read; retrying");
        }
        let now = store.now();
        let idle = match store.jobs().next_job_at().await {
            Ok(Some(at)) if at > now => Duration::from_secs((at - now) as u64).min(MAX_IDLE),
            Ok(Some(_)) => Duration::from_millis(50),
            _ => MAX_IDLE,
        };
        tokio::time::sleep(idle).await;
    }
}
