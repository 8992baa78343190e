//! The `gongkai` command.

use clap::{Parser, Subcommand};
use gongkai::model::DateSpec;
use gongkai::{build_site, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// gongkai (公开): build government information-disclosure sites for public-health programmes.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from the content folder into the output folder.
    ///
    /// Examples:
    ///   gongkai build
    ///   gongkai build --content content --output public --base-url /xxgk/ylws/
    ///   gongkai build --as-of 2025-12-31
    Build {
        /// Content folder holding site.yaml and programmes/.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// Base URL the site is served from (overrides site.yaml).
        #[arg(long)]
        base_url: Option<String>,
        /// Date to compute target status against, YYYY-MM-DD (overrides site.yaml).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<DateSpec>,
    },
}

fn parse_date(text: &str) -> Result<DateSpec, String> {
    DateSpec::parse(text).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            content,
            output,
            base_url,
            as_of,
        } => {
            let options = BuildOptions {
                content,
                output: output.clone(),
                base_url,
                as_of,
            };
            match build_site(&options) {
                Ok(summary) => {
                    println!(
                        "built {} programmes: {} pages, {} charts, {} files in {}",
                        summary.programmes,
                        summary.pages,
                        summary.charts,
                        summary.files,
                        output.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
