//! `process` and `sniff` on images built here in code: every accepted format, files that
//! are not images, oversized files, a decompression bomb, a photo carrying EXIF with GPS
//! and an orientation, transparency and animation.

use std::io::Cursor;
use std::time::{Duration, Instant};

use broadsheet_media::{
    DEFAULT_WIDTHS, Format, Limits, MAX_VARIANT_WIDTH, MediaError, Processed, Variant,
    content_hash, process, sniff,
};
use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{
    Delay, DynamicImage, ExtendedColorType, Frame, GenericImageView, ImageEncoder, Rgb, RgbImage,
    Rgba, RgbaImage,
};

// ---- test images ------------------------------------------------------------------------

/// A photo-like image: smooth gradients with a little deterministic noise.
fn photo(width: u32, height: u32) -> RgbImage {
    let mut seed: u32 = 0x1234_5678;
    RgbImage::from_fn(width, height, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let noise = (seed >> 28) as u8;
        Rgb([
            ((x * 255 / width.max(1)) as u8).saturating_add(noise),
            ((y * 255 / height.max(1)) as u8).saturating_add(noise),
            (((x + y) * 127 / (width + height)) as u8).saturating_add(noise),
        ])
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("JPEG encoded");
    out
}

fn png_rgba(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )
        .expect("PNG encoded");
    out
}

fn png(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("PNG encoded");
    out
}

fn webp_lossless(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("WebP encoded");
    out
}

fn gif(frames: &[RgbaImage]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut out);
        encoder
            .encode_frames(frames.iter().map(|image| {
                Frame::from_parts(image.clone(), 0, 0, Delay::from_numer_denom_ms(100, 1))
            }))
            .expect("GIF encoded");
    }
    out
}

fn solid(width: u32, height: u32, colour: [u8; 4]) -> RgbaImage {
    RgbaImage::from_pixel(width, height, Rgba(colour))
}

fn decode(variant: &Variant) -> DynamicImage {
    let image = image::load_from_memory(&variant.bytes).expect("variant decodes");
    assert_eq!(
        (image.width(), image.height()),
        (variant.width, variant.height),
        "{variant:?} decodes to other dimensions"
    );
    image
}

fn close(actual: [u8; 3], expected: [u8; 3], tolerance: u8) -> bool {
    actual
        .iter()
        .zip(expected)
        .all(|(a, e)| a.abs_diff(e) <= tolerance)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn ok(bytes: &[u8]) -> Processed {
    process(bytes, &Limits::default(), DEFAULT_WIDTHS).expect("upload accepted")
}

// ---- a PNG that claims to be 30000 × 30000 ------------------------------------------------

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, entry) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *entry = c;
    }
    let mut crc = !0u32;
    for &byte in data {
        crc = table[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// Deflate bits, least significant first (RFC 1951).
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.len;
        self.len += count;
        while self.len >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    /// Huffman codes go most significant bit first.
    fn code(&mut self, code: u64, count: u32) {
        let reversed = code.reverse_bits() >> (64 - count);
        self.put(reversed, count);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A complete, valid greyscale PNG of `width` × `height` black pixels, written the way a
/// bomb is: one fixed-Huffman deflate block of 258-byte back-references, about 1:1300.
fn black_png(width: u32, height: u32) -> Vec<u8> {
    let raw = u64::from(height) * (u64::from(width) + 1); // a filter byte per row
    let mut bits = Bits::default();
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    let literal_zero = (0b0011_0000, 8);
    bits.code(literal_zero.0, literal_zero.1);
    let mut left = raw - 1;
    // Length 258 is code 285 (11000101); distance 1 is distance code 0 (00000).
    while left >= 258 {
        bits.code(0b1100_0101, 8);
        bits.code(0, 5);
        left -= 258;
    }
    for _ in 0..left {
        bits.code(literal_zero.0, literal_zero.1);
    }
    bits.code(0, 7); // end of block (256)
    let mut zlib = vec![0x78, 0x01];
    zlib.extend(bits.finish());
    // Adler-32 of zeros: a stays 1, b grows by 1 per byte.
    let adler = ((raw % 65_521) << 16) | 1;
    zlib.extend_from_slice(&(adler as u32).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale, deflate, no interlace
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &zlib);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

// ---- a JPEG carrying EXIF: orientation 6, GPS position, camera serial ---------------------

const LATITUDE: [u32; 6] = [51, 1, 28, 1, 4127, 100];
const LONGITUDE: [u32; 6] = [0, 1, 7, 1, 3913, 100];
const SERIAL: &[u8] = b"SN-4815162342\0";

struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    payload: Vec<u8>,
}

fn entry(tag: u16, kind: u16, count: u32, payload: Vec<u8>) -> Entry {
    Entry {
        tag,
        kind,
        count,
        payload,
    }
}

fn rationals(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn ifd_len(entries: &[Entry]) -> u32 {
    let outside: usize = entries
        .iter()
        .filter(|e| e.payload.len() > 4)
        .map(|e| e.payload.len())
        .sum();
    (2 + 12 * entries.len() + 4 + outside) as u32
}

/// One little-endian IFD starting at `start` (offset from the TIFF header), followed by the
/// values that do not fit in an entry.
fn ifd(start: u32, entries: &[Entry]) -> Vec<u8> {
    let mut out = (entries.len() as u16).to_le_bytes().to_vec();
    let mut data = Vec::new();
    let data_start = start + 2 + 12 * entries.len() as u32 + 4;
    for e in entries {
        out.extend_from_slice(&e.tag.to_le_bytes());
        out.extend_from_slice(&e.kind.to_le_bytes());
        out.extend_from_slice(&e.count.to_le_bytes());
        if e.payload.len() <= 4 {
            let mut inline = e.payload.clone();
            inline.resize(4, 0);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&(data_start + data.len() as u32).to_le_bytes());
            data.extend_from_slice(&e.payload);
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    out.extend(data);
    out
}

fn exif_app1() -> Vec<u8> {
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    let exif = vec![entry(0xA431, ASCII, SERIAL.len() as u32, SERIAL.to_vec())];
    let gps = vec![
        entry(0x0000, 1, 4, vec![2, 3, 0, 0]),
        entry(0x0001, ASCII, 2, b"N\0".to_vec()),
        entry(0x0002, RATIONAL, 3, rationals(&LATITUDE)),
        entry(0x0003, ASCII, 2, b"W\0".to_vec()),
        entry(0x0004, RATIONAL, 3, rationals(&LONGITUDE)),
    ];
    let ifd0 = |exif_at: u32, gps_at: u32| {
        vec![
            entry(0x010F, ASCII, 6, b"Canon\0".to_vec()),
            entry(0x0112, SHORT, 1, 6u16.to_le_bytes().to_vec()),
            entry(0x8769, LONG, 1, exif_at.to_le_bytes().to_vec()),
            entry(0x8825, LONG, 1, gps_at.to_le_bytes().to_vec()),
        ]
    };
    let exif_at = 8 + ifd_len(&ifd0(0, 0));
    let gps_at = exif_at + ifd_len(&exif);
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend(ifd(8, &ifd0(exif_at, gps_at)));
    tiff.extend(ifd(exif_at, &exif));
    tiff.extend(ifd(gps_at, &gps));

    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend(tiff);
    segment
}

/// 64 × 32, red on the left and blue on the right, stored sideways as a phone does.
fn sideways_jpeg_with_exif() -> Vec<u8> {
    let image = RgbImage::from_fn(64, 32, |x, _| {
        if x < 32 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let encoded = jpeg(&image);
    assert_eq!(&encoded[..2], b"\xFF\xD8");
    let mut out = encoded[..2].to_vec();
    out.extend(exif_app1());
    out.extend_from_slice(&encoded[2..]);
    out
}

// ---- tests ----------------------------------------------------------------------------------

#[test]
fn accepted_formats_are_recognised_by_content() {
    let picture = photo(120, 80);
    let rgba = DynamicImage::ImageRgb8(picture.clone()).into_rgba8();
    let cases = [
        (Format::Jpeg, jpeg(&picture)),
        (Format::Png, png(&picture)),
        (Format::Gif, gif(&[rgba])),
        (Format::Webp, webp_lossless(&picture)),
    ];
    for (format, bytes) in cases {
        assert_eq!(sniff(&bytes).unwrap(), format);
        let processed = ok(&bytes);
        assert_eq!(processed.format, format);
        assert_eq!((processed.width, processed.height), (120, 80));
        // Smaller than every default width: one JPEG and one WebP at the image's own size.
        assert_eq!(processed.variants.len(), 2, "{format:?}");
        for variant in &processed.variants {
            decode(variant);
            assert_eq!(sniff(&variant.bytes).unwrap().mime(), variant.mime);
        }
    }
    assert_eq!(Format::Webp.mime(), "image/webp");
    assert_eq!(Format::Jpeg.name(), "JPEG");
}

#[test]
fn a_pdf_named_jpg_is_refused_as_a_pdf() {
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    let error = process(pdf, &Limits::default(), DEFAULT_WIDTHS).unwrap_err();
    assert!(
        matches!(
            error,
            MediaError::NotAnImage {
                looks_like: Some("a PDF")
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "this file is not an image (it looks like a PDF); upload a JPEG, PNG, WebP or GIF"
    );
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    // Starts like a PDF: had anything looked inside, the refusal would name the PDF.
    let mut bytes = vec![0u8; 50 * 1024 * 1024];
    bytes[..5].copy_from_slice(b"%PDF-");
    let error = process(&bytes, &Limits::default(), DEFAULT_WIDTHS).unwrap_err();
    assert!(
        matches!(error, MediaError::TooLarge { size, limit }
            if size == 50 * 1024 * 1024 && limit == 25 * 1024 * 1024),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the file is 50 MB; the limit is 25 MB — export a smaller JPEG"
    );
}

#[test]
fn the_bomb_generator_makes_valid_pngs() {
    let small = black_png(300, 200);
    let image = image::load_from_memory(&small).unwrap();
    assert_eq!(image.dimensions(), (300, 200));
    assert!(image.to_luma8().pixels().all(|p| p.0 == [0]));
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = black_png(30_000, 30_000);
    assert!(bomb.len() < 8 * 1024 * 1024, "{} bytes", bomb.len());
    let start = Instant::now();
    let error = process(&bomb, &Limits::default(), DEFAULT_WIDTHS).unwrap_err();
    let elapsed = start.elapsed();
    assert!(
        matches!(
            error,
            MediaError::TooManyPixels {
                width: 30_000,
                height: 30_000,
                limit: 40_000_000
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with(
            "the image is 30000 × 30000 pixels (900 megapixels); the limit is 40 megapixels"
        ),
        "{error}"
    );
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
}

#[test]
fn a_side_too_long_is_refused() {
    let strip = black_png(13_000, 2);
    let error = process(&strip, &Limits::default(), DEFAULT_WIDTHS).unwrap_err();
    assert!(
        matches!(
            error,
            MediaError::TooLong {
                width: 13_000,
                height: 2,
                limit: 12_000
            }
        ),
        "{error:?}"
    );
}

#[test]
fn custom_limits_apply() {
    let small = png(&photo(20, 20));
    let limits = Limits {
        max_pixels: 100,
        ..Limits::default()
    };
    assert!(matches!(
        process(&small, &limits, DEFAULT_WIDTHS),
        Err(MediaError::TooManyPixels { .. })
    ));
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(
        process(&small, &limits, DEFAULT_WIDTHS),
        Err(MediaError::TooLarge { .. })
    ));
}

#[test]
fn exif_orientation_is_applied_and_no_metadata_survives() {
    let upload = sideways_jpeg_with_exif();
    // The crafted EXIF is really there: the GPS pointer leads to the latitude, and the
    // decoder sees the orientation.
    let tiff = &upload[2 + 4 + 6..];
    let u16_at = |at: usize| u16::from_le_bytes([tiff[at], tiff[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(tiff[at..at + 4].try_into().expect("4 bytes"));
    let find = |ifd: usize, tag: u16| {
        (0..usize::from(u16_at(ifd)))
            .map(|i| ifd + 2 + 12 * i)
            .find(|&e| u16_at(e) == tag)
            .map(|e| u32_at(e + 8) as usize)
            .expect("tag present")
    };
    let gps = find(u32_at(4) as usize, 0x8825);
    let latitude = find(gps, 0x0002);
    assert_eq!(tiff[latitude..latitude + 24], rationals(&LATITUDE));
    let mut decoder =
        image::codecs::jpeg::JpegDecoder::new(Cursor::new(upload.as_slice())).unwrap();
    assert_eq!(
        image::ImageDecoder::orientation(&mut decoder).unwrap(),
        image::metadata::Orientation::Rotate90
    );

    let processed = ok(&upload);
    assert_eq!((processed.width, processed.height), (32, 64));
    assert_eq!(processed.variants.len(), 2);
    let secrets: [&[u8]; 6] = [
        b"Exif",
        b"Canon",
        b"SN-4815162342",
        &rationals(&LATITUDE),
        &rationals(&LONGITUDE),
        &rationals(&LATITUDE[4..]),
    ];
    for variant in &processed.variants {
        assert_eq!((variant.width, variant.height), (32, 64));
        for secret in secrets {
            assert!(
                !contains(&variant.bytes, secret),
                "{variant:?} still contains {secret:?}"
            );
        }
        // Orientation 6 turns the picture clockwise: its left half (red) is now on top.
        let shown = decode(variant).to_rgb8();
        assert!(
            close(shown.get_pixel(16, 8).0, [220, 20, 20], 40),
            "{:?}",
            shown.get_pixel(16, 8)
        );
        assert!(
            close(shown.get_pixel(16, 56).0, [20, 20, 220], 40),
            "{:?}",
            shown.get_pixel(16, 56)
        );
    }
}

#[test]
fn variants_cover_the_widths_and_never_enlarge() {
    // Wider than the cap: 480, 960, 1600 and 2400 (its own width, capped).
    let wide = png(&photo(3000, 300));
    let processed = ok(&wide);
    let sizes: Vec<(u32, u32, &str, &str)> = processed
        .variants
        .iter()
        .map(|v| (v.width, v.height, v.mime, v.extension))
        .collect();
    assert_eq!(
        sizes,
        [
            (480, 48, "image/jpeg", "jpg"),
            (480, 48, "image/webp", "webp"),
            (960, 96, "image/jpeg", "jpg"),
            (960, 96, "image/webp", "webp"),
            (1600, 160, "image/jpeg", "jpg"),
            (1600, 160, "image/webp", "webp"),
            (MAX_VARIANT_WIDTH, 240, "image/jpeg", "jpg"),
            (MAX_VARIANT_WIDTH, 240, "image/webp", "webp"),
        ]
    );
    for variant in &processed.variants {
        decode(variant);
    }

    // Narrower than some widths: those are skipped, never upscaled; 0, repeats and the
    // image's own width (700) give no extra variant.
    let narrow = jpeg(&photo(700, 500));
    let processed = process(&narrow, &Limits::default(), &[0, 480, 480, 700, 960, 1600]).unwrap();
    let widths: Vec<(u32, u32)> = processed
        .variants
        .iter()
        .map(|v| (v.width, v.height))
        .collect();
    assert_eq!(widths, [(480, 343), (480, 343), (700, 500), (700, 500)]);
    assert!(
        processed
            .variants
            .iter()
            .all(|v| v.width <= processed.width && v.height <= processed.height)
    );
}

#[test]
fn webp_variants_are_lossy() {
    let processed = ok(&jpeg(&photo(1000, 700)));
    for variant in processed.variants.iter().filter(|v| v.mime == "image/webp") {
        // "VP8 " is the lossy bitstream; "VP8L" would be lossless.
        assert_eq!(&variant.bytes[12..16], b"VP8 ", "{variant:?}");
    }
}

#[test]
fn transparency_is_kept_in_webp_and_flattened_onto_white_in_jpeg() {
    // Left half fully transparent (with a colour that must not show), right half red.
    let image = RgbaImage::from_fn(64, 64, |x, _| {
        if x < 32 {
            Rgba([0, 255, 0, 0])
        } else {
            Rgba([200, 0, 0, 255])
        }
    });
    let processed = ok(&png_rgba(&image));
    let [jpeg_variant, webp_variant] = processed.variants.as_slice() else {
        panic!("{:?}", processed.variants);
    };
    assert_eq!(jpeg_variant.mime, "image/jpeg");
    let flat = decode(jpeg_variant).to_rgb8();
    assert!(
        close(flat.get_pixel(8, 32).0, [255, 255, 255], 8),
        "{:?}",
        flat.get_pixel(8, 32)
    );
    assert!(close(flat.get_pixel(56, 32).0, [200, 0, 0], 30));

    let with_alpha = decode(webp_variant);
    assert!(with_alpha.color().has_alpha());
    let with_alpha = with_alpha.to_rgba8();
    assert_eq!(with_alpha.get_pixel(8, 32)[3], 0);
    let right = with_alpha.get_pixel(56, 32).0;
    assert_eq!(right[3], 255);
    assert!(
        close([right[0], right[1], right[2]], [200, 0, 0], 30),
        "{right:?}"
    );
}

#[test]
fn an_animated_gif_gives_its_first_frame() {
    let frames = [
        solid(32, 32, [230, 10, 10, 255]),
        solid(32, 32, [10, 10, 230, 255]),
    ];
    let processed = ok(&gif(&frames));
    assert_eq!(processed.format, Format::Gif);
    for variant in &processed.variants {
        let shown = decode(variant).to_rgb8();
        assert!(
            close(shown.get_pixel(16, 16).0, [230, 10, 10], 30),
            "{:?}",
            shown.get_pixel(16, 16)
        );
    }
}

#[test]
fn output_is_deterministic() {
    let upload = jpeg(&photo(1100, 600));
    assert_eq!(ok(&upload), ok(&upload));
}

#[test]
fn the_hash_is_the_sha256_of_the_upload() {
    assert_eq!(
        content_hash(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let upload = png(&photo(50, 40));
    let processed = ok(&upload);
    assert_eq!(processed.sha256, content_hash(&upload));
    assert!(
        processed
            .variants
            .iter()
            .all(|v| content_hash(&v.bytes) != processed.sha256)
    );
}

#[test]
fn damaged_images_are_refused_readably() {
    let mut truncated = png(&photo(50, 40));
    truncated.truncate(40);
    let error = ok_err(&truncated);
    assert!(matches!(error, MediaError::Unreadable(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("the image could not be read: ")
    );
}

fn ok_err(bytes: &[u8]) -> MediaError {
    process(bytes, &Limits::default(), DEFAULT_WIDTHS).expect_err("upload refused")
}
