//! Agreements signed: title, parties, who signed for each party, witnesses, and the terms.
//!
//! `A与B（昨天）（在X）签署…协议` names the parties and the title; several such clauses in
//! one report are several agreements; a party stops at the words after it (`还`, `在…`,
//! `（以下简称…）`). `《A B…协议》签署` names the parties inside the title. `X代表P分别与
//! [org][title]Y、…签署…` says who signed for whom, one agreement per counterpart. Other signers
//! come from the attendance (`代表双方签约`, `A，B，分别代表双方签署`) and are matched to parties
//! by the organization in their title (`中国民航局副局长` signs for `中国民航局`), else in the
//! order printed. The terms are the sentence that opens with
//! `根据协议` (or `按照协议`), after the agreement it follows.

use std::sync::LazyLock;

use regex::Regex;

use super::{Agreement, ArticleInput, Attendance, Evidence, Party, Role};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::lexicon::{self, Class, words};
use crate::text::{Span, Text};

/// A signing: parties, then dates, places and adverbs, then the verb and the title.
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    let (time, signing, nouns) = (&*lexicon::TIME_WORDS, &*lexicon::SIGNING_VERBS, &*lexicon::AGREEMENT_NOUNS);
    lexicon::regex(&format!(
        r"(?x)
          (?P<parties> [^，。；：“”]{{2,80}}? (?:与|和)                         # A与B
                       (?: [^，。；：“”] | [（(]以下简称“[^”]{{1,16}}”[）)] ){{2,60}}? )  # （以下简称“B”）
          (?: (?:\d{{4}}\s*年\s*)? \d{{1,2}}\s*月\s*\d{{1,2}}\s*日                  # 4月1日
            | {time}                                                            # 昨天, 上午
            | 在[^，。；]{{1,16}}? | 于[^，。；]{{1,16}}?                          # 在沪
            | 正式 | 共同 | 现场 | 分别 | 顺利 | 成功
          )*
          (?:正式)? (?P<verb>{signing}) 了?
          (?P<title> 《[^》]{{2,60}}》 | [^，。；：]{{0,50}}? {nouns} )          # 《…》, 战略合作协议
        "
    ))
});
/// A signing ceremony named after its agreement: `A与B…合作协议签约仪式举行`, or after
/// what the agreement is about (`A与B全面战略合作签约仪式`), the title then printed where
/// the signers sign it.
static CEREMONY: LazyLock<Regex> = LazyLock::new(|| {
    let ceremony = words::alternation_of(|c| c == Class::Ceremony);
    lexicon::regex(&format!(r"(?P<a>[^，。；：“”]{{2,40}}?)(?:与|和)(?P<rest>[^，。；：“”]{{4,90}}?)(?:{ceremony})"))
});
/// An agreement named by its title, the parties inside it: `见证《A与B…协议》签署`.
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"《(?P<a>[^》与和]{{2,30}})(?P<conj>与|和)?(?P<rest>[^》]{{4,60}}?)》(?:的)?(?:正式)?{}",
        &*lexicon::SIGNING_VERBS
    ))
});
/// The words an agreement's title ends with.
static AGREEMENT_WORD: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&format!("{}$", &*lexicon::AGREEMENT_NOUNS)));
/// How an organization's name ends: where `武汉理工大学` stops in `武汉理工大学校地合作协议`.
static ORGANIZATION_END: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:人民政府|政府|大学|学院|学校|有限公司|公司|集团|管委会|委员会|研究院|研究所|医院|银行|中心|协会|商会|联谊会|局|委|部|厅|办)",
    )
});
/// Words that may stand between a first party and `与`: a place, a date, an adverb.
static PARTY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"(?:在[^，。；]{{1,12}}?|分别|共同|正式|现场|(?:\d{{1,2}}\s*月)?\d{{1,2}}\s*日|{})+$",
        &*lexicon::TIME_WORDS
    ))
});
/// Where a party's name stops: at a verb or preposition that follows it (`B举行…`, `A还与`,
/// `B在某地签署`, `B于…`, `B就…`) or at the short name it is given (`（以下简称“B”）`).
static PARTY_STOP: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"[（(]以下简称|举行|还|在|于|就"));
/// The people an organization sends, after its name: `负责人`, `代表`.
static PARTY_PERSON: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"[^，。；]{2}(?P<person>负责人|负责同志|代表)$"));
/// Words before a title that are not part of it: `具体的`, `有关`, `相关`.
static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"^(?:具体的|有关的?|相关的?)"));
/// `X代表P（分别）与[org][title]Y、[org][title]Z签署…`: X signs for P, each Y for the
/// organization in his title (or listed before the names), one agreement per counterpart.
static REPRESENTS: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"(?x)
          代表 (?P<party> [^，。；与和同]{{1,24}}? ) (?:分别)? (?:与|同)
          (?P<others> [^，。；]{{2,120}}? )
          (?:分别|共同)? (?:进行了?(?:现场)?)? (?P<verb>{}) 了?
          (?P<title> 《[^》]{{2,80}}》 | [^，。；：]{{0,50}} )
        ",
        &*lexicon::SIGNING_VERBS
    ))
});
/// `A，B，分别代表双方签署`, `A、B、C代表三方签署`: the names before it signed, one for each side.
static SIDES_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"[，,]?\s*(?:分别|共同)?代表(?:双方|各方|三方|[^，。；与]{{1,10}}?双方)(?:在协议上)?{}",
        &*lexicon::SIGNING_VERBS
    ))
});
/// Words before the first party that are not part of it.
static PARTY_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"^(?:会上|推介会上|签约仪式上|仪式上|活动中|现场|随后|此外|同时|还|其中|期间)?(?:，)?")
});

/// Verbs a party never does: it neither leads nor visits (`带领相关部门`, `…到某县考察`).
static PARTY_ACTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words::of(|c| matches!(c, Class::Inspecting | Class::Accompanying | Class::Holding)));

/// The first signing of an article: what events need to name it.
pub(super) struct Signing {
    pub evidence: Evidence,
    pub sentence: Span,
    /// `A与B签署…协议`.
    pub event_name: Option<String>,
}

/// A signing found in a paragraph.
pub(super) struct Found {
    parties: Vec<String>,
    title: String,
    span: Span,
    /// `A与B签署…协议`, as printed.
    name: String,
}

/// The signings of a paragraph, in printed order: `A与B签署…协议` and `A与B…协议签约仪式`.
pub(super) fn signings(text: &Text) -> Vec<Found> {
    let norm = text.norm();
    let mut found: Vec<Found> = Vec::new();
    // Every signing is said with 签 (签署, 签约仪式 …); the patterns, which open with the
    // parties, would otherwise be tried all along every paragraph.
    if !norm.contains('签') {
        return found;
    }
    let mut from = 0;
    while let Some(c) = next_signed(norm, from) {
        from = c.get(0).expect("whole match").end();
        // `自A与B签订…协议以来`: a signing of the past, recalled
        if norm[from..].starts_with("以来") {
            continue;
        }
        let printed = |group: &str| text.printed_slice(text.span_of(c.name(group).expect("named group").range()));
        let (parties, conjunction) = parties_of(text, c.name("parties").expect("named group").range());
        let title = strip_title_lead(printed("title").trim_matches(['《', '》']).trim()).to_string();
        let names: Vec<String> = parties.into_iter().map(|(name, _)| name).collect();
        found.push(Found {
            name: format!("{}{}{}", names.join(&conjunction), printed("verb"), title),
            parties: names,
            title,
            span: text.span_of(c.get(0).expect("whole match").range()),
        });
    }
    // The ceremony pattern, which opens with a party too, is tried only where one of its words is.
    let ceremonies = CEREMONY_WORDS.iter().any(|w| norm.contains(w)).then(|| CEREMONY.captures_iter(norm));
    for c in ceremonies.into_iter().flatten() {
        let (a, rest) = (c.name("a").expect("named group"), c.name("rest").expect("named group"));
        let Some(split) = party_end(rest.as_str()) else { continue };
        let lead = PARTY_LEAD.find(a.as_str()).map_or(0, |m| m.end());
        let printed = |r: std::ops::Range<usize>| text.printed_slice(text.trim(text.span_of(r))).to_string();
        let span = text.span_of(c.get(0).expect("whole match").range());
        if found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
            continue;
        }
        let whole = c.get(0).expect("whole match");
        found.push(Found {
            parties: vec![printed(a.start() + lead..a.end()), printed(rest.start()..rest.start() + split)],
            title: printed(rest.start() + split..rest.end()),
            name: printed(a.start() + lead..whole.end()),
            span,
        });
    }
    for c in TITLED.captures_iter(norm) {
        let (mut a, mut rest) =
            (c.name("a").expect("named group").range(), c.name("rest").expect("named group").range());
        if c.name("conj").is_none() {
            // `《甲省人民政府 乙大学战略合作协议》`: the parties side by side, the first ending
            // at its organization's suffix.
            let inner = &norm[a.start..rest.end];
            let Some(first) = ORGANIZATION_END.find(inner).filter(|m| inner[..m.start()].chars().count() >= 2) else {
                continue;
            };
            (a, rest) = (a.start..a.start + first.end(), a.start + first.end()..rest.end);
            if !AGREEMENT_WORD.is_match(&norm[rest.clone()]) {
                continue;
            }
        }
        let Some(split) = party_end(&norm[rest.clone()]) else { continue };
        let printed = |r: std::ops::Range<usize>| text.printed_slice(text.trim(text.span_of(r))).to_string();
        let span = text.span_of(c.get(0).expect("whole match").range());
        if found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
            continue;
        }
        let title = printed(a.start..rest.end);
        found.push(Found {
            parties: vec![printed(a.clone()), printed(rest.start..rest.start + split)],
            name: format!("{title}签署"),
            title,
            span,
        });
    }
    // Parties are organizations: `副市长X和Y分别代表双方签署协议` names signers, not parties.
    // Nor do they lead or visit (`带领相关部门`, `…到某县考察`).
    found.retain(|f| {
        f.parties.iter().all(|party| {
            let norm = crate::text::normalize(party);
            !party.contains("代表")
                && !PARTY_ACTS.iter().any(|w| norm.contains(w))
                && super::people::titled_mentions(&Text::new(party.as_str())).is_empty()
        })
    });
    found.sort_by_key(|f| f.span.start);
    found
}

/// The first match of [`SIGNED`] in a paragraph's normalized text from a byte on, as
/// `captures_iter` would find it: the pattern opens with the parties, and is tried at every
/// place it is given, so it is given the clause of a verb that may close a signing only. Every
/// verb of signing opens with 签, and a signing's parties (two, joined by 与 or 和), dates and
/// places run up to it without `，`, `。` or `；` (but inside `（以下简称“…”）`): the first 签
/// with 与 or 和 before it in its clause. No such 签 left, no signing.
fn next_signed(norm: &str, from: usize) -> Option<regex::Captures<'_>> {
    let mut verb = from + norm[from..].find('签')?;
    if norm.contains("以下简称") {
        return SIGNED.captures_at(norm, from);
    }
    loop {
        let clause = norm[..verb].rfind(['，', '。', '；']).map_or(0, |i| i + '，'.len_utf8()).max(from);
        if norm[clause..verb].contains(['与', '和']) {
            return SIGNED.captures_at(norm, clause);
        }
        verb += '签'.len_utf8();
        verb += norm[verb..].find('签')?;
    }
}

/// The words that name a signing ceremony (`签约仪式`).
static CEREMONY_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| words::of(|c| c == Class::Ceremony));

/// Where a second party that runs into the title ends (`海河工业大学全面战略合作协议`): at the
/// last organization suffix that leaves a title of four characters or more.
fn party_end(rest: &str) -> Option<usize> {
    ORGANIZATION_END.find_iter(rest).map(|m| m.end()).filter(|&end| rest[end..].chars().count() >= 4).last()
}

/// Where a party's name stops short of the words after it (`厦门大学还`, `B在某地`), if it does:
/// a stop word after the first two characters.
fn party_stop(party: &str) -> Option<usize> {
    PARTY_STOP.find_iter(party).map(|m| m.start()).find(|&at| party[..at].chars().count() >= 2)
}

/// A title without the words before it that are not part of it (`具体的`, `有关`).
fn strip_title_lead(title: &str) -> &str {
    let norm = crate::text::normalize(title);
    match TITLE_LEAD.find(&norm) {
        // normalization keeps one character for one, so the count of characters carries over
        Some(m) if norm[m.end()..].chars().count() >= 2 => {
            let skip = norm[..m.end()].chars().count();
            title.char_indices().nth(skip).map_or(title, |(i, _)| &title[i..])
        }
        _ => title,
    }
}

/// A ceremony names what its agreement is about (`全面战略合作`); its title as printed is
/// where the signers sign it (`签署全面战略合作协议`), if the article says so.
fn title_signed_elsewhere(input: &ArticleInput, subject: &str) -> Option<String> {
    let subject = crate::text::normalize(subject);
    // The pattern is compiled for each ceremony, which costs more than reading a page: only
    // when a body paragraph prints the subject right after a verb of signing, as it needs.
    if !input.body().any(|(_, paragraph)| signed_before(paragraph.text.norm(), &subject)) {
        return None;
    }
    let pattern = format!(
        r"{}了?(?P<title>{}[^，。；：《》]{{0,12}}?{})",
        &*lexicon::SIGNING_VERBS,
        regex::escape(&subject),
        &*lexicon::AGREEMENT_NOUNS,
    );
    let re = Regex::new(&pattern).ok()?;
    input.body().find_map(|(_, paragraph)| {
        let text = &paragraph.text;
        let m = re.captures(text.norm())?.name("title")?;
        Some(text.printed_slice(text.span_of(m.range())).to_string())
    })
}

/// Whether a text prints a word right after a verb of signing (`签署`, `签署了`), anywhere.
fn signed_before(norm: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(at) = norm[from..].find(word).map(|i| from + i) {
        let before = &norm[..at];
        let before = before.strip_suffix('了').unwrap_or(before);
        if SIGNING_WORDS.iter().any(|verb| before.ends_with(verb)) {
            return true;
        }
        // occurrences may overlap: the next one may start one character on
        match norm[at..].chars().next() {
            Some(c) => from = at + c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// The verbs of signing, as [`lexicon::SIGNING_VERBS`] alternates them.
static SIGNING_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| words::of(|c| c == Class::Signing));

pub(super) fn first_signing(input: &ArticleInput) -> Option<Signing> {
    input.body().find_map(|(p, paragraph)| {
        let f = input.signings(p).iter().find(|f| f.parties.len() == 2)?;
        let event_name = f.name.clone();
        let sentence = paragraph.sentence_at(f.span.start).unwrap_or(f.span);
        Some(Signing { evidence: Evidence { paragraph: p, span: f.span }, sentence, event_name: Some(event_name) })
    })
}

/// The parties named in a byte range of a paragraph's normalized text, as printed, with
/// their spans: the two sides of its first `与` (or, without one, its first `和`).
fn parties_of(text: &crate::text::Text, range: std::ops::Range<usize>) -> (Vec<(String, Span)>, String) {
    let lead = PARTY_LEAD.find(&text.norm()[range.clone()]).map_or(0, |m| m.end());
    let start = range.start + lead;
    let body = &text.norm()[start..range.end];
    let long_enough = |s: &str| s.chars().count() >= 2;
    let cut = ['与', '和'].iter().find_map(|&conjunction| {
        body.char_indices().find(|&(i, c)| c == conjunction && long_enough(&body[..i])).map(|(i, c)| (i, c.len_utf8()))
    });
    let Some((cut, len)) = cut else { return (Vec::new(), String::new()) };
    if !long_enough(&body[cut + len..]) {
        return (Vec::new(), String::new());
    }
    let conjunction = text.printed_slice(text.span_of(start + cut..start + cut + len)).to_string();
    // Words between the first party and its conjunction are not its name (`…人民政府在锡分别与`).
    let first_end = PARTY_TAIL.find(&body[..cut]).map_or(cut, |m| m.start());
    let parties = [start..start + first_end, start + cut + len..range.end]
        .into_iter()
        .map(|r| r.start..party_stop(&text.norm()[r.clone()]).map_or(r.end, |stop| r.start + stop))
        // `某学院负责人分别与某部门负责人签订`: the parties are the organizations
        .map(|r| {
            let person = PARTY_PERSON.captures(&text.norm()[r.clone()]).and_then(|c| c.name("person"));
            r.start..person.map_or(r.end, |m| r.start + m.start())
        })
        .map(|r| {
            let span = text.trim(text.span_of(r));
            (text.printed_slice(span).to_string(), span)
        })
        .collect();
    (parties, conjunction)
}

/// The agreements of an article, with signers and witnesses from its attendance. One
/// signing with several second parties (`A分别与B、C、D签署…协议`) is one agreement per
/// party.
pub(super) fn read(
    input: &ArticleInput,
    attendance: &mut Vec<Attendance>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Agreement> {
    let mut agreements: Vec<Agreement> = Vec::new();
    for (p, paragraph) in input.body() {
        let text = &paragraph.text;
        let found = input.signings(p);
        // Inside a run of sentences that state terms (`根据协议，…。B将…。C将…。`).
        let mut in_terms = false;
        for &sentence in &paragraph.sentences {
            let norm = text.norm_slice(sentence);
            let offset = text.norm_bytes(sentence).start;
            let opening = lexicon::AGREEMENT_TERMS.find(norm);
            if opening.is_some() || in_terms {
                let from = opening.map_or(sentence.start, |t| text.char_at_norm_byte(offset + t.end()));
                let span = text.trim(Span::new(from, sentence.end));
                // The agreement whose own party the sentence names, else (for the sentence
                // that opens the terms) the first agreement still without terms.
                let own = agreements.iter().position(|a| a.terms.is_none() && names_own_party(a, &agreements, norm));
                let target = own.or_else(|| opening.and_then(|_| agreements.iter().position(|a| a.terms.is_none())));
                if let Some(k) = target {
                    agreements[k].terms = Some(text.printed_slice(span).to_string());
                    in_terms = true;
                    continue;
                }
                in_terms = false;
            }
            for f in found.iter().filter(|f| sentence.contains(f.span) && f.parties.len() == 2) {
                for second in f.parties[1].split('、').map(str::trim).filter(|s| s.chars().count() >= 2) {
                    let parties = [f.parties[0].clone(), second.to_string()];
                    let title = (!f.title.is_empty()).then(|| f.title.clone());
                    let seen = agreements
                        .iter()
                        .any(|a| a.title == title && a.parties.iter().map(|p| &p.name).eq(parties.iter()));
                    if seen {
                        continue;
                    }
                    agreements.push(Agreement {
                        title,
                        parties: parties
                            .into_iter()
                            .map(|name| Party { name, signer: None, signer_title: None })
                            .collect(),
                        witnesses: Vec::new(),
                        terms: None,
                        evidence: Evidence { paragraph: p, span: f.span },
                    });
                }
            }
        }
    }
    for agreement in &mut agreements {
        let Some(title) = agreement.title.as_deref() else { continue };
        if !AGREEMENT_WORD.is_match(&crate::text::normalize(title)) {
            agreement.title = title_signed_elsewhere(input, title);
            if agreement.title.is_none() {
                diagnostics.push(input.diagnostic(
                    DiagnosticKind::AgreementUntitled,
                    agreement.evidence,
                    "a signing ceremony names no agreement, and no sentence says which was signed",
                ));
            }
        }
    }
    // Signers the clauses of signing name (`X代表P与…Y签署`, `A，B，分别代表双方签署`) and the
    // attendance did not: they are signers of the event too.
    let clauses = represented(input);
    for m in clauses.iter().flat_map(|c| c.signer.iter().chain(c.counterparts.iter().filter_map(|(_, s)| s.as_ref()))) {
        push_signer(attendance, m.clone());
    }
    for m in sides_signers(input) {
        push_signer(attendance, m);
    }
    let assigned = apply_represented(&mut agreements, &clauses);
    let signers: Vec<&Attendance> =
        attendance.iter().filter(|a| a.role == Role::Signer && !assigned.contains(&a.person)).collect();
    let witnesses: Vec<(String, Option<String>)> =
        attendance.iter().filter(|a| a.role == Role::Witness).map(|a| (a.person.clone(), a.title.clone())).collect();
    for agreement in &mut agreements {
        agreement.witnesses = witnesses.clone();
    }
    assign_signers(&mut agreements, &signers, input, diagnostics);
    // A ceremony that names no agreement (said in a diagnostic above) adds nothing beside the
    // agreements the article names.
    if agreements.iter().any(|a| a.title.is_some()) {
        agreements.retain(|a| a.title.is_some());
    }
    agreements
}

fn push_signer(attendance: &mut Vec<Attendance>, signer: Attendance) {
    if !attendance.iter().any(|a| a.role == Role::Signer && a.person == signer.person) {
        attendance.push(signer);
    }
}

/// A clause `X代表P与…Y签署…`: who signed for P, and each counterpart with who signed for it.
struct Represented {
    party: String,
    signer: Option<Attendance>,
    /// The counterparts' organizations, each with its signer if the clause names one.
    counterparts: Vec<(String, Option<Attendance>)>,
    title: Option<String>,
    evidence: Evidence,
}

fn signer_of(m: &super::people::Mention, paragraph: usize) -> Attendance {
    Attendance {
        person: m.name.clone(),
        title: m.title.clone(),
        role: Role::Signer,
        evidence: Evidence { paragraph, span: m.span },
    }
}

/// The clauses `X代表P（分别）与…签署` of an article.
fn represented(input: &ArticleInput) -> Vec<Represented> {
    let mut found = Vec::new();
    for (p, paragraph) in input.body() {
        let text = &paragraph.text;
        let norm = text.norm();
        if !norm.contains("代表") {
            continue;
        }
        let mentions = input.mentions(paragraph);
        for c in REPRESENTS.captures_iter(norm) {
            let party = c.name("party").expect("named group");
            if matches!(party.as_str(), "双方" | "各方" | "三方") {
                continue;
            }
            let whole = c.get(0).expect("whole match");
            let at = text.char_at_norm_byte(whole.start());
            let signer = mentions
                .iter()
                .find(|m| m.span.end == at)
                .map(|m| signer_of(m, p))
                .or_else(|| names_before_titles(text, whole.start(), p).and_then(|mut list| list.pop()));
            let others = text.span_of(c.name("others").expect("named group").range());
            // A title may have run back across `与` (`市政府与某大学副校长`): it starts after it.
            let named: Vec<super::people::Mention> = mentions
                .iter()
                .filter(|m| others.contains(m.name_span))
                .map(|m| {
                    let span = Span::new(m.span.start.max(others.start), m.span.end);
                    let title = Span::new(span.start, m.name_span.start);
                    let title = (!title.is_empty()).then(|| text.printed_slice(title).to_string()).or(m.title.clone());
                    super::people::Mention { title, span, ..m.clone() }
                })
                .collect();
            let named: Vec<&super::people::Mention> = named.iter().collect();
            let counterparts = counterparts(text, others, &named, p);
            if counterparts.is_empty() {
                continue;
            }
            let title =
                c.name("title").filter(|t| t.as_str().trim_matches(['《', '》']).chars().count() >= 2).map(|t| {
                    let span = text.span_of(t.range());
                    strip_title_lead(text.printed_slice(span).trim_matches(['《', '》']).trim()).to_string()
                });
            let printed = |r: std::ops::Range<usize>| text.printed_slice(text.trim(text.span_of(r))).to_string();
            found.push(Represented {
                party: printed(party.range()),
                signer,
                counterparts,
                title,
                evidence: Evidence { paragraph: p, span: text.span_of(whole.range()) },
            });
        }
    }
    found
}

/// The counterparts after `与`: each named person for the organization in his title, or for
/// the organizations listed before the names, in order (`A、B负责人C和D`); without a name, the
/// organizations alone.
fn counterparts(
    text: &Text,
    others: Span,
    named: &[&super::people::Mention],
    p: usize,
) -> Vec<(String, Option<Attendance>)> {
    let is_org = |s: &str| ORGANIZATION_END.is_match(&crate::text::normalize(s));
    let from_titles: Vec<Option<String>> =
        named.iter().map(|m| m.title.as_deref().and_then(printed_organization)).collect();
    let distinct = from_titles.iter().flatten().collect::<std::collections::HashSet<_>>().len();
    if !named.is_empty() && from_titles.iter().all(Option::is_some) && distinct == named.len() {
        return named.iter().zip(from_titles).map(|(m, org)| (org.expect("checked"), Some(signer_of(m, p)))).collect();
    }
    let head_end = named.first().map_or(others.end, |m| m.name_span.start);
    let head = text.printed_slice(Span::new(others.start, head_end));
    // `A、B负责人C和D`: the title word the names share, after the organizations.
    let norm_head = crate::text::normalize(head);
    let (head, shared_title) = match lexicon::TITLE_WORD_RE.find_iter(&norm_head).last() {
        Some(w) if !named.is_empty() && w.end() == norm_head.len() => {
            let at = norm_head[..w.start()].chars().count();
            (head.chars().take(at).collect::<String>(), Some(head.chars().skip(at).collect::<String>()))
        }
        _ => (head.to_string(), None),
    };
    let orgs: Vec<String> =
        head.split(['、', '，']).map(|s| s.trim().to_string()).filter(|s| s.chars().count() >= 2).collect();
    if orgs.is_empty() || !orgs.iter().all(|o| is_org(o)) {
        return Vec::new();
    }
    if named.is_empty() {
        return orgs.into_iter().map(|o| (o, None)).collect();
    }
    if orgs.len() == named.len() {
        return orgs
            .into_iter()
            .zip(named)
            .map(|(o, m)| {
                let mut signer = signer_of(m, p);
                signer.title = shared_title.clone().or(signer.title);
                (o, Some(signer))
            })
            .collect();
    }
    Vec::new()
}

/// The organization a title names before its title word, as printed (`东南大学` of
/// `东南大学副校长`), from any of its posts.
fn printed_organization(title: &str) -> Option<String> {
    let norm = crate::text::normalize(title);
    let org = organizations_of(&norm).into_iter().next()?;
    let start = norm.find(&org)?;
    let skip = norm[..start].chars().count();
    Some(title.chars().skip(skip).take(org.chars().count()).collect())
}

/// Whether two printed names are one organization: one holds the other, or they differ only in
/// `人民政府` / `政府`.
fn same_organization(a: &str, b: &str) -> bool {
    let core = |s: &str| {
        let s = crate::text::normalize(s);
        s.strip_suffix("人民政府").or_else(|| s.strip_suffix("政府")).unwrap_or(&s).to_string()
    };
    let (a, b) = (core(a), core(b));
    a.chars().count() >= 2 && b.chars().count() >= 2 && (a.contains(&b) || b.contains(&a))
}

/// Gives the agreements the signers and parties the clauses of representation say: the
/// agreement with a counterpart's organization as a party, or (for a clause with one
/// counterpart) with the represented party; an agreement no signing named yet when the clause
/// names its title. Returns the people assigned.
fn apply_represented(agreements: &mut Vec<Agreement>, clauses: &[Represented]) -> Vec<String> {
    let mut assigned = Vec::new();
    for clause in clauses {
        for (org, counterpart) in &clause.counterparts {
            let by_org = agreements
                .iter()
                .position(|a| a.parties.len() == 2 && a.parties.iter().any(|p| same_organization(&p.name, org)));
            let by_party = || {
                (clause.counterparts.len() == 1)
                    .then(|| {
                        agreements.iter().position(|a| {
                            a.parties.len() == 2 && a.parties.iter().any(|p| same_organization(&p.name, &clause.party))
                        })
                    })
                    .flatten()
            };
            let k = match by_org.or_else(by_party) {
                Some(k) => k,
                None => {
                    let Some(title) = clause.title.clone() else { continue };
                    agreements.push(Agreement {
                        title: Some(title),
                        parties: [clause.party.clone(), org.clone()]
                            .into_iter()
                            .map(|name| Party { name, signer: None, signer_title: None })
                            .collect(),
                        witnesses: Vec::new(),
                        terms: None,
                        evidence: clause.evidence,
                    });
                    agreements.len() - 1
                }
            };
            let parties = &mut agreements[k].parties;
            let theirs = if same_organization(&parties[0].name, org) {
                0
            } else {
                // the counterpart is the second party, unless the represented party is the first
                usize::from(
                    same_organization(&parties[1].name, org) || same_organization(&parties[0].name, &clause.party),
                )
            };
            let ours = 1 - theirs;
            // `我市` is the city speaking of itself; `代表市政府` names the organ that signed.
            if parties[ours].name.starts_with('我') && !same_organization(&parties[ours].name, &clause.party) {
                parties[ours].name = clause.party.clone();
            }
            for (i, signer) in [(theirs, counterpart.as_ref()), (ours, clause.signer.as_ref())] {
                if let Some(s) = signer.filter(|_| parties[i].signer.is_none()) {
                    parties[i].signer = Some(s.person.clone());
                    parties[i].signer_title = s.title.clone();
                    assigned.push(s.person.clone());
                }
            }
        }
    }
    assigned
}

/// The people of the clause that ends at a byte of a paragraph's normalized text, when each is
/// printed name first (`某厅黄河明厅长`, `李学焦副市长`): the list split at `和`, `、`; every
/// item an organization (or none), a name that opens with a surname, and a title word.
/// `None` when an item is not of that form.
fn names_before_titles(text: &Text, end: usize, p: usize) -> Option<Vec<Attendance>> {
    let norm = text.norm();
    let start = norm[..end].rfind(['，', '。', '；', '：']).map_or(0, |i| i + '，'.len_utf8());
    let mut found = Vec::new();
    let mut item_start = start;
    for piece in norm[start..end].split_inclusive(['和', '、']) {
        let item_end = item_start + piece.len();
        let item = piece.trim_end_matches(['和', '、']);
        let range = item_start..item_start + item.len();
        item_start = item_end;
        let word = lexicon::TITLE_WORD_RE.find_iter(item).last().filter(|w| w.end() == item.len())?;
        let before: Vec<char> = item[..word.start()].chars().collect();
        let n = before.len();
        let surname = |k: usize| n >= k && lexicon::starts_with_surname(&before[n - k..].iter().collect::<String>());
        // a name of three characters when only its first is a surname, else of two
        let len = if surname(3) && !surname(2) {
            3
        } else if surname(2) {
            2
        } else {
            return None;
        };
        if !before[n - len..].iter().all(|&c| crate::text::is_han(c)) {
            return None;
        }
        let name_from = range.start + before[..n - len].iter().map(|c| c.len_utf8()).sum::<usize>();
        let name_to = range.start + word.start();
        let printed = |r: std::ops::Range<usize>| text.printed_slice(text.span_of(r)).to_string();
        found.push(Attendance {
            person: printed(name_from..name_to),
            title: Some(format!("{}{}", printed(range.start..name_from), printed(name_to..range.end))),
            role: Role::Signer,
            evidence: Evidence { paragraph: p, span: text.span_of(range) },
        });
    }
    (!found.is_empty()).then_some(found)
}

/// The people named right before `分别代表双方签署` (`A，B，分别代表双方签署`), in printed order.
fn sides_signers(input: &ArticleInput) -> Vec<Attendance> {
    let mut found = Vec::new();
    for (p, paragraph) in input.body() {
        let text = &paragraph.text;
        if !text.norm().contains("代表") {
            continue;
        }
        let mentions = input.mentions(paragraph);
        for m in SIDES_SIGN.find_iter(text.norm()) {
            let at = text.char_at_norm_byte(m.start());
            let Some(sentence) = paragraph.sentence_at(at) else { continue };
            let mut list: Vec<&super::people::Mention> = Vec::new();
            let mut boundary = at;
            for mention in mentions.iter().rev().filter(|x| x.span.end <= at && x.span.start >= sentence.start) {
                if mention.span.end > boundary {
                    continue;
                }
                let between = text.norm_slice(Span::new(mention.span.end, boundary)).trim();
                let joined = if list.is_empty() {
                    between.is_empty()
                } else {
                    matches!(between, "，" | "、" | "和" | "与" | "及" | "")
                };
                if !joined {
                    break;
                }
                list.push(mention);
                boundary = mention.span.start;
            }
            if list.is_empty() {
                // `A秘书处甲秘书长和B厅乙厅长分别代表各方签字`
                found.extend(names_before_titles(text, m.start(), p).unwrap_or_default());
            }
            found.extend(list.into_iter().rev().map(|m| signer_of(m, p)));
        }
    }
    found
}

/// Whether a sentence names a party of this agreement that not every agreement shares.
fn names_own_party(agreement: &Agreement, all: &[Agreement], norm: &str) -> bool {
    agreement.parties.iter().any(|party| {
        let shared = all.iter().all(|a| a.parties.iter().any(|p| p.name == party.name));
        !shared && norm.contains(&crate::text::normalize(&party.name))
    })
}

/// Matches signers to parties: first by the organization in a signer's title (`东南大学副校长`
/// signs for `东南大学`), then the others in printed order to the parties still without one,
/// agreement by agreement.
fn assign_signers(
    agreements: &mut [Agreement],
    signers: &[&Attendance],
    input: &ArticleInput,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut free: Vec<&Attendance> = signers.to_vec();
    for party in agreements.iter_mut().flat_map(|a| a.parties.iter_mut()) {
        let norm_party = crate::text::normalize(&party.name);
        let by_org = free.iter().position(|s| {
            s.title.as_deref().is_some_and(|t| {
                let t = crate::text::normalize(t);
                t.starts_with(&norm_party) || organizations_of(&t).iter().any(|org| same_organization(&norm_party, org))
            })
        });
        if let Some(i) = by_org {
            let s = free.remove(i);
            party.signer = Some(s.person.clone());
            party.signer_title = s.title.clone();
        }
    }
    for party in agreements.iter_mut().flat_map(|a| a.parties.iter_mut()).filter(|p| p.signer.is_none()) {
        if free.is_empty() {
            break;
        }
        let s = free.remove(0);
        party.signer = Some(s.person.clone());
        party.signer_title = s.title.clone();
    }
    for s in free {
        diagnostics.push(input.diagnostic(
            DiagnosticKind::SignerWithoutParty,
            s.evidence,
            format!("{} signed, but every party of the agreements already has a signer", s.person),
        ));
    }
}

/// The organizations a title names before its title words (`中国民航局` of
/// `中国民航局副局长`), post by post, the last post first.
fn organizations_of(title: &str) -> Vec<String> {
    title
        .rsplit(['、', '，'])
        .filter_map(|post| {
            let word = lexicon::TITLE_WORD_RE.find(post)?;
            let org = &post[..word.start()];
            (org.chars().count() >= 3).then(|| org.to_string())
        })
        .collect()
}

#[cfg(test)]
/// The signings of one paragraph, read by [`signings`] alone.
mod paragraph_tests {
    use super::*;

    /// The parties and title of each signing of a paragraph.
    fn read(paragraph: &str) -> Vec<(Vec<String>, String)> {
        signings(&Text::new(paragraph)).into_iter().map(|f| (f.parties, f.title)).collect()
    }

    fn check(paragraph: &str, parties: &[&str], title: &str) {
        let found = read(paragraph);
        let first = found.first().unwrap_or_else(|| panic!("no signing in {paragraph}"));
        assert_eq!(first.0, parties, "{paragraph}");
        assert_eq!(first.1, title, "{paragraph}");
    }

    #[test]
    fn a_party_stops_at_the_words_after_it() {
        check("此外，青禾大学还与东岭市科技局签署了有关合作协议。", &["青禾大学", "东岭市科技局"], "合作协议");
        check(
            "5月3日，南湖市贸易促进会与西江省商务厅在南湖会展中心签署了《经贸合作协议》。",
            &["南湖市贸易促进会", "西江省商务厅"],
            "经贸合作协议",
        );
        check(
            "白杨机械集团与远山电器公司（以下简称“远山电器”）在白杨总部签署战略合作框架协议。",
            &["白杨机械集团", "远山电器公司"],
            "战略合作框架协议",
        );
        check("学院与县文旅局签订具体的横向科研项目协议。", &["学院", "县文旅局"], "横向科研项目协议");
    }

    #[test]
    fn a_signing_recalled_or_a_clause_of_visitors_is_no_signing() {
        assert!(read("他表示，自南江与北岭签订对口合作协议以来，两地往来日益密切。").is_empty());
        assert!(read("学院党委书记带领相关部门和学院负责人到某县考察并签署战略合作协议。").is_empty());
    }

    #[test]
    fn signings_are_found_from_the_clause_of_each_verb_as_along_the_whole_paragraph() {
        use crate::test_pages::{CORPUS, SAMPLE, normalized};
        let mut lines: Vec<String> = normalized(&[SAMPLE, CORPUS])
            .iter()
            .flat_map(|p| p.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        // a short name holding a comma, and a title holding a full stop, before and after the verb
        lines.push("甲市人民政府与乙集团（以下简称“乙，丙”）签署《合作。协议》，丁市与戊大学签约".to_string());
        let mut signed = 0;
        for line in &lines {
            let everywhere: Vec<_> =
                SIGNED.captures_iter(line).map(|c| c.get(0).expect("whole match").range()).collect();
            let mut from = 0;
            let mut stepped = Vec::new();
            while let Some(c) = next_signed(line, from) {
                from = c.get(0).expect("whole match").end();
                stepped.push(c.get(0).expect("whole match").range());
            }
            assert_eq!(stepped, everywhere, "{line}");
            signed += everywhere.len();
        }
        assert!(signed >= 10, "only {signed} signings");
    }

    #[test]
    fn parties_side_by_side_inside_the_title() {
        check(
            "省长林某会见客人一行，共同出席《东川省人民政府 北湖大学战略合作协议》签约仪式。",
            &["东川省人民政府", "北湖大学"],
            "东川省人民政府 北湖大学战略合作协议",
        );
        // a title naming one organization is no signing between two
        assert!(read("双方共同见证《东川省人民政府工作规则》签署。").is_empty());
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::extract::tests::event_of;

    /// Renders the agreements of a page: title, each party with its signer, witnesses, terms.
    fn check(page: &str, expect: Expect) {
        let event = event_of(page);
        let mut lines = Vec::new();
        for a in &event.agreements {
            lines.push(format!("《{}》", a.title.as_deref().unwrap_or("-")));
            for p in &a.parties {
                let signer = p.signer.as_deref().unwrap_or("-");
                lines.push(format!(
                    "  party {} signed by {} [{}]",
                    p.name,
                    signer,
                    p.signer_title.as_deref().unwrap_or("-")
                ));
            }
            for (name, title) in &a.witnesses {
                lines.push(format!("  witness {} [{}]", name, title.as_deref().unwrap_or("-")));
            }
            if let Some(terms) = &a.terms {
                lines.push(format!("  terms {terms}"));
            }
        }
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn parties_title_signers_and_terms() {
        check(
            "本报讯 昨天上午，市政府与星河电子集团签署战略合作协议。市委书记陈明见证签约。\n\
             副市长李红与星河电子集团总裁白岩代表双方签约。根据协议，双方将共建研发中心。\n",
            expect![[r#"
                《战略合作协议》
                  party 市政府 signed by 李红 [副市长]
                  party 星河电子集团 signed by 白岩 [星河电子集团总裁]
                  witness 陈明 [市委书记]
                  terms 双方将共建研发中心。"#]],
        );
    }

    #[test]
    fn a_time_word_between_the_parties_and_the_verb() {
        check(
            "本报讯 市政府与海河大学昨天清晨在沪签订合作备忘录。\n",
            expect![[r#"
                《合作备忘录》
                  party 市政府 signed by - [-]
                  party 海河大学 signed by - [-]"#]],
        );
    }

    #[test]
    fn a_ceremony_named_after_what_the_agreement_is_about() {
        check(
            "本报讯 市政府与海河工业大学全面战略合作签约仪式昨天举行。双方签署全面战略合作框架协议。\n",
            expect![[r#"
                《全面战略合作框架协议》
                  party 市政府 signed by - [-]
                  party 海河工业大学 signed by - [-]"#]],
        );
    }
}
