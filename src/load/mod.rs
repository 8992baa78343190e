//! Stage 1, load: read a content directory into the model.
//!
//! Reads `site.yaml`, the indicator catalogue (built-in plus `indicators.yaml`) and every
//! folder under `programmes/`. Problems are collected, not returned one at a time, so an
//! editor sees every broken file in one run.

mod discover;
pub mod safe;

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::t;
use crate::model::{Catalogue, Content, Indicator, MarkdownPage, Programme, ProgrammeSource, Site};
use crate::yaml;
use std::path::{Path, PathBuf};

pub use discover::{is_safe_slug, ProgrammeFolder};
use rayon::prelude::*;

/// The built-in indicator catalogue, compiled into the binary.
pub const BUILTIN_INDICATORS: &str = include_str!("../indicators.yaml");

/// Parsed programme files kept by a long-running process (`serve`), so a rebuild parses
/// again only the files whose text changed: parsing YAML is most of loading.
#[derive(Default)]
pub struct ParseCache {
    parsed: std::sync::Mutex<std::collections::HashMap<PathBuf, (u64, Programme)>>,
}

impl ParseCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The programme parsed from the file at `path` when its text had hash `hash`.
    fn get(&self, path: &Path, hash: u64) -> Option<Programme> {
        let parsed = self.parsed.lock().ok()?;
        let (known, programme) = parsed.get(path)?;
        (*known == hash).then(|| programme.clone())
    }

    fn put(&self, path: &Path, hash: u64, programme: &Programme) {
        if let Ok(mut parsed) = self.parsed.lock() {
            parsed.insert(path.to_path_buf(), (hash, programme.clone()));
        }
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Reads everything under `content_dir`.
pub fn load_content(content_dir: &Path) -> Result<Content> {
    load_content_cached(content_dir, None)
}

/// [`load_content`], taking programmes whose file text is unchanged from `cache`.
pub fn load_content_cached(content_dir: &Path, cache: Option<&ParseCache>) -> Result<Content> {
    let loaded = load_lenient(content_dir, cache);
    match (loaded.content, loaded.problems.is_empty()) {
        (Some(content), true) => Ok(content),
        _ => Err(Error::Invalid(loaded.problems)),
    }
}

/// What [`load_lenient`] found: every problem of every file, and the content as far as it
/// could be read, so later checks can still report on the rest in the same run.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The content, when `site.yaml` could be read; a file with structural problems is in
    /// it with stand-ins for the refused parts, a file that is not YAML at all is left out.
    pub content: Option<Content>,
    /// Every problem found while loading.
    pub problems: Vec<Diagnostic>,
    /// File (as shown in messages) and field path of each stand-in value: later checks say
    /// nothing about these.
    pub repaired: Vec<(PathBuf, String)>,
}

impl Loaded {
    /// Whether a later message about `field` of `file` concerns a stand-in value.
    pub fn is_repaired(&self, file: &Path, field: &str) -> bool {
        self.repaired
            .iter()
            .any(|(f, p)| f == file && yaml::covers(std::slice::from_ref(p), field))
    }
}

/// Reads everything under `content_dir`, collecting every problem instead of stopping.
pub fn load_lenient(content_dir: &Path, cache: Option<&ParseCache>) -> Loaded {
    let mut problems = Vec::new();
    let mut repaired = Vec::new();
    if !check_content_folder(content_dir, &mut problems) {
        return Loaded {
            problems,
            ..Loaded::default()
        };
    }
    let site = load_site(content_dir, &mut problems, &mut repaired);
    let catalogue = load_catalogue(content_dir, &mut problems);
    let folders = discover::programme_folders(content_dir, &mut problems);
    // Programmes are read and parsed in parallel; their problems are gathered in folder
    // order, so messages come out in the same order every run.
    type One = (
        Option<ProgrammeSource>,
        Vec<Diagnostic>,
        Vec<(PathBuf, String)>,
    );
    let loaded: Vec<One> = folders
        .par_iter()
        .map(|folder| {
            let (mut own, mut stand_ins) = (Vec::new(), Vec::new());
            let source = load_programme(content_dir, folder, cache, &mut own, &mut stand_ins);
            (source, own, stand_ins)
        })
        .collect();
    let mut programmes = Vec::with_capacity(loaded.len());
    for (source, own, stand_ins) in loaded {
        problems.extend(own);
        repaired.extend(stand_ins);
        programmes.extend(source);
    }
    Loaded {
        content: site.map(|site| Content {
            site,
            catalogue,
            programmes,
        }),
        problems,
        repaired,
    }
}

/// Reads one programme folder again — what `serve` does after an edit inside it, instead
/// of reading every programme. `folder` is the folder under `content/programmes/`.
pub fn load_programme_folder(
    content_dir: &Path,
    folder: &Path,
    cache: Option<&ParseCache>,
) -> Result<ProgrammeSource> {
    let mut problems = Vec::new();
    let source = discover::programme_folder(content_dir, folder, &mut problems).and_then(|found| {
        load_programme(content_dir, &found, cache, &mut problems, &mut Vec::new())
    });
    match source {
        Some(source) if problems.is_empty() => Ok(source),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Path as shown in messages: relative to the content directory's parent when possible.
pub fn display_path(content_dir: &Path, path: &Path) -> PathBuf {
    let base = content_dir.parent().unwrap_or(content_dir);
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

/// Reads a text file as UTF-8, with a plain message when it is not; never through a
/// symbolic link, and never anything but a regular file.
pub fn read_text(shown: &Path, path: &Path) -> std::result::Result<String, Diagnostic> {
    let limit = (yaml::MAX_YAML_BYTES * 4) as u64;
    let bytes = safe::read_file(path, limit).map_err(|refused| match refused {
        safe::Refused::TooLarge(size) => Diagnostic::file(
            shown,
            t(
                format!("文件有 {size} 字节，太大，不能作为内容文件"),
                format!("file is {size} bytes, too large to be content"),
            ),
        ),
        other => other.diagnostic(shown),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = String::from_utf8_lossy(&e.as_bytes()[..at]).lines().count().max(1);
        Diagnostic::file(shown, t("文件不是 UTF-8 编码（可能保存成了 GBK/GB18030）", "file is not UTF-8 text (perhaps saved as GBK/GB18030)"))
            .at(line, 1)
            .with_hint(t("请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8；或运行 iconv -f GB18030 -t UTF-8）", "save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8; or `iconv -f GB18030 -t UTF-8`)"))
    })
}

/// Whether anything (a link included) is at `path`.
fn present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The content folder itself must be a folder, not a link to one.
fn check_content_folder(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> bool {
    match safe::folder(content_dir) {
        Ok(_) => true,
        Err(refused) => {
            problems.push(refused.diagnostic(&display_path(content_dir, content_dir)));
            false
        }
    }
}

fn load_site(
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
    repaired: &mut Vec<(PathBuf, String)>,
) -> Option<Site> {
    let path = content_dir.join("site.yaml");
    let shown = display_path(content_dir, &path);
    if !present(&path) {
        problems.push(
            Diagnostic::file(&shown, t("缺少 site.yaml", "site.yaml is missing")).with_hint(t(
                "内容文件夹需要 site.yaml，写明 title、publisher 和 as_of",
                "every content folder needs site.yaml with title, publisher and as_of",
            )),
        );
        return None;
    }
    let text = read_text(&shown, &path)
        .map_err(|d| problems.push(d))
        .ok()?;
    let site = take(
        &shown,
        yaml::parse_all::<Site>(&shown, &text),
        problems,
        repaired,
    )?;
    // Settings that would make unsafe pages (a base_url with a line break, say) are
    // problems like any other; the site is still returned so check reports the rest.
    problems.extend(crate::validate::check_site(&shown, &text, &site));
    Some(site)
}

/// The value of a parsed file, its problems and stand-ins moved to the lists.
fn take<T>(
    shown: &Path,
    parsed: yaml::Parsed<T>,
    problems: &mut Vec<Diagnostic>,
    repaired: &mut Vec<(PathBuf, String)>,
) -> Option<T> {
    problems.extend(parsed.problems);
    repaired.extend(
        parsed
            .repaired
            .into_iter()
            .map(|p| (shown.to_path_buf(), p)),
    );
    parsed.value
}

fn load_catalogue(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> Catalogue {
    let mut catalogue = Catalogue::default();
    let builtin =
        yaml::parse::<Vec<Indicator>>(Path::new("<built-in indicators>"), BUILTIN_INDICATORS)
            .map_err(|d| problems.push(d))
            .unwrap_or_default();
    builtin.iter().for_each(|i| catalogue.upsert(i.clone()));
    let path = content_dir.join("indicators.yaml");
    if present(&path) {
        let shown = display_path(content_dir, &path);
        let read = read_text(&shown, &path).map_err(|d| problems.push(d)).ok();
        if let Some(text) = read {
            let own = yaml::parse_all::<Vec<Indicator>>(&shown, &text);
            let listed = own.value.unwrap_or_default();
            let found = crate::validate::check_indicators(&shown, &text, &listed, &builtin);
            // An indicator with a stand-in, or a catalogue with problems, would check
            // targets against wrong values: only a sound catalogue's sound entries join.
            if found.is_empty() {
                for (i, indicator) in listed.into_iter().enumerate() {
                    let item = [format!("[{i}]")];
                    if !own.repaired.iter().any(|p| yaml::covers(&item, p)) {
                        catalogue.upsert(indicator);
                    }
                }
            }
            problems.extend(own.problems);
            problems.extend(found);
        }
    }
    catalogue
}

fn load_programme(
    content_dir: &Path,
    folder: &ProgrammeFolder,
    cache: Option<&ParseCache>,
    problems: &mut Vec<Diagnostic>,
    repaired: &mut Vec<(PathBuf, String)>,
) -> Option<ProgrammeSource> {
    let shown = display_path(content_dir, &folder.yaml);
    let text = read_text(&shown, &folder.yaml)
        .map_err(|d| problems.push(d))
        .ok()?;
    // One hash of the text serves the parse cache and the programme's render key.
    let yaml_hash = text_hash(&text);
    let known = cache.and_then(|c| c.get(&folder.yaml, yaml_hash));
    let mut programme: Programme = match known {
        Some(programme) => programme,
        None => {
            let parsed = yaml::parse_all::<Programme>(&shown, &text);
            let clean = parsed.problems.is_empty();
            let parsed = take(&shown, parsed, problems, repaired)?;
            if let (Some(cache), true) = (cache, clean) {
                cache.put(&folder.yaml, yaml_hash, &parsed);
            }
            parsed
        }
    };
    if programme.slug.is_empty() {
        programme.slug = folder.slug.clone();
    }
    let pages = folder
        .markdown
        .iter()
        .filter_map(|path| {
            let shown = display_path(content_dir, path);
            let text = read_text(&shown, path).map_err(|d| problems.push(d)).ok()?;
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            Some(MarkdownPage {
                stem,
                path: shown,
                text: text.trim_start_matches('\u{feff}').to_string(),
            })
        })
        .collect();
    let yaml_text = if text.starts_with('\u{feff}') {
        text.trim_start_matches('\u{feff}').to_string()
    } else {
        text
    };
    Some(ProgrammeSource {
        programme,
        yaml_path: shown,
        yaml_hash,
        yaml_text,
        pages,
    })
}
