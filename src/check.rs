//! `gongkai check`: everything `build` validates, plus what only shows once the site is
//! rendered (broken internal links and anchors) and what is legal but suspicious (a deadline
//! passed with nothing reported, an indicator defined but never used, stray files).
//!
//! Nothing is written. Errors make the command fail; warnings do not.

use crate::build::BuildOptions;
use crate::compute::{self, ComputedSite};
use crate::error::{Diagnostic, Result};
use crate::i18n::t;
use crate::render::page::OutputFile;
use crate::{load, render, validate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod gate;
mod region;

pub use gate::STALE_AFTER_DAYS;

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Problems that would stop a build, break a page or must not be published.
    pub errors: Vec<Diagnostic>,
    /// Things worth a look that do not stop a build.
    pub warnings: Vec<Diagnostic>,
}

impl CheckReport {
    /// `--strict`: every warning counts as an error (for CI).
    pub fn strict(mut self) -> Self {
        self.errors.append(&mut self.warnings);
        sort(&mut self.errors);
        self
    }
}

/// By file, then line: what a person fixes one file at a time reads in order.
fn sort(list: &mut [Diagnostic]) {
    list.sort_by(|a, b| (&a.file, a.line.unwrap_or(0)).cmp(&(&b.file, b.line.unwrap_or(0))));
}

/// Runs every check on the content described by `options`, reporting all it finds in one
/// run: a file with errors is still checked on the rest, and the checks on what must not
/// be published run whatever else is wrong.
pub fn check_site(options: &BuildOptions) -> Result<CheckReport> {
    let mut loaded = load::load_lenient(&options.content, None);
    let mut report = CheckReport {
        errors: validate::checked(&loaded),
        warnings: Vec::new(),
    };
    let Some(content) = &loaded.content else {
        return Ok(report);
    };
    // Status, pages and links are worked out from the programmes without content errors
    // (what is left in for publishing does not stop a page from rendering).
    let failed: BTreeSet<std::path::PathBuf> =
        report.errors.iter().map(|d| d.file.clone()).collect();
    let clean = report.errors.is_empty();
    source_checks(options, content, &loaded, &mut report);
    let Some(mut content) = loaded.content.take() else {
        return Ok(report);
    };
    report.warnings.extend(stray_files(&options.content));
    content.programmes.retain(|p| {
        !failed.contains(&p.yaml_path) && !p.pages.iter().any(|m| failed.contains(&m.path))
    });
    if let Some(base_url) = &options.base_url {
        content.site.base_url = base_url.clone();
    }
    let defined_here = site_defined_indicators(&options.content);
    let site = compute::compute(content, options.as_of);
    report.warnings.extend(overdue_without_data(&site));
    report.warnings.extend(hidden_folders(&options.content));
    if clean {
        let site_root = options.content.parent().unwrap_or(Path::new("."));
        // A theme that cannot be used (a link, a missing folder) is reported like content.
        match render::render_site(&site, site_root, &crate::build::Silent) {
            Ok(files) => {
                report.errors.extend(broken_links(&files, &site));
                report
                    .warnings
                    .extend(unused_indicators(&site, &defined_here, &options.content));
            }
            Err(crate::error::Error::Invalid(errors)) => report.errors.extend(errors),
            Err(other) => return Err(other),
        }
    }
    sort(&mut report.errors);
    sort(&mut report.warnings);
    Ok(report)
}

/// The checks that need only the sources: placeholders, 请核对 marks, figures from the
/// future, `base_url`; region names and stale data as warnings.
fn source_checks(
    options: &BuildOptions,
    content: &crate::model::Content,
    loaded: &load::Loaded,
    report: &mut CheckReport,
) {
    let site_file = options.content.join("site.yaml");
    let site_shown = load::display_path(&options.content, &site_file);
    // Read as load reads it: never through a link, so nothing outside content is echoed.
    let site_text = load::read_text(&site_shown, &site_file).unwrap_or_default();
    let site_source = gate::Source {
        shown: site_shown.clone(),
        text: &site_text,
        yaml: true,
    };
    report.errors.extend(gate::leftovers(&site_source));
    report.errors.extend(gate::base_url(
        &content.site,
        options.base_url.as_deref(),
        &site_file,
    ));
    // A stand-in as-of date would make every figure look late or early: skip those checks.
    let as_of = match options.as_of {
        Some(day) => Some(day.last_day()),
        None if loaded.is_repaired(&site_shown, "as_of") => None,
        None => Some(content.site.as_of.last_day()),
    };
    let limit = content.site.stale_after_days.unwrap_or(STALE_AFTER_DAYS);
    // Nothing is said about a stand-in for a refused value: its own error says it all.
    let sound = |d: &Diagnostic| {
        !d.field
            .as_deref()
            .is_some_and(|f| loaded.is_repaired(&d.file, f))
    };
    for source in &content.programmes {
        for file in gate::programme_sources(source) {
            report.errors.extend(gate::leftovers(&file));
        }
        let mut warnings = region::check(source);
        let mut errors = Vec::new();
        if let Some(as_of) = as_of {
            errors.extend(gate::future_figures(source, as_of));
            warnings.extend(gate::stale(source, as_of, limit));
        }
        report.errors.extend(errors.into_iter().filter(sound));
        report.warnings.extend(warnings.into_iter().filter(sound));
    }
}

/// Ids defined in the site's own `indicators.yaml` (built-ins unused by a site are normal).
fn site_defined_indicators(content: &Path) -> BTreeSet<String> {
    let path = content.join("indicators.yaml");
    let text = load::read_text(&path, &path).unwrap_or_default();
    serde_yaml::from_str::<Vec<crate::model::Indicator>>(&text)
        .map(|list| list.into_iter().map(|i| i.id).collect())
        .unwrap_or_default()
}

/// Every relative `href`/`src` in every page must name a file of the site, and a `#fragment`
/// must name an `id` in that file.
fn broken_links(files: &[OutputFile], site: &ComputedSite) -> Vec<Diagnostic> {
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") || f.path.ends_with(".svg"))
        .map(|f| {
            (
                f.path.as_str(),
                attribute_values(&String::from_utf8_lossy(&f.bytes), "id=\""),
            )
        })
        .collect();
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        let mut links = attribute_values(&html, "href=\"");
        links.extend(attribute_values(&html, "src=\""));
        for link in links {
            if let Some(message) = link_problem(&file.path, &link, &paths, &ids) {
                problems.push(where_written(site, &file.path, &link, message));
            }
        }
    }
    problems
}

fn link_problem(
    page: &str,
    link: &str,
    paths: &BTreeSet<&str>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<String> {
    if link.contains(':') || link.starts_with('/') || link.starts_with('?') || link.is_empty() {
        return None;
    }
    let (target, fragment) = match link.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (link, None),
    };
    let target = target.split('?').next().unwrap_or("");
    let resolved = if target.is_empty() {
        page.to_string()
    } else {
        resolve(page, target)?
    };
    let resolved = if resolved.ends_with('/') || resolved.is_empty() {
        format!("{resolved}index.html")
    } else {
        resolved
    };
    if !paths.contains(resolved.as_str()) {
        return Some(t(
            format!("链接“{link}”指向 {resolved}，网站中没有这个文件"),
            format!("link “{link}” points to {resolved}, which the site does not have"),
        ));
    }
    match (fragment, ids.get(resolved.as_str())) {
        (Some(f), Some(known)) if !f.is_empty() && !known.contains(f) => Some(t(
            format!("链接“{link}”指向 #{f}，但 {resolved} 中没有这个锚点"),
            format!("link “{link}” points to #{f}, which {resolved} does not have"),
        )),
        _ => None,
    }
}

/// Points at the Markdown line that holds the link when an author wrote it, else at the page.
fn where_written(site: &ComputedSite, page: &str, link: &str, message: String) -> Diagnostic {
    let written = site
        .programmes
        .iter()
        .filter(|p| page.starts_with(&format!("programmes/{}/", p.programme().slug)))
        .flat_map(|p| p.source.pages.iter())
        .find_map(|md| {
            let needle = format!("]({link}");
            let line = md.text.lines().position(|l| l.contains(&needle))?;
            let column = md.text.lines().nth(line)?.find(&needle)?;
            Some((
                md,
                line + 1,
                md.text.lines().nth(line)?[..column].chars().count() + 3,
            ))
        });
    match written {
        Some((md, line, column)) => Diagnostic::file(&md.path, message)
            .at(line, column)
            .with_source(&md.text),
        None => Diagnostic::file(format!("output/{page}"), message).with_hint(t(
            "检查主题模板中的链接",
            "check the links in the theme's templates",
        )),
    }
}

/// Resolves a relative link from a page path; None if it climbs above the site root.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for piece in link.split('/') {
        match piece {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let trailing = if link.ends_with('/') { "/" } else { "" };
    Some(format!("{}{trailing}", parts.join("/")))
}

/// Values of one attribute in an HTML text, in order.
fn attribute_values(html: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(prefix) {
        rest = &rest[i + prefix.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.insert(rest[..end].replace("&amp;", "&"));
        rest = &rest[end..];
    }
    out
}

fn overdue_without_data(site: &ComputedSite) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for p in &site.programmes {
        let programme = p.programme();
        for report in &p.targets {
            let target = &programme.targets[report.index];
            let passed = target.deadline.is_some_and(|d| d.last_day() < site.as_of);
            if passed && report.actuals.is_empty() {
                let field = format!("targets[{}].deadline", report.index);
                let deadline = target.deadline.map(|d| d.to_string()).unwrap_or_default();
                let mut d = Diagnostic::file(&p.source.yaml_path, t(
                    format!("“{}”的截止日期 {deadline} 已过，但没有报告实际数字", target.label),
                    format!("the deadline {deadline} of “{}” has passed and no figure reports on it", target.label),
                ))
                .with_field(&field)
                .with_hint(t("在 actuals: 下补充实际数字，并用 target: 写明本目标的编号", "add the reported figure under `actuals:` with `target:` set to this target's id"));
                if let Some((line, column)) = crate::yaml::locate(&p.source.yaml_text, &field) {
                    d = d.at(line, column).with_source(&p.source.yaml_text);
                }
                warnings.push(d);
            }
        }
    }
    warnings
}

fn unused_indicators(
    site: &ComputedSite,
    defined_here: &BTreeSet<String>,
    content: &Path,
) -> Vec<Diagnostic> {
    let used: BTreeSet<&str> = site
        .programmes
        .iter()
        .flat_map(|p| {
            let programme = p.programme();
            programme
                .targets
                .iter()
                .map(|t| t.indicator.as_str())
                .chain(programme.actuals.iter().map(|a| a.indicator.as_str()))
        })
        .collect();
    let shown = load::display_path(content, &content.join("indicators.yaml"));
    defined_here
        .iter()
        .filter(|id| !used.contains(id.as_str()))
        .map(|id| {
            Diagnostic::file(
                &shown,
                t(
                    format!("指标“{id}”已定义，但没有目标或数字使用它"),
                    format!("indicator “{id}” is defined but no target or figure uses it"),
                ),
            )
        })
        .collect()
}

/// Files in programme folders that gongkai does not publish.
fn stray_files(content: &Path) -> Vec<Diagnostic> {
    let root = content.join("programmes");
    walkdir::WalkDir::new(&root)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            let markdown = Path::new(name.as_ref())
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            !(name == "programme.yaml" || markdown || name.starts_with('.'))
        })
        .map(|e| {
            Diagnostic::file(
                load::display_path(content, e.path()),
                t("网站不使用这个文件", "file is not used by the site"),
            )
            .with_hint(t(
                "只有 programme.yaml 和 .md 文件会被发布；请删除或移走该文件",
                "only programme.yaml and .md files are published; remove it or move it elsewhere",
            ))
        })
        .collect()
}

/// Folders under `content/programmes/` whose names start with '.': not published, which is
/// what a folder kept aside means, but worth a word in case it was hidden by mistake.
fn hidden_folders(content: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(content.join("programmes")) else {
        return Vec::new();
    };
    let mut hidden: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    hidden.sort();
    hidden
        .iter()
        .map(|path| {
            Diagnostic::file(
                load::display_path(content, path),
                t(
                    "名称以“.”开头的文件夹是隐藏文件夹，不会发布",
                    "folder name starts with '.': it is hidden and not published",
                ),
            )
            .with_hint(t(
                "如需发布，请去掉名称开头的“.”",
                "remove the leading '.' from its name to publish it",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("programmes/x/index.html", "../../index.html").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            resolve("programmes/x/index.html", "data/a.csv").as_deref(),
            Some("programmes/x/data/a.csv")
        );
        assert_eq!(resolve("index.html", "../x"), None);
    }
}
