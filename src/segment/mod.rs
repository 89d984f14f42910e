//! Stage 2: blocks become articles, headlines, pull quotes, paragraphs, sentences and words.
//!
//! Input: a [`Dewrapped`] page and the [`Tokenizer`]. Output: [`Segmented`], the page's
//! articles in reading order, each with its dateline and byline, its headlines (引题 kicker,
//! 主题 headline, 副题 subtitle), its body paragraphs and subheadings (小标题) split into
//! sentences and cut into words and search words (one pass of jieba gives both), the passages
//! printed a second time beside it (pull quotes), and the notes printed around it (`来源：`,
//! `责任编辑：`, an author tag).
//!
//! How articles are found:
//! - an article begins at a dateline (`本报讯`, `新华社上海4月1日电` …), or at a byline line
//!   (`（记者 X 报道）`), or after an author tag closed the previous one; a page with none of
//!   these is one article;
//! - headline lines printed right before an article's start are its headlines (on top); on a
//!   print layout, the block of headline lines printed after the last article is shared out
//!   among the articles by the words each line shares with each article (see `headlines`);
//!   on a web copy (dewrap's `Layout::Unwrapped`) the lines after the last paragraph are a
//!   trailer or a paragraph the copy cut off, and the site's header, captions and metadata
//!   on top are not headlines (see `page_noise`);
//! - a block whose text is printed a second time elsewhere on the page is a pull quote of
//!   the article holding the first printing (see `pull_quotes`); it is kept out of bodies.
//!
//! Invariant: every block of the page ends up in exactly one place — a paragraph, a headline,
//! a pull quote, a note — or in a diagnostic saying why it was set aside.
//!
//! Not responsible for: what the text means (classify and extract read it).

mod headlines;
mod idf;
mod page_noise;
mod pull_quotes;
pub mod tokens;

use std::sync::LazyLock;

use regex::Regex;

use crate::dewrap::{Block, Dewrapped, Layout, LineRange, Origin, Shape};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Location, Stage};
use crate::lexicon;
use crate::text::{self, Span, Text};
use crate::web::MarkupRole;
pub use tokens::{Token, Tokenizer};

#[derive(Debug)]
pub struct Segmented {
    pub articles: Vec<Article>,
}

#[derive(Debug, Default)]
pub struct Article {
    /// The dateline as printed (`本报讯`), without the byline.
    pub dateline: Option<String>,
    /// The byline as printed (`（记者 张三 李四）`).
    pub byline: Option<String>,
    pub reporters: Vec<Reporter>,
    /// 引题: the line printed above the main title.
    pub kicker: Option<Heading>,
    /// 主题: the main title.
    pub headline: Option<Heading>,
    /// 副题: the line printed under the main title.
    pub subtitle: Option<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub pull_quotes: Vec<PullQuote>,
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub text: String,
    pub lines: LineRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reporter {
    pub name: String,
    /// As printed: `记者`, `通讯员` …
    pub role: String,
}

/// A line printed around an article that is not part of it: `来源：…`, `责任编辑：…`, an
/// author tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// `来源`, `原标题`, `责任编辑`, `作者` …
    pub label: String,
    pub value: String,
    pub lines: LineRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphRole {
    /// 正文: running text.
    Body,
    /// 小标题: a heading inside the body.
    Subheading,
}

impl ParagraphRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphRole::Body => "body",
            ParagraphRole::Subheading => "subheading",
        }
    }
}

#[derive(Debug)]
pub struct Paragraph {
    pub text: Text,
    pub role: ParagraphRole,
    pub lines: LineRange,
    /// Sentence spans, covering the text.
    pub sentences: Vec<Span>,
    /// Its words, in order: jieba's `cut`.
    pub tokens: Vec<Token>,
    /// Its search words: jieba's `cut_for_search`, each word of `tokens` after the dictionary
    /// words inside it. Cut with `tokens`, in one pass of jieba.
    pub search_tokens: Vec<Token>,
}

impl Paragraph {
    fn new(text: Text, role: ParagraphRole, lines: LineRange, tokenizer: &Tokenizer) -> Self {
        let sentences = sentences(&text);
        let (tokens, search_tokens) = tokenizer.cut_with_search(&text);
        Paragraph { text, role, lines, sentences, tokens, search_tokens }
    }

    /// The sentence holding a character.
    pub fn sentence_at(&self, char: usize) -> Option<Span> {
        self.sentences.iter().copied().find(|s| s.start <= char && char < s.end)
    }

    /// The words inside a span.
    pub fn tokens_in(&self, span: Span) -> impl Iterator<Item = Token> + '_ {
        self.tokens.iter().copied().filter(move |t| span.contains(t.span))
    }
}

/// A passage printed a second time beside an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PullQuote {
    pub text: String,
    pub lines: LineRange,
    /// Where the passage is printed in the body: paragraph index and span.
    pub source: Option<(usize, Span)>,
}

/// What a block of the page is, before it is placed in an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Opens with a dateline.
    Dateline,
    /// A byline on a line of its own: `（记者 X 报道）`.
    Byline,
    /// An author tag closing an article: `（张三）`.
    AuthorTag,
    /// `来源：`, `原标题：`, `责任编辑：` …
    Note,
    /// The page's own furniture: `第1版`, `2024年4月2日 星期二`, `打印本页`.
    Furniture,
    /// A photo caption.
    Caption,
    /// A single line that does not end a sentence: headline or subheading.
    Heading,
    Body,
    /// Printed a second time: the index of the block holding the first printing.
    PullQuote(usize),
}

static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[【\[]?(?P<label>来源|原标题|责任编辑|责编|编辑|校对|审核|作者|摄影|图片|视频|文字|文|图|供图|转自|本文来源|编审|监制|终审|初审|复审|值班编辑)[】\]]?\s*[：:]\s*(?P<value>.*)$",
    )
});
/// A note in brackets, the colon often left out: `（责任编辑 龙媛）`, `(编辑:张三)`.
static NOTE_BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[（(]\s*(?P<label>责任编辑|责编|编辑|校对|审核|编审|监制|值班编辑|终审)\s*[：:]?\s*(?P<value>[^（）()]{1,24}?)\s*[）)]$",
    )
});
static NOTE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"(?:来源|发布时间|浏览次数)\s*[：:]"));
static AUTHOR_TAG: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"^[（(]\s*(?P<names>[\p{Han}·]{2,4}(?:[\s、，][\p{Han}·]{2,4}){0,3}|完)\s*[）)]$")
});
static AUTHOR_TAG_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"[。！？”](?P<tag>[（(]\s*(?:[\p{Han}·]{2,4}(?:[\s、，][\p{Han}·]{2,4}){0,3}|完)\s*[）)])$")
});
static BYLINE_AT_END: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&format!(r"[。！？”](?P<byline>{})$", &*lexicon::BYLINE)));
static BYLINE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&format!(r"^\s*(?P<byline>{})\s*$", &*lexicon::BYLINE)));
/// A byline on a line of its own, without brackets: `记者 王某某 李某某`, `本报记者 张三`.
static BYLINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let roles = &*lexicon::REPORTER_ROLES;
    lexicon::regex(&format!(
        r"(?x)
          ^(?:本报|新华社)? (?:{roles}) \s*[：:]?\s* [\p{{Han}}·]{{2,4}}        # 记者 张三
          (?: [\s、，]* (?:本报)? (?:{roles}) \s* [\p{{Han}}·]{{2,4}}          # 通讯员 李四
            | [\s、，]+ [\p{{Han}}·]{{2,4}}                                   # 王五
          ){{0,5}}
          (?:\s*报道)?$"
    ))
});
/// A photo caption: `图为…`, `▲…`, or a line ending with the photographer (`本报记者 张三 摄`).
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"^(?:图为|[▲△■□◆●]|（图）|图片来源)|(?:{}|新华社|本报)?\s*[\p{{Han}}·]{{2,4}}\s*(?:摄|摄影|供图)(?:）)?$",
        &*lexicon::REPORTER_ROLES
    ))
});
/// A web page's own furniture: font size switches, print and close buttons, share links.
static WEB_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^(?:首页|当前位置|您的位置|您现在的位置)\s*[：:>＞»›]|[>＞»›][^>＞»›]{1,12}[>＞»›]|^[【\[]?(?:字体|字号)\s*[：:]|打印本页|关闭窗口|^[【\[](?:打印|关闭|返回顶部|收藏|分享)[】\]]|分享到\s*[：:]|扫一扫|^(?:上一篇|下一篇|相关新闻|相关阅读|相关链接|返回顶部)",
    )
});
/// A jump line: where an article goes on from or continues on another page.
static JUMP_AT_START: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^\s*[（(](?:上接|紧接|接|上转)第?\s*[0-9一二三四五六七八九十]+\s*版[）)]\s*"));
static JUMP_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"\s*[（(](?:下转|转|转下|转至|紧转|转第)第?\s*[0-9一二三四五六七八九十]*\s*版[）)]\s*$")
});
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^(?:.{0,16}第\s*[0-9一二三四五六七八九十]+\s*版.{0,16}|.{0,20}星期[一二三四五六日天].{0,20}|\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)$",
    )
});

/// Splits a page into articles.
pub fn segment(page: &Dewrapped, tokenizer: &Tokenizer) -> (Segmented, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let JumpsTaken { blocks, texts, jumps, continues } =
        take_jump_lines(&page_noise::split_glued_metadata(&page.blocks));
    let blocks = &blocks;
    let mut roles: Vec<Role> = blocks.iter().zip(&texts).map(|(b, t)| role_of(b, t)).collect();
    for (quote, source) in pull_quotes::find(&texts, &roles) {
        roles[quote] = Role::PullQuote(source);
    }
    let closing: Vec<bool> = texts.iter().map(|t| ends_with_author_tag(t.norm())).collect();
    let starts = article_starts(&roles, &closing, &continues);
    // A web copy (one paragraph per line) prints its headline on top; what follows its last
    // paragraph is a trailer, not a block of headlines as on a printed page.
    let web = page.layout == Layout::Unwrapped;
    let mut articles: Vec<Article> = Vec::new();
    // Where each block went: (article, paragraph) for body blocks, to link pull quotes.
    let mut placed: Vec<Option<(usize, usize)>> = vec![None; blocks.len()];
    let mut trailing: Vec<usize> = Vec::new();
    let mut pending_quotes: Vec<(usize, usize)> = Vec::new();
    for (a, range) in starts.iter().enumerate() {
        let mut article = Article::default();
        let mut top: Vec<usize> = Vec::new();
        let mut headings_after_body: Vec<usize> = Vec::new();
        // How many top lines were printed before each navigation line on top.
        let mut navigation_on_top: Vec<usize> = Vec::new();
        let last = a + 1 == starts.len();
        for i in range.clone() {
            let (block, text) = (&blocks[i], &texts[i]);
            article.notes.extend(jumps[i].iter().cloned());
            match roles[i] {
                Role::Dateline if article.dateline.is_none() && article.paragraphs.is_empty() => {
                    let rest = take_dateline(&mut article, text);
                    if !rest.is_empty() {
                        placed[i] = Some((a, article.paragraphs.len()));
                        let body = Text::new(text.printed_slice(rest));
                        article.paragraphs.push(Paragraph::new(body, ParagraphRole::Body, block.lines, tokenizer));
                    }
                }
                Role::Byline if article.paragraphs.is_empty() && article.byline.is_none() => {
                    let span = match BYLINE_ONLY.captures(text.norm()) {
                        Some(caps) => text.span_of(caps.name("byline").expect("named group").range()),
                        None => text.full(),
                    };
                    set_byline(&mut article, text.printed_slice(span));
                }
                Role::Heading if article.paragraphs.is_empty() => top.push(i),
                Role::Heading => headings_after_body.push(i),
                Role::PullQuote(source) => pending_quotes.push((i, source)),
                Role::Note | Role::AuthorTag | Role::Byline | Role::Caption => {
                    article.notes.push(note_of(block, text));
                }
                Role::Furniture => {
                    if article.paragraphs.is_empty() && page_noise::is_navigation(text.norm()) {
                        navigation_on_top.push(top.len());
                    }
                    diagnostics.push(Diagnostic::new(
                        Stage::Segment,
                        DiagnosticKind::PageFurniture,
                        Location::Line(block.lines.first),
                        format!("set aside as page furniture: {}", block.text),
                    ))
                }
                Role::Dateline | Role::Body => {
                    for h in headings_after_body.drain(..) {
                        article.paragraphs.push(Paragraph::new(
                            texts[h].clone(),
                            ParagraphRole::Subheading,
                            blocks[h].lines,
                            tokenizer,
                        ));
                    }
                    placed[i] = Some((a, article.paragraphs.len()));
                    article.paragraphs.push(Paragraph::new(text.clone(), ParagraphRole::Body, block.lines, tokenizer));
                }
            }
        }
        if last && page.layout == Layout::Markup {
            // A web page's article ends where its markup's container ends: lines after it
            // (a source line, an editor's name) are notes, not another article's headlines.
            for h in headings_after_body {
                article.notes.push(aside(&blocks[h]));
            }
        } else if last && web {
            web_trailer(&mut article, &headings_after_body, blocks, &texts, tokenizer, &mut diagnostics);
        } else if last {
            trailing = headings_after_body;
        } else {
            for h in headings_after_body {
                diagnostics.push(Diagnostic::new(
                    Stage::Segment,
                    DiagnosticKind::StrayHeading,
                    Location::Line(blocks[h].lines.first),
                    format!("a heading line after the last paragraph of article {}, kept as its subheading", a + 1),
                ));
                article.paragraphs.push(Paragraph::new(
                    texts[h].clone(),
                    ParagraphRole::Subheading,
                    blocks[h].lines,
                    tokenizer,
                ));
            }
        }
        strip_closing_tags(&mut article, tokenizer);
        let marked =
            top.iter().position(|&h| matches!(blocks[h].origin, Origin::Element { role: MarkupRole::Headline, .. }));
        if let Some(k) = marked {
            set_marked_headings(&mut article, &top.iter().map(|&h| heading_of(&blocks[h])).collect::<Vec<_>>(), k);
        } else {
            // A web copy's header: the top lines printed before the last navigation line that
            // more top lines follow.
            let header_end = navigation_on_top.iter().rev().find(|&&n| n < top.len()).copied().unwrap_or(0);
            if web && header_end > 0 {
                site_header(&mut article, top.drain(..header_end).collect(), blocks, &mut diagnostics);
            }
            let adjacent: Vec<bool> = (0..top.len()).map(|i| i > 0 && top[i] == top[i - 1] + 1).collect();
            let top: Vec<Heading> = top.iter().map(|&h| heading_of(&blocks[h])).collect();
            let top = if web { web_top(&mut article, top, &adjacent, &mut diagnostics) } else { top };
            set_headings(&mut article, top, &mut diagnostics, a);
        }
        articles.push(article);
    }
    if !trailing.is_empty() {
        let lines: Vec<Heading> = trailing.iter().map(|&h| heading_of(&blocks[h])).collect();
        headlines::share_out(&mut articles, lines, tokenizer, &mut diagnostics);
    }
    for (quote, source) in pending_quotes {
        let pull_quote = PullQuote { text: blocks[quote].text.clone(), lines: blocks[quote].lines, source: None };
        match placed[source] {
            Some((a, p)) => {
                let span = pull_quotes::locate(&articles[a].paragraphs[p].text, &texts[quote]);
                articles[a].pull_quotes.push(PullQuote { source: span.map(|s| (p, s)), ..pull_quote });
            }
            None => diagnostics.push(Diagnostic::new(
                Stage::Segment,
                DiagnosticKind::OrphanPullQuote,
                Location::Line(blocks[quote].lines.first),
                "a passage printed twice whose first printing is not in an article body; set aside",
            )),
        }
    }
    // An "article" with neither text, headline nor dateline is what was printed after the one
    // before it: its notes go there.
    let mut kept: Vec<Article> = Vec::with_capacity(articles.len());
    for article in articles {
        let empty = !article.paragraphs.iter().any(|p| p.role == ParagraphRole::Body)
            && article.headline.is_none()
            && article.dateline.is_none();
        match kept.last_mut() {
            Some(previous) if empty => {
                previous.notes.extend(article.notes);
                previous.pull_quotes.extend(article.pull_quotes);
            }
            _ if empty && article.notes.is_empty() && article.pull_quotes.is_empty() => {}
            _ => kept.push(article),
        }
    }
    let articles = kept;
    if articles.is_empty() {
        diagnostics.push(Diagnostic::new(
            Stage::Segment,
            DiagnosticKind::NoArticle,
            Location::Page,
            "no article found on the page",
        ));
    }
    (Segmented { articles }, diagnostics)
}

fn role_of(block: &Block, text: &Text) -> Role {
    let norm = text.norm();
    if norm.trim().is_empty() {
        return Role::Furniture;
    }
    match &block.origin {
        Origin::Element { role: MarkupRole::Headline, .. } => return Role::Heading,
        Origin::Element { role: MarkupRole::Caption, .. } => return Role::Caption,
        _ => {}
    }
    if lexicon::dateline_start(norm).is_some() {
        return Role::Dateline;
    }
    // A caption can end like a byline (`本报记者 张三 摄`): the camera decides.
    if (text.len() <= 120 && CAPTION.is_match(norm)) || page_noise::is_signed_caption(norm) {
        return Role::Caption;
    }
    if BYLINE_ONLY.is_match(norm) || BYLINE_LINE.is_match(norm) {
        return Role::Byline;
    }
    if AUTHOR_TAG.is_match(norm) && author_names(norm).is_some() {
        return Role::AuthorTag;
    }
    let short = text.len() <= 80;
    if short && (NOTE.is_match(norm) || NOTE_BRACKETED.is_match(norm) || NOTE_ANYWHERE.is_match(norm)) {
        return Role::Note;
    }
    if text.len() <= 40 && WEB_FURNITURE.is_match(norm) {
        return Role::Furniture;
    }
    match page_noise::line_kind(norm) {
        Some(page_noise::LineKind::Meta { .. }) => return Role::Note,
        Some(page_noise::LineKind::Furniture) => return Role::Furniture,
        None => {}
    }
    match block.shape {
        Shape::Line if FURNITURE.is_match(norm) => Role::Furniture,
        Shape::Line => Role::Heading,
        Shape::Paragraph => Role::Body,
    }
}

/// The names of an author tag, when every one of them starts with a surname (or the tag is
/// `（完）`).
fn author_names(tag: &str) -> Option<Vec<&str>> {
    let inner = tag.trim_matches(|c: char| matches!(c, '（' | '）' | '(' | ')' | '。' | '！' | '？' | '”'));
    if inner == "完" {
        return Some(Vec::new());
    }
    let names: Vec<&str> =
        inner.split(|c: char| c.is_whitespace() || c == '、' || c == '，').filter(|s| !s.is_empty()).collect();
    names.iter().all(|n| lexicon::starts_with_surname(n)).then_some(names)
}

/// Whether a block ends with an author tag (`…座谈会。（林小雨）`), which closes an article.
fn ends_with_author_tag(norm: &str) -> bool {
    AUTHOR_TAG_AT_END.captures(norm).is_some_and(|c| author_names(&c["tag"]).is_some())
}

/// The ranges of blocks that make up each article: an article opens at a dateline, at a
/// byline line after running text, or at the first heading or text after an author tag
/// (`closing`) ended the one before.
fn article_starts(roles: &[Role], closing: &[bool], continues: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut starts: Vec<usize> = Vec::new();
    let mut seen_body = false;
    let mut closed = false;
    for (i, role) in roles.iter().enumerate() {
        let opens = match role {
            Role::Dateline => true,
            Role::Byline => {
                let next_text =
                    roles[i + 1..].iter().find(|r| !matches!(r, Role::Heading | Role::Note | Role::Furniture));
                seen_body
                    && !matches!(roles.get(i.wrapping_sub(1)), Some(Role::Dateline))
                    && next_text == Some(&Role::Body)
            }
            Role::Heading | Role::Body => closed || (continues[i] && seen_body),
            _ => false,
        };
        if opens {
            starts.push(i);
            closed = false;
        }
        match role {
            Role::Body | Role::Dateline => {
                seen_body = true;
                closed = closing[i];
            }
            Role::AuthorTag => closed = seen_body,
            _ => {}
        }
    }
    if starts.is_empty() {
        return std::iter::once(0..roles.len()).collect();
    }
    // Headings right before a start are the new article's headlines.
    for s in starts.iter_mut() {
        while *s > 0 && roles[*s - 1] == Role::Heading {
            *s -= 1;
        }
    }
    // What comes before the first start is that article's, unless it holds running text of
    // its own: then it is an article without a dateline.
    if roles[..starts[0]].iter().any(|r| matches!(r, Role::Body)) {
        starts.insert(0, 0);
    } else {
        starts[0] = 0;
    }
    let mut ranges = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(roles.len());
        if s < end {
            ranges.push(s..end);
        }
    }
    ranges
}

/// The blocks of a page with their jump lines taken off.
struct JumpsTaken {
    blocks: Vec<Block>,
    /// The text of each block.
    texts: Vec<Text>,
    /// The jump lines taken off each block, as a note.
    jumps: Vec<Option<Note>>,
    /// Whether each block opened with a jump line from another page (`（上接第1版）`).
    continues: Vec<bool>,
}

/// Takes jump lines (`（下转第2版）`, `（上接第1版）`) off the blocks, as notes of the block they
/// were printed with. (A block that opened with `（上接第1版）` continues an article from
/// another page: it opens an article here.)
fn take_jump_lines(blocks: &[Block]) -> JumpsTaken {
    let mut taken = JumpsTaken {
        blocks: Vec::with_capacity(blocks.len()),
        texts: Vec::with_capacity(blocks.len()),
        jumps: Vec::with_capacity(blocks.len()),
        continues: Vec::with_capacity(blocks.len()),
    };
    for block in blocks {
        let text = Text::new(block.text.as_str());
        let norm = text.norm();
        let opening = JUMP_AT_START.find(norm);
        taken.continues.push(opening.is_some());
        let start = opening.map_or(0, |m| m.end());
        let end = JUMP_AT_END.find(&norm[start..]).map_or(norm.len(), |m| start + m.start());
        if start == 0 && end == norm.len() {
            taken.blocks.push(block.clone());
            taken.texts.push(text);
            taken.jumps.push(None);
            continue;
        }
        let jump = [&norm[..start], &norm[end..]].concat();
        let body = text.printed_slice(text.span_of(start..end)).to_string();
        taken
            .jumps
            .push(Some(Note { label: "转版".to_string(), value: jump.trim().to_string(), lines: block.lines }));
        let shape = if body.trim().is_empty() { Shape::Line } else { block.shape };
        taken.texts.push(Text::new(body.as_str()));
        taken.blocks.push(Block { text: body, lines: block.lines, shape, origin: block.origin.clone() });
    }
    taken
}

/// Takes the dateline and byline off an article's first block; returns the span of what is
/// left.
fn take_dateline(article: &mut Article, text: &Text) -> Span {
    let Some(caps) = lexicon::dateline_start(text.norm()) else {
        return text.full();
    };
    let dateline = caps.name("dateline").expect("named group");
    article.dateline = Some(text.printed_slice(text.span_of(dateline.range())).trim().to_string());
    if let Some(byline) = caps.name("byline") {
        set_byline(article, text.printed_slice(text.span_of(byline.range())));
    }
    let end = text.char_at_norm_byte(caps.get(0).expect("whole match").end());
    text.trim(Span::new(end, text.len()))
}

fn set_byline(article: &mut Article, byline: &str) {
    article.byline = Some(byline.trim().to_string());
    article.reporters = reporters_of(byline);
}

static REPORTER_ROLE: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&format!(r"^(?:本报)?({})", &*lexicon::REPORTER_ROLES)));

/// The people of a byline: `（记者 林晓燕 通讯员 陈思远）`.
static REPORTER_ROLE_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&format!(r"(?:本报)?(?:{})", &*lexicon::REPORTER_ROLES)));

fn reporters_of(byline: &str) -> Vec<Reporter> {
    let norm = text::normalize(byline);
    // Role words separate names even where layout spaces were taken out (`记者周海通讯员林立`).
    let spaced = REPORTER_ROLE_ANYWHERE.replace_all(&norm, " $0");
    let inner = spaced.trim().trim_start_matches(['（', '(']).trim_end_matches(['）', ')']).trim();
    let mut reporters = Vec::new();
    let mut role = String::from("记者");
    for word in inner.split(|c: char| c.is_whitespace() || c == '、' || c == '，') {
        let mut word = word.trim_end_matches("报道");
        if let Some(m) = REPORTER_ROLE.find(word) {
            role = m.as_str().trim_start_matches("本报").to_string();
            word = &word[m.end()..];
        }
        if word.is_empty() || word == "报道" {
            continue;
        }
        reporters.push(Reporter { name: word.to_string(), role: role.clone() });
    }
    reporters
}

fn note_of(block: &Block, text: &Text) -> Note {
    let norm = text.norm();
    if let Some(caps) = NOTE.captures(norm).or_else(|| NOTE_BRACKETED.captures(norm)) {
        let value = caps.name("value").expect("named group");
        return Note {
            label: caps["label"].to_string(),
            value: text.printed_slice(text.span_of(value.range())).trim().to_string(),
            lines: block.lines,
        };
    }
    if let Some((label, value_at)) = page_noise::meta_of(norm) {
        let value = text.printed_slice(text.span_of(value_at..norm.len())).trim().to_string();
        return Note { label, value, lines: block.lines };
    }
    let label = if CAPTION.is_match(norm) {
        "图片说明"
    } else if BYLINE_ONLY.is_match(norm) || BYLINE_LINE.is_match(norm) {
        "署名"
    } else if AUTHOR_TAG.is_match(norm) {
        "作者"
    } else {
        "附注"
    };
    Note { label: label.to_string(), value: block.text.trim().to_string(), lines: block.lines }
}

/// Takes an author tag or byline off the end of an article's last paragraph.
fn strip_closing_tags(article: &mut Article, tokenizer: &Tokenizer) {
    let Some(last) = article.paragraphs.iter().rposition(|p| p.role == ParagraphRole::Body) else {
        return;
    };
    let paragraph = &article.paragraphs[last];
    let norm = paragraph.text.norm();
    let byline = BYLINE_AT_END.captures(norm).map(|c| (c.name("byline").expect("named group").range(), true));
    let author = || {
        AUTHOR_TAG_AT_END.captures(norm).and_then(|c| {
            let tag = c.name("tag").expect("named group");
            author_names(tag.as_str()).map(|_| (tag.range(), false))
        })
    };
    let found = byline.or_else(author);
    let Some((range, is_byline)) = found else {
        return;
    };
    let span = paragraph.text.span_of(range);
    let tag = paragraph.text.printed_slice(span).to_string();
    let kept = paragraph.text.printed_slice(Span::new(0, span.start)).to_string();
    let lines = paragraph.lines;
    if is_byline && article.byline.is_none() {
        set_byline(article, &tag);
    } else {
        article.notes.push(Note { label: "作者".to_string(), value: tag, lines });
    }
    article.paragraphs[last] = Paragraph::new(Text::new(kept), ParagraphRole::Body, lines, tokenizer);
}

/// A web copy's headline among the lines printed on top of its article (see `page_noise`);
/// the other lines become notes.
fn web_top(
    article: &mut Article,
    top: Vec<Heading>,
    adjacent: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Heading> {
    if top.is_empty() {
        return top;
    }
    let norms: Vec<String> = top.iter().map(|h| text::normalize(&h.text)).collect();
    let picked = page_noise::web_headings(&norms.iter().map(String::as_str).collect::<Vec<_>>(), adjacent);
    for &i in &picked.others {
        diagnostics.push(Diagnostic::new(
            Stage::Segment,
            DiagnosticKind::NotAHeadline,
            Location::Line(top[i].lines.first),
            format!("a line on top of a web copy that is not its headline; kept as a note: {}", top[i].text),
        ));
        let caption = CAPTION.is_match(&norms[i]) || page_noise::is_caption(&norms[i]);
        let label = if caption { "图片说明" } else { "附注" };
        article.notes.push(Note { label: label.to_string(), value: top[i].text.clone(), lines: top[i].lines });
    }
    let mut kept: Vec<Heading> = picked.headings.iter().map(|&h| top[h].clone()).collect();
    for heading in &mut kept {
        let printed = Text::new(heading.text.as_str());
        let from = printed.char_at_norm_byte(page_noise::column_tag_len(printed.norm()));
        heading.text = printed.printed_slice(Span::new(from, printed.len())).trim().to_string();
    }
    if let Some(s) = picked.subtitle {
        // Placed here, so that set_headings reads the lines before it as kicker and headline.
        article.subtitle = Some(top[s].clone());
    }
    kept
}

/// A line set aside from the article, kept as a note with no label of its own (`附注`).
fn aside(block: &Block) -> Note {
    Note { label: "附注".to_string(), value: block.text.trim().to_string(), lines: block.lines }
}

/// Lines on top of a web copy printed before navigation (a breadcrumb, a menu path) that
/// more top lines follow are the site's header (its name, its slogan), not headlines: kept
/// as notes.
fn site_header(article: &mut Article, header: Vec<usize>, blocks: &[Block], diagnostics: &mut Vec<Diagnostic>) {
    for h in header {
        let block = &blocks[h];
        diagnostics.push(Diagnostic::new(
            Stage::Segment,
            DiagnosticKind::SiteHeader,
            Location::Line(block.lines.first),
            format!("a line printed above a web copy's navigation; kept as a note: {}", block.text),
        ));
        article.notes.push(aside(block));
    }
}

/// The heading-like lines after a web copy's last paragraph: a paragraph the copy cut off
/// (running text) stays body, anything else is a trailer line, kept as a note.
fn web_trailer(
    article: &mut Article,
    lines: &[usize],
    blocks: &[Block],
    texts: &[Text],
    tokenizer: &Tokenizer,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for &h in lines {
        let (block, text) = (&blocks[h], &texts[h]);
        match page_noise::web_trailer(text.norm()) {
            page_noise::Trailing::CutParagraph => {
                article.paragraphs.push(Paragraph::new(text.clone(), ParagraphRole::Body, block.lines, tokenizer));
            }
            page_noise::Trailing::Trailer => {
                diagnostics.push(Diagnostic::new(
                    Stage::Segment,
                    DiagnosticKind::PageTrailer,
                    Location::Line(block.lines.first),
                    format!("a line after the last paragraph of a web copy; kept as a note: {}", block.text),
                ));
                article.notes.push(aside(block));
            }
        }
    }
}

fn heading_of(block: &Block) -> Heading {
    Heading { text: block.text.trim().to_string(), lines: block.lines }
}

/// Assigns a web page's headline lines when its markup says which is the headline (`k`): the
/// line before it is the kicker, the line after it the subtitle, and any other line a note.
fn set_marked_headings(article: &mut Article, group: &[Heading], k: usize) {
    for (i, h) in group.iter().enumerate() {
        match i {
            _ if i == k => article.headline = Some(h.clone()),
            _ if i + 1 == k => article.kicker = Some(h.clone()),
            _ if i == k + 1 => article.subtitle = Some(h.clone()),
            _ => article.notes.push(Note { label: "标题".to_string(), value: h.text.clone(), lines: h.lines }),
        }
    }
}

/// Assigns a group of headline lines, in printed order, to kicker, headline and subtitle.
fn set_headings(article: &mut Article, mut group: Vec<Heading>, diagnostics: &mut Vec<Diagnostic>, index: usize) {
    if group.len() > 3 {
        for extra in group.drain(..group.len() - 3) {
            diagnostics.push(Diagnostic::new(
                Stage::Segment,
                DiagnosticKind::ExtraHeading,
                Location::Line(extra.lines.first),
                format!("more than three headline lines for article {}; kept as a note: {}", index + 1, extra.text),
            ));
            article.notes.push(Note { label: "标题".to_string(), value: extra.text, lines: extra.lines });
        }
    }
    let is_subtitle = |h: &Heading| h.text.starts_with('—') || h.text.starts_with('-');
    let mut group = group.into_iter();
    match group.len() {
        0 => {}
        1 => article.headline = group.next(),
        2 => {
            let (first, second) = (group.next(), group.next());
            if second.as_ref().is_some_and(is_subtitle) {
                article.headline = first;
                article.subtitle = second;
            } else {
                article.kicker = first;
                article.headline = second;
            }
        }
        _ => {
            article.kicker = group.next();
            article.headline = group.next();
            article.subtitle = group.next();
        }
    }
}

/// Splits a paragraph into sentences at sentence-final punctuation (and the closing quotes
/// after it). The spans cover the text.
pub fn sentences(text: &Text) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut chars = text.norm().chars().peekable();
    let mut start = 0;
    // The number of characters read.
    let mut read = 0;
    while let Some(c) = chars.next() {
        read += 1;
        if text::is_sentence_final(c) {
            while chars.next_if(|&c| text::is_sentence_final(c) || text::is_closing(c)).is_some() {
                read += 1;
            }
            spans.push(Span::new(start, read));
            start = read;
        }
    }
    if start < read {
        spans.push(Span::new(start, read));
    }
    spans
}

#[cfg(test)]
mod tests;
