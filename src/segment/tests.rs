use expect_test::{Expect, expect};

use super::*;
use crate::dewrap::dewrap;

/// Renders a segmented page the way a reader would describe it.
pub(crate) fn render(page: &Segmented) -> String {
    let mut out = String::new();
    for (i, a) in page.articles.iter().enumerate() {
        out.push_str(&format!("# article {}\n", i + 1));
        for (label, value) in [
            ("dateline", a.dateline.clone()),
            ("byline", a.byline.clone()),
            ("kicker", a.kicker.as_ref().map(|h| h.text.clone())),
            ("headline", a.headline.as_ref().map(|h| h.text.clone())),
            ("subtitle", a.subtitle.as_ref().map(|h| h.text.clone())),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("{label}: {v}\n"));
            }
        }
        for r in &a.reporters {
            out.push_str(&format!("reporter: {} {}\n", r.role, r.name));
        }
        for p in &a.paragraphs {
            out.push_str(&format!("{}: {}\n", p.role.as_str(), p.text.printed()));
        }
        for q in &a.pull_quotes {
            out.push_str(&format!("pull quote (paragraph {:?}): {}\n", q.source.map(|(p, _)| p + 1), q.text));
        }
        for n in &a.notes {
            out.push_str(&format!("note {}: {}\n", n.label, n.value));
        }
    }
    out
}

fn check(page: &str, expect: Expect) {
    let (dewrapped, _) = dewrap(page);
    let (segmented, _) = segment(&dewrapped, &Tokenizer::new());
    expect.assert_eq(&render(&segmented));
}
