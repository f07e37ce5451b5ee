//! Why an upload was refused, in words an editor can act on.
//!
//! Every message says what is wrong with the file and, where the editor can do something
//! about it, what to do. The web layer shows them as they are.

/// The formats an editor may upload, as said in every "wrong kind of file" message.
const ACCEPTED: &str = "upload a JPEG, PNG, WebP or GIF";

/// Why an upload could not be turned into web variants.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("the file is empty; {ACCEPTED}")]
    Empty,

    /// Larger than [`Limits::max_bytes`](crate::Limits::max_bytes); checked before anything
    /// else looks at the bytes.
    #[error("{}", too_large(.size, .limit))]
    TooLarge { size: u64, limit: u64 },

    /// Not an image at all. `looks_like` names what it seems to be, with its article
    /// ("a PDF", "a Word document"), when the first bytes tell.
    #[error("{}", not_an_image(.looks_like))]
    NotAnImage { looks_like: Option<&'static str> },

    /// An image, but in a format browsers cannot show or that is unsafe to serve (HEIC,
    /// TIFF/RAW, SVG, PSD…). `kind` has its article ("a HEIC photo").
    #[error("this is {kind}, which cannot be published as it is; {advice}")]
    UnsupportedImage {
        kind: &'static str,
        advice: &'static str,
    },

    /// More pixels than [`Limits::max_pixels`](crate::Limits::max_pixels), read from the
    /// header before any pixel is decoded.
    #[error("{}", too_many_pixels(.width, .height, .limit))]
    TooManyPixels { width: u32, height: u32, limit: u64 },

    /// A side longer than [`Limits::max_dimension`](crate::Limits::max_dimension).
    #[error(
        "the image is {width} × {height} pixels; no side may be longer than {limit} pixels \
         — crop or scale it down and upload again"
    )]
    TooLong { width: u32, height: u32, limit: u32 },

    #[error("the image is {width} × {height} pixels, so there is nothing to show; export it again")]
    NoPixels { width: u32, height: u32 },

    /// The decoder's own allocation limit (the second guard) refused the image although its
    /// header passed the pixel checks.
    #[error(
        "the image is {width} × {height} pixels and needs more memory to open than allowed \
         — scale it down and upload again"
    )]
    NeedsTooMuchMemory { width: u32, height: u32 },

    /// The decoder failed: a damaged, truncated or exotic file. Holds the decoder's message.
    #[error("the image could not be read: {0} — it may be damaged or incomplete; export it again")]
    Unreadable(String),

    /// Encoding a variant failed. Not the editor's doing.
    #[error(
        "the image could not be converted for the web ({0}); this is a fault on our side \
         — please report it together with the file"
    )]
    Encode(String),
}

fn not_an_image(looks_like: &Option<&'static str>) -> String {
    match looks_like {
        Some(kind) => format!("this file is not an image (it looks like {kind}); {ACCEPTED}"),
        None => format!("this file is not an image we can read; {ACCEPTED}"),
    }
}

fn too_large(size: &u64, limit: &u64) -> String {
    let (mut shown, limit_shown) = (megabytes(*size), megabytes(*limit));
    // "the file is 25 MB; the limit is 25 MB" would read as a contradiction: be exact instead.
    if shown == limit_shown {
        shown = format!("{size} bytes");
    }
    format!("the file is {shown}; the limit is {limit_shown} — export a smaller JPEG")
}

fn too_many_pixels(width: &u32, height: &u32, limit: &u64) -> String {
    let pixels = u64::from(*width) * u64::from(*height);
    let (mut shown, limit_shown) = (megapixels(pixels), megapixels(*limit));
    if shown == limit_shown {
        shown = format!("{pixels} pixels");
    }
    format!(
        "the image is {width} × {height} pixels ({shown}); the limit is {limit_shown} \
         — scale it down and upload again"
    )
}

/// Sizes in binary megabytes labelled "MB", as file managers and editors' tools show them,
/// so that the 25 MiB default reads as "25 MB".
pub(crate) fn megabytes(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes < 1024 * 1024 / 10 {
        return format!("{} KB", one_decimal(bytes as f64 / 1024.0));
    }
    format!("{} MB", one_decimal(bytes as f64 / MIB))
}

pub(crate) fn megapixels(pixels: u64) -> String {
    format!("{} megapixels", one_decimal(pixels as f64 / 1_000_000.0))
}

/// One decimal, without a trailing ".0" ("25", "51.2").
fn one_decimal(value: f64) -> String {
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(megabytes(25 * 1024 * 1024), "25 MB");
        assert_eq!(megabytes(53_687_091), "51.2 MB");
        assert_eq!(megabytes(2048), "2 KB");
        assert_eq!(megapixels(400_000_000), "400 megapixels");
        assert_eq!(megapixels(40_000_000), "40 megapixels");
        assert_eq!(megapixels(12_345_678), "12.3 megapixels");
    }

    #[test]
    fn messages_say_what_to_fix() {
        let e = MediaError::TooLarge {
            size: 53_687_091,
            limit: 25 * 1024 * 1024,
        };
        assert_eq!(
            e.to_string(),
            "the file is 51.2 MB; the limit is 25 MB — export a smaller JPEG"
        );
        let e = MediaError::NotAnImage {
            looks_like: Some("a PDF"),
        };
        assert_eq!(
            e.to_string(),
            "this file is not an image (it looks like a PDF); upload a JPEG, PNG, WebP or GIF"
        );
        let e = MediaError::TooManyPixels {
            width: 20_000,
            height: 20_000,
            limit: 40_000_000,
        };
        assert!(
            e.to_string().starts_with(
                "the image is 20000 × 20000 pixels (400 megapixels); the limit is 40 megapixels"
            ),
            "{e}"
        );
        // A size just over the limit is not shown as equal to it.
        let e = MediaError::TooLarge {
            size: 25 * 1024 * 1024 + 1,
            limit: 25 * 1024 * 1024,
        };
        assert!(
            e.to_string()
                .starts_with("the file is 26214401 bytes; the limit is 25 MB")
        );
    }
}
