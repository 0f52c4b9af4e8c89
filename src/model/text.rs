//! Step 2 of the flow (model).
//!
//! Body text from content, split into paragraphs and lists. Editors write plain text: a
//! blank line starts a new paragraph, lines starting with `- ` form a list. Nothing here
//! is HTML; templates escape every string. A line starting with `## ` is a sub-heading;
//! it may end with `{#id}` to give its anchor an id that stays the same in every
//! language (otherwise the id is made from its text), so links can point at it.

use super::inline;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line starting with `## `: a sub-heading inside the body, with its anchor.
    Heading {
        id: String,
        text: String,
    },
    Paragraph(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks(pub Vec<Block>);

impl Blocks {
    pub fn parse(text: &str) -> Blocks {
        // A text left untranslated comes wrapped in marks as a whole (see
        // `content::translate`): each block is marked instead, so that every one of them,
        // shown on its own, still says so.
        if inline::is_untranslated(text) {
            let mut blocks = Blocks::parse(&inline::without_marks(text));
            for block in &mut blocks.0 {
                match block {
                    Block::Heading { text, .. } | Block::Paragraph(text) => {
                        *text = inline::untranslated(text);
                    }
                    Block::List(items) => {
                        for item in items {
                            *item = inline::untranslated(item);
                        }
                    }
                }
            }
            return blocks;
        }
        let mut blocks = Vec::new();
        for chunk in text.split("\n\n") {
            let lines: Vec<&str> = chunk
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if lines.is_empty() {
                continue;
            }
            let mut paragraph = String::new();
            let mut list: Vec<String> = Vec::new();
            for line in lines {
                if let Some(heading) = line.strip_prefix("## ") {
                    if !paragraph.is_empty() {
                        blocks.push(Block::Paragraph(std::mem::take(&mut paragraph)));
                    }
                    if !list.is_empty() {
                        blocks.push(Block::List(std::mem::take(&mut list)));
                    }
                    blocks.push(heading_block(heading.trim()));
                } else if let Some(item) = line.strip_prefix("- ") {
                    if !paragraph.is_empty() {
                        blocks.push(Block::Paragraph(std::mem::take(&mut paragraph)));
                    }
                    list.push(item.trim().to_string());
                } else {
                    if !list.is_empty() {
                        blocks.push(Block::List(std::mem::take(&mut list)));
                    }
                    // Japanese text joins wrapped lines without a space.
                    paragraph.push_str(line);
                }
            }
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(paragraph));
            }
            if !list.is_empty() {
                blocks.push(Block::List(list));
            }
        }
        Blocks(blocks)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Block> {
        self.0.iter()
    }
}

/// `訪問相談 {#home-visit}` → id `home-visit`; `What is not known` → `what-is-not-known`.
fn heading_block(line: &str) -> Block {
    if let Some(open) = line.rfind("{#")
        && let Some(id) = line[open + 2..].strip_suffix('}')
        && !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Block::Heading {
            id: id.to_string(),
            text: line[..open].trim_end().to_string(),
        };
    }
    let plain = inline::plain(line);
    let id = plain
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    Block::Heading {
        id,
        text: line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists() {
        let b = Blocks::parse("一行目\n続き\n\n- 項目1\n- 項目2\n後の段落\n");
        assert_eq!(
            b.0,
            vec![
                Block::Paragraph("一行目続き".into()),
                Block::List(vec!["項目1".into(), "項目2".into()]),
                Block::Paragraph("後の段落".into()),
            ]
        );
    }

    #[test]
    fn headings_split_paragraphs() {
        let b = Blocks::parse("前\n## 見出し\n後");
        assert_eq!(
            b.0,
            vec![
                Block::Paragraph("前".into()),
                Block::Heading {
                    id: "見出し".into(),
                    text: "見出し".into()
                },
                Block::Paragraph("後".into()),
            ]
        );
    }

    #[test]
    fn headings_carry_stable_ids() {
        let b = Blocks::parse("## 訪問相談 {#home-visit}\n## What is  Not known");
        assert_eq!(
            b.0,
            vec![
                Block::Heading {
                    id: "home-visit".into(),
                    text: "訪問相談".into()
                },
                Block::Heading {
                    id: "what-is-not-known".into(),
                    text: "What is  Not known".into()
                },
            ]
        );
    }

    #[test]
    fn each_block_of_an_untranslated_text_is_marked() {
        let text = inline::untranslated("前\n## 見出し {#heading}\n\n- 項目\n");
        let b = Blocks::parse(&text);
        assert_eq!(
            b.0,
            vec![
                Block::Paragraph(inline::untranslated("前")),
                Block::Heading {
                    id: "heading".into(),
                    text: inline::untranslated("見出し")
                },
                Block::List(vec![inline::untranslated("項目")]),
            ]
        );
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(Blocks::parse("\n\n  \n").is_empty());
    }
}
