//! The optional Traditional-Chinese rendering of the whole site, under `zh-hant/`.
//!
//! Every HTML page is converted character by character with OpenCC (s2t, standard forms, no
//! regional vocabulary changes, so official wording is not rewritten) and mirrored under
//! `zh-hant/`. Links between pages stay inside the mirror; links to assets, charts and data
//! files are rebased to the one shared copy at the site root.

use super::page::OutputFile;
use super::script;
use rayon::prelude::*;

/// Folder of the Traditional-Chinese mirror.
pub const PREFIX: &str = "zh-hant/";

/// Converted copies of every HTML file in `files`.
pub fn traditional_pages(files: &[OutputFile]) -> Vec<OutputFile> {
    files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            let html = String::from_utf8_lossy(&f.bytes);
            let converted = script::to_traditional(&html);
            let relinked = rebase_links(&converted, &f.path);
            OutputFile::text(
                format!("{PREFIX}{}", f.path),
                mark_language(relinked, &f.path),
            )
        })
        .collect()
}

/// Sets `lang` and turns the page's script switch into a link back to the Simplified page.
fn mark_language(html: String, path: &str) -> String {
    let root = super::page::common::root_prefix(path);
    html.replacen("<html lang=\"zh-CN\">", "<html lang=\"zh-Hant\">", 1)
        .replacen(
            &format!("href=\"{root}{PREFIX}{path}\" lang=\"zh-Hant\" hreflang=\"zh-Hant\">繁體"),
            &format!("href=\"../{root}{path}\" lang=\"zh-Hans\" hreflang=\"zh-Hans\">简体"),
            1,
        )
}

/// Rewrites `href`, `src` and `action` values of a page at `path` for its mirror copy.
fn rebase_links(html: &str, path: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some((before, attr, after)) = next_attribute(rest) {
        out.push_str(before);
        out.push_str(attr);
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(&rebase(path, &after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Splits at the next ` href="`, ` src="` or ` action="`.
fn next_attribute(text: &str) -> Option<(&str, &str, &str)> {
    ["href=\"", "src=\"", "action=\""]
        .iter()
        .filter_map(|a| text.find(a).map(|i| (i, a.len())))
        .min()
        .map(|(i, len)| (&text[..i], &text[i..i + len], &text[i + len..]))
}

/// The URL as seen from `zh-hant/<path>`: unchanged for other pages of the mirror,
/// pointing back to the root copy for everything else.
pub fn rebase(path: &str, url: &str) -> String {
    let is_relative = !url.is_empty() && !url.starts_with(['#', '/', '?']) && !url.contains(':');
    if !is_relative {
        return url.to_string();
    }
    let split = url.find(['#', '?']).unwrap_or(url.len());
    let (target, suffix) = url.split_at(split);
    if target.ends_with(".html") || target.ends_with('/') {
        return url.to_string();
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let depth = format!("{PREFIX}{path}").matches('/').count();
    format!("{}{}{suffix}", "../".repeat(depth), parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_stay_in_the_mirror_and_files_point_home() {
        let page = "programmes/x/index.html";
        assert_eq!(rebase(page, "../../index.html"), "../../index.html");
        assert_eq!(
            rebase(page, "data/targets.csv"),
            "../../../programmes/x/data/targets.csv"
        );
        assert_eq!(
            rebase(page, "../../assets/style.css"),
            "../../../assets/style.css"
        );
        assert_eq!(rebase("index.html", "assets/a11y.js"), "../assets/a11y.js");
        assert_eq!(rebase(page, "#targets"), "#targets");
        assert_eq!(
            rebase(page, "https://example.gov.cn/a.css"),
            "https://example.gov.cn/a.css"
        );
    }
}
