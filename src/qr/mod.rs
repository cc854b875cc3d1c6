//! QR codes for survey links, as SVG (for posters, inline) and PNG (for downloads), made by the
//! binary itself.

pub mod routes;
pub mod views;

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};

/// Quiet zone around the code, in modules (the standard asks for 4).
const QUIET: usize = 4;

fn code(text: &str) -> Result<QrCode, qrcode::types::QrError> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
}

/// An SVG QR code for `text`, sized by CSS, with an accessible title.
pub fn svg(text: &str, title: &str) -> Result<String, qrcode::types::QrError> {
    let image = code(text)?
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .dark_color(svg::Color("#0b0c0c"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Add role and title so screen readers announce what the picture is.
    let escaped = maud::html! { (title) }.into_string();
    Ok(image.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{escaped}\" "),
        1,
    ))
}

/// A PNG QR code for `text`, `scale` pixels per module, black on white.
pub fn png(text: &str, scale: usize) -> anyhow::Result<Vec<u8>> {
    let code = code(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let side = (width + 2 * QUIET) * scale;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (mx, my) = (i % width + QUIET, i / width + QUIET);
            for y in my * scale..(my + 1) * scale {
                let row = y * side;
                pixels[row + mx * scale..row + (mx + 1) * scale].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    {
        let side32 = u32::try_from(side)?;
        let mut encoder = png::Encoder::new(&mut out, side32, side32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&pixels)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_codes_are_made_for_a_link() {
        let s = svg(
            "https://chorus.example/s/abc?channel=qr",
            "QR code for \"Tell us\"",
        )
        .unwrap();
        assert!(s.contains("<svg role=\"img\" aria-label=\"QR code for &quot;Tell us&quot;\""));
        let p = png("https://chorus.example/s/abc?channel=qr", 8).unwrap();
        assert_eq!(&p[1..4], b"PNG");
    }
}
