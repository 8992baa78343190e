//! The YAML parser's own words in Chinese: libyaml's syntax messages, serde_yaml's, and the
//! type names serde puts in "invalid type: …, expected …". The parser speaks English only;
//! a Chinese run must not show its sentences. Part of [`crate::yaml`], the one place that
//! knows the parser.

/// libyaml's and serde_yaml's messages (without position), in Chinese.
const MESSAGES: &[(&str, &str)] = &[
    (
        "could not find expected ':'",
        "这里应有英文冒号“:”，但没有找到（常见原因：用了中文冒号“：”，或上一行的引号没有配对）",
    ),
    (
        "mapping values are not allowed in this context",
        "这里不能写“键: 值”（常见原因：缩进不对，或值里有“: ”却没有加引号）",
    ),
    (
        "mapping keys are not allowed in this context",
        "这里不能写键（常见原因是缩进不对）",
    ),
    (
        "block sequence entries are not allowed in this context",
        "这里不能写以“-”开头的列表项（常见原因是缩进不对）",
    ),
    (
        "did not find expected key",
        "这里应是一个字段名，但没有找到（常见原因是缩进不对）",
    ),
    (
        "did not find expected '-' indicator",
        "这里应是以“-”开头的列表项（常见原因是缩进不对）",
    ),
    ("did not find expected node content", "这里缺少值"),
    (
        "did not find expected ',' or ']'",
        "方括号 [ ] 没有配对：缺少“,”或“]”",
    ),
    (
        "did not find expected ',' or '}'",
        "花括号 { } 没有配对：缺少“,”或“}”",
    ),
    (
        "did not find expected <document start>",
        "文件中有多余的内容，找不到下一个文档的开头",
    ),
    (
        "did not find expected comment or line break",
        "这一行后面有多余的内容",
    ),
    (
        "did not find expected whitespace or line break",
        "这里应有空格或换行",
    ),
    ("did not find expected whitespace", "这里应有空格"),
    (
        "did not find expected alphabetic or numeric character",
        "锚点或别名（& 或 * 之后）只能用字母或数字",
    ),
    (
        "did not find expected hexadecimal number",
        "双引号中的转义应为十六进制数字",
    ),
    ("did not find expected tag URI", "标签（! 开头）写得不完整"),
    ("did not find expected '!'", "标签（! 开头）写得不完整"),
    ("did not find the expected '>'", "标签（!< 开头）缺少“>”"),
    ("did not find URI escaped octet", "标签中的 % 转义不完整"),
    (
        "found unexpected end of stream",
        "文件意外结束（常见原因：引号或括号没有配对）",
    ),
    (
        "found unexpected document indicator",
        "出现了不应有的文档分隔符（--- 或 ...）",
    ),
    (
        "found unknown escape character",
        "双引号中有无法识别的转义（反斜杠 \\ 之后的字符）",
    ),
    (
        "found invalid Unicode character escape code",
        "双引号中有无效的 Unicode 转义",
    ),
    ("found undefined tag handle", "用了未定义的标签（! 开头）"),
    (
        "found an indentation indicator equal to 0",
        "多行文字（| 或 >）的缩进数不能为 0",
    ),
    ("found unexpected ':'", "这里不应有冒号“:”"),
    (
        "found unexpected non-alphabetical character",
        "指令中有不应有的字符",
    ),
    ("found unknown directive name", "不认识的指令（% 开头）"),
    ("found duplicate %YAML directive", "%YAML 指令重复"),
    ("found duplicate %TAG directive", "%TAG 指令重复"),
    ("found incompatible YAML document", "不支持这个 YAML 版本"),
    (
        "control characters are not allowed",
        "文件中有不允许的控制字符",
    ),
    ("invalid leading UTF-8 octet", "文件不是有效的 UTF-8 编码"),
    ("invalid trailing UTF-8 octet", "文件不是有效的 UTF-8 编码"),
    (
        "incomplete UTF-8 octet sequence",
        "文件不是有效的 UTF-8 编码",
    ),
    (
        "invalid length of a UTF-8 sequence",
        "文件不是有效的 UTF-8 编码",
    ),
    (
        "found an incorrect leading UTF-8 octet",
        "文件不是有效的 UTF-8 编码",
    ),
    (
        "found an incorrect trailing UTF-8 octet",
        "文件不是有效的 UTF-8 编码",
    ),
    ("invalid Unicode character", "文件中有无效的 Unicode 字符"),
    ("EOF while parsing a value", "文件意外结束，缺少值"),
    (
        "deserializing from YAML containing more than one document is not supported",
        "一个文件只能有一个 YAML 文档：请去掉多余的 ---",
    ),
    ("recursion limit exceeded", "嵌套层数太多"),
    ("repetition limit exceeded", "别名（*）展开的次数太多"),
    ("unknown anchor", "引用了不存在的锚点（*）"),
    ("empty YAML tag is not allowed", "标签（!）不能为空"),
    ("failed to parse YAML number", "数字写得不对"),
    ("unexpected tagged value in merge", "合并（<<）中不能用标签"),
    (
        "expected a mapping or list of mappings for merging, but found scalar",
        "合并（<<）的应是映射，这里是单个值",
    ),
    (
        "expected a mapping for merging, but found scalar",
        "合并（<<）的应是映射，这里是单个值",
    ),
    (
        "expected a mapping for merging, but found sequence",
        "合并（<<）的应是映射，这里是列表",
    ),
];

/// A parser message in Chinese: a known one translated, serde's "unknown variant" and
/// "invalid length" reworded, anything else marked as the parser's own text.
pub fn message(raw: &str) -> String {
    // libyaml adds where it was ("at position 12") and what it was doing (", while scanning
    // a simple key"); the line is shown separately.
    let problem = raw.split(", while ").next().unwrap_or(raw);
    let problem = problem
        .split(" at position ")
        .next()
        .unwrap_or(problem)
        .trim();
    if let Some((_, zh)) = MESSAGES.iter().find(|(en, _)| *en == problem) {
        return zh.to_string();
    }
    if let Some(rest) = problem.strip_prefix("unknown variant ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("不认识的取值 {found}，可用的取值：{}", choices(expected));
    }
    if let Some(rest) = problem.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("个数不对：这里有 {found} 个，应为 {}", kind(expected));
    }
    if !problem.is_ascii() {
        return problem.to_string(); // already ours, in Chinese
    }
    format!("解析器原文：“{problem}”")
}

/// serde's "one of `a`, `b`" / "`a` or `b`" as "`a`、`b`".
fn choices(expected: &str) -> String {
    let list = expected.trim_start_matches("one of ");
    list.replace(" or ", ", ")
        .split(", ")
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// serde's name of what was found or expected ("a sequence", "string \"x\"", "u32") in
/// Chinese; a text of our own (already Chinese) is kept.
pub fn kind(words: &str) -> String {
    let words = words.trim();
    let (head, value) = match words.split_once(' ') {
        Some((h, v)) if v.starts_with(['`', '"']) => (h, Some(v)),
        _ => (words, None),
    };
    let value = value
        .map(|v| v.trim_matches(['`', '"']))
        .map(|v| format!("“{v}”"));
    let name = match head.trim_start_matches("a ").trim_start_matches("an ") {
        "string" | "borrowed string" | "str" => "文字",
        "sequence" | "seq" => "列表（- 开头的多项）",
        "map" | "mapping" => "字段: 值 的映射",
        "integer" | "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64"
        | "isize" => "整数",
        "floating point" | "f32" | "f64" | "number" => "数字",
        "boolean" | "bool" => "true 或 false",
        "character" | "char" => "单个字符",
        "unit value" | "unit" | "null" => "空值",
        "Option value" | "option" => "可省略的值",
        "byte array" | "bytes" => "字节",
        "newtype struct" | "tuple struct" | "tuple" => "多个值",
        "enum" | "variant identifier" | "unit variant" => "规定的取值之一",
        "field identifier" => "字段名",
        "newtype variant" | "tuple variant" | "struct variant" => "带内容的取值",
        other if other.starts_with("struct ") => "字段: 值 的映射",
        other if other.starts_with("enum ") => "规定的取值之一",
        other if other.starts_with("tuple of ") => "固定个数的一组值",
        other if other.starts_with("a sequence of ") || other.starts_with("sequence of ") => {
            "列表（- 开头的多项）"
        }
        _ => return words.to_string(),
    };
    match value {
        Some(value) => format!("{name} {value}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libyaml_messages_read_in_chinese() {
        let text = message("could not find expected ':', while scanning a simple key");
        assert!(
            text.contains("冒号") && !text.contains("could not"),
            "{text}"
        );
        assert!(message("did not find expected key at position 7").contains("字段名"));
    }

    #[test]
    fn serde_words_read_in_chinese() {
        assert_eq!(kind("a sequence"), "列表（- 开头的多项）");
        assert_eq!(kind("string \"5 - id\""), "文字 “5 - id”");
        assert_eq!(kind("integer `5`"), "整数 “5”");
        assert_eq!(kind("struct Target"), "字段: 值 的映射");
        assert_eq!(kind("写作 YYYY 的日期"), "写作 YYYY 的日期");
        assert_eq!(
            message("unknown variant `planx`, expected one of `plan`, `work_points`"),
            "不认识的取值 `planx`，可用的取值：`plan`、`work_points`"
        );
    }

    #[test]
    fn an_unknown_message_is_quoted_as_the_parsers_own() {
        assert_eq!(message("something new"), "解析器原文：“something new”");
    }
}
