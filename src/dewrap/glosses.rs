//! Pinyin glosses printed inside words: `會(huì)見`, `協(xié)議`, `區（qū）`.
//!
//! Some mirror sites print the pinyin of a character, tone marks and all, in brackets right
//! after it. The gloss cuts the word in two, so no rule would read `會見` or `協議`; it is not
//! text of the article. A gloss is an opening bracket (ASCII or full-width), one or two
//! syllables of one to six Latin letters of which at least one carries a tone mark, and the
//! closing bracket, right after a Han character. Brackets holding plain Latin letters
//! (`(GDP)`, `(ok)`) are not glosses: only a tone mark tells pinyin from an abbreviation.
//!
//! This runs first in dewrap, on the page as read, so that every later stage — and every
//! span — sees the text without glosses; dewrap's invariant names glosses as the one thing
//! besides layout white space it drops.

/// Letters with a pinyin tone mark (and ü).
fn is_toned(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
    )
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_toned(c)
}

/// The length in bytes of a gloss starting at `rest` (which starts with an opening bracket),
/// or `None`.
fn gloss_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, open) = chars.next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let (mut syllables, mut letters, mut toned) = (0, 0, false);
    for (at, c) in chars {
        if is_pinyin_letter(c) {
            if letters == 0 {
                syllables += 1;
            }
            letters += 1;
            toned |= is_toned(c);
            if letters > 6 || syllables > 2 {
                return None;
            }
        } else if c == ' ' && letters > 0 {
            letters = 0;
        } else if c == close && letters > 0 && toned {
            return Some(at + c.len_utf8());
        } else {
            return None;
        }
    }
    None
}

/// The page without its pinyin glosses, and how many were removed.
pub fn strip(page: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if !page.contains(['(', '（']) || !page.chars().any(is_toned) {
        return (std::borrow::Cow::Borrowed(page), 0);
    }
    let mut out = String::with_capacity(page.len());
    let mut removed = 0;
    let mut kept = 0;
    let mut prev: Option<char> = None;
    let mut chars = page.char_indices();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '(' | '（')
            && prev.is_some_and(crate::text::is_han)
            && let Some(len) = gloss_len(&page[at..])
        {
            out.push_str(&page[kept..at]);
            kept = at + len;
            removed += 1;
            // Skip the gloss; the character before it stays the one before what follows.
            while chars.clone().next().is_some_and(|(i, _)| i < kept) {
                chars.next();
            }
            continue;
        }
        prev = Some(c);
    }
    if removed == 0 {
        return (std::borrow::Cow::Borrowed(page), 0);
    }
    out.push_str(&page[kept..]);
    (std::borrow::Cow::Owned(out), removed)
}

/// The diagnostic telling how many glosses were removed (none when there were none).
pub fn diagnostics(removed: usize) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, DiagnosticKind, Location, Stage};
    if removed == 0 {
        return Vec::new();
    }
    vec![Diagnostic::new(
        Stage::Dewrap,
        DiagnosticKind::PinyinGlossesRemoved,
        Location::Page,
        format!("{removed} pinyin glosses printed inside words were removed"),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_after_han_characters_are_removed() {
        let (text, n) = strip("副區(qū)長林某會(huì)見了客人，雙方簽署合作協（xié）議。");
        assert_eq!(text, "副區長林某會見了客人，雙方簽署合作協議。");
        assert_eq!(n, 3);
    }

    #[test]
    fn two_syllables_are_one_gloss() {
        let (text, n) = strip("某某縣(qū yù)發展");
        assert_eq!((text.as_ref(), n), ("某某縣發展", 1));
    }

    #[test]
    fn brackets_that_are_not_glosses_stay() {
        for page in [
            "生产总值(GDP)增长5%",
            "试点(ok)项目",
            "(huì)开头不跟在汉字后",
            "会议(草案)",
            "某公司(abcdefgh)",
            "某词(huìjiànxiéyì)",
            "未闭合(huì",
        ] {
            let (text, n) = strip(page);
            assert_eq!((text.as_ref(), n), (page, 0), "{page}");
        }
    }
}
