//! Further Markdown pages of a programme (`<name>.md` → `programmes/<slug>/<name>/`).

use super::common::{self, Layout};
use super::OutputFile;
use crate::compute::{ComputedProgramme, ComputedSite};
use crate::error::Result;
use crate::model::MarkdownPage;
use crate::render::{markdown, theme::Theme};
use serde::Serialize;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    title: String,
    programme_title: String,
    programme_href: String,
    body: String,
}

/// The page title: its first heading, else its file name.
pub fn title_of(page: &MarkdownPage) -> String {
    page.text
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| page.stem.clone())
}

/// Renders every sub-page of a programme.
/// Output path of the sub-page `stem` of the programme `slug`.
pub fn path(slug: &str, stem: &str) -> String {
    format!("programmes/{slug}/{stem}/index.html")
}

/// The HTML pages of a programme: its page and its sub-pages, as [`render_all`] and the
/// programme page make them (the preview's sitemap lists them without rendering them).
pub fn programme_pages(p: &ComputedProgramme) -> Vec<String> {
    let slug = &p.programme().slug;
    let subpages = p.source.pages.iter().filter(|page| page.stem != "index");
    std::iter::once(super::programme::path(slug))
        .chain(subpages.map(|page| path(slug, &page.stem)))
        .collect()
}

pub fn render_all(
    site: &ComputedSite,
    p: &ComputedProgramme,
    theme: &Theme,
) -> Result<Vec<OutputFile>> {
    let programme = p.programme();
    p.source
        .pages
        .iter()
        .filter(|page| page.stem != "index")
        .map(|page| {
            let path = path(&programme.slug, &page.stem);
            let title = title_of(page);
            let layout = common::layout(site, &path, "programme", &title, &programme.title);
            let context = Context {
                title,
                programme_title: programme.title.clone(),
                programme_href: "../index.html".to_string(),
                body: markdown::render(&page.text, 0, "c-").html,
                layout,
            };
            theme.render_file("subpage.html", &context, path)
        })
        .collect()
}
