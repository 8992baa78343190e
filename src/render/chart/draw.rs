//! Small drawing helpers over plotters' SVG backend, in pixel coordinates.

use super::{ChartError, ChartStyle};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The drawing surface of one chart.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Turns any plotters error into a chart error.
pub fn err<E: std::fmt::Debug>(error: E) -> ChartError {
    ChartError(format!("drawing failed: {error:?}"))
}

/// Draws on a white canvas of `size` and returns plotters' SVG text.
pub fn render(
    size: (u32, u32),
    paint: impl FnOnce(&Area) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut buffer = String::new();
    {
        let area = SVGBackend::with_string(&mut buffer, size).into_drawing_area();
        area.fill(&WHITE).map_err(err)?;
        paint(&area)?;
        area.present().map_err(err)?;
    }
    Ok(buffer)
}

/// Horizontal placement of text relative to its point.
#[derive(Clone, Copy)]
pub enum Align {
    /// Text starts at the point.
    Start,
    /// Text is centred on the point.
    Middle,
    /// Text ends at the point.
    End,
}

/// Writes one line of text whose vertical middle is at `y`.
#[allow(clippy::too_many_arguments)]
pub fn text(
    area: &Area,
    style: &ChartStyle,
    s: &str,
    x: f64,
    y: f64,
    size: f64,
    color: &RGBColor,
    align: Align,
    bold: bool,
) -> Result<(), ChartError> {
    let h = match align {
        Align::Start => HPos::Left,
        Align::Middle => HPos::Center,
        Align::End => HPos::Right,
    };
    let font = if bold {
        (style.font_family, size * 1.24, FontStyle::Bold).into_font()
    } else {
        (style.font_family, size * 1.24).into_font()
    };
    let text_style = font.color(color).pos(Pos::new(h, VPos::Center));
    area.draw(&Text::new(
        s.to_string(),
        (x.round() as i32, y.round() as i32),
        text_style,
    ))
    .map_err(err)
}

/// A solid polyline.
pub fn line(
    area: &Area,
    points: &[(f64, f64)],
    color: &RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    let pts: Vec<(i32, i32)> = points
        .iter()
        .map(|&(x, y)| (x.round() as i32, y.round() as i32))
        .collect();
    area.draw(&PathElement::new(pts, color.stroke_width(width)))
        .map_err(err)
}

/// A dashed polyline.
pub fn dashed(
    area: &Area,
    points: &[(f64, f64)],
    color: &RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    let pts: Vec<(i32, i32)> = points
        .iter()
        .map(|&(x, y)| (x.round() as i32, y.round() as i32))
        .collect();
    area.draw(&plotters::element::DashedPathElement::new(
        pts,
        6,
        4,
        color.stroke_width(width),
    ))
    .map_err(err)
}

/// A rectangle, filled or outlined.
pub fn rect(
    area: &Area,
    from: (f64, f64),
    to: (f64, f64),
    color: &RGBColor,
    filled: bool,
    width: u32,
) -> Result<(), ChartError> {
    let a = (from.0.round() as i32, from.1.round() as i32);
    let b = (to.0.round() as i32, to.1.round() as i32);
    let style = if filled {
        color.filled()
    } else {
        color.stroke_width(width)
    };
    area.draw(&Rectangle::new([a, b], style)).map_err(err)
}

/// Marker shapes, so series differ by shape as well as colour.
#[derive(Clone, Copy)]
pub enum Marker {
    /// Filled circle: reported figures.
    Circle,
    /// Filled square: baselines.
    Square,
    /// Outlined triangle: targets.
    Triangle,
    /// Filled diamond: milestone deadlines.
    Diamond,
}

/// Draws a marker of radius `r` centred on (x, y).
pub fn marker(
    area: &Area,
    kind: Marker,
    x: f64,
    y: f64,
    r: f64,
    color: &RGBColor,
) -> Result<(), ChartError> {
    let p = |dx: f64, dy: f64| ((x + dx).round() as i32, (y + dy).round() as i32);
    match kind {
        Marker::Circle => area
            .draw(&Circle::new(p(0.0, 0.0), r.round() as i32, color.filled()))
            .map_err(err),
        Marker::Square => area
            .draw(&Rectangle::new([p(-r, -r), p(r, r)], color.filled()))
            .map_err(err),
        Marker::Triangle => {
            let outline = vec![
                p(0.0, -r * 1.2),
                p(r * 1.1, r * 0.8),
                p(-r * 1.1, r * 0.8),
                p(0.0, -r * 1.2),
            ];
            area.draw(&Polygon::new(outline.clone(), WHITE.filled()))
                .map_err(err)?;
            area.draw(&PathElement::new(outline, color.stroke_width(3)))
                .map_err(err)
        }
        Marker::Diamond => area
            .draw(&Polygon::new(
                vec![p(0.0, -r), p(r, 0.0), p(0.0, r), p(-r, 0.0)],
                color.filled(),
            ))
            .map_err(err),
    }
}

/// Round numbers for an axis from 0 to at least `max`: (step, top).
pub fn nice_axis(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    (step, (max / step).ceil() * step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_axis(3.5), (1.0, 4.0));
        assert_eq!(nice_axis(2600.0), (1000.0, 3000.0));
        assert_eq!(nice_axis(0.0), (0.2, 1.0));
    }
}
