//! Region: province, city and county from the issuing body, the title and the text.
//!
//! A built-in table lists every province-level division with its prefecture-level
//! cities, so a city named in a notice gives its province too. Counties are recognised
//! by suffix (…县, …区, …旗, or a 市 that is not a prefecture).

use crate::model::Region;

/// Province-level divisions: full name | short name | prefecture-level divisions (names
/// without a suffix take 市).
const TABLE: &str = "\
河北省|河北|石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
山西省|山西|太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
内蒙古自治区|内蒙古|呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒盟 阿拉善盟
辽宁省|辽宁|沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛
吉林省|吉林|长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州
黑龙江省|黑龙江|哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区
江苏省|江苏|南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
浙江省|浙江|杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
安徽省|安徽|合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福建省|福建|福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
江西省|江西|南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
山东省|山东|济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
河南省|河南|郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源
湖北省|湖北|武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州 仙桃 潜江 天门
湖南省|湖南|长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州
广东省|广东|广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
广西壮族自治区|广西|南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海南省|海南|海口 三亚 三沙 儋州
四川省|四川|成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州
贵州省|贵州|贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州
云南省|云南|昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州 西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州
西藏自治区|西藏|拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区
陕西省|陕西|西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
甘肃省|甘肃|兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州
青海省|青海|西宁 海东 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 海西蒙古族藏族自治州
宁夏回族自治区|宁夏|银川 石嘴山 吴忠 固原 中卫
新疆维吾尔自治区|新疆|乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 阿克苏地区 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区
北京市|北京|
天津市|天津|
上海市|上海|
重庆市|重庆|
台湾省|台湾|
香港特别行政区|香港|
澳门特别行政区|澳门|";

struct Province {
    full: &'static str,
    short: &'static str,
    cities: Vec<String>,
}

fn provinces() -> Vec<Province> {
    TABLE
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('|');
            let full = parts.next()?;
            let short = parts.next()?;
            let cities = parts
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .map(|c| {
                    if c.ends_with('州') && c.contains("自治")
                        || c.ends_with('盟')
                        || c.ends_with("地区")
                    {
                        c.to_string()
                    } else {
                        format!("{c}市")
                    }
                })
                .collect();
            Some(Province {
                full,
                short,
                cities,
            })
        })
        .collect()
}

/// The province of a prefecture-level city (full names: 大同市 → 山西省).
pub fn province_of_city(city: &str) -> Option<&'static str> {
    provinces()
        .into_iter()
        .find(|p| p.cities.iter().any(|c| c == city))
        .map(|p| p.full)
}

/// Every province-level name found in folded text, with its position.
fn provinces_in(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for p in provinces() {
        for (at, _) in text.match_indices(p.full) {
            found.push((at, p.full));
        }
        // 河南 + 省 written apart from the table's form, e.g. 甘肃省 = 甘肃 + 省.
        let with_suffix = format!("{}省", p.short);
        if with_suffix != p.full {
            for (at, _) in text.match_indices(&with_suffix) {
                found.push((at, p.full));
            }
        }
    }
    found.sort();
    found
}

/// Every prefecture-level city named with its suffix in folded text.
fn cities_in(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for p in provinces() {
        for city in &p.cities {
            for (at, _) in text.match_indices(city.as_str()) {
                found.push((at, city.clone()));
            }
        }
    }
    found.sort();
    found
}

/// The place part of an issuing body: 大同市云州区人民政府办公室 → 大同市云州区.
pub fn place_prefix(issuer: &str) -> String {
    const ORG_STARTS: &[&str] = &[
        "人民政府",
        "卫生",
        "委员会",
        "乡村振兴",
        "医疗保障",
        "财政",
        "发展和改革",
        "发展改革",
        "人民医院",
        "中医",
        "疾病预防",
        "妇幼",
        "办公",
        "党委",
        "政府",
        "民政",
        "教育",
        "人力资源",
        "市场监督",
        "应急",
        "公安",
        "住房",
        "自然资源",
        "生态环境",
        "农业",
        "文化",
        "统计",
        "审计",
        "医院",
        "委",
        "局",
    ];
    let cut = ORG_STARTS
        .iter()
        .filter_map(|w| issuer.find(w))
        .min()
        .unwrap_or(issuer.len());
    issuer[..cut].to_string()
}

/// Splits a place such as 大同市云州区 into (province, city, county) parts it names.
fn split_place(place: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut rest = place;
    let mut province = None;
    if let Some((at, name)) = provinces_in(rest).into_iter().next() {
        if at == 0 {
            province = Some(name.to_string());
            let used = if rest.starts_with(name) {
                name.len()
            } else {
                provinces()
                    .into_iter()
                    .find(|p| p.full == name)
                    .map_or(0, |p| p.short.len() + '省'.len_utf8())
            };
            rest = &rest[used..];
        }
    }
    let mut city = None;
    let mut county = None;
    if let Some(end) = rest.find('市') {
        let name = &rest[..end + '市'.len_utf8()];
        let chars = name.chars().count();
        if is_place_name(name) {
            if province_of_city(name).is_some()
                || province.is_none() && chars >= 3 && rest.len() > name.len()
            {
                city = Some(name.to_string());
                rest = &rest[name.len()..];
            } else if province_of_city(name).is_none() {
                // A county-level city (项城市).
                county = Some(name.to_string());
                rest = &rest[name.len()..];
            }
        }
    }
    if county.is_none() {
        let end = rest
            .char_indices()
            .find(|(_, c)| matches!(c, '县' | '区' | '旗'))
            .map(|(i, c)| i + c.len_utf8());
        if let Some(end) = end {
            let name = &rest[..end];
            if is_place_name(name) {
                county = Some(name.to_string());
            }
        }
    }
    (province, city, county)
}

/// Whether a name can be a place: 2–8 Han characters, not starting with 全/各/本/我.
fn is_place_name(name: &str) -> bool {
    let count = name.chars().count();
    (2..=8).contains(&count)
        && name.chars().all(super::script::is_han)
        && !name.starts_with(['全', '各', '本', '我', '该', '省', '市', '县', '区'])
}

/// Works out the region from issuing bodies, title and body text (all folded).
/// Returns the region and a confidence.
pub fn infer(issuers: &[String], title: &str, body: &str) -> (Region, f64) {
    let mut province: Option<String> = None;
    let mut city: Option<String> = None;
    let mut county: Option<String> = None;
    let mut confidence: f64 = 0.9;
    let mut sources: Vec<String> = issuers.iter().map(|i| place_prefix(i)).collect();
    sources.push(place_prefix(title));
    let mut issuer_level_province = false;
    for place in &sources {
        let (p, c, k) = split_place(place);
        if p.is_some() && c.is_none() && k.is_none() && !place.is_empty() {
            issuer_level_province = true;
        }
        province = province.or(p);
        city = city.or(c);
        county = county.or(k);
    }
    if city.is_none() && county.is_none() && !issuer_level_province {
        // A city named in the title without 市 (驻马店:…), or the city named most often.
        let mut counts: Vec<(usize, String)> = Vec::new();
        for (_, name) in cities_in(body) {
            match counts.iter_mut().find(|(_, n)| *n == name) {
                Some(entry) => entry.0 += 1,
                None => counts.push((1, name)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        let consistent = |name: &String| {
            province
                .as_deref()
                .is_none_or(|p| province_of_city(name) == Some(p))
        };
        if let Some((_, name)) = counts.into_iter().find(|(_, n)| consistent(n)) {
            city = Some(name);
            confidence = confidence.min(0.6);
        }
    } else if city.is_none() && county.is_some() {
        // A county: its city is the prefecture named in the text, if any.
        let named: Vec<String> = cities_in(body)
            .into_iter()
            .map(|(_, n)| n)
            .filter(|n| {
                province
                    .as_deref()
                    .is_none_or(|p| province_of_city(n) == Some(p))
            })
            .collect();
        if let Some(first) = named.first() {
            if named.iter().all(|n| n == first) {
                city = Some(first.clone());
                confidence = confidence.min(0.6);
            }
        }
    }
    if province.is_none() {
        province = city
            .as_deref()
            .and_then(province_of_city)
            .map(str::to_string);
    }
    if province.is_none() {
        let mut counts: Vec<(usize, &str)> = Vec::new();
        for (_, name) in provinces_in(body) {
            match counts.iter_mut().find(|(_, n)| *n == name) {
                Some(entry) => entry.0 += 1,
                None => counts.push((1, name)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        province = counts.first().map(|(_, n)| n.to_string());
        confidence = confidence.min(0.5);
    }
    if province.is_none() {
        confidence = 0.0;
    }
    if city.is_none() && county.is_some() {
        confidence = confidence.min(0.7);
    }
    (
        Region {
            province: province.unwrap_or_default(),
            city,
            county,
        },
        confidence,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(
        issuers: &[&str],
        title: &str,
        body: &str,
    ) -> (String, Option<String>, Option<String>) {
        let issuers: Vec<String> = issuers.iter().map(|s| s.to_string()).collect();
        let (r, _) = infer(&issuers, title, body);
        (r.province, r.city, r.county)
    }

    #[test]
    fn from_issuer() {
        assert_eq!(
            region(
                &["大同市云州区人民政府办公室"],
                "",
                "山西省医疗卫生服务体系规划"
            ),
            (
                "山西省".into(),
                Some("大同市".into()),
                Some("云州区".into())
            )
        );
        assert_eq!(
            region(
                &["甘肃省卫生健康委员会", "甘肃省乡村振兴局"],
                "",
                "天津市、山东省各支援医院"
            ),
            ("甘肃省".into(), None, None)
        );
        assert_eq!(
            region(&["桓台县卫生健康局"], "", "贯彻落实淄博市《关于》"),
            (
                "山东省".into(),
                Some("淄博市".into()),
                Some("桓台县".into())
            )
        );
        assert_eq!(
            region(&["民权县人民政府办公室"], "", "接入河南省远程医疗中心"),
            ("河南省".into(), None, Some("民权县".into()))
        );
        assert_eq!(
            region(
                &["驻马店广视网"],
                "驻马店:完善分级诊疗制度",
                "驻马店市在分级诊疗制度建设上"
            ),
            ("河南省".into(), Some("驻马店市".into()), None)
        );
    }
}
