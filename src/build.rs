//! The whole pipeline: load → validate → compute → render → write.

use crate::error::Result;
use crate::model::DateSpec;
use crate::{compute, render, unchanged, validate, write};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

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
    /// All files of the site.
    pub files: usize,
    /// Files whose bytes changed (the rest kept their previous copy and timestamp).
    pub changed: usize,
    /// Programmes whose inputs had not changed since the last build into this output: their
    /// files were kept from it, not rendered again.
    pub kept: usize,
    /// Nothing had changed since the last build into this output, so nothing was done.
    pub skipped: bool,
}

/// Receives progress of a build; the command line draws it, tests and `serve` ignore it.
pub trait Progress: Sync {
    /// A stage begins; `total` is the number of steps it will report (0 if unknown).
    fn stage(&self, _name: &str, _total: usize) {}
    /// One more step of the current stage is done.
    fn step(&self) {}
}

/// Progress that goes nowhere.
pub struct Silent;
impl Progress for Silent {}

/// Builds the site described by `options`; on any error the output folder is untouched.
pub fn build_site(options: &BuildOptions) -> Result<BuildSummary> {
    build_site_with(options, &Silent)
}

/// [`build_site`], reporting progress. A build whose inputs are unchanged since the last
/// one into the same output is skipped (see [`unchanged`]).
pub fn build_site_with(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildSummary> {
    let site_root = options
        .content
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let themes = site_root.join("themes");
    // Held until the fingerprint is written: a second build into the same folder waits.
    let waiting = |message: &str| progress.stage(message, 0);
    let lock = write::OutputLock::acquire(&options.output, &[&options.content, &themes], &waiting)?;
    let inputs = unchanged::hash_inputs(options, &themes);
    // The last build's fingerprint, if its output is still exactly as that build left it.
    let last = unchanged::read(&options.output)
        .filter(|last| unchanged::hash_output(&options.output) == Some(last.output));
    if let (Some(inputs), Some(last)) = (inputs, &last) {
        if last.inputs == inputs {
            return Ok(BuildSummary {
                skipped: true,
                ..last.summary
            });
        }
    }
    // The output is about to change (or a build is failing): the old fingerprint no longer
    // describes it.
    unchanged::forget(&options.output);
    // Programmes whose inputs are as they were at the last build keep their files from it.
    let previous: HashMap<String, u64> = last
        .map(|last| last.programmes.into_iter().collect())
        .unwrap_or_default();
    let (summary, output, programmes) =
        run_pipeline(options, &lock, &site_root, progress, &previous)?;
    if let Some(inputs) = inputs {
        let summary = BuildSummary {
            changed: 0,
            kept: 0,
            ..summary
        };
        let fingerprint = unchanged::Fingerprint {
            inputs,
            output,
            summary,
            programmes,
        };
        unchanged::write(&options.output, &fingerprint);
    }
    Ok(summary)
}

/// What [`run_pipeline`] returns: the build's summary, the [`unchanged::hash_output`] of
/// what it published, and each programme's slug and [`unchanged::programme_stamp`].
type Published = (BuildSummary, u64, Vec<(String, u64)>);

/// load → validate → compute → render → write.
fn run_pipeline(
    options: &BuildOptions,
    lock: &write::OutputLock,
    site_root: &std::path::Path,
    progress: &dyn Progress,
    previous: &HashMap<String, u64>,
) -> Result<Published> {
    progress.stage("load", 0);
    // Loading and validating report together, so one run lists every problem.
    let mut content = validate::load_checked(&options.content, None)?;
    if let Some(base_url) = &options.base_url {
        content.site.base_url = base_url.clone();
        if let Some(refused) = validate::check_command_line(&content.site) {
            return Err(crate::Error::Invalid(vec![refused]));
        }
    }
    progress.stage("validate", 0);
    // The YAML text is kept to point errors at their lines; once validated, nothing a build
    // makes reads it (pages render from the parsed data), and at 3,000 programmes it is 46 MB.
    for source in &mut content.programmes {
        source.yaml_text = String::new();
    }
    let site = compute::compute(content, options.as_of);
    progress.stage("render", site.programmes.len());
    // Files go to the writer as they are rendered; the old site is replaced only once every
    // file is there (a failure drops what was staged or held back).
    let writer = write::Stager::begin(lock)?;
    let pages = AtomicUsize::new(0);
    let charts = AtomicUsize::new(0);
    let count = |path: &str| {
        if path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        } else if path.ends_with(".svg") {
            charts.fetch_add(1, Ordering::Relaxed);
        }
    };
    let keeper = Keeper::new(previous);
    let keep = |slug: &str, key: u64, folders: &[String]| -> Result<Option<Vec<String>>> {
        let files = keeper.keep(&writer, slug, key, folders)?;
        files.iter().flatten().for_each(|path| count(path));
        Ok(files)
    };
    let reuse = render::Reuse::Previous(&keep);
    render::render_site_into(&site, site_root, progress, reuse, &|file| {
        count(&file.path);
        writer.put(file)
    })?;
    progress.stage("write", 0);
    let published = writer.finish()?;
    let (kept, stamps) = keeper.finish();
    let summary = BuildSummary {
        programmes: site.programmes.len(),
        pages: pages.into_inner(),
        charts: charts.into_inner(),
        files: published.files,
        changed: published.written,
        kept,
        skipped: false,
    };
    Ok((summary, published.output_hash, stamps))
}

/// Decides programme by programme whether a build keeps its files from the site it replaces
/// (its stamp is the one the last build recorded), and records every programme's stamp for
/// the next build.
struct Keeper<'a> {
    /// The last build's stamps, by slug.
    previous: &'a HashMap<String, u64>,
    /// This program's part of every stamp.
    program: u64,
    stamps: Mutex<Vec<(String, u64)>>,
    kept: AtomicUsize,
}

impl<'a> Keeper<'a> {
    fn new(previous: &'a HashMap<String, u64>) -> Self {
        Keeper {
            previous,
            program: unchanged::program_stamp(),
            stamps: Mutex::new(Vec::new()),
            kept: AtomicUsize::new(0),
        }
    }

    /// The paths of the programme's files when they are kept from the previous site in
    /// `writer`; `None` when it is to be rendered.
    fn keep(
        &self,
        writer: &write::Stager<'_>,
        slug: &str,
        key: u64,
        folders: &[String],
    ) -> Result<Option<Vec<String>>> {
        let stamp = unchanged::programme_stamp(self.program, key);
        self.stamps
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((slug.to_string(), stamp));
        if self.previous.get(slug) != Some(&stamp) {
            return Ok(None);
        }
        let files = writer.keep_folders(folders)?;
        if files.is_some() {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        Ok(files)
    }

    /// How many programmes were kept, and every programme's slug and stamp, by slug.
    fn finish(self) -> (usize, Vec<(String, u64)>) {
        let mut stamps = self
            .stamps
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        stamps.sort_unstable();
        (self.kept.into_inner(), stamps)
    }
}
