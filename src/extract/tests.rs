//! Extraction of whole small pages, run through every stage before it.

use chrono::NaiveDate;

use super::{Event, Speaker, TimeOfDay, extract};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::segment::Tokenizer;
use crate::{classify, dewrap, segment};

fn run(page: &str, issue_date: &str) -> (Vec<Option<Event>>, Vec<Diagnostic>) {
    let (dewrapped, _) = dewrap::dewrap(page);
    let (segmented, _) = segment::segment(&dewrapped, &Tokenizer::new());
    let (classified, _) = classify::classify(segmented);
    let date = NaiveDate::parse_from_str(issue_date, "%Y-%m-%d").unwrap();
    let (extraction, diagnostics) = extract(&classified, Some(date));
    (extraction.articles.into_iter().map(|a| a.event).collect(), diagnostics)
}

fn location(page: &str) -> (Option<String>, Vec<DiagnosticKind>) {
    let (events, diagnostics) = run(page, "2024-05-10");
    let event = events.into_iter().flatten().next().expect("an event");
    (event.location, diagnostics.iter().map(|d| d.kind).collect())
}

#[test]
fn an_ambiguous_city_abbreviation_is_the_city_the_article_names() {
    let changsha = "本报讯 昨天上午，市委书记王建国在长会见了岳阳市党政代表团一行。王建国说，长沙与岳阳山水相连。\n";
    assert_eq!(location(changsha).0.as_deref(), Some("长沙"));
    let changchun = "本报讯 昨天下午，市长李文华在长会见了吉林大学校长一行。李文华表示，长春将为高校发展做好服务。\n";
    assert_eq!(location(changchun).0.as_deref(), Some("长春"));
}

#[test]
fn an_abbreviation_the_article_does_not_settle_stays_as_printed_with_a_diagnostic() {
    let page = "本报讯 昨天上午，市委书记王建国在长会见了省外代表团一行，双方进行了座谈交流。\n";
    let (place, kinds) = location(page);
    assert_eq!(place.as_deref(), Some("长"));
    assert!(kinds.contains(&DiagnosticKind::PlaceAmbiguous), "{kinds:?}");
}

#[test]
fn an_unambiguous_abbreviation_is_its_city() {
    let page = "本报讯 昨天上午，市委书记王建国在沪会见了客人一行。\n";
    assert_eq!(location(page).0.as_deref(), Some("上海"));
}

#[test]
fn an_abbreviation_on_a_traditional_page_is_its_city_in_traditional_characters() {
    let page = "本報訊 昨天上午，市委書記王建國在連會見了客人一行。\n";
    assert_eq!(location(page).0.as_deref(), Some("大連"));
}

fn first_event(page: &str) -> Event {
    run(page, "2025-05-21").0.into_iter().flatten().next().expect("an event")
}

#[test]
fn a_reception_that_ends_in_a_signing_is_the_signing() {
    let page = "县委书记会见企业客人 来源：某县新闻网 发布时间：2025-05-21 09:00\n\
        5月20日上午，县委书记林海会见了星河电子股份有限公司董事长章立一行。县委副书记、县长吴桐参加会见。 \
        林海对章立一行表示欢迎。 章立介绍了企业发展情况。 \
        会见后，某县人民政府与星河电子股份有限公司签署项目投资协议。副县长丁凯与星河电子股份有限公司总经理白岩代表双方签约，林海、章立见证签约。\n";
    let event = first_event(page);
    assert_eq!(event.kind, super::EventKind::Signing);
    assert_eq!(event.date, NaiveDate::from_ymd_opt(2025, 5, 20));
    assert_eq!(event.time_of_day, Some(TimeOfDay::Morning));
    let agreement = &event.agreements[0];
    assert_eq!(agreement.title.as_deref(), Some("项目投资协议"));
    let signers: Vec<_> = agreement.parties.iter().map(|p| p.signer.as_deref()).collect();
    assert_eq!(signers, [Some("丁凯"), Some("白岩")]);
}

#[test]
fn witnesses_named_before_the_signing() {
    let page = "本報訊 5月20日上午,市政府與華星科技集團有限公司簽署戰略合作協議。\n\
        在市委書記顧明、集團董事長鄧凡的共同見證下,副市長葉秋與華星科技集團有限公司副總裁孟輝代表雙方簽約。\n";
    let event = first_event(page);
    let witnesses: Vec<&str> =
        event.attendance.iter().filter(|a| a.role == super::Role::Witness).map(|a| a.person.as_str()).collect();
    assert_eq!(witnesses, ["顧明", "鄧凡"]);
}

#[test]
fn a_statement_is_the_meeting_s_or_a_named_person_s() {
    let page = "本报讯 市政府昨天下午召开常务会议。市长陈明远主持会议。\n\
        会议指出，要持续推进老旧小区改造。\n\
        陈明远强调，要压实责任，确保各项任务按期完成。\n";
    let event = first_event(page);
    assert_eq!(event.time_of_day, Some(TimeOfDay::Afternoon));
    let speakers: Vec<&Speaker> = event.statements.iter().map(|s| &s.speaker).collect();
    assert_eq!(speakers, [&Speaker::Meeting, &Speaker::Person("陈明远".to_string())]);
    assert_eq!(speakers.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["会议", "陈明远"]);
}

/// The event of the first article of a page that reports one, the page issued on 2024-04-02:
/// what the `check()` harnesses of the rules render.
pub(super) fn event_of(page: &str) -> Event {
    run(page, "2024-04-02").0.into_iter().flatten().next().expect("an event")
}

#[test]
fn a_signing_ceremony_named_only_as_such_is_named_after_its_signing() {
    let page =
        "本报讯 5月20日上午，青山县人民政府与南湖学院签订战略合作协议。县长陈光、学院党委书记周平出席签约仪式。\n";
    let event = first_event(page);
    assert_eq!(event.name.as_deref(), Some("青山县人民政府与南湖学院签订战略合作协议"));
}

type Signed = (Option<String>, Vec<(String, Option<String>)>);

/// Each agreement's title and its parties with their signers.
fn agreements(page: &str) -> Vec<Signed> {
    first_event(page)
        .agreements
        .into_iter()
        .map(|a| (a.title, a.parties.into_iter().map(|p| (p.name, p.signer)).collect()))
        .collect()
}

fn party(name: &str, signer: Option<&str>) -> (String, Option<String>) {
    (name.to_string(), signer.map(str::to_string))
}

#[test]
fn one_signer_with_several_counterparts_signs_one_agreement_with_each() {
    let page = "本报讯 5月20日上午，山岭农业大学与高校合作座谈会暨签约仪式在南城举行。\
        签约仪式上，校长罗成代表我校分别与东湖大学副校长钱进、西坡学院副院长孔亮签署两校协同发展实施方案。\n";
    let title = Some("两校协同发展实施方案".to_string());
    assert_eq!(
        agreements(page),
        [
            (title.clone(), vec![party("我校", Some("罗成")), party("东湖大学", Some("钱进"))]),
            (title, vec![party("我校", Some("罗成")), party("西坡学院", Some("孔亮"))]),
        ]
    );
}

#[test]
fn the_counterpart_after_with_signs_for_the_organization_in_his_title() {
    let page = "本报讯 5月20日上午，市政府与北川水利学院签署战略合作框架协议。\
        副市长方圆代表市政府与北川水利学院副院长白露签署协议。\n";
    assert_eq!(
        agreements(page),
        [(
            Some("战略合作框架协议".to_string()),
            vec![party("市政府", Some("方圆")), party("北川水利学院", Some("白露"))]
        )]
    );
}

#[test]
fn representing_an_organ_names_the_party() {
    let page = "本報訊 5月20日，市委副書記、市長江濤代表市政府與南嶺設計研究院有限公司簽訂了戰略框架協議。\n";
    let found = agreements(page);
    assert_eq!(found[0].1, [party("市政府", Some("江濤")), party("南嶺設計研究院有限公司", None)]);
}

#[test]
fn signers_named_before_a_comma_and_respectively_are_paired_by_organization() {
    let page = "本报讯 5月20日下午，北港集团与市交运集团签署战略合作框架协议。\
        市交运集团党委副书记、副总经理管宁，北港集团党委副书记、副总经理鲍叔，分别代表双方签署了《战略合作框架协议》。\n";
    assert_eq!(
        agreements(page),
        [(
            Some("战略合作框架协议".to_string()),
            vec![party("北港集团", Some("鲍叔")), party("市交运集团", Some("管宁"))]
        )]
    );
}

#[test]
fn paired_lists_of_organizations_and_names() {
    let page = "本报讯 5月20日，西岸招商项目签约仪式在临江举行。\
        会上，副市长卫青代表开发区管委会分别与北岭商会、南岭企业家联谊会负责人程远和韦方签订了招商引资框架协议。\n";
    let title = Some("招商引资框架协议".to_string());
    assert_eq!(
        agreements(page),
        [
            (title.clone(), vec![party("开发区管委会", Some("卫青")), party("北岭商会", Some("程远"))]),
            (title, vec![party("开发区管委会", Some("卫青")), party("南岭企业家联谊会", Some("韦方"))]),
        ]
    );
}

/// Each approved document's title and decision.
fn documents(page: &str) -> Vec<(String, String)> {
    first_event(page).documents.into_iter().map(|d| (d.title, d.decision)).collect()
}

fn document(title: &str, decision: &str) -> (String, String) {
    (title.to_string(), decision.to_string())
}

#[test]
fn a_list_of_titles_goes_on_past_items_without_one() {
    let page = "本报讯 5月20日，县政府召开第九次常务会议。\
        会议讨论通过了《东岗县林地保护实施方案》、关于河道清淤的请示、《东岗县供水补贴管理办法》。\n";
    assert_eq!(
        documents(page),
        [document("东岗县林地保护实施方案", "讨论通过"), document("东岗县供水补贴管理办法", "讨论通过")]
    );
}

#[test]
fn an_agent_may_stand_between_the_decision_and_the_title() {
    let page = "本报讯 5月20日，区政府召开第5次常务会议。会议原则同意区农业局提出的《西湾区耕地整治工作方案》，要求抓紧印发。\n";
    assert_eq!(documents(page), [document("西湾区耕地整治工作方案", "原则同意")]);
}

#[test]
fn a_decision_after_the_list_applies_to_every_title() {
    let page = "本报讯 5月20日，市委常委会召开会议。\
        会议讨论了全会报告（讨论稿）、研究了《南岭市学习中心组学习细则》等三项议题，并原则通过。\n";
    assert_eq!(documents(page), [document("南岭市学习中心组学习细则", "原则通过")]);
}

#[test]
fn a_title_heard_after_a_comma_is_not_approved() {
    let page = "本报讯 5月20日，市政府召开常务会议。会议审议通过了《北岭市节水行动方案》，听取了《北岭市防汛预案》起草情况汇报。\n";
    assert_eq!(documents(page), [document("北岭市节水行动方案", "审议通过")]);
}

fn meeting(page: &str) -> Option<String> {
    first_event(page).name
}

#[test]
fn a_name_after_the_verb_that_is_not_the_organs_own_takes_the_organ() {
    let page = "本报讯 昨天，市政府召开常务会议，研究近期重点工作。市长周明主持会议。\n";
    assert_eq!(meeting(page).as_deref(), Some("市政府常务会议"));
    let page = "本报讯 5月20日下午，区八届人大常委会举行第12次会议。区人大常委会主任吴江主持会议。\n";
    assert_eq!(meeting(page).as_deref(), Some("区八届人大常委会第12次会议"));
    let page = "本报讯 近日，省委常委会召开会议，研究部署全省春耕工作。省委书记秦岭主持会议。\n";
    assert_eq!(meeting(page).as_deref(), Some("省委常委会会议"));
}

#[test]
fn brackets_and_joined_meetings_belong_to_the_name() {
    let page = "本报讯 5月20日下午，全市县（区）委书记座谈会暨防汛、安全生产工作会议召开。市委书记严松主持会议。\n";
    assert_eq!(meeting(page).as_deref(), Some("全市县（区）委书记座谈会暨防汛、安全生产工作会议"));
    let page =
        "本报讯 5月20日上午，区委常委会（扩大）会议召开，传达学习全国某工作会议上的讲话精神。区委书记石峰主持会议。\n";
    assert_eq!(meeting(page).as_deref(), Some("区委常委会（扩大）会议"));
    let page = "本报讯 5月20日上午，区长许达主持召开区政府全体（扩大）会议暨重点项目推进会。\n";
    assert_eq!(meeting(page).as_deref(), Some("区政府全体（扩大）会议暨重点项目推进会"));
}

#[test]
fn a_name_after_de_starts_after_it() {
    let page = "本报讯 5月20日，县长罗江一行到东坪镇检查工作。在随后召开的督查汇报会上，镇长作了汇报。\n";
    assert_eq!(meeting(page).as_deref(), Some("督查汇报会"));
}

#[test]
fn signers_printed_name_first_sign_for_the_organization_before_their_names() {
    let page = "本报讯 5月20日下午，南洋经贸论坛秘书处与东川省商务厅签署经贸合作协议。\
        南洋经贸论坛秘书处贺知章秘书长和东川省商务厅柳永厅长分别代表各方在协议上签字。\n";
    assert_eq!(
        agreements(page),
        [(
            Some("经贸合作协议".to_string()),
            vec![party("南洋经贸论坛秘书处", Some("贺知章")), party("东川省商务厅", Some("柳永"))]
        )]
    );
    let titles: Vec<_> = first_event(page).attendance.into_iter().map(|a| (a.person, a.title)).collect();
    assert!(titles.contains(&("柳永".to_string(), Some("东川省商务厅厅长".to_string()))), "{titles:?}");
}

#[test]
fn parties_are_the_organizations_their_people_come_from() {
    let page = "本报讯 5月20日，县政府与南湖学院签订战略合作协议。学院二级学院负责人分别与县相关部门负责人签订横向科研项目协议。\n";
    let found = agreements(page);
    assert_eq!(found[1].1, [party("学院二级学院", None), party("县相关部门", None)]);
}

#[test]
fn a_signing_at_a_meeting_is_an_agreement_of_the_meeting() {
    let page = "本报讯 5月20日，两地合作交流座谈会在南江召开。会上，南江市与北岭区签订了深化合作框架协议。\n";
    let event = first_event(page);
    assert_eq!(event.kind, super::EventKind::Meeting);
    assert_eq!(
        agreements(page),
        [(Some("深化合作框架协议".to_string()), vec![party("南江市", None), party("北岭区", None)])]
    );
}
