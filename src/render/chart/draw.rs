//! A small pixel-coordinate canvas over plotters, drawing into the compact SVG backend.
//!
//! The chart kinds lay themselves out in pixels (they need to measure Chinese labels and
//! place them next to bars), so they draw plotters' basic elements directly rather than
//! through `ChartBuilder`; this keeps the whole layout in our hands and deterministic.

use super::backend::CompactSvg;
use super::{text, ChartError, ChartStyle};
use plotters::coord::Shift;
use plotters::element::{DashedPathElement, Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
};

type Area<'a> = DrawingArea<CompactSvg<'a>, Shift>;
type Drawn = Result<(), ChartError>;

/// Turns a plotters error into a chart error.
fn failed(error: impl std::fmt::Display) -> ChartError {
    ChartError::Drawing(error.to_string())
}

/// Rounds to plotters' integer pixels; `as` saturates, so huge values cannot panic.
fn px((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// Draws on a white canvas of `size` and returns the SVG body (no root element).
pub fn render(
    size: (u32, u32),
    style: &ChartStyle,
    paint: impl FnOnce(&Canvas) -> Drawn,
) -> Result<String, ChartError> {
    let mut buffer = String::new();
    {
        let area = CompactSvg::new(&mut buffer, size, &style.font_family).into_drawing_area();
        area.fill(&WHITE).map_err(failed)?;
        let canvas = Canvas {
            area: &area,
            style,
            width: f64::from(size.0),
        };
        paint(&canvas)?;
        area.present().map_err(failed)?;
    }
    Ok(buffer)
}

/// Where a text sits relative to its point, horizontally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at the point.
    Start,
    /// Text is centred on the point.
    Middle,
    /// Text ends at the point.
    End,
}

/// Size, colour, anchor and weight of one text.
#[derive(Clone, Copy, Debug)]
pub struct Font {
    /// Size in px.
    pub size: f64,
    /// Colour.
    pub color: RGBColor,
    /// Horizontal anchor.
    pub anchor: Anchor,
    /// Bold.
    pub bold: bool,
}

impl Font {
    /// The same font anchored differently.
    pub fn at(self, anchor: Anchor) -> Font {
        Font { anchor, ..self }
    }

    /// The same font in bold.
    pub fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    /// Width of `s` in this font (bold measured 5% wider, as its Latin glyphs are).
    pub fn width(&self, s: &str) -> f64 {
        text::width(s, self.size) * if self.bold { 1.05 } else { 1.0 }
    }

    /// Left and right edges of `s` drawn at `x`.
    pub fn span(&self, s: &str, x: f64) -> (f64, f64) {
        let w = self.width(s);
        match self.anchor {
            Anchor::Start => (x, x + w),
            Anchor::Middle => (x - w / 2.0, x + w / 2.0),
            Anchor::End => (x - w, x),
        }
    }
}

/// One line of chart text as an element plotters can draw.
///
/// plotters' own `Text` takes a `TextStyle`, whose font description looks the font up in
/// plotters' registry and copies its parsed tables, twice per text; the backend writes
/// SVG and reads only the size, weight, colour and anchor, so this style carries just those.
struct Label<'s> {
    text: &'s str,
    at: (i32, i32),
    style: LabelStyle<'s>,
}

/// What [`super::backend::CompactSvg`] reads of a text's style.
struct LabelStyle<'s> {
    family: &'s str,
    size: f64,
    color: BackendColor,
    bold: bool,
    anchor: Pos,
}

impl BackendTextStyle for LabelStyle<'_> {
    type FontError = std::fmt::Error;

    fn color(&self) -> BackendColor {
        self.color
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }

    /// Measured with the bundled metrics, as all chart text is (see `text::width`).
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let width = super::text::width(text, self.size).round() as i32;
        Ok(((0, 0), (width, self.size.round() as i32)))
    }

    /// Never called: the SVG backend writes text as text and rasterises nothing.
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Label<'_> {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;

    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Label<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(at) => backend.draw_text(self.text, &self.style, at),
            None => Ok(()),
        }
    }
}

/// Marker shapes, so series differ by shape as well as colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// Filled circle: reported figures.
    Circle,
    /// Filled square: baselines.
    Square,
    /// Outlined triangle: targets.
    Triangle,
    /// Filled diamond: milestone due dates.
    Diamond,
}

/// Height taken by the title (or a margin when it is not drawn), so charts that grow with
/// their rows can size themselves before drawing.
pub fn header(style: &ChartStyle) -> f64 {
    if style.show_title {
        style.title_size * 1.4 + 14.0
    } else {
        12.0
    }
}

/// The drawing surface of one chart, in pixels from its top-left corner.
pub struct Canvas<'a, 'b> {
    area: &'a Area<'b>,
    /// The style everything is drawn in.
    pub style: &'a ChartStyle,
    /// Width in px.
    pub width: f64,
}

impl Canvas<'_, '_> {
    /// Body text: label size, text colour, anchored at its start.
    pub fn label(&self) -> Font {
        Font {
            size: self.style.label_size,
            color: self.style.text,
            anchor: Anchor::Start,
            bold: false,
        }
    }

    /// Axis labels and notes: small size, muted colour.
    pub fn small(&self) -> Font {
        Font {
            size: self.style.small_size,
            color: self.style.muted,
            ..self.label()
        }
    }

    /// Draws the title when the style asks for it; returns where the content may start.
    pub fn title(&self, title: &str) -> Result<f64, ChartError> {
        if self.style.show_title {
            let size = self.style.title_size;
            let font = Font {
                size,
                ..self.label()
            }
            .bold();
            let shown = text::fit(title, size * 1.05, self.width - 24.0);
            self.text(&shown, (12.0, 8.0 + size * 0.7), font)?;
        }
        Ok(header(self.style))
    }

    /// Writes one line of text whose vertical middle is at `at.1`.
    pub fn text(&self, s: &str, at: (f64, f64), font: Font) -> Drawn {
        let h = match font.anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let label = Label {
            text: s,
            at: px(at),
            style: LabelStyle {
                family: self.style.font_family.as_str(),
                size: font.size,
                color: font.color.to_backend_color(),
                bold: font.bold,
                anchor: Pos::new(h, VPos::Center),
            },
        };
        self.area.draw(&label).map_err(failed)
    }

    /// A solid polyline.
    pub fn line(&self, points: &[(f64, f64)], color: &RGBColor, width: u32) -> Drawn {
        let points: Vec<(i32, i32)> = points.iter().copied().map(px).collect();
        let element = PathElement::new(points, color.stroke_width(width));
        self.area.draw(&element).map_err(failed)
    }

    /// A dashed polyline.
    pub fn dashed(&self, points: &[(f64, f64)], color: &RGBColor, width: u32) -> Drawn {
        let points: Vec<(i32, i32)> = points.iter().copied().map(px).collect();
        let element = DashedPathElement::new(points, 6, 4, color.stroke_width(width));
        self.area.draw(&element).map_err(failed)
    }

    /// A filled rectangle between two corners.
    pub fn rect(&self, from: (f64, f64), to: (f64, f64), color: &RGBColor) -> Drawn {
        let element = Rectangle::new([px(from), px(to)], color.filled());
        self.area.draw(&element).map_err(failed)
    }

    /// A rectangle outlined `width` px thick inside its edges, filled white.
    ///
    /// plotters' SVG backend writes no stroke width for outlined rectangles, so the outline
    /// is a filled rectangle with a white one inset over it.
    pub fn outline(&self, from: (f64, f64), to: (f64, f64), color: &RGBColor, width: f64) -> Drawn {
        self.rect(from, to, color)?;
        let inner = ((from.0 + width), (from.1 + width));
        let inner_to = ((to.0 - width), (to.1 - width));
        if inner_to.0 > inner.0 && inner_to.1 > inner.1 {
            self.rect(inner, inner_to, &WHITE)?;
        }
        Ok(())
    }

    /// Diagonal hatching inside a rectangle, so a bar differs by texture, not colour alone.
    pub fn hatch(&self, from: (f64, f64), to: (f64, f64), color: &RGBColor) -> Drawn {
        let (x0, y0, x1, y1) = (from.0, from.1, to.0, to.1);
        // Lines x + y = c, clipped to the rectangle, every 7 px.
        let mut c = x0 + y0 + 7.0;
        while c < x1 + y1 {
            let lo = x0.max(c - y1);
            let hi = x1.min(c - y0);
            if hi > lo {
                self.line(&[(lo, c - lo), (hi, c - hi)], color, 1)?;
            }
            c += 7.0;
        }
        Ok(())
    }

    /// A marker of radius `r` centred on `at`.
    pub fn marker(&self, kind: Marker, at: (f64, f64), r: f64, color: &RGBColor) -> Drawn {
        let (x, y) = at;
        let poly = |points: &[(f64, f64)], c: &RGBColor| {
            let points: Vec<(i32, i32)> = points
                .iter()
                .map(|&(dx, dy)| px((x + dx, y + dy)))
                .collect();
            self.area
                .draw(&Polygon::new(points, c.filled()))
                .map_err(failed)
        };
        match kind {
            Marker::Circle => {
                let circle = Circle::new(px(at), r.round() as i32, color.filled());
                self.area.draw(&circle).map_err(failed)
            }
            Marker::Square => self.rect((x - r, y - r), (x + r, y + r), color),
            Marker::Diamond => poly(&[(0.0, -r), (r, 0.0), (0.0, r), (-r, 0.0)], color),
            Marker::Triangle => {
                // Outline = the triangle in colour with a smaller white one over it.
                let triangle = |k: f64| {
                    [
                        (0.0, -1.25 * r * k),
                        (1.15 * r * k, 0.75 * r * k),
                        (-1.15 * r * k, 0.75 * r * k),
                    ]
                };
                poly(&triangle(1.0), color)?;
                poly(&triangle(0.5), &WHITE)
            }
        }
    }
}

/// What a legend entry shows before its text.
#[derive(Clone, Copy, Debug)]
pub enum Swatch {
    /// A marker shape.
    Marker(Marker, RGBColor),
    /// A short horizontal dashed line.
    Dash(RGBColor),
    /// A short vertical dashed line, as date markers are drawn.
    VDash(RGBColor),
    /// A filled bar.
    Bar(RGBColor),
    /// A hatched, outlined bar ending in a diamond: a milestone.
    Milestone(RGBColor),
}

impl Canvas<'_, '_> {
    /// Draws legend entries left to right from `x`, wrapping to a new line when full;
    /// returns the y of the last line.
    pub fn legend(&self, entries: &[(Swatch, &str)], x: f64, y: f64) -> Result<f64, ChartError> {
        let font = self.small();
        let (mut cx, mut cy) = (x, y);
        for (swatch, name) in entries {
            let w = 30.0 + font.width(name);
            if cx + w > self.width - 8.0 && cx > x {
                (cx, cy) = (x, cy + font.size * 1.6);
            }
            self.swatch(*swatch, cx, cy)?;
            self.text(name, (cx + 26.0, cy), font)?;
            cx += w + 18.0;
        }
        Ok(cy)
    }

    /// One legend symbol, 22 px wide, centred vertically on `y`.
    fn swatch(&self, swatch: Swatch, x: f64, y: f64) -> Drawn {
        match swatch {
            Swatch::Marker(m, c) => self.marker(m, (x + 11.0, y), 6.0, &c),
            Swatch::Dash(c) => self.dashed(&[(x, y), (x + 22.0, y)], &c, 2),
            Swatch::VDash(c) => self.dashed(&[(x + 11.0, y - 9.0), (x + 11.0, y + 9.0)], &c, 2),
            Swatch::Bar(c) => self.rect((x, y - 6.0), (x + 22.0, y + 6.0), &c),
            Swatch::Milestone(c) => {
                self.outline((x, y - 6.0), (x + 16.0, y + 6.0), &c, 1.5)?;
                self.hatch((x, y - 6.0), (x + 16.0, y + 6.0), &c)?;
                self.marker(Marker::Diamond, (x + 16.0, y), 6.0, &c)
            }
        }
    }
}

/// Years between labelled ticks so that a span of `span` years gets at most 8 of them:
/// 1, 2 or 5 times a power of ten. Bounded, so absurd dates cannot make a loop run long.
pub fn year_step(span: i64) -> usize {
    let mut magnitude: i64 = 1;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if span / step <= 8 {
                return usize::try_from(step).unwrap_or(usize::MAX);
            }
        }
        match magnitude.checked_mul(10) {
            Some(next) => magnitude = next,
            None => return usize::MAX,
        }
    }
}

/// A round axis from 0 to at least `max`: (step, top), with about five steps.
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
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * magnitude);
    (step, (max / step - 1e-9).ceil().max(1.0) * step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_axis(3.5), (1.0, 4.0));
        assert_eq!(nice_axis(4.0), (1.0, 4.0));
        assert_eq!(nice_axis(2600.0), (1000.0, 3000.0));
        assert_eq!(nice_axis(0.0), (0.2, 1.0));
        assert_eq!(nice_axis(f64::NAN), (0.2, 1.0));
    }

    #[test]
    fn year_steps_stay_few_even_for_absurd_spans() {
        assert_eq!(year_step(0), 1);
        assert_eq!(year_step(8), 1);
        assert_eq!(year_step(9), 2);
        assert_eq!(year_step(30), 5);
        assert!(i64::MAX / year_step(i64::MAX) as i64 <= 8);
    }
}
