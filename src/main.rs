//! The `gongkai` command line.

mod cli;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gongkai::check::{check_site, CheckReport};
use gongkai::model::DateSpec;
use gongkai::{scaffold, BuildOptions, Error};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// gongkai: build government information-disclosure sites for public-health programmes.
#[derive(Parser)]
#[command(version, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: zh (Chinese, the default) or en. Also taken from GONGKAI_LANG
    /// or LANG=en_US.UTF-8.
    // Read from the arguments before clap runs (i18n::from_args), so that `--help` and
    // clap's errors speak it too; declared here so clap accepts and documents it.
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    #[allow(dead_code)]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from the content folder into the output folder.
    #[command(
        after_help = "Examples:\n  gongkai build\n  gongkai build --content content --output public --base-url /xxgk/ylws/\n  gongkai build --as-of 2025-12-31"
    )]
    Build(SiteArgs),
    /// Check the content and the pages it would produce, without writing anything.
    #[command(
        after_help = "Examples:\n  gongkai check\n  gongkai check --format json   # for CI annotations\n  gongkai check --strict        # warnings fail too\n\nExits 1 when there are errors, 0 when there are only warnings (with --strict, warnings\ncount as errors). The JSON format is documented in docs/check-json.md."
    )]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Count warnings as errors (non-zero exit), for CI.
        #[arg(long)]
        strict: bool,
    },
    /// Work with the site's theme.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Preview the site on 127.0.0.1 from memory: edits are re-read and the browser reloads.
    /// Nothing is written; `gongkai build` publishes the site.
    #[command(
        after_help = "Examples:\n  gongkai serve\n  gongkai serve --port 8080\n  gongkai serve --bind 0.0.0.0   # let other machines on the network see the preview"
    )]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0 picks a free port).
        #[arg(long, default_value_t = 1111, value_parser = parse_port)]
        port: u16,
        /// Address to listen on; the default keeps the preview on this machine.
        #[arg(long, default_value = "127.0.0.1", value_parser = parse_address)]
        bind: std::net::IpAddr,
    },
    /// Create a new site: settings, indicator catalogue, an example programme and an empty
    /// theme override folder (the built-in theme is used for every file not placed there).
    #[command(after_help = "Examples:\n  gongkai init my-site && cd my-site && gongkai build")]
    Init {
        /// Folder to create the site in (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Write JSON Schemas of site.yaml, programme.yaml and indicators.yaml for editors.
    #[command(
        after_help = "Examples:\n  gongkai schema                 # writes schemas/*.schema.json\n  gongkai schema --out docs/schemas\n\nEditors with yaml-language-server (e.g. VS Code's YAML extension) then validate and complete\nfiles that start with:  # yaml-language-server: $schema=../../../schemas/programme.schema.json"
    )]
    Schema {
        /// Folder to write the schemas into.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
    /// Create something new inside a site.
    #[command(subcommand)]
    New(NewCommand),
    /// Read a government notice (text or HTML; UTF-8, GBK or Big5) and write a draft
    /// programme folder for a person to review.
    #[command(
        after_help = "Examples:\n  gongkai import notice.txt\n  gongkai import notice.html --slug xian-county-hospital-2024 --out content/programmes\n  gongkai import notice.txt --dry-run   # print the draft programme.yaml, write nothing\n\nEvery extracted value carries its source sentence and a confidence; items to check are\nmarked `# 请核对` in the draft and listed here. Run `gongkai check` after reviewing."
    )]
    Import {
        /// The notice: a .txt copied from a web page or PDF, or a saved .html page.
        notice: PathBuf,
        /// Folder name of the draft (default: suggested from the document's year and text).
        #[arg(long)]
        slug: Option<String>,
        /// Folder to write the draft programme folder into.
        #[arg(long, default_value = "content/programmes")]
        out: PathBuf,
        /// Print the draft programme.yaml instead of writing files.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A programme folder with a commented programme.yaml and index.md.
    #[command(after_help = "Examples:\n  gongkai new programme xian-county-hospital-2026")]
    Programme {
        /// Folder name and web address: lowercase letters a–z, digits and '-'.
        slug: String,
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy a file of the built-in theme (or every file) into themes/<theme>/ to edit it;
    /// never overwrites. Files not copied keep coming from the built-in theme.
    #[command(
        after_help = "Examples:\n  gongkai theme eject templates/programme.html\n  gongkai theme eject style.css\n  gongkai theme eject          # every file"
    )]
    Eject {
        /// A file such as templates/programme.html or style.css; every file when absent.
        file: Option<String>,
        /// Content folder (the theme folder is beside it).
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Args, Clone)]
struct SiteArgs {
    /// Content folder holding site.yaml and programmes/.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Output folder; replaced only when the build succeeds.
    #[arg(long, default_value = "output")]
    output: PathBuf,
    /// Base URL the site is served from, e.g. https://www.example.gov.cn/xxgk/ylws/ (overrides site.yaml).
    #[arg(long)]
    base_url: Option<String>,
    /// Date to compute target status against, YYYY-MM-DD (overrides site.yaml).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<DateSpec>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

impl From<SiteArgs> for BuildOptions {
    fn from(a: SiteArgs) -> Self {
        BuildOptions {
            content: a.content,
            output: a.output,
            base_url: a.base_url,
            as_of: a.as_of,
        }
    }
}

fn parse_date(text: &str) -> Result<DateSpec, String> {
    DateSpec::parse(text).map_err(|e| e.to_string())
}

// The port and address are parsed here rather than by clap's own parsers, whose reasons
// are English whatever the language.
fn parse_port(text: &str) -> Result<u16, String> {
    text.parse().map_err(|_| {
        gongkai::i18n::t(
            "端口应为 0 到 65535 之间的整数",
            "a port is a whole number from 0 to 65535",
        )
    })
}

fn parse_address(text: &str) -> Result<std::net::IpAddr, String> {
    text.parse().map_err(|_| {
        gongkai::i18n::t(
            "应为 IP 地址，例如 127.0.0.1（只让本机访问）或 0.0.0.0（让局域网访问）",
            "an IP address is needed, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (the local network)",
        )
    })
}

fn main() -> ExitCode {
    gongkai::i18n::set(gongkai::i18n::from_args(std::env::args_os()));
    let cli: Cli = cli::parse();
    let outcome = match cli.command {
        Command::Build(site) => build(site.into()),
        Command::Check {
            site,
            format,
            strict,
        } => check(site.into(), format, strict),
        Command::Theme(ThemeCommand::Eject { file, content }) => {
            gongkai::cmd::theme::eject(&content, file.as_deref()).map(|done| {
                let written: Vec<String> = done
                    .written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                for kept in &done.kept {
                    println!(
                        "{}",
                        gongkai::i18n::t(
                            format!("{} 已存在，未覆盖", kept.display()),
                            format!("{} already exists; kept as it is", kept.display()),
                        )
                    );
                }
                print_written(&written)
            })
        }
        Command::Init { dir } => init(dir),
        Command::Schema { out } => scaffold::write_schemas(&out).map(|files| print_written(&files)),
        Command::Serve { site, port, bind } => {
            gongkai::serve::serve(gongkai::serve::ServeOptions {
                build: site.into(),
                bind,
                port,
            })
            .map(|_| ExitCode::SUCCESS)
        }
        Command::Import {
            notice,
            slug,
            out,
            dry_run,
        } => import(&notice, slug.as_deref(), &out, dry_run),
        Command::New(NewCommand::Programme { slug, content }) => {
            scaffold::new_programme(&content, &slug).map(|files| print_written(&files))
        }
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn build(options: BuildOptions) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let progress = gongkai::progress::Reporter::new();
    let summary = gongkai::build_site_with(&options, &progress)?;
    progress.finish();
    let ms = started.elapsed().as_millis();
    let changed = summary.changed;
    let (n, pages, charts, files, out) = (
        summary.programmes,
        summary.pages,
        summary.charts,
        summary.files,
        options.output.display(),
    );
    if summary.skipped {
        println!(
            "{}",
            gongkai::i18n::t(
                "内容、主题和选项自上次生成以来均未改变，网站保持原样。",
                "content, themes and options are unchanged since the last build; the site is as it was.",
            )
        );
    }
    println!(
        "{}",
        gongkai::i18n::t(
            format!("已生成 {n} 个项目：{pages} 个页面、{charts} 张图表，共 {files} 个文件（{changed} 个有变化），写入 {out}（用时 {ms} 毫秒）"),
            format!("built {n} programmes: {pages} pages, {charts} charts, {files} files ({changed} changed) in {out} ({ms} ms)"),
        )
    );
    if summary.kept > 0 {
        let kept = summary.kept;
        println!(
            "{}",
            gongkai::i18n::t(
                format!("其中 {kept} 个项目的内容自上次生成以来未变，沿用了上次生成的文件。"),
                format!("{kept} programmes were unchanged since the last build; their files were kept from it."),
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn check(options: BuildOptions, format: Format, strict: bool) -> Result<ExitCode, Error> {
    let mut report = check_site(&options)?;
    if strict {
        report = report.strict();
    }
    match format {
        Format::Json => print_json(&report),
        Format::Text => print_text(&report),
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_text(report: &CheckReport) {
    use gongkai::i18n::t;
    for d in &report.errors {
        println!("{}{d}", t("错误：", "error: "));
    }
    for d in &report.warnings {
        println!("{}{d}", t("警告：", "warning: "));
    }
    let (errors, warnings) = (report.errors.len(), report.warnings.len());
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    println!(
        "{}",
        t(
            format!("共 {errors} 个错误、{warnings} 个警告"),
            format!(
                "{errors} error{}, {warnings} warning{}",
                plural(errors),
                plural(warnings)
            ),
        )
    );
}

fn print_json(report: &CheckReport) {
    let tag = |severity: &str, list: &[gongkai::Diagnostic]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|d| {
                let mut value = serde_json::to_value(d).unwrap_or_default();
                if let Some(map) = value.as_object_mut() {
                    map.insert("severity".into(), severity.into());
                    map.insert("field_label".into(), d.field_label().into());
                }
                value
            })
            .collect()
    };
    let mut all = tag("error", &report.errors);
    all.extend(tag("warning", &report.warnings));
    println!(
        "{}",
        serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into())
    );
}

fn import(
    notice: &std::path::Path,
    slug: Option<&str>,
    out: &std::path::Path,
    dry_run: bool,
) -> Result<ExitCode, Error> {
    use gongkai::import::{import_notice, write_draft, ImportOptions};
    let bytes = std::fs::read(notice).map_err(|e| Error::io(notice, e))?;
    let options = ImportOptions {
        source_file: notice
            .file_name()
            .map(|name| name.to_string_lossy().into_owned()),
        revision_date: None,
    };
    let usage =
        |e: gongkai::import::ImportError| Error::Usage(format!("{}: {e}", notice.display()));
    let draft = import_notice(&bytes, &options).map_err(usage)?;
    if dry_run {
        print!("{}", draft.yaml);
    } else {
        let slug = slug.unwrap_or(&draft.suggested_slug);
        let folder = write_draft(&draft, out, slug).map_err(usage)?;
        print_written(&[
            folder.join("programme.yaml").display().to_string(),
            folder.join("index.md").display().to_string(),
        ]);
    }
    print_import_report(&draft.report);
    Ok(ExitCode::SUCCESS)
}

fn print_import_report(report: &gongkai::import::ImportReport) {
    use gongkai::i18n::t;
    use gongkai::model::DocumentType;
    let c = &report.counts;
    let kind = match report.document_type {
        DocumentType::Plan => "plan",
        DocumentType::WorkPoints => "work points",
        DocumentType::Report => "progress report",
    };
    eprintln!(
        "{}",
        t(
            format!(
                "读入 {}（{}）；找到目标 {} 项、实际数据 {} 项、预算 {} 项、阶段 {} 个、时间节点 {} 个、公开属性 {} 项；删除页面杂项 {} 行。",
                report.encoding, report.document_type.label(), c.targets, c.actuals, c.budget_lines, c.phases, c.milestones, c.metadata_fields, c.removed_lines
            ),
            format!(
                "read as {} ({kind}); found {} targets, {} actuals, {} budget lines, {} phases, {} milestones, {} metadata fields; dropped {} lines of page noise.",
                report.encoding, c.targets, c.actuals, c.budget_lines, c.phases, c.milestones, c.metadata_fields, c.removed_lines
            ),
        )
    );
    for missing in &report.missing {
        eprintln!("{}{missing}", t("未找到：", "not found: "));
    }
    for item in &report.flagged {
        let flags: Vec<String> = item
            .flags
            .iter()
            .map(|f| gongkai::import::item::flag_text(f))
            .collect();
        // The item's words are the notice's own, quoted as data in either language.
        eprintln!(
            "{}",
            t(
                format!(
                    "请核对：{} “{}”（置信度 {:.2}）{}",
                    item.path,
                    item.what,
                    item.confidence,
                    flags.join("；")
                ),
                format!(
                    "check: {} “{}” (confidence {:.2}) {}",
                    item.path,
                    item.what,
                    item.confidence,
                    flags.join("; ")
                ),
            )
        );
    }
}

fn init(dir: PathBuf) -> Result<ExitCode, Error> {
    let files = scaffold::init(&dir)?;
    let code = print_written(&files);
    let next = format!("cd {} && gongkai build", dir.display());
    println!(
        "{}",
        gongkai::i18n::t(format!("下一步：{next}"), format!("next: {next}"))
    );
    Ok(code)
}

fn print_written(files: &[String]) -> ExitCode {
    for file in files {
        println!("{}{file}", gongkai::i18n::t("已创建 ", "created "));
    }
    ExitCode::SUCCESS
}

/// mimalloc instead of the system allocator: a build makes and frees millions of small
/// strings from many threads, where glibc's malloc spent ~15% of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
