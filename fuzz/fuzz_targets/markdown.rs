//! The Markdown renderer on arbitrary text: no panic, and no raw tag or unsafe URL survives.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The real tags of rendered HTML: author text is escaped, so every raw `<` opens a tag the
/// renderer wrote, and `href="javascript:` inside escaped text is only text.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
}

/// A tag's name and its attributes (name, value), values unquoted.
fn parse(tag: &str) -> (String, Vec<(String, String)>) {
    let tag = tag.trim_end_matches('/');
    let (name, mut rest) = tag.split_at(tag.find(char::is_whitespace).unwrap_or(tag.len()));
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let attr = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            if let Some(quoted) = after.strip_prefix('"') {
                let close = quoted.find('"').unwrap_or(quoted.len());
                value = quoted[..close].to_string();
                rest = quoted.get(close + 1..).unwrap_or("");
            } else {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                value = after[..close].to_string();
                rest = &after[close..];
            }
        }
        attrs.push((attr, value));
    }
    (name.to_ascii_lowercase(), attrs)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let out = gongkai::render::markdown::render(text, 1, "c-");
    for tag in tags(&out.html) {
        let (name, attrs) = parse(tag);
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "style"
                    | "svg"
                    | "math"
                    | "base"
                    | "meta"
            ),
            "raw <{name}> in {:?}",
            out.html
        );
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "event handler {attr} in <{tag}>");
            if matches!(attr.as_str(), "href" | "src" | "action" | "formaction") {
                let url: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !url.starts_with("javascript:")
                        && !url.starts_with("data:")
                        && !url.starts_with("vbscript:"),
                    "unsafe URL in <{tag}>"
                );
            }
        }
    }
    let _ = gongkai::render::markdown::plain_text(text);
});
