//! 信息公开目录-style listings that share one template: by issuing body, by category and by
//! target status. Each is a real page with a count per group.

use super::common::{self, Layout, Link, Pager};
use super::OutputFile;
use crate::compute::{ComputedSite, Status};
use crate::error::Result;
use crate::render::theme::Theme;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    title: String,
    intro: &'static str,
    unit: &'static str,
    groups: Vec<Group>,
    /// Whether the page starts with links to its groups (not for a single group).
    group_links: bool,
    /// Links to the other pages of a listing split into pages.
    pager: Option<Pager>,
}

#[derive(Serialize)]
struct Group {
    id: String,
    name: String,
    count: usize,
    items: Vec<Item>,
    /// A link to the whole group when the page shows only its first items.
    more: Option<Link>,
}

/// A site with more targets than this lists, on the status page, only the first
/// [`STATUS_SHOWN`] of each status, and every target of a status on that status's own pages
/// ([`STATUS_PER_PAGE`] a page). A national site has tens of thousands: on one page that
/// was 16 MB at 3,000 programmes, far too much for a phone.
pub const STATUS_ONE_PAGE_LIMIT: usize = 1_000;
/// Targets of each status shown on the status page of a large site.
pub const STATUS_SHOWN: usize = 20;
/// Targets on each page of a status's own listing.
pub const STATUS_PER_PAGE: usize = 500;

#[derive(Serialize)]
struct Item {
    href: String,
    title: String,
    detail: String,
}

/// A listing page: where it goes, what it is called, and its groups in display order.
struct Listing {
    path: String,
    section: &'static str,
    title: String,
    intro: &'static str,
    unit: &'static str,
    groups: Vec<Group>,
    /// Whether the page starts with links to its groups.
    group_links: bool,
    pager: Option<Pager>,
}

impl Listing {
    /// This listing's place and wording, without its groups or pager.
    fn clone_head(&self) -> Listing {
        Listing {
            path: self.path.clone(),
            section: self.section,
            title: self.title.clone(),
            intro: self.intro,
            unit: self.unit,
            groups: Vec::new(),
            group_links: self.group_links,
            pager: None,
        }
    }

    /// A listing whose groups show every item.
    fn whole(
        path: &str,
        section: &'static str,
        title: &str,
        intro: &'static str,
        unit: &'static str,
        groups: Vec<(String, Vec<Item>)>,
    ) -> Listing {
        Listing {
            path: path.to_string(),
            section,
            title: title.to_string(),
            intro,
            unit,
            groups: groups
                .into_iter()
                .enumerate()
                .map(|(i, (name, items))| group(i, name, items.len(), items, None))
                .collect(),
            group_links: true,
            pager: None,
        }
    }
}

fn group(index: usize, name: String, count: usize, items: Vec<Item>, more: Option<Link>) -> Group {
    Group {
        id: format!("g{}", index + 1),
        name,
        count,
        items,
        more,
    }
}

/// Items of a directory page at most on a large site; a longer listing continues on
/// numbered pages (`issuers/2/index.html` …). One page per listing made pages of a megabyte
/// and more at 3,000 programmes.
pub const DIRECTORY_PER_PAGE: usize = 500;

/// Renders `listing` on one page when it has at most [`DIRECTORY_PER_PAGE`] items, else on
/// as many pages as it needs, each with a pager; a group running over a page break is
/// continued under its heading on the next page.
fn render_paged(site: &ComputedSite, theme: &Theme, listing: Listing) -> Result<Vec<OutputFile>> {
    let total: usize = listing.groups.iter().map(|g| g.items.len()).sum();
    if total <= DIRECTORY_PER_PAGE {
        return Ok(vec![render(site, theme, listing)?]);
    }
    let pages = total.div_ceil(DIRECTORY_PER_PAGE);
    let folder = listing.path.trim_end_matches("index.html").to_string();
    let head = listing.clone_head();
    let mut split: Vec<Vec<Group>> = vec![Vec::new()];
    let mut room = DIRECTORY_PER_PAGE;
    for group in listing.groups {
        let mut items = group.items.into_iter().peekable();
        let mut continued = false;
        while items.peek().is_some() {
            if room == 0 {
                split.push(Vec::new());
                room = DIRECTORY_PER_PAGE;
            }
            let part: Vec<Item> = items.by_ref().take(room).collect();
            room -= part.len();
            if let Some(page) = split.last_mut() {
                page.push(Group {
                    id: group.id.clone(),
                    name: match continued {
                        true => format!("{}（续）", group.name),
                        false => group.name.clone(),
                    },
                    count: group.count,
                    items: part,
                    more: None,
                });
            }
            continued = true;
        }
    }
    split
        .into_iter()
        .enumerate()
        .map(|(i, groups)| {
            let number = i + 1;
            let page = Listing {
                title: format!("{}（第 {number}/{pages} 页）", head.title),
                groups,
                group_links: false,
                pager: Some(common::pager(&folder, number, pages)),
                path: common::numbered_page(&folder, number),
                ..head.clone_head()
            };
            render(site, theme, page)
        })
        .collect()
}

/// Renders one listing page; item links, kept relative to the site root until here, are
/// made relative to the page.
fn render(site: &ComputedSite, theme: &Theme, mut listing: Listing) -> Result<OutputFile> {
    let layout = common::layout(
        site,
        &listing.path,
        listing.section,
        &listing.title,
        listing.intro,
    )
    .column(&listing.title, &common::keywords(site));
    for item in listing.groups.iter_mut().flat_map(|g| g.items.iter_mut()) {
        item.href.insert_str(0, &layout.root);
    }
    let context = Context {
        layout,
        title: listing.title,
        intro: listing.intro,
        unit: listing.unit,
        group_links: listing.group_links,
        groups: listing.groups,
        pager: listing.pager,
    };
    Ok(OutputFile::text(
        listing.path,
        theme.render("directory.html", &context)?,
    ))
}

/// A programme as a listing item, linked relative to the site root.
fn programme_item(p: &crate::compute::ComputedProgramme) -> Item {
    let link = common::programme_link(p, "");
    Item {
        href: link.href,
        title: link.title,
        detail: [link.doc_no, link.date, link.region]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// `issuers/index.html`: programmes by issuing body (a joint document is listed under each),
/// continued on numbered pages on a large site.
pub fn issuers(site: &ComputedSite, theme: &Theme) -> Result<Vec<OutputFile>> {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for p in &site.programmes {
        for issuer in &p.programme().disclosure.issuers {
            groups
                .entry(issuer.clone())
                .or_default()
                .push(programme_item(p));
        }
    }
    render_paged(
        site,
        theme,
        Listing::whole(
            "issuers/index.html",
            "issuers",
            "按发布机构浏览",
            "按发布机构列出各项目文件；联合发文列在每个发布机构之下。",
            "个项目",
            groups.into_iter().collect(),
        ),
    )
}

/// `categories/index.html`: programmes by 信息分类 (else by document type), continued on
/// numbered pages on a large site.
pub fn categories(site: &ComputedSite, theme: &Theme) -> Result<Vec<OutputFile>> {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for p in &site.programmes {
        let programme = p.programme();
        let category = programme.disclosure.category.clone().unwrap_or_else(|| {
            format!("{}（文件未注明信息分类）", programme.document_type.label())
        });
        groups.entry(category).or_default().push(programme_item(p));
    }
    render_paged(
        site,
        theme,
        Listing::whole(
            "categories/index.html",
            "categories",
            "按信息分类浏览",
            "按文件的信息分类列出；文件未注明分类的，按文件类型归类。",
            "个项目",
            groups.into_iter().collect(),
        ),
    )
}

/// `status/index.html`: every target, grouped by computed status; on a site of more than
/// [`STATUS_ONE_PAGE_LIMIT`] targets, the first of each status with a link to its pages.
pub fn status(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    const TITLE: &str = "按目标状态浏览";
    let split = site.counts.total() > STATUS_ONE_PAGE_LIMIT;
    let groups = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, &status)| {
            let count = site.counts.get(status);
            let items = status_items(site, status, split.then_some(STATUS_SHOWN));
            let more = (split && count > items.len()).then(|| Link {
                href: format!("{}/index.html", status.key()),
                text: match count.div_ceil(STATUS_PER_PAGE) {
                    1 => format!("查看全部 {count} 项“{}”目标", status.label()),
                    pages => format!(
                        "查看全部 {count} 项“{}”目标（分 {pages} 页）",
                        status.label()
                    ),
                },
            });
            group(i, status_name(status), count, items, more)
        })
        .collect();
    let intro = if split {
        "按数据截至日期计算的状态列出目标：每种状态先列前 20 项，全部目标见该状态的分页列表。"
    } else {
        "按数据截至日期计算的状态列出全部目标。"
    };
    let listing = Listing {
        path: "status/index.html".into(),
        section: "status",
        title: TITLE.into(),
        intro,
        unit: "项目标",
        groups,
        group_links: true,
        pager: None,
    };
    render(site, theme, listing)
}

/// The pages of one status's own listing (`status/<key>/index.html`, then
/// `status/<key>/<n>/index.html`), [`STATUS_PER_PAGE`] targets a page; none on a site small
/// enough for the status page to list every target.
pub fn status_pages(site: &ComputedSite, theme: &Theme, status: Status) -> Result<Vec<OutputFile>> {
    let count = site.counts.get(status);
    if site.counts.total() <= STATUS_ONE_PAGE_LIMIT || count == 0 {
        return Ok(Vec::new());
    }
    let pages = count.div_ceil(STATUS_PER_PAGE);
    let mut items = status_items(site, status, None).into_iter();
    let folder = format!("status/{}/", status.key());
    (1..=pages)
        .map(|number| {
            let page_items: Vec<Item> = items.by_ref().take(STATUS_PER_PAGE).collect();
            let title = match pages {
                1 => format!("按目标状态浏览：{}", status.label()),
                _ => format!(
                    "按目标状态浏览：{}（第 {number}/{pages} 页）",
                    status.label()
                ),
            };
            let listing = Listing {
                title,
                groups: vec![group(0, status_name(status), count, page_items, None)],
                group_links: false,
                pager: (pages > 1).then(|| common::pager(&folder, number, pages)),
                path: common::numbered_page(&folder, number),
                section: "status",
                intro: "按数据截至日期计算的状态分页列出该状态的全部目标。",
                unit: "项目标",
            };
            render(site, theme, listing)
        })
        .collect()
}

fn status_name(status: Status) -> String {
    format!("{} {}", status.symbol(), status.label())
}

/// The targets with `status`, in programme order, linked relative to the site root; at
/// most `limit` of them when given.
fn status_items(site: &ComputedSite, status: Status, limit: Option<usize>) -> Vec<Item> {
    let mut items = Vec::new();
    for p in &site.programmes {
        let programme = p.programme();
        for r in p.targets.iter().filter(|r| r.status == status) {
            if limit.is_some_and(|limit| items.len() >= limit) {
                return items;
            }
            let t = &programme.targets[r.index];
            items.push(Item {
                href: format!("programmes/{}/index.html#t-{}", programme.slug, t.id),
                title: t.label.clone(),
                detail: format!(
                    "{} · {}",
                    programme.short_title.as_deref().unwrap_or(&programme.title),
                    r.reason
                ),
            });
        }
    }
    items
}
