//! One person, one row, whatever the script: a name printed in simplified characters on one
//! page and in traditional ones on another (or both on one page) is one row of `people` and
//! of `v_person_activity`, while each fact shows the name as its page printed it.

use std::fs;

use crate::operator::*;

const SIMPLIFIED: &str = "本报讯 市政府昨天召开常务会议，研究部署城市更新工作。市长陈明远主持会议并讲话。

会议指出，要坚持以人民为中心，持续推进老旧小区改造，不断改善群众居住条件。

副市长李华出席会议。
";

const TRADITIONAL: &str = "本報訊 市政府昨天召開專題會議，研究部署營商環境工作。市長陳明遠主持會議並講話。

會議指出，要持續優化營商環境，為各類經營主體紓困解難。

副市長李華出席會議。
";

#[test]
fn a_person_printed_in_both_scripts_is_one_row_and_each_page_keeps_its_form() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    fs::write(pages.join("a_2024-05-06.txt"), SIMPLIFIED).unwrap();
    fs::write(pages.join("b_2024-05-07.txt"), TRADITIONAL).unwrap();
    let db = dir.path().join("x.db");
    let out = ingest(&db, &["-q"], &[&pages]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        rows(&db, "SELECT source, person, role FROM v_attendance ORDER BY source, role"),
        [
            "a_2024-05-06.txt | 李华 | attendee",
            "a_2024-05-06.txt | 陈明远 | chair",
            "b_2024-05-07.txt | 李華 | attendee",
            "b_2024-05-07.txt | 陳明遠 | chair"
        ]
    );
    assert_eq!(
        rows(&db, "SELECT source, chair FROM v_meetings ORDER BY source"),
        ["a_2024-05-06.txt | 陈明远", "b_2024-05-07.txt | 陳明遠"]
    );
    assert_eq!(
        rows(&db, "SELECT person, events, chaired, attended FROM v_person_activity ORDER BY person"),
        ["李华 | 2 | 0 | 2", "陈明远 | 2 | 2 | 0"]
    );
    assert_eq!(rows(&db, "SELECT count(*) FROM people"), ["2"]);
}
