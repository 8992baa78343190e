//! Markdown commentary to safe HTML.
//!
//! Authors are not trusted to write HTML on a government site: raw HTML is shown as text,
//! and link or image addresses with a scheme other than http, https or mailto (such as
//! `javascript:` or `data:`) are replaced by `#`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag};

/// Commentary rendered to HTML, with its headings for a table of contents.
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    /// The HTML body.
    pub html: String,
    /// (id, text) of each heading, in order.
    pub headings: Vec<(String, String)>,
}

/// Renders Markdown, shifting heading levels down by `shift` (an `##` under a page's `<h2>`
/// section becomes `<h3>`), and prefixing heading ids with `id_prefix`.
pub fn render(text: &str, shift: usize, id_prefix: &str) -> RenderedMarkdown {
    let refuse: &Embed<'_> = &|_, _| {
        Err(crate::i18n::t(
            "图表只能放在项目的说明页中",
            "charts can only be placed in a programme's commentary",
        ))
    };
    render_with(text, shift, id_prefix, refuse).unwrap_or_else(|errors| RenderedMarkdown {
        html: format!(
            "<p>{}</p>",
            errors
                .iter()
                .map(|(_, m)| escape(m))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        headings: Vec::new(),
    })
}

/// Turns the body of a ```` ```chart ```` block into HTML, or says why it cannot.
pub type Embed<'a> = dyn Fn(&str, usize) -> Result<String, String> + 'a;

/// A problem with an embedded chart: the 1-based line of its block and the message.
pub type EmbedError = (usize, String);

/// [`render`], placing charts where the author wrote ```` ```chart ```` blocks: `embed` gets
/// each block's text and line and returns trusted HTML. All failing blocks are reported.
pub fn render_with(
    text: &str,
    shift: usize,
    id_prefix: &str,
    embed: &Embed<'_>,
) -> Result<RenderedMarkdown, Vec<EmbedError>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut headings = Vec::new();
    let mut in_heading: Option<usize> = None;
    let mut events: Vec<Event> = Vec::new();
    let mut block: Option<(usize, String)> = None;
    let mut errors = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Some((line, body)) = block.as_mut() {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                    match embed(body, *line) {
                        Ok(html) => events.push(Event::Html(CowStr::from(html))),
                        Err(message) => errors.push((*line, message)),
                    }
                    block = None;
                }
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang))) = &event {
            if lang.trim() == "chart" {
                block = Some((text[..range.start].lines().count() + 1, String::new()));
                continue;
            }
        }
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let number = headings.len() + 1;
                let id = id
                    .filter(|id| is_safe_id(id))
                    .map(|id| format!("{id_prefix}{id}"))
                    .unwrap_or_else(|| format!("{id_prefix}s{number}"));
                headings.push((id.clone(), String::new()));
                in_heading = Some(events.len());
                let _ = (classes, attrs);
                Event::Start(Tag::Heading {
                    level: shifted(level, shift),
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
                in_heading = None;
                Event::End(pulldown_cmark::TagEnd::Heading(shifted(level, shift)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            other => other,
        };
        if in_heading.is_some() {
            if let (Event::Text(t) | Event::Code(t), Some(last)) = (&event, headings.last_mut()) {
                last.1.push_str(t);
            }
        }
        events.push(event);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(RenderedMarkdown { html, headings })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn shifted(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Keeps http(s), mailto, fragment and relative addresses; replaces anything else with `#`.
pub fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::from("#")
    }
}

/// Whether an address is safe to put in a link on a public page.
pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            // A colon after a '/', '?' or '#' is not a scheme separator ("a/b:c").
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto")
        }
    }
}

/// The words of a Markdown text without markup (for the search index).
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_text() {
        let out = render(
            "<script>alert(1)</script>\n\nhi <b onclick=x>b</b>",
            0,
            "c-",
        );
        assert!(!out.html.contains("<script"));
        assert!(!out.html.contains("<b "));
        assert!(out.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_urls_are_replaced() {
        let out = render("[a](javascript:alert(1)) [b](JaVa\tScript:x) ![c](data:image/svg+xml,x) [d](https://ok.example/)", 0, "");
        assert!(!out.html.to_lowercase().contains("javascript"));
        assert!(!out.html.contains("data:"));
        assert!(out.html.contains("https://ok.example/"));
    }

    #[test]
    fn chart_blocks_are_embedded_or_reported_with_their_line() {
        let text = "说明\n\n```chart\ntarget: beds\n```\n\n```chart\ntarget: nope\n```\n";
        let embed: &Embed<'_> = &|body, _| match body.trim() {
            "target: beds" => Ok("<figure>chart</figure>".into()),
            other => Err(format!("unknown chart {other}")),
        };
        let errors = render_with(text, 0, "", embed).expect_err("second block is unknown");
        assert_eq!(errors, vec![(7, "unknown chart target: nope".to_string())]);
        let ok = render_with("```chart\ntarget: beds\n```\n", 0, "", embed).expect("embedded");
        assert!(ok.html.contains("<figure>chart</figure>"));
        assert!(!render("```chart\ntarget: beds\n```\n", 0, "")
            .html
            .contains("<figure>"));
    }

    #[test]
    fn headings_shift_and_get_ids() {
        let out = render("## 一、总体要求\n\n### （一）目标", 1, "c-");
        assert!(
            out.html.contains("<h3 id=\"c-s1\">一、总体要求</h3>"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<h4 id=\"c-s2\">"));
        assert_eq!(out.headings[0].1, "一、总体要求");
    }
}
