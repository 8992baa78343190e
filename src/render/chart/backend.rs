//! A compact SVG backend for plotters.
//!
//! plotters' own SVG backend writes every attribute on every element: the font family on
//! each of a chart's ~20 texts, `opacity="1"`, and one `<polyline>` per dash of a dashed
//! line. A programme page's dozen charts came to ~95 KB that way. This backend writes the
//! same picture with the font family once (on a group around the body), opacity only when a
//! colour is translucent, and runs of lines in one stroke style merged into one `<path>`;
//! charts come out at about half the size and are drawn in about half the time.
//!
//! It writes only the drawing's body: [`super::svg::accessible`] wraps it in the root element
//! with the title and description.

use super::svg::escape;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use std::fmt::Write;

/// A stroke style: colour, opacity and width. Consecutive lines in one style share a path.
type Stroke = ((u8, u8, u8), u32, u32);

/// Writes plotters' drawing commands as compact SVG into a string.
pub struct CompactSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The stroke of the `<path>` still open, whose `d` is being extended.
    open: Option<Stroke>,
}

/// Formatting into a `String` cannot fail; plotters wants an error type all the same.
pub type Failure = DrawingErrorKind<std::fmt::Error>;

impl<'a> CompactSvg<'a> {
    /// A backend of `size` px writing into `out`, text in `font_family`.
    pub fn new(out: &'a mut String, size: (u32, u32), font_family: &str) -> Self {
        out.push_str("<g font-family=\"");
        out.push_str(&escape(font_family));
        out.push_str("\">\n");
        CompactSvg {
            out,
            size,
            open: None,
        }
    }

    /// Ends the open path, if any, so another element can follow.
    fn close_path(&mut self) {
        if self.open.take().is_some() {
            self.out.push_str("\"/>\n");
        }
    }

    /// Appends a move-then-lines run to a path in `style`, opening one when needed.
    fn stroke(&mut self, points: &[BackendCoord], style: &impl BackendStyle) {
        let color = style.color();
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        if color.alpha == 0.0 || rest.is_empty() {
            return;
        }
        let key: Stroke = (color.rgb, opacity_key(&color), style.stroke_width());
        if self.open != Some(key) {
            self.close_path();
            self.out.push_str("<path fill=\"none\" stroke=\"");
            push_color(self.out, &color);
            self.out.push('"');
            push_opacity(self.out, "stroke-opacity", &color);
            let _ = write!(self.out, " stroke-width=\"{}\" d=\"", key.2);
            self.open = Some(key);
        } else {
            self.out.push(' ');
        }
        push_point(self.out, 'M', (*x0, *y0));
        for point in rest {
            push_point(self.out, 'L', *point);
        }
    }

    /// Whether a shape in `color` is to be drawn at all (not fully transparent); if so, the
    /// open path is ended so that the shape follows it.
    fn begin_shape(&mut self, color: &BackendColor) -> bool {
        if color.alpha == 0.0 {
            return false;
        }
        self.close_path();
        true
    }

    /// Ends a shape's tag: its paint, then `/>`.
    fn end_shape(&mut self, color: &BackendColor, fill: bool) {
        self.paint(color, fill);
        self.out.push_str("/>\n");
    }

    /// Writes the fill (or outline) attributes of a shape.
    fn paint(&mut self, color: &BackendColor, fill: bool) {
        if fill {
            self.out.push_str(" fill=\"");
            push_color(self.out, color);
            self.out.push('"');
            push_opacity(self.out, "fill-opacity", color);
        } else {
            self.out.push_str(" fill=\"none\" stroke=\"");
            push_color(self.out, color);
            self.out.push('"');
            push_opacity(self.out, "stroke-opacity", color);
        }
    }
}

/// Appends a path command and its point, `M12 34`: paths hold most of a chart's numbers,
/// and `write!` runs the formatting machinery for each.
fn push_point(out: &mut String, command: char, (x, y): BackendCoord) {
    out.push(command);
    push_int(out, x);
    out.push(' ');
    push_int(out, y);
}

/// Appends an integer in decimal, as `{}` writes it.
fn push_int(out: &mut String, n: i32) {
    let mut digits = [0u8; 11];
    let mut start = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        start -= 1;
        digits[start] = b'-';
    }
    // Only ASCII digits and '-' were written.
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

/// Opacity in thousandths, so styles compare exactly.
fn opacity_key(color: &BackendColor) -> u32 {
    (color.alpha.clamp(0.0, 1.0) * 1000.0).round() as u32
}

fn push_color(out: &mut String, color: &BackendColor) {
    let (r, g, b) = color.rgb;
    let _ = write!(out, "#{r:02X}{g:02X}{b:02X}");
}

/// Writes `name="…"` only for a translucent colour: opaque is SVG's default.
fn push_opacity(out: &mut String, name: &str, color: &BackendColor) {
    let key = opacity_key(color);
    if key < 1000 {
        let _ = write!(out, " {name}=\"{}\"", f64::from(key) / 1000.0);
    }
}

/// A font size without float noise: at most two decimals, no trailing zeros.
fn push_size(out: &mut String, size: f64) {
    // Sizes are nearly always whole pixels: those print as integers, which is what the
    // trimmed two-decimal form of them is, without float formatting.
    if size.fract() == 0.0 && size > 0.0 && size < 1e9 {
        let _ = write!(out, "{}", size as u64);
        return;
    }
    let text = format!("{:.2}", size);
    out.push_str(text.trim_end_matches('0').trim_end_matches('.'));
}

impl DrawingBackend for CompactSvg<'_> {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Failure> {
        self.close_path();
        self.out.push_str("</g>");
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.stroke(&[from, to], style);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        self.stroke(&points, style);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let color = style.color();
        if !self.begin_shape(&color) {
            return Ok(());
        }
        let (x, y) = upper_left;
        let (w, h) = (bottom_right.0 - x, bottom_right.1 - y);
        let _ = write!(
            self.out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\""
        );
        self.end_shape(&color, fill);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let color = style.color();
        if !self.begin_shape(&color) {
            return Ok(());
        }
        let (cx, cy) = center;
        let _ = write!(self.out, "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{radius}\"");
        self.end_shape(&color, fill);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        let color = style.color();
        if !self.begin_shape(&color) {
            return Ok(());
        }
        self.out.push_str("<polygon points=\"");
        for (i, (x, y)) in vert.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            let _ = write!(self.out, "{x},{y}");
        }
        self.out.push('"');
        self.end_shape(&color, true);
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        let color = style.color();
        if !self.begin_shape(&color) {
            return Ok(());
        }
        let anchor = style.anchor();
        let _ = write!(self.out, "<text x=\"{}\" y=\"{}\"", pos.0, pos.1);
        match anchor.v_pos {
            VPos::Top => self.out.push_str(" dy=\"0.76em\""),
            VPos::Center => self.out.push_str(" dy=\"0.5ex\""),
            VPos::Bottom => self.out.push_str(" dy=\"-0.5ex\""),
        }
        match anchor.h_pos {
            HPos::Left => {}
            HPos::Center => self.out.push_str(" text-anchor=\"middle\""),
            HPos::Right => self.out.push_str(" text-anchor=\"end\""),
        }
        self.out.push_str(" font-size=\"");
        push_size(self.out, style.size());
        self.out.push('"');
        if matches!(style.style(), FontStyle::Bold) {
            self.out.push_str(" font-weight=\"bold\"");
        }
        self.paint(&color, true);
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str("</text>\n");
        Ok(())
    }

    /// Never asked for here: chart code measures its own text (see `text::width`).
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), Failure> {
        let width = super::text::width(text, style.size());
        Ok((width.round() as u32, style.size().round() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    fn draw(paint: impl FnOnce(&DrawingArea<CompactSvg, plotters::coord::Shift>)) -> String {
        let mut out = String::new();
        {
            let area = CompactSvg::new(&mut out, (100, 50), "Sans \"SC\"").into_drawing_area();
            paint(&area);
            area.present().expect("present");
        }
        out
    }

    #[test]
    fn lines_in_one_style_share_a_path_and_others_start_a_new_one() {
        let out = draw(|a| {
            let grey = RGBColor(0x59, 0x59, 0x59);
            a.draw(&PathElement::new(vec![(0, 0), (10, 0)], grey))
                .unwrap();
            a.draw(&PathElement::new(vec![(0, 5), (10, 5), (10, 9)], grey))
                .unwrap();
            a.draw(&PathElement::new(
                vec![(0, 7), (9, 7)],
                Color::stroke_width(&RED, 2),
            ))
            .unwrap();
        });
        assert!(out.starts_with("<g font-family=\"Sans &quot;SC&quot;\">\n"));
        assert!(out.contains(
            "<path fill=\"none\" stroke=\"#595959\" stroke-width=\"1\" d=\"M0 0L10 0 M0 5L10 5L10 9\"/>"
        ));
        assert!(out.contains("stroke=\"#FF0000\" stroke-width=\"2\" d=\"M0 7L9 7\"/>"));
        assert!(out.ends_with("</g>"));
    }

    #[test]
    fn integers_print_as_display_does() {
        for n in [0, 7, -7, 10, 640, -1234, i32::MAX, i32::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn sizes_print_as_their_trimmed_two_decimal_form() {
        for size in [1.0, 10.0, 13.0, 100.0, 1e8, 0.5, 13.25, 13.999, 0.001, -2.0] {
            let mut fast = String::new();
            push_size(&mut fast, size);
            let text = format!("{:.2}", size);
            assert_eq!(
                fast,
                text.trim_end_matches('0').trim_end_matches('.'),
                "{size}"
            );
        }
    }

    #[test]
    fn shapes_and_text_are_written_with_only_the_attributes_they_need() {
        let out = draw(|a| {
            a.draw(&Rectangle::new([(1, 2), (11, 7)], BLUE.filled()))
                .unwrap();
            a.draw(&Circle::new((5, 5), 3, GREEN.mix(0.5).filled()))
                .unwrap();
            let style = ("x", 13.0, FontStyle::Bold).into_font().color(&BLACK).pos(
                plotters::style::text_anchor::Pos::new(HPos::Right, VPos::Center),
            );
            a.draw(&Text::new("<b>&".to_string(), (50, 20), style))
                .unwrap();
        });
        assert!(out.contains("<rect x=\"1\" y=\"2\" width=\"10\" height=\"5\" fill=\"#0000FF\"/>"));
        assert!(out
            .contains("<circle cx=\"5\" cy=\"5\" r=\"3\" fill=\"#00FF00\" fill-opacity=\"0.5\"/>"));
        assert!(out.contains(
            "<text x=\"50\" y=\"20\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"13\" \
             font-weight=\"bold\" fill=\"#000000\">&lt;b&gt;&amp;</text>"
        ));
        assert!(!out.contains("opacity=\"1\""));
    }
}
