//! The media library through the real router, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::http::StatusCode;
use broadsheet_core::role::Role;
use common::{TestApp, png};

/// A JPEG carrying an Exif block with a recognisable GPS marker.
fn jpeg_with_gps() -> Vec<u8> {
    let image = image::RgbImage::from_fn(800, 600, |x, _| image::Rgb([(x % 200) as u8, 120, 40]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("jpeg");
    let jpeg = bytes.into_inner();
    let mut exif =
        b"Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0GPS-40.7128N-74.0060W-SECRET-SOURCE".to_vec();
    let length = (exif.len() + 2) as u16;
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&length.to_be_bytes());
    segment.append(&mut exif);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header claims 30000 × 30000 pixels: a decompression bomb's calling card.
fn bomb_png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut header = Vec::new();
    header.extend_from_slice(&30_000u32.to_be_bytes());
    header.extend_from_slice(&30_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    out
}

fn media_id(reply: &common::Reply) -> i64 {
    reply
        .header("location")
        .trim_start_matches("/admin/media/")
        .parse()
        .unwrap_or_else(|_| {
            panic!(
                "no media id in `{}`: {}",
                reply.header("location"),
                reply.body
            )
        })
}

#[tokio::test]
async fn uploads_become_resized_metadata_free_variants() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let (mut author, _) = app.signed_in("author@example.org", Role::Author).await;
    let uploaded = author
        .upload(
            &[("harbor.jpg", &jpeg_with_gps())],
            &[
                ("alt_text", "Boats in the harbor"),
                ("caption", "Morning in the harbor."),
                ("credit", "Jo Park"),
            ],
        )
        .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let id = media_id(&uploaded);
    let item = app
        .store()
        .media()
        .media_item(id)
        .await
        .expect("q")
        .expect("stored");
    assert_eq!((item.width, item.height), (800, 600));
    assert_eq!(item.widths, vec![480, 800]);
    for width in &item.widths {
        for extension in ["jpg", "webp"] {
            let served = app
                .get(&format!(
                    "/media/{}-{width}.{extension}",
                    item.stem.as_deref().expect("stem")
                ))
                .await;
            assert_eq!(served.status, StatusCode::OK);
            assert_eq!(
                served.header("content-type"),
                if extension == "jpg" {
                    "image/jpeg"
                } else {
                    "image/webp"
                }
            );
            assert!(
                !served.body.contains("Exif") && !served.body.contains("SECRET-SOURCE"),
                "no metadata is served"
            );
        }
    }
    // The same bytes again: the library already has them.
    let again = author.upload(&[("copy.jpg", &jpeg_with_gps())], &[]).await;
    assert_eq!(media_id(&again), id, "duplicates are detected by content");

    // Used as a featured photo, it is served with srcset in WebP and JPEG.
    let article = app
        .store()
        .articles()
        .article_by_id(paper.other)
        .await
        .expect("q")
        .expect("a");
    let mut draft =
        broadsheet_store::ArticleDraft::new(&article.summary.headline, &article.body_source);
    draft.section_id = Some(paper.news);
    draft.featured_media_id = Some(id);
    app.store()
        .articles()
        .save_article(
            paper.other,
            &draft,
            article.version,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("save");
    let page = app.get("/2024/03/17/parks-stay-open-late").await;
    assert!(
        page.body
            .contains("<source type=\"image/webp\" srcset=\"/media/uploads/"),
        "{}",
        page.body
    );
    assert!(page.body.contains("-480.jpg 480w"));

    // Deleting an item in use asks first and names the places.
    let warned = author.post(&format!("/admin/media/{id}/delete"), &[]).await;
    assert_eq!(warned.status, StatusCode::CONFLICT);
    assert!(
        warned.body.contains("featured photo of") && warned.body.contains("Parks stay open late")
    );
    let deleted = author
        .post(&format!("/admin/media/{id}/delete"), &[("confirm", "1")])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    let page = app.get("/2024/03/17/parks-stay-open-late").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("/media/uploads/"),
        "the page no longer shows it"
    );
}

#[tokio::test]
async fn bad_uploads_are_refused_with_what_to_fix() {
    let app = TestApp::new().await;
    let (mut author, _) = app.signed_in("author@example.org", Role::Author).await;
    let pdf = author
        .upload(&[("scan.jpg", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n")], &[])
        .await;
    assert_eq!(pdf.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(pdf.body.contains("PDF"), "{}", pdf.body);
    let started = std::time::Instant::now();
    let bomb = author.upload(&[("bomb.png", &bomb_png())], &[]).await;
    assert_eq!(bomb.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bomb.body.contains("megapixels"), "{}", bomb.body);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "refused before decoding"
    );
    let huge = vec![0xFFu8; 50 * 1024 * 1024];
    let too_big = author.upload(&[("huge.jpg", &huge)], &[]).await;
    assert_eq!(too_big.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_big.body.contains("larger than 25 MB"),
        "{}",
        too_big.body
    );
    assert_eq!(
        app.store()
            .media()
            .list_media(None, 10, 0)
            .await
            .expect("q")
            .1,
        0,
        "nothing was stored"
    );

    let (mut contributor, _) = app
        .signed_in("contributor@example.org", Role::Contributor)
        .await;
    assert_eq!(
        contributor
            .upload(&[("a.png", &png(10, 10))], &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        contributor.get("/admin/media").await.status,
        StatusCode::FORBIDDEN
    );
}
