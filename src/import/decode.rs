//! Bytes in, text out: character encoding detection and HTML-to-text.
//!
//! Notices arrive as UTF-8 (with or without a byte-order mark), as GBK/GB18030 or Big5
//! from older systems, or as a saved web page. Valid UTF-8 is taken as it is; anything
//! else is guessed with `chardetng` — deliberately without a `cn` top-level-domain hint,
//! which makes it read Big5 as GBK — and decoded with `encoding_rs`.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};

/// A decoded notice: its text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with HTML markup removed when the input was a web page.
    pub text: String,
    /// Name of the encoding used, e.g. `UTF-8`, `GBK`, `Big5`.
    pub encoding: String,
    /// Whether the input was UTF-8 with a byte-order mark.
    pub had_bom: bool,
    /// Whether the input looked like HTML and was turned into text.
    pub was_html: bool,
    /// Whether some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes` to text, detecting the encoding and stripping HTML markup.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (raw, encoding, had_bom, had_errors) = to_text(bytes);
    let was_html = looks_like_html(&raw);
    let text = if was_html { html_to_text(&raw) } else { raw };
    Decoded {
        text,
        encoding,
        had_bom,
        was_html,
        had_errors,
    }
}

fn to_text(bytes: &[u8]) -> (String, String, bool, bool) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, errors) = encoding.decode_without_bom_handling(rest);
        return (text.into_owned(), encoding.name().to_string(), true, errors);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8".to_string(), false, false);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    let (text, errors) = encoding.decode_without_bom_handling(bytes);
    (
        text.into_owned(),
        encoding.name().to_string(),
        false,
        errors,
    )
}

/// Whether the text is a web page rather than plain text: it has `<html` or `<body`, or
/// paragraph/line-break tags together with closing tags.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(8192).collect::<String>().to_lowercase();
    if head.contains("<html") || head.contains("<body") || head.contains("<!doctype html") {
        return true;
    }
    let has_block = ["<p>", "<p ", "<div", "<br>", "<br/>", "<br />", "<td"]
        .iter()
        .any(|tag| head.contains(tag));
    has_block && (head.contains("</") || head.contains("<br"))
}

/// Tags whose start or end begins a new line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "title",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "dl",
    "form",
    "center",
    "aside",
    "main",
    "figure",
    "figcaption",
    "caption",
    "thead",
    "tbody",
];

/// Elements whose content is never text (scripts, styles).
const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "head"];

/// Turns HTML into text: tags removed, block tags to new lines, entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = match rest.find("-->") {
                Some(end) => &rest[end + 3..],
                None => "",
            };
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone '<' is text.
            out.push_str(&decode_entities(rest));
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        let name = tag_name(tag);
        rest = &rest[gt + 1..];
        if SKIPPED_ELEMENTS.contains(&name.as_str()) && !tag.starts_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(at) => {
                    let after = &rest[at..];
                    match after.find('>') {
                        Some(end) => &after[end + 1..],
                        None => "",
                    }
                }
                None => "",
            };
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\n');
        } else if name == "td" || name == "th" {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Decodes the HTML entities documents use: named ones for spaces and markup
/// characters, and numeric ones (`&#8220;`, `&#x4E2D;`).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        match entity_char(entity) {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(entity: &str) -> Option<char> {
    if let Some(number) = entity.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match entity {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "middot" => '·',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "copy" => '©',
        "times" => '×',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("到2025年".as_bytes());
        assert_eq!(plain.text, "到2025年");
        assert_eq!(plain.encoding, "UTF-8");
        assert!(!plain.had_bom);
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("到2025年".as_bytes());
        let bom = decode(&bytes);
        assert_eq!(bom.text, "到2025年");
        assert!(bom.had_bom);
    }

    #[test]
    fn gbk_is_detected() {
        let text = "关于印发《大同市云州区县级医疗机构综合能力提升三年行动方案》的通知。到 2025 年,县域公立医疗卫生机构床位达到 3.5 张/千人。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, text);
        assert!(decoded.encoding == "GBK" || decoded.encoding == "gb18030");
    }

    #[test]
    fn big5_is_detected_without_tld_hint() {
        let text = "甘肅省衛生健康委員會關於印發三級醫院對口幫扶縣級醫院實施方案的通知，支援單位派駐至少5名醫院管理和衛生專業技術人員。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "Big5");
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn html_is_turned_into_text() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body><p>第一段&nbsp;&amp;&lt;&gt;&quot;</p><div>第二段&#8220;&#x4E2D;&#8221;<br>第三段</div><script>var a='<p>';</script></body></html>";
        let decoded = decode(html.as_bytes());
        assert!(decoded.was_html);
        let lines: Vec<&str> = decoded
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, vec!["第一段 &<>\"", "第二段“中”", "第三段"]);
    }

    #[test]
    fn plain_text_with_angle_brackets_is_not_html() {
        assert!(!looks_like_html("您當前所在位置:駐馬店廣視網>新聞> 正文"));
        assert_eq!(decode_entities("a & b &bogus; &#65;"), "a & b &bogus; A");
    }
}
