//! Broadsheet media: turns an uploaded image into safe, web-ready variants.
//!
//! [`process`] takes the uploaded bytes and, in this order, refuses files that are too big
//! (before looking inside), recognises the format from the content ([`sniff`]), reads the
//! dimensions from the header and refuses pixel bombs before any large allocation, decodes
//! under an allocation limit, applies the EXIF orientation, and encodes JPEG and WebP
//! variants at a few widths. Every variant is re-encoded from pixels, so no metadata of the
//! upload (EXIF, GPS position, camera serial numbers, XMP, comments, ICC profile) reaches
//! readers.
//!
//! WebP variants are lossy (libwebp through the `webp` crate, built from vendored C source):
//! the `image` crate's own WebP encoder is lossless only, which makes photos larger than
//! the JPEG fallback and defeats the point of serving WebP.
//!
//! Output is deterministic: the same upload gives byte-identical variants, so a re-upload
//! can be recognised by [`content_hash`] and variants can be cached forever.
//!
//! Known simplifications: resizing works on sRGB values (not linear light), as most web
//! pipelines do; colour profiles are dropped, so wide-gamut (Display P3, Adobe RGB) images
//! look slightly less saturated.

mod error;
mod sniff;

use std::collections::BTreeSet;
use std::fmt;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageBuffer, ImageDecoder, ImageEncoder, ImageError,
    ImageReader, Pixel, RgbImage, RgbaImage,
};
use sha2::{Digest, Sha256};

pub use error::MediaError;

/// The widths (in pixels) that [`process`] is usually asked for: phone, tablet/column,
/// desktop. The image's own width (capped at [`MAX_VARIANT_WIDTH`]) is always added.
pub const DEFAULT_WIDTHS: &[u32] = &[480, 960, 1600];

/// The widest variant made from an image's own width: wider is never shown on a news page,
/// and an original of 8000 px would only waste storage and readers' bandwidth.
pub const MAX_VARIANT_WIDTH: u32 = 2400;

/// JPEG quality of the fallback variants: visually clean for photos at about a tenth of
/// camera-JPEG size.
pub const JPEG_QUALITY: u8 = 82;

/// libwebp quality of the WebP variants: matches JPEG 82 visually at roughly 25–35% fewer
/// bytes.
pub const WEBP_QUALITY: f32 = 78.0;

/// An accepted upload format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
        }
    }

    /// The name an editor knows the format by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
            Format::Gif => "GIF",
        }
    }

    fn image_format(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::Webp => image::ImageFormat::WebP,
            Format::Gif => image::ImageFormat::Gif,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an upload may be. The pixel limits are checked from the header, before decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Size of the uploaded file.
    pub max_bytes: u64,
    /// Width × height. Decoded, an image takes 3–8 bytes per pixel, so this bounds memory.
    pub max_pixels: u64,
    /// Longest side: a 40 000 × 1 000 strip is within the pixel limit but no use on a page.
    pub max_dimension: u32,
}

impl Default for Limits {
    /// 25 MiB, 40 megapixels, 12 000 px per side: above any camera or phone photo an editor
    /// is likely to upload, well below what would strain the server.
    fn default() -> Self {
        Limits {
            max_bytes: 25 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_dimension: 12_000,
        }
    }
}

/// One encoded variant, ready to store and serve.
#[derive(Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/webp`.
    pub mime: &'static str,
    /// `jpg` or `webp`, without the dot.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Variant {
    // The bytes would flood logs and test failures; their length is what matters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Variant")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("mime", &self.mime)
            .field("extension", &self.extension)
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .finish()
    }
}

/// The outcome of [`process`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// The uploaded format.
    pub format: Format,
    /// As displayed, i.e. after the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    /// Lowercase hex SHA-256 of the uploaded bytes (not of any variant).
    pub sha256: String,
    /// Sorted by width, then MIME type (JPEG before WebP).
    pub variants: Vec<Variant>,
}

/// Recognises an accepted format by the file's content (magic bytes), never by its name.
///
/// Anything else is refused, naming what it looks like where the first bytes tell (PDF,
/// Word, ZIP, HTML, SVG, HEIC, TIFF…).
pub fn sniff(bytes: &[u8]) -> Result<Format, MediaError> {
    sniff::sniff(bytes)
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0F)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Checks an upload and makes its web variants: for each of `widths` smaller than the image,
/// and for the image's own width capped at [`MAX_VARIANT_WIDTH`], a JPEG (transparency
/// flattened onto white) and a WebP (transparency kept). Requested widths are taken as
/// given, even above the cap; widths of 0 are ignored; images are never enlarged. Animated
/// GIFs and WebPs give their first frame.
///
/// This is CPU-bound and single-threaded (about 1.3 s for a 24-megapixel photo in a release
/// build, 5 s in a debug build) and holds a few hundred MB for the largest images allowed:
/// call it from a blocking task, not on the async runtime's threads, and bound how many run
/// at once.
pub fn process(bytes: &[u8], limits: &Limits, widths: &[u32]) -> Result<Processed, MediaError> {
    // Size first: nothing below may look at bytes we are going to refuse anyway.
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > limits.max_bytes {
        return Err(MediaError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    let format = sniff(bytes)?;
    let image = decode(bytes, format, limits)?;
    let (width, height) = (image.width(), image.height());
    let variants = variants(image, widths)?;
    Ok(Processed {
        format,
        width,
        height,
        sha256: content_hash(bytes),
        variants,
    })
}

/// The shapes structured data asks a news article's image in (Google's 16:9, 4:3, 1:1).
pub const CROPS: &[(u32, u32)] = &[(16, 9), (4, 3), (1, 1)];

/// A JPEG of an image cut around its centre to `ratio` (width:height) and scaled down to at
/// most `max_width` pixels wide (never enlarged). Same limits and costs as [`process`]:
/// call it from a blocking task.
pub fn crop(
    bytes: &[u8],
    limits: &Limits,
    ratio: (u32, u32),
    max_width: u32,
) -> Result<Vec<u8>, MediaError> {
    let format = sniff(bytes)?;
    let image = decode(bytes, format, limits)?;
    let (width, height) = (u64::from(image.width()), u64::from(image.height()));
    let (across, down) = (u64::from(ratio.0.max(1)), u64::from(ratio.1.max(1)));
    // The largest centred rectangle of that shape.
    let (crop_width, crop_height) = if width * down >= height * across {
        (height * across / down, height)
    } else {
        (width, width * down / across)
    };
    // Every value is at most the image's own width or height, which are u32.
    let to_u32 = |n: u64| u32::try_from(n).unwrap_or(0);
    let left = to_u32((width - crop_width) / 2);
    let top = to_u32((height - crop_height) / 2);
    let (crop_width, crop_height) = (to_u32(crop_width).max(1), to_u32(crop_height).max(1));
    let mut pixels = Pixels::new(image.crop_imm(left, top, crop_width, crop_height));
    if max_width > 0 && crop_width > max_width {
        pixels = pixels.resized(max_width, scaled_height(crop_width, crop_height, max_width));
    }
    pixels.jpeg()
}

/// Headroom for a decoder's own buffers (row buffers, palettes, Huffman tables) on top of
/// the decoded pixels.
const DECODER_OVERHEAD: u64 = 16 * 1024 * 1024;

/// The widest pixel a decoder may hand us: 16-bit RGBA (PNG).
const MAX_BYTES_PER_PIXEL: u64 = 8;

fn decode(bytes: &[u8], format: Format, limits: &Limits) -> Result<DynamicImage, MediaError> {
    // The second guard: whatever our header check below concludes, the decoder itself may
    // not allocate more than the largest acceptable image needs.
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(
        limits
            .max_pixels
            .saturating_mul(MAX_BYTES_PER_PIXEL)
            .saturating_add(DECODER_OVERHEAD),
    );
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(image_limits.clone());
    // Making the decoder reads the header only (the JPEG decoder also copies the file, which
    // has passed the size limit); no pixel buffer exists yet.
    let mut decoder = reader.into_decoder().map_err(read_error)?;

    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;

    // As `ImageReader::decode` does: charge the output buffer to the allocation budget
    // before it is allocated.
    let too_much = |_| MediaError::NeedsTooMuchMemory { width, height };
    image_limits
        .reserve(decoder.total_bytes())
        .map_err(too_much)?;
    decoder.set_limits(image_limits).map_err(read_error)?;

    // A broken EXIF block should not cost the editor the upload: show the image unrotated.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        ImageError::Limits(_) => MediaError::NeedsTooMuchMemory { width, height },
        other => read_error(other),
    })?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn read_error(error: ImageError) -> MediaError {
    MediaError::Unreadable(error.to_string())
}

fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), MediaError> {
    if width == 0 || height == 0 {
        return Err(MediaError::NoPixels { width, height });
    }
    // Pixel count first: it is what bounds memory, and the message a bomb deserves.
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    if width.max(height) > limits.max_dimension {
        return Err(MediaError::TooLong {
            width,
            height,
            limit: limits.max_dimension,
        });
    }
    Ok(())
}

/// Decoded pixels in the two shapes the encoders need.
enum Pixels {
    Opaque(RgbImage),
    /// Premultiplied alpha, so that resizing does not bleed the (invisible) colour of
    /// transparent pixels into the visible edge around them as dark or coloured fringes.
    Transparent(RgbaImage),
}

impl Pixels {
    fn new(image: DynamicImage) -> Pixels {
        if !image.color().has_alpha() {
            return Pixels::Opaque(image.into_rgb8());
        }
        let mut rgba = image.into_rgba8();
        // Many PNGs carry an alpha channel they never use; those are photos, and an RGB
        // WebP of them is smaller.
        if rgba.pixels().all(|p| p[3] == u8::MAX) {
            return Pixels::Opaque(DynamicImage::ImageRgba8(rgba).into_rgb8());
        }
        for p in rgba.pixels_mut() {
            let alpha = u16::from(p[3]);
            for c in &mut p.0[..3] {
                *c = narrow((u16::from(*c) * alpha + 127) / 255);
            }
        }
        Pixels::Transparent(rgba)
    }

    fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Opaque(p) => p.dimensions(),
            Pixels::Transparent(p) => p.dimensions(),
        }
    }

    fn resized(&self, width: u32, height: u32) -> Pixels {
        match self {
            Pixels::Opaque(p) => Pixels::Opaque(downscale(p, width, height)),
            Pixels::Transparent(p) => Pixels::Transparent(downscale(p, width, height)),
        }
    }

    /// These pixels as a JPEG (transparency flattened onto white).
    fn jpeg(&self) -> Result<Vec<u8>, MediaError> {
        match self {
            Pixels::Opaque(rgb) => encode_jpeg(rgb),
            Pixels::Transparent(premultiplied) => encode_jpeg(&flatten_on_white(premultiplied)),
        }
    }

    /// The JPEG and the WebP variant of these pixels.
    fn encode(&self) -> Result<[Variant; 2], MediaError> {
        let (width, height) = self.dimensions();
        let (jpeg, webp) = match self {
            Pixels::Opaque(rgb) => (
                encode_jpeg(rgb)?,
                encode_webp(webp::Encoder::from_rgb(rgb.as_raw(), width, height))?,
            ),
            Pixels::Transparent(premultiplied) => {
                let straight = unpremultiply(premultiplied);
                (
                    encode_jpeg(&flatten_on_white(premultiplied))?,
                    encode_webp(webp::Encoder::from_rgba(straight.as_raw(), width, height))?,
                )
            }
        };
        Ok([
            Variant {
                width,
                height,
                mime: "image/jpeg",
                extension: "jpg",
                bytes: jpeg,
            },
            Variant {
                width,
                height,
                mime: "image/webp",
                extension: "webp",
                bytes: webp,
            },
        ])
    }
}

fn variants(image: DynamicImage, widths: &[u32]) -> Result<Vec<Variant>, MediaError> {
    let (width, height) = (image.width(), image.height());
    let targets: BTreeSet<u32> = widths
        .iter()
        .copied()
        .filter(|&w| w > 0 && w < width)
        .chain([width.min(MAX_VARIANT_WIDTH)])
        .collect();
    let Some(&widest) = targets.last() else {
        return Ok(Vec::new());
    };

    let mut pixels = Pixels::new(image);
    if widest < width {
        pixels = pixels.resized(widest, scaled_height(width, height, widest));
    }
    // The smaller variants are made from the widest one rather than from the original:
    // far less work for a large photo, with no visible difference at these ratios.
    let mut variants = Vec::with_capacity(targets.len() * 2);
    for &target in targets.iter().rev() {
        if target == widest {
            variants.extend(pixels.encode()?);
        } else {
            let smaller = pixels.resized(target, scaled_height(width, height, target));
            variants.extend(smaller.encode()?);
        }
    }
    variants.sort_by(|a, b| (a.width, a.mime).cmp(&(b.width, b.mime)));
    Ok(variants)
}

/// The height that keeps the aspect ratio at `target` width, rounded, at least 1 px.
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(height).max(1)
}

/// Lanczos3: the sharpest of `image`'s filters without visible ringing on photos. Measured
/// on a 6000 × 4000 photo, a box-filter pre-shrink saved too little to be worth a second
/// resampling step.
fn downscale<P>(
    source: &ImageBuffer<P, Vec<u8>>,
    width: u32,
    height: u32,
) -> ImageBuffer<P, Vec<u8>>
where
    P: Pixel<Subpixel = u8> + 'static,
{
    imageops::resize(source, width, height, FilterType::Lanczos3)
}

fn unpremultiply(premultiplied: &RgbaImage) -> RgbaImage {
    let mut straight = premultiplied.clone();
    for p in straight.pixels_mut() {
        let alpha = u16::from(p[3]);
        if alpha == 0 {
            p.0 = [0; 4];
            continue;
        }
        for c in &mut p.0[..3] {
            // Lanczos can ring a colour slightly above its alpha: clamp.
            *c = narrow(((u16::from(*c) * 255 + alpha / 2) / alpha).min(255));
        }
    }
    straight
}

/// Over white: with premultiplied colour that is `colour + (255 - alpha)`.
fn flatten_on_white(premultiplied: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(premultiplied.width(), premultiplied.height(), |x, y| {
        let [r, g, b, a] = premultiplied.get_pixel(x, y).0;
        let white = u8::MAX - a;
        image::Rgb([
            r.saturating_add(white),
            g.saturating_add(white),
            b.saturating_add(white),
        ])
    })
}

/// The arithmetic above stays within 0..=255 by construction; saturate rather than wrap
/// should that ever be wrong.
fn narrow(value: u16) -> u8 {
    u8::try_from(value).unwrap_or(u8::MAX)
}

fn encode_jpeg(rgb: &RgbImage) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    // Writes a bare JFIF stream: no EXIF, XMP or ICC segment is added unless asked for.
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|e| MediaError::Encode(format!("JPEG: {e}")))?;
    Ok(out)
}

fn encode_webp(encoder: webp::Encoder<'_>) -> Result<Vec<u8>, MediaError> {
    // libwebp's default settings (method 4, single-threaded) are deterministic.
    let encoded = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|e| MediaError::Encode(format!("WebP: {e:?}")))?;
    Ok(encoded.to_vec())
}

#[cfg(test)]
mod crop_tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, _| image::Rgb([(x % 256) as u8, 90, 160]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image)
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("png");
        out.into_inner()
    }

    #[test]
    fn crops_take_the_centre_in_each_shape_and_never_enlarge() {
        let wide = png(1600, 900);
        for (ratio, expected) in [
            ((16, 9), (1200, 675)),
            ((4, 3), (1200, 900)),
            ((1, 1), (900, 900)),
        ] {
            let jpeg = crop(&wide, &Limits::default(), ratio, 1200).expect("crop");
            let decoded = image::load_from_memory(&jpeg).expect("a JPEG");
            assert_eq!((decoded.width(), decoded.height()), expected, "{ratio:?}");
        }
        let small = png(300, 500);
        let square = crop(&small, &Limits::default(), (1, 1), 1200).expect("crop");
        let decoded = image::load_from_memory(&square).expect("a JPEG");
        assert_eq!((decoded.width(), decoded.height()), (300, 300));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(3000, 1, 480), 1);
        assert_eq!(scaled_height(1001, 1000, 1000), 999);
    }

    #[test]
    fn premultiplied_round_trip() {
        let mut image = RgbaImage::new(2, 1);
        image.put_pixel(0, 0, image::Rgba([200, 100, 50, 128]));
        image.put_pixel(1, 0, image::Rgba([10, 20, 30, 0]));
        let Pixels::Transparent(premultiplied) = Pixels::new(DynamicImage::ImageRgba8(image))
        else {
            panic!("expected transparent pixels");
        };
        let straight = unpremultiply(&premultiplied);
        let [r, g, b, a] = straight.get_pixel(0, 0).0;
        assert_eq!(a, 128);
        assert!(r.abs_diff(200) <= 1 && g.abs_diff(100) <= 1 && b.abs_diff(50) <= 1);
        assert_eq!(straight.get_pixel(1, 0).0, [0, 0, 0, 0]);
        let flat = flatten_on_white(&premultiplied);
        assert_eq!(flat.get_pixel(1, 0).0, [255, 255, 255]);
        let [r, _, b] = flat.get_pixel(0, 0).0;
        assert!(r.abs_diff(227) <= 1 && b.abs_diff(152) <= 1, "{r} {b}");
    }
}
