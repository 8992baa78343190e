//! What every page shares: the layout context, navigation and relative links.

use crate::compute::{ComputedProgramme, ComputedSite, Status, StatusCounts};
use serde::Serialize;

/// Layout fields used by `base.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// Site title.
    pub site_title: String,
    /// Publisher.
    pub publisher: String,
    /// `lang` attribute.
    pub lang: String,
    /// Relative prefix from this page to the site root ("", "../", "../../").
    pub root: String,
    /// This page's path from the root, for the script switch.
    pub path: String,
    /// Whether the site also has a Traditional-Chinese rendering.
    pub traditional: bool,
    /// `<title>` of the page.
    pub page_title: String,
    /// Meta description.
    pub description: String,
    /// As-of date, Chinese.
    pub as_of: String,
    /// As-of date, ISO.
    pub as_of_iso: String,
    /// Navigation entries.
    pub nav: Vec<NavItem>,
    /// `<meta name content>` pairs: the site tags of 《政府网站发展指引》 on every page, column
    /// tags on index pages, article tags on programme pages.
    pub meta: Vec<(String, String)>,
}

impl Layout {
    fn push_meta(&mut self, name: &str, content: &str) {
        if !content.trim().is_empty() {
            self.meta.push((name.to_string(), content.to_string()));
        }
    }

    /// Adds the column (栏目) tags of an index page.
    pub fn column(mut self, name: &str, keywords: &str) -> Self {
        let description = self.description.clone();
        self.push_meta("ColumnName", name);
        self.push_meta("ColumnDescription", &description);
        self.push_meta("ColumnKeywords", keywords);
        self.push_meta("ColumnType", "信息公开");
        self
    }

    /// Adds the article tags of a document page.
    pub fn article(mut self, title: &str, pub_date: &str, source: &str, keywords: &str) -> Self {
        self.push_meta("ArticleTitle", title);
        self.push_meta("PubDate", pub_date);
        self.push_meta("ContentSource", source);
        self.push_meta("Keywords", keywords);
        self
    }
}

/// One navigation entry.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Link relative to the page.
    pub href: String,
    /// Label.
    pub label: String,
    /// Whether this is the current section.
    pub current: bool,
}

/// The prefix from a page at `path` (e.g. `programmes/x/index.html`) to the root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Builds the layout for a page at `path`, in section `section`.
pub fn layout(
    site: &ComputedSite,
    path: &str,
    section: &str,
    page_title: &str,
    description: &str,
) -> Layout {
    let root = root_prefix(path);
    let sections = [
        ("home", "index.html", "首页"),
        ("regions", "regions/index.html", "按地区"),
        ("years", "years/index.html", "按年份"),
        ("issuers", "issuers/index.html", "按发布机构"),
        ("categories", "categories/index.html", "按分类"),
        ("indicators", "indicators/index.html", "按指标"),
        ("status", "status/index.html", "按状态"),
        ("data", "data/index.html", "开放数据"),
        ("search", "search/index.html", "搜索"),
    ];
    let nav = sections
        .iter()
        .map(|(key, href, label)| NavItem {
            href: format!("{root}{href}"),
            label: label.to_string(),
            current: *key == section,
        })
        .collect();
    let title = if page_title == site.site.title {
        page_title.to_string()
    } else {
        format!("{page_title} - {}", site.site.title)
    };
    let mut layout = Layout {
        site_title: site.site.title.clone(),
        publisher: site.site.publisher.clone(),
        lang: site.site.language.clone(),
        root,
        path: path.to_string(),
        traditional: site.site.traditional,
        page_title: title,
        description: description.to_string(),
        as_of: site.as_of.to_chinese(),
        as_of_iso: site.as_of.to_string(),
        nav,
        meta: Vec::new(),
    };
    layout.push_meta("description", description);
    layout.push_meta("SiteName", &site.site.title);
    layout.push_meta("SiteDomain", &site.site.domain().unwrap_or_default());
    layout.push_meta(
        "SiteIDCode",
        site.site.site_id_code.as_deref().unwrap_or(""),
    );
    layout
}

/// The site's column keywords joined for meta tags.
pub fn keywords(site: &ComputedSite) -> String {
    site.site.keywords.join(",")
}

/// A status count for summaries.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    /// Chinese label.
    pub label: &'static str,
    /// CSS key.
    pub key: &'static str,
    /// Symbol.
    pub symbol: &'static str,
    /// How many.
    pub count: usize,
}

/// Status counts as a list for templates.
pub fn counts(counts: &StatusCounts) -> Vec<CountView> {
    Status::ALL
        .iter()
        .map(|s| CountView {
            label: s.label(),
            key: s.key(),
            symbol: s.symbol(),
            count: counts.get(*s),
        })
        .collect()
}

/// A short entry for lists of programmes.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeLink {
    /// Link relative to the listing page.
    pub href: String,
    /// Title.
    pub title: String,
    /// 文号.
    pub doc_no: String,
    /// Issuers joined with 、.
    pub issuers: String,
    /// Region path.
    pub region: String,
    /// 成文 or 发布 date, Chinese.
    pub date: String,
    /// Same, ISO.
    pub date_iso: String,
    /// Document type label.
    pub doc_type: String,
    /// Number of targets.
    pub target_count: usize,
    /// Status counts.
    pub counts: Vec<CountView>,
}

/// The programme's main date: 成文日期, else 发布日期.
pub fn main_date(p: &ComputedProgramme) -> Option<crate::model::DateSpec> {
    let d = &p.programme().disclosure;
    d.written.or(d.published)
}

/// A list entry for a programme, linked from a page whose root prefix is `root`.
pub fn programme_link(p: &ComputedProgramme, root: &str) -> ProgrammeLink {
    let programme = p.programme();
    let date = main_date(p);
    ProgrammeLink {
        href: format!("{root}programmes/{}/index.html", programme.slug),
        title: programme.title.clone(),
        doc_no: programme.disclosure.doc_no.clone().unwrap_or_default(),
        issuers: programme.disclosure.issuers.join("、"),
        region: programme.region.full_name(),
        date: date.map(|d| d.to_chinese()).unwrap_or_default(),
        date_iso: date.map(|d| d.to_string()).unwrap_or_default(),
        doc_type: programme.document_type.label().to_string(),
        target_count: p.targets.len(),
        counts: counts(&p.counts),
    }
}

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Where it goes, relative to the page.
    pub href: String,
    /// What it says.
    pub text: String,
}

/// Links between the pages of a listing split into pages (`pager.html`).
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages there are.
    pub total: usize,
    /// The page before, if any.
    pub previous: Option<String>,
    /// The page after, if any.
    pub next: Option<String>,
    /// Every page.
    pub pages: Vec<PageLink>,
}

/// One page of a [`Pager`].
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Its number, from 1.
    pub number: usize,
    /// Where it is, relative to the page holding the pager.
    pub href: String,
    /// Whether it is the page holding the pager.
    pub current: bool,
}

/// The site path of page `number` of a listing kept in `folder` (ending in '/'): the first
/// page is the folder's own index, the others numbered folders inside it
/// (`status/overdue/index.html`, `status/overdue/2/index.html` …).
pub fn numbered_page(folder: &str, number: usize) -> String {
    match number {
        1 => format!("{folder}index.html"),
        n => format!("{folder}{n}/index.html"),
    }
}

/// The pager held by page `current` of the `total` pages of the listing in `folder` (see
/// [`numbered_page`]).
pub fn pager(folder: &str, current: usize, total: usize) -> Pager {
    let root = root_prefix(&numbered_page(folder, current));
    let href = |n: usize| format!("{root}{}", numbered_page(folder, n));
    Pager {
        current,
        total,
        previous: (current > 1).then(|| href(current - 1)),
        next: (current < total).then(|| href(current + 1)),
        pages: (1..=total)
            .map(|number| PageLink {
                number,
                href: href(number),
                current: number == current,
            })
            .collect(),
    }
}
