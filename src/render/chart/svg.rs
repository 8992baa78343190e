//! Making plotters' SVG accessible and self-describing: `role="img"`, a `<title>` and a
//! `<desc>` that states the figures in words, a `viewBox` so it scales down on a phone.

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Replaces plotters' opening `<svg …>` with an accessible one and appends `extra` (already
/// escaped SVG, e.g. tooltips) before the closing tag.
pub fn accessible(
    svg: &str,
    id: &str,
    size: (u32, u32),
    title: &str,
    desc: &str,
    extra: &str,
) -> String {
    let body_start = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let body_end = svg.rfind("</svg>").unwrap_or(svg.len());
    let body = svg.get(body_start..body_end).unwrap_or("");
    let (w, h) = size;
    let id = escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" id=\"{id}\" style=\"max-width:100%;height:auto\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}{extra}</svg>",
        escape(title),
        escape(desc),
        body.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_title_and_escaped_description() {
        let out = accessible(
            "<svg width=\"10\" height=\"5\"><rect/></svg>",
            "c1",
            (10, 5),
            "标题<b>",
            "a & b",
            "",
        );
        assert!(out.starts_with("<svg xmlns"));
        assert!(
            out.contains("role=\"img\"") && out.contains("aria-labelledby=\"c1-title c1-desc\"")
        );
        assert!(out.contains("<title id=\"c1-title\">标题&lt;b&gt;</title>"));
        assert!(out.contains("<desc id=\"c1-desc\">a &amp; b</desc><rect/></svg>"));
    }
}
