//! The theme: Tera templates and static assets.
//!
//! The default theme (`themes/default`) is compiled into the binary so an installed
//! `gongkai` builds any site; a site overrides any file by placing its own copy under
//! `themes/<name>/` next to its content folder.

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::load::safe;
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

/// The largest theme file read (a stylesheet, a script, a font, an image).
const MAX_THEME_FILE: u64 = 64 * 1024 * 1024;

/// The problem at `path` (under `site_root`) as a build error, its path shown from the
/// site's folder.
fn refused(site_root: &Path, path: &Path, refused: safe::Refused) -> Error {
    let shown = path.strip_prefix(site_root).unwrap_or(path);
    Error::Invalid(vec![refused.diagnostic(shown)])
}

/// The chart style of the default theme with a site's `theme.yaml` applied over it.
fn chart_style(site_root: &Path, dir: Option<&Path>) -> Result<ChartStyle> {
    let mut style = ChartStyle::default();
    let default_path = Path::new("themes/default/theme.yaml");
    let defaults: ThemeConfig =
        crate::yaml::parse(default_path, DEFAULT_CONFIG).map_err(|d| Error::Invalid(vec![d]))?;
    defaults.chart.apply(&mut style, default_path)?;
    let Some(own) = dir.map(|dir| dir.join("theme.yaml")) else {
        return Ok(style);
    };
    let shown = own.strip_prefix(site_root).unwrap_or(&own);
    let text = match safe::read_file(&own, MAX_THEME_FILE) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Error::Invalid(vec![crate::error::Diagnostic::file(
                shown,
                t("文件不是 UTF-8 编码", "file is not UTF-8 text"),
            )])
        })?,
        Err(safe::Refused::Missing) => return Ok(style),
        Err(other) => return Err(refused(site_root, &own, other)),
    };
    let config: ThemeConfig =
        crate::yaml::parse(shown, &text).map_err(|d| Error::Invalid(vec![d]))?;
    config.chart.apply(&mut style, shown)?;
    Ok(style)
}

/// The site's folder for the theme `name`, `themes/<name>/`: `None` for the built-in
/// default when the site does not override it. Neither `themes/` nor the theme's folder may
/// be a link, and a theme other than the default must exist: a misspelt name would
/// otherwise publish the site in the default theme without a word.
fn theme_folder(site_root: &Path, name: &str) -> Result<Option<std::path::PathBuf>> {
    let themes = site_root.join("themes");
    let dir = themes.join(name);
    for level in [&themes, &dir] {
        match safe::folder(level) {
            Ok(true) => {}
            Ok(false) if name == "default" => return Ok(None),
            Ok(false) => return Err(missing_theme(site_root, name, &dir)),
            Err(other) => return Err(refused(site_root, level, other)),
        }
    }
    Ok(Some(dir))
}

fn missing_theme(site_root: &Path, name: &str, dir: &Path) -> Error {
    let shown = dir.strip_prefix(site_root).unwrap_or(dir);
    let looked = dir.display();
    Error::Invalid(vec![crate::error::Diagnostic::file(
        shown,
        t(
            format!("site.yaml 中的主题“{name}”不存在：没有文件夹 {looked}（内置主题只有 default）"),
            format!("the theme “{name}” named in site.yaml does not exist: there is no folder {looked} (the only built-in theme is default)"),
        ),
    )
    .with_hint(t(
        "检查 site.yaml 中 theme: 的拼写，或删除这一行以使用默认主题",
        "check the spelling of `theme:` in site.yaml, or remove the line to use the default theme",
    ))])
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
        return Err(Error::Usage(t(
            format!("主题名“{name}”只能是一个文件夹名"),
            format!("theme name “{name}” must be a plain folder name"),
        )));
    }
    let dir = theme_folder(site_root, name)?;
    if let Some(dir) = &dir {
        overlay(site_root, &dir.join("templates"), |file, bytes| {
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Template(crate::i18n::t(
                    format!("{file} 不是 UTF-8 编码"),
                    format!("{file} is not UTF-8"),
                ))
            })?;
            templates.insert(file, text);
            Ok(())
        })?;
        overlay(site_root, &dir.join("static"), |file, bytes| {
            assets.insert(file, bytes);
            Ok(())
        })?;
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| Error::Template(e.to_string()))?;
    let chart_style = chart_style(site_root, dir.as_deref())?;
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

/// Calls `apply` for each regular file directly in `dir` (sub-folders and hidden files are
/// not part of a theme). A link, to `dir` or in it, is an error: a theme folder linked to
/// `/etc` or to a checkout's `.git` would publish it.
fn overlay(
    site_root: &Path,
    dir: &Path,
    mut apply: impl FnMut(String, Vec<u8>) -> Result<()>,
) -> Result<()> {
    match safe::folder(dir) {
        Ok(true) => {}
        Ok(false) => return Ok(()),
        Err(other) => return Err(refused(site_root, dir, other)),
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if name.starts_with('.') || kind.is_dir() {
            continue;
        }
        let bytes = safe::read_file(&entry.path(), MAX_THEME_FILE)
            .map_err(|other| refused(site_root, &entry.path(), other))?;
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
