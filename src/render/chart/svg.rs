//! The root of a chart's SVG around the drawn body: `role="img"`, a `<title>` and a `<desc>`
//! stating the figures in words, ids unique per chart, a `viewBox` and fluid sizing so the
//! chart scales down on a 360 px phone, and `<title>` tooltips plotters cannot draw.
//!
//! plotters already escapes the text and attribute values it writes, so chart code hands it
//! raw text; only what is written here, outside plotters, is escaped here.

use std::fmt::Write;

/// Escapes text for SVG (XML) content and attribute values.
pub fn escape(text: &str) -> String {
    // Nearly all chart text needs nothing done: one byte scan, then one copy. A byte that
    // could start a character below needs the full pass; C1 controls (U+0080-U+009F) all
    // begin with 0xC2.
    let plain = |b: &u8| {
        !matches!(
            b,
            b'&' | b'<' | b'>' | b'"' | b'\'' | 0..=0x1f | 0x7f | 0xc2
        )
    };
    if text.bytes().all(|b| plain(&b)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// An id safe in `id` and in the space-separated `aria-labelledby`: ASCII letters, digits,
/// `-` and `_`, starting with a letter; anything else becomes `-`.
pub fn safe_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    match cleaned.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => cleaned,
        _ => format!("chart-{cleaned}"),
    }
}

/// An invisible rectangle carrying `tip` as a `<title>` tooltip, laid over the chart.
pub fn tooltip(from: (f64, f64), to: (f64, f64), tip: &str) -> String {
    format!(
        "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#ffffff\" \
         fill-opacity=\"0\"><title>{}</title></rect>\n",
        from.0,
        from.1,
        (to.0 - from.0).max(1.0),
        (to.1 - from.1).max(1.0),
        escape(tip)
    )
}

/// The parts of an accessible chart besides plotters' drawing.
pub struct Wrapper<'a> {
    /// Caller's id; made safe with [`safe_id`].
    pub id: &'a str,
    /// Width and height in SVG units.
    pub size: (u32, u32),
    /// Title, unescaped.
    pub title: &'a str,
    /// Description, unescaped.
    pub desc: &'a str,
    /// Finished SVG (escaped already, e.g. from [`tooltip`]) to lay over the drawing.
    pub overlay: &'a str,
}

/// Wraps the drawn `body` in an accessible root element with the title, description and
/// overlay.
pub fn accessible(body: &str, w: &Wrapper) -> String {
    let id = safe_id(w.id);
    let (width, height) = w.size;
    let mut out = String::with_capacity(body.len() + w.overlay.len() + 512);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         style=\"max-width:100%;height:auto\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(w.title),
        escape(w.desc)
    );
    out.push_str(body);
    out.push('\n');
    out.push_str(w.overlay);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("区人民医院 2025"), "区人民医院 2025");
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\u{1}\u{7f}\u{85}y\n\tz"), "xy\n\tz");
        assert_eq!(escape("é¢"), "é¢");
    }

    fn wrap(body: &str, id: &str, title: &str, desc: &str) -> String {
        let w = Wrapper {
            id,
            size: (10, 5),
            title,
            desc,
            overlay: "",
        };
        accessible(body, &w)
    }

    #[test]
    fn root_gets_role_ids_viewbox_title_and_desc_first() {
        let out = wrap("<rect/>", "c1", "标题", "说明");
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"c1\""));
        assert!(
            out.contains("role=\"img\"") && out.contains("aria-labelledby=\"c1-title c1-desc\"")
        );
        assert!(out.contains("viewBox=\"0 0 10 5\"") && out.contains("max-width:100%"));
        assert!(out.contains(
            ">\n<title id=\"c1-title\">标题</title>\n<desc id=\"c1-desc\">说明</desc>\n<rect/>"
        ));
        assert!(out.ends_with("</svg>"));
    }

    #[test]
    fn input_text_is_escaped_and_ids_made_safe() {
        let out = wrap("", "a b\"<x>", "<script>alert(1)</script>", "\"onload=x");
        assert!(!out.contains("<script") && out.contains("&lt;script&gt;"));
        assert!(out.contains("&quot;onload=x"));
        assert!(out.contains("id=\"a-b--x-\""));
        assert_eq!(safe_id("9x"), "chart-9x");
        assert_eq!(safe_id(""), "chart-");
        assert!(tooltip((0.0, 0.0), (5.0, 5.0), "<b>&").contains("<title>&lt;b&gt;&amp;</title>"));
    }
}
