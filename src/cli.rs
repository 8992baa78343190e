//! The command line in the chosen language: clap's help and its errors in Chinese when the
//! run speaks Chinese. The English texts are the doc comments in `main.rs`; the Chinese ones
//! are the tables below, one entry per command and per option, checked complete by a test.
//!
//! clap writes its own words ("Usage:", "Options:", "[default: …]", its error sentences) in
//! English only, so in Chinese the help is laid out by a template with Chinese headings,
//! defaults and choices are written into the help text, and errors are worded here.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgMatches, Command, CommandFactory, FromArgMatches};
use gongkai::i18n::{self, Lang};

/// Chinese about text and examples of a command, by its path below `gongkai`.
struct CommandText {
    path: &'static str,
    about: &'static str,
    after: Option<&'static str>,
}

/// Chinese help of an option or argument: by the command path it belongs to, or `*` for
/// every command that has it (the shared site options, `--lang`, `--help`).
struct ArgText {
    path: &'static str,
    id: &'static str,
    help: &'static str,
    value: Option<&'static str>,
}

const COMMANDS: &[CommandText] = &[
    CommandText {
        path: "",
        about: "gongkai（公开）：为公共卫生项目生成政府信息公开网站。",
        after: None,
    },
    CommandText {
        path: "build",
        about: "从内容文件夹生成网站，写入输出文件夹。",
        after: Some(
            "示例：\n  gongkai build\n  gongkai build --content content --output public --base-url /xxgk/ylws/\n  gongkai build --as-of 2025-12-31",
        ),
    },
    CommandText {
        path: "check",
        about: "检查内容和将要生成的页面，不写入任何文件。",
        after: Some(
            "示例：\n  gongkai check\n  gongkai check --format json   # 供持续集成（CI）标注问题\n  gongkai check --strict        # 有警告也算失败\n\n有错误时退出码为 1；只有警告时为 0（加 --strict 时警告也算错误）。JSON 格式的说明见 docs/check-json.md。",
        ),
    },
    CommandText {
        path: "serve",
        about: "在本机（127.0.0.1）从内存预览网站：修改内容后自动重新读取，浏览器随之刷新。不写入任何文件；发布网站请用 gongkai build。",
        after: Some(
            "示例：\n  gongkai serve\n  gongkai serve --port 8080\n  gongkai serve --bind 0.0.0.0   # 让局域网内的其他电脑也能看到预览",
        ),
    },
    CommandText {
        path: "init",
        about: "新建网站：网站设置、指标目录、一个示例项目和主题。",
        after: Some("示例：\n  gongkai init my-site && cd my-site && gongkai build"),
    },
    CommandText {
        path: "schema",
        about: "为编辑器写出 site.yaml、programme.yaml 和 indicators.yaml 的 JSON Schema。",
        after: Some(
            "示例：\n  gongkai schema                 # 写入 schemas/*.schema.json\n  gongkai schema --out docs/schemas\n\n支持 yaml-language-server 的编辑器（例如 VS Code 的 YAML 扩展）会校验并补全以下面这行开头的文件：\n  # yaml-language-server: $schema=../../../schemas/programme.schema.json",
        ),
    },
    CommandText {
        path: "new",
        about: "在网站中新建内容。",
        after: None,
    },
    CommandText {
        path: "new programme",
        about: "新建项目文件夹，内含带注释的 programme.yaml 和 index.md。",
        after: Some("示例：\n  gongkai new programme xian-county-hospital-2026"),
    },
    CommandText {
        path: "import",
        about: "读取政府通知（文本或 HTML；UTF-8、GBK 或 Big5 编码），写出项目草稿文件夹，供人工核对。",
        after: Some(
            "示例：\n  gongkai import notice.txt\n  gongkai import notice.html --slug xian-county-hospital-2024 --out content/programmes\n  gongkai import notice.txt --dry-run   # 只显示草稿 programme.yaml，不写文件\n\n提取出的每个值都附有出处原句和可信度；需要核对的项在草稿中标有 `# 请核对`，并在这里列出。核对后请运行 gongkai check。",
        ),
    },
    CommandText {
        path: "theme",
        about: "管理网站的主题。",
        after: None,
    },
    CommandText {
        path: "theme eject",
        about: "把内置主题的一个文件（或全部文件）复制到 themes/<主题>/ 以便修改；不会覆盖已有文件。没有复制出来的文件继续使用内置主题。",
        after: Some(
            "示例：\n  gongkai theme eject templates/programme.html\n  gongkai theme eject style.css\n  gongkai theme eject          # 全部文件",
        ),
    },
    CommandText {
        path: "help",
        about: "显示本帮助，或某个命令的帮助",
        after: None,
    },
];

const ARGS: &[ArgText] = &[
    ArgText {
        path: "check",
        id: "strict",
        help: "把警告也算作错误（退出码非零），供持续集成（CI）使用",
        value: None,
    },
    ArgText {
        path: "theme eject",
        id: "file",
        help: "要复制的文件，例如 templates/programme.html 或 style.css；不写则复制全部文件",
        value: Some("文件"),
    },
    ArgText {
        path: "*",
        id: "lang",
        help: "消息语言：zh（中文，默认）或 en（英文）。也可用环境变量 GONGKAI_LANG 或 LANG=en_US.UTF-8 选择",
        value: Some("语言"),
    },
    ArgText {
        path: "*",
        id: "help",
        help: "显示帮助",
        value: None,
    },
    ArgText {
        path: "*",
        id: "version",
        help: "显示版本号",
        value: None,
    },
    ArgText {
        path: "*",
        id: "content",
        help: "内容文件夹，内有 site.yaml 和 programmes/",
        value: Some("文件夹"),
    },
    ArgText {
        path: "*",
        id: "output",
        help: "输出文件夹；只有生成成功才会替换",
        value: Some("文件夹"),
    },
    ArgText {
        path: "*",
        id: "base_url",
        help: "网站发布的网址，例如 https://www.example.gov.cn/xxgk/ylws/（优先于 site.yaml 中的设置）",
        value: Some("网址"),
    },
    ArgText {
        path: "*",
        id: "as_of",
        help: "计算目标完成情况所依据的日期，写作 YYYY-MM-DD（优先于 site.yaml 中的设置）",
        value: Some("日期"),
    },
    ArgText {
        path: "check",
        id: "format",
        help: "输出格式",
        value: Some("格式"),
    },
    ArgText {
        path: "serve",
        id: "port",
        help: "监听的端口（0 表示自动选一个空闲端口）",
        value: Some("端口"),
    },
    ArgText {
        path: "serve",
        id: "bind",
        help: "监听的地址；默认只让本机访问预览",
        value: Some("地址"),
    },
    ArgText {
        path: "init",
        id: "dir",
        help: "新建网站所在的文件夹（默认为当前文件夹）",
        value: Some("文件夹"),
    },
    ArgText {
        path: "schema",
        id: "out",
        help: "写入 Schema 的文件夹",
        value: Some("文件夹"),
    },
    ArgText {
        path: "new programme",
        id: "slug",
        help: "文件夹名，也是网址的一部分：只能用小写字母 a–z、数字和 -",
        value: Some("名称"),
    },
    ArgText {
        path: "new programme",
        id: "content",
        help: "内容文件夹",
        value: Some("文件夹"),
    },
    ArgText {
        path: "import",
        id: "notice",
        help: "通知文件：从网页或 PDF 复制出的 .txt，或保存下来的 .html 网页",
        value: Some("通知文件"),
    },
    ArgText {
        path: "import",
        id: "slug",
        help: "草稿文件夹的名称（默认根据文件的年份和内容推荐）",
        value: Some("名称"),
    },
    ArgText {
        path: "import",
        id: "out",
        help: "草稿项目文件夹写入的位置",
        value: Some("文件夹"),
    },
    ArgText {
        path: "import",
        id: "dry_run",
        help: "只显示草稿 programme.yaml，不写文件",
        value: None,
    },
];

/// Parses the command line of `T` in the language chosen for this run; on a mistake, prints
/// it in that language and exits (status 2, as clap does; 0 for `--help` and `--version`).
pub fn parse<T: CommandFactory + FromArgMatches>() -> T {
    let mut command = localized(T::command());
    let matches: ArgMatches = command
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|e| exit(e));
    T::from_arg_matches(&matches).unwrap_or_else(|e| exit(e.with_cmd(&command)))
}

/// The command with its help in the chosen language (English is clap's own).
pub fn localized(mut command: Command) -> Command {
    if i18n::lang() == Lang::En {
        return command;
    }
    command.build();
    in_chinese(command, "")
}

fn in_chinese(command: Command, path: &str) -> Command {
    // The `help` command repeats the tree below it (`gongkai help build`): same texts.
    let key = text_key(path);
    let mut command = command.mut_args(|arg| chinese_arg(&key, arg));
    if let Some(text) = COMMANDS.iter().find(|c| c.path == key) {
        command = command
            .about(text.about)
            .long_about(None)
            .after_help(text.after)
            .after_long_help(None::<&str>);
    }
    let layout = template(&command);
    command = command.subcommand_value_name("命令").help_template(layout);
    command = command.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        let below = if path.is_empty() {
            name
        } else {
            format!("{path} {name}")
        };
        in_chinese(sub, &below)
    });
    let usage = command
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[选项]");
    command.override_usage(usage)
}

/// The entry of the tables for a command path: a `help` command has its own, and the tree
/// below `help` (`gongkai help build`) has the texts of the command it explains.
fn text_key(path: &str) -> String {
    let parts: Vec<&str> = path.split(' ').filter(|p| !p.is_empty()).collect();
    if parts.last() == Some(&"help") {
        return "help".to_string();
    }
    parts
        .into_iter()
        .filter(|p| *p != "help")
        .collect::<Vec<_>>()
        .join(" ")
}

fn chinese_arg(path: &str, arg: clap::Arg) -> clap::Arg {
    let id = arg.get_id().as_str();
    let Some(text) = ARGS
        .iter()
        .find(|a| a.path == path && a.id == id)
        .or_else(|| ARGS.iter().find(|a| a.path == "*" && a.id == id))
    else {
        return arg;
    };
    let mut help = text.help.to_string();
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && !arg.is_hide_possible_values_set() && id != "lang" {
        help.push_str(&format!(" [可选：{}]", choices.join("、")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // A flag's default (`false`) is not shown, as clap does not show it in English.
    let takes_value = arg.get_action().takes_values();
    if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&format!(" [默认：{}]", defaults.join("、")));
    }
    let arg = arg
        .help(help)
        .long_help(None::<&str>)
        .hide_possible_values(true)
        .hide_default_value(true);
    match text.value {
        Some(value) => arg.value_name(value),
        None => arg,
    }
}

/// A help layout with Chinese headings, holding only the sections the command has.
fn template(command: &Command) -> String {
    let mut text = String::from("{about-with-newline}\n用法：{usage}");
    if command.has_subcommands() {
        text.push_str("\n\n命令：\n{subcommands}");
    }
    if command.get_positionals().next().is_some() {
        text.push_str("\n\n参数：\n{positionals}");
    }
    if command.get_arguments().any(|a| !a.is_positional()) {
        text.push_str("\n\n选项：\n{options}");
    }
    text.push_str("{after-help}");
    text
}

/// Prints a command-line mistake (or the help asked for) and exits.
fn exit(error: clap::Error) -> ! {
    let shows_help = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if i18n::lang() == Lang::En || shows_help {
        error.exit();
    }
    eprintln!("{}", chinese_error(&error));
    std::process::exit(2);
}

/// A command-line mistake in Chinese: what is wrong, a suggestion when clap has one, the
/// usage line and where to find the help.
fn chinese_error(error: &clap::Error) -> String {
    let text = |kind| error.get(kind).map(value_text).unwrap_or_default();
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let what = match error.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("没有“{arg}”这个选项"),
        ErrorKind::UnknownArgument => format!("多出了参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个命令", text(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("“{arg}”后面缺少值"),
        ErrorKind::InvalidValue => format!(
            "“{arg}”的值“{value}”无效，可用的值：{}",
            text(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|s| format!("：{s}"))
                .unwrap_or_default();
            format!("“{arg}”的值“{value}”无效{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict if arg == text(ContextKind::PriorArg) => {
            format!("“{arg}”只能写一次")
        }
        ErrorKind::ArgumentConflict => {
            format!("“{arg}”不能与“{}”同时使用", text(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals => format!("“{arg}”的值要用等号写在后面，例如 {arg}=值"),
        ErrorKind::TooManyValues => format!("“{arg}”的值太多：{value}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("“{arg}”的值个数不对")
        }
        ErrorKind::InvalidUtf8 => "命令行中有无法识别的字符（不是 UTF-8 编码）".to_string(),
        _ => "命令行有误".to_string(),
    };
    let mut out = format!("错误：{what}");
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(text)
    .find(|s| !s.is_empty());
    if let Some(suggested) = suggested {
        out.push_str(&format!("\n  提示：是不是要写“{suggested}”？"));
    }
    let usage = text(ContextKind::Usage);
    let usage = usage.trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        out.push_str(&format!("\n\n用法：{usage}"));
    }
    out.push_str("\n\n加上 --help 可查看帮助。");
    out
}

fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option of the command line has its Chinese text: an option added
    /// without one would show English help in a Chinese run.
    #[test]
    fn every_command_and_option_has_chinese_help() {
        let mut command = crate::Cli::command();
        command.build();
        let mut missing = Vec::new();
        walk(&command, "", &mut missing);
        assert!(missing.is_empty(), "no Chinese text for: {missing:?}");
    }

    fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
        let key = text_key(path);
        if key != path && key != "help" {
            return; // the tree below `help` repeats the commands checked already
        }
        let path = key.as_str();
        if !COMMANDS.iter().any(|c| c.path == path) {
            missing.push(format!("command `{path}`"));
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if !ARGS
                .iter()
                .any(|a| a.id == id && (a.path == path || a.path == "*"))
            {
                missing.push(format!("`{path}` {id}"));
            }
        }
        for sub in command.get_subcommands() {
            let below = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &below, missing);
        }
    }

    /// A Chinese entry naming a command or option that no longer exists is a stale text.
    #[test]
    fn every_chinese_text_belongs_to_something() {
        let mut command = crate::Cli::command();
        command.build();
        let find = |path: &str| -> Option<Command> {
            path.split(' ')
                .filter(|p| !p.is_empty())
                .try_fold(command.clone(), |c, name| c.find_subcommand(name).cloned())
        };
        for text in COMMANDS {
            assert!(find(text.path).is_some(), "no command `{}`", text.path);
        }
        for text in ARGS.iter().filter(|a| a.path != "*") {
            let owner = find(text.path).unwrap_or_else(|| panic!("no command `{}`", text.path));
            assert!(
                owner.get_arguments().any(|a| a.get_id() == text.id),
                "`{}` has no option {}",
                text.path,
                text.id
            );
        }
    }
}
