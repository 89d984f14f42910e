//! The scorer itself (`common::score`, the port of `score.py`), on hand-built databases:
//! the contract views are plain tables here, filled with exactly what a perfect extraction
//! of a small two-article page would hold, then spoiled one way per test. Every expected
//! number is worked out from score.py's definitions in the comment beside it.

use crate::common::score::{self, Gold, Report, Table, Tally};
use rusqlite::Connection;
use serde_json::json;

const SCHEMA: &str = "
CREATE TABLE v_articles (source, issue_date, article_seq, kind, dateline, headline, kicker, body);
CREATE TABLE v_pull_quotes (source, article_seq, text);
CREATE TABLE v_meetings (meeting_id, source, article_seq, name, meeting_date, time_of_day, location, chair);
CREATE TABLE v_attendance (meeting_id, source, article_seq, person, title, role);
CREATE TABLE v_achievements (meeting_id, source, article_seq, unit, unit_kind, seq, text, period, period_start,
    period_end, rank_scope, rank, streak_years, value, measure, qualifier, first_scope);
CREATE TABLE v_shortfalls (meeting_id, source, article_seq, unit, unit_kind, seq, text);
CREATE TABLE v_agreements (agreement_id, source, article_seq, signed_date, location, title, party, signer, signer_title);
CREATE TABLE v_approved_documents (meeting_id, source, article_seq, title, decision, period_start_year, period_end_year);
";

/// What a perfect extraction of the page in [`gold`] holds. The body paragraphs are joined
/// by one `\n`; the unit is named as its report names it (闵行区) while gold names the
/// speaker (闵行区委); the agreement title keeps its 《》.
const PERFECT: &str = "
INSERT INTO v_articles VALUES
  ('t.txt', '2024-04-02', 1, 'meeting', '本报讯', '市委季度工作会议举行', '把经济回升向好基础巩固好',
   '市委季度工作会议昨天下午在沪举行。市委书记陈吉宁主持会议并讲话。' || char(10) ||
   '市委副书记、市长龚正，市领导李仰哲出席会议。' || char(10) ||
   '会上，闵行区委发言。闵行区去年研发强度全市第一，社零总额增速连续两年全市第一，全年接待游客近2000万人次，今年1-2月盘活存量土地1030亩。但在重点产业转型升级、城市精细化管理上仍存不足。' || char(10) ||
   '会议原则同意《关于加快推进新型工业化的实施意见》。'),
  ('t.txt', '2024-04-02', 2, 'signing', '本报讯', '市政府与中国商飞签署战略合作协议', NULL,
   '昨天上午，市政府与中国商飞在沪签署战略合作框架协议。市长龚正、中国商飞董事长贺东风代表双方签约。');
INSERT INTO v_pull_quotes VALUES ('t.txt', 1, '确保时间过半、完成任务过半');
INSERT INTO v_meetings VALUES (1, 't.txt', 1, '市委季度工作会议', '2024-04-01', 'afternoon', '上海', '陈吉宁');
INSERT INTO v_attendance VALUES
  (1, 't.txt', 1, '陈吉宁', '市委书记', 'chair'),
  (1, 't.txt', 1, '龚正', '市委副书记、市长', 'attendee'),
  (1, 't.txt', 1, '李仰哲', '市领导', 'attendee');
INSERT INTO v_achievements VALUES
  (1, 't.txt', 1, '闵行区', 'district', 1, '去年研发强度全市第一', '去年', NULL, NULL, '全市', 1, NULL, NULL, NULL, NULL, NULL),
  (1, 't.txt', 1, '闵行区', 'district', 2, '社零总额增速连续两年全市第一', NULL, NULL, NULL, '全市', 1, 2, NULL, NULL, NULL, NULL),
  (1, 't.txt', 1, '闵行区', 'district', 3, '全年接待游客近2000万人次', NULL, NULL, NULL, NULL, NULL, NULL, 20000000.0, '人次', '近', NULL),
  (1, 't.txt', 1, '闵行区', 'district', 4, '今年1-2月盘活存量土地1030亩', '今年1-2月', NULL, NULL, NULL, NULL, NULL, 1030, '亩', NULL, NULL);
INSERT INTO v_shortfalls VALUES
  (1, 't.txt', 1, '闵行区', 'district', 1, '重点产业转型升级'),
  (1, 't.txt', 1, '闵行区', 'district', 2, '城市精细化管理');
INSERT INTO v_agreements VALUES
  (7, 't.txt', 2, '2024-04-01', '上海', '《战略合作框架协议》', '上海市人民政府', '龚正', '市长'),
  (7, 't.txt', 2, '2024-04-01', '上海', '《战略合作框架协议》', '中国商用飞机有限责任公司', '贺东风', '董事长');
INSERT INTO v_approved_documents VALUES (1, 't.txt', 1, '关于加快推进新型工业化的实施意见', '原则同意', 2024, 2027);
";

/// The gold annotation of the page [`PERFECT`] extracts perfectly.
fn gold() -> Gold {
    serde_json::from_value(json!({
        "source": "t.txt",
        "articles": [
            {
                "article_seq": 1, "kind": "meeting", "dateline": "本报讯",
                "headlines": ["把经济回升向好基础巩固好", "市委季度工作会议举行"],
                "paragraphs": [
                    "市委季度工作会议昨天下午在沪举行。市委书记陈吉宁主持会议并讲话。",
                    "市委副书记、市长龚正，市领导李仰哲出席会议。",
                    "会上，闵行区委发言。闵行区去年研发强度全市第一，社零总额增速连续两年全市第一，全年接待游客近2000万人次，今年1-2月盘活存量土地1030亩。但在重点产业转型升级、城市精细化管理上仍存不足。",
                    "会议原则同意《关于加快推进新型工业化的实施意见》。"
                ],
                "pull_quotes": ["确保时间过半、完成任务过半"]
            },
            {
                "article_seq": 2, "kind": "signing", "dateline": "本报讯",
                "headlines": ["市政府与中国商飞签署战略合作协议"],
                "paragraphs": ["昨天上午，市政府与中国商飞在沪签署战略合作框架协议。市长龚正、中国商飞董事长贺东风代表双方签约。"],
                "pull_quotes": []
            }
        ],
        "meetings": [{
            "article_seq": 1, "name": "市委季度工作会议", "date_offset_days": -1,
            "time_of_day": "afternoon", "location": "上海", "chair": "陈吉宁",
            "attendance": [
                {"person": "陈吉宁", "title": "市委书记", "role": "chair"},
                {"person": "龚正", "title": "市委副书记、市长", "role": "attendee"},
                {"person": "李仰哲", "title": "市领导", "role": "attendee"}
            ],
            "unit_reports": [{
                "unit": "闵行区委", "speaker": "闵行区委", "unit_kind": "district",
                "achievements": [
                    {"text": "去年研发强度全市第一", "period": "去年", "rank_scope": "全市", "rank": 1},
                    {"text": "社零总额增速连续两年全市第一", "rank_scope": "全市", "rank": 1, "streak_years": 2},
                    {"text": "全年接待游客近2000万人次", "value": 20000000, "measure": "人次", "qualifier": "近"},
                    {"text": "今年1-2月盘活存量土地1030亩", "period": "今年1-2月", "value": 1030, "measure": "亩"}
                ],
                "shortfalls": ["重点产业转型升级", "城市精细化管理"]
            }],
            "approved_documents": [{
                "title": "关于加快推进新型工业化的实施意见", "decision": "原则同意",
                "period_start_year": 2024, "period_end_year": 2027
            }]
        }],
        "agreements": [{
            "article_seq": 2, "title": "战略合作框架协议", "date_offset_days": -1, "location": "上海",
            "parties": [
                {"party": "上海市人民政府", "signer": "龚正"},
                {"party": "中国商用飞机有限责任公司", "signer": "贺东风"}
            ]
        }]
    }))
    .unwrap()
}

/// The perfect database, changed by `edit` (SQL), scored against [`gold`].
fn scored(edit: &str) -> Report {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.execute_batch(PERFECT).unwrap();
    conn.execute_batch(edit).unwrap();
    score::score(&conn, &[gold()])
}

fn assert_close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-12, "{what}: got {got}, want {want}");
}

/// (tp, fp, fn) of a table.
fn counts(t: &Tally) -> (i64, i64, i64) {
    (t.tp, t.fp, t.fn_)
}

/// (ok, n) of every field checked, by name.
fn field_counts(report: &Report) -> Vec<(&'static str, usize, usize)> {
    report.fields.iter().map(|(&name, f)| (name, f.ok, f.n)).collect()
}

#[test]
fn a_perfect_database_scores_one_everywhere() {
    let report = scored("");
    // every gold item found once, nothing else: paragraphs 4 + 1, headlines 2 + 1,
    // achievements 4 in the one unit report, shortfalls 2
    let expected = [
        (Table::Articles, 2),
        (Table::Paragraphs, 5),
        (Table::Headlines, 3),
        (Table::PullQuotes, 1),
        (Table::Meetings, 1),
        (Table::Attendance, 3),
        (Table::UnitReports, 1),
        (Table::Achievements, 4),
        (Table::Shortfalls, 2),
        (Table::Agreements, 1),
        (Table::ApprovedDocuments, 1),
    ];
    for (table, tp) in expected {
        let t = report.table(table);
        assert_eq!(counts(t), (tp, 0, 0), "{}\n{report}", table.name());
        assert_eq!(t.prf(), (1.0, 1.0, 1.0), "{}", table.name());
    }
    // every field checked where gold states it or the row has it: period for the two
    // achievements with one, rank for the two with 全市第一, the quantity for the two with
    // a value, the qualifier and the streak once each
    assert_eq!(
        field_counts(&report),
        [
            ("achievement.period", 2, 2),
            ("achievement.qualifier", 1, 1),
            ("achievement.quantity", 2, 2),
            ("achievement.rank", 2, 2),
            ("achievement.streak_years", 1, 1),
            ("agreement.date", 1, 1),
            ("agreement.location", 1, 1),
            ("agreement.parties", 1, 1),
            ("agreement.signers", 1, 1),
            ("agreement.title", 1, 1),
            ("article.kind", 2, 2),
            ("attendance.title", 3, 3),
            ("document.decision", 1, 1),
            ("document.period", 1, 1),
            ("meeting.chair", 1, 1),
            ("meeting.date", 1, 1),
            ("meeting.location", 1, 1),
            ("meeting.name", 1, 1),
            ("meeting.time_of_day", 1, 1),
        ]
    );
    assert_eq!(report.overall_f1(), 1.0);
    assert_eq!(report.field_accuracy(), 1.0);
    assert!(report.to_string().ends_with("field accuracy 1.000\noverall F1 1.000\n"), "{report}");
}

#[test]
fn a_missing_attendance_row_lowers_attendance_recall_by_one_third() {
    let report = scored("DELETE FROM v_attendance WHERE person = '李仰哲'");
    let t = report.table(Table::Attendance);
    // 2 of 3 gold rows found, nothing extra: P = 2/2, R = 2/3, F1 = 2·1·⅔ / (1 + ⅔) = 0.8
    assert_eq!(counts(t), (2, 0, 1));
    assert_eq!(t.misses, ["t.txt: (1, '李仰哲', 'attendee')"]);
    assert_close(t.precision(), 1.0, "precision");
    assert_close(t.recall(), 2.0 / 3.0, "recall");
    assert_close(t.f1(), 0.8, "F1");
    // the ten other tables stay at 1
    assert_close(report.overall_f1(), (10.0 + 0.8) / 11.0, "overall F1");
    // titles are checked only for the rows found
    assert_eq!(report.field("attendance.title").map(|f| (f.ok, f.n)), Some((2, 2)));
}

#[test]
fn an_achievement_matches_at_dice_seven_tenths_and_not_below() {
    // gold 去年研发强度全市第一: 10 characters, 9 bigrams.
    // 去年研发强度全市排名居前: 12 characters, 11 bigrams, of which the first 7 (去年 … 全市)
    // are gold's: dice = 2·7 / (9 + 11) = 0.7, which is enough.
    let report = scored("UPDATE v_achievements SET text = '去年研发强度全市排名居前' WHERE seq = 1");
    assert_eq!(counts(report.table(Table::Achievements)), (4, 0, 0), "{report}");
    assert_eq!(report.field("achievement.period").map(|f| (f.ok, f.n)), Some((2, 2)));

    // 去年研发强度全区排名居前: 11 bigrams again, but only the first 6 (去年 … 度全) are gold's:
    // dice = 2·6 / 20 = 0.6. The clause is an extra and gold's is missed: P = R = 3/4.
    let report = scored("UPDATE v_achievements SET text = '去年研发强度全区排名居前' WHERE seq = 1");
    let t = report.table(Table::Achievements);
    assert_eq!(counts(t), (3, 1, 1), "{report}");
    assert_eq!(t.misses, ["闵行区: 去年研发强度全市第一"]);
    assert_eq!(t.extras, ["闵行区: 去年研发强度全区排名居前"]);
    assert_close(t.f1(), 0.75, "F1");
    // the unmatched pair's fields are not checked: period and rank only for the others
    assert_eq!(report.field("achievement.period").map(|f| (f.ok, f.n)), Some((1, 1)));
    assert_eq!(report.field("achievement.rank").map(|f| (f.ok, f.n)), Some((1, 1)));
}

#[test]
fn a_wrong_title_lowers_that_fields_accuracy_only() {
    let report = scored("UPDATE v_attendance SET title = '市长' WHERE person = '龚正'");
    let title = report.field("attendance.title").unwrap();
    assert_eq!((title.ok, title.n), (2, 3));
    assert_close(title.accuracy(), 2.0 / 3.0, "accuracy");
    assert_eq!(title.wrong, ["t.txt#(1, '龚正', 'attendee'): want '市委副书记、市长', got '市长'"]);
    // the row still counts as found, and the 18 other fields are right
    assert_eq!(report.overall_f1(), 1.0);
    assert_close(report.field_accuracy(), (18.0 + 2.0 / 3.0) / 19.0, "field accuracy");
}

#[test]
fn wrong_values_print_as_python_reprs() {
    // a quantity is the pair (value as float, measure); a NULL is None
    let report = scored("UPDATE v_achievements SET value = 1300, measure = NULL WHERE seq = 4");
    assert_eq!(
        report.field("achievement.quantity").unwrap().wrong,
        ["闵行区: 今年1-2月盘活存量土地1030: want (1030.0, '亩'), got (1300.0, None)"]
    );
}

#[test]
fn a_district_committee_speaks_for_its_district() {
    assert_eq!(score::unit_key("闵行区委"), "闵行区");
    assert_eq!(score::unit_key(" 松江区委 "), "松江区");
    assert_eq!(score::unit_key("遂昌縣委"), "遂昌縣");
    // not a district or county committee, or nothing before 区委
    assert_eq!(score::unit_key("市交通委"), "市交通委");
    assert_eq!(score::unit_key("区委"), "区委");
    // and in scoring, gold's 闵行区委 found the rows for 闵行区
    assert_eq!(counts(scored("").table(Table::UnitReports)), (1, 0, 0));
}

#[test]
fn text_compares_without_white_space_or_full_width() {
    assert_eq!(score::norm("全年　接待 游客，近２０００万人次\n"), "全年接待游客,近2000万人次");
    assert_eq!(score::strip_title("《 实施意见 》"), "实施意见");
    // 6 + 6 characters and the length, after normalization
    assert_eq!(score::para_key("市委季度工作会议昨天下午举行。").repr(), "('市委季度工作', '天下午举行。', 15)");
}

#[test]
fn fuzzy_ties_go_to_the_later_gold_item() {
    // both gold items are equally like the one prediction; score.py sorts (dice, i, j)
    // descending, so gold item 1 is paired and item 0 is missed
    let m = score::greedy_fuzzy(&["市委季度工作会议", "市委季度工作会议"], &["市委季度工作会议"], 0.9);
    assert_eq!((m.pairs, m.missed, m.extra), (vec![(1, 0)], vec![0], vec![]));
}

#[test]
fn empty_tallies_follow_score_py() {
    let t = |tp, fp, fn_| Tally { tp, fp, fn_, ..Tally::default() };
    // nothing to find and nothing found: perfect
    assert_eq!(t(0, 0, 0).prf(), (1.0, 1.0, 1.0));
    // nothing found of something: precision 0 (not 1), recall 0, F1 0
    assert_eq!(t(0, 0, 3).prf(), (0.0, 0.0, 0.0));
    // found things where there was nothing to find: recall 1, precision 0
    assert_eq!(t(0, 2, 0).prf(), (0.0, 1.0, 0.0));
}

#[test]
fn an_empty_database_misses_everything() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    let report = score::score(&conn, &[gold()]);
    assert_eq!(report.warnings, ["score.py: no articles for source 't.txt' in v_articles"]);
    // score.py scores a stand-in article (seq -1, no body), which maps to no gold article,
    // so it counts as one extra article
    assert_eq!(counts(report.table(Table::Articles)), (0, 1, 2));
    assert_eq!(counts(report.table(Table::Attendance)), (0, 0, 3));
    assert_eq!(counts(report.table(Table::Agreements)), (0, 0, 1));
    assert_eq!(report.overall_f1(), 0.0);
    // unmapped gold articles map to seq -1 too, so each is checked against the stand-in's
    // kind (None) and fails
    assert_eq!(report.field("article.kind").map(|f| (f.ok, f.n)), Some((0, 2)));
}
