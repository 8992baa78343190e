//! 信息公开目录-style listings that share one template: by issuing body, by category and by
//! target status. Each is a real page with a count per group.

use super::common::{self, Layout};
use super::OutputFile;
use crate::compute::{ComputedSite, Status};
use crate::error::Result;
use crate::render::theme::Theme;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    title: &'static str,
    intro: &'static str,
    unit: &'static str,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    id: String,
    name: String,
    count: usize,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    href: String,
    title: String,
    detail: String,
}

/// A listing page: where it goes, what it is called, and its groups in display order.
struct Listing {
    path: &'static str,
    section: &'static str,
    title: &'static str,
    intro: &'static str,
    unit: &'static str,
    groups: Vec<(String, Vec<Item>)>,
}

fn render(site: &ComputedSite, theme: &Theme, listing: Listing) -> Result<OutputFile> {
    let layout = common::layout(
        site,
        listing.path,
        listing.section,
        listing.title,
        listing.intro,
    )
    .column(listing.title, &common::keywords(site));
    let groups = listing
        .groups
        .into_iter()
        .enumerate()
        .map(|(i, (name, items))| Group {
            id: format!("g{}", i + 1),
            name,
            count: items.len(),
            items,
        })
        .collect();
    let context = Context {
        layout,
        title: listing.title,
        intro: listing.intro,
        unit: listing.unit,
        groups,
    };
    Ok(OutputFile::text(
        listing.path,
        theme.render("directory.html", &context)?,
    ))
}

fn programme_item(p: &crate::compute::ComputedProgramme, root: &str) -> Item {
    let link = common::programme_link(p, root);
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

/// `issuers/index.html`: programmes by issuing body (a joint document is listed under each).
pub fn issuers(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for p in &site.programmes {
        for issuer in &p.programme().disclosure.issuers {
            groups
                .entry(issuer.clone())
                .or_default()
                .push(programme_item(p, "../"));
        }
    }
    render(
        site,
        theme,
        Listing {
            path: "issuers/index.html",
            section: "issuers",
            title: "按发布机构浏览",
            intro: "按发布机构列出各项目文件；联合发文列在每个发布机构之下。",
            unit: "个项目",
            groups: groups.into_iter().collect(),
        },
    )
}

/// `categories/index.html`: programmes by 信息分类 (else by document type).
pub fn categories(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for p in &site.programmes {
        let programme = p.programme();
        let category = programme.disclosure.category.clone().unwrap_or_else(|| {
            format!("{}（文件未注明信息分类）", programme.document_type.label())
        });
        groups
            .entry(category)
            .or_default()
            .push(programme_item(p, "../"));
    }
    render(
        site,
        theme,
        Listing {
            path: "categories/index.html",
            section: "categories",
            title: "按信息分类浏览",
            intro: "按文件的信息分类列出；文件未注明分类的，按文件类型归类。",
            unit: "个项目",
            groups: groups.into_iter().collect(),
        },
    )
}

/// `status/index.html`: every target, grouped by computed status.
pub fn status(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let mut groups: Vec<(String, Vec<Item>)> = Status::ALL
        .iter()
        .map(|s| (format!("{} {}", s.symbol(), s.label()), Vec::new()))
        .collect();
    for p in &site.programmes {
        let programme = p.programme();
        for r in &p.targets {
            let t = &programme.targets[r.index];
            let slot = Status::ALL.iter().position(|s| *s == r.status).unwrap_or(0);
            groups[slot].1.push(Item {
                href: format!("../programmes/{}/index.html#t-{}", programme.slug, t.id),
                title: t.label.clone(),
                detail: format!(
                    "{} · {}",
                    programme.short_title.as_deref().unwrap_or(&programme.title),
                    r.reason
                ),
            });
        }
    }
    render(
        site,
        theme,
        Listing {
            path: "status/index.html",
            section: "status",
            title: "按目标状态浏览",
            intro: "按数据截至日期计算的状态列出全部目标。",
            unit: "项目标",
            groups,
        },
    )
}
