//! The theme: Tera templates and static assets.
//!
//! The default theme (`themes/default`) is compiled into the binary so an installed
//! `gongkai` builds any site; a site overrides any file by placing its own copy under
//! `themes/<name>/` next to its content folder.

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// A template of the default theme, compiled in.
macro_rules! template {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../themes/default/templates/", $name)),
        )
    };
}

/// Templates of the default theme, by name: adding a page kind adds one line here.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    template!("base.html"),
    template!("home.html"),
    template!("programme.html"),
    template!("subpage.html"),
    template!("regions.html"),
    template!("years.html"),
    template!("indicators.html"),
    template!("data.html"),
    template!("directory.html"),
    template!("search.html"),
    template!("chart.html"),
];

/// A static asset of the default theme, compiled in.
macro_rules! asset {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../themes/default/static/", $name)),
        )
    };
}

/// Static assets of the default theme, by path under `assets/`.
const DEFAULT_ASSETS: &[(&str, &[u8])] =
    &[asset!("style.css"), asset!("a11y.js"), asset!("search.js")];

/// Every file of the default theme with its path under `themes/default/`, for `gongkai init`.
pub fn default_files() -> Vec<(String, &'static [u8])> {
    let templates = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| (format!("templates/{n}"), t.as_bytes()));
    let assets = DEFAULT_ASSETS
        .iter()
        .map(|(n, b)| (format!("static/{n}"), *b));
    templates.chain(assets).collect()
}

/// A loaded theme: compiled templates and the assets to copy.
pub struct Theme {
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Asset files by path under `assets/`.
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Loads the default theme with the site's overrides from `site_root/themes/<name>/`.
pub fn load(site_root: &Path, name: &str) -> Result<Theme> {
    let mut templates: BTreeMap<String, String> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut assets: BTreeMap<String, Vec<u8>> = DEFAULT_ASSETS
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    if name.contains(['/', '\\', '.']) || name.is_empty() {
        return Err(Error::Usage(format!(
            "theme name “{name}” must be a plain folder name"
        )));
    }
    let dir = site_root.join("themes").join(name);
    overlay(&dir.join("templates"), |file, bytes| {
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::Template(format!("{file} is not UTF-8")))?;
        templates.insert(file, text);
        Ok(())
    })?;
    overlay(&dir.join("static"), |file, bytes| {
        assets.insert(file, bytes);
        Ok(())
    })?;
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| Error::Template(e.to_string()))?;
    Ok(Theme { tera, assets })
}

/// Calls `apply` for each regular file directly in `dir` (no symlinks, no sub-folders).
fn overlay(dir: &Path, mut apply: impl FnMut(String, Vec<u8>) -> Result<()>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_file || name.starts_with('.') {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        apply(name, bytes)?;
    }
    Ok(())
}

impl Theme {
    /// Renders a template with a serialisable context.
    pub fn render<T: serde::Serialize>(&self, template: &str, context: &T) -> Result<String> {
        let context =
            tera::Context::from_serialize(context).map_err(|e| Error::Template(e.to_string()))?;
        self.tera
            .render(template, &context)
            .map_err(|e| Error::Template(format!("{template}: {e}")))
    }
}
