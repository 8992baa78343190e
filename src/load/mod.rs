//! Stage 1, load: read a content directory into the model.
//!
//! Reads `site.yaml`, the indicator catalogue (built-in plus `indicators.yaml`) and every
//! folder under `programmes/`. Problems are collected, not returned one at a time, so an
//! editor sees every broken file in one run.

mod discover;

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
    let mut problems = Vec::new();
    let site = load_site(content_dir, &mut problems);
    let catalogue = load_catalogue(content_dir, &mut problems);
    let folders = discover::programme_folders(content_dir, &mut problems);
    // Programmes are read and parsed in parallel; their problems are gathered in folder
    // order, so messages come out in the same order every run.
    let loaded: Vec<(Option<ProgrammeSource>, Vec<Diagnostic>)> = folders
        .par_iter()
        .map(|folder| {
            let mut own = Vec::new();
            let source = load_programme(content_dir, folder, cache, &mut own);
            (source, own)
        })
        .collect();
    let mut programmes = Vec::with_capacity(loaded.len());
    for (source, own) in loaded {
        problems.extend(own);
        programmes.extend(source);
    }
    match (site, problems.is_empty()) {
        (Some(site), true) => Ok(Content {
            site,
            catalogue,
            programmes,
        }),
        _ => Err(Error::Invalid(problems)),
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
    let source = discover::programme_folder(content_dir, folder, &mut problems)
        .and_then(|found| load_programme(content_dir, &found, cache, &mut problems));
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

/// Reads a text file as UTF-8, with a plain message when it is not.
pub fn read_text(shown: &Path, path: &Path) -> std::result::Result<String, Diagnostic> {
    // A symlink could pull any file of the machine into a public site: refuse it.
    let metadata = std::fs::symlink_metadata(path);
    if metadata.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Diagnostic::file(
            shown,
            t(
                "是符号链接；为安全起见，不读取符号链接",
                "is a symbolic link; symbolic links are not followed, for safety",
            ),
        )
        .with_hint(t(
            "请把文件本身放在 content/ 中",
            "put the file itself inside content/",
        )));
    }
    let cannot_read = |e: std::io::Error| {
        Diagnostic::file(
            shown,
            t(format!("无法读取：{e}"), format!("cannot be read: {e}")),
        )
    };
    let too_large = |bytes: u64| {
        Diagnostic::file(
            shown,
            t(
                format!("文件有 {bytes} 字节，太大，不能作为内容文件"),
                format!("file is {bytes} bytes, too large to be content"),
            ),
        )
    };
    // The size is checked before reading (a 200 MB file was read whole first), and the
    // read stops past the limit in case the file grows meanwhile.
    let limit = (yaml::MAX_YAML_BYTES * 4) as u64;
    let size = metadata.map_err(cannot_read)?.len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path).map_err(cannot_read)?, limit + 1),
        &mut bytes,
    )
    .map_err(cannot_read)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = String::from_utf8_lossy(&e.as_bytes()[..at]).lines().count().max(1);
        Diagnostic::file(shown, t("文件不是 UTF-8 编码（可能保存成了 GBK/GB18030）", "file is not UTF-8 text (perhaps saved as GBK/GB18030)"))
            .at(line, 1)
            .with_hint(t("请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8；或运行 iconv -f GB18030 -t UTF-8）", "save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8; or `iconv -f GB18030 -t UTF-8`)"))
    })
}

fn load_site(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> Option<Site> {
    let path = content_dir.join("site.yaml");
    let shown = display_path(content_dir, &path);
    if !path.is_file() {
        problems.push(
            Diagnostic::file(&shown, t("缺少 site.yaml", "site.yaml is missing")).with_hint(t(
                "内容文件夹需要 site.yaml，写明 title、publisher 和 as_of",
                "every content folder needs site.yaml with title, publisher and as_of",
            )),
        );
        return None;
    }
    let parsed = read_text(&shown, &path).and_then(|text| {
        let site = yaml::parse::<Site>(&shown, &text)?;
        Ok((text, site))
    });
    let (text, site) = parsed.map_err(|d| problems.push(d)).ok()?;
    let found = crate::validate::check_site(&shown, &text, &site);
    let valid = found.is_empty();
    problems.extend(found);
    valid.then_some(site)
}

fn load_catalogue(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> Catalogue {
    let mut catalogue = Catalogue::default();
    let builtin =
        yaml::parse::<Vec<Indicator>>(Path::new("<built-in indicators>"), BUILTIN_INDICATORS)
            .map_err(|d| problems.push(d))
            .unwrap_or_default();
    builtin.iter().for_each(|i| catalogue.upsert(i.clone()));
    let path = content_dir.join("indicators.yaml");
    if path.is_file() {
        let shown = display_path(content_dir, &path);
        let parsed = read_text(&shown, &path).and_then(|text| {
            let own = yaml::parse::<Vec<Indicator>>(&shown, &text)?;
            Ok((text, own))
        });
        match parsed {
            Ok((text, own)) => {
                let found = crate::validate::check_indicators(&shown, &text, &own, &builtin);
                if found.is_empty() {
                    own.into_iter().for_each(|i| catalogue.upsert(i));
                }
                problems.extend(found);
            }
            Err(d) => problems.push(d),
        }
    }
    catalogue
}

fn load_programme(
    content_dir: &Path,
    folder: &ProgrammeFolder,
    cache: Option<&ParseCache>,
    problems: &mut Vec<Diagnostic>,
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
            let parsed: Programme = yaml::parse(&shown, &text)
                .map_err(|d| problems.push(d))
                .ok()?;
            if let Some(cache) = cache {
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
