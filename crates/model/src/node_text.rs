//! The words of a node. Most clauses read exactly as a slice of the text they were
//! parsed from: such words point into that text, shared by every node of the draft,
//! instead of being a copy of it. Words that clean-up changed (markup taken out, lines
//! joined) are a string of their own.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A node's words: a string slice that is either part of a shared source text or owned.
/// It reads as a `&str` everywhere (`Deref`), compares, hashes and serialises as one.
#[derive(Clone, Default)]
pub struct NodeText(Repr);

/// No words are an empty `Owned` (an empty box allocates nothing): two variants keep the
/// type as small as a `String`.
#[derive(Clone)]
enum Repr {
    /// A slice of `source`, its bounds kept in 32 bits so that the words take no more
    /// room than a `String` with its copy would (texts over 4 GiB are copied instead).
    Shared {
        source: Arc<str>,
        start: u32,
        len: u32,
    },
    Owned(Box<str>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Owned(Box::default())
    }
}

impl NodeText {
    /// The words at `range` of `source`, shared with it; one beyond 32 bits a copy. The
    /// range must be a slice of `source` on character boundaries (checked in debug
    /// builds; otherwise it gives empty words).
    pub fn shared(source: &Arc<str>, range: Range<usize>) -> Self {
        let slice = source.get(range.clone());
        debug_assert!(slice.is_some(), "{range:?} is not a slice of the source");
        let Some(slice) = slice else {
            return Self::default();
        };
        if slice.is_empty() {
            return Self::default();
        }
        match (u32::try_from(range.start), u32::try_from(slice.len())) {
            (Ok(start), Ok(len)) => Self(Repr::Shared {
                source: Arc::clone(source),
                start,
                len,
            }),
            _ => Self::from(slice),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Shared { source, start, len } => {
                let start = *start as usize;
                &source[start..start + *len as usize]
            }
            Repr::Owned(s) => s,
        }
    }

    /// Whether the words point into a shared source rather than being a copy.
    pub fn is_shared(&self) -> bool {
        matches!(self.0, Repr::Shared { .. })
    }
}

impl Deref for NodeText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for NodeText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for NodeText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for NodeText {
    fn from(s: String) -> Self {
        if s.is_empty() {
            Self::default()
        } else {
            Self(Repr::Owned(s.into_boxed_str()))
        }
    }
}

impl From<&str> for NodeText {
    fn from(s: &str) -> Self {
        if s.is_empty() {
            Self::default()
        } else {
            Self(Repr::Owned(s.into()))
        }
    }
}

impl From<NodeText> for String {
    fn from(t: NodeText) -> Self {
        match t.0 {
            Repr::Owned(s) => s.into_string(),
            _ => t.as_str().to_owned(),
        }
    }
}

impl fmt::Display for NodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for NodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for NodeText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for NodeText {}

impl PartialEq<str> for NodeText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for NodeText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for NodeText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<NodeText> for str {
    fn eq(&self, other: &NodeText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<NodeText> for &str {
    fn eq(&self, other: &NodeText) -> bool {
        *self == other.as_str()
    }
}

impl Hash for NodeText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for NodeText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NodeText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for NodeText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for NodeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_read_as_their_slice_of_the_source() {
        let source: Arc<str> = Arc::from("Article 1\nThe purpose of this Convention.");
        let t = NodeText::shared(&source, 10..41);
        assert!(t.is_shared());
        assert_eq!(t, "The purpose of this Convention.");
        assert_eq!(t.len(), 31);
        assert_eq!(t, NodeText::from("The purpose of this Convention."));
        assert_eq!(String::from(t.clone()), t.as_str());
        assert_eq!(format!("{t:?}"), "\"The purpose of this Convention.\"");
    }

    #[test]
    fn an_empty_range_gives_empty_owned_words() {
        let source: Arc<str> = Arc::from("é");
        let t = NodeText::shared(&source, 0..0);
        assert!(!t.is_shared());
        assert_eq!(t, "");
        assert_eq!(t, NodeText::default());
    }

    #[test]
    fn it_takes_the_room_of_a_string() {
        assert_eq!(
            std::mem::size_of::<NodeText>(),
            std::mem::size_of::<String>()
        );
    }
}
