//! Agreements signed: title, parties, who signed for each party, witnesses, and the terms.
//!
//! `A与B（昨天）（在X）签署…协议` names the parties and the title; several such clauses in
//! one report are several agreements. Signers come from the attendance (`代表双方签约`) and
//! are matched to parties by the organization in their title (`中国民航局副局长` signs for
//! `中国民航局`), else in the order printed. The terms are the sentence that opens with
//! `根据协议` (or `按照协议`), after the agreement it follows.

use std::sync::LazyLock;

use regex::Regex;

use super::{Agreement, ArticleInput, Attendance, Evidence, Party, Role};
use crate::diagnostics::Diagnostic;
use crate::lexicon::{self, Class, words};
use crate::text::{Span, Text};

/// A signing: parties, then dates, places and adverbs, then the verb and the title.
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    let (time, signing, nouns) = (&*lexicon::TIME_WORDS, &*lexicon::SIGNING_VERBS, &*lexicon::AGREEMENT_NOUNS);
    lexicon::regex(&format!(
        r"(?x)
          (?P<parties> [^，。；：“”]{{2,80}}? (?:与|和) [^，。；：“”]{{2,60}}? )     # A与B
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
        r"《(?P<a>[^》与和]{{2,30}}?)(?:与|和)(?P<rest>[^》]{{4,60}}?)》(?:的)?(?:正式)?{}",
        &*lexicon::SIGNING_VERBS
    ))
});
/// The words an agreement's title ends with.
static AGREEMENT_WORD: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&format!("{}$", &*lexicon::AGREEMENT_NOUNS)));
/// How an organization's name ends: where `武汉理工大学` stops in `武汉理工大学校地合作协议`.
static ORGANIZATION_END: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:人民政府|政府|大学|学院|学校|有限公司|公司|集团|管委会|委员会|研究院|研究所|医院|银行|中心|协会|商会|局|委|部|厅|办)",
    )
});
/// Words that may stand between a first party and `与`: a place, a date, an adverb.
static PARTY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"(?:在[^，。；]{{1,12}}?|分别|共同|正式|现场|(?:\d{{1,2}}\s*月)?\d{{1,2}}\s*日|{})+$",
        &*lexicon::TIME_WORDS
    ))
});
/// Words before the first party that are not part of it.
static PARTY_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"^(?:会上|推介会上|签约仪式上|仪式上|活动中|现场|随后|此外|同时|还|其中|期间)?(?:，)?")
});

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
    for c in SIGNED.captures_iter(norm) {
        let printed = |group: &str| text.printed_slice(text.span_of(c.name(group).expect("named group").range()));
        let (parties, conjunction) = parties_of(text, c.name("parties").expect("named group").range());
        let title = printed("title").trim_matches(['《', '》']).trim().to_string();
        let names: Vec<String> = parties.into_iter().map(|(name, _)| name).collect();
        found.push(Found {
            name: format!("{}{}{}", names.join(&conjunction), printed("verb"), title),
            parties: names,
            title,
            span: text.span_of(c.get(0).expect("whole match").range()),
        });
    }
    for c in CEREMONY.captures_iter(norm) {
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
        let (a, rest) = (c.name("a").expect("named group"), c.name("rest").expect("named group"));
        let Some(split) = party_end(rest.as_str()) else { continue };
        let printed = |r: std::ops::Range<usize>| text.printed_slice(text.trim(text.span_of(r))).to_string();
        let span = text.span_of(c.get(0).expect("whole match").range());
        if found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
            continue;
        }
        let title = printed(a.start()..rest.end());
        found.push(Found {
            parties: vec![printed(a.range()), printed(rest.start()..rest.start() + split)],
            name: format!("{title}签署"),
            title,
            span,
        });
    }
    // Parties are organizations: `副市长X和Y分别代表双方签署协议` names signers, not parties.
    found.retain(|f| {
        f.parties.iter().all(|party| {
            !party.contains("代表") && super::people::titled_mentions(&Text::new(party.as_str())).is_empty()
        })
    });
    found.sort_by_key(|f| f.span.start);
    found
}

/// Where a second party that runs into the title ends (`海河工业大学全面战略合作协议`): at the
/// last organization suffix that leaves a title of four characters or more.
fn party_end(rest: &str) -> Option<usize> {
    ORGANIZATION_END.find_iter(rest).map(|m| m.end()).filter(|&end| rest[end..].chars().count() >= 4).last()
}

/// A ceremony names what its agreement is about (`全面战略合作`); its title as printed is
/// where the signers sign it (`签署全面战略合作协议`), if the article says so.
fn title_signed_elsewhere(input: &ArticleInput, subject: &str) -> Option<String> {
    let pattern = format!(
        r"{}了?(?P<title>{}[^，。；：《》]{{0,12}}?{})",
        &*lexicon::SIGNING_VERBS,
        regex::escape(&crate::text::normalize(subject)),
        &*lexicon::AGREEMENT_NOUNS,
    );
    let re = Regex::new(&pattern).ok()?;
    input.body().find_map(|(_, paragraph)| {
        let text = &paragraph.text;
        let m = re.captures(text.norm())?.name("title")?;
        Some(text.printed_slice(text.span_of(m.range())).to_string())
    })
}

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
    attendance: &[Attendance],
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
                    "agreement_untitled",
                    agreement.evidence,
                    "a signing ceremony names no agreement, and no sentence says which was signed",
                ));
            }
        }
    }
    let signers: Vec<&Attendance> = attendance.iter().filter(|a| a.role == Role::Signer).collect();
    let witnesses: Vec<(String, Option<String>)> =
        attendance.iter().filter(|a| a.role == Role::Witness).map(|a| (a.person.clone(), a.title.clone())).collect();
    for agreement in &mut agreements {
        agreement.witnesses = witnesses.clone();
    }
    assign_signers(&mut agreements, &signers, input, diagnostics);
    agreements
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
                t.starts_with(&norm_party)
                    || organization_of(&t).is_some_and(|org| norm_party.contains(&org) || org.contains(&norm_party))
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
            "signer_without_party",
            s.evidence,
            format!("{} signed, but every party of the agreements already has a signer", s.person),
        ));
    }
}

/// The organization a title names before its title word (`中国民航局` of
/// `中国民航局副局长`), if it names one.
fn organization_of(title: &str) -> Option<String> {
    let last = title.rsplit('、').next()?;
    let word = lexicon::TITLE_WORD_RE.find_iter(last).last()?;
    let org = &last[..word.start()];
    (org.chars().count() >= 3).then(|| org.to_string())
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
