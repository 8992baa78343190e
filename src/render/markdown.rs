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

/// Most ```` ```chart ```` blocks on one page: each is a whole figure with its data table,
/// so a page of nothing but chart blocks would be hundreds of times its own size.
pub const MAX_CHART_BLOCKS: usize = 50;

/// [`render`], placing charts where the author wrote ```` ```chart ```` blocks: `embed` gets
/// each block's text and line and returns trusted HTML. All failing blocks are reported.
///
/// Events go straight from the parser to the HTML writer, so memory holds the parser's
/// tree and the HTML, not a list of every event as well.
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
    let mut state = State {
        text,
        shift,
        id_prefix,
        embed,
        headings: Vec::new(),
        in_heading: false,
        block: None,
        charts: 0,
        errors: Vec::new(),
        lines: (0, 1),
    };
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let events = Parser::new_ext(text, options)
        .into_offset_iter()
        .filter_map(|(event, range)| state.event(event, range.start));
    pulldown_cmark::html::push_html(&mut html, events);
    if !state.errors.is_empty() {
        return Err(state.errors);
    }
    Ok(RenderedMarkdown {
        html,
        headings: state.headings,
    })
}

/// What [`render_with`] keeps between events.
struct State<'t, 'e> {
    text: &'t str,
    shift: usize,
    id_prefix: &'t str,
    embed: &'e Embed<'e>,
    headings: Vec<(String, String)>,
    in_heading: bool,
    /// The line and text of the chart block being read.
    block: Option<(usize, String)>,
    charts: usize,
    errors: Vec<EmbedError>,
    /// A byte offset and its 1-based line: lines are counted on from the last one asked
    /// for (blocks come in order), not from the start each time.
    lines: (usize, usize),
}

impl<'t> State<'t, '_> {
    /// The event to write for `event` (at byte `offset`), or none.
    fn event(&mut self, event: Event<'t>, offset: usize) -> Option<Event<'t>> {
        if let Some((line, body)) = self.block.as_mut() {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                    let (line, body) = (*line, std::mem::take(body));
                    self.block = None;
                    return self.chart(line, &body);
                }
                _ => {}
            }
            return None;
        }
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang))) = &event {
            if lang.trim() == "chart" {
                self.block = Some((self.line_at(offset), String::new()));
                return None;
            }
        }
        let event = self.safe(event);
        if self.in_heading {
            if let (Event::Text(t) | Event::Code(t), Some(last)) =
                (&event, self.headings.last_mut())
            {
                last.1.push_str(t);
            }
        }
        Some(event)
    }

    /// The chart for a block at `line`, or its error recorded.
    fn chart(&mut self, line: usize, body: &str) -> Option<Event<'t>> {
        self.charts += 1;
        let placed = if self.charts > MAX_CHART_BLOCKS {
            Err(crate::i18n::t(
                format!("一个页面最多放 {MAX_CHART_BLOCKS} 个图表块"),
                format!("a page may hold at most {MAX_CHART_BLOCKS} chart blocks"),
            ))
        } else {
            (self.embed)(body, line)
        };
        match placed {
            Ok(html) => Some(Event::Html(CowStr::from(html))),
            Err(message) => {
                // One error for the blocks over the limit, not one per block.
                if self.charts <= MAX_CHART_BLOCKS + 1 {
                    self.errors.push((line, message));
                }
                None
            }
        }
    }

    /// Raw HTML as text, safe link and image addresses, shifted headings with safe ids.
    fn safe(&mut self, event: Event<'t>) -> Event<'t> {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Heading { level, id, .. }) => {
                let number = self.headings.len() + 1;
                let id = id
                    .filter(|id| is_safe_id(id))
                    .map(|id| format!("{}{id}", self.id_prefix))
                    .unwrap_or_else(|| format!("{}s{number}", self.id_prefix));
                self.headings.push((id.clone(), String::new()));
                self.in_heading = true;
                Event::Start(Tag::Heading {
                    level: shifted(level, self.shift),
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
                self.in_heading = false;
                Event::End(pulldown_cmark::TagEnd::Heading(shifted(level, self.shift)))
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
                // Validation refuses images from other sites; none is ever requested.
                dest_url: if is_local_address(&dest_url) {
                    dest_url
                } else {
                    CowStr::from("#")
                },
                title,
                id,
            }),
            other => other,
        }
    }

    /// The 1-based line of byte `offset`.
    fn line_at(&mut self, offset: usize) -> usize {
        let (from, line) = self.lines;
        let line = if offset >= from {
            line + self.text[from..offset].matches('\n').count()
        } else {
            self.text[..offset].matches('\n').count() + 1
        };
        self.lines = (offset, line);
        line
    }
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

/// Whether an address stays on this site: a relative or root-relative path, with no scheme
/// and not protocol-relative (`//host/…`, which browsers also read from `\\host\…`).
pub fn is_local_address(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    if cleaned.starts_with("//") {
        return false;
    }
    match cleaned.find(':') {
        None => true,
        // A colon after a '/', '?' or '#' is not a scheme separator ("a/b:c").
        Some(colon) => cleaned[..colon].contains(['/', '?', '#']),
    }
}

/// Whether an image at this address would be requested from another site: `http(s)://`,
/// `ftp://`, any `scheme://` and protocol-relative `//host/…` (browsers also read `\\host`),
/// or `http:host`. Other non-local addresses (`javascript:`, `data:`) request nothing and
/// are replaced by `#` when rendered.
pub fn is_remote_address(url: &str) -> bool {
    if is_local_address(url) {
        return false;
    }
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let Some((scheme, rest)) = cleaned.split_once(':') else {
        return true;
    };
    rest.starts_with("//") || matches!(scheme, "http" | "https" | "ftp" | "ftps" | "ws" | "wss")
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
    fn images_from_other_sites_are_never_requested() {
        for url in [
            "https://t.example/p.gif",
            "HTTP://t.example/p.gif",
            "//t.example/p.gif",
            "\\\\t.example\\p.gif",
            "/\\t.example/p.gif",
            "ht\ttp://t.example/",
            "http:t.example",
        ] {
            assert!(!is_local_address(url) && is_remote_address(url), "{url}");
            // In Markdown a backslash escapes the next character: double each one.
            let out = render(&format!("![x]({})", url.replace('\\', "\\\\")), 0, "");
            let requests = out.html.contains("src=\"") && out.html.contains("t.example");
            assert!(!requests, "{url}: {}", out.html);
        }
        for url in [
            "a.png",
            "../assets/a.png",
            "/assets/a.png",
            "a/b:c.png",
            "#x",
        ] {
            assert!(is_local_address(url) && !is_remote_address(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "data:image/png;base64,x",
            "mailto:a@b.c",
        ] {
            assert!(!is_local_address(url) && !is_remote_address(url), "{url}");
        }
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
