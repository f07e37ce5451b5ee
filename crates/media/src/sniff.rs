//! Recognising a file by its first bytes, never by its name: an upload's name and declared
//! type are whatever the browser or the editor's tools made of them.
//!
//! Besides the four accepted formats, common files are recognised only well enough to name
//! them in the refusal ("it looks like a PDF"), which tells an editor what went wrong far
//! better than "unsupported format".

use crate::{Format, MediaError};

/// Finds the format from the content. See [`crate::sniff`].
pub(crate) fn sniff(bytes: &[u8]) -> Result<Format, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if let Some(format) = accepted(bytes) {
        return Ok(format);
    }
    Err(match other(bytes) {
        Some(Other::Image { kind, advice }) => MediaError::UnsupportedImage { kind, advice },
        Some(Other::NotImage(looks_like)) => MediaError::NotAnImage {
            looks_like: Some(looks_like),
        },
        None => MediaError::NotAnImage { looks_like: None },
    })
}

fn accepted(b: &[u8]) -> Option<Format> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some(Format::Gif)
    } else if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        Some(Format::Webp)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum Other {
    /// An image format we do not take, with what to do instead.
    Image {
        kind: &'static str,
        advice: &'static str,
    },
    NotImage(&'static str),
}

const EXPORT: &str = "export it as JPEG or PNG and upload again";

fn image(kind: &'static str) -> Option<Other> {
    Some(Other::Image {
        kind,
        advice: EXPORT,
    })
}

fn not_image(looks_like: &'static str) -> Option<Other> {
    Some(Other::NotImage(looks_like))
}

fn other(b: &[u8]) -> Option<Other> {
    let head = &b[..b.len().min(1024)];

    // ISO media files (HEIC, AVIF, MP4, MOV) carry a brand list in an "ftyp" box at offset 4.
    if b.get(4..8) == Some(b"ftyp") {
        let brands = &b[..b.len().min(64)];
        return if contains(brands, b"avif") || contains(brands, b"avis") {
            image("an AVIF image")
        } else if [
            "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1",
        ]
        .iter()
        .any(|brand| contains(brands, brand.as_bytes()))
        {
            // The iPhone's default; the setting is where most editors can fix it for good.
            Some(Other::Image {
                kind: "a HEIC photo (the iPhone's own format)",
                advice: "export it as JPEG and upload again (on the iPhone, Settings → Camera \
                         → Formats → Most Compatible takes JPEGs from now on)",
            })
        } else if contains(brands, b"crx ") {
            image("a camera RAW file")
        } else {
            not_image("a video (MP4 or MOV)")
        };
    }

    // A PDF may have a few bytes of junk before its header; readers accept it in the
    // first kilobyte, so we look as far.
    if contains(head, b"%PDF-") {
        return not_image("a PDF");
    }
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") {
        return not_image(zip_kind(b));
    }

    let magic: &[(&[u8], Option<Other>)] = &[
        (b"II*\0", image("a TIFF image or camera RAW file")),
        (b"MM\0*", image("a TIFF image or camera RAW file")),
        (b"FUJIFILMCCD-RAW", image("a camera RAW file")),
        (b"8BPS", {
            Some(Other::Image {
                kind: "a Photoshop (PSD) file",
                advice: "export it from Photoshop as JPEG or PNG and upload again",
            })
        }),
        (b"\xFF\x0A", image("a JPEG XL image")),
        (b"\0\0\0\x0CJXL \r\n\x87\n", image("a JPEG XL image")),
        (b"\0\0\0\x0CjP  \r\n\x87\n", image("a JPEG 2000 image")),
        (b"\xFF\x4F\xFF\x51", image("a JPEG 2000 image")),
        (b"\0\0\x01\0", image("an icon (ICO) file")),
        (b"\xC5\xD0\xD3\xC6", image("an EPS graphic")),
        (b"%!PS-Adobe", image("a PostScript or EPS graphic")),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", {
            not_image("an older Office document (.doc, .xls or .ppt)")
        }),
        (b"{\\rtf", not_image("an RTF document")),
        (b"ID3", not_image("an audio file (MP3)")),
        (b"OggS", not_image("an audio or video file (Ogg)")),
        (b"fLaC", not_image("an audio file (FLAC)")),
        (b"\x1A\x45\xDF\xA3", not_image("a video (WebM or MKV)")),
        (b"\x1F\x8B", not_image("a compressed (gzip) file")),
        (b"7z\xBC\xAF\x27\x1C", not_image("a 7-Zip archive")),
        (b"Rar!\x1A\x07", not_image("a RAR archive")),
        (b"MZ", not_image("a Windows program")),
        (b"\x7FELF", not_image("a program")),
    ];
    for (prefix, kind) in magic {
        if b.starts_with(prefix) {
            return *kind;
        }
    }
    if b.starts_with(b"RIFF") {
        return match b.get(8..12) {
            Some(b"WAVE") => not_image("an audio file (WAV)"),
            Some(b"AVI ") => not_image("a video (AVI)"),
            _ => None,
        };
    }
    // BMP's "BM" is short, so also require its reserved header bytes to be zero.
    if b.starts_with(b"BM") && b.get(6..10) == Some(&[0, 0, 0, 0]) {
        return image("a BMP image");
    }
    text_kind(head)
}

/// Office documents and e-books are ZIP files; their member names tell them apart. The names
/// sit in the local headers near the start and in the central directory at the end.
fn zip_kind(b: &[u8]) -> &'static str {
    const WINDOW: usize = 64 * 1024;
    let start = &b[..b.len().min(WINDOW)];
    let end = &b[b.len().saturating_sub(WINDOW)..];
    let has = |needle: &[u8]| contains(start, needle) || contains(end, needle);
    if has(b"mimetypeapplication/epub+zip") {
        "an e-book (EPUB)"
    } else if has(b"mimetypeapplication/vnd.oasis.opendocument") {
        "an OpenDocument file"
    } else if has(b"word/") {
        "a Word document"
    } else if has(b"xl/") {
        "an Excel spreadsheet"
    } else if has(b"ppt/") {
        "a PowerPoint presentation"
    } else {
        "a ZIP archive"
    }
}

/// SVG, HTML, XML and plain text, from the first kilobyte.
fn text_kind(head: &[u8]) -> Option<Other> {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = text.trim_ascii_start().to_ascii_lowercase();
    if contains(&text, b"<svg") {
        // Served from our own origin, an SVG can run scripts: never accepted as an upload.
        return Some(Other::Image {
            kind: "an SVG drawing",
            advice: "SVG files can carry scripts, so export it as PNG and upload that",
        });
    }
    if text.starts_with(b"<!doctype html")
        || text.starts_with(b"<html")
        || contains(&text, b"<html")
        || contains(&text, b"<body")
    {
        return not_image("a web page (HTML)");
    }
    if text.starts_with(b"<?xml") {
        return not_image("an XML document");
    }
    // Text cut at 1 KB may end inside a UTF-8 sequence; judge only what is complete.
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let printable = valid
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    if printable && !valid.is_empty() {
        return not_image("a text file");
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(bytes: &[u8]) -> String {
        match sniff(bytes) {
            Ok(format) => panic!("accepted as {format:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn names_common_files() {
        assert!(refusal(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").contains("looks like a PDF"));
        let mut docx = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
        docx.extend_from_slice(b"[Content_Types].xml...word/document.xml");
        assert!(refusal(&docx).contains("a Word document"));
        assert!(refusal(b"PK\x03\x04rest").contains("a ZIP archive"));
        assert!(refusal(b"\n<!DOCTYPE html><html><body>").contains("a web page (HTML)"));
        assert!(refusal(b"hello, this is a note").contains("a text file"));
        assert!(refusal(b"\0\x01\x02\x03\x04").contains("not an image we can read"));
    }

    #[test]
    fn names_unsupported_images() {
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert!(refusal(svg).contains("an SVG drawing"));
        assert!(refusal(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").contains("HEIC"));
        assert!(refusal(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1").contains("AVIF"));
        assert!(refusal(b"\0\0\0\x18ftypisom\0\0\0\0isomiso2").contains("video"));
        assert!(refusal(b"II*\0\x08\0\0\0").contains("TIFF"));
        assert!(refusal(b"BM\x36\0\0\0\0\0\0\0\x36\0").contains("BMP"));
        assert!(refusal(b"8BPS\0\x01").contains("Photoshop"));
    }

    #[test]
    fn empty_file() {
        assert!(matches!(sniff(b""), Err(MediaError::Empty)));
    }
}
