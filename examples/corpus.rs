//! Synthetic content corpus for benchmarks and scale tests (issue 8).
//!
//! ```sh
//! cargo run --release --example corpus -- --programmes 1000 --seed 1 --out target/bench/corpus-1000
//! gongkai build --content target/bench/corpus-1000 --output target/bench/out-1000
//! ```
//!
//! Writes `DIR/site.yaml` and `DIR/programmes/<slug>/{programme.yaml,index.md}`: N programmes
//! over real province / city / county names, each with 10–30 targets of the catalogue's
//! kinds, actuals over several years, phases, milestones, budget lines in 万元, facilities,
//! disclosure metadata and 600–1,500 characters of Markdown commentary. Every figure is
//! invented: the site title says 合成测试数据 and every page carries an editor's note.
//!
//! The output depends only on the arguments: a self-written splitmix64 generator, no clock,
//! no hash-map iteration. `--minimal` writes the same commentary with minimal data (title,
//! issuer, region), for comparing Markdown throughput with other generators.
//!
//! The test `tests/corpus_example.rs` includes this file as a module and calls [`generate`].

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Marker written into `site.yaml`; an existing output folder is only replaced when it has it.
pub const MARKER: &str = "合成测试数据";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of programmes.
    pub programmes: usize,
    /// Seed of the generator: the same seed gives byte-identical files.
    pub seed: u64,
    /// Same commentary, minimal data (no targets, actuals, phases, budget, charts).
    pub minimal: bool,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Slugs of the programmes, in generation order.
    pub slugs: Vec<String>,
    /// Targets written over all programmes.
    pub targets: usize,
    /// Files written.
    pub files: usize,
}

/// Writes a corpus of `n` programmes with full data into `out`.
pub fn generate(n: usize, seed: u64, out: &Path) -> io::Result<Summary> {
    generate_with(
        &Options {
            programmes: n,
            seed,
            minimal: false,
        },
        out,
    )
}

/// Writes a corpus into `out` (created; a previous corpus there is replaced).
pub fn generate_with(options: &Options, out: &Path) -> io::Result<Summary> {
    prepare(out)?;
    let regions = regions();
    let mut master = Rng::new(options.seed);
    let combos = regions.len() * KINDS.len() * YEARS.len();
    let mut order: Vec<usize> = (0..combos).collect();
    for i in (1..order.len()).rev() {
        let j = master.below(i + 1);
        order.swap(i, j);
    }
    std::fs::write(out.join("site.yaml"), site_yaml(options))?;
    let mut summary = Summary {
        slugs: Vec::with_capacity(options.programmes),
        targets: 0,
        files: 1,
    };
    for i in 0..options.programmes {
        let combo = order[i % combos];
        let round = i / combos;
        let region = &regions[combo / (KINDS.len() * YEARS.len())];
        let kind = &KINDS[(combo / YEARS.len()) % KINDS.len()];
        let year = YEARS[combo % YEARS.len()];
        let mut rng = Rng::new(
            options
                .seed
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add(combo as u64)
                .wrapping_add((round as u64) << 40),
        );
        let mut slug = format!(
            "{}-{:03}-{}-{}",
            region.province_slug, region.index, kind.slug, year
        );
        if round > 0 {
            write!(slug, "-{}", round + 1).unwrap();
        }
        let programme = Programme::new(region, kind, year, &mut rng);
        let dir = out.join("programmes").join(&slug);
        std::fs::create_dir_all(&dir)?;
        let yaml = if options.minimal {
            programme.minimal_yaml()
        } else {
            programme.yaml()
        };
        std::fs::write(dir.join("programme.yaml"), yaml)?;
        std::fs::write(dir.join("index.md"), programme.commentary(&mut rng))?;
        summary.targets += if options.minimal {
            0
        } else {
            programme.targets.len()
        };
        summary.files += 2;
        summary.slugs.push(slug);
    }
    Ok(summary)
}

/// Creates `out`, or empties it when it holds an earlier corpus; refuses anything else.
fn prepare(out: &Path) -> io::Result<()> {
    if out.exists() {
        let site = out.join("site.yaml");
        let ours = std::fs::read_to_string(&site)
            .map(|s| s.contains(MARKER))
            .unwrap_or(false);
        let empty = std::fs::read_dir(out)?.next().is_none();
        if !ours && !empty {
            return Err(io::Error::other(format!(
                "{} exists and is not a corpus written by this generator; refusing to replace it",
                out.display()
            )));
        }
        if ours {
            std::fs::remove_file(&site)?;
            let programmes = out.join("programmes");
            if programmes.exists() {
                std::fs::remove_dir_all(programmes)?;
            }
        }
    }
    std::fs::create_dir_all(out.join("programmes"))
}

fn site_yaml(options: &Options) -> String {
    let variant = if options.minimal {
        "，仅正文（最少数据）"
    } else {
        ""
    };
    format!(
        "# Written by examples/corpus.rs (--programmes {} --seed {}{}). Every figure is invented.\n\
         title: 县域医疗卫生项目信息公开（{MARKER}）\n\
         publisher: gongkai 性能测试（{MARKER}，非真实文件）\n\
         description: 由程序随机生成的 {} 个项目，用于测试生成速度和规模；地名真实，文件、数字和文号均为虚构{variant}。\n\
         base_url: /\n\
         language: zh-CN\n\
         as_of: {AS_OF}\n",
        options.programmes,
        options.seed,
        if options.minimal { " --minimal" } else { "" },
        options.programmes,
    )
}

const AS_OF: &str = "2026-11-01";
const AS_OF_YEAR: i32 = 2026;
const YEARS: [i32; 8] = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

// ---------------------------------------------------------------------------------------
// Random numbers: splitmix64 (Steele, Lea, Flood 2014), enough for test data.

/// A small deterministic generator.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng(seed ^ 0x6A09_E667_F3BC_C908);
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ x < n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// lo ≤ x ≤ hi.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1).max(1) as u64)) as i64
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Real administrative names: province, city (prefecture), counties (县, 自治县, 县级市, 区, 旗).

const PROVINCES: &[(&str, &str)] = &[
    ("河南省", "henan"),
    ("山西省", "shanxi"),
    ("山东省", "shandong"),
    ("甘肃省", "gansu"),
    ("河北省", "hebei"),
    ("湖南省", "hunan"),
    ("四川省", "sichuan"),
    ("云南省", "yunnan"),
    ("贵州省", "guizhou"),
    ("江西省", "jiangxi"),
    ("安徽省", "anhui"),
    ("陕西省", "shaanxi"),
    ("湖北省", "hubei"),
    ("广西壮族自治区", "guangxi"),
    ("黑龙江省", "heilongjiang"),
    ("吉林省", "jilin"),
    ("内蒙古自治区", "neimenggu"),
];

/// `province city county county …`, one city a line.
const REGIONS: &str = "\
河南省 驻马店市 上蔡县 泌阳县 汝南县 平舆县 新蔡县 确山县 正阳县 西平县 遂平县
河南省 商丘市 民权县 睢县 宁陵县 柘城县 虞城县 夏邑县 永城市
河南省 周口市 扶沟县 西华县 商水县 沈丘县 郸城县 太康县 鹿邑县 项城市
河南省 信阳市 罗山县 光山县 新县 商城县 固始县 潢川县 淮滨县 息县
河南省 南阳市 南召县 方城县 西峡县 镇平县 内乡县 淅川县 社旗县 唐河县 新野县 桐柏县 邓州市
河南省 洛阳市 新安县 栾川县 嵩县 汝阳县 宜阳县 洛宁县 伊川县
河南省 开封市 杞县 通许县 尉氏县 兰考县
河南省 新乡市 新乡县 获嘉县 原阳县 延津县 封丘县 长垣市 卫辉市 辉县市
山西省 大同市 云州区 阳高县 天镇县 广灵县 灵丘县 浑源县 左云县
山西省 吕梁市 文水县 交城县 兴县 临县 柳林县 石楼县 岚县 方山县 中阳县 交口县 孝义市 汾阳市
山西省 长治市 襄垣县 平顺县 黎城县 壶关县 长子县 武乡县 沁县 沁源县
山西省 忻州市 定襄县 五台县 代县 繁峙县 宁武县 静乐县 神池县 五寨县 岢岚县 河曲县 保德县 偏关县 原平市
山西省 临汾市 曲沃县 翼城县 襄汾县 洪洞县 古县 安泽县 浮山县 吉县 乡宁县 大宁县 隰县 永和县 蒲县 汾西县 侯马市 霍州市
山西省 运城市 临猗县 万荣县 闻喜县 稷山县 新绛县 绛县 垣曲县 夏县 平陆县 芮城县 永济市 河津市
山东省 淄博市 桓台县 高青县 沂源县
山东省 临沂市 沂南县 郯城县 沂水县 兰陵县 费县 平邑县 莒南县 蒙阴县 临沭县
山东省 菏泽市 曹县 单县 成武县 巨野县 郓城县 鄄城县 东明县
山东省 德州市 宁津县 庆云县 临邑县 齐河县 平原县 夏津县 武城县 乐陵市 禹城市
山东省 聊城市 阳谷县 莘县 东阿县 冠县 高唐县 临清市
甘肃省 定西市 通渭县 陇西县 渭源县 临洮县 漳县 岷县
甘肃省 天水市 清水县 秦安县 甘谷县 武山县 张家川回族自治县
甘肃省 陇南市 成县 文县 宕昌县 康县 西和县 礼县 徽县 两当县
甘肃省 庆阳市 庆城县 环县 华池县 合水县 正宁县 宁县 镇原县
甘肃省 平凉市 泾川县 灵台县 崇信县 庄浪县 静宁县 华亭市
河北省 保定市 涞水县 阜平县 定兴县 唐县 高阳县 容城县 涞源县 望都县 安新县 易县 曲阳县 蠡县 顺平县 博野县 雄县 涿州市 安国市 高碑店市
河北省 邯郸市 临漳县 成安县 大名县 涉县 磁县 邱县 鸡泽县 广平县 馆陶县 魏县 曲周县 武安市
河北省 张家口市 张北县 康保县 沽源县 尚义县 蔚县 阳原县 怀安县 怀来县 涿鹿县 赤城县
河北省 衡水市 枣强县 武邑县 武强县 饶阳县 安平县 故城县 景县 阜城县 深州市
湖南省 邵阳市 新邵县 邵阳县 隆回县 洞口县 绥宁县 新宁县 城步苗族自治县 武冈市 邵东市
湖南省 怀化市 中方县 沅陵县 辰溪县 溆浦县 会同县 麻阳苗族自治县 新晃侗族自治县 芷江侗族自治县 靖州苗族侗族自治县 通道侗族自治县 洪江市
湖南省 永州市 祁阳市 东安县 双牌县 道县 江永县 宁远县 蓝山县 新田县 江华瑶族自治县
湖南省 衡阳市 衡阳县 衡南县 衡山县 衡东县 祁东县 耒阳市 常宁市
四川省 南充市 南部县 营山县 蓬安县 仪陇县 西充县 阆中市
四川省 达州市 宣汉县 开江县 大竹县 渠县 万源市
四川省 凉山彝族自治州 西昌市 木里藏族自治县 盐源县 德昌县 会理市 会东县 宁南县 普格县 布拖县 金阳县 昭觉县 喜德县 冕宁县 越西县 甘洛县 美姑县 雷波县
四川省 广元市 旺苍县 青川县 剑阁县 苍溪县
四川省 巴中市 通江县 南江县 平昌县
云南省 曲靖市 陆良县 师宗县 罗平县 富源县 会泽县 宣威市
云南省 昭通市 鲁甸县 巧家县 盐津县 大关县 永善县 绥江县 镇雄县 彝良县 威信县 水富市
云南省 大理白族自治州 漾濞彝族自治县 祥云县 宾川县 弥渡县 南涧彝族自治县 巍山彝族回族自治县 永平县 云龙县 洱源县 剑川县 鹤庆县
贵州省 遵义市 桐梓县 绥阳县 正安县 道真仡佬族苗族自治县 务川仡佬族苗族自治县 凤冈县 湄潭县 余庆县 习水县 赤水市 仁怀市
贵州省 毕节市 大方县 金沙县 织金县 纳雍县 威宁彝族回族苗族自治县 赫章县 黔西市
江西省 赣州市 信丰县 大余县 上犹县 崇义县 安远县 定南县 全南县 宁都县 于都县 兴国县 会昌县 寻乌县 石城县 瑞金市 龙南市
江西省 吉安市 吉安县 吉水县 峡江县 新干县 永丰县 泰和县 遂川县 万安县 安福县 永新县 井冈山市
安徽省 阜阳市 临泉县 太和县 阜南县 颍上县 界首市
安徽省 六安市 霍邱县 舒城县 金寨县 霍山县
安徽省 安庆市 怀宁县 太湖县 宿松县 望江县 岳西县 桐城市 潜山市
陕西省 榆林市 府谷县 靖边县 定边县 绥德县 米脂县 佳县 吴堡县 清涧县 子洲县 神木市
陕西省 延安市 延长县 延川县 志丹县 吴起县 甘泉县 富县 洛川县 宜川县 黄龙县 黄陵县 子长市
陕西省 汉中市 城固县 洋县 西乡县 勉县 宁强县 略阳县 镇巴县 留坝县 佛坪县
湖北省 恩施土家族苗族自治州 恩施市 利川市 建始县 巴东县 宣恩县 咸丰县 来凤县 鹤峰县
湖北省 黄冈市 团风县 红安县 罗田县 英山县 浠水县 蕲春县 黄梅县 麻城市 武穴市
广西壮族自治区 百色市 田阳区 田东县 德保县 那坡县 凌云县 乐业县 田林县 西林县 隆林各族自治县 靖西市 平果市
广西壮族自治区 河池市 南丹县 天峨县 凤山县 东兰县 罗城仫佬族自治县 环江毛南族自治县 巴马瑶族自治县 都安瑶族自治县 大化瑶族自治县
黑龙江省 绥化市 望奎县 兰西县 青冈县 庆安县 明水县 绥棱县 安达市 肇东市 海伦市
吉林省 延边朝鲜族自治州 延吉市 图们市 敦化市 珲春市 龙井市 和龙市 汪清县 安图县
内蒙古自治区 赤峰市 阿鲁科尔沁旗 巴林左旗 巴林右旗 林西县 克什克腾旗 翁牛特旗 喀喇沁旗 宁城县 敖汉旗
";

/// One county with its province and city.
#[derive(Debug, Clone)]
pub struct Region {
    /// Position in the list, used in slugs.
    pub index: usize,
    /// 省.
    pub province: &'static str,
    /// ASCII name of the province for slugs.
    pub province_slug: &'static str,
    /// 市 / 州.
    pub city: &'static str,
    /// 县 / 区 / 县级市 / 旗.
    pub county: &'static str,
}

impl Region {
    /// 县, 区, 市 or 旗: how the county's own bodies are named (县人民医院, 市人民医院 …).
    fn unit(&self) -> &'static str {
        match self.county.chars().last() {
            Some('区') => "区",
            Some('市') => "市",
            Some('旗') => "旗",
            _ => "县",
        }
    }

    /// First character, for 文号 such as 蔡卫发〔2023〕12号.
    fn abbreviation(&self) -> String {
        self.county
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default()
    }
}

/// Every county of [`REGIONS`], in order.
pub fn regions() -> Vec<Region> {
    let mut out = Vec::new();
    for line in REGIONS.lines().filter(|l| !l.trim().is_empty()) {
        let mut words = line.split_whitespace();
        let province = words.next().expect("province");
        let city = words.next().expect("city");
        let province_slug = PROVINCES
            .iter()
            .find(|(name, _)| *name == province)
            .map(|(_, slug)| *slug)
            .expect("province in PROVINCES");
        for county in words {
            out.push(Region {
                index: out.len(),
                province,
                province_slug,
                city,
                county,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Programme kinds.

/// A sort of programme: title pattern and document type.
pub struct Kind {
    /// Slug part.
    pub slug: &'static str,
    /// Title after the county name; `{Y}` is the year, `{E}` the end year, `{U}` 县/区/市/旗.
    title: &'static str,
    /// Short title after the county name.
    short: &'static str,
    /// `plan` or `work_points`.
    document_type: &'static str,
    /// Years the programme runs after the year it is written (0 = that year only).
    span: (i64, i64),
}

/// The kinds, combined with regions and years to make unique slugs.
pub const KINDS: &[Kind] = &[
    Kind {
        slug: "county-hospitals",
        title: "{U}级医院综合能力提升三年行动方案（{Y}—{E}年）",
        short: "{U}级医院综合能力提升",
        document_type: "plan",
        span: (2, 2),
    },
    Kind {
        slug: "medical-centre",
        title: "县域医疗中心建设工作实施方案",
        short: "县域医疗中心建设",
        document_type: "plan",
        span: (1, 3),
    },
    Kind {
        slug: "medical-alliance",
        title: "紧密型县域医疗卫生共同体建设实施方案",
        short: "紧密型县域医共体建设",
        document_type: "plan",
        span: (2, 3),
    },
    Kind {
        slug: "health-work",
        title: "{Y}年卫生健康工作要点",
        short: "{Y}年卫生健康工作要点",
        document_type: "work_points",
        span: (0, 0),
    },
    Kind {
        slug: "smart-hospital",
        title: "智慧医院建设三年行动计划（{Y}—{E}年）",
        short: "智慧医院建设",
        document_type: "plan",
        span: (2, 2),
    },
    Kind {
        slug: "thousand-counties",
        title: "“千县工程”县医院综合能力提升工作实施方案",
        short: "“千县工程”县医院能力提升",
        document_type: "plan",
        span: (2, 4),
    },
    Kind {
        slug: "tcm-capacity",
        title: "中医药服务能力提升工程实施方案",
        short: "中医药服务能力提升",
        document_type: "plan",
        span: (1, 3),
    },
    Kind {
        slug: "primary-care",
        title: "基层医疗卫生服务能力提升行动方案",
        short: "基层医疗卫生服务能力提升",
        document_type: "plan",
        span: (1, 3),
    },
];

// ---------------------------------------------------------------------------------------
// Months as a single number, y * 12 + (m - 1).

fn ym(year: i32, month: i32) -> i32 {
    year * 12 + month - 1
}

fn ym_year(m: i32) -> i32 {
    m.div_euclid(12)
}

fn ym_month(m: i32) -> i32 {
    m.rem_euclid(12) + 1
}

fn ym_text(m: i32) -> String {
    format!("{}-{:02}", ym_year(m), ym_month(m))
}

fn ym_chinese(m: i32) -> String {
    format!("{}年{}月", ym_year(m), ym_month(m))
}

// ---------------------------------------------------------------------------------------
// The generated programme.

#[derive(Debug, Clone)]
enum Value {
    /// A number written with this many decimals.
    Number(f64, usize),
    Bool(bool),
    Label(&'static str),
}

impl Value {
    fn yaml(&self) -> String {
        match self {
            Value::Number(v, d) => format!("{v:.d$}", d = *d),
            Value::Bool(b) => b.to_string(),
            Value::Label(l) => l.to_string(),
        }
    }
}

struct Facility {
    id: &'static str,
    name: String,
    kind: &'static str,
}

struct Target {
    id: String,
    indicator: &'static str,
    label: String,
    scope: Option<&'static str>,
    value: Value,
    value_max: Option<f64>,
    comparator: Option<&'static str>,
    display: Option<String>,
    deadline: Option<String>,
    /// The deadline as the commentary writes it (2025年, 2025年底, 2025年6月底).
    deadline_text: String,
    recurring: Option<&'static str>,
    aspirational: bool,
    baseline: Option<(Value, i32, String)>,
    source: String,
    /// How to write a value of this target: unit after the number.
    unit: &'static str,
}

struct Actual {
    target: String,
    indicator: &'static str,
    label: String,
    scope: Option<&'static str>,
    date: String,
    value: Value,
    display: String,
    source: String,
}

struct Phase {
    name: &'static str,
    start: i32,
    end: i32,
    description: String,
}

struct Milestone {
    name: String,
    group: &'static str,
    start: i32,
    due: i32,
    responsible: Vec<String>,
}

struct Budget {
    purpose: String,
    amount: f64,
    approximate: bool,
    status: &'static str,
    scope: Option<&'static str>,
    subject: Option<String>,
}

struct Task {
    number: String,
    section: &'static str,
    title: &'static str,
    responsible: Vec<String>,
    deadline: Option<i32>,
}

struct Programme {
    region: Region,
    title: String,
    short_title: String,
    document_type: &'static str,
    unit: &'static str,
    index_no: String,
    category: &'static str,
    issuers: Vec<String>,
    written: (i32, i32, i32),
    published: (i32, i32, i32),
    doc_no: String,
    addressees: Vec<String>,
    period: (i32, i32),
    facilities: Vec<Facility>,
    targets: Vec<Target>,
    actuals: Vec<Actual>,
    phases: Vec<Phase>,
    milestones: Vec<Milestone>,
    budget: Vec<Budget>,
    tasks: Vec<Task>,
}

const CHINESE_NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

const HOSPITAL_GRADES: [&str; 5] = ["一级", "二级", "二甲", "三级", "三甲"];

const BUILT_LABELS: &[&str] = &[
    "建成县域远程会诊中心，连通全部乡镇卫生院",
    "接入全民健康信息平台并实现互联互通",
    "建成标准化发热门诊",
    "建成相对独立的传染病院区和可转换病区",
    "建立县域医共体医学检验、医学影像、心电诊断资源共享中心",
    "建成县域120急救调度指挥中心",
    "实现县域内检查检验结果互认",
    "建立县级医院与乡镇卫生院双向转诊平台",
    "建成县域消毒供应中心",
    "建成县域慢病管理中心",
];

const SHARE_LABELS: &[&str] = &[
    "乡镇卫生院达到服务能力基本标准的比例",
    "重点人群家庭医生签约服务覆盖率",
    "乡镇卫生院远程医疗覆盖率",
    "村卫生室实现医保联网结算的比例",
    "基层医疗卫生机构诊疗量占县域总诊疗量的比例",
    "65岁及以上老年人健康管理率",
];

const FILLERS: &[&str] = &[
    "{C}坚持以人民健康为中心，把{U}级医院能力建设作为深化医药卫生体制改革的重要抓手，推动优质医疗资源扩容下沉和区域均衡布局。",
    "方案要求各责任单位细化年度任务，明确时间表、路线图和责任人，做到任务到岗、责任到人，确保各项目标按期完成。",
    "在人才队伍方面，{C}落实公开招聘和定向培养政策，鼓励高年资医师到乡镇卫生院多点执业，稳定基层卫生人才队伍。",
    "信息化建设以电子病历为核心，推进医院信息平台和县域全民健康信息平台互联互通，逐步实现检查检验结果互认和诊疗信息共享。",
    "县级医院与城市三级医院建立紧密型对口帮扶关系，通过专家坐诊、手术带教和远程会诊等方式，提升疑难重症诊治能力。",
    "医共体牵头医院统筹县域内人员、财务和药品耗材管理，推动乡镇卫生院和村卫生室服务同质化，方便群众就近看病。",
    "县卫生健康部门建立月调度、季通报、年考核工作机制，将目标完成情况纳入医院绩效考核和院长年度目标责任考核。",
    "财政部门按规定落实政府办医责任，统筹中央、省级补助资金和本级财政资金，保障基础设施建设和设备购置需要。",
    "在中医药服务方面，推动中医医院特色专科建设，乡镇卫生院普遍设置中医馆，村卫生室能够提供中医药适宜技术服务。",
    "急诊急救体系建设以胸痛、卒中、创伤等中心为重点，完善院前急救网络，缩短急救反应时间，提高危急重症抢救成功率。",
    "公共卫生方面，县级医院设置公共卫生科，落实传染病报告和慢性病管理责任，推进医防融合，做实家庭医生签约服务。",
    "方案同时要求加强宣传引导，及时总结推广好经验好做法，营造全社会关心支持县域医疗卫生事业发展的良好氛围。",
    "各乡镇人民政府负责辖区内村卫生室标准化建设和乡村医生队伍管理，配合做好项目用地、征迁和建设环境保障工作。",
    "医疗保障部门完善医保支付方式，推行按病种付费和县域医共体医保基金总额付费，引导患者合理有序就医。",
    "县级医院持续改善医疗服务，推行预约诊疗、日间手术和一站式服务，优化就诊流程，群众就医满意度逐年提高。",
    "本页所列数字均为随机生成的测试数据，仅用于检验站点生成程序在数千个项目规模下的速度和稳定性。",
];

impl Programme {
    fn new(region: &Region, kind: &Kind, year: i32, rng: &mut Rng) -> Programme {
        let unit = region.unit();
        let fill = |s: &str, e: i32| {
            s.replace("{U}", unit)
                .replace("{Y}", &year.to_string())
                .replace("{E}", &e.to_string())
        };
        let span = rng.range(kind.span.0, kind.span.1) as i32;
        let end_year = year + span;
        let title = format!("{}{}", region.county, fill(kind.title, end_year));
        let short_title = format!("{}{}", region.county, fill(kind.short, end_year));

        // Written in the first months of the year; published a few days later.
        let written_month = if span == 0 {
            rng.range(1, 3) as i32
        } else {
            rng.range(1, 9) as i32
        };
        let written_day = rng.range(1, 20) as i32;
        let written = (year, written_month, written_day);
        let published = (year, written_month, written_day + rng.range(0, 8) as i32);
        let start = if span == 0 {
            ym(year, 1)
        } else {
            ym(year, written_month + 1)
        };
        let end = ym(end_year, 12);

        let county_gov = format!("{}人民政府办公室", region.county);
        let health = format!("{}卫生健康委员会", region.county);
        let (issuers, doc_no, category) = match rng.below(3) {
            0 => (
                vec![county_gov],
                format!(
                    "{}政办〔{year}〕{}号",
                    region.abbreviation(),
                    rng.range(1, 60)
                ),
                "政府办文件",
            ),
            1 => (
                vec![health],
                format!(
                    "{}卫发〔{year}〕{}号",
                    region.abbreviation(),
                    rng.range(1, 40)
                ),
                "卫生健康",
            ),
            _ => (
                vec![health, format!("{}财政局", region.county)],
                format!(
                    "{}卫健〔{year}〕{}号",
                    region.abbreviation(),
                    rng.range(1, 80)
                ),
                "医疗卫生",
            ),
        };
        let index_no = format!(
            "{:06}/{year}-{:05}",
            410_000 + region.index * 37 % 90_000,
            rng.range(1, 99_999)
        );
        let addressees = vec!["各乡镇人民政府".to_string(), format!("{}直有关单位", unit)];

        let mut facilities = vec![
            Facility {
                id: "county_hospital",
                name: format!("{}人民医院", region.county),
                kind: "综合医院",
            },
            Facility {
                id: "tcm_hospital",
                name: format!("{}中医医院", region.county),
                kind: "中医医院",
            },
        ];
        if rng.chance(0.6) {
            facilities.push(Facility {
                id: "mch_hospital",
                name: format!("{}妇幼保健院", region.county),
                kind: "妇幼保健院",
            });
        }
        if rng.chance(0.3) {
            facilities.push(Facility {
                id: "second_hospital",
                name: format!("{}第二人民医院", region.county),
                kind: "综合医院",
            });
        }

        let mut p = Programme {
            region: region.clone(),
            title,
            short_title,
            document_type: kind.document_type,
            unit,
            index_no,
            category,
            issuers,
            written,
            published,
            doc_no,
            addressees,
            period: (start, end),
            facilities,
            targets: Vec::new(),
            actuals: Vec::new(),
            phases: Vec::new(),
            milestones: Vec::new(),
            budget: Vec::new(),
            tasks: Vec::new(),
        };
        p.make_targets(rng);
        p.make_actuals(rng);
        p.make_phases();
        p.make_milestones(rng);
        p.make_budget(rng);
        p.make_tasks(rng);
        p
    }

    fn start_year(&self) -> i32 {
        ym_year(self.period.0)
    }

    fn end_year(&self) -> i32 {
        ym_year(self.period.1)
    }

    fn facility(&self, id: &str) -> &Facility {
        self.facilities
            .iter()
            .find(|f| f.id == id)
            .expect("facility")
    }

    /// A deadline within the period (from the year after it starts) and how it is worded.
    fn deadline(&self, rng: &mut Rng) -> (Option<String>, String) {
        let first = (self.start_year() + 1).min(self.end_year());
        let year = rng.range(first as i64, self.end_year() as i64) as i32;
        match rng.below(4) {
            0 => (Some(format!("{year}-12")), format!("{year}年底")),
            1 => (Some(format!("{year}-06-30")), format!("{year}年6月底")),
            _ => (Some(year.to_string()), format!("{year}年")),
        }
    }

    fn make_targets(&mut self, rng: &mut Rng) {
        let count = rng.range(10, 30) as usize;
        let unit = self.unit;
        let facility_ids: Vec<&'static str> = self.facilities.iter().map(|f| f.id).collect();
        // Always: beds, EMR of the county hospital, treatment rate; then a random mix of
        // the others, each label (indicator and facility) at most once.
        let mut attempts = 0;
        while self.targets.len() < count && attempts < 500 {
            attempts += 1;
            let k = self.targets.len();
            let template = match k {
                0 => 0,
                1 => 1,
                2 => 3,
                _ => match rng.below(16) {
                    0 => 12,
                    3 => 13,
                    other => other,
                },
            };
            let (deadline, deadline_text) = self.deadline(rng);
            let by = format!("到{deadline_text}");
            let n = k + 1;
            let scope_pick = if k == 1 {
                "county_hospital"
            } else {
                *rng.pick(&facility_ids)
            };
            let fac_name = self.facility(scope_pick).name.clone();
            let mut t = Target {
                id: String::new(),
                indicator: "",
                label: String::new(),
                scope: None,
                value: Value::Bool(true),
                value_max: None,
                comparator: None,
                display: None,
                deadline,
                deadline_text,
                recurring: None,
                aspirational: rng.chance(0.15),
                baseline: None,
                source: String::new(),
                unit: "",
            };
            let firm = if t.aspirational { "力争" } else { "" };
            match template {
                0 => {
                    let v = rng.range(45, 75) as f64 / 10.0;
                    t.id = format!("beds-{n:02}");
                    t.indicator = "beds_per_1000";
                    t.label = "每千常住人口医疗卫生机构床位数".to_string();
                    t.value = Value::Number(v, 1);
                    t.unit = "张/千人";
                    t.source =
                        format!("{by}，{firm}全{unit}每千常住人口医疗卫生机构床位数达到{v:.1}张。");
                    if rng.chance(0.6) {
                        let b = v - rng.range(3, 12) as f64 / 10.0;
                        let y = self.start_year() - 1;
                        t.baseline = Some((
                            Value::Number(b, 1),
                            y,
                            format!("{y}年底，全{unit}每千常住人口医疗卫生机构床位数为{b:.1}张。"),
                        ));
                    }
                }
                1 | 2 => {
                    let max = if scope_pick == "county_hospital" {
                        6
                    } else {
                        5
                    };
                    let v = rng.range(3, max);
                    t.id = format!("emr-{}-{n:02}", scope_pick.replace('_', "-"));
                    t.indicator = "emr_level";
                    t.label = format!("{fac_name}电子病历系统应用水平分级");
                    t.scope = Some(scope_pick);
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{v}级"));
                    t.unit = "级";
                    t.source =
                        format!("{by}，{fac_name}{firm}电子病历系统应用水平分级评价达到{v}级。");
                }
                3 => {
                    let v = rng.range(85, 95);
                    t.id = format!("county-treatment-{n:02}");
                    t.indicator = "county_treatment_rate";
                    t.label = "县域内就诊率".to_string();
                    t.value = Value::Number(v as f64, 0);
                    t.comparator = Some("at_least");
                    t.display = Some(format!("{v}%以上"));
                    t.unit = "%";
                    t.source = format!("{by}，{firm}县域内就诊率达到{v}%以上。");
                    if rng.chance(0.5) {
                        let b = v - rng.range(3, 12);
                        let y = self.start_year() - 1;
                        t.baseline = Some((
                            Value::Number(b as f64, 0),
                            y,
                            format!("{y}年，县域内就诊率为{b}%。"),
                        ));
                    }
                }
                4 => {
                    let v = rng.range(1, 4);
                    t.id = format!("smart-service-{}-{n:02}", scope_pick.replace('_', "-"));
                    t.indicator = "smart_service_level";
                    t.label = format!("{fac_name}智慧服务分级评估等级");
                    t.scope = Some(scope_pick);
                    t.value = Value::Number(v as f64, 0);
                    t.comparator = Some("at_least");
                    t.display = Some(format!("{v}级以上"));
                    t.unit = "级";
                    t.source = format!("{by}，{fac_name}{firm}智慧服务分级评估达到{v}级以上。");
                }
                5 => {
                    let label = *rng.pick(SHARE_LABELS);
                    let v = rng.range(12, 20) * 5;
                    t.id = format!("share-{n:02}");
                    t.indicator = "share_percent";
                    t.label = label.to_string();
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{v}%"));
                    t.unit = "%";
                    t.source = format!("{by}，{firm}{label}达到{v}%。");
                }
                6 => {
                    let v = rng.range(4, 24) * 5;
                    t.id = format!("staff-{n:02}");
                    t.indicator = "staff_count";
                    t.label = format!("{fac_name}公开招聘和定向培养医学专业技术人员");
                    t.scope = Some(scope_pick);
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{v}名"));
                    t.unit = "名";
                    t.source = format!(
                        "{by}，{fac_name}{firm}通过公开招聘和定向培养补充医学专业技术人员{v}名。"
                    );
                }
                7 => {
                    let v = rng.range(10, 60) * 10;
                    t.id = format!("visits-{n:02}");
                    t.indicator = "person_times";
                    t.label = "县级医院派驻乡镇卫生院医师（每年）".to_string();
                    t.value = Value::Number(v as f64, 0);
                    t.comparator = Some("at_least");
                    t.display = Some(format!("{v}人次以上"));
                    t.deadline = None;
                    t.recurring = Some("每年");
                    t.unit = "人次";
                    t.source = format!("县级医院每年派驻乡镇卫生院医师不少于{v}人次。");
                }
                8 => {
                    let v = rng.range(3, 5);
                    let name = CHINESE_NUMBERS[v as usize - 1];
                    t.id = format!("centres-{n:02}");
                    t.indicator = "centre_count";
                    t.label = format!("{fac_name}胸痛、卒中、创伤等急诊急救中心");
                    t.scope = Some(scope_pick);
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{name}大中心"));
                    t.unit = "个";
                    t.source = format!(
                        "{by}，{fac_name}{firm}建成胸痛、卒中、创伤等急诊急救“{name}大中心”。"
                    );
                }
                9 | 10 => {
                    let label = *rng.pick(BUILT_LABELS);
                    t.id = format!("built-{n:02}");
                    t.indicator = "built";
                    t.label = label.to_string();
                    t.value = Value::Bool(true);
                    t.source = format!("{by}，{firm}{label}。");
                }
                11 => {
                    let v = rng.range(10, 160) * 50;
                    t.id = format!("funding-{n:02}");
                    t.indicator = "funding";
                    t.label = format!("{fac_name}基础设施改造和设备购置投入资金");
                    t.scope = Some(scope_pick);
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{v}万元"));
                    t.unit = "万元";
                    t.source = format!(
                        "{by}，{firm}累计投入{v}万元用于{fac_name}基础设施改造和设备购置。"
                    );
                }
                12 => {
                    let v = rng.range(2, 6);
                    t.id = format!("specialties-{n:02}");
                    t.indicator = "specialty_count";
                    t.label = format!("{fac_name}创建市级以上临床重点专科");
                    t.scope = Some(scope_pick);
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{v}个"));
                    t.unit = "个";
                    t.source = format!("{by}，{fac_name}{firm}创建市级以上临床重点专科{v}个。");
                }
                13 => {
                    let v = rng.range(3, 12);
                    t.id = format!("townships-{n:02}");
                    t.indicator = "institution_count";
                    t.label = "达到服务能力推荐标准的乡镇卫生院".to_string();
                    t.value = Value::Number(v as f64, 0);
                    t.display = Some(format!("{v}家"));
                    t.unit = "家";
                    t.source = format!("{by}，{firm}全{unit}{v}家乡镇卫生院达到服务能力推荐标准。");
                }
                14 => {
                    let (grade, id) = if scope_pick == "county_hospital" {
                        (if rng.chance(0.5) { "三级" } else { "二甲" }, scope_pick)
                    } else {
                        ("二甲", scope_pick)
                    };
                    t.id = format!("grade-{}-{n:02}", id.replace('_', "-"));
                    t.indicator = "hospital_grade";
                    t.label = format!("{fac_name}达到的医疗服务能力水平");
                    t.scope = Some(scope_pick);
                    t.value = Value::Label(grade);
                    t.comparator = Some("at_least");
                    t.display = Some(format!("{grade}医院水平"));
                    t.source = format!("{by}，{fac_name}{firm}医疗服务能力达到{grade}医院水平。");
                }
                _ => {
                    if rng.chance(0.5) {
                        let v = rng.range(4, 12);
                        t.id = format!("circuits-{n:02}");
                        t.indicator = "service_times";
                        t.label = "县级医院专家组到乡镇卫生院巡回医疗（每年）".to_string();
                        t.value = Value::Number(v as f64, 0);
                        t.comparator = Some("at_least");
                        t.display = Some(format!("每年{v}次以上"));
                        t.deadline = None;
                        t.recurring = Some("每年");
                        t.unit = "次";
                        t.source =
                            format!("县级医院专家组每年到乡镇卫生院开展巡回医疗不少于{v}次。");
                    } else {
                        let v = rng.range(2, 8) * 5;
                        t.id = format!("techniques-{n:02}");
                        t.indicator = "item_count";
                        t.label = format!("{fac_name}开展新技术新项目");
                        t.scope = Some(scope_pick);
                        t.value = Value::Number(v as f64, 0);
                        t.display = Some(format!("{v}项"));
                        t.unit = "项";
                        t.source = format!("{by}，{fac_name}{firm}开展新技术新项目{v}项以上。");
                    }
                }
            }
            if t.indicator == "staff_count" && rng.chance(0.2) {
                let (low, high) = (t.value_as_f64(), t.value_as_f64() + 20.0);
                t.comparator = Some("range");
                t.value_max = Some(high);
                t.display = Some(format!("{low}-{high}名"));
                t.source = t
                    .source
                    .replace(&format!("{low}名"), &format!("{low}-{high}名"));
            }
            if self.targets.iter().any(|other| other.label == t.label) {
                continue;
            }
            self.targets.push(t);
        }
    }

    fn make_actuals(&mut self, rng: &mut Rng) {
        let first = self.start_year();
        let last = (self.end_year() + 1).min(AS_OF_YEAR);
        let mut actuals = Vec::new();
        for t in &self.targets {
            if !rng.chance(0.65) {
                continue;
            }
            let points = rng.range(1, 4) as i32;
            let years: Vec<i32> = (first..=last).collect();
            let years = &years[..(points as usize).min(years.len())];
            let goal = t.value_as_f64();
            let start = match &t.baseline {
                Some((Value::Number(b, _), _, _)) => *b,
                _ => goal * (0.55 + 0.3 * rng.unit()),
            };
            // Some reach the target, some fall short.
            let reach = 0.7 + 0.45 * rng.unit();
            for (i, year) in years.iter().enumerate() {
                let share = (i + 1) as f64 / years.len() as f64;
                let raw = start + (goal * reach - start) * share;
                let (date, when) = if *year == AS_OF_YEAR {
                    ("2026-06-30".to_string(), "截至2026年6月底".to_string())
                } else {
                    (format!("{year}-12-31"), format!("截至{year}年底"))
                };
                let (value, display) = match t.indicator {
                    "built" => {
                        let done = share >= 0.99 && reach >= 1.0;
                        (
                            Value::Bool(done),
                            if done { "已完成" } else { "推进中" }.to_string(),
                        )
                    }
                    "hospital_grade" => {
                        let target = HOSPITAL_GRADES
                            .iter()
                            .position(|g| matches!(t.value, Value::Label(l) if l == *g))
                            .unwrap_or(2);
                        let reached = (target as f64 * (0.6 + 0.45 * share * reach)).round();
                        let idx = (reached as usize).clamp(1, target.max(1));
                        let label = HOSPITAL_GRADES[idx];
                        (Value::Label(label), format!("{label}医院水平"))
                    }
                    "emr_level" | "smart_service_level" => {
                        let max = if t.indicator == "emr_level" { 8.0 } else { 5.0 };
                        let v = raw.round().clamp(0.0, max);
                        (Value::Number(v, 0), format!("{v:.0}级"))
                    }
                    "beds_per_1000" => {
                        let v = (raw * 10.0).round() / 10.0;
                        (Value::Number(v, 1), format!("{v:.1}张/千人"))
                    }
                    "county_treatment_rate" | "share_percent" => {
                        let v = (raw.min(goal + 4.0).min(99.0) * 10.0).round().max(0.0) / 10.0;
                        (Value::Number(v, 1), format!("{v:.1}%"))
                    }
                    _ => {
                        let v = raw.round().max(0.0);
                        (Value::Number(v, 0), format!("{v:.0}{}", t.unit))
                    }
                };
                let subject = match t.scope {
                    Some(id) => self.facility(id).name.clone(),
                    None => format!("全{}", self.unit),
                };
                let source = if t.indicator == "built" {
                    let state = if display == "已完成" {
                        "已完成"
                    } else {
                        "仍在推进"
                    };
                    format!("{when}，{}工作{state}。", t.label)
                } else {
                    format!("{when}，{subject}{}为{display}。", short_label(&t.label))
                };
                actuals.push(Actual {
                    target: t.id.clone(),
                    indicator: t.indicator,
                    label: t.label.clone(),
                    scope: t.scope,
                    date,
                    value,
                    display,
                    source,
                });
            }
        }
        self.actuals = actuals;
    }

    fn make_phases(&mut self) {
        let (start, end) = self.period;
        let launch_end = (start + 1).min(end);
        let review_start = (end - 2).max(launch_end);
        self.phases = vec![
            Phase {
                name: "启动部署阶段",
                start,
                end: launch_end,
                description: "制定实施方案和年度工作计划，明确责任分工和时间进度。".to_string(),
            },
            Phase {
                name: "组织实施阶段",
                start: launch_end,
                end: review_start,
                description: "各责任单位按照方案有计划、分步骤落实各项任务，每季度报送进展情况。"
                    .to_string(),
            },
            Phase {
                name: "总结评估阶段",
                start: review_start,
                end,
                description: "组织考核评估，总结经验做法，形成总结报告。".to_string(),
            },
        ];
    }

    fn make_milestones(&mut self, rng: &mut Rng) {
        const STEPS: &[(&str, &str)] = &[
            ("完成{F}门急诊综合楼改扩建工程立项", "基础设施建设"),
            ("完成{F}CT、DR等大型设备采购", "设备购置"),
            ("{F}电子病历系统升级并通过评价", "信息化建设"),
            ("开通县域远程影像诊断中心", "信息化建设"),
            ("{F}胸痛中心通过省级验收", "急诊急救"),
            ("{F}卒中中心挂牌运行", "急诊急救"),
            ("完成首批骨干医师进修培训", "人才队伍建设"),
            ("乡镇卫生院中医馆全覆盖", "基层能力建设"),
            ("完成年度绩效考核", "考核评估"),
        ];
        let (start, end) = self.period;
        let count = rng.range(4, 8) as usize;
        let mut milestones = Vec::new();
        for _ in 0..count {
            let (name, group) = *rng.pick(STEPS);
            let fac = self.facilities[rng.below(self.facilities.len())]
                .name
                .clone();
            let s = start + rng.below((end - start + 1) as usize) as i32;
            let d = (s + rng.range(0, 5) as i32).min(end);
            milestones.push(Milestone {
                name: name.replace("{F}", &fac),
                group,
                start: s,
                due: d,
                responsible: vec![fac, format!("{}卫生健康委员会", self.region.county)],
            });
        }
        milestones.sort_by_key(|m| (m.start, m.due));
        self.milestones = milestones;
    }

    fn make_budget(&mut self, rng: &mut Rng) {
        const PURPOSES: &[&str] = &[
            "门急诊综合楼改扩建",
            "医疗设备更新购置",
            "信息化建设和互联互通",
            "人才引进和骨干医师进修培训",
            "急诊急救五大中心建设",
            "乡镇卫生院标准化建设",
            "中医馆建设和中医药适宜技术推广",
        ];
        let count = rng.range(3, 6) as usize;
        let offset = rng.below(PURPOSES.len());
        for i in 0..count {
            let purpose = PURPOSES[(offset + i) % PURPOSES.len()];
            let amount = rng.range(10, 1000) as f64 * 5.0 + if rng.chance(0.2) { 0.5 } else { 0.0 };
            let (scope, subject) = match rng.below(3) {
                0 => (
                    Some(self.facilities[rng.below(self.facilities.len())].id),
                    None,
                ),
                1 => (None, Some(format!("{}各乡镇卫生院", self.region.county))),
                _ => (None, None),
            };
            self.budget.push(Budget {
                purpose: purpose.to_string(),
                amount,
                approximate: rng.chance(0.4),
                status: if rng.chance(0.3) {
                    "allocated"
                } else {
                    "planned"
                },
                scope,
                subject,
            });
        }
    }

    fn make_tasks(&mut self, rng: &mut Rng) {
        const TASKS: &[(&str, &str)] = &[
            ("改善硬件设施设备条件", "完善业务用房和设施条件"),
            ("改善硬件设施设备条件", "加快医用设备配置"),
            ("提升医疗服务能力", "加强临床专科建设"),
            ("提升医疗服务能力", "建设急诊急救五大中心"),
            ("提升医疗服务能力", "加快人才队伍建设"),
            ("提升管理水平", "加强信息化支撑"),
            ("提升管理水平", "加强医院运营管理"),
            ("推动资源下沉", "深化紧密型县域医共体建设"),
        ];
        let count = rng.range(3, 8) as usize;
        for (i, (section, title)) in TASKS.iter().take(count).enumerate() {
            let fac = self.facilities[rng.below(self.facilities.len())]
                .name
                .clone();
            self.tasks.push(Task {
                number: format!("（{}）", CHINESE_NUMBERS[i]),
                section,
                title,
                responsible: vec![fac],
                deadline: if rng.chance(0.5) {
                    Some(self.end_year())
                } else {
                    None
                },
            });
        }
    }

    fn written_text(&self) -> String {
        let (y, m, d) = self.written;
        format!("{y}-{m:02}-{d:02}")
    }

    fn published_text(&self) -> String {
        let (y, m, d) = self.published;
        format!("{y}-{m:02}-{d:02}")
    }

    fn region_yaml(&self) -> String {
        format!(
            "region: {{ province: {}, city: {}, county: {} }}\n",
            self.region.province, self.region.city, self.region.county
        )
    }

    /// The full `programme.yaml`.
    fn yaml(&self) -> String {
        let mut y = String::with_capacity(16 * 1024);
        y.push_str("# 合成测试数据 (examples/corpus.rs): every figure and sentence is invented.\n");
        writeln!(y, "title: {}", q(&self.title)).unwrap();
        writeln!(y, "short_title: {}", q(&self.short_title)).unwrap();
        writeln!(y, "document_type: {}", self.document_type).unwrap();
        y.push_str("disclosure:\n");
        writeln!(y, "  index_no: {}", q(&self.index_no)).unwrap();
        writeln!(y, "  category: {}", q(self.category)).unwrap();
        writeln!(y, "  issuers: {}", list(&self.issuers)).unwrap();
        writeln!(y, "  written: {}", self.written_text()).unwrap();
        writeln!(y, "  published: {}", self.published_text()).unwrap();
        writeln!(y, "  doc_no: {}", q(&self.doc_no)).unwrap();
        y.push_str("  validity: 有效\n  disclosure_mode: 主动公开\n");
        y.push_str("  subject_words: [卫生, 医疗, 方案]\n");
        writeln!(y, "  addressees: {}", list(&self.addressees)).unwrap();
        y.push_str(&self.region_yaml());
        writeln!(
            y,
            "period: {{ start: {}, end: {} }}",
            ym_text(self.period.0),
            ym_text(self.period.1)
        )
        .unwrap();
        y.push_str("basis:\n");
        y.push_str("  - { title: 电子病历系统应用水平分级评价管理办法（试行）及评价标准（试行）, doc_no: 国卫办医函〔2018〕1079号 }\n");
        y.push_str("  - { title: 医院智慧服务分级评估标准体系（试行）, doc_no: 国卫办医函〔2019〕236号 }\n");
        y.push_str("facilities:\n");
        for f in &self.facilities {
            writeln!(
                y,
                "  - {{ id: {}, name: {}, kind: {} }}",
                f.id,
                q(&f.name),
                q(f.kind)
            )
            .unwrap();
        }
        y.push_str("targets:\n");
        for t in &self.targets {
            writeln!(y, "  - id: {}", t.id).unwrap();
            writeln!(y, "    indicator: {}", t.indicator).unwrap();
            writeln!(y, "    label: {}", q(&t.label)).unwrap();
            if let Some(scope) = t.scope {
                writeln!(y, "    scope: {scope}").unwrap();
            }
            if let Some((value, year, source)) = &t.baseline {
                writeln!(
                    y,
                    "    baseline: {{ value: {}, date: {year}, source: {} }}",
                    value.yaml(),
                    q(source)
                )
                .unwrap();
            }
            writeln!(y, "    value: {}", t.value.yaml()).unwrap();
            if let Some(max) = t.value_max {
                writeln!(y, "    value_max: {max}").unwrap();
            }
            if let Some(c) = t.comparator {
                writeln!(y, "    comparator: {c}").unwrap();
            }
            if let Some(d) = &t.display {
                writeln!(y, "    display: {}", q(d)).unwrap();
            }
            if let Some(d) = &t.deadline {
                writeln!(y, "    deadline: {d}").unwrap();
            }
            if let Some(r) = t.recurring {
                writeln!(y, "    recurring: {r}").unwrap();
            }
            if t.aspirational {
                y.push_str("    aspirational: true\n");
            }
            writeln!(y, "    source: {}", q(&t.source)).unwrap();
        }
        y.push_str("actuals:");
        y.push_str(if self.actuals.is_empty() {
            " []\n"
        } else {
            "\n"
        });
        for a in &self.actuals {
            writeln!(y, "  - target: {}", a.target).unwrap();
            writeln!(y, "    indicator: {}", a.indicator).unwrap();
            writeln!(y, "    label: {}", q(&a.label)).unwrap();
            if let Some(scope) = a.scope {
                writeln!(y, "    scope: {scope}").unwrap();
            }
            writeln!(y, "    date: {}", a.date).unwrap();
            writeln!(y, "    value: {}", a.value.yaml()).unwrap();
            writeln!(y, "    display: {}", q(&a.display)).unwrap();
            writeln!(y, "    source: {}", q(&a.source)).unwrap();
        }
        y.push_str("phases:\n");
        for p in &self.phases {
            writeln!(y, "  - name: {}", p.name).unwrap();
            writeln!(y, "    start: {}", ym_text(p.start)).unwrap();
            writeln!(y, "    end: {}", ym_text(p.end)).unwrap();
            writeln!(y, "    description: {}", q(&p.description)).unwrap();
            writeln!(
                y,
                "    source: {}",
                q(&format!(
                    "{}（{}—{}）",
                    p.name,
                    ym_chinese(p.start),
                    ym_chinese(p.end)
                ))
            )
            .unwrap();
        }
        y.push_str("milestones:\n");
        for m in &self.milestones {
            writeln!(y, "  - name: {}", q(&m.name)).unwrap();
            writeln!(y, "    group: {}", m.group).unwrap();
            writeln!(y, "    start: {}", ym_text(m.start)).unwrap();
            writeln!(y, "    due: {}", ym_text(m.due)).unwrap();
            writeln!(y, "    responsible: {}", list(&m.responsible)).unwrap();
            writeln!(
                y,
                "    source: {}",
                q(&format!(
                    "{}至{}，{}。",
                    ym_chinese(m.start),
                    ym_chinese(m.due),
                    m.name
                ))
            )
            .unwrap();
        }
        y.push_str("budget:\n");
        for b in &self.budget {
            writeln!(y, "  - purpose: {}", q(&b.purpose)).unwrap();
            writeln!(y, "    amount_wan_yuan: {}", b.amount).unwrap();
            if b.approximate {
                y.push_str("    approximate: true\n");
            }
            writeln!(y, "    status: {}", b.status).unwrap();
            if let Some(scope) = b.scope {
                writeln!(y, "    scope: {scope}").unwrap();
            }
            if let Some(subject) = &b.subject {
                writeln!(y, "    subject: {}", q(subject)).unwrap();
            }
            let about = if b.approximate { "约" } else { "" };
            let verb = if b.status == "allocated" {
                "已拨付资金"
            } else {
                "投入经费预算"
            };
            writeln!(
                y,
                "    source: {}",
                q(&format!("{}{verb}{about}{}万元。", b.purpose, b.amount))
            )
            .unwrap();
        }
        y.push_str("tasks:\n");
        for t in &self.tasks {
            write!(
                y,
                "  - {{ number: {}, section: {}, title: {}, responsible: {}",
                q(&t.number),
                q(t.section),
                q(t.title),
                list(&t.responsible)
            )
            .unwrap();
            if let Some(d) = t.deadline {
                write!(y, ", deadline: {d}").unwrap();
            }
            y.push_str(" }\n");
        }
        writeln!(
            y,
            "revisions:\n  - {{ date: {}, note: 首次发布（合成测试数据） }}",
            self.published_text()
        )
        .unwrap();
        y.push_str("transcription:\n  script: zh-Hans\n  notes: [本页为合成测试数据，由 examples/corpus.rs 随机生成，不是真实文件。]\n");
        y
    }

    /// Title, issuer and region only: for the Markdown-only comparison.
    fn minimal_yaml(&self) -> String {
        let mut y = String::new();
        y.push_str(
            "# 合成测试数据 (examples/corpus.rs --minimal): commentary with minimal data.\n",
        );
        writeln!(y, "title: {}", q(&self.title)).unwrap();
        writeln!(y, "document_type: {}", self.document_type).unwrap();
        writeln!(y, "disclosure:\n  issuers: {}", list(&self.issuers)).unwrap();
        y.push_str(&self.region_yaml());
        y
    }

    /// `index.md`: 600–1,500 characters with headings, lists and a table.
    fn commentary(&self, rng: &mut Rng) -> String {
        let county = self.region.county;
        let fill = |s: &str| s.replace("{C}", county).replace("{U}", self.unit);
        let mut md = String::with_capacity(4096);
        writeln!(
            md,
            "> 编者按：本页为合成测试数据，由程序随机生成，用于测试站点生成速度。{}《{}》（{}）并非真实文件，所列数字均为虚构。\n",
            self.issuers[0], self.title, self.doc_no
        )
        .unwrap();
        md.push_str("## 背景\n\n");
        writeln!(
            md,
            "{}位于{}{}。{}\n",
            county,
            self.region.province,
            self.region.city,
            fill(FILLERS[0])
        )
        .unwrap();

        md.push_str("## 主要目标\n\n");
        let listed = rng.range(3, 5) as usize;
        for t in self.targets.iter().take(listed) {
            writeln!(md, "- {}", t.source).unwrap();
        }
        md.push('\n');
        md.push_str("| 目标 | 目标值 | 完成时限 |\n|---|---|---|\n");
        let rows = rng.range(3, 5) as usize;
        for t in self.targets.iter().skip(listed).take(rows) {
            let value = t.display.clone().unwrap_or_else(|| match &t.value {
                Value::Bool(_) => "建成".to_string(),
                v => format!("{}{}", v.yaml(), t.unit),
            });
            let when = match (&t.deadline, t.recurring) {
                (_, Some(r)) => r.to_string(),
                (Some(_), None) => t.deadline_text.clone(),
                (None, None) => format!("{}年", self.end_year()),
            };
            writeln!(md, "| {} | {} | {} |", t.label, value, when).unwrap();
        }
        md.push('\n');

        md.push_str("## 实施安排\n\n");
        for (i, p) in self.phases.iter().enumerate() {
            writeln!(
                md,
                "{}. **{}**（{}—{}）：{}",
                i + 1,
                p.name,
                ym_chinese(p.start),
                ym_chinese(p.end),
                p.description
            )
            .unwrap();
        }
        md.push('\n');

        let total: f64 = self.budget.iter().map(|b| b.amount).sum();
        md.push_str("## 资金保障\n\n");
        writeln!(
            md,
            "方案共列出 {} 项资金安排，合计 {} 万元，主要用于{}等。",
            self.budget.len(),
            (total * 10.0).round() / 10.0,
            self.budget
                .iter()
                .take(3)
                .map(|b| b.purpose.as_str())
                .collect::<Vec<_>>()
                .join("、")
        )
        .unwrap();
        md.push('\n');

        // Filler paragraphs up to a length drawn per programme, never past the limit.
        let goal = rng.range(700, 1400) as usize;
        let mut order: Vec<usize> = (1..FILLERS.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        md.push_str("## 工作措施\n\n");
        let mut added = 0;
        for i in order {
            let paragraph = fill(FILLERS[i]);
            let len = md.chars().count();
            if len >= goal && added > 0 {
                break;
            }
            if len + paragraph.chars().count() + 2 > 1480 {
                continue;
            }
            md.push_str(&paragraph);
            md.push_str("\n\n");
            added += 1;
        }
        md.truncate(md.trim_end().len());
        md.push('\n');
        md
    }
}

impl Target {
    fn value_as_f64(&self) -> f64 {
        match &self.value {
            Value::Number(v, _) => *v,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Label(l) => HOSPITAL_GRADES
                .iter()
                .position(|g| g == l)
                .map(|i| i as f64 + 1.0)
                .unwrap_or(1.0),
        }
    }
}

/// "…电子病历系统应用水平分级" without the facility name (the sentence names it already).
fn short_label(label: &str) -> &str {
    ["人民医院", "中医医院", "妇幼保健院", "第二人民医院"]
        .iter()
        .find_map(|f| label.find(f).map(|i| &label[i + f.len()..]))
        .unwrap_or(label)
}

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A YAML flow list of double-quoted scalars.
fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

// ---------------------------------------------------------------------------------------
// Command line.

const USAGE: &str = "usage: corpus --programmes N [--seed S] --out DIR [--minimal]";

fn main() {
    let mut programmes = None;
    let mut seed = 1u64;
    let mut out = None;
    let mut minimal = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value\n{USAGE}");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--programmes" | "-n" => {
                programmes = Some(value("--programmes").parse::<usize>().unwrap_or_else(|e| {
                    eprintln!("--programmes: {e}\n{USAGE}");
                    std::process::exit(2)
                }))
            }
            "--seed" => {
                seed = value("--seed").parse::<u64>().unwrap_or_else(|e| {
                    eprintln!("--seed: {e}\n{USAGE}");
                    std::process::exit(2)
                })
            }
            "--out" => out = Some(std::path::PathBuf::from(value("--out"))),
            "--minimal" => minimal = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => {
                eprintln!("unknown argument {other}\n{USAGE}");
                std::process::exit(2)
            }
        }
    }
    let (Some(programmes), Some(out)) = (programmes, out) else {
        eprintln!("{USAGE}");
        std::process::exit(2)
    };
    let options = Options {
        programmes,
        seed,
        minimal,
    };
    match generate_with(&options, &out) {
        Ok(summary) => println!(
            "wrote {} programmes ({} targets, {} files) to {}",
            summary.slugs.len(),
            summary.targets,
            summary.files,
            out.display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    }
}
