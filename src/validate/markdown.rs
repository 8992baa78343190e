//! Checks on a programme's Markdown pages before they are rendered: a bounded size and
//! nesting (a 14 MB page of brackets took 3.66 GB to render), no NUL characters, and no
//! image from another site (published pages make no requests to third parties).

use crate::error::Diagnostic;
use crate::i18n::t;
use crate::model::MarkdownPage;

/// Largest Markdown page, in bytes. The longest bundled page (a whole notice) is 17 KB.
pub const MAX_MARKDOWN_BYTES: usize = 1024 * 1024;

/// Deepest nesting of block quotes and list items (`> > - …`) on one line.
pub const MAX_MARKDOWN_NESTING: usize = 32;

/// Appends every problem of `page` to `problems`.
pub fn check(page: &MarkdownPage, problems: &mut Vec<Diagnostic>) {
    let text = &page.text;
    if text.len() > MAX_MARKDOWN_BYTES {
        problems.push(
            Diagnostic::file(
                &page.path,
                t(
                    format!("页面有 {} 字节，超过上限 {MAX_MARKDOWN_BYTES} 字节（1 MB）", text.len()),
                    format!("the page is {} bytes, more than the limit of {MAX_MARKDOWN_BYTES} bytes (1 MB)", text.len()),
                ),
            )
            .with_hint(t(
                "请把内容拆成几个页面（同一文件夹中的其他 .md 文件）",
                "split it into several pages (other .md files in the same folder)",
            )),
        );
        return;
    }
    lines(page, problems);
    if text.contains("![") {
        remote_images(page, problems);
    }
}

/// NUL characters and too deep nesting, each reported once, at its first line.
fn lines(page: &MarkdownPage, problems: &mut Vec<Diagnostic>) {
    let (mut nul, mut deep) = (false, false);
    for (i, line) in page.text.lines().enumerate() {
        let at = |message: String, hint: String| {
            Diagnostic::file(&page.path, message)
                .at(i + 1, 1)
                .with_hint(hint)
        };
        if !nul && line.contains('\0') {
            nul = true;
            let column = line[..line.find('\0').unwrap_or(0)].chars().count() + 1;
            let mut d = at(
                t("这一行有 NUL 字符（\\0），文件可能已损坏或编码不对", "this line holds a NUL character (\\0); the file may be damaged or in another encoding"),
                t("删除该字符，或把文件另存为 UTF-8 文本", "remove the character, or save the file again as UTF-8 text"),
            );
            d.column = Some(column);
            problems.push(d);
        }
        if !deep && nesting(line) > MAX_MARKDOWN_NESTING {
            deep = true;
            problems.push(at(
                t(
                    format!("引用（>）和列表嵌套超过 {MAX_MARKDOWN_NESTING} 层"),
                    format!("block quotes (>) and lists are nested more than {MAX_MARKDOWN_NESTING} deep"),
                ),
                t("正文只需两三层嵌套", "commentary needs two or three levels at most"),
            ));
        }
        if nul && deep {
            return;
        }
    }
}

/// How many block quotes and list items a line opens (`> > - x` opens three).
fn nesting(line: &str) -> usize {
    let mut rest = line;
    let mut depth = 0;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        if rest.len() - trimmed.len() > 3 {
            return depth;
        }
        let after = if let Some(after) = trimmed.strip_prefix('>') {
            after
        } else if let Some(after) = list_marker(trimmed) {
            after
        } else {
            return depth;
        };
        // `* * *` and `- - -` alone are rules, not lists.
        if depth == 0 && is_rule(trimmed) {
            return 0;
        }
        depth += 1;
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
}

/// The rest of the line after a list marker (`-`, `+`, `*` or `1.`/`1)` and a space).
fn list_marker(text: &str) -> Option<&str> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match digits {
        0 if text.starts_with(['-', '+', '*']) => 1,
        1..=9 if text[digits..].starts_with(['.', ')']) => digits + 1,
        _ => return None,
    };
    let after = &text[marker..];
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(after)
}

fn is_rule(text: &str) -> bool {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && marks.iter().all(|c| *c == marks[0] && "-*_".contains(*c))
}

/// Images whose address is on another site (`https://…`, `//…`, any scheme).
fn remote_images(page: &MarkdownPage, problems: &mut Vec<Diagnostic>) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let text = &page.text;
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let (mut from, mut line) = (0usize, 1usize);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let Event::Start(Tag::Image { dest_url, .. }) = event else {
            continue;
        };
        if !crate::render::markdown::is_remote_address(&dest_url) {
            continue;
        }
        // Images come in order: count lines on from the last one.
        line += text[from..range.start].matches('\n').count();
        from = range.start;
        problems.push(
            Diagnostic::file(
                &page.path,
                t(
                    format!("图片地址“{dest_url}”在其他网站上；公开的页面不从其他网站加载任何内容"),
                    format!("the image address “{dest_url}” is on another site; published pages load nothing from other sites"),
                ),
            )
            .at(line, 1)
            .with_source(text)
            .with_hint(t(
                "删除该图片，或改为普通链接：把开头的 ! 去掉",
                "remove the image, or make it a plain link by removing the leading !",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Option<usize>, String)> {
        let page = MarkdownPage {
            stem: "index".into(),
            path: "index.md".into(),
            text: text.into(),
        };
        let mut problems = Vec::new();
        check(&page, &mut problems);
        problems.into_iter().map(|d| (d.line, d.message)).collect()
    }

    #[test]
    fn ordinary_pages_pass() {
        let text = "# 标题\n\n> 引用\n> - 列表\n>   - 二级\n\n* * *\n\n- - -\n\n1. 一\n2) 二\n\n[链接](https://example.org/) ![本站图](../assets/a.png)\n";
        assert_eq!(found(text), Vec::new());
    }

    #[test]
    fn nul_deep_nesting_and_remote_images_are_refused_at_their_line() {
        let deep = "> ".repeat(40);
        let text = format!("一\n二\0\n{deep}x\n\n![图](https://tracker.example/p.gif)\n\n![图][r]\n\n[r]: //cdn.example/x.png\n");
        let lines: Vec<Option<usize>> = found(&text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, vec![Some(2), Some(3), Some(5), Some(7)]);
        let lists = format!("{}x\n", "- ".repeat(33));
        assert_eq!(found(&lists).len(), 1);
        assert_eq!(found(&format!("{}x\n", "- ".repeat(32))).len(), 0);
    }

    #[test]
    fn pages_over_the_limit_are_refused_whole() {
        let big = "字".repeat(MAX_MARKDOWN_BYTES / 3 + 1);
        let found = found(&big);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, None);
    }
}
