//! Which annotations a reader wants: by clause, tag, author, stance, draft or words. One
//! filter for listings, exports and the viewer's commentary pane.

use treaty_model::ClauseId;

use crate::format::{Annotation, Stance};

/// Which annotations to keep; an empty filter keeps all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The clause or anything inside it.
    pub clause: Option<ClauseId>,
    /// A tag, in any case.
    pub tag: Option<String>,
    /// A part of the author's name, in any case.
    pub author: Option<String>,
    pub stance: Option<Stance>,
    /// The draft it was written against.
    pub version: Option<String>,
    /// Words found in the author, a tag or the body, in any case.
    pub words: Option<String>,
}

/// A filter query that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(String);

fn has(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

impl Filter {
    pub fn matches(&self, a: &Annotation) -> bool {
        self.clause
            .as_ref()
            .is_none_or(|c| c == &a.clause || c.contains(&a.clause))
            && self
                .tag
                .as_deref()
                .is_none_or(|t| a.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
            && self.author.as_deref().is_none_or(|w| has(&a.author, w))
            && self.stance.is_none_or(|s| s == a.stance)
            && self.version.as_deref().is_none_or(|v| v == a.version)
            && self.words.as_deref().is_none_or(|w| {
                has(&a.author, w) || a.tags.iter().any(|t| has(t, w)) || has(&a.body, w)
            })
    }

    /// Whether it keeps only some annotations by what they say (tag, author, stance,
    /// words), as opposed to where they are.
    pub fn narrows_content(&self) -> bool {
        self.tag.is_some() || self.author.is_some() || self.stance.is_some() || self.words.is_some()
    }

    /// Read a query as a reader types it: `author:EFF`, `tag:data-protection`,
    /// `stance:concern`, or words; an empty query keeps everything.
    pub fn parse_query(query: &str) -> Result<Self, QueryError> {
        let q = query.trim();
        let mut f = Self::default();
        if q.is_empty() {
            return Ok(f);
        }
        let value = |v: &str, what: &str| {
            let v = v.trim();
            if v.is_empty() {
                Err(QueryError(format!("write the {what} after the colon")))
            } else {
                Ok(v.to_owned())
            }
        };
        if let Some(x) = q.strip_prefix("author:") {
            f.author = Some(value(x, "author")?);
        } else if let Some(x) = q.strip_prefix("tag:") {
            f.tag = Some(value(x, "tag")?);
        } else if let Some(x) = q.strip_prefix("stance:") {
            f.stance = Some(value(x, "stance")?.parse().map_err(QueryError)?);
        } else {
            f.words = Some(q.to_owned());
        }
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(author: &str, tags: &[&str], stance: Stance, body: &str) -> Annotation {
        let src = format!(
            "[[annotation]]\nid = \"x\"\nclause = \"5.1\"\nversion = \"final\"\nauthor = \"{author}\"\ndate = \"2024\"\ntags = [{}]\nstance = \"{}\"\nbody = \"{body}\"\n",
            tags.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", "),
            stance.as_str()
        );
        let file = crate::load(&src);
        assert!(file.problems.is_empty(), "{:?}", file.problems);
        file.annotations.into_iter().next().expect("one")
    }

    #[test]
    fn queries_read_as_fields_or_words() -> Result<(), QueryError> {
        let a = note(
            "Electronic Frontier Foundation",
            &["Data-Protection"],
            Stance::Concern,
            "Too broad.",
        );
        for (q, keeps) in [
            ("", true),
            ("author:frontier", true),
            ("author:HRW", false),
            ("tag:data-protection", true),
            ("tag:data", false),
            ("stance:concern", true),
            ("stance:support", false),
            ("broad", true),
            ("protection", true),
            ("narrow", false),
        ] {
            assert_eq!(Filter::parse_query(q)?.matches(&a), keeps, "{q}");
        }
        Ok(())
    }

    #[test]
    fn a_bad_query_is_refused() {
        assert!(Filter::parse_query("stance:bogus").is_err());
        assert!(Filter::parse_query("author: ").is_err());
    }

    #[test]
    fn clause_and_version_narrow_by_place() {
        let a = note("A", &[], Stance::Note, "b");
        let inside = Filter {
            clause: Some("5".parse().expect("id")),
            ..Filter::default()
        };
        assert!(inside.matches(&a));
        let elsewhere = Filter {
            clause: Some("5.2".parse().expect("id")),
            ..Filter::default()
        };
        assert!(!elsewhere.matches(&a));
        let draft = Filter {
            version: Some("zero".into()),
            ..Filter::default()
        };
        assert!(!draft.matches(&a));
    }
}
