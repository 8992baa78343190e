//! The whole pipeline: load → validate → compute → render → write.

use crate::error::Result;
use crate::model::DateSpec;
use crate::{compute, load, render, validate, write};
use std::path::PathBuf;

/// What `gongkai build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Content folder (default `content`).
    pub content: PathBuf,
    /// Output folder (default `output`).
    pub output: PathBuf,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Overrides `as_of` of site.yaml.
    pub as_of: Option<DateSpec>,
}

/// What a build produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildSummary {
    /// Programmes published.
    pub programmes: usize,
    /// HTML pages written.
    pub pages: usize,
    /// SVG charts written.
    pub charts: usize,
    /// All files written.
    pub files: usize,
}

/// Builds the site described by `options`; on any error the output folder is untouched.
pub fn build_site(options: &BuildOptions) -> Result<BuildSummary> {
    let mut content = load::load_content(&options.content)?;
    if let Some(base_url) = &options.base_url {
        content.site.base_url = base_url.clone();
    }
    let content = validate::validate(content)?;
    let site = compute::compute(content, options.as_of);
    let site_root = options
        .content
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let files = render::render_site(&site, &site_root)?;
    let written = write::publish(&files, &options.output)?;
    Ok(BuildSummary {
        programmes: site.programmes.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        charts: files.iter().filter(|f| f.path.ends_with(".svg")).count(),
        files: written,
    })
}
