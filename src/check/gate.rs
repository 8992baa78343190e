//! What must not be published, found in the sources (so it is reported even when other
//! parts of the content have errors): template placeholders and import drafts' 请核对 marks
//! left in, figures dated after the as-of date, a `base_url` that is not a full address
//! (sitemap.xml and feed.xml need one); and, as warnings, data gone stale.

use crate::error::{Diagnostic, Excerpt};
use crate::i18n::t;
use crate::model::{Day, ProgrammeSource, Site};
use crate::scaffold::PLACEHOLDERS;
use std::path::{Path, PathBuf};

/// Days without a new figure before data is called stale, when `site.yaml` does not say.
pub const STALE_AFTER_DAYS: u32 = 365;

/// A text file as shown in messages, with its text.
pub struct Source<'a> {
    /// Path as shown.
    pub shown: PathBuf,
    /// The text.
    pub text: &'a str,
    /// Whether it is YAML (placeholders then count only outside `#` comments).
    pub yaml: bool,
}

/// The text files of a programme: its YAML and Markdown pages.
pub fn programme_sources(source: &ProgrammeSource) -> Vec<Source<'_>> {
    let yaml = Source {
        shown: source.yaml_path.clone(),
        text: &source.yaml_text,
        yaml: true,
    };
    let pages = source.pages.iter().map(|page| Source {
        shown: page.path.clone(),
        text: &page.text,
        yaml: false,
    });
    std::iter::once(yaml).chain(pages).collect()
}

/// A diagnostic underlining `needle` where it stands on 1-based `line` of `text`.
fn at_text(shown: &Path, text: &str, line: usize, needle: &str, message: String) -> Diagnostic {
    let source = text.lines().nth(line - 1).unwrap_or("").trim_end();
    let start = source
        .find(needle)
        .map_or(0, |b| source[..b].chars().count());
    let mut d = Diagnostic::file(shown, message).at(line, start + 1);
    d.excerpt = Some(Excerpt {
        text: source.to_string(),
        start,
        len: needle.chars().count().max(1),
    });
    d
}

/// Template placeholders and 请核对 marks, one message per line that has one.
pub fn leftovers(file: &Source) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, line) in file.text.lines().enumerate() {
        if line.contains("请核对") {
            found.push(
                at_text(&file.shown, file.text, i + 1, "请核对", t(
                    "导入草稿的“请核对”标记还在：这一项还没有人核对过",
                    "an import draft's “请核对” (please check) mark is still here: nobody has checked this item yet",
                ))
                .with_hint(t(
                    "对照原文核对这一项（数值、日期、原文句子），改正后删除“请核对”标记",
                    "check the item against the source document (value, date, sentence), then delete the “请核对” mark",
                )),
            );
            continue;
        }
        // In YAML only values count: the starting files' comments mention 示例 on purpose.
        let code = if file.yaml {
            line.split(" #").next().unwrap_or(line)
        } else {
            line
        };
        if file.yaml && code.trim_start().starts_with('#') {
            continue;
        }
        if let Some(placeholder) = PLACEHOLDERS.iter().find(|p| code.contains(*p)) {
            found.push(
                at_text(&file.shown, file.text, i + 1, placeholder, t(
                    format!("模板中的占位文字“{placeholder}”还在，不能发布"),
                    format!("the template's placeholder “{placeholder}” is still here; it must not be published"),
                ))
                .with_hint(t(
                    "换成文件中的真实内容；示例项目请整个删除",
                    "replace it with the real text from the document; delete the example programme altogether",
                )),
            );
        }
    }
    found
}

/// Figures dated after the as-of date: the site would publish data from the future.
pub fn future_figures(source: &ProgrammeSource, as_of: Day) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, actual) in source.programme.actuals.iter().enumerate() {
        if actual.date.first_day() <= as_of {
            continue;
        }
        let field = format!("actuals[{i}].date");
        let date = actual.date;
        found.push(
            crate::validate::located(source, &field, t(
                format!("实际数字的日期 {date} 晚于统计截止日期 {as_of}：尚未到来的日期不能有实际数字"),
                format!("the figure is dated {date}, after the as-of date {as_of}: a date still to come cannot have a reported figure"),
            ))
            .with_hint(t(
                "核对日期；若确是新数据，把 site.yaml 的 as_of 改到该日期或之后",
                "check the date; if the figure is real, move `as_of` in site.yaml to that date or later",
            )),
        );
    }
    found
}

/// Whether a base URL is a full address a search engine accepts.
fn is_absolute(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.strip_prefix(scheme)
            .and_then(|rest| rest.split('/').next())
            .is_some_and(|host| !host.is_empty())
    })
}

/// `base_url` must be a full address: `sitemap.xml` and `feed.xml` list absolute URLs.
pub fn base_url(site: &Site, overridden: Option<&str>, site_file: &Path) -> Option<Diagnostic> {
    let url = overridden.unwrap_or(&site.base_url);
    if is_absolute(url) {
        return None;
    }
    let text = crate::load::read_text(site_file, site_file).unwrap_or_default();
    let shown = PathBuf::from("content/site.yaml");
    let shown = site_file
        .parent()
        .map(|content| crate::load::display_path(content, site_file))
        .unwrap_or(shown);
    let message = t(
        format!("网站地址 base_url 是“{url}”，不是完整网址：sitemap.xml 和 feed.xml 要列出以 https:// 开头的完整网址，搜索引擎不接受相对地址"),
        format!("base_url is “{url}”, not a full address: sitemap.xml and feed.xml must list full URLs starting with https://; search engines refuse relative ones"),
    );
    let mut d = Diagnostic::file(&shown, message).with_field("base_url");
    if overridden.is_none() {
        if let Some((line, column)) = crate::yaml::locate(&text, "base_url") {
            d = d.at(line, column).with_source(&text);
        }
    }
    Some(d.with_hint(t(
        "写明网站发布的完整地址，如 base_url: https://www.example.gov.cn/xxgk/ylws/，或用 --base-url 指定",
        "give the full address the site is published at, e.g. base_url: https://www.example.gov.cn/xxgk/ylws/, or pass --base-url",
    )))
}

/// A programme with targets whose newest figure (or, with none, its publication) is older
/// than the site's limit: its statuses no longer say much.
pub fn stale(source: &ProgrammeSource, as_of: Day, limit: u32) -> Option<Diagnostic> {
    let p = &source.programme;
    if p.targets.is_empty() {
        return None;
    }
    let newest = p
        .actuals
        .iter()
        .enumerate()
        .filter(|(_, a)| a.date.first_day() <= as_of)
        .max_by_key(|(_, a)| a.date.last_day());
    let (field, day, what) = match newest {
        Some((i, a)) => (format!("actuals[{i}].date"), a.date, true),
        None => {
            let (key, date) = match (p.disclosure.published, p.disclosure.written) {
                (Some(d), _) => ("published", d),
                (None, Some(d)) => ("written", d),
                (None, None) => return None,
            };
            (format!("disclosure.{key}"), date, false)
        }
    };
    // A figure for "2025-01" stands for the whole month: its age counts from the month's end.
    let age = as_of.ordinal() - day.last_day().ordinal();
    if age <= i64::from(limit) {
        return None;
    }
    let message = if what {
        t(
            format!("最新的实际数字是 {day} 的，距统计截止日期 {as_of} 已 {age} 天（超过 {limit} 天）：数据可能已过时"),
            format!("the newest figure is from {day}, {age} days before the as-of date {as_of} (more than {limit}): the data may be stale"),
        )
    } else {
        t(
            format!("文件 {day} 发布以来 {age} 天没有报告任何实际数字（超过 {limit} 天）：数据可能已过时"),
            format!("no figure has been reported in the {age} days since publication on {day} (more than {limit}): the data may be stale"),
        )
    };
    Some(
        crate::validate::located(source, &field, message).with_hint(t(
            "在 actuals: 下补充最新进展的数字；可在 site.yaml 用 stale_after_days 调整天数",
            "add the latest figures under `actuals:`; `stale_after_days` in site.yaml sets the limit",
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_addresses_pass() {
        assert!(is_absolute("https://www.example.gov.cn/xxgk/"));
        assert!(is_absolute("http://a.b"));
        assert!(!is_absolute("/"));
        assert!(!is_absolute("/xxgk/ylws/"));
        assert!(!is_absolute("https://"));
        assert!(!is_absolute("www.example.gov.cn"));
    }

    #[test]
    fn placeholders_in_values_and_pages_are_found_but_not_in_yaml_comments() {
        let yaml = Source {
            shown: "p.yaml".into(),
            text: "# 模板：请把示例数字换成文件中的数字\ntitle: （请填写文件标题）\nregion: { province: 某省 }  # 某省\n  # 置信度 0.60：请核对\n",
            yaml: true,
        };
        let found: Vec<Option<usize>> = leftovers(&yaml).iter().map(|d| d.line).collect();
        assert_eq!(found, [Some(2), Some(3), Some(4)]);
        let page = Source {
            shown: "index.md".into(),
            text: "## 项目说明\n\n在此撰写项目说明。\n",
            yaml: false,
        };
        assert_eq!(leftovers(&page)[0].line, Some(3));
    }
}
