//! Pictures for the demo paper, drawn here so that nothing is downloaded: city skylines
//! at different hours for photos, and simple portraits for author avatars.

use image::{ImageEncoder, Rgb, RgbImage};

/// A small deterministic random source (splitmix64).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn range(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high.saturating_sub(low).max(1))) as u32
    }
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn pixel(c: [f32; 3]) -> Rgb<u8> {
    Rgb([
        c[0].clamp(0.0, 255.0) as u8,
        c[1].clamp(0.0, 255.0) as u8,
        c[2].clamp(0.0, 255.0) as u8,
    ])
}

/// Skies by hour: (top, horizon) colours.
const SKIES: &[([f32; 3], [f32; 3])] = &[
    ([40.0, 90.0, 170.0], [180.0, 210.0, 235.0]),   // midday
    ([25.0, 30.0, 80.0], [240.0, 140.0, 80.0]),     // sunset
    ([10.0, 12.0, 35.0], [50.0, 60.0, 110.0]),      // night
    ([120.0, 150.0, 200.0], [250.0, 200.0, 170.0]), // dawn
    ([110.0, 115.0, 125.0], [190.0, 190.0, 195.0]), // overcast
];

/// A skyline photo as JPEG bytes.
pub fn skyline_jpeg(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut dice = Dice(seed);
    let (top, horizon) = SKIES[(dice.next() % SKIES.len() as u64) as usize];
    let night = top[2] < 40.0;
    let mut img = RgbImage::new(width, height);
    let ground = height * 3 / 4;
    for y in 0..height {
        let t = (y as f32 / ground as f32).min(1.0);
        let sky = pixel(mix(top, horizon, t * t));
        for x in 0..width {
            img.put_pixel(x, y, sky);
        }
    }
    // The sun or the moon.
    let (cx, cy) = (
        dice.range(width / 8, width * 7 / 8) as f32,
        dice.range(height / 8, height / 2) as f32,
    );
    let radius = dice.range(height / 20, height / 9) as f32;
    let disc = if night {
        [235.0, 235.0, 220.0]
    } else {
        [255.0, 230.0, 160.0]
    };
    for y in 0..ground {
        for x in 0..width {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            if d < radius * 2.5 {
                let glow = (1.0 - d / (radius * 2.5)).max(0.0) * 0.35;
                let current = img.get_pixel(x, y).0.map(f32::from);
                let t = if d < radius { 1.0 } else { glow };
                img.put_pixel(x, y, pixel(mix(current, disc, t)));
            }
        }
    }
    // Three rows of buildings, the nearest darkest, with lit windows at night.
    for layer in 0..3u32 {
        let shade = 70.0 - layer as f32 * 25.0 + if night { -30.0 } else { 0.0 };
        let tint = mix(
            horizon,
            [shade, shade, shade + 8.0],
            0.75 + layer as f32 * 0.08,
        );
        let mut x = 0;
        while x < width {
            let w = dice.range(width / 40, width / 12);
            let h = dice.range(height / 10, height * (4 + layer) / 10);
            let top_y = ground.saturating_sub(h) + layer * height / 30;
            let lit = night || layer == 2;
            for by in top_y..height {
                for bx in x..(x + w).min(width) {
                    let window = lit
                        && by > top_y + 4
                        && by < ground
                        && (bx - x) % 7 < 3
                        && (by - top_y) % 9 < 4
                        && dice.unit() < 0.02 + if night { 0.5 } else { 0.0 };
                    let colour = if window { [250.0, 215.0, 120.0] } else { tint };
                    img.put_pixel(bx, by, pixel(colour));
                }
            }
            x += w + dice.range(0, width / 80);
        }
    }
    // A river in front.
    for y in ground + height / 12..height {
        let t = (y - ground) as f32 / (height - ground) as f32;
        for x in 0..width {
            let ripple = (x as f32 / 9.0 + y as f32 / 3.0).sin() * 6.0;
            let water = mix(mix(top, horizon, 0.6), [20.0, 30.0, 45.0], t);
            img.put_pixel(
                x,
                y,
                pixel([water[0] + ripple, water[1] + ripple, water[2] + ripple]),
            );
        }
    }
    encode_jpeg(&img)
}

/// A head-and-shoulders portrait on a coloured ground, as JPEG bytes.
pub fn avatar_jpeg(seed: u64, size: u32) -> Vec<u8> {
    let mut dice = Dice(seed ^ 0xA5A5_5A5A);
    let background = [
        dice.range(60, 200) as f32,
        dice.range(60, 200) as f32,
        dice.range(60, 200) as f32,
    ];
    let skin = [
        [241.0, 194.0, 167.0],
        [224.0, 172.0, 105.0],
        [198.0, 134.0, 66.0],
        [141.0, 85.0, 36.0],
        [92.0, 56.0, 30.0],
    ][(dice.next() % 5) as usize];
    let clothes = [
        dice.range(20, 120) as f32,
        dice.range(20, 120) as f32,
        dice.range(30, 140) as f32,
    ];
    let hair = [
        dice.range(10, 90) as f32,
        dice.range(10, 60) as f32,
        dice.range(5, 40) as f32,
    ];
    let s = size as f32;
    let mut img = RgbImage::new(size, size);
    for y in 0..size {
        for x in 0..size {
            let (fx, fy) = (x as f32, y as f32);
            let head = ((fx - s * 0.5).powi(2) / (s * 0.19).powi(2)
                + (fy - s * 0.42).powi(2) / (s * 0.23).powi(2))
                <= 1.0;
            let hair_cap = ((fx - s * 0.5).powi(2) / (s * 0.21).powi(2)
                + (fy - s * 0.34).powi(2) / (s * 0.19).powi(2))
                <= 1.0
                && fy < s * 0.36;
            let body = ((fx - s * 0.5).powi(2) / (s * 0.38).powi(2)
                + (fy - s * 1.02).powi(2) / (s * 0.36).powi(2))
                <= 1.0;
            let colour = if hair_cap {
                hair
            } else if head {
                skin
            } else if body {
                clothes
            } else {
                background
            };
            img.put_pixel(x, y, pixel(colour));
        }
    }
    encode_jpeg(&img)
}

fn encode_jpeg(img: &RgbImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 82);
    // Encoding an in-memory RGB buffer of the size we made cannot fail.
    if encoder
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .is_err()
    {
        bytes.clear();
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_real_jpegs_and_deterministic() {
        let photo = skyline_jpeg(7, 320, 180);
        assert_eq!(&photo[..2], &[0xFF, 0xD8]);
        assert_eq!(photo, skyline_jpeg(7, 320, 180));
        assert_ne!(photo, skyline_jpeg(8, 320, 180));
        let decoded = image::load_from_memory(&photo).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (320, 180));
        let avatar = avatar_jpeg(3, 96);
        assert_eq!(&avatar[..2], &[0xFF, 0xD8]);
    }
}
