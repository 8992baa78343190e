//! Machine-readable companions of the site: `sitemap.xml`, `robots.txt` and an Atom feed
//! of programme publications and revisions. Dates come from the data, never the clock.

use super::OutputFile;
use crate::compute::ComputedSite;
use crate::model::DateSpec;

/// XML-escapes text for element content and attribute values.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An RFC 3339 timestamp for a data date (midnight UTC+8, China Standard Time).
fn timestamp(date: &DateSpec) -> String {
    format!("{}T00:00:00+08:00", date.first_day())
}

/// `sitemap.xml` listing every HTML page with absolute URLs under `base_url`.
pub fn sitemap(site: &ComputedSite, html_paths: &[&str]) -> OutputFile {
    let base = site.site.base();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    // A page under `programmes/<slug>/` takes its programme's last-updated date.
    let updated: std::collections::HashMap<&str, Option<DateSpec>> = site
        .programmes
        .iter()
        .map(|p| (p.programme().slug.as_str(), p.last_updated))
        .collect();
    for path in html_paths {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml(&format!("{base}{path}"))
        ));
        let lastmod = path
            .strip_prefix("programmes/")
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(slug, _)| updated.get(slug).copied().flatten());
        if let Some(date) = lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", date.first_day()));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    OutputFile::text("sitemap.xml", out)
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots(site: &ComputedSite) -> OutputFile {
    OutputFile::text(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.site.base()
        ),
    )
}

/// `feed.xml`: one entry per programme publication and one per revision, newest first.
pub fn atom(site: &ComputedSite) -> OutputFile {
    let base = site.site.base();
    // Atom ids must be absolute IRIs and never change: a URN when base_url is only a path.
    let id_base = if base.starts_with("http") {
        base.clone()
    } else {
        "urn:gongkai:".to_string()
    };
    let mut entries: Vec<(DateSpec, String, String, String, String)> = Vec::new();
    for p in &site.programmes {
        let programme = p.programme();
        let url = format!("{base}programmes/{}/index.html", programme.slug);
        if let Some(date) = programme
            .disclosure
            .published
            .or(programme.disclosure.written)
        {
            let id = format!("{id_base}programmes/{}/published/{date}", programme.slug);
            entries.push((
                date,
                format!("发布：{}", programme.title),
                url.clone(),
                programme.disclosure.doc_no.clone().unwrap_or_default(),
                id,
            ));
        }
        for (n, revision) in programme.revisions.iter().enumerate() {
            let id = format!(
                "{id_base}programmes/{}/revision/{}/{n}",
                programme.slug, revision.date
            );
            entries.push((
                revision.date,
                format!("更新：{}", programme.title),
                url.clone(),
                revision.note.clone(),
                id,
            ));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.4.cmp(&b.4)));
    let updated = entries
        .first()
        .map(|e| timestamp(&e.0))
        .unwrap_or_else(|| timestamp(&site.site.as_of));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        xml(&site.site.language),
        xml(&site.site.title),
        xml(&format!("{id_base}feed.xml")),
        xml(&base),
        xml(&base),
        xml(&site.site.publisher)
    );
    for (date, title, url, summary, id) in &entries {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml(title),
            xml(id),
            xml(url),
            timestamp(date),
            xml(summary)
        ));
    }
    out.push_str("</feed>\n");
    OutputFile::text("feed.xml", out)
}
