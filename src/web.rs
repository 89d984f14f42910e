//! A saved web page into its article's blocks and the page's metadata.
//!
//! Input: the decoded text of an HTML document (any state of repair: the HTML5 parser builds
//! a tree from broken markup the way a browser does). Output: a [`WebPage`]: the article's
//! blocks in reading order, each with the element it came from, and the page's address, site
//! name, title and publication date; or [`NoArticle`] when the page holds no article (an
//! index, a login wall, an error page, navigation only).
//!
//! How the article is found, by one general rule (no rule knows a site):
//! - the document is laid out into text blocks as a browser breaks them: a block ends at
//!   every block-level element and at `<br>`; scripts, styles, forms' controls and hidden
//!   elements give none;
//! - each block of running text scores its container: one point, one per punctuation mark
//!   (，。、；！？), one per hundred characters (up to three); the element holding the text
//!   gets the score, its parent half, its grandparent a third. The container of the article
//!   is the element with the highest score once its share of link text is taken off
//!   (`score × (1 − link density)`), never an element whose tag, class or id says navigation,
//!   menu, footer, breadcrumb, share, print, comments, related links or copyright;
//! - in that container, blocks that are mostly link text (related links, 上一篇/下一篇),
//!   blocks inside such furniture, the page's own buttons and copyright lines are set aside,
//!   and so is everything after a 相关新闻-style heading; image captions (`figcaption`, a short
//!   line holding or following an image) are kept out of the body, as captions.
//!
//! Metadata comes, in this order, from the meta tags China's government website guidelines
//! make every government site carry (`ArticleTitle`, `PubDate`, `ContentSource`, `Url`,
//! `SiteName`, `ColumnName`) and the common `publishdate`; then Open Graph and
//! `article:published_time`; then JSON-LD (`NewsArticle`: `headline`, `datePublished`); then
//! the visible 发布时间 line (or the lone date nearest the headline); then `<title>`. The
//! headline is the title element (`h1`…, or an element called a title) whose text the
//! metadata or `<title>` agree with; else the metadata's title. A short line printed in an
//! element beside it, just before or after it, goes with it (引题 before, 副题 after).
//!
//! Bounded work: one walk over the tree (kept on an explicit stack, so nesting depth costs no
//! call stack), and the scores are summed over at most three ancestors per block.
//!
//! Not responsible for: decoding bytes (the reader does it), and telling headlines, datelines,
//! notes and paragraphs apart within the article (segment does, as for a text file).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use scraper::{Html, Node};

use crate::text;

/// What a block of a web page is, as its markup says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkupRole {
    /// The page's headline.
    Headline,
    /// A block of the article: a paragraph, a subheading, a note.
    Text,
    /// An image's caption.
    Caption,
}

/// A block of the article, with the element it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebBlock {
    pub text: String,
    /// The tag of the element holding the text (`p`, `h1`, `td`, `div` for text between `<br>`).
    pub element: String,
    pub role: MarkupRole,
}

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebMeta {
    /// The page's address: its canonical link, or the metadata's.
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where the publication date was read: `meta PubDate`, `JSON-LD datePublished`, `visible line` …
    pub published_from: Option<String>,
}

/// A web page read: its metadata and its article's blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebPage {
    pub meta: WebMeta,
    pub blocks: Vec<WebBlock>,
    /// Blocks inside the article's container that were kept out of it, with why.
    pub set_aside: Vec<(&'static str, String)>,
}

/// Why a web page holds no article.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoArticle {
    #[error("it has no text")]
    NoText,
    #[error("its text is links and navigation only (an index page, a menu)")]
    OnlyLinks,
    #[error("it has no paragraph of running text (a login, error or index page?)")]
    NoRunningText,
}

/// Whether a text holds an HTML document rather than plain text: it opens with a tag and
/// names the document's own elements near its start.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(4096).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<meta ", "<title"].iter().any(|tag| head.contains(tag))
}

/// The deepest nesting of elements a page may have. Browsers and the HTML5 tree builder look
/// through the stack of open elements at most tags, so a page nested tens of thousands deep
/// takes time that grows with the square of its depth; real pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 2_000;

/// Whether a document nests its elements deeper than [`MAX_DEPTH`], as its tags say (read by
/// the HTML tokenizer, in one pass): elements whose end tag may be left out (`p`, `li`, `td` …)
/// and void elements do not count, since the parser closes them itself.
pub fn too_deep(document: &str) -> bool {
    use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
    use std::cell::Cell;

    struct Depth {
        depth: Cell<usize>,
        deepest: Cell<usize>,
    }
    const SELF_CLOSED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup", "colgroup", "caption",
        "html", "head", "body", "rb", "rt", "rp", "rtc",
    ];
    impl TokenSink for Depth {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                let name: &str = &tag.name;
                if tag.self_closing || SELF_CLOSED.contains(&name) {
                    return TokenSinkResult::Continue;
                }
                match tag.kind {
                    TagKind::StartTag => {
                        self.depth.set(self.depth.get() + 1);
                        self.deepest.set(self.deepest.get().max(self.depth.get()));
                        let raw = match name {
                            "script" => Some(html5ever::tokenizer::states::RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                Some(html5ever::tokenizer::states::RawKind::Rawtext)
                            }
                            "textarea" | "title" => Some(html5ever::tokenizer::states::RawKind::Rcdata),
                            _ => None,
                        };
                        if let Some(kind) = raw {
                            return TokenSinkResult::RawData(kind);
                        }
                    }
                    TagKind::EndTag => self.depth.set(self.depth.get().saturating_sub(1)),
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Depth { depth: Cell::new(0), deepest: Cell::new(0) }, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(document.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.deepest.get() > MAX_DEPTH
}

/// Tags whose content is never text of the page.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "select", "option", "textarea", "button", "input", "svg",
    "canvas", "object", "embed", "video", "audio", "map", "head", "title", "meta", "link",
];

/// Tags that break text into blocks.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Tags that hold one paragraph: their text scores their parent, not themselves.
const PARAGRAPH_LIKE: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote", "pre"];

/// Tags that are page furniture whatever they hold.
const FURNITURE_TAGS: &[&str] = &["nav", "footer", "aside", "menu"];

/// Words in a class or id that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "foot",
    "crumb",
    "share",
    "bdshare",
    "print",
    "copyright",
    "related",
    "relate",
    "comment",
    "sidebar",
    "toolbar",
    "login",
    "banner",
    "qrcode",
    "advert",
    "pagination",
    "recommend",
    "hotnews",
];

/// Whole class or id words that mark page furniture.
const FURNITURE_NAMES: &[&str] = &["ad", "ads", "side", "top", "bottom", "tool", "tools", "search", "header", "links"];

/// The most text (outside links) an element named as furniture may hold and still be taken
/// for furniture.
const FURNITURE_MAX_TEXT: usize = 200;

/// One element met on the walk.
struct Elem<'a> {
    tag: &'a str,
    parent: Option<usize>,
    /// The last element inside it (pre-order index): its descendants are the elements after it
    /// up to here.
    end: usize,
    /// Its tag, class or id names page furniture.
    named_furniture: bool,
    /// It, or an element around it, is page furniture: named so, and holding little running
    /// text or mostly links (a container called `print` or `top` may hold the article).
    furniture: bool,
    /// Characters of text inside it, and of link text.
    chars: usize,
    link_chars: usize,
    score: f64,
    /// Its text, when it is short and may be a title (`h1`…, or called a title).
    title_like: bool,
}

/// A block of text met on the walk.
struct RawBlock {
    text: String,
    /// The element holding the text: the innermost block-level element around it.
    holder: usize,
    chars: usize,
    link_chars: usize,
    /// It holds an image, or follows one with nothing between.
    image: bool,
    /// Some of its text is inside an element that may be a title.
    title_like: bool,
}

/// Reads a web page: its article's blocks and its metadata.
pub fn read(document: &str) -> Result<WebPage, NoArticle> {
    let html = Html::parse_document(document);
    let (elems, blocks) = lay_out(&html);
    let mut meta = metadata(&html);
    let title_text = document_title(&html);
    if blocks.iter().all(|b| b.chars == 0) {
        return Err(NoArticle::NoText);
    }
    let headline = headline(&elems, &blocks, &meta, title_text.as_deref());
    if meta.title.is_none() {
        meta.title = headline.as_ref().map(|(_, h)| h.clone()).or_else(|| title_text.clone());
    }
    if meta.site.is_none() {
        meta.site = title_text.as_deref().and_then(|t| site_in_title(t, meta.title.as_deref()));
    }
    let container = container(&elems, &blocks).ok_or_else(|| {
        if blocks.iter().any(|b| b.chars > 0 && b.link_chars * 2 < b.chars) {
            NoArticle::NoRunningText
        } else {
            NoArticle::OnlyLinks
        }
    })?;
    let (body, set_aside) = article_blocks(&elems, &blocks, container);
    let running = body.iter().filter(|&&i| is_running_text(&blocks[i].text)).count();
    let han: usize = body.iter().map(|&i| blocks[i].text.chars().filter(|&c| text::is_han(c)).count()).sum();
    if running == 0 || han < MIN_ARTICLE_HAN {
        return Err(NoArticle::NoRunningText);
    }
    if meta.published.is_none() {
        let anchor = headline.as_ref().map_or(body[0], |(i, _)| *i);
        if let Some(date) = visible_date(&blocks, &body, anchor) {
            meta.published = Some(date);
            meta.published_from = Some("visible line".to_string());
        }
    }
    let mut out = Vec::new();
    let headline_at = headline.as_ref().map(|(i, _)| *i);
    let headline_text = headline.map(|(_, h)| h).or_else(|| meta.title.clone());
    if let Some(h) = &headline_text {
        // The container may hold the headline itself (with its kicker and subtitle round it).
        let inside = body.iter().take(4).any(|&i| same_title(&blocks[i].text, h));
        if !inside {
            let at = headline_at.filter(|&at| same_title(&blocks[at].text, h));
            let beside = |i: Option<usize>| i.filter(|&i| at.is_some_and(|at| printed_beside(&elems, &blocks, at, i)));
            let kicker = beside(at.and_then(|at| at.checked_sub(1)));
            let subtitle = beside(at.map(|at| at + 1)).filter(|&i| {
                matches!(elems[blocks[i].holder].tag, "h2" | "h3" | "h4" | "h5" | "h6")
                    || blocks[i].text.starts_with(['—', '-'])
            });
            if let Some(k) = kicker {
                out.push(WebBlock {
                    text: blocks[k].text.clone(),
                    element: elems[blocks[k].holder].tag.to_string(),
                    role: MarkupRole::Text,
                });
            }
            out.push(WebBlock { text: h.clone(), element: "title".to_string(), role: MarkupRole::Headline });
            if let Some(s) = subtitle {
                out.push(WebBlock {
                    text: blocks[s].text.clone(),
                    element: elems[blocks[s].holder].tag.to_string(),
                    role: MarkupRole::Text,
                });
            }
        }
    }
    for &i in &body {
        let b = &blocks[i];
        let element = elems[b.holder].tag.to_string();
        let caption = element == "figcaption" || (b.image && b.text.chars().count() <= 80 && !is_running_text(&b.text));
        let role = if caption {
            MarkupRole::Caption
        } else if headline_text.as_deref().is_some_and(|h| same_title(&b.text, h)) {
            MarkupRole::Headline
        } else {
            MarkupRole::Text
        };
        out.push(WebBlock { text: b.text.clone(), element, role });
    }
    Ok(WebPage { meta, blocks: out, set_aside })
}

/// Whether block `i` is a kicker or subtitle printed beside the headline (block `at`): in an
/// element beside the headline's (or beside the element around it), a line of eight Han characters or more that is no link, no
/// sentence, no date and no labelled note (来源：…).
fn printed_beside(elems: &[Elem], blocks: &[RawBlock], at: usize, i: usize) -> bool {
    let Some(b) = blocks.get(i) else { return false };
    // The headline's text may sit one element deeper (`<h1><div id="title">…`).
    let parent = elems[blocks[at].holder].parent;
    let around = [parent, parent.and_then(|p| elems[p].parent)];
    let siblings = elems[b.holder].parent.is_some() && around.contains(&elems[b.holder].parent);
    let han = b.text.chars().filter(|&c| text::is_han(c)).count();
    siblings
        && b.holder != blocks[at].holder
        && !elems[b.holder].furniture
        && (8..=40).contains(&han)
        && b.link_chars == 0
        && !text::ends_sentence(&b.text)
        && !b.text.contains(['：', ':'])
        && parse_date(&b.text).is_none()
}

/// The fewest Han characters an article's body holds.
const MIN_ARTICLE_HAN: usize = 40;

/// A block of running text: ten Han characters or more, with a comma or a full stop.
fn is_running_text(text: &str) -> bool {
    text.chars().filter(|&c| text::is_han(c)).count() >= 10 && text.contains(['，', '。', ',', '；'])
}

/// Two titles are the same, white space and a trailing full stop aside.
fn same_title(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let (a, b) = (squeeze(a), squeeze(b));
    !a.is_empty() && a == b
}

fn is_furniture_name(value: &str) -> bool {
    value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).any(|word| {
        let word = word.to_ascii_lowercase();
        FURNITURE_NAMES.contains(&word.as_str()) || FURNITURE_WORDS.iter().any(|f| word.contains(f))
    })
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Lays the document out into elements and text blocks, in document order.
fn lay_out(html: &Html) -> (Vec<Elem<'_>>, Vec<RawBlock>) {
    let mut elems: Vec<Elem> = Vec::new();
    let mut blocks: Vec<RawBlock> = Vec::new();
    // The open elements (indexes into `elems`), and the innermost block-level one of each.
    let mut open: Vec<usize> = Vec::new();
    let mut open_blocks: Vec<usize> = Vec::new();
    let mut links = 0usize;
    let mut titles = 0usize;
    let mut current: Option<RawBlock> = None;
    let mut image_pending = false;
    // Walk events: enter a node, or leave the element at the given index.
    enum Step<N> {
        Enter(N),
        Leave { elem: usize, block_level: bool, link: bool, title: bool },
    }
    let mut stack = vec![Step::Enter(html.tree.root())];
    let flush = |current: &mut Option<RawBlock>, blocks: &mut Vec<RawBlock>, image_pending: &mut bool| {
        if let Some(mut b) = current.take() {
            let trimmed = b.text.trim();
            if trimmed.is_empty() {
                *image_pending |= b.image;
                return;
            }
            b.text = trimmed.to_string();
            blocks.push(b);
        }
    };
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave { elem, block_level, link, title } => {
                if title {
                    titles -= 1;
                }
                if block_level {
                    flush(&mut current, &mut blocks, &mut image_pending);
                    open_blocks.pop();
                }
                if link {
                    links -= 1;
                }
                elems[elem].end = elems.len() - 1;
                open.pop();
                continue;
            }
            Step::Enter(node) => node,
        };
        match node.value() {
            Node::Text(t) => {
                let holder = match open_blocks.last() {
                    Some(&h) => h,
                    None => continue,
                };
                let b = current.get_or_insert_with(|| RawBlock {
                    text: String::new(),
                    holder,
                    chars: 0,
                    link_chars: 0,
                    image: std::mem::take(&mut image_pending),
                    title_like: false,
                });
                b.title_like |= titles > 0 && !t.trim().is_empty();
                let mut space = b.text.ends_with(' ');
                for c in t.chars() {
                    if c.is_whitespace() && c != '\u{3000}' {
                        if !space {
                            b.text.push(' ');
                            space = true;
                        }
                    } else {
                        b.text.push(c);
                        space = false;
                        if !c.is_whitespace() {
                            b.chars += 1;
                            if links > 0 {
                                b.link_chars += 1;
                            }
                        }
                    }
                }
            }
            Node::Element(el) => {
                let tag = el.name();
                if SKIPPED.contains(&tag) || is_hidden(el) {
                    continue;
                }
                if tag == "br" || tag == "hr" {
                    flush(&mut current, &mut blocks, &mut image_pending);
                    continue;
                }
                if tag == "img" {
                    match current.as_mut() {
                        Some(b) => b.image = true,
                        None => image_pending = true,
                    }
                    continue;
                }
                let block_level = BLOCK_LEVEL.contains(&tag);
                if block_level {
                    flush(&mut current, &mut blocks, &mut image_pending);
                }
                let parent = open.last().copied();
                let named =
                    el.attr("class").is_some_and(is_furniture_name) || el.attr("id").is_some_and(is_furniture_name);
                let title_like = matches!(tag, "h1" | "h2" | "h3")
                    || [el.attr("class"), el.attr("id")]
                        .into_iter()
                        .flatten()
                        .any(|v| v.to_ascii_lowercase().contains("title"));
                let index = elems.len();
                elems.push(Elem {
                    tag,
                    parent,
                    end: index,
                    named_furniture: FURNITURE_TAGS.contains(&tag) || named,
                    furniture: false,
                    chars: 0,
                    link_chars: 0,
                    score: 0.0,
                    title_like,
                });
                open.push(index);
                if block_level {
                    open_blocks.push(index);
                }
                let link = tag == "a";
                if link {
                    links += 1;
                }
                if title_like {
                    titles += 1;
                }
                stack.push(Step::Leave { elem: index, block_level, link, title: title_like });
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(Step::Enter));
            }
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, &mut image_pending);
    // Text and link text summed up the tree: a child comes after its parent.
    for b in &blocks {
        elems[b.holder].chars += b.chars;
        elems[b.holder].link_chars += b.link_chars;
    }
    for i in (0..elems.len()).rev() {
        if let Some(p) = elems[i].parent {
            elems[p].chars += elems[i].chars;
            elems[p].link_chars += elems[i].link_chars;
        }
    }
    for i in 0..elems.len() {
        let e = &elems[i];
        let own = e.named_furniture && ((e.chars - e.link_chars) < FURNITURE_MAX_TEXT || e.link_chars * 2 > e.chars);
        elems[i].furniture = own || e.parent.is_some_and(|p| elems[p].furniture);
    }
    (elems, blocks)
}

/// The element holding the article: the best score, its link text taken off.
fn container(elems: &[Elem], blocks: &[RawBlock]) -> Option<usize> {
    let mut scores: Vec<f64> = elems.iter().map(|e| e.score).collect();
    for b in blocks {
        if b.chars < 8 || b.link_chars * 2 >= b.chars || elems[b.holder].furniture {
            continue;
        }
        let punctuation = b.text.chars().filter(|c| matches!(c, '，' | '。' | '、' | '；' | '！' | '？' | ',')).count();
        let score = 1.0 + punctuation as f64 + (b.chars as f64 / 100.0).min(3.0);
        let mut at =
            if PARAGRAPH_LIKE.contains(&elems[b.holder].tag) { elems[b.holder].parent } else { Some(b.holder) };
        for level in 0..3 {
            let Some(e) = at else { break };
            scores[e] += score / [1.0, 2.0, 3.0][level];
            at = elems[e].parent;
        }
    }
    let mut best: Option<(f64, usize)> = None;
    for (i, e) in elems.iter().enumerate() {
        if e.furniture || scores[i] <= 0.0 || e.chars == 0 {
            continue;
        }
        let density = e.link_chars as f64 / e.chars as f64;
        let score = scores[i] * (1.0 - density);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// A web page's own buttons and lines: print, close, font size, share, previous and next,
/// copyright.
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[【\[]?(?:打印|关闭|关闭窗口|打印本页|返回顶部|收藏|分享|分享到|我要纠错|纠错|字号|字体|大|中|小|默认|放大|缩小|扫一扫|上一篇|下一篇|上一条|下一条|返回|顶部)[】\]]?(?:\s|[：:]|$)|版权所有|Copyright|©|ICP备|网站标识码|[京沪浙粤]公网安备|分享到[：:]?",
    )
    .expect("static pattern")
});

/// A heading after which a container lists other articles.
static RELATED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【\[]?(?:相关新闻|相关阅读|相关链接|相关报道|相关文章|延伸阅读|推荐阅读|热点推荐|更多阅读|猜你喜欢)[】\]]?\s*[：:]?\s*$")
        .expect("static pattern")
});

/// The container's blocks that are the article, and those set aside with why.
fn article_blocks(elems: &[Elem], blocks: &[RawBlock], container: usize) -> (Vec<usize>, Vec<(&'static str, String)>) {
    let (first, last) = (container, elems[container].end);
    let mut body = Vec::new();
    let mut set_aside = Vec::new();
    let mut related = false;
    for (i, b) in blocks.iter().enumerate() {
        if b.holder < first || b.holder > last {
            continue;
        }
        let why = if related {
            Some("after a related-articles heading")
        } else if RELATED_HEADING.is_match(&b.text) {
            related = true;
            Some("a related-articles heading")
        } else if elems[b.holder].furniture && !elems[container].furniture {
            Some("inside page furniture")
        } else if b.link_chars * 2 > b.chars {
            Some("mostly link text")
        } else if b.text.chars().count() <= 60 && FURNITURE_LINE.is_match(&b.text) {
            Some("a page button or copyright line")
        } else if b.chars == 0 {
            Some("no text")
        } else if b.text.chars().count() <= 40 && !b.text.chars().any(text::is_han) {
            Some("no Chinese text (a player's or a widget's)")
        } else {
            None
        };
        match why {
            Some(why) => set_aside.push((why, b.text.clone())),
            None => body.push(i),
        }
    }
    (body, set_aside)
}

/// The text of the document's `<title>`: the first that is not empty and not a placeholder.
fn document_title(html: &Html) -> Option<String> {
    let selector = scraper::Selector::parse("title").expect("static selector");
    html.select(&selector)
        .map(|t| squeeze(&t.text().collect::<String>()))
        .find(|t| !t.is_empty() && !t.contains("无标题") && !t.eq_ignore_ascii_case("untitled"))
}

/// White space collapsed to single spaces, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Separators between a page's title and its site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" - ", " – ", " — ", "--", "——", "－", "_", " | ", "|", "-"];

/// The site's name in `<title>`: what stands beside the page's title, after a separator or
/// before it.
fn site_in_title(doc_title: &str, title: Option<&str>) -> Option<String> {
    let rest = match title {
        Some(t) if doc_title.starts_with(t) => &doc_title[t.len()..],
        Some(t) if doc_title.len() > t.len() && doc_title.ends_with(t) => &doc_title[..doc_title.len() - t.len()],
        _ => {
            let at = TITLE_SEPARATORS.iter().filter_map(|s| doc_title.find(s)).min()?;
            &doc_title[at..]
        }
    };
    let parts: Vec<&str> =
        rest.split(['-', '_', '|', '－', '–', '—']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let site = if doc_title.starts_with(rest) { parts.first() } else { parts.last() };
    site.map(|s| s.to_string())
}

/// The headline: the block of a title element the metadata or `<title>` agree with (its
/// index and text).
fn headline(elems: &[Elem], blocks: &[RawBlock], meta: &WebMeta, doc_title: Option<&str>) -> Option<(usize, String)> {
    let squeezed = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let meta_title = meta.title.as_deref().map(squeezed);
    let doc_title = doc_title.map(squeezed);
    let mut best: Option<(usize, usize, String)> = None;
    for (i, b) in blocks.iter().enumerate() {
        let mut at = Some(b.holder);
        let mut title_like = b.title_like;
        for _ in 0..3 {
            let Some(e) = at else { break };
            title_like |= elems[e].title_like;
            at = elems[e].parent;
        }
        let text = squeezed(&b.text);
        let n = text.chars().count();
        if !title_like || !(4..=100).contains(&n) || b.link_chars * 2 > b.chars {
            continue;
        }
        let agrees = match (&meta_title, &doc_title) {
            (Some(m), _) if *m == text => true,
            (_, Some(d)) => d.starts_with(&text) || (n >= 8 && d.contains(&text)),
            _ => false,
        };
        if agrees && best.as_ref().is_none_or(|(_, len, _)| n > *len) {
            best = Some((i, n, b.text.clone()));
        }
    }
    if let Some((i, _, text)) = best {
        return Some((i, text));
    }
    let fallback = meta.title.clone().or_else(|| {
        let d = doc_title?;
        let at = TITLE_SEPARATORS.iter().filter_map(|s| d.find(s)).filter(|&at| at > 0).min().unwrap_or(d.len());
        Some(d[..at].trim().to_string())
    })?;
    let at = blocks.iter().position(|b| same_title(&b.text, &fallback)).unwrap_or(0);
    Some((at, fallback))
}

/// A date as pages print it: `2024-05-09`, `2024/5/9`, `2024年05月09日`, `2024.05.09`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})(?:\s*日)?(?:[^\d]|$)")
        .expect("static pattern")
});

/// A labelled publication date on the page.
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布时间|发布日期|发表时间|发表日期|发稿时间|时间|日期)\s*[：:]?\s*((?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})")
        .expect("static pattern")
});

/// The first date in a text.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    DATE.captures_iter(text)
        .find_map(|c| NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// The publication date the page shows: a labelled one (发布时间：…) nearest the headline, else
/// a short line holding a date, nearest the headline; never a date in the article's text.
fn visible_date(blocks: &[RawBlock], body: &[usize], anchor: usize) -> Option<NaiveDate> {
    let mut labelled: Option<(usize, NaiveDate)> = None;
    let mut lone: Option<(usize, NaiveDate)> = None;
    for (i, b) in blocks.iter().enumerate() {
        if body.binary_search(&i).is_ok() && is_running_text(&b.text) {
            continue;
        }
        let distance = i.abs_diff(anchor) * 2 + usize::from(i < anchor);
        if let Some(c) = LABELLED_DATE.captures(&b.text)
            && let Some(date) = parse_date(&c[1])
        {
            if labelled.is_none_or(|(d, _)| distance < d) {
                labelled = Some((distance, date));
            }
            continue;
        }
        if b.text.chars().count() <= 60
            && let Some(date) = parse_date(&b.text)
            && lone.is_none_or(|(d, _)| distance < d)
        {
            lone = Some((distance, date));
        }
    }
    labelled.or(lone).map(|(_, d)| d)
}

/// The page's metadata, from its meta tags, links, JSON-LD and the comment a saver left.
fn metadata(html: &Html) -> WebMeta {
    let mut meta = WebMeta::default();
    // name → content, lower-cased names, first one wins.
    let mut tags: Vec<(String, String)> = Vec::new();
    let selector = scraper::Selector::parse("meta").expect("static selector");
    for m in html.select(&selector) {
        let Some(content) = m.attr("content").map(squeeze).filter(|c| !c.is_empty()) else { continue };
        for key in ["name", "property", "itemprop"] {
            if let Some(name) = m.attr(key) {
                tags.push((name.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    let tag = |names: &[&str]| -> Option<(String, String)> {
        names.iter().find_map(|n| tags.iter().find(|(k, _)| k == n).map(|(k, v)| (k.clone(), v.clone())))
    };
    let ld = json_ld(html);
    meta.title = tag(&["articletitle", "og:title"]).map(|(_, v)| v).or_else(|| ld.headline.clone());
    let dated =
        tag(&["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "og:article:published_time"])
            .and_then(|(k, v)| parse_date(&v).map(|d| (d, format!("meta {k}"))))
            .or_else(|| ld.date.as_deref().and_then(parse_date).map(|d| (d, "JSON-LD datePublished".to_string())));
    if let Some((date, from)) = dated {
        meta.published = Some(date);
        meta.published_from = Some(from);
    }
    let canonical = scraper::Selector::parse("link[rel=canonical]").expect("static selector");
    let absolute = |u: &str| u.starts_with("http://") || u.starts_with("https://");
    meta.url = html
        .select(&canonical)
        .filter_map(|l| l.attr("href"))
        .map(str::trim)
        .find(|u| absolute(u))
        .map(str::to_string)
        .or_else(|| tag(&["url", "og:url"]).map(|(_, v)| v).filter(|u| absolute(u)))
        .or_else(|| ld.url.clone().filter(|u| absolute(u)))
        .or_else(|| saved_from(html));
    meta.site = tag(&["sitename", "og:site_name"]).map(|(_, v)| v).or_else(|| ld.publisher.clone());
    meta
}

/// What a page's JSON-LD says of its article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
}

fn json_ld(html: &Html) -> LinkedData {
    let selector = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).expect("static selector");
    let mut found = LinkedData::default();
    for script in html.select(&selector) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text().collect::<String>()) else { continue };
        let mut items = vec![&value];
        let mut i = 0;
        while i < items.len() && i < 64 {
            let item = items[i];
            i += 1;
            match item {
                serde_json::Value::Array(xs) => items.extend(xs.iter()),
                serde_json::Value::Object(o) => {
                    if let Some(graph) = o.get("@graph") {
                        items.push(graph);
                    }
                    let kind = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    if !kind.contains("Article") {
                        continue;
                    }
                    let text = |k: &str| o.get(k).and_then(|v| v.as_str()).map(squeeze).filter(|s| !s.is_empty());
                    found.headline = found.headline.or_else(|| text("headline"));
                    found.date = found.date.or_else(|| text("datePublished"));
                    found.url = found.url.or_else(|| text("url")).or_else(|| {
                        o.get("mainEntityOfPage")
                            .and_then(|m| m.get("@id"))
                            .and_then(|v| v.as_str())
                            .map(str::to_string)
                    });
                    found.publisher = found.publisher.or_else(|| {
                        o.get("publisher").and_then(|p| p.get("name")).and_then(|v| v.as_str()).map(squeeze)
                    });
                }
                _ => {}
            }
        }
    }
    found
}

/// The address a saver wrote in a comment at the document's start (`<!-- saved from
/// url=(0054)http://… -->`, `<!--http://…-->`).
fn saved_from(html: &Html) -> Option<String> {
    let mut nodes = vec![html.tree.root()];
    let mut seen = 0;
    while let Some(node) = nodes.pop() {
        seen += 1;
        if seen > 64 {
            break;
        }
        match node.value() {
            Node::Comment(c) => {
                let c = c.trim();
                let rest = c.split_once("url=").map_or(c, |(_, r)| r.trim_start_matches(|ch: char| ch != 'h'));
                if rest.starts_with("http://") || rest.starts_with("https://") {
                    return rest.split_whitespace().next().map(str::to_string);
                }
            }
            Node::Element(e) if matches!(e.name(), "html" | "head") => {
                let children: Vec<_> = node.children().collect();
                nodes.extend(children.into_iter().rev());
            }
            Node::Document => {
                let children: Vec<_> = node.children().collect();
                nodes.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    /// The page's metadata and blocks, one line each: `role element text`.
    fn check(document: &str, expect: Expect) {
        let shown = match read(document) {
            Ok(page) => {
                let m = &page.meta;
                let mut lines = vec![format!(
                    "url={} site={} title={} published={} ({})",
                    m.url.as_deref().unwrap_or("-"),
                    m.site.as_deref().unwrap_or("-"),
                    m.title.as_deref().unwrap_or("-"),
                    m.published.map_or("-".to_string(), |d| d.to_string()),
                    m.published_from.as_deref().unwrap_or("-"),
                )];
                lines.extend(page.blocks.iter().map(|b| format!("{:?} {} {}", b.role, b.element, b.text)));
                lines.join("\n")
            }
            Err(e) => format!("no article: {e}"),
        };
        expect.assert_eq(&shown);
    }

    const BODY: &str = "<p>区政府常务会议4月1日召开，区长王刚主持会议，研究部署城市更新工作。</p><p>会议指出，要抓好落实，确保各项任务按期完成，让群众有更多获得感。</p>";

    #[test]
    fn guideline_meta_tags_come_before_open_graph_and_the_title() {
        check(
            &format!(
                r#"<html><head><meta name="ArticleTitle" content="区政府召开常务会议"><meta name="PubDate" content="2024-04-02 08:30">
<meta property="og:title" content="另一个标题"><meta property="article:published_time" content="2020-01-01">
<meta name="Maketime" content="2025-05-05 10:00:00"><meta name="SiteName" content="某区政府网"><meta name="Url" content="http://example.gov.cn/a.html">
<title>区政府召开常务会议_某区政府网</title></head><body><div class="nav"><a href="/">首页</a></div><h1>区政府召开常务会议</h1>
<div class="content">{BODY}</div><div class="footer">版权所有 某区政府</div></body></html>"#
            ),
            expect![[r#"
                url=http://example.gov.cn/a.html site=某区政府网 title=区政府召开常务会议 published=2024-04-02 (meta pubdate)
                Headline title 区政府召开常务会议
                Text p 区政府常务会议4月1日召开，区长王刚主持会议，研究部署城市更新工作。
                Text p 会议指出，要抓好落实，确保各项任务按期完成，让群众有更多获得感。"#]],
        );
    }

    #[test]
    fn json_ld_and_the_visible_line_give_the_date_when_no_meta_tag_does() {
        check(
            &format!(
                r#"<html><head><title>会议召开 - 某日报</title><script type="application/ld+json">{{"@type":"NewsArticle","headline":"会议召开","datePublished":"2024-04-03T07:00:00+08:00"}}</script></head>
<body><h1>会议召开</h1><div>2024-04-09 10:00</div><article>{BODY}</article></body></html>"#
            ),
            expect![[r#"
                url=- site=某日报 title=会议召开 published=2024-04-03 (JSON-LD datePublished)
                Headline title 会议召开
                Text p 区政府常务会议4月1日召开，区长王刚主持会议，研究部署城市更新工作。
                Text p 会议指出，要抓好落实，确保各项任务按期完成，让群众有更多获得感。"#]],
        );
        check(
            &format!(
                r#"<html><head><title>会议召开_某网</title></head><body><div class="top">今天是2024年5月1日</div><div class="title">会议召开</div>
<div class="info">发布时间：2024-04-02 来源：某报</div><div id="zoom">{BODY}</div></body></html>"#
            ),
            expect![[r#"
                url=- site=某网 title=会议召开 published=2024-04-02 (visible line)
                Headline title 会议召开
                Text p 区政府常务会议4月1日召开，区长王刚主持会议，研究部署城市更新工作。
                Text p 会议指出，要抓好落实，确保各项任务按期完成，让群众有更多获得感。"#]],
        );
    }

    #[test]
    fn br_separated_text_captions_related_links_and_buttons() {
        check(
            r#"<html><head><title>会议召开</title></head><body><ul class="menu"><li><a href="/">首页</a></li><li><a href="/x">新闻</a></li></ul>
<div id="content"><p><img src="a.jpg"></p><p>会议现场</p>
　　区政府常务会议4月1日召开，区长王刚主持会议。<br><br>　　会议指出，要抓好落实，确保各项任务按期完成。<br>
<table><tr><td>项目</td><td>金额</td></tr></table>
<p>上一篇：<a href="/1">某某工作会议召开</a></p>
<p>相关新闻</p><p><a href="/2">城市更新工作推进会召开，研究部署下一阶段工作</a></p><p>【打印本页】</p></div></body></html>"#,
            expect![[r#"
                url=- site=- title=会议召开 published=- (-)
                Headline title 会议召开
                Caption p 会议现场
                Text div 区政府常务会议4月1日召开，区长王刚主持会议。
                Text div 会议指出，要抓好落实，确保各项任务按期完成。
                Text td 项目
                Text td 金额"#]],
        );
    }

    #[test]
    fn a_kicker_and_a_subtitle_printed_beside_the_headline_go_with_it() {
        check(
            &format!(
                r#"<html><head><title>区政府召开常务会议_某网</title></head><body><div class="main"><p class="p1">区政府推行城市更新三年行动计划</p>
<h1><div id="t">区政府召开常务会议</div></h1><h3>研究部署近期城市更新重点工作安排</h3><div class="info">2024-04-02 来源：某报</div>
<div id="zoom">{BODY}</div></div></body></html>"#
            ),
            expect![[r#"
                url=- site=某网 title=区政府召开常务会议 published=2024-04-02 (visible line)
                Text p 区政府推行城市更新三年行动计划
                Headline title 区政府召开常务会议
                Text h3 研究部署近期城市更新重点工作安排
                Text p 区政府常务会议4月1日召开，区长王刚主持会议，研究部署城市更新工作。
                Text p 会议指出，要抓好落实，确保各项任务按期完成，让群众有更多获得感。"#]],
        );
    }

    #[test]
    fn pages_without_an_article_are_told_apart() {
        check("<html><body></body></html>", expect!["no article: it has no text"]);
        check(
            r#"<html><body><ul><li><a href="/1">市政府召开常务会议研究部署近期工作</a></li><li><a href="/2">区领导调研城市更新项目推进情况</a></li></ul></body></html>"#,
            expect!["no article: its text is links and navigation only (an index page, a menu)"],
        );
        check(
            r#"<html><body><form><p>请登录后查看全文。</p><input name="user"></form></body></html>"#,
            expect!["no article: it has no paragraph of running text (a login, error or index page?)"],
        );
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_stall_or_crash() {
        let deep = format!("<html><body>{}{BODY}{}</body></html>", "<div>".repeat(50_000), "</div>".repeat(10));
        assert!(too_deep(&deep));
        let nested = format!("<html><body>{}{BODY}{}</body></html>", "<div><span>".repeat(900), "</div>".repeat(10));
        assert!(!too_deep(&nested));
        let page = read(&nested).expect("an article");
        assert_eq!(page.blocks.len(), 2);
        // Tags inside a script are its text.
        let script = format!("<html><body><script>{}</script>{BODY}</body></html>", "<div>".repeat(5_000));
        assert!(!too_deep(&script));
        let many_paragraphs = format!("<html><body>{}</body></html>", "<p>会议指出，要抓好落实。".repeat(5_000));
        assert!(!too_deep(&many_paragraphs));
        let broken = format!(
            "<html><body><p>区政府常务会议&amp;召开&#x4F1A;&nbsp;<b><i>区长王刚主持会议，研究部署工作</b></i><p>{BODY}<table><td>"
        );
        assert!(read(&broken).is_ok());
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("\u{feff}<!DOCTYPE html><html>"));
        assert!(looks_like_html("<!--http://example.cn/a.html-->\n<html><head>"));
        assert!(!looks_like_html("本报讯 <记者> 区政府常务会议召开。"));
        assert!(!looks_like_html("<2024> 工作要点"));
    }
}
