//! `TestApp`: the real router on a fresh database, driven without a network socket.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use broadsheet_core::article::NoteKind;
use broadsheet_core::body::BodyFormat;
use broadsheet_core::config::Config;
use broadsheet_store::{
    ArticleDraft, ArticleEdit, FormField, NewAuthor, NewForm, NewMedia, NewNote, NewPage,
    NewSection, NewTopic, Store,
};
use broadsheet_test_support::TestDb;
use broadsheet_web::{App, AppState};
use tower::ServiceExt;

pub struct TestApp {
    pub app: AppState,
    pub db: TestDb,
    pub folder: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Ids of the small paper `TestApp::with_paper` writes.
pub struct Paper {
    pub news: i64,
    pub local: i64,
    pub empty_section: i64,
    pub ana: i64,
    pub ben: i64,
    pub transit: i64,
    pub photo: i64,
    pub lead: i64,
    pub older: i64,
    pub other: i64,
}

pub const MIDDAY_2024_03_18: i64 = 1_710_777_600; // 2024-03-18T16:00:00Z, noon in New York

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_settings("").await
    }

    /// A site configured by `extra` lines of broadsheet.toml.
    pub async fn with_settings(extra: &str) -> TestApp {
        Self::built(extra, None).await
    }

    /// A site whose store (and so its worker) tells time by `clock`: a test moves it
    /// instead of waiting for time to pass.
    pub async fn with_clock(extra: &str, clock: broadsheet_store::Clock) -> TestApp {
        Self::built(extra, Some(clock)).await
    }

    async fn built(extra: &str, clock: Option<broadsheet_store::Clock>) -> TestApp {
        let folder = tempfile::tempdir().expect("tempdir");
        let mut db = TestDb::new().await;
        if let Some(clock) = clock {
            db.store = db.store.clone().with_clock(clock);
        }
        let base_url = if extra.contains("base_url") {
            ""
        } else {
            "base_url = \"https://ledger.example\"\n"
        };
        // Easy spam checks keep tests quick; the code path is the real one.
        let pow = if extra.contains("pow_max_number") {
            ""
        } else {
            "pow_max_number = 1000\n"
        };
        // Every test reader shares one client address; tests of the limit set their own.
        let pow = if extra.contains("comments_per_client") {
            pow.to_string()
        } else {
            format!("{pow}comments_per_client = 1000\n")
        };
        let text = format!(
            "site_name = \"The Test Ledger\"\ntagline = \"All the news\"\n{base_url}\
             masthead_calendars = [\"gregorian\", \"hebrew\"]\nlatitude = 40.7128\nlongitude = -74.006\n\
             database_url = \"{}\"\n{pow}{extra}\n",
            db.url
        );
        let config = Config::parse(&text, "test.toml", folder.path(), &BTreeMap::new())
            .expect("test configuration parses");
        std::fs::create_dir_all(&config.media_dir).expect("media folder");
        let app = App::build(config, db.store.clone())
            .await
            .expect("app builds");
        TestApp { app, db, folder }
    }

    /// An app that sends email to the SMTP server on `port`, from `from`, with `extra`
    /// settings.
    pub async fn with_smtp(port: u16, from: &str, extra: &str) -> TestApp {
        Self::with_settings(&format!(
            "smtp_host = \"127.0.0.1\"\nsmtp_port = {port}\nsmtp_tls = \"none\"\nmail_from = \"{from}\"\n{extra}"
        ))
        .await
    }

    /// What a worker of this app runs jobs with (its configured SMTP server and theme).
    pub fn worker(&self) -> broadsheet_jobs::Context {
        broadsheet_jobs::Context {
            store: self.store().clone(),
            mailer: broadsheet_mail::Mailer::from_config(&self.app.config).expect("mailer"),
            newsletters: Some(
                broadsheet_jobs::NewsletterSettings::from_config(&self.app.config)
                    .expect("the theme compiles"),
            ),
        }
    }

    /// Saves `draft` and publishes it at `at`; returns its id.
    pub async fn publish(&self, draft: &ArticleDraft, at: i64) -> i64 {
        let id = self
            .store()
            .articles()
            .create_article(draft)
            .await
            .expect("draft saved");
        self.store()
            .articles()
            .publish_article(id, at)
            .await
            .expect("published");
        id
    }

    pub fn store(&self) -> &Store {
        &self.db.store
    }

    pub fn path(&self) -> &Path {
        self.folder.path()
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.request(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn get_with(&self, uri: &str, header: (&str, &str)) -> Reply {
        self.request(
            Request::get(uri)
                .header(header.0, header.1)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    pub async fn request(&self, request: Request<Body>) -> Reply {
        let response = broadsheet_web::router(self.app.clone())
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .expect("body")
            .to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A small but complete paper: sections (one empty), authors with an avatar, a topic,
    /// a photo, three articles (one with a correction and an update), a form and pages.
    pub async fn with_paper(&self) -> Paper {
        let store = self.store();
        let section = |slug: &str, name: &str, parent: Option<i64>| NewSection {
            slug: slug.into(),
            name: name.into(),
            description: format!("{name} coverage"),
            parent_id: parent,
            position: 0,
        };
        let news = store
            .taxonomy()
            .create_section(&section("news", "News", None))
            .await
            .expect("section");
        let local = store
            .taxonomy()
            .create_section(&section("local", "Local", Some(news)))
            .await
            .expect("section");
        let empty_section = store
            .taxonomy()
            .create_section(&section("weather", "Weather", None))
            .await
            .expect("section");
        std::fs::write(
            self.app.config.media_dir.join("street.jpg"),
            b"\xFF\xD8fake",
        )
        .expect("file");
        let media = |file: &str, alt: &str, caption: &str, credit: &str| NewMedia {
            file_name: file.into(),
            mime_type: "image/jpeg".into(),
            width: 1200,
            height: 675,
            byte_size: 6,
            content_hash: None,
            alt_text: alt.into(),
            caption: caption.into(),
            credit: credit.into(),
            created_at: 1,
            ..Default::default()
        };
        let photo = store
            .media()
            .create_media(&media(
                "street.jpg",
                "Commuters on a platform",
                "Riders wait at Canal Street.",
                "Jo Park/The Test Ledger",
            ))
            .await
            .expect("photo");
        let avatar = store
            .media()
            .create_media(&media("ana.jpg", "Portrait of Ana Ortiz", "", ""))
            .await
            .expect("avatar");
        let ana = store
            .taxonomy()
            .create_author(&NewAuthor {
                slug: "ana-ortiz".into(),
                name: "Ana Ortiz".into(),
                job_title: "Transit reporter".into(),
                bio: "Ana covers the subway and buses.".into(),
                avatar_media_id: Some(avatar),
            })
            .await
            .expect("author");
        let ben = store
            .taxonomy()
            .create_author(&NewAuthor {
                slug: "ben-cho".into(),
                name: "Ben Cho".into(),
                job_title: "City Hall reporter".into(),
                bio: "Ben covers City Hall.".into(),
                avatar_media_id: None,
            })
            .await
            .expect("author");
        let transit = store
            .taxonomy()
            .create_topic(&NewTopic {
                slug: "transit".into(),
                name: "Transit".into(),
                description: "Trains and buses.".into(),
            })
            .await
            .expect("topic");
        store
            .forms()
            .create_form(&NewForm {
                slug: "tips".into(),
                title: "Send us a tip".into(),
                description: "We read everything.".into(),
                fields: vec![FormField {
                    name: "tip".into(),
                    label: "Your tip".into(),
                    kind: "textarea".into(),
                    required: true,
                    options: vec![],
                }],
                ..Default::default()
            })
            .await
            .expect("form");

        let mut draft = ArticleDraft::new("Council approves ferry plan", "The council voted.\n");
        draft.section_id = Some(news);
        draft.author_ids = vec![ben];
        draft.topic_ids = vec![transit];
        let older = store
            .articles()
            .create_article(&draft)
            .await
            .expect("draft");
        store
            .articles()
            .publish_article(older, MIDDAY_2024_03_18 - 86_400 * 3)
            .await
            .expect("publish");

        let body = "Fares rise on **Monday**, officials said.\n\n\
                    [[pullquote \"A quarter is a quarter.\" by=\"A rider\"]]\n\n\
                    As [reported earlier](/2024/03/15/council-approves-ferry-plan), the council acted.\n\n\
                    [[article council-approves-ferry-plan]]\n\n[[form tips]]\n";
        let mut draft = ArticleDraft::new("Subway fares rise", body);
        draft.dek = "A quarter more per ride.".into();
        draft.section_id = Some(local);
        draft.author_ids = vec![ana, ben];
        draft.topic_ids = vec![transit];
        draft.featured_media_id = Some(photo);
        let lead = store
            .articles()
            .create_article(&draft)
            .await
            .expect("draft");
        store
            .articles()
            .publish_article(lead, MIDDAY_2024_03_18)
            .await
            .expect("publish");
        store
            .articles()
            .add_note(
                lead,
                &NewNote {
                    kind: NoteKind::Correction,
                    body: "An earlier version gave the wrong fare.".into(),
                    created_at: MIDDAY_2024_03_18 + 3600,
                },
            )
            .await
            .expect("note");
        store
            .articles()
            .add_note(
                lead,
                &NewNote {
                    kind: NoteKind::Update,
                    body: "The board confirmed the date.".into(),
                    created_at: MIDDAY_2024_03_18 + 7200,
                },
            )
            .await
            .expect("note");
        store
            .articles()
            .edit_article(
                lead,
                &ArticleEdit {
                    front_rank: Some(Some(1)),
                    ..Default::default()
                },
            )
            .await
            .expect("rank");

        let mut draft = ArticleDraft::new("Parks stay open late", "Summer hours begin.\n");
        draft.section_id = Some(news);
        draft.author_ids = vec![ana];
        let other = store
            .articles()
            .create_article(&draft)
            .await
            .expect("draft");
        store
            .articles()
            .publish_article(other, MIDDAY_2024_03_18 - 86_400)
            .await
            .expect("publish");

        let about = store
            .pages()
            .create_page(&NewPage {
                slug: "about".into(),
                parent_id: None,
                title: "About us".into(),
                body_format: BodyFormat::Markdown,
                body_source: "We are a *test* paper.\n\n[[form tips]]\n".into(),
                position: 0,
                publish: true,
            })
            .await
            .expect("page");
        store
            .pages()
            .create_page(&NewPage {
                slug: "staff".into(),
                parent_id: Some(about),
                title: "Our staff".into(),
                body_format: BodyFormat::Markdown,
                body_source: "Everyone.".into(),
                position: 0,
                publish: true,
            })
            .await
            .expect("child page");
        Paper {
            news,
            local,
            empty_section,
            ana,
            ben,
            transit,
            photo,
            lead,
            older,
            other,
        }
    }
}

/// A signed-in (or anonymous) visitor with a cookie jar, who does not follow redirects.
pub struct Visitor<'a> {
    pub app: &'a TestApp,
    pub cookies: std::collections::BTreeMap<String, String>,
}

impl TestApp {
    pub fn visitor(&self) -> Visitor<'_> {
        Visitor {
            app: self,
            cookies: Default::default(),
        }
    }

    /// Adds a newsroom user with the password "a long enough password".
    pub async fn user(&self, email: &str, role: broadsheet_core::role::Role) -> i64 {
        self.store()
            .users()
            .create_user(&broadsheet_store::NewUser {
                email: broadsheet_core::email::Email::parse(email).expect("email"),
                name: format!("{role:?} {email}"),
                role,
                password_hash: broadsheet_core::secrets::hash_password(PASSWORD).expect("hash"),
                author_id: None,
            })
            .await
            .expect("user")
    }

    /// A visitor signed in as a new user with `role`.
    pub async fn signed_in(
        &self,
        email: &str,
        role: broadsheet_core::role::Role,
    ) -> (Visitor<'_>, i64) {
        let id = self.user(email, role).await;
        let mut visitor = self.visitor();
        let reply = visitor.sign_in(email, PASSWORD).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "sign-in works: {}",
            reply.body
        );
        (visitor, id)
    }
}

pub const PASSWORD: &str = "a long enough password";

impl Visitor<'_> {
    /// The `Cookie` header this visitor sends, for requests built by hand.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, reply: &Reply) {
        for value in reply.headers.get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let pair = text.split(';').next().unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || text.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), value.to_string());
                }
            }
        }
    }

    pub async fn get(&mut self, uri: &str) -> Reply {
        let request = Request::get(uri)
            .header("cookie", self.cookie_header())
            .body(Body::empty())
            .expect("request");
        let reply = self.app.request(request).await;
        self.keep_cookies(&reply);
        reply
    }

    /// The newsroom's CSRF token, fetching a page first if the jar has none.
    pub async fn csrf(&mut self) -> String {
        if !self.cookies.contains_key("bs_csrf") {
            self.get("/admin/login").await;
        }
        self.cookies.get("bs_csrf").cloned().unwrap_or_default()
    }

    /// Posts a form with the CSRF token added: the newsroom's, or for reader-account
    /// pages the one their page set.
    pub async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let token = if uri.starts_with("/account") {
            self.cookies.get("bs_rcsrf").cloned().unwrap_or_default()
        } else {
            self.csrf().await
        };
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(uri, &all).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&mut self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter())
            .finish();
        let request = Request::post(uri)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        let reply = self.app.request(request).await;
        self.keep_cookies(&reply);
        reply
    }

    /// Fetches a spam-check challenge and solves it, as the widget does in a browser.
    pub async fn spam_proof(&mut self) -> String {
        let reply = self.get("/altcha/challenge").await;
        assert_eq!(reply.header("cache-control"), "no-store");
        let challenge: broadsheet_core::pow::Challenge =
            serde_json::from_str(&reply.body).expect("challenge json");
        broadsheet_core::pow::solve(&challenge).expect("solvable")
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Reply {
        self.post(
            "/admin/login",
            &[("email", email), ("password", password), ("next", "/admin")],
        )
        .await
    }
}

impl TestApp {
    pub fn site_time_zone(&self) -> chrono_tz::Tz {
        self.app.site().time_zone
    }
}

impl Visitor<'_> {
    /// Uploads files to the media library as a browser's multipart form would.
    pub async fn upload(&mut self, files: &[(&str, &[u8])], fields: &[(&str, &str)]) -> Reply {
        self.upload_to("/admin/media", files, fields).await
    }

    /// Posts a multipart form with files (field `file`) to `path`, as the newsroom does.
    pub async fn upload_to(
        &mut self,
        path: &str,
        files: &[(&str, &[u8])],
        fields: &[(&str, &str)],
    ) -> Reply {
        let token = self.csrf().await;
        let boundary = "----broadsheet-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        for (file_name, bytes) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let request = Request::post(format!("{path}?_csrf={token}"))
            .header("cookie", self.cookie_header())
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .expect("request");
        let reply = self.app.request(request).await;
        self.keep_cookies(&reply);
        reply
    }
}

/// A PNG of `width` × `height` with a gradient (decodable, so the media pipeline takes it).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("png");
    bytes.into_inner()
}

/// A members-only article's body: eight paragraphs, the sixth (past any teaser) holding
/// the word SECRET-PART.
pub fn body_with_a_secret_past_the_teaser() -> String {
    (1..=8)
        .map(|n| {
            format!(
                "Paragraph {n}{}.",
                if n == 6 { " holds the SECRET-PART" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
