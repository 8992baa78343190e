//! The theme: Tera templates and static assets.
//!
//! The default theme (`themes/default`) is compiled into the binary so an installed
//! `gongkai` builds any site; a site overrides any file by placing its own copy under
//! `themes/<name>/` next to its content folder.

use crate::error::{Error, Result};
use crate::render::chart::{style::RGBColor, ChartStyle};
use crate::render::page::OutputFile;
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
    template!("indicator.html"),
    template!("indicator_uses.html"),
    template!("indicator_targets.html"),
    template!("data.html"),
    template!("directory.html"),
    template!("pager.html"),
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
    let config = std::iter::once(("theme.yaml".to_string(), DEFAULT_CONFIG.as_bytes()));
    let templates = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| (format!("templates/{n}"), t.as_bytes()));
    let assets = DEFAULT_ASSETS
        .iter()
        .map(|(n, b)| (format!("static/{n}"), *b));
    config.chain(templates).chain(assets).collect()
}

/// The default theme's settings (chart colours, fonts, sizes).
const DEFAULT_CONFIG: &str = include_str!("../../themes/default/theme.yaml");

/// A loaded theme: compiled templates, the assets to copy and the chart style.
pub struct Theme {
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Asset files by path under `assets/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// How charts look, from `theme.yaml`.
    pub chart_style: ChartStyle,
    /// Hash of the templates, assets and chart style: equal fingerprints render equally.
    pub fingerprint: u64,
}

/// `theme.yaml`: every field optional, so a site's file only says what it changes.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeConfig {
    #[serde(default)]
    chart: ChartConfig,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartConfig {
    width: Option<u32>,
    height: Option<u32>,
    font_family: Option<String>,
    title_size: Option<f64>,
    label_size: Option<f64>,
    small_size: Option<f64>,
    show_title: Option<bool>,
    #[serde(default)]
    colors: BTreeMap<String, String>,
}

impl ChartConfig {
    /// Applies the settings given to `style`; unknown colour names and bad values are errors.
    fn apply(self, style: &mut ChartStyle, file: &Path) -> Result<()> {
        style.width = self.width.unwrap_or(style.width).clamp(240, 2400);
        style.height = self.height.unwrap_or(style.height).clamp(160, 2000);
        if let Some(family) = self.font_family {
            style.font_family = family;
        }
        style.title_size = self.title_size.unwrap_or(style.title_size).clamp(8.0, 48.0);
        style.label_size = self.label_size.unwrap_or(style.label_size).clamp(8.0, 40.0);
        style.small_size = self.small_size.unwrap_or(style.small_size).clamp(8.0, 40.0);
        style.show_title = self.show_title.unwrap_or(style.show_title);
        for (name, hex) in self.colors {
            let color = parse_hex(&hex).ok_or_else(|| {
                let file = file.display();
                Error::Template(crate::i18n::t(
                    format!("{file}：chart.colors.{name}：“{hex}”不是 #rrggbb 格式的颜色"),
                    format!("{file}: chart.colors.{name}: “{hex}” is not a #rrggbb colour"),
                ))
            })?;
            let slot = match name.as_str() {
                "text" => &mut style.text,
                "muted" => &mut style.muted,
                "grid" => &mut style.grid,
                "actual" => &mut style.actual,
                "target" => &mut style.target,
                "baseline" => &mut style.baseline,
                "as_of" => &mut style.as_of,
                "phase" => &mut style.phase,
                other => {
                    let file = file.display();
                    return Err(Error::Template(crate::i18n::t(
                        format!("{file}：chart.colors.{other}：没有这种图表颜色"),
                        format!("{file}: chart.colors.{other}: no such chart colour"),
                    )));
                }
            };
            *slot = color;
        }
        Ok(())
    }
}

fn parse_hex(hex: &str) -> Option<RGBColor> {
    let digits = hex.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

/// The chart style of the default theme with a site's `theme.yaml` applied over it.
fn chart_style(dir: &Path) -> Result<ChartStyle> {
    let mut style = ChartStyle::default();
    let default_path = Path::new("themes/default/theme.yaml");
    let defaults: ThemeConfig =
        crate::yaml::parse(default_path, DEFAULT_CONFIG).map_err(|d| Error::Invalid(vec![d]))?;
    defaults.chart.apply(&mut style, default_path)?;
    let own = dir.join("theme.yaml");
    if own.is_file() {
        let text = std::fs::read_to_string(&own).map_err(|e| Error::io(&own, e))?;
        let config: ThemeConfig =
            crate::yaml::parse(&own, &text).map_err(|d| Error::Invalid(vec![d]))?;
        config.chart.apply(&mut style, &own)?;
    }
    Ok(style)
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
        return Err(Error::Usage(crate::i18n::t(
            format!("主题名“{name}”应为普通的文件夹名"),
            format!("theme name “{name}” must be a plain folder name"),
        )));
    }
    let dir = site_root.join("themes").join(name);
    overlay(&dir.join("templates"), |file, bytes| {
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Template(crate::i18n::t(
                format!("{file} 不是 UTF-8 编码"),
                format!("{file} is not UTF-8"),
            ))
        })?;
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
    let chart_style = chart_style(&dir)?;
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        templates.hash(&mut hasher);
        assets.hash(&mut hasher);
        format!("{chart_style:?}").hash(&mut hasher);
        hasher.finish()
    };
    Ok(Theme {
        tera,
        assets,
        chart_style,
        fingerprint,
    })
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

    /// [`Theme::render`] straight into the bytes of the file at `path`. Files are written
    /// as bytes, so the page need not be checked again as UTF-8 on its way to a `String`
    /// (it is text: the templates and every value are); for a programme page that check
    /// cost a third as much as escaping it.
    pub fn render_file<T: serde::Serialize>(
        &self,
        template: &str,
        context: &T,
        path: impl Into<String>,
    ) -> Result<OutputFile> {
        let context =
            tera::Context::from_serialize(context).map_err(|e| Error::Template(e.to_string()))?;
        // Room for a programme page (about 55 KB) without growing the buffer as it fills.
        let mut bytes = Vec::with_capacity(64 * 1024);
        self.tera
            .render_to(template, &context, &mut bytes)
            .map_err(|e| Error::Template(format!("{template}: {e}")))?;
        Ok(OutputFile {
            path: path.into(),
            bytes,
        })
    }
}
