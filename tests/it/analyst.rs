//! The analyst's database, on the sample page (issue date 2024-04-02): the analytical views,
//! the example queries of `sql/queries/`, full-text search (`readout search`, and the FTS
//! tables from the plain `sqlite3` shell) and `readout export`.
//!
//! Every expected row is what a reader of the page finds there: read off the page and its
//! hand-made gold file (`tests/data/000_33a1af8f75da2c74.gold.json`), by hand or by counting
//! in the gold file — never taken from what readout wrote.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use readout::cmd::search::build_query;
use readout::segment::Tokenizer;
use readout::store::{DEFAULT_BUSY_TIMEOUT, Store};
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::Value;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/000_33a1af8f75da2c74.txt");
const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/000_33a1af8f75da2c74.gold.json");
const SOURCE: &str = "000_33a1af8f75da2c74.txt";
/// The day before the issue: 昨天, the day every event of the page took place.
const EVENT_DATE: &str = "2024-04-01";

fn readout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_readout")).args(args).env("NO_COLOR", "1").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// The sample page's database, made once by the real binary and shared by every test.
fn sample_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, db) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let out = readout(&["-q", "ingest", "--db", db.to_str().unwrap(), "--issue-date", "2024-04-02", SAMPLE]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        (dir, db)
    });
    db
}

fn gold() -> &'static Value {
    static GOLD_FILE: OnceLock<Value> = OnceLock::new();
    GOLD_FILE.get_or_init(|| serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap())
}

fn sqlite3() -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join("sqlite3")).find(|p| p.is_file()))
        .expect("the sqlite3 shell is needed for this test: `make deps` installs it")
}

/// Runs SQL (read from standard input, as typed) in the plain `sqlite3` shell; rows one per
/// line, fields separated by `|`.
fn shell(db: &Path, sql: &str) -> String {
    use std::io::Write;
    // Other tests open the same database; wait for a lock as rusqlite does.
    let mut child = Command::new(sqlite3())
        .args(["-cmd", ".timeout 5000"])
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(sql.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success() && out.stderr.is_empty(), "sqlite3 failed on {sql}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// Every row of a query, each value as text: NULL as `NULL`, reals as SQLite prints them.
fn rows(db: &Path, sql: &str) -> Vec<Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    let n = stmt.column_count();
    let mut out = Vec::new();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        out.push(
            (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(i) => i.to_string(),
                    ValueRef::Real(f) if f.fract() == 0.0 => format!("{f:.1}"),
                    ValueRef::Real(f) => f.to_string(),
                    ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
                    ValueRef::Blob(_) => panic!("no blob expected"),
                })
                .collect(),
        );
    }
    out
}

fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

/// The gold file's paragraphs cut into sentences: each ends with 。！？ and the closing quotes
/// after them.
fn gold_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for article in gold()["articles"].as_array().unwrap() {
        for paragraph in article["paragraphs"].as_array().unwrap() {
            let chars: Vec<char> = paragraph.as_str().unwrap().chars().collect();
            let mut current = String::new();
            let mut i = 0;
            while i < chars.len() {
                current.push(chars[i]);
                if "。！？".contains(chars[i]) {
                    while i + 1 < chars.len() && "。！？”’」』）)".contains(chars[i + 1]) {
                        i += 1;
                        current.push(chars[i]);
                    }
                    out.push(std::mem::take(&mut current));
                }
                i += 1;
            }
            if !current.is_empty() {
                out.push(current);
            }
        }
    }
    out
}

fn gold_sentences_with(needle: &str) -> BTreeSet<String> {
    gold_sentences().into_iter().filter(|s| s.contains(needle)).collect()
}

// ---- the analytical views ----

#[test]
fn v_rank_claims_lists_every_ranked_claim_with_what_was_ranked() {
    // (unit, claim, scope, rank, streak) of every achievement the gold file gives a rank.
    let mut expected: Vec<Vec<String>> = Vec::new();
    for meeting in gold()["meetings"].as_array().unwrap() {
        for report in meeting["unit_reports"].as_array().unwrap() {
            for x in report["achievements"].as_array().unwrap().iter().filter(|x| x.get("rank").is_some()) {
                expected.push(vec![
                    report["unit"].as_str().unwrap().to_string(),
                    x["text"].as_str().unwrap().to_string(),
                    x["rank_scope"].as_str().unwrap().to_string(),
                    x["rank"].to_string(),
                    x.get("streak_years").map_or("NULL".to_string(), Value::to_string),
                ]);
            }
        }
    }
    assert_eq!(expected.len(), 15);
    let db = sample_db();
    let have = rows(
        db,
        "SELECT unit, claim, rank_scope, rank, ifnull(streak_years, 'NULL') FROM v_rank_claims ORDER BY achievement_id",
    );
    assert_eq!(have, expected);

    // What was ranked: the claim without its period, streak, verb (居, 排名) and rank.
    let ranked = rows(db, "SELECT ranked FROM v_rank_claims ORDER BY achievement_id");
    let ranked: Vec<&str> = ranked.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ranked,
        [
            "研发强度、科技创新活跃度及稳就业工作综合评价",
            "城中村改造面积",
            "完成低效建设用地减量",
            "社零总额增速",
            "国家级专精特新“小巨人”增幅",
            "创业帮扶完成度",
            "保障性租赁住房供应完成度",
            "营商环境测评综合企业满意度调查",
            "农村集体经济经营性收入、居家环境适老化改造完成度",
            "绿色食品认证率",
            "粮食亩产",
            "城镇老旧小区改造完成度",
            "对口帮扶就业服务",
            "国际航班恢复率",
            "电子营业执照全年使用次数",
        ]
    );

    // 去年…全市第一，城中村改造面积全市第二: the second claim is about last year too; 宝山区's
    // 今年1-2月…居全市第一，…居全市第二 likewise; a claim with no period before it in its
    // sentence has none.
    let periods = rows(
        db,
        "SELECT unit, ranked, ifnull(period_in_effect, 'NULL'), ifnull(year, 'NULL'), meeting_date, source
           FROM v_rank_claims
          WHERE ranked IN ('城中村改造面积', '保障性租赁住房供应完成度', '社零总额增速', '电子营业执照全年使用次数')
          ORDER BY achievement_id",
    );
    assert_eq!(
        periods,
        table(&[
            &["闵行区", "城中村改造面积", "去年", "2023", EVENT_DATE, SOURCE],
            &["宝山区", "社零总额增速", "NULL", "NULL", EVENT_DATE, SOURCE],
            &["宝山区", "保障性租赁住房供应完成度", "今年1-2月", "2024", EVENT_DATE, SOURCE],
            &["市市场监管局", "电子营业执照全年使用次数", "NULL", "NULL", EVENT_DATE, SOURCE],
        ])
    );
}

#[test]
fn v_unit_scorecard_counts_each_units_claims_and_shortfalls() {
    let mut expected: Vec<Vec<String>> = Vec::new();
    for meeting in gold()["meetings"].as_array().unwrap() {
        for report in meeting["unit_reports"].as_array().unwrap() {
            let xs = report["achievements"].as_array().unwrap();
            let count = |f: &dyn Fn(&Value) -> bool| xs.iter().filter(|x| f(x)).count().to_string();
            let first = |x: &Value| x.get("rank").is_some_and(|r| r == 1);
            let scope = |x: &Value, s: &str| x.get("rank_scope").is_some_and(|v| v == s);
            expected.push(vec![
                meeting["name"].as_str().unwrap().to_string(),
                report["unit"].as_str().unwrap().to_string(),
                report["speaker"].as_str().unwrap().to_string(),
                xs.len().to_string(),
                count(&|x| x.get("rank").is_some()),
                count(&first),
                count(&|x| first(x) && scope(x, "全市")),
                count(&|x| first(x) && scope(x, "全国")),
                count(&|x| x.get("first_scope").is_some()),
                count(&|x| x.get("streak_years").is_some()),
                count(&|x| x.get("value").is_some()),
                report["shortfalls"].as_array().unwrap().len().to_string(),
            ]);
        }
    }
    assert_eq!(expected.len(), 7);
    let have = rows(
        sample_db(),
        "SELECT meeting_name, unit, speaker, achievements, ranked_claims, first_places, city_first_places,
                national_first_places, firsts_of_kind, streaks, figures, shortfalls
           FROM v_unit_scorecard ORDER BY meeting_id, unit_seq",
    );
    assert_eq!(have, expected);
}

#[test]
fn v_person_activity_has_each_persons_events_roles_and_titles() {
    // Per person: the events (by article) and the roles and titles the gold file gives them.
    #[derive(Default)]
    struct Seen {
        events: BTreeSet<i64>,
        roles: BTreeSet<String>,
        titles: BTreeSet<String>,
    }
    let mut people: BTreeMap<String, Seen> = BTreeMap::new();
    for meeting in gold()["meetings"].as_array().unwrap() {
        for a in meeting["attendance"].as_array().unwrap() {
            let seen = people.entry(a["person"].as_str().unwrap().to_string()).or_default();
            seen.events.insert(meeting["article_seq"].as_i64().unwrap());
            seen.roles.insert(a["role"].as_str().unwrap().to_string());
            seen.titles.insert(a["title"].as_str().unwrap().to_string());
        }
    }
    let expected: Vec<Vec<String>> = people
        .iter()
        .map(|(name, seen)| {
            let count = |role: &str| {
                gold()["meetings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| {
                        m["attendance"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|a| a["person"] == name.as_str() && a["role"] == role)
                    })
                    .count()
                    .to_string()
            };
            vec![
                name.clone(),
                seen.events.len().to_string(),
                count("chair"),
                count("attendee"),
                count("host"),
                count("guest"),
                count("witness"),
                count("signer"),
                seen.roles.iter().cloned().collect::<Vec<_>>().join(", "),
                seen.titles.iter().cloned().collect::<Vec<_>>().join("；"),
                EVENT_DATE.to_string(),
                EVENT_DATE.to_string(),
            ]
        })
        .collect();
    assert_eq!(expected.len(), 20);
    let db = sample_db();
    let have = rows(
        db,
        "SELECT person, events, chaired, attended, hosted, visited, witnessed, signed, roles, titles, first_date, last_date
           FROM v_person_activity ORDER BY person",
    );
    assert_eq!(have, expected);
    // 陈吉宁 主持会议并强调, then 指出, 指出, 强调 in paragraphs of their own; 龚正 就做好二季度工作指出.
    let statements = rows(db, "SELECT person, statements FROM v_person_activity WHERE person IN ('陈吉宁', '龚正')");
    for row in statements {
        let n: i64 = row[1].parse().unwrap();
        let least = if row[0] == "陈吉宁" { 4 } else { 1 };
        assert!(n >= least, "{row:?}");
    }
}

#[test]
fn v_shortfall_themes_groups_the_shortfalls_units_share() {
    let db = sample_db();
    // The words the items of several units share: 产业 (重点产业转型升级, 产业结构调整,
    // 产业转型升级), 转型 and 升级 (闵行区's and 嘉定区's 产业转型升级), 教育, 管理 and 监督
    // (基层年轻干部教育管理监督, 从严教育管理监督), 基层 (基层年轻干部…, 向基层延伸), 监管
    // (行业监管治理, 监管的科学性…). 管理 is in a third item of 闵行区: 城市精细化管理.
    let have = rows(db, "SELECT term, units, items, unit_list FROM v_shortfall_themes WHERE units > 1 ORDER BY term");
    let mut expected = table(&[
        &["产业", "3", "3", "闵行区、宝山区、嘉定区"],
        &["转型", "2", "2", "闵行区、嘉定区"],
        &["升级", "2", "2", "闵行区、嘉定区"],
        &["教育", "2", "2", "闵行区、宝山区"],
        &["管理", "2", "3", "闵行区、宝山区"],
        &["监督", "2", "2", "闵行区、宝山区"],
        &["基层", "2", "2", "闵行区、嘉定区"],
        &["监管", "2", "2", "市交通委、市市场监管局"],
    ]);
    expected.sort();
    assert_eq!(have, expected);
    let items =
        rows(db, "SELECT item_list, first_date, last_date, meetings FROM v_shortfall_themes WHERE term = '产业'");
    assert_eq!(items, table(&[&["重点产业转型升级；产业结构调整；产业转型升级", EVENT_DATE, EVENT_DATE, "1"]]));
    // Verbs and adverbs that open items (推动, 持续, 从严, 深化, 提升) are no theme.
    let verbs = rows(db, "SELECT term FROM v_shortfall_themes WHERE term IN ('推动', '持续', '从严', '深化', '提升')");
    assert!(verbs.is_empty(), "{verbs:?}");
    // Every item of the gold file has a theme.
    let themed = rows(db, "SELECT count(DISTINCT shortfall_id) FROM shortfall_terms");
    assert_eq!(themed, table(&[&["20"]]));
}

#[test]
fn v_agreement_network_links_the_city_government_to_the_civil_aviation_administration() {
    let agreement = &gold()["agreements"][0];
    assert_eq!(agreement["parties"][0]["party"], "上海市人民政府");
    let have = rows(sample_db(), "SELECT * FROM v_agreement_network");
    assert_eq!(
        have,
        table(&[&[
            "上海市人民政府",
            "中国民航局",
            "2024",
            "1",
            agreement["title"].as_str().unwrap(),
            "张小宏",
            "韩钧",
            EVENT_DATE,
            EVENT_DATE,
        ]])
    );
}

#[test]
fn v_documents_has_both_action_plans_of_the_executive_meeting() {
    let have = rows(
        sample_db(),
        "SELECT meeting_name, meeting_date, chair, title, decision, document_kind,
                ifnull(period_start_year, 'NULL'), ifnull(period_end_year, 'NULL'), ifnull(years_covered, 'NULL'), source
           FROM v_documents ORDER BY document_seq",
    );
    assert_eq!(
        have,
        table(&[
            &[
                "市政府常务会议",
                EVENT_DATE,
                "龚正",
                "上海市进一步提升支付便利性行动方案",
                "原则同意",
                "行动方案",
                "NULL",
                "NULL",
                "NULL",
                SOURCE
            ],
            &[
                "市政府常务会议",
                EVENT_DATE,
                "龚正",
                "上海市深化公共资源“一网交易”改革三年行动方案（2024—2026年）",
                "原则同意",
                "行动方案",
                "2024",
                "2026",
                "3",
                SOURCE
            ],
        ])
    );
}

#[test]
fn v_search_has_every_sentence_of_the_page_once() {
    let have: BTreeSet<String> =
        rows(sample_db(), "SELECT sentence FROM v_search").into_iter().map(|r| r[0].clone()).collect();
    let expected: BTreeSet<String> = gold_sentences().into_iter().collect();
    assert_eq!(gold_sentences().len(), 55);
    assert_eq!(have, expected);
    let issue = rows(sample_db(), "SELECT DISTINCT source, issue_date FROM v_search");
    assert_eq!(issue, table(&[&[SOURCE, "2024-04-02"]]));
}

// ---- the example queries ----

/// What each query of `sql/queries/` returns on the sample page.
fn expected_query_rows(name: &str) -> Vec<Vec<String>> {
    let by_name = |sentences: BTreeSet<String>| sentences.into_iter().map(|s| vec![s]).collect::<Vec<_>>();
    match name {
        // 宝山区: 连续两年全市第一, 去年…全市第一, 居全市第一; 松江区: 连续四年, 连续五年,
        // 对口帮扶就业服务全市第一; 闵行区 and 嘉定区: two each. Ties by name (code point).
        "01_city_firsts_by_district_and_year.sql" => table(&[
            &["2024", "宝山区", "3"],
            &["2024", "松江区", "3"],
            &["2024", "嘉定区", "2"],
            &["2024", "闵行区", "2"],
        ]),
        // 龚正: the quarterly meeting, the signing (host, witness), the executive meeting; then
        // those at two events; then, by name, the first of those at one.
        "02_most_active_people.sql" => table(&[
            &["龚正", "3", "attendee, chair, host, witness"],
            &["张小宏", "2", "attendee, signer"],
            &["李政", "2", "attendee"],
            &["陈吉宁", "2", "chair, host"],
            &["刘多", "1", "attendee"],
            &["华源", "1", "attendee"],
            &["宋志勇", "1", "guest, witness"],
            &["张为", "1", "attendee"],
            &["张亚宏", "1", "attendee"],
            &["彭沉雷", "1", "attendee"],
        ]),
        "03_recurring_shortfalls.sql" => table(&[
            &["产业", "3", "3", "闵行区、宝山区、嘉定区"],
            &["管理", "2", "3", "闵行区、宝山区"],
            &["升级", "2", "2", "闵行区、嘉定区"],
            &["基层", "2", "2", "闵行区、嘉定区"],
            &["教育", "2", "2", "闵行区、宝山区"],
            &["监督", "2", "2", "闵行区、宝山区"],
            &["监管", "2", "2", "市交通委、市市场监管局"],
            &["转型", "2", "2", "闵行区、嘉定区"],
        ]),
        "04_agreements_by_counterpart.sql" => table(&[&["中国民航局", "1", "上海市人民政府", EVENT_DATE, EVENT_DATE]]),
        "05_who_chaired_what.sql" => {
            table(&[&["陈吉宁", "市委季度工作会议", EVENT_DATE], &["龚正", "市政府常务会议", EVENT_DATE]])
        }
        "06_unit_league_table.sql" => table(&[
            &["市委季度工作会议", "松江区", "3", "4", "0", "8", "3"],
            &["市委季度工作会议", "宝山区", "3", "4", "2", "7", "3"],
            &["市委季度工作会议", "闵行区", "2", "3", "0", "7", "3"],
            &["市委季度工作会议", "嘉定区", "2", "2", "0", "5", "3"],
            &["市委季度工作会议", "市交通委", "1", "1", "1", "7", "3"],
            &["市委季度工作会议", "市市场监管局", "1", "1", "3", "7", "2"],
            &["市委季度工作会议", "市文化旅游局", "0", "0", "0", "8", "3"],
        ]),
        "07_winning_streaks.sql" => table(&[
            &["松江区", "粮食亩产", "全市", "1", "5", "粮食亩产连续五年全市第一"],
            &["松江区", "绿色食品认证率", "全市", "1", "4", "绿色食品认证率连续四年全市第一"],
            &["宝山区", "社零总额增速", "全市", "1", "2", "社零总额增速连续两年全市第一"],
        ]),
        "08_firsts_of_their_kind.sql" => table(&[
            &["宝山区", "首创", "首创社区治理学院模式"],
            &["宝山区", "全国", "全国首个等容量煤电替代示范项目建成投产"],
            &["市交通委", "全球", "全球首条跨太平洋绿色航运走廊启动"],
            &["市市场监管局", "全国", "出台全国首部CCC免办管理措施"],
            &["市市场监管局", "全国", "打造全国首个全环节全类型全天候的“上海企业登记在线”平台"],
            &["市市场监管局", "首创", "首创食品生产预警触发式监管新模式"],
        ]),
        "09_multi_year_documents.sql" => table(&[&[
            "上海市深化公共资源“一网交易”改革三年行动方案（2024—2026年）",
            "2024",
            "2026",
            "3",
            "市政府常务会议",
            "龚正",
            "原则同意",
        ]]),
        // Checked as sentences here; their order and place in the test below.
        "10_sentences_naming_a_person.sql" => by_name(gold_sentences_with("龚正")),
        "11_sentences_holding_a_phrase.sql" => gold_sentences_with("营商环境")
            .into_iter()
            .map(|s| vec![s.replacen("营商环境", "【营商环境】", 1)])
            .collect(),
        "12_figures_claimed.sql" => table(&[
            &["闵行区", "15.0", "个", "NULL", "联合长三角15个市区县成立党建共同体"],
            &["闵行区", "1030.0", "亩", "NULL", "今年1-2月盘活存量土地1030亩"],
            &["嘉定区", "268.0", "家", "NULL", "依托龙头企业集聚高性能医疗设备企业268家"],
            &["松江区", "65.0", "个", "NULL", "去年累计引进亿元以上产业项目65个"],
            &["市交通委", "9.0", "条", "NULL", "长三角首批9条省界断头路全部打通"],
            &["市文化旅游局", "45000.0", "场", "NULL", "去年营业性演出首次突破4.5万场"],
            &["市文化旅游局", "20000000.0", "人次", "近", "接待观众近2000万人次"],
            &["市文化旅游局", "50.0", "%", "约", "春节期间接待游客同比增长约50%"],
        ]),
        // Witnesses by name (code point): 宋 before 龚.
        "13_signers_and_witnesses.sql" => table(&[
            &["全面推动上海民航高质量发展战略合作协议", "上海市人民政府", "张小宏", "副市长", "宋志勇、龚正"],
            &["全面推动上海民航高质量发展战略合作协议", "中国民航局", "韩钧", "中国民航局副局长", "宋志勇、龚正"],
        ]),
        _ => panic!("{name}: add the rows a reader of the sample page expects from it to this test"),
    }
}

fn queries() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sql/queries");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn every_example_query_asks_its_question_and_returns_what_the_page_says() {
    let queries = queries();
    assert!(queries.len() >= 10, "only {} example queries", queries.len());
    let db = sample_db();
    for (name, sql) in &queries {
        let opening: String = sql.lines().take_while(|l| l.starts_with("--")).collect();
        assert!(opening.contains('?'), "{name} must open with a comment asking its question");
        let mut have = rows(db, sql);
        let mut expected = expected_query_rows(name);
        if name.starts_with("10_") || name.starts_with("11_") {
            // The sentence (or the marked sentence) is the last column.
            have = have.into_iter().map(|r| vec![r.last().unwrap().clone()]).collect();
            have.sort();
            expected.sort();
        }
        assert_eq!(have, expected, "{name}");
    }
}

#[test]
fn the_plain_sqlite3_shell_runs_every_example_query() {
    let db = sample_db();
    for (name, sql) in queries() {
        // The file as an analyst would feed it: `sqlite3 x.db < sql/queries/NAME`.
        let out = shell(db, &sql);
        assert_eq!(out.lines().count(), expected_query_rows(&name).len(), "{name}: {sql}\n{out}");
    }
}

// ---- full-text search ----

/// The sentences `readout search` printed (the line under each heading), without the marks
/// around what matched, and its headings.
fn search(query: &str) -> (Vec<String>, Vec<String>) {
    let out = readout(&["search", "--db", sample_db().to_str().unwrap(), query]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let (mut headings, mut sentences) = (Vec::new(), Vec::new());
    for line in stdout.lines() {
        match line.strip_prefix("  ") {
            Some(sentence) => sentences.push(sentence.to_string()),
            None => headings.push(line.to_string()),
        }
    }
    assert_eq!(headings.len(), sentences.len(), "{stdout}");
    (headings, sentences)
}

#[test]
fn readout_search_finds_every_sentence_naming_gong_zheng() {
    let (headings, sentences) = search("龚正");
    let plain: BTreeSet<String> = sentences.iter().map(|s| s.replace(['«', '»'], "")).collect();
    assert_eq!(plain, gold_sentences_with("龚正"));
    assert_eq!(sentences.len(), 5);
    for s in &sentences {
        assert!(s.contains("«龚正»"), "the name is marked in {s}");
    }
    for h in &headings {
        assert!(h.starts_with(&format!("{SOURCE} · 2024-04-02 · article ")), "{h}");
    }
    // In reading order: the quarterly meeting (paragraphs 2 and 7), the signing, the executive meeting.
    assert!(headings[0].contains("article 1") && headings[0].contains("paragraph 2, sentence 1"), "{headings:?}");
    assert!(headings[4].contains("article 3") && headings[4].contains("paragraph 1, sentence 1"), "{headings:?}");
}

#[test]
fn readout_search_finds_both_sentences_on_the_business_environment() {
    let (_, sentences) = search("营商环境");
    let plain: BTreeSet<String> = sentences.iter().map(|s| s.replace(['«', '»'], "")).collect();
    assert_eq!(plain, gold_sentences_with("营商环境"));
    assert_eq!(sentences.len(), 2);
    for s in &sentences {
        // The phrase is marked, not 环境 elsewhere in the sentence (居家环境).
        assert_eq!(s.matches('«').count(), 1, "{s}");
        assert!(s.contains("«营商环境»"), "{s}");
    }
}

#[test]
fn readout_search_finds_nothing_for_a_word_the_page_lacks() {
    let (_, sentences) = search("人工智能");
    assert!(sentences.is_empty(), "{sentences:?}");
}

#[test]
fn every_person_named_in_the_gold_file_is_found_by_name() {
    let store = Store::open(sample_db(), DEFAULT_BUSY_TIMEOUT).unwrap();
    let tokenizer = Tokenizer::new();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for meeting in gold()["meetings"].as_array().unwrap() {
        for a in meeting["attendance"].as_array().unwrap() {
            names.insert(a["person"].as_str().unwrap());
        }
    }
    assert_eq!(names.len(), 20);
    for name in names {
        let hits = store.search(&build_query(name, false, 100, &tokenizer)).unwrap();
        let found: BTreeSet<String> = hits.into_iter().map(|h| h.sentence).collect();
        assert_eq!(found, gold_sentences_with(name), "{name}");
    }
}

#[test]
fn the_fts_tables_answer_the_same_searches_in_the_plain_sqlite3_shell() {
    let db = sample_db();
    let lines = |out: String| -> BTreeSet<String> { out.lines().map(str::to_string).collect() };
    // Any word, two characters too: the search words index.
    let by_word = shell(
        db,
        "SELECT v.sentence FROM search_words JOIN v_search v ON v.search_id = search_words.rowid
          WHERE search_words MATCH '龚正';",
    );
    assert_eq!(lines(by_word), gold_sentences_with("龚正"));
    // A longer word as the phrase of its parts: found however jieba cut it in each sentence
    // (here 营商 环境, two words).
    let by_words = shell(
        db,
        "SELECT v.sentence FROM search_words JOIN v_search v ON v.search_id = search_words.rowid
          WHERE search_words MATCH '\"营商 环境\"';",
    );
    assert_eq!(lines(by_words), gold_sentences_with("营商环境"));
    // Any text of three characters or more: the trigram index.
    let by_text = shell(
        db,
        "SELECT v.sentence FROM search_text JOIN v_search v ON v.search_id = search_text.rowid
          WHERE search_text MATCH '营商环境';",
    );
    assert_eq!(lines(by_text), gold_sentences_with("营商环境"));
    let snippet = shell(
        db,
        "SELECT snippet(search_text, 0, '[', ']', '…', 8) FROM search_text WHERE search_text MATCH '营商环境';",
    );
    assert_eq!(snippet.matches("[营商环境]").count(), 2, "{snippet}");
    // What the search words index is for: trigram alone cannot find a two-character name.
    assert_eq!(shell(db, "SELECT count(*) FROM search_text WHERE search_text MATCH '龚正';").trim(), "0");
}

#[test]
fn deleting_a_page_deletes_its_rows_from_the_full_text_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = readout(&["-q", "ingest", "--db", db.to_str().unwrap(), "--issue-date", "2024-04-02", SAMPLE]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let count = |sql: &str| -> i64 { Connection::open(&db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM search_words WHERE search_words MATCH '龚正'"), 5);
    assert_eq!(count("SELECT count(*) FROM search_words_docsize"), 55);
    assert_eq!(count("SELECT count(*) FROM search_text_docsize"), 55);
    Connection::open(&db).unwrap().execute_batch("PRAGMA foreign_keys = ON; DELETE FROM pages;").unwrap();
    assert_eq!(count("SELECT count(*) FROM search_sentences"), 0);
    assert_eq!(count("SELECT count(*) FROM shortfall_terms"), 0);
    assert_eq!(count("SELECT count(*) FROM search_words_docsize"), 0);
    assert_eq!(count("SELECT count(*) FROM search_text_docsize"), 0);
    assert_eq!(count("SELECT count(*) FROM search_words WHERE search_words MATCH '龚正'"), 0);
    assert_eq!(count("SELECT count(*) FROM search_text WHERE search_text MATCH '营商环境'"), 0);
    // FTS5's own check that each index holds exactly what its content table holds (rank 1).
    let conn = Connection::open(&db).unwrap();
    conn.execute("INSERT INTO search_words (search_words, rank) VALUES ('integrity-check', 1)", []).unwrap();
    conn.execute("INSERT INTO search_text (search_text, rank) VALUES ('integrity-check', 1)", []).unwrap();
}

// ---- export ----

#[test]
fn a_csv_export_has_a_row_per_view_row_and_reimports_into_sqlite3_unchanged() {
    let db = sample_db();
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("achievements.csv");
    let out = readout(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--view",
        "v_achievements",
        "--format",
        "csv",
        "--out",
        csv_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no byte order mark");
    // Without --out, the same bytes on standard output.
    let stdout = readout(&["export", "--db", db.to_str().unwrap(), "--view", "v_achievements", "--format", "csv"]);
    assert!(stdout.status.success(), "{}", text(&stdout.stderr));
    assert_eq!(stdout.stdout, bytes);
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per achievement the gold file lists: 7 + 7 + 5 + 8 + 7 + 8 + 7.
    let achievements: usize = gold()["meetings"][0]["unit_reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["achievements"].as_array().unwrap().len())
        .sum();
    assert_eq!(achievements, 49);
    assert_eq!(records.len(), achievements);
    assert_eq!(rows(db, "SELECT count(*) FROM v_achievements"), table(&[&["49"]]));
    let columns: Vec<String> = {
        let conn = Connection::open(db).unwrap();
        let stmt = conn.prepare("SELECT * FROM v_achievements").unwrap();
        stmt.column_names().map(str::to_string).collect()
    };
    assert_eq!(header, columns);

    // Import it with the sqlite3 shell, and print both with the shell: the same text.
    let reimported = dir.path().join("re.db");
    shell(&reimported, &format!(".import --csv {} achievements", csv_path.display()));
    let dump = |db: &Path, sql: &str| -> String {
        let out = Command::new(sqlite3())
            .args(["-cmd", ".timeout 5000", "-list", "-separator", "\x1f", "-newline", "\x1e"])
            .arg(db)
            .arg(sql)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let original = dump(db, "SELECT * FROM v_achievements;");
    let imported = dump(&reimported, "SELECT * FROM achievements;");
    assert_eq!(imported.matches('\x1e').count(), 49);
    assert_eq!(imported, original);
    let imported_columns: Vec<String> =
        shell(&reimported, "SELECT name FROM pragma_table_info('achievements');").lines().map(str::to_string).collect();
    assert_eq!(imported_columns, columns);
}

#[test]
fn json_and_json_lines_exports_keep_numbers_and_nulls() {
    let db = sample_db().to_str().unwrap();
    let out = readout(&["export", "--db", db, "--view", "v_documents", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let documents: Value = serde_json::from_slice(&out.stdout).unwrap();
    let documents = documents.as_array().unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0]["title"], "上海市进一步提升支付便利性行动方案");
    assert_eq!(documents[0]["period_start_year"], Value::Null);
    assert_eq!(documents[1]["period_start_year"], 2024);
    assert_eq!(documents[1]["years_covered"], 3);

    let out = readout(&["export", "--db", db, "--view", "v_achievements", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 49);
    let shows = lines.iter().find(|x| x["text"] == "去年营业性演出首次突破4.5万场").unwrap();
    assert_eq!(shows["value"], 45000.0);
    assert_eq!(shows["measure"], "场");
    assert_eq!(shows["rank"], Value::Null);
}

#[test]
fn export_refuses_a_name_that_is_not_a_view_of_the_database() {
    let db = sample_db();
    for name in ["pages", "v_nothing", "v_achievements; DROP TABLE pages", "sqlite_master"] {
        let out = readout(&["export", "--db", db.to_str().unwrap(), "--view", name, "--format", "csv"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing written");
        let err = text(&out.stderr);
        assert!(err.contains("no view named") && err.contains("v_achievements"), "{name}: {err}");
    }
    assert_eq!(rows(db, "SELECT count(*) FROM pages"), table(&[&["1"]]));
}

#[test]
fn every_sql_example_of_the_readme_runs_in_the_plain_sqlite3_shell() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let blocks: Vec<&str> = readme.split("```sql\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    assert!(blocks.len() >= 2, "{blocks:?}");
    let db = sample_db();
    for block in &blocks {
        shell(db, block);
    }
    // The first is the search for 龚正: its first query prints the five sentences naming him.
    let first_query = blocks[0].split(';').next().unwrap();
    let out = shell(db, &format!("{first_query};"));
    let sentences: BTreeSet<String> = out.lines().map(|l| l.rsplit('|').next().unwrap().to_string()).collect();
    assert_eq!(sentences, gold_sentences_with("龚正"));
}

#[test]
fn a_replaced_page_leaves_only_its_new_sentences_in_the_full_text_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let page = dir.path().join("page.txt");
    let ingest = || {
        let out = readout(&[
            "-q",
            "ingest",
            "--db",
            db.to_str().unwrap(),
            "--issue-date",
            "2024-04-02",
            page.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    std::fs::copy(SAMPLE, &page).unwrap();
    ingest();
    // The same page in its web form (one paragraph per line): other bytes under the same path.
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/variants/sample_web_one_line_2024-04-02.txt");
    std::fs::copy(web, &page).unwrap();
    ingest();
    let count = |sql: &str| -> i64 { Connection::open(&db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM pages"), 1);
    let sentences = count("SELECT count(*) FROM sentences");
    assert_eq!(count("SELECT count(*) FROM search_sentences"), sentences);
    assert_eq!(count("SELECT count(*) FROM search_words_docsize"), sentences);
    assert_eq!(count("SELECT count(*) FROM search_text_docsize"), sentences);
    assert_eq!(count("SELECT count(*) FROM search_words WHERE search_words MATCH '龚正'"), 5);
    let conn = Connection::open(&db).unwrap();
    conn.execute("INSERT INTO search_words (search_words, rank) VALUES ('integrity-check', 1)", []).unwrap();
    conn.execute("INSERT INTO search_text (search_text, rank) VALUES ('integrity-check', 1)", []).unwrap();
}
